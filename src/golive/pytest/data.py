"""Reproducible test data: Faker generators seeded per run and scenario.

Plain Python with no pytest in it, so a project's Locust profiles can use it too.

Each scenario gets its own generators, seeded from the run's seed and the scenario's id,
so a scenario's data does not depend on which worker runs it or in what order:
``--golive-seed N`` reproduces it exactly. Everything a run creates carries the run id
(``mark()``), so runs against a shared staging platform can be told apart and cleaned
up. A project subclasses ``TestData`` for its own records (a lead, an order) and
overrides the ``uat_data`` fixture to return its subclass.
"""

from __future__ import annotations

import hashlib
import itertools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from faker import Faker

LOCALES = {"zh": "zh_CN", "en": "en_US"}
"""Faker's locale for each language a scenario may be written in."""


class TestData:
    """Generators for one scenario, one Faker per language."""

    __test__ = False  # not a test class, whatever its name

    def __init__(self, seed: int, run_id: str, scope: str) -> None:
        self.run_id = run_id
        self.scope = hashlib.sha256(scope.encode()).hexdigest()[:6]
        derived = int.from_bytes(hashlib.sha256(f"{seed}:{scope}".encode()).digest()[:8], "big")
        from faker import Faker  # here: importing it loads every locale (a second or more)

        self.fakers = {lang: Faker(locale) for lang, locale in LOCALES.items()}
        for offset, faker in enumerate(self.fakers.values()):
            faker.seed_instance(derived + offset)
        self._serial = itertools.count(1)

    def faker(self, lang: str = "zh") -> Faker:
        """The scenario's Faker for ``lang`` ("zh" or "en")."""
        return self.fakers[lang]

    def mark(self) -> str:
        """A tag unique to this run, scenario and use: ``UAT-20261125-1812-ab12-3f9c1e-1``."""
        return f"UAT-{self.run_id}-{self.scope}-{next(self._serial)}"

    def text(self, length: int, lang: str = "zh") -> str:
        """Text of exactly ``length`` characters, for boundary checks."""
        words = itertools.cycle(self.fakers[lang].words(nb=20))
        text = ""
        while len(text) < length:
            text += next(words)
        return text[:length]
