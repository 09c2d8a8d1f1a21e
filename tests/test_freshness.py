"""Freshness: evidence from another platform version, or older than a criterion takes, is
stale and proves nothing; the gate says which and why."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from golive.evidence.records import COMMIT_LABEL, VERSION_LABEL, read_results
from golive.gate.freshness import STALE, Against
from golive.gate.verdict import GateResult, evaluate
from golive.inputs.approvals import Approvals, Signoff
from golive.inputs.catalog import Catalog, load_catalog
from golive.inputs.freshness import Freshness
from tests.test_gate import DATA, TODAY, Results

# the clock Results writes with: its results end just after this
PRODUCED = dt.datetime.fromtimestamp(1_700_000_000, dt.UTC)


@pytest.fixture
def results(tmp_path: Path) -> Results:
    return Results(tmp_path / "allure-results")


def catalog_with(tmp_path: Path, fresh: str) -> Catalog:
    """good.yaml with ``fresh`` on AC-ORD-01."""
    text = (DATA / "good.yaml").read_text(encoding="utf-8")
    text = text.replace("    evidence: [uat]\n", f"    evidence: [uat]\n    fresh: {fresh}\n", 1)
    path = tmp_path / "acceptance.yaml"
    path.write_text(text, encoding="utf-8")
    return load_catalog(path)


def decide(catalog: Catalog, results: Results, against: Against) -> GateResult:
    return evaluate(
        catalog,
        read_results(results.folder),
        phase="pilot",
        target="sandbox",
        today=TODAY,
        lang="en",
        against=against,
    )


def order(result: GateResult) -> tuple[str, str, list[str]]:
    criterion = next(c for c in result.criteria if c.id == "AC-ORD-01")
    return criterion.status, criterion.reason, [e.status for e in criterion.evidence]


def produced_on(results: Results, version: str | None, name: str = "下单") -> None:
    labels = ((VERSION_LABEL, version), (COMMIT_LABEL, "abc123")) if version else ()
    results.add(name, "passed", "AC-ORD-01", labels=labels, history=f"{name}-{version}")


def test_the_catalog_reads_freshness(tmp_path: Path) -> None:
    assert catalog_with(tmp_path, "version").criteria["AC-ORD-01"].fresh == Freshness(True)
    both = catalog_with(tmp_path, "[version, 7d]").criteria["AC-ORD-01"].fresh
    assert both == Freshness(True, dt.timedelta(days=7))
    assert catalog_with(tmp_path, "12h").criteria["AC-ORD-01"].fresh.max_age == dt.timedelta(
        hours=12
    )
    assert not load_catalog(DATA / "good.yaml").criteria["AC-ORD-01"].fresh


def test_evidence_from_the_version_being_decided_passes(tmp_path: Path, results: Results) -> None:
    produced_on(results, "2.4.1")
    result = decide(catalog_with(tmp_path, "version"), results, Against("2.4.1", PRODUCED))
    assert order(result) == ("passed", "", ["passed"])
    assert read_results(results.folder)[0].commit == "abc123"


def test_evidence_from_another_version_is_stale(tmp_path: Path, results: Results) -> None:
    produced_on(results, "2.4.0")
    result = decide(catalog_with(tmp_path, "version"), results, Against("2.4.1", PRODUCED))
    status, reason, lines = order(result)
    assert (status, lines) == ("no_evidence", [STALE])
    assert "'下单' (it ran against platform version 2.4.0; the platform is now 2.4.1)" in reason
    assert result.verdict == "NO-GO"


@pytest.mark.parametrize(
    ("recorded", "current", "why"),
    [
        (None, "2.4.1", "it does not record the platform version it ran against"),
        ("2.4.1", None, "the platform does not report its version"),
    ],
)
def test_an_unknown_version_is_never_fresh(
    tmp_path: Path, results: Results, recorded: str | None, current: str | None, why: str
) -> None:
    produced_on(results, recorded)
    result = decide(catalog_with(tmp_path, "version"), results, Against(current, PRODUCED))
    status, reason, _ = order(result)
    assert status == "no_evidence"
    assert why in reason


def test_a_check_rerun_on_the_new_version_is_fresh(tmp_path: Path, results: Results) -> None:
    results.add("下单", "passed", "AC-ORD-01", labels=((VERSION_LABEL, "2.4.0"),), history="o")
    results.add("下单", "passed", "AC-ORD-01", labels=((VERSION_LABEL, "2.4.1"),), history="o")
    result = decide(catalog_with(tmp_path, "version"), results, Against("2.4.1", PRODUCED))
    assert order(result)[0] == "passed"


def test_one_stale_check_beside_fresh_ones_is_not_proof(tmp_path: Path, results: Results) -> None:
    # like a check that gave no result: this check says nothing of the version going live
    produced_on(results, "2.4.0", "下单（上一版才跑过）")
    produced_on(results, "2.4.1", "下单")
    result = decide(catalog_with(tmp_path, "version"), results, Against("2.4.1", PRODUCED))
    assert order(result)[0] == "no_evidence"


def test_a_stale_failure_is_no_evidence_not_a_failure(tmp_path: Path, results: Results) -> None:
    results.add("下单", "failed", "AC-ORD-01", labels=((VERSION_LABEL, "2.4.0"),))
    result = decide(catalog_with(tmp_path, "version"), results, Against("2.4.1", PRODUCED))
    assert order(result)[0] == "no_evidence"


def test_evidence_older_than_the_criterion_takes_is_stale(tmp_path: Path, results: Results) -> None:
    produced_on(results, "2.4.1")
    catalog = catalog_with(tmp_path, "7d")
    week_later = PRODUCED + dt.timedelta(days=7, hours=1)
    status, reason, _ = order(decide(catalog, results, Against("2.4.1", week_later)))
    assert status == "no_evidence"
    assert "it is 7.0 days old; this criterion takes evidence up to 7 days old" in reason
    six_days = PRODUCED + dt.timedelta(days=6)
    assert order(decide(catalog, results, Against("2.4.1", six_days)))[0] == "passed"


def test_without_a_freshness_rule_any_version_counts(results: Results) -> None:
    produced_on(results, "1.0")
    result = decide(load_catalog(DATA / "good.yaml"), results, Against("2.0", PRODUCED))
    assert order(result)[0] == "passed"


def test_stale_evidence_is_said_in_chinese(tmp_path: Path, results: Results) -> None:
    produced_on(results, "2.4.0")
    result = evaluate(
        catalog_with(tmp_path, "version"),
        read_results(results.folder),
        phase="pilot",
        target="sandbox",
        today=TODAY,
        lang="zh-CN",
        against=Against("2.4.1", PRODUCED),
    )
    assert "1 个证据已过期：“下单”（它针对平台版本 2.4.0，而平台现在是 2.4.1）" in order(result)[1]


def test_a_signoff_is_held_to_the_criterion_freshness(tmp_path: Path, results: Results) -> None:
    """AC-BIZ-01 takes a sign-off: with ``fresh: [version, 7d]`` one made for another
    platform version, or too long ago, does not count."""
    text = (
        (DATA / "good.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "    evidence: [uat, signoff]\n",
            "    evidence: [uat, signoff]\n    fresh: [version, 7d]\n",
        )
    )
    path = tmp_path / "acceptance.yaml"
    path.write_text(text, encoding="utf-8")
    catalog = load_catalog(path)
    results.add("签字场景", "passed", "AC-BIZ-01", labels=((VERSION_LABEL, "2.4.1"),))
    now = PRODUCED + dt.timedelta(days=1)  # the scenario's result is a day old

    def biz(signoff: Signoff) -> tuple[str, tuple[str, ...]]:
        result = evaluate(
            catalog,
            read_results(results.folder),
            phase="pilot",
            target="sandbox",
            today=now.date(),
            lang="en",
            approvals=Approvals(signoffs=(signoff,)),
            against=Against("2.4.1", now),
        )
        found = next(c for c in result.criteria if c.id == "AC-BIZ-01")
        return found.status, found.notes

    fresh = Signoff("AC-BIZ-01", "李总", now.date(), "pilot", "a" * 64, "r1", "2.4.1")
    assert biz(fresh)[0] == "passed"
    status, notes = biz(dataclasses.replace(fresh, platform_version="2.4.0"))
    assert status == "no_evidence"
    assert (
        f"the sign-off by 李总 on {now.date()} does not count now: it ran against platform "
        in (notes[0])
    )
    old = dataclasses.replace(fresh, on=now.date() - dt.timedelta(days=8))
    assert biz(old)[0] == "no_evidence"
    assert biz(dataclasses.replace(fresh, platform_version=""))[0] == "no_evidence"
