"""golive report: the Allure HTML built by the real Allure tool, opened in real Chromium."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from scenario_runs import ROOT, golive, run_features

from golive.config import load_config
from golive.report import ci_facts
from golive.target import open_target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("golive.toml", "acceptance.yaml"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "features").mkdir()
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    return tmp_path


def test_report_shows_criteria_and_chinese_steps(
    project: Path, tmp_path: Path, chromium: Browser
) -> None:
    results = project / "reports" / "allure-results"
    with open_target(load_config(ROOT / "golive.toml").target("sandbox")) as running:
        run = run_features(
            running, ["features/abnormal/duplicate.feature"], tmp_path, "--alluredir", str(results)
        )
    assert run.returncode == 0, run.output[-2000:]
    result = golive(project, "report")
    assert result.returncode == 0, result.stderr
    single = project / "reports" / "allure-report" / "single" / "index.html"
    assert single.is_file()
    assert (project / "reports" / "allure-report" / "awesome" / "index.html").is_file()
    with chromium.new_context(viewport={"width": 1400, "height": 1000}) as context:
        page = context.new_page()
        page.goto(single.as_uri())  # one file, opened from disk
        page.get_by_text("G-ORDER 订单处理时间缩短 20%").click()
        page.get_by_text("AC-ORD-02 重复提交（双击、重发）只产生一张订单").click()
        page.get_by_text('双击"提交订单"只产生一张订单').first.click()
        page.get_by_text('双击"提交订单"只产生一张订单').nth(1).click()  # the scenario itself
        page.get_by_text('而且 我双击"提交订单"').first.wait_for()
        page.screenshot(path=str(ROOT / "reports" / "report-scenario.png"), full_page=True)


def test_report_without_results_is_bad_input(project: Path) -> None:
    result = golive(project, "report")
    assert result.returncode == 2
    assert "no Allure results in" in result.stderr


def test_report_without_the_allure_tool_says_how_to_get_it(project: Path) -> None:
    (project / "node_modules").unlink()
    (project / "reports" / "allure-results").mkdir(parents=True)
    (project / "reports" / "allure-results" / "x-result.json").write_text(
        '{"name": "x", "status": "passed"}', encoding="utf-8"
    )
    result = golive(project, "report")
    assert result.returncode == 2
    assert "run scripts/setup.sh" in result.stderr


def test_ci_facts_name_and_link_the_build() -> None:
    facts = ci_facts(
        {
            "GITHUB_RUN_ID": "42",
            "GITHUB_SERVER_URL": "https://github.com",
            "GITHUB_REPOSITORY": "acme/crm",
        }
    )
    assert facts == {
        "CI GitHub Actions run": "42",
        "CI link": "https://github.com/acme/crm/actions/runs/42",
    }
    assert ci_facts({"CI_PIPELINE_ID": "7", "CI_JOB_URL": "https://gitlab/x/-/jobs/9"}) == {
        "CI GitLab pipeline": "7",
        "CI link": "https://gitlab/x/-/jobs/9",
    }
    assert ci_facts({}) == {}
