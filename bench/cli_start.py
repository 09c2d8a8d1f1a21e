"""How fast the command line answers: ``golive --help``, ``golive lint`` on the sandbox
project, and ``golive init`` to a clean ``golive lint`` on a platform golive has never seen
(the Flask-AppBuilder CRM of the tests).

Targets (bench/README.md): ``--help`` under 0.3 s; lint of the sandbox project under 3 s;
init to a clean lint under 10 s.
Run: .venv/bin/python bench/cli_start.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "platforms"))

from fab_platform import serve_fab  # noqa: E402  (a test helper, found by the path above)

GOLIVE = [sys.executable, "-m", "golive"]


def timed(*args: str, cwd: Path | None = None) -> float:
    """Seconds one golive command takes, start to exit; it must succeed."""
    started = time.perf_counter()
    subprocess.run([*GOLIVE, *args], cwd=cwd, check=True, capture_output=True, timeout=300)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    helps = [timed("--help") for _ in range(args.runs)]
    print(
        f"golive --help: runs={args.runs} median={statistics.median(helps):.2f}s "
        f"max={max(helps):.2f}s (target < 0.3 s)"
    )
    lints = [timed("lint", cwd=ROOT) for _ in range(args.runs)]
    print(
        f"golive lint on the sandbox project: runs={args.runs} "
        f"median={statistics.median(lints):.2f}s max={max(lints):.2f}s (target < 3 s)"
    )
    rounds = []
    with serve_fab() as fab, tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            project = Path(tmp) / f"fab{run}"
            started = time.perf_counter()
            timed("init", str(project), "--url", fab.url("/"), "--lang", "en")
            timed("lint", cwd=project)
            rounds.append(time.perf_counter() - started)
    print(
        f"golive init + golive lint on the FAB CRM: runs={args.runs} "
        f"median={statistics.median(rounds):.2f}s max={max(rounds):.2f}s (target < 10 s)"
    )


if __name__ == "__main__":
    main()
