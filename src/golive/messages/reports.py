"""What the terminal, gate.md, gate.html, junit.xml and criteria.html say around the gate's
findings, and what ``golive run`` says while it works, in zh-CN and en."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- a criterion's status, as a mark and a word ---------------------------------------
    "mark.passed": {"zh-CN": "✓ 通过", "en": "✓ passed"},
    "mark.failed": {"zh-CN": "✗ 未通过", "en": "✗ failed"},
    "mark.no_evidence": {"zh-CN": "⚠ 缺少证据", "en": "⚠ no evidence"},
    "mark.waived": {"zh-CN": "◑ 已豁免", "en": "◑ waived"},
    "flag.failed": {"zh-CN": "未通过", "en": "FAILED"},
    "flag.broken": {"zh-CN": "中断", "en": "BROKEN"},
    "flag.skipped": {"zh-CN": "跳过", "en": "SKIPPED"},
    "flag.unknown": {"zh-CN": "未知", "en": "UNKNOWN"},
    "flag.missing": {"zh-CN": "无结果", "en": "MISSING"},
    "report.count": {"zh-CN": "{status} {count}", "en": "{count} {status}"},
    # -- the terminal ---------------------------------------------------------------------
    "report.kind_results": {
        "zh-CN": "{kind}：{count} 个结果：{counts}",
        "en": "{kind}: {count} result(s): {counts}",
    },
    "report.names_no_criterion": {"zh-CN": "（未关联验收标准）", "en": "(names no criterion)"},
    "report.environment_count": {
        "zh-CN": "{count} 个检查中断或没有运行：{environment}（见下文）",
        "en": "{count} check(s) broke or did not run: {environment} (see below)",
    },
    "report.suite_broken": {"zh-CN": "中断  {error}", "en": "BROKEN  {error}"},
    "report.verdict": {
        "zh-CN": "{phase} 阶段，目标 {target}：{verdict}；{counts}",
        "en": "{verdict} for {phase} on {target}: {counts}",
    },
    "report.missing": {
        "zh-CN": "{count} 个选中的检查没有给出结果：{names}",
        "en": "{count} selected check(s) gave no result: {names}",
    },
    "report.unattributed": {
        "zh-CN": "{count} 个未关联验收标准的检查没有通过：{names}",
        "en": "{count} check(s) that name no criterion did not pass: {names}",
    },
    "report.a_suite_broke": {"zh-CN": "有测试套件中断：{error}", "en": "a suite broke: {error}"},
    "report.files": {
        "zh-CN": "报告：{html}（另有 {others}）",
        "en": "report: {html}  (also {others})",
    },
    # -- history and the traceability matrix --------------------------------------------
    "report.no_runs": {
        "zh-CN": "还没有记录任何运行：golive run 每次运行记录一条",
        "en": "no runs recorded yet: golive run records one",
    },
    "report.run": {"zh-CN": "运行", "en": "run"},
    "report.baseline": {"zh-CN": "基线 {name}", "en": "baseline {name}"},
    "report.criterion": {"zh-CN": "验收标准", "en": "criterion"},
    "report.trend_legend": {
        "zh-CN": "✓ 通过  ✗ 未通过  ? 缺少证据  w 已豁免  · 本阶段不要求",
        "en": "✓ passed  ✗ failed  ? no evidence  w waived  · not required",
    },
    "report.matrix_row": {
        "zh-CN": "{id}  {title}  [{phases}；需要 {needs}]  上次：{status}{flag}",
        "en": "{id}  {title}  [{phases}; needs {needs}]  last: {status}{flag}",
    },
    "report.never_judged": {"zh-CN": "从未判定", "en": "never judged"},
    "report.no_check_proves": {"zh-CN": "没有任何检查证明它", "en": "no check proves it"},
    "report.no_kind_check": {"zh-CN": "缺少{kind}检查", "en": "no {kind} check"},
    "report.untagged": {
        "zh-CN": "未关联验收标准的场景（它们不能为上线关卡提供证据）：",
        "en": "Scenarios that name no criterion (they prove nothing the gate uses):",
    },
    "report.matrix_summary": {
        "zh-CN": "{rows} 条验收标准，{unproven} 条没有任何检查，{untagged} 个场景未关联验收标准",
        "en": "{rows} criteria, {unproven} without any check, {untagged} untagged scenarios",
    },
    "report.matrix_title": {"zh-CN": "需求追踪矩阵", "en": "Traceability matrix"},
    "report.phases": {"zh-CN": "阶段", "en": "phases"},
    "report.needs": {"zh-CN": "需要", "en": "needs"},
    "report.proven_by": {"zh-CN": "证明它的检查", "en": "checks that prove it"},
    "report.last_status": {"zh-CN": "上次状态", "en": "last status"},
    # -- gate.md, gate.html, junit.xml --------------------------------------------------
    "report.title": {
        "zh-CN": "golive 上线关卡：{phase} 阶段，目标 {target}：{verdict}",
        "en": "golive gate: {verdict} for {phase} on {target}",
    },
    "report.decided": {"zh-CN": "运行 {run}，判定于 {at}", "en": "run {run}, decided {at}"},
    "report.not_recorded": {"zh-CN": "（未记录）", "en": "(not recorded)"},
    "report.status": {"zh-CN": "状态", "en": "status"},
    "report.reason": {"zh-CN": "原因", "en": "reason"},
    "report.evidence": {"zh-CN": "证据", "en": "evidence"},
    "report.none": {"zh-CN": "无", "en": "none"},
    "report.environment": {"zh-CN": "环境：{environment}。", "en": "Environment: {environment}."},
    "report.missing_heading": {
        "zh-CN": "{count} 个选中的检查没有给出结果",
        "en": "{count} selected check(s) gave no result",
    },
    "report.missing_why": {
        "zh-CN": "它们被选中运行，但没有任何记录说明它们如何结束（执行进程退出、结果被删除）："
        "它们不能证明任何事，判定不能是 GO。",
        "en": "They were selected to run, but nothing reported how they ended (a crashed "
        "worker, a result removed): they prove nothing, and the verdict cannot be GO.",
    },
    "report.unattributed_heading": {
        "zh-CN": "{count} 个未关联验收标准的检查没有通过",
        "en": "{count} check(s) that name no criterion did not pass",
    },
    "report.unattributed_why": {
        "zh-CN": "没有人把它们关联到验收标准，但它们说明有问题：判定不能是 GO。"
        "请给它们标上所证明的验收标准。",
        "en": "Nobody tied them to a criterion, but they show something is wrong: the verdict "
        "cannot be GO. Tag them with the criterion they prove.",
    },
    "report.untraced": {
        "zh-CN": "{count} 个通过的检查未关联验收标准，不能证明任何事。",
        "en": "{count} passing check(s) name no criterion and prove nothing.",
    },
    "report.untraced_heading": {
        "zh-CN": "未关联验收标准的检查",
        "en": "Checks that name no criterion",
    },
    "report.untraced_why": {
        "zh-CN": "它们运行了，但不能为上线关卡提供证据：请给它们标上所证明的验收标准。",
        "en": "They ran, but prove nothing the gate can use: tag them with the criterion they "
        "prove.",
    },
    "report.no_go_marked": {"zh-CN": "{text}（NO-GO）：", "en": "{text} (NO-GO):"},
    "report.environment_heading": {
        "zh-CN": "运行期间环境出了故障",
        "en": "The environment broke during the run",
    },
    "report.phase_target": {
        "zh-CN": "{phase} 阶段 · 目标 {target}",
        "en": "{phase} phase · target {target}",
    },
    "report.all_met": {
        "zh-CN": "所有要求的验收标准都已满足或豁免",
        "en": "every required criterion is met or waived",
    },
    "report.blocking": {
        "zh-CN": "{count} 条验收标准阻止上线",
        "en": "{count} criteria block go-live",
    },
    "report.goal_meta": {
        "zh-CN": "{metric}：{baseline} → {target}，期限 {deadline} · 负责人 {owner}",
        "en": "{metric}: {baseline} → {target} by {deadline} · owner {owner}",
    },
    "report.more": {
        "zh-CN": "…… 另有 {count} 个（gate.json 列出全部）",
        "en": "… and {count} more (gate.json lists every one)",
    },
    "report.more_passed": {
        "zh-CN": "…… 另有 {count} 个通过（gate.json 和 Allure 报告列出全部）",
        "en": "… and {count} more passed (gate.json and the Allure report list every one)",
    },
    "report.passes_collapsed": {
        "zh-CN": "本页列出每一个没有通过、没有结果或无法判定的检查；通过的检查每条验收标准"
        "只列出前 {shown} 个，其余 {count} 个通过的结果只计数、不逐条列出："
        "gate.json 和 Allure 报告列出全部。",
        "en": "This page lists every check that failed, gave no result or could not be judged; "
        "of the passing ones it lists the first {shown} per criterion and counts the other "
        "{count}: gate.json and the Allure report list every result.",
    },
    "report.last_runs": {"zh-CN": "最近的运行", "en": "Last runs"},
    "report.when": {"zh-CN": "时间", "en": "when"},
    "report.phase": {"zh-CN": "阶段", "en": "phase"},
    "report.target": {"zh-CN": "目标", "en": "target"},
    "report.verdict_word": {"zh-CN": "判定", "en": "verdict"},
    "report.run_counts": {
        "zh-CN": "通过 / 未通过 / 缺少证据 / 已豁免",
        "en": "passed / failed / no evidence / waived",
    },
    "report.junit_no_result": {
        "zh-CN": "没有结果：{name}（{id}）",
        "en": "no result: {name} ({id})",
    },
    "report.junit_no_criterion": {
        "zh-CN": "未关联验收标准：{name}",
        "en": "no criterion: {name}",
    },
    # -- golive run, while it works ---------------------------------------------------------
    "run.started": {
        "zh-CN": "golive {version}：运行 {run}，阶段 {phase}，目标 {target}，套件 {suites}{faults}",
        "en": "golive {version}: run {run}, phase {phase}, target {target}, suites {suites}"
        "{faults}",
    },
    "run.faults": {"zh-CN": "，故障开关 {faults}", "en": ", faults {faults}"},
    "run.answers": {
        "zh-CN": "目标 {target} 在 {url} 响应",
        "en": "target {target} answers at {url}",
    },
    "run.none_selected": {
        "zh-CN": "{suite}：{features} 中没有场景选中它，不运行",
        "en": "{suite}: no scenario in {features} selects it; not run",
    },
    "run.target_gone": {
        "zh-CN": "{suite}：不运行，目标已经停止响应",
        "en": "{suite}: not run, the target has stopped answering",
    },
    "run.suite_starts": {"zh-CN": "{suite}：{count} 个检查", "en": "{suite}: {count} check(s)"},
    "run.suite_ran": {
        "zh-CN": "{suite}：用时 {seconds} 秒（pytest 退出码 {code}）",
        "en": "{suite}: ran in {seconds} s (pytest exit code {code})",
    },
    "run.allure": {
        "zh-CN": "Allure 报告：{single}（单个文件），{multi}（需通过 http 打开）",
        "en": "Allure report: {single} (one file), {multi} (serve it)",
    },
    "run.no_allure": {
        "zh-CN": "没有 Allure HTML 报告：{error}",
        "en": "no Allure HTML report: {error}",
    },
    "run.page": {"zh-CN": "页面：{path}", "en": "page: {path}"},
    # -- golive lint ---------------------------------------------------------------------
    "lint.untagged": {
        "zh-CN": "场景 {name} 没有关联任何验收标准：给它标上它所证明的 @AC-...",
        "en": "scenario {name} names no acceptance criterion: tag it with the @AC-... it proves",
    },
    "lint.unknown_tag": {
        "zh-CN": "标签 @{tag} 不是 {catalog} 中的验收标准{close}",
        "en": "tag @{tag} is not a criterion of {catalog}{close}",
    },
    "lint.unproven": {
        "zh-CN": "验收标准 {id} 需要 UAT 证据，但没有场景标记 @{id}",
        "en": "criterion {id} needs uat evidence but no scenario is tagged @{id}",
    },
    "lint.undefined": {
        "zh-CN": '没有步骤定义能匹配 {keyword} "{step}"（{type}）{close}',
        "en": 'no step definition matches {keyword} "{step}" ({type}){close}',
    },
    "lint.did_you_mean": {"zh-CN": "（是不是想写 {value}？）", "en": " (did you mean {value}?)"},
    "lint.clean": {"zh-CN": "lint：没有问题", "en": "lint: clean"},
    "lint.count": {"zh-CN": "{count} 个问题", "en": "{count} finding(s)"},
    # -- golive waive, golive signoff ------------------------------------------------------
    "cli.waived": {
        "zh-CN": "已在 {file} 中豁免 {criterion}（{phases}），有效期至 {until}（由 {by} 接受风险）",
        "en": "waived {criterion} for {phases} until {until} (accepted by {by}) in {file}",
    },
    "cli.signed": {
        "zh-CN": "{by} 已于 {on} 签字确认 {criterion}（{phase} 阶段），记录在 {file}",
        "en": "{by} signed off {criterion} for {phase} on {on} in {file}",
    },
}
