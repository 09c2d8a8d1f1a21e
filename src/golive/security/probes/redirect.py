"""The open redirect probe: a parameter that feeds a redirect must not send a person to
another site.

The parameters come from the discovery crawl: every query parameter of a link or a
redirect it met whose name says it is a destination (``next``, ``return_to``, ``url``,
``redirect_uri`` ...), plus golive.toml's ``parameters`` of such a name. Each is tried
with an outside address, plainly and protocol-relative (``//host``); a redirect whose
Location leaves for that host is an open redirect, reported when a second request does
the same. The outside host is under ``.invalid``, which no resolver answers: nobody is
ever sent anywhere real.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from golive.errors import SuiteError
from golive.inputs.security_policy import ANONYMOUS, Request
from golive.messages import Phrase
from golive.security.probes.crawl import discovered
from golive.security.probes.prober import Finding, Prober, split_parameter

REDIRECT = Phrase.of("probe.redirect")
DESTINATION = re.compile(
    r"^(next|return|return_?to|return_?url|returnurl|redirect|redirect_?(to|url|uri)|url|"
    r"continue|dest|destination|goto|go|target|to|back|forward|success_?url|came_?from|r|u)$",
    re.IGNORECASE,
)
"""Parameter names web frameworks and platforms give a destination."""
OUTSIDE_HOST = "golive-probe.invalid"
OUTSIDE = (f"https://{OUTSIDE_HOST}/landing", f"//{OUTSIDE_HOST}/landing")
REF_REDIRECT = "OWASP A01:2021 Broken Access Control (CWE-601); ASVS 5.1.5"


def destinations(prober: Prober) -> list[Request]:
    """The parameters to try: ``GET /path?name[&other=value]``."""
    found = [*discovered(prober).link_parameters(), *prober.settings.parameters]
    return list(dict.fromkeys(r for r in found if DESTINATION.match(split_parameter(r)[1])))


def open_redirects(prober: Prober) -> tuple[list[str], list[Finding]]:
    """Each destination parameter with an outside address, anonymously and as the role."""
    candidates = destinations(prober)
    if not candidates:
        raise SuiteError(Phrase.of("probe.no_destination", target=prober.running.target.name))
    tried: list[str] = []
    found: list[Finding] = []
    for request in candidates:
        path, name, fixed = split_parameter(request)
        hit = None
        for role in (ANONYMOUS, prober.role):
            for outside in OUTSIDE:
                # a second request confirms it before it is reported
                if (
                    hit is None
                    and _leaves(prober, path, name, fixed, outside, role)
                    and _leaves(prober, path, name, fixed, outside, role)
                ):
                    hit = (outside, role)
        tried.append(f"GET {path}?{name}=<outside>: " + ("redirects there" if hit else "stays"))
        if hit is not None:
            outside, role = hit
            found.append(
                Finding(
                    REDIRECT,
                    Phrase.of("probe.open_redirect", name=name),
                    f"GET {path}?{name}={outside} as {role}",
                    f"a redirect to {outside}, twice",
                    REF_REDIRECT,
                )
            )
    return tried, found


def _leaves(
    prober: Prober, path: str, name: str, fixed: dict[str, str], outside: str, role: str
) -> bool:
    answer = prober.send("GET", path, role=role, params={**fixed, name: outside})
    if not answer.is_redirect:
        return False
    location = urljoin(str(answer.request.url), str(answer.headers.get("location", "")))
    return urlsplit(location).hostname == OUTSIDE_HOST
