"""The traceability matrix: each criterion, the checks that prove it, and how it last went.

Pure: built from the catalog, the scenario library and the latest statuses it is given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from golive.errors import ConfigError
from golive.inputs.catalog import Catalog, Criterion
from golive.inputs.library import Scenario


@dataclass(frozen=True)
class Row:
    """One criterion's line in the matrix."""

    criterion: Criterion
    scenarios: tuple[Scenario, ...]
    missing_kinds: tuple[str, ...]
    """Kinds of evidence the criterion needs that no check in the library gives."""
    last_status: str | None

    @property
    def unproven(self) -> bool:
        """No check proves it, though it needs one (sign-off alone needs none)."""
        return not self.scenarios and any(k != "signoff" for k in self.criterion.evidence)


@dataclass(frozen=True)
class Matrix:
    rows: tuple[Row, ...]
    untagged: tuple[Scenario, ...]
    """Scenarios that name no criterion: they prove nothing the gate can use."""


def build_matrix(
    catalog: Catalog, library: Iterable[Scenario], last_status: Mapping[str, str] | None = None
) -> Matrix:
    """Map every scenario to its criteria; a tag naming an unknown criterion is an error."""
    by_criterion: dict[str, list[Scenario]] = {cid: [] for cid in catalog.criteria}
    untagged = []
    for scenario in library:
        if not scenario.criteria:
            untagged.append(scenario)
        for cid in scenario.criteria:
            if cid not in catalog.criteria:
                raise ConfigError(
                    f"scenario {scenario.name!r} is tagged @{cid}, which {catalog.path.name} "
                    f"does not define{catalog.suggest(cid)}",
                    path=scenario.path,
                    line=scenario.line,
                )
            by_criterion[cid].append(scenario)
    rows = []
    for cid, criterion in catalog.criteria.items():
        scenarios = tuple(by_criterion[cid])
        kinds = {s.kind for s in scenarios}
        missing = tuple(k for k in criterion.evidence if k != "signoff" and k not in kinds)
        rows.append(Row(criterion, scenarios, missing, (last_status or {}).get(cid)))
    return Matrix(rows=tuple(rows), untagged=tuple(untagged))
