"""What ``golive lint`` says of the business-rules table (``features/RULES.md``) and the
scenarios that prove its rules, in zh-CN and en."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- a row of the table -------------------------------------------------------------
    "rules.bad_id": {
        "zh-CN": "{value} 不是业务规则编号：请写成 R-ORD-01 这样（R- 后接大写字母或数字，"
        "各段用 - 连接）",
        "en": "{value} is not a rule id: write it like R-ORD-01 (R-, then parts of capital "
        "letters and digits joined by -)",
    },
    "rules.no_statement": {
        "zh-CN": "业务规则 {id} 没有内容：请在第二列写出这条业务规则",
        "en": "rule {id} has no statement: write the business rule in the second column",
    },
    "rules.twice": {
        "zh-CN": "业务规则 {id} 定义了两次：第一次在第 {first} 行",
        "en": "rule {id} is defined twice: first at line {first}",
    },
    # -- the rules and the scenarios ------------------------------------------------------
    "rules.unproven": {
        "zh-CN": "业务规则 {id} 没有场景证明：给证明它的场景标上 @{id}",
        "en": "rule {id} has no scenario that proves it: tag one with @{id}",
    },
    "rules.unknown_tag": {
        "zh-CN": "标签 @{tag} 不是 {table} 中的业务规则{close}",
        "en": "tag @{tag} is not a rule of {table}{close}",
    },
}
