"""A pytest plugin for golive's own tests: each test's outcome, written as JSON.

Loaded with ``-p outcome_recorder --outcomes FILE`` (tests/ on PYTHONPATH); golive itself
reads only the Allure results.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class Outcome:
    """How one test ended, as the run summary shows it."""

    nodeid: str
    status: str  # passed, failed, error or skipped
    duration: float
    message: str


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--outcomes", metavar="FILE", help="write each test's outcome to FILE")


def pytest_configure(config: pytest.Config) -> None:
    path = config.getoption("outcomes")
    # Under xdist the controller sees every worker's reports: only it records and
    # writes the file, so the workers do not overwrite each other's.
    if path and not hasattr(config, "workerinput"):
        config.pluginmanager.register(OutcomeRecorder(Path(path)), "outcome-recorder")


class OutcomeRecorder:
    """Collects each test's outcome and writes them as JSON when the session ends."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.outcomes: dict[str, Outcome] = {}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when != "call" and report.outcome == "passed":
            return
        previous = self.outcomes.get(report.nodeid)
        if previous is not None and previous.status in {"failed", "error"}:
            return  # a failed call followed by a failed teardown stays a failure
        status: str
        if report.when == "call":
            status = report.outcome
        else:
            status = "skipped" if report.skipped else "error"
        crash = getattr(report.longrepr, "reprcrash", None)
        message = getattr(crash, "message", "")
        if not message and isinstance(report.longrepr, tuple):
            message = str(report.longrepr[-1])  # a skip: (file, line, reason)
        self.outcomes[report.nodeid] = Outcome(report.nodeid, status, report.duration, message)

    def pytest_sessionfinish(self) -> None:
        rows = [asdict(o) for o in self.outcomes.values()]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
