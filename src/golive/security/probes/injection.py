"""Probes of what the target does with hostile input: SQL injection, overlong and
malformed input, reflected script, forms without a CSRF token.

Each probe returns the :class:`~golive.security.probes.prober.Finding` list it proved; an empty list
means every attempt was answered correctly. Nothing here writes data on a correct
platform: injections go to search and filter parameters, overlong and malformed
bodies are refused by validation, and a form without its CSRF token is refused.
"""

from __future__ import annotations

import html
import json
import re
import secrets
import time
from typing import Any

import httpx

from golive.errors import SuiteError, TargetError
from golive.inputs.security_policy import Request
from golive.messages import Phrase
from golive.run.session import CSRF_NAME, forms
from golive.security.probes.crawl import parameters
from golive.security.probes.prober import (
    Finding,
    Prober,
    openapi_document,
    query_parameters,
    split_parameter,
)

SQLI = Phrase.of("probe.sqli")
INPUT = Phrase.of("probe.input")
XSS = Phrase.of("probe.xss")
CSRF = Phrase.of("probe.csrf")
REF_SQLI = "OWASP A03:2021 Injection; ASVS 5.3.4"
REF_INPUT = "OWASP A04:2021 Insecure Design; ASVS 5.1.3, 7.4.1"
REF_XSS = "OWASP A03:2021 Injection; ASVS 5.3.3"
REF_CSRF = "OWASP A01:2021 Broken Access Control; ASVS 4.2.2"

# What a database says when a quote breaks the statement it was pasted into
DB_ERRORS = re.compile(
    r"sql syntax|syntax error|sqlite|unterminated quoted|unclosed quotation|"
    r"ORA-\d{5}|SQLSTATE|psycopg|pg_query|mysql_|OperationalError|ODBC",
    re.IGNORECASE,
)
ERROR_PAYLOADS = ("golive'", 'golive"', "golive')")
# (always true, always false) pairs, equal in length, for quoted and bare contexts
BOOLEAN_PAIRS = (
    ("golive' OR 'a'='a' -- ", "golive' AND 'a'='b' -- "),
    ('golive" OR "a"="a" -- ', 'golive" AND "a"="b" -- '),
    ("0 OR 1=1 -- ", "0 AND 1=2 -- "),
)
OVERLONG = (1_000, 10_000, 64_000)
"""The lengths an overlong value escalates through, until the platform refuses one."""
REFUSED_EARLY = (401, 403, 405, 415, 419)
"""Answers given before the code under test runs: not signed in, a CSRF check, a method or
a content type refused. A probe that got only these proved nothing."""
MALFORMED_NUMBERS = ("abc", "-1", "1" + "0" * 40, "1e999", "NaN")


def time_payloads(delay: float) -> tuple[str, ...]:
    """Payloads that make MySQL, PostgreSQL, SQL Server or SQLite wait ~``delay`` s."""
    seconds = max(1, round(delay))
    # SQLite has no sleep: it counts rows of a recursive CTE, concatenated into the string
    # so that no short-circuit skips it. 3 million rows took 0.7-2.5 s here: twice that
    # per second asked makes a fast machine wait long enough too (waiting longer than
    # asked only widens the margin over the baseline)
    rows = 6_000_000 * seconds
    sqlite = f"'||(WITH RECURSIVE c(i)AS(SELECT 1 UNION SELECT i+1 FROM c LIMIT {rows})"  # noqa: S608  # nosec B608
    sqlite += "SELECT max(i)FROM c)||'"
    return (
        f"golive' AND SLEEP({seconds}) -- ",
        f"golive'; SELECT pg_sleep({seconds}) -- ",
        f"golive'; WAITFOR DELAY '0:0:{seconds}' -- ",
        sqlite,
    )


def sql_injection(prober: Prober) -> tuple[list[str], list[Finding]]:
    """Error-, boolean- and time-based payloads on every search and filter parameter."""
    probed = parameters(prober)
    if not probed:
        raise SuiteError(
            Phrase.of(
                "probe.no_parameter",
                openapi=prober.settings.openapi or Phrase.of("probe.no_openapi"),
                target=prober.running.target.name,
            )
        )
    payloads = (
        *ERROR_PAYLOADS,
        *(p for pair in BOOLEAN_PAIRS for p in pair),
        *time_payloads(prober.settings.delay_seconds),
    )
    tried = ["payloads: " + " | ".join(payloads)]
    found: list[Finding] = []
    for request in probed:
        finding = _inject(prober, request)
        if finding is not None:
            found.append(finding)
        tried.append(f"{request}: " + (str(finding.title) if finding else "taken as plain text"))
    return tried, found


def _inject(prober: Prober, request: Request) -> Finding | None:
    path, name, fixed = split_parameter(request)
    role = prober.role

    def ask(value: str) -> tuple[httpx.Response, float]:
        start = time.monotonic()
        answer = prober.send(
            request.method, path, role=role, params={**fixed, name: value}, note=f" {name}=…"
        )
        return answer, time.monotonic() - start

    marker = f"golive{secrets.randbelow(10**6):06d}"
    # twice: the first request may also pay for signing in, which is no baseline
    _, first_time = ask(marker)
    base, base_time = ask(marker)
    base_time = min(base_time, first_time)
    where = f"{request.method} {path}?{name}"
    for payload in ERROR_PAYLOADS:
        answer, _ = ask(payload)
        leaked = DB_ERRORS.search(answer.text) and not DB_ERRORS.search(base.text)
        if answer.status_code >= 500 or leaked:
            return Finding(
                SQLI,
                Phrase.of("probe.sqli_quote", name=name),
                f"{where}={payload}",
                f"HTTP {answer.status_code} (baseline {base.status_code}): {_excerpt(answer.text)}",
                REF_SQLI,
            )
    for true, false in BOOLEAN_PAIRS:
        yes, _ = ask(true)
        no, _ = ask(false)
        if _same(no, base, (false, marker)) and not _same(yes, no, (true, false)):
            return Finding(
                SQLI,
                Phrase.of("probe.sqli_boolean", name=name),
                f"{where}={true} vs {false}",
                f"always-true answered HTTP {yes.status_code}, {len(yes.content)} bytes; "
                f"always-false HTTP {no.status_code}, {len(no.content)} bytes, "
                f"like the harmless search",
                REF_SQLI,
            )
    limit = base_time + prober.settings.delay_seconds * 0.75
    for payload in time_payloads(prober.settings.delay_seconds):
        _, took = ask(payload)
        if took > limit:
            _, again = ask(payload)  # confirm: one slow answer may be the network
            _, control = ask(marker)
            if again > limit and control < limit:
                return Finding(
                    SQLI,
                    Phrase.of("probe.sqli_time", name=name),
                    f"{where}={payload}",
                    f"answered in {took:.1f} s and {again:.1f} s; the harmless search "
                    f"in {control:.1f} s",
                    REF_SQLI,
                )
    return None


def _same(a: httpx.Response, b: httpx.Response, echoed: tuple[str, str]) -> bool:
    """Whether two answers are alike once each one's own input is taken out of it."""
    if a.status_code != b.status_code:
        return False
    texts = [_without(r.text, value) for r, value in zip((a, b), echoed, strict=True)]
    longest = max(len(texts[0]), len(texts[1]), 1)
    return abs(len(texts[0]) - len(texts[1])) <= max(16, longest // 50)


def _without(text: str, value: str) -> str:
    for form in {value, html.escape(value), html.escape(value, quote=False), json.dumps(value)}:
        text = text.replace(form, "")
    return text


def _excerpt(text: str, size: int = 160) -> str:
    return " ".join(text.split())[:size]


def input_handling(prober: Prober) -> tuple[list[str], list[Finding]]:
    """Overlong and malformed input must get a 4xx answer, never a server error."""
    tried: list[str] = []
    found: list[Finding] = []
    role = prober.role

    statuses: list[int] = []

    def expect_4xx(method: str, path: str, what: Phrase, **kwargs: Any) -> int:
        en = str(what)
        try:
            answer = prober.send(method, path, role=role, note=f" ({en})", **kwargs)
        except TargetError as exc:  # no answer, or the connection broke: a crash too
            status, text = 0, str(exc)
        else:
            status, text = answer.status_code, _excerpt(answer.text)
        tried.append(f"{method} {path}: {en} -> {status or 'no answer'}")
        statuses.append(status)
        if status >= 500 or status == 0:
            found.append(
                Finding(
                    INPUT,
                    Phrase.of("probe.crashes", what=what),
                    f"{method} {path} ({en})",
                    f"HTTP {status}: {text}" if status else text,
                    REF_INPUT,
                )
            )
        return status

    document = openapi_document(prober)
    for request in parameters(prober, document):
        path, name, fixed = split_parameter(request)
        for length in OVERLONG:  # longer while it is taken; a URL this long may get a 414
            overlong = Phrase.of("probe.overlong", name=name, length=length)
            if not _taken(expect_4xx("GET", path, overlong, params={**fixed, name: "x" * length})):
                break
        control = Phrase.of("probe.control", name=name)
        expect_4xx("GET", path, control, params={**fixed, name: "a\x00\x1b[0m"})
    numbers = [*query_parameters(document, "integer"), *query_parameters(document, "number")]
    for request in numbers:
        path, name, fixed = split_parameter(request)
        for value in MALFORMED_NUMBERS:
            what = Phrase.of("probe.malformed", name=name, value=value[:12])
            expect_4xx("GET", path, what, params={**fixed, name: value})
    for form in prober.settings.inputs:
        method, path = form.request.method, form.request.path
        for key, value in form.body.items():
            for length in OVERLONG if isinstance(value, str) else ():
                what = Phrase.of("probe.overlong", name=key, length=length)
                if not _taken(
                    expect_4xx(method, path, what, json={**form.body, key: "长" * length})
                ):
                    break
            body = {**form.body, key: {"golive": [1, None]}}
            expect_4xx(method, path, Phrase.of("probe.wrong_type", name=key), json=body)
        expect_4xx(
            method,
            path,
            Phrase.of("probe.malformed_json"),
            content=b'{"' + next(iter(form.body), "x").encode() + b'": ',
            headers={"Content-Type": "application/json"},
        )
    if statuses and all(s in REFUSED_EARLY for s in statuses):
        # a refusal before the code ran (CSRF, sign-in, content type) is no pass
        raise SuiteError(Phrase.of("probe.refused_early", statuses=sorted(set(statuses))))
    return tried, found


def _taken(status: int) -> bool:
    """Whether the platform took the value (2xx, 3xx): then a longer one is tried."""
    return 0 < status < 400


def reflected_script(prober: Prober) -> tuple[list[str], list[Finding]]:
    """A script-like value shown back on a page must come back escaped."""
    tried: list[str] = []
    found: list[Finding] = []
    for request in prober.settings.reflected:
        path, name, fixed = split_parameter(request)
        payload = f'"><svg onload=golive{secrets.randbelow(10**6):06d}>'
        answer = prober.send(
            request.method, path, role=prober.role, params={**fixed, name: payload}
        )
        tried.append(f"{request.method} {path}?{name}=<svg onload=…> -> {answer.status_code}")
        if payload in answer.text:
            found.append(
                Finding(
                    XSS,
                    Phrase.of("probe.unescaped", name=name),
                    f"{request.method} {path}?{name}={payload}",
                    f"the answer (HTTP {answer.status_code}) contains the markup verbatim",
                    REF_XSS,
                )
            )
    return tried, found


def csrf_required(prober: Prober) -> tuple[list[str], list[Finding]]:
    """Each listed page's own form, and the API through the session cookie, posted
    without the CSRF token, must be refused."""
    tried: list[str] = []
    found: list[Finding] = []
    session = prober.web(prober.role)
    for page in prober.settings.forms:
        shown = prober.send("GET", page, client=session.client)
        form = next(
            (f for f in forms(shown.text) if f.method == "post" and f.target(page) == page), None
        )
        if form is None:
            found.append(
                Finding(
                    CSRF,
                    Phrase.of("probe.no_form", page=page),
                    f"GET {page}",
                    f"HTTP {shown.status_code}: the CSRF check could not be tried",
                    REF_CSRF,
                )
            )
            continue
        data = form.values(without=lambda n: CSRF_NAME.search(n) is not None)
        answer = prober.send("POST", page, client=session.client, data=data, note=" (no token)")
        tried.append(f"POST {page} without the CSRF token -> {answer.status_code}")
        if answer.status_code not in (400, 401, 403, 419):
            found.append(_csrf_finding(f"POST {page}", answer))
    for form_input in prober.settings.inputs:
        method, path = form_input.request.method, form_input.request.path
        if not path.startswith(prober.settings.api_prefix):
            continue
        # the browser's cookie alone, as a forged cross-site request would carry it
        answer = prober.send(
            method, path, client=session.client, json=dict(form_input.body), note=" (cookie only)"
        )
        tried.append(
            f"{method} {path} with the session cookie, no CSRF token -> {answer.status_code}"
        )
        if answer.status_code not in (400, 401, 403, 419):
            found.append(_csrf_finding(f"{method} {path}", answer))
    return tried, found


def _csrf_finding(request: str, answer: httpx.Response) -> Finding:
    return Finding(
        CSRF,
        Phrase.of("probe.csrf_accepted", request=request),
        request,
        f"HTTP {answer.status_code}: {_excerpt(answer.text)}",
        REF_CSRF,
    )
