"""Pagination: one page of records plus what the links need."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 1_000_000


@dataclass(frozen=True)
class Page:
    """A page of records; `page` counts from 1."""

    items: list[dict[str, Any]]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        """Number of pages, at least 1 (an empty list still has page 1)."""
        return max(1, -(-self.total // self.page_size))

    @property
    def has_prev(self) -> bool:
        """Whether a previous page exists."""
        return self.page > 1

    @property
    def has_next(self) -> bool:
        """Whether a next page exists."""
        return self.page < self.pages

    def as_json(self) -> dict[str, Any]:
        """The API shape: {items, total, page, page_size}."""
        return {
            "items": self.items,
            "total": self.total,
            "page": self.page,
            "page_size": self.page_size,
        }


def offset(page: int, page_size: int) -> int:
    """Row offset of a page."""
    return (page - 1) * page_size


def parse_page(raw: str | None) -> int:
    """A page number from a UI query string; anything odd means page 1."""
    if raw and raw.isascii() and raw.isdigit():
        return min(max(int(raw), 1), MAX_PAGE)
    return 1
