"""golive.pytest.measure: the words of a business-rule step read as a measure, and the
measure computed over records (pure, no platform)."""

from __future__ import annotations

import datetime as dt

import pytest

from golive.pytest.measure import (
    Condition,
    Measure,
    MeasureError,
    compute,
    conditions,
    expression_value,
    parse,
    record_value,
    shown,
    shown_as,
)

ORDERS = (
    {"status": "approved", "total": "1,234.05", "submitted_at": "2026-12-01T08:00:00Z",
     "decided_at": "2026-12-01T10:30:00Z", "lines": [{"quantity": 2, "unit_price": "3.50"}]},
    {"status": "approved", "total": "100.00", "submitted_at": "2026-12-01T08:00:00+08:00",
     "decided_at": "2026-12-01T09:00:00+08:00"},
    {"status": "rejected", "total": "7.00", "submitted_at": None, "decided_at": None},
    {"status": "draft", "total": None, "note": "加急 golive"},
)  # fmt: skip


@pytest.mark.parametrize(
    ("words", "measure"),
    [
        ('the number of records in "/api/x"', Measure("count", "/api/x")),
        (
            'the sum of "total" in "/api/o" where "status" is "approved"',
            Measure("sum", "/api/o", "total", (Condition("status", "is", "approved"),)),
        ),
        (
            'the average of "a * b" in "/o#lines" where "s" is not "x" and "n" contains "y"',
            Measure(
                "mean",
                "/o#lines",
                "a * b",
                (Condition("s", "is not", "x"), Condition("n", "contains", "y")),
            ),
        ),
        ('the maximum of "id" in "/l"', Measure("max", "/l", "id")),
        (
            'the percentage of records in "/l" where "status" is "converted"',
            Measure("percent", "/l", "", (Condition("status", "is", "converted"),)),
        ),
        ('"/api/c"中的记录数', Measure("count", "/api/c")),
        (
            '"/api/o"中"total"的合计，其中"status"为"approved"且"note"包含"急"',
            Measure(
                "sum",
                "/api/o",
                "total",
                (Condition("status", "is", "approved"), Condition("note", "contains", "急")),
            ),
        ),
        ('"/api/o"中"id"的最小值', Measure("min", "/api/o", "id")),
        (
            '"/api/l"中"status"不为"lost"的记录所占百分比',
            Measure("percent", "/api/l", "", (Condition("status", "is not", "lost"),)),
        ),
    ],
)
def test_words_in_either_language_are_a_measure(words: str, measure: Measure) -> None:
    assert parse(words) == measure


@pytest.mark.parametrize(
    "words",
    [
        "the total of everything",
        'the number of records in "/x" where status is approved',
        '"/api/o"中"total"的中位数',
        'the sum of "total" in "/o" where "a" is "b" or "c" is "d"',
    ],
)
def test_other_words_are_no_measure(words: str) -> None:
    with pytest.raises(MeasureError):
        parse(words)


def test_the_measures_over_records() -> None:
    approved = (Condition("status", "is", "approved"),)
    assert compute(Measure("count", "-"), ORDERS) == 4
    assert compute(Measure("count", "-", "", approved), ORDERS) == 2
    assert compute(Measure("sum", "-", "total", approved), ORDERS) == pytest.approx(1334.05)
    # a record without the value counts in no sum and no mean
    assert compute(Measure("sum", "-", "total"), ORDERS) == pytest.approx(1341.05)
    assert compute(Measure("mean", "-", "total"), ORDERS) == pytest.approx(1341.05 / 3)
    assert compute(Measure("min", "-", "total"), ORDERS) == 7
    assert compute(Measure("max", "-", "total"), ORDERS) == pytest.approx(1234.05)
    assert compute(Measure("percent", "-", "", approved), ORDERS) == 50
    # hours between two timestamps, whatever their zones: 2.5 h and 1 h
    hours = Measure("mean", "-", "decided_at - submitted_at", approved)
    assert compute(hours, ORDERS) == pytest.approx(1.75)
    # nothing to average or divide by is no value, not zero
    assert compute(Measure("mean", "-", "total", (Condition("status", "is", "x"),)), ORDERS) is None
    assert compute(Measure("percent", "-", "", approved), ()) is None


def test_expressions_conditions_and_templates() -> None:
    line = ORDERS[0]["lines"][0]  # type: ignore[index]
    assert expression_value(line, "quantity * unit_price") == 7
    assert expression_value(line, "quantity × unit_price") == 7
    assert expression_value(line, "unit_price - quantity") == pytest.approx(1.5)
    assert expression_value(line, "missing * quantity") is None
    assert expression_value(ORDERS[0], "lines.0.quantity") == 2
    assert Condition("note", "contains", "加急").holds(ORDERS[3])
    assert Condition("total", "is", "").holds(ORDERS[3])  # null reads as empty
    assert not Condition("status", "is not", "draft").holds(ORDERS[3])
    assert conditions('"a"为"b"，且"c"包含"d"') == (
        Condition("a", "is", "b"),
        Condition("c", "contains", "d"),
    )
    assert conditions("") == ()
    assert shown_as({"name": "丁琳", "company": "合联"}, "{name}（{company}）") == "丁琳（合联）"
    assert shown_as({"name": "  丁  琳 "}, "name") == "丁 琳"


@pytest.mark.parametrize(
    ("figure", "value", "allowed"),
    [("23.5", 23.5, 0.05), ("1,234", 1234, 0.5), ("2,468.10", 2468.1, 0.005), ("-3", -3, 0.5)],
)
def test_a_shown_figure_allows_its_own_rounding(figure: str, value: float, allowed: float) -> None:
    number, tolerance = shown(figure)
    assert number == value
    assert tolerance == pytest.approx(allowed)


def test_a_wrapped_record_is_read_inside_its_wrapper() -> None:
    # Flask-AppBuilder: {"id": 1, "result": {...}, "show_columns": [...]}
    answer = {"id": 1, "result": {"name": "Ada", "company": {"name": "Acme"}}, "show_columns": []}
    assert record_value(answer, "name") == "Ada"
    assert record_value(answer, "company.name") == "Acme"
    assert record_value(answer, "id") == 1
    assert record_value({"data": {"x": 1}, "result": {"x": 2}}, "x") is None  # which one?


@pytest.mark.parametrize(
    ("written", "clock"),
    [
        ("2026-12-05 14:03", (2026, 12, 5, 14, 3, 0)),
        ("2026/1/5 9:05:07", (2026, 1, 5, 9, 5, 7)),
        ("2026/1/5 下午1:05:00", (2026, 1, 5, 13, 5, 0)),
        ("2026/1/5 上午12:05", (2026, 1, 5, 0, 5, 0)),
        ("2026.01.05 1:05 PM", (2026, 1, 5, 13, 5, 0)),
        ("2026年1月5日 08:30", (2026, 1, 5, 8, 30, 0)),
    ],
)
def test_a_shown_time_is_read_as_its_clock_says(written: str, clock: tuple[int, ...]) -> None:
    from golive.pytest.steps.figures import SHOWN_TIME, _shown_time

    found = SHOWN_TIME.search(f"提交时间 {written} 审批时间")
    assert found is not None and found[0] == written
    assert _shown_time(found[0]) == dt.datetime(*clock)


def test_timestamps_with_and_without_an_offset_subtract() -> None:
    # a timestamp without an offset is UTC: 10:00+08:00 is 02:00 UTC, two hours before
    record = {"a": "2026-12-01T04:00:00", "b": "2026-12-01T10:00:00+08:00"}
    assert expression_value(record, "a - b") == 2
