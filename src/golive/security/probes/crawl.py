"""Discovery: the platform's pages, links, forms, query parameters and cookies, as an
anonymous visitor and each configured role reach them.

The crawl starts at the pages golive.toml lists and follows links breadth first. It is
bounded: ``crawl_pages`` pages per role, ``crawl_depth`` links away from the start, and
the prober's own request and time budget. It stays on the target's origin, opens only
links (GET), never submits a form, and never opens an address that looks like it
changes something (logout, delete, approve ...), a file to download, or one that
``crawl_exclude`` names. What it found feeds the probes and is attached to the results.
"""

from __future__ import annotations

import html
import re
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

import httpx

from golive.inputs.security_policy import ANONYMOUS, Request
from golive.run.session import CSRF_NAME, Form, forms
from golive.security.probes.prober import Prober, openapi_document, query_parameters

UNSAFE = re.compile(
    r"log[-_]?out|sign[-_]?out|log[-_]?off|delete|remove|destroy|drop|purge|reset|revoke|"
    r"disable|deactivate|cancel|approve|reject|unsubscribe|archive|toggle|clear|empty|"
    r"/del(/|$)|[?&](action|do|op)=",
    re.IGNORECASE,
)
"""Addresses a crawl must not open: a GET that logs out or changes a record is still a
change, whatever HTTP says."""
DOWNLOAD = re.compile(
    r"\.(css|js|mjs|map|png|jpe?g|gif|svg|ico|webp|bmp|woff2?|ttf|eot|otf|pdf|zip|gz|tgz|"
    r"tar|rar|7z|xlsx?|docx?|pptx?|csv|mp[34]|avi|mov|wav|exe|dmg|apk|bin)$",
    re.IGNORECASE,
)
RECORD_SEGMENT = re.compile(
    r"^(\d+|[0-9a-f]{8,}|[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12})$", re.IGNORECASE
)
"""A path segment that names one record: a number, a hash or a UUID."""
PER_TEMPLATE = 3
"""Pages of one template (``/leads/{id}``, ``/leads?page``) opened before every other
template has had its turn: twenty records of one list must not fill the crawl."""
_HREF = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


@dataclass(frozen=True)
class Page:
    """One address the crawl opened as one role, and what it found there."""

    path: str
    """Path and query, as requested."""
    role: str
    status: int
    depth: int
    links: tuple[str, ...] = ()
    forms: tuple[Form, ...] = ()
    location: str = ""
    """Where a redirect sent the role (path and query on the target)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "path": hidden(self.path),
            "role": self.role,
            "status": self.status,
            "depth": self.depth,
            **({"location": hidden(self.location)} if self.location else {}),
            "links": len(self.links),
            "forms": [
                {
                    "method": f.method,
                    "action": f.target(self.path),
                    "fields": [n for n, _, _ in f.fields if n],
                    "csrf": f.csrf_field or "",
                }
                for f in self.forms
            ],
        }


@dataclass
class Inventory:
    """What the crawl found, per role (``anonymous`` for nobody)."""

    pages: dict[str, dict[str, Page]] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)
    """Each cookie the platform set during the crawl: name -> its Set-Cookie header."""
    skipped: set[str] = field(default_factory=set)
    """Addresses left alone because they may change something or are downloads."""

    def reached(self, role: str) -> set[str]:
        """The addresses ``role`` opened with a 200."""
        return {p for p, page in self.pages.get(role, {}).items() if page.status == 200}

    def forms(self) -> list[tuple[str, str, Form]]:
        """Every form seen, once per action and method: (the first role that saw it, the
        page it is on, the form); an anonymous visitor's first."""
        found: dict[tuple[str, str], tuple[str, str, Form]] = {}
        for role, pages in self.pages.items():
            for page in pages.values():
                for form in page.forms:
                    key = (form.method, form.target(page.path))
                    found.setdefault(key, (role, page.path, form))
        return list(found.values())

    def search_parameters(self) -> list[Request]:
        """``GET /path?name`` for each text field of a search or filter form (method GET)."""
        found: list[Request] = []
        for _, where, form in self.forms():
            if form.method == "get":
                action = form.target(where)
                found += [
                    Request("GET", f"{action}?{n}") for n, kind, _ in form.fields if _text(n, kind)
                ]
        return list(dict.fromkeys(found))

    def link_parameters(self) -> list[Request]:
        """``GET /path?name[&other=value]`` for each query parameter of a link followed,
        the link's other parameters kept as they were."""
        found: list[Request] = []
        for pages in self.pages.values():
            for page in pages.values():
                path, _, query = page.path.partition("?")
                pairs = parse_qsl(query, keep_blank_values=True)
                for name, _ in pairs:
                    fixed = "".join(f"&{k}={v}" for k, v in pairs if k != name)
                    found.append(Request("GET", f"{path}?{name}{fixed}"))
        return list(dict.fromkeys(found))

    def to_json(self) -> dict[str, Any]:
        """The inventory for the report: no cookie value, no field value, no token."""
        return {
            "pages": [p.to_json() for pages in self.pages.values() for p in pages.values()],
            "cookies": sorted(self.cookies),
            "skipped": sorted(hidden(s) for s in self.skipped),
        }


SECRET_NAME = re.compile(r"token|sess|sid|key|secret|pass|auth|sig|code|nonce", re.IGNORECASE)
"""Query parameters whose value is not written into a report (a link may carry one)."""


def hidden(address: str) -> str:
    """``address`` with the values of secret-looking query parameters (and a
    ``;jsessionid=`` in the path) replaced by ``<hidden>``."""
    path, _, query = address.partition("?")
    path = re.sub(r";[^/?]*", ";<hidden>", path)
    if not query:
        return path
    pairs = parse_qsl(query, keep_blank_values=True)
    return (
        path
        + "?"
        + "&".join(f"{k}=<hidden>" if SECRET_NAME.search(k) else f"{k}={v}" for k, v in pairs)
    )


def _text(name: str, kind: str) -> bool:
    """A field a person types text into: the ones injection is tried on."""
    return (
        bool(name)
        and kind in {"text", "search", "email", "textarea", ""}
        and not CSRF_NAME.search(name)
    )


def crawl(
    prober: Prober,
    roles: Iterable[str] | None = None,
    look: Callable[[str, httpx.Response], None] | None = None,
) -> Inventory:
    """Crawl as nobody, then as each of ``roles`` (default: every configured user);
    ``look(role, answer)`` is shown every answer."""
    settings = prober.settings
    exclude = [re.compile(p) for p in settings.crawl_exclude]
    inventory = Inventory()
    for role in [ANONYMOUS, *(prober.running.target.users if roles is None else roles)]:
        pages: dict[str, Page] = {}
        inventory.pages[role] = pages
        queue = deque((start, 0) for start in dict.fromkeys([*settings.pages, "/"]))
        later: deque[tuple[str, int]] = deque()
        queued = {start for start, _ in queue}
        templates: dict[str, int] = {}
        while (queue or later) and len(pages) < settings.crawl_pages:
            path, depth = (queue or later).popleft()
            answer = prober.send("GET", path, role=role, note=" (crawl)")
            if look is not None:
                look(role, answer)
            for header in answer.headers.get_list("set-cookie"):
                inventory.cookies.setdefault(header.split("=", 1)[0].strip(), header)
            page = Page(path, role, answer.status_code, depth)
            if answer.is_redirect:
                location = on_target(prober, path, str(answer.headers.get("location", "")))
                page = Page(path, role, answer.status_code, depth, location=location or "")
                nexts = [location] if location else []
            elif "html" in answer.headers.get("content-type", ""):
                links = [on_target(prober, path, href) for href in hrefs(answer.text)]
                found = tuple(forms(answer.text))
                page = Page(
                    path, role, answer.status_code, depth, tuple(a for a in links if a), found
                )
                nexts = list(page.links) if depth < settings.crawl_depth else []
            else:
                nexts = []
            pages[path] = page
            for address in nexts:
                if address in queued:
                    continue
                if _unsafe(address, exclude):
                    inventory.skipped.add(address)
                    continue
                queued.add(address)
                shape = template(address)
                templates[shape] = templates.get(shape, 0) + 1
                (queue if templates[shape] <= PER_TEMPLATE else later).append((address, depth + 1))
    return inventory


def template(address: str) -> str:
    """``address`` with its record ids as ``{id}`` and its query as the parameters' names:
    the shape the pages of one list's records share."""
    path, _, query = address.partition("?")
    shape = "/".join("{id}" if RECORD_SEGMENT.match(s) else s for s in path.split("/"))
    names = sorted({k for k, _ in parse_qsl(query, keep_blank_values=True)})
    return shape + (f"?{'&'.join(names)}" if names else "")


def on_target(prober: Prober, page: str, href: str) -> str | None:
    """``href`` as a path and query on the target, or None if it leaves the origin."""
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    base = prober.running.base_url
    address = urlsplit(urljoin(urljoin(base, page), href))
    if address.scheme not in {"http", "https"} or address.netloc != urlsplit(base).netloc:
        return None
    return (address.path or "/") + (f"?{address.query}" if address.query else "")


def _unsafe(address: str, exclude: list[re.Pattern[str]]) -> bool:
    return bool(
        UNSAFE.search(address)
        or DOWNLOAD.search(urlsplit(address).path)
        or any(p.search(address) for p in exclude)
    )


def hrefs(text: str) -> list[str]:
    """The addresses a page's links point at (``&amp;`` read as ``&``)."""
    return [html.unescape(h) for h in _HREF.findall(text)]


_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_ACTING = re.compile(r"""\s(?:data-[\w-]+|on\w+|formaction)\s*=\s*(["'])(.*?)\1""", re.I | re.S)
_QUOTED = re.compile(r"""["'`](/[^"'`\s<>]*)["'`]""")


def scripted(text: str) -> list[str]:
    """The addresses a page's scripts act on: paths quoted in its inline scripts and in
    its ``data-*``, ``on...`` and ``formaction`` attributes (a delete button that a
    script sends, say), which no link shows."""
    acting = [html.unescape(v) for _, v in _ACTING.findall(text)]
    found = [v for v in acting if v.startswith("/")]
    for code in [*_SCRIPT.findall(text), *acting]:
        found += _QUOTED.findall(code)
    return list(dict.fromkeys(a for a in found if not a.startswith("//")))


def discovered(prober: Prober) -> Inventory:
    """The crawl as an anonymous visitor and the probing role, run once per prober."""
    if not isinstance(prober.inventory, Inventory):
        prober.inventory = crawl(prober, [prober.role])
    return prober.inventory


def parameters(prober: Prober, document: dict[str, Any] | None = None) -> list[Request]:
    """The parameters to probe: the OpenAPI document's text parameters, golive.toml's
    own list, and the text fields of the search and filter forms the crawl found."""
    document = openapi_document(prober) if document is None else document
    found = [
        *query_parameters(document),
        *prober.settings.parameters,
        *discovered(prober).search_parameters(),
    ]
    return list(dict.fromkeys(found))
