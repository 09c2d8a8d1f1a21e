"""Generic steps that read a record's own state from the platform's API.

An answer that wraps its record (``{"result": {...}}``) is read inside the wrapper.

A page can say "approved" while the record is not, or keep a time it should not have.
These steps read the record itself (``{id}``: the record the browser is on, or the last
one the scenario made through the API) as the person logged in, after the page said what
it did.
"""

from __future__ import annotations

from typing import Any

import pytest
from pytest_bdd import parsers, then

from golive.messages import Say
from golive.pytest.api import ApiClient
from golive.pytest.measure import ABSENT, number, record_value, text
from golive.pytest.steps.api import json_of, resolve, viewer
from golive.pytest.steps.web import Notebook


def _record(
    golive_api: ApiClient, notebook: Notebook, say: Say, request: pytest.FixtureRequest, path: str
) -> tuple[str, Any]:
    path = resolve(path, request, notebook, say)
    response = golive_api.request("GET", path, role=viewer(notebook, say, path))
    assert response.is_success, say(
        "records.record_unreadable", path=path, status=response.status_code
    )
    return path, json_of(response, say)


@then(parsers.re(r'^记录"(?P<path>[^"]+)"的"(?P<field>[^"]+)"是"(?P<value>[^"]*)"$'))
@then(parsers.re(r'^the record "(?P<path>[^"]+)" has "(?P<field>[^"]+)" "(?P<value>[^"]*)"$'))
def record_has(
    golive_api: ApiClient,
    notebook: Notebook,
    golive_say: Say,
    request: pytest.FixtureRequest,
    path: str,
    field: str,
    value: str,
) -> None:
    """The record itself, read from the API as the person logged in, holds ``value``."""
    path, record = _record(golive_api, notebook, golive_say, request, path)
    found = record_value(record, field, ABSENT)
    assert found is not ABSENT, golive_say("api.no_field", field=field)
    got = text(found)
    if number(found) is not None and number(value) is not None:
        got = value if number(found) == number(value) else got  # 2468.1 is "2468.10"
    assert got == value, golive_say(
        "records.field", path=path, field=field, expected=value, got=got
    )


@then(parsers.re(r'^记录"(?P<path>[^"]+)"的"(?P<field>[^"]+)"是刚才的"(?P<earlier>[^"]+)"$'))
@then(
    parsers.re(
        r'^the record "(?P<path>[^"]+)" has "(?P<field>[^"]+)" the "(?P<earlier>[^"]+)" I entered$'
    )
)
def record_has_typed(
    golive_api: ApiClient,
    notebook: Notebook,
    golive_say: Say,
    request: pytest.FixtureRequest,
    path: str,
    field: str,
    earlier: str,
) -> None:
    assert earlier in notebook.typed, golive_say("web.not_typed", earlier=earlier)
    record_has(golive_api, notebook, golive_say, request, path, field, notebook.typed[earlier])


@then(parsers.re(r'^记录"(?P<path>[^"]+)"的"(?P<field>[^"]+)"(?P<state>为空|不为空)$'))
@then(parsers.re(r'^the record "(?P<path>[^"]+)" has (?P<state>no|a) "(?P<field>[^"]+)"$'))
def record_empty(
    golive_api: ApiClient,
    notebook: Notebook,
    golive_say: Say,
    request: pytest.FixtureRequest,
    path: str,
    field: str,
    state: str,
) -> None:
    """A field is empty (null or blank), or holds something; a field the record does not
    have at all is said so (renamed or no longer shown, it proves nothing either way)."""
    path, record = _record(golive_api, notebook, golive_say, request, path)
    value = record_value(record, field, ABSENT)
    # a field the record does not have at all is no empty one: the check could not fail
    assert value is not ABSENT, golive_say("api.no_field", field=field)
    got = text(value)
    if state in ("为空", "no"):
        assert got == "", golive_say("records.should_be_empty", path=path, field=field, got=got)
    else:
        assert got != "", golive_say("records.should_have", path=path, field=field)
