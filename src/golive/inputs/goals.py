"""How a goal's metric is read from the platform (``measure:`` under a goal in
acceptance.yaml), and goal figures read as numbers (``18%``, ``30 h``).

A goal may say where its metric is: a JSON field of an API path, or the number a page
shows beside a label, each read as a role; or the first line a command prints.
``golive goals`` reads it, keeps the readings, and projects them to the goal's deadline.
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
    ``field``, or ``page`` (a path a person opens) and the ``label`` beside the number, each
    read as ``role`` (anonymously where none); or a ``command``."""

    api: str | None = None
    field: str = ""
    role: str | None = None
    command: str | None = None
    page: str | None = None
    label: str = ""


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
        raise doc.error(keys, "must be a mapping: api and field, page and label, or command")
    doc.keys(data, keys, {"api", "field", "page", "label", "as", "command"})
    for key in ("api", "page", "command", "field", "label"):
        if key in data and isinstance(data[key], str) and not data[key].strip():
            raise doc.error((*keys, key), "is empty")
    api = doc.get(data, (*keys, "api"), str, "") or None
    page = doc.get(data, (*keys, "page"), str, "") or None
    command = doc.get(data, (*keys, "command"), str, "").strip() or None
    if sum(where is not None for where in (api, page, command)) != 1:
        raise doc.error(keys, "needs one of: api (with field), page (with label) or command")
    for key, path in (("api", api), ("page", page)):
        if path is not None and not path.startswith("/"):
            raise doc.error((*keys, key), f"{path!r} must be a path starting with '/'")
    field = doc.get(data, (*keys, "field"), str, "")
    if api is not None and not _FIELD.match(field):
        raise doc.error(
            (*keys, "field"), f"{field!r} is not a JSON field name (dotted for nested: 'a.b')"
        )
    label = doc.get(data, (*keys, "label"), str, "").strip()
    if page is not None and not label:
        raise doc.error(
            (*keys, "label"), "names the words the page shows beside the number, e.g. 'Orders'"
        )
    for key, belongs in (("field", "api"), ("label", "page")):
        if key in data and not data.get(belongs):
            raise doc.error((*keys, key), f"goes with {belongs}")
    role = doc.get(data, (*keys, "as"), str, "").strip() or None
    if "as" in data and role is None:
        raise doc.error((*keys, "as"), "is empty: name a role, or leave it out to read anonymously")
    if command is not None and role is not None:
        raise doc.error((*keys, "as"), "goes with api or page: a command logs in by itself")
    return Measure(api=api, field=field, role=role, command=command, page=page, label=label)
