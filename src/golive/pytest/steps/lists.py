"""Generic steps that check a list against the platform's own records: nothing left out,
nothing twice, nothing that is not there.

A table is walked page by page through its pager (a ``rel="next"`` link, or a link a
person would call next) from the page the person is on, and one column compared with a
field of the whole API listing (``golive.pytest.listing``, read as the person logged in);
a choice list is compared the same way. ``{id}`` in a condition is the record the
scenario is at.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections import Counter
from typing import Any

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page
from pytest_bdd import parsers, then

from golive.messages import Say
from golive.pytest.api import ApiClient
from golive.pytest.listing import TRIES, Listing, read_listing
from golive.pytest.locators import WAIT_MS, check, field_by_label
from golive.pytest.measure import Condition, MeasureError, conditions, shown_as
from golive.pytest.steps.api import resolve, viewer
from golive.pytest.steps.web import Notebook

MAX_TABLE_PAGES = 200
"""A table walk stops here: past it, nothing is proven."""
NEXT_WORDS = re.compile(r"^\s*(下一页|下页|后页|next( page)?|go to next page)\s*[›»>→]?\s*$", re.I)
NEXT_SIGN = re.compile(r"^\s*[›>→]\s*$")
NEXT_OR_LAST = re.compile(r"^\s*»\s*$")
"""What a pager's link (or button) to the next page is called where it has no rel="next",
surest first: words, then a single arrow; "»" last of all, as many pagers mean the last
page by it."""
NEXT_CLASSES = ".paginate_button.next, a.next, li.next > a, li.next > button, .next > a"
"""The next link of pagers that do not name it (DataTables, Bootstrap's pager)."""
PAGERS = "nav, [role=navigation], [class*=paginat], [class*=pager]"
"""Where a pager's buttons are."""
CURRENT_PAGE = "[aria-current=page], .pagination .active, .current, .this-page"
"""The current page's number in a pager of numbers only (Django's admin: ``.this-page``)."""

_TABLE_JS = """t => {
  const rows = [...t.rows];
  const head = t.tHead ? [...t.tHead.rows]
    : rows.filter(r => r.cells.length && [...r.cells].every(c => c.tagName === 'TH')).slice(0, 1);
  const headers = head.length ? [...head[head.length - 1].cells].map(c => c.innerText.trim()) : [];
  return {headers, rows: rows.filter(r => !head.includes(r) && r.closest('tfoot') === null)
    .map(r => [...r.cells].map(c => c.innerText.trim()))};
}"""


def _where(say: Say, where: str | None) -> tuple[Condition, ...]:
    try:
        return conditions(where or "")
    except MeasureError:
        raise AssertionError(say("records.unknown_where", words=where)) from None


def _expected(listing: Listing, conditions: tuple[Condition, ...], field: str) -> Counter[str]:
    chosen = (r for r in listing.records if all(c.holds(r) for c in conditions))
    return Counter(shown_as(r, field) for r in chosen)


def _differences(say: Say, expected: Counter[str], seen: Counter[str]) -> list[str]:
    """What a page got wrong against the listing, in words."""
    missing = sorted((expected - seen).elements())
    extra = sorted(v for v in (seen - expected).elements() if v not in expected)
    twice = sorted(v for v, n in seen.items() if v in expected and n > expected[v])
    problems = []
    for key, values in (
        ("records.missing", missing),
        ("records.extra", extra),
        ("records.twice", twice),
    ):
        if values:
            problems.append(say(key, n=len(values), values=say.join(values[:5])))
    return problems


def _table(page: Page) -> Locator:
    return page.get_by_role("table").filter(visible=True)


DISABLED = "[aria-disabled=true], .disabled, [disabled]"
"""How pagers mark a link that leads nowhere (Bootstrap, DataTables, Flask-AppBuilder):
on the link itself or on an element around it."""


def _next_page(page: Page) -> Locator | None:
    """The pager's link to the next page, unless it is there only to be shown disabled:
    by rel="next", its name, its class, or else the number after the current page's."""
    # a button only inside a pager: a form's "Next" button elsewhere may send something
    pager = page.locator(PAGERS)
    named = [
        way
        for pattern in (NEXT_WORDS, NEXT_SIGN)
        for way in (
            page.get_by_role("link", name=pattern),
            pager.get_by_role("button", name=pattern),
        )
    ]
    ways = [page.locator("a[rel~=next]"), *named, page.locator(NEXT_CLASSES)]
    ways.append(page.get_by_role("link", name=NEXT_OR_LAST))
    after = _after_current(page)
    if after is not None:
        ways.append(after)
    for way in ways:
        for candidate in way.filter(visible=True).all():
            if not candidate.evaluate(f"a => a.closest({DISABLED!r}) !== null"):
                return candidate
    return None


def _after_current(page: Page) -> Locator | None:
    """The link named with the number after the current page's, in a pager of numbers."""
    for current in page.locator(CURRENT_PAGE).filter(visible=True).all():
        number = (current.text_content() or "").strip()
        if number.isdigit():
            following = re.compile(rf"^\s*{int(number) + 1}\s*$")
            return page.get_by_role("link", name=following)
    return None


@then(
    parsers.re(
        r'^表格逐页列出"(?P<source>[^"]+)"中(?P<where>.*?)的每条记录各一次，'
        r'按"(?P<column>[^"]+)"列对照"(?P<field>[^"]+)"$'
    )
)
@then(
    parsers.re(
        r'^the table shows every record of "(?P<source>[^"]+)"(?: where (?P<where>.+?))? '
        r'exactly once across its pages, matching column "(?P<column>[^"]+)" to "(?P<field>[^"]+)"$'
    )
)
def table_lists_all(
    page: Page,
    notebook: Notebook,
    golive_api: ApiClient,
    golive_say: Say,
    request: pytest.FixtureRequest,
    source: str,
    where: str | None,
    column: str,
    field: str,
) -> None:
    """Walk the table's pages (its pager's next link) from the page the person is on and
    compare one column with the listing's field: nothing missing, extra, twice, and no
    empty page before the end. A difference counts once the listing reads the same again
    after the walk (the data held still: a record another user made meanwhile is no
    defect); else the walk starts again from its first page."""
    say = golive_say
    chosen = _where(say, resolve(where or "", request, notebook, say))
    source = resolve(source, request, notebook, say)
    role = viewer(notebook, say, source)
    start = page.url
    for attempt in range(TRIES):
        if attempt:
            page.goto(start)
        listing = read_listing(golive_api, say, source, role)
        walk = _walk(page, say, column)
        expected = _expected(listing, chosen, field)
        problems = _differences(say, expected, walk.seen)
        if walk.empty:
            problems.append(say("records.empty_pages", pages=say.join(walk.empty)))
        if not problems:
            return
        again = read_listing(golive_api, say, source, role)
        if _expected(again, chosen, field) != expected:
            continue  # the records moved while the table was read: walk again
        raise AssertionError(
            say(
                "records.table_differs",
                pages=walk.pages,
                source=source,
                count=sum(expected.values()),
                problems=say("web.joiner").join(problems),
            )
        )
    raise AssertionError(say("records.kept_changing", tries=TRIES))


@dataclasses.dataclass
class Walk:
    """What a table showed across its pages."""

    seen: Counter[str] = dataclasses.field(default_factory=Counter)
    empty: list[str] = dataclasses.field(default_factory=list)
    """The pages, counted from 1, that showed no row while the pager went on."""
    pages: int = 0


def _walk(page: Page, say: Say, column: str) -> Walk:
    """Read ``column`` on every page of the table, following its pager; bounded."""
    walk = Walk()
    columns = ""
    """The columns of the tables met without the one asked for, to say so."""
    visited: set[str] = set()
    for number in range(1, MAX_TABLE_PAGES + 1):
        walk.pages = number
        page.wait_for_load_state()
        visited.add(page.url)
        tables = [t.evaluate(_TABLE_JS) for t in _table(page).all()]
        found: list[tuple[dict[str, Any], int | None]] = [
            (t, _column(t["headers"], column)) for t in tables
        ]
        data, index = next(((t, i) for t, i in found if i is not None), ({"rows": []}, None))
        if index is None and tables and not columns:
            columns = say.join([h for t in tables for h in t["headers"]]) or "-"
        rows = [r for r in data["rows"] if index is not None and len(r) > index]
        walk.seen.update(" ".join(r[index].split()) for r in rows if index is not None)
        if not rows and number > 1:
            walk.empty.append(str(number))
        following = _next_page(page)
        here = page.url
        if following is None or not _turn(page, following):
            break
        if page.url != here and page.url in visited:
            break  # the pager leads back to a page already read
    else:
        raise AssertionError(say("records.table_too_long", pages=MAX_TABLE_PAGES))
    assert walk.seen or not columns, say("records.no_column", column=column, columns=columns)
    return walk


def _turn(page: Page, link: Locator) -> bool:
    """Follow the pager's next link; whether the page moved on (its address, or its tables
    for a pager that changes them in place) and then held still (a grid that shows
    "Loading" first is read once it has loaded), within WAIT_MS."""
    before, tables = page.url, _table(page).all_inner_texts()
    link.click()
    deadline = time.monotonic() + WAIT_MS / 1000
    moved: list[str] | None = None
    while time.monotonic() < deadline:
        try:
            page.wait_for_load_state()
            now = _table(page).all_inner_texts()
            if moved is not None and now == moved:
                return True  # moved on, and the same twice: loaded
            if page.url != before or now != tables:
                moved = now
        except PlaywrightError:
            moved = None  # the old page went away while it was read: look again
        page.wait_for_timeout(150)
    return moved is not None


def _column(headers: list[str], column: str) -> int | None:
    headers = [" ".join(h.split()) for h in headers]
    exact = [i for i, h in enumerate(headers) if h == column]
    near = [i for i, h in enumerate(headers) if column in h]
    return exact[0] if exact else near[0] if len(near) == 1 else None


@then(
    parsers.re(
        r'^"(?P<label>[^"]+)"的选项正好是"(?P<source>[^"]+)"中(?P<where>.*?)的每条记录，'
        r'对照"(?P<field>[^"]+)"$'
    )
)
@then(
    parsers.re(
        r'^the choices of "(?P<label>[^"]+)" are every record of "(?P<source>[^"]+)"'
        r'(?: where (?P<where>.+?))?, matching "(?P<field>[^"]+)"$'
    )
)
def choices_list_all(
    page: Page,
    notebook: Notebook,
    golive_api: ApiClient,
    golive_say: Say,
    request: pytest.FixtureRequest,
    label: str,
    source: str,
    where: str | None,
    field: str,
) -> None:
    """A choice list offers each record of the listing once, and nothing else (its
    "please choose" placeholder aside); a difference counts once the page, opened again,
    offers the same and the listing reads the same (the data held still)."""
    say = golive_say
    source = resolve(source, request, notebook, say)
    role = viewer(notebook, say, source)
    chosen = _where(say, resolve(where or "", request, notebook, say))
    for attempt in range(TRIES):
        if attempt:
            page.goto(page.url)
        seen = _choices(page, say, label)
        listing = read_listing(golive_api, say, source, role)
        expected = _expected(listing, chosen, field)
        problems = _differences(say, expected, seen)
        if not problems:
            return
        again = read_listing(golive_api, say, source, role)
        if _expected(again, chosen, field) != expected:
            continue  # the records moved while they were read
        page.goto(page.url)
        if _choices(page, say, label) != seen:
            continue
        raise AssertionError(
            say(
                "records.choices_differ",
                label=label,
                source=source,
                count=sum(expected.values()),
                problems=say("web.joiner").join(problems),
            )
        )
    raise AssertionError(say("records.kept_changing", tries=TRIES))


def _choices(page: Page, say: Say, label: str) -> Counter[str]:
    """The options a choice list offers, by their labels (the empty placeholder aside)."""
    control = field_by_label(page, label)
    check(say, page, control, say("web.should_see_select", label=label))
    options: list[dict[str, str]] = control.first.locator("option").evaluate_all(
        "os => os.map(o => ({value: o.value, label: o.label || o.textContent}))"
    )
    return Counter(" ".join(o["label"].split()) for o in options if o["value"])
