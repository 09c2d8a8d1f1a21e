"""Static analysis of the target's source: findings, the policy, reviewed acceptances.

bandit runs as a child process (never imported into pytest) over the source folder
golive.toml names. Each finding is judged against the criterion's :class:`Policy`; one
above it counts unless a reviewed acceptance matches it precisely: same test, same file,
same code (a hash of the flagged lines, so a moved line stays accepted but a second,
identical-looking finding elsewhere does not: bandit's own baseline lets one entry hide
several, bandit#1467). Each acceptance matches one finding at most, and an expired one
matches none. The raw JSON and a SARIF file go to ``reports/security/``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import json
import os
import re
import secrets
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from golive.errors import ConfigError, SuiteError
from golive.evidence.writer import Check
from golive.inputs.document import load_yaml
from golive.inputs.security_policy import Policy, StaticAnalysis

TIMEOUT = 300
_TEST_ID = re.compile(r"^B\d{3}$")
_HASH = re.compile(r"^[0-9a-f]{16}$")

# CWE -> OWASP Top 10 2021 category, for the findings bandit can make
OWASP = {
    20: "A03:2021 Injection",
    22: "A01:2021 Broken Access Control",
    78: "A03:2021 Injection",
    79: "A03:2021 Injection",
    89: "A03:2021 Injection",
    94: "A03:2021 Injection",
    259: "A07:2021 Identification and Authentication Failures",
    295: "A02:2021 Cryptographic Failures",
    319: "A02:2021 Cryptographic Failures",
    326: "A02:2021 Cryptographic Failures",
    327: "A02:2021 Cryptographic Failures",
    330: "A02:2021 Cryptographic Failures",
    377: "A01:2021 Broken Access Control",
    400: "A04:2021 Insecure Design",
    502: "A08:2021 Software and Data Integrity Failures",
    605: "A05:2021 Security Misconfiguration",
    703: "A04:2021 Insecure Design",
    732: "A01:2021 Broken Access Control",
    798: "A07:2021 Identification and Authentication Failures",
}


@dataclass(frozen=True)
class Finding:
    """One issue bandit reported, located relative to the source folder."""

    test_id: str
    test_name: str
    severity: str
    confidence: str
    cwe: int | None
    text: str
    file: str
    line: int
    code: str
    fingerprint: str
    """A hash of the flagged lines' code, whitespace-insensitive: survives a move."""

    @property
    def owasp(self) -> str:
        return OWASP.get(self.cwe or 0, "A04:2021 Insecure Design")

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Acceptance:
    """A reviewed decision to live with one finding until a date."""

    test_id: str
    file: str
    code_hash: str
    reason: str
    owner: str
    expires: dt.date
    line: int | None = None

    def matches(self, finding: Finding) -> bool:
        return (self.test_id, self.file, self.code_hash) == (
            finding.test_id,
            finding.file,
            finding.fingerprint,
        )


@dataclass(frozen=True)
class Verdict:
    """A finding and what the policy and the acceptances make of it."""

    finding: Finding
    status: str  # "counts", "accepted", "expired" (counts again) or "within_policy"
    acceptance: Acceptance | None = None

    @property
    def counts(self) -> bool:
        return self.status in {"counts", "expired"}


@dataclass(frozen=True)
class Scan:
    """One run of the analyser over a source folder."""

    source: Path
    findings: tuple[Finding, ...]
    errors: tuple[str, ...]
    """Files the analyser could not read: unscanned code is not proven safe."""
    version: str
    files: int


def scan(source: Path, reports: Path, *, honour_nosec: bool = False) -> Scan:
    """Run bandit over ``source``; its JSON report is kept as ``reports/bandit.json``."""
    if not source.is_dir():
        raise ConfigError(f"the source folder {source} does not exist")
    reports.mkdir(parents=True, exist_ok=True)
    # Each xdist worker (and the zh and en scenarios) may scan at once: each writes its
    # own file and moves it into place whole, so nobody reads a half-written report.
    output = reports / f".bandit-{os.getpid()}-{secrets.token_hex(4)}.json"
    command = [sys.executable, "-m", "bandit", "-r", str(source), "-f", "json", "-o", str(output)]
    command += ["-q"] if honour_nosec else ["-q", "--ignore-nosec"]
    # our own interpreter running bandit on a folder from golive.toml: no shell
    process = subprocess.run(  # noqa: S603  # nosec B603
        command, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    if process.returncode not in (0, 1) or not output.is_file():
        output.unlink(missing_ok=True)
        raise SuiteError(
            f"bandit could not scan {source} (exit {process.returncode}): "
            f"{(process.stderr or process.stdout).strip()[-500:]}"
        )
    data = json.loads(output.read_text(encoding="utf-8"))
    os.replace(output, reports / "bandit.json")
    return Scan(
        source=source,
        findings=tuple(_finding(source, r) for r in data.get("results", [])),
        errors=tuple(
            f"{_relative(source, e['filename'])}: {e['reason']}" for e in data.get("errors", [])
        ),
        version=_version(),
        files=sum(1 for name in data.get("metrics", {}) if name != "_totals"),
    )


def _finding(source: Path, result: dict[str, Any]) -> Finding:
    file = _relative(source, result["filename"])
    lines = result.get("line_range") or [result["line_number"]]
    code = _lines(source / file, lines) or result.get("code", "")
    cwe = (result.get("issue_cwe") or {}).get("id")
    return Finding(
        test_id=result["test_id"],
        test_name=result["test_name"],
        severity=result["issue_severity"].lower(),
        confidence=result["issue_confidence"].lower(),
        cwe=cwe if isinstance(cwe, int) else None,
        text=result["issue_text"],
        file=file,
        line=result["line_number"],
        code=code,
        fingerprint=code_hash(code),
    )


def code_hash(code: str) -> str:
    """16 hex digits of SHA-256 over the code with all whitespace removed."""
    return hashlib.sha256("".join(code.split()).encode()).hexdigest()[:16]


def _lines(path: Path, numbers: Sequence[int]) -> str:
    try:
        text = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return ""
    return "\n".join(text[n - 1] for n in numbers if 0 < n <= len(text))


def _relative(source: Path, filename: str) -> str:
    path = Path(filename).resolve()
    try:
        return path.relative_to(source.resolve()).as_posix()
    except ValueError:
        return Path(filename).as_posix()


def _version() -> str:
    try:
        return importlib.metadata.version("bandit")
    except importlib.metadata.PackageNotFoundError:
        return ""


def load_acceptances(path: Path) -> tuple[Acceptance, ...]:
    """The accepted-findings file: every entry needs reason, owner and expiry."""
    doc = load_yaml(path)
    data = doc.data
    if not isinstance(data, dict):
        raise doc.error((), "must be a mapping with 'version' and 'accepted'")
    doc.keys(data, (), {"version", "accepted"})
    entries = doc.get(data, ("accepted",), list, [])
    found = []
    for index, entry in enumerate(entries):
        keys = ("accepted", index)
        if not isinstance(entry, dict):
            raise doc.error(keys, f"{entry!r} is not a mapping")
        doc.keys(
            entry, keys, {"test_id", "file", "code_hash", "line", "reason", "owner", "expires"}
        )
        test_id = doc.get(entry, (*keys, "test_id"), str)
        if not _TEST_ID.match(test_id):
            raise doc.error((*keys, "test_id"), f"{test_id!r} is not a bandit test id like B608")
        digest = entry.get("code_hash")
        if digest is None:
            raise doc.error((*keys, "code_hash"), "is required (16 hex digits, in quotes)")
        if not isinstance(digest, str) or not _HASH.match(digest):
            raise doc.error(
                (*keys, "code_hash"),
                f"{digest!r} is not 16 hex digits in quotes; copy it from the finding's report",
            )
        for key in ("reason", "owner"):
            if not str(doc.get(entry, (*keys, key), str)).strip():
                raise doc.error((*keys, key), "is required (not empty)")
        if "expires" not in entry:
            raise doc.error((*keys, "expires"), "is required (a date such as 2027-06-30)")
        found.append(
            Acceptance(
                test_id=test_id,
                file=doc.get(entry, (*keys, "file"), str),
                code_hash=digest,
                reason=entry["reason"].strip(),
                owner=entry["owner"].strip(),
                expires=doc.date(entry, (*keys, "expires")),
                line=doc.get(entry, (*keys, "line"), int, 0) or None,
            )
        )
    return tuple(found)


def judge(
    findings: Iterable[Finding],
    policy: Policy,
    acceptances: Iterable[Acceptance],
    today: dt.date,
) -> tuple[Verdict, ...]:
    """Each finding's verdict; an acceptance covers one finding at most."""
    unused = list(acceptances)
    verdicts = []
    for finding in findings:
        if not policy.breaks(finding.severity, finding.confidence):
            verdicts.append(Verdict(finding, "within_policy"))
            continue
        match = next((a for a in unused if a.matches(finding) and a.expires >= today), None)
        match = match or next((a for a in unused if a.matches(finding)), None)
        if match is None:
            verdicts.append(Verdict(finding, "counts"))
            continue
        unused.remove(match)
        status = "accepted" if match.expires >= today else "expired"
        verdicts.append(Verdict(finding, status, match))
    return tuple(verdicts)


def checks(verdicts: Iterable[Verdict], criteria: tuple[str, ...], scenario: str) -> list[Check]:
    """One Allure result per finding above policy: failed, or passed when accepted."""
    found = []
    for verdict in verdicts:
        if verdict.status == "within_policy":
            continue
        f = verdict.finding
        cwe = f"CWE-{f.cwe}" if f.cwe else "no CWE"
        message = f"{f.test_id} {f.text} ({f.where}, {cwe}, OWASP {f.owasp})"
        if verdict.acceptance is not None:
            a = verdict.acceptance
            tail = "expired" if verdict.status == "expired" else "accepted"
            message += f"; {tail} by {a.owner} until {a.expires}: {a.reason}"
        found.append(
            Check(
                name=f"{f.test_id} {f.test_name} {f.where}",
                status="failed" if verdict.counts else "passed",
                kind="security",
                criteria=criteria,
                key=f"{','.join(criteria)}:static:{f.test_id}:{f.file}:{f.fingerprint}",
                message=message,
                details=f"{f.code}\n\ncode_hash: {f.fingerprint}",
                parameters=(
                    ("file", f.file),
                    ("line", str(f.line)),
                    ("CWE", cwe),
                    ("OWASP", f.owasp),
                    ("severity", f.severity),
                    ("confidence", f.confidence),
                    ("code_hash", f.fingerprint),
                ),
                labels=(("story", scenario),),
            )
        )
    return found


def unused_acceptances(
    verdicts: Iterable[Verdict], acceptances: Iterable[Acceptance]
) -> list[Acceptance]:
    """Acceptances that matched nothing: the code changed, the entry can go."""
    used = Counter(id(v.acceptance) for v in verdicts if v.acceptance is not None)
    return [a for a in acceptances if not used[id(a)]]


def settings_acceptances(static: StaticAnalysis) -> tuple[Acceptance, ...]:
    """The accepted findings golive.toml points at; none when it names no file."""
    return () if static.accepted is None else load_acceptances(static.accepted)
