"""Test data: reproducible from the printed seed, shared by xdist workers, stamped per run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from golive.pytest.data import TestData

ROOT = Path(__file__).resolve().parents[1]

PROJECT_TEST = """\
import pytest
pytest_plugins = ["fixtures.data"]

@pytest.mark.parametrize("n", range(4))
def test_lead(uat_data, n):
    with open(OUT, "a", encoding="utf-8") as f:
        f.write(f"{n} {uat_data.lead().name} {uat_data.order_note().split()[0]}\\n")
"""


def leads(tmp_path: Path, *args: str) -> tuple[list[str], str]:
    out = tmp_path / f"leads-{len(list(tmp_path.glob('leads-*')))}.txt"
    (tmp_path / "test_x.py").write_text(PROJECT_TEST.replace("OUT", repr(str(out))), "utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", "utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert process.returncode == 0, process.stdout[-2000:]
    return sorted(out.read_text("utf-8").splitlines()), process.stdout


def test_the_seed_is_printed_and_reproduces_the_data(tmp_path: Path) -> None:
    first, output = leads(tmp_path, "--golive-seed", "4242", "--golive-run-id", "r1")
    again, _ = leads(tmp_path, "--golive-seed", "4242", "--golive-run-id", "r1")
    other, _ = leads(tmp_path, "--golive-seed", "4243", "--golive-run-id", "r1")
    assert "golive: test data seed 4242 (reproduce with golive run --seed 4242" in output
    assert first == again
    assert [line.split()[1] for line in first] != [line.split()[1] for line in other]


def test_workers_share_the_seed_and_the_run_id(tmp_path: Path) -> None:
    serial, _ = leads(tmp_path, "--golive-seed", "7", "--golive-run-id", "r2")
    parallel, _ = leads(tmp_path, "--golive-seed", "7", "--golive-run-id", "r2", "-n", "2")
    assert serial == parallel  # each scenario's data depends on the seed and its own id
    marks = {line.split()[2] for line in parallel}
    assert all(mark.startswith("UAT-r2-") for mark in marks)
    assert len(marks) == 4  # unique per scenario


@pytest.mark.parametrize("length", [0, 1, 100, 101, 10_000])
def test_text_has_exactly_the_length_asked(length: int) -> None:
    sys.path.insert(0, str(ROOT))

    assert len(TestData(1, "r", "s").text(length)) == length
