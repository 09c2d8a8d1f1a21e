"""The ``golive`` command line: its parser and entry point; the handlers are in commands."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib
import os
import sys
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path

from golive import __version__
from golive.cli.after import after_go_live
from golive.cli.exit_codes import ExitCode
from golive.errors import ConfigError, GoliveError
from golive.inputs.catalog import PHASES
from golive.messages import LANGUAGES
from golive.run import SUITES, default_workers

__all__ = ["ExitCode", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (:class:`ExitCode`)."""
    args = _parser().parse_args(argv)
    try:
        if args.directory is not None:
            _enter(args.directory)
        module, name = args.handler.rsplit(".", 1)
        # a command's code is imported when it runs: `golive --help` stays fast
        handler = getattr(importlib.import_module(f"golive.cli.{module}"), name)
        code: int = handler(args)
        return code
    except GoliveError as exc:
        print(f"golive: error: {exc}", file=sys.stderr)
        return ExitCode.NO_VERDICT
    except KeyboardInterrupt:
        print("golive: interrupted: no verdict", file=sys.stderr)
        return ExitCode.NO_VERDICT
    except Exception as exc:  # a bug of ours: one line here, the traceback in a file
        log = _crash_log(args)
        print(
            f"golive: internal error: {type(exc).__name__}: {exc}. This is a bug in golive; "
            f"please report it with {log}",
            file=sys.stderr,
        )
        return ExitCode.INTERNAL_ERROR


CRASH_LOG = "golive-error.log"


def _enter(directory: Path) -> None:
    """``golive -C DIR``: work in the project folder DIR, as ``git -C`` and ``make -C`` do."""
    try:
        os.chdir(directory)
    except OSError as exc:
        raise ConfigError(f"-C {directory}: {exc.strerror}") from None


def _crash_log(args: argparse.Namespace) -> Path:
    """Write the traceback under the project's reports/ (else the temporary folder)."""
    text = f"golive {__version__} {dt.datetime.now().isoformat()}\n{traceback.format_exc()}"
    folders = []
    with contextlib.suppress(GoliveError):  # no project here: the temporary folder will do
        from golive.inputs.config import find_config  # only after a crash

        folders.append((args.config or find_config(Path.cwd())).parent / "reports")
    folders.append(Path(tempfile.gettempdir()))
    for folder in folders:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / CRASH_LOG).write_text(text, encoding="utf-8")
            return folder / CRASH_LOG
        except OSError:
            continue
    return Path(CRASH_LOG)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="golive",
        description="Decide whether a platform is ready to go live: UAT scenarios, load "
        "profiles and security scans as evidence for each acceptance criterion.",
        epilog="exit codes: 0 GO, 1 NO-GO (a criterion failed or evidence is missing), "
        "2 no verdict (bad input or environment), 3 internal error of golive",
    )
    parser.add_argument("--version", action="version", version=f"golive {__version__}")
    parser.add_argument(
        "-C",
        dest="directory",
        type=Path,
        metavar="DIR",
        help="the project folder to work in (default: the current one)",
    )
    parser.add_argument(
        "--config",
        type=Path,
        metavar="PATH",
        help="golive.toml (default: the nearest one from the project folder up)",
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="the language of the terminal and the reports (default: the catalog's)",
    )
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    def command(
        name: str,
        handler: str,
        help: str,
        description: str | None = None,
    ) -> argparse.ArgumentParser:
        sub = subparsers.add_parser(name, help=help, description=description or help)
        sub.set_defaults(handler=handler)
        return sub

    def phase(sub: argparse.ArgumentParser, default: str | None = "pilot") -> None:
        sub.add_argument(
            "--phase",
            choices=PHASES,
            default=default,
            help=f"rollout phase to decide (default: {default or 'the run’s, else pilot'})",
        )
        sub.add_argument(
            "--catalog",
            type=Path,
            metavar="PATH",
            help="acceptance criteria (default: golive.toml's catalog)",
        )

    run = command(
        "run",
        "run.run",
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
        default=SUITES,
        metavar="LIST",
        help=f"comma-separated suites: {', '.join(SUITES)} (default: all; load plays "
        f"the phase's shape from golive.toml)",
    )
    run.add_argument(
        "--processes",
        type=int,
        default=None,
        metavar="N",
        help="Locust processes for the load suite (default: golive.toml [load] processes)",
    )
    run.add_argument(
        "--workers",
        type=int,
        default=default_workers(),
        metavar="N",
        help="parallel browser workers (default: %(default)s)",
    )
    run.add_argument(
        "--seed",
        type=int,
        metavar="N",
        help="seed of the generated test data, to reproduce a run (default: random, printed)",
    )
    run.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="NAME",
        help="switch on a sandbox fault (repeatable): see DESIGN.md",
    )

    gate = command(
        "gate",
        "commands.gate",
        "evaluate the gate from existing Allure results",
        "Decide again from existing Allure results, reconciled with features/: a "
        "scenario of the run's suites and phase without a result is missing evidence.",
    )
    phase(gate, default=None)
    gate.add_argument(
        "--suite",
        type=_suites,
        default=None,
        metavar="LIST",
        help=f"the suites whose scenarios must have results: {', '.join(SUITES)} "
        f"(default: those of the run that wrote the results, else all)",
    )
    gate.add_argument(
        "--results",
        type=Path,
        metavar="DIR",
        help="Allure results (default: reports/allure-results)",
    )
    gate.add_argument("--target", metavar="NAME", help="target name shown in the report")

    report = command(
        "report",
        "commands.report",
        "build the Allure HTML report",
        "Build reports/allure-report from Allure results: a multi-file report and a "
        "single file that opens from disk.",
    )
    report.add_argument(
        "--results",
        type=Path,
        metavar="DIR",
        help="Allure results (default: reports/allure-results)",
    )
    criteria = command(
        "criteria",
        "commands.criteria",
        "the traceability matrix: each criterion and the checks proving it",
    )
    criteria.add_argument("--catalog", type=Path, metavar="PATH")
    lint = command(
        "lint",
        "commands.lint",
        "check catalog, features and steps without running",
        "Report undefined steps, scenarios without a criterion tag and tags the "
        "catalog does not know, each with file:line. Exit 0 clean, 1 findings, 2 "
        "bad input.",
    )
    lint.add_argument("--catalog", type=Path, metavar="PATH")

    waive = command(
        "waive", "commands.waive", "accept the risk of a criterion not met, until a date"
    )
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

    signoff = command("signoff", "commands.signoff", "record a business sign-off of a criterion")
    signoff.add_argument("criterion", help="criterion id, e.g. AC-BIZ-01")
    signoff.add_argument("--by", required=True, help="who signs off")
    signoff.add_argument("--phase", choices=PHASES, required=True)
    signoff.add_argument("--on", type=_date, default=None, help="date (default: today)")
    signoff.add_argument(
        "--manifest",
        type=Path,
        metavar="PATH",
        help="the evidence signed: a bundle's evidence-manifest.json or its folder "
        "(default: reports/evidence-manifest.json where a run left one)",
    )
    signoff.add_argument("--catalog", type=Path, metavar="PATH")

    verify = command(
        "verify",
        "commands.verify",
        "check an evidence bundle against its manifest and sign-offs",
        "Check every evidence file in DIR (default: reports/) against "
        "evidence-manifest.json, and the manifest against the sign-offs that name its "
        "run. Exit 0 unchanged, 1 changed, 2 no bundle.",
    )
    verify.add_argument("folder", nargs="?", type=Path, metavar="DIR", help="the bundle")
    verify.add_argument("--catalog", type=Path, metavar="PATH")

    manual = subparsers.add_parser(
        "manual",
        help="manual UAT results: what people found trying the @manual scenarios",
        description="Record and list the results people give the @manual scenarios; "
        "they live in golive.toml's [manual] file, under version control.",
    )
    actions = manual.add_subparsers(title="actions", metavar="ACTION", required=True)
    record = actions.add_parser(
        "record",
        help="record a person's result of a @manual scenario",
        description="Record who tried a @manual scenario, on which platform version, "
        "with what result and evidence. Exit 0 recorded, 2 bad input.",
    )
    record.set_defaults(handler="manual.record")
    record.add_argument("scenario", help="the scenario's name, or its file:line")
    record.add_argument("--result", required=True, choices=("passed", "failed"))
    record.add_argument("--by", required=True, help="who tried it")
    record.add_argument(
        "--evidence", metavar="FILE_OR_URL", help="a file in the project, or a link"
    )
    record.add_argument("--note", help="what the person saw, in their words")
    record.add_argument(
        "--version",
        help="the platform version it was tried on (default: asked of the target)",
    )
    record.add_argument("--target", metavar="NAME", help="target to ask for its version")
    record.add_argument("--catalog", type=Path, metavar="PATH")
    listing = actions.add_parser(
        "list",
        help="each @manual scenario, its newest result, and whether it still counts",
    )
    listing.set_defaults(handler="manual.list_results")
    listing.add_argument(
        "--version",
        help="the platform version going live (default: the one the last run saw)",
    )
    listing.add_argument("--catalog", type=Path, metavar="PATH")

    after_go_live(command)

    history = command(
        "history", "commands.history", "the trend of each criterion over the last runs"
    )
    history.add_argument("--limit", type=int, default=10, metavar="N", help="runs to show")
    history.add_argument("--criterion", metavar="ID", help="show only this criterion")

    baseline = command(
        "baseline", "commands.baseline", "name a run as baseline for relative thresholds"
    )
    baseline.add_argument("name", help="baseline name, e.g. before-upgrade")
    baseline.add_argument(
        "--run", type=int, metavar="ID", help="run id (default: the newest with load measurements)"
    )

    sandbox = command(
        "sandbox",
        "commands.sandbox",
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

    init = command(
        "init",
        "init.init",
        "write a working project for a new platform",
        "Look at the login page at URL, write golive.toml, acceptance.yaml, a login, "
        "security and load scenario, a load profile and a README into DIR, and say "
        "what was guessed. Exit 0 written, 2 bad input or an unreachable URL.",
    )
    init.add_argument("folder", type=Path, metavar="DIR", help="the new project's folder")
    init.add_argument("--url", required=True, help="the platform's address (its login page)")
    init.add_argument(
        "--lang",
        dest="project_lang",
        choices=LANGUAGES,
        default="en",
        help="the language of the scenarios and the catalog (default: en)",
    )
    return parser


def _suites(value: str) -> tuple[str, ...]:
    names = tuple(s.strip() for s in value.split(",") if s.strip())
    if not names:
        raise argparse.ArgumentTypeError(f"no suite named; valid: {', '.join(SUITES)}")
    for name in names:
        if name not in SUITES:
            raise argparse.ArgumentTypeError(f"unknown suite {name!r}; valid: {', '.join(SUITES)}")
    return names


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None
