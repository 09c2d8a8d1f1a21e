"""The gate's files in reports/: gate.json (the contract), gate.md, gate.html, junit.xml."""

from __future__ import annotations

import json
import os
import shutil
import xml.etree.ElementTree as ET  # writing only, never parsing  # nosec B405
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from golive.errors import SetupError
from golive.evidence.bulk import collector_paused
from golive.gate.traceability import Matrix
from golive.gate.verdict import EvidenceLine, GateResult
from golive.inputs.catalog import Catalog
from golive.messages import Say

RUN_OUTPUTS = (
    "gate.json",
    "gate.md",
    "gate.html",
    "junit.xml",
    "run.json",
    "allure-results",
    "allure-report",
    "load",
    "security",
    "playwright",
    "uat-outcomes.json",
    "security-outcomes.json",
    "load-outcomes.json",
    "evidence-manifest.json",
    "golive-error.log",
)
"""What one run writes in reports/ (history and Allure's trend file carry over)."""
PREVIOUS = "previous"


def set_aside(folder: Path) -> Path:
    """Move the previous run's outputs to ``folder/previous`` (replacing older ones), so an
    interrupted or empty run never leaves an old verdict beside its own partial results.

    SetupError if ``folder`` cannot be written: no run should start that cannot report.
    """
    previous = folder / PREVIOUS
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".golive-write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
        found = [folder / name for name in RUN_OUTPUTS if (folder / name).exists()]
        if found:
            if previous.is_dir():
                shutil.rmtree(previous)
            previous.mkdir()
            for path in found:
                path.rename(previous / path.name)
    except OSError as exc:
        raise SetupError(
            f"the reports folder {folder} cannot be written ({exc.strerror or exc}); "
            f"golive keeps its verdict and evidence there: make it writable or set "
            f"[golive] reports in golive.toml"
        ) from None
    return previous


@dataclass(frozen=True)
class GateFiles:
    """Where the gate's outputs were written."""

    json: Path
    markdown: Path
    html: Path
    junit: Path


@collector_paused()
def write_gate(
    result: GateResult,
    catalog: Catalog,
    folder: Path,
    history: tuple[Mapping[str, object], ...] = (),
) -> GateFiles:
    """Write every output of one gate evaluation into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    files = GateFiles(
        folder / "gate.json", folder / "gate.md", folder / "gate.html", folder / "junit.xml"
    )
    files.json.write_text(
        json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    files.markdown.write_text(markdown(result), encoding="utf-8")
    goals_page = (folder / GOALS_PAGE).is_file()
    files.html.write_text(html(result, catalog, history, goals_page), encoding="utf-8")
    files.junit.write_bytes(junit(result))
    return files


def counts(say: Say, by_status: Mapping[str, int]) -> str:
    """``3 passed, 1 failed``: how many ended in each status, in ``say``'s language."""
    return say.join(
        [say("report.count", count=n, status=say.word("status", s)) for s, n in by_status.items()]
    )


def markdown(result: GateResult) -> str:
    """A pull-request comment: the verdict, then one row per criterion."""
    say = result.say
    title = say(
        "report.title",
        verdict="✅ GO" if result.go else "⛔ NO-GO",
        phase=result.phase,
        target=result.target,
    )
    run = result.run_id or say("report.not_recorded")
    lines = [
        f"## {title}",
        "",
        say("report.decided", run=run, at=result.at),
        "",
        counts(say, result.summary()),
        "",
        f"| {say('report.criterion')} | {say('report.status')} | {say('report.reason')} |",
        "|---|---|---|",
    ]
    for c in result.criteria:
        reason = (c.reason or "").replace("|", "\\|").replace("\n", " ")
        lines.append(f"| {c.id} {c.title} | {say.word('mark', c.status)} | {reason} |")
    if result.environment:
        lines += ["", say("report.environment", environment=result.environment)]
    if result.missing:
        heading = say("report.missing_heading", count=len(result.missing))
        lines += ["", say("report.no_go_marked", text=f"**{heading}**"), ""]
        lines += [f"- {c.name} (`{c.id}`)" for c in result.missing[:50]]
    if result.unattributed:
        heading = say("report.unattributed_heading", count=len(result.unattributed))
        lines += ["", say("report.no_go_marked", text=f"**{heading}**"), ""]
        broken = say("gate.environment_broken")
        lines += [
            f"- {e.name}: {broken if e.category else say.word('status', e.status)}"
            for e in result.unattributed[:50]
        ]
    passed_untraced = len(result.untraced) - len(result.unattributed)
    if passed_untraced > 0:
        lines += ["", say("report.untraced", count=passed_untraced)]
    return "\n".join(lines) + "\n"


def junit(result: GateResult) -> bytes:
    """JUnit XML with one test case per criterion, for CI test-report widgets; missing and
    unattributed checks are failed cases of their own."""
    say = result.say
    extra = [
        (say("report.junit_no_result", name=c.name, id=c.id), c.message) for c in result.missing
    ] + [
        (say("report.junit_no_criterion", name=e.name), f"{e.status}: {e.message}")
        for e in result.unattributed
    ]
    if result.environment:
        extra.append(("environment", result.environment))
    failures = sum(1 for c in result.criteria if c.status in {"failed", "no_evidence"})
    skipped = sum(1 for c in result.criteria if c.status == "waived")
    suite = ET.Element(
        "testsuite",
        name=f"golive gate {result.phase}",
        tests=str(len(result.criteria) + len(extra)),
        failures=str(failures + len(extra)),
        errors="0",
        skipped=str(skipped),
    )
    for c in result.criteria:
        case = ET.SubElement(
            suite, "testcase", classname=f"golive.{result.phase}", name=f"{c.id} {c.title}"
        )
        if c.status in {"failed", "no_evidence"}:
            ET.SubElement(case, "failure", message=c.reason, type=c.status).text = c.reason
        elif c.status == "waived":
            ET.SubElement(case, "skipped", message=c.reason)
    for name, message in extra:
        case = ET.SubElement(suite, "testcase", classname=f"golive.{result.phase}", name=name)
        ET.SubElement(case, "failure", message=message, type="gate").text = message
    root = ET.Element("testsuites")
    root.append(suite)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))


_templates = Environment(
    loader=PackageLoader("golive.report", "templates"),
    autoescape=select_autoescape(["html", "j2"], default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def html(
    result: GateResult,
    catalog: Catalog,
    history: tuple[Mapping[str, object], ...] = (),
    goals_page: bool = False,
) -> str:
    """The page a project manager reads: the verdict first, then criteria by goal.

    It stays light however many results the run gave: every check that failed, gave no
    result or could not be judged is listed, in full; of the passing ones, the first
    ``PASSED_SHOWN`` per criterion, the others counted (and so for the names of checks
    that name no criterion). The page says so; gate.json and the Allure report list
    every result."""
    groups = []
    for goal in catalog.goals.values():
        rows = [c for c in result.criteria if c.goal == goal.id]
        if rows:
            groups.append((goal, rows))
    listed = {c.id: Listed.of(c.evidence) for c in result.criteria}
    return _templates.get_template("gate.html.j2").render(
        result=result,
        groups=groups,
        summary=result.summary(),
        history=history,
        listed=listed,
        untraced=result.untraced[:PASSED_SHOWN],
        untraced_hidden=max(0, len(result.untraced) - PASSED_SHOWN),
        collapsed=sum(x.hidden for x in listed.values()),
        passed_shown=PASSED_SHOWN,
        goals_page=GOALS_PAGE if goals_page else "",
        lang=result.lang,
        say=result.say,
    )


GOALS_PAGE = "goals.html"
"""The goals' charts (``golive goals``, ``golive watch``), linked from the gate page."""
PASSED_SHOWN = 20
"""Passing evidence lines listed per criterion on the page; every line that did not pass
is listed. 50,000 passes listed one by one make a 2.4 MB page that no one reads."""


@dataclass(frozen=True)
class Listed:
    """What the page lists of one criterion's evidence."""

    problems: tuple[EvidenceLine, ...]
    """Every line that did not pass: failed, broken, skipped, missing, environment."""
    passed: tuple[EvidenceLine, ...]
    """The first ``PASSED_SHOWN`` passing lines."""
    passed_count: int

    @property
    def hidden(self) -> int:
        """Passing lines counted but not listed."""
        return self.passed_count - len(self.passed)

    @classmethod
    def of(cls, evidence: tuple[EvidenceLine, ...]) -> Listed:
        """Problems first, in the gate's order, then the first passes."""
        problems = tuple(e for e in evidence if e.status != "passed")
        passed = [e for e in evidence if e.status == "passed"]
        return cls(problems, tuple(passed[:PASSED_SHOWN]), len(passed))


def write_matrix(matrix: Matrix, folder: Path, lang: str = "zh-CN") -> Path:
    """The traceability matrix as a page: reports/criteria.html, titles in ``lang``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "criteria.html"
    template = _templates.get_template("criteria.html.j2")
    page = template.render(matrix=matrix, lang=lang, say=Say(lang))
    path.write_text(page, encoding="utf-8")
    return path
