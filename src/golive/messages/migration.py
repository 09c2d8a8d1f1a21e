"""What data-migration reconciliation says: counts, keys, sums and fields of a legacy
export set against the platform's records, in zh-CN and en."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {}
