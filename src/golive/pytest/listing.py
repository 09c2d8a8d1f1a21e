"""Every record of an API listing, read page by page as one of the platform's users.

Business-rule steps compare what a page shows with what the platform's records say, so
they need the whole listing, not its first page. Where the target says how its listings
page (``[targets.X.api] page_query`` in golive.toml, e.g. ``page={page}&page_size={size}``
or Flask-AppBuilder's ``q=(page:{page0},page_size:{size})``), the reader asks for the
pages that way from the first request, ``page_size`` records at a time, until a page
comes back short or empty, or the listing's total is reached. Otherwise it follows
whichever of the well-known ways the answer shows, in this order:

- a JSON array is the whole listing;
- an object holds the records under one list field (``items``, ``results``, ``data`` ...)
  and may say how many there are in all (``total``, ``count`` ...);
- a ``next`` link in the answer (Django REST framework, JSON:API ``links.next``, HAL) or a
  ``Link: <...>; rel="next"`` header is followed to its end;
- otherwise, when the answer echoes its page number (``page``) and the listing is not
  complete, the next page numbers are asked for, with the largest page size the answer
  names (``page_size``, ``per_page``, ``size``, ``limit``) raised to ``page_size`` where
  the platform accepts it.

What the listing itself gets wrong is a finding, said in the scenario's language: a total
that differs from the records its pages give, a record given twice, a page that fails.
An answer whose total says there is more while it shows no way to the next page is no
finding: the reader cannot page it and says how to tell it (``records.listing_unpaged``).
The reader is bounded (``MAX_PAGES``, ``MAX_RECORDS``): past the bound nothing is proven.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import httpx

from golive.messages import Say
from golive.pytest.api import ApiClient

ITEM_KEYS = ("items", "results", "result", "data", "records", "rows", "content", "list")
"""Where a paged answer keeps its records, most common first."""
TOTAL_KEYS = ("total", "count", "total_count", "totalCount", "totalElements", "total_items")
PAGE_KEYS = ("page", "pageNumber", "page_number", "current_page")
SIZE_KEYS = ("page_size", "pageSize", "per_page", "size", "limit")
TRIES = 3
"""How often a listing, or a comparison with one, is read again while the platform's
records move under it (another user's order made meanwhile is no contradiction)."""
MAX_PAGES = 500
MAX_RECORDS = 100_000

Records = list[dict[str, Any]]


@dataclass(frozen=True)
class Listing:
    """Every record a role gets from ``source``, and how many pages that took."""

    source: str
    records: tuple[dict[str, Any], ...]
    pages: int


@dataclass
class _Reader:
    """One listing being read: where, as whom, and what has been gathered."""

    api: ApiClient
    say: Say
    source: str
    role: str | None
    records: Records
    pages: int = 0
    total: int | None = None
    last: Records | None = None
    """The previous page's records: a page that repeats them was not the page asked for."""

    def get(self, url: str, *, quiet: bool = False) -> Any:
        return _get(self.api, self.say, url, self.role, self.source, quiet=quiet)

    def page(self, url: str, answer: Any) -> tuple[Records, dict[str, Any]]:
        """Count one more page (bounded), and refuse one that repeats the page before."""
        if self.pages >= MAX_PAGES or len(self.records) >= MAX_RECORDS:
            raise AssertionError(
                self.say(
                    "records.listing_too_long",
                    source=self.source,
                    pages=self.pages,
                    records=len(self.records),
                )
            )
        more, shape = _records(self.say, self.source, answer)
        if more and more == self.last:
            raise AssertionError(
                self.say(
                    "records.listing_same_page",
                    source=self.source,
                    page=self.pages + 1,
                    url=url,
                    target=self.api.target.name,
                )
            )
        self.pages += 1
        self.last = more
        self.records += more
        return more, shape


def read_listing(api: ApiClient, say: Say, source: str, role: str | None) -> Listing:
    """Every record of the listing at ``source`` (a path, its query kept) as ``role``.

    ``path#field`` is the list in one answer's field (``/api/orders/7#lines``: an order's
    lines). Raises AssertionError, in ``say``'s language, when the listing cannot be read
    whole or contradicts itself.
    """
    if "#" in source:
        path, field = source.split("#", 1)
        inner = _get(api, say, path, role, source)
        for part in field.split("."):
            inner = inner.get(part) if isinstance(inner, dict) else None
        if not isinstance(inner, list):
            raise AssertionError(say("records.listing_shape", source=source, keys=field))
        return Listing(source, tuple(r for r in inner if isinstance(r, dict)), 1)
    problem: tuple[str, dict[str, Any]] | None = None
    for _ in range(TRIES):
        reader = _Reader(api, say, source, role, [])
        query = api.target.api.page_query
        if query is not None:
            _by_query(reader, query, api.target.api.page_size)
        else:
            _as_shown(reader, api.target.api.page_size)
        found = _contradiction(reader)
        if found is None:
            return Listing(source, tuple(reader.records), reader.pages)
        if found == problem:
            # the same contradiction twice: the listing's, not records made meanwhile
            raise AssertionError(say(found[0], **found[1]))
        problem = found
    raise AssertionError(say("records.kept_changing", tries=TRIES))


def _contradiction(reader: _Reader) -> tuple[str, dict[str, Any]] | None:
    """What the listing said against itself: a total its pages do not give, or a record
    twice (the message's key and fields), or None."""
    records, total, source = reader.records, reader.total, reader.source
    if total is not None and total != len(records):
        fields = {"source": source, "total": total, "got": len(records), "pages": reader.pages}
        return "records.listing_total", fields
    counts = Counter(str(r["id"]) for r in records if "id" in r)
    twice = sorted(i for i, n in counts.items() if n > 1)
    if twice:
        return "records.listing_twice", {"source": source, "ids": reader.say.join(twice[:10])}
    return None


def _by_query(reader: _Reader, query: str, size: int) -> None:
    """Page by the target's ``page_query``: until an empty page, or the total.

    ``{offset}`` is the number of records read so far, so a platform that serves smaller
    pages than asked for is still read whole where its answers give a total.
    """
    while True:
        number = reader.pages + 1
        fields = {"page": number, "page0": number - 1, "size": size, "offset": len(reader.records)}
        url = _with_template(reader.source, query.format(**fields))
        more, shape = reader.page(url, reader.get(url))
        if reader.total is None:
            reader.total = _first(shape, TOTAL_KEYS)
        if not more:
            return
        # without a total only an empty page ends it: a platform may serve fewer than asked
        if reader.total is not None and len(reader.records) >= reader.total:
            return


def _as_shown(reader: _Reader, size_wanted: int) -> None:
    """Page the way the first answer shows: a next link, or the page number it echoes."""
    url = reader.source
    answer = reader.get(url)
    records, shape = reader.page(url, answer)
    reader.total = _first(shape, TOTAL_KEYS)
    next_url = _next_link(shape)
    page_key = _first_key(shape, PAGE_KEYS)
    size_key = _first_key(shape, SIZE_KEYS)
    here = reader.api.running.base_url.rstrip("/") + "/" + url.lstrip("/")
    while next_url is not None:
        here = _on_target(here, next_url, reader.api.running.base_url)
        answer = reader.get(here)
        _, shape = reader.page(here, answer)
        next_url = _next_link(shape)
    if reader.pages > 1:
        return
    if page_key is None:
        if reader.total is not None and reader.total > len(reader.records):
            raise AssertionError(
                reader.say(
                    "records.listing_unpaged",
                    source=reader.source,
                    total=reader.total,
                    got=len(reader.records),
                    target=reader.api.target.name,
                )
            )
        return
    page = int(shape[page_key])
    size = int(shape[size_key]) if size_key is not None else len(records)
    if not _incomplete(reader.records, reader.total, size if size_key is not None else 0):
        return
    if size_key is not None and size < size_wanted:
        # start again with bigger pages, if the platform takes them
        bigger = _with_query(reader.source, {size_key: size_wanted, page_key: page})
        retry = reader.get(bigger, quiet=True)
        if retry is not None:
            records, shape = _records(reader.say, reader.source, retry)
            reader.records, reader.last, url = records, records, bigger
            size = _first(shape, (size_key,)) or size_wanted
    # no size it echoes: on until an empty page (bounded), never one page taken for all
    while _incomplete(reader.records, reader.total, size if size_key is not None else 0):
        page += 1
        query = {page_key: page} | ({size_key: size} if size_key is not None else {})
        following = _with_query(url, query)
        more, shape = reader.page(following, reader.get(following))
        if not more:
            return


def _get(
    api: ApiClient, say: Say, url: str, role: str | None, source: str, *, quiet: bool = False
) -> Any:
    response = api.request("GET", url, role=role)
    if not response.is_success:
        if quiet:
            return None
        raise AssertionError(
            say(
                "records.listing_failed",
                source=source,
                url=url,
                status=response.status_code,
                body=response.text[:200],
            )
        )
    try:
        data = response.json()
    except ValueError:
        raise AssertionError(say("api.not_json", body=repr(response.text[:200]))) from None
    link = _link_header(response)
    if link is not None and isinstance(data, list):
        return {"items": data, "next": link}
    if link is not None and isinstance(data, dict) and "next" not in data:
        return {**data, "next": link}
    return data


def _records(say: Say, source: str, answer: Any) -> tuple[Records, dict[str, Any]]:
    """The records of one answer and the answer's other fields (totals, paging)."""
    if isinstance(answer, list):
        return [r for r in answer if isinstance(r, dict)], {}
    if isinstance(answer, dict):
        lists = [k for k, v in answer.items() if isinstance(v, list)]
        key = next((k for k in ITEM_KEYS if k in lists), lists[0] if len(lists) == 1 else None)
        if key is not None:
            return [r for r in answer[key] if isinstance(r, dict)], answer
    raise AssertionError(say("records.listing_shape", source=source, keys=_keys(answer)))


def _keys(answer: Any) -> str:
    return ", ".join(map(str, answer)) if isinstance(answer, dict) else type(answer).__name__


def _first_key(shape: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    return next((k for k in keys if _whole(shape.get(k))), None)


def _first(shape: dict[str, Any], keys: tuple[str, ...]) -> int | None:
    key = _first_key(shape, keys)
    return int(shape[key]) if key is not None else None


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _incomplete(records: Records, total: int | None, size: int | None) -> bool:
    """Whether more pages may follow: fewer records than the total, or (no total) a full
    page of the size the answer echoes; ``size`` 0: no size known, so yes while records come."""
    if total is not None:
        return len(records) < total
    if size == 0:
        return bool(records)
    return size is not None and size > 0 and bool(records) and len(records) % size == 0


def _next_link(shape: dict[str, Any]) -> str | None:
    """The next page's address the answer gives (``next``, ``links.next``, ``_links.next.href``)."""
    candidates = [shape.get("next")]
    for links in ("links", "_links"):
        found = shape.get(links)
        if isinstance(found, dict):
            nxt = found.get("next")
            candidates.append(nxt.get("href") if isinstance(nxt, dict) else nxt)
    return next((c for c in candidates if isinstance(c, str) and c), None)


def _link_header(response: httpx.Response) -> str | None:
    found = re.search(r'<([^>]+)>\s*;\s*rel="?next"?', response.headers.get("link", ""))
    return found[1] if found else None


def _with_query(path: str, changes: dict[str, int]) -> str:
    """``path`` with the ``changes`` set in its query, every other parameter kept (a
    repeated one too: ``status=a&status=b``)."""
    parts = urlsplit(path)
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in changes]
    query = kept + [(k, str(v)) for k, v in changes.items()]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _on_target(here: str, link: str, base_url: str) -> str:
    """A next link as an address on the target: resolved against the page that gave it,
    and kept on the target's own origin (a link to the host behind a proxy is the same
    path on the target; credentials never go to another host)."""
    absolute = urlsplit(urljoin(here, link))
    origin = urlsplit(base_url)
    return urlunsplit(absolute._replace(scheme=origin.scheme, netloc=origin.netloc))


def _with_template(path: str, filled: str) -> str:
    """``path`` with the filled-in ``page_query`` added as written; a parameter of the
    path's own query that the template also sets is replaced."""
    parts = urlsplit(path)
    names = {name for name, _ in parse_qsl(filled, keep_blank_values=True)}
    kept = [p for p in parts.query.split("&") if p and p.split("=", 1)[0] not in names]
    return urlunsplit(parts._replace(query="&".join([*kept, filled])))
