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
        if not scenario.criteria:
            findings.append(
                Finding(
                    *where,
                    f"scenario {scenario.name!r} names no acceptance "
                    f"criterion: tag it with the @AC-... it proves",
                )
            )
        for cid in scenario.criteria:
            if cid in catalog.criteria:
                proven.add(cid)
            else:
                findings.append(
                    Finding(
                        *where,
                        f"tag @{cid} is not a criterion of "
                        f"{catalog.path.name}{catalog.suggest(cid)}",
                    )
                )
    for criterion in catalog.criteria.values():
        if "uat" in criterion.evidence and criterion.id not in proven:
            findings.append(
                Finding(
                    str(catalog.path),
                    criterion.line or 1,
                    f"criterion {criterion.id} needs uat evidence but no "
                    f"scenario is tagged @{criterion.id}",
                )
            )
    return findings


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
            if template is None:
                continue
            example = getattr(item, "callspec", None)
            params = example.params.get("_pytest_bdd_example", {}) if example else {}
            scenario = template.render(params)
            for step in scenario.steps:
                if not any(True for _ in find_fixturedefs_for_step(step, manager, item)):
                    findings.add(
                        Finding(
                            template.feature.filename,
                            step.line_number,
                            f'no step definition matches {step.keyword.strip()} "{step.name}" '
                            f"({step.type}){_closest(step, manager, item)}",
                        )
                    )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(
            json.dumps([asdict(f) for f in sorted(findings)], ensure_ascii=False), encoding="utf-8"
        )


_VALUES = re.compile(r'"[^"]*"|\{[^}]*\}|\d+')


def _closest(step: Any, manager: Any, item: pytest.Item) -> str:
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
    return f" (did you mean '{patterns[close[0]]}'?)" if close else ""


def read_step_findings(path: Path) -> list[Finding]:
    return [Finding(**row) for row in json.loads(path.read_text(encoding="utf-8"))]
