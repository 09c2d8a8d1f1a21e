"""Orders: idempotent creation, the approval workflow, lists and details.

Three faults live here: duplicate_submit (the Idempotency-Key is ignored),
slow_orders (a slow synchronous credit check), and privilege_escalation (the
approve/reject role check was forgotten); idor affects the detail read.
"""

from __future__ import annotations

import re
import sqlite3
import time
from dataclasses import dataclass, field
from typing import Any

from . import faults, products, roles
from .db import now_text, transaction
from .errors import BadRequest, Conflict, Forbidden, Invalid, Message, NotFound
from .paging import Page, offset
from .roles import User
from .search import clean_query, like_pattern
from .validation import (
    MAX_ORDER_LINES,
    ORDER_NOTE,
    REJECT_REASON,
    clean_text,
    parse_id,
    parse_price,
    parse_quantity,
)

STATUSES = ("draft", "submitted", "approved", "rejected")
IDEMPOTENCY_KEY_RE = re.compile(r"[A-Za-z0-9_\-:.]{1,100}")
CREDIT_CHECK_SECONDS = 1.2

_LIST_SQL = """
SELECT o.id, o.number, o.customer_id, c.name AS customer_name, c.company AS customer_company,
       o.owner_id, u.username AS owner_username, u.display_name AS owner_name, o.created_by,
       o.status, o.note, o.total_cents, o.created_at, o.submitted_at, o.decided_at,
       o.decided_by, o.reject_reason
FROM orders o JOIN customers c ON c.id = o.customer_id JOIN users u ON u.id = o.owner_id
WHERE (:owner IS NULL OR o.owner_id = :owner)
  AND (:status IS NULL OR o.status = :status)
  AND (:customer IS NULL OR o.customer_id = :customer)
  AND (:q IS NULL OR o.number LIKE :q ESCAPE '\\' OR o.note LIKE :q ESCAPE '\\'
       OR c.name LIKE :q ESCAPE '\\')
ORDER BY o.created_at DESC, o.id DESC
LIMIT :limit OFFSET :offset
"""
_COUNT_SQL = """
SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id
WHERE (:owner IS NULL OR o.owner_id = :owner)
  AND (:status IS NULL OR o.status = :status)
  AND (:customer IS NULL OR o.customer_id = :customer)
  AND (:q IS NULL OR o.number LIKE :q ESCAPE '\\' OR o.note LIKE :q ESCAPE '\\'
       OR c.name LIKE :q ESCAPE '\\')
"""
_GET_SQL = """
SELECT o.id, o.number, o.customer_id, c.name AS customer_name, c.company AS customer_company,
       o.owner_id, u.username AS owner_username, u.display_name AS owner_name, o.created_by,
       o.status, o.note, o.total_cents, o.created_at, o.submitted_at, o.decided_at,
       o.decided_by, o.reject_reason
FROM orders o JOIN customers c ON c.id = o.customer_id JOIN users u ON u.id = o.owner_id
WHERE o.id = :id AND (:owner IS NULL OR o.owner_id = :owner)
"""


@dataclass
class OrderInput:
    """An order as submitted, before validation (values as the client sent them)."""

    customer_id: object
    lines: list[dict[str, object]]
    note: object = ""
    submit: bool = False
    idempotency_key: str | None = None
    errors: dict[str, Message] = field(default_factory=dict)


def search(
    conn: sqlite3.Connection,
    user: User,
    status: str | None,
    customer_id: int | None,
    page: int,
    page_size: int,
    q: str | None = None,
) -> Page:
    """One page of the orders the user may see, newest first; ``q`` searches the order
    number, the note and the customer name."""
    params: dict[str, Any] = {
        "owner": roles.owner_scope(user),
        "status": status if status in STATUSES else None,
        "customer": customer_id,
        "q": like_pattern(clean_query(q)),
    }
    total = conn.execute(_COUNT_SQL, params).fetchone()[0]
    rows = conn.execute(
        _LIST_SQL, {**params, "limit": page_size, "offset": offset(page, page_size)}
    ).fetchall()
    return Page([dict(r) for r in rows], total, page, page_size)


def _load(conn: sqlite3.Connection, order_id: int, owner: int | None) -> dict[str, Any]:
    row = conn.execute(_GET_SQL, {"id": order_id, "owner": owner}).fetchone()
    if row is None:
        raise NotFound()
    return dict(row)


def get(conn: sqlite3.Connection, user: User, order_id: int) -> dict[str, Any]:
    """An order with its lines and history, or NotFound when the user may not see it."""
    owner = roles.owner_scope(user)
    if faults.enabled("idor"):
        # fault idor: the detail page trusts the id in the URL; only the list filters by owner
        owner = None
    order = _load(conn, order_id, owner)
    order["lines"] = [
        dict(r)
        for r in conn.execute(
            "SELECT l.line_no, l.product_id, p.sku, p.name AS product_name, l.quantity,"
            " l.unit_price_cents, l.quantity * l.unit_price_cents AS amount_cents"
            " FROM order_lines l JOIN products p ON p.id = l.product_id"
            " WHERE l.order_id = ? ORDER BY l.line_no",
            (order_id,),
        )
    ]
    order["history"] = [
        dict(r)
        for r in conn.execute(
            "SELECT e.at, e.action, e.note, u.username, u.display_name FROM order_events e"
            " JOIN users u ON u.id = e.user_id WHERE e.order_id = ? ORDER BY e.at, e.id",
            (order_id,),
        )
    ]
    return order


def _validate(
    conn: sqlite3.Connection, user: User, data: OrderInput
) -> tuple[int, list[tuple[int, int, int]], str]:
    """Check an order input: (customer_id, [(product, qty, cents)], note), or raise Invalid."""
    errors: dict[str, Message] = {}
    customer_id = parse_id(data.customer_id)
    visible = (
        customer_id is not None
        and conn.execute(
            "SELECT 1 FROM customers WHERE id = :id AND (:owner IS NULL OR owner_id = :owner)",
            {"id": customer_id, "owner": roles.owner_scope(user)},
        ).fetchone()
    )
    if not visible:
        errors["customer_id"] = Message("error_customer_choice")
    if not isinstance(data.lines, list) or not 1 <= len(data.lines) <= MAX_ORDER_LINES:
        errors["lines"] = Message("error_lines_count", {"max": MAX_ORDER_LINES})
    on_sale = products.active_ids(conn)
    lines: list[tuple[int, int, int]] = []
    for n, raw in enumerate(data.lines if "lines" not in errors else [], start=1):
        product_id = parse_id(raw.get("product_id"))
        quantity, quantity_error = parse_quantity(raw.get("quantity"))
        cents, price_error = parse_price(raw.get("unit_price"))
        if product_id not in on_sale:
            errors[f"lines.{n - 1}.product_id"] = _line(n, Message("error_product_choice"))
        if quantity_error:
            errors[f"lines.{n - 1}.quantity"] = _line(n, quantity_error)
        if price_error:
            errors[f"lines.{n - 1}.unit_price"] = _line(n, price_error)
        if product_id and quantity and cents:
            lines.append((product_id, quantity, cents))
    note, note_error = clean_text(ORDER_NOTE, data.note)
    if note_error:
        errors["note"] = note_error
    if errors:
        raise Invalid(errors)
    return int(customer_id or 0), lines, note


def _line(n: int, message: Message) -> Message:
    return Message("error_line", {"n": n, "message": message})


def _existing(conn: sqlite3.Connection, user: User, key: str) -> int | None:
    row = conn.execute(
        "SELECT order_id FROM idempotency_keys WHERE user_id = ? AND key = ?", (user.id, key)
    ).fetchone()
    return None if row is None else int(row[0])


def create(conn: sqlite3.Connection, user: User, data: OrderInput) -> tuple[int, bool]:
    """Create an order (and submit it if asked); returns (order id, newly created).

    A repeated Idempotency-Key from the same user returns the first order instead of
    creating another: the key is looked up and stored in the same IMMEDIATE
    transaction as the insert, so two concurrent requests cannot both create.
    """
    roles.require(user, "order.create")
    # fault duplicate_submit: the key is not looked at, so every resend is a new order
    key = None if faults.enabled("duplicate_submit") else data.idempotency_key
    if not faults.enabled("duplicate_submit"):
        if not key:
            raise BadRequest("error_idempotency_missing")
        if not IDEMPOTENCY_KEY_RE.fullmatch(key):
            raise BadRequest("error_idempotency_invalid")
        # a replay answers with the first order even if the catalogue changed since
        first = _existing(conn, user, key)
        if first is not None:
            return first, False
    customer_id, lines, note = _validate(conn, user, data)
    if faults.enabled("slow_orders"):
        # fault slow_orders: a synchronous call to the (simulated) ERP credit check
        time.sleep(CREDIT_CHECK_SECONDS)
    owner = conn.execute("SELECT owner_id FROM customers WHERE id = ?", (customer_id,)).fetchone()[
        0
    ]
    total = sum(quantity * cents for _, quantity, cents in lines)
    now = now_text()
    with transaction(conn):
        if key:
            first = _existing(conn, user, key)
            if first is not None:
                return first, False
        status = "submitted" if data.submit else "draft"
        cursor = conn.execute(
            "INSERT INTO orders (customer_id, owner_id, created_by, status, note, total_cents,"
            " created_at, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (customer_id, owner, user.id, status, note, total, now, now if data.submit else None),
        )
        order_id = int(cursor.lastrowid or 0)
        conn.execute("UPDATE orders SET number = ? WHERE id = ?", (f"SO{order_id:07d}", order_id))
        conn.executemany(
            "INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price_cents)"
            " VALUES (?, ?, ?, ?, ?)",
            [(order_id, n, *line) for n, line in enumerate(lines, start=1)],
        )
        events = [(order_id, now, user.id, "created")]
        if data.submit:
            events.append((order_id, now, user.id, "submitted"))
        conn.executemany(
            "INSERT INTO order_events (order_id, at, user_id, action) VALUES (?, ?, ?, ?)", events
        )
        if key:
            conn.execute(
                "INSERT INTO idempotency_keys (user_id, key, order_id, created_at)"
                " VALUES (?, ?, ?, ?)",
                (user.id, key, order_id, now),
            )
    return order_id, True


def submit(conn: sqlite3.Connection, user: User, order_id: int) -> None:
    """draft -> submitted, by someone who may see the order."""
    roles.require(user, "order.submit")
    with transaction(conn):
        order = _load(conn, order_id, roles.owner_scope(user))
        if order["status"] != "draft":
            raise Conflict()
        now = now_text()
        conn.execute(
            "UPDATE orders SET status = 'submitted', submitted_at = ? WHERE id = ?", (now, order_id)
        )
        conn.execute(
            "INSERT INTO order_events (order_id, at, user_id, action)"
            " VALUES (?, ?, ?, 'submitted')",
            (order_id, now, user.id),
        )


def decide(
    conn: sqlite3.Connection, user: User, order_id: int, approve: bool, reason: object = ""
) -> None:
    """submitted -> approved | rejected (a rejection needs a reason)."""
    if faults.enabled("privilege_escalation"):
        # fault privilege_escalation: "viewers can't change anything" was checked,
        # the approver role was not; and the order is looked up without a scope
        if user.role == "viewer":
            raise Forbidden()
        owner = None
    else:
        roles.require(user, "order.decide")
        owner = roles.owner_scope(user)
    text = ""
    if not approve:
        text, error = clean_text(REJECT_REASON, reason)
        if error:
            raise Invalid({"reason": error})
    with transaction(conn):
        order = _load(conn, order_id, owner)
        if order["status"] != "submitted":
            raise Conflict()
        status = "approved" if approve else "rejected"
        now = now_text()
        conn.execute(
            "UPDATE orders SET status = ?, decided_at = ?, decided_by = ?, reject_reason = ?"
            " WHERE id = ?",
            (status, now, user.id, text, order_id),
        )
        conn.execute(
            "INSERT INTO order_events (order_id, at, user_id, action, note) VALUES (?, ?, ?, ?, ?)",
            (order_id, now, user.id, status, text),
        )


def for_customer(conn: sqlite3.Connection, customer_id: int, limit: int) -> list[dict[str, Any]]:
    """The latest orders of a customer the caller has already been allowed to see."""
    rows = conn.execute(
        "SELECT id, number, status, total_cents, created_at FROM orders WHERE customer_id = ?"
        " ORDER BY created_at DESC, id DESC LIMIT ?",
        (customer_id, limit),
    ).fetchall()
    return [dict(r) for r in rows]


def status_of(conn: sqlite3.Connection, order_id: int) -> str:
    """An order's status alone, for answering a caller who may act on but not read it."""
    row = conn.execute("SELECT status FROM orders WHERE id = ?", (order_id,)).fetchone()
    return str(row[0]) if row else ""
