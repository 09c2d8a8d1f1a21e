"""Lint: problems in the catalog, the features and the steps, found without running anything.

Two halves: :func:`catalog_findings` checks the scenario library against the catalog
(pure), and :class:`StepChecker`, a pytest plugin active during ``--collect-only``,
finds steps no step definition matches, exactly as pytest-bdd would at run time.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd.compat import get_fixture_names, getfixturedefs
from pytest_bdd.scenario import find_fixturedefs_for_step, scenario_wrapper_template_registry
from pytest_bdd.steps import step_function_context_registry

from golive.inputs.catalog import Catalog
from golive.inputs.library import Scenario
from golive.messages import Say, language_of


@dataclass(frozen=True, order=True)
class Finding:
    """One problem, located."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def catalog_findings(catalog: Catalog, library: Iterable[Scenario]) -> list[Finding]:
    """Untagged scenarios, unknown criterion tags, and uat criteria no scenario proves."""
    findings = []
    proven: set[str] = set()
    for scenario in library:
        where = (str(scenario.path), scenario.line)
        say = Say(language_of(scenario.language))  # said in the scenario's language
        if not scenario.criteria:
            findings.append(Finding(*where, say("lint.untagged", name=repr(scenario.name))))
        for cid in scenario.criteria:
            if cid in catalog.criteria:
                proven.add(cid)
            else:
                close = suggest(say, cid, catalog.criteria)
                text = say("lint.unknown_tag", tag=cid, catalog=catalog.path.name, close=close)
                findings.append(Finding(*where, text))
    say = Say(catalog.language)
    for criterion in catalog.criteria.values():
        if "uat" in criterion.evidence and criterion.id not in proven:
            text = say("lint.unproven", id=criterion.id)
            findings.append(Finding(str(catalog.path), criterion.line or 1, text))
    return findings


def suggest(say: Say, value: str, valid: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` in ``say``'s language for the closest valid value."""
    close = difflib.get_close_matches(value, list(valid), n=1, cutoff=0.6)
    return say("lint.did_you_mean", value=repr(close[0])) if close else ""


class StepChecker:
    """During collection, records every step that no step definition matches."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        findings: set[Finding] = set()
        manager = session._fixturemanager  # pytest has no public way to list fixture defs
        for item in session.items:
            function = getattr(item, "obj", None)
            template = scenario_wrapper_template_registry.get(function) if function else None
            if template is None or item.get_closest_marker("manual") is not None:
                continue  # a person follows a manual scenario's steps: no code runs them
            example = getattr(item, "callspec", None)
            params = example.params.get("_pytest_bdd_example", {}) if example else {}
            scenario = template.render(params)
            say = Say(language_of(template.feature.language))
            for step in scenario.steps:
                if not any(True for _ in find_fixturedefs_for_step(step, manager, item)):
                    text = say(
                        "lint.undefined",
                        keyword=step.keyword.strip(),
                        step=step.name,
                        type=step.type,
                        close=_closest(step, manager, item, say),
                    )
                    findings.add(Finding(template.feature.filename, step.line_number, text))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(
            json.dumps([asdict(f) for f in sorted(findings)], ensure_ascii=False), encoding="utf-8"
        )


_VALUES = re.compile(r'"[^"]*"|\{[^}]*\}|\d+')


def _closest(step: Any, manager: Any, item: pytest.Item, say: Say) -> str:
    """`` (did you mean 'I go to "{path}"'?)`` for the step definition of the step's type,
    visible to ``item``, whose words are closest to the step's (quoted values aside)."""
    patterns = {}
    for name in get_fixture_names(fixturemanager=manager):
        for fixturedef in getfixturedefs(manager, name, item) or []:
            context = step_function_context_registry.get(fixturedef.func)
            if context is not None and context.type in (None, step.type):
                pattern = str(context.parser.name)
                patterns[_VALUES.sub('""', pattern)] = pattern
    close = difflib.get_close_matches(_VALUES.sub('""', step.name), patterns, n=1, cutoff=0.6)
    return say("lint.did_you_mean", value=f"'{patterns[close[0]]}'") if close else ""


def read_step_findings(path: Path) -> list[Finding]:
    return [Finding(**row) for row in json.loads(path.read_text(encoding="utf-8"))]
