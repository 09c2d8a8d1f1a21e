"""The go-live gate: criterion by criterion, GO or NO-GO for one rollout phase.

Pure: it judges the catalog, the evidence and the approvals it is given, and does no
I/O. It fails closed: a required criterion with no evidence is ``no_evidence``; a
broken, skipped or unknown result is not a pass; a criterion needing sign-off has none
until someone signs; a result naming a criterion the catalog does not know is an error.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from golive.approvals import Approvals
from golive.catalog import Catalog, Criterion
from golive.errors import ConfigError
from golive.evidence import Evidence

STATUSES = ("passed", "failed", "no_evidence", "waived")


@dataclass(frozen=True)
class EvidenceLine:
    """A piece of evidence as the gate shows it."""

    name: str
    kind: str
    status: str
    message: str = ""


@dataclass(frozen=True)
class CriterionResult:
    """The gate's finding for one criterion."""

    id: str
    title: str
    title_en: str
    goal: str
    priority: str
    status: str  # one of STATUSES
    evidence: tuple[EvidenceLine, ...]
    reason: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class GateResult:
    """The verdict for a phase, and every required criterion's finding."""

    phase: str
    target: str
    verdict: str  # GO or NO-GO
    criteria: tuple[CriterionResult, ...]
    untraced: tuple[str, ...] = field(default=())
    """Checks that name no criterion: they prove nothing the gate can use."""
    suite_errors: tuple[str, ...] = field(default=())
    """Suites that could not run to the end; any of them makes the verdict NO-GO."""

    @property
    def go(self) -> bool:
        return self.verdict == "GO"

    def summary(self) -> dict[str, int]:
        counts = Counter(c.status for c in self.criteria)
        return {status: counts.get(status, 0) for status in STATUSES}

    def to_json(self) -> dict[str, Any]:
        """The contract's gate.json."""
        return {
            "phase": self.phase,
            "target": self.target,
            "verdict": self.verdict,
            "criteria": [
                {
                    "id": c.id,
                    "title": c.title,
                    "title_en": c.title_en,
                    "goal": c.goal,
                    "priority": c.priority,
                    "status": c.status,
                    "evidence": [
                        {
                            "name": e.name,
                            "kind": e.kind,
                            "status": e.status,
                            **({"message": e.message} if e.message else {}),
                        }
                        for e in c.evidence
                    ],
                    "reason": c.reason,
                    "notes": list(c.notes),
                }
                for c in self.criteria
            ],
            "summary": self.summary(),
            "untraced": list(self.untraced),
            "suite_errors": list(self.suite_errors),
        }


def evaluate(
    catalog: Catalog,
    evidence: Iterable[Evidence],
    *,
    phase: str,
    target: str,
    approvals: Approvals | None = None,
    today: dt.date,
    suite_errors: Iterable[str] = (),
) -> GateResult:
    """Judge every criterion required in ``phase``; GO only if each passed or is waived
    and every suite ran to the end (``suite_errors`` lists those that did not)."""
    suite_errors = tuple(suite_errors)
    approvals = approvals or Approvals()
    by_criterion: dict[str, list[Evidence]] = {}
    untraced: list[str] = []
    for item in evidence:
        if not item.criteria:
            untraced.append(item.name)
        for criterion in item.criteria:
            if criterion not in catalog.criteria:
                raise ConfigError(
                    f"the check {item.name!r} names criterion {criterion!r}, which "
                    f"{catalog.path.name} does not define{catalog.suggest(criterion)}",
                    path=item.source,
                )
            by_criterion.setdefault(criterion, []).append(item)
    required = catalog.required(phase)
    if not required:
        raise ConfigError(
            f"no criterion is required in phase {phase!r}: the gate has nothing to decide",
            path=catalog.path,
        )
    results = tuple(
        _judge(c, by_criterion.get(c.id, []), approvals, phase, today) for c in required
    )
    met = all(r.status in {"passed", "waived"} for r in results)
    verdict = "GO" if met and not suite_errors else "NO-GO"
    return GateResult(
        phase=phase,
        target=target,
        verdict=verdict,
        criteria=results,
        untraced=tuple(sorted(set(untraced))),
        suite_errors=suite_errors,
    )


def _judge(
    criterion: Criterion,
    evidence: list[Evidence],
    approvals: Approvals,
    phase: str,
    today: dt.date,
) -> CriterionResult:
    lines = tuple(EvidenceLine(e.name, e.kind, e.status, e.message) for e in evidence)
    notes: list[str] = []
    absent = [e for e in evidence if e.absent]
    evidence = [e for e in evidence if not e.absent]
    problems = [
        f"{e.kind} check {e.name!r} {_said(e.status)}" + (f": {e.message}" if e.message else "")
        for e in evidence
        if e.status != "passed"
    ]
    kinds_seen = {e.kind for e in evidence}
    missing = [k for k in criterion.evidence if k != "signoff" and k not in kinds_seen]
    notes += [f"{e.kind} check {e.name!r} had nothing to judge: {e.message}" for e in absent]
    signed = approvals.signoffs_for(criterion.id, phase)
    if "signoff" in criterion.evidence:
        if signed:
            notes += [f"signed off for {phase} by {s.by} on {s.on}" for s in signed]
        else:
            missing.append("signoff")
    if problems:
        status, reason = "failed", "; ".join(problems)
    elif missing:
        status = "no_evidence"
        reason = "no " + ", no ".join(
            "business sign-off for this phase" if k == "signoff" else f"{k} evidence"
            for k in missing
        )
        reason += "".join(f" ({e.message})" for e in absent if e.kind in missing)
    else:
        status, reason = "passed", ""
    if status != "passed":
        for waiver in approvals.waivers_for(criterion.id, phase):
            if waiver.expired(today):
                notes.append(f"waiver by {waiver.accepted_by} expired on {waiver.until}: ignored")
                continue
            notes.append(f"{status} ({reason})")
            status = "waived"
            reason = f"risk accepted by {waiver.accepted_by} until {waiver.until}: {waiver.reason}"
            break
    return CriterionResult(
        id=criterion.id,
        title=criterion.title.zh,
        title_en=criterion.title.en,
        goal=criterion.goal,
        priority=criterion.priority,
        status=status,
        evidence=lines,
        reason=reason,
        notes=tuple(notes),
    )


def _said(status: str) -> str:
    return {
        "failed": "failed",
        "broken": "broke (the check itself crashed)",
        "skipped": "was skipped",
        "unknown": "has an unknown outcome",
    }.get(status, status)
