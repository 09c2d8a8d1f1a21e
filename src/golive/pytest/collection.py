"""Feature files collected as pytest-bdd scenarios, and their tags declared as markers."""

from __future__ import annotations

import types
from pathlib import Path

import pytest
from pytest_bdd import scenarios
from pytest_bdd.exceptions import GherkinParseError, NoScenariosFound

from golive.errors import ConfigError
from golive.inputs.library import parse_feature


class FeatureFile(pytest.Module):
    """A .feature file collected directly: its scenarios become pytest-bdd tests."""

    def _getobj(self) -> types.ModuleType:
        try:
            return self._bind_scenarios()
        except (ConfigError, GherkinParseError, NoScenariosFound) as exc:
            # bad input: a located message, not a traceback
            raise self.CollectError(str(exc)) from None

    def _bind_scenarios(self) -> types.ModuleType:
        scenarios_found = parse_feature(self.path)
        for scenario in scenarios_found:
            if not scenario.steps:
                # Gherkin reads a mistyped keyword as description text: a scenario that
                # checks nothing would pass, and a gate must not count that as evidence.
                raise ConfigError(
                    f"scenario {scenario.name!r} has no steps (a mistyped keyword reads "
                    f"as description text)",
                    path=self.path,
                    line=scenario.line,
                )
        register_tags(self.config, self.path, {t for s in scenarios_found for t in s.tags})
        module = types.ModuleType(f"golive_features.{self.path.stem}")
        module.__file__ = str(self.path)
        # pytest-bdd binds scenarios into its caller's namespace: run it at the top
        # level of this module's namespace, so that namespace is the caller's.
        code = compile("scenarios(__feature__)", str(self.path), "exec")
        namespace = vars(module)
        namespace.update(scenarios=scenarios, __feature__=str(self.path))
        exec(code, namespace)  # a fixed one-line call, no user code  # noqa: S102  # nosec B102
        return module


def register_tags(config: pytest.Config, path: Path, tags: set[str]) -> None:
    """Declare a feature's tags as markers, so --strict-markers accepts them."""
    known = {line.split(":")[0].strip() for line in config.getini("markers")}
    for tag in sorted(tags - known):
        config.addinivalue_line("markers", f"{tag}: tag from {path.name}")
