"""Steps for the sandbox CRM: what each role may and may not do, tried through the API
and on the pages ("销售通过接口尝试批准待审批的订单", "我在页面上尝试\"查看用户列表\"").

Each action is tried on a record made for the attempt; the platform's answer is judged
allowed, refused, or neither (it failed), and said in the scenario's language.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

import httpx
from playwright.sync_api import Page
from pytest_bdd import parsers, step, then

from fixtures.factories import CrmData
from golive.messages import Say
from golive.pytest.api import ApiClient
from golive.pytest.locators import field_by_label
from golive.pytest.steps.api import ANONYMOUS
from golive.run.target import RunningTarget
from steps.crm import LABELS, WORDS, Attempt, order_body, said


def _sales_order(api: ApiClient, uat_data: CrmData, submit: bool = True) -> int:
    """A fresh order made by a salesperson for this attempt: awaiting approval, or a draft."""
    response = api.request(
        "POST",
        "/api/orders",
        role="sales",
        json=order_body(api, "sales", uat_data.order_note(), submit=submit),
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    response.raise_for_status()
    return int(response.json()["id"])


def _first_of_sales2(api: ApiClient, kind: str) -> int:
    return int(api.request("GET", f"/api/{kind}", role="sales2").json()["items"][0]["id"])


ApiAction = Callable[[ApiClient, str | None, CrmData], httpx.Response]

API_ACTIONS: dict[str, ApiAction] = {
    "新建线索": lambda api, role, data: api.request(
        "POST", "/api/leads", role=role, json={k: v for k, v in vars(data.lead()).items()}
    ),
    "批准待审批的订单": lambda api, role, data: api.request(
        "POST", f"/api/orders/{_sales_order(api, data)}/approve", role=role
    ),
    "查看另一名销售的客户": lambda api, role, data: api.request(
        "GET", f"/api/customers/{_first_of_sales2(api, 'customers')}", role=role
    ),
    "查看另一名销售的订单": lambda api, role, data: api.request(
        "GET", f"/api/orders/{_first_of_sales2(api, 'orders')}", role=role
    ),
    "查看客户列表": lambda api, role, data: api.request("GET", "/api/customers", role=role),
    "提交销售的草稿订单": lambda api, role, data: api.request(
        "POST", f"/api/orders/{_sales_order(api, data, submit=False)}/submit", role=role
    ),
}
API_ACTIONS.update(
    {
        "create a lead": API_ACTIONS["新建线索"],
        "approve an order awaiting approval": API_ACTIONS["批准待审批的订单"],
        "open another salesperson's customer": API_ACTIONS["查看另一名销售的客户"],
        "submit a salesperson's draft order": API_ACTIONS["提交销售的草稿订单"],
    }
)


@step(parsers.parse('"{role}"通过接口尝试"{action}"'))
@step(parsers.parse('"{role}" tries to {action} through the API'))
def try_through_api(
    golive_api: ApiClient,
    uat_data: CrmData,
    attempt: Attempt,
    golive_say: Say,
    role: str,
    action: str,
) -> None:
    assert action in API_ACTIONS, said(
        golive_say, "unknown_action", action=action, known=golive_say.join(list(API_ACTIONS))
    )
    response = API_ACTIONS[action](golive_api, None if role in ANONYMOUS else role, uat_data)
    attempt.action = action
    code = response.status_code
    attempt.allowed = response.is_success if code < 500 and code not in {400, 409, 422} else None
    attempt.detail = f"HTTP {code}"


UI_ACTIONS: dict[str, Callable[[Page, str, ApiClient, CrmData], bool]] = {}


def ui_action(
    name: str,
) -> Callable[
    [Callable[[Page, str, ApiClient, CrmData], bool]],
    Callable[[Page, str, ApiClient, CrmData], bool],
]:
    def register(
        func: Callable[[Page, str, ApiClient, CrmData], bool],
    ) -> Callable[[Page, str, ApiClient, CrmData], bool]:
        UI_ACTIONS[name] = func
        return func

    return register


def _refused(page: Page) -> bool:
    """The page tells the user they may not (403) or that the record is not there (404)."""
    return (
        page.locator("[role=alert]")
        .filter(has_text="403")
        .or_(page.locator("[role=alert]").filter(has_text="404"))
        .count()
        > 0
    )


@ui_action("新建线索")
def _ui_new_lead(page: Page, base: str, api: ApiClient, data: CrmData) -> bool:
    page.goto(f"{base}/leads/new")
    if _refused(page):
        return False
    lead = data.lead()
    words = LABELS["zh"]
    for key in ("name", "company", "phone", "email", "note"):
        field_by_label(page, words[key]).first.fill(getattr(lead, key))
    page.get_by_role("button", name=words["save_lead"]).click()
    page.wait_for_load_state()
    return page.get_by_role("status").filter(has_text=words["lead_created"]).count() > 0


@ui_action("批准待审批的订单")
def _ui_approve(page: Page, base: str, api: ApiClient, data: CrmData) -> bool:
    page.goto(f"{base}/orders/{_sales_order(api, data)}")
    if _refused(page):
        return False
    button = page.get_by_role("button", name="批准", exact=True)
    if button.count() == 0:
        return False  # the page offers no way to approve
    button.click()
    page.wait_for_load_state()
    return page.get_by_role("status").filter(has_text="订单已批准").count() > 0


@ui_action("查看另一名销售的客户")
def _ui_other_customer(page: Page, base: str, api: ApiClient, data: CrmData) -> bool:
    customer = api.request("GET", "/api/customers", role="sales2").json()["items"][0]
    page.goto(f"{base}/customers/{customer['id']}")
    return (
        not _refused(page)
        and page.get_by_role("heading", level=1).filter(has_text=customer["name"]).count() > 0
    )


@ui_action("查看用户列表")
def _ui_users(page: Page, base: str, api: ApiClient, data: CrmData) -> bool:
    page.goto(f"{base}/users")
    return not _refused(page) and page.get_by_role("heading", level=1, name="用户").count() > 0


@step(parsers.parse('我在页面上尝试"{action}"'))
def try_in_browser(
    page: Page,
    golive_target: RunningTarget,
    golive_api: ApiClient,
    uat_data: CrmData,
    attempt: Attempt,
    golive_say: Say,
    action: str,
) -> None:
    assert action in UI_ACTIONS, said(
        golive_say, "unknown_action", action=action, known=golive_say.join(list(UI_ACTIONS))
    )
    attempt.action = action
    attempt.allowed = UI_ACTIONS[action](page, golive_target.base_url, golive_api, uat_data)
    attempt.detail = said(golive_say, "page_detail", title=page.title())


@then(parsers.parse("系统{verdict}了这个操作"))
@then(parsers.parse("the platform {verdict} it"))
def verdict(attempt: Attempt, golive_say: Say, verdict: str) -> None:
    expected = {"允许": True, "拒绝": False, "allows": True, "refuses": False}[verdict]
    fields = {"action": attempt.action, "detail": attempt.detail}
    assert attempt.allowed is not None, said(golive_say, "neither", **fields)
    english = golive_say.lang != "zh-CN"
    assert attempt.allowed == expected, said(
        golive_say,
        "verdict",
        expected=WORDS[expected][english],
        got=WORDS[attempt.allowed][english],
        **fields,
    )
