"""Active probes of a running target: the HTTP side every probe shares.

A :class:`Prober` sends every probe request, counts it against the target's budget
(``max_requests``, ``max_seconds`` in ``[targets.X.security]``) and refuses to start
unless the target allows probes (``allow_probes``; the sandbox and loopback do). It
acts as a role through the API token (paths under ``api_prefix``) or a browser-like
session (the login page's own form, cookies kept per role). What each probe tried is
kept in :attr:`Prober.tried` for the report, without any secret: no password, token or
cookie value is ever written there.

The probes themselves live in :mod:`golive.security.probes.injection` (SQL injection, input
handling), :mod:`~golive.security.probes.access` (access control, judged by
:mod:`~golive.security.probes.refusal`), :mod:`~golive.security.probes.session` and
:mod:`~golive.security.probes.headers`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx

from golive.errors import ConfigError, SuiteError, TargetError
from golive.evidence.writer import Check
from golive.inputs.security_policy import ANONYMOUS, Request, SecuritySettings
from golive.messages import Phrase, Say
from golive.run.session import WebSession, sign_in
from golive.run.target import RunningTarget

TIMEOUT = 15.0
REFUSED_EARLY = (401, 403, 405, 415, 419)
"""Answers given before the code under test runs: not signed in, a CSRF check, a method or
a content type refused. A probe that got only these proved nothing."""


@dataclass
class Reach:
    """Whether a probe's requests reached the code under test: a probe whose every
    request was refused before the code ran proved nothing, and says so."""

    statuses: list[int] = field(default_factory=list)

    def saw(self, status: int, login: bool = False) -> None:
        """One answer's status (``login``: sent to a login form, whose 401 is its code
        answering: it checked the password)."""
        self.statuses.append(200 if status == 401 and login else status)

    def check(self) -> None:
        """Raise "nothing proven" if every answer was a refusal before the code ran."""
        if self.statuses and all(s in REFUSED_EARLY for s in self.statuses):
            raise SuiteError(Phrase.of("probe.refused_early", statuses=sorted(set(self.statuses))))


@dataclass(frozen=True)
class Finding:
    """Something a probe showed the target does wrong."""

    probe: Phrase
    """The probe's name ("SQL injection"), said in the reader's language."""
    title: Phrase
    """What is wrong, in a sentence a business reader follows, in the reader's language."""
    request: str
    """What was sent: method, path and parameter (never a secret)."""
    evidence: str
    """What came back that proves it: status, timing, the echoed text."""
    reference: str
    """OWASP Top 10 2021 category and ASVS requirement."""

    def text(self, say: Say) -> str:
        """The finding as one line: what is wrong, what was sent, the reference."""
        return f"{self.title(say)} ({self.request}; {self.reference})"

    def check(self, criteria: tuple[str, ...], scenario: str, say: Say) -> Check:
        return Check(
            name=f"{self.probe(say)}: {self.title(say)}",
            status="failed",
            kind="security",
            criteria=criteria,
            # the same finding is the same check whatever language reports it
            key=f"{','.join(criteria)}:probe:{self.probe}:{self.request}:{self.title}",
            message=self.text(say),
            details=self.evidence,
            parameters=(("request", self.request), ("reference", self.reference)),
            labels=(("story", scenario),),
        )


@dataclass
class Prober:
    """Sends the probes' requests within the budget, as a role or anonymously."""

    running: RunningTarget
    token: Callable[[str], str]
    """A role's API token (golive.pytest.api.ApiClient.token)."""
    tried: list[str] = field(default_factory=list)
    requests: int = 0
    started: float = field(default_factory=time.monotonic)
    _sessions: dict[str, WebSession] = field(default_factory=dict, repr=False)
    _anonymous: httpx.Client | None = field(default=None, repr=False)
    _landings: dict[str, str] = field(default_factory=dict, repr=False)
    inventory: Any = field(default=None, repr=False)
    """What the discovery crawl found, once it ran (golive.security.probes.crawl)."""
    document: dict[str, Any] | None = field(default=None, repr=False)
    """The target's OpenAPI document, once read (:func:`openapi_document`)."""

    def __post_init__(self) -> None:
        target = self.running.target
        if not target.allow_probes:
            raise ConfigError(
                f"target {target.name!r} does not allow active security probes: set "
                f"allow_probes = true under [targets.{target.name}] in golive.toml once the "
                f"platform's owner has agreed (the sandbox and loopback addresses allow them)"
            )

    @property
    def settings(self) -> SecuritySettings:
        return self.running.target.security

    @property
    def role(self) -> str:
        """The role probes act as: the configured one, else the first user's."""
        role = self.settings.role or next(iter(self.running.target.users), None)
        if role is None:
            raise ConfigError(
                f"target {self.running.target.name!r} has no users to probe as; add "
                f"[targets.{self.running.target.name}.users.<role>] to golive.toml"
            )
        return role

    def landing(self, role: str | None) -> str:
        """What ``role`` (None: nobody) sees on the first listed page, fetched once."""
        key = role or ANONYMOUS
        if key not in self._landings:
            self._landings[key] = self.send("GET", self.settings.pages[0], role=role).text
        return self._landings[key]

    def close(self) -> None:
        for session in self._sessions.values():
            session.client.close()
        if self._anonymous is not None:
            self._anonymous.close()

    def client(self) -> httpx.Client:
        """A new client of the target: no cookies, no redirects followed."""
        return httpx.Client(base_url=self.running.base_url, timeout=TIMEOUT, follow_redirects=False)

    def spend(self) -> None:
        """Count one request; SuiteError when the budget is spent (the probe is unproven)."""
        limit, seconds = self.settings.max_requests, self.settings.max_seconds
        if self.requests >= limit or time.monotonic() - self.started > seconds:
            raise SuiteError(
                Phrase.of(
                    "probe.budget",
                    requests=self.requests,
                    seconds=f"{time.monotonic() - self.started:.0f}",
                    limit=limit,
                    max_seconds=f"{seconds:g}",
                    target=self.running.target.name,
                )
            )
        self.requests += 1

    def send(
        self,
        method: str,
        path: str,
        *,
        role: str | None = None,
        client: httpx.Client | None = None,
        note: str = "",
        **kwargs: Any,
    ) -> httpx.Response:
        """One request as ``role`` (None or "anonymous": nobody), counted and noted."""
        self.spend()
        self.tried.append(f"{method} {path}" + (f" [{role}]" if role else "") + note)
        headers = dict(kwargs.pop("headers", None) or {})
        if client is None:
            if role in (None, ANONYMOUS):
                if self._anonymous is None:
                    self._anonymous = self.client()
                client = self._anonymous
            elif (
                path.startswith(self.settings.api_prefix)
                and self.running.target.api.auth == "token"
            ):
                client = self._api_client()
                headers["Authorization"] = f"{self.running.target.api.scheme} {self.token(role)}"
            else:
                session = self.web(role)
                client, kwargs = session.client, session.protect(method, kwargs)
                headers = {**kwargs.pop("headers", {}), **headers}
        try:
            try:
                return client.request(method, path, headers=headers, **kwargs)
            except (httpx.RemoteProtocolError, httpx.ReadError):
                # a kept-alive connection the server had closed (after an error answer,
                # say: seen as a protocol error or a read error) is no crash: confirm on
                # a fresh connection before saying so
                self.spend()
                return client.request(method, path, headers=headers, **kwargs)
        except httpx.TimeoutException:
            request, seconds = f"{method} {path}", f"{TIMEOUT:g}"
            raise TargetError(Phrase.of("probe.hangs", request=request, seconds=seconds)) from None
        except httpx.TransportError as exc:
            raise TargetError(
                Phrase.of(
                    "probe.connection_broke", request=f"{method} {path}", error=type(exc).__name__
                )
            ) from None

    def _api_client(self) -> httpx.Client:
        # the token travels in a header: one cookie-less client serves every role
        if "\0api" not in self._sessions:
            self._sessions["\0api"] = WebSession("\0api", self.client(), "", "")
        return self._sessions["\0api"].client

    def web(self, role: str) -> WebSession:
        """``role`` signed in through the login page (once per probe run)."""
        if role not in self._sessions:
            self._sessions[role] = self.login(role)
        return self._sessions[role]

    def login(self, role: str, client: httpx.Client | None = None) -> WebSession:
        """Sign in through the login page's form, as a person would, in ``client``."""
        client = client or self.client()

        def send(method: str, path: str, **kwargs: Any) -> httpx.Response:
            return self.send(method, path, client=client, **kwargs)

        return sign_in(self.running, role, client, send)


def query_parameters(document: dict[str, Any], kind: str = "string") -> Iterator[Request]:
    """``GET /path?name`` for each query parameter of ``kind`` in an OpenAPI document.

    Text parameters take the injections; numbers ("integer", "number") the malformed
    values. Path parameters are left out: a record id is an access-control question,
    and the probes never guess ids.
    """
    for path, operations in (document.get("paths") or {}).items():
        if "{" in path or not isinstance(operations, dict):
            continue
        get = operations.get("get")
        if not isinstance(get, dict):
            continue
        for parameter in get.get("parameters") or []:
            if parameter.get("in") == "query" and _admits(parameter.get("schema") or {}, kind):
                yield Request("GET", f"{path}?{parameter['name']}")


def _admits(schema: dict[str, Any], kind: str) -> bool:
    if schema.get("type") == kind:
        return True
    return any(_admits(s, kind) for s in schema.get("anyOf", []) + schema.get("oneOf", []))


def split_parameter(request: Request) -> tuple[str, str, dict[str, str]]:
    """("/path", "name", {other fixed params}) of ``GET /path?name[&k=v...]``."""
    path, _, query = request.path.partition("?")
    name, *rest = query.split("&")
    fixed = dict(part.split("=", 1) for part in rest if "=" in part)
    return path, name, fixed


def openapi_document(prober: Prober) -> dict[str, Any]:
    """The target's OpenAPI document (anonymously, else as the probing role); {} if none."""
    if prober.document is None:
        prober.document = _read_openapi(prober)
    return prober.document


def _read_openapi(prober: Prober) -> dict[str, Any]:
    openapi = prober.settings.openapi
    if not openapi:
        return {}
    answer = prober.send("GET", openapi)
    if answer.status_code in (401, 403):
        answer = prober.send("GET", openapi, role=prober.role)
    if answer.status_code != 200:
        return {}
    try:
        document = answer.json()
    except ValueError:
        return {}
    return document if isinstance(document, dict) else {}
