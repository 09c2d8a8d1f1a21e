"""The legacy CRM's customers, as its export left them, and their import into the sandbox.

The sandbox plays a platform that replaced a legacy CRM: its customers were migrated.
`legacy/customers.csv` is the legacy system's export of them (GB18030, its own column
names, amounts with thousands separators, dates written 2019/03/05); at start the seed
data's customers are imported from it: their names, contacts, legacy code, credit limit
and opening date. The import is the place a migration goes wrong: with the
`migration_loss` fault it drops some records and alters others, as a careless import
script would, and golive's reconciliation must catch and name each.

Regenerate the export after changing the seed: `python -m golive_sandbox.legacy`.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import sqlite3
import sys
from decimal import Decimal
from pathlib import Path

from . import faults
from .db import transaction

EXPORT = Path(__file__).parent / "legacy" / "customers.csv"
ENCODING = "gb18030"
COLUMNS = ("客户编号", "客户名称", "公司", "联系电话", "电子邮箱", "地址", "信用额度", "建档日期")
"""The legacy system's column names, in its export's order."""
SEED = 20170301


def read_export(path: Path = EXPORT) -> list[dict[str, str]]:
    """The export's rows, by column name."""
    with path.open(encoding=ENCODING, newline="") as file:
        return list(csv.DictReader(file))


def import_customers(conn: sqlite3.Connection, path: Path = EXPORT) -> None:
    """Import the legacy customers onto the seeded ones, in export order (the n-th row is
    customer n); with `migration_loss`, lose and alter some on the way."""
    rows = [_platform_values(row) for row in read_export(path)]
    dropped: set[int] = set()
    if faults.enabled("migration_loss"):
        rows, dropped = _careless(rows)
    with transaction(conn):
        conn.executemany(
            "UPDATE customers SET legacy_code = :code, name = :name, company = :company,"
            " phone = :phone, email = :email, address = :address,"
            " credit_limit_cents = :credit, opened_on = :opened WHERE id = :id",
            rows,
        )
        lost = [(i,) for i in sorted(dropped)]
        conn.executemany(
            "DELETE FROM order_events WHERE order_id IN"
            " (SELECT id FROM orders WHERE customer_id = ?)",
            lost,
        )
        conn.executemany(
            "DELETE FROM order_lines WHERE order_id IN"
            " (SELECT id FROM orders WHERE customer_id = ?)",
            lost,
        )
        conn.executemany("DELETE FROM orders WHERE customer_id = ?", lost)
        conn.executemany("DELETE FROM customers WHERE id = ?", lost)


def _platform_values(row: dict[str, str]) -> dict[str, object]:
    """One legacy row as the platform stores it: cents, ISO dates, its id from the code."""
    amount = Decimal(row["信用额度"].replace(",", ""))
    return {
        "id": int(row["客户编号"].removeprefix("KH-")),
        "code": row["客户编号"],
        "name": row["客户名称"],
        "company": row["公司"],
        "phone": row["联系电话"],
        "email": row["电子邮箱"],
        "address": row["地址"],
        "credit": int(amount * 100),
        "opened": dt.datetime.strptime(row["建档日期"], "%Y/%m/%d").date().isoformat(),
    }


def _careless(rows: list[dict[str, object]]) -> tuple[list[dict[str, object]], set[int]]:
    """What a careless import does: three customers are lost (and with them their orders),
    two credit limits lose a digit, one phone number its last digit, one address its end
    (a narrow column). Customers made from leads are kept, so leads stay whole."""
    dropped = {int(str(r["id"])) for r in rows[300:303]}
    kept = [dict(r) for r in rows if r["id"] not in dropped]
    for row in kept[40:42]:
        row["credit"] = int(str(row["credit"])) // 10
    kept[90]["phone"] = str(kept[90]["phone"])[:-1] + "0"
    kept[120]["address"] = str(kept[120]["address"])[:8]
    return kept, dropped


def export(conn: sqlite3.Connection, path: Path = EXPORT) -> int:
    """Write the legacy export of the customers a fresh seed makes (before any import),
    with the legacy system's own fields drawn from `SEED`; the rows written."""
    start = dt.date(2017, 3, 1)
    rows = []
    for i, name, company, phone, email, address in conn.execute(
        "SELECT id, name, company, phone, email, address FROM customers ORDER BY id"
    ):
        drawn = _drawn(i)  # the legacy system's own fields, the same on every machine
        credit = Decimal((20 + drawn % 4980) * 100 + (0, 0, 50)[drawn % 3]) / 100
        opened = start + dt.timedelta(days=(drawn >> 16) % (6 * 365))
        rows.append(
            (
                f"KH-{i:05d}",
                name,
                company,
                phone,
                email,
                address,
                f"{credit:,.2f}",
                opened.strftime("%Y/%m/%d"),
            )
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=ENCODING, newline="") as file:
        writer = csv.writer(file)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    return len(rows)


def _drawn(customer: int) -> int:
    """A number drawn for a customer from `SEED`: made up once, not a secret."""
    digest = hashlib.sha256(f"{SEED}:{customer}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def main() -> int:
    """Seed a database in memory and write its customers' legacy export."""
    from . import db, seed

    conn = sqlite3.connect(":memory:")
    conn.executescript(db.SCHEMA)
    seed.seed(conn, {name: "unused" for name in seed.USERS}, migrate=False)
    print(f"{export(conn)} legacy customers written to {EXPORT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
