"""Reading a whole API listing: each way platforms page, the target's own ``page_query``,
each way a listing can be wrong, and Flask-AppBuilder's REST API read for real.

The unit tests give ``read_listing`` a stand-in for ApiClient: a platform written as a
function from an ``httpx.Request`` to a real ``httpx.Response``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import httpx
import pytest
from platforms.fab_platform import ROLE_USERS, FabPlatform, serve_fab

from golive.errors import ConfigError
from golive.inputs.api_auth import ApiAuth
from golive.inputs.config import LoginForm, Target, User, load_config
from golive.messages import Say
from golive.pytest import listing
from golive.pytest.api import ApiClient
from golive.pytest.listing import Listing, read_listing
from golive.run.target import RunningTarget

BASE = "https://crm.example.com"
SAY = Say("en")
CONTACTS = [{"id": n, "name": f"Contact {n}"} for n in range(1, 121)]
"""120 records: more than one page in every style below."""

Handler = Callable[[httpx.Request], httpx.Response]


@dataclass
class Platform:
    """A stand-in for ApiClient: ``request`` answers through ``handler``."""

    handler: Handler
    api: ApiAuth = field(default_factory=ApiAuth)
    asked: list[str] = field(default_factory=list)

    @property
    def target(self) -> Target:
        return Target("crm", BASE, False, False, False, None, LoginForm(), api=self.api)

    @property
    def running(self) -> RunningTarget:
        return RunningTarget(target=self.target, base_url=BASE, secrets={})

    def request(self, method: str, url: str, role: str | None = None) -> httpx.Response:
        self.asked.append(url)
        request = httpx.Request(method, httpx.URL(BASE).join(url))
        return self.handler(request)

    def read(self, source: str = "/api/contacts", say: Say = SAY) -> Listing:
        return read_listing(cast(ApiClient, self), say, source, "sales")


def answer(request: httpx.Request, data: Any, **headers: str) -> httpx.Response:
    return httpx.Response(200, json=data, headers=headers, request=request)


def number(request: httpx.Request, name: str, default: int) -> int:
    return int(request.url.params.get(name, default))


def names(found: Listing) -> list[str]:
    return [r["name"] for r in found.records]


EVERY_NAME = [c["name"] for c in CONTACTS]


# -- the ways a listing shows its pages --------------------------------------------------
def test_a_json_array_is_the_whole_listing() -> None:
    platform = Platform(lambda r: answer(r, CONTACTS))
    found = platform.read()
    assert (names(found), found.pages) == (EVERY_NAME, 1)


def echoing(
    records: list[dict[str, Any]], *, largest: int = 50, refuse_big: bool = False
) -> Handler:
    """Pages of 20 by default, ``page`` and ``page_size`` echoed, at most ``largest``."""

    def handler(request: httpx.Request) -> httpx.Response:
        page, size = number(request, "page", 1), number(request, "page_size", 20)
        if size > largest and refuse_big:
            return httpx.Response(422, json={"detail": "page_size too big"}, request=request)
        size = min(size, largest)
        items = records[(page - 1) * size : page * size]
        shown = {"items": items, "total": len(records), "page": page, "page_size": size}
        return answer(request, shown)

    return handler


def test_an_echoed_page_number_is_followed_with_bigger_pages() -> None:
    platform = Platform(echoing(CONTACTS))
    found = platform.read()
    assert names(found) == EVERY_NAME
    # the first page names its size (20): asked again with page_size (100), the platform
    # gives 50, and the next pages are asked for at 50
    assert platform.asked == [
        "/api/contacts",
        "/api/contacts?page_size=100&page=1",
        "/api/contacts?page=2&page_size=50",
        "/api/contacts?page=3&page_size=50",
    ]
    assert found.pages == 3


def test_an_echoed_page_number_is_followed_at_its_size_when_bigger_pages_are_refused() -> None:
    platform = Platform(echoing(CONTACTS, refuse_big=True))
    found = platform.read()
    assert names(found) == EVERY_NAME
    assert found.pages == 6
    assert platform.asked[2:4] == [
        "/api/contacts?page=2&page_size=20",
        "/api/contacts?page=3&page_size=20",
    ]


def linking(
    style: str, records: list[dict[str, Any]], size: int = 25, *, count: int | None = None
) -> Handler:
    """Pages of ``size`` with a link to the next one, the way ``style`` writes it."""

    def handler(request: httpx.Request) -> httpx.Response:
        page = number(request, "page", 1)
        items = records[(page - 1) * size : page * size]
        more = page * size < len(records)
        following = f"{BASE}/api/contacts?page={page + 1}" if more else None
        total = len(records) if count is None else count
        if style == "drf":
            return answer(request, {"count": total, "next": following, "results": items})
        if style == "jsonapi":
            return answer(request, {"data": items, "links": {"next": following}, "meta": {}})
        if style == "hal":
            links = {"next": {"href": following}} if following else {}
            return answer(request, {"_embedded": None, "items": items, "_links": links})
        header = {"link": f'<{following}>; rel="next"'} if following else {}
        return answer(request, items, **header)

    return handler


@pytest.mark.parametrize("style", ["drf", "jsonapi", "hal", "link-header"])
def test_a_next_link_is_followed_to_its_end(style: str) -> None:
    platform = Platform(linking(style, CONTACTS))
    found = platform.read()
    assert (names(found), found.pages) == (EVERY_NAME, 5)
    assert platform.asked[1:] == [f"{BASE}/api/contacts?page={n}" for n in range(2, 6)]


# -- the target's page_query --------------------------------------------------------------
def unshown(
    records: list[dict[str, Any]],
    read: Callable[[httpx.Request], tuple[int, int]],
    *,
    largest: int = 1000,
    total: bool = True,
) -> Handler:
    """A platform whose answers show no paging: ``read`` gives (offset, size) from the
    request; 20 records unless asked, at most ``largest``."""

    def handler(request: httpx.Request) -> httpx.Response:
        offset, size = read(request)
        items = records[offset : offset + min(size, largest)]
        return answer(request, {"result": items, **({"count": len(records)} if total else {})})

    return handler


def by_page(request: httpx.Request) -> tuple[int, int]:
    size = number(request, "page_size", 20)
    return (number(request, "page", 1) - 1) * size, size


def by_offset(request: httpx.Request) -> tuple[int, int]:
    return number(request, "offset", 0), number(request, "limit", 20)


def by_rison(request: httpx.Request) -> tuple[int, int]:
    """Flask-AppBuilder's ``q=(page:N,page_size:M)``, pages counted from 0."""
    found = re.fullmatch(r"\(page:(\d+),page_size:(\d+)\)", request.url.params.get("q", ""))
    page, size = (int(found[1]), int(found[2])) if found else (0, 20)
    return page * size, size


@pytest.mark.parametrize(
    ("query", "read", "first"),
    [
        ("page={page}&page_size={size}", by_page, "/api/contacts?page=1&page_size=30"),
        ("limit={size}&offset={offset}", by_offset, "/api/contacts?limit=30&offset=0"),
        ("q=(page:{page0},page_size:{size})", by_rison, "/api/contacts?q=(page:0,page_size:30)"),
    ],
)
def test_page_query_pages_from_the_first_request(query: str, read: Any, first: str) -> None:
    platform = Platform(unshown(CONTACTS, read), ApiAuth(page_query=query, page_size=30))
    found = platform.read()
    assert (names(found), found.pages) == (EVERY_NAME, 4)
    assert platform.asked[0] == first


def test_page_query_keeps_the_sources_own_query() -> None:
    platform = Platform(
        unshown(CONTACTS, by_page), ApiAuth(page_query="page={page}&page_size={size}", page_size=50)
    )
    platform.read("/api/contacts?status=open&page=9")
    assert platform.asked == [f"/api/contacts?status=open&page={n}&page_size=50" for n in (1, 2, 3)]


def test_page_query_without_a_total_reads_to_an_empty_page() -> None:
    platform = Platform(
        unshown(CONTACTS, by_page, total=False),
        ApiAuth(page_query="page={page}&page_size={size}", page_size=40),
    )
    found = platform.read()
    # 40, 40, 40 and an empty fourth page: a full page cannot say it is the last
    assert (names(found), found.pages) == (EVERY_NAME, 4)
    # a short page is no end either: a platform may serve fewer than were asked for
    platform = Platform(
        unshown(CONTACTS[:100], by_page, total=False),
        ApiAuth(page_query="page={page}&page_size={size}", page_size=40),
    )
    assert platform.read().pages == 4


def test_page_query_offset_follows_what_a_smaller_page_gave() -> None:
    # the platform serves at most 7 records whatever the size asked: the offset moves by
    # what came back, and the total says when to stop
    platform = Platform(
        unshown(CONTACTS, by_offset, largest=7),
        ApiAuth(page_query="limit={size}&offset={offset}", page_size=30),
    )
    found = platform.read()
    assert names(found) == EVERY_NAME
    assert found.pages == 18


# -- where the reader must say no ----------------------------------------------------------
def failure(platform: Platform, say: Say = SAY, source: str = "/api/contacts") -> str:
    with pytest.raises(AssertionError) as info:
        platform.read(source, say)
    return str(info.value)


def test_a_total_its_pages_do_not_give_is_a_finding() -> None:
    platform = Platform(linking("drf", CONTACTS[:-1], count=len(CONTACTS)))
    assert (
        failure(platform) == '"/api/contacts" says it holds 120 records, but its 5 page(s) give 119'
    )


def test_a_total_that_page_query_pages_do_not_reach_is_a_finding() -> None:
    short = CONTACTS[:100]

    def handler(request: httpx.Request) -> httpx.Response:
        offset, size = by_page(request)
        return answer(request, {"result": short[offset : offset + size], "count": 120})

    platform = Platform(handler, ApiAuth(page_query="page={page}&page_size={size}", page_size=50))
    assert (
        failure(platform) == '"/api/contacts" says it holds 120 records, but its 3 page(s) give 100'
    )


def test_a_record_given_twice_is_a_finding() -> None:
    overlapping = [*CONTACTS[:25], CONTACTS[24], *CONTACTS[25:50]]
    platform = Platform(linking("link-header", overlapping))
    assert failure(platform) == '"/api/contacts" lists the same record more than once: 25'


def test_a_failing_page_is_a_finding() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if number(request, "page", 1) == 3:
            return httpx.Response(500, text="database is locked", request=request)
        return linking("drf", CONTACTS)(request)

    message = failure(Platform(handler))
    assert message == (
        f'cannot read the records of "/api/contacts": {BASE}/api/contacts?page=3 answered '
        "500: database is locked"
    )


@pytest.mark.parametrize(
    ("data", "keys"),
    [
        ({"message": "ok", "count": 3}, "message, count"),
        ({"a": [], "b": []}, "a, b"),
        ("ok", "str"),
    ],
)
def test_an_answer_that_is_no_list_is_a_finding(data: Any, keys: str) -> None:
    platform = Platform(lambda r: answer(r, data))
    assert (
        failure(platform)
        == f'"/api/contacts" does not answer with a list of records (fields: {keys})'
    )


def test_a_listing_past_the_bound_proves_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(listing, "MAX_PAGES", 3)
    platform = Platform(linking("drf", CONTACTS, size=10))
    assert failure(platform) == (
        '"/api/contacts" is not finished after 3 pages and 30 records: past the limit, '
        "nothing is proven"
    )
    assert len(platform.asked) == 4


def test_a_listing_that_shows_no_way_on_is_not_blamed(monkeypatch: pytest.MonkeyPatch) -> None:
    platform = Platform(unshown(CONTACTS, by_page))
    message = failure(platform)
    assert message.startswith(
        '"/api/contacts" says it holds 120 records and gives 20, but shows no way to the next '
        "page (no next link, no page number it echoes): golive cannot read the rest"
    )
    assert "[targets.crm.api] page_query" in message
    assert '"q=(page:{page0},page_size:{size})"' in message
    assert "but its 1 page(s) give" not in message
    assert "[targets.crm.api] 中用 page_query" in failure(platform, Say("zh-CN"))


def test_a_platform_that_ignores_page_query_is_told_apart() -> None:
    # the platform reads "p", not "page": every page is its first
    platform = Platform(
        unshown(CONTACTS, by_page), ApiAuth(page_query="p={page}&page_size={size}", page_size=50)
    )
    message = failure(platform)
    assert message.startswith(
        'page 2 of "/api/contacts" (/api/contacts?p=2&page_size=50) gives the very records '
        "of the page before: the platform does not take the page asked for"
    )
    assert "[targets.crm.api]" in message


# -- the configuration ---------------------------------------------------------------------
def config_file(tmp_path: Path, api: str) -> Path:
    path = tmp_path / "golive.toml"
    path.write_text(
        '[golive]\ndefault_target = "staging"\n\n[targets.staging]\n'
        f'base_url = "https://crm.example.com"\n\n[targets.staging.api]\n{api}\n',
        encoding="utf-8",
    )
    return path


def test_page_query_and_page_size_are_read(tmp_path: Path) -> None:
    path = config_file(tmp_path, 'page_query = "q=(page:{page0},page_size:{size})"\npage_size = 25')
    api = load_config(path).target().api
    assert (api.page_query, api.page_size) == ("q=(page:{page0},page_size:{size})", 25)
    assert (ApiAuth().page_query, ApiAuth().page_size) == (None, 100)


@pytest.mark.parametrize(
    ("api", "line", "message"),
    [
        (
            'page_query = "page={pag}&page_size={size}"',
            8,
            "targets.staging.api.page_query: {pag} is not a placeholder (did you mean 'page'?); "
            "valid: {page} (from 1), {page0} (from 0), {size}, {offset}",
        ),
        (
            'page_query = "page_size={size}"',
            8,
            "'page_size={size}' must say the page, without '?': put {page} (from 1), {page0} "
            "(from 0) or {offset} in it",
        ),
        ('page_query = "?page={page}"', 8, "'?page={page}' must say the page, without '?'"),
        ('page_query = "page{page}"', 8, "'page{page}' is not a query: name=value pairs"),
        ('page_query = "page={page"', 8, "'page={page' is not a query"),
        ("page_query = 2", 8, "targets.staging.api.page_query: 2 is not a string"),
        ('page_query = "page={page}"\npage_size = 0', 9, "page_size: 0 is not from 1 to 10000"),
        ('page_size = "20"', 8, "targets.staging.api.page_size: '20' is not a whole number"),
        ("page_sise = 20", 8, "page_sise: unknown key (did you mean 'page_size'?)"),
    ],
)
def test_a_bad_page_setting_is_located_and_explained(
    tmp_path: Path, api: str, line: int, message: str
) -> None:
    path = config_file(tmp_path, api)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value).startswith(f"{path}:{line}: ")
    assert message in str(info.value)


# -- Flask-AppBuilder's REST API, for real ------------------------------------------------
FAB_LISTING = "/api/v1/contact/"
MADE = 25
"""Contacts made on top of the 3 seeded: more than FAB's default page of 20."""
SEEDED = ["Ada Lovelace", "Alan Turing", "Grace Hopper"]


@pytest.fixture(scope="module")
def fab() -> Iterator[FabPlatform]:
    with serve_fab() as platform:
        yield platform


def fab_api(fab: FabPlatform, **paging: Any) -> ApiClient:
    """golive's ApiClient for the FAB CRM, acting through FAB's login session."""
    users = {
        role: User(role, username, ROLE_USERS[role][1]) for role, (username, _) in fab.users.items()
    }
    target = Target(
        "fab",
        fab.base_url,
        False,
        True,
        True,
        None,
        LoginForm(path="/login/", username_label="Username", submit="Sign In"),
        users=users,
        api=ApiAuth(auth="session", **paging),
    )
    return ApiClient(RunningTarget(target=target, base_url=fab.base_url, secrets=dict(fab.env)))


@pytest.fixture(scope="module")
def made(fab: FabPlatform) -> Iterator[list[str]]:
    """``MADE`` contacts added through FAB's own add form, deleted afterwards through its
    delete (FAB's REST API here is read only)."""
    api = fab_api(fab)
    wanted = [f"Listing Contact {n:02d}" for n in range(MADE)]
    try:
        for n, name in enumerate(wanted):
            form = {"name": name, "email": f"contact{n}@example.com", "phone": "", "notes": ""}
            added = api.request("POST", "/contactmodelview/add", role="admin", data=form)
            assert added.status_code == 302, added.text[:300]
        yield wanted
    finally:
        api.close()
    paged = fab_api(fab, page_query="q=(page:{page0},page_size:{size})")
    try:
        for record in read_listing(paged, SAY, FAB_LISTING, "admin").records:
            if record["name"] in wanted:
                gone = paged.request(
                    "POST", f"/contactmodelview/delete/{record['id']}", role="admin"
                )
                assert gone.status_code == 302, gone.text[:300]
        assert sorted(names(read_listing(paged, SAY, FAB_LISTING, "admin"))) == SEEDED
    finally:
        paged.close()


def test_fabs_listing_is_read_whole_with_its_rison_page_query(
    fab: FabPlatform, made: list[str]
) -> None:
    api = fab_api(fab, page_query="q=(page:{page0},page_size:{size})", page_size=10)
    try:
        found = read_listing(api, SAY, FAB_LISTING, "sales")
    finally:
        api.close()
    assert sorted(names(found)) == sorted([*SEEDED, *made])
    assert len({r["id"] for r in found.records}) == len(SEEDED) + MADE
    assert found.pages == 3  # 10, 10 and 8 of 28


def test_fabs_listing_without_page_query_is_unpaged_not_wrong(
    fab: FabPlatform, made: list[str]
) -> None:
    api = fab_api(fab)
    try:
        with pytest.raises(AssertionError) as info:
            read_listing(api, SAY, FAB_LISTING, "sales")
        anonymous = api.request("GET", FAB_LISTING)
    finally:
        api.close()
    total = len(SEEDED) + MADE
    # FAB answers 20 a page, says the count, and shows no way to the next page
    assert str(info.value).startswith(
        f'"{FAB_LISTING}" says it holds {total} records and gives 20, but shows no way'
    )
    assert anonymous.status_code == 401


# -- records that move while they are read -----------------------------------------------
def moving(creations: int) -> Handler:
    """Newest first, 25 a page, with a total: after each of the first ``creations``
    first-page requests another user makes a record, which pushes every record down one
    place (the last of page 1 is read again on page 2, and the total grows)."""
    records = list(reversed(CONTACTS))
    made = [creations]

    def handler(request: httpx.Request) -> httpx.Response:
        page = number(request, "page", 1)
        if page == 1 and made[0] > 0:
            made[0] -= 1
            # page 1 as it was, the new record made before page 2 is read
            shown = {"items": records[:25], "total": len(records), "page": 1}
            records.insert(0, {"id": 1000 + made[0], "name": f"New {made[0]}"})
            return answer(request, shown)
        items = records[(page - 1) * 25 : page * 25]
        return answer(request, {"items": items, "total": len(records), "page": page})

    return handler


def test_a_listing_that_moved_while_read_is_read_again() -> None:
    # one record made between the pages: a record "twice" and a total off by one, once
    platform = Platform(moving(creations=1))
    found = platform.read()
    assert len(found.records) == 121
    assert len({r["id"] for r in found.records}) == 121


def test_a_listing_that_keeps_moving_proves_nothing() -> None:
    platform = Platform(moving(creations=10))
    assert failure(platform).startswith("the records kept changing while they were read (3 ")


def test_a_next_link_is_resolved_where_it_was_given_and_kept_on_the_target() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        page = number(request, "page", 1)
        items = CONTACTS[(page - 1) * 60 : page * 60]
        # page 1 links relative to itself, page 2 to the host behind a proxy
        following = {1: "?page=2", 2: "http://backend:8000/api/contacts?page=3"}.get(page)
        return answer(request, {"results": items, "next": following, "count": 120})

    platform = Platform(handler)
    assert names(platform.read()) == EVERY_NAME
    assert platform.asked[1:] == [f"{BASE}/api/contacts?page=2", f"{BASE}/api/contacts?page=3"]


def test_a_repeated_query_parameter_is_kept_on_every_page() -> None:
    platform = Platform(echoing(CONTACTS, refuse_big=True))
    platform.read("/api/contacts?status=a&status=b")
    assert all(url.count("status=") == 2 for url in platform.asked), platform.asked
