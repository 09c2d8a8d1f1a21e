"""``reports/goals.html``: the page a sponsor looks at after go-live. One chart per measured
goal (its readings over time, the baseline, the target line, the deadline and where the
readings are heading), then the smoke checks of the last watch passes.

Drawn as the load charts are (``report.charts``): self-contained SVG, no library, a page
that opens from disk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape
from pathlib import Path

from golive.gate.goals import Progress, deadline_of
from golive.gate.history import WatchPass
from golive.inputs.goals import number_of
from golive.messages import Say
from golive.report.charts import ticks
from golive.report.outputs import GOALS_PAGE

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 760, 300, 64, 24, 40, 40
STATE_COLOURS = {
    "reached": "#1a7f37",
    "on_track": "#1a7f37",
    "off_track": "#cf222e",
    "missed": "#cf222e",
    "unknown": "#57606a",
}


def goal_chart(item: Progress, say: Say) -> str:
    """One goal's readings against its baseline and target, to its deadline, as SVG."""
    goal = item.goal
    title = f"{goal.id} {goal.title.get(say.lang)}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12" role="img" '
        f'aria-label="{escape(title)}">',
        '<rect width="100%" height="100%" fill="white"/>',
        f'<text x="{LEFT}" y="22" font-size="15" font-weight="bold">{escape(title)}</text>',
    ]
    if not item.readings:
        parts.append(f'<text x="{LEFT}" y="{TOP + 30}">{escape(say("goals.no_readings"))}</text>')
        return "\n".join([*parts, "</svg>"])
    deadline = deadline_of(goal)
    start = min(item.readings[0].at, deadline - dt.timedelta(days=1))
    end = max(deadline, item.readings[-1].at)
    baseline, target = number_of(goal.baseline), number_of(goal.target)
    values = [r.value for r in item.readings]
    values += [v for v in (baseline, target, item.projected) if v is not None]
    low, high = min(0.0, *values), max(0.0, *values)
    high += (high - low) * 0.15 or 1.0  # room above the highest; a scale for all zeros
    span = (end - start).total_seconds() or 1.0
    bottom = HEIGHT - BOTTOM

    def x(when: dt.datetime) -> float:
        return LEFT + (when - start).total_seconds() / span * (WIDTH - LEFT - RIGHT)

    def y(value: float) -> float:
        return bottom - (value - low) / (high - low) * (bottom - TOP)

    for tick in ticks(high - low):
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(low + tick):.1f}" '
            f'y2="{y(low + tick):.1f}" stroke="#eee"/><text x="{LEFT - 6}" '
            f'y="{y(low + tick) + 4:.1f}" text-anchor="end" fill="#555">'
            f"{low + tick:g}{escape(goal.unit)}</text>"
        )
    for label, value, colour in (
        (say("goals.baseline"), baseline, "#888"),
        (say("goals.target"), target, "#1a7f37"),
    ):
        if value is not None:
            parts.append(
                f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
                f'stroke="{colour}" stroke-dasharray="6 4"/><text x="{LEFT + 4}" '
                f'y="{y(value) - 4:.1f}" fill="{colour}">{escape(label)} {value:g}'
                f"{escape(goal.unit)}</text>"
            )
    parts.append(
        f'<line x1="{x(deadline):.1f}" x2="{x(deadline):.1f}" y1="{TOP}" y2="{bottom}" '
        f'stroke="#555" stroke-dasharray="2 3"/><text x="{x(deadline) - 4:.1f}" y="{TOP + 12}" '
        f'text-anchor="end" fill="#555">{escape(say("goals.deadline"))} {goal.deadline}</text>'
    )
    colour = STATE_COLOURS[item.state]
    if item.projected is not None:
        last = item.readings[-1]
        parts.append(
            f'<line x1="{x(last.at):.1f}" y1="{y(last.value):.1f}" x2="{x(deadline):.1f}" '
            f'y2="{y(item.projected):.1f}" stroke="{colour}" stroke-dasharray="4 4"/>'
        )
    points = " ".join(f"{x(r.at):.1f},{y(r.value):.1f}" for r in item.readings)
    parts.append(f'<polyline points="{points}" fill="none" stroke="#4c78a8" stroke-width="2"/>')
    parts += [
        f'<circle cx="{x(r.at):.1f}" cy="{y(r.value):.1f}" r="3" fill="#4c78a8"/>'
        for r in item.readings
    ]
    parts.append(
        f'<text x="{WIDTH - RIGHT}" y="22" text-anchor="end" fill="{colour}" font-weight="bold">'
        f"{escape(say.word('goal', item.state))}</text>"
    )
    parts.append(
        f'<text x="{LEFT}" y="{HEIGHT - 12}" fill="#555">{start:%Y-%m-%d}</text>'
        f'<text x="{WIDTH - RIGHT}" y="{HEIGHT - 12}" text-anchor="end" fill="#555">'
        f"{end:%Y-%m-%d}</text>"
    )
    return "\n".join([*parts, "</svg>"])


def write_goals_page(
    folder: Path,
    target: str,
    found: Sequence[Progress],
    passes: Sequence[WatchPass],
    say: Say,
) -> Path:
    """Write ``goals.html`` into ``folder``: a chart per goal, then the watch passes."""
    rows = "".join(
        f"<tr><td>{p.at:%Y-%m-%d %H:%M}</td><td class='{p.state}'>"
        f"{escape(say.word('watch', p.state))}</td><td>{p.smoke_passed}</td>"
        f"<td>{p.smoke_failed}</td><td>{escape(', '.join(p.off_track))}</td>"
        f"<td class='note'>{escape(p.note)}</td></tr>"
        for p in passes
    )
    table = (
        f"<table><tr><th>{escape(say('goals.when'))}</th><th>{escape(say('goals.state'))}</th>"
        f"<th>{escape(say('goals.smoke_passed'))}</th><th>{escape(say('goals.smoke_failed'))}"
        f"</th><th>{escape(say('goals.off_track'))}</th><th>{escape(say('goals.note'))}</th>"
        f"</tr>{rows}</table>"
        if passes
        else f"<p>{escape(say('goals.no_watch'))}</p>"
    )
    charts = "\n".join(f"<figure>{goal_chart(item, say)}</figure>" for item in found)
    page = f"""<!doctype html>
<html lang="{say.lang}"><head><meta charset="utf-8">
<title>{escape(say("goals.page_title", target=target))}</title>
<style>
body {{ font-family: sans-serif; margin: 24px; color: #24292f; max-width: 820px; }}
figure {{ margin: 0 0 24px; }} table {{ border-collapse: collapse; }}
td, th {{ border: 1px solid #d0d7de; padding: 4px 10px; text-align: left; }}
td.failing {{ color: #cf222e; font-weight: bold; }} td.ok {{ color: #1a7f37; }}
</style></head><body>
<h1>{escape(say("goals.page_title", target=target))}</h1>
<p><a href="gate.html">{escape(say("goals.gate_link"))}</a></p>
{charts}
<h2>{escape(say("goals.watch_heading"))}</h2>
{table}
</body></html>
"""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / GOALS_PAGE
    path.write_text(page, encoding="utf-8")
    return path
