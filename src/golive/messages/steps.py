"""What the packaged steps say: the page, the API and a failed scenario, in zh-CN and en."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- what the page showed, for a failure a business reader can follow --------------
    "web.page": {"zh-CN": '页面 "{title}"', "en": 'the page "{title}"'},
    "web.page_said": {"zh-CN": '，提示："{said}"', "en": ', saying "{said}"'},
    "web.page_silent": {"zh-CN": "，没有任何提示", "en": ", with no message at all"},
    "web.but_saw": {
        "zh-CN": "{expected}，但看到的是{page}",
        "en": "{expected}, but it shows {page}",
    },
    "web.joiner": {"zh-CN": "；", "en": "; "},
    "web.list_joiner": {"zh-CN": "、", "en": ", "},
    # -- expectations --------------------------------------------------------------
    "web.cannot_log_in": {
        "zh-CN": '"{role}"无法登录：{page}',
        "en": '"{role}" cannot log in: {page}',
    },
    "web.should_find_nav": {
        "zh-CN": '应当能在导航中找到"{name}"',
        "en": 'the navigation should have "{name}"',
    },
    "web.should_see_clickable": {
        "zh-CN": '应当能看到"{name}"',
        "en": 'there should be a button or link "{name}"',
    },
    "web.should_see_field": {
        "zh-CN": '应当能看到输入框"{label}"',
        "en": 'there should be a field "{label}"',
    },
    "web.should_see_select": {
        "zh-CN": '应当能看到选择框"{label}"',
        "en": 'there should be a choice "{label}"',
    },
    "web.no_options": {"zh-CN": '"{label}"里没有可选的项', "en": '"{label}" has nothing to choose'},
    "web.not_typed": {
        "zh-CN": '这个场景还没有填写过"{earlier}"',
        "en": 'this scenario has not entered "{earlier}" yet',
    },
    "web.no_page_noted": {"zh-CN": "没有记下任何页面", "en": "no page was noted"},
    "web.should_show": {"zh-CN": '页面上应当显示"{text}"', "en": 'the page should show "{text}"'},
    "web.should_not_show": {
        "zh-CN": '页面上不应显示"{text}"，但显示了',
        "en": 'the page should not show "{text}", but it does',
    },
    "web.should_say": {"zh-CN": '应当出现提示"{text}"', "en": 'the page should say "{text}"'},
    "web.message_missing": {
        "zh-CN": '应当出现提示"{text}"，但提示区域、消息列表和页面文字中都没有；看到的是{page}',
        "en": 'the page should say "{text}", but it is in none of the alert and status regions, '
        "the flash messages and the visible text; it shows {page}",
    },
    "web.should_open": {"zh-CN": '应当打开"{title}"页面', "en": 'the "{title}" page should open'},
    "web.should_have_row": {
        "zh-CN": '表格中应当有一行包含"{text}"',
        "en": 'a table row should contain "{text}"',
    },
    "web.typed_lost": {
        "zh-CN": "填写的内容丢失了：{labels}",
        "en": "what was typed is lost: {labels}",
    },
    "web.figures_differ": {
        "zh-CN": '页面上有几处"{label}"，旁边的数字不同：{figures}，无法确定是哪一个',
        "en": 'the page shows "{label}" in several places with different figures: {figures}; '
        "which one is meant cannot be told",
    },
    "web.figure_unsteady": {
        "zh-CN": '"{label}"旁边的数字在 {seconds} 秒内一直在变，无法读取',
        "en": 'the figure next to "{label}" kept changing for {seconds} s and cannot be read',
    },
    "web.no_number": {
        "zh-CN": '"{label}"旁边没有数字：{after}',
        "en": 'there is no number next to "{label}": {after}',
    },
    "web.should_be_higher": {
        "zh-CN": '"{label}"应当比刚才的 {before} 高，现在是 {now}',
        "en": '"{label}" should be higher than {before}, but it is {now}',
    },
    "web.should_click": {
        "zh-CN": '应当能点击"{name}"',
        "en": 'it should be possible to click "{name}"',
    },
    "web.should_not_click": {
        "zh-CN": '不应当能点击"{name}"，但页面上有',
        "en": 'it should not be possible to click "{name}", but it is',
    },
    # -- API -------------------------------------------------------------------------
    "api.not_called": {
        "zh-CN": "这个场景还没有调用过接口",
        "en": "this scenario has not called the API yet",
    },
    "api.not_json": {
        "zh-CN": "接口没有返回 JSON：{body}",
        "en": "the API did not answer JSON: {body}",
    },
    "api.status": {
        "zh-CN": "接口应当返回 {expected}，实际返回 {got}：{body}",
        "en": "the API should answer {expected}, but it answered {got}: {body}",
    },
    "api.should_mention": {
        "zh-CN": '接口的回答应当提到"{text}"，实际是：{body}',
        "en": 'the API\'s answer should mention "{text}", but it is: {body}',
    },
    "api.no_field": {
        "zh-CN": '接口的回答里没有"{field}"',
        "en": 'the API\'s answer has no "{field}"',
    },
    "api.field": {
        "zh-CN": '接口返回的"{field}"应当是"{expected}"，实际是"{got}"',
        "en": 'the API\'s "{field}" should be "{expected}", but it is "{got}"',
    },
    # -- the network -------------------------------------------------------------------
    "net.not_armed": {
        "zh-CN": '这个场景没有"下一次提交的应答丢失"这一步',
        "en": 'this scenario has no step "the answer to the next submission is lost"',
    },
    "net.nothing_submitted": {
        "zh-CN": "应当有一次提交到达服务器而应答丢失，但此后页面没有向 {origin} 提交任何内容",
        "en": "a submission should have reached the server and lost its answer, "
        "but the page submitted nothing to {origin} after that",
    },
    "net.refused": {
        "zh-CN": "提交到达了服务器，但被拒绝了（{method} {url} 返回 {status}）："
        "应答丢失说明不了什么",
        "en": "the submission reached the server but was refused ({method} {url} answered "
        "{status}): losing its answer proves nothing",
    },
    # -- a failed scenario in the terminal ---------------------------------------------
    "failure.step": {"zh-CN": "✗ {where}  {step}", "en": "✗ {where}  {step}"},
    "failure.more": {
        "zh-CN": "完整的调用栈、截图和操作记录见 Allure 报告",
        "en": "the full traceback, screenshot and trace are in the Allure report",
    },
}
