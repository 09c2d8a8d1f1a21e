"""The probes that make records of their own, run against the Flask-AppBuilder CRM (a
platform no one here wrote): each must do its work there (make a record, send the
forms) and report nothing, for FAB does these things right.

Confirmed by hand on FAB before writing the expectations: its ModelViews render with
Jinja's autoescape (a contact's name is escaped on the list and show pages); Sales and
Admin may both open, edit and delete every contact (FAB has no per-owner rows), and an
anonymous visitor is sent to the login page; its WTForms forms take only the fields
they declare, each with Flask-WTF's CSRF token, checked; its login form binds its values
as SQL parameters; every page its menus leave out for Sales (users, roles, permissions)
answers Sales with a 403.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from fab_platform import FabPlatform, serve_fab
from test_fab_platform import fab_target

from golive.inputs.security_policy import SecuritySettings
from golive.pytest.api import ApiClient
from golive.security.probes.escalation import self_escalation
from golive.security.probes.forgery import csrf_required
from golive.security.probes.leaks import list_leaks
from golive.security.probes.mass import mass_assignment
from golive.security.probes.matrix import crawled_access
from golive.security.probes.own import make_all
from golive.security.probes.prober import Prober
from golive.security.probes.reflected import reflected_script
from golive.security.probes.sqli import sql_injection
from golive.security.probes.stored import stored_script
from golive.security.probes.write import write_access


@pytest.fixture(scope="module")
def fab() -> Iterator[FabPlatform]:
    with serve_fab() as platform:
        yield platform


def prober(fab: FabPlatform, role: str = "sales") -> Prober:
    running = fab_target(fab)
    settings = SecuritySettings(
        role=role,
        openapi=None,
        pages=("/contactmodelview/list/", "/login/"),
        delay_seconds=1.0,
        crawl_pages=20,
        max_requests=2500,
        max_seconds=120.0,
    )
    running = replace(running, target=replace(running.target, security=settings))
    return Prober(running, ApiClient(running).token)


def test_the_probe_makes_its_own_contact_through_fabs_add_form(fab: FabPlatform) -> None:
    made = {r.made_by: r for r in make_all(prober(fab))}
    assert "POST /contactmodelview/add" in made, made
    contact = made["POST /contactmodelview/add"]
    assert contact.page.startswith("/contactmodelview/show/")


@pytest.mark.parametrize(
    "probe",
    [
        write_access,
        stored_script,
        list_leaks,
        mass_assignment,
        sql_injection,
        self_escalation,
        csrf_required,
        crawled_access,
        reflected_script,
    ],
)
def test_no_false_alarm_on_fab(fab: FabPlatform, probe: object) -> None:
    tried, found = probe(prober(fab))  # type: ignore[operator]
    assert found == [], [f"{f.title} | {f.request} | {f.evidence}" for f in found]
    assert tried, "the probe tried nothing"
