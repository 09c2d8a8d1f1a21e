"""What evidence was produced against: the platform version, read as golive.toml says, and
the project's commit."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from golive.errors import TargetError
from golive.inputs.provenance import VersionSource
from golive.run.provenance import platform_version, project_commit

ANSWERS = {
    "/health": {"status": "ok"},
    "/version": {"version": "7.2"},
    "/api/about": {"app": {"release": "2026.12.1"}},
}


class _Platform(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        answer = ANSWERS.get(self.path)
        body = json.dumps(answer).encode()
        self.send_response(200 if answer else 404)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def platform() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Platform)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_by_default_the_platform_is_asked_at_health_then_version(platform: str) -> None:
    assert platform_version(platform, VersionSource(), Path.cwd()) == "7.2"


def test_a_configured_endpoint_and_dotted_field(platform: str) -> None:
    source = VersionSource(path="/api/about", field="app.release")
    assert platform_version(platform, source, Path.cwd()) == "2026.12.1"


def test_a_configured_endpoint_without_the_field_is_an_error(platform: str) -> None:
    with pytest.raises(TargetError, match=r"without the field 'app\.version'"):
        platform_version(platform, VersionSource(path="/api/about", field="app.version"), Path())


def test_a_platform_that_says_nothing_has_no_version(platform: str) -> None:
    assert platform_version(f"{platform}/nothing-here", VersionSource(), Path.cwd()) is None


def test_a_version_command(tmp_path: Path) -> None:
    command = f"{sys.executable} -c \"print(); print('  v9.1-rc2 ')\""
    assert platform_version("http://unused", VersionSource(command=command), tmp_path) == "v9.1-rc2"
    failing = VersionSource(command=f'{sys.executable} -c "raise SystemExit(3)"')
    with pytest.raises(TargetError, match="exited 3 without a version"):
        platform_version("http://unused", failing, tmp_path)


def test_the_project_commit_and_its_changes(tmp_path: Path) -> None:
    assert project_commit(tmp_path) is None  # not a checkout

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(tmp_path), *args], check=True, capture_output=True, text=True
        )
        return done.stdout.strip()

    git("init", "-q")
    (tmp_path / "acceptance.yaml").write_text("criteria: []\n", encoding="utf-8")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "first")
    head = git("rev-parse", "HEAD")
    assert project_commit(tmp_path) == head
    (tmp_path / "acceptance.yaml").write_text("criteria: [changed]\n", encoding="utf-8")
    assert project_commit(tmp_path) == f"{head}-dirty"
