"""What the security probes and the security steps say, in zh-CN and en."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- security probes: names and findings --------------------------------------------
    "probe.sqli": {"zh-CN": "SQL 注入", "en": "SQL injection"},
    "probe.input": {"zh-CN": "输入处理", "en": "input handling"},
    "probe.xss": {"zh-CN": "反射型跨站脚本", "en": "reflected XSS"},
    "probe.stored_xss": {"zh-CN": "存储型跨站脚本", "en": "stored XSS"},
    "probe.mass": {"zh-CN": "批量赋值", "en": "mass assignment"},
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
    "probe.write_let_through": {
        "zh-CN": "{who} 通过 {request} 修改了记录，而平台并没有向其提供这个操作",
        "en": "{who} changed a record through {request}, which the platform does not offer them",
    },
    "probe.delete_let_through": {
        "zh-CN": "{who} 通过 {request} 删除了记录，而平台并没有向其提供这个操作",
        "en": "{who} deleted a record through {request}, which the platform does not offer them",
    },
    "probe.may_not_open": {
        "zh-CN": "不能打开这条记录（{why}）",
        "en": "may not open the record ({why})",
    },
    "probe.not_offered": {
        "zh-CN": "能打开这条记录，但页面没有提供这个操作",
        "en": "may open the record, but its page does not offer them this change",
    },
    "probe.stored_unescaped": {
        "zh-CN": "写入 {name} 的内容在 {page} 上未经转义地显示",
        "en": "what is written into {name} is shown unescaped on {page}",
    },
    "probe.leaks": {
        "zh-CN": "{who} 在 {page} 上看到了自己不能打开的记录",
        "en": "{who} finds a record they may not open on {page}",
    },
    "probe.no_own_leak": {
        "zh-CN": "探测无法在 {target} 上创建自己的记录：以 {role} 身份探索时没有遇到创建记录的"
        "表单，或者这些表单都不接受一个人会填写的值；列表和搜索是否泄露记录没有得到证明",
        "en": "the probe could make no record of its own on {target}: the crawl as {role} met "
        "no form that creates one, or none took the values a person would type: whether "
        "lists and searches leak records is unproven",
    },
    "probe.mass_taken": {
        "zh-CN": "{request} 接受了表单上没有的字段（权限、归属或状态）",
        "en": "{request} takes fields its form does not show (privilege, owner or status)",
    },
    "probe.no_own_mass": {
        "zh-CN": "探测无法在 {target} 上创建自己的记录：以 {role} 身份探索时没有遇到创建记录的"
        "表单，或者这些表单都不接受一个人会填写的值；批量赋值没有得到证明",
        "en": "the probe could make no record of its own on {target}: the crawl as {role} met "
        "no form that creates one, or none took the values a person would type: mass "
        "assignment is unproven",
    },
    "probe.raises_itself": {
        "zh-CN": "{who} 通过自己账户的 {request} 提升了自己的权限",
        "en": "{who} raises its own access through its own account's {request}",
    },
    "probe.raises_itself_hidden": {
        "zh-CN": "{who} 用表单上没有的权限字段提交自己账户的 {request}，提升了自己的权限",
        "en": "{who} raises its own access by sending its own account's {request} with "
        "privilege fields the form does not show",
    },
    "probe.escalation_untold": {
        "zh-CN": "{role} 自己账户的 {request} 可能提升它的权限，但没有别的角色能打开而 {role} "
        "被拒绝的页面可供判断：请在 golive.toml 中加一个权限更低的角色的用户；权限提升没有得到证明",
        "en": "{role}'s own account's {request} might raise it, but no page another role "
        "opens and {role} is refused tells whether it does: add a user of a lower role to "
        "golive.toml; escalation is unproven",
    },
    "probe.no_own_record": {
        "zh-CN": "探测无法在 {target} 上创建自己的记录：以 {role} 身份探索时没有遇到创建记录的"
        "表单，或者这些表单都不接受一个人会填写的值；写权限没有得到证明",
        "en": "the probe could make no record of its own on {target}: the crawl as {role} met "
        "no form that creates one, or none took the values a person would type: write "
        "access is unproven",
    },
    "probe.no_own_markup": {
        "zh-CN": "探测无法在 {target} 上创建自己的记录：以 {role} 身份探索时没有遇到创建记录的"
        "表单，或者这些表单都不接受一个人会填写的值；存储型脚本没有得到证明",
        "en": "the probe could make no record of its own on {target}: the crawl as {role} met "
        "no form that creates one, or none took the values a person would type: stored "
        "script is unproven",
    },
    "probe.hidden_page": {
        "zh-CN": (
            "{who} 的页面上没有指向 {page} 的链接（{linked} 的有），直接打开却看到了 {linked} "
            "看到的内容"
        ),
        "en": (
            "{who} is not linked to {page} ({linked} is), yet opening it shows what {linked} sees"
        ),
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
    "probe.version_disclosed": {
        "zh-CN": "{header} 泄露了软件及其版本：{value}",
        "en": "{header} discloses the software and its version: {value}",
    },
    "probe.session_cookie_lacks": {
        "zh-CN": "Cookie {name} 像是会话或登录凭据，却缺少 {flag}",
        "en": "the cookie {name} looks like a session or sign-in credential but lacks {flag}",
    },
    "probe.redirect": {"zh-CN": "开放重定向", "en": "open redirect"},
    "probe.open_redirect": {
        "zh-CN": "参数 {name} 能把用户转到其他网站",
        "en": "{name} sends a person to another site",
    },
    "probe.no_destination": {
        "zh-CN": "发现的链接里没有指定跳转目标的参数（next、return_to、url ……），"
        "[targets.{target}.security] parameters 里也没有：没有证明任何事",
        "en": "no parameter that names a destination (next, return_to, url ...) in the "
        "links found, nor in [targets.{target}.security] parameters: nothing proven",
    },
    "probe.refused_early": {
        "zh-CN": "每个请求都在到达业务代码之前被拒绝了（HTTP {statuses}：登录、CSRF "
        "或内容类型检查）：没有证明任何事",
        "en": "every request was refused before it reached the code (HTTP {statuses}: a "
        "sign-in, CSRF or content-type check): nothing proven",
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
    "probe.csrf_forged": {
        "zh-CN": "其他网站的页面可以借用户的浏览器执行 {request}（没有 CSRF 令牌也被接受）",
        "en": "another site's page can make {request} through a signed-in user's browser "
        "(accepted without the CSRF token)",
    },
    "probe.nothing_to_compare": {
        "zh-CN": "{roles} 没有共同打开过任何页面（爬取了 {pages} 个），无法比较各自菜单里的链接："
        "请在 golive.toml 中为每个角色配置一个用户；没有证明任何事",
        "en": "{roles} opened no page in common ({pages} crawled), so their menus could "
        "not be compared: add a user per role to golive.toml; nothing is proven",
    },
    "probe.nothing_to_reflect": {
        "zh-CN": "在目标 {target} 上没有找到可以检查脚本回显的地方：爬取没有遇到搜索表单、"
        "带参数的链接或查询表单，golive.toml 也没有列出 reflected；没有证明任何事",
        "en": "nowhere to check for reflected script on target {target}: the crawl met no "
        "search form, link with parameters or lookup form, and golive.toml lists no "
        "reflected parameter; nothing is proven",
    },
    "probe.nothing_to_forge": {
        "zh-CN": "在目标 {target} 上没有找到可以检查 CSRF 的表单：爬取没有遇到新建记录的表单，"
        "golive.toml 也没有列出 forms 或 inputs；没有证明任何事",
        "en": "no form to check for CSRF on target {target}: the crawl met no form that "
        "creates a record, and golive.toml lists no forms or inputs; nothing proven",
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
    # -- why a probe proves nothing (a SuiteError or TargetError the scenario reports) ------
    "probe.no_record": {
        "zh-CN": "{path} 没有列出任何记录，无法检查访问矩阵：请先准备一条记录，或在 "
        "[targets.{target}.security] 中指定另一个列表；没有证明任何事",
        "en": "{path} lists no record to try the access matrix on; seed one, or name another "
        "list in [targets.{target}.security]: nothing proven",
    },
    "probe.owns_none": {
        "zh-CN": "{owner} 在 {path} 没有自己的记录可供检查：没有证明任何事",
        "en": "{owner} owns no record at {path} to try on: nothing proven",
    },
    "probe.own_refused": {
        "zh-CN": "{owner} 打不开自己的记录 {path}（HTTP {status}）：这项检查证明不了任何事",
        "en": "{owner} cannot open its own record {path} (HTTP {status}): the check would "
        "prove nothing",
    },
    "probe.no_private_page": {
        "zh-CN": "golive.toml 为探测列出的页面（{pages}）都不需要登录，因此看不出退出登录是否"
        "结束了会话：请在 [targets.{target}.security] pages 中加一个需要登录的页面",
        "en": "none of the pages golive.toml lists for the probes ({pages}) needs a login, so "
        "whether a logout ends the session cannot be seen: add one to "
        "[targets.{target}.security] pages",
    },
    "probe.fresh_refused": {
        "zh-CN": "新登录的会话打不开 {page}（HTTP {status}）",
        "en": "a fresh session cannot open {page} (HTTP {status})",
    },
    "probe.no_parameter": {
        "zh-CN": "没有可以尝试的搜索或筛选参数，也没有只做查询的表单：{openapi} 中没有，"
        "探索也没有遇到，[targets.{target}.security] parameters 和 lookup_forms 也是空的："
        "没有证明任何事",
        "en": "no search or filter parameter and no lookup form to try: {openapi} lists "
        "none, the crawl met none, and [targets.{target}.security] parameters and "
        "lookup_forms are empty: nothing proven",
    },
    "probe.no_openapi": {"zh-CN": "没有 OpenAPI 文档", "en": "no OpenAPI"},
    "probe.budget": {
        "zh-CN": "安全探测在完成之前用完了预算（{requests} 个请求，{seconds} 秒；"
        "[targets.{target}.security] 的上限是 {limit} 个请求、{max_seconds} 秒）：没有证明任何事",
        "en": "the security probes reached their budget ({requests} requests, {seconds} s; "
        "limits {limit} requests, {max_seconds} s in [targets.{target}.security]) before they "
        "finished: nothing is proven",
    },
    "probe.hangs": {
        "zh-CN": "{request} 在 {seconds} 秒内没有响应：平台卡住了",
        "en": "{request} got no answer within {seconds} s: the platform hangs",
    },
    "probe.connection_broke": {
        "zh-CN": "{request}：连接断开了（{error}）",
        "en": "{request}: the connection broke ({error})",
    },
}
