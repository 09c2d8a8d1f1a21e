"""How fresh a criterion's evidence must be (``fresh:`` in acceptance.yaml): from the
platform version being decided, younger than an age, or both."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from golive.inputs.document import Document, Key

AGE = re.compile(r"^(\d+)\s*([mhdw])$")
"""A freshness age: minutes, hours, days or weeks (``7d``)."""
AGE_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


@dataclass(frozen=True)
class Freshness:
    """How fresh a criterion's evidence must be: from the platform version the gate
    decides for (``version``), or not older than ``max_age``; either, both or neither."""

    version: bool = False
    max_age: dt.timedelta | None = None

    def __bool__(self) -> bool:
        return self.version or self.max_age is not None

    def __str__(self) -> str:
        parts = ["version"] if self.version else []
        if self.max_age is not None:
            parts.append(f"{self.max_age.total_seconds() / 86400:g}d")
        return ", ".join(parts)


def read_freshness(doc: Document, keys: Key, entry: Mapping[str, Any]) -> Freshness:
    """``fresh: version``, ``fresh: 7d`` or both as a list."""
    if keys[-1] not in entry:
        return Freshness()
    value = entry[str(keys[-1])]
    items = value if isinstance(value, list) else [value]
    version, age = False, None
    for index, item in enumerate(items):
        where = (*keys, index) if isinstance(value, list) else keys
        text = str(item).strip()
        match = AGE.match(text)
        if text == "version":
            version = True
        elif match and int(match[1]) > 0:
            age = dt.timedelta(**{AGE_UNITS[match[2]]: int(match[1])})
        else:
            raise doc.error(
                where,
                f"{item!r} is not a freshness: write 'version' (evidence from the platform "
                "version being decided) or an age such as 12h, 7d or 2w, or both as a list",
            )
    return Freshness(version=version, max_age=age)
