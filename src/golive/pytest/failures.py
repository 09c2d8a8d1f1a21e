"""A failed scenario reads as a business message: the step, where it is, what went wrong.

pytest would print some forty lines of traceback per failed step before the sentence the
step wrote for a person. In a scenario, golive shows instead the feature file and line
of the failing step, the step as the scenario says it, and its message, in the
scenario's language. The full traceback stays in the Allure result (allure-pytest-bdd
reads it before this plugin shortens the report) and with ``--tb`` given explicitly
pytest prints its own, for whoever debugs a step definition.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from _pytest._code.code import ReprExceptionInfo, ReprTracebackNative

from golive.errors import GoliveError
from golive.messages import Say, language_of

failed_step_key = pytest.StashKey["FailedStep"]()


@dataclass(frozen=True)
class FailedStep:
    """The scenario step that failed, as the feature file has it."""

    where: str
    """``features/en/contacts.feature:12``, relative to the project when it can be."""
    text: str
    """``Then I see the message "Added Row"``."""
    language: str


def pytest_bdd_step_error(
    request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any
) -> None:
    """Note which step failed, for the report made when the scenario ends."""
    path = Path(feature.filename)
    try:
        shown = path.resolve().relative_to(Path(str(request.config.rootpath)).resolve())
    except ValueError:
        shown = path
    request.node.stash[failed_step_key] = FailedStep(
        where=f"{shown}:{step.line_number}",
        text=f"{step.keyword.strip()} {step.name}",
        language=language_of(feature.language),
    )


def business_message(error: BaseException, say: Say | None = None) -> str:
    """What the failure says to a person: the step's own sentence, without pytest's
    rendering of the assertion under it; golive's own error in ``say``'s language; the
    error's kind and first lines otherwise."""
    if isinstance(error, AssertionError) and error.args:
        text = str(error.args[0])
        # pytest's assertion rewriting adds "\nassert <expression>" to the step's message
        return text.split("\nassert ", 1)[0].strip()
    if isinstance(error, GoliveError):
        return (error.said(say) if say else str(error)).strip()
    lines = str(error).strip().splitlines()
    first = " ".join(line.strip() for line in lines[:3] if line.strip())
    return f"{type(error).__name__}: {first}" if first else type(error).__name__


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Any, None]:
    """Shorten a failed scenario's report to its business message (outermost wrapper:
    the Allure listener has read the full traceback by the time this runs)."""
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    step = item.stash.get(failed_step_key, None)
    if (
        step is None
        or not report.failed
        or call.excinfo is None
        or item.config.option.tbstyle != "auto"
    ):
        return
    say = Say(step.language)
    lines = (
        say("failure.step", where=step.where, step=step.text),
        *(f"  {line}" for line in business_message(call.excinfo.value, say).splitlines()),
        f"  ({say('failure.more')})",
    )
    # the same kind of report pytest makes, so xdist and the summary line still read
    # the crash (file, line, exception message) from it
    report.longrepr = ReprExceptionInfo(
        reprtraceback=ReprTracebackNative([f"{line}\n" for line in lines]),
        reprcrash=getattr(report.longrepr, "reprcrash", None),
    )
