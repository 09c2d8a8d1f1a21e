"""Probes of who may do what: the access matrix and other users' records.

The matrix and the records come from ``[targets.X.security]`` in golive.toml. Whether a
role was refused is judged against what a role that may make the request got
(:mod:`golive.security.probes.refusal`): a status that says no, a redirect elsewhere, the
login form, or a page without the allowed role's content. A role let through where it
must not be is reported only when a second request lets it through again. Record ids are
read from the platform's own lists, never guessed, and actions are tried on records whose
state makes them harmless (e.g. an order already approved).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import httpx

from golive.errors import SuiteError
from golive.inputs.security_policy import ANONYMOUS, Action, Records
from golive.messages import Phrase
from golive.run.session import CSRF_NAME, forms
from golive.security.probes.prober import Finding, Prober
from golive.security.probes.refusal import refusal

ACCESS = Phrase.of("probe.access")
REF_VERTICAL = "OWASP A01:2021 Broken Access Control; ASVS 4.1.3, 4.2.1"
REF_HORIZONTAL = "OWASP A01:2021 Broken Access Control; ASVS 4.2.1 (IDOR)"
REF_ANONYMOUS = "OWASP A01:2021 Broken Access Control; ASVS 4.1.1"


def access_matrix(prober: Prober) -> tuple[list[str], list[Finding]]:
    """Every action of the matrix, tried by every role and by an anonymous user: the
    allowed roles first, as what they get is what the others' answers are held against."""
    tried: list[str] = []
    found: list[Finding] = []
    for action in prober.settings.actions:
        path = action.request.path
        if action.record is not None:
            path = path.replace("{id}", str(_first_id(prober, action.record, _reader(action))))
        roles = sorted(
            [*prober.running.target.users, ANONYMOUS], key=lambda r: r not in action.allowed
        )
        reference: httpx.Response | None = None
        for role in roles:
            answer = _act(prober, action, path, role)
            tried.append(f"{action.request.method} {path} [{role}] -> {answer.status_code}")
            if answer.status_code >= 500:
                why = f"HTTP {answer.status_code}"
                found.append(_access(action, path, role, "probe.access_errors", why, REF_VERTICAL))
                continue
            if role in action.allowed:
                judged = refusal(prober, answer)
                if judged.refused:
                    verb = "probe.access_refused"
                    found.append(_access(action, path, role, verb, judged.why, REF_VERTICAL))
                elif reference is None:
                    reference = answer
                continue
            through = let_through(
                prober, answer, reference, role, partial(_act, prober, action, path, role)
            )
            if through is not None:
                kind = REF_ANONYMOUS if role == ANONYMOUS else REF_VERTICAL
                verb = "probe.access_let_through"
                found.append(_access(action, path, role, verb, through, kind))
    return tried, found


def let_through(
    prober: Prober,
    answer: httpx.Response,
    reference: httpx.Response | None,
    role: str,
    again: Callable[[], httpx.Response],
) -> str | None:
    """Why ``role`` got through, confirmed by a second request; None if it was refused."""
    judged = refusal(prober, answer, reference, role)
    if judged.refused:
        return None
    second = refusal(prober, again(), reference, role)
    if second.refused:
        return None
    return f"{judged.why}; the same on a second request"


def _reader(action: Action) -> str | None:
    return next((r for r in action.allowed if r != ANONYMOUS), None)


def _act(prober: Prober, action: Action, path: str, role: str) -> httpx.Response:
    method = action.request.method
    api = path.startswith(prober.settings.api_prefix)
    if method == "GET" or api or role == ANONYMOUS:
        return prober.send(method, path, role=role)
    # a page's form post: with the session's own CSRF token, so only the role decides
    session = prober.web(role)
    return prober.send(method, path, client=session.client, data=_csrf(prober, role))


def _csrf(prober: Prober, role: str) -> dict[str, str]:
    session = prober.web(role)
    page = prober.send("GET", prober.settings.pages[0], client=session.client)
    for form in forms(page.text):
        values = form.values()
        token = {k: v for k, v in values.items() if CSRF_NAME.search(k)}
        if token:
            return token
    return {}


def _first_id(prober: Prober, path: str, role: str | None) -> int | str:
    ids = _ids(prober, path, role or prober.role, 1)
    if not ids:
        raise SuiteError(Phrase.of("probe.no_record", path=path, target=prober.running.target.name))
    return ids[0]


def _ids(prober: Prober, path: str, role: str, count: int) -> list[int | str]:
    answer = prober.send("GET", path, role=role)
    try:
        data: Any = answer.json()
    except ValueError:
        data = None
    if isinstance(data, dict):
        data = next((v for v in data.values() if isinstance(v, list)), [])
    items = data if isinstance(data, list) else []
    return [i["id"] for i in items if isinstance(i, dict) and "id" in i][:count]


def _access(action: Action, path: str, role: str, verb: str, why: str, reference: str) -> Finding:
    who = Phrase.of("probe.anonymous") if role == ANONYMOUS else role
    return Finding(
        ACCESS,
        Phrase.of(verb, who=who, action=action.name),
        f"{action.request.method} {path} as {role}",
        f"{why}; allowed: {', '.join(action.allowed) or 'nobody'}",
        reference,
    )


def other_users_records(prober: Prober) -> tuple[list[str], list[Finding]]:
    """Records one user owns, opened by others of the same role: each must be refused."""
    tried: list[str] = []
    found: list[Finding] = []
    for records in prober.settings.records:
        ids = _ids(prober, records.list, records.owner, 3)
        if not ids:
            raise SuiteError(Phrase.of("probe.owns_none", owner=records.owner, path=records.list))
        for item in records.items:
            for record_id in ids:
                path = item.replace("{id}", str(record_id))
                own = prober.send("GET", path, role=records.owner)
                if own.status_code != 200:
                    raise SuiteError(
                        Phrase.of(
                            "probe.own_refused",
                            owner=records.owner,
                            path=path,
                            status=own.status_code,
                        )
                    )
                for other in records.others:
                    answer = prober.send("GET", path, role=other)
                    tried.append(f"GET {path} [{other}] -> {answer.status_code}")
                    why = let_through(
                        prober, answer, own, other, partial(prober.send, "GET", path, role=other)
                    )
                    if why is not None:
                        found.append(_horizontal(records, path, other, why))
    return tried, found


def _horizontal(records: Records, path: str, other: str, why: str) -> Finding:
    return Finding(
        ACCESS,
        Phrase.of("probe.other_record", other=other, owner=records.owner, record=records.name),
        f"GET {path} as {other}",
        f"{why}; {records.owner}'s own record, which {other} should be refused",
        REF_HORIZONTAL,
    )
