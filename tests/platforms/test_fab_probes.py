"""The probes that make records of their own, run against the Flask-AppBuilder CRM (a
platform no one here wrote): each must do its work there (make a record, send the
forms) and report nothing where FAB does things right, and what it gets wrong.

Confirmed by hand on FAB before writing the expectations: its ModelViews render with
Jinja's autoescape (a contact's name is escaped on the list and show pages); Sales and
Admin may both open, edit and delete every contact (FAB has no per-owner rows), and an
anonymous visitor is sent to the login page; its WTForms forms take only the fields
they declare, each with Flask-WTF's CSRF token, checked; its login form binds its values
as SQL parameters; every page its menus leave out for Sales (users, roles, permissions)
answers Sales with a 403. What it gets wrong, as this app sets it up (fab_crm/README.md):
its Delete, which a script posts, checks no CSRF token.
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
from golive.security.probes.own import changes, make_all, remove
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


def test_the_probe_deletes_its_contact_through_the_button_fabs_script_sends(
    fab: FabPlatform,
) -> None:
    # FAB's delete is no link and no form: a script posts /contactmodelview/delete/<id>
    probe = prober(fab)
    contact = next(r for r in make_all(probe) if r.made_by == "POST /contactmodelview/add")
    offered = [contact.general(c.request) for c in changes(probe, contact)]
    assert "POST /contactmodelview/delete/{id}" in offered, offered
    remove(probe, contact)
    assert probe.send("GET", contact.page, role="sales").status_code == 404


def test_fabs_delete_taking_no_csrf_token_is_found_and_nothing_else(fab: FabPlatform) -> None:
    tried, found = csrf_required(prober(fab))
    assert sorted(f.request for f in found) == [
        "POST /companymodelview/delete/{id}, without the CSRF token, from another site's origin",
        "POST /contactmodelview/delete/{id}, without the CSRF token, from another site's origin",
    ]
    assert all("on a fresh record" in f.evidence and "HTTP 404" in f.evidence for f in found)
    # the add and edit forms check their token
    assert "POST /contactmodelview/add, forged [sales]: refused, no record made" in tried
    assert "POST /contactmodelview/edit/{id}, forged [sales]: refused" in tried


@pytest.mark.parametrize(
    "probe",
    [
        write_access,
        stored_script,
        list_leaks,
        mass_assignment,
        sql_injection,
        self_escalation,
        crawled_access,
        reflected_script,
    ],
)
def test_no_false_alarm_on_fab(fab: FabPlatform, probe: object) -> None:
    tried, found = probe(prober(fab))  # type: ignore[operator]
    assert found == [], [f"{f.title} | {f.request} | {f.evidence}" for f in found]
    assert tried, "the probe tried nothing"
