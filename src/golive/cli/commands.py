"""The handlers of the ``golive`` commands (``golive run``'s is in :mod:`golive.cli.run`): each
returns an exit code and prints for a person.

With :mod:`golive.cli.main` (the parser), this is the command-line layer: the only code that
prints and picks exit codes. Everything it calls raises instead.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import shutil
import subprocess  # nosec B404
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from golive.cli.exit_codes import ExitCode
from golive.errors import ConfigError, GoliveError, SuiteError
from golive.evidence.manifest import MANIFEST, verify_bundle, write_manifest
from golive.evidence.manual import Recorded, recorded, write_manual
from golive.evidence.records import Outage, read_results
from golive.gate.freshness import Against
from golive.gate.history import History
from golive.gate.traceability import build_matrix
from golive.gate.verdict import GateResult, evaluate
from golive.inputs.approvals import Signoff, Waiver, add_signoff, add_waiver, load_approvals
from golive.inputs.catalog import PHASES, Catalog, load_catalog
from golive.inputs.config import Config, find_config, load_config
from golive.inputs.freshness import Freshness
from golive.inputs.library import expected_checks, read_library
from golive.inputs.lint import catalog_findings
from golive.inputs.manual import MANUAL_COPY, load_manual
from golive.inputs.rules import RULES_FILE, read_rules, rule_findings
from golive.load.performance import measurement_key
from golive.messages import Say
from golive.report.build import (
    FIRST_REFUSAL,
    LAST_ANSWER,
    NOT_REPORTED,
    PLATFORM_VERSION,
    RUN_FACTS,
    build_report,
    read_run_facts,
)
from golive.report.outputs import GateFiles, write_gate, write_matrix
from golive.report.terminal import checks_text, gate_text, matrix_text, trend_text
from golive.run import SUITES
from golive.run.suites import collecting_steps
from golive.run.target import SANDBOX_MODULE


def config_of(args: argparse.Namespace) -> Config:
    return load_config(args.config or find_config(Path.cwd()))


def catalog_of(args: argparse.Namespace, config: Config) -> Catalog:
    return load_catalog(args.catalog or config.catalog)


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


def against_of(config: Config, version: str | None) -> Against:
    """What the gate holds evidence to: ``version``, now, and golive.toml's manual age."""
    return Against(version=version, manual=Freshness(version=True, max_age=config.manual.max_age))


def report(args: argparse.Namespace) -> int:
    config = config_of(args)
    built = build_report(config, args.results or config.reports / "allure-results")
    print(f"Allure report, one file that opens from disk: {built.single_file}")
    print(f"Allure report, many files (serve over http): {built.multi_file}")
    return ExitCode.GO


def gate(args: argparse.Namespace) -> int:
    """Decide again from existing results, reconciled with the library: a scenario of the
    run's suites and phase without a result is missing. Records no run in the history."""
    config = config_of(args)
    catalog = catalog_of(args, config)
    results_dir = args.results or config.reports / "allure-results"
    facts = read_run_facts(results_dir)
    # by default, what the run that wrote the results ran: its phase, suites and outage
    phase = args.phase or facts.get("phase") or "pilot"
    suites = args.suite or tuple(s for s in facts.get("suites", "").split(",") if s) or SUITES
    library = read_library(config.features)
    # only the project's own results take the manual ones and the seal: results from
    # elsewhere (a CI artifact) are judged as they are, never written into
    own = results_dir.resolve() == (config.reports / "allure-results").resolve()
    if "uat" in suites and own and results_dir.is_dir():
        # results recorded since the run count now: the manual ones are written afresh
        entries, _ = recorded(library, load_manual(config.manual.file), config.root)
        add_manual_results(config, entries, results_dir, catalog, phase)
    evidence = read_results(results_dir)
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
    reported = facts.get(PLATFORM_VERSION, NOT_REPORTED)
    result = evaluate(
        catalog,
        evidence,
        phase=phase,
        target=args.target or facts.get("target") or config.default_target,
        approvals=load_approvals(config.approvals, catalog),
        today=dt.date.today(),
        expected=expected_checks(library, suites, phase, config.root),
        outage=outage,
        run_id=facts.get("run", ""),
        lang=args.lang,
        # the version the run saw: the results are judged against what they ran on
        against=against_of(config, reported if reported != NOT_REPORTED else None),
    )
    print(checks_text(result))
    return report_gate(result, publish(result, catalog, config, seal=own))


def add_manual_results(
    config: Config,
    entries: tuple[Recorded, ...],
    results_dir: Path,
    catalog: Catalog,
    phase: str,
) -> int:
    """Write the manual results expected in ``phase`` as Allure results, and keep the
    records they came from with the run's evidence; how many were written."""
    count = write_manual(results_dir, entries, config.root, catalog, phase)
    if config.manual.file.is_file():
        shutil.copyfile(config.manual.file, results_dir.parent / MANUAL_COPY)
    return count


def publish(
    result: GateResult, catalog: Catalog, config: Config, *, seal: bool = True
) -> GateFiles:
    """Write the gate's files, with the last runs of the history where it can be read,
    and (``seal``) seal the run's evidence in reports/ with its manifest."""
    try:
        runs = History(config.history).runs(limit=10)
    except GoliveError as exc:
        print(f"golive: warning: no last runs on the gate page: {exc}", file=sys.stderr)
        runs = ()
    files = write_gate(result, catalog, config.reports, tuple(run.as_row() for run in runs))
    if not seal:
        return files
    facts = read_run_facts(config.reports / "allure-results")
    manifest = write_manifest(config.reports, {**facts, "run": result.run_id}, result.verdict)
    print(Say(result.lang)("cli.sealed", path=manifest))
    return files


def criteria(args: argparse.Namespace) -> int:
    config = config_of(args)
    catalog = catalog_of(args, config)
    matrix = build_matrix(
        catalog,
        read_library(config.features),
        History(config.history).latest_statuses(),
    )
    lang = args.lang or catalog.language
    print(matrix_text(matrix, lang))
    print(Say(lang)("run.page", path=write_matrix(matrix, config.reports, lang)))
    return ExitCode.GO


def lint(args: argparse.Namespace) -> int:
    config = config_of(args)
    with collecting_steps(config) as step_findings:  # a second of its own: started first
        catalog = catalog_of(args, config)
        load_approvals(config.approvals, catalog)  # whatever lint calls clean, run can run
        load_manual(config.manual.file)
        check_policies(config, catalog)
        library = read_library(config.features)
        findings = catalog_findings(catalog, library)
        rules = read_rules(config.features / RULES_FILE)
        findings += rule_findings(rules, library, catalog.language)
        try:
            findings += step_findings()
        except SuiteError as exc:
            raise ConfigError(str(exc)) from None
    say = Say(args.lang or catalog.language)
    for finding in sorted(findings):
        print(finding)
    if findings:
        print("\n" + say("lint.count", count=len(findings)))
        return ExitCode.NO_GO
    print(say("lint.clean"))
    return ExitCode.GO


def history(args: argparse.Namespace) -> int:
    config = config_of(args)
    runs, statuses = History(config.history).trend(limit=args.limit)
    lang = args.lang or load_catalog(config.catalog).language
    print(trend_text(runs, statuses, args.criterion, lang))
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
    catalog = catalog_of(args, config)
    add_waiver(config.approvals, catalog, waiver)
    say = Say(args.lang or catalog.language)
    print(
        say(
            "cli.waived",
            criterion=waiver.criterion,
            phases=", ".join(waiver.phases),
            until=waiver.until,
            by=waiver.accepted_by,
            file=config.approvals,
        )
    )
    return ExitCode.GO


def signoff(args: argparse.Namespace) -> int:
    config = config_of(args)
    # the evidence the person looked at: the named bundle, else the last run's
    sealed = args.manifest or config.reports / MANIFEST
    manifest: Mapping[str, Any] = {}
    digest = ""
    if args.manifest or sealed.is_file():
        folder = sealed if sealed.is_dir() else sealed.parent
        checked = verify_bundle(folder)
        if not checked.intact:
            raise ConfigError(
                f"the evidence in {folder} no longer matches its manifest (golive verify "
                f"{folder} says what changed): a sign-off cannot cover it"
            )
        manifest, digest = checked.manifest, checked.digest
        if manifest.get("phase") != args.phase:
            raise ConfigError(
                f"the evidence in {folder} is of a {manifest.get('phase')} run: sign off "
                f"{args.phase} after a {args.phase} run, or name its bundle with --manifest"
            )
    versions = manifest.get("versions", {})
    signoff = Signoff(
        criterion=args.criterion,
        by=args.by,
        on=args.on or dt.date.today(),
        phase=args.phase,
        manifest=digest,
        run=str(manifest.get("run", "")),
        platform_version=str(versions.get("platform", "")) if isinstance(versions, dict) else "",
    )
    catalog = catalog_of(args, config)
    add_signoff(config.approvals, catalog, signoff)
    say = Say(args.lang or catalog.language)
    print(
        say(
            "cli.signed",
            by=signoff.by,
            criterion=signoff.criterion,
            phase=signoff.phase,
            on=signoff.on,
            file=config.approvals,
        )
    )
    if digest:
        print(say("cli.signed_manifest", run=signoff.run, digest=digest))
    return ExitCode.GO


def verify(args: argparse.Namespace) -> int:
    """Check a bundle against its manifest and the sign-offs that name it: exit 1 on any
    change. Outside a project the sign-offs are not checked (there are none to read)."""
    config: Config | None = None
    if args.folder is None:
        config = config_of(args)
        folder: Path = config.reports
    else:
        folder = args.folder
        with contextlib.suppress(ConfigError):  # a bundle checked outside any project
            config = config_of(args)
    checked = verify_bundle(folder)
    manifest = checked.manifest
    say = Say(args.lang or (catalog_of(args, config).language if config else "en"))
    run = str(manifest.get("run", ""))
    print(
        say(
            "verify.bundle",
            folder=folder,
            run=run,
            phase=manifest.get("phase", ""),
            verdict=manifest.get("verdict", ""),
            files=checked.files,
        )
    )
    problems = [say("verify.changed", name=n) for n in checked.changed]
    problems += [say("verify.missing", name=n) for n in checked.missing]
    problems += [say("verify.added", name=n) for n in checked.added]
    signoffs = load_approvals(config.approvals, catalog_of(args, config)).signoffs if config else ()
    # a sign-off binds the manifest by its hash: the run a manifest names is its writer's word
    signed = [s for s in signoffs if s.manifest]
    covering = [s for s in signed if s.manifest == checked.digest]
    for s in covering:
        print(say("verify.covered", by=s.by, on=s.on, criterion=s.criterion, phase=s.phase))
    for s in signed:
        if s.run == run and s.manifest != checked.digest:
            fields = {"by": s.by, "on": s.on, "criterion": s.criterion, "phase": s.phase}
            digests = {"signed": s.manifest[:12], "digest": checked.digest[:12]}
            problems.append(say("verify.resealed", **fields, **digests))
    if signed and not covering and not problems:
        runs = ", ".join(sorted({s.run for s in signed}))
        problems.append(say("verify.not_signed", run=run, runs=runs))
    if config is not None and not signed:
        print(say("verify.unsigned", run=run))
    for problem in problems:
        print(f"  {problem}")
    if problems:
        print(say("verify.bad", count=len(problems)))
        return ExitCode.NO_GO
    print(say("verify.intact"))
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
