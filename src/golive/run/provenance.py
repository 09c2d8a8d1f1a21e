"""What a run's evidence was produced against: the platform's version and the project's
commit. Both are asked once per run and handed to the suites, which label every result
with them (``golive.pytest.plugin``)."""

from __future__ import annotations

import shlex
import subprocess  # nosec B404: git and the team's own version command
from pathlib import Path

import httpx

from golive.errors import TargetError
from golive.inputs.provenance import VERSION_PATHS, VersionSource, field_of

COMMAND_SECONDS = 30.0
"""A version command that takes longer than this is stuck, not slow."""


def platform_version(base_url: str, source: VersionSource, root: Path) -> str | None:
    """The version the platform runs, as ``source`` says to learn it; None where the
    platform does not say (the default endpoints answer no version). A configured
    endpoint or command that fails is a TargetError: the team said where to look."""
    if source.command:
        return command_output(source.command, root, "version")
    for path in (source.path,) if source.path else VERSION_PATHS:
        try:
            answer = httpx.get(f"{base_url}{path}", timeout=5.0)
            version = field_of(answer.json(), source.field) if answer.is_success else None
        except (httpx.HTTPError, ValueError) as exc:
            if source.path:
                raise TargetError(f"cannot read the platform version at {path}: {exc}") from None
            continue
        if version is None and source.path:
            raise TargetError(
                f"{path} answered {answer.status_code} without the field {source.field!r}, "
                "which golive.toml says holds the platform version"
            )
        if version is not None:
            return version
    return None


def command_output(command: str, root: Path, what: str) -> str:
    """The first line a command run in ``root`` prints (a platform version, a goal's
    metric); TargetError, saying ``what`` was wanted, when it fails or prints nothing."""
    try:
        done = subprocess.run(  # the team's own command  # noqa: S603  # nosec B603
            shlex.split(command),
            cwd=root,
            capture_output=True,
            text=True,
            timeout=COMMAND_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise TargetError(f"the {what} command {command!r} did not run: {exc}") from None
    first = next((line.strip() for line in done.stdout.splitlines() if line.strip()), "")
    if done.returncode != 0 or not first:
        raise TargetError(
            f"the {what} command {command!r} exited {done.returncode} "
            f"without a {what}: {done.stderr.strip()[-300:] or '(no output)'}"
        )
    return first


def project_commit(root: Path) -> str | None:
    """The commit the project folder is at, ``-dirty`` when tracked files differ from it;
    None outside a git checkout (or without git)."""
    try:
        head = _git(root, "rev-parse", "HEAD")
        changed = _git(root, "status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.SubprocessError):
        return None
    if head is None:
        return None
    return f"{head}-dirty" if changed else head


def _git(root: Path, *args: str) -> str | None:
    done = subprocess.run(  # git, on the project folder  # noqa: S603  # nosec B603 B607
        ["git", "-C", str(root), *args],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=COMMAND_SECONDS,
        check=False,
    )
    return done.stdout.strip() if done.returncode == 0 else None
