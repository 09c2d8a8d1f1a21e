"""``golive goals``: read every measured SMART goal from the platform now, keep the reading
in the history, and say for each whether it is on its way to its target by its deadline."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Mapping
from pathlib import Path

import httpx

from golive.cli.commands import catalog_of, config_of
from golive.cli.exit_codes import ExitCode
from golive.errors import ConfigError, TargetError
from golive.gate.goals import Progress, progress
from golive.gate.history import History
from golive.inputs.catalog import Goal
from golive.inputs.config import Config, Target
from golive.inputs.goals import Measure, number_of
from golive.inputs.provenance import field_of
from golive.messages import Say
from golive.pytest.api import ApiClient
from golive.pytest.browser import first_line
from golive.pytest.page_figures import Shown, read_shown
from golive.report.goals_page import write_goals_page
from golive.run.provenance import command_output
from golive.run.target import RunningTarget, open_target


def goals(args: argparse.Namespace) -> int:
    config = config_of(args)
    catalog = catalog_of(args, config)
    say = Say(args.lang or catalog.language)
    measured = catalog.measured
    if not measured:
        print(say("goals.none", catalog=catalog.path.name))
        return ExitCode.GO
    target = config.target(args.target)
    check_roles(measured, target, catalog.path.name)
    history = History(config.history)
    now = dt.datetime.now(dt.UTC)
    with open_target(target) as running:
        found = read_goals(measured, running, config, history, now, say)
    print(say("goals.header", target=target.name, at=f"{now:%Y-%m-%d %H:%M} UTC"))
    for item in found:
        print(describe(item, say))
    page = write_goals_page(
        config.reports, target.name, found, history.watch_passes(target.name), say
    )
    print(say("goals.page", path=page))
    return ExitCode.NO_GO if any(item.failing for item in found) else ExitCode.GO


def check_roles(measured: list[Goal], target: Target, catalog: str) -> None:
    """Every role a goal is read as is a user of ``target``: said before anything starts."""
    for goal in measured:
        if goal.measure is not None and goal.measure.role is not None:
            try:
                target.user(goal.measure.role)
            except ConfigError as exc:
                raise ConfigError(f"{catalog}: goal {goal.id}: measure.as: {exc}") from None


def read_goals(
    measured: list[Goal],
    running: RunningTarget,
    config: Config,
    history: History,
    now: dt.datetime,
    say: Say,
) -> list[Progress]:
    """Read every measured goal on ``running``, keep the readings (only once every goal could
    be read), and judge each on all its readings so far."""
    shown = [
        Shown(goal.measure.page, goal.measure.label, goal.measure.role)
        for goal in measured
        if goal.measure is not None and goal.measure.page is not None
    ]
    # the pages first, in one browser: a figure a person reads, as the role reads it
    on_pages = read_shown(running, config.browser, shown, say) if shown else {}
    api = ApiClient(running)
    try:
        values = {
            goal.id: read_metric(goal.id, goal.measure, api, config.root, on_pages, say)
            for goal in measured
            if goal.measure is not None
        }
    finally:
        api.close()
    target = running.target.name
    for goal_id, value in values.items():
        history.record_reading(goal_id, target, value, now)
    return judged(measured, history, target, now)


def judged(measured: list[Goal], history: History, target: str, now: dt.datetime) -> list[Progress]:
    """Each goal judged on all its readings kept so far."""
    return [progress(goal, history.readings(goal.id, target), now) for goal in measured]


def read_metric(
    goal_id: str,
    measure: Measure,
    api: ApiClient,
    root: Path,
    on_pages: Mapping[Shown, float],
    say: Say,
) -> float:
    """A goal's metric as the platform says it now; TargetError when it cannot be read.
    A page's figure is looked up in ``on_pages``, read beforehand."""
    if measure.page is not None:
        return on_pages[Shown(measure.page, measure.label, measure.role)]
    if measure.command is not None:
        written: str | None = command_output(measure.command, root, f"metric of {goal_id}")
        where = measure.command
    else:
        path = str(measure.api)
        try:
            answer = api.request("GET", path, role=measure.role)
            written = field_of(answer.json(), measure.field) if answer.is_success else None
        except (httpx.HTTPError, ValueError) as exc:
            raise TargetError(
                say("goals.api_failed", goal=goal_id, path=path, why=first_line(exc))
            ) from None
        if not answer.is_success:
            raise TargetError(
                say("goals.api_status", goal=goal_id, path=path, status=answer.status_code)
            )
        where = f"{path} {measure.field}"
    value = number_of(written) if written is not None else None
    if value is None:
        raise TargetError(say("goals.no_number", goal=goal_id, where=where, written=written))
    return value


def describe(item: Progress, say: Say) -> str:
    """One goal's line: where it stands, its readings, its projection."""
    goal = item.goal
    unit = goal.unit
    line = say(
        "goals.line",
        state=say.word("goal", item.state),
        id=goal.id,
        title=goal.title.get(say.lang),
        latest=f"{item.latest:.4g}{unit}" if item.latest is not None else "-",
        baseline=goal.baseline,
        target=goal.target,
        deadline=goal.deadline,
        count=len(item.readings),
    )
    if item.projected is not None:
        line += say("goals.projected", value=f"{item.projected:.4g}{unit}")
    return line
