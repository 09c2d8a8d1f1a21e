"""The ``golive`` command: the only place that prints and chooses an exit code."""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Sequence
from enum import IntEnum
from pathlib import Path

from golive import __version__
from golive.config import Config, find_config, load_config
from golive.errors import GoliveError, NotAvailableError
from golive.runner import AVAILABLE_SUITES, SUITES, SuiteResult, default_workers, run_uat
from golive.target import SANDBOX_MODULE, open_target

PHASES = ("pilot", "rollout", "full")


class ExitCode(IntEnum):
    """What ``golive`` tells the shell; CI pipelines gate on it."""

    GO = 0  # every check passed: go live
    NO_GO = 1  # a check failed or gave no evidence: do not go live
    BAD_INPUT = 2  # bad input or environment: no verdict could be reached


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
        return code
    except GoliveError as exc:
        print(f"golive: error: {exc}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    except KeyboardInterrupt:
        print("golive: interrupted: no verdict", file=sys.stderr)
        return ExitCode.BAD_INPUT


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="golive",
        description="Decide whether a platform is ready to go live: UAT scenarios, load "
        "profiles and security scans as evidence for each acceptance criterion.",
        epilog="exit codes: 0 GO, 1 NO-GO, 2 bad input or environment",
    )
    parser.add_argument("--version", action="version", version=f"golive {__version__}")
    parser.add_argument(
        "--config",
        type=Path,
        metavar="PATH",
        help="golive.toml (default: the nearest one from here up)",
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    run = commands.add_parser(
        "run",
        help="run the suites against a target and report",
        description="Start the target if it is the sandbox, run the "
        "suites, and report what passed.",
    )
    run.add_argument(
        "--phase", choices=PHASES, default="pilot", help="rollout phase to decide (default: pilot)"
    )
    run.add_argument(
        "--target",
        metavar="NAME",
        help="target from golive.toml (default: its default_target, the sandbox)",
    )
    run.add_argument(
        "--suite",
        type=_suites,
        default=AVAILABLE_SUITES,
        metavar="LIST",
        help=f"comma-separated suites: {', '.join(SUITES)} (default: all "
        f"available: {', '.join(AVAILABLE_SUITES)})",
    )
    run.add_argument(
        "--workers",
        type=int,
        default=default_workers(),
        metavar="N",
        help="parallel browser workers (default: %(default)s)",
    )
    run.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="NAME",
        help="switch on a sandbox fault (repeatable): see DESIGN.md",
    )
    run.set_defaults(handler=_run)

    gate = commands.add_parser("gate", help="evaluate the gate from existing Allure results")
    gate.add_argument("--phase", choices=PHASES, default="pilot")
    gate.add_argument("--results", type=Path, metavar="DIR")
    gate.set_defaults(handler=_not_available("gate", "the acceptance-criteria catalog"))

    report = commands.add_parser("report", help="build the Allure HTML report")
    report.set_defaults(handler=_not_available("report", "the Allure report"))

    criteria = commands.add_parser("criteria", help="the traceability matrix")
    criteria.set_defaults(handler=_not_available("criteria", "the acceptance-criteria catalog"))

    lint = commands.add_parser("lint", help="check catalog, features and steps without running")
    lint.set_defaults(handler=_not_available("lint", "the UAT scenario library"))

    sandbox = commands.add_parser(
        "sandbox",
        help="serve the sandbox platform on 127.0.0.1",
        description="Serve the embedded sandbox CRM on 127.0.0.1 "
        "until Ctrl-C. It prints the seeded users' passwords unless "
        "GOLIVE_SANDBOX_<USER>_PASSWORD variables set them.",
    )
    sandbox.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    sandbox.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="NAME",
        help="switch on a fault (repeatable); also GOLIVE_SANDBOX_FAULTS",
    )
    sandbox.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help="keep the SQLite database in DIR (default: a temporary folder)",
    )
    sandbox.set_defaults(handler=_sandbox)
    return parser


def _suites(value: str) -> tuple[str, ...]:
    names = tuple(s.strip() for s in value.split(",") if s.strip())
    for name in names:
        if name not in SUITES:
            raise argparse.ArgumentTypeError(f"unknown suite {name!r}; valid: {', '.join(SUITES)}")
    return names


def _config(args: argparse.Namespace) -> Config:
    return load_config(args.config or find_config(Path.cwd()))


def _run(args: argparse.Namespace) -> int:
    missing = [s for s in args.suite if s not in AVAILABLE_SUITES]
    if missing:
        raise NotAvailableError(
            f"the {', '.join(missing)} suite(s) are not available in golive {__version__} yet; "
            f"available: {', '.join(AVAILABLE_SUITES)}"
        )
    config = _config(args)
    target = config.target(args.target)
    print(
        f"golive {__version__}: phase {args.phase}, target {target.name}, "
        f"suites {', '.join(args.suite)}"
    )
    with open_target(target, faults=args.fault) as running:
        print(f"target {target.name} answers at {running.base_url}")
        results = [run_uat(config, running, workers=args.workers)]
    _print_results(results)
    if all(r.passed for r in results):
        print(
            "RESULT: every check passed (the gate's per-criterion verdict comes with the "
            "acceptance catalog)"
        )
        return ExitCode.GO
    print("RESULT: checks failed or gave no evidence: not ready to go live")
    return ExitCode.NO_GO


def _print_results(results: Sequence[SuiteResult]) -> None:
    print()
    for suite in results:
        print(
            f"{suite.suite}: {suite.count('passed')} passed, {suite.count('failed')} failed, "
            f"{suite.count('error')} errors, {suite.count('skipped')} skipped"
        )
        for check in suite.checks:
            mark = "PASS" if check.passed else check.status.upper()
            print(f"  {mark:<7} {check.name}  ({check.duration:.1f} s)")
            if not check.passed and check.message:
                print(f"          {check.message.splitlines()[0][:200]}")


def _not_available(command: str, arrives_with: str) -> object:
    def handler(args: argparse.Namespace) -> int:
        raise NotAvailableError(
            f"'golive {command}' is not available in golive {__version__} yet: it arrives "
            f"with {arrives_with}"
        )

    return handler


def _sandbox(args: argparse.Namespace) -> int:
    command = [
        sys.executable,
        "-m",
        SANDBOX_MODULE,
        "--host",
        "127.0.0.1",
        "--port",
        str(args.port),
    ]
    if args.fault:
        command += ["--faults", ",".join(args.fault)]
    if args.data_dir:
        command += ["--data-dir", str(args.data_dir)]
    process = subprocess.Popen(command)  # noqa: S603  # nosec B603: our interpreter and module
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        process.wait(timeout=10)
        return ExitCode.GO


if __name__ == "__main__":
    sys.exit(main())
