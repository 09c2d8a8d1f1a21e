"""acceptance.yaml: the shipped catalog loads, and each bad catalog is located and explained."""

from __future__ import annotations

from pathlib import Path

import pytest

from golive.cli.main import main
from golive.errors import ConfigError
from golive.inputs.catalog import load_catalog

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "catalog"

NOT_A_DATE = "is not a date; write it as YYYY-MM-DD, e.g. 2026-12-31"

# file -> (line, what the message must say)
BAD = {
    "not_a_mapping.yaml": (1, "the catalog must be a mapping"),
    "unknown_top_key.yaml": (2, "critera: unknown key (did you mean 'criteria'?)"),
    "invalid_yaml.yaml": (5, "not valid YAML"),
    "duplicate_yaml_key.yaml": (14, "criteria[0].phases: duplicate key (first at line 13)"),
    "duplicate_id.yaml": (15, "criteria[1].id: duplicate id 'AC-ORD-01'"),
    "unknown_phase.yaml": (
        13,
        "criteria[0].phases[1]: 'rolout' is not valid (did you mean "
        "'rollout'?); valid: pilot, rollout, full",
    ),
    "unknown_goal.yaml": (12, "unknown goal 'G-OD' (did you mean 'G-ORD'?)"),
    "title_without_text.yaml": (11, "criteria[0].title: needs a text in zh-CN or en"),
    "unknown_language.yaml": (
        1,
        "language: 'fr' is not a language golive speaks; valid: zh-CN, en",
    ),
    "bad_id.yaml": (10, "'ORDER-1' is not a valid id; write it like AC-ORD-01"),
    "unknown_evidence_kind.yaml": (14, "'perf' is not valid; valid: uat, load, security, signoff"),
    "two_limits.yaml": (16, "needs exactly one of max, min, max_ratio, min_ratio; found max, min"),
    "ratio_without_baseline.yaml": (16, "compare with a baseline run"),
    "unknown_metric.yaml": (16, "'p95ms' is not valid (did you mean 'p95_ms'?)"),
    "thresholds_without_load.yaml": (15, "add 'load' to this criterion's evidence"),
    "missing_phases.yaml": (10, "criteria[0].phases: is required (a list)"),
    "bad_deadline.yaml": (7, "goals[0].deadline: 'next spring' is not a date"),
    "deadline_impossible_day.yaml": (8, f"goals[0].deadline: '2026-02-29' {NOT_A_DATE}"),
    "deadline_datetime.yaml": (8, f"goals[0].deadline: '2027-03-31 23:59:59' {NOT_A_DATE}"),
    "deadline_wrong_form.yaml": (8, f"goals[0].deadline: '03/31/2027' {NOT_A_DATE}"),
    "deadline_number.yaml": (8, f"goals[0].deadline: 2027 {NOT_A_DATE}"),
    "no_criteria.yaml": (9, "no criteria: the gate would have nothing to decide"),
    "unknown_criterion_key.yaml": (15, "priorty: unknown key (did you mean 'priority'?)"),
    "bad_freshness.yaml": (
        15,
        "criteria[0].fresh[1]: 'a week' is not a freshness: write 'version' (evidence from "
        "the platform version being decided) or an age such as 12h, 7d or 2w",
    ),
}


def test_every_bad_catalog_has_a_case() -> None:
    assert sorted(p.name for p in (DATA / "bad").glob("*.yaml")) == sorted(BAD)


@pytest.mark.parametrize(("name", "expected"), sorted(BAD.items()))
def test_bad_catalog_is_located_and_explained(name: str, expected: tuple[int, str]) -> None:
    line, message = expected
    path = DATA / "bad" / name
    with pytest.raises(ConfigError) as info:
        load_catalog(path)
    assert str(info.value).startswith(f"{path}:{line}: ")
    assert message in str(info.value)


def test_good_catalog_loads_into_typed_criteria() -> None:
    catalog = load_catalog(DATA / "good.yaml")
    assert list(catalog.criteria) == ["AC-ORD-01", "AC-ORD-02", "AC-SEC-01", "AC-BIZ-01"]
    order = catalog.criteria["AC-ORD-02"]
    assert order.title.zh == "下单在负载下够快"
    assert order.title.en == "Ordering is fast under load"
    assert order.phases == ("rollout", "full")
    assert order.evidence == ("uat", "load")
    absolute, relative = order.thresholds
    assert (absolute.metric, absolute.limit, absolute.value) == ("p95_ms", "max", 800)
    assert absolute.request == "提交订单"
    assert (relative.limit, relative.value, relative.relative_to) == (
        "max_ratio",
        0.8,
        "baseline-1",
    )
    assert catalog.criteria["AC-SEC-01"].priority == "medium"  # the default
    assert [c.id for c in catalog.required("pilot")] == ["AC-ORD-01", "AC-SEC-01", "AC-BIZ-01"]
    goal = catalog.goals["G-ORD"]
    assert (goal.baseline, goal.target, str(goal.deadline)) == ("30h", "24h", "2027-03-31")


def test_shipped_catalog_loads() -> None:
    catalog = load_catalog(ROOT / "acceptance.yaml")
    assert catalog.required("pilot")


def test_cli_reports_a_bad_catalog_with_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    path = DATA / "bad" / "unknown_phase.yaml"
    assert main(["gate", "--catalog", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"golive: error: {path}:13: ")
    assert "Traceback" not in err


def test_a_catalog_may_give_its_titles_in_one_language() -> None:
    catalog = load_catalog(DATA / "english_only.yaml")
    assert catalog.language == "en"
    login, orders = catalog.criteria.values()
    assert (str(login.title), login.title.get("zh-CN"), login.title.also("en")) == (
        "Every role logs in",
        "Every role logs in",
        "",
    )
    assert orders.title.get("en") == "Orders are saved"


def test_a_catalog_with_both_languages_reads_in_chinese_first() -> None:
    catalog = load_catalog(DATA / "good.yaml")
    assert catalog.language == "zh-CN"
    title = catalog.criteria["AC-ORD-02"].title
    assert (title.get("en"), title.also("en")) == (
        "Ordering is fast under load",
        "下单在负载下够快",
    )
