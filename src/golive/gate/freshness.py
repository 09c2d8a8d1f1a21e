"""Freshness: whether a piece of evidence still speaks for the platform being decided.

A criterion may require evidence from the platform version the gate decides for
(``fresh: version``) or not older than an age (``fresh: 7d``). A manual result is always
held to both: a person tried one version of the platform on one day. Stale evidence is
no evidence: the gate shows it, says why, and does not count it. Pure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from golive.evidence.records import Evidence
from golive.inputs.approvals import Signoff
from golive.inputs.freshness import Freshness
from golive.messages import Say

STALE = "stale"
"""The status the gate gives a piece of evidence too old, or of another version, to count."""
MANUAL_FRESHNESS = Freshness(version=True, max_age=dt.timedelta(days=30))
"""What a manual result is held to where golive.toml's ``[manual]`` does not say."""


@dataclass(frozen=True)
class Against:
    """What the gate holds evidence to: the platform version it decides for, and now."""

    version: str | None
    """The version the platform reports; None where it reports none (then no evidence
    can be shown to come from it)."""
    now: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    manual: Freshness = MANUAL_FRESHNESS


def rule_for(criterion_rule: Freshness, kind: str, against: Against) -> Freshness:
    """The criterion's rule, tightened for a manual result by the rule manual results have."""
    if kind != "manual":
        return criterion_rule
    ages = [a for a in (criterion_rule.max_age, against.manual.max_age) if a is not None]
    return Freshness(
        version=criterion_rule.version or against.manual.version,
        max_age=min(ages) if ages else None,
    )


def staleness(item: Evidence, rule: Freshness, against: Against, say: Say) -> str:
    """Why ``item`` is stale under ``rule``, in ``say``'s language; "" while it is fresh."""
    produced = dt.datetime.fromtimestamp(item.stop / 1000, dt.UTC)
    return _stale(item.version, "fresh.unversioned", against.now - produced, rule, against, say)


def signoff_staleness(signoff: Signoff, rule: Freshness, against: Against, say: Say) -> str:
    """Why a sign-off does not speak for what is decided under ``rule``; "" while it does:
    it must name the evidence of the platform version decided (``golive signoff`` records
    it from the run's manifest) and be younger than the rule's age."""
    age = against.now.date() - signoff.on
    return _stale(signoff.platform_version, "fresh.signoff_unversioned", age, rule, against, say)


def _stale(
    version: str, unversioned: str, age: dt.timedelta, rule: Freshness, against: Against, say: Say
) -> str:
    if rule.version:
        if against.version is None:
            return say("fresh.version_unknown")
        if not version:
            return say(unversioned)
        if version != against.version:
            return say("fresh.other_version", version=version, current=against.version)
    if rule.max_age is not None and age > rule.max_age:
        return say(
            "fresh.too_old",
            age=f"{age.total_seconds() / 86400:.1f}",
            limit=f"{rule.max_age.total_seconds() / 86400:g}",
        )
    return ""
