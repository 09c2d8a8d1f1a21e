"""FastAPI dependencies: the per-request DB connection, who is asking, and CSRF.

The UI authenticates by the session cookie only. The API takes a bearer token or
the session cookie; with the cookie, every state-changing call must also carry
the session's CSRF token in the X-CSRF-Token header (a bearer token cannot be
sent by a forged cross-site form, so it needs none).
"""

from __future__ import annotations

import queue
import sqlite3
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool

from . import db, i18n
from .auth import SESSION_COOKIE, Session, csrf_matches, resolve_session
from .errors import CsrfFailed, LoginRequired, NotFound
from .settings import Settings
from .validation import parse_id

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def get_settings(request: Request) -> Settings:
    """The settings the app was built with."""
    settings: Settings = request.app.state.settings
    return settings


# Idle connections, per database file. Opening one per request cost more than the
# queries of a list page; a request takes one from here and gives it back.
_idle: dict[str, queue.SimpleQueue[sqlite3.Connection]] = {}


async def get_conn(request: Request) -> AsyncIterator[sqlite3.Connection]:
    """A SQLite connection for this request alone, returned to the pool afterwards.

    Async, so that taking and returning it costs no hop to the thread pool; the
    connection is still used by one request at a time (check_same_thread is off).
    """
    path = get_settings(request).db_path
    idle = _idle.setdefault(str(path), queue.SimpleQueue())
    try:
        conn = idle.get_nowait()
    except queue.Empty:
        conn = db.connect(path)
    try:
        yield conn
    finally:
        if conn.in_transaction:  # a request that failed mid-transaction
            conn.rollback()
        idle.put(conn)


Conn = Annotated[sqlite3.Connection, Depends(get_conn)]


def request_lang(request: Request) -> str:
    """The language of this request: ?lang=, else the lang cookie, else zh-CN."""
    return (
        i18n.normalise(request.query_params.get("lang"))
        or i18n.normalise(request.cookies.get(i18n.LANG_COOKIE))
        or i18n.DEFAULT_LANG
    )


def cookie_session(request: Request, conn: sqlite3.Connection) -> Session | None:
    """The browser session of the cookie, if any and still alive."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    session = resolve_session(conn, token, "web", get_settings(request).session_ttl)
    if session is not None:
        request.state.session = session
    return session


def optional_ui_session(request: Request, conn: Conn) -> Session | None:
    """The browser session, or None for an anonymous visitor."""
    return cookie_session(request, conn)


def ui_session(request: Request, conn: Conn) -> Session:
    """The browser session; anonymous visitors are sent to the login page."""
    session = cookie_session(request, conn)
    if session is None:
        raise LoginRequired()
    return session


async def api_session(request: Request, conn: Conn) -> Session:
    """The caller of an API endpoint: bearer token first, else the session cookie + CSRF.

    Async: a bearer token is one indexed read, cheaper than a hop to the thread pool.
    The cookie path may write (sliding expiry), so it runs in the pool.
    """
    header = request.headers.get("authorization")
    if header is not None:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer":
            raise LoginRequired()
        session = resolve_session(conn, token.strip(), "api", get_settings(request).token_ttl)
        if session is None:
            raise LoginRequired()
        request.state.session = session
        return session
    session = await run_in_threadpool(cookie_session, request, conn)
    if session is None:
        raise LoginRequired()
    if request.method not in SAFE_METHODS and not csrf_matches(
        session.csrf_token, request.headers.get("x-csrf-token")
    ):
        raise CsrfFailed()
    return session


def require_csrf(session: Session, token: str | None) -> None:
    """Refuse a form post whose csrf_token field is not the session's."""
    if not csrf_matches(session.csrf_token, token):
        raise CsrfFailed()


OptionalUiSession = Annotated[Session | None, Depends(optional_ui_session)]
UiSession = Annotated[Session, Depends(ui_session)]
ApiSession = Annotated[Session, Depends(api_session)]


def path_id(raw: str) -> int:
    """A record id from a UI path; anything that is not one is simply not found."""
    value = parse_id(raw)
    if value is None:
        raise NotFound()
    return value


def notice_for(lang: str, done: str | None, allowed: dict[str, str]) -> str | None:
    """The confirmation message named by ?done= after a redirect, if it is a known one."""
    if done and done in allowed:
        return i18n.t(lang, allowed[done])
    return None
