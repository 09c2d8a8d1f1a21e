"""How a goal's metric is read from the platform (``measure:`` under a goal in
acceptance.yaml), and goal figures read as numbers (``18%``, ``30 h``).

A goal may say where its metric is: a JSON field of an API path read as a role, or the
first line a command prints. ``golive goals`` reads it, keeps the readings, and projects
them to the goal's deadline.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from golive.inputs.document import Document, Key

BETTER = ("up", "down")
_NUMBER = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?)\s*(%|[a-zA-Z\u4e00-\u9fff ]*)\s*$")
_FIELD = re.compile(r"^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$")


@dataclass(frozen=True)
class Measure:
    """Where a goal's metric is read: ``api`` (a path answering JSON) and its dotted
    ``field``, read as ``role`` (anonymously where none), or a ``command``."""

    api: str | None = None
    field: str = ""
    role: str | None = None
    command: str | None = None


def number_of(value: str | float) -> float | None:
    """A goal figure as a number: ``18%`` -> 18, ``30 h`` -> 30, ``0`` -> 0; None for
    words (``not measured``)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    match = _NUMBER.match(str(value))
    return float(match[1]) if match else None


def read_measure(doc: Document, keys: Key, entry: Mapping[str, Any]) -> Measure | None:
    """``measure:`` of a goal, checked; None where the goal says none."""
    data = entry.get("measure")
    if data is None:
        return None
    if not isinstance(data, dict):
        raise doc.error(keys, "must be a mapping: api and field, or command")
    doc.keys(data, keys, {"api", "field", "as", "command"})
    api = doc.get(data, (*keys, "api"), str, "") or None
    command = doc.get(data, (*keys, "command"), str, "").strip() or None
    if (api is None) == (command is None):
        raise doc.error(keys, "needs either api (with field) or command")
    if api is not None and not api.startswith("/"):
        raise doc.error((*keys, "api"), f"{api!r} must be a path starting with '/'")
    field = doc.get(data, (*keys, "field"), str, "")
    if api is not None and not _FIELD.match(field):
        raise doc.error(
            (*keys, "field"), f"{field!r} is not a JSON field name (dotted for nested: 'a.b')"
        )
    return Measure(
        api=api,
        field=field,
        role=doc.get(data, (*keys, "as"), str, "") or None,
        command=command,
    )
