"""The layering ARCHITECTURE.md promises, checked on the source."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "golive"
HARNESS = sorted(PACKAGE.rglob("*.py"))
PROJECT_CODE = sorted(
    [*(ROOT / "steps").rglob("*.py"), *(ROOT / "fixtures").rglob("*.py"), ROOT / "conftest.py"]
)
SHAPE_PLAYER = PACKAGE / "load" / "shape_player.py"
"""Runs inside Locust's own process: the one file of golive that imports locust."""

# The harness reaches the sandbox only over HTTP, and never imports locust: importing
# it patches the whole process with gevent (TOOLCHAIN.md), so load runs in a subprocess.
FORBIDDEN = {"golive_sandbox", "sandbox", "locust", "gevent"}

LAYERS = {
    "errors": {"messages"},  # an error can carry a message said in the reader's language
    "messages": set(),
    "inputs": {"errors"},
    "evidence": {"errors", "inputs"},
    "gate": {"errors", "inputs", "evidence"},
    "run": {"errors", "inputs", "evidence"},
    "load": {"errors", "inputs", "run"},
    "security": {"errors", "inputs", "evidence", "run"},
    "migration": {"errors", "inputs", "evidence"},
    "scaffold": {"errors", "inputs"},
    "report": {"errors", "inputs", "evidence", "gate", "load"},
    "pytest": {
        "errors",
        "inputs",
        "evidence",
        "gate",
        "run",
        "load",
        "security",
        "migration",
        "report",
    },
    "cli": {
        "errors",
        "inputs",
        "evidence",
        "gate",
        "run",
        "load",
        "security",
        "migration",
        "report",
        "pytest",
        "scaffold",
    },
}
for _allowed in list(LAYERS.values())[2:]:
    _allowed |= {"errors", "messages"}  # every layer raises golive's errors and speaks
"""Which of golive's subpackages each may import (ARCHITECTURE.md draws the same)."""


def imports(path: Path) -> set[str]:
    """Every module ``path`` imports, dotted, relative imports left out."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def layer(path: Path) -> str:
    """The subpackage of golive ``path`` belongs to (a top-level module is its own)."""
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else Path(parts[0]).stem


def test_the_harness_exists() -> None:
    assert len(HARNESS) >= 8
    assert set(LAYERS) - {"errors", "messages"} <= {p.name for p in PACKAGE.iterdir() if p.is_dir()}


@pytest.mark.parametrize("path", HARNESS + PROJECT_CODE, ids=lambda p: str(p.relative_to(ROOT)))
def test_never_imports_the_sandbox_or_locust(path: Path) -> None:
    tops = {name.split(".")[0] for name in imports(path)}
    if path == SHAPE_PLAYER:
        tops -= {"locust"}
    assert tops & FORBIDDEN == set()


@pytest.mark.parametrize("path", HARNESS, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_layers_import_only_the_layers_below(path: Path) -> None:
    own = layer(path)
    if own not in LAYERS:  # __init__ (lazy public API), __main__
        return
    used = {
        name.split(".")[1]
        for name in imports(path)
        if name.startswith("golive.") and name.split(".")[1] != own
    }
    assert used <= LAYERS[own], f"{own} may not import {sorted(used - LAYERS[own])}"


def test_nothing_imports_the_shape_player() -> None:
    users = [p for p in HARNESS + PROJECT_CODE if "golive.load.shape_player" in imports(p)]
    assert users == []


@pytest.mark.parametrize("path", HARNESS, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_stay_small(path: Path) -> None:
    # a module past ~400 lines is two concepts (STYLE.md)
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400


def test_project_steps_are_only_the_platforms_own() -> None:
    # the generic steps ship in the package; the project keeps what knows its platform
    assert sorted(p.name for p in (ROOT / "steps").glob("*.py")) == [
        "__init__.py",
        "crm.py",
        "crm_roles.py",
    ]


def test_the_wheel_lists_every_subpackage() -> None:
    # pyproject.toml names the packages one by one: a new subpackage left out of it is
    # missing from the wheel, while everything still works from the repository
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"][
            "packages"
        ]
    )
    found = {
        ".".join(("golive", *p.parent.relative_to(PACKAGE).parts))
        for p in PACKAGE.rglob("__init__.py")
    }
    assert found - listed == set()
