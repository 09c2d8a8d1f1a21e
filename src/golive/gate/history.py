"""The run history: each gate's verdict and per-criterion status, kept in SQLite.

It feeds ``golive history`` (the trend per criterion), the last runs on the gate page,
and named baselines: a run can be named (``golive baseline NAME``) so that relative
thresholds ("20% faster than the baseline") have something to compare with.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from golive.errors import ConfigError
from golive.gate.goals import Reading
from golive.gate.verdict import GateResult

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    phase TEXT NOT NULL,
    target TEXT NOT NULL,
    verdict TEXT NOT NULL,
    passed INTEGER NOT NULL, failed INTEGER NOT NULL,
    no_evidence INTEGER NOT NULL, waived INTEGER NOT NULL,
    baseline TEXT UNIQUE
);
CREATE TABLE IF NOT EXISTS statuses (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    criterion TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (run_id, criterion)
);
CREATE TABLE IF NOT EXISTS measurements (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (run_id, name)
);
CREATE TABLE IF NOT EXISTS goal_readings (
    goal TEXT NOT NULL,
    target TEXT NOT NULL,
    at TEXT NOT NULL,
    value REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS goal_readings_goal ON goal_readings (goal, target, at);
CREATE TABLE IF NOT EXISTS watch_passes (
    id INTEGER PRIMARY KEY,
    target TEXT NOT NULL,
    at TEXT NOT NULL,
    state TEXT NOT NULL,
    smoke_passed INTEGER NOT NULL,
    smoke_failed INTEGER NOT NULL,
    off_track TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
"""


@dataclass(frozen=True)
class Run:
    """One recorded gate evaluation."""

    id: int
    at: str
    phase: str
    target: str
    verdict: str
    passed: int
    failed: int
    no_evidence: int
    waived: int
    baseline: str | None

    def as_row(self) -> dict[str, object]:
        return dict(vars(self))


@dataclass(frozen=True)
class WatchPass:
    """One pass of golive watch: its smoke scenarios and the goals off track."""

    at: dt.datetime
    state: str  # "ok" or "failing"
    smoke_passed: int
    smoke_failed: int
    off_track: tuple[str, ...]
    note: str = ""
    """Why the pass failed where its numbers do not say (the goals could not be read)."""


def _add_columns(db: sqlite3.Connection) -> None:
    """Columns added since a history database was first made, added to an older one."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(watch_passes)")}
    if "note" not in columns:
        db.execute("ALTER TABLE watch_passes ADD COLUMN note TEXT NOT NULL DEFAULT ''")


class History:
    """The history database at ``path`` (created on first use)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._made = False  # the schema is made (and an older one brought up) once

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with closing(sqlite3.connect(self.path)) as db, db:
                db.execute("PRAGMA foreign_keys = ON")
                if not self._made:
                    db.executescript(_SCHEMA)
                    _add_columns(db)
                    self._made = True
                yield db
        except sqlite3.DatabaseError as exc:
            raise ConfigError(f"the history database is unusable: {exc}", path=self.path) from None

    def record(
        self,
        result: GateResult,
        measurements: Mapping[str, float] | None = None,
        at: dt.datetime | None = None,
    ) -> int:
        """Store a gate result; returns its run id."""
        summary = result.summary()
        stamp = (at or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
        with self._db() as db:
            cursor = db.execute(
                "INSERT INTO runs (at, phase, target, verdict, passed, failed, no_evidence,"
                " waived) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    stamp,
                    result.phase,
                    result.target,
                    result.verdict,
                    summary["passed"],
                    summary["failed"],
                    summary["no_evidence"],
                    summary["waived"],
                ),
            )
            run_id = int(cursor.lastrowid or 0)
            db.executemany(
                "INSERT INTO statuses (run_id, criterion, status, reason) VALUES (?, ?, ?, ?)",
                [(run_id, c.id, c.status, c.reason) for c in result.criteria],
            )
            db.executemany(
                "INSERT INTO measurements (run_id, name, value) VALUES (?, ?, ?)",
                [(run_id, k, v) for k, v in (measurements or {}).items()],
            )
        return run_id

    def record_reading(self, goal: str, target: str, value: float, at: dt.datetime) -> None:
        """Keep one reading of a goal's metric on a target."""
        with self._db() as db:
            db.execute(
                "INSERT INTO goal_readings (goal, target, at, value) VALUES (?, ?, ?, ?)",
                # to the microsecond: two readings in one second are still two moments
                (goal, target, at.isoformat(timespec="microseconds"), value),
            )

    def readings(self, goal: str, target: str) -> tuple[Reading, ...]:
        """Every reading of a goal's metric on a target, oldest first."""
        with self._db() as db:
            rows = db.execute(
                "SELECT at, value FROM goal_readings WHERE goal = ? AND target = ? ORDER BY at",
                (goal, target),
            ).fetchall()
        return tuple(Reading(dt.datetime.fromisoformat(at), value) for at, value in rows)

    def record_watch(self, target: str, watched: WatchPass) -> None:
        """Keep one pass of golive watch."""
        with self._db() as db:
            db.execute(
                "INSERT INTO watch_passes (target, at, state, smoke_passed, smoke_failed,"
                " off_track, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    target,
                    watched.at.isoformat(timespec="seconds"),
                    watched.state,
                    watched.smoke_passed,
                    watched.smoke_failed,
                    ",".join(watched.off_track),
                    watched.note,
                ),
            )

    def last_watch(self, target: str) -> WatchPass | None:
        """The newest pass of golive watch on a target; None before the first."""
        passes = self.watch_passes(target, limit=1)
        return passes[0] if passes else None

    def watch_passes(self, target: str, limit: int = 20) -> tuple[WatchPass, ...]:
        """The newest passes of golive watch on a target, newest first."""
        with self._db() as db:
            rows = db.execute(
                "SELECT at, state, smoke_passed, smoke_failed, off_track, note FROM watch_passes"
                " WHERE target = ? ORDER BY id DESC LIMIT ?",
                (target, limit),
            ).fetchall()
        return tuple(
            WatchPass(
                dt.datetime.fromisoformat(at),
                state,
                passed,
                failed,
                tuple(g for g in off.split(",") if g),
                note,
            )
            for at, state, passed, failed, off, note in rows
        )

    def runs(self, limit: int = 10) -> tuple[Run, ...]:
        """The newest runs first."""
        with self._db() as db:
            rows = db.execute(
                "SELECT id, at, phase, target, verdict, passed, failed, no_evidence, waived,"
                " baseline FROM runs ORDER BY id DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return tuple(Run(*row) for row in rows)

    def trend(self, limit: int = 10) -> tuple[tuple[Run, ...], dict[str, dict[int, str]]]:
        """The last runs (oldest first) and, per criterion, its status in each of them."""
        runs = tuple(reversed(self.runs(limit)))
        statuses: dict[str, dict[int, str]] = {}
        if runs:
            with self._db() as db:
                for run_id, criterion, status in db.execute(
                    "SELECT run_id, criterion, status FROM statuses WHERE run_id >= ? "
                    "ORDER BY criterion",
                    (runs[0].id,),
                ):
                    statuses.setdefault(criterion, {})[run_id] = status
        return runs, statuses

    def latest_statuses(self) -> dict[str, str]:
        """Each criterion's status in the newest run that judged it."""
        with self._db() as db:
            rows = db.execute(
                "SELECT criterion, status FROM statuses s WHERE run_id = "
                "(SELECT max(run_id) FROM statuses WHERE criterion = s.criterion)"
            ).fetchall()
        return dict(rows)

    def name_baseline(
        self, name: str, run_id: int | None = None, needs: tuple[str, ...] = ()
    ) -> Run:
        """Name a run (default: the newest that measured something) as a baseline for
        relative thresholds. ``needs`` are the measurements those thresholds compare with
        (see ``golive.load.performance.measurement_key``): a run lacking any is refused, and so
        is a run that measured nothing, for a baseline with no numbers proves nothing."""
        with self._db() as db:
            if run_id is None:
                row = db.execute("SELECT max(run_id) FROM measurements").fetchone()
                run_id = row[0] if row else None
                if run_id is None:
                    raise ConfigError(
                        f"no recorded run has load measurements to name as baseline "
                        f"{name!r}: golive run --suite load --phase PHASE measures one",
                        path=self.path,
                    )
            if not db.execute("SELECT 1 FROM runs WHERE id = ?", (run_id,)).fetchone():
                raise ConfigError(f"no run {run_id} to name as baseline {name!r}", path=self.path)
            names = {
                r[0]
                for r in db.execute("SELECT name FROM measurements WHERE run_id = ?", (run_id,))
            }
            lacking = [n for n in needs if not _measured(n, names)]
            if not names or lacking:
                raise ConfigError(
                    f"run {run_id} cannot be baseline {name!r}: it "
                    + (
                        f"has no {', no '.join(repr(n) for n in lacking)}, which the "
                        f"thresholds relative to {name!r} compare with"
                        if lacking
                        else "recorded no load measurements"
                    )
                    + "; name a run of the load suite (golive history lists the runs)",
                    path=self.path,
                )
            db.execute("UPDATE runs SET baseline = NULL WHERE baseline = ?", (name,))
            db.execute("UPDATE runs SET baseline = ? WHERE id = ?", (name, run_id))
        return next(r for r in self.runs(limit=1_000_000) if r.id == run_id)

    def baseline(self, name: str) -> dict[str, float]:
        """The measurements of the run named ``name``."""
        with self._db() as db:
            row = db.execute("SELECT id FROM runs WHERE baseline = ?", (name,)).fetchone()
            if row is None:
                known = [
                    r[0] for r in db.execute("SELECT baseline FROM runs WHERE baseline IS NOT NULL")
                ]
                raise ConfigError(
                    f"no baseline named {name!r}; named baselines: "
                    f"{', '.join(known) or 'none'} (golive baseline NAME)",
                    path=self.path,
                )
            return dict(
                db.execute(
                    "SELECT name, value FROM measurements WHERE run_id = ?", (row[0],)
                ).fetchall()
            )


def _measured(need: str, names: set[str]) -> bool:
    """Whether ``names`` hold ``need`` (``p95_ms 提交订单``) under any shape (``... @pilot``)."""
    return need in names or any(n.startswith(f"{need} @") for n in names)
