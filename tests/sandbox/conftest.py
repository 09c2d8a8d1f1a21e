"""Fixtures for the sandbox tests: sandboxes per fault set, signed-in clients, a browser.

Each fault set starts one sandbox process per session (through golive's own
``serve_sandbox``); the tests only ever talk HTTP to it, or drive Chromium.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import ExitStack

import pytest
from playwright.sync_api import Browser, BrowserContext
from sandbox_clients import USERS, Sandbox

from golive.run.target import serve_sandbox

# defects that do not disturb one another's probes share a sandbox: the server-side
# ones plus the form-clearing one; duplicate_submit must not share with
# offline_data_loss (a cleared form cannot be sent twice), so it goes with slow_orders
SERVER_FAULTS = (
    "csrf_unchecked",
    "idor",
    "lead_write_scope",
    "mass_assignment",
    "missing_headers",
    "offline_data_loss",
    "open_redirect",
    "overlong_500",
    "privilege_escalation",
    "search_scope",
    "sql_injection",
    "stored_xss",
)
ORDER_FAULTS = ("duplicate_submit", "slow_orders")


class SandboxPool:
    """Starts at most one sandbox per fault set and stops them all at the end."""

    def __init__(self, stack: ExitStack) -> None:
        self.stack = stack
        self.running: dict[tuple[str, ...], Sandbox] = {}

    def get(self, faults: tuple[str, ...] = ()) -> Sandbox:
        key = tuple(sorted(faults))
        if key not in self.running:
            passwords = {user: secrets.token_urlsafe(12) for user in USERS}
            running = self.stack.enter_context(serve_sandbox(faults=key, passwords=passwords))
            sandbox = Sandbox(running.base_url, passwords)
            self.stack.callback(sandbox.close)
            self.running[key] = sandbox
        return self.running[key]


@pytest.fixture(scope="session")
def sandbox_pool() -> Iterator[SandboxPool]:
    """Every sandbox this session starts."""
    with ExitStack() as stack:
        yield SandboxPool(stack)


@pytest.fixture(scope="session")
def clean(sandbox_pool: SandboxPool) -> Sandbox:
    """The sandbox with no fault switched on: it must be correct and secure."""
    return sandbox_pool.get()


@pytest.fixture(scope="session")
def server_faults(sandbox_pool: SandboxPool) -> Sandbox:
    """The sandbox with the server-side faults (and offline_data_loss) on."""
    return sandbox_pool.get(SERVER_FAULTS)


@pytest.fixture(scope="session")
def order_faults(sandbox_pool: SandboxPool) -> Sandbox:
    """The sandbox with duplicate_submit and slow_orders on."""
    return sandbox_pool.get(ORDER_FAULTS)


@pytest.fixture
def browser_context(chromium: Browser) -> Iterator[BrowserContext]:
    """A fresh browser profile per test (no cookies carried over)."""
    context = chromium.new_context()
    context.set_default_timeout(10_000)
    yield context
    context.close()
