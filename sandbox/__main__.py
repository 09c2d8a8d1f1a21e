"""Command line: ``python -m golive_sandbox [--host H] [--port P] [--data-dir D] [--faults F]``.

Prints one line ``golive sandbox serving on http://HOST:PORT (faults: ...)`` once it
listens; exits 2 with a message (no traceback) on bad input such as an unknown fault.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import secrets
import signal
import sys
import tempfile
from pathlib import Path

import uvicorn

from . import db, faults, seed
from .app import build_asgi
from .settings import Settings, SettingsError, session_ttl_from_env

FAULTS_ENV = "GOLIVE_SANDBOX_FAULTS"
DATA_DIR_ENV = "GOLIVE_SANDBOX_DATA_DIR"


def password_env(username: str) -> str:
    """The variable that holds a seeded user's password, e.g. GOLIVE_SANDBOX_SALES2_PASSWORD."""
    return f"GOLIVE_SANDBOX_{username.upper()}_PASSWORD"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line, with the fault list in the epilog."""
    epilog = "faults:\n" + "\n".join(
        f"  {name:22} {text}" for name, text in sorted(faults.FAULTS.items())
    )
    parser = argparse.ArgumentParser(
        prog="python -m golive_sandbox",
        description="Serve the golive sandbox CRM + order platform.",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    parser.add_argument(
        "--port", type=int, default=8000, help="port; 0 picks a free one (default 8000)"
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help=f"folder for sandbox.db (env {DATA_DIR_ENV}; default: a temporary folder)",
    )
    parser.add_argument(
        "--faults",
        default=None,
        help=f"comma-separated fault switches (env {FAULTS_ENV}; the flag wins)",
    )
    parser.add_argument("--access-log", action="store_true", help="log every request")
    return parser.parse_args(argv)


def prepare_database(path: Path) -> dict[str, str]:
    """Create and seed the database; returns the passwords generated here (to print)."""
    db.init(path)
    given = {
        name: os.environ[password_env(name)]
        for name in seed.USERS
        if os.environ.get(password_env(name))
    }
    conn = db.connect(path)
    try:
        if seed.is_seeded(conn):
            if given:
                seed.set_passwords(conn, given)
            return {}
        generated = {name: secrets.token_urlsafe(12) for name in seed.USERS if name not in given}
        seed.seed(conn, {**given, **generated})
        return generated
    finally:
        conn.close()


def print_credentials(generated: dict[str, str]) -> None:
    """Show generated passwords once, so that a person practising can log in."""
    if not generated:
        return
    print("golive sandbox: generated passwords (set GOLIVE_SANDBOX_<USER>_PASSWORD to choose):")
    print(f"  {'username':10} {'role':8} password")
    for name, password in generated.items():
        print(f"  {name:10} {seed.USERS[name][0]:8} {password}")
    sys.stdout.flush()


async def serve(settings: Settings, host: str, port: int, access_log: bool) -> None:
    """Run uvicorn and announce the real address once it listens."""
    config = uvicorn.Config(
        build_asgi(settings),
        host=host,
        port=port,
        access_log=access_log,
        log_level="info",
        workers=1,
        lifespan="off",
        server_header=False,
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started and not task.done():
        await asyncio.sleep(0.02)
    if server.started:
        real_port = server.servers[0].sockets[0].getsockname()[1]
        active = ",".join(sorted(faults.active())) or "none"
        # if nobody reads our output any more, keep serving all the same
        with contextlib.suppress(BrokenPipeError):
            print(
                f"golive sandbox serving on http://{host}:{real_port} (faults: {active})",
                flush=True,
            )
    await task
    if not server.started:
        raise SystemExit(1)  # uvicorn has said why (e.g. the port is taken)


class Stopped(Exception):
    """SIGTERM arrived (uvicorn re-raises it once it has shut down cleanly)."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Stopped


def main(argv: list[str] | None = None) -> int:
    """Parse, configure, seed and serve; 2 for bad input."""
    args = parse_args(argv)
    source = "--faults" if args.faults is not None else FAULTS_ENV
    text = args.faults if args.faults is not None else os.environ.get(FAULTS_ENV, "")
    try:
        faults.configure(faults.parse(text, source))
        ttl = session_ttl_from_env()
    except (faults.UnknownFaultError, SettingsError) as exc:
        print(f"golive sandbox: {exc}", file=sys.stderr)
        return 2
    if not 0 <= args.port <= 65535:
        print(f"golive sandbox: --port {args.port} is not a port (0-65535)", file=sys.stderr)
        return 2
    data_dir = args.data_dir or (
        Path(os.environ[DATA_DIR_ENV]) if os.environ.get(DATA_DIR_ENV) else None
    )
    with tempfile.TemporaryDirectory(prefix="golive-sandbox-") as scratch:
        folder = data_dir or Path(scratch)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            print(f"golive sandbox: cannot use data dir {folder}: {exc}", file=sys.stderr)
            return 2
        settings = Settings(db_path=folder / db.DB_FILE, session_ttl=ttl)
        print_credentials(prepare_database(settings.db_path))
        # after its graceful shutdown uvicorn re-raises the signal it caught; turning
        # SIGTERM into an exception lets the temporary data folder be removed
        signal.signal(signal.SIGTERM, _on_sigterm)
        try:
            asyncio.run(serve(settings, args.host, args.port, args.access_log))
        except (KeyboardInterrupt, Stopped):
            pass
        except SystemExit as exc:
            return int(exc.code or 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
