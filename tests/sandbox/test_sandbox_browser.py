"""The UI in a real Chromium: the order form online, offline and on retry; the language
switch; paging; validation messages."""

from __future__ import annotations

import re

from playwright.sync_api import BrowserContext, expect
from sandbox_clients import Sandbox, count_orders, fill_order, read_order_form, sign_in

NETWORK_ERROR = "网络连接失败，订单尚未提交。您填写的内容已保留，请检查网络后重试。"
ORDER_PAGE = re.compile(r".*/orders/\d+\?done=created_(submitted|draft)$")


def test_order_form_creates_the_order(clean: Sandbox, browser_context: BrowserContext) -> None:
    page = sign_in(browser_context, clean, "sales", "/orders/new")
    entered = fill_order(page)
    assert entered["price_1"]  # prefilled from the product's list price
    page.get_by_role("button", name="提交订单").click()
    page.wait_for_url(ORDER_PAGE)
    expect(page.get_by_role("status")).to_have_text("订单已提交")
    number = page.locator("#order-number").inner_text()
    assert re.fullmatch(r"SO\d{7}", number)
    order_id = page.url.split("/orders/")[1].split("?")[0]
    order = clean.api("sales").get(f"/api/orders/{order_id}").json()
    assert order["number"] == number and order["status"] == "submitted"
    assert order["note"] == entered["note"]
    assert [(line["product_id"], line["quantity"]) for line in order["lines"]] == [
        (int(entered["product_1"]), 1),
        (int(entered["product_2"]), 3),
    ]
    assert order["lines"][1]["unit_price"] == "88.50"


def test_offline_submit_keeps_input_and_retry_creates_one_order(
    clean: Sandbox, browser_context: BrowserContext
) -> None:
    page = sign_in(browser_context, clean, "sales", "/orders/new")
    entered = fill_order(page, note="断网测试：保留我")
    api = clean.api("sales")
    before = count_orders(api, int(entered["customer"]))
    key = page.locator("#f-idempotency_key").input_value()
    browser_context.set_offline(True)
    page.get_by_role("button", name="提交订单").click()
    expect(page.get_by_role("alert")).to_have_text(NETWORK_ERROR)
    assert read_order_form(page) == entered
    expect(page.get_by_role("button", name="提交订单")).to_be_enabled()
    assert page.locator("#f-idempotency_key").input_value() == key
    assert count_orders(api, int(entered["customer"])) == before
    browser_context.set_offline(False)
    page.get_by_role("button", name="提交订单").click()
    page.wait_for_url(ORDER_PAGE)
    assert count_orders(api, int(entered["customer"])) == before + 1


def test_double_click_creates_one_order(clean: Sandbox, browser_context: BrowserContext) -> None:
    page = sign_in(browser_context, clean, "sales", "/orders/new")
    entered = fill_order(page)
    api = clean.api("sales")
    before = count_orders(api, int(entered["customer"]))
    page.get_by_role("button", name="提交订单").dblclick()
    page.wait_for_url(ORDER_PAGE)
    page.wait_for_timeout(500)  # give a second request, if any was sent, time to land
    assert count_orders(api, int(entered["customer"])) == before + 1


def test_server_message_shows_and_input_stays(
    clean: Sandbox, browser_context: BrowserContext
) -> None:
    page = sign_in(browser_context, clean, "sales", "/orders/new")
    fill_order(page, quantity="0")
    page.get_by_role("button", name="保存草稿").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("明细 2：数量必须是 1 到 10000 之间的整数")
    assert read_order_form(page)["quantity_2"] == "0"
    page.get_by_role("group", name="明细 2").get_by_label("数量").fill("2")
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_url(ORDER_PAGE)
    expect(page.get_by_role("status")).to_have_text("草稿已保存")


def test_lines_can_be_added_and_removed(clean: Sandbox, browser_context: BrowserContext) -> None:
    page = sign_in(browser_context, clean, "sales", "/orders/new")
    remove = page.get_by_role("button", name="删除")
    expect(remove).to_be_disabled()  # the last line stays
    page.get_by_role("button", name="添加明细").click()
    page.get_by_role("button", name="添加明细").click()
    expect(page.get_by_role("group", name=re.compile(r"^明细 \d$"))).to_have_count(3)
    page.get_by_role("group", name="明细 2").get_by_role("button", name="删除").click()
    expect(page.get_by_role("group", name="明细 3")).to_have_count(0)
    expect(page.get_by_role("group", name="明细 2")).to_have_count(1)


def test_language_switch(clean: Sandbox, browser_context: BrowserContext) -> None:
    page = sign_in(browser_context, clean, "viewer", "/leads?page=2")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    expect(page.get_by_role("heading", level=1)).to_have_text("线索")
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.get_by_role("heading", level=1)).to_have_text("Leads")
    expect(page.get_by_text("Page 2 of")).to_be_visible()  # the page was kept
    nav = page.get_by_role("navigation", name="Main navigation")
    for name in ("Dashboard", "Leads", "Customers", "Orders"):
        expect(nav.get_by_role("link", name=name)).to_be_visible()
    page.get_by_role("link", name="Orders").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Orders")  # remembered
    page.get_by_role("link", name="中文").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("订单")


def test_paging_through_the_lead_list(clean: Sandbox, browser_context: BrowserContext) -> None:
    page = sign_in(browser_context, clean, "manager", "/leads")
    pager = page.get_by_role("navigation", name="分页")
    expect(pager.get_by_role("link", name="上一页")).to_have_count(0)
    pages = int(re.search(r"第 1 / (\d+) 页", pager.inner_text()).group(1))
    pager.get_by_role("link", name="下一页").click()
    expect(pager).to_contain_text(f"第 2 / {pages} 页")
    page.goto(f"{clean.base_url}/leads?page={pages}")
    expect(pager).to_contain_text(f"第 {pages} / {pages} 页")
    expect(pager.get_by_role("link", name="下一页")).to_have_count(0)
    expect(page.get_by_role("table").get_by_role("row")).not_to_have_count(1)


def test_lead_form_messages_in_the_browser(clean: Sandbox, browser_context: BrowserContext) -> None:
    page = sign_in(browser_context, clean, "sales", "/leads/new")
    page.get_by_label("公司").fill("有公司没联系人")
    page.get_by_label("邮箱").fill("not-an-email")
    page.get_by_role("button", name="保存线索").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("联系人不能为空")
    expect(summary).to_contain_text("邮箱格式不正确")
    expect(page.get_by_label("公司")).to_have_value("有公司没联系人")
    page.get_by_label("联系人").fill("王五")
    page.get_by_label("邮箱").fill("wang.wu@example.com")
    page.get_by_role("button", name="保存线索").click()
    expect(page.get_by_role("status")).to_have_text("线索已创建")
    page.get_by_role("button", name="确认线索").click()
    page.get_by_role("button", name="转化为客户").click()
    page.get_by_role("link", name="查看转化后的客户").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("客户：王五")


def test_header_shows_user_and_logs_out(clean: Sandbox, browser_context: BrowserContext) -> None:
    page = sign_in(browser_context, clean, "manager")
    expect(page.get_by_text("林晓梅（销售经理）")).to_be_visible()
    page.get_by_role("button", name="退出登录").click()
    expect(page.get_by_role("status")).to_have_text("您已退出登录。")
    page.goto(f"{clean.base_url}/orders")
    expect(page.get_by_role("heading", level=1)).to_have_text("登录")
