"""Input validation shared by the UI forms and the JSON API.

The rules live here once (length, required, shape), so both entry points give the
same messages. The database's CHECK constraints repeat the limits as a last line
of defence; reaching them is a bug (see the overlong_500 fault).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from . import faults
from .errors import Invalid, Message

LEAD_SOURCES = ("website", "trade_show", "referral", "cold_call", "advertising", "other")
PHONE_RE = re.compile(r"[0-9+\- ]+")
EMAIL_RE = re.compile(r"[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+")
INT_RE = re.compile(r"[0-9]{1,12}")
MAX_QUANTITY = 10_000
MIN_PRICE = Decimal("0.01")
MAX_PRICE = Decimal("10000000")
MAX_ORDER_LINES = 50


@dataclass(frozen=True)
class TextField:
    """One text input: its label (an i18n key), limits and shape."""

    name: str
    label: str
    max_length: int
    required: bool = False
    kind: str = "text"  # text | multiline | phone | email | choice
    choices: tuple[str, ...] = ()


LEAD_FIELDS = (
    TextField("name", "field_contact", 100, required=True),
    TextField("company", "field_company", 200, required=True),
    TextField("phone", "field_phone", 30, kind="phone"),
    TextField("email", "field_email", 254, kind="email"),
    TextField("source", "field_source", 20, required=True, kind="choice", choices=LEAD_SOURCES),
    TextField("note", "field_note", 2000, kind="multiline"),
)
CUSTOMER_FIELDS = (
    TextField("name", "field_customer_name", 100, required=True),
    TextField("company", "field_company", 200, required=True),
    TextField("phone", "field_phone", 30, kind="phone"),
    TextField("email", "field_email", 254, kind="email"),
    TextField("address", "field_address", 300, kind="multiline"),
)
# the login form: limits keep absurd input away from the password hash
LOGIN_FIELDS = (
    TextField("username", "field_username", 50, required=True),
    TextField("password", "field_password", 200, required=True),
)
ORDER_NOTE = TextField("note", "field_order_note", 500, kind="multiline")
REJECT_REASON = TextField("reason", "field_reject_reason", 500, required=True, kind="multiline")


def _has_control_chars(value: str, multiline: bool) -> bool:
    """Control characters (NUL, ESC ...) have no place in CRM text; newlines may in notes."""
    allowed = "\t\r\n" if multiline else "\t"
    return any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in value)


def clean_text(spec: TextField, raw: object) -> tuple[str, Message | None]:
    """Normalise one text value and check it; returns (value, error or None)."""
    if raw is None:
        raw = ""
    if not isinstance(raw, str):
        return "", Message("error_not_text", {"label": spec.label})
    value = raw.strip()
    if spec.required and not value:
        return value, Message("error_required", {"label": spec.label})
    # overlong_500 fault: the length check was "moved to the database" and forgotten here
    if not faults.enabled("overlong_500") and len(value) > spec.max_length:
        return value, Message(
            "error_too_long", {"label": spec.label, "max": spec.max_length, "actual": len(value)}
        )
    if _has_control_chars(value, spec.kind == "multiline"):
        return value, Message("error_control_chars", {"label": spec.label})
    if not value:
        return value, None
    if spec.kind == "phone" and (
        not PHONE_RE.fullmatch(value) or not any(c.isdigit() for c in value)
    ):
        return value, Message("error_phone", {"label": spec.label})
    if spec.kind == "email" and not EMAIL_RE.fullmatch(value):
        return value, Message("error_email", {"label": spec.label})
    if spec.kind == "choice" and value not in spec.choices:
        return value, Message("error_choice", {"label": spec.label})
    return value, None


def clean_fields(specs: tuple[TextField, ...], data: Mapping[str, object]) -> dict[str, str]:
    """Validate every field of a form; raise Invalid with all errors at once."""
    values: dict[str, str] = {}
    errors: dict[str, Message] = {}
    for spec in specs:
        value, error = clean_text(spec, data.get(spec.name))
        values[spec.name] = value
        if error is not None:
            errors[spec.name] = error
    if errors:
        raise Invalid(errors)
    return values


def parse_quantity(raw: object) -> tuple[int | None, Message | None]:
    """A line quantity: an integer from 1 to 10,000."""
    if isinstance(raw, bool):
        return None, Message("error_quantity", {"max": MAX_QUANTITY})
    if isinstance(raw, str):
        raw = raw.strip()
        if not INT_RE.fullmatch(raw):
            return None, Message("error_quantity", {"max": MAX_QUANTITY})
        raw = int(raw)
    if not isinstance(raw, int) or not 1 <= raw <= MAX_QUANTITY:
        return None, Message("error_quantity", {"max": MAX_QUANTITY})
    return raw, None


def parse_price(raw: object) -> tuple[int | None, Message | None]:
    """A unit price from 0.01 to 10,000,000 with at most two decimals, as cents."""
    error = Message("error_price", {"min": "0.01", "max": "10,000,000"})
    if isinstance(raw, bool) or raw is None:
        return None, error
    try:
        # str() first so that floats from JSON keep their short decimal form
        amount = Decimal(str(raw).strip())
        if not amount.is_finite() or not MIN_PRICE <= amount <= MAX_PRICE:
            return None, error
        cents = amount * 100
    except ArithmeticError:  # InvalidOperation for text, Overflow for absurd exponents
        return None, error
    if cents != cents.to_integral_value():
        return None, Message("error_price_decimals")
    return int(cents), None


def parse_id(raw: object) -> int | None:
    """A positive database id from a form or JSON value, or None."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, str):
        raw = raw.strip()
        if not INT_RE.fullmatch(raw):
            return None
        raw = int(raw)
    if isinstance(raw, int) and 1 <= raw <= 2**62:
        return raw
    return None


def format_cents(cents: int) -> str:
    """Cents as a decimal string with two places ('1234.50')."""
    return f"{cents // 100}.{cents % 100:02d}"
