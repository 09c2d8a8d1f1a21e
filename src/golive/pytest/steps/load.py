"""Load steps: run a phase's load against the target and judge it by acceptance.yaml.

    当 试点阶段的负载运行            (the shape's own length, from golive.toml)
    当 试点阶段的负载运行 60 秒
    那么 各项性能指标都达到验收标准  (every threshold of the scenario's criteria)
    那么 95% 的"提交订单"请求在 800 毫秒内完成

Each threshold becomes an Allure result of its own, with what was measured, the limit,
and the latency chart; the scenario's own result carries Locust's report. One load run
serves every scenario of the session that asks for the same shape and length.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import allure
import pytest
from pytest_bdd import parsers, then, when

from golive.errors import ConfigError, GoliveError
from golive.evidence.writer import Attachment, Check
from golive.gate.history import History
from golive.inputs.catalog import Catalog, Threshold, is_criterion_tag
from golive.inputs.config import Config
from golive.load.performance import (
    MEASUREMENTS,
    PERCENTILES,
    ThresholdOutcome,
    evaluate,
    measured_text,
    measurement_key,
    phrase,
)
from golive.load.runner import LoadRun, run_load
from golive.pytest.plugin import RunIdentity
from golive.report.charts import load_chart
from golive.run.target import RunningTarget


class LoadRuns:
    """The session's load runs, one per shape and length, run when first asked for."""

    def __init__(
        self,
        config: Config,
        running: RunningTarget,
        identity: RunIdentity,
        processes: int | None,
        progress: Callable[[str], None],
    ) -> None:
        self.config, self.running, self.identity = config, running, identity
        self.processes, self.progress = processes, progress
        self.runs: dict[tuple[str, int | None], LoadRun] = {}

    @property
    def folder(self) -> Path:
        return self.config.reports / "load"

    def get(self, name: str, seconds: int | None) -> LoadRun:
        if int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")) > 1:
            pytest.fail(
                "load scenarios must not run in parallel (pytest -n): two loads at once "
                "measure each other; run them without -n (golive run does)",
                pytrace=False,
            )
        shape = self.config.load.shape(name)
        key = (shape.name, seconds)
        if key not in self.runs:
            self.progress(
                f"load {shape.name}: {shape.peak_users} users for {seconds or shape.seconds} s "
                f"against {self.running.base_url}"
            )
            self.runs[key] = run_load(
                self.config.load,
                self.running,
                shape,
                self.folder / f"{shape.name}-{seconds or shape.seconds}s",
                seconds=seconds,
                processes=self.processes,
                expect_workers=self.config.load.expect_workers,
                extra_env={
                    "GOLIVE_RUN_ID": self.identity.run_id,
                    "GOLIVE_SEED": str(self.identity.seed),
                },
                progress=self.progress,
            )
        return self.runs[key]

    def keep(self, values: dict[str, float]) -> None:
        """Add measured values to reports/load/measurements.json for history and baselines."""
        path = self.folder / MEASUREMENTS
        kept = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        path.write_text(json.dumps({**kept, **values}, ensure_ascii=False, indent=1), "utf-8")


@pytest.fixture(scope="session")
def load_runs(
    pytestconfig: pytest.Config,
    golive_config: Config,
    golive_target: RunningTarget,
    golive_run: RunIdentity,
) -> LoadRuns:
    reporter = pytestconfig.pluginmanager.get_plugin("terminalreporter")
    capture = pytestconfig.pluginmanager.get_plugin("capturemanager")

    def progress(line: str) -> None:
        # a load run takes minutes: say how far it is, past pytest's output capture
        if reporter is None or capture is None:
            return
        with capture.global_and_fixture_disabled():
            reporter.write_line(line)

    return LoadRuns(
        golive_config,
        golive_target,
        golive_run,
        pytestconfig.getoption("golive_processes"),
        progress,
    )


@when(
    parsers.re(r"(?P<shape>\S+?)的负载运行(?:\s*(?P<seconds>\d+)\s*秒)?"),
    target_fixture="load_run",
)
@when(
    parsers.re(r"the (?P<shape>.+?) load runs(?: for (?P<seconds>\d+) seconds)?"),
    target_fixture="load_run",
)
def load_runs_for(load_runs: LoadRuns, shape: str, seconds: str | None) -> LoadRun:
    """Run the named shape (golive.toml [load.shapes]) once for the session."""
    try:
        return load_runs.get(shape, int(seconds) if seconds else None)
    except ConfigError as exc:
        pytest.fail(str(exc), pytrace=False)


@then("各项性能指标都达到验收标准")
@then("every performance threshold is met")
def thresholds_met(
    load_run: LoadRun,
    load_runs: LoadRuns,
    golive_catalog: Catalog,
    golive_config: Config,
    golive_scenario: Any,
    golive_record: Callable[[Iterable[Check]], None],
) -> None:
    """Every threshold of the scenario's criteria, each recorded as its own result."""
    lang = _lang(golive_scenario)
    tags = set(golive_scenario.tags) | set(golive_scenario.feature.tags)
    criteria = sorted(t for t in tags if is_criterion_tag(t) and t in golive_catalog.criteria)
    pairs = [(c, t) for c in criteria for t in golive_catalog.criteria[c].thresholds]
    if not pairs:
        pytest.fail(
            f"the scenario's criteria ({', '.join(criteria) or 'none'}) have no thresholds "
            f"in {golive_catalog.path.name}: nothing to judge the load by",
            pytrace=False,
        )
    outcomes = evaluate(
        [t for _, t in pairs],
        load_run.measurements,
        _baselines(golive_config, [t for _, t in pairs]),
        shape=load_run.shape.name,
    )
    load_runs.keep(load_run.measurements.named_values((t for _, t in pairs), load_run.shape.name))
    _attach_run(load_run, lang)
    golive_record(
        _check(criterion, outcome, load_run, golive_scenario.name, lang)
        for (criterion, _), outcome in zip(pairs, outcomes, strict=True)
    )
    missed = [o for o in outcomes if not o.passed]
    assert not missed, ("；" if lang == "zh" else "; ").join(
        f"{phrase(o.threshold, lang)}：{measured_text(o, lang)}" for o in missed
    )


@then(parsers.re(r'(?P<share>50|95|99)% 的"(?P<request>[^"]+)"请求在 (?P<ms>[\d.]+) 毫秒内完成'))
@then(
    parsers.re(
        r'(?P<share>50|95|99)% of "(?P<request>[^"]+)" requests complete within (?P<ms>[\d.]+) ms'
    )
)
def percentile_within(
    load_run: LoadRun, golive_scenario: Any, share: str, request: str, ms: str
) -> None:
    """A latency bound written in the scenario itself."""
    threshold = Threshold(metric=f"p{share}_ms", limit="max", value=float(ms), request=request)
    (outcome,) = evaluate([threshold], load_run.measurements)
    lang = _lang(golive_scenario)
    assert outcome.passed, f"{phrase(threshold, lang)}：{measured_text(outcome, lang)}"


def _check(
    criterion: str, outcome: ThresholdOutcome, run: LoadRun, scenario: str, lang: str
) -> Check:
    threshold = outcome.threshold
    limit_ms = outcome.limit if threshold.metric in PERCENTILES else None
    chart = load_chart(
        run.measurements.timeline_of(threshold.request),
        f"{run.shape.name}: {phrase(threshold, lang)}",
        limit_ms=limit_ms,
        limit_label=phrase(threshold, lang) if limit_ms is not None else "",
    )
    measured = measured_text(outcome, lang)
    return Check(
        name=phrase(threshold, lang),
        status=outcome.status,
        kind="load",
        criteria=(criterion,),
        key=f"{criterion} {measurement_key(threshold, run.shape.name)}",
        message="" if outcome.passed else measured,
        details=measured,
        parameters=(
            ("负载" if lang == "zh" else "load", f"{run.shape.name}, {run.seconds} s"),
            ("实测" if lang == "zh" else "measured", measured),
        ),
        attachments=(Attachment("latency.svg", chart.encode(), "image/svg+xml", "svg"),),
        labels=(("story", scenario),),
    )


def _attach_run(run: LoadRun, lang: str) -> None:
    """Locust's report and the chart on the scenario's own result."""
    chart = load_chart(run.measurements.timeline, f"{run.shape.name}, {run.seconds} s")
    allure.attach(chart, name="latency.svg", attachment_type=allure.attachment_type.SVG)
    if run.html.is_file():
        allure.attach.file(  # type: ignore[no-untyped-call]
            run.html, name="Locust report", attachment_type=allure.attachment_type.HTML
        )
    stats = run.folder / "locust_stats.csv"
    if stats.is_file():
        allure.attach.file(  # type: ignore[no-untyped-call]
            stats, name="Locust stats", attachment_type=allure.attachment_type.CSV
        )


def _baselines(config: Config, thresholds: list[Threshold]) -> dict[str, dict[str, float]]:
    """The named baseline runs the relative thresholds compare with; missing ones left out."""
    names = {t.relative_to for t in thresholds if t.relative_to}
    found = {}
    for name in sorted(n for n in names if n):
        try:
            found[name] = History(config.history).baseline(name)
        except GoliveError:
            continue  # the threshold says which baseline it lacked
    return found


def _lang(scenario: Any) -> str:
    return "zh" if str(getattr(scenario.feature, "language", "en")).startswith("zh") else "en"
