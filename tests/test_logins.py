"""Logging in once per role and worker (golive.pytest.logins), on the sandbox.

A Given login restores the role's kept state; a When login goes through the page; a
session that ended on the server is noticed and renewed without failing the scenario; a
scenario that logs out ends the kept state; the state never reaches a trace.
"""

from __future__ import annotations

import json
import re
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from scenario_runs import ROOT, run_features

from golive.inputs.config import LoginForm, load_config
from golive.pytest.logins import SavedLogin, SavedLogins
from golive.run.target import RunningTarget, open_target

# Steps only this test has: what golive_logins counted, and a session the server ends
# while the browser keeps its cookie (as after an idle timeout or a server restart).
CONFTEST = """\
import os
from pytest_bdd import parsers, then, when


@then(parsers.parse("{restored:d} restored, {expired:d} found expired"))
def counted(golive_logins, restored, expired):
    assert (golive_logins.restored, golive_logins.expired) == (restored, expired)


@when("the server ends the session")
def server_ends_session(page):
    kept = page.context.cookies()
    page.get_by_role("button", name="退出登录").click()
    page.context.add_cookies(kept)  # the browser still holds the ended session's cookie


@when("the session cookie is noted")
def note_cookie(page):
    [cookie] = [c for c in page.context.cookies() if c["name"] == "sandbox_session"]
    with open(os.environ["NOTED_COOKIE"], "w") as noted:
        noted.write(cookie["value"])
"""

FEATURE = """\
# language: zh-CN
功能: 登录一次
  场景: 第一次登录走登录页
    假如 我以"销售"身份登录
    那么 0 restored, 0 found expired

  场景: 第二次恢复保存的登录
    假如 我以"销售"身份登录
    那么 页面标题是"工作台"
    而且 1 restored, 0 found expired
    当 the server ends the session

  场景: 服务器已结束的会话被发现，重新登录，场景照常通过
    假如 我以"销售"身份登录
    那么 页面标题是"工作台"
    而且 1 restored, 1 found expired

  场景: 退出登录结束保存的登录
    假如 我以"销售"身份登录
    那么 2 restored, 1 found expired
    当 我点击"退出登录"
    那么 我看到提示"您已退出登录。"

  场景: 退出之后重新走登录页
    假如 我以"销售"身份登录
    那么 2 restored, 1 found expired

  场景: 作为动作的登录总是走登录页
    当 我以"销售"身份登录
    那么 页面标题是"工作台"
    而且 2 restored, 1 found expired

  场景: 另一个角色有自己的登录
    假如 我以"销售经理"身份登录
    那么 2 restored, 1 found expired
    而且 我看到"统计范围：全部记录"

  场景: 恢复的登录失败时，踪迹里没有会话
    假如 我以"销售"身份登录
    当 the session cookie is noted
    那么 3 restored, 1 found expired
    而且 我看到"不存在的文字"
"""


@pytest.fixture(scope="module")
def sandbox() -> Iterator[RunningTarget]:
    with open_target(load_config(ROOT / "golive.toml").target("sandbox")) as running:
        yield running


def test_a_role_logs_in_once_and_a_lost_session_is_renewed(
    sandbox: RunningTarget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pytest.ini").write_text("[pytest]\n", "utf-8")
    (tmp_path / "conftest.py").write_text(CONFTEST, "utf-8")
    (tmp_path / "logins.feature").write_text(FEATURE, "utf-8")
    noted = tmp_path / "cookie.txt"
    monkeypatch.setenv("NOTED_COOKIE", str(noted))
    results = tmp_path / "allure-results"
    run = run_features(
        sandbox, ["logins.feature"], tmp_path, "--alluredir", str(results), rootdir=tmp_path
    )
    failed = run.failed()
    assert len(run.outcomes) == 8, run.output[-3000:]
    assert list(failed) == [k for k in run.outcomes if "踪迹" in k], run.output[-3000:]
    cookie = noted.read_text("utf-8").encode()
    attachments = [p for p in results.iterdir() if p.suffix == ".zip"]
    assert attachments, "the failed scenario attached no trace"
    for path in results.iterdir():
        data = path.read_bytes()
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as trace:
                data = b"".join(trace.read(name) for name in trace.namelist())
        assert cookie not in data, f"the restored session cookie leaked into {path.name}"
    statuses = [json.loads(p.read_text("utf-8"))["status"] for p in results.glob("*-result.json")]
    assert statuses.count("passed") == 7


def test_reuse_can_be_switched_off(tmp_path: Path) -> None:
    logins = SavedLogins(LoginForm(reuse=False))
    logins._saved["sales"] = SavedLogin(state={"cookies": []}, landing="http://x/")
    assert logins.restore(page=None, role="sales") is False  # type: ignore[arg-type]
    assert logins.restored == 0


def test_a_kept_login_is_used_only_while_young_and_unexpired() -> None:
    cookie = {"name": "s", "value": "v", "domain": "x", "path": "/", "expires": -1}
    session = SavedLogin(state={"cookies": [cookie]}, landing="http://x/")
    assert session.usable(max_age_s=600)
    old = SavedLogin(state=session.state, landing="http://x/", made=time.monotonic() - 601)
    assert not old.usable(max_age_s=600)
    now = time.time()
    expiring = {**cookie, "expires": now + 30}  # within the margin
    assert not SavedLogin(state={"cookies": [expiring]}, landing="").usable(600, now)
    lasting = {**cookie, "expires": now + 3600}
    assert SavedLogin(state={"cookies": [lasting]}, landing="").usable(600, now)


def test_trace_off_keeps_the_screenshot_and_records_no_trace(
    sandbox: RunningTarget, tmp_path: Path
) -> None:
    config = tmp_path / "golive.toml"
    shipped = (ROOT / "golive.toml").read_text("utf-8")
    untraced = re.sub(r"(?m)^trace = true\b", "trace = false", shipped)
    assert untraced != shipped, "golive.toml no longer says trace = true"
    config.write_text(untraced, "utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", "utf-8")
    (tmp_path / "trace.feature").write_text(
        "Feature: no trace\n  Scenario: a failure\n"
        '    Given I am logged in as "sales"\n    Then I see "no such words"\n',
        "utf-8",
    )
    results = tmp_path / "allure-results"
    run = run_features(
        sandbox,
        ["trace.feature"],
        tmp_path,
        *("--alluredir", str(results), "--golive-config", str(config)),
        rootdir=tmp_path,
    )
    [message] = run.failed().values()
    assert "no such words" in message, run.output[-3000:]
    kinds = {p.suffix for p in results.iterdir() if "-attachment" in p.name}
    assert ".png" in kinds and ".zip" not in kinds
