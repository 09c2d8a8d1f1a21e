"""Manual UAT results: recorded by people for the @manual scenarios, judged by the gate
beside the automated ones, stale when the platform version changes or they grow old."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

CATALOG = """\
language: zh-CN
goals:
  - id: G-FIN
    title: 月末结账在新平台上完成
    metric: closes done on the platform
    baseline: 0
    target: 1
    deadline: 2027-03-31
    owner: 财务总监
criteria:
  - id: AC-FIN-01
    title: 财务人员在新平台上完成月末结账
    goal: G-FIN
    phases: [pilot]
    evidence: [manual]
"""

FEATURE = """\
# language: zh-CN
功能: 月末结账
  @AC-FIN-01 @manual
  场景: 财务人员完成月末结账
    假如 我以"财务"身份登录
    当 我完成本月的月末结账
    那么 总账和明细账一致

  场景: 浏览器跑的场景
    假如 我以"财务"身份登录
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "golive.toml").write_text(
        '[targets.erp]\nbase_url = "http://127.0.0.1:9"\n[manual]\nmax_age_days = 30\n', "utf-8"
    )
    (tmp_path / "acceptance.yaml").write_text(CATALOG, "utf-8")
    (tmp_path / "features").mkdir()
    (tmp_path / "features" / "close.feature").write_text(FEATURE, "utf-8")
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "close.png").write_bytes(b"\x89PNG a screenshot of the ledger")
    return tmp_path


def golive(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "golive", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def record(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return golive(
        project,
        "manual",
        "record",
        "财务人员完成月末结账",
        "--result",
        "passed",
        "--by",
        "王芳（财务主管）",
        "--version",
        "2.4.1",
        *extra,
    )


def gate_on(project: Path, version: str) -> tuple[subprocess.CompletedProcess[str], dict]:
    """``golive gate`` on a run that saw ``version`` of the platform and ran only UAT."""
    results = project / "reports" / "allure-results"
    results.mkdir(parents=True, exist_ok=True)
    facts = {"run": "r1", "phase": "pilot", "suites": "uat", "platform version": version}
    (project / "reports" / "run.json").write_text(json.dumps(facts), "utf-8")
    done = golive(project, "gate", "--suite", "uat")
    return done, json.loads((project / "reports" / "gate.json").read_text("utf-8"))


def fin(gate: dict) -> dict:
    return next(c for c in gate["criteria"] if c["id"] == "AC-FIN-01")


def test_a_recorded_result_is_manual_evidence(project: Path) -> None:
    done = record(project, "--evidence", "evidence/close.png", "--note", "总账一致")
    assert done.returncode == 0, done.stderr
    assert (
        "已记录：“财务人员完成月末结账” 通过，验收人 王芳（财务主管），平台版本 2.4.1"
        in done.stdout
    )
    (entry,) = yaml.safe_load((project / "manual-results.yaml").read_text("utf-8"))["results"]
    assert entry["feature"] == "features/close.feature"
    assert entry["evidence"] == "evidence/close.png"
    assert len(entry["evidence_sha256"]) == 64
    assert entry["at"].tzinfo is not None  # YAML reads the time with its zone
    done, gate = gate_on(project, "2.4.1")
    assert fin(gate)["evidence"] == [
        {
            "name": "财务人员完成月末结账",
            "kind": "manual",
            "status": "passed",
            "message": "总账一致",
        }
    ]
    assert fin(gate)["status"] == "passed"
    written = [
        json.loads(p.read_text("utf-8"))
        for p in (project / "reports" / "allure-results").glob("manual-*-result.json")
    ]
    (result,) = written
    labels = {lb["name"]: lb["value"] for lb in result["labels"]}
    assert labels["kind"] == "manual" and labels["platform_version"] == "2.4.1"
    assert labels["check"] == "features/close.feature:4"
    assert result["attachments"][0]["type"] == "image/png"
    listed = golive(project, "manual", "list")
    assert "有效  财务人员完成月末结账" in listed.stdout


def test_a_result_from_another_version_is_stale(project: Path) -> None:
    assert record(project).returncode == 0
    done, gate = gate_on(project, "2.5.0")
    assert done.returncode == 1
    assert fin(gate)["status"] == "no_evidence"
    assert "它针对平台版本 2.4.1，而平台现在是 2.5.0" in fin(gate)["reason"]
    assert fin(gate)["evidence"][0]["status"] == "stale"
    listed = golive(project, "manual", "list", "--version", "2.5.0")
    assert "已过期 (它针对平台版本 2.4.1，而平台现在是 2.5.0)" in listed.stdout


def test_an_old_result_is_stale(project: Path) -> None:
    assert record(project).returncode == 0
    path = project / "manual-results.yaml"
    old = (dt.datetime.now().astimezone() - dt.timedelta(days=31)).isoformat(timespec="seconds")
    data = yaml.safe_load(path.read_text("utf-8"))
    data["results"][0]["at"] = old
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    _, gate = gate_on(project, "2.4.1")
    assert fin(gate)["status"] == "no_evidence"
    assert "天前，而该标准只接受 30 天内的证据" in fin(gate)["reason"]


def test_no_record_is_missing_evidence(project: Path) -> None:
    done, gate = gate_on(project, "2.4.1")
    assert done.returncode == 1
    assert fin(gate)["status"] == "no_evidence"
    assert "golive manual record" not in done.stderr
    assert golive(project, "manual", "list").stdout.startswith("未记录  财务人员完成月末结账")


def test_a_failed_result_fails_the_criterion(project: Path) -> None:
    done = golive(
        project,
        "manual",
        "record",
        "features/close.feature:4",
        "--result",
        "failed",
        "--by",
        "王芳",
        "--version",
        "2.4.1",
        "--note",
        "明细账少了一笔",
    )
    assert done.returncode == 0, done.stderr
    _, gate = gate_on(project, "2.4.1")
    assert fin(gate)["status"] == "failed"
    assert "明细账少了一笔" in fin(gate)["reason"]


def test_changed_evidence_breaks_the_result(project: Path) -> None:
    assert record(project, "--evidence", "evidence/close.png").returncode == 0
    (project / "evidence" / "close.png").write_bytes(b"\x89PNG another picture")
    _, gate = gate_on(project, "2.4.1")
    assert fin(gate)["status"] == "failed"
    assert "证据文件 evidence/close.png 在记录之后被修改过" in fin(gate)["reason"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("浏览器跑的场景",), "is not tagged @manual: the browser runs it"),
        (
            ("财务人员完成月末节账",),
            "no @manual scenario named '财务人员完成月末节账' (did you mean",
        ),
        (
            ("财务人员完成月末结账", "--evidence", "/etc/hostname"),
            "keep evidence files in the project",
        ),
    ],
)
def test_bad_records_are_refused(project: Path, args: tuple[str, ...], message: str) -> None:
    done = golive(
        project, "manual", "record", *args, "--result", "passed", "--by", "王芳", "--version", "1"
    )
    assert done.returncode == 2
    assert message in done.stderr
    assert not (project / "manual-results.yaml").exists()


def test_a_broken_results_file_is_located(project: Path) -> None:
    (project / "manual-results.yaml").write_text(
        "results:\n  - feature: features/close.feature\n    scenario: x\n    by: 王芳\n"
        "    result: ok\n    at: 2026-12-05T10:00:00+08:00\n    platform_version: 1\n"
        f"    scenario_sha256: {'a' * 64}\n",
        "utf-8",
    )
    done = golive(project, "manual", "list")
    assert done.returncode == 2
    assert "manual-results.yaml:5: results[0].result: 'ok' is not" in done.stderr


def test_lint_takes_manual_steps_as_prose(project: Path) -> None:
    """A person follows a @manual scenario's steps: no step definition is needed (the only
    finding is the other scenario's missing criterion tag)."""
    done = golive(project, "lint")
    assert done.returncode == 1
    assert "close.feature:9: 场景 '浏览器跑的场景' 没有关联任何验收标准" in done.stdout
    assert "1 个问题" in done.stdout


def edit_record(project: Path, **changes: object) -> None:
    """Change the first record of manual-results.yaml by hand, as a person could."""
    path = project / "manual-results.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["results"][0].update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")


def test_a_changed_scenario_is_not_the_one_tried(project: Path) -> None:
    assert record(project).returncode == 0
    feature = project / "features" / "close.feature"
    feature.write_text(
        feature.read_text("utf-8").replace("总账和明细账一致", "总账、明细账和报表一致"), "utf-8"
    )
    _, gate = gate_on(project, "2.4.1")
    assert fin(gate)["status"] == "no_evidence"
    assert "这个场景的步骤或标签改过了" in fin(gate)["reason"]
    assert "步骤或标签改过了" in golive(project, "manual", "list").stdout


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"at": "2099-01-01T00:00:00+08:00"}, "is in the future"),
        ({"evidence": "../../etc/passwd", "evidence_sha256": "0" * 64}, "is not a file of the"),
        ({"evidence": "evidence/close.png", "evidence_sha256": ""}, "evidence_sha256: is required"),
        ({"scenario_sha256": "changed"}, "scenario_sha256: is not a SHA-256"),
    ],
)
def test_a_record_edited_by_hand_is_checked(project: Path, changes: dict, message: str) -> None:
    assert record(project).returncode == 0
    edit_record(project, **changes)
    done = golive(project, "manual", "list")
    assert done.returncode == 2
    assert message in done.stderr


def test_a_blank_name_is_refused_before_it_is_written(project: Path) -> None:
    done = golive(
        project, "manual", "record", "财务人员完成月末结账", "--result", "passed",
        "--by", " ", "--version", "2.4.1",
    )  # fmt: skip
    assert done.returncode == 2
    assert not (project / "manual-results.yaml").exists()


def test_a_manual_scenario_counts_only_in_its_phases(project: Path) -> None:
    feature = project / "features" / "close.feature"
    feature.write_text(
        feature.read_text("utf-8").replace("@AC-FIN-01 @manual", "@AC-FIN-01 @manual @rollout"),
        "utf-8",
    )
    done = golive(
        project, "manual", "record", "财务人员完成月末结账", "--result", "failed",
        "--by", "王芳", "--version", "2.4.1",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    _, gate = gate_on(project, "2.4.1")  # a pilot gate: the rollout's scenario is not asked
    assert not list((project / "reports" / "allure-results").glob("manual-*-result.json"))
    assert fin(gate)["status"] == "no_evidence"  # pilot has nothing to prove AC-FIN-01


def test_results_from_elsewhere_are_judged_not_written_into(
    project: Path, tmp_path_factory
) -> None:
    assert record(project).returncode == 0
    artifact = tmp_path_factory.mktemp("artifact") / "allure-results"
    artifact.mkdir()
    done = golive(project, "gate", "--suite", "uat", "--results", str(artifact))
    assert done.returncode == 1
    assert list(artifact.iterdir()) == []
    assert not (project / "reports" / "evidence-manifest.json").exists()
