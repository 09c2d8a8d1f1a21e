"""UI pages for customers: list, view with orders, and edit with optimistic locking."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from . import customers, orders
from .deps import Conn, UiSession, notice_for, path_id, request_lang, require_csrf
from .errors import Conflict, Invalid, Message
from .i18n import message
from .paging import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page, parse_page
from .validation import parse_id
from .web import render

router = APIRouter(include_in_schema=False)
FormText = Annotated[str | None, Form()]
NOTICES = {"saved": "customer_saved"}
FIELDS = ("name", "company", "phone", "email", "address")


@router.get("/customers")
def customer_list(
    request: Request, conn: Conn, session: UiSession, q: str | None = None, page: str | None = None
) -> Response:
    """Customers the user may see, newest first, 20 a page."""
    number = parse_page(page)
    try:
        result = customers.search(conn, session.user, q, number, DEFAULT_PAGE_SIZE)
    except Invalid as exc:
        empty = Page([], 0, 1, DEFAULT_PAGE_SIZE)
        return render(
            request,
            "customers_list.html",
            422,
            active="customers",
            page=empty,
            q=q or "",
            errors=exc.errors,
        )
    if result.page > result.pages:
        result = customers.search(conn, session.user, q, result.pages, DEFAULT_PAGE_SIZE)
    return render(request, "customers_list.html", active="customers", page=result, q=q or "")


@router.get("/customers/{customer_id}")
def customer_view(
    request: Request, conn: Conn, session: UiSession, customer_id: str, done: str | None = None
) -> Response:
    """One customer with its latest orders."""
    customer = customers.get(conn, session.user, path_id(customer_id))
    # the customer's own orders: whoever may see the customer may see its orders
    recent = orders.for_customer(conn, customer["id"], MAX_PAGE_SIZE)
    notice = notice_for(request_lang(request), done, NOTICES)
    return render(
        request,
        "customer_view.html",
        active="customers",
        customer=customer,
        orders=recent,
        notice=notice,
    )


def _edit_page(
    request: Request,
    customer: dict[str, Any],
    values: dict[str, str],
    version: str,
    status: int = 200,
    errors: dict[str, Message] | None = None,
    conflict: str | None = None,
) -> Response:
    return render(
        request,
        "customer_form.html",
        status,
        here=f"/customers/{customer['id']}/edit",
        active="customers",
        customer=customer,
        values=values,
        version=version,
        errors=errors or {},
        conflict=conflict,
    )


@router.get("/customers/{customer_id}/edit")
def customer_edit(request: Request, conn: Conn, session: UiSession, customer_id: str) -> Response:
    """The edit form, carrying the version it was read at."""
    customer = customers.get_for_edit(conn, session.user, path_id(customer_id))
    values = {name: customer[name] for name in FIELDS}
    return _edit_page(request, customer, values, str(customer["version"]))


@router.post("/customers/{customer_id}/edit")
def customer_save(
    request: Request,
    conn: Conn,
    session: UiSession,
    customer_id: str,
    csrf_token: FormText = None,
    version: FormText = None,
    name: FormText = None,
    company: FormText = None,
    phone: FormText = None,
    email: FormText = None,
    address: FormText = None,
) -> Response:
    """Save, or show the form again with the input kept (422 invalid, 409 stale)."""
    require_csrf(session, csrf_token)
    number = path_id(customer_id)
    customer = customers.get_for_edit(conn, session.user, number)
    values = {
        "name": name or "",
        "company": company or "",
        "phone": phone or "",
        "email": email or "",
        "address": address or "",
    }
    read_version = parse_id(version)
    try:
        customers.update(conn, session.user, number, dict(values), read_version or 0)
    except Invalid as exc:
        return _edit_page(request, customer, values, version or "", 422, exc.errors)
    except Conflict as exc:
        lang = request_lang(request)
        # keep what the user typed and the version they read: they decide what to keep
        return _edit_page(
            request, customer, values, version or "", 409, conflict=message(lang, exc.message)
        )
    return RedirectResponse(f"/customers/{number}?done=saved", status_code=303)
