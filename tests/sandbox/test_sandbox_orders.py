"""Orders: idempotent creation (also under concurrency), the approval workflow, and
optimistic locking of customers."""

from __future__ import annotations

import threading
import uuid

import httpx
import pytest
from sandbox_clients import Sandbox, count_orders, csrf_from, order_body, own_customer


def test_same_key_twice_creates_one_order(clean: Sandbox) -> None:
    api = clean.api("sales")
    customer = own_customer(api)["id"]
    before = count_orders(api, customer)
    key = str(uuid.uuid4())
    first = api.post("/api/orders", json=order_body(customer), headers={"Idempotency-Key": key})
    again = api.post("/api/orders", json=order_body(customer), headers={"Idempotency-Key": key})
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    assert count_orders(api, customer) == before + 1


def test_same_key_from_another_user_is_another_order(clean: Sandbox) -> None:
    key = str(uuid.uuid4())
    mine = clean.api("sales").post(
        "/api/orders",
        json=order_body(own_customer(clean.api("sales"))["id"]),
        headers={"Idempotency-Key": key},
    )
    theirs = clean.api("sales2").post(
        "/api/orders",
        json=order_body(own_customer(clean.api("sales2"))["id"]),
        headers={"Idempotency-Key": key},
    )
    assert (mine.status_code, theirs.status_code) == (201, 201)
    assert mine.json()["id"] != theirs.json()["id"]


def test_concurrent_requests_with_one_key_create_one_order(clean: Sandbox) -> None:
    token = clean.token("sales")
    customer = own_customer(clean.api("sales"))["id"]
    before = count_orders(clean.api("sales"), customer)
    key = str(uuid.uuid4())
    workers = 8
    barrier = threading.Barrier(workers)
    results: list[httpx.Response] = []

    def post() -> None:
        with httpx.Client(base_url=clean.base_url, timeout=20) as client:
            barrier.wait()
            results.append(
                client.post(
                    "/api/orders",
                    json=order_body(customer),
                    headers={"Authorization": f"Bearer {token}", "Idempotency-Key": key},
                )
            )

    threads = [threading.Thread(target=post) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = sorted(r.status_code for r in results)
    assert statuses == [200] * (workers - 1) + [201]
    assert len({r.json()["id"] for r in results}) == 1
    assert count_orders(clean.api("sales"), customer) == before + 1


@pytest.mark.parametrize(
    ("key", "message"),
    [
        (None, "缺少 Idempotency-Key"),
        ("has space", "Idempotency-Key 无效"),
        ("k" * 101, "Idempotency-Key 无效"),
    ],
)
def test_creation_needs_a_wellformed_key(clean: Sandbox, key: str | None, message: str) -> None:
    api = clean.api("sales")
    headers = {"Idempotency-Key": key} if key else {}
    response = api.post("/api/orders", json=order_body(own_customer(api)["id"]), headers=headers)
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_order_workflow_with_timestamps_and_history(clean: Sandbox) -> None:
    sales, manager = clean.api("sales"), clean.api("manager")
    draft = sales.post(
        "/api/orders",
        json=order_body(own_customer(sales)["id"], submit=False),
        headers={"Idempotency-Key": str(uuid.uuid4())},
    ).json()
    assert draft["status"] == "draft" and draft["submitted_at"] is None
    assert draft["total"] == "25600.00" and draft["number"].startswith("SO")
    assert manager.post(f"/api/orders/{draft['id']}/approve").status_code == 409  # not submitted
    submitted = sales.post(f"/api/orders/{draft['id']}/submit").json()
    assert submitted["status"] == "submitted" and submitted["submitted_at"]
    assert sales.post(f"/api/orders/{draft['id']}/submit").status_code == 409
    approved = manager.post(f"/api/orders/{draft['id']}/approve").json()
    assert approved["status"] == "approved" and approved["approved_at"]
    assert [h["action"] for h in approved["history"]] == ["created", "submitted", "approved"]


def test_rejection_needs_a_reason(clean: Sandbox) -> None:
    sales, manager = clean.api("sales"), clean.api("manager")
    order = sales.post(
        "/api/orders",
        json=order_body(own_customer(sales)["id"]),
        headers={"Idempotency-Key": str(uuid.uuid4())},
    ).json()
    empty = manager.post(f"/api/orders/{order['id']}/reject", json={"reason": "  "})
    assert empty.status_code == 422 and "驳回原因不能为空" in empty.json()["detail"]
    too_long = manager.post(f"/api/orders/{order['id']}/reject", json={"reason": "因" * 501})
    assert too_long.status_code == 422
    rejected = manager.post(f"/api/orders/{order['id']}/reject", json={"reason": "价格过低"})
    assert rejected.json()["status"] == "rejected"
    assert rejected.json()["reject_reason"] == "价格过低"
    assert rejected.json()["approved_at"] is None


def test_ui_approval_buttons_follow_the_role(clean: Sandbox) -> None:
    sales = clean.api("sales")
    order = sales.post(
        "/api/orders",
        json=order_body(own_customer(sales)["id"]),
        headers={"Idempotency-Key": str(uuid.uuid4())},
    ).json()
    assert "批准" not in clean.web("sales").client.get(f"/orders/{order['id']}").text
    manager = clean.web("manager")
    page = manager.client.get(f"/orders/{order['id']}").text
    assert ">批准</button>" in page and ">驳回</button>" in page
    refused = manager.post_form(f"/orders/{order['id']}/reject", {"reason": ""})
    assert refused.status_code == 422 and "驳回原因不能为空" in refused.text
    done = manager.post_form(f"/orders/{order['id']}/approve", {})
    assert done.status_code == 303
    assert "订单已批准" in manager.client.get(done.headers["location"]).text


def test_stale_customer_edit_gets_409(clean: Sandbox) -> None:
    sales, manager = clean.api("sales"), clean.api("manager")
    customer = own_customer(sales)
    fields = {k: customer[k] for k in ("name", "company", "phone", "email", "address")}
    first = manager.put(
        f"/api/customers/{customer['id']}",
        json={**fields, "address": "上海市浦东新区 1 号", "version": customer["version"]},
    )
    assert first.status_code == 200
    stale = sales.put(
        f"/api/customers/{customer['id']}",
        json={**fields, "address": "北京市海淀区 2 号", "version": customer["version"]},
    )
    assert stale.status_code == 409
    assert stale.json()["detail"] == "该客户已被其他用户修改，请刷新后重试"
    assert sales.get(f"/api/customers/{customer['id']}").json()["address"] == "上海市浦东新区 1 号"


def test_stale_customer_form_keeps_the_input(clean: Sandbox) -> None:
    web = clean.web("sales")
    customer = own_customer(clean.api("sales"))
    form_page = web.client.get(f"/customers/{customer['id']}/edit").text
    assert f'name="version" value="{customer["version"]}"' in form_page
    clean.api("manager").put(
        f"/api/customers/{customer['id']}",
        json={
            "name": customer["name"],
            "company": customer["company"],
            "version": customer["version"],
        },
    )
    response = web.post_form(
        f"/customers/{customer['id']}/edit",
        {
            "version": str(customer["version"]),
            "name": "我的新名字",
            "company": "我的新公司",
            "phone": "",
            "email": "",
            "address": "我写的地址",
        },
    )
    assert response.status_code == 409
    assert "该客户已被其他用户修改，请刷新后重试" in response.text
    for typed in ("我的新名字", "我的新公司", "我写的地址"):
        assert typed in response.text
    assert csrf_from(response.text) == web.csrf


def test_dashboard_shows_the_two_goals(clean: Sandbox) -> None:
    figures = clean.api("manager").get("/api/dashboard").json()
    assert figures["scope"] == "all"
    assert 20 < figures["lead_conversion_rate"] < 35
    assert 5 < figures["avg_order_processing_hours"] < 30
    assert figures["orders_total"] >= 2000 and figures["customers_total"] >= 500
    assert all(
        figures["orders_by_status"][s] > 0 for s in ("draft", "submitted", "approved", "rejected")
    )
    own = clean.api("sales").get("/api/dashboard").json()
    assert own["scope"] == "own" and own["leads_total"] < figures["leads_total"]
    page = clean.web("viewer").client.get("/").text
    assert "线索转化率" in page and "平均订单处理时长" in page


def test_order_form_works_without_javascript(clean: Sandbox) -> None:
    web = clean.web("sales")
    customer = own_customer(clean.api("sales"))["id"]
    key = str(uuid.uuid4())
    form = {
        "customer_id": str(customer),
        "product_id": "3",
        "quantity": "0",
        "unit_price": "68000.00",
        "note": "无脚本下单",
        "action": "submit",
        "idempotency_key": key,
    }
    refused = web.post_form("/orders/new", form)
    assert refused.status_code == 422
    assert "明细 1：数量必须是 1 到 10000 之间的整数" in refused.text
    assert 'value="68000.00"' in refused.text and "无脚本下单" in refused.text
    created = web.post_form("/orders/new", {**form, "quantity": "2"})
    assert created.status_code == 303
    again = web.post_form("/orders/new", {**form, "quantity": "2"})
    assert again.headers["location"] == created.headers["location"]  # same key, same order
    page = web.client.get(created.headers["location"]).text
    assert "订单已提交" in page and "¥136,000.00" in page


def test_every_page_renders_in_both_languages(clean: Sandbox) -> None:
    admin = clean.web("admin").client
    api = clean.api("admin")
    lead = api.get("/api/leads", params={"page_size": 1}).json()["items"][0]["id"]
    customer = own_customer(api)["id"]
    order = api.get("/api/orders", params={"status": "submitted"}).json()["items"][0]["id"]
    paths = [
        "/",
        "/leads",
        "/leads/new",
        f"/leads/{lead}",
        "/customers",
        f"/customers/{customer}",
        f"/customers/{customer}/edit",
        "/orders",
        "/orders/new",
        f"/orders/{order}",
        "/users",
    ]
    for lang, title in (("en", "golive Sandbox CRM"), ("zh-CN", "golive 沙箱 CRM")):
        for path in paths:
            response = admin.get(path, params={"lang": lang})
            assert response.status_code == 200, (lang, path)
            assert f'<html lang="{lang}">' in response.text
            assert f"· {title}</title>" in response.text
        missing = admin.get("/no-such-page", params={"lang": lang})
        assert missing.status_code == 404 and f'<html lang="{lang}">' in missing.text
    assert admin.cookies.get("lang") == "zh-CN"  # the last choice is remembered
