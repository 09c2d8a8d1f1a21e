"""golive run end to end: the sandbox started, the scenarios in Chromium, the gate, reports/.

These are the README's main command, checked: GO and exit 0 on the clean sandbox; with a
fault, NO-GO and exit 1, and gate.json names the criterion that caught it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from scenario_runs import golive
from secret_search import find_secrets

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the shipped project, so a run writes its reports/ there."""
    # sandbox/: the source the security suite's static analysis reads (golive.toml source)
    for name in ("features", "steps", "fixtures", "perf", "security", "sandbox"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("conftest.py", "golive.toml", "acceptance.yaml"):
        shutil.copy(ROOT / name, tmp_path / name)
    # the Allure tool, so the run builds the HTML report that is searched for secrets too
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    return tmp_path


SECRETS = {
    f"GOLIVE_SANDBOX_{user.upper()}_PASSWORD": f"Secret-{user}-7f3a9c"
    for user in ("admin", "manager", "sales", "sales2", "viewer")
}


def test_clean_sandbox_is_go(project: Path) -> None:
    result = golive(project, "run", env={**os.environ, **SECRETS})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    gate = json.loads((project / "reports" / "gate.json").read_text("utf-8"))
    assert gate["verdict"] == "GO"
    assert gate["phase"] == "pilot"
    assert gate["target"] == "sandbox"
    assert {c["status"] for c in gate["criteria"]} == {"passed"}
    assert gate["summary"]["passed"] == len(gate["criteria"]) >= 8
    assert "pilot 阶段，目标 sandbox：GO；" in result.stdout  # the catalog speaks zh-CN
    for name in ("gate.html", "gate.md", "junit.xml", "run.json"):
        assert (project / "reports" / name).is_file()
    assert gate["missing"] == [] and gate["unattributed"] == [] and gate["environment"] == ""
    # every scenario the pilot selects gave its results: UAT (outlines once per row),
    # security and the pilot load, in both languages
    assert gate["checks"]["passed"] >= 58 + 18 + 2
    assert gate["checks"]["missing"] == 0
    assert (project / "reports" / "allure-report" / "single" / "index.html").is_file()
    assert list((project / "reports" / "load").rglob("locust.html"))
    kinds = {c["id"][:6] for c in gate["criteria"]}
    assert {"AC-PER", "AC-SEC"} <= kinds  # load and security evidence joined the gate
    assert list((project / "reports" / "allure-results").glob("*-result.json"))
    history = golive(project, "history")
    assert "GO" in history.stdout
    # the passwords reached the browser, the API, Locust and the probes, never a file
    # under reports/, not even base64-encoded in the single-file report or inside a zip;
    # nor did a bearer token or a session cookie's value
    found = find_secrets(project / "reports", SECRETS, patterns=[TOKEN])
    assert found == [], "\n".join(found)


TOKEN = re.compile(rb"Bearer [A-Za-z0-9_\-.]{16,}|sandbox_session=[A-Za-z0-9_\-.]{16,}")


def test_faults_from_the_variable_and_the_flag_are_no_go_and_name_the_criteria(
    project: Path,
) -> None:
    # GOLIVE_SANDBOX_FAULTS switches faults on as the contract says, merged with --fault
    env = {**os.environ, **SECRETS, "GOLIVE_SANDBOX_FAULTS": "idor"}
    result = golive(project, "run", "--fault", "duplicate_submit", "--suite", "uat", env=env)
    assert result.returncode == 1, result.stdout[-3000:] + result.stderr[-2000:]
    assert "故障开关 duplicate_submit, idor" in result.stdout
    gate = json.loads((project / "reports" / "gate.json").read_text("utf-8"))
    assert gate["verdict"] == "NO-GO"
    failed = {c["id"]: c for c in gate["criteria"] if c["status"] == "failed"}
    # duplicate_submit fails the double click (AC-ORD-02), the retry after a lost answer
    # (AC-ORD-03) and the resend's 200 for the same order (AC-STATE-01); idor AC-ROLE-01
    assert set(failed) == {"AC-ROLE-01", "AC-ORD-02", "AC-ORD-03", "AC-STATE-01"}
    assert "查看另一名销售的客户" in failed["AC-ROLE-01"]["reason"]
    assert "pilot 阶段，目标 sandbox：NO-GO；" in result.stdout
    # failed scenarios attach screenshots and trace zips: no secret inside them either
    results = project / "reports" / "allure-results"
    assert [p for p in results.iterdir() if p.read_bytes()[:4] == b"PK\x03\x04"]
    found = find_secrets(project / "reports", SECRETS, patterns=[TOKEN])
    assert found == [], "\n".join(found)


def short_pilot(project: Path, seconds: int = 20) -> None:
    """Shorten the pilot shape of the project's golive.toml, for a quicker run."""
    config = project / "golive.toml"
    text = config.read_text(encoding="utf-8")
    pilot = text.index("[load.shapes.pilot]")
    end = text.index("seconds = 60", pilot)
    config.write_text(text[:end] + f"seconds = {seconds}" + text[end + 12 :], encoding="utf-8")


def test_slow_orders_fail_the_latency_criterion(project: Path) -> None:
    short_pilot(project)
    result = golive(project, "run", "--suite", "load", "--fault", "slow_orders")
    assert result.returncode == 1, result.stdout[-3000:] + result.stderr[-2000:]
    gate = json.loads((project / "reports" / "gate.json").read_text("utf-8"))
    statuses = {c["id"]: c for c in gate["criteria"]}
    assert statuses["AC-PERF-01"]["status"] == "failed"
    assert '95% 的"提交订单"请求在 800 毫秒内完成' in statuses["AC-PERF-01"]["reason"]
    assert "load pilot:" in result.stdout  # progress while it ran
    # the evidence: one result per threshold, the chart and Locust's report beside them
    results = project / "reports" / "allure-results"
    names = [json.loads(p.read_text("utf-8"))["name"] for p in results.glob("*-result.json")]
    assert '95% 的"提交订单"请求在 800 毫秒内完成' in names
    assert list(results.glob("*.svg")) and list(results.glob("*.html"))
    history = json.loads((project / "reports" / "load" / "measurements.json").read_text("utf-8"))
    assert history["p95_ms 提交订单 @pilot"] > 800


BAD_FEATURES = [
    ("Feature: x\n  Scenario: a\n    Given y\n Scenari b\n", "broken.feature:4: not valid Gherkin"),
    (
        'Feature: x\n  @AC-ORD-1\n  Scenario: a\n    Given I see "x"\n',
        "broken.feature:3: scenario 'a' is tagged @AC-ORD-1, which acceptance.yaml does not "
        "define (did you mean 'AC-ORD-01'?)",
    ),
    (
        "Feature: x\n  @AC-ORD-01\n  Scenario: a\n    Given the moon is full\n",
        'broken.feature:4: no step definition matches Given "the moon is full"',
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD_FEATURES)
def test_bad_features_stop_the_run_before_anything_starts(
    project: Path, text: str, message: str
) -> None:
    (project / "features" / "broken.feature").write_text(text, encoding="utf-8")
    result = golive(project, "run")
    assert result.returncode == 2, result.stdout[-2000:] + result.stderr[-2000:]
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert "目标 sandbox 在" not in result.stdout  # nothing was started
    assert not (project / "reports" / "gate.json").exists()
