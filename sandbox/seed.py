"""Seed data: users, products and a realistic history of leads, customers and orders.

Generated with Faker zh_CN from a fixed seed, so two runs give the same records;
timestamps are placed relative to the start time so that the data looks recent.
Everything is inserted with executemany in one transaction: startup must be fast.
"""

from __future__ import annotations

import sqlite3
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from faker import Faker

from . import auth, legacy
from .db import transaction

if TYPE_CHECKING:
    from random import Random

Row = tuple[Any, ...]

SEED = 20261125
LEADS = 1000
CONVERTED_LEADS = 280  # 28 % conversion: above the 25 % goal of the plan
CUSTOMERS = 500
ORDERS = 2000

# username -> (role, display name)
USERS: dict[str, tuple[str, str]] = {
    "admin": ("admin", "陈志远"),
    "manager": ("manager", "林晓梅"),
    "sales": ("sales", "王磊"),
    "sales2": ("sales", "赵静"),
    "viewer": ("viewer", "孙浩"),
}

# sku, name, unit price in yuan
PRODUCTS: tuple[tuple[str, str, int], ...] = (
    ("CRM-STD", "CRM 标准版（年度订阅）", 12800),
    ("CRM-PRO", "CRM 专业版（年度订阅）", 29800),
    ("CRM-ENT", "CRM 企业版（年度订阅）", 68000),
    ("ERP-FIN", "ERP 财务模块", 45000),
    ("ERP-INV", "ERP 库存模块", 38000),
    ("ERP-PUR", "ERP 采购模块", 32000),
    ("OA-BASE", "OA 协同办公基础版", 9800),
    ("OA-FLOW", "OA 流程引擎", 15800),
    ("WMS-CORE", "WMS 仓储核心", 52000),
    ("WMS-RF", "WMS 手持终端授权", 1200),
    ("MES-SCH", "MES 生产排程", 88000),
    ("MES-QC", "MES 质量管理", 42000),
    ("SVC-IMPL", "实施服务（人天）", 2500),
    ("SVC-TRAIN", "用户培训（场次）", 6000),
    ("SVC-DATA", "数据迁移服务", 18000),
    ("SVC-SUP", "年度运维支持", 24000),
    ("HW-SCAN", "条码扫描枪", 899),
    ("HW-PRN", "标签打印机", 2399),
    ("API-PACK", "API 调用包（100 万次）", 5000),
    ("SMS-PACK", "短信包（1 万条）", 450),
)
SOURCES = ("website", "trade_show", "referral", "cold_call", "advertising", "other")
REJECT_REASONS = (
    "价格低于折扣审批线",
    "客户信用额度不足",
    "明细有误，请修改后重新提交",
    "合同条款待法务确认",
)


@dataclass
class _Clock:
    """Turns 'hours before start' into stored timestamps."""

    start: datetime

    def at(self, hours_ago: float) -> str:
        return (self.start - timedelta(hours=hours_ago)).strftime("%Y-%m-%d %H:%M:%S")


def is_seeded(conn: sqlite3.Connection) -> bool:
    """Whether the database already holds the seed users."""
    count: int = conn.execute("SELECT count(*) FROM users").fetchone()[0]
    return count > 0


def set_passwords(conn: sqlite3.Connection, passwords: dict[str, str]) -> None:
    """Store new password hashes for the given users (existing database, new passwords)."""
    with transaction(conn):
        conn.executemany(
            "UPDATE users SET password_hash = ? WHERE username = ?",
            [(auth.hash_password(pw), name) for name, pw in passwords.items()],
        )


def seed(conn: sqlite3.Connection, passwords: dict[str, str], *, migrate: bool = True) -> None:
    """Fill an empty database; `passwords` has one entry per seeded username. The
    customers are then migrated from the legacy CRM's export (`legacy`), unless not."""
    # scrypt releases the GIL: hash on other cores while Faker works on this one
    with ThreadPoolExecutor(max_workers=len(passwords)) as pool:
        hashes = {name: pool.submit(auth.hash_password, pw) for name, pw in passwords.items()}
        _seed(conn, hashes)
    if migrate:
        legacy.import_customers(conn)


def _seed(conn: sqlite3.Connection, hashes: dict[str, Future[str]]) -> None:
    fake = Faker("zh_CN")
    fake.seed_instance(SEED)
    rnd = fake.random  # seeded by Faker: seed data, not security
    clock = _Clock(datetime.now(UTC).replace(microsecond=0))
    created = clock.at(24 * 200)
    user_ids = {name: i for i, name in enumerate(USERS, start=1)}
    sellers = (user_ids["sales"], user_ids["sales2"])

    products = [(i, sku, name, price * 100) for i, (sku, name, price) in enumerate(PRODUCTS, 1)]

    # leads: the first CONVERTED_LEADS become the first customers
    leads: list[Row] = []
    customers: list[Row] = []
    ages: dict[int, float] = {}  # customer id -> hours since it was created
    for lead_id in range(1, LEADS + 1):
        hours_ago = rnd.uniform(24 * 5, 24 * 180)
        owner = sellers[lead_id % 2]
        name, company = fake.name(), fake.company()
        phone, email = fake.phone_number(), fake.email()
        customer_id = None
        if lead_id <= CONVERTED_LEADS:
            status, customer_id = "converted", lead_id
            ages[lead_id] = hours_ago - rnd.uniform(2, 96)
            customers.append(
                (
                    lead_id,
                    name,
                    company,
                    phone,
                    email,
                    fake.address(),
                    owner,
                    clock.at(ages[lead_id]),
                )
            )
        else:
            status = rnd.choices(("new", "qualified", "lost"), weights=(60, 22, 18))[0]
        note = fake.sentence() if rnd.random() < 0.5 else ""
        leads.append(
            (
                lead_id,
                name,
                company,
                phone,
                email,
                rnd.choice(SOURCES),
                note,
                status,
                owner,
                customer_id,
                clock.at(hours_ago),
                clock.at(hours_ago),
            )
        )
    for customer_id in range(CONVERTED_LEADS + 1, CUSTOMERS + 1):
        ages[customer_id] = rnd.uniform(24 * 120, 24 * 200)
        customers.append(
            (
                customer_id,
                fake.name(),
                fake.company(),
                fake.phone_number(),
                fake.email(),
                fake.address(),
                sellers[customer_id % 2],
                clock.at(ages[customer_id]),
            )
        )
    # insertion order = creation order, so ids grow with time as in real life
    leads.sort(key=lambda row: row[10])

    orders, lines, events = _orders(rnd, clock, customers, ages, products, user_ids["manager"])
    users = [
        (user_ids[name], name, display, role, hashes[name].result(), created)
        for name, (role, display) in USERS.items()
    ]

    with transaction(conn):
        conn.executemany(
            "INSERT INTO users (id, username, display_name, role, password_hash, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            users,
        )
        conn.executemany(
            "INSERT INTO products (id, sku, name, unit_price_cents) VALUES (?, ?, ?, ?)", products
        )
        conn.executemany(
            "INSERT INTO customers (id, name, company, phone, email, address, owner_id,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?8)",
            customers,
        )
        conn.executemany(
            "INSERT INTO leads (id, name, company, phone, email, source, note, status, owner_id,"
            " customer_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(i, *row[1:]) for i, row in enumerate(leads, start=1)],
        )
        conn.executemany(
            "INSERT INTO orders (id, number, customer_id, owner_id, created_by, status, note,"
            " total_cents, created_at, submitted_at, decided_at, decided_by, reject_reason)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            orders,
        )
        conn.executemany(
            "INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price_cents)"
            " VALUES (?, ?, ?, ?, ?)",
            lines,
        )
        conn.executemany(
            "INSERT INTO order_events (order_id, at, user_id, action, note) VALUES (?, ?, ?, ?, ?)",
            events,
        )


def _orders(
    rnd: Random,
    clock: _Clock,
    customers: list[Row],
    ages: dict[int, float],
    products: list[Row],
    manager_id: int,
) -> tuple[list[Row], list[Row], list[Row]]:
    """Orders in every state, with lines and a history, in creation order."""
    drafts: list[tuple[float, Row, str]] = []
    for _ in range(ORDERS):
        customer = rnd.choice(customers)
        age = ages[customer[0]]
        state = rnd.choices(
            ("draft", "submitted", "approved", "rejected"), weights=(10, 12, 63, 15)
        )[0]
        if age < 24 * 7 and state in ("approved", "rejected"):
            state = "submitted"  # a brand-new customer has no decided orders yet
        # decided orders lie further back (but after the customer existed), open ones are recent
        if state in ("approved", "rejected"):
            hours_ago = rnd.uniform(24 * 6, max(24 * 6 + 1, min(24 * 110, age - 1)))
        else:
            hours_ago = rnd.uniform(1, min(24 * 5, max(2.0, age - 1)))
        drafts.append((hours_ago, customer, state))
    drafts.sort(key=lambda d: -d[0])
    orders: list[Row] = []
    lines: list[Row] = []
    events: list[Row] = []
    for order_id, (hours_ago, customer, state) in enumerate(drafts, start=1):
        owner = customer[6]
        chosen = rnd.sample(products, rnd.randint(1, 4))
        total = 0
        for line_no, product in enumerate(chosen, start=1):
            quantity = rnd.randint(1, 20)
            lines.append((order_id, line_no, product[0], quantity, product[3]))
            total += quantity * product[3]
        created_at = clock.at(hours_ago)
        events.append((order_id, created_at, owner, "created", ""))
        submitted_at = decided_at = None
        decided_by, reason = None, ""
        if state != "draft":
            submitted_hours = hours_ago - rnd.uniform(0.1, min(24.0, hours_ago * 0.5))
            submitted_at = clock.at(submitted_hours)
            events.append((order_id, submitted_at, owner, "submitted", ""))
            if state in ("approved", "rejected"):
                # processing time: mostly within a working day, a long tail up to 3 days
                processing = min(rnd.expovariate(1 / 14.0) + 0.5, 72.0)
                decided_at = clock.at(submitted_hours - processing)
                decided_by = manager_id
                reason = rnd.choice(REJECT_REASONS) if state == "rejected" else ""
                events.append((order_id, decided_at, manager_id, state, reason))
        orders.append(
            (
                order_id,
                f"SO{order_id:07d}",
                customer[0],
                owner,
                owner,
                state,
                "",
                total,
                created_at,
                submitted_at,
                decided_at,
                decided_by,
                reason,
            )
        )
    return orders, lines, events
