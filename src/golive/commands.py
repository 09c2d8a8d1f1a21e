"""The handlers of the ``golive`` commands: each returns an exit code and prints for a person.

With :mod:`golive.cli` (the parser), this is the command-line layer: the only code that
prints and picks exit codes. Everything it calls raises instead.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import shutil
import subprocess  # nosec B404
import sys
from collections.abc import Sequence
from enum import IntEnum
from pathlib import Path

from golive import __version__
from golive.approvals import Signoff, Waiver, add_signoff, add_waiver, load_approvals
from golive.browser import describe
from golive.catalog import PHASES, Catalog, load_catalog
from golive.config import Config, Target, find_config, load_config
from golive.errors import ConfigError, GoliveError, SuiteError, TargetError
from golive.evidence import read_results
from golive.gate import GateResult, evaluate
from golive.history import History
from golive.library import read_library
from golive.lint import catalog_findings
from golive.outputs import GateFiles, write_gate, write_matrix
from golive.performance import MEASUREMENTS
from golive.report import build_report, write_run_facts
from golive.runner import SUITES, SuiteResult, collect_step_findings, run_suite
from golive.target import SANDBOX_MODULE, open_target, platform_version
from golive.terminal import gate_text, matrix_text, suites_text, trend_text
from golive.traceability import build_matrix


class ExitCode(IntEnum):
    """What ``golive`` tells the shell; CI pipelines gate on it."""

    GO = 0  # every required criterion is met or waived: go live
    NO_GO = 1  # a criterion failed, has no evidence, or a suite broke: do not go live
    BAD_INPUT = 2  # bad input or environment: no verdict could be reached


def config_of(args: argparse.Namespace) -> Config:
    return load_config(args.config or find_config(Path.cwd()))


def catalog_of(args: argparse.Namespace, config: Config) -> Catalog:
    return load_catalog(args.catalog or config.catalog)


def run(args: argparse.Namespace) -> int:
    config = config_of(args)
    target = config.target(args.target)
    allowed(target, args.suite)
    catalog = catalog_of(args, config)
    approvals = load_approvals(config.approvals, catalog)
    check_library(config, catalog)  # bad input stops the run before anything starts
    results_dir = config.reports / "allure-results"
    # each run's evidence stands alone: results of an earlier run must not count
    shutil.rmtree(results_dir, ignore_errors=True)
    shutil.rmtree(config.reports / "load", ignore_errors=True)
    print(
        f"golive {__version__}: phase {args.phase}, target {target.name}, "
        f"suites {', '.join(args.suite)}"
    )
    suites: list[SuiteResult] = []
    errors: list[str] = []
    with open_target(target, faults=args.fault) as running:
        print(f"target {target.name} answers at {running.base_url}")
        write_run_facts(
            results_dir,
            {
                "phase": args.phase,
                "target": target.name,
                "URL": running.base_url,
                "platform version": platform_version(running.base_url) or "not reported",
                "browser": describe(config.browser),
                "golive": __version__,
                "faults": ",".join(args.fault) or "none",
            },
        )
        extra = [] if args.seed is None else ["--golive-seed", str(args.seed)]
        if args.processes:
            extra += ["--golive-processes", str(args.processes)]
        for suite in (s for s in SUITES if s in args.suite):
            try:
                suites.append(
                    run_suite(
                        suite,
                        config,
                        running,
                        phase=args.phase,
                        workers=args.workers,
                        pytest_args=extra,
                    )
                )
            except SuiteError as exc:
                errors.append(f"{suite}: {exc}")
    try:
        measurements = measured(config)
    except SuiteError as exc:
        errors.append(f"load: {exc}")
        measurements = {}
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
    code = report_gate(result, publish(result, catalog, config, measurements))
    try:
        built = build_report(config, results_dir)
        print(f"Allure report: {built.single_file} (one file), {built.multi_file} (serve it)")
    except GoliveError as exc:
        # the verdict stands without the HTML; say why it is missing
        print(f"no Allure HTML report: {exc}")
    return code


def check_policies(config: Config, catalog: Catalog) -> None:
    """Refuse a static-analysis policy for a criterion the catalog does not define."""
    for target in config.targets.values():
        for criterion in sorted(target.security.static.policies):
            if criterion not in catalog.criteria:
                raise ConfigError(
                    f"[targets.{target.name}.security.static.policy] sets a policy for "
                    f"{criterion}, which {catalog.path.name} does not define"
                    f"{catalog.suggest(criterion)}",
                    path=config.path,
                )


def allowed(target: Target, suites: Sequence[str]) -> None:
    """Refuse, before anything starts, suites that golive.toml does not allow on ``target``."""
    refused = [
        (suite, key)
        for suite, key, ok in (
            ("load", "allow_load", target.allow_load),
            ("security", "allow_probes", target.allow_probes),
        )
        if suite in suites and not ok
    ]
    if refused:
        raise TargetError(
            f"golive.toml does not allow the {' and '.join(s for s, _ in refused)} suite on "
            f"target {target.name!r}: load and active probes go only to platforms you are "
            f"responsible for. Allow them with "
            f"{' and '.join(f'{k} = true' for _, k in refused)} under [targets.{target.name}], "
            f"or leave the suite out (--suite uat)"
        )


def measured(config: Config) -> dict[str, float]:
    """What the load suite measured, for history and for baselines of relative thresholds."""
    path = config.reports / "load" / MEASUREMENTS
    if not path.is_file():
        return {}
    try:
        values = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SuiteError(f"{path}: unreadable measurements ({exc})") from None
    if not isinstance(values, dict):
        raise SuiteError(f"{path}: not a table of measurements")
    return {
        str(k): float(v)
        for k, v in values.items()
        if isinstance(v, int | float) and math.isfinite(v)
    }


def report(args: argparse.Namespace) -> int:
    config = config_of(args)
    built = build_report(config, args.results or config.reports / "allure-results")
    print(f"Allure report, one file that opens from disk: {built.single_file}")
    print(f"Allure report, many files (serve over http): {built.multi_file}")
    return ExitCode.GO


def check_library(config: Config, catalog: Catalog) -> None:
    """Refuse features that cannot run: broken Gherkin, unknown criteria, undefined steps."""
    check_policies(config, catalog)
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


def gate(args: argparse.Namespace) -> int:
    config = config_of(args)
    catalog = catalog_of(args, config)
    result = evaluate(
        catalog,
        read_results(args.results or config.reports / "allure-results"),
        phase=args.phase,
        target=args.target or config.default_target,
        approvals=load_approvals(config.approvals, catalog),
        today=dt.date.today(),
    )
    return report_gate(result, publish(result, catalog, config))


def publish(
    result: GateResult,
    catalog: Catalog,
    config: Config,
    measurements: dict[str, float] | None = None,
) -> GateFiles:
    """Record the result in the history, then write the gate's files with the last runs."""
    history = History(config.history)
    history.record(result, measurements)
    return write_gate(
        result, catalog, config.reports, tuple(run.as_row() for run in history.runs(limit=10))
    )


def criteria(args: argparse.Namespace) -> int:
    config = config_of(args)
    matrix = build_matrix(
        catalog_of(args, config),
        read_library(config.features),
        History(config.history).latest_statuses(),
    )
    print(matrix_text(matrix))
    print(f"page: {write_matrix(matrix, config.reports)}")
    return ExitCode.GO


def lint(args: argparse.Namespace) -> int:
    config = config_of(args)
    catalog = catalog_of(args, config)
    check_policies(config, catalog)
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


def history(args: argparse.Namespace) -> int:
    runs, statuses = History(config_of(args).history).trend(limit=args.limit)
    print(trend_text(runs, statuses, args.criterion))
    return ExitCode.GO


def baseline(args: argparse.Namespace) -> int:
    run = History(config_of(args).history).name_baseline(args.name, args.run)
    print(f"run {run.id} ({run.at}, {run.phase}, {run.verdict}) is now baseline {args.name!r}")
    return ExitCode.GO


def report_gate(result: GateResult, files: GateFiles) -> int:
    print(gate_text(result, files))
    return ExitCode.GO if result.go else ExitCode.NO_GO


def waive(args: argparse.Namespace) -> int:
    config = config_of(args)
    waiver = Waiver(
        criterion=args.criterion,
        accepted_by=args.by,
        reason=args.reason,
        until=args.until,
        phases=tuple(args.phases or PHASES),
    )
    add_waiver(config.approvals, catalog_of(args, config), waiver)
    print(
        f"waived {waiver.criterion} for {', '.join(waiver.phases)} until {waiver.until} "
        f"(accepted by {waiver.accepted_by}) in {config.approvals}"
    )
    return ExitCode.GO


def signoff(args: argparse.Namespace) -> int:
    config = config_of(args)
    signoff = Signoff(
        criterion=args.criterion, by=args.by, on=args.on or dt.date.today(), phase=args.phase
    )
    add_signoff(config.approvals, catalog_of(args, config), signoff)
    print(
        f"{signoff.by} signed off {signoff.criterion} for {signoff.phase} on {signoff.on} "
        f"in {config.approvals}"
    )
    return ExitCode.GO


def sandbox(args: argparse.Namespace) -> int:
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
