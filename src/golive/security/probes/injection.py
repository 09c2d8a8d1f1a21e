"""Probes of what the target does with hostile input: overlong and malformed input and
reflected script (SQL injection: :mod:`.sqli`; forms without a CSRF token: :mod:`.forgery`).

Each probe returns the :class:`~golive.security.probes.prober.Finding` list it proved; an empty list
means every attempt was answered correctly. Nothing here writes data on a correct
platform: injections go to search and filter parameters, and overlong and malformed
bodies are refused by validation.
"""

from __future__ import annotations

from typing import Any

from golive.errors import TargetError
from golive.messages import Phrase
from golive.security.probes.crawl import parameters
from golive.security.probes.forms import SeenForm, lookup_forms, submit
from golive.security.probes.prober import (
    Finding,
    Prober,
    Reach,
    openapi_document,
    query_parameters,
    split_parameter,
)

INPUT = Phrase.of("probe.input")
XSS = Phrase.of("probe.xss")
REF_INPUT = "OWASP A04:2021 Insecure Design; ASVS 5.1.3, 7.4.1"
REF_XSS = "OWASP A03:2021 Injection; ASVS 5.3.3"

# What a database says when a quote breaks the statement it was pasted into
OVERLONG = (1_000, 10_000, 64_000)
"""The lengths an overlong value escalates through, until the platform refuses one."""
MALFORMED_NUMBERS = ("abc", "-1", "1" + "0" * 40, "1e999", "NaN")


def excerpt(text: str, size: int = 160) -> str:
    return " ".join(text.split())[:size]


def input_handling(prober: Prober) -> tuple[list[str], list[Finding]]:
    """Overlong and malformed input must get a 4xx answer, never a server error."""
    tried: list[str] = []
    found: list[Finding] = []
    role = prober.role

    reach = Reach()

    def expect_4xx(
        method: str, path: str, what: Phrase, form: SeenForm | None = None, **kwargs: Any
    ) -> int:
        en = str(what)
        try:
            if form is None:
                answer = prober.send(method, path, role=role, note=f" ({en})", **kwargs)
            else:  # as the form sends it: its own fields and CSRF token, form-encoded
                answer, _ = submit(prober, form, kwargs["data"], note=f" ({en})")
        except TargetError as exc:  # no answer, or the connection broke: a crash too
            status, text = 0, str(exc)
        else:
            status, text = answer.status_code, excerpt(answer.text)
        tried.append(f"{method} {path}: {en} -> {status or 'no answer'}")
        reach.saw(status, login=bool(form and form.form.password_field))
        if status >= 500 or status == 0:
            found.append(
                Finding(
                    INPUT,
                    Phrase.of("probe.crashes", what=what),
                    f"{method} {path} ({en})",
                    f"HTTP {status}: {text}" if status else text,
                    REF_INPUT,
                )
            )
        return status

    document = openapi_document(prober)
    for request in parameters(prober, document):
        path, name, fixed = split_parameter(request)
        for length in OVERLONG:  # longer while it is taken; a URL this long may get a 414
            overlong = Phrase.of("probe.overlong", name=name, length=length)
            if not _taken(expect_4xx("GET", path, overlong, params={**fixed, name: "x" * length})):
                break
        control = Phrase.of("probe.control", name=name)
        expect_4xx("GET", path, control, params={**fixed, name: "a\x00\x1b[0m"})
    numbers = [*query_parameters(document, "integer"), *query_parameters(document, "number")]
    for request in numbers:
        path, name, fixed = split_parameter(request)
        for value in MALFORMED_NUMBERS:
            what = Phrase.of("probe.malformed", name=name, value=value[:12])
            expect_4xx("GET", path, what, params={**fixed, name: value})
    for form in prober.settings.inputs:
        method, path = form.request.method, form.request.path
        for key, value in form.body.items():
            for length in OVERLONG if isinstance(value, str) else ():
                what = Phrase.of("probe.overlong", name=key, length=length)
                if not _taken(
                    expect_4xx(method, path, what, json={**form.body, key: "长" * length})
                ):
                    break
            body = {**form.body, key: {"golive": [1, None]}}
            expect_4xx(method, path, Phrase.of("probe.wrong_type", name=key), json=body)
        expect_4xx(
            method,
            path,
            Phrase.of("probe.malformed_json"),
            content=b'{"' + next(iter(form.body), "x").encode() + b'": ',
            headers={"Content-Type": "application/json"},
        )
    for seen in lookup_forms(prober):
        for name in seen.text_fields():
            for length in OVERLONG:
                what = Phrase.of("probe.overlong", name=name, length=length)
                status = expect_4xx("POST", seen.action, what, seen, data={name: "长" * length})
                if not _taken(status):
                    break
    reach.check()  # a refusal before the code ran (CSRF, sign-in, content type) is no pass
    return tried, found


def _taken(status: int) -> bool:
    """Whether the platform took the value (2xx, 3xx): then a longer one is tried."""
    return 0 < status < 400
