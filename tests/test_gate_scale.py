"""The gate at scale: its work grows in proportion to the results, and gate.html stays light.

No timing here (timings flake on a shared machine; bench/gate_scale.py measures them):
the work is counted, and the page is measured in bytes.
"""

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from test_gate import DATA, TODAY

from golive.errors import ConfigError
from golive.evidence.bulk import collector_paused
from golive.evidence.records import Evidence, read_results
from golive.gate.verdict import GateResult, evaluate
from golive.inputs.catalog import Catalog, load_catalog
from golive.inputs.library import ExpectedCheck
from golive.report.outputs import PASSED_SHOWN, html, write_gate

CRITERIA = (("AC-ORD-01", "uat"), ("AC-SEC-01", "security"), ("AC-BIZ-01", "uat"))
"""good.yaml's criteria required in pilot, and the kind of check that proves each."""


class Counted(str):
    """A check id that counts its comparisons: a loop that scans a list per check (``in``
    on a list, ``==`` in a comprehension) compares it once per element; a dictionary
    lookup, once."""

    compared = 0

    def __eq__(self, other: object) -> bool:
        Counted.compared += 1
        return str.__eq__(self, other) is True

    __hash__ = str.__hash__


def run_of(count: int, ids: type[str] = str) -> tuple[list[Evidence], list[ExpectedCheck]]:
    """``count`` passing results spread over the criteria, each the result of an expected
    check; ``ids`` makes the check ids (the results' and the library's are equal strings,
    not the same object, as when both are read from files)."""
    evidence, expected = [], []
    for n in range(count):
        criterion, kind = CRITERIA[n % len(CRITERIA)]
        check = f"features/scale.feature:{n}"
        evidence.append(
            Evidence(f"场景 {n}", kind, "passed", (criterion,), f"h{n}", n, check=ids(check))
        )
        expected.append(ExpectedCheck(ids(check), f"场景 {n}", kind, (criterion,), check))
    return evidence, expected


def judge(catalog: Catalog, evidence: list[Evidence], expected: list[ExpectedCheck]) -> GateResult:
    return evaluate(
        catalog,
        evidence,
        phase="pilot",
        target="sandbox",
        today=TODAY,
        expected=expected,
        lang="en",
    )


def work(catalog: Catalog, count: int) -> int:
    """Function calls (Python and C) and check-id comparisons made judging ``count``
    results and rendering gate.json's data and gate.html."""
    evidence, expected = run_of(count, ids=Counted)
    calls = 0

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal calls
        calls += 1

    before = sys.getprofile()
    Counted.compared = 0
    sys.setprofile(profile)
    try:
        result = judge(catalog, evidence, expected)
        result.to_json()
        html(result, catalog)
    finally:
        sys.setprofile(before)
    return calls + Counted.compared


def test_the_gates_work_grows_in_proportion_to_the_results() -> None:
    catalog = load_catalog(DATA / "good.yaml")
    work(catalog, 10)  # the page's template is compiled once, on first use
    done = {count: work(catalog, count) for count in (500, 1_000, 2_000)}
    # What one more result costs, past the fixed part (the criteria, the page's frame):
    # the same from 1,000 to 2,000 results as from 500 to 1,000 (27 calls today). A
    # scan of the results per check, the quadratic loop this guards against, doubles it.
    earlier = (done[1_000] - done[500]) / 500
    later = (done[2_000] - done[1_000]) / 1_000
    assert later <= 1.05 * earlier, done


def page_of(folder: Path, passes: int) -> tuple[str, dict[str, Any]]:
    """gate.html and gate.json for ``passes`` passing results and one failure."""
    catalog = load_catalog(DATA / "good.yaml")
    evidence, expected = run_of(passes)
    evidence.append(
        Evidence(
            "下单 <坏>",
            "uat",
            "failed",
            ("AC-ORD-01",),
            "bad",
            passes,
            message="没有看到订单号 <b>",
            check="features/scale.feature:bad",
        )
    )
    expected.append(
        ExpectedCheck("features/scale.feature:bad", "下单 <坏>", "uat", ("AC-ORD-01",), "x")
    )
    files = write_gate(judge(catalog, evidence, expected), catalog, folder)
    return files.html.read_text("utf-8"), json.loads(files.json.read_text("utf-8"))


def test_the_page_shows_the_failure_and_counts_the_passes(tmp_path: Path) -> None:
    page, gate = page_of(tmp_path / "large", 5_000)
    # Listed one by one, 5,000 passes make a 270 KB page (~55 bytes a line). Listed as the
    # page lists them (every problem, PASSED_SHOWN passes per criterion) it is 8 KB: the
    # frame (styles, verdict, counts) 4 KB and 3 x 20 lines. 20 KB leaves room for new
    # wording and styles, and fails once ~200 of the passes (4%) reach the page.
    assert len(page.encode("utf-8")) < 20_000
    assert "下单 &lt;坏&gt;" in page  # the failure, escaped
    assert "没有看到订单号 &lt;b&gt;" in page  # and what it said
    order_passes = len(range(0, 5_000, len(CRITERIA)))
    assert f"… and {order_passes - PASSED_SHOWN} more passed" in page
    collapsed = 5_000 - len(CRITERIA) * PASSED_SHOWN
    assert f"counts the other {collapsed}: gate.json and the Allure report" in page
    # gate.json stays complete: every result is a line of its criterion's evidence
    lines = [e for c in gate["criteria"] for e in c["evidence"]]
    assert len(lines) == 5_001
    assert [e["name"] for e in lines if e["status"] == "failed"] == ["下单 <坏>"]


def test_the_page_does_not_grow_with_the_passes(tmp_path: Path) -> None:
    small, _ = page_of(tmp_path / "small", 500)
    large, _ = page_of(tmp_path / "large", 5_000)
    # the same lines listed; only the counts differ, by a digit each
    assert len(large) - len(small) < 100


def test_every_check_that_did_not_pass_is_listed(tmp_path: Path) -> None:
    catalog = load_catalog(DATA / "good.yaml")
    evidence, expected = run_of(600)
    # 250 checks that gave no result, 250 failures that name no criterion: more than
    # the page used to list of each (200), every one of them listed
    gone = [ExpectedCheck(f"f:{n}", f"无结果 {n}", "uat", ("AC-ORD-01",), "f") for n in range(250)]
    loose = [
        Evidence(f"未关联 {n}", "uat", "failed", (), f"loose {n}", n, message="坏了")
        for n in range(250)
    ]
    result = judge(catalog, evidence + loose, expected + gone)
    page = write_gate(result, catalog, tmp_path).html.read_text("utf-8")
    for n in range(250):
        assert f"无结果 {n} <span" in page  # in the missing checks' section
        assert f"uat: 无结果 {n} (missing)" in page  # and under its criterion
        assert f"uat: 未关联 {n} (failed): 坏了" in page
    assert page.count("(passed)") == len(CRITERIA) * PASSED_SHOWN


def test_the_collector_comes_back_as_it_was(tmp_path: Path) -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            pass
        assert not gc.isenabled()  # a nested pause does not turn it on early
    assert gc.isenabled()
    with pytest.raises(ConfigError, match="no Allure results folder"):
        read_results(tmp_path / "none")  # paused while reading, and an error ends it
    assert gc.isenabled()
    gc.disable()  # a caller that turned it off keeps it off
    try:
        read_results(tmp_path)
        assert not gc.isenabled()
    finally:
        gc.enable()
