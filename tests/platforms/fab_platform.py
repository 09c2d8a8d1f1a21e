"""Start the Flask-AppBuilder CRM (``fab_crm``) for a test and stop it afterwards.

``serve_fab()`` runs ``fab_crm/__main__.py`` beside this file with the test's own
interpreter, on a free port of 127.0.0.1 and over a fresh SQLite database, and yields
where it serves and who can sign in. It talks to the app over HTTP only.
"""

from __future__ import annotations

import importlib.util
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

APP_MAIN = Path(__file__).resolve().parent / "fab_crm" / "__main__.py"
STARTUP_TIMEOUT = 60.0
"""Seconds the app may take to answer its login page before the start counts as failed."""
STOP_TIMEOUT = 10.0
"""Seconds between terminate and kill when the app is stopped."""
LOGIN_PATH = "/login/"
APP_NEEDS = ("flask_appbuilder", "flask_sqlalchemy", "werkzeug")
"""What the app imports that golive itself does not install."""

ROLE_USERS: Mapping[str, tuple[str, str]] = {
    "admin": ("admin", "FAB_ADMIN_PASSWORD"),
    "sales": ("sales", "FAB_SALES_PASSWORD"),
}
"""Role key -> (seeded username, environment variable the app reads its password from)."""


class FabStartError(RuntimeError):
    """The FAB CRM did not come up: it exited, or did not answer in time."""


@dataclass(frozen=True)
class FabPlatform:
    """A running FAB CRM."""

    base_url: str
    """``http://127.0.0.1:PORT``, without a trailing slash."""
    pid: int
    log_path: Path
    """The app's stdout and stderr (werkzeug logs one line per request)."""
    data_dir: Path
    env: Mapping[str, str] = field(repr=False)
    """The password variables the app was started with (name -> value)."""
    users: Mapping[str, tuple[str, str]] = field(repr=False)
    """Role key (``admin``, ``sales``) -> (username, password)."""
    startup_seconds: float = 0.0
    """From starting the process to the first 200 answer of the login page."""

    def url(self, path: str) -> str:
        """``path`` (starting with ``/``) on this platform."""
        return f"{self.base_url}{path}"

    def credentials(self, role: str) -> tuple[str, str]:
        """Username and password of the user for ``role`` (``admin`` or ``sales``)."""
        return self.users[role]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def log_tail(path: Path, lines: int = 30) -> str:
    """The last ``lines`` of the app's log, for an error message."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:]) or "(empty log)"


@contextmanager
def serve_fab(
    data_dir: Path | None = None,
    passwords: Mapping[str, str] | None = None,
    *,
    timeout: float = STARTUP_TIMEOUT,
) -> Iterator[FabPlatform]:
    """Start the FAB CRM on 127.0.0.1, wait until its login page answers, stop it on exit.

    ``data_dir`` holds the SQLite database (default: a temporary folder removed on exit);
    ``passwords`` maps role keys (``admin``, ``sales``) to passwords, and a role left out
    gets a random one. Raises FabStartError when Flask-AppBuilder is not installed, and,
    with the tail of the app's log, when the app exits early or does not answer within
    ``timeout`` seconds.
    """
    missing = [name for name in APP_NEEDS if importlib.util.find_spec(name) is None]
    if missing:
        raise FabStartError(
            f"the FAB CRM needs {', '.join(missing)}, not installed in {sys.executable}: "
            f"pip install flask-appbuilder"
        )
    unknown = set(passwords or {}) - set(ROLE_USERS)
    if unknown:
        raise ValueError(f"no such role: {', '.join(sorted(unknown))} (known: admin, sales)")
    chosen = {role: (passwords or {}).get(role) or secrets.token_urlsafe(18) for role in ROLE_USERS}
    env_vars = {ROLE_USERS[role][1]: password for role, password in chosen.items()}
    users = {role: (ROLE_USERS[role][0], password) for role, password in chosen.items()}
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    child_env = {k: v for k, v in os.environ.items() if not k.startswith("FAB_")}
    child_env.update(env_vars)
    child_env["PYTHONUNBUFFERED"] = "1"
    with tempfile.TemporaryDirectory(prefix="golive-fab-") as tmp:
        data = data_dir if data_dir is not None else Path(tmp) / "data"
        log_path = Path(tmp) / "fab_crm.log"
        command = [sys.executable, str(APP_MAIN), "--port", str(port), "--data-dir", str(data)]
        started = time.monotonic()
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                command,
                env=child_env,
                cwd=tmp,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        try:
            _wait_for_login_page(base_url, process, log_path, timeout)
            yield FabPlatform(
                base_url=base_url,
                pid=process.pid,
                log_path=log_path,
                data_dir=data,
                env=env_vars,
                users=users,
                startup_seconds=time.monotonic() - started,
            )
        finally:
            _stop(process)


def _wait_for_login_page(
    base_url: str, process: subprocess.Popen[bytes], log_path: Path, timeout: float
) -> None:
    deadline = time.monotonic() + timeout
    delay = 0.05
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise FabStartError(
                f"the FAB CRM exited with code {process.returncode} before it served; "
                f"its log ends:\n{log_tail(log_path)}"
            )
        try:
            if httpx.get(f"{base_url}{LOGIN_PATH}", timeout=2.0).status_code == 200:
                return
        except httpx.TransportError:
            pass  # not listening yet: that is what we wait for
        time.sleep(delay)
        delay = min(delay * 1.5, 0.5)
    _stop(process)
    raise FabStartError(
        f"the FAB CRM did not answer {base_url}{LOGIN_PATH} within {timeout:.0f} s; "
        f"its log ends:\n{log_tail(log_path)}"
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_TIMEOUT)
