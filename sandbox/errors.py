"""The errors that domain code raises; the web layers turn them into responses.

    SandboxError
    ├── LoginRequired   401 (UI: redirect to /login)
    ├── Forbidden       403 role may not do this
    │   └── CsrfFailed  403 missing or wrong CSRF token
    ├── NotFound        404 absent, or not visible to this user (no existence leak)
    ├── Conflict        409 stale version, or a transition the status forbids
    ├── BadRequest      400 e.g. missing Idempotency-Key
    └── Invalid         422 field-level validation errors

Messages are i18n keys with parameters, rendered in the request's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Message:
    """An i18n key plus the values to fill in."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)


class SandboxError(Exception):
    """Root of the sandbox's own errors."""

    status = 500
    default_key = "error_unexpected"

    def __init__(self, key: str | None = None, **params: Any) -> None:
        self.message = Message(key or self.default_key, params)
        super().__init__(self.message.key)


class LoginRequired(SandboxError):
    """No valid session or token."""

    status = 401
    default_key = "error_login_required"


class Forbidden(SandboxError):
    """The user's role may not do this."""

    status = 403
    default_key = "error_forbidden"


class CsrfFailed(Forbidden):
    """A state-changing request without the session's CSRF token."""

    default_key = "error_csrf"


class NotFound(SandboxError):
    """The record does not exist, or the user may not see it."""

    status = 404
    default_key = "error_not_found"


class Conflict(SandboxError):
    """A stale version, or a state transition that is not allowed now."""

    status = 409
    default_key = "error_conflict_state"


class BadRequest(SandboxError):
    """A request that is malformed beyond single fields."""

    status = 400
    default_key = "error_bad_request"


class Invalid(SandboxError):
    """Field validation failed; `errors` maps field name to message."""

    status = 422
    default_key = "error_invalid"

    def __init__(self, errors: Mapping[str, Message]) -> None:
        super().__init__()
        self.errors = dict(errors)
