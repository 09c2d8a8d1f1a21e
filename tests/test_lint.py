"""golive lint on throwaway projects: each kind of finding, located, and a clean project."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

CATALOG = """\
goals:
  - id: G-SHOP
    title: {zh-CN: 购物, en: Shopping}
    metric: baskets
    baseline: 0
    target: 10
    deadline: 2027-01-31
    owner: 店长
criteria:
  - id: AC-SHOP-01
    title: {zh-CN: 篮子, en: Basket}
    goal: G-SHOP
    phases: [pilot]
    evidence: [uat]
  - id: AC-SHOP-02
    title: {zh-CN: 结账, en: Checkout}
    goal: G-SHOP
    phases: [pilot]
    evidence: [uat]
"""

STEPS = """\
from pytest_bdd import given, parsers, then

@given(parsers.parse("a basket with {n:d} apples"), target_fixture="basket")
def basket(n):
    return n

@then(parsers.parse("the basket has {n:d} apples"))
def count(basket, n):
    assert basket == n
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "golive.toml").write_text("[targets.sandbox]\nsandbox = true\n", "utf-8")
    (tmp_path / "acceptance.yaml").write_text(CATALOG, "utf-8")
    (tmp_path / "conftest.py").write_text(STEPS, "utf-8")
    (tmp_path / "features").mkdir()
    return tmp_path


def lint(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "golive", "lint"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def feature(project: Path, name: str, text: str) -> Path:
    path = project / "features" / name
    path.write_text(text, "utf-8")
    return path


def test_a_clean_project_passes(project: Path) -> None:
    feature(
        project,
        "basket.feature",
        """\
@AC-SHOP-01 @AC-SHOP-02
Feature: Basket
  Scenario Outline: Apples stay
    Given a basket with <n> apples
    Then the basket has <n> apples

    Examples:
      | n |
      | 1 |
""",
    )
    result = lint(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "lint：没有问题" in result.stdout  # the catalog's language, zh-CN


def test_each_finding_is_located(project: Path) -> None:
    path = feature(
        project,
        "basket.feature",
        """\
Feature: Basket
  @AC-SHOP-01
  Scenario: A step nobody wrote
    Given a basket with 1 apples
    Then the apples are polished

  Scenario: No criterion
    Given a basket with 1 apples

  @AC-SHOP-2
  Scenario: A criterion that does not exist
    Given a basket with 1 apples

  @AC-SHOP-01
  Scenario: A step with a typo
    Given a basket with 1 apples
    Then the basket has 1 apple
""",
    )
    result = lint(project)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert f'{path}:5: no step definition matches Then "the apples are polished" (then)' in lines
    assert (
        f"{path}:7: scenario 'No criterion' names no acceptance criterion: tag it with "
        f"the @AC-... it proves"
    ) in lines
    assert (
        f"{path}:11: tag @AC-SHOP-2 is not a criterion of acceptance.yaml (did you mean "
        f"'AC-SHOP-02'?)"
    ) in lines
    assert any(
        "验收标准 AC-SHOP-02 需要 UAT 证据，但没有场景标记 @AC-SHOP-02" in line  # the catalog's
        for line in lines
    )
    assert (
        f'{path}:17: no step definition matches Then "the basket has 1 apple" (then) '
        f"(did you mean 'the basket has {{n:d}} apples'?)"
    ) in lines
    assert "5 个问题" in result.stdout


def test_a_chinese_scenario_hears_its_findings_in_chinese(project: Path) -> None:
    path = feature(
        project,
        "basket_zh.feature",
        """\
# language: zh-CN
功能: 购物篮
  @AC-SHOP-01
  场景: 没人写过的步骤
    假如 购物篮里的苹果被擦亮了

  场景: 没有验收标准
    假如 购物篮里的苹果被擦亮了
""",
    )
    result = lint(project)
    lines = result.stdout.splitlines()
    assert f'{path}:5: 没有步骤定义能匹配 假如 "购物篮里的苹果被擦亮了"（given）' in lines
    assert (
        f"{path}:7: 场景 '没有验收标准' 没有关联任何验收标准：给它标上它所证明的 @AC-..." in lines
    )


def test_broken_gherkin_is_bad_input(project: Path) -> None:
    path = feature(
        project, "broken.feature", "Feature: x\n  Scenario: a\n    Given y\n Scenari b\n"
    )
    result = lint(project)
    assert result.returncode == 2
    assert f"{path}:4: not valid Gherkin" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_shipped_library_is_clean() -> None:
    root = Path(__file__).resolve().parents[1]
    result = lint(root)
    assert result.returncode == 0, result.stdout + result.stderr
