"""Why a criterion did not pass, as the gate says it: the problems its evidence shows, or
what it lacks. Pure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from golive.evidence.records import Evidence
from golive.gate.freshness import STALE
from golive.messages import Say

if TYPE_CHECKING:  # the line is the verdict's; only its fields are read here
    from golive.gate.verdict import EvidenceLine


def problem(line: EvidenceLine, say: Say) -> str:
    """``uat check 'X' failed: <its message>``, in the reader's language."""
    said = say(
        "gate.check_said",
        kind=say.word("kind", line.kind),
        name=line.name,
        said=say.word("said", line.status),
    )
    return say("gate.with_message", said=said, message=line.message) if line.message else said


def unproven(
    unproven: list[EvidenceLine], missing: list[str], absent: list[Evidence], say: Say
) -> str:
    """Why a criterion has no evidence: evidence too stale to count, checks the environment
    broke, checks that gave no result, kinds of evidence nothing gave (with what the checks
    that had nothing to judge said)."""
    parts = []
    stale = [e for e in unproven if e.status == STALE]
    if stale:
        items = [say("gate.stale_item", name=e.name, why=e.message) for e in stale[:5]]
        more = say("gate.and_more", count=len(stale) - 5) if len(stale) > 5 else ""
        parts.append(say("gate.stale", count=len(stale), items=say.join(items)) + more)
    unproven = [e for e in unproven if e.status != STALE]
    broken = [e for e in unproven if e.category]
    if broken:
        parts.append(
            say("gate.could_not_run", environment=say("gate.environment_broken"), count=len(broken))
        )
    gone = [e for e in unproven if not e.category]
    if gone:
        more = say("gate.and_more", count=len(gone) - 5) if len(gone) > 5 else ""
        names = say.join([repr(e.name) for e in gone[:5]])
        parts.append(say("gate.gave_no_result", count=len(gone), names=names, more=more))
    if missing:
        parts.append(
            say.join(
                [
                    say("gate.no_signoff")
                    if k == "signoff"
                    else say("gate.no_evidence_of", kind=say.word("kind", k))
                    for k in missing
                ]
            )
            + "".join(say("gate.because", message=e.message) for e in absent if e.kind in missing)
        )
    return say("web.joiner").join(parts)
