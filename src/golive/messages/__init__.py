"""The message catalogue: what golive says to a person, in zh-CN and in English.

Every message a step, probe, gate or the terminal writes is a key here (kept in one
module per area: steps, probes, gate, reports, project, rules, records) with a text per
language; the reader's language picks the text (a scenario's ``# language:``, or the catalog's
language, or ``--lang``). A test checks that every key has both texts with the same
fields, so a message cannot exist in one language only.

    say = Say("en")
    say("web.should_show", text="Order saved")   # 'the page should show "Order saved"'
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from golive.messages import (
    evidence,
    gate,
    migration,
    probes,
    project,
    records,
    reports,
    rules,
    steps,
)

LANGUAGES = ("zh-CN", "en")
"""The languages golive speaks; the first is the default of a catalog with both."""


def _merged(*parts: Mapping[str, Mapping[str, str]]) -> dict[str, Mapping[str, str]]:
    """One catalogue from its parts (one module per area); a key in two parts is a bug."""
    merged: dict[str, Mapping[str, str]] = {}
    for part in parts:
        twice = merged.keys() & part.keys()
        if twice:
            raise KeyError(f"message keys defined twice: {sorted(twice)}")
        merged.update(part)
    return merged


CATALOGUE: Mapping[str, Mapping[str, str]] = _merged(
    steps.MESSAGES,
    probes.MESSAGES,
    gate.MESSAGES,
    reports.MESSAGES,
    project.MESSAGES,
    rules.MESSAGES,
    records.MESSAGES,
    migration.MESSAGES,
    evidence.MESSAGES,
)
"""Every message, by key: ``CATALOGUE[key][lang]`` is a text to ``str.format``."""


def language_of(code: str | None) -> str:
    """golive's language for a Gherkin or catalog language code: zh-* is zh-CN, else en."""
    return "zh-CN" if (code or "").lower().startswith("zh") else "en"


def fields_of(text: str) -> set[str]:
    """The ``{field}`` names a text formats."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@dataclass(frozen=True)
class Phrase:
    """A message not said yet: a catalogue key and its fields, for code that does not know
    its reader (a probe's finding), said later in the reader's language. A field may be
    a Phrase itself. ``str()`` is the English text, for logs and keys."""

    key: str
    fields: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, key: str, **fields: Any) -> Phrase:
        if key not in CATALOGUE:
            raise KeyError(f"{key!r} is not in golive's message catalogue")
        return cls(key, tuple(fields.items()))

    def __call__(self, say: Say) -> str:
        values = {k: v(say) if isinstance(v, Phrase) else v for k, v in self.fields}
        return say(self.key, **values)

    def __str__(self) -> str:
        return self(Say("en"))


@dataclass(frozen=True)
class Say:
    """Messages in one language: ``say(key, **fields)`` is the text, formatted."""

    lang: str

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            raise ValueError(f"golive speaks {', '.join(LANGUAGES)}, not {self.lang!r}")

    def __call__(self, key: str, **fields: Any) -> str:
        return CATALOGUE[key][self.lang].format(**fields)

    def word(self, group: str, value: str) -> str:
        """The word for ``value`` in ``group`` (``word("status", "failed")``), or ``value``
        itself where the catalogue has none (a kind of check it does not know)."""
        key = f"{group}.{value}"
        return self(key) if key in CATALOGUE else value

    def join(self, items: list[str]) -> str:
        """A list as this language writes one in a sentence."""
        return self("web.list_joiner").join(items)
