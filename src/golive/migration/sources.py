"""Export files and API records as DuckDB table expressions, every value as text.

A CSV is read by DuckDB itself (a legacy encoding such as GBK is first converted to a
UTF-8 copy in the work folder, since DuckDB reads only UTF-8 without an extension it
would have to download); JSON lines likewise; an Excel workbook's first sheet and the
records an API listing gave are written to a CSV there first. Every value is read as
text: normalising is the reconciliation's business, in SQL, the same on both sides.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import json
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from golive.errors import ConfigError

if TYPE_CHECKING:
    import duckdb

_CHUNK = 1 << 20


@dataclass(frozen=True)
class Source:
    """Where one side's records come from, as SQL, and the columns they have."""

    shown: str
    """The file, or the API path, as a person knows it."""
    sql: str
    """A table expression reading every value as text."""
    columns: tuple[str, ...]
    path: Path | None = None
    """The file read, for errors; None for records an API gave."""


def literal(text: str) -> str:
    """``text`` as a SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def identifier(name: str) -> str:
    """``name`` as a SQL identifier (a legacy column such as 客户编号 or "a b")."""
    return '"' + name.replace('"', '""') + '"'


def open_file(
    con: duckdb.DuckDBPyConnection, path: Path, work: Path, encoding: str = "utf-8"
) -> Source:
    """An export file (.csv, .jsonl/.ndjson, .xlsx) as a :class:`Source`; a file that is
    missing, empty or unreadable is a :class:`ConfigError` naming it."""
    import duckdb

    try:
        size = path.stat().st_size
    except OSError as error:
        raise ConfigError(f"cannot read the export: {error.strerror}", path=path) from None
    if size == 0:
        raise ConfigError("the export is empty: not even a header row", path=path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        read = _csv_sql(_excel_as_csv(path, work))
    elif suffix in (".jsonl", ".ndjson"):
        read = _json_sql(con, path)
    elif codecs.lookup(encoding).name == "utf-8":
        read = _csv_sql(path)
    else:
        read = _csv_sql(_transcoded(path, encoding, work))
    try:
        described = con.execute(f"DESCRIBE SELECT * FROM {read}").fetchall()  # noqa: S608
    except duckdb.Error as error:
        raise unreadable(path, error) from None
    return Source(str(path), read, tuple(str(row[0]) for row in described), path)


def open_records(
    rows: Iterable[Mapping[str, Any]], wanted: Sequence[str], work: Path, shown: str
) -> Source:
    """Records an API listing (``shown``) gave as a :class:`Source` of the ``wanted``
    fields; its columns are every field any record has (``wanted`` when none has any)."""
    path = work / "platform-records.csv"
    seen: dict[str, None] = {}  # every field met, in the order met
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(wanted)
        for row in rows:
            if not seen.keys() >= row.keys():
                seen.update(dict.fromkeys(row))
            writer.writerow([_text(row.get(name)) for name in wanted])
    return Source(shown, _csv_sql(path), tuple(seen) if seen else tuple(wanted))


def unreadable(path: Path, error: Exception) -> ConfigError:
    """DuckDB's complaint about a file as an error naming the file."""
    text = complaint(error)
    if "unicode" in text.lower() or "utf" in text.lower():
        text += " (is it another encoding? set encoding, e.g. encoding = 'gbk')"
    elif "sniffing" in text:
        text += " (golive reads a CSV as comma-separated, double-quoted, with a header row)"
    return ConfigError(f"cannot read the export: {text}", path=path)


def complaint(error: Exception) -> str:
    """What DuckDB says went wrong, less its advice on DuckDB's own options."""
    said = []
    for line in str(error).strip().splitlines():
        if not line.strip() or line.startswith(("Possible fixes", "The search space", "LINE ")):
            break
        said.append(line.strip().removeprefix("Invalid Input Error: ").rstrip("."))
    return "; ".join(said) or type(error).__name__


def _csv_sql(path: Path) -> str:
    # the dialect is fixed, not sniffed: a CSV is comma-separated with double quotes,
    # and a broken one is refused rather than read as one odd column; no comment lines
    return (
        f"read_csv({literal(str(path))}, header = true, all_varchar = true, delim = ',', "
        "quote = '\"', escape = '\"', comment = '', strict_mode = true)"
    )


def _json_sql(con: duckdb.DuckDBPyConnection, path: Path) -> str:
    import duckdb

    read = f"read_json({literal(str(path))}, format = 'newline_delimited'"
    try:
        # every record is looked at, so a field the first thousands of records lack is found
        described = con.execute(
            f"DESCRIBE SELECT * FROM {read}, sample_size = -1)"  # noqa: S608
        ).fetchall()
    except duckdb.Error as error:
        raise unreadable(path, error) from None
    # read again with every field as text: a number stays as written, 1200 not 1200.0
    columns = ", ".join(f"{literal(str(row[0]))}: 'VARCHAR'" for row in described)
    return f"{read}, columns = {{{columns}}})"


def _transcoded(path: Path, encoding: str, work: Path) -> Path:
    copy = work / f"{path.stem}.utf-8.csv"
    try:
        with (
            path.open(encoding=encoding, newline="") as source,
            copy.open("w", encoding="utf-8", newline="") as target,
        ):
            while chunk := source.read(_CHUNK):
                target.write(chunk)
    except UnicodeDecodeError as error:
        raise ConfigError(
            f"not {encoding} text: byte {error.start} cannot be read as {encoding}; "
            "set encoding to the one the legacy system writes (utf-8, gbk, gb18030)",
            path=path,
        ) from None
    return copy


def _excel_as_csv(path: Path, work: Path) -> Path:
    # openpyxl ships no type hints, and golive does not depend on types-openpyxl
    from openpyxl import load_workbook  # type: ignore[import-untyped]
    from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

    copy = work / f"{path.stem}.xlsx.csv"
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as error:
        raise ConfigError(f"not an Excel workbook (.xlsx): {error}", path=path) from None
    try:
        sheet = book.worksheets[0]
        with copy.open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file)
            rows = sheet.iter_rows(values_only=True)
            header = next(rows, None)
            if header is None:
                raise ConfigError("the first sheet is empty: not even a header row", path=path)
            writer.writerow([_text(v) or f"column{i + 1}" for i, v in enumerate(header)])
            for row in rows:
                writer.writerow([_text(value) for value in row])
    finally:
        book.close()
    return copy


def _text(value: Any) -> str:
    """A value of a record or a cell as text, written the way its source shows it."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel keeps every number as a float: 1001.0 is 1001
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
