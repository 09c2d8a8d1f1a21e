"""Each active probe against small purpose-built endpoints (tests/data/security/endpoints.py):
one that must be flagged and one that must not, over real HTTP to a real server."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from probe_support import CHANGED, PASSWORDS, SESSIONS, _target_file, base_url, flagged, prober

from golive.errors import ConfigError, SuiteError
from golive.inputs.config import load_config
from golive.inputs.security_policy import (
    Action,
    InputForm,
    Records,
    Request,
)
from golive.pytest.api import ApiClient
from golive.run.target import RunningTarget
from golive.security.probes.access import access_matrix, other_users_records
from golive.security.probes.forgery import csrf_required
from golive.security.probes.headers import security_headers
from golive.security.probes.injection import input_handling
from golive.security.probes.prober import Prober, query_parameters
from golive.security.probes.reflected import reflected_script
from golive.security.probes.session import cookie_flags, session_handling
from golive.security.probes.sqli import sql_injection

__all__ = ["base_url"]  # the fixture, shared
ALONE = ("^/login",)
"""Keeps the crawl off the login form: the probe meets only what the test names."""


def test_probes_are_refused_where_the_target_does_not_allow_them(
    tmp_path: Path, base_url: str
) -> None:
    target = load_config(_target_file(tmp_path, base_url, probes=False)).target()
    running = RunningTarget(target=target, base_url=base_url, secrets=PASSWORDS)
    with pytest.raises(ConfigError, match="does not allow active security probes"):
        Prober(running, ApiClient(running).token)


@pytest.mark.parametrize(
    ("path", "technique"),
    [
        ("/api/bad/search?q", "breaks the SQL"),  # error-based: the quote gives a 500
        ("/api/bad/blind?q", "is evaluated as SQL"),  # boolean-based: errors swallowed
        ("/api/bad/timed?q", "makes the database wait"),  # time-based: answer constant
    ],
)
def test_sql_injection_is_flagged_by_each_technique(
    tmp_path: Path, base_url: str, path: str, technique: str
) -> None:
    probe = prober(tmp_path, base_url, parameters=(Request("GET", path),), delay_seconds=1.0)
    tried, found = sql_injection(probe)
    assert len(found) == 1, flagged(found)
    assert tried[0].startswith("payloads: golive'")
    assert tried[1] == f"GET {path}: {found[0].title}"
    assert technique in str(found[0].title)
    assert "A03:2021" in found[0].reference and "ASVS" in found[0].reference


def test_a_parameterised_search_is_not_flagged(tmp_path: Path, base_url: str) -> None:
    probe = prober(tmp_path, base_url, parameters=(Request("GET", "/api/good/search?q"),))
    tried, found = sql_injection(probe)
    assert found == []
    # the crawl met the login form (the /home page redirects there): it looks up only
    assert tried[1:] == [
        "GET /api/good/search?q: taken as plain text",
        "POST /login field username [anonymous]: taken as plain text",
    ]
    assert probe.requests >= 10  # baseline, error, boolean and time payloads were all sent


@pytest.mark.parametrize(("mode", "count"), [("bad", 1), ("good", 0)])
def test_search_forms_on_the_pages_are_probed(
    tmp_path: Path, base_url: str, mode: str, count: int
) -> None:
    tried, found = sql_injection(prober(tmp_path, base_url, pages=(f"/{mode}/page",)))
    assert tried[1:] == [
        f"GET /api/{mode}/search?q: " + (str(found[0].title) if found else "taken as plain text")
    ]
    assert len(found) == count


def test_nothing_to_probe_proves_nothing(tmp_path: Path, base_url: str) -> None:
    with pytest.raises(SuiteError, match="no search or filter parameter and no lookup form to try"):
        sql_injection(prober(tmp_path, base_url, crawl_exclude=ALONE))


def test_the_openapi_document_gives_the_text_query_parameters() -> None:
    document = {
        "paths": {
            "/api/leads": {
                "get": {
                    "parameters": [
                        {"name": "q", "in": "query", "schema": {"anyOf": [{"type": "string"}]}},
                        {"name": "page", "in": "query", "schema": {"type": "integer"}},
                    ]
                },
                "post": {},
            },
            "/api/leads/{id}": {"get": {"parameters": [{"name": "id", "in": "path"}]}},
        }
    }
    assert list(query_parameters(document)) == [Request("GET", "/api/leads?q")]
    assert list(query_parameters(document, "integer")) == [Request("GET", "/api/leads?page")]


@pytest.mark.parametrize(("mode", "flag"), [("bad", True), ("good", False)])
def test_parameters_from_the_openapi_document_get_malformed_input(
    tmp_path: Path, base_url: str, mode: str, flag: bool
) -> None:
    tried, found = input_handling(
        prober(tmp_path, base_url, openapi=f"/openapi-{mode}.json", crawl_exclude=ALONE)
    )
    # q: overlong (1,000 and 10,000 characters; bad takes 10,000 too, and breaks on 64,000)
    # and control characters; page: five malformed numbers
    assert len(tried) == (9 if mode == "bad" else 8)
    assert any(t.startswith(f"GET /api/{mode}/paged: page=abc malformed") for t in tried)
    assert bool(found) is flag
    if flag:
        assert "page=abc malformed crashes the server" in [str(f.title) for f in found]


@pytest.mark.parametrize(("mode", "expected"), [("bad", 2), ("good", 0)])
def test_vertical_and_anonymous_access(
    tmp_path: Path, base_url: str, mode: str, expected: int
) -> None:
    action = Action("admin report", Request("GET", f"/api/{mode}/admin"), ("alice",))
    _, found = access_matrix(prober(tmp_path, base_url, actions=(action,)))
    # bad: both clerks get through; anonymous is refused (401) in both modes
    assert sorted(f.request for f in found) == sorted(
        [f"GET /api/{mode}/admin as bob", f"GET /api/{mode}/admin as carol"][:expected]
    )


@pytest.mark.parametrize(
    ("style", "expected"),
    [("open", ["bob", "carol"]), ("home", []), ("inline", []), ("login", []), ("forbid", [])],
)
def test_a_page_refused_the_way_the_platform_refuses_is_not_let_through(
    tmp_path: Path, base_url: str, style: str, expected: list[str]
) -> None:
    # a redirect to the home page, a "not authorized" page in the layout or the login
    # form in place are refusals as much as a 403: judged against what alice gets
    action = Action("the ledger", Request("GET", f"/web/{style}/ledger"), ("alice",))
    tried, found = access_matrix(prober(tmp_path, base_url, actions=(action,)))
    assert [f.request for f in found] == [f"GET /web/{style}/ledger as {r}" for r in expected]
    assert tried[0] == f"GET /web/{style}/ledger [alice] -> 200"  # the allowed role first
    for finding in found:
        assert "the same on a second request" in finding.evidence
        assert "showing 7 of the 8 words only an allowed role's answer has" in finding.evidence


def test_an_allowed_role_that_is_refused_is_flagged(tmp_path: Path, base_url: str) -> None:
    action = Action("admin report", Request("GET", "/api/good/admin"), ("alice", "bob"))
    _, found = access_matrix(prober(tmp_path, base_url, actions=(action,)))
    assert flagged(found) == ["bob is refused: admin report | GET /api/good/admin as bob"]


@pytest.mark.parametrize(("mode", "flag"), [("bad", True), ("good", False)])
def test_other_users_records(tmp_path: Path, base_url: str, mode: str, flag: bool) -> None:
    records = Records("note", "/api/notes", (f"/api/{mode}/notes/{{id}}",), "bob", ("carol",))
    tried, found = other_users_records(prober(tmp_path, base_url, records=(records,)))
    assert len(tried) == 2  # bob's two notes, opened by carol
    assert bool(found) is flag
    if flag:
        assert "carol opened bob's note" in str(found[0].title) and "IDOR" in found[0].reference


def test_a_record_list_that_is_empty_proves_nothing(tmp_path: Path, base_url: str) -> None:
    records = Records("note", "/api/notes", ("/api/good/notes/{id}",), "alice", ("bob",))
    with pytest.raises(SuiteError, match="owns no record"):
        other_users_records(prober(tmp_path, base_url, records=(records,)))


def test_session_done_right_is_not_flagged(tmp_path: Path, base_url: str) -> None:
    tried, found = session_handling(prober(tmp_path, base_url))
    assert found == [], flagged(found)
    assert any("old session id -> HTTP 303 to /login (the login page)" in t for t in tried)


def test_every_cookie_that_carries_a_credential_is_judged(tmp_path: Path, base_url: str) -> None:
    tried, found = session_handling(prober(tmp_path, base_url, pages=("/home", "/site/about")))
    assert "the cookie remember_me judged as a credential" in tried
    assert flagged(found) == [
        "the cookie remember_me looks like a session or sign-in credential but lacks HttpOnly"
        " | Set-Cookie: remember_me=<hidden>"
    ]


def test_session_done_wrong_is_flagged(tmp_path: Path, base_url: str) -> None:
    probe = prober(tmp_path, base_url, login="/bad/login", pages=("/bad/home",))
    _, found = session_handling(probe)
    titles = " ".join(str(f.title) for f in found)
    assert "lacks HttpOnly" in titles
    assert "lacks SameSite" in titles
    assert "survives the login" in titles  # session fixation
    assert "still works after logout" in titles
    text = " ".join(f"{f.request} {f.evidence}" for f in found)
    assert SESSIONS and not [sid for sid in SESSIONS if sid in text]  # no session id shown


@pytest.mark.parametrize(("mode", "count"), [("bad", 5), ("good", 0)])
def test_security_headers(tmp_path: Path, base_url: str, mode: str, count: int) -> None:
    tried, found = security_headers(prober(tmp_path, base_url, pages=(f"/{mode}/page",)))
    assert len(found) == count, flagged(found)
    assert tried[-1].startswith("HSTS not judged: the target is on plain http")
    if mode == "bad":
        assert "X-Powered-By discloses the software and its version: PHP/8.1.2" in [
            str(f.title) for f in found
        ]


@pytest.mark.parametrize(
    ("headers", "https", "missing"),
    [
        ({"strict-transport-security": "max-age=31536000; includeSubDomains"}, True, []),
        ({"strict-transport-security": "max-age=300"}, True, ["Strict-Transport-Security"]),
        ({}, True, ["Strict-Transport-Security"]),
        ({}, False, []),  # browsers ignore HSTS over plain http
    ],
)
def test_hsts_on_https(headers: dict[str, str], https: bool, missing: list[str]) -> None:
    from golive.security.probes.headers import _missing

    good = {
        "content-security-policy": "default-src 'self'",
        "x-frame-options": "DENY",
        "x-content-type-options": "nosniff",
        "referrer-policy": "same-origin",
    }
    assert list(_missing(httpx.Headers({**good, **headers}), https)) == missing


@pytest.mark.parametrize(
    ("value", "disclosed"),
    [
        ("nginx/1.25.3", True),
        ("Apache/2.4.57 (Debian)", True),
        ("nginx", False),
        ("uvicorn", False),
    ],
)
def test_a_server_header_with_a_version_is_a_disclosure(value: str, disclosed: bool) -> None:
    from golive.security.probes.headers import _disclosed

    assert bool(list(_disclosed(httpx.Headers({"Server": value})))) is disclosed


@pytest.mark.parametrize(("mode", "flag"), [("bad", True), ("good", False)])
def test_overlong_and_malformed_input(tmp_path: Path, base_url: str, mode: str, flag: bool) -> None:
    form = InputForm(Request("POST", f"/api/{mode}/form"), {"title": "ok"})
    tried, found = input_handling(prober(tmp_path, base_url, inputs=(form,), crawl_exclude=ALONE))
    assert len(tried) == 3  # overlong, wrong type, malformed JSON
    assert flagged(found) == (
        [
            "title 1000 characters long crashes the server"
            " | POST /api/bad/form (title 1000 characters long)"
        ]
        if flag
        else []
    )


@pytest.mark.parametrize(("mode", "flag"), [("bad", True), ("good", False)])
def test_reflected_script(tmp_path: Path, base_url: str, mode: str, flag: bool) -> None:
    probe = prober(tmp_path, base_url, reflected=(Request("GET", f"/{mode}/echo?q"),))
    _, found = reflected_script(probe)
    assert bool(found) is flag


@pytest.mark.parametrize(("mode", "flag"), [("bad", True), ("good", False)])
def test_csrf_token_required(tmp_path: Path, base_url: str, mode: str, flag: bool) -> None:
    tried, found = csrf_required(prober(tmp_path, base_url, forms=(f"/{mode}/form",)))
    assert f"POST /{mode}/form without the CSRF token -> {303 if flag else 403}" in tried
    assert bool(found) is flag


@pytest.mark.parametrize(("mode", "flag"), [("bad", True), ("good", False)])
def test_csrf_token_required_by_the_api_with_the_cookie(
    tmp_path: Path, base_url: str, mode: str, flag: bool
) -> None:
    form = InputForm(Request("POST", f"/api/{mode}/cookie-write"), {"title": "x"})
    tried, found = csrf_required(prober(tmp_path, base_url, inputs=(form,)))
    status = 201 if flag else 403
    assert f"POST /api/{mode}/cookie-write with the session cookie, no CSRF token -> {status}" in (
        tried
    )
    assert bool(found) is flag


def test_the_budget_stops_the_probes_unproven(tmp_path: Path, base_url: str) -> None:
    probe = prober(
        tmp_path, base_url, parameters=(Request("GET", "/api/good/search?q"),), max_requests=3
    )
    with pytest.raises(SuiteError, match=r"reached their budget .* nothing is proven"):
        sql_injection(probe)
    assert probe.requests == 3


def test_no_secret_in_what_the_probes_tried(tmp_path: Path, base_url: str) -> None:
    probe = prober(tmp_path, base_url, forms=("/good/form",))
    csrf_required(probe)
    session = probe.web("bob")
    cookie = httpx.Cookies(session.client.cookies).get("sid") or ""
    text = " ".join(probe.tried)
    assert cookie and cookie not in text
    assert "Sesame" not in text  # the role's name, never its password
    assert "tok-" not in text


@pytest.mark.parametrize(
    ("header", "missing"),
    [
        ("sid=x; Path=/; HttpOnly; SameSite=Lax; Secure", []),
        ("sid=x; Path=/; HttpOnly; SameSite=Strict", ["Secure"]),
        ("sid=x; Path=/; SameSite=None; Secure", ["HttpOnly", "SameSite=Lax|Strict"]),
    ],
)
def testcookie_flags_on_https(tmp_path: Path, header: str, missing: list[str]) -> None:
    target = load_config(_target_file(tmp_path, "https://crm.example.com")).target()
    running = RunningTarget(target=target, base_url="https://crm.example.com", secrets=PASSWORDS)
    probe = Prober(running, lambda role: "unused")
    found = cookie_flags(probe, "sid", header)
    assert [str(f.title).rsplit("lacks ", 1)[1] for f in found] == missing


def _answer(
    status: int, body: str = "", location: str = "", method: str = "GET", path: str = "/orders"
) -> httpx.Response:
    headers = {"content-type": "text/html", **({"location": location} if location else {})}
    request = httpx.Request(method, f"http://127.0.0.1:9{path}")
    return httpx.Response(status, headers=headers, text=body, request=request)


ORDERS = "<h1>Orders</h1><table><tr><td>Order 1001 for Acme</td><td>approved</td></tr></table>"
LOGIN_FORM = (
    '<form method="post" action="/login"><input name="u"><input type="password" name="p"></form>'
)


@pytest.mark.parametrize(
    ("answer", "allowed", "refused"),
    [
        (_answer(403), None, True),
        (_answer(404), _answer(200, ORDERS), True),
        (_answer(302, location="/login?next=/orders"), None, True),
        (_answer(302, location="http://127.0.0.1:9/home"), None, True),  # a GET sent home
        (_answer(301, location="/orders/"), None, False),  # only a slash added
        (_answer(303, location="/orders/7", method="POST"), None, False),  # a post's answer
        (
            _answer(303, location="/orders/7", method="POST"),
            _answer(303, location="/orders/7"),
            False,
        ),
        (_answer(303, location="/home", method="POST"), _answer(303, location="/orders/7"), True),
        (_answer(302, location="/home"), _answer(200, ORDERS), True),
        (_answer(200, LOGIN_FORM), None, True),  # the login form in place
        (_answer(200, LOGIN_FORM, path="/login"), None, False),  # the login page itself
        (_answer(200, "<p>hello bob</p><p>Not authorized</p>"), _answer(200, ORDERS), True),
        (_answer(200, "<p>hello bob</p>" + ORDERS), _answer(200, ORDERS), False),
        (_answer(200, "<p>hello bob</p>"), _answer(200, "<p>ok</p>"), False),  # cannot tell
        (_answer(200, "<p>nothing</p>"), None, False),
    ],
)
def test_a_refusal_is_judged_against_what_an_allowed_role_gets(
    answer: httpx.Response, allowed: httpx.Response | None, refused: bool
) -> None:
    from golive.security.probes.refusal import judge, words

    judged = judge(answer, "/login", allowed, words("<p>hello bob</p><nav>Orders</nav>"))
    assert judged.refused is refused, judged.why


def test_words_are_what_a_person_reads() -> None:
    from golive.security.probes.refusal import words

    page = "<style>td{x:1}</style><script>var secret=1</script><p>Order&nbsp;1001 &amp; Acme</p>"
    assert words(page) == {"order", "1001", "acme"}


def test_the_crawl_finds_pages_forms_and_cookies_as_each_role_and_changes_nothing(
    tmp_path: Path, base_url: str
) -> None:
    from golive.security.probes.crawl import crawl

    probe = prober(tmp_path, base_url, pages=("/site/home",), crawl_exclude=("sort=",))
    inventory = crawl(probe, ["bob"])
    assert inventory.reached("anonymous") >= {"/site/home", "/site/about"}
    assert "/site/orders?page=2&sort=name" not in inventory.reached("bob")  # excluded
    assert "/site/orders/1/delete" in inventory.skipped and "/logout" in inventory.skipped
    assert CHANGED == []  # no delete link, no download opened
    assert inventory.pages["anonymous"]["/"].status == 404  # "/" is always a start
    assert inventory.search_parameters() == [Request("GET", "/site/search?q")]
    assert "prefs" in inventory.cookies
    report = inventory.to_json()
    assert {"path": "/site/home", "role": "bob", "status": 200, "depth": 0}.items() <= next(
        p for p in report["pages"] if p["role"] == "bob" and p["path"] == "/site/home"
    ).items()
    assert "compact" not in str(report)  # no cookie value in the report


def test_the_crawl_follows_a_links_own_parameters_and_stays_within_its_bounds(
    tmp_path: Path, base_url: str
) -> None:
    from golive.security.probes.crawl import crawl

    probe = prober(tmp_path, base_url, pages=("/site/home",))
    inventory = crawl(probe, ["bob"])
    assert "/site/orders?page=2&sort=name" in inventory.reached("bob")
    assert Request("GET", "/site/orders?sort&page=2") in inventory.link_parameters()
    small = prober(tmp_path, base_url, pages=("/site/home",), crawl_pages=2, crawl_depth=1)
    bounded = crawl(small, ["bob"])
    assert all(len(pages) <= 2 for pages in bounded.pages.values())
    assert max(p.depth for pages in bounded.pages.values() for p in pages.values()) <= 1


def test_the_inventory_hides_what_a_link_may_carry() -> None:
    from golive.security.probes.crawl import hidden

    assert hidden("/reset?token=abc&next=/home") == "/reset?token=<hidden>&next=/home"
    assert hidden("/cart;jsessionid=F00D?page=2") == "/cart;<hidden>?page=2"
    assert hidden("/orders") == "/orders"


@pytest.mark.parametrize(("mode", "flag"), [("bad", True), ("good", False)])
def test_an_open_redirect_is_found_from_the_links_the_crawl_met(
    tmp_path: Path, base_url: str, mode: str, flag: bool
) -> None:
    from golive.security.probes.redirect import open_redirects

    tried, found = open_redirects(prober(tmp_path, base_url, pages=(f"/redirects/{mode}",)))
    assert tried == [f"GET /{mode}/go?next=<outside>: " + ("redirects there" if flag else "stays")]
    assert bool(found) is flag
    if flag:
        assert str(found[0].title) == "next sends a person to another site"
        assert (
            found[0].request
            == f"GET /{mode}/go?next=https://golive-probe.invalid/landing as anonymous"
        )


def test_no_destination_parameter_proves_nothing(tmp_path: Path, base_url: str) -> None:
    from golive.security.probes.redirect import open_redirects

    with pytest.raises(SuiteError, match="no parameter that names a destination"):
        open_redirects(prober(tmp_path, base_url, pages=("/home",)))


@pytest.mark.parametrize(
    ("mode", "lengths"), [("bad", [1000, 10000]), ("good", [1000, 10000, 64000])]
)
def test_an_overlong_value_escalates_until_it_is_refused_or_breaks(
    tmp_path: Path, base_url: str, mode: str, lengths: list[int]
) -> None:
    probe = prober(
        tmp_path, base_url, parameters=(Request("GET", f"/api/{mode}/long?q"),), crawl_exclude=ALONE
    )
    tried, found = input_handling(probe)
    overlong = [t for t in tried if "characters long" in t]
    assert [int(t.split("q ")[1].split(" ")[0]) for t in overlong] == lengths
    assert flagged(found) == (
        ["q 10000 characters long crashes the server | GET /api/bad/long (q 10000 characters long)"]
        if mode == "bad"
        else []
    )


def test_input_refused_before_the_code_proves_nothing(tmp_path: Path, base_url: str) -> None:
    form = InputForm(Request("POST", "/api/guarded/form"), {"title": "ok"})
    with pytest.raises(SuiteError, match="refused before it reached the code"):
        input_handling(prober(tmp_path, base_url, inputs=(form,), crawl_exclude=ALONE))
