"""``golive watch``: after go-live, one scheduled command that says whether the platform
still works and whether each goal is on its way.

A pass runs the ``@smoke`` scenarios against the target (a light security check among
them: headers and session, where the project tags those ``@smoke``), reads the measured
goals, and keeps both in the history. It fails (exit 1) when a smoke scenario did not
pass, a goal went off track since the last pass, or the goals could not be read (a page
whose label is gone, an API that refuses: the pass is kept as failing, with no reading).
A change of state ("ok" <-> "failing", against the last pass; "ok" before the first) is
posted as JSON to the ``[watch] webhook``. Passes are bounded: ``--once``, or ``--every``
with ``--count`` or ``--until``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from typing import Any

import httpx

from golive.cli.commands import catalog_of, config_of
from golive.cli.exit_codes import ExitCode
from golive.cli.goals import check_roles, describe, judged, read_goals
from golive.errors import ConfigError, SetupError, TargetError
from golive.evidence.records import read_results
from golive.gate.history import History, WatchPass
from golive.inputs.catalog import Goal
from golive.inputs.config import Config, Target
from golive.messages import Say
from golive.report.goals_page import write_goals_page
from golive.run.suites import run_suite
from golive.run.target import faults_for, open_target

MAX_PASSES = 10_000
_EVERY = re.compile(r"^(\d+)\s*([smh])$")
_SECONDS = {"s": 1, "m": 60, "h": 3600}


def watch(args: argparse.Namespace) -> int:
    config = config_of(args)
    catalog = catalog_of(args, config)
    say = Say(args.lang or catalog.language)
    target = config.target(args.target)
    measured = catalog.measured
    check_roles(measured, target, catalog.path.name)
    faults = faults_for(target, args.fault)
    every, passes, until = _schedule(args)
    worst: int = ExitCode.GO
    for number in range(passes):
        started = time.monotonic()
        if until is not None and dt.datetime.now() > until:
            break
        code = one_pass(config, measured, target, faults, say)
        worst = max(worst, code)
        if number + 1 < passes:
            time.sleep(max(0.0, every - (time.monotonic() - started)))
    return worst


def _schedule(args: argparse.Namespace) -> tuple[float, int, dt.datetime | None]:
    """(seconds between passes, passes at most, the time no pass starts after)."""
    if args.once:
        return 0.0, 1, None
    match = _EVERY.match(str(args.every).strip())
    if not match or int(match[1]) < 1:
        raise ConfigError(f"--every {args.every!r}: write a duration such as 30s, 15m or 2h")
    if args.count is None and args.until is None:
        raise ConfigError("--every needs --count N or --until HH:MM: a watch stops by itself")
    until = None
    if args.until is not None:
        try:
            clock = dt.time.fromisoformat(args.until)
        except ValueError:
            raise ConfigError(f"--until {args.until!r}: write a time of day, HH:MM") from None
        until = dt.datetime.combine(dt.date.today(), clock)
        if until <= dt.datetime.now():
            # no pass would start: a watch that checks nothing must not say all is well
            raise ConfigError(f"--until {args.until}: that time has passed today")
    count = args.count if args.count is not None else MAX_PASSES
    if not 1 <= count <= MAX_PASSES:
        raise ConfigError(f"--count {count}: from 1 to {MAX_PASSES}")
    return int(match[1]) * _SECONDS[match[2]], count, until


def one_pass(
    config: Config, measured: list[Goal], target: Target, faults: tuple[str, ...], say: Say
) -> int:
    """One pass: smoke scenarios, the ``measured`` goals, history, webhook; its exit code."""
    history = History(config.history)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    folder = config.reports / "watch" / f"{now:%Y%m%d-%H%M%S}" / "allure-results"
    with open_target(target, faults=faults) as running:
        run_suite(
            "uat",
            config,
            running,
            workers=1,
            marker="smoke",
            results=folder,
            pytest_args=["--golive-run-id", f"watch-{now:%Y%m%d-%H%M%S}"],
        )
        try:
            found, unreadable = read_goals(measured, running, config, history, now, say), ""
        except (TargetError, SetupError) as exc:  # goals unread: this pass proves no goal
            found, unreadable = [], str(exc)
    smoke = read_results(folder) if folder.is_dir() else ()
    failed = [e for e in smoke if e.status != "passed"]
    off_track = tuple(p.goal.id for p in found if p.failing)
    previous = history.last_watch(target.name)
    newly_off = set(off_track) - set(previous.off_track if previous else ())
    # no smoke scenario at all proves nothing: a watch that checks nothing is failing
    state = "failing" if failed or not smoke or off_track or unreadable else "ok"
    watched = WatchPass(now, state, len(smoke) - len(failed), len(failed), off_track, unreadable)
    history.record_watch(target.name, watched)
    at = f"{now:%Y-%m-%d %H:%M} UTC"
    print(say("watch.pass", target=target.name, at=at, state=say.word("watch", state)))
    if not smoke:
        print(say("watch.no_smoke", features=config.features))
    for result in failed:
        first = (result.message.splitlines() or [""])[0][:200]
        print(say("watch.failed", name=result.name, message=first))
    if unreadable:
        print(say("watch.goals_unreadable", reason=unreadable))
    for goal in found:
        print(describe(goal, say))
    # the page charts the readings kept so far, the unread goals too
    charted = found or judged(measured, history, target.name, now)
    page = write_goals_page(
        config.reports, target.name, charted, history.watch_passes(target.name), say
    )
    print(say("goals.page", path=page))
    if state != (previous.state if previous else "ok") and config.webhook:
        _post(config.webhook, _message(target, watched, found, failed, unreadable), say)
    return ExitCode.NO_GO if failed or not smoke or newly_off or unreadable else ExitCode.GO


def _message(
    target: Target, watched: WatchPass, found: list[Any], failed: list[Any], unreadable: str
) -> Any:
    return {
        "source": "golive watch",
        "target": target.name,
        "at": watched.at.isoformat(),
        "state": watched.state,
        "smoke": {"passed": watched.smoke_passed, "failed": watched.smoke_failed},
        "failed": [{"name": e.name, "check": e.check} for e in failed],
        "goals": [
            {"id": p.goal.id, "state": p.state, "latest": p.latest, "projected": p.projected}
            for p in found
        ],
        "goals_unreadable": unreadable or None,
    }


def _post(url: str, message: Any, say: Say) -> None:
    """Post the change; a webhook that does not take it is said, not fatal (the exit code
    already says the state). The URL is never printed: it may carry a token."""
    try:
        answer = httpx.post(url, json=message, timeout=10.0)
        ok = answer.is_success
        detail = str(answer.status_code)
    except httpx.HTTPError as exc:
        ok, detail = False, type(exc).__name__
    if not ok:
        print(say("watch.webhook_failed", detail=detail), file=sys.stderr)
