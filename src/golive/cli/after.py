"""The arguments of the commands used after go-live: ``golive goals`` and ``golive watch``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

Command = Callable[..., argparse.ArgumentParser]


def after_go_live(command: Command) -> None:
    """Add ``goals`` and ``watch`` through ``command(name, handler, help, description)``."""
    goals = command(
        "goals",
        "goals.goals",
        "read each measured goal now and say whether it is on track",
        "Read the metric of every goal that says how (measure: in acceptance.yaml) from "
        "the target, keep it in the history, and project the readings to each goal's "
        "deadline. Exit 0 on track or reached, 1 off track or missed, 2 unreadable.",
    )
    watch = command(
        "watch",
        "watch.watch",
        "after go-live: smoke scenarios and goals, once or on a schedule",
        "Each pass runs the @smoke scenarios (a light security check among them) against "
        "the target, reads the goals, keeps both in the history, and posts a change of "
        "state to [watch] webhook. Exit 1 when a smoke scenario failed or a goal went off "
        "track since the last pass, 2 when the checks could not run.",
    )
    when = watch.add_mutually_exclusive_group(required=True)
    when.add_argument("--once", action="store_true", help="one pass (for cron or CI)")
    when.add_argument("--every", metavar="D", help="a pass every D (30s, 15m, 2h)")
    watch.add_argument("--count", type=int, metavar="N", help="with --every: passes to make")
    watch.add_argument(
        "--until", metavar="HH:MM", help="with --every: no pass starts after this time today"
    )
    watch.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="NAME",
        help="switch on a sandbox fault (repeatable): see DESIGN.md",
    )
    for sub in (goals, watch):
        sub.add_argument("--target", metavar="NAME", help="target (default: the default)")
        sub.add_argument("--catalog", type=Path, metavar="PATH")
