"""The security headers probe: CSP, frame protection, nosniff and a referrer policy on
every listed page, anonymously and signed in."""

from __future__ import annotations

from collections.abc import Iterable

import httpx

from golive.inputs.security_policy import ANONYMOUS
from golive.messages import Phrase
from golive.security.probes.prober import Finding, Prober

HEADERS = Phrase.of("probe.headers")

# header -> (what it must say, ASVS requirement)
_HEADERS = {
    "Content-Security-Policy": "ASVS 14.4.3",
    "X-Frame-Options": "ASVS 14.4.7",
    "X-Content-Type-Options": "ASVS 14.4.4",
    "Referrer-Policy": "ASVS 14.4.5",
}


def security_headers(prober: Prober) -> tuple[list[str], list[Finding]]:
    """CSP, frame protection, nosniff and a referrer policy on every listed page."""
    tried: list[str] = []
    missing: dict[str, list[str]] = {}
    for page in prober.settings.pages:
        for role in (None, prober.role):
            answer = prober.send("GET", page, role=role)
            tried.append(f"GET {page} [{role or ANONYMOUS}] -> {answer.status_code}")
            for header in _missing(answer.headers):
                missing.setdefault(header, []).append(f"{page} [{role or ANONYMOUS}]")
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
    return tried, found


def _missing(headers: httpx.Headers) -> Iterable[str]:
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
