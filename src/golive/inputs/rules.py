"""The business-rules table (``features/RULES.md``) and the scenarios that prove its rules.

A project may keep its platform's business rules next to its features, one per row of a
Markdown table whose first header cell names the rule column (``rule``, ``id``, ``规则``)::

    | rule     | business rule                                      | proven by |
    |----------|----------------------------------------------------|-----------|
    | R-ORD-01 | An order's total is the sum of quantity × price    | computed  |

The first cell is the rule's id (``R-ORD-01``, ``R-LEAD-STATE-03``), the second its
statement in the reader's language; further cells are for the reader. Text outside such
tables (headings, paragraphs, code blocks, other tables) is ignored. A scenario proves a
rule by carrying its id as a tag (``@R-ORD-01``), on itself, its feature, its Rule block
or an Examples table. The file is optional: without it a project has no rules.

Pure: :func:`read_rules` reads the table as written, :func:`rule_findings` checks it
against the scenario library (reading a feature file again only to locate a tag).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gherkin.errors import CompositeParserException
from gherkin.parser import Parser

from golive.errors import ConfigError
from golive.inputs.library import Scenario
from golive.inputs.lint import Finding, suggest
from golive.messages import Say, language_of

RULES_FILE = "RULES.md"
"""The table's name in a project's features folder."""
RULE_ID = re.compile(r"R-[A-Z0-9]+(?:-[A-Z0-9]+)*")
_RULE_COLUMNS = {"rule", "ruleid", "id", "规则", "规则编号", "规则id", "编号"}
"""First header cells of a rules table (lower case, spaces left out)."""
_SEPARATOR = re.compile(r":?-+:?")
_PIPE = re.compile(r"(?<!\\)\|")
_FENCES = ("```", "~~~")


@dataclass(frozen=True)
class Rule:
    """One row of the table, as written (``id`` may be malformed: lint says so)."""

    id: str
    statement: str
    path: Path
    line: int


def is_rule_tag(tag: str) -> bool:
    """Whether a scenario tag names a business rule (``R-...``), known or not."""
    return tag.startswith("R-")


def read_rules(path: Path) -> tuple[Rule, ...]:
    """Every row of the rules tables in ``path``, in file order; none if there is no file."""
    if not path.exists():
        return ()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the rules table: {exc}", path=path) from None
    return tuple(_rows(path, text.splitlines()))


def _rows(path: Path, lines: list[str]) -> Iterator[Rule]:
    fence = ""  # the open code block's fence: a table shown in one is an example
    table: bool | None = None  # outside a table; else whether it is a rules table
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if fence:
            fence = "" if line.startswith(fence) else fence
            continue
        if line.startswith(_FENCES):
            fence, table = line[:3], None
            continue
        if not line.startswith("|"):
            table = None
            continue
        cells = _cells(line)
        if table is None:  # the header row
            table = cells[0].strip("*`_ ").lower().replace(" ", "") in _RULE_COLUMNS
        elif table and not all(_SEPARATOR.fullmatch(c.replace(" ", "")) for c in cells):
            yield Rule(cells[0], cells[1] if len(cells) > 1 else "", path, number)


def _cells(line: str) -> list[str]:
    """A table row's cells, stripped; ``\\|`` is a pipe inside a cell."""
    inner = line[1:]
    if inner.endswith("|") and not inner.endswith("\\|"):
        inner = inner[:-1]
    return [cell.strip().replace("\\|", "|") for cell in _PIPE.split(inner)]


def rule_findings(
    rules: Iterable[Rule], library: Iterable[Scenario], language: str
) -> list[Finding]:
    """Malformed and duplicate rows, rules no scenario proves (said in ``language``, the
    catalog's), and rule tags the table does not define (in their feature's language)."""
    findings = []
    say = Say(language_of(language))
    known: dict[str, Rule] = {}
    for rule in rules:
        where = (str(rule.path), rule.line)
        if not RULE_ID.fullmatch(rule.id):
            findings.append(Finding(*where, say("rules.bad_id", value=repr(rule.id))))
        elif rule.id in known:
            text = say("rules.twice", id=rule.id, first=known[rule.id].line)
            findings.append(Finding(*where, text))
        else:
            known[rule.id] = rule
            if not rule.statement:
                findings.append(Finding(*where, say("rules.no_statement", id=rule.id)))
    proven: set[str] = set()
    unknown: dict[Path, tuple[str, set[str]]] = {}  # feature file: its language, bad tags
    for scenario in library:
        for tag in filter(is_rule_tag, scenario.tags):
            if tag in known:
                proven.add(tag)
            else:
                unknown.setdefault(scenario.path, (scenario.language, set()))[1].add(tag)
    for rule in known.values():
        if rule.id not in proven:
            findings.append(Finding(str(rule.path), rule.line, say("rules.unproven", id=rule.id)))
    for path, (lang, tags) in unknown.items():
        said = Say(language_of(lang))
        for tag, line in _tag_lines(path):
            if tag in tags:
                close = suggest(said, tag, known)
                text = said("rules.unknown_tag", tag=tag, table=RULES_FILE, close=close)
                findings.append(Finding(str(path), line, text))
    return findings


def _tag_lines(path: Path) -> Iterator[tuple[str, int]]:
    """Every tag of a feature file (without its ``@``) and the line it is written on: a
    tag inherited by ten scenarios is one finding, where it is written."""
    try:
        document = Parser().parse(path.read_text(encoding="utf-8"))
    except (CompositeParserException, OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the feature file: {exc}", path=path) from None
    yield from _tags_in(document)


def _tags_in(node: Any) -> Iterator[tuple[str, int]]:
    if isinstance(node, Mapping):
        for tag in node.get("tags", ()):
            yield tag["name"].lstrip("@"), tag["location"]["line"]
        for value in node.values():
            yield from _tags_in(value)
    elif isinstance(node, list):
        for value in node:
            yield from _tags_in(value)
