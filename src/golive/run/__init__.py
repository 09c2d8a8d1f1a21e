"""Running checks: the target (start the sandbox as a process, or reach a URL; watch it
answer) and each suite as a pytest child process.

May import: ``inputs``, ``evidence``, ``golive.errors``."""

from __future__ import annotations

import os

SUITES = ("uat", "security", "load")
"""In the order golive run runs them: load last, so that it disturbs no other suite."""


def default_workers() -> int:
    """Parallel browser workers: one per core, at most two (one browser each)."""
    return max(1, min(2, os.cpu_count() or 1))
