"""Customers: search, read (the idor fault lives here), and edit with optimistic locking."""

from __future__ import annotations

import sqlite3
from typing import Any

from . import faults, roles
from .db import now_text, transaction
from .errors import Conflict, NotFound
from .paging import Page, offset
from .roles import User
from .search import clean_query, like_pattern
from .validation import CUSTOMER_FIELDS, clean_fields

_LIST_SQL = """
SELECT c.id, c.name, c.company, c.phone, c.email, c.address, c.owner_id,
       u.username AS owner_username, u.display_name AS owner_name, c.version,
       c.created_at, c.updated_at, c.legacy_code, c.credit_limit_cents, c.opened_on
FROM customers c JOIN users u ON u.id = c.owner_id
WHERE (:owner IS NULL OR c.owner_id = :owner)
  AND (:q IS NULL OR c.name LIKE :q ESCAPE '\\' OR c.company LIKE :q ESCAPE '\\'
       OR c.phone LIKE :q ESCAPE '\\')
ORDER BY c.created_at DESC, c.id DESC
LIMIT :limit OFFSET :offset
"""
_COUNT_SQL = """
SELECT count(*) FROM customers c
WHERE (:owner IS NULL OR c.owner_id = :owner)
  AND (:q IS NULL OR c.name LIKE :q ESCAPE '\\' OR c.company LIKE :q ESCAPE '\\'
       OR c.phone LIKE :q ESCAPE '\\')
"""
_GET_SQL = """
SELECT c.id, c.name, c.company, c.phone, c.email, c.address, c.owner_id,
       u.username AS owner_username, u.display_name AS owner_name, c.version,
       c.created_at, c.updated_at, c.legacy_code, c.credit_limit_cents, c.opened_on,
       (SELECT l.id FROM leads l WHERE l.customer_id = c.id) AS lead_id
FROM customers c JOIN users u ON u.id = c.owner_id
WHERE c.id = :id AND (:owner IS NULL OR c.owner_id = :owner)
"""
# the column list and join of the pasted (faulty) search: the same as in _LIST_SQL
_COLUMNS = (
    "c.id, c.name, c.company, c.phone, c.email, c.address, c.owner_id,"
    " u.username AS owner_username, u.display_name AS owner_name, c.version,"
    " c.created_at, c.updated_at, c.legacy_code, c.credit_limit_cents, c.opened_on"
)
_JOIN = "customers c JOIN users u ON u.id = c.owner_id"


def search(conn: sqlite3.Connection, user: User, q: str | None, page: int, page_size: int) -> Page:
    """One page of the customers the user may see, newest first."""
    text = clean_query(q)
    owner = roles.owner_scope(user)
    if faults.enabled("sql_injection"):
        return _search_pasted(conn, owner, text, page, page_size)
    params: dict[str, Any] = {"owner": owner, "q": like_pattern(text)}
    total = conn.execute(_COUNT_SQL, params).fetchone()[0]
    rows = conn.execute(
        _LIST_SQL, {**params, "limit": page_size, "offset": offset(page, page_size)}
    ).fetchall()
    return Page([dict(r) for r in rows], total, page, page_size)


def _search_pasted(
    conn: sqlite3.Connection, owner: int | None, text: str | None, page: int, page_size: int
) -> Page:
    """The sql_injection fault: the search text is pasted into the WHERE clause (see leads)."""
    where = f"c.name || ' ' || c.company || ' ' || c.phone LIKE '%{text}%'" if text else "1 = 1"
    if owner is not None:
        where += f" AND c.owner_id = {owner}"
    order = (
        f"ORDER BY c.created_at DESC, c.id DESC LIMIT {page_size} OFFSET {offset(page, page_size)}"
    )
    count_sql = f"SELECT count(*) FROM customers c WHERE {where}"  # noqa: S608  # nosec B608  # fault: sql_injection
    total = conn.execute(count_sql).fetchone()[0]
    list_sql = f"SELECT {_COLUMNS} FROM {_JOIN} WHERE {where} {order}"  # noqa: S608  # nosec B608  # fault: sql_injection
    rows = conn.execute(list_sql).fetchall()
    return Page([dict(r) for r in rows], total, page, page_size)


def _load(conn: sqlite3.Connection, customer_id: int, owner: int | None) -> dict[str, Any]:
    row = conn.execute(_GET_SQL, {"id": customer_id, "owner": owner}).fetchone()
    if row is None:
        raise NotFound()
    return dict(row)


def get(conn: sqlite3.Connection, user: User, customer_id: int) -> dict[str, Any]:
    """A customer for reading, or NotFound when the user may not see it."""
    owner = roles.owner_scope(user)
    if faults.enabled("idor"):
        # fault idor: the detail page trusts the id in the URL; only the list filters by owner
        owner = None
    return _load(conn, customer_id, owner)


def get_for_edit(conn: sqlite3.Connection, user: User, customer_id: int) -> dict[str, Any]:
    """A customer the user may edit: NotFound if not visible, Forbidden if the role may not."""
    customer = _load(conn, customer_id, roles.owner_scope(user))
    roles.require(user, "customer.edit")
    return customer


def update(
    conn: sqlite3.Connection, user: User, customer_id: int, data: dict[str, Any], version: int
) -> int:
    """Save the edit if nobody saved since `version` was read; returns the new version.

    Raises Conflict('error_conflict_version') on a stale version: the caller keeps
    the user's input so that nothing typed is lost.
    """
    get_for_edit(conn, user, customer_id)
    values = clean_fields(CUSTOMER_FIELDS, data)
    with transaction(conn):
        cursor = conn.execute(
            "UPDATE customers SET name = :name, company = :company, phone = :phone,"
            " email = :email, address = :address, version = version + 1, updated_at = :now"
            " WHERE id = :id AND version = :version",
            {**values, "now": now_text(), "id": customer_id, "version": version},
        )
        if cursor.rowcount == 0:
            raise Conflict("error_conflict_version")
    return version + 1


def visible_choices(conn: sqlite3.Connection, user: User) -> list[dict[str, Any]]:
    """Customers the user may order for (id, name, company), for the order form."""
    rows = conn.execute(
        "SELECT id, name, company FROM customers WHERE (:owner IS NULL OR owner_id = :owner)"
        " ORDER BY company, name",
        {"owner": roles.owner_scope(user)},
    ).fetchall()
    return [dict(r) for r in rows]
