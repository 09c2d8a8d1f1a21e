"""golive: a go-live gate for platform implementations.

UAT scenarios, load profiles and security scans gather evidence for each acceptance
criterion; the gate answers GO or NO-GO per rollout phase.

The public names below are imported on first use, so that ``import golive`` (and the
``golive`` command's start) stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_PUBLIC = {
    "Browser": "golive.inputs.config",
    "Config": "golive.inputs.config",
    "LoginForm": "golive.inputs.config",
    "Target": "golive.inputs.config",
    "User": "golive.inputs.config",
    "load_config": "golive.inputs.config",
    "ConfigError": "golive.errors",
    "GoliveError": "golive.errors",
    "GoliveWarning": "golive.errors",
    "NotAvailableError": "golive.errors",
    "SuiteError": "golive.errors",
    "TargetError": "golive.errors",
    "RunningSandbox": "golive.run.target",
    "RunningTarget": "golive.run.target",
    "open_target": "golive.run.target",
    "serve_sandbox": "golive.run.target",
}

__all__ = [
    "Browser",
    "Config",
    "ConfigError",
    "GoliveError",
    "GoliveWarning",
    "LoginForm",
    "NotAvailableError",
    "RunningSandbox",
    "RunningTarget",
    "SuiteError",
    "Target",
    "TargetError",
    "User",
    "__version__",
    "load_config",
    "open_target",
    "serve_sandbox",
]

if TYPE_CHECKING:
    from golive.errors import (
        ConfigError,
        GoliveError,
        GoliveWarning,
        NotAvailableError,
        SuiteError,
        TargetError,
    )
    from golive.inputs.config import Browser, Config, LoginForm, Target, User, load_config
    from golive.run.target import RunningSandbox, RunningTarget, open_target, serve_sandbox


def __getattr__(name: str) -> Any:
    if name not in _PUBLIC:
        raise AttributeError(f"module 'golive' has no attribute {name!r}")
    return getattr(importlib.import_module(_PUBLIC[name]), name)
