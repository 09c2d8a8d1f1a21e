"""Where evidence comes from: the platform version a target reports, and the manual
results people record (``[targets.X.version]`` and ``[manual]`` in golive.toml).

Every result records the platform version it was produced against, so a criterion can
ask for evidence from the version about to go live (``fresh: version`` in
acceptance.yaml) and a manual result goes stale when the platform changes.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from golive.errors import ConfigError
from golive.inputs.document import Document, Key
from golive.inputs.fields import field_value

VERSION_PATHS = ("/health", "/version")
"""Where a platform that is not told otherwise is asked for its version (JSON ``version``)."""
MANUAL_FILE = "manual-results.yaml"
MAX_MANUAL_DAYS = 3650
_FIELD = re.compile(r"^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$")


@dataclass(frozen=True)
class VersionSource:
    """How golive learns the version of the platform a target runs.

    ``path``: an endpoint of the platform answering JSON, ``field`` the dotted name of the
    version in it. ``command``: a command run in the project folder, whose first line of
    output is the version (a deployment tool's, ``kubectl get ...``). Neither: the
    platform is asked at ``VERSION_PATHS``."""

    path: str | None = None
    field: str = "version"
    command: str | None = None

    def describe(self) -> str:
        if self.command:
            return f"the command {self.command!r}"
        if self.path:
            return f"the field {self.field!r} of {self.path}"
        return f"the field 'version' of {' or '.join(VERSION_PATHS)}"


@dataclass(frozen=True)
class ManualSettings:
    """``[manual]``: where manual UAT results are kept, and how long one is evidence."""

    file: Path
    max_age: dt.timedelta = dt.timedelta(days=30)
    """A manual result older than this is stale, whatever the platform version."""


def read_version(doc: Document, keys: Key, data: Mapping[str, Any]) -> VersionSource:
    """``[targets.X.version]``, checked: a path (and field) or a command, not both."""
    doc.keys(data, keys, {"path", "field", "command"})
    path = doc.get(data, (*keys, "path"), str, "") or None
    command = doc.get(data, (*keys, "command"), str, "").strip() or None
    field = doc.get(data, (*keys, "field"), str, "version")
    if path and command:
        raise doc.error(keys, "give either path (an endpoint) or command, not both")
    if path is not None and not path.startswith("/"):
        raise doc.error((*keys, "path"), f"{path!r} must be a path starting with '/'")
    if not _FIELD.match(field):
        raise doc.error(
            (*keys, "field"),
            f"{field!r} is not a JSON field name (dotted for nested: 'app.version')",
        )
    return VersionSource(path=path, field=field, command=command)


def read_manual(doc: Document, data: Mapping[str, Any], folder: Path) -> ManualSettings:
    """``[manual]``, checked."""
    doc.keys(data, ("manual",), {"file", "max_age_days"})
    days = doc.get(data, ("manual", "max_age_days"), int, 30)
    if not 1 <= days <= MAX_MANUAL_DAYS:
        raise doc.error(("manual", "max_age_days"), f"{days} is not from 1 to {MAX_MANUAL_DAYS}")
    return ManualSettings(
        file=folder / doc.get(data, ("manual", "file"), str, MANUAL_FILE),
        max_age=dt.timedelta(days=days),
    )


def field_of(answer: Any, field: str) -> str | None:
    """The value at the dotted ``field`` of a JSON answer, as text; None where it has none
    or it is not a single value (an object, a list, true or false)."""
    value = field_value(answer, field) if isinstance(answer, dict) else None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    text = str(value).strip()
    return text or None


WEBHOOK_ENV = "GOLIVE_WATCH_WEBHOOK"
"""Overrides ``[watch] webhook``: a URL with a token in it belongs in a secret, not a file."""


def read_webhook(doc: Document, data: Mapping[str, Any]) -> str | None:
    """``[watch] webhook``: where ``golive watch`` posts a change of state; None: nowhere."""
    doc.keys(data, ("watch",), {"webhook"})
    url = os.environ.get(WEBHOOK_ENV) or doc.get(data, ("watch", "webhook"), str, "")
    if url and not url.startswith(("http://", "https://")):
        where = WEBHOOK_ENV if os.environ.get(WEBHOOK_ENV) else None
        message = f"{url!r} is not an http:// or https:// address"
        if where:
            raise ConfigError(f"{where}: {message}")
        raise doc.error(("watch", "webhook"), message)
    return url or None
