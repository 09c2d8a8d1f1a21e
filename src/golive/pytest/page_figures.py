"""Figures read off the platform's pages outside a scenario: a goal measured by "a page and
a label" (``golive goals``, ``golive watch``) is read the way a person reads it, in the
browser the scenarios drive, logged in through the login form as the goal's role.

The label and the number beside it are found as the figure steps find them
(``locators.figure_text``): a KPI card, a table row, a term and its description. One
browser serves every figure of a reading, one login per role; the whole reading runs in a
thread of its own (Playwright's sync API refuses a thread with an asyncio loop running)
and is bounded in time.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

from playwright.sync_api import Browser as PlaywrightBrowser
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from golive.errors import SetupError, TargetError
from golive.inputs.config import Browser
from golive.messages import Say
from golive.pytest.browser import browser_trouble, open_browser
from golive.pytest.locators import figure_text
from golive.pytest.logins import fill_login_form
from golive.run.target import RunningTarget

PAGE_TIMEOUT_MS = 30_000
"""How long one page may take to open, or an action on it to finish."""
START_SECONDS = 60.0
PER_FIGURE_SECONDS = 60.0
"""The reading's bound: the browser's start, then this much per figure (each page opens
within ``PAGE_TIMEOUT_MS``, its label is awaited for ``locators.WAIT_MS``)."""


@dataclass(frozen=True)
class Shown:
    """A figure a page shows: the page's path, the label beside the number, and the role
    that reads it (None: without logging in)."""

    path: str
    label: str
    role: str | None = None


def read_shown(
    running: RunningTarget, browser: Browser, wanted: Sequence[Shown], say: Say
) -> dict[Shown, str]:
    """The number each of ``wanted`` shows, as the page writes it ("14.0", "1,234").

    TargetError, naming the page and the label and saying what the page showed, when one
    cannot be read (the login failed, the page has no such label or no number beside it, the
    platform did not answer); SetupError when the browser cannot start."""
    found: dict[Shown, str] = {}
    failed: list[BaseException] = []
    started = threading.Event()

    def work() -> None:
        from playwright.sync_api import sync_playwright  # only a page reading needs it

        try:
            with sync_playwright() as playwright:
                try:
                    opened = open_browser(playwright.chromium, browser)
                except (PlaywrightError, OSError) as exc:  # OSError: no Playwright driver
                    raise SetupError(browser_trouble(browser, exc)) from None
                started.set()
                try:
                    _read_all(opened, running, wanted, say, found)
                finally:
                    opened.close()
        except BaseException as exc:  # carried to the caller's thread
            failed.append(exc)

    thread = threading.Thread(target=work, name="golive-page-figures", daemon=True)
    thread.start()
    thread.join(timeout=START_SECONDS + PER_FIGURE_SECONDS * len(wanted))
    if thread.is_alive():
        if not started.is_set():
            raise SetupError(browser_trouble(browser, None))
        seconds = f"{START_SECONDS + PER_FIGURE_SECONDS * len(wanted):.0f}"
        raise TargetError(
            say("goals.page_timeout", count=len(wanted), url=running.base_url, seconds=seconds)
        )
    if failed:
        raise failed[0]
    return found


def _read_all(
    opened: PlaywrightBrowser,
    running: RunningTarget,
    wanted: Sequence[Shown],
    say: Say,
    found: dict[Shown, str],
) -> None:
    """Read every figure, with one page (one login) per role."""
    pages: dict[str | None, Page] = {}
    for item in wanted:
        try:
            page = pages.get(item.role)
            if page is None:
                page = pages[item.role] = opened.new_context().new_page()
                page.set_default_timeout(PAGE_TIMEOUT_MS)
                if item.role is not None:
                    page.goto(running.base_url + running.target.login.path)
                    fill_login_form(page, running, item.role, say)
            page.goto(running.base_url + item.path)
            found[item] = figure_text(page, say, item.label)
        except (AssertionError, PlaywrightError) as exc:
            text = str(exc).strip()
            why = text.splitlines()[0] if text else type(exc).__name__
            who = repr(item.role) if item.role is not None else say("goals.anonymous")
            raise TargetError(
                say("goals.unreadable_page", label=item.label, path=item.path, who=who, why=why)
            ) from None
