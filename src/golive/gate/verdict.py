"""The go-live gate: criterion by criterion, GO or NO-GO for one rollout phase.

Pure: it judges the catalog, the evidence and the approvals it is given, and does no
I/O. It fails closed: a required criterion with no evidence is ``no_evidence``; a
broken, skipped or unknown result is not a pass; a criterion needing sign-off has none
until someone signs; a result naming a criterion the catalog does not know is an error.

It reconciles the results with the library: every check the run selected
(``expected``) must have given its results; one that did not is *missing*, its criteria
are not passed and the verdict is NO-GO. A check that failed without naming a criterion
makes the verdict NO-GO too: it is evidence that something is wrong. When the target
stopped answering during the run, the checks that broke after that are put down to the
environment (``environment broken``), said once, instead of as product failures.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from golive.errors import ConfigError
from golive.evidence.bulk import collector_paused
from golive.evidence.reconcile import (
    CHECK_STATUSES,
    ENVIRONMENT,
    MISSING,
    CheckLine,
    affected,
    reconcile,
)
from golive.evidence.records import Evidence, Outage
from golive.gate.freshness import STALE, Against, rule_for, signoff_staleness, staleness
from golive.gate.reasons import problem, unproven
from golive.inputs.approvals import Approvals
from golive.inputs.catalog import Catalog, Criterion
from golive.inputs.library import ExpectedCheck
from golive.messages import Say

STATUSES = ("passed", "failed", "no_evidence", "waived")


@dataclass(frozen=True)
class EvidenceLine:
    """A piece of evidence as the gate shows it."""

    name: str
    kind: str
    status: str
    message: str = ""
    category: str = ""
    """``ENVIRONMENT`` when it broke after the target stopped answering; else empty."""

    def to_json(self) -> dict[str, str]:
        return {
            "name": self.name,
            "kind": self.kind,
            "status": self.status,
            **({"message": self.message} if self.message else {}),
            **({"category": self.category} if self.category else {}),
        }


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
    title_also: str = ""
    """The title in the catalog's other language, where it gives one."""


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
    checks: tuple[CheckLine, ...] = field(default=())
    """Every expected check's results, and a ``missing`` line for each one absent."""
    unattributed: tuple[EvidenceLine, ...] = field(default=())
    """Checks that did not pass and name no criterion: each makes the verdict NO-GO."""
    environment: str = ""
    """Said once when the target stopped answering during the run; empty otherwise."""
    run_id: str = ""
    at: str = ""
    """When the gate was evaluated (ISO 8601)."""
    lang: str = "zh-CN"
    """The language of the titles (and of what the reports say)."""

    @property
    def say(self) -> Say:
        """What the reports say, in the gate's language."""
        return Say(self.lang)

    @property
    def go(self) -> bool:
        return self.verdict == "GO"

    @property
    def missing(self) -> tuple[CheckLine, ...]:
        return tuple(c for c in self.checks if c.status == MISSING)

    def tally(self) -> dict[str, Counter[str]]:
        """Per kind of check (uat, security, load), how many ended in each status."""
        counts: dict[str, Counter[str]] = {}
        for check in self.checks:
            counts.setdefault(check.kind, Counter())[check.status] += 1
        return counts

    def summary(self) -> dict[str, int]:
        counts = Counter(c.status for c in self.criteria)
        return {status: counts.get(status, 0) for status in STATUSES}

    def to_json(self) -> dict[str, Any]:
        """The contract's gate.json."""
        ended = Counter(c.status for c in self.checks)  # one pass, not one per status
        return {
            "phase": self.phase,
            "target": self.target,
            "verdict": self.verdict,
            "run_id": self.run_id,
            "at": self.at,
            "criteria": [
                {
                    "id": c.id,
                    "title": c.title,
                    "title_en": c.title_en,
                    "goal": c.goal,
                    "priority": c.priority,
                    "status": c.status,
                    "evidence": [e.to_json() for e in c.evidence],
                    "reason": c.reason,
                    "notes": list(c.notes),
                }
                for c in self.criteria
            ],
            "summary": self.summary(),
            "checks": {
                "expected": len({c.id for c in self.checks}),
                **{status: ended[status] for status in CHECK_STATUSES},
            },
            "missing": [c.to_json() for c in self.missing],
            "unattributed": [e.to_json() for e in self.unattributed],
            "environment": self.environment,
            "untraced": list(self.untraced),
            "suite_errors": list(self.suite_errors),
        }


@collector_paused()
def evaluate(
    catalog: Catalog,
    evidence: Iterable[Evidence],
    *,
    phase: str,
    target: str,
    approvals: Approvals | None = None,
    today: dt.date,
    suite_errors: Iterable[str] = (),
    expected: Iterable[ExpectedCheck] | None = None,
    outage: Outage | None = None,
    run_id: str = "",
    at: dt.datetime | None = None,
    lang: str | None = None,
    against: Against | None = None,
) -> GateResult:
    """Judge every criterion required in ``phase``; GO only if each passed or is waived,
    every suite ran to the end (``suite_errors`` lists those that did not), every
    ``expected`` check gave its results, no check failed without a criterion, and the
    target kept answering (``outage`` says when it stopped). Evidence is held to each
    criterion's freshness ``against`` the platform version being decided (unknown where
    it is not given: no evidence passes ``fresh: version`` then). Titles are in
    ``lang``, else the catalog's language."""
    lang = lang or catalog.language
    say = Say(lang)
    suite_errors = tuple(suite_errors)
    approvals = approvals or Approvals()
    evidence = tuple(evidence)
    at = at or dt.datetime.now(dt.UTC)
    against = against or Against(version=None, now=at)
    environment_broken = affected(evidence, outage)
    by_criterion: dict[str, list[EvidenceLine]] = {}
    untraced: list[str] = []
    unattributed: list[EvidenceLine] = []
    absent: dict[str, list[Evidence]] = {}
    for item in evidence:
        line = _line(item, environment_broken)
        if not item.criteria:
            untraced.append(item.name)
            if item.status != "passed" and not item.absent:
                unattributed.append(line)
        for criterion in item.criteria:
            if criterion not in catalog.criteria:
                raise ConfigError(
                    f"the check {item.name!r} names criterion {criterion!r}, which "
                    f"{catalog.path.name} does not define{catalog.suggest(criterion)}",
                    path=Path(item.source) if item.source else None,
                )
            if item.absent:
                absent.setdefault(criterion, []).append(item)
                continue
            rule = rule_for(catalog.criteria[criterion].fresh, item.kind, against)
            why = staleness(item, rule, against, say) if rule else ""
            stale = EvidenceLine(item.name, item.kind, STALE, why) if why else None
            by_criterion.setdefault(criterion, []).append(stale or line)
    checks = reconcile(evidence, expected, environment_broken, outage is not None, say)
    for check in checks:
        if check.status == MISSING:
            for criterion in check.criteria:
                by_criterion.setdefault(criterion, []).append(
                    EvidenceLine(check.name, check.kind, MISSING, check.message, check.category)
                )
    required = catalog.required(phase)
    if not required:
        raise ConfigError(
            f"no criterion is required in phase {phase!r}: the gate has nothing to decide",
            path=catalog.path,
        )
    environment = ""
    if outage is not None:
        # what ended well, or before the outage began: no check passes on a dead target
        before = sum(1 for e in evidence if e.check and e.key not in environment_broken)
        environment = say(
            "gate.outage",
            environment=say("gate.environment_broken"),
            time=f"{outage.first_refusal:%H:%M:%S}",
            count=before,
        )
    results = tuple(
        _judge(
            c,
            by_criterion.get(c.id, []),
            absent.get(c.id, []),
            approvals,
            phase,
            today,
            against,
            say,
        )
        for c in required
    )
    met = all(r.status in {"passed", "waived"} for r in results)
    # A missing check blocks as a failed one would: unless it names criteria and none of
    # them is required in the phase and unaccepted. One that names none always blocks.
    open_ids = {r.id for r in results if r.status != "waived"}
    blocking = [
        c for c in checks if c.status == MISSING and (not c.criteria or open_ids & set(c.criteria))
    ]
    # an outage that broke no check leaves the evidence standing; it is still said
    outage_hit = bool(environment_broken) or any(c.category for c in blocking)
    clean = not (suite_errors or unattributed or outage_hit or blocking)
    return GateResult(
        phase=phase,
        target=target,
        verdict="GO" if met and clean else "NO-GO",
        criteria=results,
        untraced=tuple(sorted(set(untraced))),
        suite_errors=suite_errors,
        checks=checks,
        unattributed=tuple(unattributed),
        environment=environment,
        run_id=run_id,
        at=at.isoformat(timespec="seconds"),
        lang=lang,
    )


def _line(item: Evidence, environment_broken: set[str]) -> EvidenceLine:
    category = ENVIRONMENT if item.key in environment_broken else ""
    return EvidenceLine(item.name, item.kind, item.status, item.message, category)


def _judge(
    criterion: Criterion,
    evidence: list[EvidenceLine],
    absent: list[Evidence],
    approvals: Approvals,
    phase: str,
    today: dt.date,
    against: Against,
    say: Say,
) -> CriterionResult:
    lines = tuple(evidence) + tuple(
        EvidenceLine(e.name, e.kind, e.status, e.message) for e in absent
    )
    notes: list[str] = []
    counted: list[EvidenceLine] = []
    lacking: list[EvidenceLine] = []  # missing, stale, or broken by the environment
    for e in evidence:
        (lacking if e.status in {MISSING, STALE} or e.category else counted).append(e)
    problems = [problem(e, say) for e in counted if e.status != "passed"]
    kinds_seen = {e.kind for e in counted}
    missing = [k for k in criterion.evidence if k != "signoff" and k not in kinds_seen]
    notes += [
        say("gate.nothing_to_judge", kind=say.word("kind", e.kind), name=e.name, message=e.message)
        for e in absent
    ]
    signed = []
    for signoff in approvals.signoffs_for(criterion.id, phase):
        why = signoff_staleness(signoff, criterion.fresh, against, say) if criterion.fresh else ""
        if why:
            notes.append(say("gate.signoff_stale", by=signoff.by, on=signoff.on, why=why))
        else:
            signed.append(signoff)
    if "signoff" in criterion.evidence:
        if signed:
            notes += [say("gate.signed", phase=phase, by=s.by, on=s.on) for s in signed]
        else:
            missing.append("signoff")
    if problems:
        status, reason = "failed", say("web.joiner").join(problems)
    elif lacking or missing:
        status, reason = "no_evidence", unproven(lacking, missing, absent, say)
    else:
        status, reason = "passed", ""
    if status != "passed":
        for waiver in approvals.waivers_for(criterion.id, phase):
            if waiver.expired(today):
                notes.append(say("gate.waiver_expired", by=waiver.accepted_by, until=waiver.until))
                continue
            notes.append(
                say("gate.before_waiver", status=say.word("status", status), reason=reason)
            )
            status = "waived"
            reason = say(
                "gate.risk_accepted",
                by=waiver.accepted_by,
                until=waiver.until,
                reason=waiver.reason,
            )
            break
    return CriterionResult(
        id=criterion.id,
        title=criterion.title.get(say.lang),
        title_en=criterion.title.en,
        title_also=criterion.title.also(say.lang),
        goal=criterion.goal,
        priority=criterion.priority,
        status=status,
        evidence=lines,
        reason=reason,
        notes=tuple(notes),
    )
