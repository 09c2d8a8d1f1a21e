"""A legacy export reconciled with the platform's records of the same entity, in DuckDB.

Both sides are read as text and normalised the same way in SQL (whitespace, case,
amounts as decimals, dates as days), then compared: record counts, keys (missing,
extra, duplicate, empty), the total of every amount column, and every mapped field of
every record found once on each side, or of a seeded sample of them past
``entity.sample``. Every difference goes to a CSV in ``out_dir``; the result holds the
counts and the first few of each kind (:mod:`golive.migration.result`).

The SQL is built as text (``# noqa: S608``): a column's name only ever enters it through
:func:`~golive.migration.sources.identifier`, a value through ``literal``.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from golive.errors import ConfigError
from golive.inputs.document import did_you_mean
from golive.inputs.migration import Entity
from golive.migration.result import (
    CSV_HEADER,
    KINDS,
    AmountSum,
    Difference,
    FieldCount,
    Listed,
    Reconciliation,
)
from golive.migration.sources import (
    Source,
    complaint,
    identifier,
    literal,
    open_file,
    open_records,
    unreadable,
)

if TYPE_CHECKING:
    import duckdb

MEMORY_LIMIT = "2GB"


def reconcile(
    entity: Entity,
    platform: Iterable[Mapping[str, Any]] | Path,
    *,
    out_dir: Path,
    limit_listed: int = 20,
) -> Reconciliation:
    """Reconcile ``entity``'s legacy export with the platform's records: the rows an API
    listing gave, or the platform's export file. Writes ``<entity>-differences.csv`` in
    ``out_dir``. An export that is missing or unreadable, or a mapped column or field
    neither side has, is a :class:`ConfigError` naming it."""
    import duckdb

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".golive-migration-", dir=out_dir) as folder:
        work = Path(folder)
        con = duckdb.connect(
            config={
                # as many threads as cores; a bounded memory, so a reconciliation beside
                # the browser and the sandbox on a CI runner never takes DuckDB's default
                # 80% of RAM: past it, DuckDB spills to a folder that goes with the run
                "threads": _cores(),
                "memory_limit": MEMORY_LIMIT,
                "temp_directory": str(work / "spill"),
            }
        )
        try:
            return _Run(con, entity, work, limit_listed).run(platform, out_dir)
        finally:
            con.close()


class _Run:
    """One reconciliation on one DuckDB connection; tables ``l`` and ``p`` hold each
    side's key ``k`` (normalised) and the mapped values ``v0``, ``v1``... as read."""

    def __init__(
        self, con: duckdb.DuckDBPyConnection, entity: Entity, work: Path, limit: int
    ) -> None:
        self.con = con
        self.entity = entity
        self.work = work
        self.limit = limit
        self.columns = [column for column, _ in entity.fields]
        self.names = [name for _, name in entity.fields]

    def run(self, platform: Iterable[Mapping[str, Any]] | Path, out_dir: Path) -> Reconciliation:
        entity = self.entity
        legacy = open_file(self.con, entity.legacy, self.work, entity.encoding)
        self.check(
            legacy,
            [entity.key_legacy, *self.columns],
            "the legacy export {shown} has no column {name!r}{close}; its columns: {valid}",
        )
        wanted = [entity.key_platform, *self.names]
        if isinstance(platform, Path):
            records = open_file(self.con, platform, self.work)
        else:
            shown = entity.platform_path or "API"
            records = open_records(platform, wanted, self.work, shown)
        self.check(
            records,
            wanted,
            "the platform's records ({shown}) have no field {name!r}{close}; their fields: {valid}",
        )
        self.load("l", legacy, entity.key_legacy, self.columns)
        self.load("p", records, entity.key_platform, self.names)
        # a platform record without the legacy key was made on the platform, not migrated:
        # it is counted and left out of every comparison
        unkeyed = self.listed("SELECT rowid + 1 FROM p WHERE k IS NULL", "rowid")
        self.sql("DELETE FROM p WHERE k IS NULL")
        self.sql(
            "CREATE TABLE lk AS SELECT k, count(*) AS n FROM l WHERE k IS NOT NULL GROUP BY k;"
            "CREATE TABLE pk AS SELECT k, count(*) AS n FROM p WHERE k IS NOT NULL GROUP BY k;"
            "CREATE TABLE both_sides AS SELECT k, lk.n AS ln, pk.n AS pn FROM lk JOIN pk USING (k)"
        )
        eligible = self.one("SELECT count(*) FROM both_sides WHERE ln = 1 AND pn = 1")
        sampled = eligible > entity.sample
        self.compare(sampled)
        return Reconciliation(
            entity=entity.name,
            legacy=entity.legacy,
            platform=records.shown,
            key_legacy=entity.key_legacy,
            key_platform=entity.key_platform,
            legacy_rows=self.one("SELECT count(*) FROM l"),
            platform_rows=self.one("SELECT count(*) FROM p"),
            matched=self.one("SELECT coalesce(sum(ln), 0) FROM both_sides"),
            missing=self.listed("SELECT k FROM lk ANTI JOIN pk USING (k)"),
            extra=self.listed("SELECT k FROM pk ANTI JOIN lk USING (k)"),
            duplicates_legacy=self.listed("SELECT k FROM lk WHERE n > 1"),
            duplicates_platform=self.listed("SELECT k FROM pk WHERE n > 1"),
            empty_keys_legacy=self.listed("SELECT rowid + 1 FROM l WHERE k IS NULL", "rowid"),
            empty_keys_platform=unkeyed,
            sums=tuple(self.sums()),
            eligible=eligible,
            compared=self.one("SELECT count(*) FROM chosen"),
            sampled=sampled,
            seed=entity.seed,
            differing_records=self.one("SELECT count(DISTINCT k) FROM diffs"),
            field_counts=tuple(
                FieldCount(self.columns[f], self.names[f], n)
                for f, n in self.con.execute(
                    "SELECT f, count(*) FROM diffs GROUP BY f ORDER BY f"
                ).fetchall()
            ),
            differences=tuple(
                Difference("field", k, self.columns[f], self.names[f], lv, pv)
                for k, f, lv, pv in self.con.execute(
                    f"SELECT k, f, lv, pv FROM diffs ORDER BY k, f LIMIT {self.limit}"  # noqa: S608
                ).fetchall()
            ),
            differences_csv=self.write_differences(out_dir),
            decimals=entity.decimals,
        )

    def check(self, source: Source, wanted: Sequence[str], message: str) -> None:
        """Refuse a mapped column or field ``source`` lacks, naming those it has: a typo
        in the mapping, or a renamed field, never reads as every value differing."""
        for name in wanted:
            if name not in source.columns:
                said = message.format(
                    shown=source.shown,
                    name=name,
                    close=did_you_mean(name, source.columns),
                    valid=", ".join(source.columns),
                )
                raise ConfigError(
                    f"migration.{self.entity.name}: {said}",
                    path=self.entity.config,
                    line=self.entity.line,
                )

    def load(self, table: str, source: Source, key: str, columns: Sequence[str]) -> None:
        import duckdb

        values = "".join(f", {identifier(c)} AS v{i}" for i, c in enumerate(columns))
        try:
            self.sql(
                f"CREATE TABLE {table} AS SELECT {self.text(identifier(key))} "  # noqa: S608
                f"AS k{values} FROM {source.sql}"
            )
        except duckdb.Error as error:
            if source.path is not None:
                raise unreadable(source.path, error) from None
            raise ConfigError(  # records an API gave, written by golive: not expected
                f"the platform's records ({source.shown}) cannot be compared: {complaint(error)}"
            ) from None

    def compare(self, sampled: bool) -> None:
        """``chosen``: the keys compared; ``diffs``: (k, f, lv, pv) per differing field."""
        order = ""
        if sampled:
            seed = literal(str(self.entity.seed))
            order = f" ORDER BY hash(k || {seed}), k LIMIT {self.entity.sample}"
        self.sql(
            "CREATE TABLE chosen AS SELECT k FROM both_sides "  # noqa: S608
            f"WHERE ln = 1 AND pn = 1{order}"
        )
        pairs = ", ".join(f"l.v{i} AS l{i}, p.v{i} AS p{i}" for i in range(len(self.columns)))
        branches = " UNION ALL ".join(
            f"SELECT k, {i} AS f, l{i} AS lv, p{i} AS pv "  # noqa: S608
            f"FROM pairs WHERE {self.differ(i)}"
            for i in range(len(self.columns))
        )
        self.sql(
            f"CREATE TABLE diffs AS WITH pairs AS MATERIALIZED (SELECT k, {pairs} "  # noqa: S608
            f"FROM chosen JOIN l USING (k) JOIN p USING (k)) {branches}"
        )

    def differ(self, i: int) -> str:
        """SQL that is true when field ``i`` differs between ``l{i}`` and ``p{i}``."""
        column = self.columns[i]
        left, right = f"l{i}", f"p{i}"
        if column in self.entity.amounts:
            # an amount that is not one differs from anything, even the same text
            return (
                f"({self.amount(left)} IS DISTINCT FROM {self.amount(right)} "
                f"OR {self.unreadable(left)} OR {self.unreadable(right)})"
            )
        if column in self.entity.dates:
            return f"{self.day(left)} IS DISTINCT FROM {self.day(right)}"
        return f"{self.text(left)} IS DISTINCT FROM {self.text(right)}"

    # -- normalising, the same on both sides ---------------------------------------------
    def text(self, value: str) -> str:
        """Text as compared: whitespace (also the ideographic space) collapsed, case
        folded where configured; empty is NULL, so empty and missing are equal."""
        if self.entity.trim:
            value = rf"trim(regexp_replace({value}, '[\s\x{{00A0}}\x{{3000}}]+', ' ', 'g'))"
        if self.entity.ignore_case:
            value = f"lower({value})"
        return f"nullif({value}, '')"

    def amount(self, value: str) -> str:
        """An amount as DECIMAL, rounded; thousands separators and ¥ are allowed."""
        bare = rf"regexp_replace({value}, '[,\s¥￥]', '', 'g')"
        return f"try_cast({bare} AS DECIMAL(38, {self.entity.decimals}))"

    def unreadable(self, value: str) -> str:
        return f"({self.amount(value)} IS NULL AND {self.text(value)} IS NOT NULL)"

    def day(self, value: str) -> str:
        """A date read with the configured formats, ISO last; text where none reads it."""
        formats = ", ".join(literal(f) for f in self.entity.date_formats)
        text = self.text(value)
        parsed = f"coalesce(try_strptime({text}, [{formats}])::DATE, try_cast({text} AS DATE))"
        return f"coalesce({parsed}::VARCHAR, {text})"

    # -- the checks' figures ---------------------------------------------------------------
    def sums(self) -> Iterable[AmountSum]:
        for column in self.entity.amounts:
            i = self.columns.index(column)
            figures = []
            for table in ("l", "p"):
                figures.append(
                    self.con.execute(
                        f"SELECT coalesce(sum({self.amount(f'v{i}')}), 0), "  # noqa: S608
                        f"coalesce(sum({self.amount(f'v{i}')}) FILTER "
                        "(WHERE k IN (SELECT k FROM both_sides)), 0), "
                        f"count(*) FILTER (WHERE {self.unreadable(f'v{i}')}) FROM {table}"
                    ).fetchone()
                    or (0, 0, 0)
                )
            (lt, lm, lu), (pt, pm, pu) = figures
            yield AmountSum(column, self.names[i], lt, pt, lm, pm, lu, pu)

    def listed(self, query: str, order: str = "k") -> Listed:
        count = self.one(f"SELECT count(*) FROM ({query})")  # noqa: S608
        first = self.con.execute(f"{query} ORDER BY {order} LIMIT {self.limit}").fetchall()
        return Listed(count, tuple(str(row[0]) for row in first))

    def write_differences(self, out_dir: Path) -> Path:
        """Every difference to ``<entity>-differences.csv``, UTF-8 with a BOM (so Excel
        shows Chinese), in the order of :data:`KINDS` and then by key."""
        entity = self.entity
        key_l, key_p = literal(entity.key_legacy), literal(entity.key_platform)
        names = ", ".join(
            f"({i}, {literal(c)}, {literal(n)})"
            for i, (c, n) in enumerate(zip(self.columns, self.names, strict=True))
        )
        kinds = ", ".join(f"({i}, {literal(kind)})" for i, kind in enumerate(KINDS))
        plain = self.work / "differences.csv"
        self.sql(
            f"COPY (SELECT kind AS {CSV_HEADER[0]}, k AS {CSV_HEADER[1]}, "  # noqa: S608
            f"c AS {CSV_HEADER[2]}, n AS {CSV_HEADER[3]}, lv AS {CSV_HEADER[4]}, "
            f"pv AS {CSV_HEADER[5]} FROM ("
            f"SELECT 'missing' AS kind, k, {key_l} AS c, {key_p} AS n, k AS lv, NULL AS pv "
            "FROM lk ANTI JOIN pk USING (k) "
            f"UNION ALL SELECT 'extra', k, {key_l}, {key_p}, NULL, k "
            "FROM pk ANTI JOIN lk USING (k) "
            f"UNION ALL SELECT 'duplicate', k, {key_l}, {key_p}, "
            "coalesce(lk.n, 0)::VARCHAR, coalesce(pk.n, 0)::VARCHAR "
            "FROM lk FULL JOIN pk USING (k) WHERE lk.n > 1 OR pk.n > 1 "
            f"UNION ALL SELECT 'empty_key', '', {key_l}, NULL, (rowid + 1)::VARCHAR, NULL "
            "FROM l WHERE k IS NULL "
            "UNION ALL SELECT 'field', k, c, n, lv, pv FROM diffs "
            f"JOIN (VALUES {names}) AS names(f, c, n) USING (f)"
            f") JOIN (VALUES {kinds}) AS kinds(o, kind) USING (kind) ORDER BY o, k, c, lv, pv) "
            f"TO {literal(str(plain))} (HEADER, DELIMITER ',')"
        )
        path = out_dir / f"{_file_name(entity.name)}-differences.csv"
        with plain.open("rb") as source, path.open("wb") as target:
            target.write("\ufeff".encode())
            shutil.copyfileobj(source, target)
        return path

    def sql(self, statements: str) -> None:
        self.con.execute(statements)

    def one(self, query: str) -> int:
        row = self.con.execute(query).fetchone()
        return int(row[0]) if row else 0


def _cores() -> int:
    """The cores this process may run on (a container's share, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _file_name(name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", name).strip("._") or "entity"
