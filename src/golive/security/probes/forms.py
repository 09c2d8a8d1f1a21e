"""Forms as a person sends them: which ones a probe may fill in, and how.

A probe reaches the code behind a form only the way the form itself is sent: its own
fields filled in, form-encoded (or multipart, as the form says), with the CSRF token the
page has just given, by the role that saw the form. So each submission opens the form's
page afresh (an anonymous visitor in a new cookie jar each time: a login that an
injection lets through does not sign the next request in).

Which forms a probe may send is decided here, from what the form says it does: a form
that only looks something up (a search, a filter, a login, a code check) changes
nothing, and takes every probe; a form that stores data (new, add, save, edit ...) is
left alone unless the target's ``risk`` is 2, and then only a form that creates a record
(its address names no existing one). golive.toml's ``lookup_forms`` adds forms the
crawl cannot tell; ``crawl_exclude`` keeps any away.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from golive.inputs.security_policy import ANONYMOUS
from golive.run.session import CSRF_NAME, Form, forms
from golive.security.probes.crawl import UNSAFE, discovered
from golive.security.probes.prober import Prober

LOOKUP = re.compile(
    r"search|find|filter|look[-_ ]?up|query|keyword|log[-_ ]?in|sign[-_ ]?in|verify|check|"
    r"搜索|查询|查找|筛选|检索|登录",
    re.IGNORECASE,
)
STORING = re.compile(
    r"register|sign[-_ ]?up|create|new|add|save|update|edit|change|confirm|upload|import|"
    r"comment|reply|send|post|reset|注册|新建|新增|添加|保存|修改|更新|提交|上传|发送|重置",
    re.IGNORECASE,
)
RECORD = re.compile(r"/(\d+|[0-9a-f]{8}-[0-9a-f-]{27,})(/|$)", re.IGNORECASE)
"""An address segment that names an existing record: a number or a UUID."""
ACCOUNTS = re.compile(
    r"(^|/)(users?|accounts?|members?|roles?|groups?|permissions?|perms?|security|auth)"
    r"(/|$|model|view)|register|sign[-_ ]?up|用户|账号|账户|角色|权限",
    re.IGNORECASE,
)
"""Forms that make an account, a role or a permission: a probe never makes one, for one
it could not remove again would stay behind as a way in."""
SAMPLE = {
    "email": "golive@example.invalid",
    "number": "1",
    "range": "1",
    "password": "golive-Probe-1",
    "url": "https://example.invalid/",
    "tel": "10000000000",
    "date": "2026-01-01",
    "datetime-local": "2026-01-01T09:00",
    "time": "09:00",
    "month": "2026-01",
    "color": "#000000",
}
"""What a person would type into a field of each kind (text fields get "golive")."""
TEXT = frozenset({"text", "search", "email", "textarea", "url", "tel", ""})
FORGED = {
    "Origin": "https://forged.golive.invalid",
    "Referer": "https://forged.golive.invalid/",
    "Sec-Fetch-Site": "cross-site",
}
"""What a browser says of a form another site's page sends (a platform that checks the
origin rather than a token refuses it)."""


@dataclass(frozen=True)
class SeenForm:
    """A form the crawl met: who saw it, on which page."""

    role: str
    page: str
    form: Form

    @property
    def action(self) -> str:
        return self.form.target(self.page)

    @property
    def request(self) -> str:
        return f"{self.form.method.upper()} {self.action}"

    def text_fields(self) -> list[str]:
        """The fields a person types text into (no token, no password)."""
        names = (n for n, kind, _ in self.form.fields if kind in TEXT and n)
        return list(dict.fromkeys(n for n in names if not CSRF_NAME.search(n)))

    def free_text(self) -> list[str]:
        """The text fields without a format to keep (no email, number, phone ...)."""
        kinds = {n: kind for n, kind, _ in self.form.fields}
        return [n for n in self.text_fields() if kinds[n] in {"text", "textarea", ""}]


def stores(seen: SeenForm) -> bool:
    """Whether sending the form may store or change something (when in doubt: yes)."""
    form = seen.form
    said = " ".join([seen.action, form.label, *(n for n, _, _ in form.fields)])
    passwords = sum(1 for _, kind, _ in form.fields if kind == "password")
    if passwords == 1 and not re.search(r"register|sign[-_ ]?up|reset|注册", said, re.I):
        return False  # a login: it checks a password and stores nothing
    lookup = LOOKUP.search(said) or "search" in form.label.lower().split()
    return passwords > 1 or not lookup or bool(STORING.search(said))


def lookup_forms(prober: Prober) -> list[SeenForm]:
    """The POST forms the crawl met that only look something up (plus ``lookup_forms``).

    A GET form is no business of this module: its fields are query parameters, probed
    as such."""
    declared = {str(r) for r in prober.settings.lookup_forms}
    return [
        seen
        for seen in _posted(prober)
        if seen.request in declared or (not stores(seen) and seen.text_fields())
    ]


def creating_forms(prober: Prober) -> list[SeenForm]:
    """At risk level 2, the POST forms that create a record, for the injections."""
    declared = {str(r) for r in prober.settings.lookup_forms}
    if prober.settings.risk < 2:
        return []
    return [s for s in record_forms(prober) if s.request not in declared]


def record_forms(prober: Prober, role: str | None = None) -> list[SeenForm]:
    """The POST forms that create a record (they store, and their address names no
    existing one), as ``role`` saw them (default: whoever saw them first); never one that
    makes an account, a role or a permission (:data:`ACCOUNTS`, or a password to set)."""
    return [
        seen
        for seen in _posted(prober, role)
        if stores(seen)
        and not RECORD.search(seen.action)
        and seen.text_fields()
        and not makes_account(seen)
    ]


def makes_account(seen: SeenForm) -> bool:
    """Whether the form makes an account, a role or a permission, or sets a password."""
    return bool(ACCOUNTS.search(seen.action)) or seen.form.password_field is not None


def _posted(prober: Prober, role: str | None = None) -> list[SeenForm]:
    exclude = [re.compile(p) for p in prober.settings.crawl_exclude]
    inventory = discovered(prober)
    if role is None:
        seen = inventory.forms()
    else:
        pages = inventory.pages.get(role, {}).values()
        seen = [(role, page.path, form) for page in pages for form in page.forms]
    unique: dict[tuple[str, str], tuple[str, str, Form]] = {}
    for who, page, form in seen:
        unique.setdefault((form.method, form.target(page)), (who, page, form))
    return [
        SeenForm(who, page, form)
        for who, page, form in unique.values()
        if form.method == "post"
        and not UNSAFE.search(form.target(page))
        and not any(p.search(form.target(page)) for p in exclude)
    ]


def fill(form: Form, values: Mapping[str, str | None]) -> dict[str, str]:
    """The form filled in as a person would: hidden fields as given, each select's and
    radio group's chosen value, boxes as they were ticked, ``values`` where named (None:
    left out, a box unticked)."""
    data: dict[str, str] = dict(form.checked)
    for name, kind, value in form.fields:
        if not name or name in data or kind in {"checkbox", "file"}:
            continue
        data[name] = value if value or kind in {"hidden", "select", "radio"} else _sample(kind)
    return {k: v for k, v in {**data, **values}.items() if v is not None}


def _sample(kind: str) -> str:
    return SAMPLE.get(kind, "golive")


def submit(
    prober: Prober,
    seen: SeenForm,
    values: Mapping[str, str | None],
    note: str = "",
    forged: bool = False,
) -> tuple[httpx.Response, float]:
    """Open the form's page afresh, fill the form in with ``values`` and send it as the
    form does; the answer and how long the send took (the page's GET not counted).
    ``forged``: sent as another site's page would send it from the role's browser,
    without the CSRF token and with that site as its origin."""
    anonymous = seen.role == ANONYMOUS
    client = prober.client() if anonymous else None
    role = None if anonymous else seen.role
    if forged and role is not None:  # the role's cookies, nothing golive would add
        page = prober.send("GET", seen.page, role=role, note=" (the form)")
        form = _same_form(seen, page) or seen.form
        data = fill(form, {**values, **dict.fromkeys(_tokens(form))})
        start = time.monotonic()
        answer = prober.send(
            "POST",
            seen.action,
            client=prober.web(role).client,
            headers=FORGED,
            note=note or " (forged)",
            **_body(form, data),
        )
        return answer, time.monotonic() - start
    try:
        shown = prober.send("GET", seen.page, role=role, client=client, note=" (the form)")
        form = _same_form(seen, shown) or seen.form
        data = fill(form, values)
        start = time.monotonic()
        answer = prober.send(
            form.method.upper(),
            seen.action,
            role=role,
            client=client,
            note=note,
            **_body(form, data),
        )
        return answer, time.monotonic() - start
    finally:
        if client is not None:
            client.close()


def _same_form(seen: SeenForm, page: httpx.Response) -> Form | None:
    """``seen``'s form as ``page`` shows it now (its fresh CSRF token)."""
    return next(
        (
            f
            for f in forms(page.text)
            if f.method == seen.form.method and f.target(seen.page) == seen.action
        ),
        None,
    )


def _tokens(form: Form) -> list[str]:
    return [n for n, _, _ in form.fields if n and CSRF_NAME.search(n)]


def _body(form: Form, data: dict[str, str]) -> dict[str, Any]:
    """The request's body as the form sends it: multipart or form-encoded."""
    if form.enctype.startswith("multipart/"):
        return {"files": [(k, (None, v)) for k, v in data.items()]}
    return {"data": data}
