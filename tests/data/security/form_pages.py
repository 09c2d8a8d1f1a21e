"""Server-rendered forms for the form probes: a lookup form, a login form and a form
that stores, each in a flawed (/forms/bad/...) and a sound (/forms/good/...) make.

Every form carries a CSRF token bound to a cookie its page sets, and refuses a POST
without the matching pair (403): a probe reaches the code only by sending the form as a
browser does.
"""

from __future__ import annotations

import secrets
import sqlite3

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

TOKENS: set[str] = set()
NOTES: list[str] = []


def _db() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    conn.execute("CREATE TABLE accounts (name TEXT, pw TEXT)")
    conn.execute("INSERT INTO accounts VALUES ('dora', 'Sesame-4-d')")
    conn.execute("CREATE TABLE notes (title TEXT)")
    return conn


DB = _db()


def _shown(request: Request, fields: str, button: str) -> Response:
    token = secrets.token_urlsafe(8)
    TOKENS.add(token)
    response = HTMLResponse(
        f'<html><body><form method="post" action="{request.url.path}">'
        f'<input type="hidden" name="csrf_token" value="{token}">{fields}'
        f"<button>{button}</button></form></body></html>"
    )
    response.set_cookie("form_csrf", token, httponly=True, samesite="lax")
    return response


async def _checked(request: Request) -> dict[str, str] | None:
    form = await request.form()
    token = str(form.get("csrf_token", ""))
    if token not in TOKENS or request.cookies.get("form_csrf") != token:
        return None
    return {k: str(v) for k, v in form.items()}


async def find(request: Request) -> Response:
    """Look people up by name: the flawed one pastes the name into its SQL and has no
    length check (a long name reaches a parser that gives up)."""
    if request.method == "GET":
        return _shown(request, '<input name="name" type="search">', "Find")
    form = await _checked(request)
    if form is None:
        return HTMLResponse("CSRF token missing", 403)
    name, bad = form.get("name", ""), request.path_params["mode"] == "bad"
    if bad:
        if len(name) > 5_000:
            raise RuntimeError("name too long for the index")
        sql = f"SELECT name FROM accounts WHERE name = '{name}'"  # noqa: S608  # nosec B608
        rows = DB.execute(sql).fetchall()
    elif len(name) > 200:
        return HTMLResponse("name: at most 200 characters", 422)
    else:
        rows = DB.execute("SELECT name FROM accounts WHERE name = ?", (name,)).fetchall()
    return HTMLResponse(f"<p>{len(rows)} found</p>")


async def login(request: Request) -> Response:
    """Sign in: the flawed one pastes both fields into its SQL and swallows errors, so
    only an always-true condition shows it (it signs in)."""
    if request.method == "GET":
        fields = '<input name="username" type="text"><input name="password" type="password">'
        return _shown(request, fields, "Log in")
    form = await _checked(request)
    if form is None:
        return HTMLResponse("CSRF token missing", 403)
    user, password = form.get("username", ""), form.get("password", "")
    if request.path_params["mode"] == "bad":
        sql = f"SELECT name FROM accounts WHERE name = '{user}' AND pw = '{password}'"  # noqa: S608  # nosec B608
        try:
            found = DB.execute(sql).fetchone()
        except sqlite3.Error:
            found = None
    else:
        query = "SELECT name FROM accounts WHERE name = ? AND pw = ?"
        found = DB.execute(query, (user, password)).fetchone()
    if found is None:
        return HTMLResponse("<p>Wrong user name or password.</p>", 200)
    return RedirectResponse("/forms/welcome", 303)


async def add_note(request: Request) -> Response:
    """A form that stores: the flawed one pastes the title into its INSERT."""
    if request.method == "GET":
        return _shown(request, '<input name="title" type="text">', "Add note")
    form = await _checked(request)
    if form is None:
        return HTMLResponse("CSRF token missing", 403)
    title = form.get("title", "")
    if request.path_params["mode"] == "bad":
        DB.execute(f"INSERT INTO notes VALUES ('{title}')")  # noqa: S608  # nosec B608
    else:
        DB.execute("INSERT INTO notes VALUES (?)", (title,))
    NOTES.append(title)
    return RedirectResponse(request.url.path, 303)


routes = [
    Route("/forms/{mode}/find", find, methods=["GET", "POST"]),
    Route("/forms/{mode}/login", login, methods=["GET", "POST"]),
    Route("/forms/{mode}/notes/new", add_note, methods=["GET", "POST"]),
]
