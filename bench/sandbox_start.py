"""How long the sandbox takes from process start until /health answers, seeded data included.

Target (bench/README.md): under 2 s on the 2-core reference machine.
Run: .venv/bin/python bench/sandbox_start.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import time

from golive.run.target import serve_sandbox


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        with serve_sandbox():
            times.append(time.perf_counter() - started)
    print(
        f"sandbox start until /health: runs={args.runs} "
        f"median={statistics.median(times):.2f}s max={max(times):.2f}s (target < 2 s)"
    )


if __name__ == "__main__":
    main()
