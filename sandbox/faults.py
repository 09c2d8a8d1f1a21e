"""The fault switches: realistic defects that are off unless switched on at start.

The set of enabled faults is decided once, before the app is built, by `configure`;
the code that carries a defect asks `enabled("name")` at the place where a real
developer would have made the mistake.
"""

from __future__ import annotations

import difflib

# name -> what goes wrong when it is on (shown by --help)
FAULTS: dict[str, str] = {
    "duplicate_submit": "a double click or a resend of the order form creates two orders",
    "idor": "a salesperson can read another salesperson's customers and orders by id",
    "offline_data_loss": "the order form clears itself before the request fails offline",
    "overlong_500": "overlong text skips validation and crashes on the DB constraint (500)",
    "privilege_escalation": "any non-viewer can approve or reject orders",
    "missing_headers": "no security headers; the session cookie lacks HttpOnly/SameSite",
    "slow_orders": "creating an order waits on a slow simulated ERP credit check",
    "sql_injection": "lead and customer search paste the search text into the SQL",
    "stored_xss": "the leads list shows each lead's name as markup, unescaped",
    "search_scope": "the leads search shows every salesperson's leads, not only one's own",
    "open_redirect": "the login page sends a signed-in person on to any address in ?next=",
    "mass_assignment": "the new-lead form takes a status it does not show",
    "lead_write_scope": "qualifying or converting a lead checks the role, not whose lead it is",
    "csrf_unchecked": "the lead's qualify button does not check the form's CSRF token",
    "migration_loss": "the import of the legacy CRM's export drops and alters some customers",
}

_enabled: frozenset[str] = frozenset()


class UnknownFaultError(ValueError):
    """A fault name that the sandbox does not know."""


def parse(text: str, source: str) -> frozenset[str]:
    """Parse a comma-separated list of fault names; `source` names where it came from.

    Raises UnknownFaultError with the valid names and a did-you-mean hint.
    """
    names = [part.strip() for part in text.split(",") if part.strip()]
    for name in names:
        if name not in FAULTS:
            valid = ", ".join(sorted(FAULTS))
            close = difflib.get_close_matches(name, FAULTS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise UnknownFaultError(f"unknown fault '{name}' in {source}; valid: {valid}{hint}")
    return frozenset(names)


def configure(names: frozenset[str]) -> None:
    """Switch on exactly `names` (called once at start, before the app is built)."""
    global _enabled
    unknown = names - FAULTS.keys()
    if unknown:
        raise UnknownFaultError(f"unknown fault(s): {', '.join(sorted(unknown))}")
    _enabled = frozenset(names)


def enabled(name: str) -> bool:
    """Whether the fault `name` is switched on."""
    if name not in FAULTS:
        # a typo here would silently disable a fault: fail loudly instead
        raise UnknownFaultError(f"unknown fault '{name}'")
    return name in _enabled


def active() -> frozenset[str]:
    """All switched-on faults."""
    return _enabled
