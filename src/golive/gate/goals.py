"""Progress of the SMART goals after go-live: each measured goal's readings so far,
projected to its deadline against its target. Pure.

The projection is the least-squares line through the readings, read at the deadline:
with fewer than ``MIN_READINGS`` readings, or all at one moment, there is no line and no
judgement yet. A goal whose latest reading meets the target has reached it; one past its
deadline without that has missed it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from golive.inputs.catalog import Goal
from golive.inputs.goals import number_of

MIN_READINGS = 2
STATES = ("reached", "on_track", "off_track", "missed", "unknown")
"""How a goal stands; ``off_track`` and ``missed`` make ``golive goals`` exit 1."""


@dataclass(frozen=True)
class Reading:
    at: dt.datetime
    value: float


@dataclass(frozen=True)
class Progress:
    """Where one goal stands on ``at``."""

    goal: Goal
    readings: tuple[Reading, ...]
    state: str  # one of STATES
    projected: float | None = None
    """The readings' line at the deadline; None with too few readings."""

    @property
    def latest(self) -> float | None:
        return self.readings[-1].value if self.readings else None

    @property
    def failing(self) -> bool:
        return self.state in {"off_track", "missed"}


def progress(goal: Goal, readings: Sequence[Reading], at: dt.datetime) -> Progress:
    """Judge ``goal`` on its ``readings`` (any order) as of ``at``."""
    ordered = tuple(sorted(readings, key=lambda r: r.at))
    target = number_of(goal.target)
    if target is None or not ordered:
        return Progress(goal, ordered, "unknown")
    if _meets(goal, ordered[-1].value, target):
        return Progress(goal, ordered, "reached")
    deadline = deadline_of(goal)
    if at > deadline:
        return Progress(goal, ordered, "missed")
    projected = _line_at(ordered, deadline)
    if projected is None:
        return Progress(goal, ordered, "unknown")
    state = "on_track" if _meets(goal, projected, target) else "off_track"
    return Progress(goal, ordered, state, projected)


def deadline_of(goal: Goal) -> dt.datetime:
    """The last moment of a goal's deadline day, in UTC."""
    return dt.datetime.combine(goal.deadline, dt.time.max, tzinfo=dt.UTC)


def _meets(goal: Goal, value: float, target: float) -> bool:
    return value >= target if goal.better == "up" else value <= target


def _line_at(readings: Sequence[Reading], when: dt.datetime) -> float | None:
    """The least-squares line through the readings, at ``when``; None without one."""
    if len(readings) < MIN_READINGS:
        return None
    start = readings[0].at
    xs = [(r.at - start).total_seconds() for r in readings]
    ys = [r.value for r in readings]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    if spread == 0:
        return None
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    return mean_y + slope * ((when - start).total_seconds() - mean_x)
