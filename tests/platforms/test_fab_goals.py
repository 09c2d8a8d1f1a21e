"""SMART goals read off the second platform, the Flask-AppBuilder CRM: one goal by "a page
and a label" (the contact list's ``Record Count:``, as the sales user sees it), one by an
API field (the REST listing's ``count``), in a throwaway project with no code of its own.

The two must agree, before and after contacts are added through FAB's own form; a goal
read as nobody (FAB sends an anonymous visitor to its login page) and a label FAB does not
show are refused with exit 2, the page and label named, and no reading kept.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fab_platform import FabPlatform, serve_fab
from test_fab_rules import LIST_VIEW, LISTING, PAGE_QUERY, SAY, SEEDED, TARGET, fab_api

from golive.gate.history import History
from golive.pytest.listing import read_listing

CATALOG = """\
version: 1
goals:
  - id: G-BOOK
    title: {{en: Every customer contact is in the CRM}}
    metric: contacts in the address book (the list's Record Count)
    baseline: 3
    target: 40
    deadline: 2027-06-30
    owner: sales lead
    measure: {{page: {page}, label: {label}{role}}}
  - id: G-BOOK-API
    title: {{en: "Every customer contact is in the CRM, by the API"}}
    metric: contacts in the address book (the REST listing's count)
    baseline: 3
    target: 40
    deadline: 2027-06-30
    owner: sales lead
    measure: {{api: {listing}, field: count, as: admin}}
criteria:
  - id: AC-BOOK-01
    title: {{en: Sales find every contact in the list}}
    goal: G-BOOK
    priority: high
    phases: [pilot]
    evidence: [uat]
"""
ADDED = ("Goal Contact A", "Goal Contact B")


@pytest.fixture(scope="module")
def fab() -> Iterator[FabPlatform]:
    with serve_fab() as platform:
        yield platform


def project(
    folder: Path, fab: FabPlatform, label: str = "Record Count", role: str = "sales"
) -> Path:
    config = '[golive]\ndefault_target = "fab"\n'
    config += TARGET.format(name="fab", url=fab.base_url, paging=f'page_query = "{PAGE_QUERY}"')
    (folder / "golive.toml").write_text(config, "utf-8")
    as_role = f", as: {role}" if role else ""
    text = CATALOG.format(page=LIST_VIEW, label=label, role=as_role, listing=LISTING)
    (folder / "acceptance.yaml").write_text(text, "utf-8")
    (folder / "features").mkdir(exist_ok=True)
    return folder


def goals(folder: Path, fab: FabPlatform) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "golive", "--lang", "en", "goals"],
        cwd=folder,
        env={**os.environ, **fab.env},  # the passwords golive.toml names
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def readings(folder: Path, goal: str) -> list[float]:
    return [r.value for r in History(folder / "reports" / "history.sqlite").readings(goal, "fab")]


def test_a_goal_read_off_a_page_follows_the_platform_and_agrees_with_its_api(
    fab: FabPlatform, tmp_path: Path
) -> None:
    folder = project(tmp_path, fab)
    first = goals(folder, fab)
    assert first.returncode == 0, first.stdout + first.stderr
    assert readings(folder, "G-BOOK") == readings(folder, "G-BOOK-API") == [len(SEEDED)]
    api = fab_api(fab)
    try:
        for n, name in enumerate(ADDED):
            form = {"name": name, "email": f"goal{n}@example.com", "phone": "", "notes": ""}
            added = api.request("POST", "/contactmodelview/add", role="admin", data=form)
            assert added.status_code == 302, added.text[:300]
        second = goals(folder, fab)
        assert second.returncode == 0, second.stdout + second.stderr
        total = len(SEEDED) + len(ADDED)
        assert readings(folder, "G-BOOK") == readings(folder, "G-BOOK-API") == [3, total]
        # two readings a moment apart climbing by two: on track to 40 by the deadline
        assert "on track         G-BOOK Every customer contact is in the CRM: now 5" in (
            second.stdout
        )
    finally:
        for record in read_listing(api, SAY, LISTING, "admin").records:
            if record["name"] in ADDED:
                gone = api.request("POST", f"/contactmodelview/delete/{record['id']}", role="admin")
                assert gone.status_code == 302, gone.text[:300]
        api.close()


@pytest.mark.parametrize(
    ("label", "role", "said"),
    [
        # FAB sends an anonymous visitor to its login page: no figure, no reading
        (
            "Record Count",
            "",
            'cannot read "Record Count" on /contactmodelview/list/ as an '
            'anonymous visitor: the page should show "Record Count", but it shows the page',
        ),
        (
            "Contacts Total",
            "sales",
            'cannot read "Contacts Total" on /contactmodelview/list/ '
            "as 'sales': the page should show \"Contacts Total\"",
        ),
    ],
)
def test_a_figure_the_page_does_not_show_is_no_reading(
    fab: FabPlatform, tmp_path: Path, label: str, role: str, said: str
) -> None:
    folder = project(tmp_path, fab, label=label, role=role)
    done = goals(folder, fab)
    assert done.returncode == 2, done.stdout + done.stderr
    assert said in done.stderr
    assert "Traceback" not in done.stderr
    # fail closed: no goal's reading is kept when one could not be read
    assert readings(folder, "G-BOOK-API") == []
