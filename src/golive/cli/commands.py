"""The handlers of the ``golive`` commands: each returns an exit code and prints for a person.

With :mod:`golive.cli.main` (the parser), this is the command-line layer: the only code that
prints and picks exit codes. Everything it calls raises instead.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import secrets
import subprocess  # nosec B404
import sys
from collections.abc import Sequence
from pathlib import Path

from golive import __version__
from golive.cli.exit_codes import ExitCode
from golive.errors import ConfigError, GoliveError, SuiteError, TargetError
from golive.evidence.records import Outage, read_results
from golive.gate.history import History
from golive.gate.traceability import build_matrix
from golive.gate.verdict import GateResult, evaluate
from golive.inputs.approvals import Signoff, Waiver, add_signoff, add_waiver, load_approvals
from golive.inputs.catalog import PHASES, Catalog, load_catalog
from golive.inputs.config import Config, Target, find_config, load_config
from golive.inputs.library import Scenario, expected_checks, read_library
from golive.inputs.lint import catalog_findings
from golive.load.performance import MEASUREMENTS, measurement_key
from golive.pytest.browser import check_browser, describe
from golive.report.build import RUN_FACTS, build_report, read_run_facts, write_run_facts
from golive.report.outputs import GateFiles, set_aside, write_gate, write_matrix
from golive.report.terminal import checks_text, gate_text, matrix_text, trend_text
from golive.run import SUITES
from golive.run.suites import collect_step_findings, run_suite
from golive.run.target import (
    SANDBOX_MODULE,
    Watch,
    check_passwords,
    faults_for,
    open_target,
    platform_version,
)

LAST_ANSWER = "target last answered"
FIRST_REFUSAL = "target first refused"
"""Run facts (reports/run.json) that keep an outage for ``golive gate``."""


def config_of(args: argparse.Namespace) -> Config:
    return load_config(args.config or find_config(Path.cwd()))


def catalog_of(args: argparse.Namespace, config: Config) -> Catalog:
    return load_catalog(args.catalog or config.catalog)


def new_run_id() -> str:
    """``20261201-1402-3f9a``: sortable, and unique enough for one project's runs."""
    return f"{dt.datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"


def run(args: argparse.Namespace) -> int:
    config = config_of(args)
    target = config.target(args.target)
    allowed(target, args.suite)
    catalog = catalog_of(args, config)
    approvals = load_approvals(config.approvals, catalog)
    library = check_library(config, catalog)  # bad input stops the run before anything starts
    expected = expected_checks(library, args.suite, args.phase, config.root)
    faults = faults_for(target, args.fault)  # refused here, before anything starts
    check_passwords(target)
    suites = [s for s in SUITES if s in args.suite]
    set_aside(config.reports)  # no old verdict survives this run, however it ends
    if any(e.kind == "uat" for e in expected):
        check_browser(config.browser)
    results_dir = config.reports / "allure-results"
    run_id = new_run_id()
    print(
        f"golive {__version__}: run {run_id}, phase {args.phase}, target {target.name}, "
        f"suites {', '.join(suites)}" + (f", faults {', '.join(faults)}" if faults else "")
    )
    errors: list[str] = []
    with open_target(target, faults=faults) as running, Watch(running.base_url) as watch:
        print(f"target {target.name} answers at {running.base_url}")
        facts = {
            "run": run_id,
            "phase": args.phase,
            "suites": ",".join(suites),
            "target": target.name,
            "URL": running.base_url,
            "platform version": platform_version(running.base_url) or "not reported",
            "browser": describe(config.browser),
            "golive": __version__,
            "faults": ",".join(faults) or "none",
        }
        write_run_facts(results_dir, facts)
        extra = ["--golive-run-id", run_id]
        if args.seed is not None:
            extra += ["--golive-seed", str(args.seed)]
        if args.processes:
            extra += ["--golive-processes", str(args.processes)]
        for suite in suites:
            count = sum(e.runs for e in expected if e.kind == suite)
            if not count:
                print(f"{suite}: no scenario in {config.features} selects it; not run")
                continue
            if not watch.answering:
                print(f"{suite}: not run, the target has stopped answering")
                continue
            print(f"{suite}: {count} check(s)")
            done = run_suite(
                suite,
                config,
                running,
                phase=args.phase,
                workers=args.workers,
                pytest_args=extra,
            )
            print(f"{suite}: ran in {done.seconds:.0f} s (pytest exit code {done.exit_code})")
    if watch.outage is not None:  # kept for golive gate, which decides again later
        facts[LAST_ANSWER] = watch.outage.last_answer.isoformat()
        facts[FIRST_REFUSAL] = watch.outage.first_refusal.isoformat()
        write_run_facts(results_dir, facts)
    try:
        measurements = measured(config)
    except SuiteError as exc:
        errors.append(f"load: {exc}")
        measurements = {}
    result = evaluate(
        catalog,
        read_results(results_dir) if results_dir.is_dir() else (),
        phase=args.phase,
        target=target.name,
        approvals=approvals,
        today=dt.date.today(),
        suite_errors=errors,
        expected=expected,
        outage=watch.outage,
        run_id=run_id,
        lang=args.lang,
    )
    print(checks_text(result))
    try:
        History(config.history).record(result, measurements)
    except GoliveError as exc:  # the verdict stands without its row in the history
        print(f"golive: warning: the run is not in the history: {exc}", file=sys.stderr)
    code = report_gate(result, publish(result, catalog, config))
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


def check_library(config: Config, catalog: Catalog) -> tuple[Scenario, ...]:
    """Refuse features that cannot run: broken Gherkin, unknown criteria, undefined steps;
    the scenario library otherwise."""
    check_policies(config, catalog)
    library = read_library(config.features)
    build_matrix(catalog, library)
    try:
        undefined = collect_step_findings(config)
    except SuiteError as exc:
        raise ConfigError(str(exc)) from None
    if undefined:
        raise ConfigError(
            "scenarios use steps that no step definition matches:\n"
            + "\n".join(f"  {finding}" for finding in undefined)
        )
    return library


def gate(args: argparse.Namespace) -> int:
    """Decide again from existing results, reconciled with the library: a scenario of the
    run's suites and phase without a result is missing. Records no run in the history."""
    config = config_of(args)
    catalog = catalog_of(args, config)
    results_dir = args.results or config.reports / "allure-results"
    evidence = read_results(results_dir)
    facts = read_run_facts(results_dir)
    # by default, what the run that wrote the results ran: its phase, suites and outage
    phase = args.phase or facts.get("phase") or "pilot"
    suites = args.suite or tuple(s for s in facts.get("suites", "").split(",") if s) or SUITES
    outage = None
    if LAST_ANSWER in facts and FIRST_REFUSAL in facts:
        try:
            outage = Outage(
                dt.datetime.fromisoformat(facts[LAST_ANSWER]),
                dt.datetime.fromisoformat(facts[FIRST_REFUSAL]),
            )
        except ValueError:
            raise ConfigError(
                "the run's outage times are not ISO 8601", path=results_dir.parent / RUN_FACTS
            ) from None
    result = evaluate(
        catalog,
        evidence,
        phase=phase,
        target=args.target or facts.get("target") or config.default_target,
        approvals=load_approvals(config.approvals, catalog),
        today=dt.date.today(),
        expected=expected_checks(read_library(config.features), suites, phase, config.root),
        outage=outage,
        run_id=facts.get("run", ""),
        lang=args.lang,
    )
    print(checks_text(result))
    return report_gate(result, publish(result, catalog, config))


def publish(result: GateResult, catalog: Catalog, config: Config) -> GateFiles:
    """Write the gate's files, with the last runs of the history where it can be read."""
    try:
        runs = History(config.history).runs(limit=10)
    except GoliveError as exc:
        print(f"golive: warning: no last runs on the gate page: {exc}", file=sys.stderr)
        runs = ()
    return write_gate(result, catalog, config.reports, tuple(run.as_row() for run in runs))


def criteria(args: argparse.Namespace) -> int:
    config = config_of(args)
    catalog = catalog_of(args, config)
    matrix = build_matrix(
        catalog,
        read_library(config.features),
        History(config.history).latest_statuses(),
    )
    print(matrix_text(matrix))
    print(f"page: {write_matrix(matrix, config.reports, args.lang or catalog.language)}")
    return ExitCode.GO


def lint(args: argparse.Namespace) -> int:
    config = config_of(args)
    catalog = catalog_of(args, config)
    load_approvals(config.approvals, catalog)  # whatever lint calls clean, run can run
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
    config = config_of(args)
    needs = tuple(
        dict.fromkeys(
            measurement_key(t)
            for c in load_catalog(config.catalog).criteria.values()
            for t in c.thresholds
            if t.relative_to == args.name
        )
    )
    run = History(config.history).name_baseline(args.name, args.run, needs)
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
