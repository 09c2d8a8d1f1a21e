"""Every user-visible string, in Simplified Chinese (default) and English.

Templates call ``t("key")``; domain errors carry keys (see errors.Message) and are
rendered in the request's language. The language comes from ``?lang=`` (which the
page then remembers in the ``lang`` cookie) or that cookie; the default is zh-CN.
"""

from __future__ import annotations

from typing import Any

from .errors import Message

LANGS = ("zh-CN", "en")
DEFAULT_LANG = "zh-CN"
LANG_COOKIE = "lang"

# key -> (zh-CN, en)
STRINGS: dict[str, tuple[str, str]] = {
    "app_name": ("golive 沙箱 CRM", "golive Sandbox CRM"),
    "skip_link": ("跳到主要内容", "Skip to main content"),
    "nav_label": ("主导航", "Main navigation"),
    "nav_dashboard": ("工作台", "Dashboard"),
    "nav_leads": ("线索", "Leads"),
    "nav_customers": ("客户", "Customers"),
    "nav_orders": ("订单", "Orders"),
    "nav_users": ("用户", "Users"),
    "logout": ("退出登录", "Log out"),
    "lang_other_name": ("English", "中文"),
    "lang_other_code": ("en", "zh-CN"),
    "user_with_role": ("{name}（{role}）", "{name} ({role})"),
    "role_admin": ("管理员", "Administrator"),
    "role_manager": ("销售经理", "Sales manager"),
    "role_sales": ("销售", "Salesperson"),
    "role_viewer": ("只读", "Viewer"),
    # login
    "login_title": ("登录", "Log in"),
    "login_button": ("登录", "Log in"),
    "login_intro": (
        "请使用您的账号登录 golive 沙箱。",
        "Log in to the golive sandbox with your account.",
    ),
    "login_failed": ("用户名或密码错误", "Wrong username or password"),
    "logged_out": ("您已退出登录。", "You have logged out."),
    "field_username": ("用户名", "Username"),
    "field_password": ("密码", "Password"),
    # lists and paging
    "search_label": ("搜索", "Search"),
    "search_button": ("搜索", "Search"),
    "filter_status": ("状态", "Status"),
    "filter_all": ("全部", "All"),
    "no_records": ("没有找到记录", "No records found"),
    "page_prev": ("上一页", "Previous"),
    "page_next": ("下一页", "Next"),
    "page_of": ("第 {page} / {pages} 页", "Page {page} of {pages}"),
    "page_nav": ("分页", "Pagination"),
    "total_records": ("共 {total} 条", "{total} records"),
    "cancel": ("取消", "Cancel"),
    "save": ("保存", "Save"),
    "required_hint": ("带 * 的为必填项", "Fields marked * are required"),
    "details": ("详细信息", "Details"),
    # dashboard
    "dashboard_title": ("工作台", "Dashboard"),
    "kpi_conversion": ("线索转化率", "Lead conversion rate"),
    "kpi_processing": ("平均订单处理时长", "Average order processing time"),
    "kpi_hours": ("{value} 小时", "{value} hours"),
    "kpi_na": ("暂无数据", "No data yet"),
    "kpi_conversion_help": ("已转化线索 ÷ 全部线索", "Converted leads ÷ all leads"),
    "kpi_processing_help": (
        "已批准订单从提交到批准的平均时长",
        "Average time from submission to approval of approved orders",
    ),
    "scope_own": ("统计范围：您负责的记录", "Scope: the records you own"),
    "scope_all": ("统计范围：全部记录", "Scope: all records"),
    "count_leads": ("线索总数", "Leads"),
    "count_converted": ("已转化线索", "Converted leads"),
    "count_customers": ("客户总数", "Customers"),
    "count_orders": ("订单总数", "Orders"),
    "orders_in_status": ("{status}订单", "{status} orders"),
    "approved_amount": ("已批准订单金额", "Approved order value"),
    "figure": ("指标", "Figure"),
    "value": ("数值", "Value"),
    # leads
    "leads_title": ("线索", "Leads"),
    "lead_new": ("新建线索", "New lead"),
    "lead_title": ("线索：{name}", "Lead: {name}"),
    "lead_save": ("保存线索", "Save lead"),
    "lead_qualify": ("确认线索", "Qualify lead"),
    "lead_convert": ("转化为客户", "Convert to customer"),
    "lead_created": ("线索已创建", "Lead created"),
    "lead_qualified": ("线索已确认", "Lead qualified"),
    "lead_converted": ("线索已转化为客户", "Lead converted into a customer"),
    "lead_customer_link": ("查看转化后的客户", "View the customer"),
    "field_contact": ("联系人", "Contact"),
    "field_company": ("公司", "Company"),
    "field_phone": ("电话", "Phone"),
    "field_email": ("邮箱", "Email"),
    "field_source": ("来源", "Source"),
    "field_note": ("备注", "Note"),
    "field_status": ("状态", "Status"),
    "field_owner": ("负责人", "Owner"),
    "field_created": ("创建时间", "Created"),
    "source_website": ("官网", "Website"),
    "source_trade_show": ("展会", "Trade show"),
    "source_referral": ("转介绍", "Referral"),
    "source_cold_call": ("电话营销", "Cold call"),
    "source_advertising": ("广告", "Advertising"),
    "source_other": ("其他", "Other"),
    "lead_status_new": ("新线索", "New"),
    "lead_status_qualified": ("已确认", "Qualified"),
    "lead_status_converted": ("已转化", "Converted"),
    "lead_status_lost": ("已流失", "Lost"),
    # customers
    "customers_title": ("客户", "Customers"),
    "customer_title": ("客户：{name}", "Customer: {name}"),
    "customer_edit": ("编辑客户", "Edit customer"),
    "customer_edit_title": ("编辑客户：{name}", "Edit customer: {name}"),
    "customer_saved": ("客户已保存", "Customer saved"),
    "customer_orders": ("该客户的订单", "Orders of this customer"),
    "customer_new_order": ("为该客户新建订单", "New order for this customer"),
    "field_customer_name": ("客户名称", "Customer name"),
    "field_address": ("地址", "Address"),
    "field_version": ("版本", "Version"),
    # orders
    "orders_title": ("订单", "Orders"),
    "order_new": ("新建订单", "New order"),
    "order_title": ("订单 {number}", "Order {number}"),
    "order_lines": ("订单明细", "Order lines"),
    "line_n": ("明细 {n}", "Line {n}"),
    "line_add": ("添加明细", "Add line"),
    "line_remove": ("删除", "Remove"),
    "order_submit": ("提交订单", "Submit order"),
    "order_save_draft": ("保存草稿", "Save draft"),
    "order_submit_for_approval": ("提交审批", "Submit for approval"),
    "order_approve": ("批准", "Approve"),
    "order_reject": ("驳回", "Reject"),
    "order_created_submitted": ("订单已提交", "Order submitted"),
    "order_created_draft": ("草稿已保存", "Draft saved"),
    "order_submitted": ("订单已提交审批", "Order submitted for approval"),
    "order_approved": ("订单已批准", "Order approved"),
    "order_rejected": ("订单已驳回", "Order rejected"),
    "order_number_is": ("订单号：{number}", "Order number: {number}"),
    "order_history": ("处理记录", "History"),
    "order_sending": ("正在提交…", "Sending…"),
    "order_network_error": (
        "网络连接失败，订单尚未提交。您填写的内容已保留，请检查网络后重试。",
        "Network error: the order was not submitted. Everything you entered is kept; "
        "check your connection and retry.",
    ),
    "order_session_expired": (
        "请先登录：登录已过期，订单尚未提交。您填写的内容已保留。",
        "Please log in: your session has expired and the order was not submitted. "
        "Everything you entered is kept.",
    ),
    "relogin": ("重新登录", "Log in again"),
    "order_request_failed": ("提交失败：{detail}", "Not saved: {detail}"),
    "order_not_saved_fix": (
        "提交失败，请修正以下问题：",
        "Not saved; please correct the following:",
    ),
    "order_decision": ("审批", "Decision"),
    "choose_customer": ("请选择客户", "Choose a customer"),
    "choose_product": ("请选择产品", "Choose a product"),
    "field_customer": ("客户", "Customer"),
    "field_product": ("产品", "Product"),
    "field_quantity": ("数量", "Quantity"),
    "field_unit_price": ("单价（元）", "Unit price (CNY)"),
    "field_amount": ("金额", "Amount"),
    "field_total": ("合计", "Total"),
    "field_number": ("订单号", "Order number"),
    "field_order_note": ("备注", "Note"),
    "field_reject_reason": ("驳回原因", "Reason for rejection"),
    "field_submitted_at": ("提交时间", "Submitted"),
    "field_decided_at": ("审批时间", "Decided"),
    "field_time": ("时间", "Time"),
    "field_user": ("操作人", "By"),
    "field_event": ("操作", "Action"),
    "event_created": ("创建", "Created"),
    "event_submitted": ("提交审批", "Submitted for approval"),
    "event_approved": ("批准", "Approved"),
    "event_rejected": ("驳回", "Rejected"),
    "order_status_draft": ("草稿", "Draft"),
    "order_status_submitted": ("待审批", "Awaiting approval"),
    "order_status_approved": ("已批准", "Approved"),
    "order_status_rejected": ("已驳回", "Rejected"),
    # users
    "users_title": ("用户", "Users"),
    "field_display_name": ("姓名", "Name"),
    "field_role": ("角色", "Role"),
    # errors
    "error_title": ("出错了（{status}）", "Something went wrong ({status})"),
    "error_back": ("返回工作台", "Back to the dashboard"),
    "error_summary": ("请修正以下问题：", "Please correct the following:"),
    "error_unexpected": ("服务器内部错误", "Internal server error"),
    "error_forbidden": ("无权执行此操作", "You are not allowed to do this"),
    "error_not_found": ("记录不存在或您无权查看", "Not found, or you may not see it"),
    "error_page_not_found": ("页面不存在", "Page not found"),
    "error_method": ("不支持此请求方法", "Method not allowed"),
    "error_login_required": ("请先登录", "Please log in"),
    "error_csrf": (
        "请求已失效（CSRF 校验失败），请刷新页面后重试",
        "The request has expired (CSRF check failed); reload the page and try again",
    ),
    "error_conflict_version": (
        "该客户已被其他用户修改，请刷新后重试",
        "This customer was changed by someone else; reload and try again",
    ),
    "error_conflict_state": (
        "当前状态不允许此操作",
        "This action is not allowed in the current status",
    ),
    "error_bad_request": ("请求无效", "Bad request"),
    "error_idempotency_missing": (
        "缺少 Idempotency-Key 请求头：创建订单必须提供幂等键",
        "The Idempotency-Key header is missing: creating an order requires one",
    ),
    "error_idempotency_invalid": (
        "Idempotency-Key 无效：需为 1–100 个字母、数字或 - _ : .",
        "Invalid Idempotency-Key: use 1-100 letters, digits or - _ : .",
    ),
    "error_body_too_large": (
        "请求内容过大（上限 {max} KiB）",
        "Request body too large (limit {max} KiB)",
    ),
    "error_invalid": ("请检查输入", "Please check your input"),
    "error_required": ("{label}不能为空", "{label} is required"),
    "error_too_long": (
        "{label}最多 {max} 个字符（当前 {actual} 个）",
        "{label} must be at most {max} characters (got {actual})",
    ),
    "error_not_text": ("{label}必须是文本", "{label} must be text"),
    "error_control_chars": ("{label}包含不允许的控制字符", "{label} contains control characters"),
    "error_phone": (
        "{label}只能包含数字、+、- 和空格",
        "{label} may contain only digits, +, - and spaces",
    ),
    "error_email": (
        "{label}格式不正确，例如 name@example.com",
        "{label} is not valid, e.g. name@example.com",
    ),
    "error_choice": (
        "{label}的值无效，请从列表中选择",
        "{label} is not valid; choose from the list",
    ),
    "error_field_invalid": ("{label}格式不正确", "{label} is not valid"),
    "error_quantity": (
        "数量必须是 1 到 {max} 之间的整数",
        "Quantity must be a whole number from 1 to {max}",
    ),
    "error_price": (
        "单价必须在 {min} 到 {max} 元之间",
        "Unit price must be between {min} and {max}",
    ),
    "error_price_decimals": ("单价最多两位小数", "Unit price may have at most two decimals"),
    "error_customer_choice": ("请选择有效的客户", "Choose a valid customer"),
    "error_product_choice": ("请选择有效的产品", "Choose a valid product"),
    "error_lines_count": ("订单需要 1 到 {max} 条明细", "An order needs 1 to {max} lines"),
    "error_line": ("明细 {n}：{message}", "Line {n}: {message}"),
    "error_search_too_long": (
        "搜索内容最多 {max} 个字符",
        "Search text must be at most {max} characters",
    ),
}


def normalise(lang: str | None) -> str | None:
    """A supported language code for a cookie or query value, or None."""
    if not lang:
        return None
    lang = lang.strip()
    if lang.lower() in ("zh", "zh-cn", "zh_cn"):
        return "zh-CN"
    if lang.lower() in ("en", "en-us", "en-gb"):
        return "en"
    return None


def t(lang: str, key: str, **params: Any) -> str:
    """The string for `key` in `lang`, with `{name}` placeholders filled in."""
    zh, en = STRINGS[key]
    text = en if lang == "en" else zh
    return text.format(**params) if params else text


def message(lang: str, msg: Message) -> str:
    """Render an error message; a `label` parameter is itself a key to translate."""
    params = dict(msg.params)
    if "label" in params:
        params["label"] = t(lang, params["label"])
    if isinstance(params.get("message"), Message):
        params["message"] = message(lang, params["message"])
    return t(lang, msg.key, **params)
