"""Probes of who may do what: the access matrix, other users' records, the session
cookie and logout, and the security headers.

The matrix and the records come from ``[targets.X.security]`` in golive.toml. A role
is *refused* when the answer is 401, 403, 404 (the record is hidden from it) or a
redirect to the login page; anything else below 500 means the platform let it through.
Record ids are read from the platform's own lists, never guessed, and actions are tried
on records whose state makes them harmless (e.g. an order already approved).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from golive.errors import SuiteError
from golive.inputs.security_policy import ANONYMOUS, Action, Records
from golive.messages import Phrase
from golive.run.session import CSRF_NAME, WebSession, forms
from golive.security.probes.prober import Finding, Prober

ACCESS = Phrase.of("probe.access")
SESSION = Phrase.of("probe.session")
HEADERS = Phrase.of("probe.headers")
REF_VERTICAL = "OWASP A01:2021 Broken Access Control; ASVS 4.1.3, 4.2.1"
REF_HORIZONTAL = "OWASP A01:2021 Broken Access Control; ASVS 4.2.1 (IDOR)"
REF_ANONYMOUS = "OWASP A01:2021 Broken Access Control; ASVS 4.1.1"
REF_COOKIE = "OWASP A05:2021 Security Misconfiguration; ASVS 3.4.1-3.4.3"
REF_LOGOUT = "OWASP A07:2021 Identification and Authentication Failures; ASVS 3.3.1"
REF_FIXATION = "OWASP A07:2021 Identification and Authentication Failures; ASVS 3.2.1"


def refused(prober: Prober, answer: httpx.Response) -> bool:
    """Whether the platform said no: 401, 403, 404, or off to the login page."""
    if answer.status_code in (401, 403, 404):
        return True
    location = answer.headers.get("location", "")
    return answer.is_redirect and prober.running.target.login.path in location


def access_matrix(prober: Prober) -> tuple[list[str], list[Finding]]:
    """Every action of the matrix, tried by every role and by an anonymous user."""
    tried: list[str] = []
    found: list[Finding] = []
    roles = [*prober.running.target.users, ANONYMOUS]
    for action in prober.settings.actions:
        path = action.request.path
        if action.record is not None:
            path = path.replace("{id}", str(_first_id(prober, action.record, _reader(action))))
        for role in roles:
            answer = _act(prober, action, path, role)
            allowed = role in action.allowed
            tried.append(f"{action.request.method} {path} [{role}] -> {answer.status_code}")
            if answer.status_code >= 500:
                found.append(
                    _access(action, path, role, "probe.access_errors", answer, REF_VERTICAL)
                )
            elif allowed and refused(prober, answer):
                found.append(
                    _access(action, path, role, "probe.access_refused", answer, REF_VERTICAL)
                )
            elif not allowed and not refused(prober, answer):
                reference = REF_ANONYMOUS if role == ANONYMOUS else REF_VERTICAL
                found.append(
                    _access(action, path, role, "probe.access_let_through", answer, reference)
                )
    return tried, found


def _reader(action: Action) -> str | None:
    return next((r for r in action.allowed if r != ANONYMOUS), None)


def _act(prober: Prober, action: Action, path: str, role: str) -> httpx.Response:
    method = action.request.method
    api = path.startswith(prober.settings.api_prefix)
    if method == "GET" or api or role == ANONYMOUS:
        return prober.send(method, path, role=role)
    # a page's form post: with the session's own CSRF token, so only the role decides
    session = prober.web(role)
    return prober.send(method, path, client=session.client, data=_csrf(prober, role))


def _csrf(prober: Prober, role: str) -> dict[str, str]:
    session = prober.web(role)
    page = prober.send("GET", prober.settings.pages[0], client=session.client)
    for form in forms(page.text):
        values = form.values()
        token = {k: v for k, v in values.items() if CSRF_NAME.search(k)}
        if token:
            return token
    return {}


def _first_id(prober: Prober, path: str, role: str | None) -> int | str:
    ids = _ids(prober, path, role or prober.role, 1)
    if not ids:
        raise SuiteError(Phrase.of("probe.no_record", path=path, target=prober.running.target.name))
    return ids[0]


def _ids(prober: Prober, path: str, role: str, count: int) -> list[int | str]:
    answer = prober.send("GET", path, role=role)
    try:
        data: Any = answer.json()
    except ValueError:
        data = None
    if isinstance(data, dict):
        data = next((v for v in data.values() if isinstance(v, list)), [])
    items = data if isinstance(data, list) else []
    return [i["id"] for i in items if isinstance(i, dict) and "id" in i][:count]


def _access(
    action: Action, path: str, role: str, verb: str, answer: httpx.Response, reference: str
) -> Finding:
    who = Phrase.of("probe.anonymous") if role == ANONYMOUS else role
    return Finding(
        ACCESS,
        Phrase.of(verb, who=who, action=action.name),
        f"{action.request.method} {path} as {role}",
        f"HTTP {answer.status_code}; allowed: {', '.join(action.allowed)}",
        reference,
    )


def other_users_records(prober: Prober) -> tuple[list[str], list[Finding]]:
    """Records one user owns, opened by others of the same role: each must be refused."""
    tried: list[str] = []
    found: list[Finding] = []
    for records in prober.settings.records:
        ids = _ids(prober, records.list, records.owner, 3)
        if not ids:
            raise SuiteError(Phrase.of("probe.owns_none", owner=records.owner, path=records.list))
        for item in records.items:
            path = item.replace("{id}", str(ids[0]))
            own = prober.send("GET", path, role=records.owner)
            if own.status_code != 200:
                raise SuiteError(
                    Phrase.of(
                        "probe.own_refused", owner=records.owner, path=path, status=own.status_code
                    )
                )
            for record_id in ids:
                path = item.replace("{id}", str(record_id))
                for other in records.others:
                    answer = prober.send("GET", path, role=other)
                    tried.append(f"GET {path} [{other}] -> {answer.status_code}")
                    if not refused(prober, answer):
                        found.append(_horizontal(records, path, other, answer))
    return tried, found


def _horizontal(records: Records, path: str, other: str, answer: httpx.Response) -> Finding:
    return Finding(
        ACCESS,
        Phrase.of("probe.other_record", other=other, owner=records.owner, record=records.name),
        f"GET {path} as {other}",
        f"HTTP {answer.status_code} (expected 403 or 404)",
        REF_HORIZONTAL,
    )


def session_handling(prober: Prober) -> tuple[list[str], list[Finding]]:
    """Cookie flags, a new session id at login, and a logout that ends the session."""
    tried: list[str] = []
    found: list[Finding] = []
    client = prober.client()
    try:
        # plant an id before login, as an attacker would: the login must replace it
        name = prober.web(prober.role).cookie
        planted = f"golive-{secrets.token_hex(8)}"
        client.cookies.set(name, planted, domain=urlsplit(prober.running.base_url).hostname or "")
        session = prober.login(prober.role, client)
        tried.append(f"log in as {prober.role} with a planted {name} cookie")
        found += cookie_flags(prober, session.cookie, session.set_cookie)
        if _value(session.set_cookie) == planted:
            found.append(
                Finding(
                    SESSION,
                    Phrase.of("probe.fixation"),
                    f"POST {prober.running.target.login.path} with {name}=<planted>",
                    "the planted session id is still the one in use after the login",
                    REF_FIXATION,
                )
            )
        tried += _logout(prober, client, session, found)
    finally:
        client.close()
    return tried, found


def cookie_flags(prober: Prober, name: str, header: str) -> list[Finding]:
    """HttpOnly, SameSite Lax or Strict, and Secure when the target is on https."""
    try:
        jar = SimpleCookie()
        jar.load(header)
        morsel = jar[name]
    except (CookieError, KeyError):
        unreadable = Phrase.of("probe.cookie_unreadable", name=name)
        return [_flag(name, unreadable, header.split("=", 1)[0])]
    missing = []
    if not morsel["httponly"]:
        missing.append("HttpOnly")
    if str(morsel["samesite"]).lower() not in {"lax", "strict"}:
        missing.append("SameSite=Lax|Strict")
    if prober.running.base_url.startswith("https://") and not morsel["secure"]:
        missing.append("Secure")
    return [
        _flag(name, Phrase.of("probe.cookie_lacks", name=name, flag=flag), flag) for flag in missing
    ]


def _flag(name: str, what: Phrase, flag: str) -> Finding:
    return Finding(
        SESSION,
        what,
        f"Set-Cookie: {name}=<hidden>",
        f"the session cookie is set without {flag}",
        REF_COOKIE,
    )


def _value(set_cookie: str) -> str:
    return set_cookie.split(";", 1)[0].split("=", 1)[-1].strip()


LOGOUT = re.compile(r"log[-_]?out|sign[-_]?out|log[-_]?off", re.IGNORECASE)
"""The address of a logout, as web frameworks name it (/logout/, /users/sign_out ...)."""
_HREF = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def _links(html: str, base_url: str) -> list[str]:
    """The addresses the page's links point at, on the target itself."""
    own = urlsplit(base_url).netloc
    return [h for h in _HREF.findall(html) if urlsplit(h).netloc in {"", own}]


def _private_page(prober: Prober, client: httpx.Client) -> str:
    """The first listed page that needs a login: refused to an anonymous visitor, open to
    the signed-in ``client``. Only there can a replayed session id show that a logout
    ended it; without one, the check cannot be made (SuiteError, never a pass)."""
    anonymous = prober.client()
    try:
        for page in prober.settings.pages:
            if refused(prober, prober.send("GET", page, client=anonymous)) and not refused(
                prober, prober.send("GET", page, client=client)
            ):
                return page
    finally:
        anonymous.close()
    raise SuiteError(
        Phrase.of(
            "probe.no_private_page",
            pages=", ".join(prober.settings.pages),
            target=prober.running.target.name,
        )
    )


def _logout(
    prober: Prober, client: httpx.Client, session: WebSession, found: list[Finding]
) -> list[str]:
    home = prober.settings.pages[0]
    name, value = session.cookie, _value(session.set_cookie)
    private = _private_page(prober, client)
    page = prober.send("GET", home, client=client)
    if refused(prober, page):
        raise SuiteError(Phrase.of("probe.fresh_refused", page=home, status=page.status_code))
    form = next((f for f in forms(page.text) if LOGOUT.search(f.action)), None)
    links = _links(page.text, prober.running.base_url)
    link = next((href for href in links if LOGOUT.search(urlsplit(href).path)), None)
    if form is None and link is None:
        found.append(
            Finding(
                SESSION,
                Phrase.of("probe.no_logout", page=home),
                f"GET {home}",
                "no form or link to a logout address",
                REF_LOGOUT,
            )
        )
        return [f"GET {home}: no logout form or link"]
    if form is not None:
        where = form.target(home)
        out = prober.send(form.method.upper(), where, client=client, data=form.values())
    else:
        # a logout by link (GET): this probe's own session, which it created itself
        address = urlsplit(urljoin(home, link or ""))
        where = address.path + (f"?{address.query}" if address.query else "")
        out = prober.send("GET", where, client=client)
    replay = prober.client()
    try:
        replay.cookies.set(name, value)
        again = prober.send("GET", private, client=replay, note=" (old session id)")
    finally:
        replay.close()
    if not refused(prober, again):
        found.append(
            Finding(
                SESSION,
                Phrase.of("probe.session_after_logout"),
                f"GET {private} with the logged-out session id",
                f"logout answered HTTP {out.status_code}; the old id then got HTTP "
                f"{again.status_code}",
                REF_LOGOUT,
            )
        )
    return [
        f"log out ({where}) -> {out.status_code}",
        f"GET {private} with the old session id -> {again.status_code}",
    ]


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
