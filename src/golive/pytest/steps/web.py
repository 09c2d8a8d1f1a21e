"""Generic web steps: they find things by label, role and visible text, as a person does.

They know nothing of any particular platform, so a team can write features for its own
platform with them and no new code. Each step reads the same in Chinese and English;
both phrasings are bound to one function. When a check fails, the message says, in the
scenario's language, what a business reader would have seen instead.

Things are found as a person finds them: a field by its label, aria-label, accessible
name (an icon's alt text inside its label), placeholder or title; a button or link by
its role and name; a message in the alert and status regions, then in the flash-message
lists web frameworks render, then anywhere in the visible text.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect
from pytest_bdd import parsers, step, then

from golive.messages import Say
from golive.pytest.browser import unrecorded
from golive.pytest.data import TestData
from golive.pytest.locators import (
    STEADY_MS,
    WAIT_MS,
    act,
    check,
    clickable,
    field_by_label,
    figure,
    messages,
    named,
    what_the_page_says,
)
from golive.pytest.logins import EMPTY_STATE, SavedLogins, fill_login_form
from golive.pytest.plugin import written_as_precondition
from golive.run.target import RunningTarget


@dataclass
class Notebook:
    """What the person in a scenario typed and noted, to check against later."""

    role: str | None = None
    """The role the person is logged in as."""
    typed: dict[str, str] = field(default_factory=dict)
    pages: list[str] = field(default_factory=list)
    figures: dict[str, float] = field(default_factory=dict)
    records: list[str] = field(default_factory=list)
    """Ids of the records the scenario made through the API, newest last."""


@pytest.fixture
def notebook() -> Notebook:
    return Notebook()


# -- getting around --------------------------------------------------------------------
@step(parsers.parse('我以"{role}"身份登录'))
@step(parsers.parse('I am logged in as "{role}"'))
@step(parsers.parse('I log in as "{role}"'))
def log_in(
    page: Page,
    golive_target: RunningTarget,
    golive_logins: SavedLogins,
    notebook: Notebook,
    golive_say: Say,
    request: pytest.FixtureRequest,
    role: str,
) -> None:
    """Log in through the target's login page with the account golive.toml gives the role.

    Written as a precondition (a Given), the role's kept login is restored instead when
    this worker has one that still holds (``golive.pytest.logins``); written as an action
    (a When), it always goes through the page."""
    notebook.role = role
    if not golive_logins.watching(page.context):
        request.addfinalizer(lambda: golive_logins.scenario_ended(page.context))
    if written_as_precondition(request) and golive_logins.restore(page, role):
        return
    # a new person at the same browser: no cookies, and no local storage either (a kept
    # login restored and found ended left its own)
    page.context.set_storage_state(EMPTY_STATE)
    page.goto(golive_target.base_url + golive_target.target.login.path)
    # neither the typed password nor the request that carries it may reach a trace
    with unrecorded(page.context):
        fill_login_form(page, golive_target, role, golive_say)
        golive_logins.keep(page, role)  # the state holds the session cookie: untraced


@step(parsers.parse('我打开"{path}"'))
@step(parsers.parse('I am on "{path}"'))
@step(parsers.parse('I go to "{path}"'))
def go_to(page: Page, golive_target: RunningTarget, notebook: Notebook, path: str) -> None:
    """Open a page of the target by its path, e.g. "/orders"; ``{id}`` in it is the last
    record the scenario made through the API."""
    if "{id}" in path and notebook.records:
        path = path.replace("{id}", notebook.records[-1])
    page.goto(golive_target.base_url + path)


@step(parsers.parse('我进入"{name}"页面'))
@step(parsers.parse('I open the "{name}" page'))
def open_from_navigation(page: Page, golive_say: Say, name: str) -> None:
    """Follow the navigation link called ``name``."""
    link = page.get_by_role("navigation").get_by_role("link", name=name, exact=True)
    check(golive_say, page, link, golive_say("web.should_find_nav", name=name))
    link.first.click()
    page.wait_for_load_state()


@step(parsers.parse('我切换到"{language}"'))
@step(parsers.parse('I switch the language to "{language}"'))
def switch_language(page: Page, golive_say: Say, language: str) -> None:
    """Use the page's language switch, e.g. "English" or "中文"."""
    click(page, golive_say, language)


@step("我记下当前页面")
@step("I note this page")
def note_page(page: Page, notebook: Notebook) -> None:
    notebook.pages.append(page.url)


@step("我打开记下的页面")
@step("I open the page I noted")
def open_noted_page(page: Page, notebook: Notebook, golive_say: Say) -> None:
    assert notebook.pages, golive_say("web.no_page_noted")
    page.goto(notebook.pages[-1])


# -- doing things ----------------------------------------------------------------------
@step(parsers.parse('我点击"{name}"'))
@step(parsers.parse('I click "{name}"'))
def click(page: Page, golive_say: Say, name: str) -> None:
    """Click the button or link a person would call ``name``."""
    expected = golive_say("web.should_see_clickable", name=name)
    act(golive_say, page, clickable(page, name), expected, lambda it: it.click(timeout=WAIT_MS))


@step(parsers.parse('我双击"{name}"'))
@step(parsers.parse('I double-click "{name}"'))
def double_click(page: Page, golive_say: Say, name: str) -> None:
    """Double-click, as impatient people do on a submit button."""
    expected = golive_say("web.should_see_clickable", name=name)
    act(golive_say, page, clickable(page, name), expected, lambda it: it.dblclick(timeout=WAIT_MS))


@step(parsers.parse('我在"{label}"中填写"{value}"'))
@step(parsers.parse('I fill in "{label}" with "{value}"'))
def fill(page: Page, notebook: Notebook, golive_say: Say, label: str, value: str) -> None:
    """Type ``value`` into the field labelled ``label``."""
    expected = golive_say("web.should_see_field", label=label)
    act(
        golive_say,
        page,
        field_by_label(page, label),
        expected,
        lambda it: it.fill(value, timeout=WAIT_MS),
    )
    notebook.typed[label] = value


@step(parsers.parse('我在"{label}"中填写 {length:d} 个字符'))
@step(parsers.parse('I fill in "{label}" with {length:d} characters'))
def fill_length(
    page: Page, notebook: Notebook, golive_say: Say, uat_data: TestData, label: str, length: int
) -> None:
    """Type generated text of exactly ``length`` characters: for length limits."""
    fill(page, notebook, golive_say, label, uat_data.text(length))


@step(parsers.parse('我清空"{label}"'))
@step(parsers.parse('I clear "{label}"'))
def clear(page: Page, notebook: Notebook, golive_say: Say, label: str) -> None:
    fill(page, notebook, golive_say, label, "")


@step(parsers.parse('我在"{label}"中选择"{option}"'))
@step(parsers.parse('I choose "{option}" in "{label}"'))
def choose(page: Page, notebook: Notebook, golive_say: Say, label: str, option: str) -> None:
    control = field_by_label(page, label)
    check(golive_say, page, control, golive_say("web.should_see_select", label=label))
    notebook.typed[label] = control.first.select_option(label=option)[0]


@step(parsers.parse('我在"{label}"中任选一项'))
@step(parsers.parse('I choose any option in "{label}"'))
def choose_any(page: Page, notebook: Notebook, golive_say: Say, label: str) -> None:
    """Pick the first real option (not the "please choose" placeholder)."""
    control = field_by_label(page, label).first
    check(golive_say, page, control, golive_say("web.should_see_select", label=label))
    values = [
        v
        for v in control.locator("option").evaluate_all("options => options.map(o => o.value)")
        if v
    ]
    assert values, golive_say("web.no_options", label=label)
    notebook.typed[label] = control.select_option(values[0])[0]


@step(parsers.parse('我在"{label}"中填写刚才的"{earlier}"'))
@step(parsers.parse('I fill in "{label}" with the "{earlier}" I entered'))
def fill_with_earlier(
    page: Page, notebook: Notebook, golive_say: Say, label: str, earlier: str
) -> None:
    assert earlier in notebook.typed, golive_say("web.not_typed", earlier=earlier)
    fill(page, notebook, golive_say, label, notebook.typed[earlier])


@step("我的会话过期")
@step("my session expires")
def session_expires(page: Page) -> None:
    """The browser loses its session, as after an idle timeout or a server restart."""
    page.context.clear_cookies()


# -- seeing ----------------------------------------------------------------------------
@then(parsers.parse('我看到"{text}"'))
@then(parsers.parse('I see "{text}"'))
def see(page: Page, golive_say: Say, text: str) -> None:
    """Some visible element shows ``text``."""
    check(golive_say, page, page.get_by_text(text), golive_say("web.should_show", text=text))


@then(parsers.parse('我看不到"{text}"'))
@then(parsers.parse('I do not see "{text}"'))
def do_not_see(page: Page, golive_say: Say, text: str) -> None:
    """No visible element shows ``text``."""
    try:
        expect(page.get_by_text(text).filter(visible=True)).to_have_count(0)
    except AssertionError:
        raise AssertionError(golive_say("web.should_not_show", text=text)) from None


@then(parsers.parse('我看到提示"{text}"'))
@then(parsers.parse('I see the message "{text}"'))
def see_message(page: Page, golive_say: Say, text: str) -> None:
    """The platform tells the user ``text``: in an alert or status region, a flash message,
    or, failing those, anywhere in the visible text (as the person would still read it)."""
    found = messages(page).filter(has_text=text).or_(page.get_by_text(text).filter(visible=True))
    try:
        expect(found.first).to_be_visible(timeout=WAIT_MS)
    except AssertionError:
        page_says = what_the_page_says(golive_say, page)
        raise AssertionError(golive_say("web.message_missing", text=text, page=page_says)) from None


@then(parsers.parse('页面标题是"{title}"'))
@then(parsers.parse('the page heading is "{title}"'))
def heading(page: Page, golive_say: Say, title: str) -> None:
    """The page's main heading reads ``title``: its h1, or a heading of any level on a
    page that has no h1 (many admin frameworks title a page with an h3 or h4)."""
    name = named(title)
    page.wait_for_load_state()
    any_level = page.get_by_role("heading", name=name)
    has_h1 = page.get_by_role("heading", level=1).count() > 0
    main = page.get_by_role("heading", level=1, name=name) if has_h1 else any_level
    check(golive_say, page, main, golive_say("web.should_open", title=title))


@then(parsers.parse('表格中有一行包含"{text}"'))
@then(parsers.parse('a table row contains "{text}"'))
def row_contains(page: Page, golive_say: Say, text: str) -> None:
    row = page.get_by_role("row").filter(has_text=text)
    check(golive_say, page, row, golive_say("web.should_have_row", text=text))


@then(parsers.parse('表格中有一行包含刚才的"{earlier}"'))
@then(parsers.parse('a table row contains the "{earlier}" I entered'))
def row_contains_earlier(page: Page, notebook: Notebook, golive_say: Say, earlier: str) -> None:
    assert earlier in notebook.typed, golive_say("web.not_typed", earlier=earlier)
    row_contains(page, golive_say, notebook.typed[earlier])


@then("我填写的内容都还在")
@then("everything I typed is still there")
def typed_still_there(page: Page, notebook: Notebook, golive_say: Say) -> None:
    """Every field the person filled in still holds what they typed."""
    lost = []
    for label, value in notebook.typed.items():
        control = field_by_label(page, label).first
        try:
            # the step before waited for the page to settle: a short look is enough
            expect(control).to_have_value(value, timeout=1_000)
        except (AssertionError, PlaywrightError):
            lost.append(label)
    assert not lost, golive_say("web.typed_lost", labels=golive_say.join(lost))


# -- figures ---------------------------------------------------------------------------
@step(parsers.parse('我记下"{label}"'))
@step(parsers.parse('I note the figure "{label}"'))
def note_figure(page: Page, notebook: Notebook, golive_say: Say, label: str) -> None:
    notebook.figures[label] = figure(page, golive_say, label)


@then(parsers.parse('"{label}"比刚才高'))
@then(parsers.parse('the figure "{label}" is higher than before'))
def figure_higher(page: Page, notebook: Notebook, golive_say: Say, label: str) -> None:
    """The figure rose since it was noted. Read until it has, for ``WAIT_MS``: an action
    on the page may update it by a request of its own, after the page itself settled."""
    before, deadline = notebook.figures[label], time.monotonic() + WAIT_MS / 1000
    now = figure(page, golive_say, label)
    while now <= before and time.monotonic() < deadline:
        page.wait_for_timeout(STEADY_MS)
        now = figure(page, golive_say, label)
    assert now > before, golive_say(
        "web.should_be_higher", label=label, before=f"{before:g}", now=f"{now:g}"
    )


@then(parsers.parse('我看到可以点击的"{name}"'))
@then(parsers.parse('I can click "{name}"'))
def can_click(page: Page, golive_say: Say, name: str) -> None:
    check(golive_say, page, clickable(page, name), golive_say("web.should_click", name=name))


@then(parsers.parse('我看不到可以点击的"{name}"'))
@then(parsers.parse('I cannot click "{name}"'))
def cannot_click(page: Page, golive_say: Say, name: str) -> None:
    try:
        expect(clickable(page, name)).to_have_count(0)
    except AssertionError:
        raise AssertionError(golive_say("web.should_not_click", name=name)) from None
