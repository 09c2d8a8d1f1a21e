"""Leads: create, search, qualify and convert into customers.

The search is shared by the UI list and the API, so a defect in it shows in both
(the sql_injection fault lives here).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from . import faults, roles
from .db import now_text, transaction
from .errors import Conflict, NotFound
from .paging import Page, offset
from .roles import User
from .search import clean_query, like_pattern
from .validation import LEAD_FIELDS, clean_fields

STATUSES = ("new", "qualified", "converted", "lost")

# the column list and join of the pasted (faulty) search: the same as in _LIST_SQL
_COLUMNS = (
    "l.id, l.name, l.company, l.phone, l.email, l.source, l.note, l.status, l.owner_id,"
    " u.username AS owner_username, u.display_name AS owner_name, l.customer_id,"
    " l.created_at, l.updated_at"
)
_JOIN = "leads l JOIN users u ON u.id = l.owner_id"
_LIST_SQL = """
SELECT l.id, l.name, l.company, l.phone, l.email, l.source, l.note, l.status, l.owner_id,
       u.username AS owner_username, u.display_name AS owner_name, l.customer_id,
       l.created_at, l.updated_at
FROM leads l JOIN users u ON u.id = l.owner_id
WHERE (:owner IS NULL OR l.owner_id = :owner)
  AND (:status IS NULL OR l.status = :status)
  AND (:q IS NULL OR l.name LIKE :q ESCAPE '\\' OR l.company LIKE :q ESCAPE '\\'
       OR l.phone LIKE :q ESCAPE '\\')
ORDER BY l.created_at DESC, l.id DESC
LIMIT :limit OFFSET :offset
"""
_COUNT_SQL = """
SELECT count(*) FROM leads l
WHERE (:owner IS NULL OR l.owner_id = :owner)
  AND (:status IS NULL OR l.status = :status)
  AND (:q IS NULL OR l.name LIKE :q ESCAPE '\\' OR l.company LIKE :q ESCAPE '\\'
       OR l.phone LIKE :q ESCAPE '\\')
"""
_GET_SQL = """
SELECT l.id, l.name, l.company, l.phone, l.email, l.source, l.note, l.status, l.owner_id,
       u.username AS owner_username, u.display_name AS owner_name, l.customer_id,
       l.created_at, l.updated_at
FROM leads l JOIN users u ON u.id = l.owner_id
WHERE l.id = :id AND (:owner IS NULL OR l.owner_id = :owner)
"""


def search(
    conn: sqlite3.Connection,
    user: User,
    q: str | None,
    status: str | None,
    page: int,
    page_size: int,
) -> Page:
    """One page of the leads the user may see, newest first."""
    text = clean_query(q)
    status = status if status in STATUSES else None
    owner = roles.owner_scope(user)
    if faults.enabled("search_scope") and text:
        # fault search_scope: "a salesperson should see whether a lead already exists"
        owner = None
    if faults.enabled("sql_injection"):
        return _search_pasted(conn, owner, text, status, page, page_size)
    params: dict[str, Any] = {"owner": owner, "status": status, "q": like_pattern(text)}
    total = conn.execute(_COUNT_SQL, params).fetchone()[0]
    rows = conn.execute(
        _LIST_SQL, {**params, "limit": page_size, "offset": offset(page, page_size)}
    ).fetchall()
    return Page([dict(r) for r in rows], total, page, page_size)


def _search_pasted(
    conn: sqlite3.Connection,
    owner: int | None,
    text: str | None,
    status: str | None,
    page: int,
    page_size: int,
) -> Page:
    """The sql_injection fault: the WHERE clause is built by pasting the search text in.

    The search condition comes first and the owner filter is appended with AND, so
    `' OR '1'='1` matches every row of every owner, and a lone quote breaks the SQL.
    """
    where = f"l.name || ' ' || l.company || ' ' || l.phone LIKE '%{text}%'" if text else "1 = 1"
    if owner is not None:
        where += f" AND l.owner_id = {owner}"
    if status:
        where += f" AND l.status = '{status}'"
    order = (
        f"ORDER BY l.created_at DESC, l.id DESC LIMIT {page_size} OFFSET {offset(page, page_size)}"
    )
    count_sql = f"SELECT count(*) FROM leads l WHERE {where}"  # noqa: S608  # nosec B608  # fault: sql_injection
    total = conn.execute(count_sql).fetchone()[0]
    list_sql = f"SELECT {_COLUMNS} FROM {_JOIN} WHERE {where} {order}"  # noqa: S608  # nosec B608  # fault: sql_injection
    rows = conn.execute(list_sql).fetchall()
    return Page([dict(r) for r in rows], total, page, page_size)


def get(conn: sqlite3.Connection, user: User, lead_id: int) -> dict[str, Any]:
    """A lead the user may see, or NotFound."""
    row = conn.execute(_GET_SQL, {"id": lead_id, "owner": roles.owner_scope(user)}).fetchone()
    if row is None:
        raise NotFound()
    return dict(row)


def _writable(conn: sqlite3.Connection, user: User, lead_id: int) -> dict[str, Any]:
    """The lead a change applies to: one the user may see, or NotFound."""
    if faults.enabled("lead_write_scope"):
        # fault lead_write_scope: "the role check above already guards the change"
        row = conn.execute(_GET_SQL, {"id": lead_id, "owner": None}).fetchone()
        if row is None:
            raise NotFound()
        return dict(row)
    return get(conn, user, lead_id)


def create(
    conn: sqlite3.Connection, user: User, data: dict[str, Any], status: str | None = None
) -> int:
    """Validate and store a new lead owned by the user; returns its id. ``status`` is for
    the legacy import only (a lead a person creates is new)."""
    roles.require(user, "lead.create")
    values = clean_fields(LEAD_FIELDS, data)
    now = now_text()
    with transaction(conn):
        cursor = conn.execute(
            "INSERT INTO leads (name, company, phone, email, source, note, status, owner_id,"
            " created_at, updated_at) VALUES (:name, :company, :phone, :email, :source, :note,"
            " :status, :owner, :now, :now)",
            {
                **values,
                "status": status if status in STATUSES else "new",
                "owner": user.id,
                "now": now,
            },
        )
    return int(cursor.lastrowid or 0)


def qualify(conn: sqlite3.Connection, user: User, lead_id: int) -> None:
    """new -> qualified."""
    roles.require(user, "lead.qualify")
    with transaction(conn):
        lead = _writable(conn, user, lead_id)
        if lead["status"] != "new":
            raise Conflict()
        conn.execute(
            "UPDATE leads SET status = 'qualified', updated_at = ? WHERE id = ?",
            (now_text(), lead_id),
        )


def convert(conn: sqlite3.Connection, user: User, lead_id: int) -> int:
    """qualified -> converted: create the customer (owned by the lead's owner); returns its id."""
    roles.require(user, "lead.convert")
    with transaction(conn):
        # re-read inside the write transaction: two clicks must not make two customers
        lead = _writable(conn, user, lead_id)
        if lead["status"] != "qualified":
            raise Conflict()
        now = now_text()
        cursor = conn.execute(
            "INSERT INTO customers (name, company, phone, email, owner_id, created_at,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                lead["name"],
                lead["company"],
                lead["phone"],
                lead["email"],
                lead["owner_id"],
                now,
                now,
            ),
        )
        customer_id = int(cursor.lastrowid or 0)
        conn.execute(
            "UPDATE leads SET status = 'converted', customer_id = ?, updated_at = ? WHERE id = ?",
            (customer_id, now, lead_id),
        )
    return customer_id
