"""What golive shows in a terminal, as text; the CLI prints it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from golive.evidence.reconcile import CHECK_STATUSES, ENVIRONMENT
from golive.gate.history import Run
from golive.gate.traceability import Matrix
from golive.gate.verdict import GateResult
from golive.report.outputs import STATUS_MARK, GateFiles

TREND_MARKS = {"passed": "✓", "failed": "✗", "no_evidence": "?", "waived": "w"}


def checks_text(result: GateResult) -> str:
    """Each kind of check's counts, then every check that did not pass and why; the
    checks the environment broke are counted, not listed one raw error at a time."""
    lines = [""]
    for kind, counts in result.tally().items():
        shown = ", ".join(f"{counts[s]} {s}" for s in CHECK_STATUSES if counts[s] or s == "passed")
        lines.append(f"{kind}: {sum(counts.values())} result(s): {shown}")
    broken = [c for c in result.checks if c.category and c.status != "passed"]
    for check in result.checks:
        if check.status == "passed" or check.category:
            continue
        lines.append(f"  {check.status.upper():<8} {check.name}  ({check.id})")
        if check.message:
            lines.append(f"           {check.message.splitlines()[0][:200]}")
    for line in result.unattributed:
        lines.append(f"  {line.status.upper():<8} {line.name}  (names no criterion)")
    if broken:
        lines.append(f"  {len(broken)} check(s) broke or did not run: {ENVIRONMENT} (see below)")
    lines += [f"BROKEN  {error}" for error in result.suite_errors]
    return "\n".join(lines)


def gate_text(result: GateResult, files: GateFiles) -> str:
    """The verdict table: a row per criterion, then the verdict and where the report is."""
    lines = [""]
    width = max((len(c.id) for c in result.criteria), default=10)
    for c in result.criteria:
        lines.append(f"  {c.id:<{width}}  {STATUS_MARK[c.status]:<14}  {c.title}")
        if c.reason:
            lines.append(f"  {'':<{width}}  {'':<14}  {c.reason[:300]}")
    counts = ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in result.summary().items())
    lines.append(f"\n{result.verdict} for {result.phase} on {result.target}: {counts}")
    if result.missing:
        lines.append(
            f"  {len(result.missing)} selected check(s) gave no result: "
            + ", ".join(f"{c.name!r} ({c.id})" for c in result.missing[:5])
            + (" ..." if len(result.missing) > 5 else "")
        )
    if result.unattributed:
        lines.append(
            f"  {len(result.unattributed)} check(s) that name no criterion did not pass: "
            + ", ".join(repr(e.name) for e in result.unattributed[:5])
        )
    if result.environment:
        lines.append(f"  {result.environment}")
    lines += [f"  a suite broke: {error}" for error in result.suite_errors]
    lines.append(
        f"report: {files.html}  (also {files.json.name}, {files.markdown.name}, {files.junit.name})"
    )
    return "\n".join(lines)


def trend_text(
    runs: Sequence[Run], statuses: Mapping[str, Mapping[int, str]], criterion: str | None = None
) -> str:
    """The last runs, then one row per criterion with its status in each run."""
    if not runs:
        return "no runs recorded yet: golive run records one"
    lines = [
        f"  run {r.id:>4}  {r.at}  {r.phase:<8} {r.target:<10} {r.verdict}"
        + (f"  baseline {r.baseline!r}" if r.baseline else "")
        for r in runs
    ]
    lines += ["", f"  {'criterion':<12} " + " ".join(f"{r.id:>4}" for r in runs)]
    for name, by_run in statuses.items():
        if criterion is None or name == criterion:
            cells = " ".join(f"{TREND_MARKS.get(by_run.get(r.id, ''), '·'):>4}" for r in runs)
            lines.append(f"  {name:<12} {cells}")
    lines.append("\n  ✓ passed  ✗ failed  ? no evidence  w waived  · not required")
    return "\n".join(lines)


def matrix_text(matrix: Matrix) -> str:
    """Each criterion with the scenarios proving it; unproven ones stand out."""
    lines = []
    for row in matrix.rows:
        c = row.criterion
        status = STATUS_MARK.get(row.last_status or "", "never judged")
        flag = "  ⚠ NO CHECK PROVES IT" if row.unproven else ""
        lines.append(
            f"{c.id}  {c.title}  [{', '.join(c.phases)}; needs "
            f"{', '.join(c.evidence)}]  last: {status}{flag}"
        )
        for s in row.scenarios:
            lines.append(f"    {s.kind:<8} {s.name}  ({s.where})")
        if row.missing_kinds and not row.unproven:
            lines.append(f"    ⚠ no {', no '.join(row.missing_kinds)} check")
    if matrix.untagged:
        lines += ["", "Scenarios that name no criterion (they prove nothing the gate uses):"]
        lines += [f"    {s.name}  ({s.where})" for s in matrix.untagged]
    unproven = sum(1 for r in matrix.rows if r.unproven)
    lines.append(
        f"\n{len(matrix.rows)} criteria, {unproven} without any check, "
        f"{len(matrix.untagged)} untagged scenarios"
    )
    return "\n".join(lines)
