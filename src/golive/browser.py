"""How golive launches the browser the UAT scenarios drive."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from weakref import WeakSet

import allure
from playwright.sync_api import BrowserContext, Page

from golive.config import Browser

# Chromium reaches for Google's services at start (updates, sync, field trials); on a
# closed network those calls fail noisily and slow the start, so they are switched off.
CHROMIUM_ARGS = (
    "--no-sandbox",  # the run may be root inside a container, where the sandbox cannot start
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def launch_options(browser: Browser) -> dict[str, Any]:
    """Keyword arguments for Playwright's ``browser_type.launch``."""
    options: dict[str, Any] = {"headless": browser.headless, "args": list(CHROMIUM_ARGS)}
    if browser.executable:
        options["executable_path"] = browser.executable
    return options


# Contexts whose actions are being recorded as a Playwright trace (see ``record``).
_recording: WeakSet[BrowserContext] = WeakSet()


def record(context: BrowserContext) -> None:
    """Record the context's actions, screenshots and DOM as a trace, kept on failure."""
    context.tracing.start(screenshots=True, snapshots=True)
    _recording.add(context)


@contextmanager
def unrecorded(context: BrowserContext) -> Iterator[None]:
    """Leave what happens inside (typing a password) out of the trace."""
    if context not in _recording:
        yield
        return
    # Stop the whole recording, not just a chunk: the network log spans chunks, and the
    # request that carries a password must not be in it. What came before is dropped.
    context.tracing.stop()
    try:
        yield
    finally:
        context.tracing.start(screenshots=True, snapshots=True)


def attach_failure(page: Page) -> None:
    """Attach a screenshot and the trace so far to the failing step's Allure result."""
    allure.attach(
        page.screenshot(full_page=True),
        name="screenshot",
        attachment_type=allure.attachment_type.PNG,
    )
    if page.context in _recording:
        with tempfile.TemporaryDirectory() as tmp:
            trace = Path(tmp) / "trace.zip"
            page.context.tracing.stop_chunk(path=trace)
            _recording.discard(page.context)
            allure.attach(
                trace.read_bytes(),
                name="Playwright trace (npx playwright show-trace)",
                extension="zip",
            )
