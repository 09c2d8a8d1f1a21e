"""The whole UAT suite against the sandbox with two browser workers, as `golive run` does it.

Target (bench/README.md): at most 0.6 of the time the suite took before issue 15 (the
login reuse and the headless shell), on the same machine. The machine is noisy, so the
two are measured in one run, alternately: this checkout, and a copy of ``--baseline``
(a commit; its own golive, sandbox and golive.toml, run with this interpreter).

Run: .venv/bin/python bench/uat_suite.py [--rounds 2] [--baseline 2c82356 | --baseline none]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = "2c82356"
"""The last commit before issue 15: a login through the page for every scenario, and
Debian's full Chromium."""


def checkout(rev: str, where: Path) -> tuple[Path, dict[str, str]]:
    """``rev`` of this repository unpacked in ``where``, and the environment that makes
    its golive and its sandbox the ones imported (as bench/mutants/run.py does)."""
    project = where / "project"
    project.mkdir()
    archive = where / "rev.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "archive", rev], cwd=ROOT, stdout=out, check=True)  # noqa: S607
    with tarfile.open(archive) as tar:
        tar.extractall(project, filter="data")
    (project / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    (where / "path").mkdir()
    (where / "path" / "golive_sandbox").symlink_to(project / "sandbox", target_is_directory=True)
    paths = [str(where / "path"), str(project / "src")]
    return project, {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


def golive_run(project: Path, env: dict[str, str], *args: str) -> tuple[float, str]:
    """Seconds of a whole ``golive run``, and what it printed; SystemExit if it gave no
    verdict (a time without one measures nothing)."""
    started = time.perf_counter()
    process = subprocess.run(
        [sys.executable, "-m", "golive", "run", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if process.returncode not in {0, 1}:  # GO or NO-GO; anything else is no verdict
        raise SystemExit(
            f"{project}: golive run exited {process.returncode}:\n{process.stdout[-2000:]}"
            f"{process.stderr[-2000:]}"
        )
    return elapsed, process.stdout


def suite_seconds(output: str, suite: str) -> float | None:
    """The seconds ``golive run`` said a suite took (``uat: 61 s``, ``uat：用时 61 秒``)."""
    said = re.search(rf"^{suite}[:：].*?(\d+) (?:s|秒)", output, re.MULTILINE)
    return float(said.group(1)) if said else None


def tally(output: str) -> str:
    """The line of ``golive run``'s checks by outcome (``UAT: 92 results: 92 passed``)."""
    found = re.search(r"^.*(?:passed|通过) \d+.*$", output, re.MULTILINE)
    return found.group(0).strip() if found else "no tally"


def uat_run(project: Path, env: dict[str, str]) -> tuple[float, float | None, str]:
    """Seconds of the whole ``golive run --suite uat``, seconds its suite said, the tally."""
    elapsed, output = golive_run(project, env, "--suite", "uat")
    return elapsed, suite_seconds(output, "uat"), tally(output)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--baseline", default=BASELINE, help="a commit, or 'none'")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="golive-bench-") as tmp:
        sides = {"this checkout": (ROOT, dict(os.environ))}
        if args.baseline != "none":
            sides[f"baseline {args.baseline}"] = checkout(args.baseline, Path(tmp))
        times: dict[str, list[float]] = {name: [] for name in sides}
        for round_ in range(1, args.rounds + 1):
            for name, (project, env) in reversed(sides.items()):
                elapsed, suite, tally = uat_run(project, env)
                times[name].append(elapsed)
                said = f"suite {suite:.0f} s" if suite is not None else "suite ?"
                print(f"round {round_} {name:>18}: {elapsed:6.1f} s ({said}); {tally}")
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, value in medians.items():
        print(f"median {name:>18}: {value:6.1f} s")
    if len(medians) == 2:
        now, before = medians.values()
        print(f"ratio this / baseline: {now / before:.2f} (target: at most 0.60)")


if __name__ == "__main__":
    main()
