"""Self-service escalation: a form a role reaches for its own account must not raise it.

The crawl runs as every configured role. A form that stores on a role's own pages (its
page shows the role's own user name, or it is a profile, account or settings page) is
sent by that role twice: once with the highest choice of a field it shows that names a
role, group or permission (``role``, ``group``, ``is_admin`` ...: an option whose text or
value names admin, super, manager or owner; a box ticked), once with the privilege
fields it does not show (``is_admin=1``, ``role=admin`` and the names the platform's
other forms use: mass assignment). After each, the role's access is probed again: the
pages another role reached and this one was refused. One of them opening now, twice, is
a finding. The form is then sent again as it was, to put the account back (a flag it
did not show sent back false).

A form on somebody else's account (an administrator's user editor) is never sent, nor
one that sets a password, nor a choice that names no higher role (a role sent lower
could no longer open its form to put itself back).
"""

from __future__ import annotations

import re

from golive.errors import SuiteError
from golive.inputs.security_policy import ANONYMOUS
from golive.messages import Phrase
from golive.security.probes.access import ACCESS, REF_VERTICAL
from golive.security.probes.crawl import UNSAFE, Inventory, crawl
from golive.security.probes.forms import TEXT, SeenForm, stores, submit
from golive.security.probes.mass import MASS, REF_MASS, extras
from golive.security.probes.prober import Finding, Prober
from golive.security.probes.refusal import refusal

PRIVILEGE_FIELD = re.compile(
    r"role|group|perm|level|is_?admin|is_?staff|super|权限|角色|用户组", re.IGNORECASE
)
HIGH = re.compile(r"admin|super|manager|owner|root|管理", re.IGNORECASE)
OWN_PAGE = re.compile(r"profile|account|/me\b|self|userinfo|settings|个人|我的|资料", re.I)


def self_escalation(prober: Prober) -> tuple[list[str], list[Finding]]:
    """Each role's own account forms, sent with the highest choice they show and with
    privilege fields they do not show; the role's access re-probed after each."""
    users = prober.running.target.users
    inventory = prober.inventory = crawl(prober)  # the forms the extras are named from too
    tried: list[str] = []
    found: list[Finding] = []
    untold: SeenForm | None = None
    sent = 0
    for role, user in users.items():
        higher = _higher(inventory, role)
        for seen in _own_forms(inventory, role, user.username):
            attempts = _attempts(prober, seen, tried)
            if attempts and not higher:  # the top role: nothing to raise it to
                tried.append(f"{seen.request} [{role}]: no page {role} is refused to tell by")
                if len(users) < 2:  # no other role: nothing could tell
                    untold = untold or seen
                continue
            kept = _as_it_was(seen)
            for values, back, hidden in attempts:
                sent += 1
                said = ", ".join(f"{k}={v}" for k, v in values.items())
                submit(prober, seen, {**kept, **values}, note=" (its own account)")
                opened = [p for p in higher if _opens(prober, role, p, higher[p])]
                confirmed = [p for p in opened if _opens(prober, role, p, higher[p])]
                tried.append(
                    f"{seen.request} [{role}] with {said}: "
                    + (f"now opens {', '.join(confirmed)}" if confirmed else "no more than before")
                )
                submit(prober, seen, {**kept, **back}, note=" (put back)")
                if confirmed:
                    found.append(_finding(seen, role, said, confirmed, higher, hidden))
    if untold is not None and not sent:
        raise SuiteError(
            Phrase.of("probe.escalation_untold", request=untold.request, role=untold.role)
        )
    if not tried:
        pages = sum(len(p) for p in inventory.pages.values())
        tried.append(f"no role's own pages offer a form of its own account ({pages} crawled)")
    return tried, found


Values = dict[str, str | None]


def _attempts(
    prober: Prober, seen: SeenForm, tried: list[str]
) -> list[tuple[Values, Values, bool]]:
    """What to send the form with, what puts it back, and whether the fields are ones
    it does not show: its privilege field's highest choice, then the privilege fields of
    :func:`golive.security.probes.mass.extras` it does not show."""
    attempts: list[tuple[Values, Values, bool]] = []
    shown = [n for n, _, _ in seen.form.fields if n]
    if any(PRIVILEGE_FIELD.search(n) for n in shown):
        name, value = _highest(seen)
        if name:
            attempts.append(({name: value}, _back(seen, name), False))
        else:
            tried.append(f"{seen.request} [{seen.role}]: no choice names a higher role")
    hidden = {k: v for k, v in extras(prober, shown).items() if PRIVILEGE_FIELD.search(k)}
    if hidden:
        # a flag sent back false; a role or group the form never showed cannot be
        back: Values = {k: "0" for k, v in hidden.items() if v in {"1", "true", "on"}}
        attempts.append((dict(hidden), back, True))
    return attempts


def _back(seen: SeenForm, name: str) -> Values:
    """The field as it was: a box unticked is a box not sent."""
    kinds = {n: kind for n, kind, _ in seen.form.fields}
    if kinds.get(name) in {"checkbox", "radio"}:
        return {name: seen.form.checked.get(name)}
    return {name: next((v for n, _, v in seen.form.fields if n == name), "")}


def _as_it_was(seen: SeenForm) -> Values:
    """The text fields as the account has them, empty ones left empty: the probe's own
    words must not stay on somebody's account."""
    return {n: v for n, kind, v in seen.form.fields if n and kind in TEXT and not v}


def _finding(
    seen: SeenForm,
    role: str,
    said: str,
    opened: list[str],
    higher: dict[str, str],
    hidden: bool,
) -> Finding:
    key = "probe.raises_itself_hidden" if hidden else "probe.raises_itself"
    how = "with fields it does not show, " if hidden else ""
    return Finding(
        MASS if hidden else ACCESS,
        Phrase.of(key, who=role, request=seen.request),
        f"{seen.request} [{role}] {said}",
        f"{role} sent its own form {how}{said}; then opened {', '.join(opened)} "
        f"(refused before, reached by {', '.join(sorted({higher[p] for p in opened}))}), "
        f"twice",
        REF_MASS if hidden else REF_VERTICAL,
    )


def _higher(inventory: Inventory, role: str) -> dict[str, str]:
    """Pages another role opened that ``role`` met and was refused: page -> that role."""
    mine = inventory.pages.get(role, {})
    higher: dict[str, str] = {}
    for other, pages in inventory.pages.items():
        if other in {role, ANONYMOUS}:  # a login page refuses the signed-in: not a rank
            continue
        for path, page in pages.items():
            met = mine.get(path)
            if page.status == 200 and met is not None and met.status != 200:
                higher.setdefault(path, other)
    return dict(list(higher.items())[:10])


def _own_forms(inventory: Inventory, role: str, username: str) -> list[SeenForm]:
    """The POST forms of ``role``'s own account that store (its page is a profile,
    account or settings page, or the form holds its user name); never one that sets a
    password."""
    found: dict[str, SeenForm] = {}
    for page in inventory.pages.get(role, {}).values():
        for form in page.forms:
            seen = SeenForm(role, page.path, form)
            own = OWN_PAGE.search(page.path) or username in [v for _, _, v in form.fields]
            if (
                form.method == "post"
                and own
                and stores(seen)
                and form.password_field is None
                and not UNSAFE.search(seen.action)
            ):
                found.setdefault(seen.request, seen)
    return list(found.values())


def _highest(seen: SeenForm) -> tuple[str, str]:
    """The privilege field and its most privileged choice; ("", "") if none can be told.

    A choice must name a higher role (admin, manager ...) in its text or value: the last
    option of a list may as well be the lowest, and a role sent lower could no longer open
    its own form to be put back. A list with several choices made is left alone too: one
    value cannot put it back."""
    form = seen.form
    for name, kind, value in form.fields:
        if not name or not PRIVILEGE_FIELD.search(name):
            continue
        if kind == "select":
            if len(form.selected.get(name, [])) > 1:
                continue
            named = zip(form.options.get(name, []), form.labels.get(name, []), strict=False)
            high = [v for v, label in named if v and v != value and HIGH.search(f"{label} {v}")]
            if high:
                return name, high[0]
            continue
        if kind in {"checkbox", "radio"}:
            return name, value or "on"
        return name, "admin"
    return "", ""


def _opens(prober: Prober, role: str, path: str, other: str) -> bool:
    reference = prober.send("GET", path, role=other, note=" (who may)")
    answer = prober.send("GET", path, role=role, note=" (after)")
    return answer.status_code == 200 and not refusal(prober, answer, reference, role).refused
