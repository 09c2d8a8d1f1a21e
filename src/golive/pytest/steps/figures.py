"""Generic steps that check a figure against the platform's own records.

A flow can pass while the platform computes the wrong thing: a total that forgets the
quantities, a dashboard rate counted from the wrong status, an amount in the wrong unit.
These steps check the number a page shows next to a label, or a field of an API answer,
against a count, sum, mean, minimum, maximum or percentage the step computes itself from
the platform's API listing (``golive.pytest.listing``: every page, read as the person in
the scenario), never against a figure the same code produced. ``golive.pytest.measure``
reads the words; ``{id}`` in them is the record the scenario is at.

A time the page shows is checked against the record's own timestamp in the time zone the
step names: a platform that shows times in the wrong zone passes every flow.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest
from playwright.sync_api import Page
from pytest_bdd import parsers, then

from golive.messages import Say
from golive.pytest.api import ApiClient
from golive.pytest.listing import TRIES, Listing, read_listing
from golive.pytest.locators import NUMBER, figure_text
from golive.pytest.measure import (
    Measure,
    MeasureError,
    compute,
    parse,
    record_value,
    shown,
    text,
    timestamp,
)
from golive.pytest.steps.api import ANONYMOUS, json_of, resolve, viewer
from golive.pytest.steps.web import Notebook

SHOWN_TIME = re.compile(
    r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?[ T]*(上午|下午)?\s*(\d{1,2}):(\d{2})"
    r"(?::(\d{2}))?(\s*[AaPp][Mm])?"
)
"""A date and time as pages write them, year first, to the minute or the second, with a
12-hour clock's AM/PM or 上午/下午: 2026-12-05 14:03, 2026/12/5 下午2:03:09, 2026.12.05 2:03 PM."""


def measure_of(words: str, say: Say) -> Measure:
    try:
        return parse(words)
    except MeasureError:
        raise AssertionError(say("records.unknown_measure", words=words)) from None


def _agrees(figure: str, expected: float | None) -> bool:
    value, allowed = shown(figure)
    return expected is not None and abs(value - expected) <= allowed


def confirmed(
    say: Say,
    what: str,
    words: str,
    read_shown: Callable[[bool], str],
    measure: Measure,
    read_listing_now: Callable[[], Listing],
) -> None:
    """Compare what is shown with the measure over the listing read after it; a difference
    counts only once the shown figure reads the same again after the listing (the data
    held still while it was read: another user's order made meanwhile is no defect).
    ``read_shown(again)`` reads the figure, afresh when ``again``."""
    for attempt in range(TRIES):
        figure = read_shown(attempt > 0)
        listing = read_listing_now()
        expected = compute(measure, listing.records)
        if _agrees(figure, expected):
            return
        if read_shown(True) != figure:
            continue  # it moved while the listing was read: look again
        fields = {"what": what, "shown": figure, "words": words, "count": len(listing.records)}
        assert expected is not None, say("records.nothing_to_measure", **fields)
        raise AssertionError(
            say(
                "records.figure_differs",
                expected=f"{expected:,.4f}".rstrip("0").rstrip("."),
                **fields,
            )
        )
    raise AssertionError(say("records.kept_changing", tries=TRIES))


@then(parsers.re(r'^页面上的"(?P<label>[^"]+)"等于(?P<words>.+)$'))
@then(parsers.re(r'^the figure "(?P<label>[^"]+)" equals (?P<words>.+)$'))
def figure_equals(
    page: Page,
    notebook: Notebook,
    golive_api: ApiClient,
    golive_say: Say,
    request: pytest.FixtureRequest,
    label: str,
    words: str,
) -> None:
    """The number shown next to ``label`` is the measure, computed from the listing as
    the person logged in sees it, to the precision the page shows. To read it again, the
    page's address is opened afresh (a GET: nothing is sent twice)."""
    measure = measure_of(resolve(words, request, notebook, golive_say), golive_say)
    role = viewer(notebook, golive_say, measure.source)

    def read_shown(again: bool) -> str:
        if again:
            page.goto(page.url)
        return figure_text(page, golive_say, label)

    confirmed(
        golive_say,
        f'"{label}"',
        words,
        read_shown,
        measure,
        lambda: read_listing(golive_api, golive_say, measure.source, role),
    )


@then(
    parsers.re(
        r'^"(?P<role>[^"]+)"从接口"(?P<path>[^"]+)"得到的"(?P<field>[^"]+)"等于(?P<words>.+)$'
    )
)
@then(
    parsers.re(
        r'^the "(?P<field>[^"]+)" "(?P<role>[^"]+)" gets from "(?P<path>[^"]+)" '
        r"equals (?P<words>.+)$"
    )
)
def api_figure_equals(
    notebook: Notebook,
    golive_api: ApiClient,
    golive_say: Say,
    request: pytest.FixtureRequest,
    role: str,
    path: str,
    field: str,
    words: str,
) -> None:
    """A field of an API answer is the measure, both read as ``role``."""
    measure = measure_of(resolve(words, request, notebook, golive_say), golive_say)
    who = None if role in ANONYMOUS else role
    path = resolve(path, request, notebook, golive_say)

    def read_shown(again: bool) -> str:
        response = golive_api.request("GET", path, role=who)
        assert response.is_success, golive_say(
            "api.status", expected=200, got=response.status_code, body=response.text[:200]
        )
        value = record_value(json_of(response, golive_say), field)
        assert value is not None, golive_say("api.no_field", field=field)
        number = NUMBER.search(text(value))
        assert number, golive_say("web.no_number", label=field, after=repr(text(value)[:80]))
        return number[0]

    confirmed(
        golive_say,
        f'{path} "{field}"',
        words,
        read_shown,
        measure,
        lambda: read_listing(golive_api, golive_say, measure.source, who),
    )


@then(
    parsers.re(
        r'^页面上的"(?P<label>[^"]+)"是记录"(?P<path>[^"]+)"的"(?P<field>[^"]+)"，'
        r'按"(?P<zone>[^"]+)"时间$'
    )
)
@then(
    parsers.re(
        r'^the time "(?P<label>[^"]+)" on the page is the "(?P<field>[^"]+)" of the record '
        r'"(?P<path>[^"]+)" in "(?P<zone>[^"]+)" time$'
    )
)
def time_is(
    page: Page,
    notebook: Notebook,
    golive_api: ApiClient,
    golive_say: Say,
    request: pytest.FixtureRequest,
    label: str,
    path: str,
    field: str,
    zone: str,
) -> None:
    """The date and time shown next to ``label`` is the record's timestamp ``field`` as a
    clock in ``zone`` (an IANA name: Asia/Shanghai, Europe/Berlin) reads it, to the
    precision the page shows (a timestamp without an offset is UTC)."""
    say = golive_say
    try:
        clock = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise AssertionError(say("records.unknown_zone", zone=zone)) from None
    written = figure_text(page, say, label, SHOWN_TIME)
    shown_at = _shown_time(written)
    path = resolve(path, request, notebook, say)
    response = golive_api.request("GET", path, role=viewer(notebook, say, path))
    assert response.is_success, say(
        "records.record_unreadable", path=path, status=response.status_code
    )
    moment = timestamp(record_value(json_of(response, say), field))
    assert moment is not None, say("records.should_have", path=path, field=field)
    local = moment.astimezone(clock).replace(tzinfo=None)
    precision = 1 if written.count(":") == 2 else 60
    assert abs((local - shown_at).total_seconds()) < precision, say(
        "records.time_differs",
        label=label,
        shown=written,
        field=field,
        path=path,
        expected=local.strftime("%Y-%m-%d %H:%M:%S" if precision == 1 else "%Y-%m-%d %H:%M"),
        zone=zone,
    )


def _shown_time(written: str) -> datetime:
    """The clock time a page wrote (``SHOWN_TIME``), without a zone."""
    found = SHOWN_TIME.fullmatch(written)
    assert found is not None  # figure_text found it with this very pattern
    year, month, day, half, hour, minute, second, suffix = found.groups()
    hour_of_day = int(hour) % 12 if (half or suffix) else int(hour)
    if half == "下午" or (suffix or "").strip().lower() == "pm":
        hour_of_day += 12
    moment = (int(year), int(month), int(day), hour_of_day, int(minute), int(second or 0))
    return datetime(*moment)
