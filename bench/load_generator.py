"""Load-generator efficiency: the requests per second golive's load run reaches, against
plain ``locust`` with the same locustfile and against ``wrk``, as ratios from one run.

The target is bench/load/static_server.py, a fixed answer with no framework, so the
generator and not the server is the limit. Rounds alternate golive and plain Locust and
the medians are compared. Goal (bench/README.md): golive within 5% of plain Locust.
Run: .venv/bin/python bench/load_generator.py [--users 50] [--seconds 15] [--rounds 3]
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from golive.inputs.config import load_config
from golive.inputs.shapes import Shape
from golive.load.performance import read_locust
from golive.load.runner import run_load
from golive.run.target import RunningTarget, free_port

ROOT = Path(__file__).resolve().parents[1]
LOCUSTFILE = ROOT / "bench" / "load" / "locustfile.py"


def plain_locust(url: str, users: int, seconds: int, out: Path) -> float:
    prefix = out / "plain"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(LOCUSTFILE),
            "--headless",
            "-u",
            str(users),
            "-r",
            str(users),
            "-t",
            f"{seconds}s",
            "--host",
            url,
            "--json-file",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        check=True,
        capture_output=True,
    )
    return read_locust(prefix).value("rps")


def golive_load(url: str, users: int, seconds: int, out: Path) -> float:
    config = load_config(ROOT / "golive.toml")
    settings = dataclasses.replace(config.load, profile=LOCUSTFILE)
    target = dataclasses.replace(
        config.target("sandbox"), name="static", sandbox=False, base_url=url, allow_load=True
    )
    shape = Shape("bench", users=users, spawn_rate=float(users), seconds=seconds)
    run = run_load(
        settings, RunningTarget(target, url), shape, out / "golive", progress=lambda _: None
    )
    return run.measurements.value("rps")


def wrk(url: str, users: int, seconds: int) -> float | None:
    if shutil.which("wrk") is None:
        return None
    wrk_path = shutil.which("wrk")
    assert wrk_path is not None
    done = subprocess.run(
        [wrk_path, "-t1", f"-c{users}", f"-d{seconds}s", url],
        check=True,
        capture_output=True,
        text=True,
    )
    found = re.search(r"Requests/sec:\s+([\d.]+)", done.stdout)
    return float(found.group(1)) if found else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "load" / "static_server.py"), str(port)]
    )
    try:
        for _ in range(100):
            try:
                httpx.get(url, timeout=0.5)
                break
            except httpx.TransportError:
                time.sleep(0.05)
        plain, ours = [], []
        with tempfile.TemporaryDirectory() as tmp:
            for round_ in range(1, args.rounds + 1):
                ours.append(golive_load(url, args.users, args.seconds, Path(tmp)))
                plain.append(plain_locust(url, args.users, args.seconds, Path(tmp)))
                print(f"round {round_}: golive {ours[-1]:,.0f} req/s, ", end="")
                print(f"plain locust {plain[-1]:,.0f} req/s")
        yardstick = wrk(url, args.users, args.seconds)
    finally:
        server.terminate()
        server.wait()
    golive_rps, plain_rps = statistics.median(ours), statistics.median(plain)
    print(
        f"{args.users} users, {args.seconds} s, median of {args.rounds} rounds, one Locust process:"
    )
    print(f"  golive load run   {golive_rps:9,.0f} req/s")
    print(f"  plain locust      {plain_rps:9,.0f} req/s")
    if yardstick is not None:
        print(f"  wrk (1 thread)    {yardstick:9,.0f} req/s")
    ratio = golive_rps / plain_rps
    verdict = "met" if ratio >= 0.95 else "missed"
    print(f"golive / plain locust = {ratio:.3f} (goal >= 0.95: {verdict})")
    if yardstick is not None:
        print(f"plain locust / wrk = {plain_rps / yardstick:.3f}; ", end="")
        print(f"golive / wrk = {golive_rps / yardstick:.3f}")


if __name__ == "__main__":
    main()
