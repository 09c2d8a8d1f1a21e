"""Idle sessions end: needs a sandbox started with a short GOLIVE_SANDBOX_SESSION_TTL."""

from __future__ import annotations

import secrets
import time

from sandbox_clients import USERS, Sandbox

from golive.run.target import serve_sandbox

TTL = 2


def test_idle_session_expires_and_activity_keeps_it() -> None:
    passwords = {user: secrets.token_urlsafe(12) for user in USERS}
    with serve_sandbox(passwords=passwords, session_ttl=TTL) as running:
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
