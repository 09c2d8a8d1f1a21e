"""The security headers probe: CSP, frame protection, nosniff, a referrer policy and (on
https) HSTS on every listed page, anonymously and signed in; and the Server and
X-Powered-By headers, which must not say what software, in which version, answers."""

from __future__ import annotations

import re
from collections.abc import Iterable

import httpx

from golive.inputs.security_policy import ANONYMOUS
from golive.messages import Phrase
from golive.security.probes.prober import Finding, Prober

HEADERS = Phrase.of("probe.headers")

# header -> its ASVS requirement
_HEADERS = {
    "Content-Security-Policy": "ASVS 14.4.3",
    "X-Frame-Options": "ASVS 14.4.7",
    "X-Content-Type-Options": "ASVS 14.4.4",
    "Referrer-Policy": "ASVS 14.4.5",
    "Strict-Transport-Security": "ASVS 14.4.5, 9.1.1",
}
HSTS_SECONDS = 15_552_000
"""180 days: the least max-age of a Strict-Transport-Security worth the name."""
DISCLOSING = ("Server", "X-Powered-By", "X-AspNet-Version", "X-AspNetMvc-Version", "X-Generator")
"""Headers that may name the software answering, and its version."""
VERSION = re.compile(r"\d+\.\d+")
"""A version number (2.4.57, 8.1): a name alone (nginx, uvicorn) discloses little."""
REF_DISCLOSURE = "OWASP A05:2021 Security Misconfiguration; ASVS 14.3.3"


def security_headers(prober: Prober) -> tuple[list[str], list[Finding]]:
    """The security headers of every listed page, and what its answers disclose."""
    tried: list[str] = []
    missing: dict[str, list[str]] = {}
    disclosed: dict[tuple[str, str], list[str]] = {}
    https = prober.running.base_url.startswith("https://")
    for page in prober.settings.pages:
        for role in (None, prober.role):
            answer = prober.send("GET", page, role=role)
            where = f"{page} [{role or ANONYMOUS}]"
            tried.append(f"GET {where} -> {answer.status_code}")
            for header in _missing(answer.headers, https):
                missing.setdefault(header, []).append(where)
            for header, value in _disclosed(answer.headers):
                disclosed.setdefault((header, value), []).append(where)
    if not https:
        tried.append("HSTS not judged: the target is on plain http, where browsers ignore it")
    found = [
        Finding(
            HEADERS,
            Phrase.of("probe.header_missing", header=header),
            ", ".join(pages),
            f"{len(pages)} answer(s) without a valid {header}",
            f"OWASP A05:2021 Security Misconfiguration; {_HEADERS[header]}",
        )
        for header, pages in missing.items()
    ]
    found += [
        Finding(
            HEADERS,
            Phrase.of("probe.version_disclosed", header=header, value=value),
            ", ".join(pages),
            f"{header}: {value} in {len(pages)} answer(s)",
            REF_DISCLOSURE,
        )
        for (header, value), pages in disclosed.items()
    ]
    return tried, found


def _missing(headers: httpx.Headers, https: bool) -> Iterable[str]:
    csp = headers.get("content-security-policy", "")
    if not csp.strip():
        yield "Content-Security-Policy"
    frame = headers.get("x-frame-options", "").upper()
    if frame not in {"DENY", "SAMEORIGIN"} and "frame-ancestors" not in csp:
        yield "X-Frame-Options"
    if headers.get("x-content-type-options", "").lower() != "nosniff":
        yield "X-Content-Type-Options"
    referrer = headers.get("referrer-policy", "").lower()
    if not referrer or referrer in {"unsafe-url", "no-referrer-when-downgrade"}:
        yield "Referrer-Policy"
    if https and _max_age(headers.get("strict-transport-security", "")) < HSTS_SECONDS:
        yield "Strict-Transport-Security"


def _max_age(hsts: str) -> int:
    found = re.search(r"max-age\s*=\s*\"?(\d+)", hsts, re.IGNORECASE)
    return int(found.group(1)) if found else 0


def _disclosed(headers: httpx.Headers) -> Iterable[tuple[str, str]]:
    for header in DISCLOSING:
        value = headers.get(header, "").strip()
        if VERSION.search(value):
            yield header, value[:100]
