"""The gate's files in reports/: gate.json (the contract), gate.md, gate.html, junit.xml."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET  # writing only, never parsing  # nosec B405
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from golive.catalog import Catalog
from golive.gate import EvidenceLine, GateResult
from golive.traceability import Matrix

STATUS_MARK = {
    "passed": "✓ passed",
    "failed": "✗ failed",
    "no_evidence": "⚠ no evidence",
    "waived": "◑ waived",
}


@dataclass(frozen=True)
class GateFiles:
    """Where the gate's outputs were written."""

    json: Path
    markdown: Path
    html: Path
    junit: Path


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
    files.html.write_text(html(result, catalog, history), encoding="utf-8")
    files.junit.write_bytes(junit(result))
    return files


def markdown(result: GateResult) -> str:
    """A pull-request comment: the verdict, then one row per criterion."""
    summary = ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in result.summary().items())
    lines = [
        f"## golive gate: {'✅ GO' if result.go else '⛔ NO-GO'} for {result.phase} "
        f"on {result.target}",
        "",
        summary,
        "",
        "| criterion | status | reason |",
        "|---|---|---|",
    ]
    for c in result.criteria:
        reason = (c.reason or "").replace("|", "\\|").replace("\n", " ")
        lines.append(f"| {c.id} {c.title} | {STATUS_MARK[c.status]} | {reason} |")
    if result.untraced:
        lines += ["", f"{len(result.untraced)} check(s) name no criterion and count for nothing."]
    return "\n".join(lines) + "\n"


def junit(result: GateResult) -> bytes:
    """JUnit XML with one test case per criterion, for CI test-report widgets."""
    failures = sum(1 for c in result.criteria if c.status in {"failed", "no_evidence"})
    skipped = sum(1 for c in result.criteria if c.status == "waived")
    suite = ET.Element(
        "testsuite",
        name=f"golive gate {result.phase}",
        tests=str(len(result.criteria)),
        failures=str(failures),
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
    root = ET.Element("testsuites")
    root.append(suite)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))


_templates = Environment(
    loader=PackageLoader("golive", "templates"),
    autoescape=select_autoescape(["html", "j2"], default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def html(
    result: GateResult, catalog: Catalog, history: tuple[Mapping[str, object], ...] = ()
) -> str:
    """The page a project manager reads: the verdict first, then criteria by goal."""
    groups = []
    for goal in catalog.goals.values():
        rows = [c for c in result.criteria if c.goal == goal.id]
        if rows:
            groups.append((goal, rows))
    return _templates.get_template("gate.html.j2").render(
        result=result,
        groups=groups,
        summary=result.summary(),
        history=history,
        marks=STATUS_MARK,
        shown=_shown_evidence,
    )


PASSED_SHOWN = 20
"""Passing evidence lines shown per criterion on the page; every failing one is shown."""


def _shown_evidence(evidence: tuple[EvidenceLine, ...]) -> tuple[list[EvidenceLine], int]:
    """What the page lists for a criterion, problems first, and how many passes it hides."""
    problems = [e for e in evidence if e.status != "passed"]
    passed = [e for e in evidence if e.status == "passed"]
    return problems + passed[:PASSED_SHOWN], max(0, len(passed) - PASSED_SHOWN)


def write_matrix(matrix: Matrix, folder: Path) -> Path:
    """The traceability matrix as a page: reports/criteria.html."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "criteria.html"
    page = _templates.get_template("criteria.html.j2").render(matrix=matrix, marks=STATUS_MARK)
    path.write_text(page, encoding="utf-8")
    return path
