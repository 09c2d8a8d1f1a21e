"""The probes reach the code behind server-rendered forms the way a browser sends them
(tests/data/security/form_pages.py: every form needs its page's CSRF token and cookie):
SQL injection and overlong input in forms that only look something up, nothing in a
form that stores unless the risk level allows it."""

from __future__ import annotations

from pathlib import Path

import pytest
from probe_support import FORM_NOTES as NOTES
from probe_support import base_url, flagged, prober

from golive.errors import SuiteError
from golive.run.session import forms
from golive.security.probes.forms import SeenForm, fill, makes_account, stores
from golive.security.probes.injection import input_handling
from golive.security.probes.sqli import sql_injection

__all__ = ["base_url"]
ALONE = ("^/login",)


def _probe(tmp: Path, base_url: str, *pages: str, **settings: object) -> object:
    return prober(tmp, base_url, pages=pages, crawl_exclude=ALONE, delay_seconds=1.0, **settings)


@pytest.mark.parametrize("mode", ["bad", "good"])
def test_sql_injection_in_a_lookup_form_is_sent_as_the_form_sends_it(
    tmp_path: Path, base_url: str, mode: str
) -> None:
    tried, found = sql_injection(_probe(tmp_path, base_url, f"/forms/{mode}/find"))
    if mode == "good":
        assert found == [], flagged(found)
        assert f"POST /forms/{mode}/find field name [anonymous]: taken as plain text" in tried
        return
    assert flagged(found) == [
        "a quote in name breaks the SQL | POST /forms/bad/find (name, form-encoded)=golive'"
    ]
    assert "HTTP 500 twice" in found[0].evidence


@pytest.mark.parametrize("mode", ["bad", "good"])
def test_a_login_form_that_pastes_its_fields_into_sql_is_found_by_an_always_true_name(
    tmp_path: Path, base_url: str, mode: str
) -> None:
    # the flawed login swallows SQL errors: only the boolean technique shows it
    tried, found = sql_injection(_probe(tmp_path, base_url, f"/forms/{mode}/login"))
    if mode == "good":
        assert found == [], flagged(found)
        assert tried[1:] == [
            f"POST /forms/{mode}/login field username [anonymous]: taken as plain text"
        ]
        return
    assert [str(f.title) for f in found] == ["username is evaluated as SQL"]
    assert "always-true answered HTTP 303" in found[0].evidence


def test_a_form_that_stores_takes_payloads_only_at_risk_2(tmp_path: Path, base_url: str) -> None:
    before = len(NOTES)
    with pytest.raises(SuiteError, match="no lookup form to try"):
        sql_injection(_probe(tmp_path, base_url, "/forms/bad/notes/new"))
    assert len(NOTES) == before  # risk 1: the form was never sent

    _, found = sql_injection(_probe(tmp_path, base_url, "/forms/bad/notes/new", risk=2))
    assert [str(f.title) for f in found] == ["a quote in title breaks the SQL"]
    assert not any(" OR " in t for t in NOTES[before:]), "no OR payload goes into a store"

    _, found = sql_injection(_probe(tmp_path, base_url, "/forms/good/notes/new", risk=2))
    assert found == [], flagged(found)


@pytest.mark.parametrize(
    ("mode", "answers"),
    [("bad", ["200", "500"]), ("good", ["422"])],
)
def test_overlong_input_reaches_a_lookup_form_with_its_token(
    tmp_path: Path, base_url: str, mode: str, answers: list[str]
) -> None:
    tried, found = input_handling(_probe(tmp_path, base_url, f"/forms/{mode}/find"))
    # the answers come from the code (the token let them through): never a 403
    assert [t.rsplit(" ", 1)[-1] for t in tried] == answers
    if mode == "good":
        assert found == [], flagged(found)
    else:
        assert [str(f.title) for f in found] == ["name 10000 characters long crashes the server"]


def _seen(html: str, page: str = "/p") -> SeenForm:
    return SeenForm("anonymous", page, forms(html)[0])


@pytest.mark.parametrize(
    ("html", "page", "storing"),
    [
        ('<form method="post"><input name="u"><input type="password" name="p">'
         "<button>Log in</button></form>", "/login", False),
        ('<form method="post" role="search"><input name="q"><button>Go</button></form>',
         "/p", False),
        ('<form method="post" action="/lookup"><input name="code"></form>', "/p", False),
        ('<form method="post"><input name="title"><button>Add note</button></form>',
         "/notes", True),
        ('<form method="post" action="/account"><input name="u"><input type="password" '
         'name="p1"><input type="password" name="p2"><button>Go</button></form>', "/p", True),
        ('<form method="post" action="/x"><input name="title"></form>', "/p", True),
        ('<form method="post"><input name="q"><button>保存筛选</button></form>', "/p", True),
        ('<form method="post"><input name="kw"><button>搜索</button></form>', "/p", False),
    ],
)  # fmt: skip
def test_a_form_stores_unless_it_says_it_only_looks_something_up(
    html: str, page: str, storing: bool
) -> None:
    assert stores(_seen(html, page)) is storing


def test_a_form_is_filled_in_as_a_person_would() -> None:
    form = forms(
        '<form method="post"><input type="hidden" name="csrf_token" value="t1">'
        '<input name="q"><input type="email" name="mail"><input type="checkbox" name="all">'
        '<select name="kind"><option value="a">A</option><option value="b">B</option></select>'
        '<textarea name="note"></textarea><input type="number" name="n"></form>'
    )[0]
    assert fill(form, {"q": "x"}) == {
        "csrf_token": "t1",
        "q": "x",
        "mail": "golive@example.invalid",
        "kind": "a",
        "note": "golive",
        "n": "1",
    }


@pytest.mark.parametrize(
    ("html", "page", "account"),
    [
        ('<form method="post" action="/users/add"><input name="first_name"></form>', "/p", True),
        ('<form method="post" action="/roles/add"><input name="name"></form>', "/p", True),
        ('<form method="post" action="/api/accounts"><input name="name"></form>', "/p", True),
        ('<form method="post"><input name="u"><input type="password" name="p"></form>', "/", True),
        ('<form method="post" action="/customers/new"><input name="name"></form>', "/p", False),
        ('<form method="post" action="/contactmodelview/add"><input name="n"></form>', "/", False),
    ],
)  # fmt: skip
def test_a_probe_never_makes_an_account_a_role_or_a_permission(
    html: str, page: str, account: bool
) -> None:
    assert makes_account(_seen(html, page)) is account


def test_a_select_keeps_its_option_texts_and_every_choice_made() -> None:
    form = forms(
        '<form method="post"><select name="roles" multiple><option value="1">Sales</option>'
        '<option selected value="2">Admin</option><option value="3" selected>Public'
        "</select></form>"
    )[0]
    assert form.options == {"roles": ["1", "2", "3"]}
    assert form.labels == {"roles": ["Sales", "Admin", "Public"]}
    assert form.selected == {"roles": ["2", "3"]}
    assert form.values() == {"roles": "3"}
