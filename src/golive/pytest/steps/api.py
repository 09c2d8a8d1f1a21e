"""Generic API steps: call the target's API as one of its users and check the answer.

For technical testers; they know nothing of any platform beyond golive.toml's token
endpoint. Business-facing scenarios should prefer phrases like "系统拒绝了这个操作".
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from pytest_bdd import parsers, step, then

from golive.messages import Say
from golive.pytest.api import ApiClient
from golive.pytest.steps.web import Notebook

ANONYMOUS = {"未登录用户", "anonymous"}
RECORD_ID = re.compile(r"^(\d+|[0-9a-fA-F-]{16,})$")
"""A path segment that names one record: a number or a UUID-like key."""


def json_of(response: httpx.Response, say: Say) -> Any:
    """An answer's JSON; a page of HTML (a login form, an error page) is said, not raised."""
    try:
        return response.json()
    except json.JSONDecodeError:
        raise AssertionError(say("api.not_json", body=repr(response.text[:200]))) from None


@dataclass
class ApiCall:
    """The last API answer of the scenario."""

    response: httpx.Response | None = None

    def json(self, say: Say) -> Any:
        assert self.response is not None, say("api.not_called")
        return json_of(self.response, say)


@pytest.fixture
def api_call() -> ApiCall:
    return ApiCall()


def record_id(request: pytest.FixtureRequest, notebook: Notebook) -> str | None:
    """The record the browser is on (the last id in its address), else the last record
    the scenario made through the API. The browser is asked only if the scenario has one."""
    if "page" in request.fixturenames:
        address = re.sub(r"[?#].*$", "", request.getfixturevalue("page").url)
        ids = [part for part in address.split("/")[3:] if RECORD_ID.match(part)]
        if ids:
            return str(ids[-1])
    return notebook.records[-1] if notebook.records else None


def resolve(text: str, request: pytest.FixtureRequest, notebook: Notebook, say: Say) -> str:
    """``text`` (a path, a condition) with ``{id}`` filled in."""
    if "{id}" not in text:
        return text
    found = record_id(request, notebook)
    assert found is not None, say("records.no_id", path=text)
    return text.replace("{id}", found)


def viewer(notebook: Notebook, say: Say, source: str) -> str:
    """Whose records: the person logged in on the page."""
    assert notebook.role, say("records.log_in_first", source=source)
    return notebook.role


def _send(
    golive_api: ApiClient,
    api_call: ApiCall,
    notebook: Notebook,
    role: str,
    method: str,
    path: str,
    **kwargs: Any,
) -> None:
    """Send the call; a record it made in a list (a 201 with an ``id`` to a path that
    names no record, not an action on one) is noted for ``{id}``."""
    response = golive_api.request(
        method.upper(), path, role=None if role in ANONYMOUS else role, **kwargs
    )
    api_call.response = response
    in_a_list = not any(RECORD_ID.match(part) for part in path.split("?")[0].split("/"))
    if method.upper() == "POST" and response.status_code == 201 and in_a_list:
        try:
            made = response.json()
        except ValueError:
            return
        if isinstance(made, dict) and made.get("id") is not None:
            notebook.records.append(str(made["id"]))


@step(parsers.parse('"{role}"调用接口 {method} "{path}"'))
@step(parsers.parse('"{role}" calls {method} "{path}"'))
def call(
    golive_api: ApiClient,
    api_call: ApiCall,
    notebook: Notebook,
    golive_say: Say,
    request: pytest.FixtureRequest,
    role: str,
    method: str,
    path: str,
) -> None:
    """Call ``path`` as the user of ``role`` (or anonymously: 未登录用户 / anonymous);
    ``{id}`` in it is the record the scenario is at."""
    path = resolve(path, request, notebook, golive_say)
    _send(golive_api, api_call, notebook, role, method, path)


@step(parsers.parse('"{role}"调用接口 {method} "{path}"，内容为:'))
@step(parsers.parse('"{role}" calls {method} "{path}" with:'))
def call_with_body(
    golive_api: ApiClient,
    api_call: ApiCall,
    notebook: Notebook,
    golive_say: Say,
    request: pytest.FixtureRequest,
    role: str,
    method: str,
    path: str,
    docstring: str,
) -> None:
    """Call ``path`` with the scenario's doc string as the JSON body."""
    path = resolve(path, request, notebook, golive_say)
    body = json.loads(resolve(docstring, request, notebook, golive_say))
    _send(golive_api, api_call, notebook, role, method, path, json=body)


@then(parsers.parse("接口返回状态 {status:d}"))
@then(parsers.parse("the API answers {status:d}"))
def answers(api_call: ApiCall, golive_say: Say, status: int) -> None:
    assert api_call.response is not None, golive_say("api.not_called")
    got = api_call.response.status_code
    assert got == status, golive_say(
        "api.status", expected=status, got=got, body=api_call.response.text[:200]
    )


@then(parsers.parse('接口返回的内容包含"{text}"'))
@then(parsers.parse('the API\'s answer mentions "{text}"'))
def answer_mentions(api_call: ApiCall, golive_say: Say, text: str) -> None:
    """The answer's body says ``text`` (an error message naming the right line)."""
    assert api_call.response is not None, golive_say("api.not_called")
    body = api_call.response.text
    with contextlib.suppress(ValueError):  # JSON is read back with its Chinese unescaped
        body = json.dumps(api_call.response.json(), ensure_ascii=False)
    assert text in body, golive_say("api.should_mention", text=text, body=body[:300])


@then(parsers.parse('接口返回的"{field}"是"{value}"'))
@then(parsers.parse('the API\'s "{field}" is "{value}"'))
def field_is(api_call: ApiCall, golive_say: Say, field: str, value: str) -> None:
    """A field of the JSON answer, by dotted path (``items.0.status``), reads ``value``."""
    data = api_call.json(golive_say)
    for part in field.split("."):
        if isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        elif isinstance(data, dict) and part in data:
            data = data[part]
        else:
            raise AssertionError(golive_say("api.no_field", field=field))
    assert str(data) == value, golive_say("api.field", field=field, expected=value, got=data)
