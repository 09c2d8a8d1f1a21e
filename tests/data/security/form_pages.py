"""Server-rendered forms for the form probes: a lookup form, a login form and a form
that stores, each in a flawed (/forms/bad/...) and a sound (/forms/good/...) make.

And tickets (/forms/{mode}/tickets): each user's own, the admin sees all; the flawed
make lets any signed-in user edit, close or delete any ticket by its address (the page
itself is refused them), shows titles unescaped in the list, searches everyone's
tickets, takes a state its forms do not show, and closes a ticket without the form's
CSRF token.

Every form carries a CSRF token bound to a cookie its page sets, and refuses a POST
without the matching pair (403; but the flawed close): a probe reaches the code only by
sending the form as a browser does.
"""

from __future__ import annotations

import html
import itertools
import secrets
import sqlite3
from typing import Any

from accounts import CSRF, SESSIONS, USERS
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


# -- tickets: records a user makes, and who may change them --------------------------
TICKETS: dict[int, dict[str, str]] = {}
NUMBERS = itertools.count(1)


def _signed_in(request: Request) -> tuple[str, str] | None:
    sid = request.cookies.get("sid", "")
    user = SESSIONS.get(sid)
    return None if user is None else (user, sid)


def _may(user: str, ticket: dict[str, str] | None) -> bool:
    return ticket is not None and (ticket["owner"] == user or USERS[user] == "admin")


def _ticket_form(mode: str, action: str, token: str, fields: str, button: str) -> str:
    return (
        f'<form method="post" action="/forms/{mode}/tickets{action}">'
        f'<input type="hidden" name="csrf_token" value="{token}">{fields}'
        f"<button>{button}</button></form>"
    )


async def tickets(request: Request) -> Response:
    who, mode = _signed_in(request), request.path_params["mode"]
    if who is None:
        return RedirectResponse("/login", 303)
    shown = [
        f'<li><a href="/forms/{mode}/tickets/{n}">'
        f"{t['title'] if mode == 'bad' else html.escape(t['title'])}</a></li>"
        for n, t in TICKETS.items()
        if _may(who[0], t)
    ]
    return HTMLResponse(
        f'<html><body><h1>Tickets</h1><a href="/forms/{mode}/tickets/new">New ticket</a>'
        f'<form method="get" action="/forms/{mode}/tickets/search" role="search">'
        f'<input name="q" type="search"><button>Search</button></form>'
        f"<ul>{''.join(shown)}</ul></body></html>"
    )


async def ticket_search(request: Request) -> Response:
    """Search titles: the flawed one forgets whose tickets they are. Both say back what
    was asked, twice, as search pages do."""
    who, mode = _signed_in(request), request.path_params["mode"]
    if who is None:
        return RedirectResponse("/login", 303)
    q = request.query_params.get("q", "")
    hits = [
        f'<li><a href="/forms/{mode}/tickets/{n}">{html.escape(t["title"])}</a></li>'
        for n, t in TICKETS.items()
        if q and q in t["title"] and (mode == "bad" or _may(who[0], t))
    ]
    return HTMLResponse(
        f'<html><body><form role="search"><input name="q" value="{html.escape(q)}"></form>'
        f"<h1>Results for {html.escape(q)}</h1><ul>{''.join(hits)}</ul></body></html>"
    )


async def ticket_new(request: Request) -> Response:
    who, mode = _signed_in(request), request.path_params["mode"]
    if who is None:
        return RedirectResponse("/login", 303)
    user, sid = who
    if request.method == "GET":
        fields = '<input name="title" type="text"><textarea name="body"></textarea>'
        page = _ticket_form(mode, "/new", CSRF[sid], fields, "Save ticket")
        return HTMLResponse(f"<html><body><h1>New ticket</h1>{page}</body></html>")
    form = await request.form()
    if form.get("csrf_token") != CSRF[sid]:
        return HTMLResponse("CSRF token missing", 403)
    number = next(NUMBERS)
    TICKETS[number] = {
        "owner": user,
        "title": str(form.get("title", "")),
        "body": str(form.get("body", "")),
        # the flawed make takes a state the form does not show (mass assignment)
        "state": str(form.get("state", "open")) if mode == "bad" else "open",
    }
    return RedirectResponse(f"/forms/{mode}/tickets/{number}", 303)


async def ticket(request: Request) -> Response:
    who, mode = _signed_in(request), request.path_params["mode"]
    if who is None:
        return RedirectResponse("/login", 303)
    user, sid = who
    number = request.path_params["number"]
    found = TICKETS.get(number)
    if not _may(user, found):
        return HTMLResponse("<p>No such ticket.</p>", 404)
    assert found is not None
    title = html.escape(found["title"])
    actions = _ticket_form(
        mode, f"/{number}/edit", CSRF[sid], f'<input name="title" value="{title}">', "Save"
    )
    if found["state"] == "open":
        actions += _ticket_form(mode, f"/{number}/close", CSRF[sid], "", "Close ticket")
    else:
        actions += _ticket_form(mode, f"/{number}/reopen", CSRF[sid], "", "Reopen ticket")
    actions += _ticket_form(mode, f"/{number}/delete", CSRF[sid], "", "Delete")
    return HTMLResponse(
        f"<html><body><h1>{title}</h1><p>{html.escape(found['body'])}</p>"
        f"<p>This ticket is {found['state']}.</p>{actions}</body></html>"
    )


async def ticket_change(request: Request) -> Response:
    who, mode = _signed_in(request), request.path_params["mode"]
    if who is None:
        return RedirectResponse("/login", 303)
    user, sid = who
    form = await request.form()
    number, what = request.path_params["number"], request.path_params["what"]
    # the flawed make's close and reopen buttons came later, without the token check (CSRF)
    late = what in ("close", "reopen")
    if form.get("csrf_token") != CSRF[sid] and not (mode == "bad" and late):
        return HTMLResponse("CSRF token missing", 403)
    found = TICKETS.get(number)
    if found is None or (mode == "good" and not _may(user, found)):
        return HTMLResponse("<p>No such ticket.</p>", 404)
    if what == "edit":
        found["title"] = str(form.get("title", found["title"]))
        if mode == "bad" and "state" in form:
            found["state"] = str(form["state"])
    elif what == "close":
        found["state"] = "closed"
    elif what == "reopen":
        found["state"] = "open"
    elif what == "delete":
        del TICKETS[number]
        return RedirectResponse(f"/forms/{mode}/tickets", 303)
    return RedirectResponse(f"/forms/{mode}/tickets/{number}", 303)


# -- a profile form that carries the user's group --------------------------------------
async def _own(request: Request) -> tuple[str, str, Any] | Response:
    """The signed-in user, their session id and the form they sent (None for a GET); a
    redirect to the login page, or a 403 for a post without the session's token."""
    who = _signed_in(request)
    if who is None:
        return RedirectResponse("/login", 303)
    if request.method != "POST":
        return (*who, None)
    form = await request.form()
    if form.get("csrf_token") != CSRF[who[1]]:
        return HTMLResponse("CSRF token missing", 403)
    return (*who, form)


async def profile(request: Request) -> Response:
    """Each user's own profile; the flawed one takes the group its select offers."""
    own, mode = await _own(request), request.path_params["mode"]
    if isinstance(own, Response):
        return own
    user, sid, form = own
    if form is not None:
        if mode == "bad" and form.get("group") in ("clerk", "admin"):
            USERS[user] = str(form["group"])
        return RedirectResponse(f"/forms/{mode}/profile", 303)
    options = "".join(
        f'<option value="{g}"{" selected" if USERS[user] == g else ""}>{g}</option>'
        for g in ("clerk", "admin")
    )
    return HTMLResponse(
        f'<html><body><h1>Your profile</h1><form method="post" action="/forms/{mode}/profile">'
        f'<input type="hidden" name="csrf_token" value="{CSRF[sid]}">'
        f'<input name="username" value="{user}" readonly><input name="display_name" value="">'
        f'<select name="group">{options}</select><button>Save</button></form></body></html>'
    )


# -- an account form that shows only a name ---------------------------------------------
DISPLAY: dict[str, str] = {}  # user -> display name


async def account(request: Request) -> Response:
    """Each user's own account: a display name. The flawed one saves every field it is
    sent onto the user (``user.update(**form)``), ``is_admin`` included."""
    own, mode = await _own(request), request.path_params["mode"]
    if isinstance(own, Response):
        return own
    user, sid, form = own
    if form is not None:
        DISPLAY[user] = str(form.get("display_name", ""))
        if mode == "bad" and "is_admin" in form:
            USERS[user] = "admin" if form["is_admin"] in ("1", "true", "on") else "clerk"
        return RedirectResponse(f"/forms/{mode}/account", 303)
    return HTMLResponse(
        f'<html><body><h1>Your account</h1><form method="post" action="/forms/{mode}/account">'
        f'<input type="hidden" name="csrf_token" value="{CSRF[sid]}">'
        f'<input name="display_name" value="{DISPLAY.get(user, "")}"><input name="motto">'
        f"<button>Save</button></form></body></html>"
    )


async def admin_area(request: Request) -> Response:
    who = _signed_in(request)
    if who is None:
        return RedirectResponse("/login", 303)
    if USERS[who[0]] != "admin":
        return HTMLResponse("<p>Administrators only.</p>", 403)
    return HTMLResponse("<html><body><h1>Administration</h1><p>Every setting.</p></body></html>")


routes = [
    Route("/forms/{mode}/profile", profile, methods=["GET", "POST"]),
    Route("/forms/{mode}/account", account, methods=["GET", "POST"]),
    Route("/forms/admin-area", admin_area),
    Route("/forms/{mode}/tickets", tickets),
    Route("/forms/{mode}/tickets/new", ticket_new, methods=["GET", "POST"]),
    Route("/forms/{mode}/tickets/search", ticket_search),
    Route("/forms/{mode}/tickets/{number:int}", ticket),
    Route("/forms/{mode}/tickets/{number:int}/{what}", ticket_change, methods=["POST"]),
    Route("/forms/{mode}/find", find, methods=["GET", "POST"]),
    Route("/forms/{mode}/login", login, methods=["GET", "POST"]),
    Route("/forms/{mode}/notes/new", add_note, methods=["GET", "POST"]),
]
