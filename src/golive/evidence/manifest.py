"""The sealed evidence bundle: ``reports/evidence-manifest.json`` lists the SHA-256 of every
evidence file a run left (Allure results and their attachments, load and security
output, reconciliation differences, manual results, the run's facts and the gate's
files) with the verdict, the versions, the run id and the time.

A sign-off records the manifest's own SHA-256 (``golive signoff``), so ``golive verify``
can later show that a bundle (a CI artifact, say) is byte for byte the evidence that was
signed: a file changed, removed or added, or a manifest rewritten to match, is a change.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from golive.errors import ConfigError
from golive.inputs.manual import MANUAL_COPY, file_digest

MANIFEST = "evidence-manifest.json"
FORMAT = 1
COVERED = (
    "allure-results",
    "load",
    "security",
    "migration",
    MANUAL_COPY,
    "run.json",
    "gate.json",
    "gate.md",
    "gate.html",
    "junit.xml",
)
"""What in reports/ is evidence. Left out: what is rebuilt from it (the Allure HTML),
what outlives a run (history), and the previous run's files."""


@dataclass(frozen=True)
class Verification:
    """A bundle compared with its manifest."""

    manifest: Mapping[str, Any]
    digest: str
    """The SHA-256 of the manifest file itself, as a sign-off records it."""
    changed: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    files: int = field(default=0)

    @property
    def intact(self) -> bool:
        return not (self.changed or self.missing or self.added)


def evidence_files(folder: Path) -> tuple[list[str], list[str]]:
    """Every evidence file under ``folder`` (relative, posix, in name order), and what is
    there but not a regular file: a link, a pipe, a device. A run writes none of those;
    in a bundle they are a change (a link can point anywhere, a pipe never ends)."""
    regular: list[str] = []
    irregular: list[str] = []
    for name in COVERED:
        path = folder / name
        if path.is_symlink() or (path.exists() and not (path.is_file() or path.is_dir())):
            irregular.append(name)
        elif path.is_file():
            regular.append(name)
        elif path.is_dir():
            for root, dirs, files in os.walk(path):
                for entry in [*dirs, *files]:
                    full = Path(root) / entry
                    relative = full.relative_to(folder).as_posix()
                    if full.is_symlink() or not (full.is_file() or full.is_dir()):
                        irregular.append(relative)
                    elif full.is_file():
                        regular.append(relative)
    return sorted(regular), sorted(irregular)


def write_manifest(folder: Path, facts: Mapping[str, str], verdict: str) -> Path:
    """Seal ``folder``'s evidence: write its manifest (written aside, then moved in)."""
    regular, irregular = evidence_files(folder)
    if irregular:
        raise ConfigError(
            f"not a regular file, so not evidence golive can seal: {', '.join(irregular)}",
            path=folder,
        )
    files = {name: file_digest(folder / name) for name in regular}
    manifest = {
        "format": FORMAT,
        "run": facts.get("run", ""),
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "phase": facts.get("phase", ""),
        "target": facts.get("target", ""),
        "verdict": verdict,
        "versions": {
            "golive": facts.get("golive", ""),
            "platform": facts.get("platform version", ""),
            "commit": facts.get("commit", ""),
        },
        "files": files,
    }
    path = folder / MANIFEST
    part = path.with_name(MANIFEST + ".part")
    part.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(part, path)
    return path


def read_manifest(path: Path) -> tuple[Mapping[str, Any], str]:
    """The manifest at ``path`` (a file, or the bundle folder holding one) and its SHA-256;
    ConfigError where there is none."""
    if path.is_dir():
        path = path / MANIFEST
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise ConfigError(f"no evidence manifest at {path}: not an evidence bundle") from None
    except (OSError, ValueError) as exc:
        raise ConfigError(f"not a readable evidence manifest ({exc})", path=path) from None
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict) or data.get("format") != FORMAT:
        raise ConfigError(f"not an evidence manifest of format {FORMAT}", path=path)
    return data, file_digest(path)


def verify_bundle(folder: Path) -> Verification:
    """Compare every evidence file in ``folder`` with the manifest there."""
    manifest, digest = read_manifest(folder / MANIFEST)
    listed: Mapping[str, str] = manifest["files"]
    regular, irregular = evidence_files(folder)
    present = set(regular)
    changed = [
        name
        for name in sorted(listed)
        if name in present and file_digest(folder / name) != listed[name]
    ]
    return Verification(
        manifest=manifest,
        digest=digest,
        changed=tuple(changed),
        missing=tuple(sorted(set(listed) - present)),
        added=tuple(sorted((present - set(listed)) | set(irregular))),
        files=len(listed),
    )
