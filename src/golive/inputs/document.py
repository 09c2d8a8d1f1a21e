"""Input files (golive.toml, acceptance.yaml, ...) read with the line of every key.

A :class:`Document` pairs the parsed data with a way to locate any dotted key in the
text, and offers the typed, checked access every loader needs, so each error a user
sees names the file, the line, the key, the bad value and what would be valid.
"""

from __future__ import annotations

import bisect
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
    """``criteria[2].phases`` for ("criteria", 2, "phases"); a key with a dot is quoted."""
    text = ""
    for key in keys:
        if isinstance(key, int):
            text += f"[{key}]"
            continue
        if not key or _AMBIGUOUS.search(key):
            key = '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'
        text += f".{key}" if text else key
    return text


_AMBIGUOUS = re.compile(r"[.\[\]\"'\s]")


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
        """A real day written YYYY-MM-DD, or a TOML date; refuses a time, 2026-02-30, 31/01/2027."""
        value = data.get(str(keys[-1]))
        if value is None:
            raise self.error(keys, f"is required (a date written YYYY-MM-DD, e.g. {_EXAMPLE})")
        if type(value) is dt.date:  # TOML reads 2026-12-31 as a date; a datetime is refused
            return value
        if isinstance(value, str) and _DATE.match(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass  # 2026-02-30: the right form, but no such day: refused below
        shown = repr(str(value) if isinstance(value, dt.date) else value)
        raise self.error(keys, f"{shown} is not a date; write it as YYYY-MM-DD, e.g. {_EXAMPLE}")

    def strings(
        self, data: Mapping[str, Any], keys: Key, default: list[str] | None = None
    ) -> list[str]:
        """A list of strings."""
        value: list[Any] = self.get(data, keys, list, default)
        for index, item in enumerate(value):
            if not isinstance(item, str):
                raise self.error((*keys, index), f"{item!r} is not a string")
        return value


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z", re.ASCII)
_EXAMPLE = "2026-12-31"

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
    """Parse a TOML file keeping the line of every key, table and array element."""
    text = _read(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11's error has no line attribute; its text ends "(at line L, column C)"
        found = re.search(r"^(.*?)\s*\(at line (\d+), column \d+\)$", str(exc))
        message, line = (found[1], int(found[2])) if found else (str(exc), None)
        raise ConfigError(f"not valid TOML: {message}", path=path, line=line) from None
    return Document(path, data, _TomlLines(text).lines.get)


_TOML_BLANK = re.compile(r"(?:\s|#[^\n]*)*")  # whitespace, line ends and comments
_TOML_SPACE = re.compile(r"[ \t]*")
_TOML_EQUALS = re.compile(r"=[ \t]*")
_TOML_HEADER_END = {False: re.compile(r"\]"), True: re.compile(r"\]\]")}
_TOML_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_TOML_STRING = re.compile(
    r'"""(?:[^\\]|\\.)*?"""(?:"{0,2})'  # up to two quotes may end the text before """
    r"|'''.*?'''(?:'{0,2})"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'",
    re.DOTALL,
)
# a number, boolean or date; a date and its time may be parted by one space
_TOML_SCALAR = re.compile(r"[^\s,\]}#]+(?: \d[^\s,\]}#]*)?")


class _TomlLines:
    """The line of every key in a text tomllib accepted, by the keys tomllib gives it.

    Reads headers (``[a."b.c"]``, ``[[a.b]]``), dotted keys (``login.submit = 3``),
    quoted keys, inline tables and arrays; the text is known to be valid TOML, so it
    only needs to find where each key starts, never to check it.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.starts = [0, *(i + 1 for i, char in enumerate(text) if char == "\n")]
        self.lines: dict[Key, int] = {}
        self.arrays: dict[Key, int] = {}  # each array of tables -> the index of its last
        table: Key = ()
        try:
            while self.blank():
                if self.text.startswith("[", self.pos):
                    table = self.header()
                else:
                    self.keyval(table)
        except _Lost:
            # a construct this reader does not know (a later TOML, say) costs the lines of
            # the keys after it, which then fall back to their tables; never the load
            pass

    def line(self) -> int:
        return bisect.bisect_right(self.starts, self.pos)

    def blank(self) -> bool:
        """Skip whitespace, line ends and comments; whether any text is left."""
        self.pos = _match(_TOML_BLANK, self.text, self.pos).end()
        return self.pos < len(self.text)

    def header(self) -> Key:
        array = self.text.startswith("[[", self.pos)
        line = self.line()
        self.pos += 2 if array else 1
        keys = self.key()
        self.pos = _match(_TOML_HEADER_END[array], self.text, self.pos).end()
        # a table inside an array of tables belongs to the array's last element
        resolved: Key = ()
        for key in keys[:-1]:
            resolved = (*resolved, key)
            if resolved in self.arrays:
                resolved = (*resolved, self.arrays[resolved])
            self.lines.setdefault(resolved, line)
        resolved = (*resolved, keys[-1])
        if array:
            self.lines.setdefault(resolved, line)
            self.arrays[resolved] = self.arrays.get(resolved, -1) + 1
            resolved = (*resolved, self.arrays[resolved])
        self.lines[resolved] = line
        return resolved

    def keyval(self, table: Key) -> None:
        line = self.line()
        keys = (*table, *self.key())
        for end in range(len(table) + 1, len(keys)):
            self.lines.setdefault(keys[:end], line)
        self.lines[keys] = line
        self.pos = _match(_TOML_EQUALS, self.text, self.pos).end()
        self.value(keys)

    def key(self) -> tuple[str, ...]:
        """A dotted key such as ``a . "b.c" . 'd'``, up to the "=" or "]" after it."""
        parts = []
        while True:
            self.pos = _match(_TOML_SPACE, self.text, self.pos).end()
            if self.text.startswith(('"', "'"), self.pos):
                quoted = _match(_TOML_STRING, self.text, self.pos)
                # tomllib accepted the key, so it decodes it too (escapes and all)
                parts.append(str(tomllib.loads(f"key = {quoted[0]}")["key"]))
            else:
                quoted = _match(_TOML_BARE_KEY, self.text, self.pos)
                parts.append(quoted[0])
            self.pos = _match(_TOML_SPACE, self.text, quoted.end()).end()
            if not self.text.startswith(".", self.pos):
                return tuple(parts)
            self.pos += 1

    def value(self, keys: Key) -> None:
        opening = self.text[self.pos : self.pos + 1]
        if opening in ("[", "{"):
            closing = "]" if opening == "[" else "}"
            self.pos += 1
            index = 0
            while self.blank() and not self.text.startswith(closing, self.pos):
                if opening == "[":
                    self.lines.setdefault((*keys, index), self.line())
                    self.value((*keys, index))
                    index += 1
                else:
                    self.keyval(keys)
                if self.blank() and self.text.startswith(",", self.pos):
                    self.pos += 1
            self.pos += 1
        else:
            pattern = _TOML_STRING if opening in ('"', "'") else _TOML_SCALAR
            self.pos = _match(pattern, self.text, self.pos).end()


class _Lost(Exception):
    """The TOML text has something :class:`_TomlLines` cannot read."""


def _match(pattern: re.Pattern[str], text: str, pos: int) -> re.Match[str]:
    found = pattern.match(text, pos)
    if found is None:
        raise _Lost
    return found


# -- YAML ---------------------------------------------------------------------------
def load_yaml(path: Path) -> Document:
    """Parse a YAML file keeping every key's line; duplicate keys are an error."""
    text = _read(path)
    loader = _Loader(text)
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


def dump_yaml(data: Any) -> str:
    """YAML text for ``data`` that :func:`load_yaml` reads back, with dates unquoted."""
    return yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False
    )


_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_BOOL = "tag:yaml.org,2002:bool"


def _resolvers(*dropped: str) -> dict[Any, Any]:
    """PyYAML's implicit types less ``dropped``, as a table a subclass may own."""
    return {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in dropped]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, less two surprises of YAML 1.1 in hand-written files.

    Timestamps stay text (even ``!!timestamp``): PyYAML makes ``2026-12-31 10:00`` a
    datetime no date compares with, and 2026-02-30 a bare ValueError mid-parse;
    :meth:`Document.date` checks the text, with its line. Only true and false are
    booleans (YAML 1.2): YAML 1.1 makes the key of a sign-off's ``on: 2026-11-20`` True.
    """

    yaml_implicit_resolvers = _resolvers(_TIMESTAMP, _BOOL)


_Loader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _timestamp_as_text(loader: _Loader, node: yaml.Node) -> str:
    return loader.construct_yaml_str(node)


_Loader.add_constructor(_TIMESTAMP, _timestamp_as_text)


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, writing a date or a text like one as plain 2026-12-31."""

    yaml_implicit_resolvers = _resolvers(_TIMESTAMP)


def _represent_date(dumper: yaml.SafeDumper, value: dt.date) -> yaml.Node:
    return dumper.represent_str(value.isoformat())


_Dumper.add_representer(dt.date, _represent_date)


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
