"""What golive says about evidence itself: manual results, freshness, the sealed bundle,
in zh-CN and en."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "kind.manual": {"zh-CN": "人工验收", "en": "manual"},
    "kind.migration": {"zh-CN": "数据迁移", "en": "migration"},
    "kind.signoff": {"zh-CN": "签字", "en": "sign-off"},
    "status.stale": {"zh-CN": "已过期", "en": "stale"},
    # -- freshness -----------------------------------------------------------------------
    "fresh.version_unknown": {
        "zh-CN": "平台没有报告当前版本，无法证明证据来自当前版本"
        "（在 golive.toml 的 [targets.<名称>.version] 中说明如何读取版本）",
        "en": "the platform does not report its version, so no evidence can be shown to come "
        "from it (say how to read it in golive.toml, [targets.<name>.version])",
    },
    "fresh.unversioned": {
        "zh-CN": "没有记录它针对的平台版本",
        "en": "it does not record the platform version it ran against",
    },
    "fresh.other_version": {
        "zh-CN": "它针对平台版本 {version}，而平台现在是 {current}",
        "en": "it ran against platform version {version}; the platform is now {current}",
    },
    "fresh.too_old": {
        "zh-CN": "它产生于 {age} 天前，而该标准只接受 {limit} 天内的证据",
        "en": "it is {age} days old; this criterion takes evidence up to {limit} days old",
    },
    "gate.stale": {
        "zh-CN": "{count} 个证据已过期：{items}",
        "en": "{count} piece(s) of evidence are stale: {items}",
    },
    "gate.stale_item": {"zh-CN": "“{name}”（{why}）", "en": "{name!r} ({why})"},
}
