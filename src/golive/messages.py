"""The message catalogue: what golive says to a person, in zh-CN and in English.

Every message a step, probe, gate or the terminal writes is a key here with a text per
language; the reader's language picks the text (a scenario's ``# language:``, or the
catalog's language, or ``--lang``). A test checks that every key has both texts with the
same fields, so a message cannot exist in one language only.

    say = Say("en")
    say("web.should_show", text="Order saved")   # 'the page should show "Order saved"'
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

LANGUAGES = ("zh-CN", "en")
"""The languages golive speaks; the first is the default of a catalog with both."""

CATALOGUE: Mapping[str, Mapping[str, str]] = {
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
    "api.no_field": {
        "zh-CN": '接口的回答里没有"{field}"',
        "en": 'the API\'s answer has no "{field}"',
    },
    "api.field": {
        "zh-CN": '接口返回的"{field}"应当是"{expected}"，实际是"{got}"',
        "en": 'the API\'s "{field}" should be "{expected}", but it is "{got}"',
    },
    # -- a failed scenario in the terminal ---------------------------------------------
    "failure.step": {"zh-CN": "✗ {where}  {step}", "en": "✗ {where}  {step}"},
    "failure.more": {
        "zh-CN": "完整的调用栈、截图和操作记录见 Allure 报告",
        "en": "the full traceback, screenshot and trace are in the Allure report",
    },
    # -- golive init ------------------------------------------------------------------
    "init.found": {
        "zh-CN": '登录页 {path}：用户名框"{username_label}"，密码框"{password_label}"，'
        '按钮"{submit}"（从页面上读到）',
        "en": 'the login page {path}: user name field "{username_label}", password field '
        '"{password_label}", button "{submit}" (read off the page)',
    },
    "init.guessed": {
        "zh-CN": '没有在这个地址和常见的登录路径上找到登录表单：先写了 {path}、"{username_label}"、'
        '"{password_label}"、"{submit}"，请按登录页改正 golive.toml 的 [targets.test.login]',
        "en": "found no login form at this address or the usual login paths: wrote "
        '{path}, "{username_label}", "{password_label}" and "{submit}"; correct '
        "[targets.test.login] in golive.toml to what the login page shows",
    },
    "init.next": {
        "zh-CN": "下一步：设置 {env}（管理员的密码），然后运行 golive lint 和 golive run",
        "en": "next: set {env} (the admin's password), then run golive lint and golive run",
    },
    "init.wrote": {"zh-CN": "已写入 {folder}：{files}", "en": "wrote {folder}: {files}"},
}


def language_of(code: str | None) -> str:
    """golive's language for a Gherkin or catalog language code: zh-* is zh-CN, else en."""
    return "zh-CN" if (code or "").lower().startswith("zh") else "en"


def fields_of(text: str) -> set[str]:
    """The ``{field}`` names a text formats."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@dataclass(frozen=True)
class Say:
    """Messages in one language: ``say(key, **fields)`` is the text, formatted."""

    lang: str

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            raise ValueError(f"golive speaks {', '.join(LANGUAGES)}, not {self.lang!r}")

    def __call__(self, key: str, **fields: Any) -> str:
        return CATALOGUE[key][self.lang].format(**fields)

    def join(self, items: list[str]) -> str:
        """A list as this language writes one in a sentence."""
        return self("web.list_joiner").join(items)
