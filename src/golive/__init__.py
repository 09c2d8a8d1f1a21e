"""golive: a go-live gate for platform implementations.

UAT scenarios, load profiles and security scans gather evidence for each acceptance
criterion; the gate answers GO or NO-GO per rollout phase.
"""

from __future__ import annotations

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

__version__ = "0.1.0"

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
