"""The gate on synthetic Allure results: every status, rerun, waiver and sign-off case."""

from __future__ import annotations

import datetime as dt
import json
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from golive.cli.main import main
from golive.errors import ConfigError
from golive.evidence.records import read_results
from golive.gate.verdict import GateResult, evaluate
from golive.inputs.approvals import (
    Approvals,
    Signoff,
    Waiver,
    add_signoff,
    add_waiver,
    load_approvals,
)
from golive.inputs.catalog import Catalog, load_catalog
from golive.report.outputs import write_gate

DATA = Path(__file__).parent / "data" / "catalog"
TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def catalog() -> Catalog:
    return load_catalog(DATA / "good.yaml")


class Results:
    """Writes Allure result files the way allure-pytest-bdd and golive do."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.clock = 1_700_000_000_000

    def add(
        self,
        name: str,
        status: str | None,
        *tags: str,
        kind: str | None = None,
        history: str | None = None,
        message: str = "",
        labels: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.clock += 1000
        labels = [{"name": "tag", "value": t} for t in tags] + [
            {"name": n, "value": v} for n, v in labels
        ]
        if kind:
            labels.append({"name": "kind", "value": kind})
        data = {
            "name": name,
            "labels": labels,
            "start": self.clock - 500,
            "stop": self.clock,
            "historyId": history or name,
            "uuid": str(uuid.uuid4()),
        }
        if status is not None:
            data["status"] = status
        if message:
            data["statusDetails"] = {"message": message}
        path = self.folder / f"{uuid.uuid4()}-result.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def results(tmp_path: Path) -> Results:
    return Results(tmp_path / "allure-results")


def gate(
    catalog: Catalog,
    results: Results,
    phase: str = "pilot",
    approvals: Approvals | None = None,
    lang: str | None = "en",
) -> GateResult:
    """The gate, saying its reasons in English (``lang=None``: in the catalog's language)."""
    return evaluate(
        catalog,
        read_results(results.folder),
        phase=phase,
        target="sandbox",
        approvals=approvals,
        today=TODAY,
        lang=lang,
    )


def statuses(result: GateResult) -> dict[str, str]:
    return {c.id: c.status for c in result.criteria}


def all_pilot_evidence(results: Results) -> None:
    results.add("下单", "passed", "AC-ORD-01")
    results.add("SQL 注入探测", "passed", "AC-SEC-01", kind="security")
    results.add("签字场景", "passed", "AC-BIZ-01")


def signed(phase: str = "pilot") -> Approvals:
    return Approvals(signoffs=(Signoff("AC-BIZ-01", "李总", TODAY, phase),))


def test_everything_proven_is_go(catalog: Catalog, results: Results) -> None:
    all_pilot_evidence(results)
    result = gate(catalog, results, approvals=signed())
    assert result.verdict == "GO"
    assert statuses(result) == {"AC-ORD-01": "passed", "AC-SEC-01": "passed", "AC-BIZ-01": "passed"}
    assert result.summary() == {"passed": 3, "failed": 0, "no_evidence": 0, "waived": 0}


def test_only_criteria_required_in_the_phase_are_judged(catalog: Catalog, results: Results) -> None:
    all_pilot_evidence(results)
    # AC-ORD-02 is required from rollout on; AC-BIZ-01 only in pilot
    assert set(statuses(gate(catalog, results, approvals=signed()))) == {
        "AC-ORD-01",
        "AC-SEC-01",
        "AC-BIZ-01",
    }
    rollout = gate(catalog, results, phase="rollout")
    assert set(statuses(rollout)) == {"AC-ORD-01", "AC-ORD-02", "AC-SEC-01"}
    assert statuses(rollout)["AC-ORD-02"] == "no_evidence"
    assert rollout.verdict == "NO-GO"


def test_missing_evidence_is_no_evidence_and_no_go(catalog: Catalog, results: Results) -> None:
    results.add("下单", "passed", "AC-ORD-01")
    result = gate(catalog, results, approvals=signed())
    assert statuses(result)["AC-SEC-01"] == "no_evidence"
    by_id = {c.id: c for c in result.criteria}
    assert by_id["AC-SEC-01"].reason == "no security evidence"
    assert result.verdict == "NO-GO"


def test_a_check_with_nothing_to_judge_leaves_its_criterion_without_evidence(
    catalog: Catalog, results: Results
) -> None:
    all_pilot_evidence(results)
    results.add(
        "静态分析",
        "skipped",
        "AC-SEC-01",
        kind="security",
        history="static",
        message="target staging names no source",
        labels=(("evidence", "none"),),
    )
    by_id = {c.id: c for c in gate(catalog, results, approvals=signed()).criteria}
    # the probe passed, so security evidence exists; the no-source scan takes nothing away
    assert by_id["AC-SEC-01"].status == "passed"
    assert "had nothing to judge: target staging names no source" in by_id["AC-SEC-01"].notes[0]


def test_nothing_but_a_check_with_nothing_to_judge_is_no_evidence(
    catalog: Catalog, results: Results
) -> None:
    results.add("下单", "passed", "AC-ORD-01")
    labels = (("evidence", "none"),)
    results.add(
        "静态分析", "skipped", "AC-SEC-01", kind="security", message="no source", labels=labels
    )
    by_id = {c.id: c for c in gate(catalog, results, approvals=signed()).criteria}
    assert by_id["AC-SEC-01"].status == "no_evidence"
    assert by_id["AC-SEC-01"].reason == "no security evidence (no source)"
    # the label means nothing on a failure: a failed check always counts
    results.add("静态分析", "failed", "AC-SEC-01", kind="security", message="B608", labels=labels)
    by_id = {c.id: c for c in gate(catalog, results, approvals=signed()).criteria}
    assert by_id["AC-SEC-01"].status == "failed"


def test_a_missing_kind_of_evidence_is_not_a_pass(catalog: Catalog, results: Results) -> None:
    results.add("下单", "passed", "AC-ORD-01", "AC-ORD-02")  # uat only; AC-ORD-02 needs load
    results.add("SQL", "passed", "AC-SEC-01", kind="security")
    by_id = {c.id: c for c in gate(catalog, results, phase="rollout").criteria}
    assert by_id["AC-ORD-02"].status == "no_evidence"
    assert by_id["AC-ORD-02"].reason == "no load evidence"


@pytest.mark.parametrize(
    ("status", "said"),
    [
        ("failed", "failed: 订单数不对"),
        ("broken", "broke (the check itself crashed)"),
        ("skipped", "was skipped"),
        ("unknown", "has an unknown outcome"),
        (None, "has an unknown outcome"),
        ("exploded", "has an unknown outcome"),
    ],
)
def test_anything_but_passed_fails_the_criterion(
    catalog: Catalog, results: Results, status: str | None, said: str
) -> None:
    all_pilot_evidence(results)
    results.add("重复提交", status, "AC-ORD-01", message="订单数不对")
    result = gate(catalog, results, approvals=signed())
    by_id = {c.id: c for c in result.criteria}
    assert by_id["AC-ORD-01"].status == "failed"
    assert f"uat check '重复提交' {said}" in by_id["AC-ORD-01"].reason
    assert result.verdict == "NO-GO"


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("failed", "passed", "passed"),
        ("passed", "failed", "failed"),
        ("broken", "passed", "passed"),
        ("passed", "skipped", "failed"),
    ],
)
def test_the_newest_result_of_a_rerun_counts(
    catalog: Catalog, results: Results, first: str, then: str, expected: str
) -> None:
    all_pilot_evidence(results)
    results.add("下单 attempt", first, "AC-ORD-01", history="order-1")
    results.add("下单 attempt", then, "AC-ORD-01", history="order-1")
    assert statuses(gate(catalog, results, approvals=signed()))["AC-ORD-01"] == expected


def test_a_valid_waiver_turns_a_failure_into_waived(catalog: Catalog, results: Results) -> None:
    all_pilot_evidence(results)
    results.add("SQL", "failed", "AC-SEC-01", kind="security", message="注入成功")
    waiver = Waiver("AC-SEC-01", "王总 (CIO)", "试点仅限内网", until=TODAY)
    result = gate(
        catalog, results, approvals=Approvals(waivers=(waiver,), signoffs=signed().signoffs)
    )
    by_id = {c.id: c for c in result.criteria}
    assert by_id["AC-SEC-01"].status == "waived"
    assert "王总 (CIO)" in by_id["AC-SEC-01"].reason
    assert "failed (security check 'SQL' failed: 注入成功)" in by_id["AC-SEC-01"].notes
    assert result.verdict == "GO"


def test_an_expired_waiver_is_ignored_and_said(catalog: Catalog, results: Results) -> None:
    all_pilot_evidence(results)
    results.add("SQL", "failed", "AC-SEC-01", kind="security")
    waiver = Waiver("AC-SEC-01", "王总", "临时", until=TODAY - dt.timedelta(days=1))
    result = gate(
        catalog, results, approvals=Approvals(waivers=(waiver,), signoffs=signed().signoffs)
    )
    sec = {c.id: c for c in result.criteria}["AC-SEC-01"]
    assert sec.status == "failed"
    assert "waiver by 王总 expired on 2026-11-24: ignored" in sec.notes
    assert result.verdict == "NO-GO"


def test_a_waiver_for_another_phase_does_not_apply(catalog: Catalog, results: Results) -> None:
    all_pilot_evidence(results)
    results.add("SQL", "failed", "AC-SEC-01", kind="security")
    waiver = Waiver("AC-SEC-01", "王总", "只在全面推广时接受", until=TODAY, phases=("full",))
    result = gate(
        catalog, results, approvals=Approvals(waivers=(waiver,), signoffs=signed().signoffs)
    )
    assert statuses(result)["AC-SEC-01"] == "failed"


def test_a_waiver_also_covers_missing_evidence(catalog: Catalog, results: Results) -> None:
    results.add("下单", "passed", "AC-ORD-01")
    results.add("签字场景", "passed", "AC-BIZ-01")
    waiver = Waiver("AC-SEC-01", "王总", "扫描下周补做", until=TODAY)
    result = gate(
        catalog, results, approvals=Approvals(waivers=(waiver,), signoffs=signed().signoffs)
    )
    assert statuses(result)["AC-SEC-01"] == "waived"
    assert result.verdict == "GO"


@pytest.mark.parametrize(
    ("signoffs", "expected"),
    [
        ((), "no_evidence"),
        ((Signoff("AC-BIZ-01", "李总", TODAY, "rollout"),), "no_evidence"),
        ((Signoff("AC-BIZ-01", "李总", TODAY, "pilot"),), "passed"),
    ],
)
def test_sign_off_is_needed_for_the_phase(
    catalog: Catalog, results: Results, signoffs: tuple[Signoff, ...], expected: str
) -> None:
    all_pilot_evidence(results)
    biz = {
        c.id: c for c in gate(catalog, results, approvals=Approvals(signoffs=signoffs)).criteria
    }["AC-BIZ-01"]
    assert biz.status == expected
    if expected == "no_evidence":
        assert biz.reason == "no business sign-off for this phase"
    else:
        assert biz.notes == ("signed off for pilot by 李总 on 2026-11-25",)


def test_an_unknown_criterion_tag_is_an_error(catalog: Catalog, results: Results) -> None:
    all_pilot_evidence(results)
    results.add("下单", "passed", "AC-ORD-1")
    with pytest.raises(
        ConfigError,
        match=r"names criterion 'AC-ORD-1', which good.yaml does "
        r"not define \(did you mean 'AC-ORD-01'\?\)",
    ) as raised:
        gate(catalog, results, approvals=signed())
    # located: the result file that names it
    assert raised.value.path is not None
    assert raised.value.path.parent == results.folder
    assert raised.value.path.name.endswith("-result.json")


def test_checks_without_a_criterion_are_listed(catalog: Catalog, results: Results) -> None:
    all_pilot_evidence(results)
    results.add("冒烟", "passed", "smoke")
    assert gate(catalog, results, approvals=signed()).untraced == ("冒烟",)


def test_a_broken_suite_makes_the_verdict_no_go(catalog: Catalog, results: Results) -> None:
    all_pilot_evidence(results)
    result = evaluate(
        catalog,
        read_results(results.folder),
        phase="pilot",
        target="sandbox",
        approvals=signed(),
        today=TODAY,
        suite_errors=["load: locust crashed"],
    )
    assert result.verdict == "NO-GO"
    assert result.to_json()["suite_errors"] == ["load: locust crashed"]


def test_a_corrupt_result_file_is_bad_input(catalog: Catalog, results: Results) -> None:
    (results.folder / "x-result.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"x-result\.json: not a readable Allure result"):
        read_results(results.folder)


def test_an_unreadable_results_folder_is_bad_input(
    results: Results, monkeypatch: pytest.MonkeyPatch
) -> None:
    # an unreadable folder is not an empty one (whose every expected check would be
    # missing); the refusal is made by hand, as root, who may run these, reads any folder
    def refused(path: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("golive.evidence.records.os.scandir", refused)
    with pytest.raises(ConfigError, match=r"allure-results cannot be read \(Permission denied\)"):
        read_results(results.folder)


def test_outputs_follow_the_contract(catalog: Catalog, results: Results, tmp_path: Path) -> None:
    results.add("下单", "failed", "AC-ORD-01", message="没有看到订单号")
    results.add("SQL", "passed", "AC-SEC-01", kind="security")
    result = gate(catalog, results, lang=None)  # the catalog's language: zh-CN
    files = write_gate(result, catalog, tmp_path / "reports")
    data = json.loads(files.json.read_text("utf-8"))
    assert data["phase"] == "pilot"
    assert data["target"] == "sandbox"
    assert data["verdict"] == "NO-GO"
    assert data["summary"] == {"passed": 1, "failed": 1, "no_evidence": 1, "waived": 0}
    order = data["criteria"][0]
    assert order["id"] == "AC-ORD-01"
    assert order["title"] == "销售可以下单"
    assert order["status"] == "failed"
    assert order["evidence"] == [
        {"name": "下单", "kind": "uat", "status": "failed", "message": "没有看到订单号"}
    ]
    assert order["reason"] == 'UAT检查"下单"未通过：没有看到订单号'
    assert data["criteria"][2]["reason"] == "缺少UAT证据、缺少本阶段的业务签字"
    suite = ET.fromstring(files.junit.read_bytes()).find("testsuite")  # noqa: S314
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures")) == ("3", "2")
    comment = files.markdown.read_text("utf-8")
    assert comment.startswith("## golive 上线关卡：pilot 阶段，目标 sandbox：⛔ NO-GO\n")
    assert "| AC-ORD-01 销售可以下单 | ✗ 未通过 |" in comment
    page = files.html.read_text("utf-8")
    assert page.index("NO-GO") < page.index("AC-ORD-01")  # the verdict comes first
    assert "没有看到订单号" in page
    assert '<html lang="zh-CN">' in page and "2 条验收标准阻止上线" in page
    for english in ("block go-live", "evidence</th>", "decided", "passed)"):
        assert english not in page


def test_html_escapes_what_checks_report(
    catalog: Catalog, results: Results, tmp_path: Path
) -> None:
    results.add("<script>alert(1)</script>", "failed", "AC-ORD-01", message="<b>x</b>")
    files = write_gate(gate(catalog, results), catalog, tmp_path)
    page = files.html.read_text("utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_waive_and_signoff_commands_write_approvals(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "golive.toml"
    config.write_text(
        f'[golive]\ncatalog = "{DATA / "good.yaml"}"\n[targets.sandbox]\nsandbox = true\n',
        encoding="utf-8",
    )
    assert (
        main(
            [
                "--config",
                str(config),
                "waive",
                "AC-SEC-01",
                "--by",
                "王总",
                "--reason",
                "内网试点",
                "--until",
                "2026-12-31",
                "--phase",
                "pilot",
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "--config",
                str(config),
                "signoff",
                "AC-BIZ-01",
                "--by",
                "李总",
                "--phase",
                "pilot",
                "--on",
                "2026-11-20",
            ]
        )
        == 0
    )
    approvals = load_approvals(tmp_path / "approvals.yaml", load_catalog(DATA / "good.yaml"))
    assert approvals.waivers == (
        Waiver("AC-SEC-01", "王总", "内网试点", dt.date(2026, 12, 31), ("pilot",)),
    )
    assert approvals.signoffs == (Signoff("AC-BIZ-01", "李总", dt.date(2026, 11, 20), "pilot"),)
    out = capsys.readouterr().out  # in the catalog's language
    assert "豁免 AC-SEC-01（pilot），有效期至 2026-12-31（由 王总 接受风险）" in out
    assert "李总 已于 2026-11-20 签字确认 AC-BIZ-01（pilot 阶段）" in out
    assert (
        main(
            [
                "--config",
                str(config),
                "waive",
                "AC-SEC-1",
                "--by",
                "x",
                "--reason",
                "y",
                "--until",
                "2026-12-31",
            ]
        )
        == 2
    )
    assert "unknown criterion 'AC-SEC-1' (did you mean 'AC-SEC-01'?)" in capsys.readouterr().err


def test_approvals_with_an_unknown_criterion_are_located(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "approvals.yaml"
    path.write_text(
        "waivers:\n  - criterion: AC-SEC-02\n    accepted_by: x\n    reason: y\n"
        "    until: 2026-12-31\n",
        encoding="utf-8",
    )
    with pytest.raises(
        ConfigError,
        match=r"approvals.yaml:2: waivers\[0\].criterion: unknown "
        r"criterion 'AC-SEC-02' \(did you mean 'AC-SEC-01'\?\)",
    ):
        load_approvals(path, catalog)


def test_add_refuses_a_broken_file(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "approvals.yaml"
    path.write_text("waivers: [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"not valid YAML"):
        add_signoff(path, catalog, Signoff("AC-BIZ-01", "李总", TODAY, "pilot"))
    with pytest.raises(ConfigError, match=r"not valid YAML"):
        add_waiver(path, catalog, Waiver("AC-SEC-01", "王总", "r", TODAY))


def test_the_page_lists_every_problem_but_not_every_pass(
    catalog: Catalog, results: Results, tmp_path: Path
) -> None:
    for n in range(30):
        results.add(f"下单 {n}", "passed", "AC-ORD-01")
    results.add("下单 坏", "failed", "AC-ORD-01", message="没有订单号")
    page = write_gate(gate(catalog, results), catalog, tmp_path).html.read_text("utf-8")
    assert "下单 坏" in page
    assert "… and 10 more passed" in page
    assert page.count("uat: 下单 ") == 21
