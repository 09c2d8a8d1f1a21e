"""Allure HTML report build time (multi-file and single-file) for many results.

Run: .venv/bin/python bench/report_build.py [--sizes 1000]
"""

from __future__ import annotations

import argparse
import dataclasses
import tempfile
import time
from pathlib import Path

from gate_scale import write_results

from golive.inputs.catalog import load_catalog
from golive.inputs.config import load_config
from golive.report.build import build_report

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000")
    args = parser.parse_args()
    config = load_config(ROOT / "golive.toml")
    criteria = [c.id for c in load_catalog(config.catalog).required("pilot")]
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            results = Path(tmp) / "allure-results"
            results.mkdir()
            write_results(results, size, criteria)
            reports = Path(tmp) / "reports"
            started = time.perf_counter()
            build_report(dataclasses.replace(config, reports=reports), results)
            elapsed = time.perf_counter() - started
            single = (reports / "allure-report" / "single" / "index.html").stat().st_size
        print(
            f"{size:>6} results: report built in {elapsed:.1f} s "
            f"(single file {single / 1e6:.1f} MB)"
        )


if __name__ == "__main__":
    main()
