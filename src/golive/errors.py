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

Library code raises these; only the CLI turns them into a message and an exit code.
"""

from __future__ import annotations

from pathlib import Path


class GoliveError(Exception):
    """Root of every error golive reports to a user instead of a traceback."""


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
