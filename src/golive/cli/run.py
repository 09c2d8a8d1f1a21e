"""``golive run``: check every input, start the target, run the suites, decide, report.

The longest command, so a module of its own; it prints its progress in the reader's
language (``--lang``, else the catalog's) and returns the exit code of the verdict.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import secrets
import sys
from collections.abc import Callable, Sequence

from golive import __version__
from golive.cli.commands import (
    add_manual_results,
    against_of,
    catalog_of,
    check_policies,
    config_of,
    publish,
    report_gate,
)
from golive.errors import ConfigError, GoliveError, SuiteError, TargetError
from golive.evidence.manual import recorded
from golive.evidence.records import read_results
from golive.gate.history import History
from golive.gate.traceability import build_matrix
from golive.gate.verdict import evaluate
from golive.inputs.approvals import load_approvals
from golive.inputs.catalog import Catalog
from golive.inputs.config import Config, Target
from golive.inputs.library import Scenario, expected_checks, read_library
from golive.inputs.lint import Finding
from golive.inputs.manual import load_manual
from golive.load.performance import MEASUREMENTS
from golive.messages import Say
from golive.pytest.browser import check_browser, describe
from golive.report.build import (
    FIRST_REFUSAL,
    LAST_ANSWER,
    NOT_REPORTED,
    PLATFORM_VERSION,
    build_report,
    write_run_facts,
)
from golive.report.outputs import set_aside
from golive.report.terminal import checks_text
from golive.run import SUITES
from golive.run.provenance import platform_version, project_commit
from golive.run.suites import collecting_steps, run_suite
from golive.run.target import Watch, check_passwords, faults_for, open_target


def new_run_id() -> str:
    """``20261201-1402-3f9a``: sortable, and unique enough for one project's runs."""
    return f"{dt.datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"


def run(args: argparse.Namespace) -> int:
    config = config_of(args)
    target = config.target(args.target)
    allowed(target, args.suite)
    # bad input and a machine that cannot run the checks stop the run before anything
    # starts; the collection that finds undefined steps takes a second, so it runs
    # while the rest is checked
    with collecting_steps(config) as undefined_steps:
        catalog = catalog_of(args, config)
        approvals = load_approvals(config.approvals, catalog)
        library = check_library(config, catalog)
        expected = expected_checks(library, args.suite, args.phase, config.root)
        manual = tuple(
            entry
            for entry in recorded(library, load_manual(config.manual.file), config.root)[0]
            if entry.scenario.runs("uat", args.phase)  # the ones the phase expects
        )
        faults = faults_for(target, args.fault)
        check_passwords(target)
        if any(e.kind == "uat" for e in expected):
            check_browser(config.browser)
        refuse_undefined(undefined_steps)
    say = Say(args.lang or catalog.language)
    suites = [s for s in SUITES if s in args.suite]
    set_aside(config.reports)  # no old verdict survives this run, however it ends
    results_dir = config.reports / "allure-results"
    run_id = new_run_id()
    print(
        say(
            "run.started",
            version=__version__,
            run=run_id,
            phase=args.phase,
            target=target.name,
            suites=", ".join(suites),
            faults=say("run.faults", faults=", ".join(faults)) if faults else "",
        )
    )
    errors: list[str] = []
    with open_target(target, faults=faults) as running, Watch(running.base_url) as watch:
        print(say("run.answers", target=target.name, url=running.base_url))
        version = platform_version(running.base_url, target.version, config.root)
        commit = project_commit(config.root)
        facts = {
            "run": run_id,
            "phase": args.phase,
            "suites": ",".join(suites),
            "target": target.name,
            "URL": running.base_url,
            PLATFORM_VERSION: version or NOT_REPORTED,
            "commit": commit or "not a git checkout",
            "browser": describe(config.browser),
            "golive": __version__,
            "faults": ",".join(faults) or "none",
        }
        write_run_facts(results_dir, facts)
        extra = ["--golive-run-id", run_id]
        extra += ["--golive-platform-version", version] if version else []
        extra += ["--golive-commit", commit] if commit else []
        if args.seed is not None:
            extra += ["--golive-seed", str(args.seed)]
        if args.processes:
            extra += ["--golive-processes", str(args.processes)]
        for suite in suites:
            count = sum(e.runs for e in expected if e.kind == suite)
            if not count:
                print(say("run.none_selected", suite=suite, features=config.features))
                continue
            if not watch.answering:
                print(say("run.target_gone", suite=suite))
                continue
            print(say("run.suite_starts", suite=suite, count=count))
            done = run_suite(
                suite,
                config,
                running,
                phase=args.phase,
                workers=args.workers,
                pytest_args=extra,
            )
            seconds = f"{done.seconds:.0f}"
            print(say("run.suite_ran", suite=suite, seconds=seconds, code=done.exit_code))
    if "uat" in suites and manual:  # the people's results, beside the browser's
        count = add_manual_results(config, manual, results_dir, catalog, args.phase)
        print(say("run.manual", count=count, total=len(manual), file=config.manual.file.name))
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
        lang=say.lang,
        against=against_of(config, version),
    )
    print(checks_text(result))
    try:
        History(config.history).record(result, measurements)
    except GoliveError as exc:  # the verdict stands without its row in the history
        print(f"golive: warning: the run is not in the history: {exc}", file=sys.stderr)
    code = report_gate(result, publish(result, catalog, config))
    try:
        built = build_report(config, results_dir)
        print(say("run.allure", single=built.single_file, multi=built.multi_file))
    except GoliveError as exc:
        # the verdict stands without the HTML; say why it is missing
        print(say("run.no_allure", error=exc))
    return code


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


def check_library(config: Config, catalog: Catalog) -> tuple[Scenario, ...]:
    """Refuse features that cannot run: broken Gherkin, unknown criteria; the scenario
    library otherwise."""
    check_policies(config, catalog)
    library = read_library(config.features)
    build_matrix(catalog, library)
    return library


def refuse_undefined(undefined_steps: Callable[[], list[Finding]]) -> None:
    """Refuse scenarios whose steps no definition matches (or that do not collect)."""
    try:
        undefined = undefined_steps()
    except SuiteError as exc:
        raise ConfigError(str(exc)) from None
    if undefined:
        raise ConfigError(
            "scenarios use steps that no step definition matches:\n"
            + "\n".join(f"  {finding}" for finding in undefined)
        )
