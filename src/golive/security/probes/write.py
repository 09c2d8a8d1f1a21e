"""Write access: nobody changes or deletes a record through a way not offered to them.

On each record the probe made (:mod:`.own`), every other role and an anonymous visitor
try every change the record's pages offer its owner (a form, a link that changes it)
unless the platform offers that change to them as well (the same form on their own view
of the page). So two kinds of role try: one the record is refused to (judged as
:mod:`.refusal` judges, against the owner's view), and one that may open it but is not
offered the change (a viewer without the Edit button). Each sends it as that role
would: the owner's form filled in, with the role's own CSRF token (an anonymous visitor
has none), a new word of the probe's in the first text field.

Whether the record changed is asked of its owner: the new word shown, the actions its
page offers changed, its words changed (beyond what two views in a row differ by), or
the owner refused it (deleted). A change is confirmed on a fresh record of the same kind
before it is reported; deletions are tried last, each on a record of its own.
"""

from __future__ import annotations

import secrets

import httpx

from golive.errors import SuiteError
from golive.inputs.security_policy import ANONYMOUS
from golive.messages import Phrase
from golive.run.session import forms
from golive.security.probes.access import (
    ACCESS,
    REF_ANONYMOUS,
    REF_HORIZONTAL,
    REF_VERTICAL,
)
from golive.security.probes.crawl import on_target
from golive.security.probes.forms import SeenForm, record_forms
from golive.security.probes.injection import excerpt
from golive.security.probes.own import (
    MAX_KINDS,
    Change,
    OwnRecord,
    change_named,
    changes,
    difference,
    make,
    remove,
    send_change,
    shows,
    view,
)
from golive.security.probes.prober import Finding, Prober
from golive.security.probes.refusal import Judgement, judge, refusal, words

MAX_STEPS = 2
"""States the owner moves a record on to, beyond the one it is made in."""


def write_access(prober: Prober) -> tuple[list[str], list[Finding]]:
    """Every other role and nobody try each change of the probe's own records, in the
    state the record is made in and in the states its owner's own changes lead to."""
    tried: list[str] = []
    found: list[Finding] = []
    others = [r for r in prober.running.target.users if r != prober.role] + [ANONYMOUS]
    made = 0
    for seen in record_forms(prober, prober.role)[:MAX_KINDS]:
        record = make(prober, seen)
        if record is None:
            tried.append(f"{seen.request}: made no record")
            continue
        made += 1
        path: list[str] = []
        tested: set[str] = set()
        for _ in range(MAX_STEPS + 1):
            offered = changes(prober, record)
            tried.append(
                f"{record.made_by} made {record.page} [{record.owner}]"
                + (f", then {' and '.join(path)} by its owner" if path else "")
                + "; its changes: "
                + (", ".join(record.general(c.request) for c in offered) or "none")
            )
            shown = view(prober, record).text
            for general in [g for c in offered if (g := record.general(c.request)) not in tested]:
                request = general.replace("{id}", record.id)
                twin = _twin(prober, request)
                if twin == request or twin in shown:  # an API change whose twin is not
                    tested.add(general)  # shown yet is tried again in the next state
                for role in others:
                    change = next(
                        (c for c in offered if record.general(c.request) == general), None
                    )
                    if change is None:
                        break
                    finding, changed = _try(prober, record, change, role, tried, path)
                    found += [finding] if finding else []
                    if changed:  # the next role tries on a record as it was
                        remove(prober, record)
                        again = fresh(prober, record.seen, path)
                        record, offered = (again, changes(prober, again)) if again else (record, [])
            # the owner moves the record on (qualify, submit ...): new changes appear
            step = next((c for c in offered if not c.deletes and c.text_field() is None), None)
            if step is None:
                break
            send_change(prober, step, record.owner)
            path.append(record.general(step.request))
        remove(prober, record)
    if not made:
        raise SuiteError(
            Phrase.of("probe.no_own_record", target=prober.running.target.name, role=prober.role)
        )
    return tried, found


def fresh(prober: Prober, seen: SeenForm, path: list[str]) -> OwnRecord | None:
    """A new record made through ``seen`` and moved on by its owner along ``path``
    (``POST /leads/{id}/qualify`` ...); None if it could not be made so."""
    made = make(prober, seen)
    if made is None:
        return None
    for general in path:
        step = change_named(prober, made, general)
        if step is None:
            remove(prober, made)
            return None
        send_change(prober, step, made.owner)
    return made


def _try(
    prober: Prober,
    record: OwnRecord,
    change: Change,
    role: str,
    tried: list[str],
    path: list[str],
) -> tuple[Finding | None, bool]:
    """``role`` sends ``change`` unless it is offered to them: a confirmed change is a
    finding; and whether the record changed."""
    sender = None if role == ANONYMOUS else role
    owner_view = view(prober, record, change.page)
    theirs = prober.send("GET", change.page, role=sender, note=" (their view)")
    judged = _opens(prober, record, owner_view, theirs, sender)
    general = record.general(change.request)
    if not judged.refused and _offered(prober, change, owner_view, theirs):
        tried.append(f"{general} [{role}]: offered to them")
        return None, False
    why = changed_by(prober, record, change, sender)
    tried.append(f"{general} [{role}]: " + (why or "refused, the record unchanged"))
    if why is None:
        return None, False
    # confirm on a fresh record of the same kind: the same role, the same change
    made = fresh(prober, record.seen, path)
    twin = None if made is None else change_named(prober, made, general)
    again = None if made is None or twin is None else changed_by(prober, made, twin, sender)
    if made is not None:
        remove(prober, made)
    if again is None:
        tried.append(f"{general} [{role}]: not seen again on a fresh record, not reported")
        return None, True
    reason = (
        Phrase.of("probe.may_not_open", why=judged.why)
        if judged.refused
        else Phrase.of("probe.not_offered")
    )
    who = Phrase.of("probe.anonymous") if role == ANONYMOUS else role
    key = "probe.delete_let_through" if change.deletes else "probe.write_let_through"
    reference = (
        REF_ANONYMOUS if role == ANONYMOUS else REF_HORIZONTAL if judged.refused else REF_VERTICAL
    )
    finding = Finding(
        ACCESS,
        Phrase.of(key, who=who, request=general),
        f"{general} [{role}]",
        f"{role} {reason}; after {change.request}, {why}; the same again on a fresh record",
        reference,
    )
    return finding, True


def _opens(
    prober: Prober,
    record: OwnRecord,
    owner_view: httpx.Response,
    theirs: httpx.Response,
    role: str | None,
) -> Judgement:
    """Whether ``role`` was refused the page: where the owner's view shows the record's
    own word, their view must show it too; elsewhere :func:`refusal` judges."""
    if owner_view.status_code == 200 and shows(owner_view.text, record.marker):
        shown = theirs.status_code == 200 and shows(theirs.text, record.marker)
        return Judgement(
            not shown, f"HTTP {theirs.status_code}" + ("" if shown else ", without the record")
        )
    return refusal(prober, theirs, owner_view, role)


def _offered(
    prober: Prober, change: Change, owner_view: httpx.Response, theirs: httpx.Response
) -> bool:
    """Whether the role whose view is ``theirs`` is offered ``change``. An API change is
    offered where its page twin (``/leads/7/qualify`` for ``/api/leads/7/qualify``) is:
    on the role's view if the owner's view shows it, else to whoever may open the record."""
    twin = _twin(prober, change.request)
    if twin == change.request:
        return _offers(theirs, change)
    return twin in theirs.text or twin not in owner_view.text


def _twin(prober: Prober, request: str) -> str:
    """An API request's page twin, by its address (``/leads/7/qualify`` for ``POST
    /api/leads/7/qualify``); any other request itself, whole."""
    prefix = prober.settings.api_prefix.rstrip("/")
    _, _, address = request.partition(" ")
    return address.removeprefix(prefix) if address.startswith(f"{prefix}/") else request


def _offers(answer: httpx.Response, change: Change) -> bool:
    """Whether ``answer`` (a role's view of the change's page) offers the change."""
    if change.form is None:
        return change.action in answer.text
    return any(
        f.method == "post" and f.target(change.page) == change.action for f in forms(answer.text)
    )


def changed_by(
    prober: Prober, record: OwnRecord, change: Change, role: str | None, forged: bool = False
) -> str | None:
    """Send ``change`` as ``role`` (``forged``: from another site's page, see
    :func:`.own.send_change`); how the owner's view of the record changed, or None."""
    first, before = view(prober, record), view(prober, record)
    noise = words(first.text) ^ words(before.text)
    value = f"golive{secrets.randbelow(10**6):06d}"
    answer = send_change(prober, change, role, value, forged=forged)
    after = view(prober, record)
    if answer.is_redirect:
        said = f"to {on_target(prober, change.page, answer.headers.get('location', '')) or '?'}"
    else:
        said = f"({excerpt(answer.text, 80)})" if answer.text.strip() else ""
    sent = f"HTTP {answer.status_code} {said}".rstrip()
    gone = judge(after, prober.running.target.login.path, before)
    if gone.refused:
        return f"{sent}, and its owner can no longer open it ({gone.why})"
    if value in after.text:
        return f"{sent}, and its owner's view shows the value sent ({value})"
    changed = difference((record, before), (record, after), noise)
    return f"{sent}, and in its owner's view {changed}" if changed else None
