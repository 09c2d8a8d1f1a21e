"""golive's pytest plugin: options, feature-file collection, and the target fixtures.

Registered through the ``pytest11`` entry point, so plain ``pytest features/`` runs the
scenarios too. It declares and hands on; the work lives in the other modules.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import secrets
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NoReturn

import allure
import pytest
from pytest_bdd.scenario import scenario_wrapper_template_registry

from golive.errors import GoliveError
from golive.evidence.labels import labels_for, links_for
from golive.evidence.records import CHECK_LABEL, COMMIT_LABEL, NO_EVIDENCE, VERSION_LABEL
from golive.evidence.writer import Check, write_checks
from golive.inputs.catalog import EVIDENCE_KINDS, PHASES, Catalog, load_catalog
from golive.inputs.config import Config, find_config, load_config
from golive.inputs.library import check_id
from golive.inputs.lint import StepChecker
from golive.pytest.api import ApiClient
from golive.pytest.collection import FeatureFile
from golive.run.target import RunningTarget, open_target

run_key = pytest.StashKey["RunIdentity"]()
catalog_key = pytest.StashKey["Catalog | None"]()
scenario_key = pytest.StashKey[Any]()
step_key = pytest.StashKey[Any]()
left_out_key = pytest.StashKey[dict[str, int]]()
config_path_key = pytest.StashKey[Path | None]()

SELECTION_MARKERS = {
    "load": "a load scenario: plays a phase's shape (golive run selects 'load and <phase>')",
    "security": "a security scenario: static analysis or active probes",
    **{phase: f"belongs to the {phase} phase" for phase in PHASES},
    **{kind: f"gives {kind} evidence" for kind in EVIDENCE_KINDS if kind != "load"},
}
"""Markers golive selects on, declared whatever the features hold (--strict-markers)."""

PLAYWRIGHT_BASE_URL_WARNING = "Session-scoped fixtures defined as instance methods"

PACKAGED = (
    "golive.pytest.fixtures",
    "golive.pytest.failures",
    "golive.pytest.steps.web",
    "golive.pytest.steps.network",
    "golive.pytest.steps.api",
    "golive.pytest.steps.figures",
    "golive.pytest.steps.lists",
    "golive.pytest.steps.records",
    "golive.pytest.steps.load",
    "golive.pytest.steps.security",
    "golive.pytest.steps.migration",
)
"""The browser and data fixtures and the failure report (always), then the generic steps
(ini golive_steps)."""


@dataclass(frozen=True)
class RunIdentity:
    """What makes a run's generated data reproducible and recognisable."""

    seed: int
    run_id: str
    produced_against: tuple[tuple[str, str], ...] = ()
    """The platform version and project commit golive run handed over, as the labels
    every result carries (freshness); none where they are not known."""


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("golive", "golive go-live gate")
    group.addoption(
        "--golive-config",
        metavar="PATH",
        help="golive.toml to use (default: the nearest one from the rootdir up)",
    )
    group.addoption(
        "--golive-target",
        metavar="NAME",
        help="target from golive.toml to check (default: its default_target)",
    )
    group.addoption(
        "--golive-url",
        metavar="URL",
        help="the target already runs at URL: do not start or probe it (golive run passes this)",
    )
    group.addoption(
        "--golive-seed",
        metavar="N",
        type=int,
        help="seed of the generated test data (default: random, printed at start)",
    )
    group.addoption(
        "--golive-run-id",
        metavar="ID",
        help="run id stamped on the data a run creates (default: generated)",
    )
    for option, what in (
        ("--golive-platform-version", "the platform version"),
        ("--golive-commit", "the project commit"),
    ):
        group.addoption(
            option, metavar="TEXT", help=f"{what} every result records (golive run passes it)"
        )
    group.addoption(
        "--golive-lint",
        metavar="FILE",
        help="with --collect-only: write the steps no definition matches to FILE (golive lint)",
    )
    group.addoption(
        "--golive-processes",
        metavar="N",
        type=int,
        help="Locust processes for load scenarios (default: golive.toml [load] processes)",
    )
    parser.addini(
        "golive_steps",
        type="bool",
        default=True,
        help="load golive's generic web, API, load and security steps (default: true)",
    )
    parser.addini(
        "golive_features",
        type="bool",
        default=True,
        help="collect *.feature files as pytest-bdd scenarios (default: true)",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config: pytest.Config) -> None:
    """Register golive's fixtures and generic steps: after every entry-point plugin (the
    fixtures wrap pytest-playwright's own), before the project's conftest.py and the
    plugins it names (a project's fixture of the same name overrides golive's)."""
    manager = early_config.pluginmanager
    for name in PACKAGED if early_config.getini("golive_steps") else PACKAGED[:2]:
        if not manager.has_plugin(name):
            manager.register(importlib.import_module(name), name)


def pytest_configure(config: pytest.Config) -> None:
    for name, text in SELECTION_MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {text}")
    # pytest-playwright's base_url fallback is a fixture method, which pytest 9 warns about
    # in every run; golive's own base_url replaces it, so the warning is only noise
    config.addinivalue_line("filterwarnings", f"ignore:{PLAYWRIGHT_BASE_URL_WARNING}")
    # Workers take the controller's seed and run id (see pytest_configure_node), so the
    # whole run uses one of each and the printed seed reproduces every worker's data.
    shared = getattr(config, "workerinput", {})
    seed = shared.get("golive_seed", config.getoption("golive_seed"))
    config.stash[run_key] = RunIdentity(
        seed=seed if seed is not None else secrets.randbelow(10**6),
        run_id=shared.get("golive_run_id", config.getoption("golive_run_id"))
        or f"{dt.datetime.now():%Y%m%d-%H%M}-{secrets.token_hex(2)}",
        produced_against=tuple(
            (label, str(value))
            for label, value in (
                (VERSION_LABEL, config.getoption("golive_platform_version")),
                (COMMIT_LABEL, config.getoption("golive_commit")),
            )
            if value
        ),
    )
    lint = config.getoption("golive_lint")
    if lint:
        config.pluginmanager.register(StepChecker(Path(lint)), "golive-lint")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Leave the load scenarios out unless ``-m`` names them: each plays a phase's load
    for minutes (the soak for half an hour), which nobody wants from a plain ``pytest``.
    golive run selects them with ``-m "load and <phase>"``. Leave the ``@manual`` ones out
    always: a person tries them (``golive manual record``). Lint still sees them all.

    Each scenario is labelled with its file and line (``CHECK_LABEL``), so that the gate
    can tell which of the library's scenarios gave a result and which did not."""
    root = _project_root(config)
    for item in items:
        function = getattr(item, "function", None)
        template = scenario_wrapper_template_registry.get(function) if function else None
        if template is not None:
            where = check_id(Path(template.feature.filename), template.line_number, root)
            item.add_marker(pytest.mark.allure_label(where, label_type=CHECK_LABEL))
    if config.getoption("golive_lint"):
        return
    left_out = {}
    for marker in ("manual", "load"):
        if marker == "load" and "load" in (config.option.markexpr or ""):
            continue
        chosen = [item for item in items if item.get_closest_marker(marker) is not None]
        if chosen:
            config.hook.pytest_deselected(items=chosen)
            items[:] = [item for item in items if item.get_closest_marker(marker) is None]
            left_out[marker] = len(chosen)
    config.stash[left_out_key] = left_out


def pytest_report_collectionfinish(config: pytest.Config) -> list[str]:
    left_out = config.stash.get(left_out_key, {})
    lines = []
    if left_out.get("manual"):
        lines.append(
            f"golive: {left_out['manual']} manual scenario(s) left out: people try them and "
            "record the result with golive manual record"
        )
    if left_out.get("load"):
        lines.append(
            f"golive: {left_out['load']} load scenario(s) left out; run them with "
            '-m "load and pilot"'
        )
    return lines


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Module | None:
    if file_path.suffix == ".feature" and parent.config.getini("golive_features"):
        feature: pytest.Module = FeatureFile.from_parent(parent, path=file_path)
        return feature
    return None


@pytest.fixture(scope="session")
def golive_config(pytestconfig: pytest.Config) -> Config:
    """golive.toml, loaded and validated once per session."""
    option = pytestconfig.getoption("golive_config")
    try:
        path = Path(option) if option else find_config(pytestconfig.rootpath)
        return load_config(path)
    except GoliveError as exc:
        pytest.fail(f"golive: {exc}", pytrace=False)


@pytest.fixture(scope="session")
def golive_target(pytestconfig: pytest.Config, golive_config: Config) -> Iterator[RunningTarget]:
    """The platform under test, answering: started here when it is the sandbox.

    Under pytest-xdist each worker starts its own sandbox, so scenarios on different
    workers never share data; ``golive run`` starts one and passes ``--golive-url``.
    """
    try:
        target = golive_config.target(pytestconfig.getoption("golive_target"))
        url = pytestconfig.getoption("golive_url")
        if url:
            yield RunningTarget(target=target, base_url=url.rstrip("/"))
            return
        with open_target(target) as running:
            yield running
    except GoliveError as exc:
        pytest.fail(f"golive: {exc}", pytrace=False)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """pytest-xdist: hand the controller's seed and run id to each worker."""
    identity = node.config.stash[run_key]
    node.workerinput["golive_seed"] = identity.seed
    node.workerinput["golive_run_id"] = identity.run_id


@pytest.fixture(scope="session")
def golive_api(golive_target: RunningTarget) -> Iterator[ApiClient]:
    """The target's API, as any of its users (tokens per role, kept for the session)."""
    client = ApiClient(golive_target)
    yield client
    client.close()


def pytest_bdd_before_scenario(request: pytest.FixtureRequest, scenario: Any) -> None:
    """Label the scenario's Allure result with its goal, criterion and priority."""
    request.node.stash[scenario_key] = scenario
    for name, value in request.config.stash[run_key].produced_against:
        allure.dynamic.label(name, value)  # type: ignore[no-untyped-call]
    catalog = _catalog(request.config)
    if catalog is None:
        return
    tags = set(scenario.tags) | set(scenario.feature.tags)
    if scenario.rule is not None:
        tags |= set(scenario.rule.tags)
    for name, value in labels_for(catalog, tags, scenario.name):
        allure.dynamic.label(name, value)  # type: ignore[no-untyped-call]
    for url, name in links_for(catalog, tags):
        allure.dynamic.link(url, name=name)  # type: ignore[no-untyped-call]


def pytest_bdd_before_step(request: pytest.FixtureRequest, step: Any) -> None:
    """Note the step being run, for the steps that read differently as a precondition
    and as an action (``written_as_precondition``)."""
    request.node.stash[step_key] = step


def written_as_precondition(request: pytest.FixtureRequest) -> bool:
    """The running step is a Given (or an And after one): the state it names is where the
    scenario starts, not what it is about."""
    step = request.node.stash.get(step_key, None)
    return step is not None and step.type == "given"


@pytest.fixture
def golive_scenario(request: pytest.FixtureRequest) -> Any:
    """The pytest-bdd scenario being run: its name, tags, and feature (with its language)."""
    if scenario_key not in request.node.stash:
        raise LookupError(f"{request.node.nodeid} is not a Gherkin scenario")
    return request.node.stash[scenario_key]


def no_evidence(reason: str) -> NoReturn:
    """End the running scenario without evidence: the gate shows its criteria as
    ``no_evidence`` with ``reason``, never as passed (static analysis of a target that
    names no source, say). A skip that says why there was nothing to judge."""
    allure.dynamic.label(*NO_EVIDENCE)  # type: ignore[no-untyped-call]
    pytest.skip(reason)


@pytest.fixture(scope="session")
def golive_catalog(golive_config: Config) -> Catalog:
    """The acceptance criteria, for steps that read their thresholds or policies."""
    return load_catalog(golive_config.catalog)


@pytest.fixture
def golive_record(pytestconfig: pytest.Config) -> Callable[[Iterable[Check]], None]:
    """Record checks (thresholds, findings) as Allure results of their own.

    Without ``--alluredir`` nothing is written: the scenario's own assertions still
    decide whether it passes.
    """

    def record(checks: Iterable[Check]) -> None:
        folder = pytestconfig.getoption("allure_report_dir", None)
        if folder:
            against = pytestconfig.stash[run_key].produced_against
            labelled = (replace(c, labels=(*c.labels, *against)) for c in checks)
            write_checks(Path(folder), labelled, _catalog(pytestconfig))

    return record


def _config_path(config: pytest.Config) -> Path | None:
    """golive.toml (``--golive-config``, else the nearest from the rootdir up), found once."""
    if config_path_key not in config.stash:
        option, path = config.getoption("golive_config"), None
        with contextlib.suppress(GoliveError):  # none: ids and labels make do without it
            path = Path(option) if option else find_config(config.rootpath)
        config.stash[config_path_key] = path
    return config.stash[config_path_key]


def _project_root(config: pytest.Config) -> Path:
    """The folder of golive.toml, which check ids are relative to; else pytest's rootdir."""
    path = _config_path(config)
    # as golive.inputs.config roots a project: the folder of golive.toml, then resolved
    return config.rootpath if path is None else path.absolute().parent.resolve()


def _catalog(config: pytest.Config) -> Catalog | None:
    """The catalog, loaded once; None where there is none to label with (labels only help
    the report read: a missing or broken catalog is reported by run, lint and the gate)."""
    if catalog_key not in config.stash:
        path = _config_path(config)
        try:
            catalog = None if path is None else load_catalog(load_config(path).catalog)
        except GoliveError:
            catalog = None
        config.stash[catalog_key] = catalog
    return config.stash[catalog_key]


def pytest_report_header(config: pytest.Config) -> list[str]:
    identity = config.stash[run_key]
    lines = [
        f"golive: test data seed {identity.seed} (reproduce with golive run --seed "
        f"{identity.seed}, or pytest --golive-seed {identity.seed}), run id {identity.run_id}"
    ]
    target, url = config.getoption("golive_target"), config.getoption("golive_url")
    if target or url:
        lines.append(f"golive: target {target or '(default)'}" + (f" at {url}" if url else ""))
    return lines


@pytest.fixture(scope="session")
def golive_run(pytestconfig: pytest.Config) -> RunIdentity:
    """This run's data seed and id: data a run creates carries the id."""
    return pytestconfig.stash[run_key]
