"""The business-rule steps (golive.pytest.steps.records) on throwaway features, against
the clean sandbox: each check passes where the platform is right, and says no, in the
scenario's language, where the words ask for something the records do not hold.

The defects they exist to catch (a wrong total, a list that leaves records out, a state
the page misreports) are measured by the mutation benchmark (bench/mutants/), which
plants them one at a time; here the sandbox is right and the expectation is wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from scenario_runs import ROOT, Run, run_features

from golive.inputs.config import load_config
from golive.run.target import RunningTarget, open_target

LEAD = '{"name": "赵敏", "company": "golive 规则测试有限公司", "phone": "13800138000"}'

PASSING = f"""\
# language: zh-CN
功能: 业务规则步骤
  场景: 工作台、列表和选择框与记录一致
    假如 我以"销售"身份登录
    当 我进入"工作台"页面
    那么 页面上的"线索转化率"等于"/api/leads"中"status"为"converted"的记录所占百分比
    而且 页面上的"已批准订单金额"等于"/api/orders"中"total"的合计，其中"status"为"approved"
    而且 页面上的"客户总数"等于"/api/customers"中的记录数
    当 我进入"客户"页面
    那么 表格逐页列出"/api/customers"中的每条记录各一次，按"客户名称"列对照"name"
    当 我打开"/orders/new"
    那么 "客户"的选项正好是"/api/customers"中的每条记录，对照"{{name}}（{{company}}）"

  场景: 记录本身的状态
    当 "销售"调用接口 POST "/api/leads"，内容为:
      \"\"\"
      {LEAD}
      \"\"\"
    那么 接口返回状态 201
    而且 "销售"从接口"/api/leads/{{id}}"得到的"id"等于"/api/leads"中"id"的最大值
    当 我以"销售"身份登录
    那么 记录"/api/leads/{{id}}"的"status"是"new"
    而且 记录"/api/leads/{{id}}"的"customer_id"为空
    而且 记录"/api/leads/{{id}}"的"company"不为空
    当 我打开"/leads/{{id}}"
    那么 页面上的"创建时间"是记录"/api/leads/{{id}}"的"created_at"，按"Asia/Shanghai"时间
    当 我点击"确认线索"
    那么 记录"/api/leads/{{id}}"的"status"是"qualified"
"""

FAILING = f"""\
# language: zh-CN
功能: 业务规则步骤说不
  场景: 数字对不上
    假如 我以"销售"身份登录
    那么 页面上的"线索总数"等于"/api/customers"中的记录数

  场景: 看不懂的算法
    假如 我以"销售"身份登录
    那么 页面上的"线索总数"等于"/api/leads"里的全部东西

  场景: 表格对不上
    假如 我以"销售"身份登录
    当 我进入"客户"页面
    那么 表格逐页列出"/api/customers"中的每条记录各一次，按"客户名称"列对照"company"

  场景: 表格没有这一列
    假如 我以"销售"身份登录
    当 我进入"客户"页面
    那么 表格逐页列出"/api/customers"中的每条记录各一次，按"鞋码"列对照"name"

  场景: 选项对不上
    假如 我以"销售经理"身份登录
    当 我打开"/orders/new"
    那么 "客户"的选项正好是"/api/customers"中"name"为"没有这个人"的每条记录，对照"name"

  场景: 记录的状态不对
    当 "销售"调用接口 POST "/api/leads"，内容为:
      \"\"\"
      {LEAD}
      \"\"\"
    而且 我以"销售"身份登录
    那么 记录"/api/leads/{{id}}"的"status"是"converted"

  场景: 不该有值的字段有值
    当 "销售"调用接口 POST "/api/leads"，内容为:
      \"\"\"
      {LEAD}
      \"\"\"
    而且 我以"销售"身份登录
    那么 记录"/api/leads/{{id}}"的"company"为空

  场景: 时区不对
    当 "销售"调用接口 POST "/api/leads"，内容为:
      \"\"\"
      {LEAD}
      \"\"\"
    而且 我以"销售"身份登录
    而且 我打开"/leads/{{id}}"
    那么 页面上的"创建时间"是记录"/api/leads/{{id}}"的"created_at"，按"Europe/London"时间

  场景: 不认识的时区
    当 "销售"调用接口 POST "/api/leads"，内容为:
      \"\"\"
      {LEAD}
      \"\"\"
    而且 我以"销售"身份登录
    而且 我打开"/leads/{{id}}"
    那么 页面上的"创建时间"是记录"/api/leads/{{id}}"的"created_at"，按"北京"时间

  场景: 不知道是哪条记录
    假如 我以"销售"身份登录
    那么 记录"/api/orders/{{id}}"的"status"是"draft"

  场景: 接口的回答没有提到
    当 "销售"调用接口 GET "/api/me"
    那么 接口返回的内容包含"manager"
"""

EXPECTED = {
    "数字对不上": ['"线索总数"显示 ', '条记录独立计算（"/api/customers"中的记录数）应为 '],
    "看不懂的算法": ['看不懂""/api/leads"里的全部东西"'],
    "表格对不上": ["表格（共 ", '与"/api/customers"中应列出的 ', "漏掉了 ", "多出 "],
    "表格没有这一列": ['表格中没有"鞋码"列；表格的列：客户名称、公司'],
    "选项对不上": ['"客户"的选项与"/api/customers"中的 0 条记录不一致：多出 '],
    "记录的状态不对": ['的"status"应当是"converted"，实际是"new"'],
    "不该有值的字段有值": ['的"company"应当为空，实际是"golive 规则测试有限公司"'],
    "时区不对": ['页面上的"创建时间"是 ', '的"created_at"按 Europe/London 时间是 '],
    "不认识的时区": ['不认识时区"北京"'],
    "不知道是哪条记录": ['无法填写"/api/orders/{id}"中的 {id}'],
    "接口的回答没有提到": ['接口的回答应当提到"manager"，实际是：'],
}

FAILING_EN = """\
Feature: Business-rule steps say no
  Scenario: A figure that does not add up
    Given I am logged in as "sales"
    Then the figure "线索总数" equals the number of records in "/api/customers"

  Scenario: A table that leaves out records
    Given I am logged in as "sales"
    When I go to "/customers"
    Then the table shows every record of "/api/customers" exactly once across its pages, {to_email}

  Scenario: A record in another state
    When "sales" calls POST "/api/leads" with:
      \"\"\"
      {"name": "Zhao Min", "company": "golive rules test Ltd"}
      \"\"\"
    And I am logged in as "sales"
    Then the record "/api/leads/{id}" has "status" "lost"
"""

FAILING_EN = FAILING_EN.replace("{to_email}", 'matching column "客户名称" to "email"')

EXPECTED_EN = {
    "a_figure": ['"线索总数" shows ', "computed from the ", "it should be "],
    "a_table": ["the table (", "differs from the ", " left out: ", "that should not be there"],
    "a_record": ['should have "status" "lost", but has "new"'],
}


@pytest.fixture(scope="module")
def sandbox() -> Iterator[RunningTarget]:
    with open_target(load_config(ROOT / "golive.toml").target("sandbox")) as running:
        yield running


def throwaway(tmp: Path, running: RunningTarget, feature: str) -> Run:
    # no conftest and no steps of the project: golive's packaged steps alone
    (tmp / "pytest.ini").write_text("[pytest]\n", "utf-8")
    (tmp / "rules.feature").write_text(feature, "utf-8")
    return run_features(running, ["rules.feature"], tmp, rootdir=tmp)


def test_the_rule_steps_pass_where_the_platform_is_right(
    sandbox: RunningTarget, tmp_path: Path
) -> None:
    run = throwaway(tmp_path, sandbox, PASSING)
    assert run.failed() == {}, run.output[-3000:]
    assert len(run.outcomes) == 2


def test_the_rule_steps_say_no_in_business_words(sandbox: RunningTarget, tmp_path: Path) -> None:
    run = throwaway(tmp_path, sandbox, FAILING)
    failed = run.failed()
    assert len(failed) == len(EXPECTED), run.output[-3000:]
    for name, parts in EXPECTED.items():
        [text] = [m for k, m in failed.items() if name in k]
        for part in parts:
            assert part in text, (name, text)


def test_an_english_rule_scenario_fails_in_english(sandbox: RunningTarget, tmp_path: Path) -> None:
    run = throwaway(tmp_path, sandbox, FAILING_EN)
    failed = run.failed()
    assert len(failed) == len(EXPECTED_EN), run.output[-3000:]
    for name, parts in EXPECTED_EN.items():
        [text] = [m for k, m in failed.items() if name in k.lower()]
        for part in parts:
            assert part in text, (name, text)
        assert "应当" not in text and "记录" not in text
