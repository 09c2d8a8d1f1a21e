"""Generic web steps: they find things by label, role and visible text, as a person does.

They know nothing of any particular platform, so a team can write features for its own
platform with them and no new code. Each step reads the same in Chinese and English;
both phrasings are bound to one function.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect
from pytest_bdd import given, parsers, then, when

from golive.target import RunningTarget


def field(page: Page, label: str) -> Locator:
    """The form control labelled ``label``, allowing a required mark or colon after it."""
    pattern = re.compile(rf"^\s*{re.escape(label)}\s*[*:：]?\s*$")
    return page.get_by_label(pattern)


def _clickable(page: Page, name: str) -> Locator:
    exact = re.compile(rf"^\s*{re.escape(name)}\s*$")
    return page.get_by_role("link", name=exact).or_(page.get_by_role("button", name=exact))


@given(parsers.parse('我以"{role}"身份登录'))
@given(parsers.parse('I am logged in as "{role}"'))
@when(parsers.parse('我以"{role}"身份登录'))
@when(parsers.parse('I log in as "{role}"'))
def log_in(page: Page, golive_target: RunningTarget, role: str) -> None:
    """Log in through the target's login page with the account golive.toml gives the role."""
    target = golive_target.target
    user = target.user(role)
    form = target.login
    page.goto(golive_target.base_url + form.path)
    field(page, form.username_label).fill(user.username)
    field(page, form.password_label).fill(user.password())
    page.get_by_role("button", name=form.submit, exact=True).click()
    # logged in once the browser has left the login page
    expect(page).not_to_have_url(re.compile(re.escape(form.path) + r"(\?|$)"))


@given(parsers.parse('我打开"{path}"'))
@given(parsers.parse('I am on "{path}"'))
@when(parsers.parse('我打开"{path}"'))
@when(parsers.parse('I go to "{path}"'))
def go_to(page: Page, golive_target: RunningTarget, path: str) -> None:
    """Open a page of the target by its path, e.g. "/orders"."""
    page.goto(golive_target.base_url + path)


@when(parsers.parse('我点击"{name}"'))
@when(parsers.parse('I click "{name}"'))
def click(page: Page, name: str) -> None:
    """Click the link or button whose accessible name is ``name``."""
    _clickable(page, name).first.click()


@then(parsers.parse('我看到"{text}"'))
@then(parsers.parse('I see "{text}"'))
def see(page: Page, text: str) -> None:
    """Some visible element shows ``text``."""
    expect(page.get_by_text(text).first).to_be_visible()


@then(parsers.parse('我看不到"{text}"'))
@then(parsers.parse('I do not see "{text}"'))
def do_not_see(page: Page, text: str) -> None:
    """No visible element shows ``text``."""
    expect(page.get_by_text(text)).to_have_count(0)


@then(parsers.parse('页面标题是"{title}"'))
@then(parsers.parse('the page heading is "{title}"'))
def heading(page: Page, title: str) -> None:
    """The page's main heading (h1) reads ``title``."""
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
