"""Self-service escalation: a form a role reaches for its own account must not raise it.

The crawl runs as every configured role. A form on a role's pages that carries a field
naming a role, group or permission (``role``, ``group``, ``is_admin`` ...), and that is
the role's own (its page shows the role's own user name, or it is a profile, account or
settings page), is sent by that role with the most privileged choice the field offers
(an option naming admin, super, manager or owner, else the last one; a box ticked).
Then the role's access is probed again: the pages another role reached and this one was
refused. One of them opening now, twice, is a finding. The form is then sent again with
the values it had, to put the account back.

A form on somebody else's account (an administrator's user editor) is never sent.
"""

from __future__ import annotations

import re

from golive.errors import SuiteError
from golive.messages import Phrase
from golive.security.probes.access import ACCESS, REF_VERTICAL
from golive.security.probes.crawl import UNSAFE, Inventory, crawl
from golive.security.probes.forms import SeenForm, submit
from golive.security.probes.prober import Finding, Prober
from golive.security.probes.refusal import refusal

PRIVILEGE_FIELD = re.compile(
    r"role|group|perm|level|is_?admin|is_?staff|super|权限|角色|用户组", re.IGNORECASE
)
HIGH = re.compile(r"admin|super|manager|owner|root|管理", re.IGNORECASE)
OWN_PAGE = re.compile(r"profile|account|/me\b|self|userinfo|settings|个人|我的|资料", re.I)


def self_escalation(prober: Prober) -> tuple[list[str], list[Finding]]:
    """Each role's own privilege forms, sent with the highest choice; access re-probed."""
    users = prober.running.target.users
    inventory = crawl(prober)
    tried: list[str] = []
    found: list[Finding] = []
    untold: SeenForm | None = None
    sent = 0
    for role, user in users.items():
        higher = _higher(inventory, role)
        for seen in _own_privilege_forms(inventory, role, user.username):
            name, value = _highest(seen)
            if not higher:  # the top role: nothing to raise it to
                tried.append(f"{seen.request} [{role}]: no page {role} is refused to tell by")
                if len(users) < 2:  # no other role: nothing could tell
                    untold = untold or seen
                continue
            sent += 1
            # as it was: a box unticked is a box not sent
            kinds = {n: kind for n, kind, _ in seen.form.fields}
            if kinds.get(name) in {"checkbox", "radio"}:
                back: dict[str, str | None] = {name: seen.form.checked.get(name)}
            else:
                back = {name: next((v for n, _, v in seen.form.fields if n == name), "")}
            submit(prober, seen, {name: value}, note=" (its own account)")
            opened = [p for p in higher if _opens(prober, role, p, higher[p])]
            confirmed = [p for p in opened if _opens(prober, role, p, higher[p])]
            tried.append(
                f"{seen.request} [{role}] with {name}={value}: "
                + (f"now opens {', '.join(confirmed)}" if confirmed else "no more than before")
            )
            submit(prober, seen, back, note=" (put back)")
            if confirmed:
                found.append(_finding(seen, role, name, value, confirmed, higher))
    if untold is not None and not sent:
        raise SuiteError(
            Phrase.of("probe.escalation_untold", request=untold.request, role=untold.role)
        )
    if not tried:
        pages = sum(len(p) for p in inventory.pages.values())
        tried.append(f"no role's own pages offer a role, group or permission ({pages} crawled)")
    return tried, found


def _finding(
    seen: SeenForm, role: str, name: str, value: str, opened: list[str], higher: dict[str, str]
) -> Finding:
    return Finding(
        ACCESS,
        Phrase.of("probe.raises_itself", who=role, request=seen.request),
        f"{seen.request} [{role}] {name}={value}",
        f"{role} sent its own form with {name}={value}; then opened {', '.join(opened)} "
        f"(refused before, reached by {', '.join(sorted({higher[p] for p in opened}))}), "
        f"twice",
        REF_VERTICAL,
    )


def _higher(inventory: Inventory, role: str) -> dict[str, str]:
    """Pages another role opened that ``role`` met and was refused: page -> that role."""
    mine = inventory.pages.get(role, {})
    higher: dict[str, str] = {}
    for other, pages in inventory.pages.items():
        if other == role:
            continue
        for path, page in pages.items():
            met = mine.get(path)
            if page.status == 200 and met is not None and met.status != 200:
                higher.setdefault(path, other)
    return dict(list(higher.items())[:10])


def _own_privilege_forms(inventory: Inventory, role: str, username: str) -> list[SeenForm]:
    found: dict[str, SeenForm] = {}
    for page in inventory.pages.get(role, {}).values():
        for form in page.forms:
            seen = SeenForm(role, page.path, form)
            privileged = any(PRIVILEGE_FIELD.search(n) for n, _, _ in form.fields if n)
            own = OWN_PAGE.search(page.path) or username in [v for _, _, v in form.fields]
            if form.method == "post" and privileged and own and not UNSAFE.search(seen.action):
                found.setdefault(seen.request, seen)
    return list(found.values())


def _highest(seen: SeenForm) -> tuple[str, str]:
    """The privilege field and its most privileged choice."""
    for name, kind, value in seen.form.fields:
        if not name or not PRIVILEGE_FIELD.search(name):
            continue
        if kind == "select":
            options = [o for o in seen.form.options.get(name, []) if o]
            return name, next(
                (o for o in options if HIGH.search(o)), options[-1] if options else value
            )
        if kind in {"checkbox", "radio"}:
            return name, value or "on"
        return name, "admin"
    return "", ""


def _opens(prober: Prober, role: str, path: str, other: str) -> bool:
    reference = prober.send("GET", path, role=other, note=" (who may)")
    answer = prober.send("GET", path, role=role, note=" (after)")
    return answer.status_code == 200 and not refusal(prober, answer, reference, role).refused
