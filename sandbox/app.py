"""Build the sandbox's ASGI application from its settings."""

from __future__ import annotations

import base64
import hashlib
import re

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp

from . import (
    __version__,
    api,
    api_crm,
    api_orders,
    faults,
    handlers,
    ui,
    ui_customers,
    ui_leads,
    ui_orders,
)
from .security import BodyLimit, KeepAliveOnError, SecurityHeaders
from .settings import Settings
from .web import STATIC_DIR

DESCRIPTION = """
The golive sandbox: a small CRM and order platform to practise on and to test against.

Authenticate with `POST /api/token` and send `Authorization: Bearer <token>`, or use the
browser session cookie plus the `X-CSRF-Token` header on state-changing calls.
Create orders with an `Idempotency-Key` header: a repeat returns the first order.
Errors are JSON `{"detail": "..."}`; validation errors add `errors` per field.
"""


def _docs_page() -> HTMLResponse:
    """Swagger UI, with a CSP that admits its CDN and exactly its one inline script."""
    page = get_swagger_ui_html(openapi_url="/openapi.json", title="golive sandbox API")
    html = page.body.decode() if isinstance(page.body, bytes) else str(page.body)
    scripts = re.findall(r"<script>(.*?)</script>", html, flags=re.DOTALL)
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in scripts
    )
    cdn = "https://cdn.jsdelivr.net"
    csp = (
        f"default-src 'self'; script-src 'self' {cdn} {hashes}; style-src 'self' {cdn}; "
        "img-src 'self' data: https://fastapi.tiangolo.com; frame-ancestors 'none'; "
        "form-action 'self'; base-uri 'none'; object-src 'none'"
    )
    return HTMLResponse(html, headers={"Content-Security-Policy": csp})


def create_app(settings: Settings) -> FastAPI:
    """The FastAPI app: UI pages, JSON API, static files and error handlers."""
    app = FastAPI(
        title="golive sandbox",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.settings = settings
    docs = _docs_page()

    @app.get("/health", tags=["health"])
    def health() -> dict[str, str]:
        """Liveness: answers without touching the database."""
        return {"status": "ok", "version": __version__}

    @app.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        return docs

    for router in (
        ui.router,
        ui_leads.router,
        ui_customers.router,
        ui_orders.router,
        api.router,
        api_crm.router,
        api_orders.router,
    ):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    handlers.install(app)
    return app


def build_asgi(settings: Settings) -> ASGIApp:
    """The app wrapped in the body cap and (unless the fault is on) the security headers."""
    wrapped: ASGIApp = BodyLimit(create_app(settings))
    if not faults.enabled("missing_headers"):
        # (with the fault missing_headers, this middleware "was only needed in production")
        wrapped = SecurityHeaders(wrapped)
    return KeepAliveOnError(wrapped)
