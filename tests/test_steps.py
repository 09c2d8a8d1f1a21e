"""The generic web and API steps on throwaway features, against the clean sandbox.

Each step is used once where it must pass and, for the checks, once where it must fail
with a message a business reader understands.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from scenario_runs import ROOT, Run, run_features

from golive.inputs.config import load_config
from golive.run.target import RunningTarget, open_target

PASSING = """\
# language: zh-CN
功能: 通用步骤
  场景: 页面、表单和提示
    假如 我以"销售"身份登录
    而且 我记下"线索转化率"
    当 我进入"线索"页面
    那么 页面标题是"线索"
    而且 我看不到可以点击的"上一页"
    而且 我看到可以点击的"下一页"
    当 我点击"新建线索"
    而且 我在"联系人"中填写"张伟"
    而且 我在"公司"中填写 12 个字符
    而且 我在"来源"中选择"展会"
    而且 我点击"保存线索"
    那么 我看到提示"线索已创建"
    而且 我看到"张伟"
    而且 我看不到"李白"
    当 我进入"线索"页面
    而且 我在"搜索"中填写刚才的"联系人"
    而且 我点击"搜索"
    那么 表格中有一行包含"张伟"

  场景: 表单内容在网络断开时的检查
    假如 我以"销售"身份登录
    当 我打开"/orders/new"
    而且 我在"客户"中任选一项
    而且 我在"备注"中填写"加急"
    而且 网络断开
    而且 我点击"提交订单"
    那么 我填写的内容都还在
    当 网络恢复

  场景: 接口步骤
    当 "销售"调用接口 GET "/api/me"
    那么 接口返回状态 200
    而且 接口返回的"username"是"sales"
    当 "未登录用户"调用接口 GET "/api/customers"
    那么 接口返回状态 401
    当 "销售"调用接口 POST "/api/leads"，内容为:
      \"\"\"
      {"name": "李雷", "company": "北京某某有限公司"}
      \"\"\"
    那么 接口返回状态 201
    而且 接口返回的"company"是"北京某某有限公司"
"""

FAILING = """\
# language: zh-CN
功能: 通用步骤说不
  场景: 看不到的文字
    假如 我以"销售"身份登录
    那么 我看到"不存在的文字"

  场景: 没有出现的提示
    假如 我以"销售"身份登录
    当 我进入"线索"页面
    那么 我看到提示"线索已创建"

  场景: 不该出现的文字
    假如 我以"销售"身份登录
    那么 我看不到"线索转化率"

  场景: 错误的标题
    假如 我以"销售"身份登录
    那么 页面标题是"订单"

  场景: 接口返回的字段不对
    当 "销售"调用接口 GET "/api/me"
    那么 接口返回的"role"是"manager"
"""

EXPECTED = {
    "看不到的文字": '页面上应当显示"不存在的文字"，但看到的是页面 "工作台"',
    "没有出现的提示": (
        '应当出现提示"线索已创建"，但提示区域、消息列表和页面文字中都没有；看到的是页面 "线索"，'
        "没有任何提示"
    ),
    "不该出现的文字": '页面上不应显示"线索转化率"，但显示了',
    "错误的标题": '应当打开"订单"页面，但看到的是页面 "工作台"',
    "接口返回的字段不对": '接口返回的"role"应当是"manager"，实际是"sales"',
}


@pytest.fixture(scope="module")
def sandbox() -> Iterator[RunningTarget]:
    with open_target(load_config(ROOT / "golive.toml").target("sandbox")) as running:
        yield running


def throwaway(tmp: Path, running: RunningTarget, feature: str) -> Run:
    # no conftest and no steps of the project: golive's packaged steps alone
    (tmp / "pytest.ini").write_text("[pytest]\n", "utf-8")
    (tmp / "steps.feature").write_text(feature, "utf-8")
    allure = ("--alluredir", str(tmp / "allure-results"))
    return run_features(running, ["steps.feature"], tmp, *allure, rootdir=tmp)


def test_generic_steps_pass_on_a_working_page(sandbox: RunningTarget, tmp_path: Path) -> None:
    run = throwaway(tmp_path, sandbox, PASSING)
    assert run.failed() == {}, run.output[-3000:]
    assert len(run.outcomes) == 3


def test_generic_checks_say_no_in_business_words(sandbox: RunningTarget, tmp_path: Path) -> None:
    run = throwaway(tmp_path, sandbox, FAILING)
    failed = run.failed()
    assert len(failed) == len(EXPECTED), run.output[-3000:]
    for name, message in EXPECTED.items():
        [text] = [m for k, m in failed.items() if name in k]
        assert message in text


FAILING_EN = """\
Feature: Generic steps say no
  Scenario: Text that is not there
    Given I am logged in as "sales"
    Then I see "no such text"

  Scenario: A message that does not appear
    Given I am logged in as "sales"
    When I open the "线索" page
    Then I see the message "Lead created"

  Scenario: A field that is not on the page
    Given I am logged in as "sales"
    When I fill in "Shoe size" with "42"

  Scenario: The wrong field of the API
    When "sales" calls GET "/api/me"
    Then the API's "role" is "manager"
"""

EXPECTED_EN = {
    "text_that": 'the page should show "no such text", but it shows the page "工作台"',
    "a_message": (
        'the page should say "Lead created", but it is in none of the alert and status '
        'regions, the flash messages and the visible text; it shows the page "线索", with no '
        "message at all"
    ),
    "a_field": 'there should be a field "Shoe size", but it shows the page "工作台"',
    "the_wrong": 'the API\'s "role" should be "manager", but it is "sales"',
}


def test_an_english_scenario_fails_in_english(sandbox: RunningTarget, tmp_path: Path) -> None:
    # the sandbox's pages are Chinese: the message follows the scenario, not the page
    run = throwaway(tmp_path, sandbox, FAILING_EN)
    failed = run.failed()
    assert len(failed) == len(EXPECTED_EN), run.output[-3000:]
    for name, message in EXPECTED_EN.items():
        [text] = [m for k, m in failed.items() if name in k.lower()]
        assert message in text
        assert not any(
            "\u4e00" <= c <= "\u9fff" for c in text.replace("工作台", "").replace("线索", "")
        )
    # the terminal shows the failed step, where it is and its message, not a traceback
    assert '✗ steps.feature:4  Then I see "no such text"\n' in run.output
    assert "  " + EXPECTED_EN["text_that"] in run.output
    assert "the full traceback, screenshot and trace are in the Allure report" in run.output
    assert "\nE   " not in run.output and "Traceback" not in run.output
    assert "Warning" not in run.output  # nor pytest-playwright's deprecation notice
    # ... which the Allure result keeps, beside the message
    [result] = [
        r
        for r in map(
            json.loads, map(Path.read_text, (tmp_path / "allure-results").glob("*-result.json"))
        )
        if r["name"] == "Text that is not there"
    ]
    assert result["status"] == "failed"
    assert EXPECTED_EN["text_that"] in result["statusDetails"]["message"]
    assert "\nE   " in result["statusDetails"]["trace"]
