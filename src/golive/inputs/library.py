"""The scenario library: every feature file's scenarios, with their tags and steps located.

Read without running anything, for the traceability matrix, lint and the pytest plugin.
A scenario inherits the tags of its feature, rule and examples, as pytest-bdd does.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gherkin.errors import CompositeParserException
from gherkin.parser import Parser

from golive.errors import ConfigError
from golive.inputs.catalog import PHASES, is_criterion_tag

MANUAL = "manual"
"""The tag of a scenario a person tries and records (``golive manual record``)."""

# Step keywords by Gherkin's keyword type: And/But ("Conjunction") take the type before.
_STEP_TYPES = {"Context": "given", "Action": "when", "Outcome": "then"}


@dataclass(frozen=True)
class ExpectedCheck:
    """A check the library says a run must give a result for."""

    id: str
    """Its file and line (``features/daily/orders.feature:12``), as its results' label."""
    name: str
    kind: str
    criteria: tuple[str, ...]
    where: str
    runs: int = 1
    """Results it must give: one per Examples row of an outline."""


@dataclass(frozen=True)
class Step:
    keyword: str
    type: str  # given, when or then
    text: str
    line: int


@dataclass(frozen=True)
class Scenario:
    """A scenario (or outline) as written, located in its file."""

    path: Path
    line: int
    feature: str
    name: str
    tags: frozenset[str]
    steps: tuple[Step, ...]
    language: str
    examples: tuple[tuple[frozenset[str], int], ...] = ()
    """Each Examples table's tags (the scenario's and its own) and rows: an outline runs
    once per row, and a table's tags select only its own rows, as in pytest-bdd."""

    @property
    def criteria(self) -> tuple[str, ...]:
        return tuple(sorted(t for t in self.tags if is_criterion_tag(t)))

    @property
    def kind(self) -> str:
        """The kind of evidence it gives: manual, load or security when tagged so, else uat."""
        return kind_of(self.tags)

    @property
    def digest(self) -> str:
        """The SHA-256 of the scenario as a person reads it: its tags and its steps."""
        lines = [*sorted(self.tags), *(f"{s.keyword} {s.text}" for s in self.steps)]
        return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def check_id(self, root: Path) -> str:
        """What its results carry to say which scenario they are (``features/x.feature:12``)."""
        return check_id(self.path, self.line, root)

    def runs(self, suite: str, phase: str) -> int:
        """How many results the suite of a phase must get from it: 0 when it does not
        select it, else 1, or one per selected Examples row (``golive.run.suites.selection``)."""
        if not self.examples or self.kind == MANUAL:
            # a person records one result for a manual scenario, whatever its examples
            return int(selects(self.tags, suite, phase))
        return sum(rows for tags, rows in self.examples if selects(tags, suite, phase))


def kind_of(tags: frozenset[str]) -> str:
    """The kind of evidence a scenario with these tags gives: a ``@manual`` one is tried by
    a person (its result is recorded, never run), else load, security, migration (a
    reconciliation of legacy data, run with UAT) or uat."""
    return next((k for k in (MANUAL, "load", "security", "migration") if k in tags), "uat")


def selects(tags: frozenset[str], suite: str, phase: str) -> bool:
    """Whether a run of ``suite`` expects a result of a scenario with these tags: what the
    marker expression of ``golive.run.suites.selection`` picks, and the manual scenarios
    and migration ones with the UAT suite (the manual results are the recorded ones)."""
    kind = kind_of(tags)
    if suite == "load":
        return kind == "load" and phase in tags
    if kind == MANUAL:
        # people try a manual scenario in the phases it names (all where it names none)
        phased = tags & set(PHASES)
        return suite == "uat" and (not phased or phase in phased)
    if suite == "uat":
        return kind in {"uat", MANUAL, "migration"}
    return kind == suite


def check_id(path: Path, line: int, root: Path) -> str:
    """A scenario's identity across the library and its results: its file and line."""
    try:
        where = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        where = path.resolve().as_posix()
    return f"{where}:{line}"


def expected_checks(
    library: tuple[Scenario, ...], suites: tuple[str, ...], phase: str, root: Path
) -> tuple[ExpectedCheck, ...]:
    """The checks a run of ``suites`` in ``phase`` must give a result for: one per scenario,
    one per Examples row of an outline."""
    if phase not in PHASES:
        raise ConfigError(f"unknown phase {phase!r}; valid: {', '.join(PHASES)}")
    return tuple(
        ExpectedCheck(
            id=s.check_id(root),
            name=s.name,
            kind=s.kind,
            criteria=s.criteria,
            where=s.where,
            runs=runs,
        )
        for s in library
        if (runs := sum(s.runs(suite, phase) for suite in suites))
    )


def parse_feature(path: Path) -> tuple[Scenario, ...]:
    """The scenarios of one feature file; a Gherkin error is located bad input."""
    try:
        document = Parser().parse(path.read_text(encoding="utf-8"))
    except CompositeParserException as exc:
        first = exc.errors[0] if exc.errors else exc
        line = getattr(getattr(first, "location", None), "get", lambda _k: None)("line")
        raise ConfigError(f"not valid Gherkin: {first}", path=path, line=line) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the feature file: {exc}", path=path) from None
    feature = document.get("feature")
    if not feature:
        return ()
    scenarios = tuple(_scenarios(path, feature))
    seen: dict[str, Scenario] = {}
    for scenario in scenarios:
        earlier = seen.setdefault(scenario.name, scenario)
        if earlier is not scenario:
            # pytest-bdd keeps one scenario per name and file: the other would never run
            raise ConfigError(
                f"scenario {scenario.name!r} has the same name as the one at line "
                f"{earlier.line}; only one of them would run: give each its own name",
                path=path,
                line=scenario.line,
            )
    return scenarios


def read_library(folder: Path) -> tuple[Scenario, ...]:
    """Every scenario under ``folder``, files in name order."""
    if not folder.is_dir():
        raise ConfigError(f"no features folder at {folder}")
    return tuple(s for path in sorted(folder.rglob("*.feature")) for s in parse_feature(path))


def _tags(node: Mapping[str, Any]) -> set[str]:
    return {tag["name"].lstrip("@") for tag in node.get("tags", ())}


def _scenarios(path: Path, feature: Mapping[str, Any]) -> Iterator[Scenario]:
    inherited = _tags(feature)
    for child in feature.get("children", ()):
        if "scenario" in child:
            yield _scenario(path, feature, child["scenario"], inherited)
        rule = child.get("rule")
        if rule:
            for grandchild in rule.get("children", ()):
                if "scenario" in grandchild:
                    yield _scenario(path, feature, grandchild["scenario"], inherited | _tags(rule))


def _scenario(
    path: Path, feature: Mapping[str, Any], node: Mapping[str, Any], inherited: set[str]
) -> Scenario:
    own = inherited | _tags(node)
    tables = tuple(
        (frozenset(own | _tags(examples)), len(examples.get("tableBody", ())))
        for examples in node.get("examples", ())
    )
    tags = own.union(*(t for t, _ in tables))
    steps, last = [], "given"
    for step in node.get("steps", ()):
        last = _STEP_TYPES.get(step.get("keywordType", ""), last)
        steps.append(Step(step["keyword"].strip(), last, step["text"], step["location"]["line"]))
    return Scenario(
        path=path,
        line=node["location"]["line"],
        feature=feature.get("name", ""),
        name=node.get("name", ""),
        tags=frozenset(tags),
        steps=tuple(steps),
        language=feature.get("language", "en"),
        examples=tables,
    )
