"""Turn errors into responses: JSON for /api, pages (or a login redirect) for the UI."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import i18n
from .deps import request_lang
from .errors import Invalid, LoginRequired, Message, SandboxError
from .validation import (
    CUSTOMER_FIELDS,
    LEAD_FIELDS,
    LOGIN_FIELDS,
    MAX_QUANTITY,
    ORDER_NOTE,
    REJECT_REASON,
)
from .web import render

# a field's label key, for messages about fields that failed type checks; the same
# name means different things for a lead (contact) and a customer (customer name)
_COMMON = {
    **{f.name: f.label for f in LOGIN_FIELDS},
    "version": "field_version",
    "status": "field_status",
    "q": "search_label",
    "note": "field_note",
    "reason": REJECT_REASON.label,
}
_LEAD_LABELS = {**_COMMON, **{f.name: f.label for f in LEAD_FIELDS}}
_CUSTOMER_LABELS = {**_COMMON, **{f.name: f.label for f in CUSTOMER_FIELDS}}
_ORDER_LABELS = {**_COMMON, "note": ORDER_NOTE.label}
# messages for order fields whose type is wrong, as if the value were out of range
_TYPED = {
    "customer_id": Message("error_customer_choice"),
    "product_id": Message("error_product_choice"),
    "quantity": Message("error_quantity", {"max": MAX_QUANTITY}),
    "unit_price": Message("error_price", {"min": "0.01", "max": "10,000,000"}),
}
_HTTP_KEYS = {404: "error_page_not_found", 405: "error_method"}


def is_api(request: Request) -> bool:
    """Whether the request is for the JSON API."""
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _api_error(
    request: Request,
    status: int,
    message: Message,
    errors: dict[str, Message] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    lang = request_lang(request)
    content: dict[str, Any] = {"detail": i18n.message(lang, message)}
    if errors:
        rendered = {name: i18n.message(lang, m) for name, m in errors.items()}
        content["detail"] = ("；" if lang == "zh-CN" else "; ").join(rendered.values())
        content["errors"] = rendered
    return JSONResponse(content, status_code=status, headers=headers)


def _page_error(request: Request, status: int, message: Message) -> Response:
    text = i18n.message(request_lang(request), message)
    return render(request, "error.html", status, message=text, status=status)


async def sandbox_error(request: Request, exc: Exception) -> Response:
    """A domain error: 401/403/404/409/400/422."""
    if not isinstance(exc, SandboxError):
        raise exc
    errors = exc.errors if isinstance(exc, Invalid) else None
    if is_api(request):
        headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, LoginRequired) else None
        return _api_error(request, exc.status, exc.message, errors, headers)
    if isinstance(exc, LoginRequired):
        target = request.url.path
        if request.url.query:
            target += "?" + request.url.query
        if request.method != "GET":
            target = "/"
        return RedirectResponse(f"/login?next={quote(target, safe='/')}", status_code=303)
    if errors:
        lang = request_lang(request)
        text = "；".join(i18n.message(lang, m) for m in errors.values())
        return render(request, "error.html", exc.status, message=text, status=exc.status)
    return _page_error(request, exc.status, exc.message)


def _labels(path: str) -> dict[str, str]:
    if path.startswith(("/api/leads", "/leads")):
        return _LEAD_LABELS
    if path.startswith(("/api/customers", "/customers")):
        return _CUSTOMER_LABELS
    return _ORDER_LABELS


def _field_message(
    loc: tuple[Any, ...], error_type: str, labels: dict[str, str]
) -> tuple[str, Message]:
    """Name and message for one pydantic error, in the words of our own validation."""
    parts = (
        [str(p) for p in loc[1:]]
        if loc and loc[0] in ("body", "query", "path", "header")
        else [str(p) for p in loc]
    )
    name = ".".join(parts) or "body"
    field = parts[-1] if parts else ""
    if error_type == "missing" and field in labels:
        message = Message("error_required", {"label": labels[field]})
    elif field in _TYPED:
        message = _TYPED[field]
    elif field in labels:
        message = Message("error_field_invalid", {"label": labels[field]})
    elif error_type == "json_invalid":
        message = Message("error_bad_request")
    else:
        message = Message("error_invalid")
    if len(parts) >= 3 and parts[0] == "lines" and parts[1].isdigit():
        message = Message("error_line", {"n": int(parts[1]) + 1, "message": message})
    return name, message


async def validation_error(request: Request, exc: Exception) -> Response:
    """Pydantic's type and presence errors, with clear messages, as 422."""
    if not isinstance(exc, RequestValidationError):
        raise exc
    errors: dict[str, Message] = {}
    for error in exc.errors():
        loc = tuple(error.get("loc", ()))
        name, message = _field_message(loc, str(error.get("type", "")), _labels(request.url.path))
        errors.setdefault(name, message)
    if is_api(request):
        return _api_error(request, 422, Message("error_invalid"), errors)
    lang = request_lang(request)
    text = "；".join(i18n.message(lang, m) for m in errors.values())
    return render(request, "error.html", 422, message=text, status=422)


async def http_error(request: Request, exc: Exception) -> Response:
    """Unknown paths and wrong methods."""
    if not isinstance(exc, StarletteHTTPException):
        raise exc
    key = _HTTP_KEYS.get(exc.status_code)
    if is_api(request):
        message = Message(key) if key else Message("error_bad_request")
        return _api_error(request, exc.status_code, message, headers=exc.headers)
    if key is None:
        return Response(str(exc.detail), status_code=exc.status_code, headers=exc.headers)
    return _page_error(request, exc.status_code, Message(key))


def install(app: FastAPI) -> None:
    """Register the handlers on the app."""
    app.add_exception_handler(SandboxError, sandbox_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
