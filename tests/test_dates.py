"""Dates in approvals.yaml and the accepted-findings file: YYYY-MM-DD, a real day.

Anything else (a time of day, an impossible day, another form, a number) is refused
where it is read, with the file and line; acceptance.yaml's deadlines are among the
bad catalogs of test_catalog.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from golive.errors import ConfigError
from golive.inputs.approvals import Signoff, Waiver, add_signoff, add_waiver, load_approvals
from golive.inputs.catalog import Catalog, load_catalog
from golive.inputs.document import load_toml
from golive.security.static import load_acceptances

DATA = Path(__file__).parent / "data"
APPROVALS = DATA / "approvals"
ACCEPTED = DATA / "security" / "dates"
NOT_A_DATE = "is not a date; write it as YYYY-MM-DD, e.g. 2026-12-31"

# file -> (line, the key and the bad value as the message shows them)
BAD_APPROVALS = {
    "waiver_impossible_day.yaml": (6, "waivers[0].until: '2026-02-30'"),
    "waiver_datetime.yaml": (6, "waivers[0].until: '2099-01-31 10:00:00'"),
    "waiver_wrong_form.yaml": (6, "waivers[0].until: '31/01/2027'"),
    "waiver_number.yaml": (6, "waivers[0].until: 20270131"),
    "signoff_impossible_day.yaml": (6, "signoffs[0].on: '2026-02-29'"),
    "signoff_datetime.yaml": (6, "signoffs[0].on: '2026-11-20T09:30:00Z'"),
    "signoff_wrong_form.yaml": (6, "signoffs[0].on: '2026-1-5'"),
    "signoff_number.yaml": (6, "signoffs[0].on: 2026"),
}
BAD_ACCEPTED = {
    "expires_impossible_day.yaml": (9, "accepted[0].expires: '2027-06-31'"),
    "expires_datetime.yaml": (9, "accepted[0].expires: '2027-06-30 18:00'"),
    "expires_wrong_form.yaml": (9, "accepted[0].expires: '30 June 2027'"),
    "expires_number.yaml": (9, "accepted[0].expires: 2027.5"),
}
CASES = [(APPROVALS / name, expected) for name, expected in sorted(BAD_APPROVALS.items())] + [
    (ACCEPTED / name, expected) for name, expected in sorted(BAD_ACCEPTED.items())
]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(DATA / "catalog" / "good.yaml")


def load(path: Path, catalog: Catalog) -> object:
    """Read ``path`` with the reader of its folder."""
    return load_approvals(path, catalog) if path.parent == APPROVALS else load_acceptances(path)


def test_every_bad_file_has_a_case() -> None:
    assert sorted(p.name for p in APPROVALS.glob("*.yaml")) == sorted(
        [*BAD_APPROVALS, "waiver_no_until.yaml"]
    )
    assert sorted(p.name for p in ACCEPTED.glob("*.yaml")) == sorted(BAD_ACCEPTED)


@pytest.mark.parametrize(("path", "expected"), CASES, ids=[path.name for path, _ in CASES])
def test_bad_date_is_located_and_explained(
    path: Path, expected: tuple[int, str], catalog: Catalog
) -> None:
    line, shown = expected
    with pytest.raises(ConfigError) as info:
        load(path, catalog)
    assert (info.value.path, info.value.line) == (path, line)
    assert str(info.value) == f"{path}:{line}: {shown} {NOT_A_DATE}"


def test_a_missing_date_is_required(catalog: Catalog) -> None:
    path = APPROVALS / "waiver_no_until.yaml"
    with pytest.raises(ConfigError) as info:
        load_approvals(path, catalog)
    assert str(info.value) == (
        f"{path}:6: waivers[0].until: is required (a date written YYYY-MM-DD, e.g. 2026-12-31)"
    )


def test_dates_read_plain_or_quoted_and_on_is_a_key(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "approvals.yaml"
    path.write_text(
        "waivers:\n"
        "  - {criterion: AC-SEC-01, accepted_by: x, reason: y, until: '2026-12-31'}\n"
        "signoffs:\n"
        "  - criterion: AC-BIZ-01\n"
        "    by: 李总\n"
        "    on: 2024-02-29\n"  # a leap day; `on` is a key, not YAML 1.1's True
        "    phase: pilot\n",
        encoding="utf-8",
    )
    approvals = load_approvals(path, catalog)
    assert approvals.waivers[0].until == dt.date(2026, 12, 31)
    assert approvals.signoffs == (Signoff("AC-BIZ-01", "李总", dt.date(2024, 2, 29), "pilot"),)


def test_what_golive_writes_it_reads_back(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "approvals.yaml"
    path.write_text(
        "waivers:\n  - criterion: AC-SEC-01\n    accepted_by: x\n    reason: y\n"
        "    until: 2026-12-31\n",
        encoding="utf-8",
    )
    signoff = Signoff("AC-BIZ-01", "李总", dt.date(2026, 11, 20), "pilot")
    waiver = Waiver("AC-SEC-01", "王总", "内网试点", dt.date(2027, 1, 31), ("pilot",))
    add_signoff(path, catalog, signoff)
    add_waiver(path, catalog, waiver)
    approvals = load_approvals(path, catalog)
    assert approvals.signoffs == (signoff,)
    assert [w.until for w in approvals.waivers] == [dt.date(2026, 12, 31), dt.date(2027, 1, 31)]
    text = path.read_text(encoding="utf-8")
    # plain dates, the hand-written one too: no quotes appear in a reviewed diff
    assert "until: 2026-12-31\n" in text
    assert "until: 2027-01-31\n" in text
    assert ": 2026-11-20\n" in text


def test_toml_dates_are_dates_and_datetimes_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "dates.toml"
    path.write_text("day = 2026-12-31\nmoment = 2026-12-31T10:00:00\n", encoding="utf-8")
    doc = load_toml(path)
    assert doc.date(doc.data, ("day",)) == dt.date(2026, 12, 31)
    with pytest.raises(ConfigError) as info:
        doc.date(doc.data, ("moment",))
    assert str(info.value) == f"{path}:2: moment: '2026-12-31 10:00:00' {NOT_A_DATE}"
