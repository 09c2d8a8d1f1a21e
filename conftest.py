"""Wires the sandbox CRM's own steps and test data into pytest.

golive's plugin loads the generic steps (web, API, load, security) and the browser
fixtures itself; this project adds only what knows the sandbox CRM.
"""

from __future__ import annotations

pytest_plugins = ["fixtures.data", "steps.crm", "steps.crm_roles"]
