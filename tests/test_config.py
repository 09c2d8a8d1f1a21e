"""golive.toml: the shipped file loads, and each bad file gets a message a user can act on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from golive.cli.main import main
from golive.errors import ConfigError
from golive.inputs.config import (
    BROWSER_ENV,
    DEFAULT_BROWSER,
    HEADLESS_SHELL,
    default_browser,
    load_config,
)
from golive.inputs.document import Key, dotted, load_toml

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "config"

# file -> (line, what the message must say)
BAD_FILES = {
    "not_toml.toml": (4, "not valid TOML"),
    "load_over_cap.toml": (
        7,
        "load.shapes.full: 300 users exceed the cap of 200 ([load] max_users)",
    ),
    "load_spike_half.toml": (
        4,
        "load.shapes.peak: a spike needs both spike_users and spike_seconds",
    ),
    "load_unknown_shape_key.toml": (6, "load.shapes.pilot.duration: unknown key"),
    "unknown_section.toml": (1, "golve: unknown key (did you mean 'golive'?)"),
    "bad_url.toml": (
        3,
        "targets.staging.base_url: 'htp://crm-staging' is not an http:// or https:// URL",
    ),
    "sandbox_with_url.toml": (3, "targets.sandbox.base_url: a sandbox target gets its URL"),
    "unknown_default_target.toml": (2, "'sandbx' is not a target (did you mean 'sandbox'?)"),
    "password_in_file.toml": (6, "'hunter2!' is not an environment variable name"),
    "unknown_user_key.toml": (6, "password: unknown key (did you mean 'password_env'?)"),
    "no_targets.toml": (None, "targets: no target defined"),
    "headless_not_bool.toml": (2, "browser.headless: 'yes' is not true or false"),
    "trace_not_bool.toml": (2, "browser.trace: 'on' is not true or false"),
    "relative_login_path.toml": (5, "'login' must be a path starting with '/'"),
    "version_path_and_command.toml": (
        4,
        "targets.crm.version: give either path (an endpoint) or command, not both",
    ),
    "manual_max_age_zero.toml": (2, "manual.max_age_days: 0 is not from 1 to 3650"),
    "login_reuse_minutes_zero.toml": (
        5,
        "targets.sandbox.login.reuse_minutes: 0 is not more than 0 and at most 1440",
    ),
    "missing_username.toml": (4, "targets.sandbox.users.viewer.username: is required"),
    "missing_base_url.toml": (1, "targets.staging.base_url: is required"),
    "security_unknown_key.toml": (
        5,
        "targets.sandbox.security.max_request: unknown key (did you mean 'max_requests'?)",
    ),
    "security_bad_request.toml": (9, "'approve /api/orders/1/approve' is not a request"),
    "security_bad_crawl_exclude.toml": (
        9,
        "crawl_exclude[0]: '/export(' is not a regular expression: missing ), unterminated",
    ),
    "security_bad_risk.toml": (9, "risk: 3 is not a risk level; valid: 1 (nothing stored)"),
    "security_bad_lookup_form.toml": (9, "lookup_forms[1]: '/search' is not a request"),
    "security_unknown_role.toml": (
        10,
        "allowed[0]: 'salse' is not a role of this target (did you mean 'sales'?)",
    ),
    "security_bad_severity.toml": (5, "'critical' is not valid; valid: low, medium, high"),
    "security_id_without_record.toml": (8, "has an {id}: name the list it comes from"),
    "security_policy_not_a_criterion.toml": (4, "'bandit' is not a criterion id"),
    # where TOML says a key in other ways than `key = value` under its table's header
    "dotted_key_bad_value.toml": (4, "targets.sandbox.login.submit: 3 is not a string"),
    "dotted_key_spaces.toml": (
        6,
        "targets.sandbox.users.sales.password: unknown key (did you mean 'password_env'?)",
    ),
    "quoted_table_dot.toml": (
        9,
        "targets.\"crm.test\".login.path: 'login' must be a path starting with '/'",
    ),
    "quoted_table_dot_spaces.toml": (
        10,
        'targets."crm.test".users."sales.eu".aliases: \'sales in Europe\' is not a list',
    ),
    "inline_table_in_array.toml": (
        7,
        "targets.sandbox.security.inputs[1].request: 'approve /api/leads' is not a request",
    ),
    "array_of_tables.toml": (
        10,
        "targets.sandbox.security.inputs[1].body: 'name=y' is not a table",
    ),
    "api_unknown_auth.toml": (
        5,
        "targets.staging.api.auth: 'sesion' is not one of token, session, none "
        "(did you mean 'session'?)",
    ),
    "api_token_without_path.toml": (5, "auth = 'token' needs token_path"),
    "header_in_multiline_string.toml": (
        8,
        "targets.sandbox.login.path: 'login' must be a path starting with '/'",
    ),
}


def test_every_bad_file_has_a_case() -> None:
    assert sorted(p.name for p in DATA.glob("*.toml")) == sorted(BAD_FILES)


@pytest.mark.parametrize(("name", "expected"), sorted(BAD_FILES.items()))
def test_bad_config_is_located_and_explained(name: str, expected: tuple[int | None, str]) -> None:
    line, message = expected
    with pytest.raises(ConfigError) as info:
        load_config(DATA / name)
    error = info.value
    assert error.path == DATA / name
    assert error.line == line
    assert message in str(error)
    where = f"{DATA / name}:{line}" if line else str(DATA / name)
    assert str(error).startswith(where + ": ")


@pytest.mark.parametrize("name", ["bad_url.toml", "unknown_section.toml", "not_toml.toml"])
def test_cli_reports_bad_config_with_exit_2(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--config", str(DATA / name), "run"])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.startswith(f"golive: error: {DATA / name}:")
    assert "Traceback" not in captured.err


# key -> the line it is written on in data/document/key_forms.toml
KEY_LINES: dict[Key, int] = {
    ("title",): 2,
    ("quoted.key",): 3,
    ("literal.key",): 4,
    ("dotted", "spaced", "key"): 5,
    ("site", "example.com"): 6,
    ("text",): 7,
    ("after_text",): 10,
    ("literal_text",): 11,
    ("list",): 14,
    ("list", 0): 15,
    ("list", 2, 1): 17,
    ("list", 3, "deep", "er"): 18,
    ("when",): 20,
    ("whens", 1): 21,
    ("inline", "b.c", "d", 1): 22,
    ("escAped",): 23,
    ("table", "b.c", "d"): 25,
    ("table", "b.c", "d", "x"): 26,
    ("fruits", 0): 28,
    ("fruits", 0, "physical", "color"): 31,
    ("fruits", 0, "varieties", 1, "name"): 35,
    ("fruits", 1): 36,
    ("fruits", 1, "varieties", 0, "name"): 39,
}


@pytest.mark.parametrize(("keys", "line"), KEY_LINES.items(), ids=[dotted(k) for k in KEY_LINES])
def test_every_form_of_toml_key_is_located(keys: Key, line: int) -> None:
    doc = load_toml(ROOT / "tests" / "data" / "document" / "key_forms.toml")
    assert doc.line(keys) == line


def test_shipped_config_loads() -> None:
    config = load_config(ROOT / "golive.toml")
    sandbox = config.target()
    assert sandbox.name == "sandbox" and sandbox.sandbox
    assert sandbox.allow_load and sandbox.allow_probes  # the sandbox may be loaded and probed
    assert {"admin", "manager", "sales", "sales2", "viewer"} <= set(sandbox.users)
    assert sandbox.user("销售").username == "sales"
    assert sandbox.user("Sales Manager").username == "manager"
    assert config.features == ROOT / "features"


def test_unknown_role_suggests_the_close_one() -> None:
    sandbox = load_config(ROOT / "golive.toml").target()
    with pytest.raises(ConfigError, match=r"no user for role 'salse' \(did you mean 'sales'\?\)"):
        sandbox.user("salse")


def test_missing_password_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOLIVE_SANDBOX_VIEWER_PASSWORD", raising=False)
    viewer = load_config(ROOT / "golive.toml").target().user("viewer")
    with pytest.raises(ConfigError, match="GOLIVE_SANDBOX_VIEWER_PASSWORD, which is not set"):
        viewer.password()


def test_remote_target_is_not_loaded_or_probed_unless_allowed(tmp_path: Path) -> None:
    path = tmp_path / "golive.toml"
    path.write_text(
        '[golive]\ndefault_target = "staging"\n'
        '[targets.staging]\nbase_url = "https://crm.example.com/"\n'
        '[targets.local]\nbase_url = "http://127.0.0.1:8080"\n',
        encoding="utf-8",
    )
    config = load_config(path)
    staging, local = config.target("staging"), config.target("local")
    assert staging.base_url == "https://crm.example.com"
    assert not staging.allow_load and not staging.allow_probes
    assert local.allow_load and local.allow_probes


def test_the_default_browser_is_the_headless_shell_where_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(BROWSER_ENV, raising=False)
    path = tmp_path / "golive.toml"
    body = "[targets.sandbox]\nsandbox = true\n"
    path.write_text(body, encoding="utf-8")
    assert default_browser(headless=True) == (
        HEADLESS_SHELL if os.access(HEADLESS_SHELL, os.X_OK) else DEFAULT_BROWSER
    )
    assert load_config(path).browser.executable == default_browser(headless=True)
    assert default_browser(headless=False) == DEFAULT_BROWSER  # the shell shows no window
    path.write_text("[browser]\nheadless = false\n" + body, encoding="utf-8")
    assert load_config(path).browser.executable == DEFAULT_BROWSER
    monkeypatch.setenv(BROWSER_ENV, "/opt/chrome")
    assert load_config(path).browser.executable == "/opt/chrome"
    monkeypatch.setenv(BROWSER_ENV, "playwright")
    assert load_config(path).browser.executable is None
