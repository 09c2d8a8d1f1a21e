"""Request bodies of the JSON API, and how records are shown in responses.

Types are checked by pydantic; lengths and shapes are checked by `validation`
(shared with the UI), so the documented maxLength values are not enforced here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field

from .db import to_iso
from .validation import format_cents


def _text(max_length: int, description: str, example: str | None = None) -> Any:
    extra: dict[str, Any] = {"maxLength": max_length}
    if example is not None:
        extra["examples"] = [example]
    return Field(default="", description=description, json_schema_extra=extra)


class TokenIn(BaseModel):
    """Credentials for a bearer token."""

    username: str = Field(description="user name", examples=["sales"])
    password: str = Field(description="password")


class LeadIn(BaseModel):
    """A new lead. source: website, trade_show, referral, cold_call, advertising, other."""

    name: str = Field(description="contact person (required)", json_schema_extra={"maxLength": 100})
    company: str = Field(description="company (required)", json_schema_extra={"maxLength": 200})
    phone: str = _text(30, "digits, +, - and spaces", "138 0013 8000")
    email: str = _text(254, "e-mail address", "li.lei@example.com")
    source: str = Field(default="other", description="where the lead came from")
    note: str = _text(2000, "free text")


class CustomerIn(BaseModel):
    """A full customer update; `version` is the one read, for optimistic locking."""

    name: str = Field(description="customer name (required)", json_schema_extra={"maxLength": 100})
    company: str = Field(description="company (required)", json_schema_extra={"maxLength": 200})
    phone: str = _text(30, "digits, +, - and spaces")
    email: str = _text(254, "e-mail address")
    address: str = _text(300, "postal address")
    version: int = Field(ge=1, le=2**62, description="the version this edit is based on")


class LineIn(BaseModel):
    """One order line."""

    product_id: int = Field(description="a product id from GET /api/products")
    quantity: int = Field(description="1 to 10000")
    unit_price: Decimal = Field(description="0.01 to 10,000,000, at most two decimals")


class OrderIn(BaseModel):
    """A new order; send it with an Idempotency-Key header."""

    customer_id: int
    lines: list[LineIn] = Field(description="1 to 50 lines")
    note: str = _text(500, "free text")
    submit: bool = Field(default=False, description="submit for approval at once")


class RejectIn(BaseModel):
    """Why an order is rejected."""

    reason: str = Field(description="required", json_schema_extra={"maxLength": 500})


def lead_json(lead: dict[str, Any]) -> dict[str, Any]:
    """A lead as the API shows it."""
    keys = (
        "id",
        "name",
        "company",
        "phone",
        "email",
        "source",
        "note",
        "status",
        "owner_id",
        "owner_username",
        "customer_id",
    )
    return {
        **{k: lead[k] for k in keys},
        "created_at": to_iso(lead["created_at"]),
        "updated_at": to_iso(lead["updated_at"]),
    }


def customer_json(customer: dict[str, Any]) -> dict[str, Any]:
    """A customer as the API shows it."""
    keys = (
        "id",
        "name",
        "company",
        "phone",
        "email",
        "address",
        "owner_id",
        "owner_username",
        "version",
    )
    shown = {k: customer[k] for k in keys}
    # what the migration from the legacy CRM brought (legacy.py); none for a new customer
    shown["legacy_code"] = customer["legacy_code"]
    shown["credit_limit"] = f"{customer['credit_limit_cents'] / 100:.2f}"
    shown["opened_on"] = customer["opened_on"]
    if "lead_id" in customer:
        shown["lead_id"] = customer["lead_id"]
    return {
        **shown,
        "created_at": to_iso(customer["created_at"]),
        "updated_at": to_iso(customer["updated_at"]),
    }


def order_json(order: dict[str, Any]) -> dict[str, Any]:
    """An order as the API shows it (with lines and history when loaded)."""
    keys = (
        "id",
        "number",
        "customer_id",
        "customer_name",
        "owner_id",
        "owner_username",
        "created_by",
        "status",
        "note",
        "reject_reason",
    )
    shown = {k: order[k] for k in keys}
    shown.update(
        total=format_cents(order["total_cents"]),
        created_at=to_iso(order["created_at"]),
        submitted_at=to_iso(order["submitted_at"]),
        decided_at=to_iso(order["decided_at"]),
        approved_at=to_iso(order["decided_at"]) if order["status"] == "approved" else None,
    )
    if "lines" in order:
        shown["lines"] = [
            {
                "line_no": x["line_no"],
                "product_id": x["product_id"],
                "sku": x["sku"],
                "product_name": x["product_name"],
                "quantity": x["quantity"],
                "unit_price": format_cents(x["unit_price_cents"]),
                "amount": format_cents(x["amount_cents"]),
            }
            for x in order["lines"]
        ]
        shown["history"] = [
            {"at": to_iso(e["at"]), "action": e["action"], "by": e["username"], "note": e["note"]}
            for e in order["history"]
        ]
    return shown
