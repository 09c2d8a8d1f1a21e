"""A figure read beside its label (``locators.figure_text``), on page layouts no platform
of ours has: the figure steps and the goals read off a page both rely on it, and a goal
has no second source to catch a wrong number with. Each layout reads the right figure, or
is refused; none reads a number that is not the label's.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from golive.messages import Say
from golive.pytest import locators
from golive.pytest.locators import figure_text

SAY = Say("en")

READ = {
    "a KPI card": (
        "<div><h2>Conversion</h2><p>28.0%</p><p>won / all</p></div>",
        "Conversion",
        "28.0",
    ),
    "a table row": ("<table><tr><th>Orders</th><td>1,053</td></tr></table>", "Orders", "1,053"),
    "a label in its own cell": (
        "<table><tr><td><span>Orders</span></td><td>53</td></tr></table>",
        "Orders",
        "53",
    ),
    "a term whose words end another term": (
        "<dl><dt>Open Orders</dt><dd>12</dd><dt>Orders</dt><dd>53</dd></dl>",
        "Orders",
        "53",
    ),
    "a label with a colon": ("<div><strong>Record Count:</strong> 3</div>", "Record Count", "3"),
    "a hidden number before the figure": (
        '<div><h3>Open</h3><span style="display:none">999</span><p>53</p></div>',
        "Open",
        "53",
    ),
    "a currency sign": ("<div><h3>Revenue</h3><p>¥ 1,234.50</p></div>", "Revenue", "1,234.50"),
    "the minus sign": ("<div><h3>Change</h3><p>\u22125</p></div>", "Change", "-5"),
    "a unit after the number": ("<div><h3>处理时长</h3><p>14.0 小时</p></div>", "处理时长", "14.0"),
    "a nav link of the same name without a figure": (
        '<nav><a href="#">Tickets</a><a href="#">Help</a></nav>'
        "<main><div><h3>Tickets</h3><p>53</p></div></main>",
        "Tickets",
        "53",
    ),
    "an Ant Design statistic, its decimals apart": (
        '<div><div class="title">Sales</div><div class="content"><span class="value">'
        '<span class="int">112,893</span><span class="decimal">.45</span></span></div></div>',
        "Sales",
        "112,893.45",
    ),
    "a number above its label, cards side by side": (
        '<div class="row"><div class="small-box"><div class="inner"><h3>150</h3><p>Orders</p>'
        '</div><a href="#">More info</a></div><div class="small-box"><div class="inner">'
        "<h3>53</h3><p>Customers</p></div></div></div>",
        "Orders",
        "150",
    ),
    "the label and its figure in one element": ("<p>Record Count: 53</p>", "Record Count", "53"),
    "the figure bold in the label's sentence": ("<p>Total: <b>1,053</b></p>", "Total", "1,053"),
    "an amount in parentheses": (
        "<div><h3>Balance</h3><p>(1,234.50)</p></div>",
        "Balance",
        "-1,234.50",
    ),
    "a plus sign": ("<div><h3>Growth</h3><p>+5%</p></div>", "Growth", "5"),
    "a count-up animation": (
        "<div><h3>Leads</h3><p id=v>0</p></div><script>let n = 0; const t = setInterval(() => "
        "{ n += 7; document.getElementById('v').textContent = n; if (n >= 77) "
        "clearInterval(t); }, 40);</script>",
        "Leads",
        "77",
    ),
}

REFUSED = {
    "words before the number": (
        "<div><h3>Revenue</h3><small>last 30 days</small><p>53</p></div>",
        "Revenue",
        "no number next to",
    ),
    "a target where the figure should be": (
        "<div><span>Backlog</span> — target: 24</div>",
        "Backlog",
        "no number next to",
    ),
    "a decimal comma": ("<div><h3>Rate</h3><p>12,5</p></div>", "Rate", "no number next to"),
    "the same label with different figures": (
        '<nav><a href="#"><span>Tickets</span> <b>3</b></a></nav>'
        "<div><h3>Tickets</h3><p>53</p></div>",
        "Tickets",
        "in several places with different figures: 3, 53",
    ),
    "a header row above the figures": (
        "<table><tr><th>Orders</th><th>Customers</th></tr><tr><td>53</td><td>12</td></tr></table>",
        "Customers",
        "no number next to",
    ),
    "a big number above and a small one after": (
        "<div><h3>150</h3><p>Orders</p><small>12 new today</small></div>",
        "Orders",
        "no number next to",
    ),
    "a decimal comma with a thousands dot": (
        "<div><h3>Sum</h3><p>1.234,56 €</p></div>",
        "Sum",
        "no number next to",
    ),
    "a scale after the number": ("<div><h3>Sales</h3><p>1.2万</p></div>", "Sales", "no number"),
    "a range": ("<div><h3>Wait</h3><p>50-60 min</p></div>", "Wait", "no number next to"),
    "a figure that never settles": (
        "<div><h3>Load</h3><p id=v>1</p></div><script>let n = 1; setInterval(() => "
        "{ n += 1; document.getElementById('v').textContent = n; }, 60);</script>",
        "Load",
        "kept changing",
    ),
}


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    with chromium.new_context() as context:
        yield context.new_page()


@pytest.mark.parametrize(("html", "label", "figure"), READ.values(), ids=READ.keys())
def test_the_figure_beside_its_label_is_read(
    page: Page, html: str, label: str, figure: str
) -> None:
    page.set_content(html)
    assert figure_text(page, SAY, label) == figure


@pytest.mark.parametrize(("html", "label", "said"), REFUSED.values(), ids=REFUSED.keys())
def test_a_number_that_may_not_be_the_label_s_is_refused(
    page: Page, monkeypatch: pytest.MonkeyPatch, html: str, label: str, said: str
) -> None:
    monkeypatch.setattr(locators, "WAIT_MS", 2_000)  # refusing waits for the page this long
    page.set_content(html)
    with pytest.raises(AssertionError, match=said):
        figure_text(page, SAY, label)


def test_a_figure_fetched_after_the_page_loads_is_read_once_it_arrives(page: Page) -> None:
    """A dashboard that shows 0 until its data arrives: the figure is read after the fetch."""
    page.route("**/kpi.json", lambda route: route.fulfill(json={"leads": 77}))
    page.goto("about:blank")
    page.set_content(
        "<div><h3>Leads</h3><p id=v>0</p></div><script>setTimeout(() => "
        "fetch('https://platform.invalid/kpi.json').then(r => r.json()).then(d => "
        "{ document.getElementById('v').textContent = d.leads; }), 300);</script>"
    )
    assert figure_text(page, SAY, "Leads") == "77"
