"""Browsers served by Playwright's own browser server (`playwright run-server`), on loopback.

With ``[browser] connect``, every xdist worker drives a browser the server launched, and
none of this machine's pytest processes launches one; a server that does not answer is
a machine that cannot run the checks, said before any scenario runs.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from scenario_runs import ROOT, run_features

from golive.errors import ConfigError, SetupError
from golive.inputs.config import Browser, default_browser, load_config
from golive.pytest.browser import check_browser
from golive.run.target import RunningTarget, open_target

FEATURE = """\
# language: zh-CN
功能: 远程浏览器
  场景: 销售看到工作台
    假如 我以"销售"身份登录
    那么 页面标题是"工作台"

  场景: 销售打开线索
    假如 我以"销售"身份登录
    当 我进入"线索"页面
    那么 页面标题是"线索"

  场景: 经理看到全部记录
    假如 我以"销售经理"身份登录
    那么 我看到"统计范围：全部记录"

  场景: 只读用户看到工作台
    假如 我以"只读用户"身份登录
    那么 页面标题是"工作台"
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def ancestors(pid: int) -> set[int]:
    """The process ids above ``pid``, read from /proc while they live."""
    found: set[int] = set()
    while pid > 1:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text("utf-8")
        except OSError:
            break
        pid = int(stat.rsplit(")", 1)[1].split()[1])
        found.add(pid)
    return found


@pytest.fixture
def browser_server() -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """``playwright run-server`` on a free loopback port; ``--unsafe`` lets a client name
    the executable (this machine has Debian's Chromium, not Playwright's download)."""
    port = free_port()
    command = [sys.executable, "-m", "playwright", "run-server", "--host", "127.0.0.1"]
    server = subprocess.Popen(
        [*command, "--port", str(port), "--unsafe"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert server.stdout is not None
    deadline = time.monotonic() + 60
    line = ""
    while "Listening on" not in line and time.monotonic() < deadline:
        line = server.stdout.readline()
    assert "Listening on" in line, "the browser server did not start"
    try:
        yield f"ws://127.0.0.1:{port}/", server
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture(scope="module")
def sandbox() -> Iterator[RunningTarget]:
    with open_target(load_config(ROOT / "golive.toml").target("sandbox")) as running:
        yield running


def test_each_worker_drives_a_browser_of_the_server(
    sandbox: RunningTarget, browser_server: tuple[str, subprocess.Popen[str]], tmp_path: Path
) -> None:
    address, server = browser_server
    # the browser is a wrapper that notes who launched it, then runs the real one
    launched = tmp_path / "launched.txt"
    wrapper = tmp_path / "chromium"
    wrapper.write_text(
        f'#!/bin/sh\necho $PPID >> "{launched}"\nexec {default_browser(True)} "$@"\n', "utf-8"
    )
    wrapper.chmod(0o755)
    config = tmp_path / "golive.toml"
    config.write_text(
        (ROOT / "golive.toml")
        .read_text("utf-8")
        .replace("[browser]", f'[browser]\nconnect = "{address}"\nexecutable = "{wrapper}"'),
        "utf-8",
    )
    (tmp_path / "pytest.ini").write_text("[pytest]\n", "utf-8")
    (tmp_path / "remote.feature").write_text(FEATURE, "utf-8")
    run = run_features(
        sandbox,
        ["remote.feature"],
        tmp_path,
        *("-n", "2", "--golive-config", str(config)),
        rootdir=tmp_path,
    )
    assert run.failed() == {} and len(run.outcomes) == 4, run.output[-3000:]
    launchers = [int(line) for line in launched.read_text("utf-8").split()]
    assert len(launchers) == 2  # one browser per worker, each launched by the server
    for pid in launchers:
        assert server.pid in ancestors(pid) | {pid}, "a browser was launched outside the server"


def test_a_server_that_does_not_answer_stops_the_run_before_any_scenario() -> None:
    nobody = f"ws://127.0.0.1:{free_port()}/"
    with pytest.raises(
        SetupError, match=r"served at ws://127\.0\.0\.1:\d+/.*start a browser server"
    ):
        check_browser(Browser(executable=None, connect=nobody))


def test_connect_must_be_a_websocket_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "golive.toml"
    path.write_text(
        '[browser]\nconnect = "http://grid:4444"\n\n[targets.sandbox]\nsandbox = true\n', "utf-8"
    )
    with pytest.raises(ConfigError, match=r"golive.toml:2: browser.connect: 'http://grid:4444'"):
        load_config(path)
    monkeypatch.setenv("GOLIVE_BROWSER_CONNECT", "grid:4444")
    with pytest.raises(ConfigError, match="GOLIVE_BROWSER_CONNECT: 'grid:4444' is not a ws://"):
        load_config(path)
    monkeypatch.setenv("GOLIVE_BROWSER_CONNECT", "ws://10.0.0.5:3000/")
    browser = load_config(path).browser
    assert browser.connect == "ws://10.0.0.5:3000/"
    assert browser.executable is None  # the server's own browser, unless one is named
