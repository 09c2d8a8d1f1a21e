"""The gate reconciles the results with the library: each case is one where it must say no.

A scenario selected to run with no result (a crashed worker, a deleted file), a failed
check that names no criterion, and a target that stopped answering during the run.
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from test_gate import TODAY, Results, signed
from test_gate import catalog as catalog  # the fixture
from test_gate import results as results  # the fixture

from golive.errors import ConfigError
from golive.evidence.reconcile import ENVIRONMENT, MISSING
from golive.evidence.records import Outage, read_results
from golive.gate.verdict import GateResult, evaluate
from golive.inputs.approvals import Approvals, Waiver
from golive.inputs.catalog import Catalog
from golive.inputs.library import ExpectedCheck, expected_checks, read_library
from golive.report.outputs import write_gate
from golive.report.terminal import checks_text

ORDER = ExpectedCheck("features/orders.feature:3", "下单", "uat", ("AC-ORD-01",), "f:3")
PROBE = ExpectedCheck("features/sec.feature:3", "SQL 注入探测", "security", ("AC-SEC-01",), "s:3")
SIGN = ExpectedCheck("features/biz.feature:3", "签字场景", "uat", ("AC-BIZ-01",), "b:3")
UNTAGGED = ExpectedCheck("features/misc.feature:7", "导出报表", "uat", (), "m:7")


def add(results: Results, check: ExpectedCheck, status: str = "passed", **kw: str) -> None:
    tags = list(check.criteria) + ([check.kind] if check.kind != "uat" else [])
    results.add(check.name, status, *tags, labels=(("check", check.id),), **kw)


def judge(
    catalog: Catalog,
    results: Results,
    expected: tuple[ExpectedCheck, ...],
    approvals: Approvals | None = None,
    outage: Outage | None = None,
) -> GateResult:
    return evaluate(
        catalog,
        read_results(results.folder),
        phase="pilot",
        target="sandbox",
        approvals=approvals or signed(),
        today=TODAY,
        expected=expected,
        outage=outage,
        run_id="20261201-140200-abcd",
        lang="en",
    )


def test_every_expected_check_with_a_passing_result_is_go(
    catalog: Catalog, results: Results
) -> None:
    for check in (ORDER, PROBE, SIGN):
        add(results, check)
    result = judge(catalog, results, (ORDER, PROBE, SIGN))
    assert result.verdict == "GO"
    assert result.missing == ()
    assert result.to_json()["checks"]["expected"] == 3


def test_a_scenario_without_a_result_is_missing_and_no_go(
    catalog: Catalog, results: Results
) -> None:
    # a worker died mid-scenario: the other criteria's results are there, one is not
    second = ExpectedCheck("features/orders.feature:9", "审批订单", "uat", ("AC-ORD-01",), "f:9")
    for check in (ORDER, PROBE, SIGN):
        add(results, check)
    result = judge(catalog, results, (ORDER, second, PROBE, SIGN))
    assert result.verdict == "NO-GO"
    by_id = {c.id: c for c in result.criteria}
    assert by_id["AC-ORD-01"].status == "no_evidence"
    assert "1 expected check(s) gave no result: '审批订单'" in by_id["AC-ORD-01"].reason
    assert [c.id for c in result.missing] == ["features/orders.feature:9"]
    gate_json = result.to_json()
    assert gate_json["missing"][0]["check"] == "features/orders.feature:9"
    assert gate_json["checks"][MISSING] == 1
    assert "审批订单" in checks_text(result)


def test_results_removed_down_to_one_per_criterion_are_missing(
    catalog: Catalog, results: Results
) -> None:
    library = [
        ExpectedCheck(f"features/orders.feature:{n}", f"订单 {n}", "uat", ("AC-ORD-01",), "f")
        for n in range(3, 30, 3)
    ]
    add(results, library[0])  # the one passing result left of nine
    add(results, PROBE)
    add(results, SIGN)
    result = judge(catalog, results, (*library, PROBE, SIGN))
    assert result.verdict == "NO-GO"
    assert len(result.missing) == 8


def test_an_outline_must_give_a_result_per_example_row(catalog: Catalog, results: Results) -> None:
    outline = ExpectedCheck(
        "features/o.feature:4", "超长输入", "uat", ("AC-ORD-01",), "o:4", runs=3
    )
    add(results, outline, history="row-1")
    add(results, outline, history="row-2")
    add(results, PROBE)
    add(results, SIGN)
    result = judge(catalog, results, (outline, PROBE, SIGN))
    assert result.verdict == "NO-GO"
    (missing,) = result.missing
    assert "1 of its 3 example rows" in missing.message


def test_a_failed_check_without_a_criterion_is_no_go(catalog: Catalog, results: Results) -> None:
    for check in (ORDER, PROBE, SIGN):
        add(results, check)
    add(results, UNTAGGED, "failed", message="应当看到报表，但页面是空的")
    result = judge(catalog, results, (ORDER, PROBE, SIGN, UNTAGGED))
    assert {c.status for c in result.criteria} == {"passed"}
    assert result.verdict == "NO-GO"
    assert [e.name for e in result.unattributed] == ["导出报表"]
    assert "导出报表" in checks_text(result)
    assert result.to_json()["unattributed"][0]["status"] == "failed"


@pytest.mark.parametrize("status", ["broken", "skipped", "unknown"])
def test_an_untagged_check_that_did_not_pass_is_no_go(
    catalog: Catalog, results: Results, status: str
) -> None:
    for check in (ORDER, PROBE, SIGN):
        add(results, check)
    add(results, UNTAGGED, status)
    assert judge(catalog, results, (ORDER, PROBE, SIGN, UNTAGGED)).verdict == "NO-GO"


def test_a_passing_untagged_check_does_not_block(catalog: Catalog, results: Results) -> None:
    for check in (ORDER, PROBE, SIGN, UNTAGGED):
        add(results, check)
    result = judge(catalog, results, (ORDER, PROBE, SIGN, UNTAGGED))
    assert result.verdict == "GO"
    assert result.untraced == ("导出报表",)


def test_a_missing_untagged_check_is_no_go(catalog: Catalog, results: Results) -> None:
    for check in (ORDER, PROBE, SIGN):
        add(results, check)
    assert judge(catalog, results, (ORDER, PROBE, SIGN, UNTAGGED)).verdict == "NO-GO"


def test_a_waiver_lets_a_missing_check_of_its_criterion_pass(
    catalog: Catalog, results: Results
) -> None:
    add(results, PROBE)
    add(results, SIGN)
    waiver = Waiver("AC-ORD-01", "王经理", "known crash, fix in 2.1", TODAY, ("pilot",))
    approvals = Approvals(waivers=(waiver,), signoffs=signed().signoffs)
    result = judge(catalog, results, (ORDER, PROBE, SIGN), approvals=approvals)
    assert {c.id: c.status for c in result.criteria}["AC-ORD-01"] == "waived"
    assert result.verdict == "GO"


def test_a_target_that_stopped_answering_is_said_once_as_environment(
    catalog: Catalog, results: Results, tmp_path: Path
) -> None:
    add(results, SIGN)  # ended before the target died
    last = dt.datetime.fromtimestamp(results.clock / 1000 + 0.5).astimezone()
    stopped = last + dt.timedelta(seconds=1)
    add(results, ORDER, "failed", message="net::ERR_CONNECTION_REFUSED at http://127.0.0.1:1/")
    result = judge(catalog, results, (ORDER, PROBE, SIGN), outage=Outage(last, stopped))
    assert result.verdict == "NO-GO"
    assert result.environment.startswith(
        f"{ENVIRONMENT}: the target stopped answering at {stopped:%H:%M:%S} after 1 scenario"
    )
    by_id = {c.id: c for c in result.criteria}
    # not a product failure: unproven, and no raw browser error in the reason
    assert by_id["AC-ORD-01"].status == "no_evidence"
    assert "ERR_CONNECTION_REFUSED" not in by_id["AC-ORD-01"].reason
    assert ENVIRONMENT in by_id["AC-ORD-01"].reason
    assert by_id["AC-BIZ-01"].status == "passed"
    (order,) = [e for e in by_id["AC-ORD-01"].evidence]
    assert order.category == ENVIRONMENT
    text = checks_text(result)
    assert "2 check(s) broke or did not run: environment broken" in text  # failed, missing
    assert "ERR_CONNECTION_REFUSED" not in text
    files = write_gate(result, catalog, tmp_path / "reports")
    page = files.html.read_text("utf-8")
    assert "stopped answering" in page
    assert "ERR_CONNECTION_REFUSED" not in page.split("<section")[1]
    gate_json = json.loads(files.json.read_text("utf-8"))
    assert gate_json["environment"] == result.environment
    assert gate_json["run_id"] == "20261201-140200-abcd"
    assert gate_json["at"]


def test_gate_files_name_missing_checks_and_the_run(
    catalog: Catalog, results: Results, tmp_path: Path
) -> None:
    add(results, PROBE)
    add(results, SIGN)
    result = judge(catalog, results, (ORDER, PROBE, SIGN))
    files = write_gate(result, catalog, tmp_path / "reports")
    assert "features/orders.feature:3" in files.html.read_text("utf-8")
    markdown = files.markdown.read_text("utf-8")
    assert "20261201-140200-abcd" in markdown
    assert "features/orders.feature:3" in markdown
    cases = ET.parse(files.junit).getroot().iter("testcase")  # noqa: S314  # our own file
    assert any("features/orders.feature:3" in (c.get("name") or "") for c in cases)


def test_the_library_says_what_each_suite_and_phase_selects(tmp_path: Path) -> None:
    features = tmp_path / "features"
    features.mkdir()
    (features / "a.feature").write_text(
        "Feature: A\n"
        "  @AC-ORD-01\n"
        "  Scenario: plain\n    Given x\n\n"
        "  @AC-ORD-01\n"
        "  Scenario Outline: rows\n    Given <n>\n"
        "    Examples:\n      | n |\n      | 1 |\n      | 2 |\n\n"
        "  @load @pilot @AC-PERF-01\n"
        "  Scenario: pilot load\n    When load\n\n"
        "  @load @full @AC-PERF-03\n"
        "  Scenario: full load\n    When load\n\n"
        "  @security @AC-SEC-01\n"
        "  Scenario: probe\n    When probe\n",
        encoding="utf-8",
    )
    library = read_library(features)
    uat = expected_checks(library, ("uat",), "pilot", tmp_path)
    assert [(e.id, e.runs) for e in uat] == [
        ("features/a.feature:3", 1),
        ("features/a.feature:7", 2),
    ]
    pilot = expected_checks(library, ("load", "security"), "pilot", tmp_path)
    assert [e.name for e in pilot] == ["pilot load", "probe"]
    assert [e.name for e in expected_checks(library, ("load",), "full", tmp_path)] == ["full load"]


def test_a_missing_check_of_a_criterion_not_required_in_the_phase_does_not_block(
    catalog: Catalog, results: Results
) -> None:
    later = ExpectedCheck("features/o.feature:9", "负载下下单", "uat", ("AC-ORD-02",), "o:9")
    for check in (ORDER, PROBE, SIGN):
        add(results, check)
    result = judge(catalog, results, (ORDER, PROBE, SIGN, later))  # AC-ORD-02: rollout on
    assert result.verdict == "GO"
    assert [c.name for c in result.missing] == ["负载下下单"]  # still named


def test_an_outage_that_broke_no_check_is_said_but_leaves_the_evidence(
    catalog: Catalog, results: Results
) -> None:
    for check in (ORDER, PROBE, SIGN):
        add(results, check)
    last = dt.datetime.fromtimestamp(results.clock / 1000 + 1).astimezone()
    result = judge(catalog, results, (ORDER, PROBE, SIGN), outage=Outage(last, last))
    assert result.verdict == "GO"
    assert "stopped answering" in result.environment


def test_tags_on_an_examples_table_select_only_its_rows(tmp_path: Path) -> None:
    features = tmp_path / "features"
    features.mkdir()
    (features / "load.feature").write_text(
        "Feature: L\n"
        "  @load @AC-PERF-01\n"
        "  Scenario Outline: load <n>\n    When <n>\n"
        "    @pilot\n    Examples:\n      | n |\n      | 1 |\n"
        "    @full\n    Examples:\n      | n |\n      | 2 |\n      | 3 |\n",
        encoding="utf-8",
    )
    library = read_library(features)
    assert [e.runs for e in expected_checks(library, ("load",), "pilot", tmp_path)] == [1]
    assert [e.runs for e in expected_checks(library, ("load",), "full", tmp_path)] == [2]
    assert expected_checks(library, ("load",), "rollout", tmp_path) == ()


def test_two_scenarios_of_one_name_in_a_file_are_bad_input(tmp_path: Path) -> None:
    features = tmp_path / "features"
    features.mkdir()
    (features / "rules.feature").write_text(
        "Feature: R\n  Rule: a\n    Scenario: same\n      Given x\n"
        "  Rule: b\n    Scenario: same\n      Given y\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match=r"rules.feature:6: scenario 'same' has the same name"):
        read_library(features)
