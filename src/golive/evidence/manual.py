"""Manual results as evidence: each ``@manual`` scenario's newest recorded result becomes an
Allure result of kind ``manual``, beside the automated ones, so the gate, the Allure report
and the traceability matrix read it through the one evidence channel.

The result carries the scenario's ``check`` label (the gate reconciles it like a run
scenario: no record is a missing result), the platform version it was tried on and when
(the gate's freshness), who tried it, the note, and the evidence file attached. An
evidence file that is gone, or changed since it was recorded, makes the result broken:
what it showed can no longer be shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from golive.evidence.records import CHECK_LABEL, NO_EVIDENCE, VERSION_LABEL
from golive.evidence.writer import Attachment, Check, write_checks
from golive.inputs.catalog import Catalog
from golive.inputs.library import MANUAL, Scenario
from golive.inputs.manual import ManualResult, file_digest
from golive.messages import Say, language_of

PREFIX = "manual-"
"""The file names of the results written here: replaced as a whole on each writing."""
MAX_ATTACHED = 20 * 1024 * 1024
"""An evidence file larger than this is named and hashed, not copied into the results."""
MIME = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".pdf": "application/pdf",
    ".txt": "text/plain",
    ".csv": "text/csv",
    ".html": "text/html",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Recorded:
    """A manual scenario and its newest result (None: nobody recorded one yet)."""

    scenario: Scenario
    check: str
    result: ManualResult | None


def recorded(
    library: Iterable[Scenario], results: Iterable[ManualResult], root: Path
) -> tuple[tuple[Recorded, ...], tuple[ManualResult, ...]]:
    """Each ``@manual`` scenario with its newest result, and the results whose scenario is
    no longer a manual one of the library (renamed, moved, or run by the browser now)."""
    manual = {(feature_of(s, root), s.name): s for s in library if s.kind == MANUAL}
    newest: dict[tuple[str, str], ManualResult] = {}
    orphans = []
    for result in results:
        key = (result.feature, result.scenario)
        if key not in manual:
            orphans.append(result)
        else:  # the file's order, not the times written in it: a later record replaces
            newest[key] = result
    return (
        tuple(Recorded(s, s.check_id(root), newest.get(key)) for key, s in manual.items()),
        tuple(orphans),
    )


def feature_of(scenario: Scenario, root: Path) -> str:
    """The scenario's feature file as a record names it: relative to the project folder."""
    return scenario.check_id(root).rsplit(":", 1)[0]


def write_manual(
    folder: Path, entries: Iterable[Recorded], root: Path, catalog: Catalog | None, phase: str
) -> int:
    """Replace the manual results in ``folder`` with one per recorded scenario expected in
    ``phase`` (its phase tags, if any, name it); how many."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{PREFIX}*"):
        old.unlink()
    checks = [
        manual_check(e, e.result, root)
        for e in entries
        if e.result is not None and e.scenario.runs("uat", phase)
    ]
    write_checks(folder, checks, catalog, prefix=PREFIX)
    return len(checks)


def manual_check(entry: Recorded, result: ManualResult, root: Path) -> Check:
    """The Allure result of one recorded manual result, said in its scenario's language."""
    say = Say(language_of(entry.scenario.language))
    status, message = result.result, result.note
    labels: tuple[tuple[str, str], ...] = ()
    attachments: tuple[Attachment, ...] = ()
    if result.scenario_sha256 != entry.scenario.digest:
        # what the person tried is not this scenario any more: nothing to judge by
        status, message = "skipped", say("manual.scenario_changed", by=result.by)
        labels = (NO_EVIDENCE,)
    elif result.evidence and not result.is_link:
        path = root / result.evidence
        if not path.resolve().is_relative_to(root.resolve()):
            status, message = "broken", say("manual.evidence_outside", file=result.evidence)
        elif not path.is_file():
            status, message = "broken", say("manual.evidence_gone", file=result.evidence)
        elif result.evidence_sha256 and file_digest(path) != result.evidence_sha256:
            status, message = "broken", say("manual.evidence_changed", file=result.evidence)
        elif path.stat().st_size <= MAX_ATTACHED:
            attachments = (
                Attachment(
                    name=say("manual.evidence", file=path.name),
                    content=path.read_bytes(),
                    mime=MIME.get(path.suffix.lower(), "application/octet-stream"),
                    extension=path.suffix.lstrip(".") or "bin",
                ),
            )
    moment = int(result.at.timestamp() * 1000)
    details = say(
        "manual.details",
        by=result.by,
        at=result.at.isoformat(timespec="minutes"),
        version=result.platform_version,
        evidence=result.evidence or say("manual.no_evidence"),
    )
    return Check(
        name=entry.scenario.name,
        status=status,
        kind=MANUAL,
        criteria=entry.scenario.criteria,
        key=f"manual {entry.check}",
        message=message,
        details=details,
        parameters=(
            (say("manual.by"), result.by),
            (say("manual.version"), result.platform_version),
            *(((say("manual.evidence_link"), result.evidence),) if result.evidence else ()),
        ),
        attachments=attachments,
        labels=(
            *labels,
            (CHECK_LABEL, entry.check),
            (VERSION_LABEL, result.platform_version),
            ("recorded_by", result.by),
        ),
        start=moment,
        stop=moment,
    )
