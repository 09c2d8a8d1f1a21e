"""The access matrix the platform shows: pages one role is linked to and another is not.

The crawl runs as every configured role and as an anonymous visitor. Where a page both
roles open shows one of them a link the other's copy of it leaves out, and the other
never meets that link anywhere, the platform itself has said who the page is for. The
left-out role then opens the page directly: getting what the linked role gets (the same
content, judged by :mod:`golive.security.probes.refusal` against a fresh answer of the
linked role) on two requests is a finding. A refusal of any kind is what it should get.

Left to the other probes: pages of one record (an id in the path or an ``id`` query
parameter), which are other users' records, not other roles' pages; and pages an
action of golive.toml's matrix names, which that matrix decides.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import partial
from urllib.parse import parse_qsl

from golive.errors import SuiteError
from golive.inputs.security_policy import ANONYMOUS
from golive.messages import Phrase
from golive.security.probes.access import ACCESS, REF_ANONYMOUS, REF_VERTICAL, let_through
from golive.security.probes.crawl import Inventory, crawl, template
from golive.security.probes.prober import Finding, Prober
from golive.security.probes.refusal import words

RECORD_QUERY = re.compile(r"^(id|.+[_-]id|.+Id|uuid|pk|key)$")
PER_ROLE = 25
"""Pages tried per role: the crawl may find more, the budget is shared."""


@dataclass(frozen=True)
class Hidden:
    """A page ``role`` is not linked to that ``linked`` is, on the page both open."""

    role: str
    path: str
    linked: str
    shown_on: str


def crawled_access(prober: Prober) -> tuple[list[str], list[Finding]]:
    """Each page hidden from a role, opened by that role: it must be refused."""
    inventory = crawl(prober)
    configured = [_template(a.request.path) for a in prober.settings.actions]
    tried: list[str] = []
    found: list[Finding] = []
    for hidden in hidden_pages(inventory):
        path = hidden.path.partition("?")[0]
        if any(t.match(path) for t in configured):
            continue
        reference = prober.send("GET", hidden.path, role=hidden.linked, note=" (who is linked)")
        if reference.status_code != 200:
            continue  # the page moved on since the crawl: nothing to hold an answer against
        answer = prober.send("GET", hidden.path, role=hidden.role)
        tried.append(
            f"GET {hidden.path} [{hidden.role}] -> {answer.status_code} (linked for "
            f"{hidden.linked} on {hidden.shown_on})"
        )
        again = partial(prober.send, "GET", hidden.path, role=hidden.role, note=" (again)")
        why = let_through(prober, answer, reference, hidden.role, again)
        if why is not None:
            shared = sorted(
                words(reference.text) & words(answer.text) - words(prober.landing(hidden.role))
            )
            found.append(_finding(hidden, why, shared))
    if not tried:
        pages = sum(len(p) for p in inventory.pages.values())
        roles = ", ".join(inventory.pages)
        if not _shared(inventory):  # no two views of one page: nothing was compared
            raise SuiteError(Phrase.of("probe.nothing_to_compare", roles=roles, pages=pages))
        tried.append(f"every page is linked alike for {roles} ({pages} crawled)")
    return tried, found


def hidden_pages(inventory: Inventory) -> list[Hidden]:
    """The pages each role is not linked to and another role is, on a page both open
    (an anonymous visitor is never the linked role: what it is shown is public)."""
    met = {role: _met(inventory, role) for role in inventory.pages}
    found: dict[tuple[str, str], Hidden] = {}
    counted: Counter[str] = Counter()
    for linked, pages in inventory.pages.items():
        if linked == ANONYMOUS:
            continue
        reached = inventory.reached(linked)
        for where, page in pages.items():
            if page.status != 200:
                continue
            for role, theirs in inventory.pages.items():
                other = theirs.get(where)
                if role == linked or other is None or other.status != 200:
                    continue
                for path in page.links:
                    if path in other.links or path in met[role] or path not in reached:
                        continue
                    if _record(path) or (role, path) in found or counted[role] >= PER_ROLE:
                        continue
                    found[(role, path)] = Hidden(role, path, linked, where)
                    counted[role] += 1
    return list(found.values())


def _shared(inventory: Inventory) -> bool:
    """Whether two views (roles, or a role and an anonymous visitor) opened one page."""
    seen: set[str] = set()
    for role in inventory.pages:
        reached = inventory.reached(role)
        if seen & reached:
            return True
        seen |= reached
    return False


def _met(inventory: Inventory, role: str) -> set[str]:
    """Every address ``role`` opened or was shown a link to."""
    pages = inventory.pages.get(role, {})
    return set(pages) | {link for page in pages.values() for link in page.links}


def _record(address: str) -> bool:
    """A page of one record: an id in its path (the crawl's ``{id}``) or an id parameter."""
    query = address.partition("?")[2]
    return "{id}" in template(address) or any(RECORD_QUERY.match(k) for k, _ in parse_qsl(query))


def _template(path: str) -> re.Pattern[str]:
    parts = re.split(r"\{[^}]*\}", path.partition("?")[0])
    return re.compile("^" + "[^/]+".join(re.escape(p) for p in parts) + "/?$")


def _finding(hidden: Hidden, why: str, shared: list[str]) -> Finding:
    who = Phrase.of("probe.anonymous") if hidden.role == ANONYMOUS else hidden.role
    sample = " ".join(shared[:8])
    return Finding(
        ACCESS,
        Phrase.of("probe.hidden_page", who=who, page=hidden.path, linked=hidden.linked),
        f"GET {hidden.path} as {hidden.role}",
        f"{why}; {hidden.linked}'s {hidden.shown_on} links to it and {hidden.role}'s does "
        f"not, nor does any page {hidden.role} opened; words of {hidden.linked}'s answer it "
        f"shows: {sample}",
        REF_ANONYMOUS if hidden.role == ANONYMOUS else REF_VERTICAL,
    )
