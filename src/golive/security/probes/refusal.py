"""Whether the platform refused a request, judged as a person would: against what a role
that may make the request gets for it.

A refusal is a 401, 403 or 404; a redirect to the login page, or to anywhere the allowed
role is not sent; the login form served in place of the page; or a page without the
content the allowed role sees (the platform's own "not authorized" page inside its
layout). The same content is access. The content compared is what only the allowed
role's answer shows: the words of the judged role's own landing page (the layout, the
menu, its name) are taken out first, so a shared layout never passes for access. Where
that leaves too little to compare, or no allowed role's answer is known, only the status,
the redirect and the login form decide.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from golive.run.session import forms
from golive.security.probes.prober import Prober

REFUSING = (401, 403, 404)
"""Statuses that say no: not signed in, not allowed, or the record hidden from this role."""
MIN_WORDS = 3
"""Fewer words than this only the allowed role sees: the content cannot tell."""
SHARE = 0.6
"""The share of those words an answer must show to count as the same content."""

_HIDDEN = re.compile(r"<(script|style|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w{2,}")


def words(text: str) -> frozenset[str]:
    """The words a person reads in an answer (HTML without its tags, or a JSON text)."""
    visible = html.unescape(_TAG.sub(" ", _HIDDEN.sub(" ", text)))
    return frozenset(w.lower() for w in _WORD.findall(visible))


@dataclass(frozen=True)
class Judgement:
    """Whether an answer is a refusal, and why, for the finding's evidence."""

    refused: bool
    why: str


def judge(
    answer: httpx.Response,
    login_path: str,
    allowed: httpx.Response | None = None,
    layout: frozenset[str] = frozenset(),
) -> Judgement:
    """Judge ``answer`` against ``allowed`` (what a role that may make the same request got)
    with ``layout`` (the words the judged role sees on its landing page) left out."""
    status = answer.status_code
    if status in REFUSING:
        return Judgement(True, f"HTTP {status}")
    if answer.is_redirect:
        return _redirect(answer, login_path, allowed)
    if _login_form(answer, login_path) and not (allowed and _login_form(allowed, login_path)):
        return Judgement(True, f"HTTP {status} with the login form")
    if allowed is None or allowed.is_redirect or allowed.status_code >= 300:
        return Judgement(False, f"HTTP {status}")
    protected = words(allowed.text) - layout
    if len(protected) < MIN_WORDS:
        return Judgement(False, f"HTTP {status}")
    shown = len(protected & words(answer.text))
    same = shown >= SHARE * len(protected)
    return Judgement(
        not same,
        f"HTTP {status}, showing {shown} of the {len(protected)} words only an allowed role's "
        f"answer has",
    )


def _redirect(answer: httpx.Response, login_path: str, allowed: httpx.Response | None) -> Judgement:
    place = _place(answer)
    why = f"HTTP {answer.status_code} to {place}"
    if login_path and urlsplit(place).path.rstrip("/") == login_path.rstrip("/"):
        return Judgement(True, why + " (the login page)")
    if allowed is not None:
        if allowed.is_redirect:
            # sent where the allowed role is sent (after a form post, say): the same outcome
            return Judgement(_place(allowed) != place, why)
        return Judgement(True, why + f" where an allowed role got HTTP {allowed.status_code}")
    request = answer.request
    # without an allowed role's answer: a page that sends the role elsewhere refused it,
    # unless the address only gained or lost a slash; a form post's redirect is its answer
    moved = urlsplit(place).path.rstrip("/") != request.url.path.rstrip("/")
    return Judgement(request.method == "GET" and moved, why)


def _place(answer: httpx.Response) -> str:
    """Where a redirect sends, as a path and query on the target (or the full address)."""
    asked = str(answer.request.url)
    location = urljoin(asked, str(answer.headers.get("location", "")))
    address = urlsplit(location)
    if address.netloc != urlsplit(asked).netloc:
        return location
    return address.path + (f"?{address.query}" if address.query else "")


def _login_form(answer: httpx.Response, login_path: str) -> bool:
    """The login form served in place of the page asked for."""
    if not login_path or "html" not in answer.headers.get("content-type", "html"):
        return False
    page = answer.request.url.path
    return page.rstrip("/") != login_path.rstrip("/") and any(
        f.password_field and f.target(page).rstrip("/") == login_path.rstrip("/")
        for f in forms(answer.text)
    )


def refusal(
    prober: Prober,
    answer: httpx.Response,
    allowed: httpx.Response | None = None,
    role: str | None = None,
) -> Judgement:
    """:func:`judge` on the target: its login page, and ``role``'s landing page as the
    layout to leave out of the comparison with ``allowed``."""
    layout = words(prober.landing(role)) if allowed is not None else frozenset()
    return judge(answer, prober.running.target.login.path, allowed, layout)
