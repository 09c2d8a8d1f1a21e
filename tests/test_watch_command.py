"""golive watch after go-live: a pass over the clean sandbox (smoke passes, goals read), a
fault turning a smoke scenario red (exit 1, the webhook told once), and back."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from golive.gate.history import History

ROOT = Path(__file__).resolve().parents[1]


class Hook(BaseHTTPRequestHandler):
    received: ClassVar[list[dict]] = []

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        Hook.received.append(json.loads(self.rfile.read(length)))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def webhook() -> Iterator[tuple[str, list[dict]]]:
    Hook.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook?token=s3cret", Hook.received
    server.shutdown()


@pytest.fixture
def project(tmp_path: Path, webhook: tuple[str, list[dict]]) -> Path:
    for name in ("features", "steps", "fixtures"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("conftest.py", "acceptance.yaml"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "sandbox").symlink_to(ROOT / "sandbox")
    config = (ROOT / "golive.toml").read_text("utf-8")
    (tmp_path / "golive.toml").write_text(f'{config}\n[watch]\nwebhook = "{webhook[0]}"\n', "utf-8")
    return tmp_path


def watch(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "golive", "--lang", "en", "watch", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_failing_smoke_scenario_is_said_once_and_its_end_too(
    project: Path, webhook: tuple[str, list[dict]]
) -> None:
    _, received = webhook
    clean = watch(project, "--once")
    assert clean.returncode == 0, clean.stdout[-3000:] + clean.stderr[-2000:]
    assert "watch of sandbox" in clean.stdout and ": ok" in clean.stdout
    assert "G-CONV" in clean.stdout
    assert received == []  # ok, as before the first pass: no change to tell
    history = History(project / "reports" / "history.sqlite")
    first = history.last_watch("sandbox")
    assert first is not None and first.smoke_passed == 6 and first.smoke_failed == 0
    assert len(history.readings("G-CONV", "sandbox")) == 1

    red = watch(project, "--once", "--fault", "missing_headers")
    assert red.returncode == 1, red.stdout[-3000:]
    assert "failed: 每个页面都带安全响应头" in red.stdout
    (message,) = received
    assert message["state"] == "failing" and message["target"] == "sandbox"
    assert {f["name"] for f in message["failed"]} >= {"每个页面都带安全响应头"}
    assert {g["id"] for g in message["goals"]} == {"G-CONV", "G-ORDER"}

    again = watch(project, "--once", "--fault", "missing_headers")
    assert again.returncode == 1
    assert len(received) == 1  # still failing: nothing new to tell

    back = watch(project, "--once")
    assert back.returncode == 0
    assert [m["state"] for m in received] == ["failing", "ok"]
    # the webhook's address (it holds a token) is in no report file
    for path in (project / "reports").rglob("*"):
        if path.is_file():
            assert b"s3cret" not in path.read_bytes(), path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--every", "15m"), "--every needs --count N or --until HH:MM"),
        (("--every", "soon", "--count", "2"), "--every 'soon': write a duration"),
        (("--every", "15m", "--until", "00:00"), "--until 00:00: that time has passed today"),
    ],
)
def test_a_watch_stops_by_itself(project: Path, args: tuple[str, ...], message: str) -> None:
    done = watch(project, *args)
    assert done.returncode == 2
    assert message in done.stderr


ON_PAGE = "measure: {page: /, label: 平均订单处理时长, as: admin}"


def test_goals_that_cannot_be_read_make_a_failing_pass(
    project: Path, webhook: tuple[str, list[dict]]
) -> None:
    """The dashboard no longer shows G-ORDER's label (a release renamed it): the pass is
    kept as failing, the webhook is told why, and no goal's reading is kept."""
    catalog = project / "acceptance.yaml"
    text = catalog.read_text("utf-8")
    assert ON_PAGE in text
    catalog.write_text(
        text.replace(ON_PAGE, ON_PAGE.replace("平均订单处理时长", "订单时效")), "utf-8"
    )
    done = watch(project, "--once")
    assert done.returncode == 1, done.stdout[-3000:] + done.stderr[-2000:]
    assert (
        'the goals could not be read, and no reading was kept: cannot read "订单时效" on / as'
        in (done.stdout)
    )
    (message,) = webhook[1]
    assert message["state"] == "failing" and message["failed"] == []
    assert "订单时效" in message["goals_unreadable"] and message["goals"] == []
    history = History(project / "reports" / "history.sqlite")
    last = history.last_watch("sandbox")
    assert last is not None and last.state == "failing" and last.smoke_failed == 0
    assert "订单时效" in last.note  # kept with the pass, and shown on the goals page
    assert "订单时效" in (project / "reports" / "goals.html").read_text("utf-8")
    assert history.readings("G-CONV", "sandbox") == ()


def test_a_goal_read_as_a_role_the_target_lacks_is_refused_before_anything_starts(
    project: Path,
) -> None:
    catalog = project / "acceptance.yaml"
    text = catalog.read_text("utf-8")
    catalog.write_text(text.replace(ON_PAGE, ON_PAGE.replace("as: admin", "as: boss")), "utf-8")
    done = watch(project, "--once")
    assert done.returncode == 2
    assert (
        "acceptance.yaml: goal G-ORDER: measure.as: target 'sandbox' has no user for role 'boss'"
        in (done.stderr)
    )
    assert not (project / "reports" / "history.sqlite").exists()
