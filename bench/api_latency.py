"""API list and search latency on the sandbox with concurrent users on loopback.

Target (bench/README.md): p95 under 50 ms with 20 concurrent users.
Run: .venv/bin/python bench/api_latency.py [--users 20] [--seconds 10]
Each user is a thread with its own keep-alive connection and bearer token; it cycles
through the lead list, a lead search, the customer list and the order list, waiting
--think seconds between requests (0, the default, measures saturation).
"""

from __future__ import annotations

import argparse
import secrets
import statistics
import threading
import time

import httpx

from golive.run.target import serve_sandbox

REQUESTS = (
    ("leads list", "/api/leads?page={page}"),
    ("leads search", "/api/leads?q={term}"),
    ("customers list", "/api/customers?page={page}"),
    ("orders list", "/api/orders?page={page}"),
)
TERMS = ("王", "科技", "138", "有限公司", "李")


def user(base_url: str, token: str, stop: float, out: dict[str, list[float]], think: float) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base_url, headers=headers, timeout=10) as client:
        n = 0
        while time.monotonic() < stop:
            name, path = REQUESTS[n % len(REQUESTS)]
            url = path.format(page=1 + n % 10, term=TERMS[n % len(TERMS)])
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
            response.raise_for_status()
            out[name].append(elapsed)
            n += 1
            time.sleep(think)


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="seconds each user waits between requests (0: saturation)",
    )
    args = parser.parse_args()
    password = secrets.token_urlsafe(12)
    with serve_sandbox(passwords={"manager": password}) as sandbox:
        token = httpx.post(
            f"{sandbox.base_url}/api/token", json={"username": "manager", "password": password}
        ).json()["token"]
        out: dict[str, list[float]] = {name: [] for name, _ in REQUESTS}
        stop = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=user, args=(sandbox.base_url, token, stop, out, args.think))
            for _ in range(args.users)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    every = [t for values in out.values() for t in values]
    print(
        f"API latency, {args.users} concurrent users, think time {args.think:g} s, "
        f"{args.seconds:.0f} s, "
        f"{len(every)} requests ({len(every) / args.seconds:.0f}/s):"
    )
    for name, values in [*out.items(), ("all", every)]:
        p50, p95, p99 = (percentile(values, q) * 1000 for q in (50, 95, 99))
        print(
            f"  {name:<15} n={len(values):>6} p50={p50:6.1f} ms p95={p95:6.1f} ms p99={p99:6.1f} ms"
        )
    print(f"target: p95 < 50 ms -> {'met' if percentile(every, 95) < 0.05 else 'MISSED'}")


if __name__ == "__main__":
    main()
