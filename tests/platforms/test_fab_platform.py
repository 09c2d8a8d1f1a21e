"""The Flask-AppBuilder CRM works as a test platform: it starts, signs people in through
FAB's own login form, adds and finds contacts through FAB's own views, and keeps the
Sales user out of FAB's security views.

One app process serves the whole module; every browser test gets a fresh profile.
"""

from __future__ import annotations

import re
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fab_platform import APP_MAIN, ROLE_USERS, FabPlatform, FabStartError, serve_fab
from playwright.sync_api import Browser, Page, expect

from golive.errors import ConfigError, TargetError
from golive.inputs.api_auth import ApiAuth
from golive.inputs.config import LoginForm, Target, User
from golive.pytest.api import ApiClient
from golive.run.target import RunningTarget

RECORD_COUNT = re.compile(r"Record Count:</strong>\s*(\d+)")
CSRF_INPUT = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@pytest.fixture(scope="module")
def fab() -> Iterator[FabPlatform]:
    """One FAB CRM for this module, on a fresh database with random passwords."""
    with serve_fab() as platform:
        yield platform


@pytest.fixture
def fab_page(chromium: Browser) -> Iterator[Page]:
    """A page in a fresh browser profile (no cookies carried over between tests)."""
    context = chromium.new_context()
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def sign_in(page: Page, fab: FabPlatform, role: str) -> None:
    """Sign in as ``role`` through FAB's login form, as a person would."""
    username, password = fab.credentials(role)
    page.goto(fab.url("/login/"))
    page.get_by_role("textbox", name="Username:").fill(username)
    page.get_by_role("textbox", name="Password:").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(fab.url("/"))


def add_contact(page: Page, fab: FabPlatform, name: str, email: str) -> None:
    """Add a contact through the list page's Add button and FAB's add form."""
    page.goto(fab.url("/contactmodelview/list/"))
    page.get_by_role("link", name="Add", exact=False).first.click()
    expect(page.get_by_role("heading", name="Add Contact")).to_be_visible()
    page.get_by_role("textbox", name="Name").fill(name)
    page.get_by_role("textbox", name="Email").fill(email)
    page.get_by_role("textbox", name="Phone").fill("+1 617 555 0100")
    page.get_by_role("textbox", name="Notes").fill("Added by golive's platform test.")
    page.get_by_role("button", name="Save").click()


def test_admin_signs_in_through_the_login_form(fab: FabPlatform, fab_page: Page) -> None:
    sign_in(fab_page, fab, "admin")
    navigation = fab_page.get_by_role("navigation")
    expect(navigation.get_by_role("link", name="Security")).to_be_visible()
    expect(navigation.get_by_role("link", name="Contacts")).to_be_visible()
    expect(navigation.get_by_role("link", name="Admin User")).to_be_visible()
    expect(fab_page.get_by_role("heading", name="Welcome", level=2)).to_be_visible()


def test_wrong_password_is_refused_with_a_warning(fab: FabPlatform, fab_page: Page) -> None:
    fab_page.goto(fab.url("/login/"))
    fab_page.get_by_role("textbox", name="Username:").fill("admin")
    fab_page.get_by_role("textbox", name="Password:").fill("not-" + fab.users["admin"][1])
    fab_page.get_by_role("button", name="Sign In").click()
    warning = fab_page.locator("div.alert.alert-warning")
    expect(warning).to_contain_text("Invalid login. Please try again.")
    expect(fab_page.get_by_role("button", name="Sign In")).to_be_visible()


def test_admin_adds_a_contact_and_sees_the_success_flash(fab: FabPlatform, fab_page: Page) -> None:
    sign_in(fab_page, fab, "admin")
    name = f"Margaret Hamilton {secrets.token_hex(3)}"
    add_contact(fab_page, fab, name, "margaret@example.com")
    # FAB goes back to the page before the form (the list) and flashes there
    fab_page.wait_for_url(fab.url("/contactmodelview/list/"))
    flash = fab_page.locator("div.alert.alert-success")
    expect(flash).to_have_count(1)
    expect(flash).to_contain_text("Added Row")
    assert flash.get_attribute("role") is None  # FAB's flash has no role="alert"
    expect(fab_page.get_by_role("row").filter(has_text=name)).to_have_count(1)


def test_admin_finds_an_added_contact_with_the_list_search(
    fab: FabPlatform, fab_page: Page
) -> None:
    sign_in(fab_page, fab, "admin")
    name = f"Katherine Johnson {secrets.token_hex(3)}"
    add_contact(fab_page, fab, name, "katherine@example.com")
    fab_page.wait_for_url(fab.url("/contactmodelview/list/"))
    # the search widget: a collapsed "Search" panel, then "Add Filter" > column, then a value
    fab_page.get_by_role("link", name="Search", exact=True).click()
    fab_page.get_by_role("button", name="Add Filter").click()
    fab_page.locator("#filter_form").get_by_role("link", name="Name", exact=True).click()
    value = fab_page.locator("#filter_form").get_by_role("textbox", name="Name", exact=True)
    value.fill(name)
    fab_page.locator("#filter_form").get_by_role("button", name="Search").click()
    fab_page.wait_for_url(re.compile(r"/contactmodelview/list/\?_flt_0_name="))
    count = fab_page.locator("div.pull-right", has_text="Record Count:")
    expect(count).to_have_text(re.compile(r"^\s*Record Count:\s*1\s*$"))
    records = fab_page.locator("div.table-responsive table tbody tr")
    expect(records).to_have_count(1)
    expect(records.first).to_contain_text(name)


def test_sales_user_is_denied_the_users_list(fab: FabPlatform, fab_page: Page) -> None:
    sign_in(fab_page, fab, "sales")
    navigation = fab_page.get_by_role("navigation")
    expect(navigation.get_by_role("link", name="Contacts")).to_be_visible()
    expect(navigation.get_by_role("link", name="Security")).to_have_count(0)
    answer = fab_page.goto(fab.url("/users/list/"))
    assert answer is not None and answer.status == 403
    expect(fab_page).to_have_title("403 Forbidden")
    expect(fab_page.get_by_role("heading", name="Forbidden", level=1)).to_be_visible()
    # the Contact views are the Sales role's own
    answer = fab_page.goto(fab.url("/contactmodelview/list/"))
    assert answer is not None and answer.status == 200
    expect(fab_page.get_by_role("heading", name="List Contacts")).to_be_visible()


def test_anonymous_visitor_is_sent_to_login_with_access_denied(
    fab: FabPlatform, fab_page: Page
) -> None:
    fab_page.goto(fab.url("/contactmodelview/list/"))
    fab_page.wait_for_url(re.compile(r"/login/\?next="))
    expect(fab_page.locator("div.alert.alert-danger")).to_contain_text("Access is Denied")


def test_logout_ends_the_session(fab: FabPlatform, fab_page: Page) -> None:
    sign_in(fab_page, fab, "admin")
    fab_page.goto(fab.url("/logout/"))
    fab_page.wait_for_url(fab.url("/"))
    expect(fab_page.get_by_role("navigation").get_by_role("link", name="Login")).to_be_visible()
    fab_page.goto(fab.url("/users/list/"))
    expect(fab_page.locator("div.alert.alert-danger")).to_contain_text("Access is Denied")


def test_login_without_the_csrf_token_is_refused(fab: FabPlatform) -> None:
    username, password = fab.credentials("admin")
    with httpx.Client(base_url=fab.base_url) as client:
        refused = client.post("/login/", data={"username": username, "password": password})
        assert refused.status_code == 200  # the form again, no session
        assert client.get("/users/list/").status_code == 302
        token = CSRF_INPUT.search(client.get("/login/").text)
        assert token is not None
        data = {"username": username, "password": password, "csrf_token": token.group(1)}
        assert client.post("/login/", data=data).status_code == 302
        assert client.get("/users/list/").status_code == 200


def test_no_model_api_nor_openapi_is_served(fab: FabPlatform) -> None:
    for path in ("/api/v1/contactmodelview/", "/api/v1/_openapi", "/swagger/v1", "/api/v1/menu/"):
        assert httpx.get(fab.url(path)).status_code == 404, path


def test_refuses_to_start_without_passwords(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(APP_MAIN), "--port", "9", "--data-dir", str(tmp_path)],
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0
    assert "FAB_ADMIN_PASSWORD" in done.stderr


def test_a_failed_start_is_reported_with_the_log_tail(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    with (
        pytest.raises(FabStartError, match=r"exited with code [1-9].*log ends"),
        serve_fab(blocker),
    ):
        pass


def fab_target(fab: FabPlatform, auth: str = "session") -> RunningTarget:
    """The FAB CRM as golive.toml would describe it: FAB's login page, two users."""
    users = {
        role: User(role=role, username=username, password_env=ROLE_USERS[role][1])
        for role, (username, _) in fab.users.items()
    }
    target = Target(
        name="fab",
        base_url=fab.base_url,
        sandbox=False,
        allow_load=True,
        allow_probes=True,
        source=None,
        login=LoginForm(path="/login/", username_label="Username", submit="Sign In"),
        users=users,
        api=ApiAuth(auth=auth),
    )
    return RunningTarget(target=target, base_url=fab.base_url, secrets=dict(fab.env))


def test_api_steps_act_through_the_login_session(fab: FabPlatform) -> None:
    api = ApiClient(fab_target(fab))
    try:
        anonymous = api.request("GET", "/contactmodelview/list/")
        assert anonymous.status_code == 302
        assert "/login/" in anonymous.headers["location"]
        listed = api.request("GET", "/contactmodelview/list/", role="admin")
        assert listed.status_code == 200
        assert "List Contacts" in listed.text
        assert api.request("GET", "/users/list/", role="sales").status_code == 403
    finally:
        api.close()


def test_a_state_changing_call_carries_the_sessions_csrf_token(fab: FabPlatform) -> None:
    api = ApiClient(fab_target(fab))
    name = f"Grace Hopper {secrets.token_hex(3)}"
    form = {"name": name, "email": "grace@example.com", "phone": "", "notes": ""}
    try:
        session = api.session("admin")
        search = f"/contactmodelview/list/?_flt_0_name={name}"
        # FAB refuses a form without the token (the form comes back, nothing added) ...
        bare = session.client.post("/contactmodelview/add", data=form)
        assert bare.status_code == 200
        found = RECORD_COUNT.search(api.request("GET", search, role="admin").text)
        assert found is not None and found.group(1) == "0"
        # ... and takes it when golive adds the token the session's pages carry
        added = api.request("POST", "/contactmodelview/add", role="admin", data=form)
        assert added.status_code == 302, added.text[:300]
        found = RECORD_COUNT.search(api.request("GET", search, role="admin").text)
        assert found is not None and found.group(1) == "1"
    finally:
        api.close()


def test_a_wrong_password_is_no_session(fab: FabPlatform) -> None:
    running = fab_target(fab)
    running = RunningTarget(running.target, running.base_url, {"FAB_ADMIN_PASSWORD": "wrong"})
    api = ApiClient(running)
    try:
        with pytest.raises(TargetError, match="the login form came back"):
            api.request("GET", "/contactmodelview/list/", role="admin")
    finally:
        api.close()


def test_an_api_without_auth_refuses_a_role(fab: FabPlatform) -> None:
    api = ApiClient(fab_target(fab, auth="none"))
    try:
        assert api.request("GET", "/login/").status_code == 200
        with pytest.raises(ConfigError, match="anonymously only"):
            api.request("GET", "/contactmodelview/list/", role="admin")
    finally:
        api.close()
