"""Passwords, server-side sessions, API tokens and CSRF tokens.

Sessions and bearer tokens share one table; only a SHA-256 of each token is
stored, so a copy of the database does not hand out live sessions. Browser
sessions expire after an idle time; bearer tokens at a fixed time after issue.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import sqlite3
import time
from dataclasses import dataclass
from functools import lru_cache

from .roles import User

SESSION_COOKIE = "sandbox_session"
LOGIN_CSRF_COOKIE = "sandbox_login_csrf"
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
_SCRYPT_MAXMEM = 64 * 1024 * 1024


def hash_password(password: str) -> str:
    """A salted scrypt hash, stored as 'scrypt$n$r$p$salt$hash' (base64 parts)."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, maxmem=_SCRYPT_MAXMEM, **_SCRYPT)
    parts = (base64.b64encode(salt).decode(), base64.b64encode(digest).decode())
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${parts[0]}${parts[1]}"


def verify_password(password: str, stored: str) -> bool:
    """Check a password against a stored hash in constant time."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            password.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=_SCRYPT_MAXMEM,
            dklen=len(expected),
        )
    except ValueError:  # a malformed stored hash never matches
        return False
    return hmac.compare_digest(actual, expected)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """A hash to check unknown usernames against, so both failures take as long."""
    return hash_password(secrets.token_urlsafe(16))


def authenticate(conn: sqlite3.Connection, username: str, password: str) -> User | None:
    """The user whose name and password match, or None (one answer for both failures)."""
    row = conn.execute(
        "SELECT id, username, display_name, role, password_hash FROM users WHERE username = ?",
        (username,),
    ).fetchone()
    if row is None:
        verify_password(password, _dummy_hash())
        return None
    if not verify_password(password, row["password_hash"]):
        return None
    return User(row["id"], row["username"], row["display_name"], row["role"])


@dataclass(frozen=True)
class Session:
    """A live browser session ('web') or bearer token ('api')."""

    token_hash: str
    user: User
    kind: str
    csrf_token: str
    expires_at: float


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_session(
    conn: sqlite3.Connection, user: User, kind: str, ttl: int
) -> tuple[str, Session]:
    """Start a session; returns the raw token (shown once) and the session."""
    token = secrets.token_urlsafe(32)
    now = time.time()
    session = Session(_digest(token), user, kind, secrets.token_urlsafe(32), now + ttl)
    conn.execute(
        "INSERT INTO sessions (token_hash, user_id, kind, csrf_token, created_at, last_seen,"
        " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (session.token_hash, user.id, kind, session.csrf_token, now, now, session.expires_at),
    )
    # housekeeping on the rare write path keeps the table small without a timer
    conn.execute("DELETE FROM sessions WHERE expires_at < ?", (now,))
    return token, session


def resolve_session(conn: sqlite3.Connection, token: str, kind: str, ttl: int) -> Session | None:
    """The live session for a raw token, or None; slides a browser session's idle expiry."""
    if not token or len(token) > 200:
        return None
    token_hash = _digest(token)
    row = conn.execute(
        "SELECT s.csrf_token, s.last_seen, s.expires_at, u.id, u.username, u.display_name,"
        " u.role FROM sessions s JOIN users u ON u.id = s.user_id"
        " WHERE s.token_hash = ? AND s.kind = ?",
        (token_hash, kind),
    ).fetchone()
    if row is None:
        return None
    now = time.time()
    if row["expires_at"] <= now:
        conn.execute("DELETE FROM sessions WHERE token_hash = ?", (token_hash,))
        return None
    expires_at = row["expires_at"]
    # writing on every request would serialise all readers behind the writer:
    # refresh the idle timer only after a tenth of the TTL (at most a minute) passed
    if kind == "web" and now - row["last_seen"] >= min(60.0, ttl / 10):
        expires_at = now + ttl
        conn.execute(
            "UPDATE sessions SET last_seen = ?, expires_at = ? WHERE token_hash = ?",
            (now, expires_at, token_hash),
        )
    user = User(row["id"], row["username"], row["display_name"], row["role"])
    return Session(token_hash, user, kind, row["csrf_token"], expires_at)


def delete_session(conn: sqlite3.Connection, token: str) -> None:
    """End a session server-side (logout), whatever its state."""
    conn.execute("DELETE FROM sessions WHERE token_hash = ?", (_digest(token),))


def csrf_matches(expected: str, given: str | None) -> bool:
    """Compare a submitted CSRF token with the expected one in constant time."""
    if not given or not expected:
        return False
    return hmac.compare_digest(expected.encode(), given.encode())


def new_login_csrf() -> str:
    """A fresh token for the login form's double-submit cookie."""
    return secrets.token_urlsafe(32)


def list_users(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """All users for the admin's user page."""
    return conn.execute(
        "SELECT id, username, display_name, role, created_at FROM users ORDER BY id"
    ).fetchall()
