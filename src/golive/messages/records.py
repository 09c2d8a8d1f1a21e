"""What the business-rule steps say: figures, lists and records checked against the
platform's own listings, in zh-CN and en."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- reading a listing ---------------------------------------------------------------
    "records.listing_failed": {
        "zh-CN": '无法读取"{source}"的记录：{url} 返回 {status}：{body}',
        "en": 'cannot read the records of "{source}": {url} answered {status}: {body}',
    },
    "records.listing_shape": {
        "zh-CN": '"{source}"返回的不是记录列表（字段：{keys}）',
        "en": '"{source}" does not answer with a list of records (fields: {keys})',
    },
    "records.listing_total": {
        "zh-CN": '"{source}"说共有 {total} 条记录，但逐页（{pages} 页）只给出了 {got} 条',
        "en": '"{source}" says it holds {total} records, but its {pages} page(s) give {got}',
    },
    "records.listing_unpaged": {
        "zh-CN": '"{source}"说共有 {total} 条记录，给出了 {got} 条，'
        "但没有给出翻到下一页的方式（没有 next 链接，也没有回显页码）："
        "golive 读不到其余的记录，无法证明。请在 golive.toml 的 [targets.{target}.api] "
        "中用 page_query 说明这个平台如何分页，例如"
        '"page={{page}}&page_size={{size}}"、"limit={{size}}&offset={{offset}}"，'
        '或 Flask-AppBuilder 的"q=(page:{{page0}},page_size:{{size}})"',
        "en": '"{source}" says it holds {total} records and gives {got}, but shows no way to '
        "the next page (no next link, no page number it echoes): golive cannot read the "
        "rest, so nothing is proven. Say how this platform pages in golive.toml, "
        "[targets.{target}.api] page_query, e.g. "
        '"page={{page}}&page_size={{size}}", "limit={{size}}&offset={{offset}}" or, on '
        'Flask-AppBuilder, "q=(page:{{page0}},page_size:{{size}})"',
    },
    "records.listing_same_page": {
        "zh-CN": '"{source}"的第 {page} 页（{url}）与上一页的记录完全相同：平台没有按要求翻页。'
        "请检查（或设置）golive.toml 中 [targets.{target}.api] 的 page_query",
        "en": 'page {page} of "{source}" ({url}) gives the very records of the page before: '
        "the platform does not take the page asked for. Check (or set) page_query in "
        "golive.toml, [targets.{target}.api]",
    },
    "records.listing_twice": {
        "zh-CN": '"{source}"把同一条记录列出了不止一次：{ids}',
        "en": '"{source}" lists the same record more than once: {ids}',
    },
    "records.listing_too_long": {
        "zh-CN": '"{source}"读了 {pages} 页、{records} 条记录还没有读完：超出上限，无法证明',
        "en": '"{source}" is not finished after {pages} pages and {records} records: past '
        "the limit, nothing is proven",
    },
    # -- what to compare -----------------------------------------------------------------
    "records.unknown_measure": {
        "zh-CN": '看不懂"{words}"。可以这样写："/api/orders"中"total"的合计，其中"status"为'
        '"approved"；"/api/leads"中"status"为"converted"的记录所占百分比；"/api/customers"中的记录数',
        "en": 'cannot read "{words}". Say for example: the sum of "total" in "/api/orders" '
        'where "status" is "approved"; the percentage of records in "/api/leads" where '
        '"status" is "converted"; the number of records in "/api/customers"',
    },
    "records.unknown_where": {
        "zh-CN": '看不懂条件"{words}"。可以这样写："status"为"new"；"company"包含"科技"；'
        '"status"不为"lost"，多个条件用"且"连接',
        "en": 'cannot read the condition "{words}". Say for example: "status" is "new"; '
        '"company" contains "Tech"; "status" is not "lost"; joined by "and"',
    },
    "records.no_id": {
        "zh-CN": '当前页面不是某一条记录，场景也还没有创建记录：无法填写"{path}"中的 {{id}}',
        "en": "this page shows no one record and the scenario made none: cannot fill in "
        '{{id}} in "{path}"',
    },
    "records.log_in_first": {
        "zh-CN": '请先登录：要按登录的人能看到的范围读取"{source}"',
        "en": 'log in first: "{source}" is read as the person logged in sees it',
    },
    # -- figures ---------------------------------------------------------------------------
    "records.figure_differs": {
        "zh-CN": "{what}显示 {shown}，但按 {count} 条记录独立计算（{words}）应为 {expected}",
        "en": "{what} shows {shown}, but computed from the {count} records ({words}) it "
        "should be {expected}",
    },
    "records.kept_changing": {
        "zh-CN": "读取期间数据一直在变（试了 {tries} 次），无法比较，什么也证明不了："
        "请在没有其他人写入时运行",
        "en": "the records kept changing while they were read ({tries} tries): nothing is "
        "proven; run where nobody else is writing",
    },
    "records.nothing_to_measure": {
        "zh-CN": "{what}显示 {shown}，但 {count} 条记录中没有可以计算（{words}）的记录",
        "en": "{what} shows {shown}, but none of the {count} records gives a value for ({words})",
    },
    "records.time_differs": {
        "zh-CN": '页面上的"{label}"是 {shown}，'
        '但记录"{path}"的"{field}"按 {zone} 时间是 {expected}',
        "en": 'the page shows "{label}" {shown}, but the record "{path}" has "{field}" '
        "{expected} in {zone} time",
    },
    "records.unknown_zone": {
        "zh-CN": '不认识时区"{zone}"：请写 IANA 时区名，例如 Asia/Shanghai',
        "en": 'no time zone "{zone}": name one as IANA does, e.g. Asia/Shanghai',
    },
    # -- lists -----------------------------------------------------------------------------
    "records.missing": {"zh-CN": "漏掉了 {n} 条：{values}", "en": "{n} left out: {values}"},
    "records.extra": {
        "zh-CN": "多出 {n} 条不该有的：{values}",
        "en": "{n} that should not be there: {values}",
    },
    "records.twice": {"zh-CN": "{n} 条出现了不止一次：{values}", "en": "{n} shown twice: {values}"},
    "records.empty_pages": {
        "zh-CN": "第 {pages} 页是空的，但分页还在继续",
        "en": "page(s) {pages} show nothing while the pager goes on",
    },
    "records.no_column": {
        "zh-CN": '表格中没有"{column}"列；表格的列：{columns}',
        "en": 'the table has no column "{column}"; its columns: {columns}',
    },
    "records.table_too_long": {
        "zh-CN": "表格翻了 {pages} 页还没有到最后一页：超出上限，无法证明",
        "en": "the table is not at its end after {pages} pages: past the limit, nothing is proven",
    },
    "records.table_differs": {
        "zh-CN": '表格（共 {pages} 页）与"{source}"中应列出的 {count} 条记录不一致：{problems}',
        "en": 'the table ({pages} page(s)) differs from the {count} records of "{source}": '
        "{problems}",
    },
    "records.choices_differ": {
        "zh-CN": '"{label}"的选项与"{source}"中的 {count} 条记录不一致：{problems}',
        "en": 'the choices of "{label}" differ from the {count} records of "{source}": {problems}',
    },
    # -- a record's state ------------------------------------------------------------------
    "records.record_unreadable": {
        "zh-CN": '无法读取记录"{path}"：返回 {status}',
        "en": 'cannot read the record "{path}": it answered {status}',
    },
    "records.field": {
        "zh-CN": '记录"{path}"的"{field}"应当是"{expected}"，实际是"{got}"',
        "en": 'the record "{path}" should have "{field}" "{expected}", but has "{got}"',
    },
    "records.should_be_empty": {
        "zh-CN": '记录"{path}"的"{field}"应当为空，实际是"{got}"',
        "en": 'the record "{path}" should have no "{field}", but has "{got}"',
    },
    "records.should_have": {
        "zh-CN": '记录"{path}"的"{field}"应当有值，实际为空',
        "en": 'the record "{path}" should have a "{field}", but it is empty',
    },
}
