"""UI pages for leads: list with search and paging, create, view, qualify, convert."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from . import faults, leads, roles
from .deps import Conn, UiSession, notice_for, path_id, request_lang, require_csrf
from .errors import Invalid, Message
from .paging import DEFAULT_PAGE_SIZE, Page, parse_page
from .validation import LEAD_SOURCES
from .web import render

router = APIRouter(include_in_schema=False)
FormText = Annotated[str | None, Form()]
NOTICES = {"created": "lead_created", "qualified": "lead_qualified", "converted": "lead_converted"}


@router.get("/leads")
def lead_list(
    request: Request,
    conn: Conn,
    session: UiSession,
    q: str | None = None,
    status: str | None = None,
    page: str | None = None,
) -> Response:
    """Leads the user may see, newest first, 20 a page."""
    number = parse_page(page)
    try:
        result = leads.search(conn, session.user, q, status, number, DEFAULT_PAGE_SIZE)
    except Invalid as exc:
        empty = Page([], 0, 1, DEFAULT_PAGE_SIZE)
        return render(
            request,
            "leads_list.html",
            422,
            active="leads",
            page=empty,
            q=q or "",
            status=status or "",
            statuses=leads.STATUSES,
            errors=exc.errors,
        )
    if result.page > result.pages:  # past the end: show the last page instead of nothing
        result = leads.search(conn, session.user, q, status, result.pages, DEFAULT_PAGE_SIZE)
    return render(
        request,
        "leads_list.html",
        active="leads",
        page=result,
        q=q or "",
        status=status or "",
        statuses=leads.STATUSES,
    )


def _form_page(
    request: Request,
    values: dict[str, str],
    status: int = 200,
    errors: dict[str, Message] | None = None,
) -> Response:
    return render(
        request,
        "lead_form.html",
        status,
        here="/leads/new",
        active="leads",
        values=values,
        sources=LEAD_SOURCES,
        errors=errors or {},
    )


@router.get("/leads/new")
def lead_new(request: Request, session: UiSession) -> Response:
    """The new-lead form."""
    roles.require(session.user, "lead.create")
    empty = {"name": "", "company": "", "phone": "", "email": "", "source": "website", "note": ""}
    return _form_page(request, empty)


@router.post("/leads/new")
def lead_create(
    request: Request,
    conn: Conn,
    session: UiSession,
    csrf_token: FormText = None,
    name: FormText = None,
    company: FormText = None,
    phone: FormText = None,
    email: FormText = None,
    source: FormText = None,
    note: FormText = None,
    status: FormText = None,
) -> Response:
    """Store the lead, or show the form again with every value and a message per field."""
    require_csrf(session, csrf_token)
    roles.require(session.user, "lead.create")
    values = {
        "name": name or "",
        "company": company or "",
        "phone": phone or "",
        "email": email or "",
        "source": source or "",
        "note": note or "",
    }
    try:
        # fault mass_assignment: the handler forwards the status the legacy import needs
        forwarded = status if faults.enabled("mass_assignment") else None
        lead_id = leads.create(conn, session.user, dict(values), status=forwarded)
    except Invalid as exc:
        return _form_page(request, values, 422, exc.errors)
    return RedirectResponse(f"/leads/{lead_id}?done=created", status_code=303)


@router.get("/leads/{lead_id}")
def lead_view(
    request: Request, conn: Conn, session: UiSession, lead_id: str, done: str | None = None
) -> Response:
    """One lead, with its qualify / convert buttons."""
    lead = leads.get(conn, session.user, path_id(lead_id))
    notice = notice_for(request_lang(request), done, NOTICES)
    return render(request, "lead_view.html", active="leads", lead=lead, notice=notice)


@router.post("/leads/{lead_id}/qualify")
def lead_qualify(
    conn: Conn, session: UiSession, lead_id: str, csrf_token: FormText = None
) -> Response:
    """new -> qualified."""
    # fault csrf_unchecked: "a one-click button, nothing typed: no token needed"
    if not faults.enabled("csrf_unchecked"):
        require_csrf(session, csrf_token)
    number = path_id(lead_id)
    leads.qualify(conn, session.user, number)
    return RedirectResponse(f"/leads/{number}?done=qualified", status_code=303)


@router.post("/leads/{lead_id}/convert")
def lead_convert(
    conn: Conn, session: UiSession, lead_id: str, csrf_token: FormText = None
) -> Response:
    """qualified -> converted, creating the customer."""
    require_csrf(session, csrf_token)
    number = path_id(lead_id)
    leads.convert(conn, session.user, number)
    return RedirectResponse(f"/leads/{number}?done=converted", status_code=303)
