"""The command line's contract: help for every command, exit codes, clear refusals."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from golive.cli.main import ExitCode, main

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = [
    "run",
    "gate",
    "report",
    "criteria",
    "lint",
    "sandbox",
    "waive",
    "signoff",
    "history",
    "baseline",
]


def test_exit_codes_are_the_contract() -> None:
    codes = (ExitCode.GO, ExitCode.NO_GO, ExitCode.NO_VERDICT, ExitCode.INTERNAL_ERROR)
    assert codes == (0, 1, 2, 3)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    assert f"usage: golive {command}" in capsys.readouterr().out


STAGING = """
[golive]
default_target = "staging"

[targets.staging]
base_url = "https://crm-staging.example.com"
"""


@pytest.mark.parametrize(
    ("suite", "refused"),
    [("load", "allow_load = true"), ("security", "allow_probes = true"), ("uat,load", "load")],
)
def test_load_and_probes_are_refused_on_a_target_that_does_not_allow_them(
    suite: str, refused: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "golive.toml"
    config.write_text(STAGING, encoding="utf-8")
    code = main(["--config", str(config), "run", "--target", "staging", "--suite", suite])
    assert code == ExitCode.NO_VERDICT
    err = capsys.readouterr().err
    assert "golive.toml does not allow the" in err
    assert refused in err
    assert "Traceback" not in err


def test_unknown_suite_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["run", "--suite", "uat,perf"])
    assert info.value.code == 2
    assert "unknown suite 'perf'; valid: uat, security, load" in capsys.readouterr().err


def test_unknown_target_suggests_the_close_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--target", "sandbx"]) == ExitCode.NO_VERDICT
    assert "unknown target 'sandbx' (did you mean 'sandbox'?)" in capsys.readouterr().err


def test_unreachable_target_gives_exit_2_without_traceback(tmp_path: Path) -> None:
    config = tmp_path / "golive.toml"
    (tmp_path / "features").mkdir()
    # port 9 (discard) on loopback: nothing listens there
    config.write_text(
        '[golive]\ndefault_target = "down"\n[targets.down]\nbase_url = "http://127.0.0.1:9"\n',
        encoding="utf-8",
    )
    process = subprocess.run(
        [
            sys.executable,
            "-m",
            "golive",
            "--config",
            str(config),
            "run",
            "--catalog",
            str(ROOT / "acceptance.yaml"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert process.returncode == 2
    assert "the target at http://127.0.0.1:9 does not answer" in process.stderr
    assert "Traceback" not in process.stderr


def test_no_config_found_is_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["run"]) == ExitCode.NO_VERDICT
    assert "no golive.toml in" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["lint", "run"])
def test_a_static_policy_for_an_unknown_criterion_is_bad_input(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (ROOT / "golive.toml").read_text(encoding="utf-8")
    old = "[targets.sandbox.security.static.policy.AC-SEC-01]"
    assert old in text
    config = tmp_path / "golive.toml"
    config.write_text(text.replace(old, old.replace("AC-SEC-01", "AC-SCE-01")), encoding="utf-8")
    (tmp_path / "acceptance.yaml").write_text(
        (ROOT / "acceptance.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert main(["--config", str(config), command]) == ExitCode.NO_VERDICT
    err = capsys.readouterr().err
    assert "sets a policy for AC-SCE-01, which acceptance.yaml does not define" in err
    assert "(did you mean 'AC-SEC-01'?)" in err
