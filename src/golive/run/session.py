"""Signing in to a target as a person does, without a browser: its login form over HTTP.

The API steps of a platform without a token endpoint and the security probes both act
as a role through the session the platform's own login page gives: GET the page, fill
its form (hidden fields such as a CSRF token included), POST it, keep the cookies. A
state-changing request then carries the CSRF token the way the common web frameworks
read it (a header, or a form field). Nothing here keeps or shows a secret beyond the
client's own cookie jar.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from golive.errors import TargetError
from golive.run.target import RunningTarget

Send = Callable[..., httpx.Response]
"""``send(method, path, **httpx_kwargs)``: how a request goes out (counted, for probes)."""

CSRF_NAME = re.compile(r"csrf|xsrf|authenticity_token|^_token$", re.IGNORECASE)
"""Cookie, meta and field names the common frameworks give their CSRF token (Django,
Flask-WTF, Rails, Laravel, Spring, Angular's XSRF-TOKEN)."""
CSRF_HEADERS = ("X-CSRFToken", "X-CSRF-Token", "X-XSRF-TOKEN")
"""Headers those frameworks accept the token in; sending all three is harmless."""
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass
class Form:
    """An HTML form as golive reads it."""

    action: str
    method: str
    fields: list[tuple[str, str, str]] = field(default_factory=list)
    """(name, type, value) of each input, textarea and select (first option)."""
    label: str = ""
    """What the form says it does: its role and aria-label, its buttons' text."""
    options: dict[str, list[str]] = field(default_factory=dict)
    """Each select's option values, in order."""
    labels: dict[str, list[str]] = field(default_factory=dict)
    """Each select's option texts, in the order of ``options``."""
    selected: dict[str, list[str]] = field(default_factory=dict)
    """Each select's selected option values (more than one in a multiple select)."""
    checked: dict[str, str] = field(default_factory=dict)
    """Each ticked box and chosen radio button: name -> its value."""
    enctype: str = ""

    @property
    def password_field(self) -> str | None:
        return next((n for n, t, _ in self.fields if t == "password"), None)

    @property
    def username_field(self) -> str | None:
        return next((n for n, t, _ in self.fields if t in {"text", "email"}), None)

    @property
    def csrf_field(self) -> str | None:
        return next((n for n, t, _ in self.fields if t == "hidden" and CSRF_NAME.search(n)), None)

    def values(self, *, without: Callable[[str], bool] = lambda name: False) -> dict[str, str]:
        return {n: v for n, _, v in self.fields if n and not without(n)}

    def target(self, page: str) -> str:
        """The path the form posts to, resolved against the page's path."""
        return urlsplit(urljoin(f"http://x{page}", self.action or page)).path


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.meta: dict[str, str] = {}
        self._select: str | None = None
        self._option = False
        self._button = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and a.get("name"):
            self.meta[a["name"]] = a.get("content", "")
        elif tag == "form":
            said = " ".join(filter(None, (a.get("role"), a.get("aria-label"), a.get("title"))))
            method, enctype = a.get("method", "get").lower(), a.get("enctype", "").lower()
            self.forms.append(Form(a.get("action", ""), method, label=said, enctype=enctype))
        elif not self.forms:
            return
        elif tag == "input" and a.get("type", "text").lower() in {"submit", "button", "image"}:
            self.forms[-1].label += " " + a.get("value", a.get("alt", ""))
        elif tag == "input":
            kind = a.get("type", "text").lower()
            self.forms[-1].fields.append((a.get("name", ""), kind, a.get("value", "")))
            if kind in {"checkbox", "radio"} and "checked" in a:
                self.forms[-1].checked[a.get("name", "")] = a.get("value", "on")
        elif tag == "button":
            self._button = True
            self.forms[-1].label += " " + a.get("aria-label", "")
        elif tag == "textarea":
            self.forms[-1].fields.append((a.get("name", ""), "textarea", ""))
        elif tag == "select":
            self._select = a.get("name", "")
            self.forms[-1].options.setdefault(self._select, [])
            self.forms[-1].labels.setdefault(self._select, [])
        elif tag == "option" and self._select is not None:
            form, value = self.forms[-1], a.get("value", "")
            form.labels[self._select].append("")
            self._option = True
            if "selected" in a:
                form.selected.setdefault(self._select, []).append(value)
            chosen = form.options[self._select]
            if not chosen:  # the first option is the select's value, unless another is selected
                form.fields.append((self._select, "select", value))
            elif "selected" in a:
                at = max(i for i, (n, k, _) in enumerate(form.fields) if n == self._select)
                form.fields[at] = (self._select, "select", value)
            chosen.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "button":
            self._button = False
        elif tag == "option":
            self._option = False
        elif tag == "select":
            self._select, self._option = None, False

    def handle_data(self, data: str) -> None:
        if self._button and self.forms:
            self.forms[-1].label += " " + data.strip()
        elif self._option and self._select is not None and self.forms:
            labels = self.forms[-1].labels[self._select]
            labels[-1] = (labels[-1] + " " + data.strip()).strip()


def _parse(html: str) -> _PageParser:
    parser = _PageParser()
    parser.feed(html)
    return parser


def forms(html: str) -> list[Form]:
    """Every form of a page, in order."""
    return _parse(html).forms


def csrf_in_page(html: str) -> str | None:
    """The CSRF token a page carries: a ``<meta name="csrf-token">`` or a hidden field."""
    page = _parse(html)
    for name, content in page.meta.items():
        if CSRF_NAME.search(name) and content:
            return content
    for form in page.forms:
        wanted = form.csrf_field
        value = next((v for n, _, v in form.fields if n == wanted), "") if wanted else ""
        if value:
            return value
    return None


def deleted(set_cookie: str) -> bool:
    """Whether a Set-Cookie header removes its cookie (empty value or expired)."""
    name_value = set_cookie.split(";", 1)[0]
    lowered = set_cookie.lower()
    return name_value.split("=", 1)[-1].strip() in {"", '""'} or "max-age=0" in lowered


@dataclass
class WebSession:
    """A role signed in through the login page: its own cookie jar."""

    role: str
    client: httpx.Client
    cookie: str
    """The name of the cookie the login set: the session cookie."""
    set_cookie: str = field(repr=False)
    """The login answer's Set-Cookie header for that cookie: a secret, never shown."""
    csrf: str | None = field(default=None, repr=False)
    """The CSRF token of the signed-in session, when the platform uses one."""

    def csrf_token(self) -> str | None:
        """The session's CSRF token: a cookie of a CSRF name, else the one the pages carry."""
        for name, value in self.client.cookies.items():
            if CSRF_NAME.search(name) and value:
                return value
        return self.csrf

    def protect(self, method: str, kwargs: dict[str, Any]) -> dict[str, Any]:
        """``kwargs`` for a request, with the CSRF token added when ``method`` changes state."""
        token = self.csrf_token()
        if method.upper() not in UNSAFE or token is None:
            return kwargs
        headers = {**dict.fromkeys(CSRF_HEADERS, token), **(kwargs.get("headers") or {})}
        data = kwargs.get("data")
        if isinstance(data, dict) and not any(CSRF_NAME.search(name) for name in data):
            kwargs = {**kwargs, "data": {**data, "csrf_token": token}}
        return {**kwargs, "headers": headers}


def sign_in(
    running: RunningTarget, role: str, client: httpx.Client, send: Send | None = None
) -> WebSession:
    """Sign in as ``role`` through the target's login form, as a person would, in ``client``.

    TargetError, saying what was seen, when the page has no login form or the platform
    sets no session cookie.
    """
    send = send or client.request
    login = running.target.login
    page = send("GET", login.path)
    form = next((f for f in forms(page.text) if f.password_field), None)
    if form is None:
        raise TargetError(
            f"no login form with a password field at {login.path} "
            f"(HTTP {page.status_code}); check [targets.{running.target.name}.login]"
        )
    username, password = running.credentials(role)
    data = form.values()
    data[form.username_field or "username"] = username
    data[form.password_field or "password"] = password
    before = set(client.cookies.keys())
    answer = send("POST", form.target(login.path), data=data)
    fresh = [c for c in answer.headers.get_list("set-cookie") if not deleted(c)]
    new = [c for c in fresh if c.split("=", 1)[0].strip() not in before] or fresh
    if answer.status_code >= 400 or not new:
        raise TargetError(
            f"could not sign in as {role!r} through {login.path} "
            f"(HTTP {answer.status_code}, no session cookie set)"
        )
    # the page a signed-in user lands on carries the session's CSRF token, if any
    shown = answer
    if answer.is_redirect and answer.headers.get("location"):
        landing = urlsplit(urljoin(f"http://x{login.path}", answer.headers["location"]))
        shown = send("GET", landing.path + (f"?{landing.query}" if landing.query else ""))
    if any(f.password_field for f in forms(shown.text)):
        # many platforms answer a refused login with the form again, and a cookie
        raise TargetError(
            f"could not sign in as {role!r} through {login.path}: the login form came back "
            f"(HTTP {shown.status_code}); check the user's password and [targets."
            f"{running.target.name}.login]"
        )
    session = WebSession(role, client, new[0].split("=", 1)[0].strip(), new[0])
    session.csrf = csrf_in_page(shown.text) or form.values().get(form.csrf_field or "")
    return session
