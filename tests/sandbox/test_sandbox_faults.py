"""Each fault switch plants the defect it names, and the clean sandbox does not have it.

Every test runs the same probe against the clean sandbox and a faulty one and
expects opposite outcomes, so each would fail if the switch did nothing or if the
clean sandbox had the defect too.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable
from functools import partial

import httpx
import markupsafe
import pytest
from playwright.sync_api import BrowserContext, expect
from sandbox_clients import (
    Sandbox,
    count_orders,
    fill_order,
    new_lead,
    order_body,
    own_customer,
    read_order_form,
    sign_in,
)

from golive.errors import TargetError
from golive.run.target import serve_sandbox

TAUTOLOGY = "' OR '1'='1"


@pytest.mark.parametrize("path", ["/api/leads", "/api/customers"])
def test_sql_injection(clean: Sandbox, server_faults: Sandbox, path: str) -> None:
    for sandbox, faulty in ((clean, False), (server_faults, True)):
        sales = sandbox.api("sales")
        own_total = sales.get(path).json()["total"]
        leaked = sales.get(path, params={"q": TAUTOLOGY, "page_size": 100})
        assert leaked.status_code == 200
        owners = {item["owner_username"] for item in leaked.json()["items"]}
        assert ("sales2" in owners) is faulty
        assert (leaked.json()["total"] > own_total) is faulty
        broken = sales.get(path, params={"q": "'"})
        assert broken.status_code == (500 if faulty else 200)
        ui = sandbox.web("sales").client.get("/leads", params={"q": "'"})
        assert ui.status_code == (500 if faulty else 200)


def test_stored_xss(clean: Sandbox, server_faults: Sandbox) -> None:
    for sandbox, faulty in ((clean, False), (server_faults, True)):
        mark = f'<svg data-test="{uuid.uuid4().hex}">'
        new_lead(sandbox.api("sales"), name=f"联系人 {mark}")
        listed = sandbox.web("sales").client.get("/leads")
        assert listed.status_code == 200
        assert (mark in listed.text) is faulty
        assert (str(markupsafe.escape(mark)) in listed.text) is not faulty


def test_open_redirect(clean: Sandbox, server_faults: Sandbox) -> None:
    for sandbox, faulty in ((clean, False), (server_faults, True)):
        outside = "https://elsewhere.invalid/welcome"
        sent = sandbox.web("sales").client.get("/login", params={"next": outside})
        assert sent.status_code == 303
        assert (sent.headers["location"] == outside) is faulty


def test_mass_assignment(clean: Sandbox, server_faults: Sandbox) -> None:
    for sandbox, faulty in ((clean, False), (server_faults, True)):
        web = sandbox.web("sales")
        form = {"name": "联系人", "company": "公司", "source": "website", "status": "lost"}
        made = web.post_form("/leads/new", form)
        assert made.status_code == 303, made.text
        lead = made.headers["location"].split("?")[0].rsplit("/", 1)[-1]
        status = sandbox.api("sales").get(f"/api/leads/{lead}").json()["status"]
        assert status == ("lost" if faulty else "new")


def test_search_scope(clean: Sandbox, server_faults: Sandbox) -> None:
    for sandbox, faulty in ((clean, False), (server_faults, True)):
        word = f"线索{uuid.uuid4().hex[:8]}"
        lead = new_lead(sandbox.api("sales"), name=word)
        found = sandbox.api("sales2").get("/api/leads", params={"q": word}).json()["items"]
        assert ([i["id"] for i in found] == [lead["id"]]) is faulty
        assert sandbox.api("sales2").get(f"/api/leads/{lead['id']}").status_code == 404


def test_lead_write_scope(clean: Sandbox, server_faults: Sandbox) -> None:
    for sandbox, faulty in ((clean, False), (server_faults, True)):
        lead = new_lead(sandbox.api("sales"))
        answer = sandbox.web("sales2").post_form(f"/leads/{lead['id']}/qualify", {})
        assert answer.status_code == (303 if faulty else 404)
        status = sandbox.api("sales").get(f"/api/leads/{lead['id']}").json()["status"]
        assert status == ("qualified" if faulty else "new")


def test_csrf_unchecked(clean: Sandbox, server_faults: Sandbox) -> None:
    for sandbox, faulty in ((clean, False), (server_faults, True)):
        lead = new_lead(sandbox.api("sales"))
        web = sandbox.web("sales").client  # the signed-in browser, no token sent
        answer = web.post(f"/leads/{lead['id']}/qualify", data={})
        assert answer.status_code == (303 if faulty else 403)
        status = sandbox.api("sales").get(f"/api/leads/{lead['id']}").json()["status"]
        assert status == ("qualified" if faulty else "new")


def test_idor(clean: Sandbox, server_faults: Sandbox) -> None:
    for sandbox, faulty in ((clean, False), (server_faults, True)):
        theirs = own_customer(sandbox.api("sales2"))
        their_order = (
            sandbox.api("sales2").get("/api/orders", params={"page_size": 1}).json()["items"][0]
        )
        sales = sandbox.api("sales")
        expected = 200 if faulty else 404
        assert sales.get(f"/api/customers/{theirs['id']}").status_code == expected
        assert sales.get(f"/api/orders/{their_order['id']}").status_code == expected
        web = sandbox.web("sales").client
        assert web.get(f"/customers/{theirs['id']}").status_code == expected
        assert web.get(f"/orders/{their_order['id']}").status_code == expected
        # the lists still filter: the defect is in the detail read only
        listed = sales.get("/api/customers", params={"page_size": 100}).json()["items"]
        assert {c["owner_username"] for c in listed} == {"sales"}


def test_privilege_escalation(clean: Sandbox, server_faults: Sandbox) -> None:
    for sandbox, faulty in ((clean, False), (server_faults, True)):
        sales = sandbox.api("sales")
        order = sales.post(
            "/api/orders",
            json=order_body(own_customer(sales)["id"]),
            headers={"Idempotency-Key": str(uuid.uuid4())},
        ).json()
        approve = sales.post(f"/api/orders/{order['id']}/approve")
        assert approve.status_code == (200 if faulty else 403)
        status = sandbox.api("manager").get(f"/api/orders/{order['id']}").json()["status"]
        assert status == ("approved" if faulty else "submitted")
        second = sales.post(
            "/api/orders",
            json=order_body(own_customer(sales)["id"]),
            headers={"Idempotency-Key": str(uuid.uuid4())},
        ).json()
        web = sandbox.web("sales")
        reject = web.post_form(f"/orders/{second['id']}/reject", {"reason": "我自己驳回"})
        assert reject.status_code == (303 if faulty else 403)
        # a viewer stays refused either way
        assert sandbox.api("viewer").post(f"/api/orders/{second['id']}/approve").status_code == 403


def test_overlong_500(clean: Sandbox, server_faults: Sandbox) -> None:
    for sandbox, faulty in ((clean, False), (server_faults, True)):
        api = sandbox.api("sales")
        at_limit = api.post("/api/leads", json={"name": "长" * 100, "company": "公司"})
        assert at_limit.status_code == 201
        over = api.post("/api/leads", json={"name": "长" * 101, "company": "公司"})
        assert over.status_code == (500 if faulty else 422)
        ui = sandbox.web("sales").post_form(
            "/leads/new",
            {"name": "甲", "company": "公司", "source": "website", "note": "长" * 10_000},
        )
        assert ui.status_code == (500 if faulty else 422)


def test_missing_headers(clean: Sandbox, server_faults: Sandbox) -> None:
    for sandbox, faulty in ((clean, False), (server_faults, True)):
        client = sandbox.anonymous()
        page = client.get("/login")
        for name in (
            "content-security-policy",
            "x-frame-options",
            "x-content-type-options",
            "referrer-policy",
        ):
            assert (name in page.headers) is not faulty, name
        login = client.post(
            "/login",
            data={
                "username": "sales",
                "password": sandbox.passwords["sales"],
                "csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1),
            },
        )
        cookie = next(
            c for c in login.headers.get_list("set-cookie") if c.startswith("sandbox_session=")
        )
        assert ("HttpOnly" in cookie) is not faulty
        assert ("SameSite" in cookie) is not faulty


def _seconds(call: Callable[[], httpx.Response]) -> float:
    started = time.perf_counter()
    response = call()
    assert response.status_code in (200, 201), response.text
    return time.perf_counter() - started


def _create_order(api: httpx.Client, body: dict[str, object]) -> httpx.Response:
    return api.post("/api/orders", json=body, headers={"Idempotency-Key": str(uuid.uuid4())})


def test_slow_orders(clean: Sandbox, order_faults: Sandbox) -> None:
    for sandbox, faulty in ((clean, False), (order_faults, True)):
        api = sandbox.api("sales")
        body = order_body(own_customer(api)["id"])
        # the slow step sleeps, so every faulty creation is slow; the best of two clean
        # ones keeps a busy machine from failing the clean case
        creations = [_seconds(partial(_create_order, api, body)) for _ in range(2)]
        if faulty:
            assert min(creations) >= 1.2, creations
        else:
            assert min(creations) < 1.0, creations
        listing = [_seconds(partial(api.get, "/api/orders")) for _ in range(2)]
        assert min(listing) < 1.0  # only creation is slow


def test_duplicate_submit_api(clean: Sandbox, order_faults: Sandbox) -> None:
    for sandbox, faulty in ((clean, False), (order_faults, True)):
        api = sandbox.api("sales")
        customer = own_customer(api)["id"]
        before = count_orders(api, customer)
        key = str(uuid.uuid4())
        for _ in range(2):
            api.post("/api/orders", json=order_body(customer), headers={"Idempotency-Key": key})
        assert count_orders(api, customer) == before + (2 if faulty else 1)
        missing = api.post("/api/orders", json=order_body(customer))
        assert missing.status_code == (201 if faulty else 400)


def test_duplicate_submit_double_click(
    clean: Sandbox, order_faults: Sandbox, browser_context: BrowserContext
) -> None:
    for sandbox, faulty in ((clean, False), (order_faults, True)):
        page = sign_in(browser_context, sandbox, "sales", "/orders/new")
        customer = int(fill_order(page)["customer"])
        api = sandbox.api("sales")
        before = count_orders(api, customer)
        page.get_by_role("button", name="提交订单").dblclick()
        # With the fault the second submit aborts the first navigation: wait for the
        # address the page ends on, not for one navigation's load event.
        expect(page).to_have_url(re.compile(r".*/orders/\d+\?done=created_submitted$"))
        expected = before + (2 if faulty else 1)
        deadline = time.monotonic() + 5
        while count_orders(api, customer) < expected and time.monotonic() < deadline:
            time.sleep(0.2)
        page.wait_for_timeout(300)
        assert count_orders(api, customer) == expected
        page.close()
        browser_context.clear_cookies()


def test_offline_data_loss(
    clean: Sandbox, server_faults: Sandbox, browser_context: BrowserContext
) -> None:
    for sandbox, faulty in ((clean, False), (server_faults, True)):
        page = sign_in(browser_context, sandbox, "sales", "/orders/new")
        entered = fill_order(page, note="离线时别清空")
        browser_context.set_offline(True)
        page.get_by_role("button", name="提交订单").click()
        expect(page.get_by_role("alert")).to_contain_text("网络连接失败")
        kept = read_order_form(page)
        browser_context.set_offline(False)
        if faulty:
            assert kept["note"] == "" and kept["customer"] == "" and "product_2" not in kept
        else:
            assert kept == entered
        page.close()
        browser_context.clear_cookies()


def test_unknown_fault_is_refused_with_a_hint() -> None:
    with pytest.raises(TargetError) as caught, serve_sandbox(faults=("idr",)):
        pass  # pragma: no cover - the sandbox must not start
    message = str(caught.value)
    assert "exited with code 2" in message
    assert "unknown fault 'idr' in GOLIVE_SANDBOX_FAULTS" in message
    assert "did you mean 'idor'?" in message
    assert "Traceback" not in message
