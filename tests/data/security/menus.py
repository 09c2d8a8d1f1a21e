"""Pages a role's menu leaves out, for the crawled access matrix: under /menus/bad/ the
menu is all that keeps a clerk out of the settings and an anonymous visitor out of the
reports; under /menus/good/ the pages refuse them too, each in its own way (a 403, a
redirect to the home page with "Not authorized", the login page).

The home page answers everybody: a visitor is shown the way to sign in, a clerk the
reports, an administrator the reports, the settings and the audit log, and the signed-in
a search form, whose results page shows the words searched for (pasted in as they came
under /menus/bad/: reflected script).
"""

from __future__ import annotations

import html

from accounts import SESSIONS, USERS
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

PAGES = {
    "reports": "<h1>Reports</h1><p>Quarterly revenue by region, pipeline value, win rate.</p>",
    "settings": "<h1>Settings</h1><p>Mail server, password policy, retention of records.</p>",
    "audit": "<h1>Audit log</h1><p>Every sign-in, export and permission change, by user.</p>",
}
ADMIN_ONLY = {"settings", "audit"}


def _layout(body: str, who: str | None) -> str:
    signed = f"<p>Signed in as {who}</p>" if who else "<p>Welcome, visitor.</p>"
    return f"<html><body><header>Acme portal {signed}</header>{body}</body></html>"


async def home(request: Request) -> Response:
    mode = request.path_params["mode"]
    who = SESSIONS.get(request.cookies.get("sid", ""))
    if who is None:
        return HTMLResponse(_layout('<a href="/login">Sign in</a>', None))
    names = [n for n in PAGES if USERS[who] == "admin" or n not in ADMIN_ONLY]
    menu = "".join(f'<li><a href="/menus/{mode}/{n}">{n.title()}</a></li>' for n in names)
    flash = "<p>Not authorized.</p>" if request.query_params.get("denied") else ""
    search = (
        f'<form method="get" action="/menus/{mode}/search"><input type="search" name="q">'
        "<button>Search</button></form>"
    )
    return HTMLResponse(_layout(f"{flash}<ul>{menu}</ul>{search}", who))


async def search(request: Request) -> Response:
    """What was searched for, shown back: pasted in as it came under /menus/bad/."""
    q = request.query_params.get("q", "")
    shown = q if request.path_params["mode"] == "bad" else html.escape(q)
    who = SESSIONS.get(request.cookies.get("sid", ""))
    return HTMLResponse(_layout(f"<p>No result for {shown}</p>", who))


async def page(request: Request) -> Response:
    mode, name = request.path_params["mode"], request.path_params["name"]
    who = SESSIONS.get(request.cookies.get("sid", ""))
    if name not in PAGES:
        return HTMLResponse("<p>Not found.</p>", 404)
    if who is None and (mode == "good" or name != "reports"):
        return RedirectResponse("/login", 303)
    if who is not None and USERS[who] != "admin" and name in ADMIN_ONLY:
        if name == "audit":  # refused the way some platforms do: home, with a message
            return RedirectResponse(f"/menus/{mode}?denied=1", 303)
        if mode == "good":
            return HTMLResponse(_layout("<p>Administrators only.</p>", who), 403)
    return HTMLResponse(_layout(PAGES[name], who))


routes = [
    Route("/menus/{mode}", home),
    Route("/menus/{mode}/search", search),
    Route("/menus/{mode}/{name}", page),
]
