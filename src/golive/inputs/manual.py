"""Manual UAT results: what a person found trying a ``@manual`` scenario, kept in a file
under version control (golive.toml ``[manual] file``, ``manual-results.yaml`` by default).

Each record says which scenario (its feature file and name, so it survives lines moving),
passed or failed, who tried it, when, on which platform version, and the evidence they
kept (a file in the project, with its SHA-256, or a link). ``golive manual record`` adds
records; a scenario's newest record is its result. Reading checks every record, with
the file and line of anything wrong.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from golive.errors import ConfigError
from golive.inputs.document import Document, Key, dump_yaml, load_yaml

RESULTS = ("passed", "failed")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
FUTURE_SLACK = dt.timedelta(minutes=5)
"""How far ahead a record's time may be (clocks differ a little); past it, refused."""
MANUAL_COPY = "manual-results.yaml"
"""The records' copy a run keeps in reports/, sealed with the rest of its evidence."""
HEADER = """\
# Manual UAT results: what people found trying the @manual scenarios.
# Recorded with `golive manual record`; review changes like code. A result is evidence
# only for the platform version it was tried on, and only for [manual] max_age_days.
"""


@dataclass(frozen=True)
class ManualResult:
    """One person's result of one ``@manual`` scenario."""

    feature: str
    """The feature file, relative to the project folder (``features/finance/close.feature``)."""
    scenario: str
    """The scenario's name in that file."""
    result: str  # one of RESULTS
    by: str
    at: dt.datetime
    platform_version: str
    evidence: str = ""
    """A file in the project (relative path) or an http(s) link; empty: none kept."""
    evidence_sha256: str = ""
    """The file's SHA-256 when it was recorded; empty for a link."""
    scenario_sha256: str = ""
    """The scenario as it was tried (``Scenario.digest``): a changed scenario is not the
    one the person tried."""
    note: str = ""
    line: int | None = None
    """Where the record is in the file, for messages."""

    @property
    def is_link(self) -> bool:
        return self.evidence.startswith(("http://", "https://"))


def load_manual(path: Path) -> tuple[ManualResult, ...]:
    """Every record in ``path``, in file order (a later record of a scenario replaces an
    earlier one); a missing file holds none."""
    if not path.exists():
        return ()
    doc = load_yaml(path)
    data = doc.data or {}
    if not isinstance(data, dict):
        raise doc.error((), "must be a mapping with 'results'")
    doc.keys(data, (), {"results"})
    return tuple(
        _record(doc, ("results", i), entry)
        for i, entry in enumerate(doc.get(data, ("results",), list, []))
    )


def add_manual(path: Path, result: ManualResult) -> None:
    """Append a record to ``path`` (created when missing); a broken file is refused, and
    so is a record the file could not be read back with."""
    load_manual(path)
    if not result.by.strip() or not result.platform_version.strip():
        raise ConfigError("a manual result needs who tried it (--by) and the platform version")
    data: dict[str, Any] = {"results": []}
    if path.exists():
        data.update(load_yaml(path).data or {})
    entry = {
        "feature": result.feature,
        "scenario": result.scenario,
        "result": result.result,
        "by": result.by,
        "at": result.at.isoformat(timespec="seconds"),
        "platform_version": result.platform_version,
    }
    if result.evidence:
        entry["evidence"] = result.evidence
    if result.evidence_sha256:
        entry["evidence_sha256"] = result.evidence_sha256
    entry["scenario_sha256"] = result.scenario_sha256
    if result.note:
        entry["note"] = result.note
    data["results"] = [*data.get("results", []), entry]
    path.write_text(HEADER + dump_yaml(data), encoding="utf-8")


def _record(doc: Document, keys: Key, entry: Any) -> ManualResult:
    if not isinstance(entry, dict):
        raise doc.error(keys, f"{entry!r} is not a mapping")
    allowed = {
        "feature",
        "scenario",
        "result",
        "by",
        "at",
        "platform_version",
        "evidence",
        "evidence_sha256",
        "scenario_sha256",
        "note",
    }
    doc.keys(entry, keys, allowed)
    by = doc.get(entry, (*keys, "by"), str)
    if not by.strip():
        raise doc.error((*keys, "by"), "must say who tried the scenario")
    version = str(_scalar(doc, entry, (*keys, "platform_version")))
    evidence = doc.get(entry, (*keys, "evidence"), str, "")
    digest = doc.get(entry, (*keys, "evidence_sha256"), str, "")
    if evidence and not evidence.startswith(("http://", "https://")):
        inside = PurePosixPath(evidence)
        if inside.is_absolute() or ".." in inside.parts or "\\" in evidence:
            raise doc.error(
                (*keys, "evidence"),
                f"{evidence!r} is not a file of the project: give its path relative to the "
                "project folder, or an http(s) link",
            )
        if not SHA256.match(digest):
            raise doc.error(
                (*keys, "evidence_sha256"),
                "is required with an evidence file: its SHA-256 when the result was recorded",
            )
    tried = doc.get(entry, (*keys, "scenario_sha256"), str)
    if not SHA256.match(tried):
        raise doc.error((*keys, "scenario_sha256"), "is not a SHA-256 (64 hex digits)")
    return ManualResult(
        feature=doc.get(entry, (*keys, "feature"), str),
        scenario=doc.get(entry, (*keys, "scenario"), str),
        result=doc.choice(entry, (*keys, "result"), RESULTS),
        by=by,
        at=_moment(doc, entry, (*keys, "at")),
        platform_version=version,
        evidence=evidence,
        evidence_sha256=digest,
        scenario_sha256=tried,
        note=doc.get(entry, (*keys, "note"), str, ""),
        line=doc.line(keys),
    )


def _scalar(doc: Document, entry: Mapping[str, Any], keys: Key) -> str | int | float:
    value = entry.get(str(keys[-1]))
    if isinstance(value, bool) or not isinstance(value, str | int | float) or value == "":
        raise doc.error(keys, "is required: the platform version the scenario was tried on")
    return value


def _moment(doc: Document, entry: Mapping[str, Any], keys: Key) -> dt.datetime:
    """An ISO 8601 time with its zone (YAML may have read it as a datetime already)."""
    value = entry.get(str(keys[-1]))
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            value = None
    if not isinstance(value, dt.datetime) or value.tzinfo is None:
        raise doc.error(keys, "is required: a time with its zone, e.g. 2026-12-05T14:02:11+08:00")
    if value > dt.datetime.now(dt.UTC) + FUTURE_SLACK:
        raise doc.error(keys, f"{value.isoformat()} is in the future: nobody has tried it then")
    return value


def file_digest(path: Path) -> str:
    """A file's SHA-256, read in blocks: evidence files may be large."""
    sha = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()
