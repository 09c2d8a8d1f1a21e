"""Figures read off the platform's pages outside a scenario: a goal measured by "a page and
a label" (``golive goals``, ``golive watch``) is read the way a person reads it, in the
browser the scenarios drive, logged in through the login form as the goal's role.

The label and the number beside it are found as the figure steps find them
(``locators.figure_text``): a KPI card, a table row, a term and its description; a number
that may not be the label's is refused, never read. One browser serves every figure of a
reading, one login per role; the reading is bounded in time (``browser.in_browser``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from playwright.sync_api import Browser as PlaywrightBrowser
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from golive.errors import TargetError
from golive.inputs.config import Browser
from golive.messages import Say
from golive.pytest.browser import BrowserOverran, first_line, in_browser
from golive.pytest.locators import figure
from golive.pytest.logins import fill_login_form
from golive.run.target import RunningTarget

PAGE_TIMEOUT_MS = 30_000
"""How long one page may take to open, or an action on it to finish."""
PER_FIGURE_SECONDS = 180.0
"""The reading's bound, per figure: past every wait inside it (a login's page and three
actions, the figure's page, its label and its settling), so that those, which say what
they waited for, come first."""


@dataclass(frozen=True)
class Shown:
    """A figure a page shows: the page's path, the label beside the number, and the role
    that reads it (None: without logging in)."""

    path: str
    label: str
    role: str | None = None


def read_shown(
    running: RunningTarget, browser: Browser, wanted: Sequence[Shown], say: Say
) -> dict[Shown, float]:
    """The number each of ``wanted`` shows ("1,234.5" is 1234.5).

    TargetError, naming the page and the label and saying what the page showed, when one
    cannot be read (the login failed, the page has no such label or no number beside it, the
    platform did not answer, the reading took too long); SetupError when the browser cannot
    start."""
    found: dict[Shown, float] = {}
    reading: list[Shown] = []  # the figure being read, newest last
    seconds = PER_FIGURE_SECONDS * len(wanted)
    try:
        in_browser(
            browser, lambda opened: _read_all(opened, running, wanted, say, found, reading), seconds
        )
    except BrowserOverran:
        item = reading[-1] if reading else wanted[0]
        why = say("goals.page_timeout", seconds=f"{seconds:.0f}")
        raise _unreadable(item, why, say) from None
    return found


def _read_all(
    opened: PlaywrightBrowser,
    running: RunningTarget,
    wanted: Sequence[Shown],
    say: Say,
    found: dict[Shown, float],
    reading: list[Shown],
) -> None:
    """Read every figure, with one page (one login) per role."""
    pages: dict[str | None, Page] = {}
    for item in wanted:
        reading.append(item)
        try:
            page = pages.get(item.role)
            if page is None:
                page = pages[item.role] = opened.new_context().new_page()
                page.set_default_timeout(PAGE_TIMEOUT_MS)
                if item.role is not None:
                    page.goto(running.base_url + running.target.login.path)
                    fill_login_form(page, running, item.role, say)
            page.goto(running.base_url + item.path)
            found[item] = figure(page, say, item.label)
        except (AssertionError, PlaywrightError) as exc:
            raise _unreadable(item, first_line(exc), say) from None


def _unreadable(item: Shown, why: str, say: Say) -> TargetError:
    who = repr(item.role) if item.role is not None else say("goals.anonymous")
    return TargetError(
        say("goals.unreadable_page", label=item.label, path=item.path, who=who, why=why)
    )
