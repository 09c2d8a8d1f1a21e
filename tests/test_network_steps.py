"""The network steps on throwaway features, against the clean sandbox.

"The answer to the next submission is lost" must let the submission reach the server
and fail it in the browser, a script's fetch and a form's navigation alike; its check
must say no, in the scenario's language, when nothing was caught.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from scenario_runs import ROOT, Run, run_features

from golive.inputs.config import load_config
from golive.run.target import RunningTarget, open_target

PASSING = """\
# language: zh-CN
功能: 应答丢失
  场景: 脚本的提交到达服务器，应答丢失，重试只产生一张订单
    假如 我以"销售"身份登录
    当 我打开"/orders/new"
    而且 我在"客户"中任选一项
    而且 我在"产品"中任选一项
    而且 我在"数量"中填写"2"
    而且 我在"单价（元）"中填写"100.00"
    而且 我在"备注"中填写"lost-answer-order"
    而且 下一次提交的应答丢失
    而且 我点击"提交订单"
    那么 我看到提示"网络连接失败，订单尚未提交"
    而且 刚才的提交已到达服务器，但应答丢失了
    而且 我填写的内容都还在
    当 我点击"提交订单"
    那么 我看到提示"订单已提交"
    当 "销售"调用接口 GET "/api/orders?q=lost-answer-order"
    那么 接口返回的"total"是"1"

  场景: 表单的提交到达服务器，应答丢失
    假如 我以"销售"身份登录
    当 我打开"/leads/new"
    而且 我在"联系人"中填写"lost-answer-lead"
    而且 我在"公司"中填写"北京某某有限公司"
    而且 下一次提交的应答丢失
    而且 我点击"保存线索"
    那么 刚才的提交已到达服务器，但应答丢失了
    当 "销售"调用接口 GET "/api/leads?q=lost-answer-lead"
    那么 接口返回的"total"是"1"
"""

FAILING = """\
# language: zh-CN
功能: 应答丢失的检查说不
  场景: 只打开了页面，没有提交
    假如 我以"销售"身份登录
    而且 下一次提交的应答丢失
    当 我进入"线索"页面
    那么 页面标题是"线索"
    而且 刚才的提交已到达服务器，但应答丢失了

  场景: 没有让应答丢失
    假如 我以"销售"身份登录
    那么 刚才的提交已到达服务器，但应答丢失了

  场景: 服务器拒绝了提交
    假如 我以"销售"身份登录
    当 我打开"/orders/new"
    而且 下一次提交的应答丢失
    而且 我点击"提交订单"
    那么 刚才的提交已到达服务器，但应答丢失了
"""

FAILING_EN = """\
Feature: Lost answers say no
  Scenario: Nothing was submitted
    Given I am logged in as "sales"
    When I go to "/orders/new"
    And the answer to the next submission is lost
    Then the submission reached the server but its answer was lost
"""


@pytest.fixture(scope="module")
def sandbox() -> Iterator[RunningTarget]:
    with open_target(load_config(ROOT / "golive.toml").target("sandbox")) as running:
        yield running


def origin(running: RunningTarget) -> str:
    parts = urlsplit(running.base_url)
    return f"{parts.scheme}://{parts.netloc}"


def throwaway(tmp: Path, running: RunningTarget, feature: str) -> Run:
    # no conftest and no steps of the project: golive's packaged steps alone
    (tmp / "pytest.ini").write_text("[pytest]\n", "utf-8")
    (tmp / "steps.feature").write_text(feature, "utf-8")
    return run_features(running, ["steps.feature"], tmp, rootdir=tmp)


def test_a_lost_answer_reaches_the_server_and_the_retry_is_answered(
    sandbox: RunningTarget, tmp_path: Path
) -> None:
    run = throwaway(tmp_path, sandbox, PASSING)
    assert run.failed() == {}, run.output[-3000:]
    assert len(run.outcomes) == 2


def test_the_check_says_no_when_no_answer_was_lost(sandbox: RunningTarget, tmp_path: Path) -> None:
    run = throwaway(tmp_path, sandbox, FAILING)
    failed = run.failed()
    expected = {
        "只打开了页面": (
            f"应当有一次提交到达服务器而应答丢失，但此后页面没有向 {origin(sandbox)} 提交任何内容"
        ),
        "没有让应答丢失": '这个场景没有"下一次提交的应答丢失"这一步',
        "服务器拒绝了提交": (
            f"提交到达了服务器，但被拒绝了（POST {origin(sandbox)}/api/orders 返回 422）"
        ),
    }
    assert len(failed) == len(expected), run.output[-3000:]
    for name, message in expected.items():
        [text] = [m for k, m in failed.items() if name in k]
        assert message in text


def test_an_english_scenario_hears_no_in_english(sandbox: RunningTarget, tmp_path: Path) -> None:
    run = throwaway(tmp_path, sandbox, FAILING_EN)
    [text] = run.failed().values()
    assert (
        "a submission should have reached the server and lost its answer, "
        f"but the page submitted nothing to {origin(sandbox)} after that"
    ) in text
    assert not any("\u4e00" <= c <= "\u9fff" for c in text)
