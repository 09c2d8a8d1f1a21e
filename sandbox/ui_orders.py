"""UI pages for orders: list, the order form, view, and the approval buttons."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse

from . import customers, faults, orders, products, roles
from .deps import Conn, UiSession, notice_for, path_id, request_lang, require_csrf
from .errors import Invalid, Message
from .paging import DEFAULT_PAGE_SIZE, parse_page
from .roles import User
from .validation import parse_id
from .web import render

router = APIRouter(include_in_schema=False)
FormText = Annotated[str | None, Form()]
NOTICES = {
    "created_submitted": "order_created_submitted",
    "created_draft": "order_created_draft",
    "submitted": "order_submitted",
    "approved": "order_approved",
    "rejected": "order_rejected",
}


@router.get("/orders")
def order_list(
    request: Request,
    conn: Conn,
    session: UiSession,
    status: str | None = None,
    customer_id: str | None = None,
    page: str | None = None,
    q: str | None = None,
) -> Response:
    """Orders the user may see, newest first, 20 a page; q searches number, note, customer."""
    customer = parse_id(customer_id) if customer_id else None
    result = orders.search(
        conn, session.user, status, customer, parse_page(page), DEFAULT_PAGE_SIZE, q
    )
    if result.page > result.pages:
        result = orders.search(
            conn, session.user, status, customer, result.pages, DEFAULT_PAGE_SIZE, q
        )
    return render(
        request,
        "orders_list.html",
        active="orders",
        page=result,
        status=status or "",
        customer_id=customer or "",
        q=q or "",
        statuses=orders.STATUSES,
    )


def _form_page(
    request: Request,
    conn: Any,
    user: User,
    values: dict[str, Any],
    status: int = 200,
    errors: dict[str, Message] | None = None,
) -> Response:
    return render(
        request,
        "order_form.html",
        status,
        here="/orders/new",
        active="orders",
        customers=customers.visible_choices(conn, user),
        products=products.active(conn),
        values=values,
        errors=errors or {},
        # the form works without its script too: the attempt's key comes with the page
        # (the script makes its own on load and after each success)
        idempotency_key=str(uuid.uuid4()),
        # the script reads the faults it carries from here, not from a global
        idempotent=not faults.enabled("duplicate_submit"),
        clear_on_send=faults.enabled("offline_data_loss"),
    )


@router.get("/orders/new")
def order_new(
    request: Request, conn: Conn, session: UiSession, customer_id: str | None = None
) -> Response:
    """The order form; its script posts JSON to /api/orders with an Idempotency-Key."""
    roles.require(session.user, "order.create")
    values = {
        "customer_id": parse_id(customer_id) if customer_id else "",
        "note": "",
        "lines": [{"product_id": "", "quantity": "1", "unit_price": ""}],
    }
    return _form_page(request, conn, session.user, values)


@router.post("/orders/new")
async def order_create(request: Request, conn: Conn, session: UiSession) -> Response:
    """The same form without JavaScript: repeated product_id/quantity/unit_price fields."""
    form = await request.form()
    require_csrf(session, _text(form.get("csrf_token")))
    roles.require(session.user, "order.create")
    product_ids, quantities = form.getlist("product_id"), form.getlist("quantity")
    prices = form.getlist("unit_price")
    lines: list[dict[str, object]] = [
        {"product_id": _text(p), "quantity": _text(q), "unit_price": _text(u)}
        for p, q, u in zip(product_ids, quantities, prices, strict=False)
    ]
    data = orders.OrderInput(
        customer_id=_text(form.get("customer_id")),
        lines=lines,
        note=_text(form.get("note")),
        submit=_text(form.get("action")) != "draft",
        idempotency_key=_text(form.get("idempotency_key")) or None,
    )
    try:
        order_id, _ = await run_in_threadpool(orders.create, conn, session.user, data)
    except Invalid as exc:
        values = {"customer_id": data.customer_id, "note": data.note, "lines": lines or [{}]}
        return await run_in_threadpool(
            _form_page, request, conn, session.user, values, 422, exc.errors
        )
    done = "created_submitted" if data.submit else "created_draft"
    return RedirectResponse(f"/orders/{order_id}?done={done}", status_code=303)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _view(
    request: Request,
    conn: Any,
    user: User,
    order_id: int,
    status: int = 200,
    errors: dict[str, Message] | None = None,
    reason: str = "",
    notice: str | None = None,
) -> Response:
    order = orders.get(conn, user, order_id)
    return render(
        request,
        "order_view.html",
        status,
        here=f"/orders/{order_id}",
        active="orders",
        order=order,
        errors=errors or {},
        reason=reason,
        notice=notice,
    )


@router.get("/orders/{order_id}")
def order_view(
    request: Request, conn: Conn, session: UiSession, order_id: str, done: str | None = None
) -> Response:
    """One order: lines, total, history and the buttons the user may press."""
    notice = notice_for(request_lang(request), done, NOTICES)
    return _view(request, conn, session.user, path_id(order_id), notice=notice)


@router.post("/orders/{order_id}/submit")
def order_submit(
    conn: Conn, session: UiSession, order_id: str, csrf_token: FormText = None
) -> Response:
    """draft -> submitted."""
    require_csrf(session, csrf_token)
    number = path_id(order_id)
    orders.submit(conn, session.user, number)
    return RedirectResponse(f"/orders/{number}?done=submitted", status_code=303)


@router.post("/orders/{order_id}/approve")
def order_approve(
    conn: Conn, session: UiSession, order_id: str, csrf_token: FormText = None
) -> Response:
    """submitted -> approved (managers and administrators)."""
    require_csrf(session, csrf_token)
    number = path_id(order_id)
    orders.decide(conn, session.user, number, approve=True)
    return RedirectResponse(f"/orders/{number}?done=approved", status_code=303)


@router.post("/orders/{order_id}/reject")
def order_reject(
    request: Request,
    conn: Conn,
    session: UiSession,
    order_id: str,
    csrf_token: FormText = None,
    reason: FormText = None,
) -> Response:
    """submitted -> rejected, with a reason (managers and administrators)."""
    require_csrf(session, csrf_token)
    number = path_id(order_id)
    try:
        orders.decide(conn, session.user, number, approve=False, reason=reason or "")
    except Invalid as exc:
        return _view(request, conn, session.user, number, 422, exc.errors, reason or "")
    return RedirectResponse(f"/orders/{number}?done=rejected", status_code=303)
