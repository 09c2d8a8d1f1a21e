"""The endpoints' users and their sessions, shared by endpoints.py and form_pages.py."""

from __future__ import annotations

USERS = {"alice": "admin", "bob": "clerk", "carol": "clerk"}
PASSWORDS = {"alice": "Sesame-1-a", "bob": "Sesame-2-b", "carol": "Sesame-3-c"}
SESSIONS: dict[str, str] = {}  # session id -> user
CSRF: dict[str, str] = {}  # session id -> token


def user_of(sid: str) -> str | None:
    return SESSIONS.get(sid)
