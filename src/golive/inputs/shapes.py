"""Load shapes: how many users, how fast they arrive and for how long, per rollout phase.

Read from golive.toml's ``[load]`` table, so a team sets its own numbers without touching
Python. Every shape is checked against hard caps (``max_users``, ``max_seconds``) when
the file is read: a load run that would exceed them never starts.

A shape becomes stages, ``(end second, users, spawn rate)``, which the shape player
(shape_player.py) plays back inside Locust; the last stage's end is when the run stops by itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from golive.errors import ConfigError
from golive.inputs.document import Document, Key, did_you_mean

MAX_USERS = 1000
"""The default cap on users of any load run; golive.toml may lower or raise it."""
MAX_SECONDS = 3600
"""The default cap on the length of any load run."""


@dataclass(frozen=True)
class Shape:
    """One named load: steady (``users`` for ``seconds``) or with a spike in the middle."""

    name: str
    users: int
    spawn_rate: float
    seconds: int
    aliases: tuple[str, ...] = ()
    """What scenarios call it: "试点阶段", "pilot phase"."""
    spike_users: int = 0
    """Users during the spike; 0 means no spike."""
    spike_seconds: int = 0

    @property
    def peak_users(self) -> int:
        return max(self.users, self.spike_users)

    def answers_to(self, name: str) -> bool:
        wanted = name.strip().casefold()
        return wanted in {self.name.casefold(), *(a.casefold() for a in self.aliases)}

    def stages(self, seconds: int | None = None) -> list[tuple[int, int, float]]:
        """``(end second, users, spawn rate)`` for the shape player; ``seconds`` overrides."""
        total = seconds or self.seconds
        if not self.spike_users:
            return [(total, self.users, self.spawn_rate)]
        # the spike sits in the middle, so the run shows before, during and after
        start = max(0, (total - self.spike_seconds) // 2)
        end = min(total, start + self.spike_seconds)
        # users arrive within a second or two: a spike is sudden by definition
        rate = float(max(self.spawn_rate, self.spike_users - self.users))
        return [
            (start, self.users, self.spawn_rate),
            (end, self.spike_users, rate),
            (total, self.users, rate),
        ]


@dataclass(frozen=True)
class LoadSettings:
    """The ``[load]`` table: the profile, the caps and the named shapes."""

    profile: Path
    shape_file: Path | None
    """A Locust shape of the project's own; None: golive's shape player."""
    max_users: int = MAX_USERS
    max_seconds: int = MAX_SECONDS
    processes: int = 1
    """Locust worker processes on this machine (``--processes``)."""
    expect_workers: int = 0
    """Run Locust as a master that waits for this many workers (other machines); 0: no."""
    think_seconds: tuple[float, float] = (1.0, 3.0)
    shapes: Mapping[str, Shape] = field(default_factory=dict)

    def shape(self, name: str) -> Shape:
        """The shape a scenario names ("试点阶段", "pilot"); unknown names are bad input."""
        for shape in self.shapes.values():
            if shape.answers_to(name):
                return shape
        names = [n for s in self.shapes.values() for n in (s.name, *s.aliases)]
        raise ConfigError(
            f"no load shape called {name!r} in golive.toml [load.shapes]"
            f"{did_you_mean(name, names)}; shapes: {', '.join(names) or 'none'}"
        )

    def check(self, shape: Shape, seconds: int) -> None:
        """Refuse a run above the caps (a scenario may ask for its own length; a shape may
        be built in code, not read from golive.toml)."""
        if shape.peak_users > self.max_users:
            raise ConfigError(
                f"{shape.peak_users} users exceed golive.toml's [load] max_users ({self.max_users})"
            )
        if seconds > self.max_seconds:
            raise ConfigError(
                f"a {seconds} s load run exceeds golive.toml's [load] max_seconds "
                f"({self.max_seconds} s)"
            )


def _shape_file(doc: Document, data: Mapping[str, Any], key: Key, folder: Path) -> Path | None:
    name = doc.get(data, key, str, "")
    return folder / name if name else None


def read_load(doc: Document, data: Mapping[str, Any], folder: Path) -> LoadSettings:
    """The checked ``[load]`` table of golive.toml; defaults where it is absent."""
    keys: Key = ("load",)
    doc.keys(
        data,
        keys,
        {
            "profile",
            "shape",
            "max_users",
            "max_seconds",
            "processes",
            "expect_workers",
            "think_seconds",
            "shapes",
        },
    )
    max_users = _positive(doc, data, (*keys, "max_users"), MAX_USERS)
    max_seconds = _positive(doc, data, (*keys, "max_seconds"), MAX_SECONDS)
    think = [float(v) for v in doc.get(data, (*keys, "think_seconds"), list, [1.0, 3.0])]
    if len(think) != 2 or not 0 <= think[0] <= think[1]:
        raise doc.error(
            (*keys, "think_seconds"), f"{think!r} is not [shortest, longest] seconds, e.g. [1, 3]"
        )
    shapes_data = doc.get(data, (*keys, "shapes"), dict, {})
    shapes = {
        name: _shape(
            doc, (*keys, "shapes", name), doc.get(shapes_data, (*keys, "shapes", name), dict)
        )
        for name in shapes_data
    }
    for shape in shapes.values():
        where = (*keys, "shapes", shape.name)
        if shape.peak_users > max_users:
            raise doc.error(
                where,
                f"{shape.peak_users} users exceed the cap of {max_users} "
                f"([load] max_users); lower the shape or raise the cap deliberately",
            )
        if shape.seconds > max_seconds:
            raise doc.error(
                (*where, "seconds"),
                f"{shape.seconds} s exceeds the cap of {max_seconds} s ([load] max_seconds)",
            )
    return LoadSettings(
        profile=folder / doc.get(data, (*keys, "profile"), str, "perf/locustfile.py"),
        shape_file=_shape_file(doc, data, (*keys, "shape"), folder),
        max_users=max_users,
        max_seconds=max_seconds,
        processes=_positive(doc, data, (*keys, "processes"), 1),
        expect_workers=int(doc.get(data, (*keys, "expect_workers"), int, 0)),
        think_seconds=(think[0], think[1]),
        shapes=shapes,
    )


def _shape(doc: Document, keys: Key, data: Mapping[str, Any]) -> Shape:
    doc.keys(
        data,
        keys,
        {"users", "spawn_rate", "seconds", "aliases", "spike_users", "spike_seconds"},
    )
    users = _positive(doc, data, (*keys, "users"))
    seconds = _positive(doc, data, (*keys, "seconds"))
    spike_users = int(doc.get(data, (*keys, "spike_users"), int, 0))
    spike_seconds = int(doc.get(data, (*keys, "spike_seconds"), int, 0))
    if bool(spike_users) != bool(spike_seconds):
        raise doc.error(keys, "a spike needs both spike_users and spike_seconds")
    if spike_users and spike_users <= users:
        raise doc.error((*keys, "spike_users"), f"must exceed users ({users}) to be a spike")
    if spike_seconds >= seconds:
        raise doc.error((*keys, "spike_seconds"), f"must be shorter than seconds ({seconds})")
    rate = float(doc.get(data, (*keys, "spawn_rate"), float, max(1, users // 10)))
    if rate <= 0:
        raise doc.error((*keys, "spawn_rate"), f"{rate:g} is not a positive number of users/s")
    return Shape(
        name=str(keys[-1]),
        users=users,
        spawn_rate=rate,
        seconds=seconds,
        aliases=tuple(doc.strings(data, (*keys, "aliases"), [])),
        spike_users=spike_users,
        spike_seconds=spike_seconds,
    )


def _positive(doc: Document, data: Mapping[str, Any], keys: Key, default: int | None = None) -> int:
    value = int(doc.get(data, keys, int, default))
    if value < 1:
        raise doc.error(keys, f"{value} is not a positive whole number")
    return value
