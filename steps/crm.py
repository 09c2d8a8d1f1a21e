"""Steps for the sandbox CRM: business phrases that need to know this platform.

Only phrases a business reader uses and the generic steps cannot express live here
("我填写一张新订单", "销售通过接口尝试批准待审批的订单"). They drive the same pages a
person uses, and the platform's API where a scenario needs facts behind the page
(how many orders carry my note, another salesperson's customer).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any

import pytest
from playwright.sync_api import Page
from pytest_bdd import parsers, step, then

from fixtures.factories import CrmData
from golive.messages import Say
from golive.pytest.api import ApiClient
from golive.pytest.locators import check, field_by_label
from golive.pytest.steps.api import ApiCall
from golive.pytest.steps.web import Notebook, choose_any, click, fill, open_from_navigation
from golive.run.target import RunningTarget

LABELS = {
    "zh": {
        "name": "联系人",
        "company": "公司",
        "phone": "电话",
        "email": "邮箱",
        "note": "备注",
        "customer": "客户",
        "product": "产品",
        "quantity": "数量",
        "price": "单价（元）",
        "address": "地址",
        "leads": "线索",
        "new_lead": "新建线索",
        "save_lead": "保存线索",
        "lead_created": "线索已创建",
    },
    "en": {
        "name": "Contact",
        "company": "Company",
        "phone": "Phone",
        "email": "Email",
        "note": "Note",
        "customer": "Customer",
        "product": "Product",
        "quantity": "Quantity",
        "price": "Unit price (CNY)",
        "address": "Address",
        "leads": "Leads",
        "new_lead": "New lead",
        "save_lead": "Save lead",
        "lead_created": "Lead created",
    },
}


SAID = {
    "no_note": (
        "这个场景还没有填写带运行编号的订单备注",
        "this scenario has entered no order note yet",
    ),
    "one_order": (
        "应当只有一张订单，实际有 {n} 张",
        "there should be exactly one order, but there are {n}",
    ),
    "no_order": ("不应产生订单，实际产生了 {n} 张", "no order should have been made, but {n} were"),
    "neither": (
        '"{action}"既没有被允许也没有被拒绝，系统出错了（{detail}）',
        '"{action}" was neither allowed nor refused: the platform failed ({detail})',
    ),
    "verdict": (
        '"{action}"应当被{expected}，实际被{got}了（{detail}）',
        '"{action}" should be {expected}, but it was {got} ({detail})',
    ),
    "slower": (
        "平均订单处理时长应当缩短（之前 {before:.3f} 小时），现在是 {now:.3f} 小时",
        "the average order processing time should have gone down from {before:.3f} hours, "
        "but it is {now:.3f} hours",
    ),
    "submit_failed": (
        "提交订单失败：{status} {body}",
        "submitting the order failed: {status} {body}",
    ),
    "no_api_order": (
        "这个场景还没有通过接口提交订单",
        "this scenario has sent no order through the API",
    ),
    "resend_failed": ("重发失败：{status} {body}", "the resend failed: {status} {body}"),
    "log_in_first": ("请先登录", "log in first"),
    "save_failed": (
        '"{role}"保存失败：{status} {body}',
        '"{role}" could not save: {status} {body}',
    ),
    "unknown_action": (
        '不认识的操作"{action}"；可用：{known}',
        'no action "{action}"; known: {known}',
    ),
    "page_detail": ("页面：{title}", "page: {title}"),
    "no_processing": (
        "工作台没有给出平均订单处理时长：{data}",
        "the dashboard gives no average order processing time: {data}",
    ),
    "no_page_numbers": ("找不到页码：{pager}", "the pager shows no page numbers: {pager}"),
}
"""What this project's steps say, in the scenario's language (zh-CN, en)."""
WORDS = {True: ("允许", "allowed"), False: ("拒绝", "refused")}


def said(say: Say, key: str, **fields: Any) -> str:
    return SAID[key][say.lang != "zh-CN"].format(**fields)


@dataclass
class Attempt:
    """What the last attempted action got: the API's answer, or what the page showed."""

    action: str
    allowed: bool | None = None
    detail: str = ""
    orders: list[dict[str, Any]] = field(default_factory=list)


@pytest.fixture
def attempt() -> Attempt:
    return Attempt(action="")


def lang(page: Page) -> str:
    return "en" if (page.locator("html").get_attribute("lang") or "").startswith("en") else "zh"


def labels(page: Page) -> dict[str, str]:
    return LABELS[lang(page)]


# -- leads -----------------------------------------------------------------------------
@step("我填写一条新线索")
@step("I fill in a new lead")
def fill_lead(page: Page, notebook: Notebook, golive_say: Say, uat_data: CrmData) -> None:
    """Fill the lead form with generated data marked with this run."""
    words, lead = labels(page), uat_data.lead(lang(page))
    for key in ("name", "company", "phone", "email", "note"):
        fill(page, notebook, golive_say, words[key], getattr(lead, key))


@step("我录入了一条新线索")
@step("I have entered a new lead")
def entered_lead(page: Page, notebook: Notebook, golive_say: Say, uat_data: CrmData) -> None:
    words = labels(page)
    open_from_navigation(page, golive_say, words["leads"])
    click(page, golive_say, words["new_lead"])
    fill_lead(page, notebook, golive_say, uat_data)
    click(page, golive_say, words["save_lead"])
    check(
        golive_say,
        page,
        page.get_by_role("status").filter(has_text=words["lead_created"]),
        golive_say("web.should_say", text=words["lead_created"]),
    )


# -- orders ----------------------------------------------------------------------------
@step("我填写一张新订单")
@step("I fill in a new order")
def fill_order(page: Page, notebook: Notebook, golive_say: Say, uat_data: CrmData) -> None:
    """Choose a customer and a product, two pieces, and a note marked with this run."""
    words = labels(page)
    for key in ("customer", "product"):
        choose_any(page, notebook, golive_say, words[key])
    fill(page, notebook, golive_say, words["quantity"], "2")
    price = field_by_label(page, words["price"]).first
    notebook.typed[words["price"]] = price.input_value() or "100.00"
    fill(page, notebook, golive_say, words["price"], notebook.typed[words["price"]])
    fill(page, notebook, golive_say, words["note"], uat_data.order_note())


def orders_with_note(api: ApiClient, note: str) -> list[dict[str, Any]]:
    """Orders whose note carries ``note``'s run mark, as the manager sees them."""
    mark = note.split()[0]
    response = api.request(
        "GET", "/api/orders", role="manager", params={"q": mark, "page_size": 100}
    )
    response.raise_for_status()
    return [o for o in response.json()["items"] if mark in (o.get("note") or "")]


def my_note(page: Page, notebook: Notebook, say: Say) -> str:
    note = notebook.typed.get(labels(page)["note"])
    assert note, said(say, "no_note")
    return note


@then(parsers.parse("系统中只有一张带我备注的订单"))
@then("there is exactly one order with my note")
def exactly_one_order(
    page: Page, notebook: Notebook, golive_api: ApiClient, golive_say: Say
) -> None:
    found = orders_with_note(golive_api, my_note(page, notebook, golive_say))
    numbers = golive_say.join([o["number"] for o in found])
    assert len(found) == 1, said(golive_say, "one_order", n=len(found)) + (
        f": {numbers}" if found else ""
    )


@then("系统中没有带我备注的订单")
@then("there is no order with my note")
def no_order(page: Page, notebook: Notebook, golive_api: ApiClient, golive_say: Say) -> None:
    found = orders_with_note(golive_api, my_note(page, notebook, golive_say))
    assert not found, (
        said(golive_say, "no_order", n=len(found))
        + ": "
        + golive_say.join([o["number"] for o in found])
    )


def order_body(
    api: ApiClient, role: str, note: str, submit: bool = True, lines: int = 1
) -> dict[str, Any]:
    customers = api.request("GET", "/api/customers", role=role).json()["items"]
    products = api.request("GET", "/api/products", role=role).json()
    product = (products["items"] if isinstance(products, dict) else products)[0]
    line = {
        "product_id": product["id"],
        "quantity": 1,
        "unit_price": str(product.get("unit_price") or "100.00"),
    }
    return {
        "customer_id": customers[0]["id"],
        "note": note,
        "submit": submit,
        "lines": [dict(line) for _ in range(lines)],
    }


@step(parsers.parse('"{role}"通过接口提交了一张订单'))
@step(parsers.parse('"{role}" has submitted an order through the API'))
def api_order(
    page: Page,
    notebook: Notebook,
    golive_api: ApiClient,
    uat_data: CrmData,
    attempt: Attempt,
    api_call: ApiCall,
    role: str,
    golive_say: Say,
) -> None:
    _order_through_api(
        page, notebook, golive_api, uat_data, attempt, api_call, role, True, golive_say
    )


def _order_through_api(
    page: Page,
    notebook: Notebook,
    golive_api: ApiClient,
    uat_data: CrmData,
    attempt: Attempt,
    api_call: ApiCall,
    role: str,
    submit: bool,
    say: Say,
) -> None:
    """An order made through the API; its answer is the scenario's last API answer and
    the order is the record ``{id}`` names."""
    note = uat_data.order_note()
    notebook.typed[labels(page)["note"]] = note
    notebook.role = role
    key = str(uuid.uuid4())
    body = order_body(golive_api, role, note, submit=submit)
    response = golive_api.request(
        "POST", "/api/orders", role=role, json=body, headers={"Idempotency-Key": key}
    )
    assert response.is_success, said(
        say, "submit_failed", status=response.status_code, body=response.text[:200]
    )
    api_call.response = response
    attempt.orders.append({"key": key, "body": body, "id": response.json()["id"]})
    notebook.records.append(str(response.json()["id"]))


@step(parsers.parse('"{role}"通过接口保存了一张草稿订单'))
@step(parsers.parse('"{role}" has saved a draft order through the API'))
def api_draft(
    page: Page,
    notebook: Notebook,
    golive_api: ApiClient,
    uat_data: CrmData,
    attempt: Attempt,
    api_call: ApiCall,
    role: str,
    golive_say: Say,
) -> None:
    _order_through_api(
        page, notebook, golive_api, uat_data, attempt, api_call, role, False, golive_say
    )


@step(parsers.parse('"{role}"通过接口提交一张有 {lines:d} 条明细的订单'))
@step(parsers.parse('"{role}" submits an order of {lines:d} lines through the API'))
def api_order_of(
    golive_api: ApiClient, uat_data: CrmData, api_call: ApiCall, role: str, lines: int
) -> None:
    """The answer is kept for the API checks: a boundary of the lines an order may have."""
    body = order_body(golive_api, role, uat_data.order_note(), lines=lines)
    api_call.response = golive_api.request(
        "POST", "/api/orders", role=role, json=body, headers={"Idempotency-Key": str(uuid.uuid4())}
    )


@step("同一张订单因为网络重试又被发送了一次")
@step("the same order is sent again by a network retry")
def resend_order(
    golive_api: ApiClient, notebook: Notebook, attempt: Attempt, api_call: ApiCall, golive_say: Say
) -> None:
    assert attempt.orders, said(golive_say, "no_api_order")
    first = attempt.orders[-1]
    response = api_call.response = golive_api.request(
        "POST",
        "/api/orders",
        role=notebook.role,
        json=first["body"],
        headers={"Idempotency-Key": first["key"]},
    )
    assert response.is_success, said(
        golive_say, "resend_failed", status=response.status_code, body=response.text[:200]
    )


# -- customers -------------------------------------------------------------------------
@step("我打开我的一位客户的编辑页")
@step("I open the edit page of one of my customers")
def open_customer_edit(
    page: Page,
    notebook: Notebook,
    golive_api: ApiClient,
    golive_target: RunningTarget,
    golive_say: Say,
    uat_data: CrmData,
) -> None:
    assert notebook.role, said(golive_say, "log_in_first")
    # a customer of the scenario's own, converted from a lead it enters: editing one the
    # migration brought would change what the migration check compares
    lead = uat_data.lead()
    body = {**asdict(lead), "source": "other"}
    made = golive_api.request("POST", "/api/leads", role=notebook.role, json=body).json()
    for action in ("qualify", "convert"):
        path = f"/api/leads/{made['id']}/{action}"
        answer = golive_api.request("POST", path, role=notebook.role)
        assert answer.is_success, said(
            golive_say,
            "save_failed",
            role=notebook.role,
            status=answer.status_code,
            body=answer.text[:200],
        )
    customer = answer.json()
    notebook.pages.append(f"/customers/{customer['id']}")
    page.goto(f"{golive_target.base_url}/customers/{customer['id']}/edit")


@step(parsers.parse('"{role}"在此期间修改并保存了这位客户'))
@step(parsers.parse('meanwhile "{role}" changes and saves this customer'))
def someone_else_edits(
    golive_api: ApiClient, notebook: Notebook, uat_data: CrmData, golive_say: Say, role: str
) -> None:
    path = f"/api{notebook.pages[-1]}"
    customer = golive_api.request("GET", path, role=role).json()
    body = {k: customer[k] or "" for k in ("name", "company", "phone", "email")}
    body.update(address=uat_data.customer().address, version=customer["version"])
    response = golive_api.request("PUT", path, role=role, json=body)
    assert response.is_success, said(
        golive_say, "save_failed", role=role, status=response.status_code, body=response.text[:200]
    )


# -- the dashboard's goals ---------------------------------------------------------------
@step("我记下全部订单的平均处理时长")
@step("I note the average processing time of all orders")
def note_processing(golive_api: ApiClient, notebook: Notebook, golive_say: Say) -> None:
    notebook.figures["processing"] = _processing_hours(golive_api, golive_say)


@then("全部订单的平均处理时长缩短了")
@then("the average processing time of all orders went down")
def processing_down(golive_api: ApiClient, notebook: Notebook, golive_say: Say) -> None:
    before, now = notebook.figures["processing"], _processing_hours(golive_api, golive_say)
    assert now < before, said(golive_say, "slower", before=before, now=now)


def _processing_hours(api: ApiClient, say: Say) -> float:
    data = api.request("GET", "/api/dashboard", role="manager").json()
    value = data.get("avg_order_processing_hours")
    assert isinstance(value, int | float), said(say, "no_processing", data=data)
    return float(value)


@step("我翻到最后一页")
@step("I go to the last page")
def last_page(page: Page, golive_say: Say) -> None:
    """Jump to the last page the pager announces ("第 1 / 50 页", "Page 1 of 50")."""
    pager = page.get_by_role("navigation", name=re.compile("分页|Pagination")).inner_text()
    found = re.search(r"(\d+)\s*(?:/|of)\s*(\d+)", pager)
    assert found, said(golive_say, "no_page_numbers", pager=repr(pager))
    url = re.sub(r"([?&])page=\d+&?", r"\1", page.url).rstrip("?&")
    page.goto(f"{url}{'&' if '?' in url else '?'}page={found[2]}")
