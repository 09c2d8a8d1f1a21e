"""The pytest plugin end to end with pytester: throwaway features, real pytest-bdd."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

STEPS = """
from pytest_bdd import given, parsers, then

@given(parsers.parse("a basket with {n:d} apples"), target_fixture="basket")
def basket(n):
    return {"apples": n}

@then(parsers.parse("the basket has {n:d} apples"))
def count(basket, n):
    assert basket["apples"] == n, f"the basket has {basket['apples']} apples, not {n}"
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(STEPS)
    pytester.makeini("[pytest]\naddopts = --strict-markers -p no:cacheprovider\n")
    return pytester


def test_feature_files_are_collected_and_run(project: pytest.Pytester) -> None:
    project.makefile(
        ".feature",
        basket="""\
            @AC-SHOP-01
            Feature: Basket
              Scenario: Apples stay in the basket
                Given a basket with 3 apples
                Then the basket has 3 apples

              Scenario: Apples do not multiply
                Given a basket with 3 apples
                Then the basket has 4 apples
            """,
    )
    result = project.runpytest_subprocess("-v")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*basket.feature::test_apples_stay_in_the_basket PASSED*",
            "*basket.feature::test_apples_do_not_multiply FAILED*",
            "*the basket has 3 apples, not 4*",
        ]
    )


def test_chinese_feature_runs_with_its_tags_as_markers(project: pytest.Pytester) -> None:
    project.makeconftest(
        STEPS.replace("a basket with", "篮子里有")
        .replace("the basket has {n:d} apples", "篮子里还有 {n:d} 个苹果")
        .replace("{n:d} apples", "{n:d} 个苹果")
    )
    project.makefile(
        ".feature",
        篮子="""\
            # language: zh-CN
            @AC-SHOP-02 @冒烟
            功能: 篮子
              场景: 苹果留在篮子里
                假如 篮子里有 2 个苹果
                那么 篮子里还有 2 个苹果
            """,
    )
    result = project.runpytest_subprocess("-v", "-m", "AC-SHOP-02")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*篮子.feature::test_苹果留在篮子里 PASSED*"])


def test_undefined_step_fails_the_scenario(project: pytest.Pytester) -> None:
    project.makefile(
        ".feature",
        basket="""\
            Feature: Basket
              Scenario: A step nobody wrote
                Given a basket with 3 apples
                Then the apples are polished
            """,
    )
    result = project.runpytest_subprocess()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*StepDefinitionNotFoundError*the apples are polished*"])


def test_broken_feature_is_a_located_collection_error(project: pytest.Pytester) -> None:
    project.makefile(
        ".feature", broken="Feature: Broken\n  Scenario: one\n    Given x\n Scenari two\n"
    )
    result = project.runpytest_subprocess()
    assert result.ret == pytest.ExitCode.INTERRUPTED
    result.stdout.fnmatch_lines(["*broken.feature:4: not valid Gherkin: (4:2)*got 'Scenari two'"])
    result.stdout.no_fnmatch_line("*Traceback*")


def test_scenario_without_steps_is_not_a_pass(project: pytest.Pytester) -> None:
    # "Gven" is no keyword: Gherkin reads the line as description and the scenario
    # would check nothing
    project.makefile(".feature", typo="Feature: Typo\n  Scenario: checks nothing\n    Gven x\n")
    result = project.runpytest_subprocess()
    assert result.ret == pytest.ExitCode.INTERRUPTED
    result.stdout.fnmatch_lines(["*typo.feature:2: scenario 'checks nothing' has no steps*"])


def test_outcomes_file_records_every_scenario(
    project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the outcome recorder of golive's own tests (tests/outcome_recorder.py)
    monkeypatch.setenv("PYTHONPATH", str(Path(__file__).parent))
    project.makefile(
        ".feature",
        basket="""\
            Feature: Basket
              Scenario: Good
                Given a basket with 1 apples
                Then the basket has 1 apples

              Scenario: Bad
                Given a basket with 1 apples
                Then the basket has 2 apples
            """,
    )
    out = project.path / "out" / "outcomes.json"
    project.runpytest_subprocess("-p", "outcome_recorder", f"--outcomes={out}")
    rows = {row["nodeid"].split("::")[-1]: row for row in json.loads(out.read_text("utf-8"))}
    assert rows["test_good"]["status"] == "passed"
    assert rows["test_bad"]["status"] == "failed"
    assert "the basket has 1 apples, not 2" in rows["test_bad"]["message"]


def test_feature_collection_can_be_switched_off(project: pytest.Pytester) -> None:
    project.makeini("[pytest]\ngolive_features = false\n")
    project.makefile(".feature", basket="Feature: Basket\n  Scenario: s\n    Given x\n")
    result = project.runpytest_subprocess()
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED


def test_load_scenarios_run_only_when_asked_for(project: pytest.Pytester) -> None:
    project.makefile(
        ".feature",
        basket="""\
            @AC-SHOP-01
            Feature: Basket
              Scenario: Apples stay in the basket
                Given a basket with 3 apples
                Then the basket has 3 apples

              @load @pilot
              Scenario: A thousand shoppers
                Given a basket with 1000 apples
                Then the basket has 1000 apples
            """,
    )
    plain = project.runpytest_subprocess("-v")
    plain.assert_outcomes(passed=1, deselected=1)
    plain.stdout.fnmatch_lines(['*golive: 1 load scenario(s) left out; run them with -m "load*'])
    asked = project.runpytest_subprocess("-v", "-m", "load and pilot")
    asked.assert_outcomes(passed=1, deselected=1)
    asked.stdout.fnmatch_lines(["*test_a_thousand_shoppers PASSED*"])


def test_every_result_records_what_it_ran_against(project: pytest.Pytester) -> None:
    """The version and commit golive run hands over label each result (freshness); a
    @manual scenario is left out: a person tries it."""
    project.makefile(
        ".feature",
        basket="""\
            @AC-SHOP-01
            Feature: Basket
              Scenario: Apples stay in the basket
                Given a basket with 3 apples
                Then the basket has 3 apples

              @manual
              Scenario: A person counts the apples by hand
                Given a basket with 3 apples
                Then the basket has 3 apples
            """,
    )
    folder = project.path / "results"
    result = project.runpytest_subprocess(
        f"--alluredir={folder}", "--golive-platform-version=2.4.1", "--golive-commit=abc123"
    )
    result.assert_outcomes(passed=1, deselected=1)
    result.stdout.fnmatch_lines(["*1 manual scenario(s) left out*golive manual record*"])
    (written,) = [json.loads(p.read_text("utf-8")) for p in folder.glob("*-result.json")]
    labels = {lb["name"]: lb["value"] for lb in written["labels"]}
    assert labels["platform_version"] == "2.4.1"
    assert labels["commit"] == "abc123"
