"""Stored script: what a user writes into a record comes back escaped on every page.

The probe makes its own records (:mod:`.own`), each text field holding a harmless piece
of markup of its own (``<svg data-golive="123456-name">``), then crawls again as an
anonymous visitor and as every configured role (the pages where other users meet the
record: lists, dashboards, notifications) and opens each record's page as every role.
The markup found as it was written, not escaped, on a page is a finding, confirmed by a
second look at that page as the same role.
"""

from __future__ import annotations

import httpx

from golive.errors import SuiteError
from golive.inputs.security_policy import ANONYMOUS
from golive.messages import Phrase
from golive.security.probes.crawl import crawl
from golive.security.probes.injection import REF_XSS
from golive.security.probes.own import OwnRecord, make_all, remove
from golive.security.probes.prober import Finding, Prober

STORED = Phrase.of("probe.stored_xss")


def stored_script(prober: Prober) -> tuple[list[str], list[Finding]]:
    """The markup written into the probe's own records, looked for on every page."""
    made = make_all(prober)
    if not made:
        raise SuiteError(
            Phrase.of("probe.no_own_markup", target=prober.running.target.name, role=prober.role)
        )
    tried = [
        f"{r.made_by} made {r.page} [{r.owner}], "
        + (f"markup in {', '.join(r.markup)}" if r.markup else "markup refused: words only")
        for r in made
    ]
    records = [r for r in made if r.markup]
    hits: dict[tuple[str, str], tuple[OwnRecord, str, str]] = {}
    looked: dict[str, int] = {}

    def look(role: str, answer: httpx.Response) -> None:
        looked[role] = looked.get(role, 0) + 1
        for record in records:
            for name, mark in record.markup.items():
                if mark in answer.text:
                    page = record.general(answer.request.url.path)
                    hits.setdefault((name, page), (record, role, answer.request.url.path))

    roles = list(prober.running.target.users)
    crawl(prober, roles, look=look)
    for record in records:
        for role in [*roles, ANONYMOUS]:
            sender = None if role == ANONYMOUS else role
            look(role, prober.send("GET", record.page, role=sender, note=" (the record)"))
    tried += [f"pages looked at as {role}: {count}" for role, count in looked.items()]
    found: list[Finding] = []
    for (name, page), (record, role, path) in hits.items():
        again = prober.send("GET", path, role=None if role == ANONYMOUS else role)
        if record.markup[name] not in again.text:
            tried.append(f"{page} [{role}]: {name} unescaped once, not again: not reported")
            continue
        found.append(
            Finding(
                STORED,
                Phrase.of("probe.stored_unescaped", name=name, page=page),
                f"{record.made_by} ({name}) -> GET {page} [{role}]",
                f"{record.markup[name]} written into {name} of {record.page} is in the "
                f"answer to GET {path} as {role} verbatim, twice",
                REF_XSS,
            )
        )
    for record in made:
        remove(prober, record)
    return tried, found
