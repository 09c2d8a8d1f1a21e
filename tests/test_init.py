"""golive init: a working project for a platform golive has never seen.

Against the Flask-AppBuilder CRM (tests/platforms), a platform of a different make from
the sandbox: init reads its login form and lint is clean on what it writes.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "platforms"))
from fab_platform import FabPlatform, serve_fab

from golive.scaffold.login_page import LoginForm, find_login_form


def golive(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "golive", *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=env,
    )


@pytest.fixture(scope="module")
def fab() -> Iterator[FabPlatform]:
    with serve_fab() as platform:
        yield platform


def test_init_reads_the_login_form_and_lint_is_clean(fab: FabPlatform, tmp_path: Path) -> None:
    project = tmp_path / "fab"
    made = golive("init", str(project), "--url", fab.base_url)
    assert made.returncode == 0, made.stderr
    assert 'user name field "Username", password field "Password", button "Sign In"' in (
        made.stdout
    )
    linted = golive("-C", str(project), "lint")
    assert (linted.returncode, linted.stdout.strip()) == (0, "lint: clean"), linted.stderr
    again = golive("init", str(project), "--url", fab.base_url)
    assert again.returncode == 2
    assert "never overwrites" in again.stderr


def test_a_login_form_is_read_as_a_person_reads_it() -> None:
    html = (
        '<form method=post><input type=hidden name=csrf value=x><label for="u">Username:'
        '</label><input id="u" name="username"><label>Password <input type="password">'
        '</label><button type="submit"><img src=x alt="">Sign in</button></form>'
    )
    assert find_login_form(html) == LoginForm("Username", "Password", "Sign in")
    by_placeholder = (
        '<form><input name=u placeholder="Email address"><input type=password '
        'aria-label="Secret"><input type=submit value="Log in"></form>'
    )
    assert find_login_form(by_placeholder) == LoginForm("Email address", "Secret", "Log in")
    # a field no person could name is not guessed at
    assert find_login_form("<form><input name=u><input type=password><button>Go</button>") is None
    assert find_login_form("<form><input name=q><button>Search</button></form>") is None


def test_an_unreachable_or_bad_url_gives_no_project(tmp_path: Path) -> None:
    bad = golive("init", str(tmp_path / "p"), "--url", "ftp://example")
    assert bad.returncode == 2
    assert "is not an http:// or https:// address" in bad.stderr
    down = golive("init", str(tmp_path / "p"), "--url", "http://127.0.0.1:9")
    assert down.returncode == 2
    assert "does not answer" in down.stderr
    assert not (tmp_path / "p").exists()
