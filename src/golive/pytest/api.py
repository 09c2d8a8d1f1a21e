"""Calling the target's API as one of its users, for API steps.

How a user is authenticated is the target's choice (``[targets.X.api] auth`` in
golive.toml): a token from its token endpoint, sent in the Authorization header; the
session its login page gives (cookies, and the CSRF token on a state-changing request),
as on a server-rendered platform with no token endpoint; or none, the API being called
anonymously only. Tokens and sessions are kept for the scenario's session; secrets
never leave this object.
"""

from __future__ import annotations

from typing import Any

import httpx

from golive.errors import ConfigError, TargetError
from golive.run.session import WebSession, sign_in
from golive.run.target import RunningTarget

TIMEOUT = 15.0


class ApiClient:
    """An HTTP client for one target, authenticating per role on demand."""

    def __init__(self, running: RunningTarget) -> None:
        self.running = running
        self.target = running.target
        self._http = self._client()
        self._tokens: dict[str, str] = {}
        self._sessions: dict[str, WebSession] = {}

    def _client(self) -> httpx.Client:
        return httpx.Client(base_url=self.running.base_url, timeout=TIMEOUT, follow_redirects=False)

    def close(self) -> None:
        self._http.close()
        for session in self._sessions.values():
            session.client.close()

    def token(self, role: str) -> str:
        """A token for the user of ``role`` (by name or alias) from the token endpoint."""
        user = self.target.user(role)
        if user.role not in self._tokens:
            auth = self.target.api
            if auth.token_path is None:
                raise ConfigError(
                    f"target {self.target.name!r} has no API token endpoint: set "
                    f"[targets.{self.target.name}.api] token_path in golive.toml, or "
                    f"auth = 'session' to act through the login page's session"
                )
            username, password = self.running.credentials(user.role)
            response = self._http.post(
                auth.token_path,
                json={auth.username_field: username, auth.password_field: password},
            )
            token = _json(response).get(auth.token_field) if response.is_success else None
            if not isinstance(token, str):
                raise TargetError(
                    f"{self.target.name}: could not get an API token for role {user.role!r} "
                    f"from {auth.token_path} (HTTP {response.status_code})"
                )
            self._tokens[user.role] = token
        return self._tokens[user.role]

    def session(self, role: str) -> WebSession:
        """The user of ``role`` signed in through the login page (once per client)."""
        user = self.target.user(role)
        if user.role not in self._sessions:
            self._sessions[user.role] = sign_in(self.running, user.role, self._client())
        return self._sessions[user.role]

    def request(
        self, method: str, path: str, *, role: str | None = None, **kwargs: Any
    ) -> httpx.Response:
        """Send a request, as ``role`` when given, anonymously otherwise."""
        if role is None:
            return self._http.request(method, path, **kwargs)
        auth = self.target.api.auth
        if auth == "token":
            headers = {
                **(kwargs.pop("headers", None) or {}),
                "Authorization": f"{self.target.api.scheme} {self.token(role)}",
            }
            return self._http.request(method, path, headers=headers, **kwargs)
        if auth == "session":
            session = self.session(role)
            return session.client.request(method, path, **session.protect(method, kwargs))
        raise ConfigError(
            f"target {self.target.name!r} calls its API anonymously only "
            f"([targets.{self.target.name}.api] auth = 'none'), so no step can call it "
            f"as {role!r}: set auth = 'token' or 'session'"
        )


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
