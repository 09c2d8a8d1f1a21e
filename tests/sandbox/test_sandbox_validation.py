"""Bad input gets a clear 4xx, never a 500; odd but valid text round-trips exactly."""

from __future__ import annotations

import re
import uuid
from html import escape, unescape

import pytest
from sandbox_clients import Sandbox, new_lead, order_body, own_customer

# field -> (max length, the other fields a valid lead needs)
LEAD_LIMITS = {"name": 100, "company": 200, "phone": 30, "email": 254, "note": 2000}
VALID = {"name": "张三", "company": "示例科技有限公司", "source": "website"}


def _value(field: str, length: int) -> str:
    if field == "phone":
        return "1" * length
    if field == "email":
        return "a" * 60 + "@" + "b" * (length - 60 - 1 - 4) + ".com"
    return "测" * length


@pytest.mark.parametrize("field", sorted(LEAD_LIMITS))
def test_lead_field_at_its_limit_is_accepted(clean: Sandbox, field: str) -> None:
    value = _value(field, LEAD_LIMITS[field])
    response = clean.api("sales").post("/api/leads", json={**VALID, field: value})
    assert response.status_code == 201, response.text
    assert response.json()[field] == value


@pytest.mark.parametrize("extra", [1, 10_000 - 1])
@pytest.mark.parametrize("field", sorted(LEAD_LIMITS))
def test_lead_field_over_its_limit_is_refused_with_a_message(
    clean: Sandbox, field: str, extra: int
) -> None:
    limit = LEAD_LIMITS[field]
    length = limit + extra if extra == 1 else max(10_000, limit + 1)
    response = clean.api("sales").post("/api/leads", json={**VALID, field: _value(field, length)})
    assert response.status_code == 422, response.text
    body = response.json()
    assert f"最多 {limit} 个字符" in body["errors"][field]
    assert body["detail"]


@pytest.mark.parametrize(
    ("field", "message"), [("name", "联系人不能为空"), ("company", "公司不能为空")]
)
def test_empty_required_field_is_refused(clean: Sandbox, field: str, message: str) -> None:
    api = clean.api("sales")
    assert api.post("/api/leads", json={**VALID, field: "   "}).json()["errors"][field] == message
    missing = {k: v for k, v in VALID.items() if k != field}
    response = api.post("/api/leads", json=missing)
    assert response.status_code == 422
    assert response.json()["errors"][field] == message


@pytest.mark.parametrize("email", ["no-at-sign", "a@b", "a b@c.cn", "@example.com", "x@y..cn"])
def test_malformed_email_is_refused(clean: Sandbox, email: str) -> None:
    response = clean.api("sales").post("/api/leads", json={**VALID, "email": email})
    assert response.status_code == 422
    assert "邮箱格式不正确" in response.json()["errors"]["email"]


@pytest.mark.parametrize("phone", ["abc", "138-0000-x", "+86 138 0013 8000"])
def test_phone_shape(clean: Sandbox, phone: str) -> None:
    response = clean.api("sales").post("/api/leads", json={**VALID, "phone": phone})
    assert response.status_code == (201 if phone.startswith("+") else 422), response.text


def test_ui_form_keeps_every_value_and_marks_each_field(clean: Sandbox) -> None:
    web = clean.web("sales")
    form = {
        "name": "",
        "company": "公" * 201,
        "phone": "12345",
        "email": "bad@",
        "source": "referral",
        "note": "保留 <b>我</b> 的备注",
    }
    response = web.post_form("/leads/new", form)
    assert response.status_code == 422
    html = response.text
    assert 'role="alert"' in html
    for message in ("联系人不能为空", "公司最多 200 个字符（当前 201 个）", "邮箱格式不正确"):
        assert html.count(message) == 2  # in the summary and next to the field
    assert f'value="{"公" * 201}"' in html
    assert 'value="bad@"' in html and 'value="12345"' in html
    assert '<option value="referral" selected>' in html
    assert escape("保留 <b>我</b> 的备注", quote=False) in html
    assert "<b>我</b>" not in html


def test_ui_form_ten_thousand_chars_is_a_4xx(clean: Sandbox) -> None:
    response = clean.web("sales").post_form("/leads/new", {**VALID, "note": "长" * 10_000})
    assert response.status_code == 422
    assert "备注最多 2000 个字符（当前 10000 个）" in response.text


SPECIAL = [
    "表情 😀🎉👍🏽",
    "中文标点：，。！？“引号”（括号）【方括号】、…",
    'O\'Brien "quoted" `tick`',
    "<script>alert('x')</script>",
    "'; DROP TABLE leads; --",
    "100% _under_ \\back\\slash",
    "&amp; &lt; literal entities",
]


@pytest.mark.parametrize("text", SPECIAL)
def test_special_characters_round_trip(clean: Sandbox, text: str) -> None:
    api = clean.api("sales")
    lead = new_lead(api, name=text[:100], company=text, note=text)
    again = api.get(f"/api/leads/{lead['id']}").json()
    assert (again["name"], again["company"], again["note"]) == (text[:100], text, text)
    page = clean.web("sales").client.get(f"/leads/{lead['id']}").text
    shown = re.search(r'<dd id="lead-company">(.*?)</dd>', page, re.DOTALL)
    assert shown is not None
    assert unescape(shown.group(1)) == text
    assert "<" not in shown.group(1) and '"' not in shown.group(1)
    found = api.get("/api/leads", params={"q": text}).json()
    assert lead["id"] in [item["id"] for item in found["items"]]


def test_search_wildcards_are_literal(clean: Sandbox) -> None:
    api = clean.api("sales")
    new_lead(api, company="百分之百 100%公司")
    assert api.get("/api/leads", params={"q": "%"}).json()["total"] >= 1
    everything = api.get("/api/leads").json()["total"]
    assert api.get("/api/leads", params={"q": "_"}).json()["total"] < everything


def test_search_text_has_a_limit(clean: Sandbox) -> None:
    response = clean.api("sales").get("/api/leads", params={"q": "x" * 101})
    assert response.status_code == 422
    assert "100" in response.json()["detail"]


@pytest.mark.parametrize(
    ("quantity", "price", "ok"),
    [
        (1, "0.01", True),
        (10_000, "10000000", True),
        (0, "1.00", False),
        (10_001, "1.00", False),
        (1, "0.00", False),
        (1, "0.001", False),
        (1, "10000000.01", False),
        (1, "NaN", False),
        (1, "1e999999999", False),
        ("五", "1.00", False),
        (1.5, "1.00", False),
    ],
)
def test_order_line_limits(clean: Sandbox, quantity: object, price: str, ok: bool) -> None:
    api = clean.api("sales")
    body = order_body(own_customer(api)["id"])
    body["lines"][0].update(quantity=quantity, unit_price=price)
    response = api.post("/api/orders", json=body, headers={"Idempotency-Key": str(uuid.uuid4())})
    assert response.status_code == (201 if ok else 422), response.text
    if not ok:
        assert response.json()["detail"].startswith("明细 1：")


def test_order_needs_lines_and_a_known_product(clean: Sandbox) -> None:
    api = clean.api("sales")
    customer = own_customer(api)["id"]
    empty = api.post(
        "/api/orders",
        json={"customer_id": customer, "lines": []},
        headers={"Idempotency-Key": "no-lines"},
    )
    assert empty.status_code == 422 and "明细" in empty.json()["detail"]
    body = order_body(customer)
    body["lines"][0]["product_id"] = 999
    unknown = api.post("/api/orders", json=body, headers={"Idempotency-Key": "bad-product"})
    assert unknown.status_code == 422 and "产品" in unknown.json()["detail"]


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b"{not json", "application/json"),
        (b"[]", "application/json"),
        (b"name=x", "text/plain"),
    ],
    ids=["broken-json", "json-array", "not-json"],
)
def test_malformed_bodies_are_4xx(clean: Sandbox, content: bytes, content_type: str) -> None:
    response = clean.api("sales").post(
        "/api/leads", content=content, headers={"Content-Type": content_type}
    )
    assert 400 <= response.status_code < 500, response.text


@pytest.mark.parametrize(
    "path",
    [
        "/api/leads/abc",
        "/api/leads/0",
        "/api/leads/99999999999999999999999",
        "/leads/abc",
        "/orders/99999999999999999999999",
    ],
)
def test_odd_ids_are_4xx(clean: Sandbox, path: str) -> None:
    client = clean.api("sales") if path.startswith("/api") else clean.web("sales").client
    assert client.get(path).status_code in (404, 422)


def test_request_body_over_256_kib_gets_413(clean: Sandbox) -> None:
    response = clean.api("sales").post("/api/leads", json={**VALID, "note": "x" * 270_000})
    assert response.status_code == 413
    assert "256 KiB" in response.json()["detail"]
    web = clean.web("sales")
    assert web.post_form("/leads/new", {**VALID, "note": "x" * 270_000}).status_code == 413


def test_lead_list_pagination_edges(clean: Sandbox) -> None:
    client = clean.web("manager").client
    first = client.get("/leads").text
    assert "第 1 / " in first and 'rel="prev"' not in first and 'rel="next"' in first
    pages = int(re.search(r"第 1 / (\d+) 页", first).group(1))
    last = client.get("/leads", params={"page": pages}).text
    assert f"第 {pages} / {pages} 页" in last
    assert 'rel="prev"' in last and 'rel="next"' not in last
    beyond = client.get("/leads", params={"page": pages + 5}).text
    assert f"第 {pages} / {pages} 页" in beyond
    api = clean.api("manager").get("/api/leads", params={"page": pages, "page_size": 20}).json()
    assert 1 <= len(api["items"]) <= 20 and api["page"] == pages
    assert clean.api("manager").get("/api/leads", params={"page_size": 101}).status_code == 422
