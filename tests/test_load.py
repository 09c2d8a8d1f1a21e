"""Load runs for real: Locust as a subprocess against the sandbox, and how they fail.

Short shapes (about ten seconds) keep these quick; the phase shapes of golive.toml are
played by tests/test_run.py and measured in bench/.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from golive.errors import ConfigError, SuiteError, TargetError
from golive.inputs.config import load_config
from golive.inputs.shapes import LoadSettings, Shape
from golive.load import runner as load
from golive.load.runner import locust_command, run_load, worker_command
from golive.run.target import RunningTarget, open_target, serve_sandbox

ROOT = Path(__file__).resolve().parents[1]
CONFIG = load_config(ROOT / "golive.toml")
SANDBOX = CONFIG.target("sandbox")
SHORT = Shape("short", users=10, spawn_rate=10, seconds=10)


@pytest.fixture(scope="module")
def clean() -> Iterator[RunningTarget]:
    with open_target(SANDBOX) as running:
        yield running


@pytest.fixture
def settings() -> LoadSettings:
    return dataclasses.replace(CONFIG.load, think_seconds=(0.5, 1.0))


def test_a_short_load_measures_every_journey(
    clean: RunningTarget, settings: LoadSettings, tmp_path: Path
) -> None:
    lines: list[str] = []
    run = run_load(settings, clean, SHORT, tmp_path, progress=lines.append)
    measured = run.measurements
    for name in ("登录", "搜索线索", "打开客户", "提交订单", "工作台", "录入线索"):
        assert measured.requests[name].requests > 0, name
    assert measured.value("error_rate") == 0
    assert 0 < measured.value("p95_ms", "提交订单") < 800
    assert measured.value("rps") > 5
    assert measured.timeline, "the stats history gives the chart its timeline"
    assert run.html.is_file()
    assert any("load short:" in line and "users" in line for line in lines), lines
    # the users' passwords went to Locust through the environment, into no file
    for path in tmp_path.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for secret in clean.secrets.values():
                assert secret.encode() not in data, f"a password leaked into {path}"


def test_a_target_that_does_not_allow_load_is_refused(clean: RunningTarget, tmp_path: Path) -> None:
    staging = dataclasses.replace(SANDBOX, name="staging", allow_load=False)
    refused = dataclasses.replace(clean, target=staging)
    with pytest.raises(TargetError, match=r"does not allow load on target 'staging'"):
        run_load(CONFIG.load, refused, SHORT, tmp_path)
    assert not list(tmp_path.iterdir()), "nothing may be sent, or written, for a refused target"


def test_a_run_above_the_caps_is_refused(clean: RunningTarget, tmp_path: Path) -> None:
    capped = dataclasses.replace(CONFIG.load, max_seconds=30, max_users=5)
    with pytest.raises(ConfigError, match=r"a 60 s load run exceeds .* max_seconds \(30 s\)"):
        run_load(dataclasses.replace(capped, max_users=50), clean, SHORT, tmp_path, seconds=60)
    with pytest.raises(
        ConfigError, match=r"10 users exceed golive.toml's \[load\] max_users \(5\)"
    ):
        run_load(capped, clean, SHORT, tmp_path)
    assert not list(tmp_path.iterdir())


def test_a_locust_that_crashes_gives_a_suite_error_with_its_log(
    clean: RunningTarget, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.py"
    broken.write_text("raise RuntimeError('the profile is broken')\n", encoding="utf-8")
    settings = dataclasses.replace(CONFIG.load, profile=broken)
    with pytest.raises(SuiteError, match=r"Locust exited with code \d+") as info:
        run_load(settings, clean, SHORT, tmp_path / "out")
    assert "the profile is broken" in str(info.value)


def test_a_target_that_goes_down_mid_run_is_a_suite_error(
    settings: LoadSettings, tmp_path: Path
) -> None:
    passwords = {u.username: f"pw-{u.username}-x81" for u in SANDBOX.users.values()}
    with serve_sandbox(passwords=passwords) as sandbox:
        running = RunningTarget(
            target=SANDBOX,
            base_url=sandbox.base_url,
            secrets={u.password_env: passwords[u.username] for u in SANDBOX.users.values()},
        )
        killer = threading.Timer(4.0, os.kill, (sandbox.pid, signal.SIGKILL))
        killer.start()
        try:
            with pytest.raises(SuiteError, match="the target stopped answering during the short"):
                run_load(settings, running, SHORT, tmp_path)
        finally:
            killer.cancel()


def test_one_master_and_two_workers_on_loopback(
    clean: RunningTarget, settings: LoadSettings, tmp_path: Path
) -> None:
    """Locust's distributed mode as golive drives it: the master here, workers anywhere."""
    env = {**clean.child_env(), "GOLIVE_LOAD_THINK": "0.5,1"}
    workers: list[subprocess.Popen[bytes]] = []
    result: dict[str, object] = {}

    def master() -> None:
        try:
            result["run"] = run_load(settings, clean, SHORT, tmp_path, expect_workers=2)
        except Exception as exc:  # reported by the assertion below
            result["error"] = exc

    thread = threading.Thread(target=master)
    thread.start()
    try:
        for _ in range(2):
            workers.append(
                subprocess.Popen(
                    worker_command(settings, "127.0.0.1"),
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        thread.join(timeout=120)
    finally:
        for worker in workers:
            worker.terminate()
            worker.wait(timeout=30)
    assert "error" not in result, result.get("error")
    run = result["run"]
    assert run.measurements.requests["提交订单"].requests > 0  # type: ignore[attr-defined]
    assert run.measurements.value("error_rate") == 0  # type: ignore[attr-defined]


def test_the_command_line_is_bounded_and_headless(tmp_path: Path) -> None:
    command = locust_command(CONFIG.load, "http://127.0.0.1:1", tmp_path / "locust")
    assert "--headless" in command
    assert "-t" not in command and "-u" not in command  # the shape bounds the run
    assert command[command.index("-f") + 1].endswith("perf/crm.py," + str(load.SHAPE_PLAYER))
    with_processes = locust_command(CONFIG.load, "http://x", tmp_path / "l", processes=2)
    assert with_processes[-2:] == ["--processes", "2"]
    master = locust_command(CONFIG.load, "http://x", tmp_path / "l", expect_workers=3)
    assert master[-3:] == ["--master", "--expect-workers", "3"]


def test_the_profile_runs_on_its_own_with_plain_locust(
    clean: RunningTarget, tmp_path: Path
) -> None:
    """perf/crm.py is a plain locustfile: no golive, no shape, Locust's own options."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            "perf/crm.py",
            "--headless",
            "-u",
            "5",
            "-r",
            "5",
            "-t",
            "6s",
            "--host",
            clean.base_url,
            "--json-file",
            str(tmp_path / "plain"),
            "--only-summary",
        ],
        cwd=ROOT,
        env=clean.child_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    stats = {row["name"]: row for row in json.loads((tmp_path / "plain.json").read_text("utf-8"))}
    assert stats["登录"]["num_requests"] == 5
    assert stats["登录"]["num_failures"] == 0


FOREVER = """
from locust import LoadTestShape


class Forever(LoadTestShape):
    def tick(self):
        return (2, 2)  # never None: this shape does not stop by itself
"""


def test_a_run_past_its_time_is_killed_with_every_process(
    clean: RunningTarget, settings: LoadSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shape_file = tmp_path / "forever_shape.py"
    shape_file.write_text(FOREVER, encoding="utf-8")
    monkeypatch.setattr(load, "GRACE_SECONDS", 3)
    endless = dataclasses.replace(settings, shape_file=shape_file, processes=2)
    with pytest.raises(SuiteError, match=r"did not stop within 5 s and was killed"):
        run_load(endless, clean, SHORT, tmp_path / "out", seconds=2)
    # the killed workers were forked by Locust: they end as the kernel gets to them
    deadline = time.monotonic() + 5
    while processes_mentioning(str(shape_file)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not processes_mentioning(str(shape_file)), "a Locust process outlived the kill"


def processes_mentioning(text: str) -> list[int]:
    """Live processes whose command line contains ``text`` (read from /proc, no pgrep)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if text.encode() in cmdline.read_bytes():
                found.append(int(cmdline.parent.name))
        except OSError:
            continue  # ended while we looked
    return found


RAISES = """
from locust import HttpUser, constant, task


class Broken(HttpUser):
    wait_time = constant(0.2)

    @task
    def journey(self):
        raise KeyError("customer_id")
"""


def test_a_profile_that_raises_is_a_suite_error(
    clean: RunningTarget, settings: LoadSettings, tmp_path: Path
) -> None:
    profile = tmp_path / "raises.py"
    profile.write_text(RAISES, encoding="utf-8")
    broken = dataclasses.replace(settings, profile=profile)
    short = Shape("short", users=2, spawn_rate=2, seconds=3)
    with pytest.raises(SuiteError, match=r"the Locust profile raised errors .*KeyError"):
        run_load(broken, clean, short, tmp_path / "out")
