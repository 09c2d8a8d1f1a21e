"""The locustfile of bench/load_generator.py: one GET, no think time, as fast as it goes."""

from __future__ import annotations

from locust import FastHttpUser, constant, task


class Hammer(FastHttpUser):
    wait_time = constant(0)

    @task
    def fixed(self) -> None:
        self.client.get("/", name="fixed")
