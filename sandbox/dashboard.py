"""The dashboard's figures: the plan's two SMART goals and the counts behind them.

- lead conversion rate = converted leads / all leads, in percent;
- average order processing time = mean hours from submission to approval,
  over approved orders.
Salespeople see their own records; every other role sees all.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from . import roles
from .roles import User

_LEADS_SQL = """
SELECT count(*) AS total, coalesce(sum(status = 'converted'), 0) AS converted
FROM leads WHERE (:owner IS NULL OR owner_id = :owner)
"""
_CUSTOMERS_SQL = "SELECT count(*) FROM customers WHERE (:owner IS NULL OR owner_id = :owner)"
_ORDERS_SQL = """
SELECT status, count(*) AS n, coalesce(sum(total_cents), 0) AS cents
FROM orders WHERE (:owner IS NULL OR owner_id = :owner) GROUP BY status
"""
_PROCESSING_SQL = """
SELECT avg((julianday(decided_at) - julianday(submitted_at)) * 24.0)
FROM orders
WHERE status = 'approved' AND submitted_at IS NOT NULL AND decided_at IS NOT NULL
  AND (:owner IS NULL OR owner_id = :owner)
"""


def figures(conn: sqlite3.Connection, user: User) -> dict[str, Any]:
    """All dashboard numbers for the user, ready for the page and the API."""
    params = {"owner": roles.owner_scope(user)}
    leads = conn.execute(_LEADS_SQL, params).fetchone()
    customers = conn.execute(_CUSTOMERS_SQL, params).fetchone()[0]
    by_status = {status: 0 for status in ("draft", "submitted", "approved", "rejected")}
    approved_cents = 0
    for row in conn.execute(_ORDERS_SQL, params):
        by_status[row["status"]] = row["n"]
        if row["status"] == "approved":
            approved_cents = row["cents"]
    hours = conn.execute(_PROCESSING_SQL, params).fetchone()[0]
    total, converted = leads["total"], leads["converted"]
    return {
        "scope": "own" if params["owner"] is not None else "all",
        "lead_conversion_rate": round(100.0 * converted / total, 1) if total else None,
        "avg_order_processing_hours": round(hours, 4) if hours is not None else None,
        "leads_total": total,
        "leads_converted": converted,
        "customers_total": customers,
        "orders_total": sum(by_status.values()),
        "orders_by_status": by_status,
        "approved_amount_cents": approved_cents,
    }
