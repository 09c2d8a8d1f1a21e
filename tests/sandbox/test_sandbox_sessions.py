"""Idle sessions end: needs a sandbox started with a short GOLIVE_SANDBOX_SESSION_TTL."""

from __future__ import annotations

import inspect
import secrets
import time
from typing import Any

import pytest
from sandbox_clients import USERS, Sandbox

from golive.target import serve_sandbox

TTL = 2


def _short_ttl_options() -> dict[str, Any]:
    params = inspect.signature(serve_sandbox).parameters
    if "env" in params:
        return {"env": {"GOLIVE_SANDBOX_SESSION_TTL": str(TTL)}}
    if "session_ttl" in params:
        return {"session_ttl": TTL}
    pytest.skip(
        "golive.target.serve_sandbox drops GOLIVE_SANDBOX_* variables and has no "
        "env=/session_ttl= option yet, so the sandbox cannot get a short session TTL"
    )


def test_idle_session_expires_and_activity_keeps_it() -> None:
    options = _short_ttl_options()
    passwords = {user: secrets.token_urlsafe(12) for user in USERS}
    with serve_sandbox(passwords=passwords, **options) as running:
        sandbox = Sandbox(running.base_url, passwords)
        try:
            web = sandbox.web("sales")
            token = sandbox.token("sales")
            for _ in range(3):  # used every 1.2 s, the 2 s idle limit is never reached
                time.sleep(TTL * 0.6)
                assert web.client.get("/").status_code == 200
            time.sleep(TTL + 1)
            expired = web.client.get("/orders")
            assert expired.status_code == 303
            assert expired.headers["location"] == "/login?next=/orders"
            assert web.api("GET", "/api/me").status_code == 401
            api = sandbox.anonymous()
            assert (
                api.get("/api/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
            )
        finally:
            sandbox.close()
