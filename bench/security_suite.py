"""The whole security suite (every @security scenario, zh-CN and en) against a fresh sandbox.

Prints the wall time of the pytest run, the requests the probes sent (from each
scenario's security log in the Allure results) and the slowest scenarios, with and
without a fault, and the requests of each probe against the budget of one probe run
(max_requests in golive.toml). Target (bench/README.md): under 30 s on the 2-core
reference machine, every probe within its budget.
Run: .venv/bin/python bench/security_suite.py [--runs 1] [--fault sql_injection]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from golive.inputs.config import load_config
from golive.run.target import open_target

ROOT = Path(__file__).resolve().parents[1]
FEATURES = ["features/security", "features/en/security.feature"]


def run_once(fault: str | None) -> None:
    sandbox = load_config(ROOT / "golive.toml").target("sandbox")
    with (
        tempfile.TemporaryDirectory() as tmp,
        open_target(sandbox, faults=[fault] if fault else []) as running,
    ):
        results = Path(tmp) / "allure-results"
        started = time.perf_counter()
        process = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                *FEATURES,
                "-m",
                "security",
                "-q",
                "-p",
                "no:cacheprovider",
                "--golive-url",
                running.base_url,
                "--alluredir",
                str(results),
            ],
            cwd=ROOT,
            env=running.child_env(),
            capture_output=True,
            text=True,
            check=False,
        )
        elapsed = time.perf_counter() - started
        logs = []
        for path in results.glob("*-attachment.json"):
            data = json.loads(path.read_text("utf-8"))
            if isinstance(data, dict) and "probe" in data:
                logs.append(data)
        requests = sum(log["requests"] for log in logs)
        summary = process.stdout.strip().splitlines()[-1] if process.stdout.strip() else ""
        budget = sandbox.security.max_requests
        print(
            f"{fault or 'clean'}: {elapsed:.1f} s, {requests} requests by the probes in "
            f"{len(logs)} scenarios, exit {process.returncode} ({summary}) (target < 30 s; "
            f"budget {budget} requests per probe run)"
        )
        for log in sorted(logs, key=lambda log: -log["requests"]):
            within = "within budget" if log["requests"] <= budget else "OVER BUDGET"
            print(
                f"    {log['seconds']:6.2f} s  {log['requests']:4d} requests  {within}  "
                f"{log['probe']} ({log.get('check', '')})"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--fault", default=None, help="a sandbox fault to switch on")
    args = parser.parse_args()
    for _ in range(args.runs):
        run_once(args.fault)


if __name__ == "__main__":
    main()
