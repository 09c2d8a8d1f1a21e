"""golive.toml: the targets golive checks and how it drives them, as typed, frozen data.

The file is validated once, here, at the boundary; past :func:`load_config` the rest of
golive trusts the objects it gets. Every error names the file, the line, the key, the
bad value and what would be valid.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from golive.errors import ConfigError
from golive.inputs.api_auth import ApiAuth, read_api
from golive.inputs.document import Document, Key, did_you_mean, load_toml
from golive.inputs.migration import Entity, read_migrations
from golive.inputs.provenance import (
    ManualSettings,
    VersionSource,
    read_manual,
    read_version,
    read_webhook,
)
from golive.inputs.security_policy import SecuritySettings, read_security
from golive.inputs.shapes import LoadSettings, read_load

CONFIG_FILE = "golive.toml"
BROWSER_ENV = "GOLIVE_BROWSER"
"""Overrides ``[browser] executable``; the value ``playwright`` means Playwright's own build."""
CONNECT_ENV = "GOLIVE_BROWSER_CONNECT"
"""Overrides ``[browser] connect``, the browser server's ``ws://`` address."""
DEFAULT_BROWSER = "/usr/bin/chromium"
"""Debian's Chromium (scripts/setup.sh installs it): Playwright cannot download its own
browser on a closed network, so its build is used only when asked for."""
HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
"""Debian's headless build of the same Chromium, the default for headless runs where it
is installed: what Playwright itself uses headless. A context traced with screenshots
costs it a fifth of what it costs the full browser (bench/README.md)."""


def default_browser(headless: bool) -> str:
    """The browser a golive.toml that names none gets."""
    if headless and os.access(HEADLESS_SHELL, os.X_OK):
        return HEADLESS_SHELL
    return DEFAULT_BROWSER


_MAIN_KEYS = {"default_target", "catalog", "approvals", "history", "features", "reports"}
_ENV_NAME = re.compile(r"^[A-Z_][A-Z0-9_]*$")


@dataclass(frozen=True)
class User:
    """A platform account golive logs in with, for one role; the secret stays in the env."""

    role: str
    username: str
    password_env: str
    aliases: tuple[str, ...] = ()

    def password(self) -> str:
        """The password from the environment; a ConfigError names the variable when unset."""
        value = os.environ.get(self.password_env)
        if not value:
            raise ConfigError(
                f"the password of role {self.role!r} ({self.username}) is read from the "
                f"environment variable {self.password_env}, which is not set"
            )
        return value

    def answers_to(self, name: str) -> bool:
        """Whether a scenario's name for a role ("销售", "sales") means this user."""
        wanted = name.strip().casefold()
        return wanted in {self.role.casefold(), *(a.casefold() for a in self.aliases)}


@dataclass(frozen=True)
class LoginForm:
    """How a person logs in through the browser, by the labels they read on the page."""

    path: str = "/login"
    username_label: str = "Username"
    password_label: str = "Password"  # a label, not a secret  # noqa: S105
    submit: str = "Log in"
    reuse: bool = True
    """A login written as a precondition restores the role's kept browser state
    (``golive.pytest.logins``) instead of typing the password again."""
    reuse_minutes: float = 10.0
    """How long a kept state is used before the role logs in through the page again."""


MAX_REUSE_MINUTES = 24 * 60
"""A kept login older than a day is no longer the state a person's browser would have."""


@dataclass(frozen=True)
class Target:
    """A platform golive checks: the embedded sandbox, or one reached at ``base_url``."""

    name: str
    base_url: str | None
    sandbox: bool
    allow_load: bool
    allow_probes: bool
    source: Path | None
    login: LoginForm
    users: Mapping[str, User] = field(default_factory=dict)
    api: ApiAuth = field(default_factory=ApiAuth)
    security: SecuritySettings = field(default_factory=SecuritySettings)
    version: VersionSource = field(default_factory=VersionSource)

    def user(self, name: str) -> User:
        """The account for a role, by role key or alias; ConfigError lists the roles known."""
        for user in self.users.values():
            if user.answers_to(name):
                return user
        known = sorted({n for u in self.users.values() for n in (u.role, *u.aliases)})
        raise ConfigError(
            f"target {self.name!r} has no user for role {name!r}{did_you_mean(name, known)}; "
            f"roles: {', '.join(known) or 'none'} (add [targets.{self.name}.users.<role>] "
            f"to {CONFIG_FILE})"
        )


@dataclass(frozen=True)
class Browser:
    """The browser the UAT scenarios drive."""

    executable: str | None
    """Path of a Chromium binary; None means the browser Playwright installed itself."""
    headless: bool = True
    trace: bool = True
    """Record each scenario as a Playwright trace, attached to it when it fails (a
    failure's screenshot is attached either way)."""
    connect: str | None = None
    """``ws://HOST:PORT/``: each worker drives a browser of a Playwright browser server
    (``playwright run-server``) instead of launching one; ``executable`` is then the
    path on the server (sent only when golive.toml or ``GOLIVE_BROWSER`` names one)."""


@dataclass(frozen=True)
class Config:
    """Everything golive.toml says, with paths made absolute against the file's folder."""

    path: Path
    root: Path
    default_target: str
    catalog: Path
    approvals: Path
    history: Path
    features: Path
    reports: Path
    browser: Browser
    targets: Mapping[str, Target]
    load: LoadSettings
    manual: ManualSettings
    migrations: Mapping[str, Entity] = field(default_factory=dict)
    """``[migration.<entity>]``: legacy exports reconciled with the platform's records."""
    webhook: str | None = field(default=None, repr=False)
    """``[watch] webhook``: where golive watch posts a change of state (may hold a token)."""

    def target(self, name: str | None = None) -> Target:
        """The named target, or the default; ConfigError suggests the closest name."""
        name = name or self.default_target
        try:
            return self.targets[name]
        except KeyError:
            raise ConfigError(
                f"unknown target {name!r}{did_you_mean(name, self.targets)}; "
                f"targets: {', '.join(sorted(self.targets))}",
                path=self.path,
            ) from None


def find_config(start: Path) -> Path:
    """The golive.toml in ``start`` or the nearest folder above it."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
    raise ConfigError(
        f"no {CONFIG_FILE} in {start} or any folder above it; run golive from a project "
        f"folder or pass --config"
    )


def load_config(path: Path) -> Config:
    """Read and validate golive.toml at ``path``."""
    return _Reader(load_toml(path)).config()


def is_loopback(url: str) -> bool:
    """Whether ``url`` points at this machine (127.0.0.0/8, ::1 or localhost)."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _Reader:
    """Builds the typed config from the checked document."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.folder = doc.path.parent.resolve()

    def config(self) -> Config:
        doc, data = self.doc, self.doc.data
        doc.keys(data, (), {"golive", "browser", "targets", "load", "manual", "migration", "watch"})
        main = doc.get(data, ("golive",), dict, {})
        doc.keys(
            main,
            ("golive",),
            {"default_target", "catalog", "approvals", "history", "features", "reports"},
        )
        targets_data = doc.get(data, ("targets",), dict, {})
        if not targets_data:
            raise doc.error(("targets",), "no target defined; add a [targets.<name>] table")
        targets = {
            name: self.target(name, doc.get(targets_data, ("targets", name), dict))
            for name in targets_data
        }
        # unsaid: the sandbox where there is one, else a project's only target
        only = next(iter(targets)) if len(targets) == 1 else "sandbox"
        default = doc.get(main, ("golive", "default_target"), str, only)
        if default not in targets:
            raise doc.error(
                ("golive", "default_target"),
                f"{default!r} is not a target{did_you_mean(default, targets)}; "
                f"targets: {', '.join(sorted(targets))}",
            )
        return Config(
            path=doc.path,
            root=self.folder,
            default_target=default,
            catalog=self.folder / doc.get(main, ("golive", "catalog"), str, "acceptance.yaml"),
            approvals=self.folder / doc.get(main, ("golive", "approvals"), str, "approvals.yaml"),
            history=self.folder
            / doc.get(main, ("golive", "history"), str, "reports/history.sqlite"),
            features=self.folder / doc.get(main, ("golive", "features"), str, "features"),
            reports=self.folder / doc.get(main, ("golive", "reports"), str, "reports"),
            browser=self.browser(doc.get(data, ("browser",), dict, {})),
            targets=targets,
            load=read_load(doc, doc.get(data, ("load",), dict, {}), self.folder),
            manual=read_manual(doc, doc.get(data, ("manual",), dict, {}), self.folder),
            migrations=read_migrations(
                doc, ("migration",), doc.get(data, ("migration",), dict, {}), self.folder
            ),
            webhook=read_webhook(doc, doc.get(data, ("watch",), dict, {})),
        )

    def browser(self, data: Mapping[str, Any]) -> Browser:
        self.doc.keys(data, ("browser",), {"executable", "headless", "trace", "connect"})
        headless = self.doc.get(data, ("browser", "headless"), bool, True)
        executable = os.environ.get(BROWSER_ENV) or self.doc.get(
            data, ("browser", "executable"), str, ""
        )
        connect = os.environ.get(CONNECT_ENV) or self.doc.get(data, ("browser", "connect"), str, "")
        if connect:
            parts = urlsplit(connect)
            if parts.scheme not in {"ws", "wss"} or not parts.hostname:
                where = CONNECT_ENV if os.environ.get(CONNECT_ENV) else None
                message = (
                    f"{connect!r} is not a ws:// or wss:// address of a browser server, "
                    "e.g. 'ws://127.0.0.1:3000/' (playwright run-server --port 3000)"
                )
                if where:
                    raise ConfigError(f"{where}: {message}")
                raise self.doc.error(("browser", "connect"), message)
        elif not executable:
            executable = default_browser(headless)  # a browser of this machine
        return Browser(
            executable=None if executable in {"playwright", ""} else executable,
            headless=headless,
            trace=self.doc.get(data, ("browser", "trace"), bool, True),
            connect=connect or None,
        )

    def target(self, name: str, data: Mapping[str, Any]) -> Target:
        doc, keys = self.doc, ("targets", name)
        doc.keys(
            data,
            keys,
            {
                "sandbox",
                "base_url",
                "allow_load",
                "allow_probes",
                "source",
                "login",
                "users",
                "api",
                "security",
                "version",
            },
        )
        sandbox = doc.get(data, (*keys, "sandbox"), bool, False)
        base_url = None
        if sandbox and "base_url" in data:
            raise doc.error(
                (*keys, "base_url"),
                "a sandbox target gets its URL when it starts; "
                "remove base_url or set sandbox = false",
            )
        if not sandbox:
            base_url = self.url((*keys, "base_url"), doc.get(data, (*keys, "base_url"), str))
        # The sandbox and loopback addresses may be loaded and probed unless a team says
        # otherwise; anything else must be allowed explicitly.
        local = sandbox or is_loopback(base_url or "")
        source = doc.get(data, (*keys, "source"), str, "") or None
        users = self.users(keys, doc.get(data, (*keys, "users"), dict, {}))
        return Target(
            name=name,
            base_url=base_url,
            sandbox=sandbox,
            allow_load=doc.get(data, (*keys, "allow_load"), bool, local),
            allow_probes=doc.get(data, (*keys, "allow_probes"), bool, local),
            source=None if source is None else self.folder / source,
            login=self.login(keys, doc.get(data, (*keys, "login"), dict, {})),
            users=users,
            api=read_api(doc, (*keys, "api"), doc.get(data, (*keys, "api"), dict, {})),
            security=read_security(
                doc,
                (*keys, "security"),
                doc.get(data, (*keys, "security"), dict, {}),
                users,
                self.folder,
            ),
            version=read_version(
                doc, (*keys, "version"), doc.get(data, (*keys, "version"), dict, {})
            ),
        )

    def url(self, keys: Key, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise self.doc.error(
                keys,
                f"{value!r} is not an http:// or https:// URL with a host, "
                f"e.g. 'https://crm-staging.example.com'",
            )
        return value.rstrip("/")

    def login(self, keys: Key, data: Mapping[str, Any]) -> LoginForm:
        doc, keys, defaults = self.doc, (*keys, "login"), LoginForm()
        doc.keys(
            data,
            keys,
            {"path", "username_label", "password_label", "submit", "reuse", "reuse_minutes"},
        )
        path = doc.get(data, (*keys, "path"), str, defaults.path)
        if not path.startswith("/"):
            raise doc.error((*keys, "path"), f"{path!r} must be a path starting with '/'")
        minutes = doc.get(data, (*keys, "reuse_minutes"), float, defaults.reuse_minutes)
        if not 0 < minutes <= MAX_REUSE_MINUTES:
            raise doc.error(
                (*keys, "reuse_minutes"),
                f"{minutes} is not more than 0 and at most {MAX_REUSE_MINUTES}",
            )
        return LoginForm(
            path=path,
            username_label=doc.get(data, (*keys, "username_label"), str, defaults.username_label),
            password_label=doc.get(data, (*keys, "password_label"), str, defaults.password_label),
            submit=doc.get(data, (*keys, "submit"), str, defaults.submit),
            reuse=doc.get(data, (*keys, "reuse"), bool, defaults.reuse),
            reuse_minutes=minutes,
        )

    def users(self, keys: Key, data: Mapping[str, Any]) -> dict[str, User]:
        doc, users = self.doc, {}
        for role in data:
            ukeys = (*keys, "users", role)
            entry = doc.get(data, ukeys, dict)
            doc.keys(entry, ukeys, {"username", "password_env", "aliases"})
            password_env = doc.get(entry, (*ukeys, "password_env"), str)
            if not _ENV_NAME.match(password_env):
                raise doc.error(
                    (*ukeys, "password_env"),
                    f"{password_env!r} is not an environment variable name (A-Z, 0-9, _); "
                    f"the password itself never goes in {CONFIG_FILE}",
                )
            users[role] = User(
                role=role,
                username=doc.get(entry, (*ukeys, "username"), str),
                password_env=password_env,
                aliases=tuple(doc.strings(entry, (*ukeys, "aliases"), [])),
            )
        return users
