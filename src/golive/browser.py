"""How golive launches the browser the UAT scenarios drive."""

from __future__ import annotations

from typing import Any

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
