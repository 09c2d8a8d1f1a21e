"""The session probe: the session cookie's flags, a new session id at login, and a
logout (a form or a link, GET or POST) that ends the session.

It works on sessions it created itself: it signs in, plants an id before the login as an
attacker would, logs out, and replays the old id on a page that needs a login.
"""

from __future__ import annotations

import re
import secrets
from http.cookies import CookieError, SimpleCookie
from urllib.parse import urljoin, urlsplit

import httpx

from golive.errors import SuiteError
from golive.inputs.security_policy import ANONYMOUS
from golive.messages import Phrase
from golive.run.session import CSRF_NAME, WebSession, forms
from golive.security.probes.crawl import discovered, hrefs
from golive.security.probes.prober import Finding, Prober
from golive.security.probes.refusal import Judgement, refusal

SESSION = Phrase.of("probe.session")
REF_COOKIE = "OWASP A05:2021 Security Misconfiguration; ASVS 3.4.1-3.4.3"
REF_LOGOUT = "OWASP A07:2021 Identification and Authentication Failures; ASVS 3.3.1"
REF_FIXATION = "OWASP A07:2021 Identification and Authentication Failures; ASVS 3.2.1"


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
        # and every other cookie that carries a credential, wherever the crawl met it
        others = discovered(prober).cookies
        credentials = [c for c in others if c != session.cookie and _credential(c, others[c])]
        tried += [f"the cookie {c} judged as a credential" for c in credentials]
        for other in credentials:
            found += cookie_flags(prober, other, others[other], "probe.session_cookie_lacks")
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


CREDENTIAL = re.compile(r"sess|sid|auth|token|remember|jwt|login", re.IGNORECASE)
"""Cookie names that carry a session or a sign-in (a CSRF token cookie is meant to be read
by the page's scripts, so it is not one)."""


def _credential(name: str, header: str) -> bool:
    value = header.split(";", 1)[0].split("=", 1)[-1].strip().strip('"')
    return bool(value) and bool(CREDENTIAL.search(name)) and not CSRF_NAME.search(name)


def cookie_flags(
    prober: Prober, name: str, header: str, lacks: str = "probe.cookie_lacks"
) -> list[Finding]:
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
    return [_flag(name, Phrase.of(lacks, name=name, flag=flag), flag) for flag in missing]


def _flag(name: str, what: Phrase, flag: str) -> Finding:
    return Finding(
        SESSION,
        what,
        f"Set-Cookie: {name}=<hidden>",
        f"Set-Cookie for {name} without {flag}",
        REF_COOKIE,
    )


def _value(set_cookie: str) -> str:
    return set_cookie.split(";", 1)[0].split("=", 1)[-1].strip()


LOGOUT = re.compile(r"log[-_]?out|sign[-_]?out|log[-_]?off", re.IGNORECASE)
"""The address of a logout, as web frameworks name it (/logout/, /users/sign_out ...)."""


def _links(html: str, base_url: str) -> list[str]:
    """The addresses the page's links point at, on the target itself."""
    own = urlsplit(base_url).netloc
    return [h for h in hrefs(html) if urlsplit(h).netloc in {"", own}]


def _private_page(prober: Prober, client: httpx.Client) -> tuple[str, httpx.Response]:
    """The first listed page that needs a login, and what the signed-in ``client`` gets
    there: refused to an anonymous visitor, open to ``client``. Only there can a replayed
    session id show that a logout ended it; without one, the check cannot be made
    (SuiteError, never a pass)."""
    anonymous = prober.client()
    try:
        for page in prober.settings.pages:
            signed_in = prober.send("GET", page, client=client)
            if refusal(prober, signed_in).refused:
                continue
            nobody = prober.send("GET", page, client=anonymous)
            if refusal(prober, nobody, signed_in, ANONYMOUS).refused:
                return page, signed_in
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
    private, signed_in = _private_page(prober, client)
    page = prober.send("GET", home, client=client)
    if refusal(prober, page).refused:
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
    judged = [_replay(prober, private, name, value, signed_in) for _ in range(2)]
    if not any(j.refused for j in judged):  # confirmed by a second replay
        found.append(
            Finding(
                SESSION,
                Phrase.of("probe.session_after_logout"),
                f"GET {private} with the logged-out session id",
                f"logout answered HTTP {out.status_code}; the old id then got "
                f"{judged[0].why}, twice",
                REF_LOGOUT,
            )
        )
    return [
        f"log out ({where}) -> {out.status_code}",
        f"GET {private} with the old session id -> {judged[0].why}",
    ]


def _replay(
    prober: Prober, page: str, name: str, value: str, signed_in: httpx.Response
) -> Judgement:
    """The logged-out session id sent again, on a client of its own, judged against what
    the signed-in session got on ``page``."""
    replay = prober.client()
    try:
        replay.cookies.set(name, value)
        again = prober.send("GET", page, client=replay, note=" (old session id)")
    finally:
        replay.close()
    return refusal(prober, again, signed_in, ANONYMOUS)
