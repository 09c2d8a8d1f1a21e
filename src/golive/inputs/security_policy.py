"""``[targets.X.security]`` in golive.toml: what the security suite may try, as frozen data.

Read by :mod:`golive.inputs.config` at its boundary, with the same located errors (file, line,
key, bad value, what is valid). Past it, the static analysis (:mod:`golive.security.static`)
and the active probes (:mod:`golive.security.probes.prober`) trust these objects.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from golive.inputs.catalog import CRITERION_ID
from golive.inputs.document import Document, Key, did_you_mean

LEVELS = ("low", "medium", "high")
"""bandit's severity and confidence levels, lowest first."""
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
ANONYMOUS = "anonymous"


@dataclass(frozen=True)
class Policy:
    """The highest severity a criterion tolerates, and the confidence below which a
    finding is too uncertain to count: a finding breaks the policy when its severity is
    above ``max_severity`` and its confidence is at least ``min_confidence``."""

    max_severity: str = "low"
    min_confidence: str = "low"

    def breaks(self, severity: str, confidence: str) -> bool:
        rank = {level: index for index, level in enumerate(LEVELS)}
        return (
            rank.get(severity.lower(), len(LEVELS)) > rank[self.max_severity]
            and rank.get(confidence.lower(), len(LEVELS)) >= rank[self.min_confidence]
        )

    def describe(self) -> str:
        return f"severity above {self.max_severity} with confidence {self.min_confidence} or higher"


@dataclass(frozen=True)
class StaticAnalysis:
    """How the target's source is scanned and judged."""

    accepted: Path | None = None
    """The reviewed accepted-findings file (YAML); None: nothing is accepted."""
    honour_nosec: bool = False
    """Whether ``# nosec`` comments in the source hide findings (unreviewed: off)."""
    policies: Mapping[str, Policy] = field(default_factory=dict)
    """Criterion id -> its policy; criteria not listed get the default Policy()."""

    def policy(self, criteria: Iterable[str]) -> Policy:
        """The strictest policy of ``criteria`` (the default when none has its own)."""
        found = [self.policies[c] for c in criteria if c in self.policies]
        if not found:
            return Policy()
        return min(
            found,
            key=lambda p: (LEVELS.index(p.max_severity), LEVELS.index(p.min_confidence)),
        )


@dataclass(frozen=True)
class Request:
    """A method and a path, written ``"POST /api/orders/{id}/approve"``."""

    method: str
    path: str

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


@dataclass(frozen=True)
class Action:
    """A row of the access matrix: who may send ``request``; everyone else is refused."""

    name: str
    request: Request
    allowed: tuple[str, ...]
    """Roles (keys of [targets.X.users]) and possibly "anonymous"."""
    record: str | None = None
    """A list path whose first item's ``id`` fills ``{id}`` in the request's path."""


@dataclass(frozen=True)
class Records:
    """Records one user owns that another user of the same role must not open."""

    name: str
    list: str
    items: tuple[str, ...]
    """Paths of one record, with ``{id}``: its API resource and its page."""
    owner: str
    others: tuple[str, ...]


@dataclass(frozen=True)
class InputForm:
    """A valid request body; the probes make one field at a time overlong or malformed."""

    request: Request
    body: Mapping[str, Any]


@dataclass(frozen=True)
class SecuritySettings:
    """Everything the security suite may try against one target."""

    role: str | None = None
    """The role the probes act as where they need a signed-in user."""
    openapi: str | None = "/openapi.json"
    api_prefix: str = "/api/"
    """Paths under this prefix take the API token; other paths the browser session."""
    parameters: tuple[Request, ...] = ()
    """Search and filter parameters to probe beyond the OpenAPI document: ``GET /p?q``."""
    pages: tuple[str, ...] = ("/", "/login")
    reflected: tuple[Request, ...] = ()
    """Page parameters whose value is shown back: ``GET /leads?q``."""
    forms: tuple[str, ...] = ()
    """Pages whose own POST form changes state and must need a CSRF token."""
    inputs: tuple[InputForm, ...] = ()
    actions: tuple[Action, ...] = ()
    records: tuple[Records, ...] = ()
    static: StaticAnalysis = field(default_factory=StaticAnalysis)
    max_requests: int = 1500
    max_seconds: float = 50.0
    delay_seconds: float = 2.0
    """The delay the time-based SQL injection payloads ask the database for."""
    crawl_pages: int = 30
    """Pages the discovery crawl opens per role (and for an anonymous visitor)."""
    crawl_depth: int = 3
    """Links the crawl follows away from the listed pages."""
    crawl_exclude: tuple[str, ...] = ()
    """Regular expressions of addresses the crawl never opens (beyond logout, delete...)."""
    lookup_forms: tuple[Request, ...] = ()
    """POST forms that store nothing (``POST /find``), beyond those the crawl can tell."""
    risk: int = 1
    """1: payloads go only where nothing is stored; 2: also into forms that create a
    record (sqlmap's ``--risk`` is the model)."""


def read_security(
    doc: Document, keys: Key, data: Mapping[str, Any], roles: Iterable[str], folder: Path
) -> SecuritySettings:
    """``[targets.X.security]`` checked against the target's roles."""
    return _Reader(doc, keys, set(roles), folder).settings(data)


class _Reader:
    def __init__(self, doc: Document, keys: Key, roles: set[str], folder: Path) -> None:
        self.doc, self.keys, self.roles, self.folder = doc, keys, roles, folder

    def settings(self, data: Mapping[str, Any]) -> SecuritySettings:
        doc, keys, defaults = self.doc, self.keys, SecuritySettings()
        doc.keys(
            data,
            keys,
            {
                "role",
                "openapi",
                "api_prefix",
                "parameters",
                "pages",
                "reflected",
                "forms",
                "inputs",
                "actions",
                "records",
                "static",
                "max_requests",
                "max_seconds",
                "delay_seconds",
                "crawl_pages",
                "crawl_depth",
                "crawl_exclude",
                "lookup_forms",
                "risk",
            },
        )
        role = doc.get(data, (*keys, "role"), str, "") or None
        if role is not None:
            self.role((*keys, "role"), role)
        openapi = doc.get(data, (*keys, "openapi"), str, defaults.openapi) or None
        return SecuritySettings(
            role=role,
            openapi=None if openapi is None else self.path((*keys, "openapi"), openapi),
            api_prefix=self.path(
                (*keys, "api_prefix"), doc.get(data, (*keys, "api_prefix"), str, "/api/")
            ),
            parameters=tuple(
                self.request((*keys, "parameters", i), text, query=True)
                for i, text in enumerate(doc.strings(data, (*keys, "parameters"), []))
            ),
            pages=tuple(
                self.path((*keys, "pages", i), p)
                for i, p in enumerate(doc.strings(data, (*keys, "pages"), list(defaults.pages)))
            ),
            reflected=tuple(
                self.request((*keys, "reflected", i), text, query=True)
                for i, text in enumerate(doc.strings(data, (*keys, "reflected"), []))
            ),
            forms=tuple(
                self.path((*keys, "forms", i), p)
                for i, p in enumerate(doc.strings(data, (*keys, "forms"), []))
            ),
            inputs=tuple(
                self.input((*keys, "inputs", i), entry)
                for i, entry in enumerate(doc.get(data, (*keys, "inputs"), list, []))
            ),
            actions=tuple(
                self.action((*keys, "actions", name), name, entry)
                for name, entry in doc.get(data, (*keys, "actions"), dict, {}).items()
            ),
            records=tuple(
                self.records((*keys, "records", name), name, entry)
                for name, entry in doc.get(data, (*keys, "records"), dict, {}).items()
            ),
            static=self.static(doc.get(data, (*keys, "static"), dict, {})),
            max_requests=self.positive(data, "max_requests", defaults.max_requests, int),
            max_seconds=float(self.positive(data, "max_seconds", defaults.max_seconds, float)),
            delay_seconds=float(
                self.positive(data, "delay_seconds", defaults.delay_seconds, float)
            ),
            crawl_pages=self.positive(data, "crawl_pages", defaults.crawl_pages, int),
            crawl_depth=self.positive(data, "crawl_depth", defaults.crawl_depth, int),
            crawl_exclude=tuple(
                self.pattern((*keys, "crawl_exclude", i), text)
                for i, text in enumerate(doc.strings(data, (*keys, "crawl_exclude"), []))
            ),
            lookup_forms=tuple(
                self.request((*keys, "lookup_forms", i), text)
                for i, text in enumerate(doc.strings(data, (*keys, "lookup_forms"), []))
            ),
            risk=self.risk(doc.get(data, (*keys, "risk"), int, defaults.risk)),
        )

    def risk(self, value: int) -> int:
        if value not in (1, 2):
            raise self.doc.error(
                (*self.keys, "risk"),
                f"{value!r} is not a risk level; valid: 1 (nothing stored), "
                f"2 (also forms that create a record)",
            )
        return value

    def pattern(self, key: Key, text: str) -> str:
        try:
            re.compile(text)
        except re.error as exc:
            raise self.doc.error(key, f"{text!r} is not a regular expression: {exc}") from None
        return text

    def positive(self, data: Mapping[str, Any], key: str, default: float, kind: type) -> Any:
        value = self.doc.get(data, (*self.keys, key), kind, default)
        if value <= 0:
            raise self.doc.error((*self.keys, key), f"{value!r} must be above 0")
        return value

    def path(self, keys: Key, value: str) -> str:
        if not value.startswith("/"):
            raise self.doc.error(keys, f"{value!r} must be a path starting with '/'")
        return value

    def role(self, keys: Key, value: str, anonymous: bool = False) -> str:
        valid = sorted(self.roles | ({ANONYMOUS} if anonymous else set()))
        if value not in valid:
            raise self.doc.error(
                keys,
                f"{value!r} is not a role of this target{did_you_mean(value, valid)}; "
                f"valid: {', '.join(valid)}",
            )
        return value

    def request(self, keys: Key, text: Any, query: bool = False) -> Request:
        if not isinstance(text, str):
            raise self.doc.error(keys, f"{text!r} is not a string")
        method, _, path = text.strip().partition(" ")
        example = "'GET /api/leads?q'" if query else "'POST /api/orders/{id}/approve'"
        if method not in METHODS or not path.startswith("/"):
            raise self.doc.error(
                keys,
                f"{text!r} is not a request; write the method ({', '.join(METHODS)}) and "
                f"the path, e.g. {example}",
            )
        if query and ("?" not in path or not path.split("?", 1)[1]):
            raise self.doc.error(keys, f"{text!r} names no parameter; write it like {example}")
        return Request(method, path.strip())

    def action(self, keys: Key, name: str, entry: Any) -> Action:
        doc = self.doc
        entry = doc.get({name: entry}, keys, dict)
        doc.keys(entry, keys, {"request", "allowed", "record"})
        record = doc.get(entry, (*keys, "record"), str, "") or None
        request = self.request((*keys, "request"), doc.get(entry, (*keys, "request"), str))
        if "{id}" in request.path and record is None:
            raise doc.error(
                (*keys, "record"),
                f"{request} has an {{id}}: name the list it comes from, "
                f"e.g. record = '/api/orders?status=approved'",
            )
        return Action(
            name=name,
            request=request,
            allowed=tuple(
                self.role((*keys, "allowed", i), r, anonymous=True)
                for i, r in enumerate(doc.strings(entry, (*keys, "allowed")))
            ),
            record=None if record is None else self.path((*keys, "record"), record),
        )

    def records(self, keys: Key, name: str, entry: Any) -> Records:
        doc = self.doc
        entry = doc.get({name: entry}, keys, dict)
        doc.keys(entry, keys, {"list", "items", "owner", "others"})
        items = tuple(
            self.path((*keys, "items", i), p)
            for i, p in enumerate(doc.strings(entry, (*keys, "items")))
        )
        for index, item in enumerate(items):
            if "{id}" not in item:
                raise doc.error((*keys, "items", index), f"{item!r} has no {{id}} to fill in")
        return Records(
            name=name,
            list=self.path((*keys, "list"), doc.get(entry, (*keys, "list"), str)),
            items=items,
            owner=self.role((*keys, "owner"), doc.get(entry, (*keys, "owner"), str)),
            others=tuple(
                self.role((*keys, "others", i), r)
                for i, r in enumerate(doc.strings(entry, (*keys, "others")))
            ),
        )

    def input(self, keys: Key, entry: Any) -> InputForm:
        doc = self.doc
        if not isinstance(entry, dict):
            raise doc.error(keys, f"{entry!r} is not a table with request and body")
        doc.keys(entry, keys, {"request", "body"})
        return InputForm(
            request=self.request((*keys, "request"), doc.get(entry, (*keys, "request"), str)),
            body=doc.get(entry, (*keys, "body"), dict),
        )

    def static(self, data: Mapping[str, Any]) -> StaticAnalysis:
        doc, keys = self.doc, (*self.keys, "static")
        doc.keys(data, keys, {"accepted", "honour_nosec", "policy"})
        accepted = doc.get(data, (*keys, "accepted"), str, "") or None
        policies: dict[str, Policy] = {}
        for criterion, entry in doc.get(data, (*keys, "policy"), dict, {}).items():
            pkeys = (*keys, "policy", criterion)
            if not CRITERION_ID.match(criterion):
                raise doc.error(
                    pkeys, f"{criterion!r} is not a criterion id; write it like AC-SEC-01"
                )
            entry = doc.get({criterion: entry}, pkeys, dict)
            doc.keys(entry, pkeys, {"max_severity", "min_confidence"})
            policies[criterion] = Policy(
                max_severity=doc.choice(entry, (*pkeys, "max_severity"), LEVELS, "low"),
                min_confidence=doc.choice(entry, (*pkeys, "min_confidence"), LEVELS, "low"),
            )
        return StaticAnalysis(
            accepted=None if accepted is None else self.folder / accepted,
            honour_nosec=doc.get(data, (*keys, "honour_nosec"), bool, False),
            policies=policies,
        )
