"""Reflected script: a script-like value sent to a page must come back escaped.

Where: golive.toml's ``reflected`` parameters, every text field of the search and filter
forms the crawl met (GET), every query parameter of a link it followed, and every text
field of a POST form that only looks something up (:mod:`golive.security.probes.forms`
decides; a form that stores is the stored-script probe's). A finding is an HTML answer
with the markup in it verbatim, seen again with a fresh value on a second request.
Nothing to send it to proves nothing.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from functools import partial

import httpx

from golive.errors import SuiteError
from golive.messages import Phrase
from golive.security.probes.crawl import discovered, template
from golive.security.probes.forms import SeenForm, lookup_forms, submit
from golive.security.probes.injection import REF_XSS, XSS
from golive.security.probes.prober import Finding, Prober, split_parameter

MAX_PLACES = 40
"""Places tried at most: the configured ones first, then the crawl's."""


def payload() -> str:
    """Markup that runs script if a page pastes it in, unique per request."""
    return f'"><svg onload=golive{secrets.randbelow(10**6):06d}>'


def reflected_script(prober: Prober) -> tuple[list[str], list[Finding]]:
    """The markup in every parameter and lookup field, looked for in the answer."""
    inventory = discovered(prober)
    requests = [
        *prober.settings.reflected,
        *inventory.search_parameters(),
        *inventory.link_parameters(),
    ]
    places: list[tuple[str, str, Callable[[str], httpx.Response]]] = []
    shapes: set[tuple[str, str]] = set()
    for request in requests:
        path, name, fixed = split_parameter(request)
        if (template(path), name) in shapes:  # /leads/1?lang is /leads/2?lang
            continue
        shapes.add((template(path), name))
        places.append((f"GET {path}?{name}", name, partial(_get, prober, path, name, fixed)))
    for seen in lookup_forms(prober):
        places += [
            (f"{seen.request} ({name})", name, partial(_post, prober, seen, name))
            for name in seen.text_fields()
        ]
    if not places:
        raise SuiteError(Phrase.of("probe.nothing_to_reflect", target=prober.running.target.name))
    tried: list[str] = []
    found: list[Finding] = []
    for where, name, send in places[:MAX_PLACES]:
        first = payload()
        answer = send(first)
        shown = _pasted(answer, first)
        pasted = ", pasted" if shown else ""
        tried.append(f"{where}=<svg onload=…> -> {answer.status_code}{pasted}")
        if not shown:
            continue
        second = payload()
        again = send(second)
        if not _pasted(again, second):
            tried.append(f"{where}: pasted once, not again: not reported")
            continue
        found.append(
            Finding(
                XSS,
                Phrase.of("probe.unescaped", name=name),
                f"{where}={second}",
                f"the answer (HTTP {again.status_code}, HTML) contains the markup verbatim, "
                f"twice: ...{_around(again.text, second)}...",
                REF_XSS,
            )
        )
    return tried, found


def _get(prober: Prober, path: str, name: str, fixed: dict[str, str], value: str) -> httpx.Response:
    params = {**fixed, name: value}
    return prober.send("GET", path, role=prober.role, params=params, note=f" {name}=…")


def _post(prober: Prober, seen: SeenForm, name: str, value: str) -> httpx.Response:
    return submit(prober, seen, {name: value}, note=f" {name}=…")[0]


def _pasted(answer: httpx.Response, markup: str) -> bool:
    html = "html" in answer.headers.get("content-type", "")
    return html and markup in answer.text


def _around(text: str, markup: str, size: int = 40) -> str:
    at = text.find(markup)
    return " ".join(text[max(0, at - size) : at + len(markup) + size].split())
