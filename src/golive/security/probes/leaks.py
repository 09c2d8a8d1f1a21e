"""Records leaking through lists: a role refused a record must not meet it elsewhere.

The probe makes its own records (:mod:`.own`), each holding a word of its own
(``golive123456``). For every other role and an anonymous visitor it asks first whether
they may open each record's page (the word shown there, as the owner sees it). Then it
crawls as each of them (their lists, their dashboards) and sends the word to every
search and filter parameter the crawl met, as their search boxes would. A record
refused to a role but met on one of that role's pages is a finding: on a crawled page,
its word; in a search's answer, a link to the record's page or its word more often than
a word nobody wrote is echoed in the same search. Confirmed by a second look.
"""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

import httpx

from golive.errors import SuiteError
from golive.inputs.security_policy import ANONYMOUS, Request
from golive.messages import Phrase
from golive.security.probes.access import ACCESS, REF_ANONYMOUS, REF_HORIZONTAL
from golive.security.probes.crawl import crawl, hrefs, parameters
from golive.security.probes.own import OwnRecord, make_all, remove, shows
from golive.security.probes.prober import Finding, Prober, split_parameter


def list_leaks(prober: Prober) -> tuple[list[str], list[Finding]]:
    """The probe's own records looked for in the lists and searches of those refused them."""
    records = make_all(prober)
    if not records:
        raise SuiteError(
            Phrase.of("probe.no_own_leak", target=prober.running.target.name, role=prober.role)
        )
    tried = [f"{r.made_by} made {r.page} [{r.owner}]" for r in records]
    others = [*(r for r in prober.running.target.users if r != prober.role), ANONYMOUS]
    refused = {role: [r for r in records if not _opens(prober, r, role)] for role in others}
    tried += [
        f"[{role}] may not open: " + (", ".join(r.general(r.page) for r in rs) or "none")
        for role, rs in refused.items()
    ]
    # (role, address) -> the record met there, how, and how often a search echoes a word
    met: dict[tuple[str, str], tuple[OwnRecord, str, int]] = {}

    def look(role: str, answer: httpx.Response) -> None:
        for record in refused.get(role, []):
            if _shows(answer, record, 0):
                met.setdefault((role, _address(answer)), (record, "listed", 0))

    crawl(prober, [r for r in others if r != ANONYMOUS and refused[r]], look=look)
    for role, records_refused in refused.items():
        for request in parameters(prober) if records_refused else []:
            for record in records_refused:
                control = _search(prober, request, role, _word())
                echoed = control.text.count(str(control.request.url).rsplit("=", 1)[-1])
                answer = _search(prober, request, role, record.marker)
                if _shows(answer, record, echoed):
                    met.setdefault((role, _address(answer)), (record, "found by its word", echoed))
    found = [f for key, value in met.items() if (f := _confirmed(prober, key, value, tried))]
    for record in records:
        remove(prober, record)
    return tried, found


def _sender(role: str) -> str | None:
    return None if role == ANONYMOUS else role


def _opens(prober: Prober, record: OwnRecord, role: str) -> bool:
    answer = prober.send("GET", record.page, role=_sender(role), note=" (their view)")
    return answer.status_code == 200 and shows(answer.text, record.marker)


def _word() -> str:
    return f"golive{secrets.randbelow(10**6):06d}"


def _address(answer: httpx.Response) -> str:
    return answer.request.url.raw_path.decode()


def _search(prober: Prober, request: Request, role: str, word: str) -> httpx.Response:
    path, name, fixed = split_parameter(request)
    params = {**fixed, name: word}  # the asked word last: the control's echo is counted
    return prober.send("GET", path, role=_sender(role), params=params, note=" (a search)")


def _shows(answer: httpx.Response, record: OwnRecord, echoed: int) -> bool:
    """Whether ``answer`` shows ``record``: a link to its page, or its word more often than
    the same search shows back a word nobody wrote (``echoed``)."""
    if answer.status_code != 200 or answer.request.url.path == record.page:
        return False
    links = any(urlsplit(h).path == record.page for h in hrefs(answer.text))
    return links or answer.text.count(record.marker) > echoed


def _confirmed(
    prober: Prober,
    key: tuple[str, str],
    value: tuple[OwnRecord, str, int],
    tried: list[str],
) -> Finding | None:
    (role, address), (record, how, echoed) = key, value
    again = prober.send("GET", address, role=_sender(role), note=" (again)")
    if not _shows(again, record, echoed):
        tried.append(f"{address} [{role}]: met once, not again: not reported")
        return None
    who = Phrase.of("probe.anonymous") if role == ANONYMOUS else role
    shown = record.general(address.replace(record.marker, "{word}"))
    return Finding(
        ACCESS,
        Phrase.of("probe.leaks", who=who, page=shown),
        f"GET {shown} [{role}]",
        f"{record.page}, made by {record.owner}, is refused to {role}, yet it is on GET "
        f"{address} ({how}), twice",
        REF_ANONYMOUS if role == ANONYMOUS else REF_HORIZONTAL,
    )
