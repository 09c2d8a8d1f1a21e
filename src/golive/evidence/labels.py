"""Allure labels from the catalog, so the report reads criterion by criterion.

epic = the goal, feature = the criterion (id and title), story = the scenario, severity
from the criterion's priority, owner from the goal's owner, a link to the criterion's
requirement where the catalog gives one. Pure: the pytest plugin applies them.
"""

from __future__ import annotations

from collections.abc import Iterable

from golive.inputs.catalog import Catalog

SEVERITY = {"critical": "blocker", "high": "critical", "medium": "normal", "low": "minor"}
"""Allure severity for each catalog priority."""


def labels_for(catalog: Catalog, tags: Iterable[str], scenario: str) -> list[tuple[str, str]]:
    """The (name, value) labels of a scenario tagged with ``tags``; unknown tags add none."""
    labels: list[tuple[str, str]] = [("story", scenario)]
    criteria = [catalog.criteria[t] for t in sorted(tags) if t in catalog.criteria]
    for criterion in criteria:
        goal = catalog.goals[criterion.goal]
        labels += [
            ("epic", f"{goal.id} {goal.title.get(catalog.language)}"),
            ("feature", f"{criterion.id} {criterion.title.get(catalog.language)}"),
            ("owner", goal.owner),
        ]
    if criteria:
        top = min(criteria, key=lambda c: list(SEVERITY).index(c.priority))
        labels.append(("severity", SEVERITY[top.priority]))
    return list(dict.fromkeys(labels))


def links_for(catalog: Catalog, tags: Iterable[str]) -> list[tuple[str, str]]:
    """(url, name) of the requirement behind each criterion that names one."""
    return [
        (c.link, c.id)
        for t in sorted(tags)
        if (c := catalog.criteria.get(t)) is not None and c.link
    ]
