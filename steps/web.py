"""Generic web steps: they find things by label, role and visible text, as a person does.

They know nothing of any particular platform, so a team can write features for its own
platform with them and no new code. Each step reads the same in Chinese and English;
both phrasings are bound to one function. When a check fails, the message says what a
business reader would have seen instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, expect
from pytest_bdd import parsers, step, then

from fixtures.data import TestData
from golive.browser import unrecorded
from golive.target import RunningTarget

WAIT_MS = 10_000
"""How long a check waits for the page to show what it expects."""


@dataclass
class Notebook:
    """What the person in a scenario typed and noted, to check against later."""

    role: str | None = None
    """The role the person is logged in as."""
    typed: dict[str, str] = field(default_factory=dict)
    pages: list[str] = field(default_factory=list)
    figures: dict[str, float] = field(default_factory=dict)


@pytest.fixture
def notebook() -> Notebook:
    return Notebook()


def field_by_label(page: Page, label: str) -> Locator:
    """The form control labelled ``label``, allowing a required mark or colon after it."""
    pattern = re.compile(rf"^\s*{re.escape(label)}\s*[*:：]?\s*$")
    return page.get_by_label(pattern)


def clickable(page: Page, name: str) -> Locator:
    """The link or button a person would call ``name``."""
    exact = re.compile(rf"^\s*{re.escape(name)}\s*$")
    return page.get_by_role("button", name=exact).or_(page.get_by_role("link", name=exact))


def messages(page: Page) -> Locator:
    """Notices and alerts: what the platform tells the user after an action."""
    return page.locator("[role=alert]:visible, [role=status]:visible")


def what_the_page_says(page: Page) -> str:
    """A short description of the page, for failure messages a business reader can follow."""
    heading = page.get_by_role("heading", level=1)
    title = heading.first.inner_text() if heading.count() else page.title()
    said = [m.strip() for m in messages(page).all_inner_texts() if m.strip()]
    return f'页面 "{title}"' + (f'，提示："{"；".join(said)}"' if said else "，没有任何提示")


def check(page: Page, locator: Locator, expectation: str) -> None:
    """Wait until ``locator`` is visible; else fail saying what the page showed instead."""
    try:
        expect(locator.first).to_be_visible(timeout=WAIT_MS)
    except AssertionError:
        raise AssertionError(f"{expectation}，但看到的是{what_the_page_says(page)}") from None


# -- getting around --------------------------------------------------------------------
@step(parsers.parse('我以"{role}"身份登录'))
@step(parsers.parse('I am logged in as "{role}"'))
@step(parsers.parse('I log in as "{role}"'))
def log_in(page: Page, golive_target: RunningTarget, notebook: Notebook, role: str) -> None:
    """Log in through the target's login page with the account golive.toml gives the role."""
    form = golive_target.target.login
    username, password = golive_target.credentials(role)
    page.context.clear_cookies()  # a new person at the same browser
    page.goto(golive_target.base_url + form.path)
    notebook.role = role
    login_page = re.compile(re.escape(form.path) + r"(\?|$)")
    # neither the typed password nor the request that carries it may reach a trace
    with unrecorded(page.context):
        field_by_label(page, form.username_label).fill(username)
        field_by_label(page, form.password_label).fill(password)
        page.get_by_role("button", name=form.submit, exact=True).click()
        try:
            expect(page).not_to_have_url(login_page, timeout=WAIT_MS)
        except AssertionError:
            raise AssertionError(f'"{role}"无法登录：{what_the_page_says(page)}') from None


@step(parsers.parse('我打开"{path}"'))
@step(parsers.parse('I am on "{path}"'))
@step(parsers.parse('I go to "{path}"'))
def go_to(page: Page, golive_target: RunningTarget, path: str) -> None:
    """Open a page of the target by its path, e.g. "/orders"."""
    page.goto(golive_target.base_url + path)


@step(parsers.parse('我进入"{name}"页面'))
@step(parsers.parse('I open the "{name}" page'))
def open_from_navigation(page: Page, name: str) -> None:
    """Follow the navigation link called ``name``."""
    link = page.get_by_role("navigation").get_by_role("link", name=name, exact=True)
    check(page, link, f'应当能在导航中找到"{name}"')
    link.first.click()
    page.wait_for_load_state()


@step(parsers.parse('我切换到"{language}"'))
@step(parsers.parse('I switch the language to "{language}"'))
def switch_language(page: Page, language: str) -> None:
    """Use the page's language switch, e.g. "English" or "中文"."""
    click(page, language)


@step("我记下当前页面")
@step("I note this page")
def note_page(page: Page, notebook: Notebook) -> None:
    notebook.pages.append(page.url)


@step("我打开记下的页面")
@step("I open the page I noted")
def open_noted_page(page: Page, notebook: Notebook) -> None:
    assert notebook.pages, "没有记下任何页面"
    page.goto(notebook.pages[-1])


# -- doing things ----------------------------------------------------------------------
@step(parsers.parse('我点击"{name}"'))
@step(parsers.parse('I click "{name}"'))
def click(page: Page, name: str) -> None:
    """Click the button or link a person would call ``name``."""
    target = clickable(page, name)
    check(page, target, f'应当能看到"{name}"')
    target.first.click()


@step(parsers.parse('我双击"{name}"'))
@step(parsers.parse('I double-click "{name}"'))
def double_click(page: Page, name: str) -> None:
    """Double-click, as impatient people do on a submit button."""
    target = clickable(page, name)
    check(page, target, f'应当能看到"{name}"')
    target.first.dblclick()


@step(parsers.parse('我在"{label}"中填写"{value}"'))
@step(parsers.parse('I fill in "{label}" with "{value}"'))
def fill(page: Page, notebook: Notebook, label: str, value: str) -> None:
    """Type ``value`` into the field labelled ``label``."""
    control = field_by_label(page, label)
    check(page, control, f'应当能看到输入框"{label}"')
    control.first.fill(value)
    notebook.typed[label] = value


@step(parsers.parse('我在"{label}"中填写 {length:d} 个字符'))
@step(parsers.parse('I fill in "{label}" with {length:d} characters'))
def fill_length(
    page: Page, notebook: Notebook, uat_data: TestData, label: str, length: int
) -> None:
    """Type generated text of exactly ``length`` characters: for length limits."""
    fill(page, notebook, label, uat_data.text(length))


@step(parsers.parse('我清空"{label}"'))
@step(parsers.parse('I clear "{label}"'))
def clear(page: Page, notebook: Notebook, label: str) -> None:
    fill(page, notebook, label, "")


@step(parsers.parse('我在"{label}"中选择"{option}"'))
@step(parsers.parse('I choose "{option}" in "{label}"'))
def choose(page: Page, notebook: Notebook, label: str, option: str) -> None:
    control = field_by_label(page, label)
    check(page, control, f'应当能看到选择框"{label}"')
    notebook.typed[label] = control.first.select_option(label=option)[0]


@step(parsers.parse('我在"{label}"中任选一项'))
@step(parsers.parse('I choose any option in "{label}"'))
def choose_any(page: Page, notebook: Notebook, label: str) -> None:
    """Pick the first real option (not the "please choose" placeholder)."""
    control = field_by_label(page, label).first
    check(page, control, f'应当能看到选择框"{label}"')
    values = [
        v
        for v in control.locator("option").evaluate_all("options => options.map(o => o.value)")
        if v
    ]
    assert values, f'"{label}"里没有可选的项'
    notebook.typed[label] = control.select_option(values[0])[0]


@step(parsers.parse('我在"{label}"中填写刚才的"{earlier}"'))
@step(parsers.parse('I fill in "{label}" with the "{earlier}" I entered'))
def fill_with_earlier(page: Page, notebook: Notebook, label: str, earlier: str) -> None:
    assert earlier in notebook.typed, f'这个场景还没有填写过"{earlier}"'
    fill(page, notebook, label, notebook.typed[earlier])


@step("网络断开")
@step("the network drops")
def network_drops(page: Page) -> None:
    page.context.set_offline(True)


@step("网络恢复")
@step("the network is back")
def network_back(page: Page) -> None:
    page.context.set_offline(False)


@step("我的会话过期")
@step("my session expires")
def session_expires(page: Page) -> None:
    """The browser loses its session, as after an idle timeout or a server restart."""
    page.context.clear_cookies()


# -- seeing ----------------------------------------------------------------------------
@then(parsers.parse('我看到"{text}"'))
@then(parsers.parse('I see "{text}"'))
def see(page: Page, text: str) -> None:
    """Some visible element shows ``text``."""
    check(page, page.get_by_text(text), f'页面上应当显示"{text}"')


@then(parsers.parse('我看不到"{text}"'))
@then(parsers.parse('I do not see "{text}"'))
def do_not_see(page: Page, text: str) -> None:
    """No visible element shows ``text``."""
    try:
        expect(page.get_by_text(text).locator("visible=true")).to_have_count(0)
    except AssertionError:
        raise AssertionError(f'页面上不应显示"{text}"，但显示了') from None


@then(parsers.parse('我看到提示"{text}"'))
@then(parsers.parse('I see the message "{text}"'))
def see_message(page: Page, text: str) -> None:
    """The platform tells the user ``text`` (a notice or an alert)."""
    check(page, messages(page).filter(has_text=text), f'应当出现提示"{text}"')


@then(parsers.parse('页面标题是"{title}"'))
@then(parsers.parse('the page heading is "{title}"'))
def heading(page: Page, title: str) -> None:
    """The page's main heading (h1) reads ``title``."""
    check(
        page, page.get_by_role("heading", level=1, name=title, exact=True), f'应当打开"{title}"页面'
    )


@then(parsers.parse('表格中有一行包含"{text}"'))
@then(parsers.parse('a table row contains "{text}"'))
def row_contains(page: Page, text: str) -> None:
    check(page, page.get_by_role("row").filter(has_text=text), f'表格中应当有一行包含"{text}"')


@then(parsers.parse('表格中有一行包含刚才的"{earlier}"'))
@then(parsers.parse('a table row contains the "{earlier}" I entered'))
def row_contains_earlier(page: Page, notebook: Notebook, earlier: str) -> None:
    assert earlier in notebook.typed, f'这个场景还没有填写过"{earlier}"'
    row_contains(page, notebook.typed[earlier])


@then("我填写的内容都还在")
@then("everything I typed is still there")
def typed_still_there(page: Page, notebook: Notebook) -> None:
    """Every field the person filled in still holds what they typed."""
    lost = []
    for label, value in notebook.typed.items():
        control = field_by_label(page, label).first
        try:
            # the step before waited for the page to settle: a short look is enough
            expect(control).to_have_value(value, timeout=1_000)
        except (AssertionError, PlaywrightError):
            lost.append(label)
    assert not lost, f"填写的内容丢失了：{'、'.join(lost)}"


# -- figures ---------------------------------------------------------------------------
def figure(page: Page, label: str) -> float:
    """The number shown next to ``label`` (a KPI card, a table row)."""
    caption = page.get_by_text(label, exact=True).first
    check(page, caption, f'页面上应当显示"{label}"')
    text = caption.locator("xpath=..").inner_text()
    after = text.split(label, 1)[1]
    number = re.search(r"-?\d[\d,]*(\.\d+)?", after)
    assert number, f'"{label}"旁边没有数字：{after[:80]!r}'
    return float(number[0].replace(",", ""))


@step(parsers.parse('我记下"{label}"'))
@step(parsers.parse('I note the figure "{label}"'))
def note_figure(page: Page, notebook: Notebook, label: str) -> None:
    notebook.figures[label] = figure(page, label)


@then(parsers.parse('"{label}"比刚才高'))
@then(parsers.parse('the figure "{label}" is higher than before'))
def figure_higher(page: Page, notebook: Notebook, label: str) -> None:
    before, now = notebook.figures[label], figure(page, label)
    assert now > before, f'"{label}"应当比刚才的 {before:g} 高，现在是 {now:g}'


@then(parsers.parse('我看到可以点击的"{name}"'))
@then(parsers.parse('I can click "{name}"'))
def can_click(page: Page, name: str) -> None:
    check(page, clickable(page, name), f'应当能点击"{name}"')


@then(parsers.parse('我看不到可以点击的"{name}"'))
@then(parsers.parse('I cannot click "{name}"'))
def cannot_click(page: Page, name: str) -> None:
    try:
        expect(clickable(page, name)).to_have_count(0)
    except AssertionError:
        raise AssertionError(f'不应当能点击"{name}"，但页面上有') from None
