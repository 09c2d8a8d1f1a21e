"""A field of a JSON record by dotted path: what the business-rule steps, the platform's
version and the goals' readings all look up in a platform's answers."""

from __future__ import annotations

from typing import Any


def field_value(record: dict[str, Any], path: str, absent: Any = None) -> Any:
    """A record's field by dotted path (``lines.0.quantity``); ``absent`` when it has none."""
    value: Any = record
    for part in path.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return absent
    return value
