"""Fixtures for golive's own tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from golive.inputs.config import load_config
from golive.pytest.browser import launch_options

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    """Playwright's sync driver, one per test session (named so as not to clash with
    pytest-playwright): a second sync driver in the same thread would refuse to start."""
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def chromium(playwright_driver: Playwright) -> Iterator[Browser]:
    """The browser golive.toml names (Debian's Chromium here), headless."""
    browser = playwright_driver.chromium.launch(
        **launch_options(load_config(ROOT / "golive.toml").browser)
    )
    yield browser
    browser.close()
