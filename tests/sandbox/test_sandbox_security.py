"""Sessions, CSRF, security headers, login hygiene and injection on the clean sandbox."""

from __future__ import annotations

import httpx
import pytest
from sandbox_clients import Sandbox, csrf_from

HEADERS = {
    "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self'",
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}


def _login(client: httpx.Client, sandbox: Sandbox, user: str, **extra: str) -> httpx.Response:
    token = csrf_from(client.get("/login").text)
    return client.post(
        "/login",
        data={
            "username": user,
            "password": sandbox.passwords.get(user, "x"),
            "csrf_token": token,
            **extra,
        },
    )


@pytest.mark.parametrize(
    "path", ["/login", "/", "/api/me", "/static/style.css", "/nope", "/health"]
)
def test_security_headers_on_every_response(clean: Sandbox, path: str) -> None:
    response = clean.anonymous().get(path)
    for name, value in HEADERS.items():
        assert value in response.headers.get(name, ""), (path, name)
    csp = response.headers["content-security-policy"]
    assert (
        "frame-ancestors 'none'" in csp and "form-action 'self'" in csp and "base-uri 'none'" in csp
    )


def test_session_cookie_flags(clean: Sandbox) -> None:
    response = _login(clean.anonymous(), clean, "sales")
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("sandbox_session=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # plain http here; Secure is set on https


def test_login_failure_does_not_tell_which_part_was_wrong(clean: Sandbox) -> None:
    wrong_password = _login(clean.anonymous(), clean, "sales", password="nope")
    unknown_user = _login(clean.anonymous(), clean, "nobody", password="nope")
    assert wrong_password.status_code == unknown_user.status_code == 401
    for page in (wrong_password.text, unknown_user.text):
        assert "用户名或密码错误" in page
    assert 'value="nobody"' in unknown_user.text  # the name is kept, the password never


def test_login_form_needs_its_csrf_token(clean: Sandbox) -> None:
    client = clean.anonymous()
    client.get("/login")
    response = client.post(
        "/login",
        data={"username": "sales", "password": clean.passwords["sales"], "csrf_token": "forged"},
    )
    assert response.status_code == 403
    assert "sandbox_session" not in response.headers.get("set-cookie", "")


def test_session_id_changes_at_login(clean: Sandbox) -> None:
    client = clean.anonymous()
    client.cookies.set("sandbox_session", "attacker-chosen-id", domain="127.0.0.1")
    response = _login(client, clean, "sales")
    assert response.status_code == 303
    new_id = client.cookies.get("sandbox_session")
    assert new_id and new_id != "attacker-chosen-id"
    assert client.get("/api/me").json()["username"] == "sales"


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/orders?status=draft", "/orders?status=draft"),
        ("//evil.example/x", "/"),
        ("https://evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
    ],
)
def test_next_only_goes_to_local_paths(clean: Sandbox, target: str, expected: str) -> None:
    response = _login(clean.anonymous(), clean, "sales", next=target)
    assert response.headers["location"] == expected


def test_logout_ends_the_session_on_the_server(clean: Sandbox) -> None:
    web = clean.web("sales")
    stolen = web.client.cookies.get("sandbox_session")
    assert web.post_form("/logout", {}).headers["location"] == "/login?logged_out=1"
    replay = clean.anonymous()
    replay.cookies.set("sandbox_session", stolen, domain="127.0.0.1")
    assert replay.get("/").status_code == 303
    assert replay.get("/api/me").status_code == 401


def test_logout_needs_csrf(clean: Sandbox) -> None:
    web = clean.web("sales")
    assert web.post_form("/logout", {}, csrf="wrong").status_code == 403
    assert web.client.get("/").status_code == 200  # still signed in


@pytest.mark.parametrize("csrf", ["", "wrong-token"])
def test_ui_forms_need_the_session_csrf_token(clean: Sandbox, csrf: str) -> None:
    web = clean.web("sales")
    response = web.post_form(
        "/leads/new", {"name": "甲", "company": "乙", "source": "website"}, csrf=csrf
    )
    assert response.status_code == 403
    assert "CSRF" in response.text
    missing = web.client.post(
        "/leads/new", data={"name": "甲", "company": "乙", "source": "website"}
    )
    assert missing.status_code == 403


def test_api_with_cookie_needs_the_csrf_header(clean: Sandbox) -> None:
    web = clean.web("sales")
    body = {"name": "甲", "company": "乙公司"}
    assert web.client.post("/api/leads", json=body).status_code == 403
    assert (
        web.api("POST", "/api/leads", json=body, headers={"X-CSRF-Token": "nope"}).status_code
        == 403
    )
    assert web.api("POST", "/api/leads", json=body).status_code == 201
    assert web.client.get("/api/me").status_code == 200  # reading needs no token


def test_bearer_token_needs_no_csrf(clean: Sandbox) -> None:
    response = clean.api("sales").post("/api/leads", json={"name": "甲", "company": "乙公司"})
    assert response.status_code == 201


def test_token_endpoint(clean: Sandbox) -> None:
    client = clean.anonymous()
    good = client.post(
        "/api/token", json={"username": "manager", "password": clean.passwords["manager"]}
    )
    assert good.status_code == 200
    assert good.json()["role"] == "manager" and good.json()["expires_at"].endswith("Z")
    bad = client.post("/api/token", json={"username": "manager", "password": "wrong"})
    assert bad.status_code == 401 and bad.json()["detail"] == "用户名或密码错误"


@pytest.mark.parametrize("q", ["'", "' OR '1'='1", "%') OR 1=1 --", '"; SELECT * FROM users; --'])
def test_search_is_not_injectable(clean: Sandbox, q: str) -> None:
    sales = clean.api("sales")
    for path in ("/api/leads", "/api/customers"):
        response = sales.get(path, params={"q": q})
        assert response.status_code == 200
        assert all(item["owner_username"] == "sales" for item in response.json()["items"])
        assert response.json()["total"] == 0
    assert clean.web("sales").client.get("/leads", params={"q": q}).status_code == 200


def test_health_needs_no_login(clean: Sandbox) -> None:
    body = clean.anonymous().get("/health").json()
    assert body["status"] == "ok" and body["version"]


def test_openapi_documents_the_api(clean: Sandbox) -> None:
    spec = clean.anonymous().get("/openapi.json").json()
    for path in (
        "/api/token",
        "/api/leads",
        "/api/customers/{customer_id}",
        "/api/orders",
        "/api/orders/{order_id}/approve",
        "/api/dashboard",
        "/health",
    ):
        assert path in spec["paths"], path
    assert clean.anonymous().get("/docs").status_code == 200
