"""SQL injection: error-, boolean- and time-based payloads wherever they are safe.

Where: every search and filter parameter (the OpenAPI document's, golive.toml's, the GET
forms the crawl met) and every text field of the POST forms that only look something up
(a login, a search, a code check: :mod:`golive.security.probes.forms` decides). At
``risk = 2`` the text fields of forms that create a record take the error- and
time-based payloads too; the always-true ``OR`` payloads never go into a form that
stores (in an UPDATE they would widen its WHERE to every row).

How a finding is confirmed: against a harmless baseline of the same request. A quote
that brings a 500 or a database error the baseline did not; an always-false condition
answered like the baseline while the always-true one is answered differently; a delay
asked of the database seen twice while the baseline stays fast.
"""

from __future__ import annotations

import html
import json
import re
import secrets
import time
from collections.abc import Callable

import httpx

from golive.errors import SuiteError
from golive.inputs.security_policy import Request
from golive.messages import Phrase
from golive.security.probes.crawl import parameters
from golive.security.probes.forms import SeenForm, creating_forms, lookup_forms, submit
from golive.security.probes.injection import excerpt
from golive.security.probes.prober import Finding, Prober, Reach, split_parameter

SQLI = Phrase.of("probe.sqli")
REF_SQLI = "OWASP A03:2021 Injection; ASVS 5.3.4"
Ask = Callable[[str], tuple[httpx.Response, float]]
"""Send the request with this value in the probed place: the answer and its time."""

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
    """Error-, boolean- and time-based payloads on every search and filter parameter
    and every text field of a form that only looks something up."""
    probed = parameters(prober)
    looked_up, creating = lookup_forms(prober), creating_forms(prober)
    if not probed and not looked_up and not creating:
        raise SuiteError(
            Phrase.of(
                "probe.no_parameter",
                openapi=prober.settings.openapi or Phrase.of("probe.no_openapi"),
                target=prober.running.target.name,
            )
        )
    delay = prober.settings.delay_seconds
    payloads = (
        *ERROR_PAYLOADS,
        *(p for pair in BOOLEAN_PAIRS for p in pair),
        *time_payloads(delay),
    )
    tried = ["payloads: " + " | ".join(payloads)]
    found: list[Finding] = []
    reach = Reach()
    for request in probed:
        path, name, _ = split_parameter(request)
        where = f"{request.method} {path}?{name}"
        finding = _inject(_parameter(prober, request, reach), where, name, delay)
        found += [finding] if finding else []
        tried.append(f"{request}: " + (str(finding.title) if finding else "taken as plain text"))
    for seen, boolean in [*((s, True) for s in looked_up), *((s, False) for s in creating)]:
        for name in seen.text_fields():
            where = f"{seen.request} ({name}, form-encoded)"
            finding = _inject(_field(prober, seen, name, reach), where, name, delay, boolean)
            found += [finding] if finding else []
            said = str(finding.title) if finding else "taken as plain text"
            tried.append(f"{seen.request} field {name} [{seen.role}]: {said}")
    if not found:
        reach.check()  # every payload refused before the SQL ran proves nothing
    return tried, found


def _parameter(prober: Prober, request: Request, reach: Reach) -> Ask:
    path, name, fixed = split_parameter(request)

    def ask(value: str) -> tuple[httpx.Response, float]:
        start = time.monotonic()
        answer = prober.send(
            request.method, path, role=prober.role, params={**fixed, name: value}, note=f" {name}=…"
        )
        reach.saw(answer.status_code)
        return answer, time.monotonic() - start

    return ask


def _field(prober: Prober, seen: SeenForm, name: str, reach: Reach) -> Ask:
    def ask(value: str) -> tuple[httpx.Response, float]:
        answer, took = submit(prober, seen, {name: value}, note=f" {name}=…")
        reach.saw(answer.status_code, login=seen.form.password_field is not None)
        return answer, took

    return ask


def _inject(ask: Ask, where: str, name: str, delay: float, boolean: bool = True) -> Finding | None:
    """The first technique that shows ``name`` reaches the SQL, confirmed; else None."""
    marker = f"golive{secrets.randbelow(10**6):06d}"
    # twice: the first request may also pay for signing in, which is no baseline
    _, first_time = ask(marker)
    base, base_time = ask(marker)
    base_time = min(base_time, first_time)
    for payload in ERROR_PAYLOADS:
        answer, _ = ask(payload)
        leaked = DB_ERRORS.search(answer.text) and not DB_ERRORS.search(base.text)
        if answer.status_code >= 500 or leaked:
            again, _ = ask(payload)  # confirm: the same quote breaks it again
            if again.status_code >= 500 or DB_ERRORS.search(again.text):
                return _finding(
                    "probe.sqli_quote",
                    name,
                    f"{where}={payload}",
                    f"HTTP {answer.status_code} twice (baseline {base.status_code}): "
                    f"{excerpt(answer.text)}",
                )
    for true, false in BOOLEAN_PAIRS if boolean else ():
        yes, _ = ask(true)
        no, _ = ask(false)
        if _same(no, base, (false, marker)) and not _same(yes, no, (true, false)):
            again, _ = ask(true)  # confirm: the always-true answer is no accident
            if _same(again, yes, (true, true)):
                return _finding(
                    "probe.sqli_boolean",
                    name,
                    f"{where}={true} vs {false}",
                    f"always-true answered HTTP {yes.status_code}, {len(yes.content)} bytes "
                    f"(twice); always-false HTTP {no.status_code}, {len(no.content)} bytes, "
                    f"like the harmless value",
                )
    limit = base_time + delay * 0.75
    for payload in time_payloads(delay):
        _, took = ask(payload)
        if took > limit:
            _, slow = ask(payload)  # confirm: one slow answer may be the network
            _, control = ask(marker)
            if slow > limit and control < limit:
                return _finding(
                    "probe.sqli_time",
                    name,
                    f"{where}={payload}",
                    f"answered in {took:.1f} s and {slow:.1f} s; the harmless value "
                    f"in {control:.1f} s",
                )
    return None


def _finding(key: str, name: str, request: str, evidence: str) -> Finding:
    return Finding(SQLI, Phrase.of(key, name=name), request, evidence, REF_SQLI)


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
