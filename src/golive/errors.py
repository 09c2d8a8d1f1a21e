"""The exceptions golive raises, all rooted in :class:`GoliveError`.

::

    GoliveError                 anything golive reports to a user (exit code 2: no verdict)
    ├── ConfigError             golive.toml or another input file is invalid
    ├── TargetError             the target platform cannot be started or reached
    ├── SetupError              this machine cannot run the checks (no browser, unwritable
    │                           reports folder)
    ├── SuiteError              a suite could not run to the end (crash, missing output)
    └── NotAvailableError       a command of the contract that this version lacks

Any other exception is a bug in golive (exit code 3).

Library code raises these; only the CLI turns them into a message and an exit code. An
error a scenario's reader sees (a probe that could not prove anything) is raised with a
:class:`~golive.messages.Phrase`, said later in the reader's language by ``said(say)``;
``str()`` is its English text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from golive.messages import Phrase, Say


class GoliveError(Exception):
    """Root of every error golive reports to a user instead of a traceback."""

    def __init__(self, message: Any = "", *args: Any) -> None:
        self.phrase = message if isinstance(message, Phrase) else None
        super().__init__(str(message), *args)

    def said(self, say: Say) -> str:
        """The message in ``say``'s language, where it was raised with a Phrase."""
        return self.phrase(say) if self.phrase is not None else str(self)


class ConfigError(GoliveError):
    """An input file is invalid; the message locates the problem and says what is valid."""

    def __init__(self, message: str, *, path: Path | None = None, line: int | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        super().__init__(self.__str__())

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


class TargetError(GoliveError):
    """The target platform could not be started, or does not answer."""


class SetupError(GoliveError):
    """This machine cannot run the checks: the browser is missing, reports/ is unwritable."""


class SuiteError(GoliveError):
    """A suite of checks could not run to the end, so it gave no usable evidence."""


class NotAvailableError(GoliveError):
    """A command of the contract that this version of golive does not provide yet."""


class GoliveWarning(UserWarning):
    """Something golive noticed that does not stop the run; an error under golive's tests."""
