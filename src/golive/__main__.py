"""``python -m golive``: the golive command line."""

from __future__ import annotations

import sys

from golive.cli import main

sys.exit(main())
