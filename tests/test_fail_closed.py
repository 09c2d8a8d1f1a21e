"""golive run fails closed: each case here is one where it must not say GO.

A small project of its own (one criterion, a few scenarios whose steps ask a loopback
HTTP server) is run by the real ``golive run`` in a subprocess: a worker killed
mid-scenario, a target that dies mid-run, a missing browser, an interrupted run, a
pytest internal error, a features folder without load or security scenarios.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from golive.cli import commands
from golive.cli.main import CRASH_LOG, ExitCode, main
from golive.errors import SetupError
from golive.gate.history import History
from golive.inputs.config import DEFAULT_BROWSER, Browser
from golive.pytest.browser import check_browser

CATALOG = """\
goals:
  - id: G-T
    title: {zh-CN: 报表按时交付, en: Reports on time}
    metric: reports late per month
    baseline: "5"
    target: "0"
    deadline: 2027-06-30
    owner: 运营总监
criteria:
  - id: AC-T-01
    title: {zh-CN: 平台可以出报表, en: The platform gives reports}
    goal: G-T
    phases: [pilot, rollout, full]
    evidence: [uat]
"""

STEPS = """\
import os
import time

import httpx
from pytest_bdd import given, then, when


@given("the platform answers")
def answers(golive_target):
    httpx.get(golive_target.base_url + "/", timeout=5).raise_for_status()


@when("the worker dies")
def worker_dies():
    os._exit(1)


@when("the platform is switched off")
def switched_off(golive_target):
    httpx.get(golive_target.base_url + "/die", timeout=5)


@when("I wait a long time")
def wait():
    time.sleep(120)


@then("the report is there")
def report(golive_target):
    httpx.get(golive_target.base_url + "/report", timeout=5).raise_for_status()
"""


class Platform(BaseHTTPRequestHandler):
    """A platform that answers every page, and stops answering after ``/die``."""

    def do_GET(self) -> None:
        body = b"ok"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        if self.path == "/die":  # as a process that dies: its port refuses connections
            threading.Thread(target=_die, args=(self.server,), daemon=True).start()

    def log_message(self, *args: object) -> None:
        pass


def _die(server: Any) -> None:
    server.shutdown()
    server.server_close()


@pytest.fixture
def platform() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Platform)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def project(tmp_path: Path, port: int, scenarios: str, conftest_extra: str = "") -> Path:
    (tmp_path / "golive.toml").write_text(
        # no [browser]: the default (the headless shell, else /usr/bin/chromium), as the README says
        f'[golive]\ndefault_target = "local"\n\n[targets.local]\n'
        f'base_url = "http://127.0.0.1:{port}"\n',
        encoding="utf-8",
    )
    (tmp_path / "acceptance.yaml").write_text(CATALOG, encoding="utf-8")
    (tmp_path / "features").mkdir()
    (tmp_path / "features" / "reports.feature").write_text(
        "Feature: Reports\n\n" + scenarios, encoding="utf-8"
    )
    (tmp_path / "conftest.py").write_text(STEPS + conftest_extra, encoding="utf-8")
    return tmp_path


def scenario(name: str, *steps: str, tags: str = "@AC-T-01") -> str:
    return f"  {tags}\n  Scenario: {name}\n" + "".join(f"    {s}\n" for s in steps) + "\n"


GOOD = scenario("a report", "Given the platform answers", "Then the report is there")


def golive(
    folder: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 240
) -> subprocess.CompletedProcess[str]:
    """golive in ``folder``, speaking English whatever the catalog's language."""
    config = str(folder / "golive.toml")
    return subprocess.run(
        [sys.executable, "-m", "golive", "--config", config, "--lang", "en", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
    )


def gate_of(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "reports" / "gate.json").read_text("utf-8"))


def test_a_plain_project_without_load_or_security_scenarios_runs_and_lints_clean(
    tmp_path: Path, platform: ThreadingHTTPServer
) -> None:
    folder = project(tmp_path, platform.server_address[1], GOOD + GOOD.replace("a report", "b"))
    lint = golive(folder, "lint")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    done = golive(folder, "run")
    assert done.returncode == ExitCode.GO, done.stdout[-3000:] + done.stderr[-2000:]
    gate = gate_of(folder)
    assert gate["verdict"] == "GO"
    assert gate["checks"]["expected"] == 2
    assert gate["run_id"] and gate["run_id"] in done.stdout
    assert "security: no scenario" in done.stdout
    assert "INTERNALERROR" not in done.stdout + done.stderr


def test_a_worker_killed_mid_scenario_is_missing_evidence_and_no_go(
    tmp_path: Path, platform: ThreadingHTTPServer
) -> None:
    dies = scenario(
        "a report whose worker dies", "Given the platform answers", "When the worker dies"
    )
    folder = project(tmp_path, platform.server_address[1], GOOD + dies)
    done = golive(folder, "run", "--workers", "2")
    assert done.returncode == ExitCode.NO_GO, done.stdout[-3000:] + done.stderr[-2000:]
    gate = gate_of(folder)
    assert gate["verdict"] == "NO-GO"
    assert [m["name"] for m in gate["missing"]] == ["a report whose worker dies"]
    assert gate["criteria"][0]["status"] == "no_evidence"
    assert "a report whose worker dies" in done.stdout


def test_a_failed_scenario_without_a_criterion_is_no_go(
    tmp_path: Path, platform: ThreadingHTTPServer
) -> None:
    untagged = scenario("an untagged report", "Then the report is broken", tags="@smoke")
    broken = "\n\n@then('the report is broken')\ndef broken():\n    raise AssertionError('x')\n"
    folder = project(tmp_path, platform.server_address[1], GOOD + untagged, broken)
    done = golive(folder, "run")
    assert done.returncode == ExitCode.NO_GO, done.stdout[-3000:]
    gate = gate_of(folder)
    assert gate["criteria"][0]["status"] == "passed"
    assert [u["name"] for u in gate["unattributed"]] == ["an untagged report"]
    assert "name no criterion did not pass" in done.stdout


def test_a_target_that_dies_mid_run_is_no_go_and_said_once(
    tmp_path: Path, platform: ThreadingHTTPServer
) -> None:
    dies = scenario("the platform is switched off", "When the platform is switched off")
    later = "".join(GOOD.replace("a report", f"report {n}") for n in range(6))
    # one worker, so the scenarios run in file order: two pass, then the target dies
    folder = project(tmp_path, platform.server_address[1], GOOD + dies + later)
    done = golive(folder, "run", "--workers", "1")
    assert done.returncode == ExitCode.NO_GO, done.stdout[-3000:] + done.stderr[-2000:]
    gate = gate_of(folder)
    assert gate["environment"].startswith("environment broken: the target stopped answering at")
    assert "after 2 scenario result(s)" in gate["environment"]
    assert gate["criteria"][0]["status"] == "no_evidence"
    assert "ConnectError" not in gate["criteria"][0]["reason"]
    categories = {e.get("category") for e in gate["criteria"][0]["evidence"]}
    assert "environment broken" in categories
    ours = done.stdout.rsplit("\n=====", 1)[-1]  # golive's own words, after pytest's
    assert ours.count("the target stopped answering at") == 1
    assert "ConnectError" not in ours
    page = (folder / "reports" / "gate.html").read_text("utf-8")
    assert "The environment broke during the run" in page


def test_a_missing_browser_is_no_verdict(tmp_path: Path, platform: ThreadingHTTPServer) -> None:
    folder = project(tmp_path, platform.server_address[1], GOOD)
    (folder / "reports").mkdir()
    (folder / "reports" / "gate.json").write_text('{"verdict": "GO"}', encoding="utf-8")
    env = {**os.environ, "GOLIVE_BROWSER": "/nonexistent/chromium"}
    done = golive(folder, "run", env=env)
    assert done.returncode == ExitCode.NO_VERDICT, done.stdout + done.stderr
    assert "the browser /nonexistent/chromium does not exist" in done.stderr
    assert "Traceback" not in done.stderr


def _interruptible() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_an_interrupted_run_leaves_no_old_verdict(
    tmp_path: Path, platform: ThreadingHTTPServer
) -> None:
    slow = scenario("a slow report", "Given the platform answers", "When I wait a long time")
    folder = project(tmp_path, platform.server_address[1], GOOD + slow)
    (folder / "reports").mkdir()
    (folder / "reports" / "gate.json").write_text('{"verdict": "GO"}', encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "golive", "run", "--workers", "1"],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # a shell without job control starts background commands with SIGINT ignored,
        # and an ignored signal stays ignored in every child: Ctrl-C must reach golive
        preexec_fn=_interruptible,
    )
    deadline = time.monotonic() + 90
    while not list((folder / "reports" / "allure-results").glob("*-result.json")):
        assert time.monotonic() < deadline, "the first scenario never finished"
        assert process.poll() is None
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
    out, err = process.communicate(timeout=60)
    assert process.returncode == ExitCode.NO_VERDICT, out[-2000:] + err[-2000:]
    assert "no verdict" in err
    assert not (folder / "reports" / "gate.json").exists()
    assert (folder / "reports" / "previous" / "gate.json").is_file()


def test_a_pytest_internal_error_is_no_verdict(
    tmp_path: Path, platform: ThreadingHTTPServer
) -> None:
    crash = (
        "\n\nimport pytest\n\n\n@pytest.hookimpl(tryfirst=True)\n"
        "def pytest_runtestloop(session):\n"
        "    if not session.config.option.collectonly:\n"
        "        raise RuntimeError('a plugin broke')\n"
    )
    folder = project(tmp_path, platform.server_address[1], GOOD, conftest_extra=crash)
    done = golive(folder, "run", "--workers", "1")
    assert done.returncode == ExitCode.NO_VERDICT, done.stdout[-2000:] + done.stderr[-2000:]
    assert "hit an internal error" in done.stderr
    assert not (folder / "reports" / "gate.json").exists()


def test_no_suite_is_bad_input(tmp_path: Path, platform: ThreadingHTTPServer) -> None:
    folder = project(tmp_path, platform.server_address[1], GOOD)
    done = golive(folder, "run", "--suite", ",")
    assert done.returncode == ExitCode.NO_VERDICT
    assert "no suite named" in done.stderr
    assert not (folder / "reports").exists()


def test_a_bug_in_golive_is_exit_3_with_the_traceback_in_a_log(
    tmp_path: Path,
    platform: ThreadingHTTPServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = project(tmp_path, platform.server_address[1], GOOD)

    def broken(_args: object) -> int:
        return 1 // 0

    monkeypatch.setattr(commands, "lint", broken)  # the parser binds it when main runs
    monkeypatch.chdir(folder)
    assert main(["lint"]) == ExitCode.INTERNAL_ERROR
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "internal error: ZeroDivisionError: integer division or modulo by zero" in err
    assert "This is a bug in golive" in err
    log = folder / "reports" / CRASH_LOG
    assert "Traceback" in log.read_text("utf-8")


def test_an_unwritable_reports_folder_is_no_verdict(
    tmp_path: Path, platform: ThreadingHTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = project(tmp_path, platform.server_address[1], GOOD)
    (folder / "reports").write_text("a file where the reports folder should be", "utf-8")
    assert main(["--config", str(folder / "golive.toml"), "run"]) == ExitCode.NO_VERDICT
    err = capsys.readouterr().err
    assert f"the reports folder {folder / 'reports'} cannot be written" in err


def test_lint_reads_the_approvals_as_run_does(
    tmp_path: Path, platform: ThreadingHTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = project(tmp_path, platform.server_address[1], GOOD)
    (folder / "approvals.yaml").write_text(
        "waivers:\n  - criterion: AC-T-02\n    accepted_by: 王经理\n    reason: r\n"
        "    until: 2027-01-31\n",
        encoding="utf-8",
    )
    config = str(folder / "golive.toml")
    for command in ("lint", "run"):
        assert main(["--config", config, command]) == ExitCode.NO_VERDICT, command
        assert "approvals.yaml:2" in capsys.readouterr().err, command


def test_gate_reconciles_existing_results_and_records_no_run(
    tmp_path: Path, platform: ThreadingHTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    second = GOOD.replace("a report", "another report")
    folder = project(tmp_path, platform.server_address[1], GOOD + second)
    results = folder / "reports" / "allure-results"
    results.mkdir(parents=True)
    # one passing result left for the criterion; the second scenario's was removed
    (results / "1-result.json").write_text(
        json.dumps(
            {
                "name": "a report",
                "status": "passed",
                "stop": 1,
                "labels": [
                    {"name": "tag", "value": "AC-T-01"},
                    {"name": "check", "value": "features/reports.feature:4"},
                ],
            }
        ),
        encoding="utf-8",
    )
    # the run that wrote them ran only the UAT suite: golive gate takes that as its default
    facts = {"run": "20261201-140000-beef", "phase": "pilot", "suites": "uat"}
    (folder / "reports" / "run.json").write_text(json.dumps(facts), encoding="utf-8")
    config = str(folder / "golive.toml")
    assert main(["--config", config, "gate"]) == ExitCode.NO_GO
    assert gate_of(folder)["run_id"] == "20261201-140000-beef"
    out = capsys.readouterr().out
    # in the catalog's language, as no --lang says otherwise
    assert "1 个选中的检查没有给出结果：'another report' (features/reports.feature:9)" in out
    assert History(folder / "reports" / "history.sqlite").runs() == ()


def test_the_browser_check_starts_chromium_even_inside_an_asyncio_loop() -> None:
    errors: list[BaseException] = []

    async def check(executable: str) -> None:
        check_browser(Browser(executable))

    def in_a_loop(executable: str) -> None:
        # a thread of its own: this test process may already have a loop of its own
        try:
            asyncio.run(check(executable))
        except BaseException as exc:
            errors.append(exc)

    for executable in (DEFAULT_BROWSER, "/nonexistent/chromium"):
        thread = threading.Thread(target=in_a_loop, args=(executable,))
        thread.start()
        thread.join(timeout=120)
    assert len(errors) == 1  # Playwright's sync API refusing the running loop would be two
    assert isinstance(errors[0], SetupError)
    assert "does not exist or cannot be run" in str(errors[0])
