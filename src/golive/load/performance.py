"""Performance evidence: what a load run measured, and whether each threshold was met.

Reads the files Locust writes (``--json-file`` for the final numbers, which are
complete, unlike the CSV that is written before the last tally; the stats history CSV
for the timeline) and evaluates the thresholds of acceptance.yaml against them. Pure
apart from reading those files: running Locust is :mod:`golive.load.runner`'s job.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from golive.errors import SuiteError
from golive.inputs.catalog import Threshold

PERCENTILES = {"p50_ms": 0.50, "p95_ms": 0.95, "p99_ms": 0.99}
ALL = "Aggregated"
"""Locust's name for all requests together in its stats history."""
MEASUREMENTS = "measurements.json"
"""Where the load steps keep what they measured (reports/load/); golive run adds it to
history, which is what relative thresholds compare with."""


@dataclass(frozen=True)
class RequestStats:
    """The final numbers of one request name (or of all requests together)."""

    name: str
    requests: int
    failures: int
    response_times: Mapping[int, int]
    """Response time in ms (rounded the way Locust rounds) -> how many requests took it."""
    start: float
    last: float

    def percentile(self, share: float) -> float:
        """The response time (ms) within which ``share`` of the requests completed.

        Computed exactly as Locust computes it, so the number in golive's result is the
        number in Locust's report beside it: walking down from the slowest, the first
        time at which no more than ``int(total * share)`` requests remain below.
        """
        total = sum(self.response_times.values())
        if not total:
            return math.nan
        below, seen = int(total * share), 0
        for value in sorted(self.response_times, reverse=True):
            seen += self.response_times[value]
            if total - seen <= below:
                return float(value)
        return float(min(self.response_times))

    @property
    def error_rate(self) -> float:
        return self.failures / self.requests if self.requests else math.nan

    def rps(self, seconds: float) -> float:
        return self.requests / seconds if seconds > 0 else math.nan


@dataclass(frozen=True)
class Moment:
    """One second of the run, for the chart."""

    second: float
    users: int
    rps: float
    p50: float | None
    p95: float | None
    p99: float | None


@dataclass(frozen=True)
class LoadMeasurements:
    """Everything one load run measured."""

    requests: Mapping[str, RequestStats]
    seconds: float
    """From the first request sent to the last answered."""
    timelines: Mapping[str, tuple[Moment, ...]] = field(default_factory=dict)
    """Second by second, per request name, and for all requests under ``ALL``."""

    @property
    def timeline(self) -> tuple[Moment, ...]:
        """All requests together, second by second."""
        return tuple(self.timelines.get(ALL, ()))

    def timeline_of(self, request: str | None) -> tuple[Moment, ...]:
        """One request name's timeline (all requests for None), for its threshold's chart."""
        return tuple(self.timelines.get(request or ALL, ()))

    @property
    def total(self) -> RequestStats:
        merged: dict[int, int] = {}
        for stats in self.requests.values():
            for value, count in stats.response_times.items():
                merged[value] = merged.get(value, 0) + count
        return RequestStats(
            name="",
            requests=sum(s.requests for s in self.requests.values()),
            failures=sum(s.failures for s in self.requests.values()),
            response_times=merged,
            start=min((s.start for s in self.requests.values()), default=0.0),
            last=max((s.last for s in self.requests.values()), default=0.0),
        )

    def value(self, metric: str, request: str | None = None) -> float:
        """``metric`` of one request name or, with None, of all requests together."""
        if request is None:
            stats = self.total
        elif request in self.requests:
            stats = self.requests[request]
        else:
            raise KeyError(
                f"the load run sent no request called {request!r}; it sent: "
                f"{', '.join(sorted(self.requests)) or 'nothing'}"
            )
        if metric in PERCENTILES:
            return stats.percentile(PERCENTILES[metric])
        if metric == "error_rate":
            return stats.error_rate
        if metric == "rps":
            return stats.rps(self.seconds)
        raise ValueError(f"unknown metric {metric!r}")

    def named_values(self, thresholds: Iterable[Threshold], shape: str = "") -> dict[str, float]:
        """The values ``thresholds`` look at, under the names history keeps them by."""
        values = {}
        for threshold in thresholds:
            try:
                value = self.value(threshold.metric, threshold.request)
            except KeyError:
                continue  # the threshold reports it; nothing to keep
            if math.isfinite(value):  # nothing measured is no baseline for anything
                values[measurement_key(threshold, shape)] = value
        return values


def measurement_key(threshold: Threshold, shape: str = "") -> str:
    """The name a measurement is kept under in history: ``p95_ms 提交订单 @pilot``."""
    key = threshold.metric + (f" {threshold.request}" if threshold.request else "")
    return key + (f" @{shape}" if shape else "")


def read_locust(prefix: Path) -> LoadMeasurements:
    """The measurements Locust wrote with ``--json-file PREFIX --csv PREFIX``."""
    path = prefix.with_name(prefix.name + ".json")
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SuiteError(f"Locust wrote no final statistics ({path} is missing)") from None
    except (OSError, ValueError) as exc:
        raise SuiteError(f"{path}: unreadable Locust statistics ({exc})") from None
    if not isinstance(rows, list):
        raise SuiteError(f"{path}: not Locust's statistics (a list of requests)")
    requests: dict[str, RequestStats] = {}
    for row in rows:
        stats = _stats(row)
        kept = requests.get(stats.name)
        requests[stats.name] = stats if kept is None else _merge(kept, stats)
    start = min((s.start for s in requests.values()), default=0.0)
    last = max((s.last for s in requests.values()), default=0.0)
    return LoadMeasurements(
        requests=requests,
        seconds=max(0.0, last - start),
        timelines=read_timelines(prefix.with_name(prefix.name + "_stats_history.csv")),
    )


def read_timelines(path: Path) -> dict[str, tuple[Moment, ...]]:
    """Second by second, per request name and for all requests together (``ALL``)."""
    if not path.is_file():
        return {}
    timelines: dict[str, list[Moment]] = {}
    first = None
    try:
        with path.open(encoding="utf-8", newline="") as file:
            for row in csv.DictReader(file):
                second = float(row["Timestamp"])
                first = second if first is None else first
                timelines.setdefault(row["Name"], []).append(
                    Moment(
                        second=second - first,
                        users=int(row["User Count"]),
                        rps=float(row["Requests/s"]),
                        p50=_ms(row["50%"]),
                        p95=_ms(row["95%"]),
                        p99=_ms(row["99%"]),
                    )
                )
    except (OSError, KeyError, ValueError) as exc:
        raise SuiteError(f"{path}: unreadable Locust stats history ({exc!r})") from None
    return {name: tuple(moments) for name, moments in timelines.items()}


@dataclass(frozen=True)
class ThresholdOutcome:
    """One threshold against what was measured."""

    threshold: Threshold
    status: str  # passed, failed, or broken (nothing to measure, no baseline)
    measured: float | None = None
    limit: float | None = None
    """The bound in the metric's unit; for a ratio, already multiplied by the baseline."""
    reason: str = ""
    baseline: float | None = field(default=None)

    @property
    def passed(self) -> bool:
        return self.status == "passed"


def evaluate(
    thresholds: Iterable[Threshold],
    measured: LoadMeasurements,
    baselines: Mapping[str, Mapping[str, float]] | None = None,
    shape: str = "",
) -> list[ThresholdOutcome]:
    """Each threshold against ``measured`` (a run of ``shape``); ``baselines`` maps a
    baseline run's name to what it measured (see :func:`measurement_key`)."""
    return [_one(t, measured, baselines or {}, shape) for t in thresholds]


def baseline_value(
    threshold: Threshold, values: Mapping[str, float], shape: str = ""
) -> float | str:
    """What the baseline run measured for ``threshold``: under the same shape if it played
    it, else under the one shape it measured this with; a reason string if neither."""
    key = measurement_key(threshold)
    if measurement_key(threshold, shape) in values:
        return values[measurement_key(threshold, shape)]
    found = {k: v for k, v in values.items() if k == key or k.startswith(f"{key} @")}
    if len(found) == 1:
        return next(iter(found.values()))
    if not found:
        return f"baseline {threshold.relative_to!r} has no {key} to compare with"
    return (
        f"baseline {threshold.relative_to!r} measured {key} under several shapes "
        f"({', '.join(sorted(found))}) and none is {shape!r}"
    )


def _one(
    threshold: Threshold,
    measured: LoadMeasurements,
    baselines: Mapping[str, Mapping[str, float]],
    shape: str,
) -> ThresholdOutcome:
    try:
        value = measured.value(threshold.metric, threshold.request)
    except KeyError as exc:
        return ThresholdOutcome(threshold, "broken", reason=str(exc.args[0]))
    if math.isnan(value):
        return ThresholdOutcome(
            threshold, "broken", reason="no request completed, so there is nothing to measure"
        )
    limit, base = threshold.value, None
    if threshold.relative_to is not None:
        found = baseline_value(threshold, baselines.get(threshold.relative_to, {}), shape)
        if isinstance(found, str):
            return ThresholdOutcome(
                threshold,
                "broken",
                measured=value,
                reason=f"{found} (golive baseline NAME names a run that measured it)",
            )
        base = found
        limit = threshold.value * base
    ok = value <= limit if threshold.limit.startswith("max") else value >= limit
    return ThresholdOutcome(
        threshold, "passed" if ok else "failed", measured=value, limit=limit, baseline=base
    )


def _stats(row: object) -> RequestStats:
    if not isinstance(row, dict) or "name" not in row:
        raise SuiteError(f"not a Locust statistics entry: {str(row)[:200]}")
    return RequestStats(
        name=str(row["name"]),
        requests=int(row.get("num_requests") or 0),
        failures=int(row.get("num_failures") or 0),
        response_times={
            int(float(k)): int(v) for k, v in (row.get("response_times") or {}).items()
        },
        start=float(row.get("start_time") or 0.0),
        last=float(row.get("last_request_timestamp") or row.get("start_time") or 0.0),
    )


def _merge(a: RequestStats, b: RequestStats) -> RequestStats:
    """Two methods under one name (GET and POST "订单") count as one request name."""
    times = dict(a.response_times)
    for value, count in b.response_times.items():
        times[value] = times.get(value, 0) + count
    return RequestStats(
        name=a.name,
        requests=a.requests + b.requests,
        failures=a.failures + b.failures,
        response_times=times,
        start=min(a.start, b.start),
        last=max(a.last, b.last),
    )


def _ms(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None  # "N/A" before the first answer


def phrase(threshold: Threshold, lang: str = "zh") -> str:
    """The threshold in the words of a business reader: 95% 的"提交订单"请求在 800 毫秒内完成."""
    zh = lang == "zh"
    subject = f'"{threshold.request}"' if threshold.request else ""
    value = threshold.value
    metric = threshold.metric
    if threshold.relative_to is not None:
        base = f'"{threshold.relative_to}"'
        bound = (
            ("不超过" if threshold.limit == "max_ratio" else "不低于")
            if zh
            else ("at most" if threshold.limit == "max_ratio" else "at least")
        )
        name = {
            "rps": "吞吐量" if zh else "throughput",
            "error_rate": "错误率" if zh else "error rate",
        }.get(metric, f"{metric[1:3]}% 耗时" if zh else metric.replace("_ms", ""))
        if zh:
            return f"{subject or '全部'}请求的{name}{bound}基线{base}的 {value:g} 倍"
        return f"{name} of {subject or 'all'} requests {bound} {value:g} x baseline {base}"
    if metric in PERCENTILES:
        share = metric[1:3]
        if zh:
            return f"{share}% 的{subject}请求在 {value:g} 毫秒内完成"
        return (
            f"{share}% of {subject + ' ' if subject else ''}requests complete within {value:g} ms"
        )
    if metric == "error_rate":
        if zh:
            return f"{subject or '全部'}请求的错误率不超过 {value * 100:g}%"
        return f"error rate of {subject or 'all'} requests at most {value * 100:g}%"
    if zh:
        return f"每秒至少完成 {value:g} 个{subject}请求"
    return f"at least {value:g} {subject + ' ' if subject else ''}requests per second"


def measured_text(outcome: ThresholdOutcome, lang: str = "zh") -> str:
    """What was measured, with the limit: 实测 412 毫秒（上限 800 毫秒）."""
    if outcome.measured is None:
        return outcome.reason
    metric = outcome.threshold.metric
    unit = {"zh": "毫秒", "en": "ms"}[lang] if metric in PERCENTILES else ""

    def show(value: float) -> str:
        if metric == "error_rate":
            return f"{value * 100:.2f}%"
        if metric == "rps":
            return f"{value:.1f} req/s"
        return f"{value:.0f} {unit}"

    if outcome.limit is None:
        return (
            f"实测 {show(outcome.measured)}"
            if lang == "zh"
            else f"measured {show(outcome.measured)}"
        )
    bound = outcome.threshold.limit.startswith("max")
    if lang == "zh":
        return (
            f"实测 {show(outcome.measured)}（{'上限' if bound else '下限'} {show(outcome.limit)}）"
        )
    word = "limit" if bound else "at least"
    return f"measured {show(outcome.measured)} ({word} {show(outcome.limit)})"
