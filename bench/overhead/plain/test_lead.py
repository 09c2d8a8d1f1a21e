"""The same clicks as golive's scenario, by CSS id, with nothing of golive.

It logs in once per session as plain Playwright users do (a storage state handed to each
scenario's fresh context) and opens the page the login leads to, as golive's kept login
does; the browser is the one golive would launch (``BENCH_BROWSER``).
"""

import os
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_bdd import given, scenarios, then, when

scenarios("lead.feature")
BASE = os.environ["BENCH_BASE_URL"]


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {
        "executable_path": os.environ["BENCH_BROWSER"],
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def signed_in(browser: Browser) -> Any:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{BASE}/login")
    page.fill("#f-username", "sales")
    page.fill("#f-password", os.environ["GOLIVE_SANDBOX_SALES_PASSWORD"])
    page.click("button[type=submit]")
    page.wait_for_url(f"{BASE}/")
    state = context.storage_state()
    context.close()
    return state


@pytest.fixture
def browser_context_args(browser_context_args: dict, signed_in: Any) -> dict:
    return {**browser_context_args, "storage_state": signed_in}


@given("I am logged in as sales")
def login(page: Page) -> None:
    page.goto(f"{BASE}/")


@when("I create a lead")
def create(page: Page) -> None:
    page.click("nav >> text=线索")
    page.click("text=新建线索")
    page.fill("#f-name", "张伟")
    page.fill("#f-company", "北京测试科技有限公司")
    page.click("text=保存线索")


@then("the lead is saved")
def saved(page: Page) -> None:
    expect(page.locator("[role=status]")).to_contain_text("线索已创建")
