"""What ``golive init`` says while it writes a project, in zh-CN and en."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
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
