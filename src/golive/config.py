"""golive.toml: the targets golive checks and how it drives them, as typed, frozen data.

The file is validated once, here, at the boundary; past :func:`load_config` the rest of
golive trusts the objects it gets. Every error names the file, the line, the key, the
bad value and what would be valid.
"""

from __future__ import annotations

import difflib
import ipaddress
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from golive.errors import ConfigError

CONFIG_FILE = "golive.toml"
BROWSER_ENV = "GOLIVE_BROWSER"
"""Overrides ``[browser] executable``; the value ``playwright`` means Playwright's own build."""

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
    password_label: str = "Password"  # noqa: S105  # nosec B105: a label, not a secret
    submit: str = "Log in"


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

    def user(self, name: str) -> User:
        """The account for a role, by role key or alias; ConfigError lists the roles known."""
        for user in self.users.values():
            if user.answers_to(name):
                return user
        known = sorted({n for u in self.users.values() for n in (u.role, *u.aliases)})
        raise ConfigError(
            f"target {self.name!r} has no user for role {name!r}{_did_you_mean(name, known)}; "
            f"roles: {', '.join(known) or 'none'} (add [targets.{self.name}.users.<role>] "
            f"to {CONFIG_FILE})"
        )


@dataclass(frozen=True)
class Browser:
    """The browser the UAT scenarios drive."""

    executable: str | None
    """Path of a Chromium binary; None means the browser Playwright installed itself."""
    headless: bool = True


@dataclass(frozen=True)
class Config:
    """Everything golive.toml says, with paths made absolute against the file's folder."""

    path: Path
    root: Path
    default_target: str
    catalog: Path
    features: Path
    reports: Path
    browser: Browser
    targets: Mapping[str, Target]

    def target(self, name: str | None = None) -> Target:
        """The named target, or the default; ConfigError suggests the closest name."""
        name = name or self.default_target
        try:
            return self.targets[name]
        except KeyError:
            raise ConfigError(
                f"unknown target {name!r}{_did_you_mean(name, self.targets)}; "
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
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read the file: {exc.strerror}", path=path) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11's error has no line attribute; its text ends "(at line L, column C)"
        found = re.search(r"^(.*?)\s*\(at line (\d+), column \d+\)$", str(exc))
        message, line = (found[1], int(found[2])) if found else (str(exc), None)
        raise ConfigError(f"not valid TOML: {message}", path=path, line=line) from None
    return _Reader(path, text).config(data)


def _did_you_mean(value: str, valid: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(valid), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


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
    """Walks the parsed TOML, checking each key and locating errors in the text."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    # -- locating -----------------------------------------------------------------
    def line_of(self, keys: tuple[str, ...]) -> int | None:
        """Best-effort line of a dotted key: its ``key =`` line, its own table's header,
        or (for a missing key) the header of the table it belongs in."""
        table, last = keys[:-1], keys[-1]
        current: tuple[str, ...] = ()
        headers: dict[tuple[str, ...], int] = {}
        for number, raw in enumerate(self.lines, start=1):
            line = raw.strip()
            if line.startswith("["):
                current = tuple(p.strip().strip('"') for p in line.strip("[]").split("."))
                headers.setdefault(current, number)
                continue
            name = line.split("=", 1)[0].strip().strip('"')
            if current == table and "=" in line and name == last:
                return number
        return headers.get(keys) or headers.get(table)

    def fail(self, keys: tuple[str, ...], message: str) -> ConfigError:
        key = ".".join(keys)
        return ConfigError(f"{key}: {message}", path=self.path, line=self.line_of(keys))

    # -- typed access ---------------------------------------------------------------
    def table(self, data: Mapping[str, Any], keys: tuple[str, ...], allowed: set[str]) -> None:
        for key in data:
            if key not in allowed:
                raise self.fail(
                    (*keys, key),
                    f"unknown key{_did_you_mean(key, allowed)}; "
                    f"valid keys here: {', '.join(sorted(allowed))}",
                )

    def get(
        self, data: Mapping[str, Any], keys: tuple[str, ...], kind: type, default: Any = None
    ) -> Any:
        value = data.get(keys[-1], default)
        if value is None:
            if default is None and kind is not type(None):
                raise self.fail(keys, f"is required (a {kind.__name__})")
            return default
        if kind is str and not isinstance(value, str):
            raise self.fail(keys, f"{value!r} is not a string")
        if kind is bool and not isinstance(value, bool):
            raise self.fail(keys, f"{value!r} is not true or false")
        if kind is dict and not isinstance(value, dict):
            raise self.fail(keys, f"{value!r} is not a table")
        if kind is list and not (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            raise self.fail(keys, f"{value!r} is not a list of strings")
        return value

    # -- the file -----------------------------------------------------------------
    def config(self, data: Mapping[str, Any]) -> Config:
        self.table(data, (), {"golive", "browser", "targets", "phases"})
        root = self.path.parent.resolve()
        main = self.get(data, ("golive",), dict, {})
        self.table(main, ("golive",), {"default_target", "catalog", "features", "reports"})
        targets_data = self.get(data, ("targets",), dict, {})
        if not targets_data:
            raise self.fail(("targets",), "no target defined; add a [targets.<name>] table")
        targets = {
            name: self.target(name, self.get(targets_data, ("targets", name), dict))
            for name in targets_data
        }
        default = self.get(main, ("golive", "default_target"), str, "sandbox")
        if default not in targets:
            raise self.fail(
                ("golive", "default_target"),
                f"{default!r} is not a target{_did_you_mean(default, targets)}; "
                f"targets: {', '.join(sorted(targets))}",
            )
        return Config(
            path=self.path,
            root=root,
            default_target=default,
            catalog=root / self.get(main, ("golive", "catalog"), str, "acceptance.yaml"),
            features=root / self.get(main, ("golive", "features"), str, "features"),
            reports=root / self.get(main, ("golive", "reports"), str, "reports"),
            browser=self.browser(self.get(data, ("browser",), dict, {})),
            targets=targets,
        )

    def browser(self, data: Mapping[str, Any]) -> Browser:
        self.table(data, ("browser",), {"executable", "headless"})
        executable = os.environ.get(BROWSER_ENV) or self.get(
            data, ("browser", "executable"), str, "playwright"
        )
        return Browser(
            executable=None if executable == "playwright" else executable,
            headless=self.get(data, ("browser", "headless"), bool, True),
        )

    def target(self, name: str, data: Mapping[str, Any]) -> Target:
        keys = ("targets", name)
        self.table(
            data,
            keys,
            {"sandbox", "base_url", "allow_load", "allow_probes", "source", "login", "users"},
        )
        sandbox = self.get(data, (*keys, "sandbox"), bool, False)
        base_url = data.get("base_url")
        if sandbox and base_url is not None:
            raise self.fail(
                (*keys, "base_url"),
                "a sandbox target gets its URL when it starts; "
                "remove base_url or set sandbox = false",
            )
        if not sandbox:
            base_url = self.url((*keys, "base_url"), self.get(data, (*keys, "base_url"), str))
        # The sandbox and loopback addresses may be loaded and probed unless a team says
        # otherwise; anything else must be allowed explicitly.
        local = sandbox or is_loopback(base_url or "")
        source = data.get("source")
        return Target(
            name=name,
            base_url=base_url,
            sandbox=sandbox,
            allow_load=self.get(data, (*keys, "allow_load"), bool, local),
            allow_probes=self.get(data, (*keys, "allow_probes"), bool, local),
            source=None
            if source is None
            else self.path.parent.resolve() / self.get(data, (*keys, "source"), str),
            login=self.login(keys, self.get(data, (*keys, "login"), dict, {})),
            users=self.users(keys, self.get(data, (*keys, "users"), dict, {})),
        )

    def url(self, keys: tuple[str, ...], value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise self.fail(
                keys,
                f"{value!r} is not an http:// or https:// URL with a host, "
                f"e.g. 'https://crm-staging.example.com'",
            )
        return value.rstrip("/")

    def login(self, keys: tuple[str, ...], data: Mapping[str, Any]) -> LoginForm:
        keys = (*keys, "login")
        defaults = LoginForm()
        self.table(data, keys, {"path", "username_label", "password_label", "submit"})
        path = self.get(data, (*keys, "path"), str, defaults.path)
        if not path.startswith("/"):
            raise self.fail((*keys, "path"), f"{path!r} must be a path starting with '/'")
        return LoginForm(
            path=path,
            username_label=self.get(data, (*keys, "username_label"), str, defaults.username_label),
            password_label=self.get(data, (*keys, "password_label"), str, defaults.password_label),
            submit=self.get(data, (*keys, "submit"), str, defaults.submit),
        )

    def users(self, keys: tuple[str, ...], data: Mapping[str, Any]) -> dict[str, User]:
        users = {}
        for role, entry in data.items():
            ukeys = (*keys, "users", role)
            entry = self.get(data, ukeys, dict)
            self.table(entry, ukeys, {"username", "password_env", "aliases"})
            password_env = self.get(entry, (*ukeys, "password_env"), str)
            if not _ENV_NAME.match(password_env):
                raise self.fail(
                    (*ukeys, "password_env"),
                    f"{password_env!r} is not an "
                    f"environment variable name (A-Z, 0-9, _); the password itself "
                    f"never goes in {CONFIG_FILE}",
                )
            users[role] = User(
                role=role,
                username=self.get(entry, (*ukeys, "username"), str),
                password_env=password_env,
                aliases=tuple(self.get(entry, (*ukeys, "aliases"), list, [])),
            )
        return users
