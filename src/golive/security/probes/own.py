"""The probe's own records: made through the platform's own form, then put to the test.

Write access and stored script are questions a probe may ask only of a record it made
itself. So it makes one: as its role, it fills in each form the crawl met that creates
a record (a "new" or "add" form whose address names no record), every text field
marked with a word of its own (``golive123456``) and a harmless piece of markup
(``<svg data-golive="123456-name">``, which runs nothing). The record's page is where
the form's answer sends it (an address with an id), or the link that shows the word on
the page it is sent to; the owner opening it and seeing the word confirms it. A form
that refuses the markup is filled in again with the words alone.

Nothing here touches a record the probe did not make: every change is tried on its own
record, and its own records are deleted at the end where the platform offers a way.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from urllib.parse import urlsplit

import httpx

from golive.run.session import CSRF_NAME, Form, forms
from golive.security.probes.crawl import UNSAFE, discovered, hrefs, on_target, scripted
from golive.security.probes.forms import FORGED, RECORD, SeenForm, fill, record_forms, submit
from golive.security.probes.prober import Prober, openapi_document
from golive.security.probes.refusal import words

MAX_KINDS = 4
"""Kinds of record (creating forms) the probe makes one of, at most."""
DELETE = re.compile(r"delete|remove|destroy|purge|删除", re.IGNORECASE)
VERB = re.compile(
    r"^(show|view|detail|details|read|get|edit|update|change|delete|remove|destroy)$",
    re.IGNORECASE,
)
"""Address segments before an id that say what is done to one record (FAB's
``/contacts/show/7`` and ``/contacts/edit/7`` are one record)."""


@dataclass
class OwnRecord:
    """A record the probe made, as its owner sees it."""

    seen: SeenForm
    """The creating form that made it, as its owner saw it (the lists that link to the
    form's page list the record)."""
    page: str
    """The record's own page (path, no query)."""
    marker: str
    """The word written into its first text field."""
    markup: dict[str, str] = field(default_factory=dict)
    """Field -> the markup written into it (empty: the form refused markup)."""

    @property
    def owner(self) -> str:
        return self.seen.role

    @property
    def made_by(self) -> str:
        """The request that made it: ``POST /leads/new``."""
        return self.seen.request

    @property
    def id(self) -> str:
        found = RECORD.search(self.page)
        return found.group(1) if found else ""

    def general(self, address: str) -> str:
        """``address`` with this record's id as ``{id}``: the same whichever record."""
        return re.sub(rf"/{re.escape(self.id)}(?=/|$|\?)", "/{id}", address)

    def owns(self, address: str) -> bool:
        """Whether ``address`` names this record: its id under the same collection as its
        page (``/leads/7``, ``/leads/7/edit``; ``/contacts/show/7``, ``/contacts/edit/7``),
        never another kind of record that happens to have the same id (``/users/7``)."""
        theirs, mine = self._before_id(address), self._before_id(self.page)
        if theirs is None or mine is None:
            return False
        if theirs == mine:
            return True
        (their_parent, _, their_verb), (my_parent, _, my_verb) = (
            theirs.rpartition("/"),
            mine.rpartition("/"),
        )
        return their_parent == my_parent and bool(VERB.match(their_verb) and VERB.match(my_verb))

    def _before_id(self, address: str) -> str | None:
        """The path before this record's id in ``address`` (None if the id is not in it)."""
        found = re.search(rf"/{re.escape(self.id)}(?=/|$|\?)", address)
        return None if found is None or not self.id else address[: found.start()]


def make(
    prober: Prober,
    seen: SeenForm,
    markup: bool = True,
    extra: Mapping[str, str] | None = None,
    forged: bool = False,
) -> OwnRecord | None:
    """One record made through ``seen`` as the role that saw it (with ``extra`` fields
    the form does not show, for the mass-assignment probe; ``forged``: sent from another
    site's page, see :func:`.forms.submit`); None if it made none."""
    number = f"{secrets.randbelow(10**6):06d}"
    marker = f"golive{number}"
    fields = seen.free_text()
    marks = {name: f'<svg data-golive="{number}-{name}">' for name in fields} if markup else {}
    values = {name: f"{marker} {marks.get(name, '')}".strip() for name in fields}
    note = " (a forged record)" if forged else " (the probe's own record)"
    answer, _ = submit(prober, seen, {**values, **(extra or {})}, note=note, forged=forged)
    page = _record_page(prober, seen, answer, marker)
    if page is None:
        return make(prober, seen, False, extra, forged) if markup else None
    shown = prober.send("GET", page, role=seen.role, note=" (its owner)")
    if shown.status_code != 200 or not shows(shown.text, marker):
        return None
    return OwnRecord(seen, page, marker, marks)


def make_all(prober: Prober) -> list[OwnRecord]:
    """One record of each kind the probing role can make (at most MAX_KINDS)."""
    made = []
    for seen in record_forms(prober, prober.role)[:MAX_KINDS]:
        record = make(prober, seen)
        if record is not None:
            made.append(record)
    return made


def _record_page(prober: Prober, seen: SeenForm, answer: httpx.Response, marker: str) -> str | None:
    """Where the record just made lives, its owner seeing the marker there: the address
    the answer sends to when it names a record; else the link beside the marker on the
    page the answer shows or sends to, or on the lists that link to the form."""
    role, shown = seen.role, []
    if answer.is_redirect:
        place = _path(prober, str(answer.request.url), answer.headers.get("location", ""))
        if not place:
            return None
        sent = prober.send("GET", place, role=role, note=" (where it was sent)")
        if RECORD.search(place) and sent.status_code == 200 and shows(sent.text, marker):
            return place if _new(prober, place) else None
        shown.append(sent)
    elif answer.status_code == 200:
        shown.append(answer)
    else:
        return None
    for listing in lists_of(prober, role, seen.page):
        shown.append(prober.send("GET", listing, role=role, note=" (a list)"))
    for page in shown:
        found = _beside(prober, page, marker) if page.status_code == 200 else None
        if found:
            return found if _new(prober, found) else None
    return None


SELECT = re.compile(r"<select\b.*?</select\s*>", re.IGNORECASE | re.DOTALL)


def shows(text: str, marker: str) -> bool:
    """Whether a page shows ``marker`` as content: a choice in a select box (another
    record's form listing the new one) is not the record shown."""
    return marker in SELECT.sub("", text)


def _new(prober: Prober, page: str) -> bool:
    """Whether ``page`` is an address the crawl never met: a record that was there before
    the probe made its own is never taken for it (and never changed)."""
    for pages in discovered(prober).pages.values():
        for met in pages.values():
            if met.path.split("?")[0] == page or any(
                link.split("?")[0] == page for link in met.links
            ):
                return False
    return True


def lists_of(prober: Prober, role: str, form_page: str) -> list[str]:
    """The pages ``role`` crawled that link to a creating form's page: its lists."""
    pages = discovered(prober).pages.get(role, {}).values()
    return [p.path for p in pages if form_page in p.links and p.path != form_page][:3]


def _row(text: str, marker: str) -> str:
    """The table row or list item of a page that holds ``marker`` ("" if none)."""
    at = text.find(marker)
    if at < 0:
        return ""
    start = max(text.rfind("<tr", 0, at), text.rfind("<li", 0, at))
    ends = [e for e in (text.find("</tr>", at), text.find("</li>", at)) if e >= 0]
    return text[start : min(ends)] if start >= 0 and ends else ""


def _beside(prober: Prober, answer: httpx.Response, marker: str) -> str | None:
    """The record's address on a list: the link whose text holds the marker, else the
    first link to a record in the row (``tr``, ``li``) that holds it (a view before an
    edit, never a delete)."""
    text, asked = SELECT.sub("", answer.text), str(answer.request.url)
    link = re.search(
        r"""<a\b[^>]*?\bhref\s*=\s*["']([^"']+)["'][^>]*>(?:(?!</a>).){0,300}?"""
        + re.escape(marker),
        text,
        re.IGNORECASE | re.DOTALL,
    )
    if link is not None and RECORD.search(page := _path(prober, asked, link.group(1))):
        return page
    row = [_path(prober, asked, h) for h in hrefs(_row(text, marker))]
    records = [r for r in row if r and RECORD.search(r) and not UNSAFE.search(r)]
    records.sort(key=lambda r: bool(re.search(r"edit|update|change", r, re.IGNORECASE)))
    return records[0] if records else None


def _path(prober: Prober, asked: str, href: str) -> str:
    """``href`` as a path on the target, without its query; "" if it leaves it."""
    return (on_target(prober, urlsplit(asked).path, href) or "").split("?")[0]


@dataclass(frozen=True)
class Change:
    """A way to change a record that its page offers: a form, or a link that changes."""

    method: str
    action: str
    form: Form | None
    page: str
    """The page it is on, as the owner sees it."""

    @property
    def request(self) -> str:
        return f"{self.method} {self.action}"

    @property
    def deletes(self) -> bool:
        return bool(DELETE.search(self.action) or (self.form and DELETE.search(self.form.label)))

    def text_field(self) -> str | None:
        kinds = {"text", "textarea", "search", ""}
        names = (n for n, kind, _ in (self.form.fields if self.form else []) if kind in kinds)
        return next((n for n in names if n and not CSRF_NAME.search(n)), None)


def changes(prober: Prober, record: OwnRecord) -> list[Change]:
    """Every way the owner is offered to change ``record``: the POST forms on its page and
    on the pages it and its row in the lists link to under its id, and the links there
    that change it (delete ...)."""
    found: dict[str, Change] = {}
    pages = [record.page]
    shown = prober.send("GET", record.page, role=record.owner, note=" (its owner)")
    links = [(str(shown.request.url), h) for h in hrefs(shown.text)]
    acted = [(str(shown.request.url), a) for a in scripted(shown.text)]
    for listing in lists_of(prober, record.owner, record.seen.page):
        listed = prober.send("GET", listing, role=record.owner, note=" (a list)")
        row = _row(listed.text, record.marker)
        links += [(str(listed.request.url), h) for h in hrefs(row)]
        acted += [(str(listed.request.url), a) for a in scripted(row)]
    for asked, href in links:
        address = _path(prober, asked, href)
        if address and address != record.page and record.owns(address):
            if UNSAFE.search(address):
                found.setdefault(f"GET {address}", Change("GET", address, None, record.page))
            elif address not in pages and len(pages) < 4:
                pages.append(address)
    for asked, href in acted:  # what a script sends, it posts (with the session's token)
        address = _path(prober, asked, href)
        linked = f"GET {address}" in found
        if address and record.owns(address) and UNSAFE.search(address) and not linked:
            page = on_target(prober, asked, asked) or record.page  # the list it is on, say
            found.setdefault(f"POST {address}", Change("POST", address, None, page))
    for page in pages:
        answer = shown if page == record.page else prober.send("GET", page, role=record.owner)
        for form in forms(answer.text):
            action = form.target(page)
            if form.method == "post" and record.owns(action):
                found.setdefault(f"POST {action}", Change("POST", action, form, page))
    for change in _api_changes(prober, record):
        found.setdefault(change.request, change)
    return sorted(found.values(), key=lambda c: c.deletes)  # deletions last


def _api_changes(prober: Prober, record: OwnRecord) -> list[Change]:
    """The API's changes of ``record`` that need no body: each POST or DELETE of the
    OpenAPI document at the record's own page's path under the API prefix
    (``POST /api/leads/{lead_id}/qualify`` for ``/leads/7``)."""
    prefix = prober.settings.api_prefix.rstrip("/")
    page = record.general(record.page)
    found: list[Change] = []
    for path, operations in (openapi_document(prober).get("paths") or {}).items():
        shape = re.sub(r"\{[^}]+\}", "{id}", str(path).removeprefix(prefix), count=1)
        if not str(path).startswith(f"{prefix}/") or "{" in shape.replace("{id}", "", 1):
            continue
        if (shape == page or shape.startswith(f"{page}/")) and isinstance(operations, dict):
            address = prefix + shape.replace("{id}", record.id)
            found += [
                Change(m.upper(), address, None, record.page)
                for m in operations
                if m.upper() in {"POST", "DELETE"}
            ]
    return found


def send_change(
    prober: Prober,
    change: Change,
    role: str | None,
    value: str | None = None,
    extra: Mapping[str, str] | None = None,
    forged: bool = False,
) -> httpx.Response:
    """``change`` sent as ``role`` (None: nobody) would send it: the owner's form filled
    in (``value`` in its first text field), with ``role``'s own CSRF token, not the
    owner's; a link is opened. ``forged``: as another site's page would send it from
    ``role``'s browser, without the token and with that site as its origin."""
    if forged and role is not None:  # the role's browser, but nothing golive adds to it
        client = prober.web(role).client
        send = partial(prober.send, client=client, headers=FORGED, note=" (a forged change)")
    else:
        send = partial(prober.send, role=role, note=" (a change)")
    if change.form is None:  # a link opened, or what a script posts: the token alone
        return send(change.method, change.action)
    named = change.text_field()
    data = fill(change.form, {named: value} if named and value else {})
    token_field = change.form.csrf_field
    data = {k: v for k, v in data.items() if not CSRF_NAME.search(k)} | dict(extra or {})
    if role is not None and token_field and not forged:
        token = prober.web(role).csrf_token()
        if token:
            data[token_field] = token
    return send("POST", change.action, data=data)


def remove(prober: Prober, record: OwnRecord) -> None:
    """Delete ``record`` as its owner, where its page offers a way."""
    deletion = next((c for c in changes(prober, record) if c.deletes), None)
    if deletion is not None:
        send_change(prober, deletion, record.owner)


def view(prober: Prober, record: OwnRecord, page: str | None = None) -> httpx.Response:
    """The owner's view of ``record``'s page (or of another of its pages)."""
    return prober.send("GET", page or record.page, role=record.owner, note=" (its owner)")


def change_named(prober: Prober, record: OwnRecord, general: str) -> Change | None:
    """The change of ``record`` its owner is offered whose request is ``general``
    (``POST /leads/{id}/qualify``)."""
    return next((c for c in changes(prober, record) if record.general(c.request) == general), None)


def difference(
    before: tuple[OwnRecord, httpx.Response],
    after: tuple[OwnRecord, httpx.Response],
    noise: frozenset[str],
) -> str | None:
    """How the owner's view ``after`` differs from ``before`` (of the same record, or of
    two made alike), beyond ``noise`` (what two views in a row differ by), the probe's
    own words and every word with a digit (ids, times); None if alike."""
    (first, shown), (second, now) = before, after
    actions = {first.general(f.target(first.page)) for f in forms(shown.text)}
    offered = {second.general(f.target(second.page)) for f in forms(now.text)}
    moved = {
        w
        for w in (words(now.text) ^ words(shown.text)) - noise
        if not any(ch.isdigit() for ch in w) and not w.startswith("golive")
    }
    said = []
    if actions != offered:
        said.append(f"the actions its page offers differ: {sorted(actions ^ offered)}")
    if moved:
        said.append(f"its words differ: {sorted(moved)[:8]}")
    return "; ".join(said) or None
