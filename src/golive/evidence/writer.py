"""Allure results that golive writes itself, one per check that is not a scenario of its own.

A load scenario measures several thresholds and a static scan may find several issues;
each threshold and each finding is its own piece of evidence with its own result, so the
report and the gate see them one by one. They carry the same labels as the scenario that
produced them (goal, criterion, severity, owner) and a ``kind`` label, which is how the
gate tells UAT, load and security evidence apart.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from golive.evidence.labels import labels_for, links_for
from golive.evidence.records import ALLURE_STATUSES
from golive.inputs.catalog import EVIDENCE_KINDS, Catalog


@dataclass(frozen=True)
class Attachment:
    """A file shown beside a result: a table, a chart, a tool's own report."""

    name: str
    content: bytes
    mime: str  # e.g. text/html, image/svg+xml, application/json
    extension: str  # without the dot


@dataclass(frozen=True)
class Check:
    """One check's outcome, as golive reports it to Allure and the gate."""

    name: str
    status: str  # one of ALLURE_STATUSES
    kind: str  # one of EVIDENCE_KINDS
    criteria: tuple[str, ...]
    key: str
    """Identifies the same check across runs (history and trend), e.g. criterion + metric."""
    message: str = ""
    details: str = ""
    """Shown under the message: the measured value against the limit, the offending code."""
    parameters: tuple[tuple[str, str], ...] = ()
    attachments: tuple[Attachment, ...] = ()
    labels: tuple[tuple[str, str], ...] = ()
    """Further labels, e.g. ("story", scenario name) to group a check under its scenario."""
    start: int = field(default_factory=lambda: int(time.time() * 1000))
    stop: int = 0


def write_checks(
    folder: Path, checks: Iterable[Check], catalog: Catalog | None, prefix: str = ""
) -> list[Path]:
    """Write each check as ``<prefix><uuid>-result.json`` (and its attachments) into
    ``folder``; a prefix marks results one writer replaces as a whole (manual ones)."""
    folder.mkdir(parents=True, exist_ok=True)
    return [_write(folder, check, catalog, prefix) for check in checks]


def _write(folder: Path, check: Check, catalog: Catalog | None, prefix: str) -> Path:
    if check.status not in ALLURE_STATUSES:
        raise ValueError(f"unknown Allure status {check.status!r}")
    if check.kind not in EVIDENCE_KINDS:
        raise ValueError(f"unknown evidence kind {check.kind!r}")
    labels: list[tuple[str, str]] = [("kind", check.kind), ("framework", "golive")]
    labels += [("tag", t) for t in (check.kind, *check.criteria)]
    labels += [("criterion", c) for c in check.criteria]
    links: Sequence[tuple[str, str]] = ()
    if catalog is not None:
        story = dict(check.labels).get("story", check.name)
        labels += [lb for lb in labels_for(catalog, check.criteria, story) if lb[0] != "story"]
        links = links_for(catalog, check.criteria)
    labels += list(check.labels)
    if not any(name == "story" for name, _ in labels):
        labels.append(("story", check.name))
    attachments = []
    for attachment in check.attachments:
        source = f"{prefix}{uuid.uuid4()}-attachment.{attachment.extension}"
        (folder / source).write_bytes(attachment.content)
        attachments.append({"name": attachment.name, "source": source, "type": attachment.mime})
    identity = hashlib.md5(check.key.encode(), usedforsecurity=False).hexdigest()
    result = {
        "uuid": str(uuid.uuid4()),
        "historyId": identity,
        "testCaseId": identity,
        "fullName": check.key,
        "name": check.name,
        "status": check.status,
        "statusDetails": {"message": check.message, "trace": check.details},
        "stage": "finished",
        "start": check.start,
        "stop": check.stop or int(time.time() * 1000),
        "labels": [{"name": n, "value": v} for n, v in dict.fromkeys(labels)],
        "links": [{"type": "link", "url": url, "name": name} for url, name in links],
        "parameters": [{"name": n, "value": v} for n, v in check.parameters],
        "attachments": attachments,
        "steps": [],
    }
    path = folder / f"{prefix}{result['uuid']}-result.json"
    # written aside, then moved into place: a process killed mid-write leaves no torn
    # result for the gate to choke on (the check is then missing, which it reports)
    part = path.with_name(path.name + ".part")
    part.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(part, path)
    return path
