"""What the gate says of each criterion and of the run's checks, in zh-CN and en: the
reasons and notes of gate.json, gate.md, gate.html and the terminal."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- words: kinds of check and their statuses (Say.word) ----------------------------
    "kind.uat": {"zh-CN": "UAT", "en": "uat"},
    "kind.security": {"zh-CN": "安全", "en": "security"},
    "kind.load": {"zh-CN": "性能", "en": "load"},
    "status.passed": {"zh-CN": "通过", "en": "passed"},
    "status.failed": {"zh-CN": "未通过", "en": "failed"},
    "status.broken": {"zh-CN": "中断", "en": "broken"},
    "status.skipped": {"zh-CN": "跳过", "en": "skipped"},
    "status.unknown": {"zh-CN": "结果未知", "en": "unknown"},
    "status.missing": {"zh-CN": "无结果", "en": "missing"},
    "status.no_evidence": {"zh-CN": "缺少证据", "en": "no evidence"},
    "status.waived": {"zh-CN": "已豁免", "en": "waived"},
    # -- why a criterion did not pass -------------------------------------------------
    "gate.check_said": {"zh-CN": '{kind}检查"{name}"{said}', "en": "{kind} check '{name}' {said}"},
    "said.failed": {"zh-CN": "未通过", "en": "failed"},
    "said.broken": {"zh-CN": "中断了（检查本身出错）", "en": "broke (the check itself crashed)"},
    "said.skipped": {"zh-CN": "被跳过", "en": "was skipped"},
    "said.unknown": {"zh-CN": "结果未知", "en": "has an unknown outcome"},
    "said.missing": {"zh-CN": "没有给出结果", "en": "gave no result"},
    "gate.with_message": {"zh-CN": "{said}：{message}", "en": "{said}: {message}"},
    "gate.nothing_to_judge": {
        "zh-CN": '{kind}检查"{name}"没有可以判断的内容：{message}',
        "en": "{kind} check '{name}' had nothing to judge: {message}",
    },
    "gate.environment_broken": {"zh-CN": "环境故障", "en": "environment broken"},
    "gate.could_not_run": {
        "zh-CN": "{environment}：{count} 个检查无法运行",
        "en": "{environment}: {count} check(s) could not run",
    },
    "gate.gave_no_result": {
        "zh-CN": "{count} 个应有的检查没有给出结果：{names}{more}",
        "en": "{count} expected check(s) gave no result: {names}{more}",
    },
    "gate.and_more": {"zh-CN": " 等另外 {count} 个", "en": " and {count} more"},
    "gate.no_evidence_of": {"zh-CN": "缺少{kind}证据", "en": "no {kind} evidence"},
    "gate.no_signoff": {
        "zh-CN": "缺少本阶段的业务签字",
        "en": "no business sign-off for this phase",
    },
    "gate.because": {"zh-CN": "（{message}）", "en": " ({message})"},
    # -- sign-offs and waivers -----------------------------------------------------------
    "gate.signed": {
        "zh-CN": "{by} 已于 {on} 签字确认 {phase} 阶段",
        "en": "signed off for {phase} by {by} on {on}",
    },
    "gate.waiver_expired": {
        "zh-CN": "{by} 的豁免已于 {until} 到期，不予采用",
        "en": "waiver by {by} expired on {until}: ignored",
    },
    "gate.before_waiver": {"zh-CN": "{status}（{reason}）", "en": "{status} ({reason})"},
    "gate.risk_accepted": {
        "zh-CN": "{by} 接受此风险，有效期至 {until}：{reason}",
        "en": "risk accepted by {by} until {until}: {reason}",
    },
    # -- the run's checks ---------------------------------------------------------------
    "gate.outage": {
        "zh-CN": "{environment}：目标在 {time} 停止响应（此前已有 {count} 个场景结果）；"
        "此后中断或没有运行的检查不能说明平台本身的任何问题",
        "en": "{environment}: the target stopped answering at {time} after {count} scenario "
        "result(s); the checks that broke or did not run after that prove nothing about the "
        "platform",
    },
    "gate.no_result": {
        "zh-CN": "没有结果{rows}：它在 {where} 被选中运行，但没有任何记录说明它如何结束（执行进程"
        "退出、场景开始前的准备失败，或结果被删除）",
        "en": "no result{rows}: it was selected to run at {where}, but nothing reported how it "
        "ended (its worker died, its setup failed before the scenario began, or the result was "
        "removed)",
    },
    "gate.rows_short": {
        "zh-CN": "（{runs} 个示例行中的 {short} 个）",
        "en": " ({short} of its {runs} example rows)",
    },
}
