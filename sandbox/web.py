"""Server-side rendering: the Jinja environment and the context every page gets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
import markupsafe
from fastapi import Request, Response
from fastapi.templating import Jinja2Templates

from . import faults, i18n, roles
from .auth import SESSION_COOKIE
from .deps import request_lang

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"
CHINA_TIME = timezone(timedelta(hours=8), "CST")  # the business's clock; China has no DST

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
    autoescape=True,  # every {{ value }} is HTML-escaped; user text is never trusted
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)
templates = Jinja2Templates(env=_env)


def money(cents: int) -> str:
    """Cents as '¥12,800.00'."""
    yuan, fen = divmod(cents, 100)
    return f"¥{yuan:,}.{fen:02d}"


def local_time(stored: str | None) -> str:
    """A stored UTC timestamp shown in China time, to the minute."""
    if not stored:
        return ""
    moment = datetime.strptime(stored, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    return moment.astimezone(CHINA_TIME).strftime("%Y-%m-%d %H:%M")


def url_with(request: Request, path: str | None = None, **changes: Any) -> str:
    """A local URL: `path` (default: this one) with the query changed (None drops a key)."""
    query = {k: v for k, v in request.query_params.items() if k not in changes}
    query.update({k: str(v) for k, v in changes.items() if v is not None})
    target = path or request.url.path
    return f"{target}?{urlencode(query)}" if query else target


def is_https(request: Request) -> bool:
    """Whether the client reached us over TLS (cookies then get the Secure flag)."""
    return request.url.scheme == "https"


def set_session_cookie(response: Response, request: Request, token: str) -> None:
    """Set the session cookie: HttpOnly and SameSite=Lax, Secure on https."""
    if faults.enabled("missing_headers"):
        # fault missing_headers: the cookie flags were dropped "to make the JS client work"
        response.set_cookie(
            SESSION_COOKIE, token, path="/", secure=is_https(request), httponly=False, samesite=None
        )
        return
    response.set_cookie(
        SESSION_COOKIE, token, path="/", secure=is_https(request), httponly=True, samesite="lax"
    )


def highlight(text: str, term: str | None) -> markupsafe.Markup:
    """``text`` escaped, with each occurrence of the search ``term`` marked."""
    if faults.enabled("stored_xss"):
        # fault stored_xss: "the names come from our own form": marked up unescaped
        marked = text.replace(term, f"<mark>{term}</mark>") if term else text
        return markupsafe.Markup(marked)  # noqa: S704  (the planted fault)
    escaped = markupsafe.escape(text)
    if term:  # Markup.replace and format escape what they are given
        escaped = escaped.replace(term, markupsafe.Markup("<mark>{}</mark>").format(term))
    return escaped


def render(
    request: Request,
    template: str,
    status_code: int = 200,
    *,
    here: str | None = None,
    **context: Any,
) -> Response:
    """Render a page in the request's language.

    `here` is the GET address of what is shown (for the language switch) when the
    page answers a POST; a `?lang=` on the request is remembered in a cookie.
    """
    lang = request_lang(request)
    session = getattr(request.state, "session", None)
    user = session.user if session is not None else None
    other = i18n.t(lang, "lang_other_code")
    if here is None:
        here = url_with(request, lang=None) if request.method == "GET" else "/"
    separator = "&" if "?" in here else "?"
    base: dict[str, Any] = {
        "lang": lang,
        "t": lambda key, **kw: i18n.t(lang, key, **kw),
        "msg": lambda message: i18n.message(lang, message),
        "user": user,
        "csrf_token": session.csrf_token if session is not None else "",
        "can": lambda action: user is not None and roles.can(user, action),
        "lang_switch_url": f"{here}{separator}lang={other}",
        "money": money,
        "local_time": local_time,
        "highlight": highlight,
        "page_url": lambda page: url_with(request, page=page),
        "errors": {},
        "notice": None,
    }
    response = templates.TemplateResponse(
        request, template, {**base, **context}, status_code=status_code
    )
    chosen = i18n.normalise(request.query_params.get("lang"))
    if chosen:
        response.set_cookie(
            i18n.LANG_COOKIE,
            chosen,
            max_age=365 * 24 * 3600,
            path="/",
            secure=is_https(request),
            httponly=True,
            samesite="lax",
        )
    return response
