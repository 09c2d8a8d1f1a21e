"""The business-rules table (features/RULES.md): read as written, checked against the
scenarios that carry its ids as tags, each finding located, and golive lint failing on one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from golive.errors import ConfigError
from golive.inputs.catalog import is_criterion_tag
from golive.inputs.library import read_library
from golive.inputs.lint import Finding
from golive.inputs.rules import Rule, is_rule_tag, read_rules, rule_findings

TABLE = """\
# Business rules

Each rule below is proven by the scenarios tagged with its id.

| rule | business rule | proven by |
|---|---|---|
| R-ORD-01 | An order's total is the sum of its lines | computed |
| R-LEAD-STATE-03 | A lead moves new \\| qualified \\| won, never back |

## Not rules

| field | meaning |
|-------|---------|
| R-NOT-01 | a table whose first column is not a rule column |

```
| rule | business rule |
|---|---|
| R-IN-CODE | an example, not a rule |
```

| 规则 | 业务规则 |
| :--- | :--- |
| R-CUS-01 | 客户名称不能为空 |
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def check(features: Path, rules_table: str) -> list[Finding]:
    """The findings on a features folder with its RULES.md, in the catalog language en."""
    rules = read_rules(write(features, "RULES.md", rules_table))
    return sorted(rule_findings(rules, read_library(features), "en"))


def table(*rows: str) -> str:
    return "| rule | business rule |\n|---|---|\n" + "".join(f"{row}\n" for row in rows)


PROVES_ORD_01 = """\
Feature: Orders
  @AC-ORD-01 @R-ORD-01
  Scenario: A total
    Given an order
"""


# -- reading ---------------------------------------------------------------------------


def test_rows_are_read_with_their_lines_and_the_rest_is_ignored(tmp_path: Path) -> None:
    path = write(tmp_path, "RULES.md", TABLE)
    assert read_rules(path) == (
        Rule("R-ORD-01", "An order's total is the sum of its lines", path, 7),
        Rule("R-LEAD-STATE-03", "A lead moves new | qualified | won, never back", path, 8),
        Rule("R-CUS-01", "客户名称不能为空", path, 24),
    )


def test_a_project_without_the_table_has_no_rules(tmp_path: Path) -> None:
    assert read_rules(tmp_path / "RULES.md") == ()
    assert rule_findings((), (), "en") == []


def test_an_unreadable_table_is_located_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "RULES.md"
    path.write_bytes(b"| rule | business rule |\n|---|---|\n| R-ORD-01 | \xff\xfe |\n")
    with pytest.raises(ConfigError, match="cannot read the rules table") as caught:
        read_rules(path)
    assert caught.value.path == path


def test_rule_tags_are_not_criterion_tags() -> None:
    assert is_rule_tag("R-ORD-01")
    assert not is_criterion_tag("R-ORD-01")
    assert not is_rule_tag("AC-ORD-01")
    assert not is_rule_tag("Regression")


# -- the four findings, and a clean table ------------------------------------------------


def test_a_rule_no_scenario_proves_is_a_finding_at_its_row(tmp_path: Path) -> None:
    write(tmp_path, "orders.feature", PROVES_ORD_01)
    findings = check(tmp_path, table("| R-ORD-01 | A total |", "| R-ORD-02 | A discount |"))
    assert [str(f) for f in findings] == [
        f"{tmp_path / 'RULES.md'}:4: rule R-ORD-02 has no scenario that proves it: "
        "tag one with @R-ORD-02"
    ]


def test_a_tag_the_table_does_not_define_is_a_finding_where_it_is_written(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        "orders.feature",
        """\
@R-ORD-1
Feature: Orders
  @R-ORD-01
  Scenario: A total
    Given an order

  @R-SHIP-99
  Scenario: A shipment
    Given an order
""",
    )
    findings = check(tmp_path, table("| R-ORD-01 | A total |"))
    assert [str(f) for f in findings] == [
        # the feature's tag, inherited by both scenarios: one finding, on its line
        f"{path}:1: tag @R-ORD-1 is not a rule of RULES.md (did you mean 'R-ORD-01'?)",
        f"{path}:7: tag @R-SHIP-99 is not a rule of RULES.md",
    ]


def test_a_rule_defined_twice_is_a_finding_at_the_second_row(tmp_path: Path) -> None:
    write(tmp_path, "orders.feature", PROVES_ORD_01)
    findings = check(tmp_path, table("| R-ORD-01 | A total |", "| R-ORD-01 | Another |"))
    assert [str(f) for f in findings] == [
        f"{tmp_path / 'RULES.md'}:4: rule R-ORD-01 is defined twice: first at line 3"
    ]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "| R-ord-2 | A discount |",
            "'R-ord-2' is not a rule id: write it like R-ORD-01 (R-, then parts of capital "
            "letters and digits joined by -)",
        ),
        ("| ORD-02 | A discount |", "'ORD-02' is not a rule id"),
        ("| R-ORD- | A discount |", "'R-ORD-' is not a rule id"),
        ("| `R-ORD-02` | A discount |", "'`R-ORD-02`' is not a rule id"),
        ("|  | A discount |", "'' is not a rule id"),
        (
            "| R-ORD-02 |  |",
            "rule R-ORD-02 has no statement: write the business rule in the second column",
        ),
        ("| R-ORD-02 |", "rule R-ORD-02 has no statement"),
    ],
)
def test_a_malformed_row_is_a_finding_at_its_line(tmp_path: Path, row: str, message: str) -> None:
    # a scenario proves R-ORD-02 where the row defines it, so the row's is the one finding
    tags = "@R-ORD-01 @R-ORD-02" if row.startswith("| R-ORD-02 ") else "@R-ORD-01"
    write(tmp_path, "orders.feature", PROVES_ORD_01.replace("@R-ORD-01", tags))
    findings = check(tmp_path, table("| R-ORD-01 | A total |", row))
    assert len(findings) == 1, findings
    assert (findings[0].path, findings[0].line) == (str(tmp_path / "RULES.md"), 4)
    assert findings[0].message.startswith(message)


def test_rules_proven_by_scenario_feature_rule_and_examples_tags_are_clean(
    tmp_path: Path,
) -> None:
    write(tmp_path, "orders.feature", PROVES_ORD_01)
    write(
        tmp_path,
        "leads.feature",
        """\
@R-LEAD-01
Feature: Leads
  @R-LEAD-STATE-02
  Rule: A lead moves forward
    Scenario Outline: Qualify
      Given a lead <n>

      @R-LEAD-STATE-03
      Examples:
        | n |
        | 1 |
""",
    )
    rules = table(
        "| R-ORD-01 | A total |",
        "| R-LEAD-01 | A lead has an owner |",
        "| R-LEAD-STATE-02 | A lead is qualified before it is won |",
        "| R-LEAD-STATE-03 | A won lead never goes back |",
    )
    assert check(tmp_path, rules) == []


# -- the reader's language -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "rule R-ORD-02 has no scenario that proves it: tag one with @R-ORD-02"),
        ("zh-CN", "业务规则 R-ORD-02 没有场景证明：给证明它的场景标上 @R-ORD-02"),
    ],
)
def test_a_table_finding_is_said_in_the_catalogs_language(
    tmp_path: Path, language: str, message: str
) -> None:
    write(tmp_path, "orders.feature", PROVES_ORD_01)
    rules = read_rules(write(tmp_path, "RULES.md", table("| R-ORD-02 | A discount |")))
    findings = rule_findings(rules, read_library(tmp_path), language)
    assert message in [f.message for f in findings]


def test_a_tag_finding_is_said_in_its_features_language(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "orders.feature",
        """\
# language: zh-CN
功能: 订单
  @R-ORD-1
  场景: 合计
    假如 一个订单
""",
    )
    findings = check(tmp_path, table("| R-ORD-01 | 订单合计 |"))
    assert [str(f) for f in findings] == [
        f"{tmp_path / 'RULES.md'}:3: rule R-ORD-01 has no scenario that proves it: "
        "tag one with @R-ORD-01",  # the table's finding: the catalog's language, en here
        f"{path}:3: 标签 @R-ORD-1 不是 RULES.md 中的业务规则（是不是想写 'R-ORD-01'？）",
    ]


# -- end to end ----------------------------------------------------------------------------

CATALOG = """\
language: en
goals:
  - id: G-ORD
    title: Orders
    metric: orders
    baseline: 0
    target: 10
    deadline: 2027-01-31
    owner: sales
criteria:
  - id: AC-ORD-01
    title: Totals
    goal: G-ORD
    phases: [pilot]
    evidence: [uat]
"""

STEPS = """\
from pytest_bdd import given, parsers, then

@given(parsers.parse("an order of {n:d} items"), target_fixture="order")
def order(n):
    return n

@then(parsers.parse("its total is {n:d}"))
def total(order, n):
    assert order == n
"""

ORDERS = """\
@AC-ORD-01
Feature: Orders
  Scenario Outline: Totals of several orders
    Given an order of <n> items
    Then its total is <n>

    @R-ORD-02
    Examples:
      | n |
      | 3 |

  @R-ORD-01
  Rule: Totals
    Scenario: A total
      Given an order of 2 items
      Then its total is 2
"""


def test_golive_lint_fails_on_a_rules_finding(tmp_path: Path) -> None:
    write(tmp_path, "golive.toml", "[targets.sandbox]\nsandbox = true\n")
    write(tmp_path, "acceptance.yaml", CATALOG)
    write(tmp_path, "conftest.py", STEPS)
    write(tmp_path, "features/orders.feature", ORDERS)
    rules = write(
        tmp_path,
        "features/RULES.md",
        table("| R-ORD-01 | A total |", "| R-ORD-02 | Totals |", "| R-ORD-03 | A discount |"),
    )
    result = subprocess.run(
        [sys.executable, "-m", "golive", "lint"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.splitlines()[:1] == [
        f"{rules}:5: rule R-ORD-03 has no scenario that proves it: tag one with @R-ORD-03"
    ]
    assert "1 finding(s)" in result.stdout


def test_a_rule_tag_is_a_marker_pytest_accepts(pytester: pytest.Pytester) -> None:
    """--strict-markers: a feature's @R-... tags are declared (an undeclared one would be a
    collection error, selected or not), and -m selects by them."""
    pytester.makeconftest(STEPS)
    pytester.makeini("[pytest]\naddopts = --strict-markers -p no:cacheprovider\n")
    pytester.makefile(".feature", orders=ORDERS)
    only = pytester.runpytest_subprocess("-v", "-m", "R-ORD-02")
    only.assert_outcomes(passed=1, deselected=1)
    only.stdout.fnmatch_lines(["*orders.feature::test_totals_of_several_orders*PASSED*"])
