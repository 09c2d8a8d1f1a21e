"""The browser and data fixtures every golive project uses, and failure evidence.

Registered by the plugin (``golive.pytest.plugin``) after pytest-playwright, so the
fixtures here wrap pytest-playwright's own: the browser golive.toml names, the running
target's URL, a recorded context per scenario that fails fast rather than hangs, and a
screenshot and trace attached to the Allure result of a failed step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, BrowserType

from golive.inputs.config import Config
from golive.messages import Say, language_of
from golive.pytest.browser import attach_failure, launch_options, open_browser, record
from golive.pytest.data import TestData
from golive.pytest.logins import SavedLogins
from golive.pytest.plugin import RunIdentity, scenario_key
from golive.run.target import RunningTarget

STEP_TIMEOUT_MS = 15_000
"""How long one browser action may take before the step fails."""


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any], golive_config: Config
) -> dict[str, Any]:
    """pytest-playwright's launch options, with the browser golive.toml names."""
    return {**browser_type_launch_args, **launch_options(golive_config.browser)}


@pytest.fixture(scope="session")
def launch_browser(
    launch_browser: Callable[..., Browser], browser_type: BrowserType, golive_config: Config
) -> Callable[..., Browser]:
    """pytest-playwright's browser launcher; with ``[browser] connect``, each worker takes
    its browser from that browser server instead."""
    if not golive_config.browser.connect:
        return launch_browser
    return lambda **_: open_browser(browser_type, golive_config.browser)


@pytest.fixture(scope="session")
def base_url(golive_target: RunningTarget) -> str:
    """The running target's URL (pytest-playwright's own base_url is lost under xdist)."""
    return golive_target.base_url


@pytest.fixture(scope="session")
def golive_logins(golive_target: RunningTarget) -> SavedLogins:
    """This worker's kept logins, one per role (``golive.pytest.logins``)."""
    return SavedLogins(golive_target.target.login)


@pytest.fixture
def context(context: BrowserContext, golive_config: Config) -> BrowserContext:
    """Each scenario's fresh browser context, recorded (unless ``[browser] trace = false``),
    failing fast rather than hanging."""
    context.set_default_timeout(STEP_TIMEOUT_MS)
    if golive_config.browser.trace:
        record(context)
    return context


@pytest.fixture
def uat_data(golive_run: RunIdentity, request: pytest.FixtureRequest) -> TestData:
    """Reproducible data for this scenario, stamped with the run id.

    A project overrides this fixture to return its own ``TestData`` subclass."""
    return TestData(golive_run.seed, golive_run.run_id, request.node.nodeid)


@pytest.fixture
def golive_say(request: pytest.FixtureRequest) -> Say:
    """golive's messages in the scenario's language (its feature's ``# language:``: zh-CN
    for Chinese, English otherwise); English in a test that is not a scenario."""
    scenario = request.node.stash.get(scenario_key, None)
    return Say(language_of(scenario.feature.language if scenario is not None else "en"))


def pytest_bdd_step_error(request: pytest.FixtureRequest) -> None:
    """A step failed: attach a screenshot and the trace to it in the Allure result."""
    if "page" in request.fixturenames:
        attach_failure(request.getfixturevalue("page"))
