"""Generic network steps: the connection drops, or only the answer to a submission is lost.

"The network drops" takes the browser offline, so a request never leaves it. "The answer
to the next submission is lost" lets the next request that changes something reach the
server, which processes it, and fails it in the browser as a connection reset on the
way back would: the user retries, and a platform whose retry is not idempotent makes a
second order. A check then says whether the loss really happened, so a scenario that
submitted nothing cannot pass without testing anything.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, Request, Route
from pytest_bdd import step, then

from golive.messages import Say
from golive.pytest.locators import WAIT_MS
from golive.run.target import RunningTarget

READ_ONLY = frozenset({"GET", "HEAD", "OPTIONS"})
"""Methods that change nothing: their answers are never lost."""
SUBMITTING = frozenset({"document", "fetch", "xhr"})
"""Resource types a submission travels as: a form's navigation or a script's request."""


@dataclass(frozen=True)
class Submission:
    """A request whose answer was lost, and what the server had answered."""

    method: str
    url: str
    status: int


@dataclass
class AnswerLoss:
    """The scenario's armed answer loss: the route that waits, and what it caught."""

    context: BrowserContext | None = None
    pattern: re.Pattern[str] | None = None
    armed: bool = False
    caught: Submission | None = None

    def disarm(self) -> None:
        self.armed = False
        if self.context is not None and self.pattern is not None:
            self.context.unroute(self.pattern, self.lose)
        self.context = None

    def lose(self, route: Route) -> None:
        """Send the submission to the server, keep its status, and fail it in the browser."""
        request = route.request
        if not self.armed or not submits(request):
            route.fallback()  # everything else goes on untouched
            return
        self.armed = False  # one-shot: the retry gets its answer
        try:
            response = route.fetch(max_redirects=0)  # the server's own answer, a 303 too
            self.caught = Submission(request.method, request.url, response.status)
            response.dispose()
        finally:
            route.abort("connectionreset")
            # only now: unrouting while a request is held lets the browser send it itself
            self.disarm()


def submits(request: Request) -> bool:
    """Whether ``request`` changes something: a form posted, a script's write."""
    return request.method not in READ_ONLY and request.resource_type in SUBMITTING


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture
def answer_loss() -> AnswerLoss:
    return AnswerLoss()


@step("网络断开")
@step("the network drops")
def network_drops(page: Page) -> None:
    """The request never leaves the browser."""
    page.context.set_offline(True)


@step("网络恢复")
@step("the network is back")
def network_back(page: Page) -> None:
    page.context.set_offline(False)


@step("下一次提交的应答丢失")
@step("the answer to the next submission is lost")
def next_answer_lost(page: Page, golive_target: RunningTarget, answer_loss: AnswerLoss) -> None:
    """The next request to the target that changes something (not GET, HEAD or OPTIONS;
    a document, fetch or XHR) reaches the server and is processed; its answer is thrown
    away and the browser sees the connection reset."""
    answer_loss.disarm()
    answer_loss.caught = None
    answer_loss.armed = True
    answer_loss.context = page.context
    answer_loss.pattern = re.compile("^" + re.escape(origin(golive_target.base_url)) + "/")
    page.context.route(answer_loss.pattern, answer_loss.lose)


@then("刚才的提交已到达服务器，但应答丢失了")
@then("the submission reached the server but its answer was lost")
def answer_was_lost(
    page: Page, golive_target: RunningTarget, answer_loss: AnswerLoss, golive_say: Say
) -> None:
    """The armed loss caught a submission, and the server accepted it (a refused one
    would make the retry prove nothing)."""
    assert answer_loss.pattern is not None, golive_say("net.not_armed")
    deadline = time.monotonic() + WAIT_MS / 1000
    # the page's script may still be sending: Playwright routes while the page waits
    while answer_loss.caught is None and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    caught = answer_loss.caught
    assert caught is not None, golive_say(
        "net.nothing_submitted", origin=origin(golive_target.base_url)
    )
    assert caught.status < 400, golive_say(
        "net.refused", method=caught.method, url=caught.url, status=caught.status
    )


def _no_script(route: Route) -> None:
    if route.request.resource_type == "script":
        route.abort("blockedbyclient")
    else:
        route.fallback()


@step("页面脚本加载失败")
@step("the page's scripts fail to load")
def scripts_fail(page: Page, golive_target: RunningTarget) -> None:
    """From the next page on, the platform's script files do not load (a proxy or a
    network that blocks them, an old browser): its forms must still work as plain HTML
    forms, saying what they did."""
    origin = re.escape(golive_target.base_url.rstrip("/"))
    page.context.route(re.compile(f"^{origin}/"), _no_script)
