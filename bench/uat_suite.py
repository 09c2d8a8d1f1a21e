"""The whole UAT suite against the sandbox with two browser workers, as `golive run` does it.

Target (bench/README.md): under 90 s on the 2-core reference machine.
Run: .venv/bin/python bench/uat_suite.py [--runs 1]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    for run in range(1, args.runs + 1):
        started = time.perf_counter()
        process = subprocess.run(
            [sys.executable, "-m", "golive", "run", "--suite", "uat"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        elapsed = time.perf_counter() - started
        summary = next(
            (line for line in process.stdout.splitlines() if line.startswith("uat:")), "no summary"
        )
        print(f"run {run}: {elapsed:.1f} s, exit {process.returncode}, {summary} (target < 90 s)")


if __name__ == "__main__":
    main()
