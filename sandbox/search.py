"""Search text handling shared by the lead and customer lists."""

from __future__ import annotations

from .errors import Invalid, Message

MAX_SEARCH = 100


def clean_query(q: str | None) -> str | None:
    """The search text stripped, None when empty; Invalid when overlong."""
    text = (q or "").strip()
    if len(text) > MAX_SEARCH:
        raise Invalid({"q": Message("error_search_too_long", {"max": MAX_SEARCH})})
    return text or None


def like_pattern(text: str | None) -> str | None:
    """A LIKE pattern matching `text` anywhere, with its own % and _ taken literally."""
    if text is None:
        return None
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
