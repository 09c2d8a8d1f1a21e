"""Reconciling a legacy export with the platform's records, in a real DuckDB over real
files: each check agrees on equal data written differently, and says no when it must."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from golive.errors import ConfigError
from golive.inputs.migration import Entity
from golive.messages import Say
from golive.migration.reconciliation import reconcile
from golive.migration.result import CSV_HEADER, Reconciliation, describe

HEADER = ["客户编号", "客户名称", "手机", "累计金额", "建档日期"]
LEGACY = [
    ["C001", " 张三  丰 ", "13800000001", "1200", "2024/03/05"],
    ["C002", "Alice Wang", "13800000002", "1,300.50", "2024/03/06"],
    ["C003", "王五", "", "0.1", "2024-03-07"],
]
Row = dict[str, Any]


def platform_rows() -> list[Row]:
    """The legacy records as the platform's API gives them: other names, ISO dates,
    numbers as JSON numbers, a field the mapping does not name."""
    return [
        {"id": 1, "legacy_code": "C001", "name": "张三 丰", "phone": 13800000001,
         "total_amount": 1200, "created_on": "2024-03-05"},
        {"id": 2, "legacy_code": "C002", "name": "Alice Wang", "phone": "13800000002",
         "total_amount": "1300.50", "created_on": "2024-03-06"},
        {"id": 3, "legacy_code": "C003", "name": "王五", "phone": None,
         "total_amount": 0.10, "created_on": "2024/03/07"},
    ]  # fmt: skip


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as file:
        csv.writer(file).writerows(rows)
    return path


@pytest.fixture
def legacy(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "customers.csv", [HEADER, *LEGACY])


def entity(legacy: Path, **changes: Any) -> Entity:
    made = Entity(
        name="customers",
        aliases=("客户",),
        legacy=legacy,
        platform_path="/api/customers",
        platform_export=None,
        role="admin",
        key_legacy="客户编号",
        key_platform="legacy_code",
        fields=(
            ("客户名称", "name"),
            ("手机", "phone"),
            ("累计金额", "total_amount"),
            ("建档日期", "created_on"),
        ),
        amounts=("累计金额",),
        dates=("建档日期",),
        date_formats=("%Y/%m/%d", "%Y-%m-%d"),
        line=4,
        config=legacy.parent / "golive.toml",
    )
    return replace(made, **changes)


def csv_lines(result: Reconciliation) -> list[dict[str, str]]:
    raw = result.differences_csv.read_bytes()
    assert raw.startswith("\ufeff".encode())  # Excel reads the Chinese right
    with result.differences_csv.open(encoding="utf-8-sig", newline="") as file:
        reader = csv.DictReader(file)
        assert tuple(reader.fieldnames or ()) == CSV_HEADER
        return list(reader)


def test_equal_data_written_differently_agrees(legacy: Path, tmp_path: Path) -> None:
    result = reconcile(entity(legacy), platform_rows(), out_dir=tmp_path / "out")
    assert result.agrees, describe(result, Say("en"))
    assert (result.legacy_rows, result.platform_rows, result.compared) == (3, 3, 3)
    assert not result.sampled
    (total,) = result.sums
    assert total.legacy_total == total.platform_total == Decimal("2500.60")
    assert csv_lines(result) == []
    lines = describe(result, Say("en"))
    assert lines[0] == "customers: legacy 3 records, platform 3"
    assert "累计金额: legacy total 2,500.60, platform total 2,500.60, equal" in lines
    assert lines[-1] == "customers: the legacy export and the platform's records agree"
    assert describe(result, Say("zh-CN"))[-1] == "customers：旧系统导出与平台的记录一致"


def test_the_platforms_export_file_is_read_like_its_api(legacy: Path, tmp_path: Path) -> None:
    export = tmp_path / "platform.jsonl"
    export.write_text(
        "\n".join(json.dumps(row, ensure_ascii=False) for row in platform_rows()) + "\n",
        encoding="utf-8",
    )
    assert reconcile(entity(legacy), export, out_dir=tmp_path / "out").agrees


def test_case_counts_only_when_told_to_ignore_it(legacy: Path, tmp_path: Path) -> None:
    rows = platform_rows()
    rows[1]["name"] = "ALICE wang"
    assert not reconcile(entity(legacy), rows, out_dir=tmp_path / "a").agrees
    assert reconcile(entity(legacy, ignore_case=True), rows, out_dir=tmp_path / "b").agrees


def _drop(rows: list[Row]) -> None:
    del rows[1]


def _add(rows: list[Row]) -> None:
    rows.append({**rows[0], "legacy_code": "C009", "total_amount": 0})


def _twice(rows: list[Row]) -> None:
    rows.append({**rows[0], "total_amount": 0})


def _set(index: int, name: str, value: Any) -> Callable[[list[Row]], None]:
    def change(rows: list[Row]) -> None:
        rows[index][name] = value

    return change


# what is done to the platform's records -> what the reconciliation must report
CHANGES: dict[str, tuple[Callable[[list[Row]], None], dict[str, Any], str]] = {
    "missing": (
        _drop,
        {"missing": (1, ("C002",)), "platform_rows": 2},
        "1 legacy records are missing on the platform: C002",
    ),
    "extra": (
        _add,
        {"extra": (1, ("C009",)), "platform_rows": 4},
        "1 platform records are not in the legacy export: C009",
    ),
    "duplicate": (
        _twice,
        {"duplicates_platform": (1, ("C001",)), "compared": 2},
        "1 keys appear more than once on the platform: C001",
    ),
    "amount": (
        _set(1, "total_amount", 1300.4),
        {"fields": {"累计金额": 1}, "total": Decimal("-0.10")},
        "累计金额: legacy total 2,500.60, platform total 2,500.50 (difference -0.10)",
    ),
    "text": (
        _set(0, "name", "张三"),
        {"fields": {"客户名称": 1}},
        "C001 客户名称: legacy ' 张三  丰 ' ≠ platform '张三'",
    ),
    "date": (
        _set(2, "created_on", "2024-03-08"),
        {"fields": {"建档日期": 1}},
        "C003 建档日期: legacy '2024-03-07' ≠ platform '2024-03-08'",
    ),
    "empty vs value": (
        _set(2, "phone", "13800000003"),
        {"fields": {"手机": 1}},
        "C003 手机: legacy '(empty)' ≠ platform '13800000003'",
    ),
    "unparseable amount": (
        _set(0, "total_amount", "12OO"),
        {"fields": {"累计金额": 1}, "unreadable": (0, 1)},
        "累计金额: 0 legacy and 1 platform values are not amounts",
    ),
}


@pytest.mark.parametrize(("change", "expected", "said"), CHANGES.values(), ids=list(CHANGES))
def test_each_check_says_no(
    legacy: Path,
    tmp_path: Path,
    change: Callable[[list[Row]], None],
    expected: dict[str, Any],
    said: str,
) -> None:
    rows = platform_rows()
    change(rows)
    result = reconcile(entity(legacy), rows, out_dir=tmp_path / "out")
    assert not result.agrees
    for name, value in expected.items():
        if name == "fields":
            assert {c.column: c.count for c in result.field_counts} == value
            assert result.differing_records == 1
        elif name == "total":
            (total,) = result.sums
            assert total.platform_total - total.legacy_total == value
        elif name == "unreadable":
            (total,) = result.sums
            assert (total.legacy_unreadable, total.platform_unreadable) == value
        elif isinstance(value, tuple):
            assert (getattr(result, name).count, getattr(result, name).first) == value
        else:
            assert getattr(result, name) == value
    lines = describe(result, Say("en"))
    assert said in lines
    assert lines[-1].startswith("customers: the legacy export and the platform's records do not")
    assert describe(result, Say("zh-CN"))[-1].startswith("customers：旧系统导出与平台的记录不一致")


def test_legacy_duplicates_and_empty_keys_say_no(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", [HEADER, *LEGACY, LEGACY[0], ["", "无名", "", "1", ""]])
    result = reconcile(entity(path), platform_rows(), out_dir=tmp_path / "out")
    assert not result.agrees
    assert (result.duplicates_legacy.count, result.duplicates_legacy.first) == (1, ("C001",))
    assert (result.empty_keys_legacy.count, result.empty_keys_legacy.first) == (1, ("5",))
    assert "1 legacy rows have no key (客户编号): rows 5" in describe(result, Say("en"))
    assert "旧系统有 1 行没有键（客户编号）：第 5 行" in describe(result, Say("zh-CN"))


def test_records_made_on_the_platform_are_not_compared(legacy: Path, tmp_path: Path) -> None:
    """A platform record without the legacy key was made after the migration: counted and
    said, never a difference (a platform in use keeps making them)."""
    made_later = {"id": 9, "legacy_code": None, "name": "新客户", "phone": "1",
                  "total_amount": 999, "created_on": "2026-12-01"}  # fmt: skip
    result = reconcile(entity(legacy), [*platform_rows(), made_later], out_dir=tmp_path / "o")
    assert result.agrees
    assert result.platform_rows == 3
    assert all(total.equal for total in result.sums)
    assert (result.empty_keys_platform.count, result.empty_keys_platform.first) == (1, ("4",))
    assert any("made on the platform, not migrated" in line for line in describe(result, Say("en")))


def test_the_differences_csv_holds_every_difference(legacy: Path, tmp_path: Path) -> None:
    rows = platform_rows()
    rows[0]["name"], rows[0]["phone"] = "李四", "1"  # 2 field differences
    rows[2]["legacy_code"] = "C007"  # C003 missing, C007 extra
    rows.append({**rows[1]})  # C002 twice
    result = reconcile(entity(legacy), rows, out_dir=tmp_path / "out", limit_listed=1)
    lines = csv_lines(result)
    assert [(line["kind"], line["key"]) for line in lines] == [
        ("missing", "C003"),
        ("extra", "C007"),
        ("duplicate", "C002"),
        ("field", "C001"),
        ("field", "C001"),
    ]
    assert lines[2]["legacy_value"] == "1" and lines[2]["platform_value"] == "2"
    assert {(line["legacy_column"], line["platform_field"]) for line in lines[3:]} == {
        ("客户名称", "name"),
        ("手机", "phone"),
    }
    assert len(result.differences) == 1  # only the listing is limited, never the file
    assert result.differences_csv == tmp_path / "out" / "customers-differences.csv"


def test_a_sample_is_the_same_for_the_same_seed(tmp_path: Path) -> None:
    rows = [[f"K{i:03d}", f"名{i}", "", "1", "2024/01/01"] for i in range(50)]
    path = write_csv(tmp_path / "many.csv", [HEADER, *rows])
    platform = [
        {"legacy_code": r[0], "name": "改了", "phone": "", "total_amount": 1, "created_on": r[4]}
        for r in rows
    ]

    def sampled(seed: int, records: list[Row]) -> Reconciliation:
        chosen = entity(path, sample=10, seed=seed)
        return reconcile(chosen, records, out_dir=tmp_path / f"out{seed}", limit_listed=50)

    first, again, other = sampled(1, platform), sampled(1, platform), sampled(2, platform)
    assert (first.sampled, first.compared, first.eligible) == (True, 10, 50)
    keys = [d.key for d in first.differences]  # every record differs: these are the sample
    assert len(keys) == 10
    assert [d.key for d in again.differences] == keys
    assert [d.key for d in other.differences] != keys
    # a single difference planted in a sampled key is found
    planted = [{**record, "name": f"名{i}"} for i, record in enumerate(platform)]
    planted[int(keys[3][1:])]["name"] = "不同"
    found = sampled(1, planted)
    assert [(d.key, d.platform_value) for d in found.differences] == [(keys[3], "不同")]
    assert any("a sample of 10 of the 50 records" in line for line in describe(found, Say("en")))


def test_a_platform_field_the_records_lack_is_an_error(legacy: Path, tmp_path: Path) -> None:
    mapped = (("客户名称", "nmae"), ("手机", "phone"))
    with pytest.raises(ConfigError) as info:
        reconcile(entity(legacy, fields=mapped, amounts=(), dates=()), platform_rows(),
                  out_dir=tmp_path)  # fmt: skip
    error = info.value
    assert (error.path, error.line) == (legacy.parent / "golive.toml", 4)
    assert "the platform's records (/api/customers) have no field 'nmae' (did you mean " in str(
        error
    )
    assert "their fields: id, legacy_code, name, phone" in str(error)


def test_a_legacy_column_the_export_lacks_is_an_error(legacy: Path, tmp_path: Path) -> None:
    mapped = (("客户姓名", "name"),)
    with pytest.raises(ConfigError) as info:
        reconcile(entity(legacy, fields=mapped, amounts=(), dates=()), [], out_dir=tmp_path)
    assert f"the legacy export {legacy} has no column '客户姓名'" in str(info.value)
    assert "its columns: 客户编号, 客户名称, 手机, 累计金额, 建档日期" in str(info.value)


def test_no_platform_records_are_all_missing(legacy: Path, tmp_path: Path) -> None:
    result = reconcile(entity(legacy), [], out_dir=tmp_path)
    assert (result.missing.count, result.platform_rows, result.compared) == (3, 0, 0)
    assert not result.agrees


def test_json_lines_are_read(tmp_path: Path) -> None:
    path = tmp_path / "customers.ndjson"
    records = [dict(zip(HEADER, row, strict=True)) for row in LEGACY]
    records[0]["累计金额"] = 1200  # a JSON number, as text 1200
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    assert reconcile(entity(path), platform_rows(), out_dir=tmp_path / "out").agrees


def test_an_excel_workbook_is_read(tmp_path: Path) -> None:
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(["C001", "张三 丰", 13800000001, 1200, dt.datetime(2024, 3, 5)])
    sheet.append(["C002", "Alice Wang", "13800000002", 1300.5, dt.date(2024, 3, 6)])
    sheet.append(["C003", "王五", None, 0.1, "2024/03/07"])
    book.save(tmp_path / "customers.xlsx")
    result = reconcile(entity(tmp_path / "customers.xlsx"), platform_rows(), out_dir=tmp_path)
    assert result.agrees, describe(result, Say("en"))


def test_a_gbk_export_is_read_with_its_encoding(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "gbk.csv", [HEADER, *LEGACY], encoding="gbk")
    result = reconcile(entity(path, encoding="gbk"), platform_rows(), out_dir=tmp_path / "o")
    assert result.agrees, describe(result, Say("en"))
    with pytest.raises(ConfigError, match=r"set encoding, e\.g\. encoding = 'gbk'") as info:
        reconcile(entity(path), platform_rows(), out_dir=tmp_path / "o")
    assert info.value.path == path


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("absent.csv", None, "cannot read the export: No such file or directory"),
        ("empty.csv", "", "the export is empty"),
        ("broken.csv", 'a,b\n1,2\n"3,4\n5\n', "cannot read the export: "),
        ("short.csv", "客户编号,客户名称\n" + "C1,x\n" * 30000 + "C2\n", "CSV Error on Line"),
        ("broken.jsonl", '{"a": 1}\n{"a": \n', "cannot read the export: Malformed JSON"),
        ("broken.xlsx", "not a workbook", "not an Excel workbook"),
    ],
)
def test_an_unreadable_export_is_an_error_naming_it(
    tmp_path: Path, name: str, text: str | None, message: str
) -> None:
    path = tmp_path / name
    if text is not None:
        path.write_text(text, encoding="utf-8")
    mapped = (("客户名称", "name"),)
    with pytest.raises(ConfigError) as info:
        reconcile(entity(path, fields=mapped, amounts=(), dates=()), [], out_dir=tmp_path)
    assert info.value.path == path
    assert message in str(info.value)
    assert "strict_mode" not in str(info.value)  # DuckDB's own options mean nothing here
