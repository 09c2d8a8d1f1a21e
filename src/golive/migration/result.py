"""What a reconciliation found, and the lines a person reads of it, in their language.

:class:`Reconciliation` holds the counts and the first few of each kind of difference
(every one is in its CSV); :func:`describe` says them as a step prints and attaches them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from golive.messages import Say

KINDS = ("missing", "extra", "duplicate", "empty_key", "field")
"""The kinds of difference, in the order the differences CSV lists them."""
CSV_HEADER = ("kind", "key", "legacy_column", "platform_field", "legacy_value", "platform_value")


@dataclass(frozen=True)
class Listed:
    """How many there are, and the first few of them, sorted."""

    count: int = 0
    first: tuple[str, ...] = ()


@dataclass(frozen=True)
class Difference:
    """One difference, as a line of the differences CSV. ``kind`` is one of
    :data:`KINDS`; a duplicate's values are how many records each side has of the key,
    an empty key's the row (from 1) that lacks it."""

    kind: str
    key: str
    legacy_column: str
    platform_field: str
    legacy_value: str | None
    platform_value: str | None


@dataclass(frozen=True)
class AmountSum:
    """An amount column's totals on each side: over all records, and over the records
    whose key both sides have; values that are not amounts are counted, not summed."""

    column: str
    field: str
    legacy_total: Decimal
    platform_total: Decimal
    legacy_matched: Decimal
    platform_matched: Decimal
    legacy_unreadable: int = 0
    platform_unreadable: int = 0

    @property
    def equal(self) -> bool:
        return (
            self.legacy_total == self.platform_total
            and self.legacy_matched == self.platform_matched
            and self.legacy_unreadable == self.platform_unreadable == 0
        )


@dataclass(frozen=True)
class FieldCount:
    """How many compared records differ in one mapped field."""

    column: str
    field: str
    count: int


@dataclass(frozen=True)
class Reconciliation:
    """What reconciling one entity found; ``agrees`` is the verdict."""

    entity: str
    legacy: Path
    platform: str
    """The API path or the platform's export file the records came from."""
    key_legacy: str
    key_platform: str
    legacy_rows: int
    platform_rows: int
    matched: int
    """Legacy rows whose key the platform has (what the matched totals add up)."""
    missing: Listed
    """Keys in the legacy export the platform lacks."""
    extra: Listed
    """Keys on the platform the legacy export lacks."""
    duplicates_legacy: Listed
    duplicates_platform: Listed
    empty_keys_legacy: Listed
    """Rows (from 1) without a key."""
    empty_keys_platform: Listed
    sums: tuple[AmountSum, ...]
    eligible: int
    """Records found once on each side: what a full comparison compares."""
    compared: int
    sampled: bool
    seed: int
    differing_records: int
    field_counts: tuple[FieldCount, ...]
    """Per mapped field with a difference, how many compared records differ in it."""
    differences: tuple[Difference, ...]
    """The first field differences, by key."""
    differences_csv: Path
    """Every difference of every kind."""
    decimals: int = 2

    @property
    def agrees(self) -> bool:
        return (
            self.legacy_rows == self.platform_rows
            and not any(
                listed.count
                for listed in (
                    self.missing,
                    self.extra,
                    self.duplicates_legacy,
                    self.duplicates_platform,
                    self.empty_keys_legacy,
                )
            )
            and all(total.equal for total in self.sums)
            and self.differing_records == 0
        )


def describe(result: Reconciliation, say: Say) -> list[str]:
    """The lines a step prints and attaches: counts, then each kind of difference found
    (with the first few keys), every amount column's totals, what was compared field by
    field and how it differed, and last the verdict."""
    lines = [
        say(
            "migration.counts",
            entity=result.entity,
            legacy=f"{result.legacy_rows:,}",
            platform=f"{result.platform_rows:,}",
        )
    ]
    for key, listed in (
        ("migration.missing", result.missing),
        ("migration.extra", result.extra),
        ("migration.duplicates_legacy", result.duplicates_legacy),
        ("migration.duplicates_platform", result.duplicates_platform),
    ):
        if listed.count:
            lines.append(say(key, count=f"{listed.count:,}", keys=_shown(listed, say)))
    for key, listed in (
        ("migration.empty_keys_legacy", result.empty_keys_legacy),
        ("migration.empty_keys_platform", result.empty_keys_platform),
    ):
        if listed.count:
            column = result.key_legacy if key.endswith("legacy") else result.key_platform
            lines.append(
                say(key, count=f"{listed.count:,}", column=column, rows=_shown(listed, say))
            )
    for total in result.sums:
        lines.extend(_sum(total, result, say))
    if result.sampled:
        lines.append(
            say(
                "migration.compared_sample",
                count=f"{result.compared:,}",
                eligible=f"{result.eligible:,}",
                seed=result.seed,
            )
        )
    else:
        lines.append(say("migration.compared_all", count=f"{result.compared:,}"))
    lines.extend(_fields(result, say))
    if result.agrees:
        lines.append(say("migration.agrees", entity=result.entity))
    else:
        lines.append(say("migration.disagrees", entity=result.entity, path=result.differences_csv))
    return lines


def _shown(listed: Listed, say: Say) -> str:
    shown = say.join(list(listed.first))
    more = listed.count - len(listed.first)
    return say("migration.more", shown=shown, more=f"{more:,}") if more > 0 else shown


def _sum(total: AmountSum, result: Reconciliation, say: Say) -> list[str]:
    def money(value: Decimal) -> str:
        return f"{value:,.{result.decimals}f}"

    def difference(legacy: Decimal, platform: Decimal) -> str:
        return f"{platform - legacy:+,.{result.decimals}f}"

    legacy, platform = money(total.legacy_total), money(total.platform_total)
    if total.legacy_total == total.platform_total:
        lines = [say("migration.sum_equal", column=total.column, legacy=legacy, platform=platform)]
    else:
        lines = [
            say(
                "migration.sum_differs",
                column=total.column,
                legacy=legacy,
                platform=platform,
                difference=difference(total.legacy_total, total.platform_total),
            )
        ]
    if total.legacy_matched != total.platform_matched:
        # the records both sides have: tells altered amounts from missing records
        lines.append(
            say(
                "migration.sum_matched",
                column=total.column,
                count=f"{result.matched:,}",
                legacy=money(total.legacy_matched),
                platform=money(total.platform_matched),
                difference=difference(total.legacy_matched, total.platform_matched),
            )
        )
    if total.legacy_unreadable or total.platform_unreadable:
        lines.append(
            say(
                "migration.unreadable",
                column=total.column,
                legacy=f"{total.legacy_unreadable:,}",
                platform=f"{total.platform_unreadable:,}",
            )
        )
    return lines


def _fields(result: Reconciliation, say: Say) -> list[str]:
    if not result.differing_records:
        return [say("migration.fields_equal")] if result.compared else []
    counts = [
        say("migration.field_count", column=c.column, field=c.field, count=f"{c.count:,}")
        for c in result.field_counts
    ]
    lines = [
        say(
            "migration.fields_differ",
            records=f"{result.differing_records:,}",
            differences=f"{sum(c.count for c in result.field_counts):,}",
            fields=say.join(counts),
        )
    ]
    empty = say("migration.empty_value")
    for found in result.differences:
        lines.append(
            say(
                "migration.difference",
                record=found.key,
                column=found.legacy_column,
                legacy=empty if found.legacy_value is None else found.legacy_value,
                platform=empty if found.platform_value is None else found.platform_value,
            )
        )
    return lines
