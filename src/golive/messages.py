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
    # -- security probes: names and findings --------------------------------------------
    "probe.sqli": {"zh-CN": "SQL 注入", "en": "SQL injection"},
    "probe.input": {"zh-CN": "输入处理", "en": "input handling"},
    "probe.xss": {"zh-CN": "反射型跨站脚本", "en": "reflected XSS"},
    "probe.csrf": {"zh-CN": "跨站请求伪造", "en": "CSRF"},
    "probe.access": {"zh-CN": "访问控制", "en": "access control"},
    "probe.session": {"zh-CN": "会话", "en": "session"},
    "probe.headers": {"zh-CN": "安全响应头", "en": "security headers"},
    "probe.static": {"zh-CN": "静态分析（bandit）", "en": "static analysis (bandit)"},
    "probe.anonymous": {"zh-CN": "未登录用户", "en": "anonymous"},
    "probe.access_errors": {"zh-CN": "{who} 出错：{action}", "en": "{who} errors: {action}"},
    "probe.access_refused": {
        "zh-CN": "{who} 被拒绝：{action}",
        "en": "{who} is refused: {action}",
    },
    "probe.access_let_through": {
        "zh-CN": "{who} 被允许：{action}",
        "en": "{who} is let through: {action}",
    },
    "probe.other_record": {
        "zh-CN": "{other} 打开了 {owner} 的 {record}",
        "en": "{other} opened {owner}'s {record}",
    },
    "probe.fixation": {
        "zh-CN": "登录后会话标识没有更换（会话固定）",
        "en": "the session id survives the login",
    },
    "probe.cookie_unreadable": {
        "zh-CN": "会话 Cookie {name} 的 Set-Cookie 无法解析",
        "en": "the session cookie {name} has an unreadable Set-Cookie",
    },
    "probe.cookie_lacks": {
        "zh-CN": "会话 Cookie {name} 缺少 {flag}",
        "en": "the session cookie {name} lacks {flag}",
    },
    "probe.no_logout": {"zh-CN": "页面 {page} 上找不到退出登录", "en": "no logout on {page}"},
    "probe.session_after_logout": {
        "zh-CN": "退出登录后旧的会话仍然有效",
        "en": "the session still works after logout",
    },
    "probe.header_missing": {
        "zh-CN": "缺少或无效的 {header}",
        "en": "{header} missing or weak",
    },
    "probe.sqli_quote": {
        "zh-CN": "参数 {name} 中的引号破坏了数据库语句",
        "en": "a quote in {name} breaks the SQL",
    },
    "probe.sqli_boolean": {
        "zh-CN": "参数 {name} 的条件被当作 SQL 执行",
        "en": "{name} is evaluated as SQL",
    },
    "probe.sqli_time": {
        "zh-CN": "参数 {name} 让数据库按要求等待",
        "en": "{name} makes the database wait",
    },
    "probe.crashes": {"zh-CN": "{what}导致服务器错误", "en": "{what} crashes the server"},
    "probe.overlong": {
        "zh-CN": "{name} 超长 {length} 字符",
        "en": "{name} {length} characters long",
    },
    "probe.control": {"zh-CN": "{name} 含控制字符", "en": "{name} with control characters"},
    "probe.malformed": {"zh-CN": "{name}={value} 格式错误", "en": "{name}={value} malformed"},
    "probe.wrong_type": {"zh-CN": "{name} 类型错误", "en": "{name} of the wrong type"},
    "probe.malformed_json": {"zh-CN": "格式错误的 JSON", "en": "malformed JSON"},
    "probe.unescaped": {
        "zh-CN": "页面原样显示了参数 {name} 中的脚本",
        "en": "{name} is shown unescaped",
    },
    "probe.no_form": {
        "zh-CN": "页面 {page} 上没有提交到自身的表单",
        "en": "no form posting to {page}",
    },
    "probe.csrf_accepted": {
        "zh-CN": "没有 CSRF 令牌的 {request} 被接受了",
        "en": "{request} without a CSRF token was not refused",
    },
    # -- security steps ------------------------------------------------------------------
    "security.no_source": {
        "zh-CN": "目标 {target} 没有配置源代码，无法做静态分析，这个标准得不到证明：在 golive.toml "
        "的 [targets.{target}] 中设置 source",
        "en": "target '{target}' names no source: static analysis is not possible, so this "
        "criterion is not proven (set source under [targets.{target}] in golive.toml)",
    },
    "security.no_scan": {
        "zh-CN": "这个场景还没有做静态分析",
        "en": "no scan ran in this scenario",
    },
    "security.cannot_scan": {"zh-CN": "无法扫描 {source}", "en": "could not scan {source}"},
    "security.above_policy": {
        "zh-CN": "{count} 个发现超出安全策略：{findings}",
        "en": "{count} finding(s) above the policy: {findings}",
    },
    "security.no_check": {"zh-CN": "这个场景还没有做安全检查", "en": "no security check ran"},
    "security.found": {
        "zh-CN": "{probe}：发现 {count} 个问题：{problems}",
        "en": "{probe}: {count} problem(s) found: {problems}",
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
class Phrase:
    """A message not said yet: a catalogue key and its fields, for code that does not know
    its reader (a probe's finding), said later in the reader's language. A field may be
    a Phrase itself. ``str()`` is the English text, for logs and keys."""

    key: str
    fields: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, key: str, **fields: Any) -> Phrase:
        if key not in CATALOGUE:
            raise KeyError(f"{key!r} is not in golive's message catalogue")
        return cls(key, tuple(fields.items()))

    def __call__(self, say: Say) -> str:
        values = {k: v(say) if isinstance(v, Phrase) else v for k, v in self.fields}
        return say(self.key, **values)

    def __str__(self) -> str:
        return self(Say("en"))


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
