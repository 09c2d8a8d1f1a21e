"""Mass assignment: a form takes only the fields it shows.

A form that creates or edits a record is sent twice by the record's owner, as the probe
fills it in: once as it is (the control), once with extra fields that name privileges or
ownership (``is_admin``, ``role``, ``owner_id``, ``status`` ... and the names other forms
of the platform use). If the owner's view of the record differs between the two (its
words or the actions its page offers, beyond the probe's own words and numbers), the
platform took a field its form does not show. Confirmed by doing it again on fresh
records. Only the probe's own records are sent: those it makes here.
"""

from __future__ import annotations

import re

from golive.errors import SuiteError
from golive.messages import Phrase
from golive.run.session import CSRF_NAME
from golive.security.probes.crawl import discovered
from golive.security.probes.forms import SeenForm, record_forms
from golive.security.probes.own import (
    MAX_KINDS,
    OwnRecord,
    change_named,
    changes,
    difference,
    make,
    remove,
    send_change,
    view,
)
from golive.security.probes.prober import Finding, Prober
from golive.security.probes.refusal import words

MASS = Phrase.of("probe.mass")
REF_MASS = "OWASP A01:2021 Broken Access Control; ASVS 5.1.2"
PRIVILEGED = {
    "is_admin": "1",
    "admin": "1",
    "is_staff": "1",
    "is_superuser": "1",
    "role": "admin",
    "roles": "admin",
    "group": "admin",
    "groups": "admin",
    "permissions": "all",
    "level": "99",
    "owner": "1",
    "owner_id": "1",
    "user_id": "1",
    "status": "approved",
    "state": "approved",
    "approved": "1",
    "verified": "1",
}
"""Fields a form should never take from the person filling it in, with a value that
would matter if taken."""
PRIVILEGE_NAME = re.compile(
    r"admin|staff|super|role|group|perm|level|owner|user_?id|status|state|approv|verif",
    re.IGNORECASE,
)
MAX_EXTRA = 24


def mass_assignment(prober: Prober) -> tuple[list[str], list[Finding]]:
    """Each creating and edit form of the probe's own records, with and without extras."""
    tried: list[str] = []
    found: list[Finding] = []
    kinds = record_forms(prober, prober.role)[:MAX_KINDS]
    sent = 0
    for seen in kinds:
        extra = extras(prober, [n for n, _, _ in seen.form.fields])
        control = make(prober, seen)
        if control is None:
            tried.append(f"{seen.request}: made no record")
            continue
        extended = make(prober, seen, extra=extra)
        sent += 1
        if extended is None:  # a form that refuses fields it does not show: right
            tried.append(f"{seen.request} with {', '.join(extra)}: refused")
            remove(prober, control)
            continue
        why = _differs(prober, control, extended)
        tried.append(f"{seen.request} with {', '.join(extra)}: " + (why or "the same record"))
        if why and _again(prober, seen, extra, None):
            found.append(_finding(seen.request, extra, why))
        for change in [c for c in changes(prober, control) if c.form and c.text_field()]:
            general = control.general(change.request)
            extra = extras(prober, [n for n, _, _ in change.form.fields] if change.form else [])
            edited = _pair(prober, seen, extra, general)
            if edited is None:
                continue
            sent += 1
            why = edited[2]
            remove(prober, edited[0])
            remove(prober, edited[1])
            tried.append(f"{general} with {', '.join(extra)}: " + (why or "the same record"))
            if why and _again(prober, seen, extra, general):
                found.append(_finding(general, extra, why))
        remove(prober, control)
        remove(prober, extended)
    if not sent:
        raise SuiteError(
            Phrase.of("probe.no_own_mass", target=prober.running.target.name, role=prober.role)
        )
    return tried, found


def extras(prober: Prober, shown: list[str]) -> dict[str, str]:
    """The privileged fields a form does not show: golive's list and the privilege-like
    names the crawl met in the platform's other forms."""
    met: dict[str, str] = {}
    for _, _, form in discovered(prober).forms():
        for name, _, value in form.fields:
            if name and PRIVILEGE_NAME.search(name) and not CSRF_NAME.search(name):
                # a choice the platform knows, the furthest from the first: it would show
                chosen = [o for o in form.options.get(name, []) if o]
                met.setdefault(name, chosen[-1] if chosen else value or "1")
    candidates = {**PRIVILEGED, **met}
    return dict(list((k, v) for k, v in candidates.items() if k not in shown)[:MAX_EXTRA])


def _pair(
    prober: Prober, seen: SeenForm, extra: dict[str, str], edit: str | None
) -> tuple[OwnRecord, OwnRecord, str | None] | None:
    """Two records made through ``seen``, the second with ``extra`` (or, with ``edit``,
    both made alike, then edited through that change, the second with ``extra``): the
    two, and how the owner's views differ; None if they could not be made so."""
    control = make(prober, seen)
    extended = make(prober, seen, extra={} if edit else extra)
    if control is None or extended is None:
        return None
    if edit is not None:
        mine = change_named(prober, control, edit)
        theirs = change_named(prober, extended, edit)
        if mine is None or theirs is None:
            return None
        # each its own new word: a platform that wants names unique takes both
        send_change(prober, mine, control.owner, f"{control.marker}a")
        send_change(prober, theirs, extended.owner, f"{extended.marker}a", extra)
    return control, extended, _differs(prober, control, extended)


def _differs(prober: Prober, control: OwnRecord, extended: OwnRecord) -> str | None:
    """How the owner's view of ``extended`` differs from that of ``control``; None if
    alike."""
    first, second, other = (view(prober, r) for r in (control, control, extended))
    noise = words(first.text) ^ words(second.text)
    return difference((control, second), (extended, other), noise)


def _again(prober: Prober, seen: SeenForm, extra: dict[str, str], edit: str | None) -> bool:
    """Whether a fresh pair differs again."""
    pair = _pair(prober, seen, extra, edit)
    if pair is None:
        return False
    remove(prober, pair[0])
    remove(prober, pair[1])
    return pair[2] is not None


def _finding(request: str, extra: dict[str, str], why: str) -> Finding:
    return Finding(
        MASS,
        Phrase.of("probe.mass_taken", request=request),
        f"{request} + {', '.join(f'{k}={v}' for k, v in extra.items())}",
        f"sent by the record's owner with and without these fields: {why}; the same again",
        REF_MASS,
    )
