"""Logging in once per role and worker: the browser state a login leaves, kept and restored.

A scenario that begins with "I am logged in as ..." is about what the person does next,
not about the login page; logging in through the page before each one (the form, the
password hashing, the redirect) was a third of the UAT suite's time. The first such
login of a role in a worker goes through the page as before; the cookies and local
storage it leaves (Playwright's storage state) are kept, and the next scenario's fresh
context gets them and opens the page the login led to.

A kept state is never trusted blindly:

- it is used only while younger than ``[targets.X.login] reuse_minutes`` and while none
  of its cookies has expired;
- after it is restored, the page the login led to must open without sending the person
  back to the login page or showing a password field; otherwise the session has ended
  (timed out, ended by a logout elsewhere, the server restarted) and the person logs in
  through the page again, which keeps the new state;
- a scenario whose browser lost one of the state's cookies or local-storage items (it
  logged out, or its session was made to expire) ends the state: the next scenario logs
  in afresh. A value that changed is no sign of it: frameworks that keep the session in
  a signed cookie sign it again whenever it changes, and the old one still holds.

Logins written as an action ("When I log in as ...", "当 我以...身份登录") and every
scenario about the login page itself still go through the page.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any
from weakref import WeakKeyDictionary

from playwright.sync_api import BrowserContext, Page, expect
from playwright.sync_api import Error as PlaywrightError

from golive.inputs.config import LoginForm
from golive.messages import Say
from golive.pytest.browser import stop_recording
from golive.pytest.locators import WAIT_MS, field_by_label, what_the_page_says
from golive.run.target import RunningTarget

EXPIRY_MARGIN_S = 60.0
"""A cookie that expires within this many seconds is treated as expired already."""

EMPTY_STATE: Any = {"cookies": [], "origins": []}
"""A browser state with nothing in it: a new person at the same browser."""


def login_page(form: LoginForm) -> re.Pattern[str]:
    """The login page's address, found anywhere in a URL (a platform under a path,
    /erp/login, or a login page on another host), with or without a query."""
    return re.compile(re.escape(form.path) + r"(\?|#|$)")


def fill_login_form(page: Page, running: RunningTarget, role: str, say: Say) -> None:
    """Log in as ``role`` on the login page ``page`` shows, with the account golive.toml
    gives the role: its user name and password typed by their labels, the submit button
    pressed, and the page left. AssertionError, saying what the page said, when the login
    page stays."""
    form = running.target.login
    username, password = running.credentials(role)
    field_by_label(page, form.username_label).first.fill(username)
    field_by_label(page, form.password_label).first.fill(password)
    page.get_by_role("button", name=form.submit, exact=True).click()
    try:
        expect(page).not_to_have_url(login_page(form), timeout=WAIT_MS)
    except AssertionError:
        page_says = what_the_page_says(say, page)
        raise AssertionError(say("web.cannot_log_in", role=role, page=page_says)) from None


@dataclass(frozen=True)
class SavedLogin:
    """The browser state one login of a role left behind."""

    state: Any = field(repr=False)  # Playwright's StorageState: cookies, local storage
    landing: str
    """The page the login led to, opened again when the state is restored."""
    made: float = field(default_factory=time.monotonic)

    def usable(self, max_age_s: float, now_epoch: float | None = None) -> bool:
        """Young enough, and none of its cookies expires within the margin."""
        if time.monotonic() - self.made > max_age_s:
            return False
        now = time.time() if now_epoch is None else now_epoch
        return all(
            cookie.get("expires", -1) <= 0 or cookie["expires"] > now + EXPIRY_MARGIN_S
            for cookie in self.state.get("cookies", ())
        )

    def names(self) -> set[tuple[str, ...]]:
        """Its cookies and local-storage items, by name and where they live."""
        return _names(self.state)


def _names(state: Any) -> set[tuple[str, ...]]:
    """A storage state's cookies and local-storage items, by name: a value that changed
    (a session cookie signed again after a flash message) is no logout, one that is gone
    may be."""
    cookies = {("cookie", c["domain"], c["path"], c["name"]) for c in state.get("cookies", ())}
    stored = {
        ("local", origin["origin"], item["name"])
        for origin in state.get("origins", ())
        for item in origin.get("localStorage", ())
    }
    return cookies | stored


class SavedLogins:
    """One worker's kept logins, by role; a session fixture (``golive_logins``)."""

    def __init__(self, form: LoginForm) -> None:
        self.form = form
        self._saved: dict[str, SavedLogin] = {}
        self._held: WeakKeyDictionary[BrowserContext, dict[str, SavedLogin]] = WeakKeyDictionary()
        self.restored = 0
        """How many logins were restored rather than typed."""
        self.expired = 0
        """How many kept logins were found ended on the server, and renewed."""

    def restore(self, page: Page, role: str) -> bool:
        """Give the page's context the role's kept state and open the page the login led
        to; False (nothing kept, too old, or the session has ended) when the person must
        log in through the page instead."""
        saved = self._saved.get(role)
        if not self.form.reuse or saved is None:
            return False
        if not saved.usable(self.form.reuse_minutes * 60):
            del self._saved[role]
            return False
        # the state's cookies are in the trace's action log now: redact_trace blanks them
        # before a failure attaches it (cheaper than stopping the trace around the call)
        page.context.set_storage_state(saved.state)
        page.goto(saved.landing)
        if self.signed_out(page):
            del self._saved[role]
            self.expired += 1
            return False
        self._held.setdefault(page.context, {})[role] = saved
        self.restored += 1
        return True

    def keep(self, page: Page, role: str) -> None:
        """Keep the state a login through the page just left (call it where the trace
        is off: the state holds the session cookie)."""
        if not self.form.reuse:
            return
        saved = SavedLogin(state=page.context.storage_state(), landing=page.url)
        self._saved[role] = saved
        self._held.setdefault(page.context, {})[role] = saved

    def watching(self, context: BrowserContext) -> bool:
        """Whether the context holds a kept login, to be checked when its scenario ends."""
        return context in self._held

    def signed_out(self, page: Page) -> bool:
        """The page is the login page, or asks for a password: the session has ended."""
        if login_page(self.form).search(page.url):
            return True
        return page.locator("input[type=password]").filter(visible=True).count() > 0

    def scenario_ended(self, context: BrowserContext) -> None:
        """Forget the states whose cookies or local storage the scenario's browser lost:
        it logged out, or its session was made to expire, and the session may be over."""
        held = self._held.pop(context, None)
        if not held:
            return
        try:
            stop_recording(context)  # the trace is no longer needed, and the state is secret
            now = _names(context.storage_state())
        except PlaywrightError:  # the browser closed or crashed: nothing to go by
            now = set()
        for role, saved in held.items():
            if not saved.names() <= now and self._saved.get(role) is saved:
                del self._saved[role]
