"""Generic steps that reconcile a legacy system's export with the platform's records: the
entity named in golive.toml (``[migration.<entity>]``), its records read from the
platform's API listing as the configured role (or from the platform's own export), and
set against the export by ``golive.migration``: counts, keys, amount totals, fields.

The scenario's result is ``migration`` evidence when it is tagged ``@migration``. The
lines a person reads (the counts, the first differences) and a CSV of every difference
are attached to it; the CSV is also kept under ``reports/migration/``.
"""

from __future__ import annotations

import allure
import pytest
from pytest_bdd import parsers, then, when

from golive.errors import GoliveError
from golive.inputs.config import Config
from golive.inputs.migration import find_entity
from golive.messages import Say
from golive.migration.reconciliation import reconcile
from golive.migration.result import Reconciliation, describe
from golive.pytest.api import ApiClient
from golive.pytest.listing import read_listing

RECONCILE = (
    r'^核对旧系统导出的"(?P<entity>[^"]+)"数据$',
    r'^the legacy export of "(?P<entity>[^"]+)" is reconciled with the platform$',
)
AGREE = (
    "记录数、金额合计和抽样字段都一致",
    "the record counts, amount totals and sampled fields all agree",
)


@when(parsers.re(RECONCILE[0]), target_fixture="golive_reconciliation")
@when(parsers.re(RECONCILE[1]), target_fixture="golive_reconciliation")
def reconcile_export(
    entity: str, golive_config: Config, golive_api: ApiClient, golive_say: Say
) -> Reconciliation:
    """Reconcile the legacy export of ``entity`` with the platform's records of it."""
    say = golive_say
    found = find_entity(golive_config.migrations.values(), entity)
    if found is None:
        known = ", ".join(golive_config.migrations) or "-"
        raise AssertionError(say("migration.unknown_entity", entity=entity, known=known))
    platform = found.platform_export
    try:
        if platform is None:
            assert found.platform_path is not None  # the config holds one or the other
            records = read_listing(golive_api, say, found.platform_path, found.role).records
            result = reconcile(found, records, out_dir=golive_config.reports / "migration")
        else:
            result = reconcile(found, platform, out_dir=golive_config.reports / "migration")
    except GoliveError as exc:  # bad input met at run time: located, not a crash
        pytest.fail(f"golive: {exc}", pytrace=False)
    allure.attach(
        "\n".join(describe(result, say)),
        name=say("migration.summary", entity=found.name),
        attachment_type=allure.attachment_type.TEXT,
    )
    allure.attach.file(  # type: ignore[no-untyped-call]
        str(result.differences_csv),
        name=say("migration.csv", entity=found.name),
        attachment_type=allure.attachment_type.CSV,
    )
    return result


@then(AGREE[0])
@then(AGREE[1])
def everything_agrees(golive_reconciliation: Reconciliation, golive_say: Say) -> None:
    """Counts, keys, totals and the compared fields agree; else the first differences."""
    result = golive_reconciliation
    assert result.agrees, "\n".join(describe(result, golive_say))
