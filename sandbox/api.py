"""JSON API: tokens, the current user, products and the dashboard."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request

from . import auth, dashboard, products
from .deps import ApiSession, Conn, get_settings
from .errors import LoginRequired
from .schemas import TokenIn
from .validation import LOGIN_FIELDS, format_cents

router = APIRouter(prefix="/api")
SCHEME = "bearer"  # the token_type of RFC 6750


def user_json(session: auth.Session) -> dict[str, Any]:
    """Who is calling."""
    user = session.user
    return {
        "id": user.id,
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
    }


@router.post("/token", tags=["auth"], responses={401: {"description": "wrong credentials"}})
def token(request: Request, conn: Conn, body: TokenIn) -> dict[str, Any]:
    """Exchange a user name and password for a bearer token (no CSRF needed with it)."""
    user = None
    if (
        len(body.username) <= LOGIN_FIELDS[0].max_length
        and len(body.password) <= LOGIN_FIELDS[1].max_length
    ):
        user = auth.authenticate(conn, body.username.strip(), body.password)
    if user is None:
        raise LoginRequired("login_failed")
    raw, session = auth.create_session(conn, user, "api", get_settings(request).token_ttl)
    expires = datetime.fromtimestamp(session.expires_at, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {"token": raw, "token_type": SCHEME, "role": user.role, "expires_at": expires}


@router.get("/me", tags=["auth"])
def me(session: ApiSession) -> dict[str, Any]:
    """The signed-in user and role."""
    return user_json(session)


@router.get("/products", tags=["orders"])
def product_list(conn: Conn, session: ApiSession) -> list[dict[str, Any]]:
    """Products on sale with their list price."""
    return products.active(conn)


@router.get("/dashboard", tags=["dashboard"])
def dashboard_figures(conn: Conn, session: ApiSession) -> dict[str, Any]:
    """Lead conversion rate (%) and average order processing time (hours), with counts."""
    figures = dashboard.figures(conn, session.user)
    figures["approved_amount"] = format_cents(figures.pop("approved_amount_cents"))
    return figures
