"""The layering ARCHITECTURE.md promises, checked on the source."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HARNESS = sorted((ROOT / "src" / "golive").rglob("*.py"))
SCENARIO_CODE = sorted([*(ROOT / "steps").rglob("*.py"), ROOT / "conftest.py"])

# The harness reaches the sandbox only over HTTP, and never imports locust: importing
# it patches the whole process with gevent (TOOLCHAIN.md), so load runs in a subprocess.
FORBIDDEN = {"golive_sandbox", "sandbox", "locust", "gevent"}


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_the_harness_exists() -> None:
    assert len(HARNESS) >= 8


@pytest.mark.parametrize("path", HARNESS + SCENARIO_CODE, ids=lambda p: str(p.relative_to(ROOT)))
def test_never_imports_the_sandbox_or_locust(path: Path) -> None:
    assert imported_modules(path) & FORBIDDEN == set()


@pytest.mark.parametrize("path", HARNESS, ids=lambda p: p.name)
def test_modules_stay_small(path: Path) -> None:
    # a module past ~400 lines is two concepts (STYLE.md)
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400
