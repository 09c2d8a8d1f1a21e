"""Start the FAB CRM: ``python tests/platforms/fab_crm/__main__.py --port N --data-dir DIR``.

Works from any working directory and without the repository on ``sys.path`` (it loads
``app.py`` beside it by path); ``python -m fab_crm`` from ``tests/platforms`` works too.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

APP_FILE = Path(__file__).resolve().with_name("app.py")


def load_app_module() -> ModuleType:
    """``app.py`` beside this file, imported by its path as the module ``fab_crm_app``."""
    spec = importlib.util.spec_from_file_location("fab_crm_app", APP_FILE)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {APP_FILE}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    load_app_module().main()
