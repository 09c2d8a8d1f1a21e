"""The traceability matrix and the scenario library it reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from golive.cli.main import main
from golive.errors import ConfigError
from golive.gate.traceability import build_matrix
from golive.inputs.catalog import load_catalog
from golive.inputs.library import parse_feature, read_library

DATA = Path(__file__).parent / "data" / "catalog"

FEATURE = """\
# language: zh-CN
@AC-ORD-01
功能: 下单
  场景: 销售下单
    假如 我以"销售"身份登录
    当 我点击"新建订单"
    而且 我点击"提交订单"
    那么 我看到"订单已提交"

  @security @AC-SEC-01
  场景大纲: 搜索不受注入影响
    当 我搜索"<词>"
    那么 我看到"没有找到"

    @AC-ORD-02
    例子:
      | 词 |
      | ' OR 1=1 |

  场景: 未关联标准的场景
    假如 我以"销售"身份登录
"""


@pytest.fixture
def features(tmp_path: Path) -> Path:
    folder = tmp_path / "features"
    folder.mkdir()
    (folder / "orders.feature").write_text(FEATURE, encoding="utf-8")
    return folder


def test_library_locates_scenarios_with_inherited_tags(features: Path) -> None:
    first, outline, plain = read_library(features)
    assert (first.name, first.line, first.criteria, first.kind) == (
        "销售下单",
        4,
        ("AC-ORD-01",),
        "uat",
    )
    assert [(s.type, s.text, s.line) for s in first.steps] == [
        ("given", '我以"销售"身份登录', 5),
        ("when", '我点击"新建订单"', 6),
        ("when", '我点击"提交订单"', 7),
        ("then", '我看到"订单已提交"', 8),
    ]
    # feature, scenario and examples tags all count
    assert outline.criteria == ("AC-ORD-01", "AC-ORD-02", "AC-SEC-01")
    assert outline.kind == "security"
    assert plain.criteria == ("AC-ORD-01",)


def test_matrix_maps_criteria_to_checks(features: Path) -> None:
    catalog = load_catalog(DATA / "good.yaml")
    matrix = build_matrix(catalog, read_library(features), {"AC-ORD-01": "failed"})
    rows = {r.criterion.id: r for r in matrix.rows}
    assert [s.name for s in rows["AC-ORD-01"].scenarios] == [
        "销售下单",
        "搜索不受注入影响",
        "未关联标准的场景",
    ]
    assert rows["AC-ORD-01"].last_status == "failed"
    assert rows["AC-ORD-02"].missing_kinds == ("uat", "load")  # only a security check
    assert rows["AC-SEC-01"].last_status is None
    assert rows["AC-BIZ-01"].unproven  # it needs uat besides the sign-off
    assert rows["AC-BIZ-01"].missing_kinds == ("uat",)
    assert matrix.untagged == ()


def test_a_sign_off_only_criterion_needs_no_check(tmp_path: Path) -> None:
    catalog = load_catalog(Path(__file__).resolve().parents[1] / "acceptance.yaml")
    rows = {r.criterion.id: r for r in build_matrix(catalog, ()).rows}
    assert rows["AC-BIZ-01"].criterion.evidence == ("signoff",)
    assert not rows["AC-BIZ-01"].unproven
    assert rows["AC-ORD-01"].unproven


def test_an_unknown_criterion_tag_is_located(tmp_path: Path) -> None:
    (tmp_path / "x.feature").write_text(
        "Feature: x\n  @AC-ORD-1\n  Scenario: typo\n    Given y\n", encoding="utf-8"
    )
    catalog = load_catalog(DATA / "good.yaml")
    with pytest.raises(ConfigError) as info:
        build_matrix(catalog, read_library(tmp_path))
    assert str(info.value) == (
        f"{tmp_path / 'x.feature'}:3: scenario 'typo' is tagged @AC-ORD-1, which good.yaml "
        f"does not define (did you mean 'AC-ORD-01'?)"
    )


def test_broken_gherkin_is_located(tmp_path: Path) -> None:
    path = tmp_path / "bad.feature"
    path.write_text("Feature: x\n  Scenario: a\n    Given y\n  Scenari: b\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.feature:4: not valid Gherkin"):
        parse_feature(path)


def test_criteria_command_shows_the_matrix_and_writes_a_page(
    features: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = features.parent / "golive.toml"
    config.write_text(
        f'[golive]\ncatalog = "{DATA / "good.yaml"}"\n[targets.sandbox]\nsandbox = true\n',
        encoding="utf-8",
    )
    (features / "smoke.feature").write_text(
        "Feature: s\n  Scenario: untagged\n    Given y\n", encoding="utf-8"
    )
    assert main(["--config", str(config), "criteria"]) == 0
    out = capsys.readouterr().out
    assert "AC-ORD-01  销售可以下单" in out
    assert "AC-ORD-02  下单在负载下够快" in out
    assert "⚠ 缺少UAT检查、缺少性能检查" in out  # the catalog's language
    assert "untagged  (" in out
    page = (features.parent / "reports" / "criteria.html").read_text("utf-8")
    assert "销售下单" in page
    assert main(["--config", str(config), "--lang", "en", "criteria"]) == 0
    out = capsys.readouterr().out
    assert "⚠ no uat check, no load check" in out
    assert "AC-ORD-01  Sales can place an order  [pilot, rollout, full; needs uat]" in out
