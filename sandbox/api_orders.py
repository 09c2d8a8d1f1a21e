"""JSON API for orders: idempotent creation and the approval workflow."""

from __future__ import annotations

import sqlite3
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Query, Response

from . import orders
from .api_crm import ERRORS, PageNo, PageSize, RecordId
from .auth import Session
from .deps import ApiSession, Conn
from .errors import NotFound
from .paging import DEFAULT_PAGE_SIZE
from .schemas import OrderIn, RejectIn, order_json

router = APIRouter(prefix="/api")
OrderStatus = Literal["draft", "submitted", "approved", "rejected"]
STATE_ERRORS = {**ERRORS, 409: {"description": "not allowed in the order's status"}}


@router.get("/orders", tags=["orders"], responses=ERRORS)
def order_list(
    conn: Conn,
    session: ApiSession,
    status: OrderStatus | None = None,
    customer_id: Annotated[int | None, Query(ge=1, le=2**62)] = None,
    page: PageNo = 1,
    page_size: PageSize = DEFAULT_PAGE_SIZE,
    q: Annotated[
        str | None, Query(description="searches the order number, note and customer name")
    ] = None,
) -> dict[str, Any]:
    """Orders you may see, newest first: {items, total, page, page_size}."""
    result = orders.search(conn, session.user, status, customer_id, page, page_size, q)
    return {**result.as_json(), "items": [order_json(x) for x in result.items]}


@router.post(
    "/orders",
    tags=["orders"],
    status_code=201,
    responses={
        **ERRORS,
        200: {"description": "the Idempotency-Key was used before: the first order, unchanged"},
        400: {"description": "Idempotency-Key header missing or malformed"},
    },
)
def order_create(
    response: Response,
    conn: Conn,
    session: ApiSession,
    body: OrderIn,
    idempotency_key: Annotated[
        str | None,
        Header(description="one key per order attempt, reused for retries (e.g. a UUID)"),
    ] = None,
) -> dict[str, Any]:
    """Create an order (submitted at once when `submit` is true). 201 new, 200 replayed."""
    data = orders.OrderInput(
        customer_id=body.customer_id,
        lines=[line.model_dump() for line in body.lines],
        note=body.note,
        submit=body.submit,
        idempotency_key=idempotency_key,
    )
    order_id, created = orders.create(conn, session.user, data)
    if not created:
        response.status_code = 200
    return order_json(orders.get(conn, session.user, order_id))


@router.get("/orders/{order_id}", tags=["orders"], responses=ERRORS)
def order_get(conn: Conn, session: ApiSession, order_id: RecordId) -> dict[str, Any]:
    """One order with lines and history."""
    return order_json(orders.get(conn, session.user, order_id))


@router.post("/orders/{order_id}/submit", tags=["orders"], responses=STATE_ERRORS)
def order_submit(conn: Conn, session: ApiSession, order_id: RecordId) -> dict[str, Any]:
    """draft -> submitted."""
    orders.submit(conn, session.user, order_id)
    return order_json(orders.get(conn, session.user, order_id))


@router.post("/orders/{order_id}/approve", tags=["orders"], responses=STATE_ERRORS)
def order_approve(conn: Conn, session: ApiSession, order_id: RecordId) -> dict[str, Any]:
    """submitted -> approved (managers and administrators)."""
    orders.decide(conn, session.user, order_id, approve=True)
    return _decided(conn, session, order_id)


@router.post("/orders/{order_id}/reject", tags=["orders"], responses=STATE_ERRORS)
def order_reject(
    conn: Conn, session: ApiSession, order_id: RecordId, body: RejectIn
) -> dict[str, Any]:
    """submitted -> rejected with a reason (managers and administrators)."""
    orders.decide(conn, session.user, order_id, approve=False, reason=body.reason)
    return _decided(conn, session, order_id)


def _decided(conn: sqlite3.Connection, session: Session, order_id: int) -> dict[str, Any]:
    """The decided order; under the privilege_escalation fault the decider may not be
    allowed to read it, and then gets only its id and new status."""
    try:
        return order_json(orders.get(conn, session.user, order_id))
    except NotFound:
        return {"id": order_id, "status": orders.status_of(conn, order_id)}
