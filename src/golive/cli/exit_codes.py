"""What ``golive`` tells the shell: the exit codes CI pipelines gate on."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What ``golive`` tells the shell; CI pipelines gate on it."""

    GO = 0  # every required criterion is met or waived, every selected check ran: go live
    NO_GO = 1  # a criterion failed, or evidence is missing: do not go live
    NO_VERDICT = 2  # bad input, or an environment that could not run the checks
    INTERNAL_ERROR = 3  # a bug in golive itself: the traceback is in reports/golive-error.log
