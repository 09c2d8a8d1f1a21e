"""The mutation benchmark: how many hand-written defects of the sandbox the suites catch.

Each mutant of ``bench/mutants/mutants.toml`` is a small realistic defect (none a fault
switch): one exact piece of a sandbox file replaced. For each, a scratch copy of the
project is made, the mutant applied there, and the suites that could catch it run
against a sandbox started from that copy, as pytest runs them for ``golive run``. A
mutant is killed when a scenario fails (its run stops at the first failure), survives
when every scenario passes.

The clean project runs first, every chosen suite: a scenario failing on the clean
sandbox would kill every mutant for nothing, so the benchmark stops there (exit 2).

Run: ``make mutants`` or ``.venv/bin/python bench/mutants/run.py [--only M01,M07]
[--suites uat,security] [--workers 2]``. Prints each mutant's outcome and time, then
killed / total, each survivor with its description, and the whole time.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MUTANTS = Path(__file__).with_name("mutants.toml")
COPIED_NOT = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "reports", "tests", "bench", "__pycache__", ".*_cache"
)
SELECTION = {"uat": "not load and not security", "security": "security and not load"}
SANDBOX = "golive_sandbox"
SEED = "20261203"
"""One seed of the generated test data for every run: a mutant meets the same data."""


@dataclass(frozen=True)
class Mutant:
    id: str
    description: str
    file: str
    find: str
    replace: str
    suites: tuple[str, ...] = ()
    """The suites that could catch it, when not the benchmark's own choice."""


@dataclass(frozen=True)
class Outcome:
    mutant: Mutant | None
    killed: bool
    seconds: float
    failed: tuple[str, ...]
    broken: str = ""


def load(path: Path = MUTANTS) -> list[Mutant]:
    """The mutants, each checked to apply: its text found exactly once in its file."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    mutants = [
        Mutant(
            id=str(m["id"]),
            description=str(m["description"]),
            file=str(m["file"]),
            find=str(m["find"]),
            replace=str(m["replace"]),
            suites=tuple(m.get("suites", ())),
        )
        for m in data.get("mutant", [])
    ]
    for mutant in mutants:
        source = (ROOT / mutant.file).read_text(encoding="utf-8")
        count = source.count(mutant.find)
        if count != 1:
            raise SystemExit(
                f"{path.name}: mutant {mutant.id}: its find text occurs {count} times in "
                f"{mutant.file}, not once"
            )
    return mutants


def scratch_copy(where: Path, mutant: Mutant | None) -> Path:
    """The project copied to ``where``, with ``mutant`` applied; ``where/path`` holds
    its sandbox as the ``golive_sandbox`` package, for PYTHONPATH to put before the
    installed one (an editable install maps that name to this repository's sandbox/)."""
    project = where / "project"
    shutil.copytree(ROOT, project, ignore=COPIED_NOT)
    if mutant is not None:
        target = project / mutant.file
        source = target.read_text(encoding="utf-8")
        target.write_text(source.replace(mutant.find, mutant.replace, 1), encoding="utf-8")
    (where / "path").mkdir()
    (where / "path" / SANDBOX).symlink_to(project / "sandbox", target_is_directory=True)
    return project


def imported_from(env: dict[str, str], cwd: Path) -> list[str]:
    """Where the sandbox a run starts, and golive, are imported from."""
    code = f"import {SANDBOX}, golive; print({SANDBOX}.__file__); print(golive.__file__)"
    return subprocess.run(  # our interpreter  # nosec B603
        [sys.executable, "-c", code],
        cwd=cwd, env=env, capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip


def run(mutant: Mutant | None, suites: tuple[str, ...], workers: int) -> Outcome:
    """The suites against a sandbox of the copy: killed if a scenario failed."""
    started = time.monotonic()
    failed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="golive-mutant-") as tmp:
        project = scratch_copy(Path(tmp), mutant)
        # the copy's golive too (src/), so that the harness measured is the copy's
        paths = [str(Path(tmp) / "path"), str(project / "src")]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
        for imported in imported_from(env, project):
            if not Path(imported).resolve().is_relative_to(project.resolve()):
                return Outcome(mutant, False, 0.0, (), f"{imported} is not the copy's")
        for suite in mutant.suites if mutant and mutant.suites else suites:
            command = [
                sys.executable, "-m", "pytest", "features", "-m", SELECTION[suite],
                "-q", "-p", "no:cacheprovider", "--golive-seed", SEED,
                *(["--maxfail", "1"] if mutant is not None else []),
                "--alluredir", str(Path(tmp) / f"allure-{suite}"),
                "--output", str(Path(tmp) / f"playwright-{suite}"),
            ]  # fmt: skip
            if workers > 1:
                command += ["-n", str(workers)]
            process = subprocess.run(  # our interpreter, our arguments  # nosec B603
                command, cwd=project, env=env, capture_output=True, text=True, check=False
            )
            found = re.findall(r"^FAILED (\S+)", process.stdout, re.MULTILINE)
            # 2: stopped at the first failure under xdist (--maxfail), a kill like any other
            if process.returncode not in (0, 1) and not (found and process.returncode == 2):
                tail = "\n".join(
                    process.stdout.splitlines()[-15:] + process.stderr.splitlines()[-5:]
                )
                return Outcome(mutant, False, time.monotonic() - started, (), tail)
            failed += found
            if failed and mutant is not None:
                break  # killed: the other suites cannot make it more so
    return Outcome(mutant, bool(failed), time.monotonic() - started, tuple(failed))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="comma-separated mutant ids")
    parser.add_argument("--suites", default="uat", help="comma-separated: uat, security")
    parser.add_argument("--workers", type=int, default=2, help="browser workers per suite")
    args = parser.parse_args()
    suites = tuple(s for s in args.suites.split(",") if s)
    unknown = [s for s in suites if s not in SELECTION]
    if unknown:
        raise SystemExit(f"--suites: unknown {', '.join(unknown)} (choose uat, security)")
    mutants = load()
    if args.only:
        wanted = set(args.only.split(","))
        mutants = [m for m in mutants if m.id in wanted]
    started = time.monotonic()
    clean = run(None, suites, args.workers)
    print(
        f"clean: {clean.seconds:5.1f} s, "
        + (
            "FAILED " + ", ".join(clean.failed)
            if clean.failed or clean.broken
            else "every scenario passed"
        ),
        flush=True,
    )
    if clean.failed or clean.broken:
        print(clean.broken or "a suite fails on the clean sandbox: no mutant can be judged")
        raise SystemExit(2)
    outcomes: list[Outcome] = []
    for number, mutant in enumerate(mutants, 1):
        outcome = run(mutant, suites, args.workers)
        outcomes.append(outcome)
        said = "BROKEN" if outcome.broken else "killed" if outcome.killed else "SURVIVED"
        by = f" by {', '.join(outcome.failed[:3])}" if outcome.failed else ""
        print(
            f"[{number}/{len(mutants)}] {mutant.id} {said:8s} {outcome.seconds:5.1f} s  "
            f"{mutant.description}{by}",
            flush=True,
        )
        if outcome.broken:
            print(f"    {outcome.broken}")
    killed = sum(o.killed for o in outcomes)
    total = len(outcomes)
    share = 100 * killed / total if total else 0.0
    print(
        f"\nkilled {killed} / {total} ({share:.0f}%) with the {', '.join(suites)} suite(s) in "
        f"{time.monotonic() - started:.0f} s (target: at least 90%)"
    )
    for outcome in outcomes:
        if not outcome.killed and outcome.mutant is not None:
            mutant, why = outcome.mutant, "broken: " if outcome.broken else ""
            print(f"  survivor {mutant.id}: {why}{mutant.description} ({mutant.file})")


if __name__ == "__main__":
    main()
