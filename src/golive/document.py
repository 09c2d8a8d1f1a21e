"""Input files (golive.toml, acceptance.yaml, ...) read with the line of every key.

A :class:`Document` pairs the parsed data with a way to locate any dotted key in the
text, and offers the typed, checked access every loader needs, so each error a user
sees names the file, the line, the key, the bad value and what would be valid.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from golive.errors import ConfigError

Key = tuple[str | int, ...]


def did_you_mean(value: str, valid: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest valid value, or nothing."""
    close = difflib.get_close_matches(value, list(valid), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def dotted(keys: Key) -> str:
    """``criteria[2].phases`` for ("criteria", 2, "phases")."""
    text = ""
    for key in keys:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else key)
    return text


class Document:
    """Parsed data plus the means to locate and check any key in it."""

    def __init__(self, path: Path, data: Any, locate: Callable[[Key], int | None]) -> None:
        self.path = path
        self.data = data
        self._locate = locate

    def line(self, keys: Key) -> int | None:
        """The line of ``keys``, or of its nearest enclosing key the text shows."""
        for end in range(len(keys), -1, -1):
            found = self._locate(keys[:end])
            if found is not None:
                return found
        return None

    def error(self, keys: Key, message: str) -> ConfigError:
        prefix = f"{dotted(keys)}: " if keys else ""
        return ConfigError(prefix + message, path=self.path, line=self.line(keys))

    # -- checked access -----------------------------------------------------------
    def keys(self, data: Mapping[str, Any], keys: Key, allowed: Iterable[str]) -> None:
        """Refuse any key of ``data`` not in ``allowed``, suggesting the closest."""
        allowed = set(allowed)
        for key in data:
            if key not in allowed:
                raise self.error(
                    (*keys, key),
                    f"unknown key{did_you_mean(str(key), allowed)}; "
                    f"valid keys here: {', '.join(sorted(allowed))}",
                )

    def get(self, data: Mapping[str, Any], keys: Key, kind: type, default: Any = None) -> Any:
        """``data[keys[-1]]`` checked to be a ``kind``; required when ``default`` is None."""
        value = data.get(str(keys[-1]), default)
        if value is None:
            raise self.error(keys, f"is required ({_KIND_NAMES.get(kind, kind.__name__)})")
        checks: dict[type, Callable[[Any], bool]] = {
            str: lambda v: isinstance(v, str),
            bool: lambda v: isinstance(v, bool),
            int: lambda v: isinstance(v, int) and not isinstance(v, bool),
            float: lambda v: isinstance(v, int | float) and not isinstance(v, bool),
            dict: lambda v: isinstance(v, dict),
            list: lambda v: isinstance(v, list),
        }
        if not checks[kind](value):
            raise self.error(keys, f"{value!r} is not {_KIND_NAMES.get(kind, kind.__name__)}")
        return value

    def choice(
        self, data: Mapping[str, Any], keys: Key, valid: Iterable[str], default: str | None = None
    ) -> str:
        """A string that must be one of ``valid``."""
        valid = list(valid)
        value: str = self.get(data, keys, str, default)
        if value not in valid:
            raise self.error(
                keys,
                f"{value!r} is not valid{did_you_mean(value, valid)}; valid: {', '.join(valid)}",
            )
        return value

    def date(self, data: Mapping[str, Any], keys: Key) -> dt.date:
        """A date, written as YAML's 2026-12-31 or as that text."""
        value = data.get(str(keys[-1]))
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise self.error(keys, f"{value!r} is not a date; write it as 2026-12-31") from None

    def strings(
        self, data: Mapping[str, Any], keys: Key, default: list[str] | None = None
    ) -> list[str]:
        """A list of strings."""
        value: list[Any] = self.get(data, keys, list, default)
        for index, item in enumerate(value):
            if not isinstance(item, str):
                raise self.error((*keys, index), f"{item!r} is not a string")
        return value


_KIND_NAMES = {
    str: "a string",
    bool: "true or false",
    int: "a whole number",
    float: "a number",
    dict: "a table",
    list: "a list",
}


# -- TOML ---------------------------------------------------------------------------
def load_toml(path: Path) -> Document:
    """Parse a TOML file; the line of a key is found from its table header and name."""
    text = _read(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11's error has no line attribute; its text ends "(at line L, column C)"
        found = re.search(r"^(.*?)\s*\(at line (\d+), column \d+\)$", str(exc))
        message, line = (found[1], int(found[2])) if found else (str(exc), None)
        raise ConfigError(f"not valid TOML: {message}", path=path, line=line) from None
    lines = text.splitlines()

    def locate(keys: Key) -> int | None:
        if not keys:
            return None
        table, last = keys[:-1], keys[-1]
        current: Key = ()
        for number, raw in enumerate(lines, start=1):
            line = raw.strip()
            if line.startswith("["):
                current = tuple(p.strip().strip('"') for p in line.strip("[]").split("."))
                if current == keys:
                    return number
            elif current == table and line.split("=", 1)[0].strip().strip('"') == last:
                return number
        return None

    return Document(path, data, locate)


# -- YAML ---------------------------------------------------------------------------
def load_yaml(path: Path) -> Document:
    """Parse a YAML file keeping every key's line; duplicate keys are an error."""
    text = _read(path)
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise ConfigError(
            f"not valid YAML: {exc.problem or exc.context}", path=path, line=line
        ) from None
    finally:
        loader.dispose()
    lines: dict[Key, int] = {}
    if node is not None:
        _walk(path, node, (), lines)
    return Document(path, data, lines.get)


def _walk(path: Path, node: yaml.Node, keys: Key, lines: dict[Key, int]) -> None:
    lines.setdefault(keys, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise ConfigError(
                    f"{dotted((*keys, key))}: duplicate key (first at line {seen[key]})",
                    path=path,
                    line=line,
                )
            seen[key] = line
            lines[(*keys, key)] = line
            _walk(path, value_node, (*keys, key), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(path, item, (*keys, index), lines)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read the file: {exc.strerror}", path=path) from None
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8 text", path=path) from None
