"""golive's embedded sandbox: a small but real CRM and order platform.

It is the default target that golive's checks run against (browser UAT, load,
security probes, bandit), and its fault switches (see `faults`) plant realistic
defects so that each check can be shown to catch what it exists to catch.
Run it with ``python -m golive_sandbox``.
"""

from __future__ import annotations

__version__ = "0.1.0"
