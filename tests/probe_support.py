"""What the probe tests share: the purpose-built endpoints (tests/data/security/) served
by uvicorn on loopback, and a Prober of them with the settings a test names."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from golive.inputs.config import load_config
from golive.inputs.security_policy import SecuritySettings
from golive.pytest.api import ApiClient
from golive.run.target import RunningTarget, free_port
from golive.security.probes.prober import Finding, Prober

sys.path.insert(0, str(Path(__file__).parent / "data" / "security"))
from endpoints import CHANGED, SESSIONS, USERS, app
from endpoints import PASSWORDS as USER_PASSWORDS
from form_pages import DISPLAY as FORM_DISPLAY
from form_pages import NOTES as FORM_NOTES
from form_pages import TICKETS

PASSWORDS = {f"{user.upper()}_PW": pw for user, pw in USER_PASSWORDS.items()}


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="critical", access_log=False)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def _target_file(tmp: Path, base_url: str, login: str = "/login", probes: bool = True) -> Path:
    users = "".join(
        f'[targets.t.users.{name}]\nusername = "{name}"\npassword_env = "{name.upper()}_PW"\n'
        for name in ("alice", "bob", "carol")
    )
    path = tmp / "golive.toml"
    path.write_text(
        f'[golive]\ndefault_target = "t"\n[targets.t]\nbase_url = "{base_url}"\n'
        f"allow_probes = {'true' if probes else 'false'}\n"
        f'[targets.t.login]\npath = "{login}"\n[targets.t.api]\ntoken_path = "/api/token"\n'
        + users,
        encoding="utf-8",
    )
    return path


def prober(tmp: Path, base_url: str, login: str = "/login", **settings: Any) -> Prober:
    target = load_config(_target_file(tmp, base_url, login)).target()
    defaults: dict[str, Any] = {"role": "bob", "openapi": None, "pages": ("/home",)}
    target = replace(target, security=SecuritySettings(**{**defaults, **settings}))
    running = RunningTarget(target=target, base_url=base_url, secrets=PASSWORDS)
    return Prober(running, ApiClient(running).token)


def flagged(findings: list[Finding]) -> list[str]:
    return [f"{f.title} | {f.request}" for f in findings]


__all__ = ["CHANGED", "FORM_DISPLAY", "FORM_NOTES", "SESSIONS", "TICKETS", "USERS", "app"]
