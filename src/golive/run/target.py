"""Reaching the platform under test: start the embedded sandbox, or check a remote one.

The harness never imports the sandbox: it starts ``python -m golive_sandbox`` as a
process and talks to it over HTTP, exactly as it reaches any other platform.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import secrets
import socket
import subprocess  # nosec B404
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from golive.errors import ConfigError, TargetError
from golive.evidence.records import Outage
from golive.inputs.config import Target

SANDBOX_MODULE = "golive_sandbox"
SANDBOX_NEEDS = ("golive_sandbox", "fastapi", "uvicorn", "multipart")
"""What `python -m golive_sandbox` imports: the extra golive[sandbox] installs it."""
FAULTS_ENV = "GOLIVE_SANDBOX_FAULTS"
STARTUP_TIMEOUT = 30.0
"""Seconds the sandbox may take to answer /health before golive gives up on it."""


@dataclass(frozen=True)
class RunningSandbox:
    """A sandbox process serving on loopback."""

    base_url: str
    pid: int
    log_path: Path


@dataclass(frozen=True)
class RunningTarget:
    """A target that answers, with the secrets golive generated for it (sandbox only)."""

    target: Target
    base_url: str
    secrets: Mapping[str, str] = field(default_factory=dict, repr=False)
    """Environment variables (name -> value) that hold the users' passwords."""

    def credentials(self, role: str) -> tuple[str, str]:
        """Username and password of the user for ``role`` (by role key or alias)."""
        user = self.target.user(role)
        secret = self.secrets.get(user.password_env)
        return user.username, secret if secret is not None else user.password()

    def child_env(self) -> dict[str, str]:
        """The environment for a process that checks this target, secrets included."""
        return {**os.environ, **self.secrets}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def sandbox_password_env(username: str) -> str:
    """The variable the sandbox reads a seeded user's password from."""
    return f"GOLIVE_SANDBOX_{username.upper()}_PASSWORD"


@contextmanager
def serve_sandbox(
    faults: Iterable[str] = (),
    passwords: Mapping[str, str] | None = None,
    *,
    port: int | None = None,
    data_dir: Path | None = None,
    session_ttl: int | None = None,
    timeout: float = STARTUP_TIMEOUT,
) -> Iterator[RunningSandbox]:
    """Start the sandbox on 127.0.0.1, wait until /health answers, and stop it on exit.

    ``passwords`` maps seeded usernames to the passwords the sandbox gives them; users
    left out get a random one. ``faults`` switches on the sandbox's deliberate defects.
    ``session_ttl`` shortens the idle time (seconds) after which a session expires.
    """
    missing = [name for name in SANDBOX_NEEDS if importlib.util.find_spec(name) is None]
    if missing:
        raise TargetError(
            f"the sandbox needs {', '.join(missing)}, which are not installed: "
            f"pip install 'golive[sandbox]'"
        )
    port = port or free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOLIVE_SANDBOX_")}
    env[FAULTS_ENV] = ",".join(faults)
    if session_ttl is not None:
        env["GOLIVE_SANDBOX_SESSION_TTL"] = str(session_ttl)
    env.update({sandbox_password_env(user): pw for user, pw in (passwords or {}).items()})
    with tempfile.TemporaryDirectory(prefix="golive-sandbox-") as tmp:
        log_path = Path(tmp) / "sandbox.log"
        command = [
            sys.executable,
            "-m",
            SANDBOX_MODULE,
            "--port",
            str(port),
            "--data-dir",
            str(data_dir or tmp),
        ]
        with log_path.open("wb") as log:
            process = subprocess.Popen(  # our own interpreter and module  # noqa: S603  # nosec B603
                command, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )
        try:
            _wait_healthy(base_url, process, log_path, timeout)
            yield RunningSandbox(base_url=base_url, pid=process.pid, log_path=log_path)
        finally:
            _stop(process)


def faults_for(target: Target, faults: Iterable[str] = ()) -> tuple[str, ...]:
    """The sandbox faults asked for: ``faults`` (``--fault``) and ``GOLIVE_SANDBOX_FAULTS``;
    TargetError if any is asked for on a target that is not the sandbox."""
    from_env = os.environ.get(FAULTS_ENV, "").split(",")
    found = tuple(dict.fromkeys(f.strip() for f in (*faults, *from_env) if f.strip()))
    if found and not target.sandbox:
        raise TargetError(
            f"fault switches ({', '.join(found)}; --fault or {FAULTS_ENV}) work only on "
            f"the sandbox, not on target {target.name!r}"
        )
    return found


def check_passwords(target: Target) -> None:
    """ConfigError naming every user's password variable that is unset (not the sandbox's:
    it makes its own). A run without them would only fail each login, one by one."""
    if target.sandbox:
        return
    unset = [u for u in target.users.values() if not os.environ.get(u.password_env)]
    if unset:
        named = ", ".join(f"{u.password_env} (the password of {u.role!r})" for u in unset)
        raise ConfigError(
            f"target {target.name!r}: set the environment variable(s) {named} before the run; "
            f"golive reads passwords only from the environment"
        )


@contextmanager
def open_target(target: Target, faults: Iterable[str] = ()) -> Iterator[RunningTarget]:
    """Make ``target`` ready to check: start it when it is the sandbox, else check it answers.

    The sandbox starts with ``faults`` and those of ``GOLIVE_SANDBOX_FAULTS``, merged; a
    fault asked for on any other target is refused, never silently ignored.
    """
    faults = faults_for(target, faults)
    if not target.sandbox:
        assert target.base_url is not None  # config guarantees it  # noqa: S101  # nosec B101
        check_reachable(target.base_url)
        yield RunningTarget(target=target, base_url=target.base_url)
        return
    # A sandbox run gets fresh passwords unless the user set them: the secrets exist
    # only in this process's children, so a report that leaks one is easy to catch.
    generated = {
        user.password_env: os.environ.get(user.password_env) or secrets.token_urlsafe(18)
        for user in target.users.values()
    }
    passwords = {user.username: generated[user.password_env] for user in target.users.values()}
    with serve_sandbox(faults, passwords) as sandbox:
        yield RunningTarget(target=target, base_url=sandbox.base_url, secrets=generated)


def check_reachable(base_url: str, timeout: float = 10.0) -> None:
    """Raise TargetError unless something answers HTTP at ``base_url``."""
    try:
        httpx.get(base_url, timeout=timeout, follow_redirects=False)
    except httpx.HTTPError as exc:
        raise TargetError(
            f"the target at {base_url} does not answer ({type(exc).__name__}: {exc}); "
            f"check base_url in golive.toml and that the platform is running"
        ) from None


def _wait_healthy(
    base_url: str, process: subprocess.Popen[bytes], log_path: Path, timeout: float
) -> None:
    deadline = time.monotonic() + timeout
    delay = 0.02
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise TargetError(
                f"the sandbox exited with code {process.returncode} before it served; "
                f"its log ends:\n{log_tail(log_path)}"
            )
        try:
            if httpx.get(f"{base_url}/health", timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            pass  # not listening yet: that is what we are waiting for
        time.sleep(delay)
        delay = min(delay * 1.5, 0.25)
    _stop(process)
    raise TargetError(
        f"the sandbox did not answer {base_url}/health within {timeout:.0f} s; "
        f"its log ends:\n{log_tail(log_path)}"
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def log_tail(path: Path, lines: int = 20) -> str:
    """The last ``lines`` of a log file, for an error message."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:]) or "(empty log)"


class Watch:
    """Asks a running target, every ``interval`` seconds in a thread, whether it answers.

    Any HTTP answer counts, even an error page. ``failures`` refused connections in a row
    mean it stopped answering, and :attr:`outage` says between which moments. A timeout
    is a busy platform (under load, say) until no answer has come for ``hang`` seconds:
    then it has stopped answering too.
    Used as a context manager around the suites; a last check is made on leaving.
    """

    def __init__(
        self,
        base_url: str,
        *,
        interval: float = 1.0,
        failures: int = 3,
        timeout: float = 5.0,
        hang: float = 60.0,
    ) -> None:
        self.base_url = base_url
        self.interval = interval
        self.failures = failures
        self.timeout = timeout
        self.hang = hang
        self.outage: Outage | None = None
        self._last_answer = dt.datetime.now().astimezone()
        self._first_refusal = self._last_answer
        self._streak = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._poll, name="golive-watch", daemon=True)

    def __enter__(self) -> Watch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join(timeout=self.timeout + self.interval + 1)
        # the target may have died after the last poll: ask again (a few times at most)
        for _ in range(self.failures):
            if not self._check() or not self._streak:
                break  # an outage, or an answer
            time.sleep(min(self.interval, 0.5))

    @property
    def answering(self) -> bool:
        return self.outage is None

    def _poll(self) -> None:
        while not self._done.wait(self.interval):
            if not self._check():
                return

    def _check(self) -> bool:
        """Ask once; False once the target is known to have stopped answering."""
        if self.outage is not None:
            return False
        asked = dt.datetime.now().astimezone()
        try:
            # HEAD: any status is an answer, and no page is downloaded every second
            httpx.head(self.base_url, timeout=self.timeout, follow_redirects=False)
        except httpx.ConnectError:
            return self._no_answer(asked, refused=True)
        except httpx.TransportError:  # a timeout, a reset or dropped connection: no answer
            return self._no_answer(asked, refused=False)
        except httpx.HTTPError:
            pass  # it answered, if oddly (a body that does not decode, say)
        self._streak = 0
        self._last_answer = dt.datetime.now().astimezone()
        return True

    def _no_answer(self, asked: dt.datetime, *, refused: bool) -> bool:
        self._streak += 1
        if self._streak == 1:
            self._first_refusal = asked
        silent = (asked - self._last_answer).total_seconds()
        if self._streak >= self.failures and (refused or silent >= self.hang):
            self.outage = Outage(self._last_answer, self._first_refusal)
            return False
        return True
