"""Reconciliation: the results of a run set against the checks its library selected.

Each expected check (a scenario; an outline once per Examples row) must have given its
results; a check that did not is a ``missing`` line. When the target stopped answering
during the run, the checks that did not pass after it was last seen answering are put
down to the environment (``ENVIRONMENT``), and so are the missing ones. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from golive.evidence.records import Evidence, Outage
from golive.inputs.library import ExpectedCheck
from golive.messages import Say

MISSING = "missing"
"""The status of an expected check that gave no result."""
ENVIRONMENT = "environment broken"
"""The category of a check that broke because the target had stopped answering."""
CHECK_STATUSES = ("passed", "failed", "broken", "skipped", "unknown", MISSING)
"""How an expected check can end: an Allure status, or missing."""


@dataclass(frozen=True)
class CheckLine:
    """One result of an expected check, or its absence (status ``missing``)."""

    id: str
    """The check's file and line in the library."""
    name: str
    kind: str
    status: str  # an Allure status, or MISSING
    message: str = ""
    category: str = ""
    criteria: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "check": self.id,
            "name": self.name,
            "kind": self.kind,
            "status": self.status,
            "criteria": list(self.criteria),
            **({"message": self.message} if self.message else {}),
            **({"category": self.category} if self.category else {}),
        }


def affected(evidence: Iterable[Evidence], outage: Outage | None) -> set[str]:
    """The keys of the results that did not pass and ended after the target's last answer."""
    if outage is None:
        return set()
    since = outage.last_answer.timestamp() * 1000
    return {e.key for e in evidence if e.status != "passed" and e.stop >= since}


def reconcile(
    evidence: tuple[Evidence, ...],
    expected: Iterable[ExpectedCheck] | None,
    environment_broken: set[str],
    outage: bool,
    say: Say,
) -> tuple[CheckLine, ...]:
    """Each expected check's results, then a ``missing`` line per result it did not give
    (put down to the environment when the target had stopped answering), said in ``say``'s
    language."""
    if expected is None:
        return ()
    by_check: dict[str, list[Evidence]] = {}
    for item in evidence:
        if item.check:
            by_check.setdefault(item.check, []).append(item)
    lines: list[CheckLine] = []
    for check in expected:
        found = by_check.get(check.id, [])
        lines += [
            CheckLine(
                check.id,
                e.name,
                check.kind,
                e.status,
                e.message,
                ENVIRONMENT if e.key in environment_broken else "",
                check.criteria,
            )
            for e in found
        ]
        short = check.runs - len(found)
        if short > 0:
            rows = say("gate.rows_short", short=short, runs=check.runs) if check.runs > 1 else ""
            lines.append(
                CheckLine(
                    check.id,
                    check.name,
                    check.kind,
                    MISSING,
                    say("gate.no_result", rows=rows, where=check.where),
                    ENVIRONMENT if outage else "",
                    check.criteria,
                )
            )
    return tuple(lines)
