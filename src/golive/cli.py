"""The ``golive`` command: the only place that prints and chooses an exit code."""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess  # nosec B404
import sys
from collections.abc import Callable, Sequence
from enum import IntEnum
from pathlib import Path

from golive import __version__
from golive.approvals import Signoff, Waiver, add_signoff, add_waiver, load_approvals
from golive.catalog import PHASES, Catalog, load_catalog
from golive.config import Config, find_config, load_config
from golive.errors import ConfigError, GoliveError, NotAvailableError, SuiteError
from golive.evidence import read_results
from golive.gate import GateResult, evaluate
from golive.history import History
from golive.library import read_library
from golive.lint import catalog_findings
from golive.outputs import GateFiles, write_gate, write_matrix
from golive.runner import (
    AVAILABLE_SUITES,
    SUITES,
    SuiteResult,
    collect_step_findings,
    default_workers,
    run_uat,
)
from golive.target import SANDBOX_MODULE, open_target
from golive.terminal import gate_text, matrix_text, suites_text, trend_text
from golive.traceability import build_matrix


class ExitCode(IntEnum):
    """What ``golive`` tells the shell; CI pipelines gate on it."""

    GO = 0  # every required criterion is met or waived: go live
    NO_GO = 1  # a criterion failed, has no evidence, or a suite broke: do not go live
    BAD_INPUT = 2  # bad input or environment: no verdict could be reached


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
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

    def command(
        name: str,
        handler: Callable[[argparse.Namespace], int],
        help: str,
        description: str | None = None,
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=description or help)
        sub.set_defaults(handler=handler)
        return sub

    def phase(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--phase",
            choices=PHASES,
            default="pilot",
            help="rollout phase to decide (default: pilot)",
        )
        sub.add_argument(
            "--catalog",
            type=Path,
            metavar="PATH",
            help="acceptance criteria (default: golive.toml's catalog)",
        )

    run = command(
        "run",
        _run,
        "run the suites against a target and decide GO or NO-GO",
        "Start the target if it is the sandbox, run the suites, evaluate the gate "
        "and write reports/.",
    )
    phase(run)
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

    gate = command("gate", _gate, "evaluate the gate from existing Allure results")
    phase(gate)
    gate.add_argument(
        "--results",
        type=Path,
        metavar="DIR",
        help="Allure results (default: reports/allure-results)",
    )
    gate.add_argument("--target", metavar="NAME", help="target name shown in the report")

    command("report", _not_available("report", "the Allure report"), "build the Allure HTML report")
    criteria = command(
        "criteria", _criteria, "the traceability matrix: each criterion and the checks proving it"
    )
    criteria.add_argument("--catalog", type=Path, metavar="PATH")
    lint = command(
        "lint",
        _lint,
        "check catalog, features and steps without running",
        "Report undefined steps, scenarios without a criterion tag and tags the "
        "catalog does not know, each with file:line. Exit 0 clean, 1 findings, 2 "
        "bad input.",
    )
    lint.add_argument("--catalog", type=Path, metavar="PATH")

    waive = command("waive", _waive, "accept the risk of a criterion not met, until a date")
    waive.add_argument("criterion", help="criterion id, e.g. AC-ORD-03")
    waive.add_argument("--by", required=True, help="who accepts the risk")
    waive.add_argument("--reason", required=True, help="why the risk is acceptable")
    waive.add_argument("--until", required=True, type=_date, help="last day (YYYY-MM-DD)")
    waive.add_argument(
        "--phase",
        action="append",
        choices=PHASES,
        dest="phases",
        help="phase it applies to (repeatable; default: all)",
    )
    waive.add_argument("--catalog", type=Path, metavar="PATH")

    signoff = command("signoff", _signoff, "record a business sign-off of a criterion")
    signoff.add_argument("criterion", help="criterion id, e.g. AC-BIZ-01")
    signoff.add_argument("--by", required=True, help="who signs off")
    signoff.add_argument("--phase", choices=PHASES, required=True)
    signoff.add_argument("--on", type=_date, default=None, help="date (default: today)")
    signoff.add_argument("--catalog", type=Path, metavar="PATH")

    history = command("history", _history, "the trend of each criterion over the last runs")
    history.add_argument("--limit", type=int, default=10, metavar="N", help="runs to show")
    history.add_argument("--criterion", metavar="ID", help="show only this criterion")

    baseline = command("baseline", _baseline, "name a run as baseline for relative thresholds")
    baseline.add_argument("name", help="baseline name, e.g. before-upgrade")
    baseline.add_argument("--run", type=int, metavar="ID", help="run id (default: the newest)")

    sandbox = command(
        "sandbox",
        _sandbox,
        "serve the sandbox platform on 127.0.0.1",
        "Serve the embedded sandbox CRM on 127.0.0.1 until Ctrl-C. It prints "
        "the seeded users' passwords unless GOLIVE_SANDBOX_<USER>_PASSWORD "
        "variables set them.",
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
    return parser


def _suites(value: str) -> tuple[str, ...]:
    names = tuple(s.strip() for s in value.split(",") if s.strip())
    for name in names:
        if name not in SUITES:
            raise argparse.ArgumentTypeError(f"unknown suite {name!r}; valid: {', '.join(SUITES)}")
    return names


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _config(args: argparse.Namespace) -> Config:
    return load_config(args.config or find_config(Path.cwd()))


def _catalog(args: argparse.Namespace, config: Config) -> Catalog:
    return load_catalog(args.catalog or config.catalog)


def _run(args: argparse.Namespace) -> int:
    missing = [s for s in args.suite if s not in AVAILABLE_SUITES]
    if missing:
        raise NotAvailableError(
            f"the {', '.join(missing)} suite(s) are not available in golive {__version__} yet; "
            f"available: {', '.join(AVAILABLE_SUITES)}"
        )
    config = _config(args)
    catalog = _catalog(args, config)
    approvals = load_approvals(config.approvals, catalog)
    _check_library(config, catalog)  # bad input stops the run before anything starts
    target = config.target(args.target)
    results_dir = config.reports / "allure-results"
    # each run's evidence stands alone: results of an earlier run must not count
    shutil.rmtree(results_dir, ignore_errors=True)
    print(
        f"golive {__version__}: phase {args.phase}, target {target.name}, "
        f"suites {', '.join(args.suite)}"
    )
    suites: list[SuiteResult] = []
    errors: list[str] = []
    with open_target(target, faults=args.fault) as running:
        print(f"target {target.name} answers at {running.base_url}")
        try:
            suites.append(run_uat(config, running, workers=args.workers))
        except SuiteError as exc:
            errors.append(f"uat: {exc}")
    print(suites_text(suites, errors))
    evidence = read_results(results_dir) if results_dir.is_dir() else ()
    result = evaluate(
        catalog,
        evidence,
        phase=args.phase,
        target=target.name,
        approvals=approvals,
        today=dt.date.today(),
        suite_errors=errors,
    )
    return _report_gate(result, _publish(result, catalog, config))


def _check_library(config: Config, catalog: Catalog) -> None:
    """Refuse features that cannot run: broken Gherkin, unknown criteria, undefined steps."""
    build_matrix(catalog, read_library(config.features))
    try:
        undefined = collect_step_findings(config)
    except SuiteError as exc:
        raise ConfigError(str(exc)) from None
    if undefined:
        raise ConfigError(
            "scenarios use steps that no step definition matches:\n"
            + "\n".join(f"  {finding}" for finding in undefined)
        )


def _gate(args: argparse.Namespace) -> int:
    config = _config(args)
    catalog = _catalog(args, config)
    result = evaluate(
        catalog,
        read_results(args.results or config.reports / "allure-results"),
        phase=args.phase,
        target=args.target or config.default_target,
        approvals=load_approvals(config.approvals, catalog),
        today=dt.date.today(),
    )
    return _report_gate(result, _publish(result, catalog, config))


def _publish(result: GateResult, catalog: Catalog, config: Config) -> GateFiles:
    """Record the result in the history, then write the gate's files with the last runs."""
    history = History(config.history)
    history.record(result)
    return write_gate(
        result, catalog, config.reports, tuple(run.as_row() for run in history.runs(limit=10))
    )


def _criteria(args: argparse.Namespace) -> int:
    config = _config(args)
    matrix = build_matrix(
        _catalog(args, config),
        read_library(config.features),
        History(config.history).latest_statuses(),
    )
    print(matrix_text(matrix))
    print(f"page: {write_matrix(matrix, config.reports)}")
    return ExitCode.GO


def _lint(args: argparse.Namespace) -> int:
    config = _config(args)
    catalog = _catalog(args, config)
    findings = catalog_findings(catalog, read_library(config.features))
    try:
        findings += collect_step_findings(config)
    except SuiteError as exc:
        raise ConfigError(str(exc)) from None
    for finding in sorted(findings):
        print(finding)
    if findings:
        print(f"\n{len(findings)} finding(s)")
        return ExitCode.NO_GO
    print("lint: clean")
    return ExitCode.GO


def _history(args: argparse.Namespace) -> int:
    runs, statuses = History(_config(args).history).trend(limit=args.limit)
    print(trend_text(runs, statuses, args.criterion))
    return ExitCode.GO


def _baseline(args: argparse.Namespace) -> int:
    run = History(_config(args).history).name_baseline(args.name, args.run)
    print(f"run {run.id} ({run.at}, {run.phase}, {run.verdict}) is now baseline {args.name!r}")
    return ExitCode.GO


def _report_gate(result: GateResult, files: GateFiles) -> int:
    print(gate_text(result, files))
    return ExitCode.GO if result.go else ExitCode.NO_GO


def _waive(args: argparse.Namespace) -> int:
    config = _config(args)
    waiver = Waiver(
        criterion=args.criterion,
        accepted_by=args.by,
        reason=args.reason,
        until=args.until,
        phases=tuple(args.phases or PHASES),
    )
    add_waiver(config.approvals, _catalog(args, config), waiver)
    print(
        f"waived {waiver.criterion} for {', '.join(waiver.phases)} until {waiver.until} "
        f"(accepted by {waiver.accepted_by}) in {config.approvals}"
    )
    return ExitCode.GO


def _signoff(args: argparse.Namespace) -> int:
    config = _config(args)
    signoff = Signoff(
        criterion=args.criterion, by=args.by, on=args.on or dt.date.today(), phase=args.phase
    )
    add_signoff(config.approvals, _catalog(args, config), signoff)
    print(
        f"{signoff.by} signed off {signoff.criterion} for {signoff.phase} on {signoff.on} "
        f"in {config.approvals}"
    )
    return ExitCode.GO


def _not_available(command: str, arrives_with: str) -> Callable[[argparse.Namespace], int]:
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
    process = subprocess.Popen(command)  # our interpreter and module  # noqa: S603  # nosec B603
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        process.wait(timeout=10)
        return ExitCode.GO


if __name__ == "__main__":
    sys.exit(main())
