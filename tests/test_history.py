"""The run history: recording, the trend per criterion, named baselines."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from golive.errors import ConfigError
from golive.gate.history import History, WatchPass
from golive.gate.verdict import CriterionResult, GateResult
from golive.report.terminal import trend_text


def result(verdict: str, **statuses: str) -> GateResult:
    criteria = tuple(
        CriterionResult(
            id=cid.replace("_", "-"),
            title="t",
            title_en="t",
            goal="G-X",
            priority="high",
            status=status,
            evidence=(),
            reason="",
        )
        for cid, status in statuses.items()
    )
    return GateResult(phase="pilot", target="sandbox", verdict=verdict, criteria=criteria)


def test_runs_are_recorded_newest_first(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite")
    first = history.record(result("NO-GO", AC_ORD_01="failed", AC_SEC_01="passed"))
    second = history.record(result("GO", AC_ORD_01="passed", AC_SEC_01="passed"))
    runs = history.runs()
    assert [r.id for r in runs] == [second, first]
    assert (runs[0].verdict, runs[0].passed, runs[1].failed) == ("GO", 2, 1)


def test_trend_shows_each_criterion_per_run(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite")
    history.record(result("NO-GO", AC_ORD_01="failed", AC_SEC_01="no_evidence"))
    history.record(result("GO", AC_ORD_01="passed", AC_SEC_01="waived"))
    runs, statuses = history.trend()
    assert [r.verdict for r in runs] == ["NO-GO", "GO"]  # oldest first
    assert statuses == {
        "AC-ORD-01": {1: "failed", 2: "passed"},
        "AC-SEC-01": {1: "no_evidence", 2: "waived"},
    }
    text = trend_text(runs, statuses)
    assert "  AC-ORD-01       ✗    ✓" in text
    assert "  AC-SEC-01       ?    w" in text


def test_a_run_can_be_named_as_baseline(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite")
    run = history.record(result("GO", AC_PERF_01="passed"), {"p95_ms:提交订单": 420.0})
    history.record(result("GO", AC_PERF_01="passed"), {"p95_ms:提交订单": 500.0})
    assert history.name_baseline("before-upgrade", run).baseline == "before-upgrade"
    assert history.baseline("before-upgrade") == {"p95_ms:提交订单": 420.0}
    # naming again moves the name to the newest run
    history.name_baseline("before-upgrade")
    assert history.baseline("before-upgrade") == {"p95_ms:提交订单": 500.0}


def test_unknown_baseline_lists_the_known_ones(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite")
    history.record(result("GO", AC_PERF_01="passed"), {"rps": 12.0})
    history.name_baseline("v1")
    with pytest.raises(ConfigError, match="no baseline named 'v2'; named baselines: v1"):
        history.baseline("v2")
    with pytest.raises(ConfigError, match="no run 99 to name"):
        history.name_baseline("v3", 99)


def test_a_corrupt_database_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(ConfigError, match="the history database is unusable"):
        History(path).runs()


def test_a_run_without_measurements_cannot_be_a_baseline(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite")
    with pytest.raises(ConfigError, match="no recorded run has load measurements"):
        history.name_baseline("pilot")
    measured = history.record(result("GO", AC_PERF_01="passed"), {"p95_ms 提交订单 @pilot": 9.0})
    unmeasured = history.record(result("GO", AC_ORD_01="passed"))
    # the default is the newest run that measured something, not the newest run
    assert history.name_baseline("pilot").id == measured
    with pytest.raises(ConfigError, match=f"run {unmeasured} cannot be baseline 'pilot'"):
        history.name_baseline("pilot", unmeasured)


def test_a_baseline_must_hold_what_its_thresholds_compare_with(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite")
    run = history.record(result("GO", AC_PERF_01="passed"), {"p95_ms 提交订单 @pilot": 9.0})
    assert history.name_baseline("pilot", run, needs=("p95_ms 提交订单",)).id == run
    with pytest.raises(ConfigError, match="has no 'p99_ms', which the thresholds relative"):
        history.name_baseline("pilot", run, needs=("p95_ms 提交订单", "p99_ms"))


def test_a_history_made_before_watch_notes_takes_them(tmp_path: Path) -> None:
    """A history.sqlite whose watch_passes table predates the note column (golive of the
    last release) gets it: its old passes read with no note, new ones keep theirs."""
    path = tmp_path / "history.sqlite"
    with closing(sqlite3.connect(path)) as db, db:
        db.execute(
            "CREATE TABLE watch_passes (id INTEGER PRIMARY KEY, target TEXT NOT NULL, at TEXT"
            " NOT NULL, state TEXT NOT NULL, smoke_passed INTEGER NOT NULL, smoke_failed"
            " INTEGER NOT NULL, off_track TEXT NOT NULL)"
        )
        db.execute(
            "INSERT INTO watch_passes (target, at, state, smoke_passed, smoke_failed, off_track)"
            " VALUES ('sandbox', '2026-12-01T08:00:00+00:00', 'ok', 6, 0, '')"
        )
    history = History(path)
    now = dt.datetime(2026, 12, 5, 8, 0, tzinfo=dt.UTC)
    history.record_watch("sandbox", WatchPass(now, "failing", 6, 0, (), "the label is gone"))
    newest, oldest = history.watch_passes("sandbox")
    assert (newest.state, newest.note) == ("failing", "the label is gone")
    assert (oldest.state, oldest.note) == ("ok", "")
