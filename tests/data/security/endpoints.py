"""Small purpose-built endpoints for the probe tests: for each probe, one that must be
flagged (under /bad/ or /api/bad/) and one that must not (/good/, /api/good/).

A real Starlette app with a real SQLite database, served by uvicorn on 127.0.0.1.
Users: alice (admin) and bob, carol (clerks), with the passwords in PASSWORDS.
Two logins: /login does it right, /bad/login keeps the planted session id, sets the
cookie without flags, and its logout leaves the session alive.
"""

from __future__ import annotations

import html
import secrets
import sqlite3
from typing import Any

import form_pages
import menus
from accounts import CSRF, PASSWORDS, SESSIONS, USERS
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

HEADERS = {
    "Content-Security-Policy": "default-src 'self'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
NOTES = {1: "bob", 2: "bob", 3: "carol"}  # note id -> owner


def _db() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    conn.execute("CREATE TABLE people (name TEXT)")
    conn.executemany("INSERT INTO people VALUES (?)", [("Li Lei",), ("Han Meimei",), ("Wu",)])
    return conn


DB = _db()


def _page(body: str, status: int = 200, safe: bool = True) -> HTMLResponse:
    unsafe = {"X-Powered-By": "PHP/8.1.2"}  # says what answers, and its version
    return HTMLResponse(
        f"<html><body>{body}</body></html>", status, headers=HEADERS if safe else unsafe
    )


def _user(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.startswith("Bearer tok-"):
        return auth.removeprefix("Bearer tok-")
    return SESSIONS.get(request.cookies.get("sid", ""))


def _form(action: str, token: str, extra: str = "") -> str:
    return (
        f'<form method="post" action="{action}">'
        f'<input type="hidden" name="csrf_token" value="{token}">{extra}'
        f'<input name="title" type="text"><button type="submit">Go</button></form>'
    )


# -- login, session, logout ---------------------------------------------------------
async def login_page(request: Request) -> Response:
    action = request.url.path if request.url.path.endswith("/login") else "/login"
    return _page(
        f'<form method="post" action="{action}"><input type="hidden" name="csrf_token" '
        f'value="login"><input name="username" type="text">'
        f'<input name="password" type="password"><button>Log in</button></form>'
    )


async def login(request: Request) -> Response:
    form = await request.form()
    user, password = str(form.get("username")), str(form.get("password"))
    if PASSWORDS.get(user) != password:
        return _page("wrong", 401)
    bad = request.url.path.startswith("/bad/")
    planted = request.cookies.get("sid")
    sid = planted if bad and planted else secrets.token_urlsafe(16)
    SESSIONS[sid] = user
    CSRF[sid] = secrets.token_urlsafe(8)
    response = RedirectResponse("/bad/home" if bad else "/home", 303)
    if bad:
        response.set_cookie("sid", sid, path="/", samesite=None)
    else:
        response.set_cookie("sid", sid, path="/", httponly=True, samesite="lax")
    return response


async def home(request: Request) -> Response:
    sid = request.cookies.get("sid", "")
    bad = request.url.path.startswith("/bad/")
    if sid not in SESSIONS:
        return RedirectResponse("/bad/login" if bad else "/login", 303)
    logout = "/bad/logout" if request.url.path.startswith("/bad/") else "/logout"
    return _page(
        f'<p>hello {SESSIONS[sid]}</p><form method="post" action="{logout}">'
        f'<input type="hidden" name="csrf_token" value="{CSRF[sid]}"><button>Log out</button>'
        f"</form>"
    )


async def logout(request: Request) -> Response:
    if not request.url.path.startswith("/bad/"):
        SESSIONS.pop(request.cookies.get("sid", ""), None)
    response = RedirectResponse("/login", 303)
    response.delete_cookie("sid", path="/")
    return response


async def token(request: Request) -> Response:
    body: dict[str, Any] = await request.json()
    user = str(body.get("username"))
    if PASSWORDS.get(user) != body.get("password"):
        return JSONResponse({"detail": "no"}, 401)
    return JSONResponse({"token": f"tok-{user}"})


# -- SQL ----------------------------------------------------------------------------
def _search(request: Request, pasted: bool) -> list[Any]:
    q = request.query_params.get("q", "")
    if pasted:
        sql = f"SELECT name FROM people WHERE name LIKE '%{q}%'"  # noqa: S608  # nosec B608
        return DB.execute(sql).fetchall()
    return DB.execute("SELECT name FROM people WHERE name LIKE ?", (f"%{q}%",)).fetchall()


async def search(request: Request) -> Response:
    bad = "/bad/" in request.url.path
    if not bad and len(request.query_params.get("q", "")) > 2_000:
        # SQLite refuses a LIKE pattern past 50,000 characters: a sound search says so first
        return JSONResponse({"detail": "q is too long"}, 422)
    return JSONResponse({"items": [r[0] for r in _search(request, bad)]})


async def blind(request: Request) -> Response:
    """Pasted SQL whose errors are swallowed: only the answers' difference shows it."""
    try:
        rows = _search(request, True)
    except sqlite3.Error:
        rows = []
    return JSONResponse({"items": [r[0] for r in rows]})


async def timed(request: Request) -> Response:
    """Pasted SQL that never shows its result or its errors: only its time shows it."""
    try:
        _search(request, True)
    except sqlite3.Error:
        return JSONResponse({"ok": True})  # the defect under test: errors swallowed
    return JSONResponse({"ok": True})


# -- access -------------------------------------------------------------------------
async def admin_only(request: Request) -> Response:
    user = _user(request)
    if user is None:
        return JSONResponse({}, 401)
    if USERS[user] != "admin" and "/bad/" not in request.url.path:
        return JSONResponse({}, 403)
    return JSONResponse({"ok": True})


async def notes(request: Request) -> Response:
    user = _user(request)
    if user is None:
        return JSONResponse({}, 401)
    return JSONResponse({"items": [{"id": i} for i, o in NOTES.items() if o == user]})


async def note(request: Request) -> Response:
    user = _user(request)
    note_id = int(request.path_params["note_id"])
    if user is None:
        return JSONResponse({}, 401)
    if NOTES.get(note_id) != user and "/bad/" not in request.url.path:
        return JSONResponse({}, 404)
    return JSONResponse({"id": note_id, "owner": NOTES.get(note_id)})


# -- access through pages: the ways platforms refuse -----------------------------------
LEDGER = (
    "<h1>Ledger</h1><table><tr><td>Quarter three revenue</td><td>1204000</td></tr>"
    "<tr><td>Invoices overdue</td><td>4</td></tr></table>"
)


async def ledger(request: Request) -> Response:
    """An admin's page; a clerk is let through (``open``) or refused as platforms do: back
    to the home page with a flash (``home``), the platform's own page saying so in its
    layout (``inline``), the login form in place (``login``), or a plain 403."""
    user = SESSIONS.get(request.cookies.get("sid", ""))
    style = request.path_params["style"]
    if user is None:
        return RedirectResponse("/login", 303)
    if USERS[user] == "admin" or style == "open":
        return _page(f"<p>hello {user}</p>{LEDGER}")
    if style == "home":
        return RedirectResponse("/home?flash=not+authorized", 302)
    if style == "inline":
        return _page(f"<p>hello {user}</p><p class='flash'>You are not authorized.</p>")
    if style == "login":
        return await login_page(request)
    return _page("forbidden", 403)


# -- a small site to crawl ---------------------------------------------------------------
CHANGED: list[str] = []  # addresses a crawl must never have opened


async def site(request: Request) -> Response:
    user = _user(request)
    name = request.path_params["name"]
    if name == "orders" and user is None:
        return RedirectResponse("/login", 303)
    links = [
        '<a href="/site/about">About</a>',
        '<a href="http://example.com/elsewhere">Elsewhere</a>',
        '<a href="/static/app.js">script</a>',
        '<a href="mailto:x@example.com">mail</a>',
    ]
    if user:
        links += [
            '<a href="orders?page=2&amp;sort=name">Orders</a>',
            '<a href="/site/orders/1/delete">Delete</a>',
            '<a href="/logout">Log out</a>',
            '<a href="#top">top</a>',
        ]
    search = (
        '<form method="get" action="/site/search"><input name="q" type="search">'
        '<input type="hidden" name="csrf_token" value="t"><select name="kind"></select></form>'
    )
    response = _page(f"<p>{name} for {user or 'nobody'}</p>{''.join(links)}{search}")
    if name == "about":
        response.set_cookie("prefs", "compact", path="/")  # a preference: no credential
        if user:  # a "remember me" credential a script can read
            response.set_cookie("remember_me", f"r-{user}", path="/", samesite="lax")
    return response


async def changed(request: Request) -> Response:
    CHANGED.append(request.url.path)
    return _page("deleted")


# -- input that is long only at length -------------------------------------------------
async def long_search(request: Request) -> Response:
    """Takes a search of any length (/good/), or crashes past 5,000 characters (/bad/)."""
    q = request.query_params.get("q", "")
    if "/bad/" in request.url.path and len(q) > 5_000:
        raise RuntimeError("the search index cannot take this")
    return JSONResponse({"items": []})


async def csrf_guarded(request: Request) -> Response:
    """Refuses every post for want of a CSRF token, before any code of its own runs."""
    return JSONResponse({"detail": "CSRF token missing"}, 403)


# -- redirects -------------------------------------------------------------------------
async def redirects(request: Request) -> Response:
    mode = request.path_params["mode"]
    return _page(f'<a href="/{mode}/go?next=/site/about&amp;lang=en">About</a>')


async def go(request: Request) -> Response:
    """Sends to ``next``: anywhere (/bad/), or only to a path of its own (/good/)."""
    target = request.query_params.get("next", "/home")
    own = target.startswith("/") and not target.startswith(("//", "/\\"))
    if "/good/" in request.url.path and not own:
        target = "/home"
    return RedirectResponse(target, 302)


# -- headers, input, XSS, CSRF --------------------------------------------------------
async def page(request: Request) -> Response:
    mode = "bad" if "/bad/" in request.url.path else "good"
    search = (
        f'<form method="get" action="/api/{mode}/search" role="search">'
        f'<input name="q" type="search"><button>Search</button></form>'
    )
    return _page(f"<p>page</p>{search}", safe=mode == "good")


async def input_form(request: Request) -> Response:
    try:
        body = await request.json()
    except ValueError:
        return JSONResponse({"detail": "not JSON"}, 400)
    title = body.get("title") if isinstance(body, dict) else None
    if not isinstance(title, str):
        return JSONResponse({"detail": "title must be text"}, 422)
    if len(title) > 100:
        if "/bad/" in request.url.path:
            raise RuntimeError("value too long for column title")
        return JSONResponse({"detail": "title too long"}, 422)
    return JSONResponse({"title": title}, 201)


async def echo(request: Request) -> Response:
    q = request.query_params.get("q", "")
    shown = q if "/bad/" in request.url.path else html.escape(q)
    return _page(f"<p>You searched for {shown}</p>")


async def csrf_form(request: Request) -> Response:
    sid = request.cookies.get("sid", "")
    if sid not in SESSIONS:
        return RedirectResponse("/login", 303)
    if request.method == "GET":
        return _page(_form(request.url.path, CSRF[sid]))
    form = await request.form()
    if "/bad/" not in request.url.path and form.get("csrf_token") != CSRF[sid]:
        return _page("no token", 403)
    return RedirectResponse("/home", 303)


async def cookie_write(request: Request) -> Response:
    """An API that also takes the browser's cookie: /good/ wants the X-CSRF-Token too."""
    sid = request.cookies.get("sid", "")
    if sid not in SESSIONS:
        return JSONResponse({}, 401)
    if "/bad/" not in request.url.path and request.headers.get("x-csrf-token") != CSRF[sid]:
        return JSONResponse({"detail": "CSRF token missing"}, 403)
    return JSONResponse({"saved": True}, 201)


async def paged(request: Request) -> Response:
    """A page number: /good/ checks it, /bad/ trusts it (int("abc") is a 500)."""
    text = request.query_params.get("page", "1")
    if "/bad/" in request.url.path:
        return JSONResponse({"page": int(text), "items": []})
    if not text.isdigit() or not 1 <= int(text) <= 1000:
        return JSONResponse({"detail": "page must be 1-1000"}, 422)
    return JSONResponse({"page": int(text), "items": []})


async def openapi(request: Request) -> Response:
    mode = request.path_params["mode"]
    number = {"name": "page", "in": "query", "schema": {"type": "integer"}}
    text = {"name": "q", "in": "query", "schema": {"anyOf": [{"type": "string"}]}}
    return JSONResponse(
        {
            "openapi": "3.1.0",
            "paths": {
                f"/api/{mode}/paged": {"get": {"parameters": [number]}},
                f"/api/{mode}/search": {"get": {"parameters": [text]}},
            },
        }
    )


routes = [
    Route("/login", login_page),
    Route("/login", login, methods=["POST"]),
    Route("/bad/login", login_page),
    Route("/bad/login", login, methods=["POST"]),
    Route("/home", home),
    Route("/bad/home", home),
    Route("/logout", logout, methods=["POST"]),
    Route("/bad/logout", logout, methods=["POST"]),
    Route("/api/token", token, methods=["POST"]),
    Route("/api/good/search", search),
    Route("/api/bad/search", search),
    Route("/api/bad/blind", blind),
    Route("/api/bad/timed", timed),
    Route("/api/good/admin", admin_only, methods=["GET", "POST"]),
    Route("/api/bad/admin", admin_only, methods=["GET", "POST"]),
    Route("/api/notes", notes),
    Route("/api/good/notes/{note_id:int}", note),
    Route("/api/bad/notes/{note_id:int}", note),
    Route("/good/page", page),
    Route("/bad/page", page),
    Route("/api/good/form", input_form, methods=["POST"]),
    Route("/api/bad/form", input_form, methods=["POST"]),
    Route("/good/echo", echo),
    Route("/bad/echo", echo),
    Route("/good/form", csrf_form, methods=["GET", "POST"]),
    Route("/bad/form", csrf_form, methods=["GET", "POST"]),
    Route("/api/good/cookie-write", cookie_write, methods=["POST"]),
    Route("/api/bad/cookie-write", cookie_write, methods=["POST"]),
    Route("/api/good/paged", paged),
    Route("/api/bad/paged", paged),
    Route("/openapi-{mode}.json", openapi),
    Route("/web/{style}/ledger", ledger),
    Route("/site/{name}", site),
    Route("/redirects/{mode}", redirects),
    Route("/api/bad/long", long_search),
    Route("/api/good/long", long_search),
    Route("/api/guarded/form", csrf_guarded, methods=["POST"]),
    Route("/bad/go", go),
    Route("/good/go", go),
    Route("/site/orders/{id}/delete", changed),
    Route("/static/app.js", changed),
]
app = Starlette(routes=routes + form_pages.routes + menus.routes)
