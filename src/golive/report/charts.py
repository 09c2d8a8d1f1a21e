"""Charts as self-contained SVG: no plotting library, opens in any browser and in Allure.

The load chart has two panels over the run's seconds: response-time percentiles (p50,
p95, p99, with the threshold as a dashed line) and throughput with the number of users.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from golive.load.performance import Moment

WIDTH, PANEL, MARGIN = 760, 220, 56
COLOURS = {"p50": "#4c78a8", "p95": "#f58518", "p99": "#e45756", "rps": "#54a24b", "users": "#888"}


def load_chart(
    timeline: Sequence[Moment], title: str, limit_ms: float | None = None, limit_label: str = ""
) -> str:
    """Latency percentiles and throughput over the run, as an SVG document."""
    height = 2 * PANEL + 3 * MARGIN
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="12">',
        '<rect width="100%" height="100%" fill="white"/>',
        f'<text x="{MARGIN}" y="22" font-size="15" font-weight="bold">{escape(title)}</text>',
    ]
    if not timeline:
        parts.append(f'<text x="{MARGIN}" y="{MARGIN + 20}">no timeline was recorded</text>')
        return "\n".join([*parts, "</svg>"])
    seconds = [m.second for m in timeline]
    latency = {
        "p50": [m.p50 for m in timeline],
        "p95": [m.p95 for m in timeline],
        "p99": [m.p99 for m in timeline],
    }
    top = max([v for vs in latency.values() for v in vs if v is not None] + [limit_ms or 0, 1])
    parts += _panel(MARGIN, seconds, latency, top * 1.1, "ms", limit_ms, limit_label)
    traffic: dict[str, list[float | None]] = {
        "rps": [m.rps for m in timeline],
        "users": [float(m.users) for m in timeline],
    }
    busiest = max([v for vs in traffic.values() for v in vs if v is not None] + [1.0])
    parts += _panel(2 * MARGIN + PANEL, seconds, traffic, busiest * 1.1, "req/s, users", None, "")
    return "\n".join([*parts, "</svg>"])


def _panel(
    y0: float,
    xs: Sequence[float],
    series: dict[str, list[float | None]],
    top: float,
    unit: str,
    limit: float | None,
    limit_label: str,
) -> list[str]:
    left, right = MARGIN, WIDTH - 20
    span = max(xs[-1] - xs[0], 1.0)

    def x(value: float) -> float:
        return left + (value - xs[0]) / span * (right - left)

    def y(value: float) -> float:
        return y0 + PANEL - value / top * PANEL

    out = [
        f'<rect x="{left}" y="{y0}" width="{right - left}" height="{PANEL}" fill="none" '
        f'stroke="#ccc"/>',
        f'<text x="8" y="{y0 + 12}" fill="#555">{escape(unit)}</text>',
    ]
    for tick in ticks(top):
        out.append(
            f'<line x1="{left}" x2="{right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            f'stroke="#eee"/><text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" '
            f'fill="#555">{tick:g}</text>'
        )
    for tick in ticks(span):
        out.append(
            f'<text x="{x(xs[0] + tick):.1f}" y="{y0 + PANEL + 16}" text-anchor="middle" '
            f'fill="#555">{tick:g} s</text>'
        )
    for index, (name, values) in enumerate(series.items()):
        points = " ".join(
            f"{x(t):.1f},{y(v):.1f}" for t, v in zip(xs, values, strict=True) if v is not None
        )
        out.append(
            f'<polyline points="{points}" fill="none" stroke="{COLOURS[name]}" stroke-width="2"/>'
        )
        out.append(
            f'<text x="{left + 10 + 70 * index}" y="{y0 - 6}" fill="{COLOURS[name]}">'
            f"{escape(name)}</text>"
        )
    if limit is not None:
        out.append(
            f'<line x1="{left}" x2="{right}" y1="{y(limit):.1f}" y2="{y(limit):.1f}" '
            f'stroke="#d62728" stroke-dasharray="6 4"/>'
            f'<text x="{right - 4}" y="{y(limit) - 4:.1f}" text-anchor="end" fill="#d62728">'
            f"{escape(limit_label)}</text>"
        )
    return out


def ticks(top: float, count: int = 4) -> list[float]:
    """Round values for the axis: 0, 250, 500, 750 ..."""
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    step = min((m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw), default=raw)
    return [i * step for i in range(int(top / step) + 1)]
