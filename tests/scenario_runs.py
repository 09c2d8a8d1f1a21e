"""Running the feature files against a sandbox from golive's own tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from golive.run.target import RunningTarget

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Run:
    returncode: int
    output: str
    outcomes: dict[str, dict[str, str]]

    def failed(self) -> dict[str, str]:
        """Scenario id -> message, for every scenario that did not pass."""
        return {k: v["message"] for k, v in self.outcomes.items() if v["status"] != "passed"}


def with_recorder(env: dict[str, str]) -> dict[str, str]:
    """``env`` with tests/ on PYTHONPATH, for ``-p outcome_recorder``."""
    paths = [str(ROOT / "tests"), *filter(None, [env.get("PYTHONPATH")])]
    return {**env, "PYTHONPATH": os.pathsep.join(paths)}


def run_features(
    running: RunningTarget, paths: list[str], tmp: Path, *args: str, rootdir: Path = ROOT
) -> Run:
    """Run feature files with pytest against ``running``; every scenario's outcome back."""
    outcomes = tmp / "outcomes.json"
    command = [
        sys.executable,
        "-m",
        "pytest",
        *paths,
        "-p",
        "no:cacheprovider",
        "--rootdir",
        str(rootdir),
        "--golive-config",
        str(ROOT / "golive.toml"),
        "--golive-url",
        running.base_url,
        "-p",
        "outcome_recorder",
        "--outcomes",
        str(outcomes),
        "--output",
        str(tmp / "playwright"),
        *args,
    ]
    process = subprocess.run(
        command,
        cwd=rootdir,
        env=with_recorder(running.child_env()),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    rows = json.loads(outcomes.read_text("utf-8")) if outcomes.exists() else []
    return Run(process.returncode, process.stdout + process.stderr, {r["nodeid"]: r for r in rows})


def golive(
    project: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The golive command line, run in ``project`` (with ``env`` when given)."""
    return subprocess.run(
        [sys.executable, "-m", "golive", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
