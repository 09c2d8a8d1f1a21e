"""The SQLite store: schema, connections and transactions.

One connection per request (opened by a FastAPI dependency), WAL so that readers
never wait for the writer, and explicit ``BEGIN IMMEDIATE`` transactions so that
read-check-write sequences (idempotency keys, optimistic locking) cannot race.
The CHECK constraints are the last line of defence: the app validates first.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 1 AND 50),
    display_name TEXT NOT NULL CHECK (length(display_name) <= 100),
    role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'sales', 'viewer')),
    password_hash TEXT NOT NULL CHECK (length(password_hash) <= 300),
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('web', 'api')),
    csrf_token TEXT NOT NULL,
    created_at REAL NOT NULL,
    last_seen REAL NOT NULL,
    expires_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS products (
    id INTEGER PRIMARY KEY,
    sku TEXT NOT NULL UNIQUE CHECK (length(sku) <= 30),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents BETWEEN 1 AND 1000000000),
    active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS customers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    company TEXT NOT NULL CHECK (length(company) BETWEEN 1 AND 200),
    phone TEXT NOT NULL DEFAULT '' CHECK (length(phone) <= 30),
    email TEXT NOT NULL DEFAULT '' CHECK (length(email) <= 254),
    address TEXT NOT NULL DEFAULT '' CHECK (length(address) <= 300),
    owner_id INTEGER NOT NULL REFERENCES users(id),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    -- migrated from the legacy CRM (legacy.py): none for a customer made here
    legacy_code TEXT UNIQUE,
    credit_limit_cents INTEGER NOT NULL DEFAULT 0 CHECK (credit_limit_cents >= 0),
    opened_on TEXT
);
CREATE TABLE IF NOT EXISTS leads (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    company TEXT NOT NULL CHECK (length(company) BETWEEN 1 AND 200),
    phone TEXT NOT NULL DEFAULT '' CHECK (length(phone) <= 30),
    email TEXT NOT NULL DEFAULT '' CHECK (length(email) <= 254),
    source TEXT NOT NULL CHECK (length(source) <= 20),
    note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    status TEXT NOT NULL DEFAULT 'new'
        CHECK (status IN ('new', 'qualified', 'converted', 'lost')),
    owner_id INTEGER NOT NULL REFERENCES users(id),
    customer_id INTEGER REFERENCES customers(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS orders (
    id INTEGER PRIMARY KEY,
    number TEXT UNIQUE CHECK (length(number) <= 20),
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    owner_id INTEGER NOT NULL REFERENCES users(id),
    created_by INTEGER NOT NULL REFERENCES users(id),
    status TEXT NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'submitted', 'approved', 'rejected')),
    note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    total_cents INTEGER NOT NULL CHECK (total_cents >= 0),
    created_at TEXT NOT NULL,
    submitted_at TEXT,
    decided_at TEXT,
    decided_by INTEGER REFERENCES users(id),
    reject_reason TEXT NOT NULL DEFAULT '' CHECK (length(reject_reason) <= 500)
);
CREATE TABLE IF NOT EXISTS order_lines (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    line_no INTEGER NOT NULL,
    product_id INTEGER NOT NULL REFERENCES products(id),
    quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
    unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents BETWEEN 1 AND 1000000000),
    UNIQUE (order_id, line_no)
);
CREATE TABLE IF NOT EXISTS order_events (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id),
    action TEXT NOT NULL CHECK (action IN ('created', 'submitted', 'approved', 'rejected')),
    note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500)
);
CREATE TABLE IF NOT EXISTS idempotency_keys (
    user_id INTEGER NOT NULL REFERENCES users(id),
    key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 100),
    order_id INTEGER NOT NULL REFERENCES orders(id),
    created_at TEXT NOT NULL,
    UNIQUE (user_id, key)
);
CREATE INDEX IF NOT EXISTS leads_owner ON leads (owner_id, created_at);
CREATE INDEX IF NOT EXISTS leads_created ON leads (created_at);
CREATE INDEX IF NOT EXISTS customers_owner ON customers (owner_id);
CREATE INDEX IF NOT EXISTS orders_owner ON orders (owner_id, created_at);
CREATE INDEX IF NOT EXISTS orders_customer ON orders (customer_id);
CREATE INDEX IF NOT EXISTS orders_created ON orders (created_at);
CREATE INDEX IF NOT EXISTS order_lines_order ON order_lines (order_id);
CREATE INDEX IF NOT EXISTS order_events_order ON order_events (order_id);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions (user_id);
"""

DB_FILE = "sandbox.db"


def connect(path: Path) -> sqlite3.Connection:
    """Open a connection in autocommit mode; transactions are explicit (`transaction`).

    check_same_thread is off because FastAPI may open the connection in one worker
    thread and use it in another; each connection still serves one request only.
    """
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=10)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 10000")
    return conn


def init(path: Path) -> None:
    """Create the schema (idempotent) and switch the file to WAL."""
    conn = connect(path)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.executescript(SCHEMA)
    finally:
        conn.close()


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Run a block in one write transaction, taking the write lock up front.

    IMMEDIATE makes concurrent writers queue at BEGIN instead of failing later on
    lock upgrade, which is what makes check-then-insert sequences race-safe.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def now_text() -> str:
    """The current UTC time as stored in the DB: 'YYYY-MM-DD HH:MM:SS'."""
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")


def to_iso(value: str | None) -> str | None:
    """A stored UTC timestamp as ISO 8601 with 'Z' for the API."""
    if not value:
        return None
    return value.replace(" ", "T") + "Z"
