"""What data-migration reconciliation says: counts, keys, sums and fields of a legacy
export set against the platform's records, in zh-CN and en."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "migration.counts": {
        "zh-CN": "{entity}：旧系统 {legacy} 条记录，平台 {platform} 条",
        "en": "{entity}: legacy {legacy} records, platform {platform}",
    },
    "migration.missing": {
        "zh-CN": "旧系统的 {count} 条记录在平台上没有：{keys}",
        "en": "{count} legacy records are missing on the platform: {keys}",
    },
    "migration.extra": {
        "zh-CN": "平台上有 {count} 条旧系统没有的记录：{keys}",
        "en": "{count} platform records are not in the legacy export: {keys}",
    },
    "migration.duplicates_legacy": {
        "zh-CN": "旧系统有 {count} 个键重复出现：{keys}",
        "en": "{count} keys appear more than once in the legacy export: {keys}",
    },
    "migration.duplicates_platform": {
        "zh-CN": "平台上有 {count} 个键重复出现：{keys}",
        "en": "{count} keys appear more than once on the platform: {keys}",
    },
    "migration.empty_keys_legacy": {
        "zh-CN": "旧系统有 {count} 行没有键（{column}）：第 {rows} 行",
        "en": "{count} legacy rows have no key ({column}): rows {rows}",
    },
    "migration.empty_keys_platform": {
        "zh-CN": "平台上另有 {count} 条记录没有旧系统的键（{column}），是在平台上新建的，"
        "不参与核对：第 {rows} 条",
        "en": "{count} more platform records have no legacy key ({column}): made on the "
        "platform, not migrated, so not compared: records {rows}",
    },
    "migration.more": {
        "zh-CN": "{shown} 等（另有 {more} 个）",
        "en": "{shown} and {more} more",
    },
    "migration.sum_equal": {
        "zh-CN": "{column}：旧系统合计 {legacy}，平台合计 {platform}，一致",
        "en": "{column}: legacy total {legacy}, platform total {platform}, equal",
    },
    "migration.sum_differs": {
        "zh-CN": "{column}：旧系统合计 {legacy}，平台合计 {platform}（相差 {difference}）",
        "en": "{column}: legacy total {legacy}, platform total {platform} "
        "(difference {difference})",
    },
    "migration.sum_matched": {
        "zh-CN": "{column}：两边都有的 {count} 条记录中，旧系统合计 {legacy}，"
        "平台合计 {platform}（相差 {difference}）",
        "en": "{column}: over the {count} records on both sides, legacy total {legacy}, "
        "platform total {platform} (difference {difference})",
    },
    "migration.unreadable": {
        "zh-CN": "{column}：旧系统有 {legacy} 个、平台有 {platform} 个值不是金额",
        "en": "{column}: {legacy} legacy and {platform} platform values are not amounts",
    },
    "migration.compared_all": {
        "zh-CN": "逐字段比对了两边各有一条的全部 {count} 条记录",
        "en": "all {count} records found once on each side were compared field by field",
    },
    "migration.compared_sample": {
        "zh-CN": "逐字段比对了两边各有一条的 {eligible} 条记录中的 {count} 条样本（种子 {seed}）",
        "en": "a sample of {count} of the {eligible} records found once on each side was "
        "compared field by field (seed {seed})",
    },
    "migration.fields_equal": {
        "zh-CN": "比对的记录各字段一致",
        "en": "every compared record agrees in every field",
    },
    "migration.fields_differ": {
        "zh-CN": "{records} 条记录有 {differences} 处字段不一致：{fields}",
        "en": "{records} records differ in {differences} fields: {fields}",
    },
    "migration.field_count": {
        "zh-CN": "{column}（{field}）{count} 处",
        "en": "{column} ({field}) {count}",
    },
    "migration.difference": {
        "zh-CN": "{record} {column}：旧系统 '{legacy}' ≠ 平台 '{platform}'",
        "en": "{record} {column}: legacy '{legacy}' ≠ platform '{platform}'",
    },
    "migration.empty_value": {
        "zh-CN": "（空）",
        "en": "(empty)",
    },
    "migration.agrees": {
        "zh-CN": "{entity}：旧系统导出与平台的记录一致",
        "en": "{entity}: the legacy export and the platform's records agree",
    },
    "migration.disagrees": {
        "zh-CN": "{entity}：旧系统导出与平台的记录不一致；全部差异见 {path}",
        "en": "{entity}: the legacy export and the platform's records do not agree; "
        "every difference is in {path}",
    },
    "migration.unknown_entity": {
        "zh-CN": 'golive.toml 中没有名为"{entity}"的迁移数据（[migration.<名称>]）；已有：{known}',
        "en": 'golive.toml names no migrated data "{entity}" ([migration.<name>]); known: {known}',
    },
    "migration.summary": {"zh-CN": "数据迁移核对：{entity}", "en": "migration check: {entity}"},
    "migration.csv": {
        "zh-CN": "全部差异（{entity}，CSV）",
        "en": "every difference ({entity}, CSV)",
    },
}
