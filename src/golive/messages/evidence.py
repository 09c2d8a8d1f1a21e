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
    "fresh.signoff_unversioned": {
        "zh-CN": "签字时没有记录所依据的证据（golive signoff 在一次运行之后记录它）",
        "en": "it names no run's evidence (golive signoff records it after a run)",
    },
    "gate.signoff_stale": {
        "zh-CN": "{by} 于 {on} 的签字不能作为当前证据：{why}",
        "en": "the sign-off by {by} on {on} does not count now: {why}",
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
    # -- manual results ------------------------------------------------------------------
    "manual.evidence_gone": {
        "zh-CN": "记录时保存的证据文件 {file} 已不存在",
        "en": "the evidence file {file} kept with this result is gone",
    },
    "manual.evidence_changed": {
        "zh-CN": "证据文件 {file} 在记录之后被修改过",
        "en": "the evidence file {file} changed after the result was recorded",
    },
    "manual.scenario_changed": {
        "zh-CN": "{by} 验收之后，这个场景的步骤或标签改过了："
        "它已不是当时验收的那个场景，请重新验收并记录",
        "en": "the scenario's steps or tags changed after {by} tried it: it is not the one that "
        "was tried; try it again and record the result",
    },
    "manual.evidence_outside": {
        "zh-CN": "证据文件 {file} 不在项目文件夹中",
        "en": "the evidence file {file} is not in the project folder",
    },
    "manual.evidence": {"zh-CN": "人工验收证据：{file}", "en": "manual evidence: {file}"},
    "manual.details": {
        "zh-CN": "由 {by} 于 {at} 在平台版本 {version} 上人工验收；证据：{evidence}",
        "en": "tried by {by} at {at} on platform version {version}; evidence: {evidence}",
    },
    "manual.no_evidence": {"zh-CN": "未保存", "en": "none kept"},
    "manual.by": {"zh-CN": "验收人", "en": "tried by"},
    "manual.version": {"zh-CN": "平台版本", "en": "platform version"},
    "manual.evidence_link": {"zh-CN": "证据", "en": "evidence"},
    "manual.recorded": {
        "zh-CN": "已记录：“{scenario}” {result}，验收人 {by}，平台版本 {version}（{file}）",
        "en": "recorded: {scenario!r} {result}, tried by {by} on platform version {version} "
        "({file})",
    },
    "manual.none": {
        "zh-CN": "{features} 中没有 @manual 场景",
        "en": "no @manual scenario in {features}",
    },
    "manual.row": {
        "zh-CN": "{status}  {name}  （{where}）",
        "en": "{status}  {name}  ({where})",
    },
    "manual.row_result": {
        "zh-CN": "      {result}，{by}，{at}，平台版本 {version}{evidence}",
        "en": "      {result} by {by} at {at} on platform version {version}{evidence}",
    },
    "manual.not_recorded": {"zh-CN": "未记录", "en": "not recorded"},
    "manual.fresh": {"zh-CN": "有效", "en": "fresh"},
    "manual.orphan": {
        "zh-CN": "{file}:{line}：记录的场景“{scenario}”（{feature}）已不是 @manual 场景，不再计入",
        "en": "{file}:{line}: the recorded scenario {scenario!r} ({feature}) is no longer a "
        "@manual scenario; it no longer counts",
    },
    "run.manual": {
        "zh-CN": "人工验收：{total} 个 @manual 场景中有 {count} 个记录了结果（{file}）",
        "en": "manual: {count} of {total} @manual scenario(s) have a recorded result ({file})",
    },
    # -- the sealed bundle ----------------------------------------------------------------
    "cli.sealed": {
        "zh-CN": "证据清单：{path}（每个证据文件的 SHA-256；golive verify 可核对）",
        "en": "evidence manifest: {path} (the SHA-256 of every evidence file; golive verify "
        "checks it)",
    },
    "cli.signed_manifest": {
        "zh-CN": "签字所依据的证据：运行 {run} 的证据清单，SHA-256 {digest}",
        "en": "the evidence signed: the manifest of run {run}, SHA-256 {digest}",
    },
    "verify.bundle": {
        "zh-CN": "证据包 {folder}：运行 {run}（{phase} 阶段，{verdict}），{files} 个文件",
        "en": "evidence bundle {folder}: run {run} ({phase}, {verdict}), {files} files",
    },
    "verify.intact": {
        "zh-CN": "每个文件都与清单一致",
        "en": "every file matches its manifest",
    },
    "verify.changed": {"zh-CN": "已修改：{name}", "en": "changed: {name}"},
    "verify.missing": {"zh-CN": "已删除：{name}", "en": "removed: {name}"},
    "verify.added": {"zh-CN": "清单之外新增：{name}", "en": "added, not in the manifest: {name}"},
    "verify.covered": {
        "zh-CN": "{by} 于 {on} 对 {criterion}（{phase} 阶段）的签字正是针对这份证据",
        "en": "{by}'s sign-off of {criterion} ({phase}) on {on} covers exactly this evidence",
    },
    "verify.resealed": {
        "zh-CN": "{by} 于 {on} 对 {criterion}（{phase} 阶段）签字时的证据清单是 {signed}，"
        "而这份是 {digest}：签字之后证据清单被改过",
        "en": "{by} signed {criterion} ({phase}) on {on} over manifest {signed}, but this one "
        "is {digest}: the manifest changed after the sign-off",
    },
    "verify.not_signed": {
        "zh-CN": "没有签字针对这份证据（运行 {run}）：签过字的证据属于运行 {runs}",
        "en": "no sign-off covers this evidence (run {run}): the evidence signed is of run(s) "
        "{runs}",
    },
    "verify.unsigned": {
        "zh-CN": "项目中还没有针对任何证据的签字；只核对了证据与清单（运行 {run}）",
        "en": "no sign-off in the project names any evidence yet; only the files were checked "
        "against the manifest (run {run})",
    },
    "verify.bad": {
        "zh-CN": "证据包与清单或签字不一致：{count} 处变化",
        "en": "the bundle does not match its manifest or sign-offs: {count} change(s)",
    },
    # -- goals after go-live ---------------------------------------------------------------
    "goal.reached": {"zh-CN": "已达成", "en": "reached"},
    "goal.on_track": {"zh-CN": "按计划", "en": "on track"},
    "goal.off_track": {"zh-CN": "偏离计划", "en": "off track"},
    "goal.missed": {"zh-CN": "已逾期未达成", "en": "missed"},
    "goal.unknown": {"zh-CN": "读数不足", "en": "too few readings"},
    "goals.none": {
        "zh-CN": "{catalog} 中没有说明如何读取指标的目标（在目标下写 measure:）",
        "en": "no goal in {catalog} says how its metric is read (measure: under a goal)",
    },
    "goals.header": {
        "zh-CN": "目标进展，目标平台 {target}，{at}：",
        "en": "goals on target {target}, {at}:",
    },
    "goals.line": {
        "zh-CN": "  {state:<6} {id} {title}：当前 {latest}（基线 {baseline}，目标 {target}，"
        "期限 {deadline}，{count} 个读数）",
        "en": "  {state:<16} {id} {title}: now {latest} (baseline {baseline}, target {target} "
        "by {deadline}, {count} reading(s))",
    },
    "goals.api_failed": {
        "zh-CN": "无法读取 {goal} 的指标：{path} 没有给出可读的回答（{why}）",
        "en": "cannot read the metric of {goal}: {path} gave no answer to read ({why})",
    },
    "goals.api_status": {
        "zh-CN": "无法读取 {goal} 的指标：{path} 回答 {status}",
        "en": "cannot read the metric of {goal}: {path} answered {status}",
    },
    "goals.no_number": {
        "zh-CN": "{where} 没有给出 {goal} 指标的数字（得到 {written!r}）",
        "en": "{where} gives no number for the metric of {goal} (it gave {written!r})",
    },
    "goals.unreadable_page": {
        "zh-CN": "无法以{who}身份读取页面 {path} 上的“{label}”：{why}",
        "en": 'cannot read "{label}" on {path} as {who}: {why}',
    },
    "goals.page_timeout": {
        "zh-CN": "在 {seconds} 秒内没有读完",
        "en": "the reading did not finish within {seconds} s",
    },
    "goals.anonymous": {"zh-CN": "匿名访客", "en": "an anonymous visitor"},
    "goals.projected": {
        "zh-CN": "；按目前趋势，到期限时为 {value}",
        "en": "; at this pace {value} by the deadline",
    },
    "watch.ok": {"zh-CN": "正常", "en": "ok"},
    "watch.failing": {"zh-CN": "异常", "en": "failing"},
    "watch.pass": {
        "zh-CN": "巡检 {target}，{at}：{state}",
        "en": "watch of {target}, {at}: {state}",
    },
    "watch.no_smoke": {
        "zh-CN": "{features} 中没有 @smoke 场景，或它们没有给出结果：巡检什么也没有证明",
        "en": "no @smoke scenario in {features} gave a result: the watch proved nothing",
    },
    "watch.failed": {"zh-CN": "  未通过：{name}：{message}", "en": "  failed: {name}: {message}"},
    "watch.goals_unreadable": {
        "zh-CN": "  目标无法读取，本次没有记下读数：{reason}",
        "en": "  the goals could not be read, and no reading was kept: {reason}",
    },
    "watch.webhook_failed": {
        "zh-CN": "golive：警告：webhook 没有接收状态变化（{detail}）",
        "en": "golive: warning: the webhook did not take the change of state ({detail})",
    },
    "goals.page_link": {"zh-CN": "业务目标进展图", "en": "the goals, charted"},
    "goals.page_title": {"zh-CN": "业务目标进展：{target}", "en": "Goals on {target}"},
    "goals.gate_link": {"zh-CN": "返回上线闸门", "en": "back to the gate"},
    "goals.no_readings": {"zh-CN": "还没有读数", "en": "no readings yet"},
    "goals.baseline": {"zh-CN": "基线", "en": "baseline"},
    "goals.target": {"zh-CN": "目标", "en": "target"},
    "goals.deadline": {"zh-CN": "期限", "en": "deadline"},
    "goals.watch_heading": {"zh-CN": "最近的巡检", "en": "The last watch passes"},
    "goals.no_watch": {
        "zh-CN": "还没有巡检（golive watch）",
        "en": "no watch pass yet (golive watch)",
    },
    "goals.when": {"zh-CN": "时间（UTC）", "en": "when (UTC)"},
    "goals.state": {"zh-CN": "状态", "en": "state"},
    "goals.smoke_passed": {"zh-CN": "冒烟通过", "en": "smoke passed"},
    "goals.smoke_failed": {"zh-CN": "冒烟未通过", "en": "smoke failed"},
    "goals.off_track": {"zh-CN": "偏离计划的目标", "en": "goals off track"},
    "goals.note": {"zh-CN": "说明", "en": "why"},
    "goals.page": {"zh-CN": "图表：{path}", "en": "charts: {path}"},
}
