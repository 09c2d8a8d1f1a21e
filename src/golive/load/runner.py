"""A bounded load run: Locust, as a subprocess, playing one shape against a target.

Locust patches the process it is imported into with gevent, so golive never imports it
(tests/test_architecture.py holds this): it starts ``python -m locust`` with the
project's profile plus golive's shape player (shape_player.py), hands it the shape's
stages in the environment, shows progress while it runs, and reads its output files
when it is done.

Fail closed: a target golive.toml does not allow is refused before anything is sent; a
run that cannot start, crashes, outlives its time or leaves the target not answering
raises :class:`SuiteError` with the reason, so its thresholds are broken, never passed.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import signal
import subprocess  # nosec B404
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from golive.errors import SuiteError, TargetError
from golive.inputs.shapes import LoadSettings, Shape
from golive.load.performance import LoadMeasurements, read_locust
from golive.run.target import RunningTarget, check_reachable, log_tail

GRACE_SECONDS = 60
"""How long past its shape a run may take to stop and write its files before it is killed."""
_CONNECTION_ERRORS = (
    "ConnectionRefused",
    "Connection refused",
    "ConnectionReset",
    "RemoteDisconnected",
    "BrokenPipe",
)
"""How Locust's failures CSV names requests that never reached a server (its own text)."""


@dataclass(frozen=True)
class LoadRun:
    """A finished load run and where its files are."""

    shape: Shape
    seconds: int
    folder: Path
    measurements: LoadMeasurements

    @property
    def html(self) -> Path:
        """Locust's own report."""
        return self.folder / "locust.html"


def allow_load(running: RunningTarget) -> None:
    """Refuse a target that golive.toml does not allow to be loaded."""
    target = running.target
    if not target.allow_load:
        raise TargetError(
            f"golive.toml does not allow load on target {target.name!r} ({running.base_url}); "
            f"load only platforms you are responsible for, and allow it with "
            f"allow_load = true under [targets.{target.name}]"
        )


SHAPE_PLAYER = Path(__file__).with_name("shape_player.py")
"""golive's own Locust shape, added to the profile unless ``[load] shape`` names another."""


def locust_command(
    settings: LoadSettings,
    base_url: str,
    prefix: Path,
    *,
    processes: int | None = None,
    expect_workers: int = 0,
) -> list[str]:
    """The Locust command line for one headless, shaped run writing its files at ``prefix``."""
    shape_file = settings.shape_file or SHAPE_PLAYER
    for path in (settings.profile, shape_file):
        if not path.is_file():
            raise SuiteError(f"no Locust profile at {path} (golive.toml [load])")
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        f"{settings.profile},{shape_file}",
        "--headless",
        "--host",
        base_url,
        "--json-file",
        str(prefix),
        "--csv",
        str(prefix),
        "--csv-full-history",
        "--html",
        str(prefix.with_suffix(".html")),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    if expect_workers:
        command += ["--master", "--expect-workers", str(expect_workers)]
    elif (processes or settings.processes) > 1:
        command += ["--processes", str(processes or settings.processes)]
    return command


def run_load(
    settings: LoadSettings,
    running: RunningTarget,
    shape: Shape,
    folder: Path,
    *,
    seconds: int | None = None,
    processes: int | None = None,
    expect_workers: int = 0,
    extra_env: dict[str, str] | None = None,
    progress: Callable[[str], None] = print,
) -> LoadRun:
    """Play ``shape`` against ``running`` and return what was measured."""
    allow_load(running)
    seconds = seconds or shape.seconds
    settings.check(shape, seconds)
    folder.mkdir(parents=True, exist_ok=True)
    prefix = folder / "locust"
    for old in folder.glob("locust*"):
        old.unlink()  # an earlier run's numbers must not pass for this one's
    env = {
        **running.child_env(),
        **(extra_env or {}),
        "GOLIVE_LOAD_STAGES": json.dumps(shape.stages(seconds)),
        "GOLIVE_LOAD_THINK": ",".join(f"{s:g}" for s in settings.think_seconds),
    }
    command = locust_command(
        settings, running.base_url, prefix, processes=processes, expect_workers=expect_workers
    )
    log_path = folder / "locust.log"
    with log_path.open("wb") as log:
        # a session of its own: --processes forks workers, and a kill must reach them all
        process = subprocess.Popen(  # our interpreter, our arguments  # noqa: S603  # nosec B603
            command,
            cwd=settings.profile.parent,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            _watch(process, prefix, shape, seconds, progress, log_path)
        finally:
            _stop_all(process)
    # 1 also means "some requests failed", which the thresholds judge; a Locust that
    # could not start exits 1 as well, but leaves no final statistics behind
    finished = prefix.with_name(prefix.name + ".json").is_file()
    if process.returncode not in (0, 1) or not finished:
        raise SuiteError(
            f"Locust exited with code {process.returncode} before finishing the "
            f"{shape.name} load; its log ends:\n{log_tail(log_path)}"
        )
    try:
        check_reachable(running.base_url)
    except TargetError as exc:
        raise SuiteError(
            f"the target stopped answering during the {shape.name} load: {exc}"
        ) from None
    refused = _connection_failures(prefix.with_name("locust_failures.csv"))
    if refused:
        raise SuiteError(
            f"the target dropped connections during the {shape.name} load ({refused} requests "
            f"could not connect): the platform went down or restarted mid-run"
        )
    crashed = _profile_errors(prefix.with_name("locust_exceptions.csv"))
    if crashed:
        # a journey that crashes is not measured at all: its thresholds cannot be judged
        raise SuiteError(
            f"the Locust profile raised errors during the {shape.name} load: {crashed}"
        )
    return LoadRun(shape=shape, seconds=seconds, folder=folder, measurements=read_locust(prefix))


def _watch(
    process: subprocess.Popen[bytes],
    prefix: Path,
    shape: Shape,
    seconds: int,
    progress: Callable[[str], None],
    log_path: Path,
) -> None:
    """Wait for Locust, saying how far it is every few seconds; kill it past its time."""
    started = time.monotonic()
    deadline = started + seconds + GRACE_SECONDS
    history = prefix.with_name(prefix.name + "_stats_history.csv")
    while process.poll() is None:
        if time.monotonic() > deadline:
            raise SuiteError(
                f"the {shape.name} load did not stop within {seconds + GRACE_SECONDS} s and was "
                f"killed; its log ends:\n{log_tail(log_path)}"
            )
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            elapsed = time.monotonic() - started
            progress(f"load {shape.name}: {min(elapsed, seconds):.0f}/{seconds} s{_now(history)}")


def _stop_all(process: subprocess.Popen[bytes]) -> None:
    """Kill whatever is left of Locust's process group: the master, or workers it forked."""
    with contextlib.suppress(ProcessLookupError):  # nothing left: all ended by themselves
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _profile_errors(path: Path) -> str:
    """The exceptions the profile raised (Locust's exceptions CSV), summed up; "" if none."""
    try:
        with path.open(encoding="utf-8", newline="") as file:
            rows = [r for r in csv.DictReader(file) if int(r.get("Count") or 0)]
    except OSError:
        return ""
    return "; ".join(f"{r['Count']} x {_last_line(r)[:200]}" for r in rows[:5])


def _last_line(row: dict[str, str]) -> str:
    """The traceback's last line names the exception (``KeyError: 'customer_id'``)."""
    lines = [line.strip() for line in (row.get("Traceback") or "").splitlines() if line.strip()]
    return lines[-1] if lines else (row.get("Message") or "").strip()


def _now(history: Path) -> str:
    """The newest second of the stats history: users, throughput, p95."""
    try:
        with history.open(encoding="utf-8", newline="") as file:
            rows = [r for r in csv.DictReader(file) if r.get("Name") == "Aggregated"]
    except OSError:
        return ""
    if not rows:
        return ""
    row = rows[-1]
    return f", {row['User Count']} users, {float(row['Requests/s']):.1f} req/s, p95 {row['95%']} ms"


def _connection_failures(path: Path) -> int:
    """Requests that could not reach the server at all (not a slow or refused answer)."""
    try:
        with path.open(encoding="utf-8", newline="") as file:
            return sum(
                int(row.get("Occurrences") or 0)
                for row in csv.DictReader(file)
                if any(marker in (row.get("Error") or "") for marker in _CONNECTION_ERRORS)
            )
    except OSError:
        return 0


def worker_command(settings: LoadSettings, master_host: str) -> list[str]:
    """A Locust worker for a master started with ``expect_workers`` (another machine too)."""
    return [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(settings.profile),
        "--worker",
        "--master-host",
        master_host,
    ]
