"""golive report: the Allure HTML built by the real Allure tool, opened in real Chromium."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from scenario_runs import ROOT, golive, run_features

from golive.evidence.writer import Check, write_checks
from golive.inputs.catalog import load_catalog
from golive.inputs.config import load_config
from golive.report.build import ci_facts
from golive.run.target import open_target


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
        # the report asks for an analytics script: keep the test off the network entirely
        context.route(re.compile(r"^https?://"), lambda route: route.abort())
        page = context.new_page()
        page.goto(single.as_uri())  # one file, opened from disk
        goal = page.get_by_text("G-ORDER 订单处理时间缩短 20%")
        try:
            # the single file unpacks its data in the page first: allow a slow machine
            goal.wait_for(timeout=90_000)
        except PlaywrightTimeoutError:
            page.screenshot(path=str(ROOT / "reports" / "report-not-rendered.png"))
            shown = page.inner_text("body")[:1500]
            pytest.fail(f"the report did not show the goal; it showed:\n{shown}")
        goal.click()
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
    assert "run `npm install allure` in" in result.stderr


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


def test_what_did_not_pass_is_sorted_into_categories_beside_the_gate_page(
    project: Path,
) -> None:
    results = project / "reports" / "allure-results"
    write_checks(
        results,
        [
            Check("注入", "failed", "security", ("AC-SEC-02",), "a", message="SQL injection in q"),
            Check("提交订单太慢", "failed", "load", ("AC-PERF-01",), "b", message="实测 1200 毫秒"),
            Check(
                "负载中断",
                "broken",
                "load",
                ("AC-PERF-01",),
                "c",
                message="the target stopped answering during the pilot load",
            ),
            Check("双击两张订单", "failed", "uat", ("AC-ORD-02",), "d", message="应当只有一张订单"),
            Check("步骤出错", "broken", "uat", ("AC-ORD-02",), "e", message="KeyError: 'x'"),
        ],
        load_catalog(project / "acceptance.yaml"),
    )
    (project / "reports" / "gate.html").write_text("<p>GO 门禁页</p>", encoding="utf-8")
    assert golive(project, "report").returncode == 0
    attachments = project / "reports" / "allure-report" / "awesome" / "data" / "attachments"
    assert any("GO 门禁页" in p.read_text("utf-8") for p in attachments.glob("*.html"))
    widget = project / "reports" / "allure-report" / "awesome" / "widgets" / "categories.json"
    tree = json.loads(widget.read_text("utf-8"))
    nodes = tree["nodes"]

    def tests_under(node_id: str) -> set[str]:
        node = nodes[node_id]
        if node["type"] == "tr":
            return {node["name"]}
        return set().union(*(tests_under(c) for c in node.get("childrenIds", [])))

    categories = {nodes[r]["name"]: tests_under(r) for r in tree["roots"]}
    assert categories == {
        "环境问题 Environment broken": {"负载中断"},
        "安全发现 Security finding": {"注入"},
        "性能退化 Performance regression": {"提交订单太慢"},
        "产品缺陷 Product defect": {"双击两张订单"},
        "测试缺陷 Test defect": {"步骤出错"},
    }
