"""The access matrix the crawl derives (tests/data/security/menus.py): a page one role's
menu links to and another's leaves out must refuse the other, however it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
from probe_support import base_url, flagged, prober

from golive.errors import SuiteError
from golive.inputs.security_policy import Action, Request
from golive.security.probes.crawl import crawl, scripted, template
from golive.security.probes.matrix import crawled_access, hidden_pages
from golive.security.probes.reflected import reflected_script

__all__ = ["base_url"]


def _probe(tmp: Path, base_url: str, mode: str, **settings: object) -> object:
    return prober(tmp, base_url, pages=(f"/menus/{mode}",), crawl_exclude=("/login",), **settings)


def test_what_each_role_is_not_linked_to_is_derived_from_the_crawl(
    tmp_path: Path, base_url: str
) -> None:
    hidden = hidden_pages(crawl(_probe(tmp_path, base_url, "good")))  # type: ignore[arg-type]
    assert {(h.role, h.path, h.linked) for h in hidden} == {
        ("bob", "/menus/good/settings", "alice"),
        ("bob", "/menus/good/audit", "alice"),
        ("carol", "/menus/good/settings", "alice"),
        ("carol", "/menus/good/audit", "alice"),
        ("anonymous", "/menus/good/reports", "alice"),
        ("anonymous", "/menus/good/settings", "alice"),
        ("anonymous", "/menus/good/audit", "alice"),
    }


def test_a_page_only_the_menu_keeps_a_role_out_of_is_found(tmp_path: Path, base_url: str) -> None:
    tried, found = crawled_access(_probe(tmp_path, base_url, "bad"))  # type: ignore[arg-type]
    assert sorted(flagged(found)) == [
        "anonymous is not linked to /menus/bad/reports (alice is), yet opening it shows what "
        "alice sees | GET /menus/bad/reports as anonymous",
        "bob is not linked to /menus/bad/settings (alice is), yet opening it shows what alice "
        "sees | GET /menus/bad/settings as bob",
        "carol is not linked to /menus/bad/settings (alice is), yet opening it shows what "
        "alice sees | GET /menus/bad/settings as carol",
    ]
    settings = next(f for f in found if "bob" in f.request)
    assert "the same on a second request" in settings.evidence
    assert "password" in settings.evidence and "retention" in settings.evidence
    # the audit log sends a clerk home with "Not authorized": a refusal, not access
    assert "GET /menus/bad/audit [bob] -> 303 (linked for alice on /menus/bad)" in tried


def test_pages_that_refuse_whom_the_menu_leaves_out_are_not_flagged(
    tmp_path: Path, base_url: str
) -> None:
    tried, found = crawled_access(_probe(tmp_path, base_url, "good"))  # type: ignore[arg-type]
    assert found == [], flagged(found)
    assert "GET /menus/good/settings [bob] -> 403 (linked for alice on /menus/good)" in tried
    assert "GET /menus/good/reports [anonymous] -> 303 (linked for alice on /menus/good)" in tried


def test_a_page_the_configured_matrix_names_is_left_to_it(tmp_path: Path, base_url: str) -> None:
    action = Action("settings", Request("GET", "/menus/{mode}/settings"), ("alice", "bob"))
    probe = _probe(tmp_path, base_url, "bad", actions=(action,))
    tried, found = crawled_access(probe)  # type: ignore[arg-type]
    assert not any("settings" in f.request for f in found), flagged(found)
    assert not any("/settings" in t for t in tried)


def test_the_addresses_a_pages_scripts_act_on_are_found() -> None:
    page = (
        '<a id="btn-delete" href="#" class="confirm">Delete</a><script nonce="">'
        "document.getElementById('btn-delete').addEventListener('click', function () {"
        "  return new AdminActions().execute_single_delete('/contacts/delete/7', 'Sure?');"
        "});</script>"
        '<button data-url="/contacts/7/archive">Archive</button>'
        '<button onclick="post(&quot;/contacts/7/approve&quot;)">Approve</button>'
        '<button formaction="/contacts/7/reject">Reject</button>'
        "<script>fetch(`/api/contacts/7`, {method: 'DELETE'}); load('//cdn.example/x.js')</script>"
    )
    assert scripted(page) == [
        "/contacts/7/archive",
        "/contacts/7/reject",
        "/contacts/delete/7",
        "/api/contacts/7",
        "/contacts/7/approve",
    ]


def test_one_page_is_the_same_as_every_other_of_its_template() -> None:
    assert template("/leads/981") == template("/leads/2") == "/leads/{id}"
    assert template("/orders/0a1b2c3d4e/lines?page=2&q=x") == "/orders/{id}/lines?page&q"
    assert template("/leads/new?lang=en") == "/leads/new?lang"


def test_nothing_hidden_is_said(tmp_path: Path, base_url: str) -> None:
    probe = prober(tmp_path, base_url, pages=("/forms/good/find",), crawl_exclude=("/login",))
    tried, found = crawled_access(probe)
    assert found == [] and tried[0].startswith("every page is linked alike for anonymous, ")


@pytest.mark.parametrize("mode", ["bad", "good"])
def test_script_is_sent_to_the_search_forms_the_crawl_meets(
    tmp_path: Path, base_url: str, mode: str
) -> None:
    tried, found = reflected_script(_probe(tmp_path, base_url, mode))  # type: ignore[arg-type]
    assert any(t.startswith(f"GET /menus/{mode}/search?q=<svg onload=…> -> 200") for t in tried)
    if mode == "good":
        assert found == [], flagged(found)
        return
    [finding] = found
    assert str(finding.title) == "q is shown unescaped"
    assert finding.request.startswith('GET /menus/bad/search?q="><svg onload=golive')
    assert "twice" in found[0].evidence and "No result for" in found[0].evidence


def test_nowhere_to_send_script_proves_nothing(tmp_path: Path, base_url: str) -> None:
    probe = prober(tmp_path, base_url, pages=("/home",), crawl_exclude=("/login",))
    with pytest.raises(SuiteError, match="nothing is proven"):
        reflected_script(probe)


def test_no_page_two_views_share_proves_nothing(tmp_path: Path, base_url: str) -> None:
    # one page, which refuses everybody: no role's copy of a page to hold another's against
    probe = prober(tmp_path, base_url, pages=("/menus/good/nowhere",), crawl_exclude=(".",))
    with pytest.raises(SuiteError, match="opened no page in common"):
        crawled_access(probe)  # type: ignore[arg-type]
