"""Wires the step definitions and the browser into pytest for the feature files."""

from __future__ import annotations

from typing import Any

import pytest

from golive.browser import launch_options
from golive.config import Config
from golive.target import RunningTarget

pytest_plugins = ["steps.web"]


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any], golive_config: Config
) -> dict[str, Any]:
    """pytest-playwright's launch options, with the browser golive.toml names."""
    return {**browser_type_launch_args, **launch_options(golive_config.browser)}


@pytest.fixture(scope="session")
def base_url(golive_target: RunningTarget) -> str:
    """The running target's URL (pytest-playwright's own base_url is lost under xdist)."""
    return golive_target.base_url
