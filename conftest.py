"""Wires the step definitions, the test data and the browser into pytest."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import BrowserContext

from golive.browser import attach_failure, launch_options, record
from golive.config import Config
from golive.target import RunningTarget

pytest_plugins = [
    "fixtures.data",
    "steps.web",
    "steps.api",
    "steps.crm",
    "steps.load",
    "steps.security",
]


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


@pytest.fixture
def context(context: BrowserContext) -> Iterator[BrowserContext]:
    """Each scenario's fresh browser context, recorded, failing fast rather than hanging."""
    context.set_default_timeout(15_000)
    record(context)
    return context


def pytest_bdd_step_error(request: pytest.FixtureRequest) -> None:
    """A step failed: attach a screenshot and the trace to it in the Allure result."""
    if "page" in request.fixturenames:
        attach_failure(request.getfixturevalue("page"))
