"""Who may do what: the role table and the record-visibility rule.

Two separate questions: may this role perform the action at all (403 when not),
and may this user see this record (404 when not, so that ids leak nothing).
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import Forbidden

ROLES = ("admin", "manager", "sales", "viewer")

# action -> roles allowed; viewer may read everything and change nothing
_ALLOWED: dict[str, frozenset[str]] = {
    "lead.create": frozenset({"admin", "manager", "sales"}),
    "lead.qualify": frozenset({"admin", "manager", "sales"}),
    "lead.convert": frozenset({"admin", "manager", "sales"}),
    "customer.edit": frozenset({"admin", "manager", "sales"}),
    "order.create": frozenset({"admin", "manager", "sales"}),
    "order.submit": frozenset({"admin", "manager", "sales"}),
    "order.decide": frozenset({"admin", "manager"}),
    "users.list": frozenset({"admin"}),
}


@dataclass(frozen=True)
class User:
    """A signed-in user as the rest of the app sees it."""

    id: int
    username: str
    display_name: str
    role: str


def can(user: User, action: str) -> bool:
    """Whether the user's role allows `action` (a key of the role table)."""
    return user.role in _ALLOWED[action]


def require(user: User, action: str) -> None:
    """Raise Forbidden unless the user's role allows `action`."""
    if not can(user, action):
        raise Forbidden()


def owner_scope(user: User) -> int | None:
    """The owner id that limits what the user sees, or None for "everything".

    Salespeople see only the leads, customers and orders they own.
    """
    return user.id if user.role == "sales" else None
