"""What golive says about evidence itself: manual results, freshness, the sealed bundle,
in zh-CN and en."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {}
