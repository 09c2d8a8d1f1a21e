"""The command line's contract: help for every command, exit codes, clear refusals."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from golive.cli import ExitCode, main

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
    assert (ExitCode.GO, ExitCode.NO_GO, ExitCode.BAD_INPUT) == (0, 1, 2)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    assert f"usage: golive {command}" in capsys.readouterr().out


@pytest.mark.parametrize("suite", ["load", "security", "uat,load"])
def test_suites_not_yet_available_are_refused(
    suite: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", "--suite", suite]) == ExitCode.BAD_INPUT
    assert "not available in golive" in capsys.readouterr().err


def test_unknown_suite_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["run", "--suite", "uat,perf"])
    assert info.value.code == 2
    assert "unknown suite 'perf'; valid: uat, load, security" in capsys.readouterr().err


def test_unknown_target_suggests_the_close_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--target", "sandbx"]) == ExitCode.BAD_INPUT
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
            "golive.cli",
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
    assert main(["run"]) == ExitCode.BAD_INPUT
    assert "no golive.toml in" in capsys.readouterr().err
