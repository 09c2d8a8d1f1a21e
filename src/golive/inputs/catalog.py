"""acceptance.yaml: the measurable goals and the acceptance criteria that prove them.

Pure: reads its one file and builds frozen data. Every problem is reported with the
file, the line, the bad value and what would be valid (exit code 2 at the CLI).

A criterion says in which rollout phases it is required, which kinds of evidence it
needs (``uat``, ``load``, ``security``, ``signoff``, ``manual``, ``migration``), how fresh
that evidence must be (``fresh: version``, ``fresh: 7d``) and, where it is measurable,
the thresholds a load run must meet, absolute or relative to a named baseline run.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from golive.inputs.document import Document, Key, did_you_mean, load_yaml
from golive.inputs.freshness import Freshness, read_freshness
from golive.inputs.goals import BETTER, Measure, number_of, read_measure

PHASES = ("pilot", "rollout", "full")
EVIDENCE_KINDS = ("uat", "load", "security", "signoff", "manual", "migration")
PRIORITIES = ("critical", "high", "medium", "low")
LANGUAGES = ("zh-CN", "en")
METRICS = ("p50_ms", "p95_ms", "p99_ms", "error_rate", "rps")
"""Load metrics a threshold may bound: latency percentiles, error share, throughput."""
LIMITS = ("max", "min", "max_ratio", "min_ratio")

CJK = re.compile(r"[\u4e00-\u9fff]")
"""Chinese characters: a title written as plain text in them is zh-CN, else en."""
CRITERION_ID = re.compile(r"^AC-[A-Z0-9]+-\d{2,}$")
GOAL_ID = re.compile(r"^G-[A-Z0-9-]+$")


@dataclass(frozen=True)
class Text:
    """A text of the catalog, in one of its languages or both."""

    texts: tuple[tuple[str, str], ...]
    """``(language, text)`` pairs, in the order the catalog gives them; at least one."""

    def get(self, lang: str) -> str:
        """The text in ``lang``; in the other language where the catalog gives only that."""
        return dict(self.texts).get(lang, self.texts[0][1])

    def also(self, lang: str) -> str:
        """The text in a language other than ``lang``, if the catalog gives one; else ""."""
        return next((text for code, text in self.texts if code != lang), "")

    @property
    def zh(self) -> str:
        return self.get("zh-CN")

    @property
    def en(self) -> str:
        return self.get("en")

    def __str__(self) -> str:
        return self.texts[0][1]


@dataclass(frozen=True)
class Goal:
    """A SMART goal of the implementation: a metric moved from baseline to target by a date."""

    id: str
    title: Text
    metric: str
    baseline: str
    target: str
    deadline: dt.date
    owner: str
    measure: Measure | None = None
    """Where the metric is read (``golive goals``); None: not read by golive."""
    unit: str = ""
    better: str = "up"
    """Which way the metric should move: ``up`` or ``down`` (``BETTER``)."""


@dataclass(frozen=True)
class Threshold:
    """A bound on one load metric, absolute (``max``/``min``) or against a baseline run."""

    metric: str
    limit: str  # one of LIMITS
    value: float
    request: str | None = None
    """Request or journey name; None bounds all requests together."""
    relative_to: str | None = None
    """Named baseline run, for ``max_ratio``/``min_ratio``."""

    def describe(self) -> str:
        subject = f"{self.metric} of {self.request!r}" if self.request else self.metric
        if self.relative_to:
            return f"{subject} {self.limit} {self.value:g} x baseline {self.relative_to!r}"
        return f"{subject} {self.limit} {self.value:g}"


@dataclass(frozen=True)
class Criterion:
    """An acceptance criterion: what must be proven, in which phases, by which evidence."""

    id: str
    title: Text
    goal: str
    priority: str
    phases: tuple[str, ...]
    evidence: tuple[str, ...]
    thresholds: tuple[Threshold, ...] = ()
    owner: str | None = None
    link: str | None = None
    line: int | None = None
    fresh: Freshness = field(default_factory=Freshness)

    def required_in(self, phase: str) -> bool:
        return phase in self.phases


@dataclass(frozen=True)
class Catalog:
    """The whole catalog, criteria in file order."""

    path: Path
    goals: Mapping[str, Goal]
    criteria: Mapping[str, Criterion]
    language: str = "zh-CN"
    """The catalog's language (``language:``, else that of its texts): the gate's files and
    the terminal use it unless ``--lang`` says otherwise."""

    def required(self, phase: str) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria.values() if c.required_in(phase))

    @property
    def measured(self) -> list[Goal]:
        """The goals whose ``measure:`` says how golive reads them, in file order."""
        return [goal for goal in self.goals.values() if goal.measure is not None]

    def suggest(self, criterion_id: str) -> str:
        """`` (did you mean 'AC-..'?)`` for an unknown criterion id."""
        return did_you_mean(criterion_id, self.criteria)


def is_criterion_tag(tag: str) -> bool:
    """Whether a scenario tag names a criterion (``AC-...``), known or not."""
    return tag.startswith("AC-")


def load_catalog(path: Path) -> Catalog:
    """Read and validate acceptance.yaml."""
    return _Reader(load_yaml(path)).catalog()


class _Reader:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.language = ""
        self.languages: set[str] = set()

    def catalog(self) -> Catalog:
        doc, data = self.doc, self.doc.data
        if not isinstance(data, dict):
            raise doc.error((), "the catalog must be a mapping with 'goals' and 'criteria'")
        doc.keys(data, (), {"version", "language", "goals", "criteria"})
        self.language = doc.get(data, ("language",), str, "")
        if self.language and self.language not in LANGUAGES:
            raise doc.error(
                ("language",),
                f"{self.language!r} is not a language golive speaks; valid: "
                + ", ".join(LANGUAGES),
            )
        version = doc.get(data, ("version",), int, 1)
        if version != 1:
            raise doc.error(
                ("version",), f"{version} is not a catalog version golive knows; valid: 1"
            )
        goals: dict[str, Goal] = {}
        for index, entry in enumerate(doc.get(data, ("goals",), list)):
            goal = self.goal(("goals", index), entry)
            self.unique(goals, goal.id, ("goals", index, "id"))
            goals[goal.id] = goal
        criteria: dict[str, Criterion] = {}
        entries = doc.get(data, ("criteria",), list)
        if not entries:
            raise doc.error(("criteria",), "no criteria: the gate would have nothing to decide")
        for index, entry in enumerate(entries):
            criterion = self.criterion(("criteria", index), entry, goals)
            self.unique(criteria, criterion.id, ("criteria", index, "id"))
            criteria[criterion.id] = criterion
        return Catalog(
            path=doc.path, goals=goals, criteria=criteria, language=self.language or self.seen()
        )

    def seen(self) -> str:
        """The catalog's language where it does not say: zh-CN if any text has it."""
        return "zh-CN" if "zh-CN" in self.languages else "en"

    def unique(self, seen: Mapping[str, Any], value: str, keys: Key) -> None:
        if value in seen:
            raise self.doc.error(keys, f"duplicate id {value!r}; ids must be unique")

    def mapping(self, keys: Key, entry: Any, allowed: set[str]) -> dict[str, Any]:
        if not isinstance(entry, dict):
            raise self.doc.error(keys, f"{entry!r} is not a mapping")
        self.doc.keys(entry, keys, allowed)
        return entry

    def ident(
        self, keys: Key, entry: Mapping[str, Any], pattern: re.Pattern[str], example: str
    ) -> str:
        value: str = self.doc.get(entry, keys, str)
        if not pattern.match(value):
            raise self.doc.error(keys, f"{value!r} is not a valid id; write it like {example}")
        return value

    def text(self, keys: Key, entry: Mapping[str, Any]) -> Text:
        """A title: a text in the catalog's language, or one per language
        (``{zh-CN: ..., en: ...}``, either or both)."""
        value = entry.get(str(keys[-1]))
        if isinstance(value, str) and value.strip():
            lang = self.language or ("zh-CN" if CJK.search(value) else "en")
            self.languages.add(lang)
            return Text(((lang, value),))
        value = self.doc.get(entry, keys, dict)
        self.doc.keys(value, keys, LANGUAGES)
        texts = tuple(
            (lang, self.doc.get(value, (*keys, lang), str)) for lang in LANGUAGES if lang in value
        )
        if not texts:
            raise self.doc.error(keys, f"needs a text in {' or '.join(LANGUAGES)}")
        self.languages.update(lang for lang, _ in texts)
        return Text(texts)

    def goal(self, keys: Key, entry: Any) -> Goal:
        doc = self.doc
        entry = self.mapping(
            keys,
            entry,
            {"id", "title", "metric", "baseline", "target", "deadline", "owner"}
            | {"measure", "unit", "better"},
        )
        measure = read_measure(doc, (*keys, "measure"), entry)
        baseline, target = self.scalar((*keys, "baseline"), entry), entry.get("target")
        if measure is not None and number_of(target) is None:
            raise doc.error((*keys, "target"), "a measured goal needs a number to reach")
        rising = (number_of(target) or 0) >= (number_of(baseline) or 0)
        return Goal(
            id=self.ident((*keys, "id"), entry, GOAL_ID, "G-CONV"),
            title=self.text((*keys, "title"), entry),
            metric=doc.get(entry, (*keys, "metric"), str),
            baseline=str(self.scalar((*keys, "baseline"), entry)),
            target=str(self.scalar((*keys, "target"), entry)),
            deadline=self.doc.date(entry, (*keys, "deadline")),
            owner=doc.get(entry, (*keys, "owner"), str),
            measure=measure,
            unit=doc.get(entry, (*keys, "unit"), str, ""),
            better=doc.choice(entry, (*keys, "better"), BETTER, "up" if rising else "down"),
        )

    def scalar(self, keys: Key, entry: Mapping[str, Any]) -> str | float:
        value = entry.get(str(keys[-1]))
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise self.doc.error(keys, "is required: a number or a text such as '18%'")
        return value

    def criterion(self, keys: Key, entry: Any, goals: Mapping[str, Goal]) -> Criterion:
        doc = self.doc
        entry = self.mapping(
            keys,
            entry,
            {
                "id",
                "title",
                "goal",
                "priority",
                "phases",
                "evidence",
                "thresholds",
                "owner",
                "link",
                "fresh",
            },
        )
        goal = doc.get(entry, (*keys, "goal"), str)
        if goal not in goals:
            raise doc.error(
                (*keys, "goal"),
                f"unknown goal {goal!r}{did_you_mean(goal, goals)}; "
                f"goals: {', '.join(goals) or 'none'}",
            )
        evidence = self.members((*keys, "evidence"), entry, EVIDENCE_KINDS)
        thresholds = tuple(
            self.threshold((*keys, "thresholds", i), t)
            for i, t in enumerate(doc.get(entry, (*keys, "thresholds"), list, []))
        )
        if thresholds and "load" not in evidence:
            raise doc.error(
                (*keys, "thresholds"),
                "thresholds are measured by load runs: add 'load' to this criterion's evidence",
            )
        return Criterion(
            id=self.ident((*keys, "id"), entry, CRITERION_ID, "AC-ORD-01"),
            title=self.text((*keys, "title"), entry),
            goal=goal,
            priority=doc.choice(entry, (*keys, "priority"), PRIORITIES, "medium"),
            phases=self.members((*keys, "phases"), entry, PHASES),
            evidence=evidence,
            thresholds=thresholds,
            owner=doc.get(entry, (*keys, "owner"), str, "") or None,
            link=doc.get(entry, (*keys, "link"), str, "") or None,
            line=doc.line(keys),
            fresh=read_freshness(self.doc, (*keys, "fresh"), entry),
        )

    def members(
        self, keys: Key, entry: Mapping[str, Any], valid: tuple[str, ...]
    ) -> tuple[str, ...]:
        values = self.doc.strings(entry, keys)
        if not values:
            raise self.doc.error(keys, f"must name at least one of: {', '.join(valid)}")
        for index, value in enumerate(values):
            if value not in valid:
                raise self.doc.error(
                    (*keys, index),
                    f"{value!r} is not valid"
                    f"{did_you_mean(value, valid)}; valid: {', '.join(valid)}",
                )
        return tuple(dict.fromkeys(values))

    def threshold(self, keys: Key, entry: Any) -> Threshold:
        doc = self.doc
        entry = self.mapping(keys, entry, {"metric", "request", "relative_to", *LIMITS})
        metric = doc.choice(entry, (*keys, "metric"), METRICS)
        limits = [k for k in LIMITS if k in entry]
        if len(limits) != 1:
            raise doc.error(
                keys,
                f"needs exactly one of {', '.join(LIMITS)}; found {', '.join(limits) or 'none'}",
            )
        limit = limits[0]
        value = float(doc.get(entry, (*keys, limit), float))
        relative_to = doc.get(entry, (*keys, "relative_to"), str, "") or None
        if limit.endswith("_ratio") != (relative_to is not None):
            raise doc.error(
                keys,
                "max_ratio and min_ratio compare with a baseline run: use "
                "them with relative_to, and max or min without it",
            )
        if value < 0 or (metric == "error_rate" and limit == "max" and value > 1):
            raise doc.error(
                (*keys, limit),
                f"{value:g} is out of range"
                + (
                    " (error_rate is a share from 0 to 1)"
                    if metric == "error_rate"
                    else " (must not be negative)"
                ),
            )
        return Threshold(
            metric=metric,
            limit=limit,
            value=value,
            request=doc.get(entry, (*keys, "request"), str, "") or None,
            relative_to=relative_to,
        )
