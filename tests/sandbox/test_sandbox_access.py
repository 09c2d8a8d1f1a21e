"""Who may do what, through the UI and the API, including anonymous visitors."""

from __future__ import annotations

import pytest
from sandbox_clients import Sandbox, new_lead, order_body, own_customer

FORBIDDEN_ZH = "无权执行此操作"


def test_anonymous_ui_is_sent_to_login_with_next(clean: Sandbox) -> None:
    response = clean.anonymous().get("/customers", params={"page": "2"})
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/customers%3Fpage%3D2"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/me"),
        ("GET", "/api/leads"),
        ("POST", "/api/leads"),
        ("GET", "/api/orders/1"),
        ("POST", "/api/orders/1/approve"),
        ("GET", "/api/dashboard"),
    ],
)
def test_anonymous_api_gets_401(clean: Sandbox, method: str, path: str) -> None:
    response = clean.anonymous().request(method, path, json={})
    assert response.status_code == 401
    assert response.json()["detail"]


def test_bad_bearer_token_gets_401(clean: Sandbox) -> None:
    client = clean.anonymous()
    response = client.get("/api/me", headers={"Authorization": "Bearer not-a-token"})
    assert response.status_code == 401


@pytest.mark.parametrize("user", ["admin", "manager", "sales", "sales2", "viewer"])
def test_me_reports_the_role(clean: Sandbox, user: str) -> None:
    expected = {
        "admin": "admin",
        "manager": "manager",
        "sales": "sales",
        "sales2": "sales",
        "viewer": "viewer",
    }[user]
    assert clean.api(user).get("/api/me").json()["role"] == expected


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("admin", 201),
        ("manager", 201),
        ("sales", 201),
        ("viewer", 403),
    ],
)
def test_who_may_create_leads(clean: Sandbox, user: str, status: int) -> None:
    response = clean.api(user).post("/api/leads", json={"name": "甲", "company": "乙公司"})
    assert response.status_code == status, response.text


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("admin", 200),
        ("manager", 200),
        ("sales", 403),
        ("viewer", 403),
    ],
)
def test_only_managers_and_admins_approve(clean: Sandbox, user: str, status: int) -> None:
    seller = clean.api("sales")
    customer = own_customer(seller)
    order = seller.post(
        "/api/orders",
        json=order_body(customer["id"]),
        headers={"Idempotency-Key": f"approve-{user}"},
    ).json()
    response = clean.api(user).post(f"/api/orders/{order['id']}/approve")
    assert response.status_code == status, response.text
    if status == 403:
        assert response.json()["detail"] == FORBIDDEN_ZH


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("admin", 200),
        ("manager", 403),
        ("sales", 403),
        ("viewer", 403),
    ],
)
def test_only_admin_sees_the_user_list(clean: Sandbox, user: str, status: int) -> None:
    page = clean.web(user).client.get("/users")
    assert page.status_code == status
    assert ("sales2" in page.text) is (status == 200)
    if status == 403:
        assert FORBIDDEN_ZH in page.text


def test_nav_shows_users_link_only_to_admin(clean: Sandbox) -> None:
    assert 'href="/users"' in clean.web("admin").client.get("/").text
    assert 'href="/users"' not in clean.web("manager").client.get("/").text


def test_sales_sees_only_own_records(clean: Sandbox) -> None:
    sales, manager = clean.api("sales"), clean.api("manager")
    for path in ("/api/leads", "/api/customers", "/api/orders"):
        mine = sales.get(path, params={"page_size": 100}).json()
        everyone = manager.get(path, params={"page_size": 1}).json()
        assert {item["owner_username"] for item in mine["items"]} == {"sales"}
        assert 0 < mine["total"] < everyone["total"]


def test_viewer_reads_everything(clean: Sandbox) -> None:
    viewer, manager = clean.api("viewer"), clean.api("manager")
    for path in ("/api/leads", "/api/customers", "/api/orders"):
        assert viewer.get(path).json()["total"] == manager.get(path).json()["total"]
    other = own_customer(clean.api("sales2"))
    assert viewer.get(f"/api/customers/{other['id']}").status_code == 200


def test_viewer_changes_nothing(clean: Sandbox) -> None:
    viewer = clean.api("viewer")
    customer = own_customer(clean.api("sales"))
    put = viewer.put(
        f"/api/customers/{customer['id']}",
        json={"name": "改", "company": "改", "version": customer["version"]},
    )
    assert put.status_code == 403
    order = viewer.post(
        "/api/orders", json=order_body(customer["id"]), headers={"Idempotency-Key": "viewer-order"}
    )
    assert order.status_code == 403
    web = clean.web("viewer")
    assert web.client.get("/leads/new").status_code == 403
    refused = web.post_form("/leads/new", {"name": "甲", "company": "乙", "source": "website"})
    assert refused.status_code == 403
    assert FORBIDDEN_ZH in refused.text
    assert "新建线索" not in web.client.get("/leads").text


def test_other_salespersons_records_are_not_found(clean: Sandbox) -> None:
    theirs = own_customer(clean.api("sales2"))
    their_order = clean.api("sales2").get("/api/orders", params={"page_size": 1}).json()["items"][0]
    their_lead = clean.api("sales2").get("/api/leads", params={"page_size": 1}).json()["items"][0]
    sales = clean.api("sales")
    assert sales.get(f"/api/customers/{theirs['id']}").status_code == 404
    assert sales.get(f"/api/orders/{their_order['id']}").status_code == 404
    assert sales.get(f"/api/leads/{their_lead['id']}").status_code == 404
    assert sales.get("/api/customers/99999999").status_code == 404  # same answer as absent
    put = sales.put(
        f"/api/customers/{theirs['id']}",
        json={"name": "改", "company": "改", "version": theirs["version"]},
    )
    assert put.status_code == 404
    web = clean.web("sales").client
    assert web.get(f"/customers/{theirs['id']}").status_code == 404
    assert web.get(f"/orders/{their_order['id']}").status_code == 404


def test_sales_cannot_order_for_someone_elses_customer(clean: Sandbox) -> None:
    theirs = own_customer(clean.api("sales2"))
    response = clean.api("sales").post(
        "/api/orders", json=order_body(theirs["id"]), headers={"Idempotency-Key": "not-my-customer"}
    )
    assert response.status_code == 422
    assert "customer_id" in response.json()["errors"]


def test_manager_edits_any_customer(clean: Sandbox) -> None:
    customer = own_customer(clean.api("sales2"))
    response = clean.api("manager").put(
        f"/api/customers/{customer['id']}",
        json={
            "name": customer["name"],
            "company": customer["company"],
            "version": customer["version"],
        },
    )
    assert response.status_code == 200, response.text
    assert response.json()["version"] == customer["version"] + 1


def test_sales_qualifies_and_converts_own_lead(clean: Sandbox) -> None:
    sales = clean.api("sales")
    lead = new_lead(sales, name="转化测试", company="转化公司")
    assert sales.post(f"/api/leads/{lead['id']}/convert").status_code == 409  # not qualified yet
    assert sales.post(f"/api/leads/{lead['id']}/qualify").json()["status"] == "qualified"
    customer = sales.post(f"/api/leads/{lead['id']}/convert")
    assert customer.status_code == 201
    assert customer.json()["owner_username"] == "sales"
    assert customer.json()["company"] == "转化公司"
    assert sales.get(f"/api/leads/{lead['id']}").json()["customer_id"] == customer.json()["id"]
