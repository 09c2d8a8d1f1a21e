"""The gate over many Allure result files: read, newest-per-check, judge, write outputs.

Target: 50,000 results under 3 s, the cost per 1,000 results flat from 10,000 on (linear).
Run: .venv/bin/python bench/gate_scale.py [--sizes 1000,10000,50000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import tempfile
import time
import uuid
from pathlib import Path

from golive.evidence.records import read_results
from golive.gate.verdict import evaluate
from golive.inputs.catalog import load_catalog
from golive.inputs.library import ExpectedCheck
from golive.report.outputs import write_gate

ROOT = Path(__file__).resolve().parents[1]


def write_results(folder: Path, count: int, criteria: list[str]) -> None:
    """``count`` results like allure-pytest-bdd's, a tenth of them reruns of another."""
    for i in range(count):
        check = i if i % 10 else i - 1  # every tenth result reruns the check before it
        data = {
            "name": f"场景 {check}",
            "status": "passed",
            "historyId": f"h{check}",
            "start": 1_700_000_000_000 + i,
            "stop": 1_700_000_000_100 + i,
            "labels": [
                {"name": "tag", "value": criteria[check % len(criteria)]},
                {"name": "feature", "value": "bench"},
                {"name": "check", "value": f"features/bench.feature:{check}"},
            ],
            "steps": [{"name": f"假如 第 {n} 步", "status": "passed"} for n in range(5)],
        }
        (folder / f"{uuid.uuid4()}-result.json").write_text(json.dumps(data, ensure_ascii=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    args = parser.parse_args()
    catalog = load_catalog(ROOT / "acceptance.yaml")
    criteria = [c.id for c in catalog.required("pilot")]
    print(f"{'results':>8} {'read':>8} {'judge':>8} {'write':>8} {'total':>8}  per 1,000")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "allure-results"
            folder.mkdir()
            write_results(folder, size, criteria)
            # every scenario of the library is expected: the gate reconciles them all. Made
            # before the clock starts, as golive run reads the library before the suites run
            expected = [
                ExpectedCheck(
                    f"features/bench.feature:{i}",
                    f"场景 {i}",
                    "uat",
                    (criteria[i % len(criteria)],),
                    f"features/bench.feature:{i}",
                )
                for i in range(size)
                if i % 10
            ]
            t0 = time.perf_counter()
            evidence = read_results(folder)
            t1 = time.perf_counter()
            result = evaluate(
                catalog,
                evidence,
                phase="pilot",
                target="bench",
                today=dt.date.today(),
                expected=expected,
            )
            t2 = time.perf_counter()
            write_gate(result, catalog, Path(tmp) / "reports")
            t3 = time.perf_counter()
        total = t3 - t0
        print(
            f"{size:>8} {t1 - t0:>7.2f}s {t2 - t1:>7.2f}s {t3 - t2:>7.2f}s {total:>7.2f}s  "
            f"{total / size * 1000:.3f}s   verdict {result.verdict}"
        )


if __name__ == "__main__":
    main()
