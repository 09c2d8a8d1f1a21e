"""A figure computed from records, as a business-rule step words it: pure, no I/O.

A step says what a figure should be in words a business reader can check::

    the number of records in "/api/customers"
    the sum of "total" in "/api/orders" where "status" is "approved"
    the mean of "decided_at - submitted_at" in "/api/orders" where "status" is "approved"
    the percentage of records in "/api/leads" where "status" is "converted"
    "/api/orders"中"total"的合计，其中"status"为"approved"
    "/api/leads"中"status"为"converted"的记录所占百分比

``parse`` turns the words into a ``Measure``; ``compute`` gives its value over records.
An expression is a field (dotted for nested ones: ``customer.name``), a product of two
(``quantity * unit_price``), or a difference of two (``decided_at - submitted_at``: of
numbers, or of timestamps, in hours). A percentage is the share of all the source's
records that meet its conditions; the other measures count only the records that do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from golive.inputs.fields import field_value

Q = r'"([^"]+)"'
"""A quoted name or value."""

AGGREGATES = {
    "sum": "sum",
    "total": "sum",
    "mean": "mean",
    "average": "mean",
    "minimum": "min",
    "maximum": "max",
    "合计": "sum",
    "总和": "sum",
    "平均值": "mean",
    "最小值": "min",
    "最大值": "max",
}

_EN_CONDITION = re.compile(rf"{Q} (is not|is|contains) {Q}")
_ZH_CONDITION = re.compile(rf"{Q}(不为|为|包含){Q}")
_OPS = {"is": "is", "is not": "is not", "contains": "contains", "为": "is", "不为": "is not"}
_OPS["包含"] = "contains"

_EN = [
    ("count", re.compile(rf"^the number of records in {Q}(?: where (?P<where>.+))?$")),
    (
        "agg",
        re.compile(
            rf"^the (?P<agg>sum|total|mean|average|minimum|maximum) of {Q} in {Q}"
            r"(?: where (?P<where>.+))?$"
        ),
    ),
    ("percent", re.compile(rf"^the percentage of records in {Q} where (?P<where>.+)$")),
]
_ZH = [
    ("count", re.compile(rf"^{Q}中的记录数(?:，其中(?P<where>.+))?$")),
    (
        "agg",
        re.compile(rf"^{Q}中{Q}的(?P<agg>合计|总和|平均值|最小值|最大值)(?:，其中(?P<where>.+))?$"),
    ),
    ("percent", re.compile(rf"^{Q}中(?P<where>.+)的记录所占百分比$")),
]


class MeasureError(ValueError):
    """Words that say no measure ``parse`` knows."""


@dataclass(frozen=True)
class Condition:
    field: str
    op: str
    """``is``, ``is not`` or ``contains``."""
    value: str

    def holds(self, record: dict[str, Any]) -> bool:
        found = text(field_value(record, self.field))
        if self.op == "contains":
            return self.value in found
        return (found == self.value) == (self.op == "is")


@dataclass(frozen=True)
class Measure:
    kind: str
    """``count``, ``sum``, ``mean``, ``min``, ``max`` or ``percent``."""
    source: str
    expression: str = ""
    conditions: tuple[Condition, ...] = ()


def parse(words: str) -> Measure:
    """The measure ``words`` say (in English or Chinese); MeasureError if none."""
    words = words.strip()
    for patterns, condition in ((_EN, _EN_CONDITION), (_ZH, _ZH_CONDITION)):
        for kind, pattern in patterns:
            found = pattern.match(words)
            if found is None:
                continue
            conditions = _conditions(found["where"] or "", condition)
            if kind in ("count", "percent"):
                return Measure(kind, found[1], "", conditions)
            # English names the expression first ("the sum of X in S"), Chinese the source
            source, expression = (found[3], found[2]) if patterns is _EN else (found[1], found[2])
            return Measure(AGGREGATES[found["agg"]], source, expression, conditions)
    raise MeasureError(words)


def conditions(where: str) -> tuple[Condition, ...]:
    """The conditions of a ``where`` clause, in English or Chinese; MeasureError if none."""
    pattern = _ZH_CONDITION if _ZH_CONDITION.search(where) else _EN_CONDITION
    return _conditions(where, pattern)


def _conditions(where: str, pattern: re.Pattern[str]) -> tuple[Condition, ...]:
    if not where:
        return ()
    found = list(pattern.finditer(where))
    rest = pattern.sub("", where)
    if not found or re.sub(r"\s|and|且|并且|，|,", "", rest):
        raise MeasureError(where)
    return tuple(Condition(m[1], _OPS[m[2]], m[3]) for m in found)


def compute(measure: Measure, records: tuple[dict[str, Any], ...]) -> float | None:
    """The measure over ``records``; None when there is nothing to average or divide by."""
    chosen = [r for r in records if all(c.holds(r) for c in measure.conditions)]
    if measure.kind == "count":
        return float(len(chosen))
    if measure.kind == "percent":
        return 100.0 * len(chosen) / len(records) if records else None
    values = [v for v in (expression_value(r, measure.expression) for r in chosen) if v is not None]
    if measure.kind == "sum":
        return float(sum(values, Decimal(0)))
    if not values:
        return None
    if measure.kind == "mean":
        return float(sum(values, Decimal(0)) / len(values))
    return float(min(values) if measure.kind == "min" else max(values))


def expression_value(record: dict[str, Any], expression: str) -> Decimal | None:
    """A field, a product or a difference of two fields; None when a part is missing."""
    for sign in ("*", "×", " - "):
        if sign in expression:
            left, right = (part.strip() for part in expression.split(sign, 1))
            a, b = field_value(record, left), field_value(record, right)
            if sign == " - ":
                return _difference(a, b)
            x, y = number(a), number(b)
            return x * y if x is not None and y is not None else None
    return number(field_value(record, expression.strip()))


def _difference(a: Any, b: Any) -> Decimal | None:
    """``a - b``: of numbers, or of two timestamps in hours."""
    x, y = number(a), number(b)
    if x is not None and y is not None:
        return x - y
    later, earlier = timestamp(a), timestamp(b)
    if later is None or earlier is None:
        return None
    return Decimal(str((later - earlier).total_seconds())) / 3600


WRAPPERS = ("result", "data", "item", "record")
"""Where an API answer keeps the one record it is about (Flask-AppBuilder's ``result``,
JSON:API's ``data``), beside what it says of it."""


ABSENT = object()
"""What ``field_value`` gives, when asked to, for a field a record does not have at all
(as against one it has, empty)."""


def record_value(answer: Any, path: str, absent: Any = None) -> Any:
    """A field of the record an API answer is about: of the answer itself, or else of the
    one record it wraps under a ``WRAPPERS`` key; ``absent`` when neither has it."""
    found = field_value(answer, path, ABSENT) if isinstance(answer, dict) else ABSENT
    if found is ABSENT and isinstance(answer, dict):
        inner = [answer[k] for k in WRAPPERS if isinstance(answer.get(k), dict)]
        if len(inner) == 1:
            found = field_value(inner[0], path, ABSENT)
    return absent if found is ABSENT else found


def shown_as(record: dict[str, Any], field: str) -> str:
    """How a page would show a record by ``field``: a field (dotted), or a template of
    fields as the page joins them (``{name} ({company})``)."""
    if "{" not in field:
        return text(field_value(record, field))
    return text(re.sub(r"\{([^{}]+)\}", lambda m: text(field_value(record, m[1])), field))


def number(value: Any) -> Decimal | None:
    """A number from JSON: a number, or a string like "12,800.00" or "¥12.5"."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return Decimal(str(value))
    cleaned = re.sub(r"[,\s¥$€£]", "", str(value))
    if not re.fullmatch(r"-?\d+(\.\d+)?", cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only numbers
        return None


def timestamp(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    # a timestamp without an offset is UTC, so that two can always be subtracted
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def text(value: Any) -> str:
    """A value as it is compared with words: JSON's null is empty, spacing collapsed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return " ".join(str(value).split())


def shown(figure: str) -> tuple[float, float]:
    """A number as a page shows it ("1,234.5", "23.5%") and the rounding it allows:
    half a unit of its last decimal place."""
    cleaned = figure.replace(",", "")
    decimals = len(cleaned.split(".", 1)[1]) if "." in cleaned else 0
    return float(cleaned), 0.5 * 10**-decimals + 1e-9
