"""Locust profile of the sandbox CRM: a working day of sales people and their managers.

golive runs it with the shape of a rollout phase (``golive run --suite load``); it also
runs on its own against a sandbox started with ``golive sandbox``::

    export GOLIVE_SANDBOX_SALES_PASSWORD=... GOLIVE_SANDBOX_SALES2_PASSWORD=...
    export GOLIVE_SANDBOX_MANAGER_PASSWORD=...
    locust -f perf/crm.py --host http://127.0.0.1:8000 --headless -u 20 -r 10 -t 60s

Each simulated user logs in with its role's account (passwords from the same
environment variables as the UAT scenarios) and works through the platform's API.
Request names are the business names that acceptance.yaml's thresholds use
("提交订单"), so a threshold reads the way the business talks. The data comes from
fixtures/factories.py (Faker), stamped with the run id like the UAT data.
"""

from __future__ import annotations

import itertools
import os
import random
import sys
import uuid
from pathlib import Path
from typing import Any

from locust import FastHttpUser, between, task
from locust.exception import StopUser

# the project's root, for fixtures/ when Locust runs this file on its own
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fixtures.factories import CrmData

RUN_ID = os.environ.get("GOLIVE_RUN_ID", "locust")
SEED = int(os.environ.get("GOLIVE_SEED", "0"))
THINK = [float(s) for s in os.environ.get("GOLIVE_LOAD_THINK", "1,3").split(",")]
_users = itertools.count(1)


def password(username: str) -> str:
    variable = f"GOLIVE_SANDBOX_{username.upper()}_PASSWORD"
    value = os.environ.get(variable)
    if not value:
        raise StopUser(f"{variable} is not set: the password of {username}")
    return value


class CrmUser(FastHttpUser):
    """Logs in through the API and keeps its own token, like a browser keeps a cookie."""

    abstract = True
    accounts: tuple[str, ...] = ()
    wait_time = between(THINK[0], THINK[-1])

    def on_start(self) -> None:
        self.data = CrmData(SEED, RUN_ID, f"load-{next(_users)}")
        username = random.choice(self.accounts)
        with self.client.post(
            "/api/token",
            json={"username": username, "password": password(username)},
            name="登录",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"{username} could not log in: HTTP {response.status_code}")
                raise StopUser()
            token = response.json()["token"]
        self.auth = {"Authorization": f"Bearer {token}"}

    def get(self, path: str, name: str) -> Any:
        """GET ``path`` as this user; None when it failed (Locust counted the failure)."""
        with self.client.get(path, headers=self.auth, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                return None
            return response.json()


class Salesperson(CrmUser):
    """Searches leads, looks at customers, records leads and places orders."""

    weight = 4
    accounts = ("sales", "sales2")

    def on_start(self) -> None:
        super().on_start()
        customers = self.get("/api/customers?page_size=50", "浏览客户") or {"items": []}
        self.customers = [c["id"] for c in customers["items"]]
        self.products = self.get("/api/products", "产品列表") or []

    @task(5)
    def search_leads(self) -> None:
        word = self.data.fakers["zh"].last_name()
        self.get(f"/api/leads?q={word}&page_size=20", "搜索线索")

    @task(3)
    def open_customer(self) -> None:
        if self.customers:
            self.get(f"/api/customers/{random.choice(self.customers)}", "打开客户")

    @task(1)
    def record_lead(self) -> None:
        lead = self.data.lead()
        self.client.post(
            "/api/leads",
            headers=self.auth,
            name="录入线索",
            json={
                "name": lead.name,
                "company": lead.company,
                "phone": lead.phone,
                "email": lead.email,
                "note": lead.note,
            },
        )

    @task(2)
    def place_order(self) -> None:
        if not (self.customers and self.products):
            return
        product = random.choice(self.products)
        self.client.post(
            "/api/orders",
            headers={**self.auth, "Idempotency-Key": str(uuid.uuid4())},
            name="提交订单",
            json={
                "customer_id": random.choice(self.customers),
                "lines": [
                    {
                        "product_id": product["id"],
                        "quantity": random.randint(1, 20),
                        "unit_price": product["unit_price"],
                    }
                ],
                "note": self.data.order_note(),
                "submit": True,
            },
        )

    @task(1)
    def dashboard(self) -> None:
        self.get("/api/dashboard", "工作台")


class Manager(CrmUser):
    """Approves submitted orders and watches the dashboard."""

    weight = 1
    accounts = ("manager",)

    @task(3)
    def approve_order(self) -> None:
        waiting = self.get("/api/orders?status=submitted&page_size=20", "待审批订单")
        if not waiting or not waiting["items"]:
            return
        order = random.choice(waiting["items"])
        with self.client.post(
            f"/api/orders/{order['id']}/approve",
            headers=self.auth,
            name="审批订单",
            catch_response=True,
        ) as response:
            # 409: another manager decided it a moment earlier, which is normal work
            if response.status_code in (200, 409):
                response.success()
            else:
                response.failure(f"HTTP {response.status_code}")

    @task(2)
    def dashboard(self) -> None:
        self.get("/api/dashboard", "工作台")
