"""Data-migration reconciliation at scale: a legacy CSV against the platform's export.

Target: 1,000,000 legacy rows against ~1,000,000 platform rows in under 60 s on 2 cores,
once with a sample of 100,000 records compared field by field and once with every record.
Both files are generated first (not timed) with known differences planted: records
missing on the platform, extra records, altered amounts and altered phone numbers;
every planted difference must be found (exit 1 if not).
Run: .venv/bin/python bench/migration_scale.py [--rows 1000000]
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from golive.inputs.migration import Entity
from golive.migration.reconciliation import reconcile
from golive.migration.result import Reconciliation

SEED = 16
MISSING, EXTRA, AMOUNTS, PHONES = 37, 23, 41, 59
"""How many of each difference are planted."""
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英"
CITIES = ("北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "南京")
LEVELS = ("普通", "银卡", "金卡", "钻石")


@dataclass
class Planted:
    missing: set[str] = field(default_factory=set)
    extra: set[str] = field(default_factory=set)
    amounts: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    amount_change: Decimal = Decimal(0)


def generate(folder: Path, rows: int) -> tuple[Entity, Path, Planted]:
    """A legacy export (GBK-free UTF-8 CSV, Chinese headers, 2024/03/05 dates) and the
    platform's export of the same records (other names, ISO dates, 2 decimals)."""
    rng = random.Random(SEED)  # noqa: S311 (made-up records, the same every run)
    planted = Planted()
    picks = rng.sample(range(rows), MISSING + AMOUNTS + PHONES)
    missing = set(picks[:MISSING])
    amounts = set(picks[MISSING : MISSING + AMOUNTS])
    phones = set(picks[MISSING + AMOUNTS :])
    legacy, platform = folder / "legacy.csv", folder / "platform.csv"
    start = date(2010, 1, 1)
    with (
        legacy.open("w", encoding="utf-8", newline="") as lf,
        platform.open("w", encoding="utf-8", newline="") as pf,
    ):
        lw, pw = csv.writer(lf), csv.writer(pf)
        lw.writerow(
            ["客户编号", "客户名称", "手机", "城市", "等级", "累计金额", "建档日期", "备注"]
        )
        pw.writerow(
            [
                "id",
                "legacy_code",
                "name",
                "phone",
                "city",
                "level",
                "total_amount",
                "created_on",
                "note",
            ]
        )
        for i in range(rows):
            code = f"C{i:07d}"
            name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
            phone = f"1{rng.randint(3, 9)}{rng.randint(0, 999_999_999):09d}"
            city, level = rng.choice(CITIES), rng.choice(LEVELS)
            cents = rng.randint(0, 10_000_000)
            amount = Decimal(cents) / 100
            day = start + timedelta(days=rng.randint(0, 5000))
            note = f"迁移批次 {i % 97}"
            lw.writerow(
                [code, name, phone, city, level, f"{amount}", day.strftime("%Y/%m/%d"), note]
            )
            if i in missing:
                planted.missing.add(code)
                continue
            if i in amounts:
                planted.amounts.add(code)
                planted.amount_change += Decimal("0.01") * (i % 7 + 1)
                amount += Decimal("0.01") * (i % 7 + 1)
            if i in phones:
                planted.phones.add(code)
                phone = phone[:-1] + str((int(phone[-1]) + 1) % 10)
            pw.writerow(
                [
                    i + 1,
                    code,
                    f" {name} ",
                    phone,
                    city,
                    level,
                    f"{amount:.2f}",
                    day.isoformat(),
                    note,
                ]
            )
        for n in range(EXTRA):
            code = f"X{n:07d}"
            planted.extra.add(code)
            pw.writerow(
                [
                    rows + n + 1,
                    code,
                    "新客户",
                    "13900000000",
                    "北京",
                    "普通",
                    "0.00",
                    "2026-01-01",
                    "",
                ]
            )
    entity = Entity(
        name="customers",
        aliases=("客户",),
        legacy=legacy,
        platform_path=None,
        platform_export=platform,
        role=None,
        key_legacy="客户编号",
        key_platform="legacy_code",
        fields=(
            ("客户名称", "name"),
            ("手机", "phone"),
            ("城市", "city"),
            ("等级", "level"),
            ("累计金额", "total_amount"),
            ("建档日期", "created_on"),
            ("备注", "note"),
        ),
        amounts=("累计金额",),
        dates=("建档日期",),
        date_formats=("%Y/%m/%d", "%Y-%m-%d"),
    )
    return entity, platform, planted


def problems(result: Reconciliation, planted: Planted) -> list[str]:
    """What the reconciliation missed of the planted differences, or found besides.
    Keys and totals cover every record; a sample finds only the field differences of
    the records it drew, and must find no other."""
    wrong = []
    (total,) = result.sums
    found_change = total.platform_matched - total.legacy_matched
    if found_change != planted.amount_change:
        wrong.append(f"amounts: changed by {found_change}, planted {planted.amount_change}")
    with result.differences_csv.open(encoding="utf-8-sig", newline="") as file:
        lines = list(csv.DictReader(file))
    fields = {"total_amount": planted.amounts, "phone": planted.phones}
    for kind, expected in (("missing", planted.missing), ("extra", planted.extra)):
        keys = {line["key"] for line in lines if line["kind"] == kind}
        if keys != expected:
            wrong.append(f"{kind}: found {len(keys)}, planted {len(expected)}")
    for name in {line["platform_field"] for line in lines if line["kind"] == "field"} | {*fields}:
        keys = {line["key"] for line in lines if line["platform_field"] == name}
        expected = fields.get(name, set())
        if not keys <= expected or (not result.sampled and keys != expected):
            wrong.append(f"{name}: found {len(keys)}, planted {len(expected)}")
    return wrong


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        began = time.perf_counter()
        entity, platform, planted = generate(folder, args.rows)
        print(f"generated {args.rows:,} legacy rows in {time.perf_counter() - began:.1f} s")
        print(f"{'sample':>10} {'legacy':>10} {'platform':>10} {'compared':>10} {'seconds':>8}")
        for sample in (100_000, max(args.rows, 1_000_000)):
            began = time.perf_counter()
            result = reconcile(
                replace(entity, sample=sample), platform, out_dir=folder / f"out-{sample}"
            )
            seconds = time.perf_counter() - began
            print(
                f"{sample:>10,} {result.legacy_rows:>10,} {result.platform_rows:>10,} "
                f"{result.compared:>10,} {seconds:>8.1f}"
                f"  {result.differing_records} records differ"
            )
            wrong = problems(result, planted)
            for line in wrong:
                print(f"  WRONG: {line}")
            if not wrong:
                print(
                    f"  found as planted: {result.missing.count} missing, "
                    f"{result.extra.count} extra, and of {len(planted.amounts)} amounts and "
                    f"{len(planted.phones)} phones altered, those in the records compared"
                )
            failed = failed or bool(wrong) or result.agrees
    # ru_maxrss is in KiB on Linux; the peak covers generation, which streams its rows
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:,.0f} MiB")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
