"""The UAT library against the sandbox: green when clean, red on each fault it exists for.

Every scenario runs in real Chromium through the generic and CRM steps.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from scenario_runs import ROOT, run_features

from golive.inputs.config import load_config
from golive.run.target import RunningTarget, open_target

SANDBOX = load_config(ROOT / "golive.toml").target("sandbox")

# fault -> (features to run, scenario that must fail, what its message must say)
FAULTS = {
    "duplicate_submit": (
        "features/abnormal/duplicate.feature",
        "双击",
        "应当只有一张订单，实际有 2 张",
    ),
    "offline_data_loss": ("features/abnormal/network.feature", "网络中断", "填写的内容丢失了"),
    "overlong_500": (
        "features/boundaries/length.feature",
        "101",
        '应当出现提示"联系人最多 100 个字符"',
    ),
    "idor": (
        "features/roles/permissions.feature",
        "销售-查看另一名销售的客户",
        '"查看另一名销售的客户"应当被拒绝，实际被允许了',
    ),
    "privilege_escalation": (
        "features/roles/permissions.feature",
        "销售-批准待审批的订单",
        '"批准待审批的订单"应当被拒绝，实际被允许了',
    ),
    # the import lost three customers and altered four: each named, by its legacy code
    "migration_loss": (
        "features/migration/customers.feature",
        "旧系统导出的客户",
        "旧系统的 3 条记录在平台上没有：KH-",
    ),
}


@pytest.fixture(scope="module")
def clean() -> Iterator[RunningTarget]:
    with open_target(SANDBOX) as running:
        yield running


def test_every_scenario_passes_on_the_clean_sandbox(clean: RunningTarget, tmp_path: Path) -> None:
    run = run_features(clean, ["features"], tmp_path, "-n", "2", "-m", "not load and not security")
    assert run.failed() == {}, run.output[-4000:]
    assert len(run.outcomes) >= 50
    assert run.returncode == 0


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_each_fault_fails_a_scenario_in_business_words(fault: str, tmp_path: Path) -> None:
    features, scenario, message = FAULTS[fault]
    with open_target(SANDBOX, faults=[fault]) as running:
        run = run_features(running, [features], tmp_path)
    failed = {k: v for k, v in run.failed().items() if scenario in k}
    assert failed, f"no scenario matching {scenario!r} failed with {fault}:\n{run.output[-3000:]}"
    for text in failed.values():
        assert message in text
        assert "Traceback" not in text
        assert "Locator" not in text  # the reader sees what the page said, not a selector


def test_a_failure_attaches_screenshot_and_trace_without_the_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = "Zebra-Secret-9931"
    monkeypatch.setenv("GOLIVE_SANDBOX_SALES_PASSWORD", secret)
    results = tmp_path / "allure-results"
    with open_target(SANDBOX, faults=["offline_data_loss"]) as running:
        run = run_features(
            running, ["features/abnormal/network.feature"], tmp_path, "--alluredir", str(results)
        )
    assert run.failed()
    failed = [json.loads(p.read_text("utf-8")) for p in results.glob("*-result.json")]
    attachments = [
        a
        for r in failed
        if r["status"] == "failed"
        for a in r.get("attachments", [])
        + [x for s in r["steps"] for x in s.get("attachments", [])]
    ]
    assert any(a.get("type") == "image/png" for a in attachments)
    assert any(a["source"].endswith(".zip") for a in attachments)
    for path in results.iterdir():
        data = path.read_bytes()
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as trace:
                data = b"".join(trace.read(name) for name in trace.namelist())
        assert secret.encode() not in data, f"the password leaked into {path.name}"
        assert b"sandbox_session=" not in data, f"a session cookie leaked into {path.name}"
