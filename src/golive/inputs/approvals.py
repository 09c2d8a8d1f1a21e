"""approvals.yaml: waivers (accepted risks) and business sign-offs, kept under version control.

A waiver names the criterion, who accepted the risk, why, and until when; past that date
it is ignored and the gate says so. A sign-off records who accepted a criterion for a
phase, and when, and may name the evidence it covered: the SHA-256 of the run's evidence
manifest (``golive verify`` checks a bundle against it). ``golive waive`` and
``golive signoff`` add entries.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from golive.errors import ConfigError
from golive.inputs.catalog import PHASES, Catalog
from golive.inputs.document import Document, Key, did_you_mean, dump_yaml, load_yaml

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
HEADER = """\
# Waivers (accepted risks) and business sign-offs for the go-live gate.
# Managed with `golive waive` and `golive signoff`; review changes like code.
"""


@dataclass(frozen=True)
class Waiver:
    """A risk accepted for a criterion until a date (inclusive)."""

    criterion: str
    accepted_by: str
    reason: str
    until: dt.date
    phases: tuple[str, ...] = PHASES

    def applies(self, phase: str) -> bool:
        return phase in self.phases

    def expired(self, today: dt.date) -> bool:
        return today > self.until


@dataclass(frozen=True)
class Signoff:
    """A business owner's acceptance of a criterion for one phase."""

    criterion: str
    by: str
    on: dt.date
    phase: str
    manifest: str = ""
    """The SHA-256 of the evidence manifest the person saw (``golive verify``); empty
    where no bundle was signed."""
    run: str = ""
    """The run whose evidence that manifest seals."""
    platform_version: str = ""
    """The platform version that run checked (a criterion's freshness holds sign-offs to
    it too)."""


@dataclass(frozen=True)
class Approvals:
    waivers: tuple[Waiver, ...] = ()
    signoffs: tuple[Signoff, ...] = ()

    def waivers_for(self, criterion: str, phase: str) -> tuple[Waiver, ...]:
        return tuple(w for w in self.waivers if w.criterion == criterion and w.applies(phase))

    def signoffs_for(self, criterion: str, phase: str) -> tuple[Signoff, ...]:
        return tuple(s for s in self.signoffs if s.criterion == criterion and s.phase == phase)


def load_approvals(path: Path, catalog: Catalog) -> Approvals:
    """Read approvals.yaml; a missing file means no waivers and no sign-offs."""
    if not path.exists():
        return Approvals()
    doc = load_yaml(path)
    data = doc.data or {}
    if not isinstance(data, dict):
        raise doc.error((), "must be a mapping with 'waivers' and 'signoffs'")
    doc.keys(data, (), {"waivers", "signoffs"})
    reader = _Reader(doc, catalog)
    return Approvals(
        waivers=tuple(
            reader.waiver(("waivers", i), e)
            for i, e in enumerate(doc.get(data, ("waivers",), list, []))
        ),
        signoffs=tuple(
            reader.signoff(("signoffs", i), e)
            for i, e in enumerate(doc.get(data, ("signoffs",), list, []))
        ),
    )


def add_waiver(path: Path, catalog: Catalog, waiver: Waiver) -> None:
    """Append a waiver to approvals.yaml (created when missing)."""
    _append(path, catalog, "waivers", {**asdict(waiver), "phases": list(waiver.phases)})


def add_signoff(path: Path, catalog: Catalog, signoff: Signoff) -> None:
    """Append a sign-off to approvals.yaml (created when missing)."""
    _append(path, catalog, "signoffs", {k: v for k, v in asdict(signoff).items() if v != ""})


def _append(path: Path, catalog: Catalog, section: str, entry: dict[str, Any]) -> None:
    if entry["criterion"] not in catalog.criteria:
        raise ConfigError(
            f"unknown criterion {entry['criterion']!r}{catalog.suggest(entry['criterion'])}",
            path=catalog.path,
        )
    load_approvals(path, catalog)  # refuse to add to a file that is already broken
    data: dict[str, Any] = {"waivers": [], "signoffs": []}
    if path.exists():
        data.update(load_yaml(path).data or {})
    data[section] = [*data.get(section, []), entry]
    # dates go out plain (until: 2026-12-31), as people write them by hand
    path.write_text(HEADER + dump_yaml(data), encoding="utf-8")


class _Reader:
    def __init__(self, doc: Document, catalog: Catalog) -> None:
        self.doc = doc
        self.catalog = catalog

    def entry(self, keys: Key, entry: Any, allowed: set[str]) -> Mapping[str, Any]:
        if not isinstance(entry, dict):
            raise self.doc.error(keys, f"{entry!r} is not a mapping")
        self.doc.keys(entry, keys, allowed)
        criterion = self.doc.get(entry, (*keys, "criterion"), str)
        if criterion not in self.catalog.criteria:
            raise self.doc.error(
                (*keys, "criterion"),
                f"unknown criterion {criterion!r}{self.catalog.suggest(criterion)}",
            )
        return entry

    def waiver(self, keys: Key, entry: Any) -> Waiver:
        doc = self.doc
        entry = self.entry(keys, entry, {"criterion", "accepted_by", "reason", "until", "phases"})
        phases = doc.strings(entry, (*keys, "phases"), list(PHASES))
        for index, phase in enumerate(phases):
            if phase not in PHASES:
                raise doc.error(
                    (*keys, "phases", index),
                    f"{phase!r} is not a phase"
                    f"{did_you_mean(phase, PHASES)}; valid: {', '.join(PHASES)}",
                )
        reason = doc.get(entry, (*keys, "reason"), str)
        if not reason.strip():
            raise doc.error((*keys, "reason"), "a waiver must say why the risk is accepted")
        return Waiver(
            criterion=entry["criterion"],
            accepted_by=doc.get(entry, (*keys, "accepted_by"), str),
            reason=reason,
            until=self.doc.date(entry, (*keys, "until")),
            phases=tuple(phases),
        )

    def signoff(self, keys: Key, entry: Any) -> Signoff:
        doc = self.doc
        entry = self.entry(
            keys, entry, {"criterion", "by", "on", "phase", "manifest", "run", "platform_version"}
        )
        manifest = doc.get(entry, (*keys, "manifest"), str, "")
        if manifest and not _SHA256.match(manifest):
            raise doc.error((*keys, "manifest"), "is not the SHA-256 of a manifest (64 hex digits)")
        return Signoff(
            criterion=entry["criterion"],
            by=doc.get(entry, (*keys, "by"), str),
            on=self.doc.date(entry, (*keys, "on")),
            phase=doc.choice(entry, (*keys, "phase"), PHASES),
            manifest=manifest,
            run=doc.get(entry, (*keys, "run"), str, ""),
            platform_version=str(entry.get("platform_version") or ""),
        )
