"""``[migration.<entity>]``: which legacy export a migrated entity is reconciled against,
and how the platform's records of it are read and compared.

Each entity names its legacy export (CSV, JSON lines or Excel), where the platform's
records come from (an API listing read as a role, or an export file of the platform's
own), the key that pairs a legacy row with a platform record, and the legacy column
each platform field holds. Everything is checked here, with the file and line; whether
the export files exist is checked when a reconciliation reads them, since a team may
produce them after writing the config.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from golive.inputs.document import Document, Key, did_you_mean

LEGACY_SUFFIXES = (".csv", ".jsonl", ".ndjson", ".xlsx")
"""The export files a reconciliation reads: CSV, JSON lines, Excel."""

MAX_DECIMALS = 6
DEFAULT_SAMPLE = 100_000
DEFAULT_SEED = 20261205
DEFAULT_DATE_FORMATS = ("%Y-%m-%d",)

DATE_DIRECTIVES = frozenset("aAwdbBmyYHIpMSgfnzZjUWcxX%")
"""The strptime directives DuckDB reads (``%-d`` and the like drop the padding)."""
_DIRECTIVE = re.compile(r"%(-?)(.?)")


@dataclass(frozen=True)
class Entity:
    """One migrated entity: a legacy export against the platform's records of it.

    ``fields`` pairs each legacy column with the platform field holding it (the key is
    apart, in ``key_legacy`` / ``key_platform``); ``amounts`` and ``dates`` name legacy
    columns of ``fields`` compared as decimals (rounded to ``decimals`` places, summed)
    and as days (read with ``date_formats``, tried in order). Past ``sample`` legacy
    rows, a sample of that many keys, chosen by ``seed``, is compared field by field.
    """

    name: str
    aliases: tuple[str, ...]
    legacy: Path
    platform_path: str | None
    """An API listing path (``/api/customers``), read as ``role``; or None ..."""
    platform_export: Path | None
    """... and an export file of the platform's own instead."""
    role: str | None
    key_legacy: str
    key_platform: str
    fields: tuple[tuple[str, str], ...]
    amounts: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    date_formats: tuple[str, ...] = DEFAULT_DATE_FORMATS
    decimals: int = 2
    trim: bool = True
    ignore_case: bool = False
    sample: int = DEFAULT_SAMPLE
    seed: int = DEFAULT_SEED
    encoding: str = "utf-8"
    """The legacy CSV's text encoding (``gbk``, ``gb18030`` for many Chinese systems)."""
    line: int | None = None
    config: Path | None = None
    """The file that defines the entity (golive.toml): errors in its mapping point here."""

    def answers_to(self, words: str) -> bool:
        """Whether a scenario's ``words`` name this entity (its name or an alias)."""
        wanted = words.strip().casefold()
        return wanted in {self.name.casefold(), *(a.casefold() for a in self.aliases)}


def find_entity(entities: Iterable[Entity], words: str) -> Entity | None:
    """The entity a scenario's ``words`` name, or None when none answers to them."""
    return next((entity for entity in entities if entity.answers_to(words)), None)


_KEYS = (
    "aliases",
    "legacy",
    "encoding",
    "platform",
    "platform_export",
    "role",
    "key",
    "fields",
    "amounts",
    "dates",
    "date_formats",
    "decimals",
    "trim",
    "ignore_case",
    "sample",
    "seed",
)


def read_migrations(
    doc: Document, keys: Key, data: Mapping[str, Any], root: Path | None = None
) -> dict[str, Entity]:
    """``[migration]``, checked: each entity by name. Paths resolve against ``root``
    (the project folder; by default the folder of the config file)."""
    folder = root if root is not None else doc.path.parent.resolve()
    entities: dict[str, Entity] = {}
    named: dict[str, str] = {}  # every name and alias, folded -> the entity it names
    for name in data:
        entity = _entity(doc, (*keys, name), doc.get(data, (*keys, name), dict), folder)
        for words in (entity.name, *entity.aliases):
            other = named.setdefault(words.casefold(), entity.name)
            if other != entity.name:
                raise doc.error(
                    (*keys, name, "aliases"), f"{words!r} already names the entity {other!r}"
                )
        entities[name] = entity
    return entities


def _entity(doc: Document, keys: Key, data: Mapping[str, Any], folder: Path) -> Entity:
    doc.keys(data, keys, _KEYS)
    legacy = _export(doc, (*keys, "legacy"), doc.get(data, (*keys, "legacy"), str), folder)
    platform = doc.get(data, (*keys, "platform"), str, "") or None
    export = doc.get(data, (*keys, "platform_export"), str, "") or None
    if (platform is None) == (export is None):
        raise doc.error(
            (*keys, "platform_export") if platform else keys,
            "say where the platform's records are read: either platform (an API listing "
            "path, e.g. '/api/customers') or platform_export (an export file), not "
            + ("both" if platform else "neither"),
        )
    if platform is not None and not platform.startswith("/"):
        raise doc.error((*keys, "platform"), f"{platform!r} must be a path starting with '/'")
    key_legacy, key_platform = _key(doc, (*keys, "key"), doc.get(data, (*keys, "key"), dict))
    fields = _fields(doc, (*keys, "fields"), doc.get(data, (*keys, "fields"), dict), key_legacy)
    amounts = _columns(doc, (*keys, "amounts"), data, fields)
    dates = _columns(doc, (*keys, "dates"), data, fields)
    both = sorted(set(amounts) & set(dates))
    if both:
        raise doc.error((*keys, "dates"), f"{both[0]!r} is already an amount")
    decimals = doc.get(data, (*keys, "decimals"), int, 2)
    if not 0 <= decimals <= MAX_DECIMALS:
        raise doc.error((*keys, "decimals"), f"{decimals} is not from 0 to {MAX_DECIMALS}")
    sample = doc.get(data, (*keys, "sample"), int, DEFAULT_SAMPLE)
    if sample < 1:
        raise doc.error((*keys, "sample"), f"{sample} is not 1 or more")
    return Entity(
        name=str(keys[-1]),
        aliases=tuple(doc.strings(data, (*keys, "aliases"), [])),
        legacy=legacy,
        platform_path=platform,
        platform_export=None
        if export is None
        else _export(doc, (*keys, "platform_export"), export, folder),
        role=doc.get(data, (*keys, "role"), str, "") or None,
        key_legacy=key_legacy,
        key_platform=key_platform,
        fields=fields,
        amounts=amounts,
        dates=dates,
        date_formats=_date_formats(doc, (*keys, "date_formats"), data),
        decimals=decimals,
        trim=doc.get(data, (*keys, "trim"), bool, True),
        ignore_case=doc.get(data, (*keys, "ignore_case"), bool, False),
        sample=sample,
        seed=doc.get(data, (*keys, "seed"), int, DEFAULT_SEED),
        encoding=_encoding(doc, (*keys, "encoding"), data),
        line=doc.line(keys),
        config=doc.path,
    )


def _export(doc: Document, keys: Key, value: str, folder: Path) -> Path:
    if Path(value).suffix.lower() not in LEGACY_SUFFIXES:
        raise doc.error(
            keys,
            f"{value!r} is not a file golive reads; valid: {', '.join(LEGACY_SUFFIXES)} "
            "(CSV, JSON lines, Excel)",
        )
    return folder / value


def _key(doc: Document, keys: Key, data: Mapping[str, Any]) -> tuple[str, str]:
    doc.keys(data, keys, ("legacy", "platform"))
    legacy: str = doc.get(data, (*keys, "legacy"), str)
    platform: str = doc.get(data, (*keys, "platform"), str)
    return legacy, platform


def _fields(
    doc: Document, keys: Key, data: Mapping[str, Any], key: str
) -> tuple[tuple[str, str], ...]:
    if not data:
        raise doc.error(
            keys,
            "no field to compare; map each legacy column to its platform field, "
            'e.g. "客户名称" = "name"',
        )
    if key in data:
        raise doc.error((*keys, key), "is the key, compared as such; leave it out of fields")
    return tuple((column, doc.get(data, (*keys, column), str)) for column in data)


def _columns(
    doc: Document, keys: Key, data: Mapping[str, Any], fields: tuple[tuple[str, str], ...]
) -> tuple[str, ...]:
    mapped = [column for column, _ in fields]
    columns = doc.strings(data, keys, [])
    for index, column in enumerate(columns):
        if column not in mapped:
            raise doc.error(
                (*keys, index),
                f"{column!r} is not a column of fields{did_you_mean(column, mapped)}; "
                f"columns: {', '.join(mapped)}",
            )
    return tuple(columns)


def _date_formats(doc: Document, keys: Key, data: Mapping[str, Any]) -> tuple[str, ...]:
    formats = doc.strings(data, keys, list(DEFAULT_DATE_FORMATS))
    if not formats:
        raise doc.error(keys, "no date format; e.g. ['%Y-%m-%d', '%Y/%m/%d']")
    for index, text in enumerate(formats):
        directives = _DIRECTIVE.findall(text)
        unknown = [f"%{dash}{d}" for dash, d in directives if d not in DATE_DIRECTIVES]
        if unknown or all(d == "%" for _, d in directives):
            raise doc.error(
                (*keys, index),
                f"{text!r} is not a date format"
                + (f": {unknown[0]!r} is not a directive" if unknown else "")
                + "; write it with strptime directives, e.g. '%Y/%m/%d' for 2024/03/05",
            )
    return tuple(formats)


def _encoding(doc: Document, keys: Key, data: Mapping[str, Any]) -> str:
    encoding: str = doc.get(data, keys, str, "utf-8")
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise doc.error(
            keys, f"{encoding!r} is not a text encoding; e.g. utf-8, gbk, gb18030"
        ) from None
    return encoding
