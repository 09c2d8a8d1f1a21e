"""Generic API steps: call the target's API as one of its users and check the answer.

For technical testers; they know nothing of any platform beyond golive.toml's token
endpoint. Business-facing scenarios should prefer phrases like "系统拒绝了这个操作".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from pytest_bdd import parsers, step, then

from golive.messages import Say
from golive.pytest.api import ApiClient

ANONYMOUS = {"未登录用户", "anonymous"}


@dataclass
class ApiCall:
    """The last API answer of the scenario."""

    response: httpx.Response | None = None

    def json(self, say: Say) -> Any:
        assert self.response is not None, say("api.not_called")
        try:
            return self.response.json()
        except json.JSONDecodeError:
            raise AssertionError(say("api.not_json", body=repr(self.response.text[:200]))) from None


@pytest.fixture
def api_call() -> ApiCall:
    return ApiCall()


@step(parsers.parse('"{role}"调用接口 {method} "{path}"'))
@step(parsers.parse('"{role}" calls {method} "{path}"'))
def call(golive_api: ApiClient, api_call: ApiCall, role: str, method: str, path: str) -> None:
    """Call ``path`` as the user of ``role`` (or anonymously: 未登录用户 / anonymous)."""
    api_call.response = golive_api.request(
        method.upper(), path, role=None if role in ANONYMOUS else role
    )


@step(parsers.parse('"{role}"调用接口 {method} "{path}"，内容为:'))
@step(parsers.parse('"{role}" calls {method} "{path}" with:'))
def call_with_body(
    golive_api: ApiClient, api_call: ApiCall, role: str, method: str, path: str, docstring: str
) -> None:
    """Call ``path`` with the scenario's doc string as the JSON body."""
    api_call.response = golive_api.request(
        method.upper(), path, json=json.loads(docstring), role=None if role in ANONYMOUS else role
    )


@then(parsers.parse("接口返回状态 {status:d}"))
@then(parsers.parse("the API answers {status:d}"))
def answers(api_call: ApiCall, golive_say: Say, status: int) -> None:
    assert api_call.response is not None, golive_say("api.not_called")
    got = api_call.response.status_code
    assert got == status, golive_say(
        "api.status", expected=status, got=got, body=api_call.response.text[:200]
    )


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
