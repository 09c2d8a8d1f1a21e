"""What golive shows in a terminal, as text, in the reader's language; the CLI prints it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from golive.evidence.reconcile import CHECK_STATUSES
from golive.gate.history import Run
from golive.gate.traceability import Matrix
from golive.gate.verdict import GateResult
from golive.messages import Say
from golive.report.outputs import GateFiles, counts

TREND_MARKS = {"passed": "✓", "failed": "✗", "no_evidence": "?", "waived": "w"}


def checks_text(result: GateResult) -> str:
    """Each kind of check's counts, then every check that did not pass and why; the
    checks the environment broke are counted, not listed one raw error at a time."""
    say = result.say
    lines = [""]
    for kind, tally in result.tally().items():
        shown = {s: tally[s] for s in CHECK_STATUSES if tally[s] or s == "passed"}
        lines.append(
            say(
                "report.kind_results",
                kind=say.word("kind", kind),
                count=sum(tally.values()),
                counts=counts(say, shown),
            )
        )
    broken = [c for c in result.checks if c.category and c.status != "passed"]
    for check in result.checks:
        if check.status == "passed" or check.category:
            continue
        lines.append(f"  {say.word('flag', check.status):<8} {check.name}  ({check.id})")
        if check.message:
            lines.append(f"           {check.message.splitlines()[0][:200]}")
    for line in result.unattributed:
        flag = say.word("flag", line.status)
        lines.append(f"  {flag:<8} {line.name}  {say('report.names_no_criterion')}")
    if broken:
        environment = say("gate.environment_broken")
        lines.append(
            "  " + say("report.environment_count", count=len(broken), environment=environment)
        )
    lines += [say("report.suite_broken", error=error) for error in result.suite_errors]
    return "\n".join(lines)


def gate_text(result: GateResult, files: GateFiles) -> str:
    """The verdict table: a row per criterion, then the verdict and where the report is."""
    say = result.say
    lines = [""]
    width = max((len(c.id) for c in result.criteria), default=10)
    for c in result.criteria:
        lines.append(f"  {c.id:<{width}}  {say.word('mark', c.status):<14}  {c.title}")
        if c.reason:
            lines.append(f"  {'':<{width}}  {'':<14}  {c.reason[:300]}")
    verdict = say(
        "report.verdict",
        verdict=result.verdict,
        phase=result.phase,
        target=result.target,
        counts=counts(say, result.summary()),
    )
    lines.append(f"\n{verdict}")
    if result.missing:
        names = say.join([f"{c.name!r} ({c.id})" for c in result.missing[:5]])
        more = " ..." if len(result.missing) > 5 else ""
        lines.append("  " + say("report.missing", count=len(result.missing), names=names + more))
    if result.unattributed:
        names = say.join([repr(e.name) for e in result.unattributed[:5]])
        lines.append("  " + say("report.unattributed", count=len(result.unattributed), names=names))
    if result.environment:
        lines.append(f"  {result.environment}")
    lines += ["  " + say("report.a_suite_broke", error=error) for error in result.suite_errors]
    others = say.join([files.json.name, files.markdown.name, files.junit.name])
    lines.append(say("report.files", html=files.html, others=others))
    return "\n".join(lines)


def trend_text(
    runs: Sequence[Run],
    statuses: Mapping[str, Mapping[int, str]],
    criterion: str | None = None,
    lang: str = "en",
) -> str:
    """The last runs, then one row per criterion with its status in each run."""
    say = Say(lang)
    if not runs:
        return say("report.no_runs")
    lines = [
        f"  {say('report.run')} {r.id:>4}  {r.at}  {r.phase:<8} {r.target:<10} {r.verdict}"
        + (f"  {say('report.baseline', name=repr(r.baseline))}" if r.baseline else "")
        for r in runs
    ]
    lines += ["", f"  {say('report.criterion'):<12} " + " ".join(f"{r.id:>4}" for r in runs)]
    for name, by_run in statuses.items():
        if criterion is None or name == criterion:
            cells = " ".join(f"{TREND_MARKS.get(by_run.get(r.id, ''), '·'):>4}" for r in runs)
            lines.append(f"  {name:<12} {cells}")
    lines.append(f"\n  {say('report.trend_legend')}")
    return "\n".join(lines)


def matrix_text(matrix: Matrix, lang: str = "en") -> str:
    """Each criterion with the scenarios proving it; unproven ones stand out."""
    say = Say(lang)
    lines = []
    for row in matrix.rows:
        c = row.criterion
        status = (
            say.word("mark", row.last_status) if row.last_status else say("report.never_judged")
        )
        flag = f"  ⚠ {say('report.no_check_proves').upper()}" if row.unproven else ""
        lines.append(
            say(
                "report.matrix_row",
                id=c.id,
                title=c.title.get(lang),
                phases=", ".join(c.phases),
                needs=", ".join(c.evidence),
                status=status,
                flag=flag,
            )
        )
        for s in row.scenarios:
            lines.append(f"    {s.kind:<8} {s.name}  ({s.where})")
        if row.missing_kinds and not row.unproven:
            missing = say.join(
                [say("report.no_kind_check", kind=say.word("kind", k)) for k in row.missing_kinds]
            )
            lines.append(f"    ⚠ {missing}")
    if matrix.untagged:
        lines += ["", say("report.untagged")]
        lines += [f"    {s.name}  ({s.where})" for s in matrix.untagged]
    unproven = sum(1 for r in matrix.rows if r.unproven)
    summary = say(
        "report.matrix_summary",
        rows=len(matrix.rows),
        unproven=unproven,
        untagged=len(matrix.untagged),
    )
    lines.append(f"\n{summary}")
    return "\n".join(lines)
