"""``golive init``: a working project for a platform golive has never seen.

It looks at the login page (GET only, a bounded number of requests), reads the labels
a person sees there, and writes golive.toml, acceptance.yaml (one SMART goal and its
criteria), a login scenario, the security scenarios, a load scenario and profile and a
README, in the language asked for. Everything it could not read off the page it
guesses, and says so. ``golive lint`` is clean on what it writes.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from golive.errors import ConfigError, TargetError
from golive.inputs.config import is_loopback
from golive.messages import Say
from golive.scaffold.login_page import LOGIN_PATHS, LoginForm, find_login_form

TIMEOUT = 10.0
"""Seconds golive init waits for one page."""

PASSWORD_ENV = "GOLIVE_TEST_ADMIN_PASSWORD"  # noqa: S105  # nosec B105: a variable name
"""The variable the written golive.toml reads the admin's password from."""

GUESSES = {
    "en": LoginForm("Username", "Password", "Log in"),
    "zh-CN": LoginForm("用户名", "密码", "登录"),
}
"""The labels written when the login page could not be read."""

WORDS = {
    "en": {
        "aliases": '"administrator"',
        "pilot_aliases": '"pilot phase"',
        "role_example": 'I log in as "admin"',
        "login_request": "open the login page",
        "home_request": "open the home page",
    },
    "zh-CN": {
        "aliases": '"管理员", "administrator"',
        "pilot_aliases": '"试点阶段", "pilot phase"',
        "role_example": '我以"管理员"身份登录',
        "login_request": "打开登录页",
        "home_request": "打开首页",
    },
}


@dataclass(frozen=True)
class LoginPage:
    """What golive init found: the login page's path and its form (None: not read)."""

    path: str
    form: LoginForm | None


@dataclass(frozen=True)
class Written:
    """The project golive init wrote, and what it had to guess."""

    folder: Path
    files: tuple[Path, ...]
    login: LoginPage
    notes: tuple[str, ...]


def check_url(url: str) -> str:
    """``url`` without a trailing slash, if it is an http(s) address; else ConfigError."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ConfigError(f"--url {url!r} is not an http:// or https:// address")
    return url.rstrip("/")


def find_login_page(url: str, client: httpx.Client | None = None) -> LoginPage:
    """The page at ``url`` if it has a login form, else the first of the usual login
    paths that has one; ``LoginPage(path, None)`` if none could be read. TargetError if
    the platform does not answer at all."""
    own = client is None
    client = client or httpx.Client(timeout=TIMEOUT, follow_redirects=True)
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    start = parts.path or "/"
    answered = False
    try:
        for path in dict.fromkeys([start, *LOGIN_PATHS]):
            try:
                response = client.get(origin + path)
            except httpx.HTTPError as exc:
                if path == start:
                    raise TargetError(f"{url} does not answer: {exc}") from None
                continue
            answered = True
            if response.status_code >= 400 or "html" not in response.headers.get(
                "content-type", ""
            ):
                continue
            form = find_login_form(response.text)
            if form is not None:
                final = urlsplit(str(response.url))
                same = f"{final.scheme}://{final.netloc}" == origin
                return LoginPage(final.path if same and final.path else path, form)
    finally:
        if own:
            client.close()
    if not answered:
        raise TargetError(f"{url} does not answer")
    return LoginPage("/login", None)


def write_project(
    folder: Path, url: str, lang: str, login: LoginPage, *, today: dt.date | None = None
) -> Written:
    """Write the project files into ``folder``; ConfigError if any of them exists."""
    today = today or dt.date.today()
    say = Say(lang)
    form = login.form or GUESSES[lang]
    notes = [
        say("init.found", path=login.path, **vars(form))
        if login.form
        else say("init.guessed", path=login.path, **vars(form))
    ]
    name = urlsplit(url).hostname or url
    values = {
        "name": name,
        "url": url,
        "today": today.isoformat(),
        "deadline": (today + dt.timedelta(days=90)).isoformat(),
        "allowed": "true" if is_loopback(url) else "false",
        "login_path": login.path,
        "username_label": _toml(form.username_label),
        "password_label": _toml(form.password_label),
        "submit": _toml(form.submit),
        "password_env": PASSWORD_ENV,
        "guessed": notes[0],
        **WORDS[lang],
    }
    sources = {
        "golive.toml": ("common", "golive.toml"),
        "acceptance.yaml": (lang, "acceptance.yaml"),
        "README.md": (lang, "README.md"),
        "features/login.feature": (lang, "features/login.feature"),
        "features/security.feature": (lang, "features/security.feature"),
        "features/load.feature": (lang, "features/load.feature"),
        "perf/locustfile.py": ("common", "perf/locustfile.py.in"),
    }
    clashes = [rel for rel in sources if (folder / rel).exists()]
    if clashes:
        raise ConfigError(
            f"{folder} already holds {', '.join(clashes)}: golive init writes a new project "
            f"and never overwrites one"
        )
    templates = resources.files("golive.scaffold") / "templates"
    written = []
    for rel, (kind, source) in sources.items():
        text = (templates / kind / source).read_text(encoding="utf-8")
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(string.Template(text).substitute(values), encoding="utf-8")
        written.append(path)
    (folder / "reports").mkdir(exist_ok=True)
    notes.append(say("init.next", env=values["password_env"]))
    return Written(folder, tuple(written), login, tuple(notes))


def _toml(text: str) -> str:
    """``text`` inside a TOML basic string."""
    return text.replace("\\", "\\\\").replace('"', '\\"')
