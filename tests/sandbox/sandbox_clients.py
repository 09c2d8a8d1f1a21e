"""HTTP helpers for the sandbox tests: sign in as a role through the API or the login form.

The tests reach the sandbox only over HTTP and a browser, as golive reaches any platform.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx
from playwright.sync_api import BrowserContext, Page

USERS = ("admin", "manager", "sales", "sales2", "viewer")
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]*)"')
TIMEOUT = 15.0


def csrf_from(html: str) -> str:
    """The CSRF token of the first form on a page."""
    match = CSRF_RE.search(html)
    assert match, "no csrf_token field on the page"
    return match.group(1)


@dataclass
class WebSession:
    """A browser-like client signed in through the login form."""

    client: httpx.Client
    csrf: str

    def post_form(
        self, path: str, data: Mapping[str, str], *, csrf: str | None = None
    ) -> httpx.Response:
        """POST a form with the session's CSRF token (or the given one)."""
        return self.client.post(
            path, data={"csrf_token": self.csrf if csrf is None else csrf, **data}
        )

    def api(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """Call the API with the session cookie and the X-CSRF-Token header."""
        headers = {"X-CSRF-Token": self.csrf, **kwargs.pop("headers", {})}
        return self.client.request(method, path, headers=headers, **kwargs)


@dataclass
class Sandbox:
    """A running sandbox and the passwords of its seeded users."""

    base_url: str
    passwords: dict[str, str]
    _tokens: dict[str, str] = field(default_factory=dict)
    _clients: list[httpx.Client] = field(default_factory=list)

    def anonymous(self) -> httpx.Client:
        """A client with no session, that does not follow redirects."""
        client = httpx.Client(base_url=self.base_url, timeout=TIMEOUT, follow_redirects=False)
        self._clients.append(client)
        return client

    def token(self, user: str) -> str:
        """A bearer token for a seeded user (one per user, reused)."""
        if user not in self._tokens:
            response = httpx.post(
                f"{self.base_url}/api/token",
                timeout=TIMEOUT,
                json={"username": user, "password": self.passwords[user]},
            )
            assert response.status_code == 200, response.text
            self._tokens[user] = response.json()["token"]
        return self._tokens[user]

    def api(self, user: str) -> httpx.Client:
        """A client that authenticates with a bearer token."""
        client = self.anonymous()
        client.headers["Authorization"] = f"Bearer {self.token(user)}"
        return client

    def web(self, user: str) -> WebSession:
        """A client signed in through the login form, with the page's CSRF token."""
        client = self.anonymous()
        login_page = client.get("/login")
        response = client.post(
            "/login",
            data={
                "username": user,
                "password": self.passwords[user],
                "next": "/",
                "csrf_token": csrf_from(login_page.text),
            },
        )
        assert response.status_code == 303, response.text
        home = client.get("/")
        assert home.status_code == 200
        return WebSession(client, csrf_from(home.text))

    def close(self) -> None:
        """Close every client handed out."""
        for client in self._clients:
            client.close()


def new_lead(api: httpx.Client, **fields: str) -> dict[str, Any]:
    """Create a lead through the API and return it."""
    body = {"name": "测试联系人", "company": "测试公司", "source": "website", **fields}
    response = api.post("/api/leads", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def own_customer(api: httpx.Client) -> dict[str, Any]:
    """The newest customer the caller may see."""
    response = api.get("/api/customers", params={"page_size": 1})
    assert response.status_code == 200, response.text
    return response.json()["items"][0]


def order_body(
    customer_id: int,
    *,
    submit: bool = True,
    quantity: int = 2,
    unit_price: str = "12800.00",
    note: str = "",
) -> dict[str, Any]:
    """A valid one-line order for a customer."""
    return {
        "customer_id": customer_id,
        "submit": submit,
        "note": note,
        "lines": [{"product_id": 1, "quantity": quantity, "unit_price": unit_price}],
    }


def count_orders(api: httpx.Client, customer_id: int) -> int:
    """How many orders a customer has, as the API reports."""
    response = api.get("/api/orders", params={"customer_id": customer_id, "page_size": 1})
    assert response.status_code == 200, response.text
    return int(response.json()["total"])


def sign_in(context: BrowserContext, sandbox: Sandbox, user: str, path: str = "/") -> Page:
    """Open `path` in a new page, signing in through the login form on the way."""
    page = context.new_page()
    page.goto(f"{sandbox.base_url}{path}")
    page.get_by_label("用户名").fill(user)
    page.get_by_label("密码").fill(sandbox.passwords[user])
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{sandbox.base_url}{path}")
    return page


def fill_order(page: Page, *, quantity: str = "3", note: str = "请尽快发货 😀") -> dict[str, str]:
    """Fill the order form with one customer and two lines; returns what was entered."""
    page.get_by_label("客户").select_option(index=1)
    first = page.get_by_role("group", name="明细 1")
    first.get_by_label("产品").select_option(index=2)
    page.get_by_role("button", name="添加明细").click()
    second = page.get_by_role("group", name="明细 2")
    second.get_by_label("产品").select_option(index=5)
    second.get_by_label("数量").fill(quantity)
    second.get_by_label("单价（元）").fill("88.50")
    page.get_by_label("备注").fill(note)
    return {
        "customer": page.get_by_label("客户").input_value(),
        "product_1": first.get_by_label("产品").input_value(),
        "price_1": first.get_by_label("单价（元）").input_value(),
        "product_2": second.get_by_label("产品").input_value(),
        "quantity_2": quantity,
        "price_2": "88.50",
        "note": note,
    }


def read_order_form(page: Page) -> dict[str, str]:
    """What the order form holds now, in the shape `fill_order` returns."""
    first = page.get_by_role("group", name="明细 1")
    values = {
        "customer": page.get_by_label("客户").input_value(),
        "product_1": first.get_by_label("产品").input_value(),
        "price_1": first.get_by_label("单价（元）").input_value(),
        "note": page.get_by_label("备注").input_value(),
    }
    second = page.get_by_role("group", name="明细 2")
    if second.count():
        values.update(
            product_2=second.get_by_label("产品").input_value(),
            quantity_2=second.get_by_label("数量").input_value(),
            price_2=second.get_by_label("单价（元）").input_value(),
        )
    return values
