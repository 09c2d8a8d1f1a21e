"""Search a report tree for secrets, also where a plain byte search cannot see them.

A report hides most of its content from ``secret in path.read_bytes()``: the Allure
single-file report carries every result and attachment as base64 (``d("name","...")``
and ``data:`` URIs), a Playwright trace is a zip, and a zip may sit inside base64 inside
HTML. ``find_secrets`` looks at each file's raw bytes and at everything they encode:

- zip members (recognised by their magic bytes, whatever the file is called), gzip data,
  and every base64 run of at least ``MIN_BASE64`` characters (standard or URL-safe, with
  or without padding), each decoded and searched again, down to ``max_depth`` decodings;
- each secret as it may be written in text: as is, percent-encoded, JSON- and
  HTML-escaped; and its base64 form at each of the three byte alignments, which finds it
  in base64 that does not decode on its own (a run glued to other text, wrapped lines);
- the names of files and zip members.

A finding names the place and the secret's label, never the secret:
``reports/x.html > base64 at offset 1234 > zip member 'trace.network': password of sales
at offset 77``. A zip that cannot be opened or a member too large to read is a finding
too: what was not searched was not shown to be clean.
"""

from __future__ import annotations

import binascii
import html
import io
import json
import os
import re
import zipfile
import zlib
from base64 import b64encode
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, quote_plus

__all__ = ["MAX_DEPTH", "MIN_BASE64", "find_secrets"]

MAX_DEPTH = 3  # file > base64 > zip member > base64: the trace zip in the Allure HTML
MIN_BASE64 = 16  # shorter runs are mostly words and identifiers, and 16 chars hold 12 bytes
MAX_BLOB = 256 * 1024 * 1024  # a zip member past this is reported, not read; gzip stops here

_BASE64_RUN = re.compile(rb"[A-Za-z0-9+/_-]{%d,}={0,2}" % MIN_BASE64)
_SMALL = 64 * 1024  # below this a prefilter regex is cheaper than a find per needle
_BASE64_CHARS = re.compile(rb"[A-Za-z0-9+/_-]*")
_URLSAFE_TO_STANDARD = bytes.maketrans(b"-_", b"+/")
_STANDARD_TO_URLSAFE = bytes.maketrans(b"+/", b"-_")
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a local file header; an empty archive
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class _Base64Form:
    """A secret in base64 behind ``shift`` unknown bytes: the characters it always
    yields (``core``), how many characters of the quantum come before them (``lead``)
    and how long the whole encoding is (``width``), to decode the window and check."""

    core: bytes
    lead: int
    width: int


@dataclass(frozen=True)
class _Secret:
    label: str
    raw: bytes
    text: tuple[str, ...]  # the forms it takes in text, for names and for redaction
    forms: tuple[bytes, ...]  # the same, as bytes
    base64: tuple[_Base64Form, ...]


def find_secrets(
    root: Path,
    secrets: Mapping[str, str] | Iterable[str],
    *,
    patterns: Iterable[re.Pattern[bytes]] = (),
    max_depth: int = MAX_DEPTH,
) -> list[str]:
    """Where under ``root`` (a folder or one file) any of ``secrets`` or ``patterns`` occurs.

    ``secrets`` is a mapping of label to secret (the label is what a finding shows; an
    environment variable's name does well) or plain secrets, shown as ``secret #1``.
    ``patterns`` are byte regexes for secrets not known in advance (bearer tokens,
    session cookies), searched in the raw and every decoded layer. Returns one line per
    finding, ``root.name/relative/path[ > layer...]: what at offset N``, sorted by file;
    an empty list means nothing was found.
    """
    labelled = secrets.items() if isinstance(secrets, Mapping) else _unlabelled(secrets)
    search = _Search([_secret(label, value) for label, value in labelled], patterns, max_depth)
    root = Path(root)
    top = root.resolve().name  # "reports", also when root is given as "."
    files = [root] if root.is_file() else _files(root)
    for path in files:
        where = top if path == root else f"{top}/{path.relative_to(root).as_posix()}"
        search.name(where, where)
        search.blob(path.read_bytes(), where, 0)
    return search.findings


def _unlabelled(secrets: Iterable[str]) -> list[tuple[str, str]]:
    return [(f"secret #{number}", value) for number, value in enumerate(secrets, 1)]


def _secret(label: str, value: str) -> _Secret:
    if not value:
        raise ValueError(f"the secret {label!r} is empty: it would be found everywhere")
    escaped = (quote(value, safe=""), quote_plus(value), html.escape(value))
    in_json = (json.dumps(value)[1:-1], json.dumps(value, ensure_ascii=False)[1:-1])
    text = tuple(dict.fromkeys((value, *escaped, *in_json)))
    raw = value.encode()
    encoded = []
    for shift in range(3):
        # with `shift` unknown bytes in front, the characters that cover bits of the
        # secret alone run from ceil(8 * shift / 6) to floor(8 * (shift + len) / 6)
        full = b64encode(b"\0" * shift + raw).rstrip(b"=")
        lead = -(-8 * shift // 6)
        core = full[lead : 8 * (shift + len(raw)) // 6]
        if len(core) >= 8:  # a shorter core would turn up by chance
            for alphabet in (core, core.translate(_STANDARD_TO_URLSAFE)):
                encoded.append(_Base64Form(alphabet, lead, len(full)))
    return _Secret(
        label,
        raw,
        text,
        tuple(form.encode() for form in text),
        tuple(dict.fromkeys(encoded)),
    )


def _files(root: Path) -> list[Path]:
    if not root.is_dir():
        raise FileNotFoundError(f"nothing to search at {root}")
    found = []
    for folder, folders, names in os.walk(root):  # os.walk does not follow links into loops
        folders.sort()
        found += [Path(folder, name) for name in sorted(names)]
    return [path for path in found if path.is_file()]


def _first(data: bytes, needles: Iterable[bytes]) -> int:
    """The lowest offset of any needle in data, -1 if none is there."""
    offsets = [at for at in (data.find(needle) for needle in needles) if at >= 0]
    return min(offsets, default=-1)


def _base64_at(data: bytes, secret: _Secret) -> int:
    """An offset of the secret's base64 form in data, -1 if it is not there.

    The core leaves up to 6 bits at each end unchecked, so a near miss could match it:
    a hit counts when its window decodes to the secret, or when the window cannot be
    decoded to check (cut off by the end of the data, or broken by a line break).
    """
    for form in secret.base64:
        at = data.find(form.core)
        while at >= 0:
            start = at - form.lead
            window = data[start : start + form.width] if start >= 0 else b""
            if len(window) < form.width or not _BASE64_CHARS.fullmatch(window):
                return at
            if secret.raw in _decode(window):
                return at
            at = data.find(form.core, at + 1)
    return -1


def _decode(run: bytes) -> bytes:
    """A base64 run's bytes, whichever alphabet and with or without its padding."""
    body = run.rstrip(b"=").translate(_URLSAFE_TO_STANDARD)
    if len(body) % 4 == 1:  # one character too many to be base64: drop it
        body = body[:-1]
    return binascii.a2b_base64(body + b"=" * (-len(body) % 4))


class _Search:
    def __init__(
        self, secrets: list[_Secret], patterns: Iterable[re.Pattern[bytes]], max_depth: int
    ) -> None:
        self.secrets = secrets
        self.patterns = list(patterns)
        self.max_depth = max_depth
        self.findings: list[str] = []
        # one pass of a compiled regex tells most small blobs (decoded base64 runs, by
        # the ten thousand) that there is nothing to look for; bytes.find is faster on
        # large ones, where the regex would stop at every letter any needle starts with
        needles = {form for s in secrets for form in s.forms}
        needles |= {form.core for s in secrets for form in s.base64}
        alternatives = sorted(needles, key=len, reverse=True)
        self.prefilter = re.compile(b"|".join(map(re.escape, alternatives))) if needles else None

    def report(self, where: str, what: str) -> None:
        line = f"{where}: {what}"
        for secret in self.secrets:  # a secret in a file or member name stays out of the line
            for form in secret.text:
                line = line.replace(form, "***")
        self.findings.append(line)

    def name(self, name: str, where: str) -> None:
        for secret in self.secrets:
            if any(form in name for form in secret.text):
                self.report(where, f"{secret.label} in the name")

    def blob(self, data: bytes, where: str, depth: int) -> set[str]:
        """Search data and what it encodes; the labels found there."""
        found: set[str] = set()
        maybe = self.prefilter is not None and (
            len(data) > _SMALL or self.prefilter.search(data) is not None
        )
        if maybe:
            for secret in self.secrets:
                at = _first(data, secret.forms)
                if at >= 0:
                    self.report(where, f"{secret.label} at offset {at}")
                    found.add(secret.label)
        for pattern in self.patterns:
            match = pattern.search(data)
            if match:
                what = f"a match of {pattern.pattern!r} ({len(match.group())} bytes)"
                self.report(where, f"{what} at offset {match.start()}")
                found.add(pattern.pattern.decode(errors="replace"))
        in_base64: set[str] = set()
        if depth < self.max_depth:
            if data[:4] in _ZIP_MAGIC:
                found |= self.zip(data, where, depth + 1)
            elif data[:2] == _GZIP_MAGIC:
                found |= self.gzip(data, where, depth + 1)
            for run in _BASE64_RUN.finditer(data):
                inner = f"{where} > base64 at offset {run.start()}"
                in_base64 |= self.blob(_decode(run.group()), inner, depth + 1)
        found |= in_base64
        # base64 that did not decode to the secret: misaligned, wrapped, or past max_depth
        for secret in self.secrets if maybe else ():
            if secret.label not in in_base64:
                at = _base64_at(data, secret)
                if at >= 0:
                    self.report(where, f"{secret.label}, base64-encoded, at offset {at}")
                    found.add(secret.label)
        return found

    def zip(self, data: bytes, where: str, depth: int) -> set[str]:
        found: set[str] = set()
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as error:
            self.report(where, f"a zip that cannot be opened ({error}), not searched")
            return found
        with archive:
            for info in archive.infolist():
                inner = f"{where} > zip member {info.filename!r}"
                self.name(info.filename, inner)
                if info.is_dir():
                    continue
                if info.file_size > MAX_BLOB:
                    self.report(inner, f"{info.file_size} bytes, too large, not searched")
                    continue
                try:
                    member = archive.read(info)
                except (zipfile.BadZipFile, RuntimeError, NotImplementedError, zlib.error) as error:
                    # RuntimeError: encrypted; NotImplementedError: an unknown compression
                    self.report(inner, f"cannot be read ({error}), not searched")
                    continue
                found |= self.blob(member, inner, depth)
        return found

    def gzip(self, data: bytes, where: str, depth: int) -> set[str]:
        inflater = zlib.decompressobj(wbits=31)  # 31: a gzip header and trailer
        try:
            inner = inflater.decompress(data, MAX_BLOB)
        except zlib.error:
            # two bytes of magic turn up by chance in decoded base64: this was no gzip
            return set()
        return self.blob(inner, f"{where} > gzip", depth)
