"""A small CRM built from Flask-AppBuilder's own views: a second platform for golive's tests.

Everything a person sees is FAB's: the AuthDB login form (with its CSRF token), the
security views (List Users, List Roles, ...), and ModelViews (list, search, add, edit,
show) over two SQLAlchemy models, ``Company`` and ``Contact``, and FAB's own read-only
REST API over contacts (``ModelRestApi``, ``/api/v1/contact/``). The app adds no page,
no template and no JSON endpoint of its own; it only configures FAB, seeds two users and
a few records, and serves on 127.0.0.1 with werkzeug's threaded WSGI server.

It must not import golive: golive reaches it over HTTP only, as it would any platform.
"""

from __future__ import annotations

import argparse
import logging
import os
import secrets
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from flask import Flask
from flask_appbuilder import AppBuilder, Model, ModelRestApi, ModelView
from flask_appbuilder.models.sqla.base import SQLA
from flask_appbuilder.models.sqla.interface import SQLAInterface
from sqlalchemy import Column, ForeignKey, Integer, String, Text
from sqlalchemy.orm import relationship
from werkzeug.serving import run_simple

ADMIN_PASSWORD_ENV = "FAB_ADMIN_PASSWORD"
SALES_PASSWORD_ENV = "FAB_SALES_PASSWORD"
ADMIN_USERNAME = "admin"
SALES_USERNAME = "sales"
SALES_ROLE = "Sales"
APP_NAME = "FAB CRM"
HOST = "127.0.0.1"
"""The only address the app listens on."""

SEED_COMPANIES = ("Acme Corporation", "Globex Ltd")
SEED_CONTACTS: tuple[tuple[str, str, str, str, str], ...] = (
    ("Ada Lovelace", "ada@example.com", "+44 20 7946 0001", "Met at the expo.", SEED_COMPANIES[0]),
    ("Alan Turing", "alan@example.com", "+44 20 7946 0002", "Wants a demo.", SEED_COMPANIES[1]),
    ("Grace Hopper", "grace@example.com", "+1 202 555 0143", "", SEED_COMPANIES[0]),
)
"""(name, email, phone, notes, company) of the contacts every fresh start has."""


class Company(Model):  # type: ignore[misc]  # FAB's declarative base is untyped
    """A customer organisation; contacts may belong to one."""

    __tablename__ = "company"
    id = Column(Integer, primary_key=True)
    name = Column(String(150), unique=True, nullable=False)

    def __repr__(self) -> str:
        """The name, which is how FAB shows a company in a contact's select box."""
        return str(self.name)


class Contact(Model):  # type: ignore[misc]  # FAB's declarative base is untyped
    """A person the sales team talks to."""

    __tablename__ = "contact"
    id = Column(Integer, primary_key=True)
    name = Column(String(150), unique=True, nullable=False)
    email = Column(String(150), nullable=False)
    phone = Column(String(50))
    notes = Column(Text)
    company_id = Column(Integer, ForeignKey("company.id"))
    company = relationship("Company")

    def __repr__(self) -> str:
        """The name, as FAB shows a contact in related views."""
        return str(self.name)


class ContactModelView(ModelView):  # type: ignore[misc]  # FAB is untyped
    """FAB's CRUD views over contacts: list (with search), show, add, edit, delete."""

    datamodel = SQLAInterface(Contact)
    list_title = "List Contacts"
    show_title = "Show Contact"
    add_title = "Add Contact"
    edit_title = "Edit Contact"
    list_columns: ClassVar[list[str]] = ["name", "email", "phone", "company"]
    search_columns: ClassVar[list[str]] = ["name", "email", "phone", "company"]
    add_columns: ClassVar[list[str]] = ["name", "email", "phone", "company", "notes"]
    edit_columns: ClassVar[list[str]] = ["name", "email", "phone", "company", "notes"]
    show_columns: ClassVar[list[str]] = ["name", "email", "phone", "company", "notes"]
    order_columns: ClassVar[list[str]] = ["name", "email"]
    base_order = ("name", "asc")


class CompanyModelView(ModelView):  # type: ignore[misc]  # FAB is untyped
    """FAB's CRUD views over companies."""

    datamodel = SQLAInterface(Company)
    list_title = "List Companies"
    show_title = "Show Company"
    add_title = "Add Company"
    edit_title = "Edit Company"
    list_columns: ClassVar[list[str]] = ["name"]
    search_columns: ClassVar[list[str]] = ["name"]
    add_columns: ClassVar[list[str]] = ["name"]
    edit_columns: ClassVar[list[str]] = ["name"]
    show_columns: ClassVar[list[str]] = ["name"]


class ContactModelApi(ModelRestApi):  # type: ignore[misc]  # FAB is untyped
    """FAB's REST API over contacts, read only: ``GET /api/v1/contact/`` lists them (20 a
    page unless ``q=(page:N,page_size:M)`` says otherwise; the answer gives ``count`` but
    no link to the next page), ``GET /api/v1/contact/<id>`` shows one.

    It takes the browser's login session (``allow_browser_login``) as well as FAB's JWT;
    only the two reads are routed, so a session cookie changes nothing through it.
    """

    resource_name = "contact"
    datamodel = SQLAInterface(Contact)
    allow_browser_login = True
    include_route_methods: ClassVar[set[str]] = {"get_list", "get"}
    list_columns: ClassVar[list[str]] = ["id", "name", "email", "phone", "company.name"]
    show_columns: ClassVar[list[str]] = ["id", "name", "email", "phone", "company.name", "notes"]
    order_columns: ClassVar[list[str]] = ["name", "email"]
    base_order = ("name", "asc")


CONTACT_PERMISSIONS = ("can_list", "can_show", "can_add", "can_edit", "can_delete")
SALES_PERMISSIONS: list[list[str]] = [
    *(
        [view, perm]
        for view in ("ContactModelView", "CompanyModelView")
        for perm in CONTACT_PERMISSIONS
    ),
    ["ContactModelApi", "can_get"],  # both routes of FAB's REST API (get_list, get)
    ["Contacts", "menu_access"],
    ["List Contacts", "menu_access"],
    ["List Companies", "menu_access"],
]
"""FAB_ROLES entry of the Sales role: (view, permission) pairs on the CRM's views and its
contacts API only, nothing on FAB's security views."""


def build_config(data_dir: Path) -> dict[str, Any]:
    """FAB and Flask settings: AuthDB, CSRF on, no OpenAPI or security API, a fresh key."""
    return {
        "SECRET_KEY": secrets.token_hex(32),
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{(data_dir / 'fab_crm.db').resolve()}",
        "SQLALCHEMY_TRACK_MODIFICATIONS": False,
        "APP_NAME": APP_NAME,
        "AUTH_TYPE": 1,  # flask_appbuilder.const.AUTH_DB: FAB's username/password form
        "AUTH_ROLE_ADMIN": "Admin",
        "AUTH_ROLE_PUBLIC": "Public",
        "AUTH_USER_REGISTRATION": False,
        "FAB_ROLES": {SALES_ROLE: SALES_PERMISSIONS},
        "WTF_CSRF_ENABLED": True,
        "FAB_API_SWAGGER_UI": False,
        "FAB_ADD_OPENAPI_VIEWS": False,
        "FAB_ADD_SECURITY_API": False,
        "FAB_ADD_MENU_API": False,
        "FAB_API_KEY_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "BABEL_DEFAULT_LOCALE": "en",
        "LANGUAGES": {"en": {"flag": "gb", "name": "English"}},
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
    }


def create_app(data_dir: Path, admin_password: str, sales_password: str) -> Flask:
    """The FAB application over a SQLite database in ``data_dir``, seeded."""
    data_dir.mkdir(parents=True, exist_ok=True)
    app = Flask(__name__)
    app.config.update(build_config(data_dir))
    db = SQLA()
    with app.app_context():
        db.init_app(app)
        appbuilder = AppBuilder(app, db.session)
        Model.metadata.create_all(db.engine)
        appbuilder.add_view(
            ContactModelView,
            "List Contacts",
            icon="fa-address-book",
            category="Contacts",
            category_icon="fa-users",
        )
        appbuilder.add_view(
            CompanyModelView, "List Companies", icon="fa-building", category="Contacts"
        )
        appbuilder.add_api(ContactModelApi)
        _seed(appbuilder, db, admin_password, sales_password)
    return app


def _seed(appbuilder: AppBuilder, db: SQLA, admin_password: str, sales_password: str) -> None:
    """Two users (Admin and Sales) and a few companies and contacts, once per database."""
    sm = appbuilder.sm
    seeds = (
        (ADMIN_USERNAME, "Admin", "User", "admin@example.com", sm.auth_role_admin, admin_password),
        (SALES_USERNAME, "Sam", "Sales", "sales@example.com", SALES_ROLE, sales_password),
    )
    for username, first, last, email, role_name, password in seeds:
        if sm.find_user(username=username) is None:
            added = sm.add_user(username, first, last, email, sm.find_role(role_name), password)
            if not added:
                raise RuntimeError(f"FAB refused to add the seed user {username!r}")
    if db.session.query(Company).count() == 0:
        companies = {name: Company(name=name) for name in SEED_COMPANIES}
        db.session.add_all(companies.values())
        for name, email, phone, notes, company in SEED_CONTACTS:
            db.session.add(
                Contact(
                    name=name,
                    email=email,
                    phone=phone,
                    notes=notes or None,
                    company=companies[company],
                )
            )
        db.session.commit()


def _password(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise SystemExit(f"fab_crm: set {name} (the seeded user's password) before starting")
    return value


def main(argv: Sequence[str] | None = None) -> None:
    """Parse ``--port`` and ``--data-dir``, build the app and serve it on 127.0.0.1."""
    parser = argparse.ArgumentParser(prog="fab_crm", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True, help="TCP port on 127.0.0.1")
    parser.add_argument(
        "--data-dir", type=Path, required=True, help="folder for the SQLite database"
    )
    args = parser.parse_args(argv)
    admin_password = _password(ADMIN_PASSWORD_ENV)
    sales_password = _password(SALES_PASSWORD_ENV)
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s %(message)s"
    )
    logging.getLogger("werkzeug").setLevel(logging.INFO)  # one line per request, for the log
    app = create_app(args.data_dir, admin_password, sales_password)
    run_simple(HOST, args.port, app, threaded=True, use_reloader=False, use_debugger=False)
