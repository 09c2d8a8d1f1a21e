"""``[migration]``: a good table reads into entities; each bad file gets a located message."""

from __future__ import annotations

from pathlib import Path

import pytest

from golive.errors import ConfigError
from golive.inputs.document import load_toml
from golive.inputs.migration import DEFAULT_SAMPLE, DEFAULT_SEED, Entity, find_entity
from golive.inputs.migration import read_migrations as read

DATA = Path(__file__).parent / "data" / "migration"

# file -> (line, what the message must say)
BAD_FILES = {
    "unknown_key.toml": (3, "migration.customers.legcy: unknown key (did you mean 'legacy'?)"),
    "legacy_extension.toml": (
        3,
        "legacy: 'fixtures/legacy/customers.xls' is not a file golive reads; "
        "valid: .csv, .jsonl, .ndjson, .xlsx",
    ),
    "platform_and_export.toml": (5, "either platform (an API listing path"),
    "no_platform.toml": (1, "or platform_export (an export file), not neither"),
    "platform_relative.toml": (4, "'api/customers' must be a path starting with '/'"),
    "amount_not_field.toml": (
        7,
        "amounts[0]: '累计金' is not a column of fields (did you mean '累计金额'?); "
        "columns: 客户名称, 累计金额, 建档日期",
    ),
    "date_not_field.toml": (8, "dates[1]: '开户日期' is not a column of fields"),
    "amount_and_date.toml": (8, "dates: '累计金额' is already an amount"),
    "empty_fields.toml": (11, "migration.customers.fields: no field to compare"),
    "field_not_text.toml": (12, "fields.客户名称: 3 is not a string"),
    "key_in_fields.toml": (12, "fields.客户编号: is the key, compared as such"),
    "key_without_platform.toml": (6, "migration.customers.key.platform: is required"),
    "decimals_out_of_range.toml": (6, "migration.customers.decimals: 8 is not from 0 to 6"),
    "sample_zero.toml": (6, "migration.customers.sample: 0 is not 1 or more"),
    "date_format_no_directive.toml": (
        9,
        "date_formats[1]: 'YYYY-MM-DD' is not a date format; write it with strptime",
    ),
    "date_format_unknown_directive.toml": (9, "'%Y/%m/%q' is not a date format: '%q' is not"),
    "unknown_encoding.toml": (6, "encoding: 'gbk2312' is not a text encoding"),
    "trim_not_bool.toml": (6, "migration.customers.trim: 'yes' is not true or false"),
    "alias_twice.toml": (17, "accounts.aliases: '客户' already names the entity 'customers'"),
}


def read_migrations(path: Path, root: Path | None = None) -> dict[str, Entity]:
    """``[migration]`` of the TOML file at ``path``, as config.py reads it."""
    doc = load_toml(path)
    return read(doc, ("migration",), doc.get(doc.data, ("migration",), dict, {}), root)


def test_every_bad_file_has_a_case() -> None:
    assert sorted(p.name for p in DATA.glob("*.toml")) == sorted(BAD_FILES)


@pytest.mark.parametrize(("name", "expected"), sorted(BAD_FILES.items()))
def test_bad_migration_is_located_and_explained(name: str, expected: tuple[int, str]) -> None:
    line, message = expected
    with pytest.raises(ConfigError) as info:
        read_migrations(DATA / name)
    error = info.value
    assert (error.path, error.line) == (DATA / name, line)
    assert message in str(error)
    assert str(error).startswith(f"{DATA / name}:{line}: migration.")


GOOD = """\
[golive]
default_target = "sandbox"

[migration.customers]
aliases = ["客户", "Customers"]
legacy = "fixtures/legacy/customers.csv"
encoding = "gbk"
platform = "/api/customers"
role = "admin"
key = { legacy = "客户编号", platform = "legacy_code" }
amounts = ["累计金额"]
dates = ["建档日期"]
date_formats = ["%Y/%m/%d", "%Y-%m-%d"]
decimals = 3
trim = false
ignore_case = true
sample = 500
seed = 7

[migration.customers.fields]
"客户名称" = "name"
"累计金额" = "total_amount"
"建档日期" = "created_on"

[migration.orders]
legacy = "legacy/orders.xlsx"
platform_export = "exports/orders.jsonl"
key = { legacy = "单号", platform = "number" }
fields = { "金额" = "amount" }
"""


def test_a_good_table_reads_into_entities(tmp_path: Path) -> None:
    path = tmp_path / "golive.toml"
    path.write_text(GOOD, encoding="utf-8")
    customers, orders = read_migrations(path, root=tmp_path / "project").values()
    assert customers == Entity(
        name="customers",
        aliases=("客户", "Customers"),
        legacy=tmp_path / "project" / "fixtures/legacy/customers.csv",
        platform_path="/api/customers",
        platform_export=None,
        role="admin",
        key_legacy="客户编号",
        key_platform="legacy_code",
        fields=(("客户名称", "name"), ("累计金额", "total_amount"), ("建档日期", "created_on")),
        amounts=("累计金额",),
        dates=("建档日期",),
        date_formats=("%Y/%m/%d", "%Y-%m-%d"),
        decimals=3,
        trim=False,
        ignore_case=True,
        sample=500,
        seed=7,
        encoding="gbk",
        line=4,
        config=path,
    )
    # the defaults, and paths against the config's folder when no root is given
    orders = read_migrations(path)["orders"]
    assert orders.legacy == tmp_path.resolve() / "legacy" / "orders.xlsx"
    assert orders.platform_export == tmp_path.resolve() / "exports" / "orders.jsonl"
    assert (orders.platform_path, orders.role, orders.aliases) == (None, None, ())
    assert (orders.amounts, orders.dates, orders.date_formats) == ((), (), ("%Y-%m-%d",))
    assert (orders.decimals, orders.trim, orders.ignore_case) == (2, True, False)
    assert (orders.sample, orders.seed, orders.encoding) == (DEFAULT_SAMPLE, DEFAULT_SEED, "utf-8")


def test_the_legacy_file_need_not_exist_yet(tmp_path: Path) -> None:
    path = tmp_path / "golive.toml"
    path.write_text(GOOD, encoding="utf-8")
    entities = read_migrations(path)
    assert not entities["customers"].legacy.exists()


def test_a_scenario_finds_an_entity_by_name_or_alias(tmp_path: Path) -> None:
    path = tmp_path / "golive.toml"
    path.write_text(GOOD, encoding="utf-8")
    entities = read_migrations(path).values()
    found = {
        words: getattr(find_entity(entities, words), "name", None)
        for words in ("客户", " customers ", "ORDERS", "订单", "custom")
    }
    assert found == {
        "客户": "customers",
        " customers ": "customers",
        "ORDERS": "orders",
        "订单": None,
        "custom": None,
    }


def test_no_migration_table_is_no_entity(tmp_path: Path) -> None:
    path = tmp_path / "golive.toml"
    path.write_text('[golive]\ndefault_target = "sandbox"\n', encoding="utf-8")
    assert read_migrations(path) == {}
