"""Data-migration reconciliation on the second platform, the Flask-AppBuilder CRM: a
legacy address book (an Excel export, the way people kept it) reconciled with FAB's REST
listing through golive's packaged steps only, in a throwaway project.

What FAB gives, measured on FAB 5.3.0: ``/api/v1/contact/`` lists 20 records a page with
``id``, ``name``, ``email``, ``phone`` and ``company`` (an object) and is paged with
``q=(page:..,page_size:..)``; the three contacts every fresh start has are in
``fab_crm/app.py`` (``SEED_CONTACTS``).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from fab_platform import FabPlatform, serve_fab
from openpyxl import Workbook
from test_fab_rules import PAGE_QUERY, TARGET, outcome, run

# the legacy address book, as its users typed it: other column names, e-mails in capitals,
# doubled spaces, a name with a trailing blank
LEGACY = [
    ("Full name", "E-mail", "Telephone"),
    ("Ada Lovelace ", "ADA@EXAMPLE.COM", "+44 20  7946 0001"),
    ("Alan Turing", "Alan@Example.com", "+44 20 7946 0002"),
    ("Grace Hopper", "grace@example.com", "+1 202 555 0143"),
]

ENTITY = """
[migration.{name}]
legacy = "{legacy}"
platform = "/api/v1/contact/"
role = "admin"
key = {{ legacy = "Full name", platform = "name" }}
ignore_case = true

[migration.{name}.fields]
"E-mail" = "email"
"Telephone" = "phone"
"""

FEATURE = """\
@migration
Feature: The legacy address book reached the FAB CRM
  Scenario: {entity}
    When the legacy export of "{entity}" is reconciled with the platform
    Then the record counts, amount totals and sampled fields all agree
"""


@pytest.fixture(scope="module")
def fab() -> Iterator[FabPlatform]:
    with serve_fab() as platform:
        yield platform


@pytest.fixture(scope="module")
def project(fab: FabPlatform, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """golive.toml for FAB with two migrated entities: the address book as exported
    (Excel), and a CSV of it with one contact FAB never got and one phone changed."""
    folder = tmp_path_factory.mktemp("fab_migration")
    book = Workbook()
    for row in LEGACY:
        book.active.append(row)
    book.save(folder / "address-book.xlsx")
    with (folder / "address-book-lost.csv").open("w", encoding="utf-8", newline="") as file:
        rows = [*LEGACY, ("Charles Babbage", "charles@example.com", "+44 20 7946 0003")]
        rows[2] = ("Alan Turing", "alan@example.com", "+44 20 7946 9999")
        csv.writer(file).writerows(rows)
    config = '[golive]\ndefault_target = "fab"\n'
    config += TARGET.format(name="fab", url=fab.base_url, paging=f'page_query = "{PAGE_QUERY}"')
    config += ENTITY.format(name="contacts", legacy="address-book.xlsx")
    config += ENTITY.format(name="contacts_lost", legacy="address-book-lost.csv")
    (folder / "golive.toml").write_text(config, "utf-8")
    (folder / "pytest.ini").write_text("[pytest]\n", "utf-8")
    return folder


def test_the_address_book_agrees_with_fab(project: Path, fab: FabPlatform) -> None:
    result = run(project, fab, "agrees", FEATURE.format(entity="contacts"))
    assert result.failed() == {}, result.output[-3000:]
    assert len(result.outcomes) == 1
    assert (project / "reports" / "migration" / "contacts-differences.csv").is_file()


def test_a_lost_contact_and_a_changed_phone_are_named(project: Path, fab: FabPlatform) -> None:
    result = run(project, fab, "lost", FEATURE.format(entity="contacts_lost"))
    status, message = outcome(result, "contacts_lost")
    assert status == "failed", result.output[-3000:]
    assert "contacts_lost: legacy 4 records, platform 3" in message
    assert "1 legacy records are missing on the platform: charles babbage" in message
    assert "alan turing Telephone: legacy '+44 20 7946 9999' ≠ platform '+44 20 7946 0002'" in (
        message
    )
