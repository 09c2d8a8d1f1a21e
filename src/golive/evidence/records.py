"""Evidence: the Allure result files of any producer, read as records the gate can judge.

A result names the criteria it proves with ``tag`` labels (``AC-ORD-01``; pytest-bdd
writes one per Gherkin tag) or ``criterion`` labels (golive's load and security
results). Its kind comes from a ``kind`` label, else from a ``load``, ``security`` or
``migration`` tag, else it is ``uat``. A test run more than once counts once: its newest result.

A scenario's result carries a ``check`` label, its file and line in the library
(``features/daily/orders.feature:12``): that is how the gate reconciles the results with
the checks the library says should have run (``inputs.library.ExpectedCheck``), so a scenario whose
result never came (a crashed worker, a deleted file) is missing evidence, not ignored.

Each result also says what it was produced against (``platform_version`` and ``commit``
labels), so the gate can hold a criterion to evidence from the version going live.

A check that could not gather evidence at all (static analysis of a target with no
source) says so with the label ``evidence = none`` on a skipped result: the gate then
shows its criteria as ``no_evidence`` with the reason, rather than as failed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from golive.errors import ConfigError
from golive.evidence.bulk import collector_paused
from golive.inputs.catalog import EVIDENCE_KINDS, is_criterion_tag

ALLURE_STATUSES = ("passed", "failed", "broken", "skipped", "unknown")
NO_EVIDENCE = ("evidence", "none")
"""The label of a skipped check that had nothing to judge; see the module docstring."""
RESULT_SUFFIX = "-result.json"
"""How an Allure result file's name ends (``<uuid>-result.json``)."""
CHECK_LABEL = "check"
"""The label naming the library scenario a result belongs to; see the module docstring."""
VERSION_LABEL = "platform_version"
"""The label of the platform version a result was produced against (freshness)."""
COMMIT_LABEL = "commit"
"""The label of the project commit whose scenarios produced a result."""


@dataclass(frozen=True)
class Outage:
    """The target stopped answering during the run: between these two moments."""

    last_answer: dt.datetime
    """The last time it answered: checks that broke after this may be the outage's."""
    first_refusal: dt.datetime
    """The first time it did not answer: what the run says as "stopped answering at"."""


@dataclass(frozen=True)
class Evidence:
    """One check's newest result."""

    name: str
    kind: str
    status: str  # one of ALLURE_STATUSES
    criteria: tuple[str, ...]
    key: str
    """What identifies the same check across reruns (Allure's historyId)."""
    stop: int
    """When the check ended, in ms since the epoch."""
    message: str = ""
    source: str = ""
    """The file it was read from. A str, not a Path: a Path per result (two more objects
    for the cyclic collector to walk) made reading and judging 50,000 results 0.3 s slower."""
    absent: bool = False
    """The check said it had no evidence to give (``NO_EVIDENCE``); it proves nothing."""
    check: str = ""
    """The library scenario it is a result of (``CHECK_LABEL``); empty for other results."""
    version: str = ""
    """The platform version it was produced against (``VERSION_LABEL``); empty: unknown."""
    commit: str = ""
    """The project commit it was produced from (``COMMIT_LABEL``); empty: unknown."""


@collector_paused()
def read_results(folder: Path) -> tuple[Evidence, ...]:
    """Every ``*-result.json`` in ``folder``, newest per check, oldest first.

    Linear in the number of files: one pass over the folder (``os.scandir``, which
    ``Path.glob`` uses underneath, without making a Path per name), one parse per file,
    one dictionary of the newest result per check (``newest``)."""
    if not folder.is_dir():
        raise ConfigError(
            f"no Allure results folder at {folder}; run the suites first "
            f"(golive run) or pass --results"
        )
    try:
        with os.scandir(folder) as entries:
            # normcase: the name matched as Path.glob matches it (without case on Windows)
            files = [e.path for e in entries if os.path.normcase(e.name).endswith(RESULT_SUFFIX)]
    except OSError as exc:
        # an unreadable folder is not an empty one (Path.glob took it for one)
        raise ConfigError(
            f"the Allure results folder {folder} cannot be read ({exc.strerror or exc})"
        ) from None
    return newest(parse_result(path) for path in files)


def newest(results: Iterable[Evidence]) -> tuple[Evidence, ...]:
    """Keep each check's newest result (a rerun replaces the earlier outcome)."""
    latest: dict[str, Evidence] = {}
    for result in results:
        kept = latest.get(result.key)
        if kept is None or result.stop >= kept.stop:
            latest[result.key] = result
    return tuple(sorted(latest.values(), key=lambda e: (e.stop, e.name)))


def parse_result(path: str) -> Evidence:
    """One Allure result file; a file that is not one is bad input, not a silent skip."""
    try:
        with open(path, "rb") as file:
            data = json.loads(file.read())
    except (OSError, ValueError) as exc:
        raise ConfigError(f"not a readable Allure result ({exc})", path=Path(path)) from None
    if not isinstance(data, dict) or not isinstance(data.get("name"), str):
        raise ConfigError("not an Allure result: no test name", path=Path(path))
    labels = [
        (lb.get("name"), lb.get("value")) for lb in data.get("labels", ()) if isinstance(lb, dict)
    ]
    tags = [str(v) for n, v in labels if n == "tag"]
    criteria = tuple(
        dict.fromkeys(
            [t for t in tags if is_criterion_tag(t)]
            + [str(v) for n, v in labels if n == "criterion"]
        )
    )
    status = data.get("status")
    return Evidence(
        name=data["name"],
        kind=_kind(labels, tags),
        # an unknown or missing status is kept as "unknown", which never passes
        status=status if status in ALLURE_STATUSES else "unknown",
        criteria=criteria,
        key=str(data.get("historyId") or data.get("fullName") or data["name"]),
        stop=_int(data.get("stop") or data.get("start")),
        message=str((data.get("statusDetails") or {}).get("message") or "").strip(),
        source=path,
        # only a skip can mean "nothing to judge": a failure always counts as one
        absent=status == "skipped" and NO_EVIDENCE in labels,
        check=_label(labels, CHECK_LABEL),
        version=_label(labels, VERSION_LABEL),
        commit=_label(labels, COMMIT_LABEL),
    )


def _label(labels: list[tuple[Any, Any]], name: str) -> str:
    return next((str(v) for n, v in labels if n == name), "")


def _kind(labels: list[tuple[Any, Any]], tags: list[str]) -> str:
    for name, value in labels:
        if name == "kind" and value in EVIDENCE_KINDS:
            return str(value)
    for kind in ("load", "security", "migration"):
        if kind in tags:
            return kind
    return "uat"


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
