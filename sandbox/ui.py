"""UI pages for signing in and out, the dashboard and the user list."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from . import auth, dashboard, faults, i18n, roles
from .deps import Conn, OptionalUiSession, UiSession, get_settings, request_lang, require_csrf
from .validation import LOGIN_FIELDS
from .web import is_https, render, set_session_cookie

router = APIRouter(include_in_schema=False)

MAX_USERNAME = LOGIN_FIELDS[0].max_length
MAX_PASSWORD = LOGIN_FIELDS[1].max_length
FormText = Annotated[str | None, Form()]


def safe_next(target: str | None) -> str:
    """Where to go after login: a local path only, never another site."""
    if faults.enabled("open_redirect") and (target or "").startswith(("http://", "https://")):
        # fault open_redirect: "the SSO portal sends people back with a full address"
        return str(target)
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    if any(ord(ch) < 32 for ch in target):
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return "/"
    return target


def _login_page(
    request: Request,
    status: int = 200,
    *,
    error: str = "",
    username: str = "",
    next_path: str = "/",
    notice: str | None = None,
) -> Response:
    """The login form with a fresh double-submit CSRF token (there is no session yet)."""
    token = auth.new_login_csrf()
    response = render(
        request,
        "login.html",
        status,
        here="/login",
        error=error,
        username=username,
        next=next_path,
        login_csrf=token,
        notice=notice,
    )
    response.set_cookie(
        auth.LOGIN_CSRF_COOKIE,
        token,
        path="/login",
        secure=is_https(request),
        httponly=True,
        samesite="strict",
    )
    return response


@router.get("/login")
def login_form(
    request: Request,
    session: OptionalUiSession,
    next: str | None = None,
    logged_out: str | None = None,
) -> Response:
    """The login page (a signed-in user goes straight on)."""
    target = safe_next(next)
    if session is not None:
        return RedirectResponse(target, status_code=303)
    lang = request_lang(request)
    notice = i18n.t(lang, "logged_out") if logged_out else None
    return _login_page(request, next_path=target, notice=notice)


@router.post("/login")
def login(
    request: Request,
    conn: Conn,
    username: FormText = None,
    password: FormText = None,
    next: FormText = None,
    csrf_token: FormText = None,
) -> Response:
    """Check the credentials, rotate the session and go to `next`."""
    lang = request_lang(request)
    target = safe_next(next)
    name = (username or "").strip()
    if not auth.csrf_matches(request.cookies.get(auth.LOGIN_CSRF_COOKIE, ""), csrf_token):
        return _login_page(
            request, 403, error=i18n.t(lang, "error_csrf"), username=name, next_path=target
        )
    user = None
    if len(name) <= MAX_USERNAME and len(password or "") <= MAX_PASSWORD:
        user = auth.authenticate(conn, name, password or "")
    if user is None:
        # one message for unknown user and wrong password: no user enumeration
        return _login_page(
            request, 401, error=i18n.t(lang, "login_failed"), username=name, next_path=target
        )
    old = request.cookies.get(auth.SESSION_COOKIE)
    if old:
        auth.delete_session(conn, old)  # a new id at login: no session fixation
    token, _ = auth.create_session(conn, user, "web", get_settings(request).session_ttl)
    response = RedirectResponse(target, status_code=303)
    set_session_cookie(response, request, token)
    response.delete_cookie(auth.LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.post("/logout")
def logout(
    request: Request, conn: Conn, session: OptionalUiSession, csrf_token: FormText = None
) -> Response:
    """End the session server-side and clear the cookie."""
    if session is not None:
        require_csrf(session, csrf_token)
        token = request.cookies.get(auth.SESSION_COOKIE)
        if token:
            auth.delete_session(conn, token)
    response = RedirectResponse("/login?logged_out=1", status_code=303)
    response.delete_cookie(auth.SESSION_COOKIE, path="/")
    return response


@router.get("/")
def home(request: Request, conn: Conn, session: UiSession) -> Response:
    """The dashboard with the plan's two SMART figures."""
    figures = dashboard.figures(conn, session.user)
    return render(request, "dashboard.html", active="dashboard", figures=figures)


@router.get("/users")
def users(request: Request, conn: Conn, session: UiSession) -> Response:
    """The user list (administrators only)."""
    roles.require(session.user, "users.list")
    return render(request, "users.html", active="users", users=auth.list_users(conn))
