"""Calling the target's API as one of its users, for API steps and probes.

A token per user comes from the target's token endpoint (``[targets.X.api]`` in
golive.toml) and is kept for the session; secrets never leave this object.
"""

from __future__ import annotations

from typing import Any

import httpx

from golive.errors import ConfigError, TargetError
from golive.run.target import RunningTarget

TIMEOUT = 15.0


class ApiClient:
    """An HTTP client for one target, authenticating per role on demand."""

    def __init__(self, running: RunningTarget) -> None:
        self.running = running
        self.target = running.target
        self._http = httpx.Client(
            base_url=running.base_url, timeout=TIMEOUT, follow_redirects=False
        )
        self._tokens: dict[str, str] = {}

    def close(self) -> None:
        self._http.close()

    def token(self, role: str) -> str:
        """A token for the user of ``role`` (by name or alias)."""
        user = self.target.user(role)
        if user.role not in self._tokens:
            auth = self.target.api
            if auth.token_path is None:
                raise ConfigError(
                    f"target {self.target.name!r} has no API token endpoint: set "
                    f"[targets.{self.target.name}.api] token_path in golive.toml"
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

    def request(
        self, method: str, path: str, *, role: str | None = None, **kwargs: Any
    ) -> httpx.Response:
        """Send a request, as ``role`` when given, anonymously otherwise."""
        headers = dict(kwargs.pop("headers", None) or {})
        if role is not None:
            headers["Authorization"] = f"{self.target.api.scheme} {self.token(role)}"
        return self._http.request(method, path, headers=headers, **kwargs)


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
