"""JSON API for leads and customers."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query

from . import customers, leads
from .deps import ApiSession, Conn
from .paging import DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE
from .schemas import CustomerIn, LeadIn, customer_json, lead_json

router = APIRouter(prefix="/api")

RecordId = Annotated[int, Path(ge=1, le=2**62)]
PageNo = Annotated[int, Query(ge=1, le=MAX_PAGE)]
PageSize = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)]
SearchText = Annotated[str | None, Query(description="matches name, company or phone")]
LeadStatus = Literal["new", "qualified", "converted", "lost"]
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "not signed in"},
    403: {"description": "role may not do this, or CSRF token missing"},
    404: {"description": "no such record, or not yours"},
    422: {"description": "invalid input: {detail, errors}"},
}


@router.get("/leads", tags=["leads"], responses=ERRORS)
def lead_list(
    conn: Conn,
    session: ApiSession,
    q: SearchText = None,
    status: LeadStatus | None = None,
    page: PageNo = 1,
    page_size: PageSize = DEFAULT_PAGE_SIZE,
) -> dict[str, Any]:
    """Leads you may see, newest first: {items, total, page, page_size}."""
    result = leads.search(conn, session.user, q, status, page, page_size)
    return {**result.as_json(), "items": [lead_json(x) for x in result.items]}


@router.post("/leads", tags=["leads"], status_code=201, responses=ERRORS)
def lead_create(conn: Conn, session: ApiSession, body: LeadIn) -> dict[str, Any]:
    """Create a lead owned by you."""
    lead_id = leads.create(conn, session.user, body.model_dump())
    return lead_json(leads.get(conn, session.user, lead_id))


@router.get("/leads/{lead_id}", tags=["leads"], responses=ERRORS)
def lead_get(conn: Conn, session: ApiSession, lead_id: RecordId) -> dict[str, Any]:
    """One lead."""
    return lead_json(leads.get(conn, session.user, lead_id))


@router.post(
    "/leads/{lead_id}/qualify",
    tags=["leads"],
    responses={**ERRORS, 409: {"description": "lead is not new"}},
)
def lead_qualify(conn: Conn, session: ApiSession, lead_id: RecordId) -> dict[str, Any]:
    """new -> qualified."""
    leads.qualify(conn, session.user, lead_id)
    return lead_json(leads.get(conn, session.user, lead_id))


@router.post(
    "/leads/{lead_id}/convert",
    tags=["leads"],
    status_code=201,
    responses={**ERRORS, 409: {"description": "lead is not qualified"}},
)
def lead_convert(conn: Conn, session: ApiSession, lead_id: RecordId) -> dict[str, Any]:
    """qualified -> converted; returns the new customer (owned by the lead's owner)."""
    customer_id = leads.convert(conn, session.user, lead_id)
    return customer_json(customers.get(conn, session.user, customer_id))


@router.get("/customers", tags=["customers"], responses=ERRORS)
def customer_list(
    conn: Conn,
    session: ApiSession,
    q: SearchText = None,
    page: PageNo = 1,
    page_size: PageSize = DEFAULT_PAGE_SIZE,
) -> dict[str, Any]:
    """Customers you may see, newest first: {items, total, page, page_size}."""
    result = customers.search(conn, session.user, q, page, page_size)
    return {**result.as_json(), "items": [customer_json(x) for x in result.items]}


@router.get("/customers/{customer_id}", tags=["customers"], responses=ERRORS)
def customer_get(conn: Conn, session: ApiSession, customer_id: RecordId) -> dict[str, Any]:
    """One customer (with `version` for a later PUT)."""
    return customer_json(customers.get(conn, session.user, customer_id))


@router.put(
    "/customers/{customer_id}",
    tags=["customers"],
    responses={**ERRORS, 409: {"description": "changed by someone else since `version`"}},
)
def customer_put(
    conn: Conn, session: ApiSession, customer_id: RecordId, body: CustomerIn
) -> dict[str, Any]:
    """Replace a customer's fields; 409 when `version` is stale."""
    data = body.model_dump(exclude={"version"})
    customers.update(conn, session.user, customer_id, data, body.version)
    return customer_json(customers.get_for_edit(conn, session.user, customer_id))
