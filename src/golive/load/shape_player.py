"""The load shape golive hands to Locust: stages of users over time, then a stop.

golive passes the stages of the phase's shape (golive.toml [load.shapes]) in the
environment variable GOLIVE_LOAD_STAGES as JSON, ``[[end_second, users, spawn_rate],
...]``, and adds this file to the project's profile (``locust -f perf/crm.py,<this file>``).
It runs only inside Locust's process: nothing in golive imports it (importing locust
patches the process with gevent).
When the last stage ends, tick() returns None and Locust stops by itself.
"""

from __future__ import annotations

import json
import os

from locust import LoadTestShape


class StagedShape(LoadTestShape):
    """Plays back GOLIVE_LOAD_STAGES; without it, refuses to run unbounded."""

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        raw = os.environ.get("GOLIVE_LOAD_STAGES")
        if not raw:
            raise SystemExit(
                "golive's shape player needs GOLIVE_LOAD_STAGES (golive sets it); to run "
                "a profile by hand, leave it out: locust -f perf/crm.py -u 20 -r 10 -t 60s"
            )
        self.stages = [
            (float(end), int(users), float(rate)) for end, users, rate in json.loads(raw)
        ]

    def tick(self) -> tuple[int, float] | None:
        elapsed = self.get_run_time()  # type: ignore[no-untyped-call]
        for end, users, rate in self.stages:
            if elapsed < end:
                return users, rate
        return None
