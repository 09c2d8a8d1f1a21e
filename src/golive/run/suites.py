"""Running a suite of checks against a target, each suite in a pytest process of its own.

A crash in a suite cannot take golive down with it; what the suite proved is only what
its Allure results say, and the gate reconciles them with the library, so a check that
ended without a result is missing, never a pass.
"""

from __future__ import annotations

import subprocess  # nosec B404
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from golive.errors import SuiteError
from golive.inputs.config import Config
from golive.inputs.lint import Finding, read_step_findings
from golive.run import SUITES
from golive.run.target import RunningTarget

AVAILABLE_SUITES = SUITES


def selection(suite: str, phase: str) -> str:
    """The pytest marker expression that picks a suite's scenarios from features/.

    Load and security scenarios carry a ``@load`` or ``@security`` tag; every other
    scenario is UAT, but for the ``@manual`` ones, which people try (their recorded results
    are the evidence). Load scenarios also carry the phase whose shape they play
    (``@pilot``), so a pilot run never plays the full go-live load.
    """
    if suite == "uat":
        return "not load and not security and not manual"
    if suite == "load":
        return f"load and {phase}"
    return suite


# pytest's exit codes that mean the suite could not run its scenarios (pytest.ExitCode):
# no verdict can come of such a run, whatever results it left
_PYTEST_BROKEN = {
    2: "was interrupted",
    3: "hit an internal error",
    4: "was called wrongly",
}


@dataclass(frozen=True)
class SuiteRun:
    """A suite's pytest process that ran to the end; its evidence is in the Allure results."""

    suite: str
    exit_code: int
    seconds: float


def pytest_command(config: Config) -> list[str]:
    """pytest on the project's feature files, in this interpreter, with its golive.toml."""
    return [
        sys.executable,
        "-m",
        "pytest",
        str(config.features),
        "--rootdir",
        str(config.root),
        "-p",
        "no:cacheprovider",
        "--golive-config",
        str(config.path),
    ]


def run_suite(
    suite: str,
    config: Config,
    running: RunningTarget,
    *,
    phase: str = "pilot",
    workers: int = 1,
    pytest_args: Sequence[str] = (),
    marker: str | None = None,
    results: Path | None = None,
) -> SuiteRun:
    """Run one suite's scenarios against ``running`` in a pytest process of its own.

    Its evidence is the Allure results it writes, nothing else: the gate reconciles them
    with the library, so a scenario that ended without a result is missing, not lost.
    A pytest that could not run the scenarios at all (internal error, wrong usage,
    interrupted) raises SuiteError: no verdict. ``marker`` chooses other scenarios than
    the suite's (``smoke`` for golive watch), ``results`` another results folder.
    """
    reports = config.reports
    reports.mkdir(parents=True, exist_ok=True)
    command = [
        *pytest_command(config),
        "-m",
        marker or selection(suite, phase),
        "--golive-target",
        running.target.name,
        "--golive-url",
        running.base_url,
        "--alluredir",
        str(results or reports / "allure-results"),
        # pytest-playwright empties its --output folder at start: never reports/ itself;
        # failure screenshots and traces go to the Allure result (conftest.py)
        "--output",
        str(reports / "playwright"),
        "-v",
    ]
    # load scenarios run one at a time: two loads at once would measure each other
    if workers > 1 and suite != "load":
        command += ["-n", str(workers)]
    command += list(pytest_args)
    started = time.monotonic()
    process = subprocess.run(  # our interpreter, our arguments  # noqa: S603  # nosec B603
        command, cwd=config.root, env=running.child_env(), check=False
    )
    if process.returncode in _PYTEST_BROKEN:
        raise SuiteError(
            f"the {suite} suite {_PYTEST_BROKEN[process.returncode]} "
            f"(pytest exit code {process.returncode}); see its output above"
        )
    return SuiteRun(suite, process.returncode, time.monotonic() - started)


@contextmanager
def collecting_steps(config: Config) -> Iterator[Callable[[], list[Finding]]]:
    """Start the pytest collection that finds the steps no definition matches (nothing
    runs), and give the function that waits for its findings: the caller checks its
    other inputs meanwhile. A caller that leaves early stops the collection."""
    with tempfile.TemporaryDirectory(prefix="golive-lint-") as tmp:
        out = Path(tmp) / "steps.json"
        command = [
            *pytest_command(config),
            "--collect-only",
            "-q",
            # a collection needs neither rewritten asserts nor Faker's plugin, which
            # together cost a second where Python may not cache bytecode
            "--assert=plain",
            "-p",
            "no:faker",
            "--golive-lint",
            str(out),
        ]
        process = subprocess.Popen(  # our interpreter, our arguments  # noqa: S603  # nosec B603
            command,
            cwd=config.root,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

        def findings() -> list[Finding]:
            output, _ = process.communicate()
            if process.returncode == pytest.ExitCode.NO_TESTS_COLLECTED:
                return []  # nothing to lint; running it is what fails closed
            if process.returncode != 0 or not out.exists():
                # a collection error is bad input: show pytest's own account of it
                raise SuiteError(f"collecting the scenarios failed:\n{output.strip()[-3000:]}")
            return read_step_findings(out)

        try:
            yield findings
        finally:
            if process.returncode is None:  # the caller left before the findings
                process.kill()
                process.communicate()
