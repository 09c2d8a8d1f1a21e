"""The ``golive`` command: the parser (``main``) and the command handlers (``commands``).

The only layer that prints and exits; it may import every other layer of golive. The
handlers are imported when a command runs, not at start, so ``golive --help`` stays fast.
"""

from __future__ import annotations

from golive.cli.main import CRASH_LOG, ExitCode, main

__all__ = ["CRASH_LOG", "ExitCode", "main"]
