"""Cross-site request forgery: another site's page must not make changes through a
signed-in person's browser.

A forged request carries the person's cookies, but not the CSRF token the platform's
own page holds, and says another site is its origin (:data:`.forms.FORGED`), so a
platform that checks the origin instead of a token refuses it too. The probing role
sends, as the owner of what changes:

- each form the crawl met that creates a record: a record made so is the probe's own
  (found by its word, as :mod:`.own` finds one) and is deleted;
- each change its own records offer it (edit, move on, delete), on a record made for
  the purpose: accepted if the owner's view of the record changed;
- the forms of the pages golive.toml lists (``forms``) and the API requests it lists
  (``inputs``) with the session cookie alone: accepted unless refused (400, 401, 403,
  419).

An accepted forgery of a discovered form is reported only when a second one is accepted
too, on a fresh record.
"""

from __future__ import annotations

import httpx

from golive.errors import SuiteError
from golive.messages import Phrase
from golive.run.session import CSRF_NAME, forms
from golive.security.probes.forms import FORGED, SeenForm, record_forms
from golive.security.probes.injection import excerpt
from golive.security.probes.own import (
    MAX_KINDS,
    change_named,
    changes,
    make,
    remove,
    send_change,
)
from golive.security.probes.prober import Finding, Prober
from golive.security.probes.write import MAX_STEPS, changed_by, fresh

CSRF = Phrase.of("probe.csrf")
REF_CSRF = "OWASP A01:2021 Broken Access Control; ASVS 4.2.2"
REFUSED = (400, 401, 403, 419)


def csrf_required(prober: Prober) -> tuple[list[str], list[Finding]]:
    """The forms the crawl met and golive.toml lists, forged; fail closed when there was
    none to forge."""
    tried, sent, found = forged_forms(prober)
    more_tried, more_found = _listed(prober, set(sent))
    if not tried and not more_tried:
        raise SuiteError(Phrase.of("probe.nothing_to_forge", target=prober.running.target.name))
    return tried + more_tried, found + more_found


def forged_forms(prober: Prober) -> tuple[list[str], list[str], list[Finding]]:
    """Every creating form and every change of the probe's own records, forged: what
    was tried, the requests forged (``POST /leads/new``), and the confirmed findings."""
    tried: list[str] = []
    sent: list[str] = []
    found: list[Finding] = []
    for seen in record_forms(prober, prober.role)[:MAX_KINDS]:
        sent.append(seen.request)
        finding = _forged_record(prober, seen, tried)
        found += [finding] if finding else []
        record = make(prober, seen)
        if record is None:
            tried.append(f"{seen.request}: made no record, its changes not tried")
            continue
        path: list[str] = []  # the owner's changes that moved the record on so far
        for _ in range(MAX_STEPS + 1):
            offered = changes(prober, record)
            for general in [g for c in offered if (g := record.general(c.request)) not in sent]:
                change = next((c for c in offered if record.general(c.request) == general), None)
                if change is None:
                    break
                sent.append(general)
                why = changed_by(prober, record, change, record.owner, forged=True)
                after = f" after {' and '.join(path)}" if path else ""
                tried.append(f"{general}, forged [{record.owner}]{after}: " + (why or "refused"))
                if why is None:
                    continue
                remove(prober, record)  # the next change is tried on a record as it was
                again = _again(prober, seen, general, path)
                if again is None:
                    tried.append(f"{general}, forged: not seen again on a fresh record")
                else:
                    found.append(_finding(general, f"{why}; on a fresh record: {again}"))
                made = fresh(prober, seen, path)
                record, offered = (made, changes(prober, made)) if made else (record, [])
            # the owner moves the record on (qualify, submit ...): new changes appear
            step = next((c for c in offered if not c.deletes and c.text_field() is None), None)
            if step is None:
                break
            send_change(prober, step, record.owner)
            path.append(record.general(step.request))
        remove(prober, record)
    return tried, sent, found


def _forged_record(prober: Prober, seen: SeenForm, tried: list[str]) -> Finding | None:
    """``seen`` forged: a finding if it made a record, and again a second time."""
    first = make(prober, seen, forged=True)
    if first is None:
        tried.append(f"{seen.request}, forged [{seen.role}]: refused, no record made")
        return None
    remove(prober, first)
    second = make(prober, seen, forged=True)
    if second is not None:
        remove(prober, second)
    tried.append(
        f"{seen.request}, forged [{seen.role}]: made {first.page}"
        + (f", and again {second.page}" if second else ", not again: not reported")
    )
    if second is None:
        return None
    return _finding(seen.request, f"made {first.page} and, again, {second.page}")


def _again(prober: Prober, seen: SeenForm, general: str, path: list[str]) -> str | None:
    """The change ``general`` forged on a fresh record of ``seen``'s kind, moved on
    along ``path`` first: how the record changed, or None."""
    made = fresh(prober, seen, path)
    if made is None:
        return None
    twin = change_named(prober, made, general)
    why = None if twin is None else changed_by(prober, made, twin, made.owner, forged=True)
    remove(prober, made)
    return why


def _finding(request: str, why: str) -> Finding:
    return Finding(
        CSRF,
        Phrase.of("probe.csrf_forged", request=request),
        f"{request}, without the CSRF token, from another site's origin",
        f"sent by its own user from another site's page: {why}",
        REF_CSRF,
    )


def _listed(prober: Prober, sent: set[str]) -> tuple[list[str], list[Finding]]:
    """Each listed page's own form (unless already forged), and the listed API requests
    through the session cookie, posted without the CSRF token: each must be refused."""
    tried: list[str] = []
    found: list[Finding] = []
    session = prober.web(prober.role)
    for page in prober.settings.forms:
        shown = prober.send("GET", page, client=session.client)
        form = next(
            (f for f in forms(shown.text) if f.method == "post" and f.target(page) == page), None
        )
        if form is None:
            found.append(
                Finding(
                    CSRF,
                    Phrase.of("probe.no_form", page=page),
                    f"GET {page}",
                    f"HTTP {shown.status_code}: the CSRF check could not be tried",
                    REF_CSRF,
                )
            )
            continue
        if f"POST {page}" in sent:
            continue
        data = form.values(without=lambda n: CSRF_NAME.search(n) is not None)
        answer = prober.send(
            "POST", page, client=session.client, data=data, headers=FORGED, note=" (no token)"
        )
        tried.append(f"POST {page} without the CSRF token -> {answer.status_code}")
        if answer.status_code not in REFUSED:
            found.append(_accepted(f"POST {page}", answer))
    for form_input in prober.settings.inputs:
        method, path = form_input.request.method, form_input.request.path
        if not path.startswith(prober.settings.api_prefix):
            continue
        # the browser's cookie alone, as a forged cross-site request would carry it
        answer = prober.send(
            method,
            path,
            client=session.client,
            json=dict(form_input.body),
            headers=FORGED,
            note=" (cookie only)",
        )
        tried.append(
            f"{method} {path} with the session cookie, no CSRF token -> {answer.status_code}"
        )
        if answer.status_code not in REFUSED:
            found.append(_accepted(f"{method} {path}", answer))
    return tried, found


def _accepted(request: str, answer: httpx.Response) -> Finding:
    return Finding(
        CSRF,
        Phrase.of("probe.csrf_accepted", request=request),
        request,
        f"HTTP {answer.status_code}: {excerpt(answer.text)}",
        REF_CSRF,
    )
