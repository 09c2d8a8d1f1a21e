"""Reading Locust's outputs, evaluating thresholds, shapes and the chart: no load is run here."""

from __future__ import annotations

import json
import math
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from golive.errors import SuiteError
from golive.inputs.catalog import Threshold
from golive.inputs.shapes import Shape
from golive.load.performance import (
    LoadMeasurements,
    RequestStats,
    evaluate,
    measured_text,
    measurement_key,
    phrase,
    read_locust,
)
from golive.report.charts import load_chart

DATA = Path(__file__).parent / "data" / "locust"


@pytest.fixture
def measured() -> LoadMeasurements:
    return read_locust(DATA / "run")


def test_final_numbers_come_from_the_json_file(measured: LoadMeasurements) -> None:
    orders = measured.requests["提交订单"]
    assert (orders.requests, orders.failures) == (100, 2)
    # 90 at 10 ms, 5 at 200, 4 at 900, 1 at 2000: as Locust counts, p50 10, p95 900, p99 2000
    assert measured.value("p50_ms", "提交订单") == 10
    assert measured.value("p95_ms", "提交订单") == 900
    assert measured.value("p99_ms", "提交订单") == 2000
    assert measured.value("error_rate", "提交订单") == pytest.approx(0.02)
    assert measured.seconds == pytest.approx(50.0)
    assert measured.value("rps", "提交订单") == pytest.approx(2.0)


def test_two_methods_under_one_name_count_as_one_request(measured: LoadMeasurements) -> None:
    dashboard = measured.requests["工作台"]
    assert dashboard.requests == 400
    assert measured.value("p95_ms", "工作台") == 7


def test_all_requests_together(measured: LoadMeasurements) -> None:
    assert measured.total.requests == 500
    assert measured.value("error_rate") == pytest.approx(2 / 500)
    assert measured.value("rps") == pytest.approx(10.0)
    assert measured.value("p99_ms") == 900


def test_timelines_for_all_requests_and_each_name(measured: LoadMeasurements) -> None:
    assert [(m.second, m.users, m.p95) for m in measured.timeline] == [
        (0.0, 0, None),
        (1.0, 10, 12.0),
        (2.0, 20, 15.0),
    ]
    assert [(m.second, m.p95) for m in measured.timeline_of("提交订单")] == [(1.0, 10.0)]
    assert measured.timeline_of(None) == measured.timeline


def test_an_unreadable_stats_history_is_a_suite_error(tmp_path: Path) -> None:
    (tmp_path / "run.json").write_text("[]", encoding="utf-8")
    (tmp_path / "run_stats_history.csv").write_text("Time,Name\n1,x\n", encoding="utf-8")
    with pytest.raises(SuiteError, match="unreadable Locust stats history"):
        read_locust(tmp_path / "run")


def test_missing_or_broken_locust_output_is_a_suite_error(tmp_path: Path) -> None:
    with pytest.raises(SuiteError, match="Locust wrote no final statistics"):
        read_locust(tmp_path / "none")
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(SuiteError, match="unreadable Locust statistics"):
        read_locust(tmp_path / "bad")
    (tmp_path / "dict.json").write_text(json.dumps({"name": "x"}), encoding="utf-8")
    with pytest.raises(SuiteError, match="not Locust's statistics"):
        read_locust(tmp_path / "dict")


@pytest.mark.parametrize(
    ("threshold", "status", "value"),
    [
        (Threshold("p95_ms", "max", 1000, "提交订单"), "passed", 900),
        (Threshold("p95_ms", "max", 800, "提交订单"), "failed", 900),
        (Threshold("p99_ms", "max", 2000, "提交订单"), "passed", 2000),  # the bound is inclusive
        (Threshold("error_rate", "max", 0.01, "提交订单"), "failed", 0.02),
        (Threshold("error_rate", "max", 0.01), "passed", 0.004),
        (Threshold("rps", "min", 5), "passed", 10),
        (Threshold("rps", "min", 20), "failed", 10),
    ],
)
def test_absolute_thresholds(
    measured: LoadMeasurements, threshold: Threshold, status: str, value: float
) -> None:
    (outcome,) = evaluate([threshold], measured)
    assert outcome.status == status
    assert outcome.measured == pytest.approx(value)


def test_relative_thresholds_compare_with_the_named_baseline(measured: LoadMeasurements) -> None:
    faster = Threshold("p95_ms", "max_ratio", 0.8, "提交订单", relative_to="pilot")
    baselines = {"pilot": {"p95_ms 提交订单": 1200.0}}
    (outcome,) = evaluate([faster], measured, baselines)
    assert (outcome.status, outcome.limit, outcome.baseline) == ("passed", 960.0, 1200.0)
    (outcome,) = evaluate([faster], measured, {"pilot": {"p95_ms 提交订单": 900.0}})
    assert outcome.status == "failed"  # 900 ms is not 20% faster than 900 ms


def test_a_missing_baseline_or_request_is_broken_never_passed(measured: LoadMeasurements) -> None:
    relative = Threshold("p95_ms", "max_ratio", 1.2, relative_to="pilot")
    unknown = Threshold("p95_ms", "max", 800, "下订单")
    no_baseline, no_request = evaluate([relative, unknown], measured, {})
    assert no_baseline.status == "broken"
    assert "baseline 'pilot' has no p95_ms" in no_baseline.reason
    assert no_request.status == "broken"
    assert "no request called '下订单'" in no_request.reason
    assert "提交订单" in no_request.reason  # what it did send


def test_nothing_measured_is_broken(tmp_path: Path) -> None:
    (tmp_path / "empty.json").write_text("[]", encoding="utf-8")
    empty = read_locust(tmp_path / "empty")
    (outcome,) = evaluate([Threshold("p95_ms", "max", 800)], empty)
    assert outcome.status == "broken"
    assert math.isnan(empty.value("p95_ms"))


def test_measurements_are_kept_by_threshold_name(measured: LoadMeasurements) -> None:
    thresholds = [Threshold("p95_ms", "max", 800, "提交订单"), Threshold("rps", "min", 5)]
    assert measured.named_values(thresholds, "pilot") == {
        "p95_ms 提交订单 @pilot": 900,
        "rps @pilot": 10.0,
    }
    assert measurement_key(thresholds[0]) == "p95_ms 提交订单"


def test_a_baseline_is_found_under_the_same_shape_or_its_only_one(
    measured: LoadMeasurements,
) -> None:
    slower = Threshold("p95_ms", "max_ratio", 1.2, "提交订单", relative_to="pilot")
    one_shape = {"pilot": {"p95_ms 提交订单 @pilot": 800.0}}
    (outcome,) = evaluate([slower], measured, one_shape, shape="rollout")
    assert (outcome.status, outcome.baseline) == ("passed", 800.0)  # 900 <= 1.2 x 800
    two = {"pilot": {"p95_ms 提交订单 @pilot": 800.0, "p95_ms 提交订单 @peak": 500.0}}
    (outcome,) = evaluate([slower], measured, two, shape="peak")
    assert (outcome.status, outcome.baseline) == ("failed", 500.0)
    (outcome,) = evaluate([slower], measured, two, shape="rollout")
    assert outcome.status == "broken"
    assert "under several shapes" in outcome.reason


@pytest.mark.parametrize(
    ("threshold", "zh", "en"),
    [
        (
            Threshold("p95_ms", "max", 800, "提交订单"),
            '95% 的"提交订单"请求在 800 毫秒内完成',
            '95% of "提交订单" requests complete within 800 ms',
        ),
        (
            Threshold("error_rate", "max", 0.01),
            "全部请求的错误率不超过 1%",
            "error rate of all requests at most 1%",
        ),
        (Threshold("rps", "min", 5), "每秒至少完成 5 个请求", "at least 5 requests per second"),
        (
            Threshold("p95_ms", "max_ratio", 1.2, relative_to="pilot"),
            '全部请求的95% 耗时不超过基线"pilot"的 1.2 倍',
            'p95 of all requests at most 1.2 x baseline "pilot"',
        ),
    ],
)
def test_thresholds_read_as_business_sentences(threshold: Threshold, zh: str, en: str) -> None:
    assert phrase(threshold, "zh") == zh
    assert phrase(threshold, "en") == en


def test_the_measured_text_shows_the_value_and_the_limit(measured: LoadMeasurements) -> None:
    (outcome,) = evaluate([Threshold("p95_ms", "max", 100, "提交订单")], measured)
    assert measured_text(outcome, "zh") == "实测 900 毫秒（上限 100 毫秒）"
    assert measured_text(outcome, "en") == "measured 900 ms (limit 100 ms)"


def test_a_spike_sits_in_the_middle_of_the_run() -> None:
    steady = Shape("pilot", users=20, spawn_rate=10, seconds=60)
    assert steady.stages() == [(60, 20, 10)]
    assert steady.stages(15) == [(15, 20, 10)]
    peak = Shape("peak", users=20, spawn_rate=10, seconds=90, spike_users=100, spike_seconds=30)
    assert peak.stages() == [(30, 20, 10), (60, 100, 80), (90, 20, 80)]
    assert peak.peak_users == 100


def test_the_chart_is_valid_svg_with_the_limit_drawn(measured: LoadMeasurements) -> None:
    svg = load_chart(measured.timeline, "pilot <60 s>", limit_ms=800, limit_label="p95 ≤ 800 ms")
    root = ET.fromstring(svg)  # noqa: S314  # our own output
    assert root.tag.endswith("svg")
    assert "pilot &lt;60 s&gt;" in svg
    assert "p95 ≤ 800 ms" in svg
    assert svg.count("<polyline") == 5  # p50, p95, p99; throughput and users
    empty = load_chart((), "nothing")
    assert "no timeline was recorded" in empty


DISTRIBUTIONS = [
    {10: 90, 200: 5, 900: 4, 2000: 1},
    {5: 1},
    {5: 300, 7: 100, 10: 90, 200: 5, 900: 4, 2000: 1},
    {1: 3, 2: 3, 3: 3, 100: 1},
    {i: i % 7 + 1 for i in range(1, 400, 3)},
]


def test_percentiles_are_the_ones_locust_reports() -> None:
    """Locust's own function, run in a process of its own (importing locust patches gevent)."""
    shares = (0.5, 0.95, 0.99)
    script = (
        "import json, sys\n"
        "from locust.stats import calculate_response_time_percentile as p\n"
        "cases = json.load(sys.stdin)\n"
        f"print(json.dumps([[p({{int(k): v for k, v in c.items()}}, sum(c.values()), s) "
        f"for s in {shares!r}] for c in cases]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        input=json.dumps(DISTRIBUTIONS),
        capture_output=True,
        text=True,
        check=True,
    )
    expected = json.loads(done.stdout)
    ours = [
        [RequestStats("x", sum(d.values()), 0, d, 0.0, 1.0).percentile(s) for s in shares]
        for d in DISTRIBUTIONS
    ]
    assert ours == expected
