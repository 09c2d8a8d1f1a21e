"""The product catalogue that order lines choose from."""

from __future__ import annotations

import sqlite3
from typing import Any

from .validation import format_cents


def active(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Products on sale, with their list price as a decimal string."""
    rows = conn.execute(
        "SELECT id, sku, name, unit_price_cents FROM products WHERE active = 1 ORDER BY id"
    ).fetchall()
    return [
        {
            "id": r["id"],
            "sku": r["sku"],
            "name": r["name"],
            "unit_price": format_cents(r["unit_price_cents"]),
        }
        for r in rows
    ]


def active_ids(conn: sqlite3.Connection) -> set[int]:
    """Ids of the products on sale."""
    return {r[0] for r in conn.execute("SELECT id FROM products WHERE active = 1")}
