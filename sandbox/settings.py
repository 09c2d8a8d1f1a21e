"""Run-time settings read once at start from the command line and environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SESSION_TTL = 30 * 60  # idle seconds before a browser session ends
SESSION_TTL_ENV = "GOLIVE_SANDBOX_SESSION_TTL"


class SettingsError(ValueError):
    """A setting with a value the sandbox cannot use."""


@dataclass(frozen=True)
class Settings:
    """Where the data lives and how long sessions last."""

    db_path: Path
    session_ttl: int = DEFAULT_SESSION_TTL

    @property
    def token_ttl(self) -> int:
        """Lifetime of an API bearer token (absolute, from issue)."""
        return self.session_ttl


def session_ttl_from_env() -> int:
    """GOLIVE_SANDBOX_SESSION_TTL in seconds (a positive integer), or the default."""
    raw = os.environ.get(SESSION_TTL_ENV, "").strip()
    if not raw:
        return DEFAULT_SESSION_TTL
    if not raw.isdigit() or int(raw) < 1:
        raise SettingsError(
            f"{SESSION_TTL_ENV}={raw!r} is not a positive number of seconds (e.g. 1800)"
        )
    return int(raw)
