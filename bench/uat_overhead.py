"""golive's overhead per scenario against plain pytest-bdd + Playwright doing the same clicks.

Target (bench/README.md): golive at most 10% slower per scenario.
Run: .venv/bin/python bench/uat_overhead.py [--rounds 3]
Both suites run serially (one worker) against one sandbox, in the browser golive.toml
gives, and both log in once (golive's kept login; a storage state on the plain side); the
time per scenario is the mean of the JUnit test times (setup, call and teardown of each
scenario), so browser start-up and collection, paid once per session, are left out.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from golive.inputs.config import load_config
from golive.run.target import open_target

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).parent / "overhead"


def per_scenario(command: list[str], env: dict[str, str], cwd: Path) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        junit = Path(tmp) / "junit.xml"
        subprocess.run(
            [*command, f"--junitxml={junit}", "-q", "-p", "no:cacheprovider"],
            env=env,
            cwd=cwd,
            check=True,
            capture_output=True,
        )
        times = [float(case.get("time", 0)) for case in ET.parse(junit).iter("testcase")]  # noqa: S314
    return statistics.mean(times)


PAIRS = (
    (
        "with failure evidence (golive's default: a trace recorded, kept with a screenshot "
        "on failure; plain: --tracing retain-on-failure --screenshot only-on-failure)",
        ["--tracing", "retain-on-failure", "--screenshot", "only-on-failure"],
        True,
    ),
    ("bare (golive: [browser] trace = false; plain: pytest-playwright's defaults)", [], False),
)
"""The two comparisons: the same evidence on both sides, and none on either."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    config = load_config(ROOT / "golive.toml")
    os.environ.setdefault("GOLIVE_SANDBOX_SALES_PASSWORD", secrets.token_urlsafe(12))
    with tempfile.TemporaryDirectory() as tmp, open_target(config.target("sandbox")) as running:
        untraced = Path(tmp) / "golive.toml"
        shipped = (ROOT / "golive.toml").read_text("utf-8")
        text = re.sub(r"(?m)^trace = true\b", "trace = false", shipped)
        if text == shipped:
            raise SystemExit("golive.toml no longer says trace = true: cannot switch it off")
        untraced.write_text(text, "utf-8")
        env = {
            **running.child_env(),
            "BENCH_BASE_URL": running.base_url,
            "BENCH_BROWSER": config.browser.executable or "playwright",
        }
        plain_cmd = [
            *(sys.executable, "-m", "pytest", str(HERE / "plain"), "-p", "no:golive"),
            *("--rootdir", str(HERE / "plain")),
        ]
        golive_cmd = [
            *(sys.executable, "-m", "pytest", str(HERE / "golive" / "lead.feature")),
            *("--rootdir", str(ROOT), "--golive-url", running.base_url),
        ]
        rounds = f"median of {args.rounds} rounds of 10 scenarios"
        print(f"per scenario, {rounds}, in {config.browser.executable}:")
        for title, plain_args, traced in PAIRS:
            golive_args = [] if traced else ["--golive-config", str(untraced)]
            plain, golive = [], []
            for _ in range(args.rounds):
                plain.append(per_scenario([*plain_cmd, *plain_args], env, HERE / "plain"))
                golive.append(per_scenario([*golive_cmd, *golive_args], env, ROOT))
            p, g = statistics.median(plain), statistics.median(golive)
            print(f"  {title}")
            print(f"    plain pytest-bdd + Playwright  {p * 1000:7.0f} ms")
            print(f"    golive generic steps           {g * 1000:7.0f} ms")
            print(f"    overhead {100 * (g / p - 1):+.1f}% (target: at most +10%)")


if __name__ == "__main__":
    main()
