"""How golive launches the browser the UAT scenarios drive."""

from __future__ import annotations

import json
import logging
import os
import subprocess  # nosec B404
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar
from weakref import WeakSet

import allure
from playwright.sync_api import Browser as PlaywrightBrowser
from playwright.sync_api import BrowserContext, BrowserType, Page

from golive.errors import SetupError
from golive.inputs.config import BROWSER_ENV, CONNECT_ENV, Browser

Done = TypeVar("Done")

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
    """Keyword arguments for Playwright's ``browser_type.launch`` (for a browser server,
    the launch options it is asked to use)."""
    options: dict[str, Any] = {"headless": browser.headless}
    if browser.connect and not browser.executable:
        return options  # the server's own browser, launched as the server sees fit
    options["args"] = list(CHROMIUM_ARGS)
    if browser.executable:
        options["executable_path"] = browser.executable
    return options


CONNECT_TIMEOUT_MS = 30_000
"""How long a worker waits for the browser server to hand it a browser."""


def open_browser(browser_type: BrowserType, browser: Browser) -> PlaywrightBrowser:
    """The browser golive.toml names: launched on this machine, or handed over by the
    browser server at ``[browser] connect``, which launches it with golive's options."""
    if not browser.connect:
        return browser_type.launch(**launch_options(browser))
    # The server reads the launch options from this header, in the protocol's spelling
    # (executablePath): pytest-playwright's own connect sends Python's, which the server
    # ignores, so golive connects itself.
    spelled = {_camel(key): value for key, value in launch_options(browser).items()}
    headers = {"x-playwright-launch-options": json.dumps(spelled)}
    return browser_type.connect(browser.connect, timeout=CONNECT_TIMEOUT_MS, headers=headers)


def _camel(name: str) -> str:
    first, *rest = name.split("_")
    return first + "".join(part.title() for part in rest)


BROWSER_START_TIMEOUT = 60.0
"""Seconds the browser may take to start for the check before a run."""


def first_line(error: BaseException) -> str:
    """An error's first line, for a message; its type's name where it says nothing."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


class BrowserOverran(Exception):
    """The work given to ``in_browser`` took longer than it was allowed."""


def browser_trouble(browser: Browser, error: BaseException | None, started: bool = False) -> str:
    """Why the browser golive.toml names did not start (``error``; None: it did not start in
    time), or failed after it ``started``, and what to do about it."""
    where = browser.executable or "Playwright's own Chromium"
    fix = (
        f"install Chromium (apt-get install chromium), or point {BROWSER_ENV} or "
        f"golive.toml [browser] executable at one ({BROWSER_ENV}=playwright uses the browser "
        f"of 'playwright install chromium')"
    )
    if browser.connect:
        where = f"served at {browser.connect}"
        fix = (
            f"start a browser server there (playwright run-server --port N; with --unsafe "
            f"when golive.toml names the server's executable), or correct [browser] connect "
            f"or {CONNECT_ENV}"
        )
    elif browser.executable and not os.access(browser.executable, os.X_OK):
        return f"the browser {where} does not exist or cannot be run; {fix}"
    if error is None:
        return f"the browser ({where}) did not start within {BROWSER_START_TIMEOUT:.0f} s; {fix}"
    if started:
        return f"the browser ({where}) failed: {first_line(error)}; {fix}"
    return f"the browser ({where}) cannot start: {first_line(error)}; {fix}"


class _UnreadDriverError(logging.Filter):
    """Playwright leaves the error of a driver that cannot start in a future nobody reads;
    asyncio would log its traceback when the future is collected, after golive has said
    what went wrong and what to do. Only asyncio's records carrying a Playwright error are
    dropped: golive has raised that error already."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return error is None or not type(error).__module__.startswith("playwright")


def in_browser(browser: Browser, work: Callable[[PlaywrightBrowser], Done], seconds: float) -> Done:
    """``work`` done with the browser golive.toml names, outside pytest.

    It runs in a thread of its own (Playwright's sync API refuses a thread with an asyncio
    loop running, which a caller embedding golive may well have). SetupError, saying what
    to do, when the browser (or Playwright's driver) does not start within
    ``BROWSER_START_TIMEOUT``; when ``work`` takes longer than ``seconds``
    (its thread and browser are left to end with the process): BrowserOverran; what ``work``
    raises."""
    from playwright.sync_api import Error, sync_playwright  # only a browser's work needs it

    if not browser.connect and browser.executable and not os.access(browser.executable, os.X_OK):
        raise SetupError(browser_trouble(browser, None))
    asyncio_log = logging.getLogger("asyncio")
    if not any(isinstance(f, _UnreadDriverError) for f in asyncio_log.filters):
        asyncio_log.addFilter(_UnreadDriverError())
    started = threading.Event()
    done: list[Done] = []
    failed: list[BaseException] = []

    def run() -> None:
        driver = False  # Playwright's driver (its Node.js process) is up
        try:
            with sync_playwright() as playwright:
                driver = True
                opened = open_browser(playwright.chromium, browser)
                started.set()
                try:
                    done.append(work(opened))
                finally:
                    opened.close()
        except (Error, OSError) as exc:  # OSError: Playwright's own driver cannot start
            # work says what its own errors mean; one that reaches here is the browser's
            failed.append(
                SetupError(
                    browser_trouble(browser, exc, started.is_set())
                    if driver
                    else f"Playwright's driver cannot start: {first_line(exc)}; reinstall "
                    f"Playwright (pip install --force-reinstall playwright), or point "
                    f"PLAYWRIGHT_NODEJS_PATH at a Node.js"
                )
            )
        except BaseException as exc:  # carried to the caller's thread
            failed.append(exc)

    thread = threading.Thread(target=run, name="golive-browser", daemon=True)
    thread.start()
    start_by = time.monotonic() + BROWSER_START_TIMEOUT
    while thread.is_alive() and not started.wait(0.1):
        if time.monotonic() > start_by:
            raise SetupError(browser_trouble(browser, None))
    thread.join(timeout=seconds)
    if thread.is_alive():
        raise BrowserOverran(f"the browser's work did not finish within {seconds:.0f} s")
    if failed:
        raise failed[0]
    return done[0]


def check_browser(browser: Browser) -> None:
    """Start and close the browser once; SetupError, saying what to do, if it cannot start.

    A missing browser is a machine that cannot run the checks, not a product that failed
    them: golive run says so before any scenario runs.
    """
    try:
        in_browser(browser, lambda _: None, BROWSER_START_TIMEOUT)
    except BrowserOverran:  # closing took the time: it started, but is not well
        raise SetupError(browser_trouble(browser, None)) from None


def describe(browser: Browser) -> str:
    """The browser and its version for the report: ``Chromium 156.0.7390.54 built on Debian``."""
    if browser.connect:
        return f"Chromium served at {browser.connect}" + (
            f" ({browser.executable} there)" if browser.executable else ""
        )
    if not browser.executable:
        return "Playwright's Chromium"
    try:
        done = subprocess.run(  # the configured browser binary, one fixed flag  # noqa: S603  # nosec B603
            [browser.executable, "--version"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"{browser.executable} (version unknown: {type(exc).__name__})"
    return done.stdout.strip() or browser.executable


# Contexts whose actions are being recorded as a Playwright trace (see ``record``).
_recording: WeakSet[BrowserContext] = WeakSet()


def record(context: BrowserContext) -> None:
    """Record the context's actions, screenshots and DOM as a trace, kept on failure."""
    context.tracing.start(screenshots=True, snapshots=True)
    _recording.add(context)


def stop_recording(context: BrowserContext) -> None:
    """Stop recording the context's trace for good, keeping nothing: its scenario is over
    (a failure attached its trace already)."""
    if context in _recording:
        _recording.discard(context)
        context.tracing.stop()


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


SECRET_HEADERS = frozenset(
    {"cookie", "set-cookie", "authorization", "proxy-authorization", "x-csrf-token"}
)
REDACTED = "[redacted by golive]"


def redact_trace(path: Path) -> None:
    """Blank the session cookies, tokens and auth headers in a trace's network log, and
    the cookies and local storage in its action log (a step that read ``cookies()`` or
    restored a storage state)."""
    with zipfile.ZipFile(path) as trace:
        entries = {name: trace.read(name) for name in trace.namelist()}
    for name, data in entries.items():
        redact = {".network": _redact_line, ".trace": _redact_action}.get(Path(name).suffix)
        if redact is not None:
            lines = [redact(line) for line in data.decode("utf-8").splitlines()]
            entries[name] = "\n".join(lines).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as trace:
        for name, data in entries.items():
            trace.writestr(name, data)


def _redact_line(line: str) -> str:
    try:
        event = json.loads(line)
    except json.JSONDecodeError:
        return line
    snapshot = event.get("snapshot") if isinstance(event, dict) else None
    for part in ("request", "response"):
        message = snapshot.get(part) if isinstance(snapshot, dict) else None
        if not isinstance(message, dict):
            continue
        for header in message.get("headers", ()):
            if str(header.get("name", "")).lower() in SECRET_HEADERS:
                header["value"] = REDACTED
        for cookie in message.get("cookies", ()):
            cookie["value"] = REDACTED
    return json.dumps(event, ensure_ascii=False)


def _redact_action(line: str) -> str:
    try:
        event = json.loads(line)
    except json.JSONDecodeError:
        return line
    return json.dumps(_redact_storage(event), ensure_ascii=False)


def _redact_storage(value: Any) -> Any:
    """``value`` with every cookie's and local-storage item's value blanked: a dict with
    a name and a value beside a domain (a cookie) or inside ``localStorage``."""
    if isinstance(value, list):
        return [_redact_storage(item) for item in value]
    if not isinstance(value, dict):
        return value
    redacted = {key: _redact_storage(item) for key, item in value.items()}
    for item in redacted.get("localStorage", ()):
        if isinstance(item, dict) and "value" in item:
            item["value"] = REDACTED
    if {"name", "value", "domain"} <= redacted.keys():
        redacted["value"] = REDACTED
    return redacted


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
            redact_trace(trace)
            allure.attach(
                trace.read_bytes(),
                name="Playwright trace (npx playwright show-trace)",
                extension="zip",
            )
