"""The full pilot run against the sandbox, as the README's first command ends: every
suite (UAT, security, the 60 s pilot load), the gate and the reports.

Target (bench/README.md): under 110 s on the 2-core reference machine.
Run: .venv/bin/python bench/pilot_run.py [--runs 1]
"""

from __future__ import annotations

import argparse
import os

from uat_suite import ROOT, golive_run, suite_seconds

SUITES = ("uat", "security", "load")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    for run in range(1, args.runs + 1):
        elapsed, output = golive_run(ROOT, dict(os.environ))
        suites = {suite: suite_seconds(output, suite) for suite in SUITES}
        parts = ", ".join(
            f"{suite} {seconds:.0f} s" for suite, seconds in suites.items() if seconds is not None
        )
        rest = elapsed - sum(s for s in suites.values() if s is not None)
        verdict = next((line for line in output.splitlines() if "GO" in line), "no verdict")
        print(
            f"run {run}: {elapsed:.1f} s ({parts}, the rest {rest:.0f} s: input checks, "
            f"sandbox start, gate, reports); {verdict.strip()} (target < 110 s)"
        )


if __name__ == "__main__":
    main()
