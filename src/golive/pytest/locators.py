"""How the generic steps find things on a page, as a person does, and say what it showed.

A field by its label, aria-label, accessible name (an icon's alt text inside its label),
placeholder or title; a button or link by its role and name; a message in the alert and
status regions or in the flash-message lists web frameworks render.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from contextlib import suppress
from typing import TypeVar

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from golive.messages import Say

WAIT_MS = 10_000
"""How long a check waits for the page to show what it expects."""

Done = TypeVar("Done")

FIELD_ROLES = ("textbox", "searchbox", "combobox", "spinbutton", "listbox")
"""Roles of the controls a person types into or chooses from."""

FLASH_MESSAGES = ", ".join(
    [
        ".alert",
        ".flash",
        ".flashes > li",
        ".messages > li",
        ".messagelist > li",
        ".notice",
        ".notification",
        ".toast",
        "[class*='flash']",
        "[class*='alert-']",
    ]
)
"""Where server-rendered frameworks put a flash message (Bootstrap, Django, Rails, Flask
and others), for pages that show it without an alert or status role."""


ICONS = "\ue000-\uf8ff+×✕✖✚➕›»«‹▾▴▸◂▶◀←→↑↓⋯⋮☰✓✔"
"""What sits in accessible names beside the words without being one: Unicode's private
use area, where icon fonts (Font Awesome and the like) draw their glyphs, and the signs
an icon's CSS falls back to ("Add +", "Next ›"). Written out, not as "any non-letter"
(the pattern runs in the browser, where JavaScript's \\W counts every Chinese character)."""


def named(label: str) -> re.Pattern[str]:
    """``label`` as a person reads it: an icon before or after it, a required mark or a
    colon after it, and any spacing around it allowed."""
    return re.compile(rf"^[\s{ICONS}]*{re.escape(label)}[\s*:：{ICONS}]*$")


def field_by_label(page: Page, label: str) -> Locator:
    """The form control a person would call ``label``: by its label or aria-label, its
    accessible name (an icon's alt text), its placeholder, or its title."""
    name = named(label)
    found = page.get_by_label(name)
    for role in FIELD_ROLES:
        found = found.or_(page.get_by_role(role, name=name))  # type: ignore[arg-type]
    controls = page.locator("input, textarea, select")
    return (
        found.or_(page.get_by_placeholder(name))
        .or_(page.get_by_title(name).and_(controls))
        .filter(visible=True)
    )


def clickable(page: Page, name: str) -> Locator:
    """The link or button a person would call ``name`` (its icon glyphs aside)."""
    exact = re.compile(rf"^[\s{ICONS}]*{re.escape(name)}[\s{ICONS}]*$")
    return page.get_by_role("button", name=exact).or_(page.get_by_role("link", name=exact))


def messages(page: Page) -> Locator:
    """Notices and alerts: what the platform tells the user after an action."""
    return page.locator(f"[role=alert], [role=status], {FLASH_MESSAGES}").filter(visible=True)


def what_the_page_says(say: Say, page: Page) -> str:
    """A short description of the page, for failure messages a business reader can follow."""
    title = page.title()
    for heading in (page.get_by_role("heading", level=1), page.get_by_role("heading")):
        if heading.count():
            title = heading.first.inner_text()
            break
    said = list(dict.fromkeys(filter(None, map(_message_text, messages(page).all_inner_texts()))))
    tail = (
        say("web.page_said", said=say("web.joiner").join(said)) if said else say("web.page_silent")
    )
    return say("web.page", title=title.strip()) + tail


def _message_text(text: str) -> str:
    """A message's words, without the close button's "×" that flash messages carry."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip() not in {"", "×"})


def check(say: Say, page: Page, locator: Locator, expected: str) -> None:
    """Wait until ``locator`` is visible; else fail saying what the page showed instead."""
    try:
        expect(locator.first).to_be_visible(timeout=WAIT_MS)
    except AssertionError:
        raise _not_seen(say, page, expected) from None


def act(
    say: Say, page: Page, locator: Locator, expected: str, action: Callable[[Locator], Done]
) -> Done:
    """Do ``action`` to the first of ``locator`` (given ``WAIT_MS`` to find it visible,
    enabled and still, as Playwright waits before it acts); else fail saying what the page
    showed instead. One round trip to the browser, where a check and then the action
    were two."""
    try:
        return action(locator.first)
    except PlaywrightTimeoutError:
        raise _not_seen(say, page, expected) from None


def _not_seen(say: Say, page: Page, expected: str) -> AssertionError:
    """What a step that did not find its element says: what it expected, what it saw."""
    return AssertionError(say("web.but_saw", expected=expected, page=what_the_page_says(say, page)))


NUMBER = re.compile(
    r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    r"(?!\d|[.,]\d|[\s'’\u00a0\u202f]\d{3}(?!\d)|[eE]\d|[-/]\d|[kKMB万亿](?![a-zA-Z]))"
)
"""A number as pages write it: ``53``, ``-5``, ``28.0``, ``1,234.50``, with a unit after it
or not (``14.0 小时``, ``5kg``). What it cannot read as one number is no number here,
rather than its first digits: a decimal comma (``12,5``, ``1.234,56``), other thousands
separators (``1 234``, ``1'234``), a scale (``1.2k``, ``3.4M``, ``1.2万``), a range or a
fraction (``50-60``, ``3/10``), an exponent."""

SIGNS_BEFORE = re.compile(r"^\s*(?:[¥￥$€£₹₩₽]|(?:USD|EUR|CNY|RMB|GBP|JPY)\b)?\s*")
"""What may stand before a figure's number: a currency sign or code, and spaces."""

UNIT_ONLY = re.compile(r"^\s*[%‰]?\s*[^\d\s]{0,4}\s*$")
"""What may follow a number that stands alone as a figure: a percent sign, a short unit."""

STEADY_MS = 250
"""A figure is read again after this long; it counts once two readings agree."""
SETTLE_MS = 5_000
"""How long a figure's page may keep loading data (network activity) before it is read."""

_TEXTS_AROUND = """(caption) => {
  const shown = (node) => {
    const element = node.parentElement;
    return !!element && element.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
  };
  const block = (node) => {
    let element = node.parentElement;
    while (element && getComputedStyle(element).display.startsWith("inline")) {
      element = element.parentElement;
    }
    return element;
  };
  // the visible texts of scope before and after the caption, as a person reads them: the
  // pieces of one number in adjacent inline elements joined ("112,893" ".45"), texts in
  // other blocks or apart by a space kept apart
  const around = (scope) => {
    const sides = {before: [], after: []};
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    let last = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const raw = node.textContent;
      if (caption.contains(node) || !raw.trim() || !shown(node)) {
        last = null;
        continue;
      }
      const side = caption.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING
        ? sides.after : sides.before;
      const text = raw.replace(/\\s+/g, " ").trim();
      const joined = last && last.side === side && block(last.node) === block(node)
        && !/\\s$/.test(last.node.textContent) && !/^\\s/.test(raw);
      if (joined) side[side.length - 1] += text;
      else side.push(text);
      last = {node, side};
    }
    return {before: sides.before.slice(-3), after: sides.after.slice(0, 3)};
  };
  let scope = caption;
  for (let up = 0; up < 3 && scope.parentElement; up++) {
    scope = scope.parentElement;
    const found = around(scope);
    if (found.before.length || found.after.length) return found;
  }
  return {before: [], after: []};
}"""
"""The visible texts around a caption in its nearest container that has any besides it:
its parent (a KPI card, a table row, a term and its description), else the grandparent
or the one above; hidden text skipped."""


def figure_after(text: str, pattern: re.Pattern[str] = NUMBER) -> str | None:
    """The figure a caption's following text begins with (a currency sign or code allowed
    before it; in parentheses, a negative amount), as written; None where it begins with
    anything else ("last 30 days", "target: 24"): a number further on is not the
    caption's."""
    rest = SIGNS_BEFORE.sub("", text.replace("\u2212", "-"), count=1)  # U+2212: minus sign
    if rest.startswith("+"):
        rest = rest[1:]
    if rest.startswith("(") and pattern is NUMBER:  # accountants' (1,234.50)
        inner = pattern.match(SIGNS_BEFORE.sub("", rest[1:], count=1))
        closed = inner and rest[1:].lstrip(" ¥￥$€£₹₩₽").startswith(inner[0] + ")")
        return f"-{inner[0]}" if inner and closed and not inner[0].startswith("-") else None
    found = pattern.match(rest)
    return found[0] if found else None


def figure_beside(
    before: list[str], after: list[str], pattern: re.Pattern[str] = NUMBER
) -> str | None:
    """The figure of a caption from the texts around it: the one its next text begins
    with, or, where nothing follows, a number standing alone just before it (a big number
    above its label, as admin dashboards draw it); None where there is neither, or both."""
    following = figure_after(after[0], pattern) if after else None
    above = None
    if len(before) == 1 and pattern is NUMBER:
        alone = figure_after(before[0], pattern)
        rest = before[0].split(alone, 1)[1] if alone and alone in before[0] else None
        above = alone if rest is not None and UNIT_ONLY.match(rest) else None
    if following is not None and above is not None:
        return None  # "150 / Orders / 12 new today": which is the label's cannot be told
    return following if following is not None else above


def _inline_caption(label: str) -> re.Pattern[str]:
    """An element whose own text is the label and its figure: "Record Count: 53"."""
    return re.compile(rf"^[\s{ICONS}]*{re.escape(label)}\s*[:：]\s*\S")


def figure_text(page: Page, say: Say, label: str, pattern: re.Pattern[str] = NUMBER) -> str:
    """The number (or what ``pattern`` finds) shown next to ``label`` (a KPI card, a table
    row, a term and its description), as the page writes it.

    The label is read as a person reads it ("Record Count:" is the figure "Record Count"),
    on a visible element; the figure is the visible text directly after it ("Record
    Count: 53" in one element too), or a number standing alone just before it. A label
    shown in several places with different figures, a figure still changing, or no figure
    next to the label is an AssertionError: a wrong number is never read."""
    captions = page.get_by_text(named(label)).filter(visible=True)
    inline = page.get_by_text(_inline_caption(label)).filter(visible=True)
    check(say, page, captions.or_(inline), say("web.should_show", text=label))
    # data a page fetches after it loads (a dashboard's figures) first; a page that keeps
    # a connection open (polling) never goes idle
    with suppress(PlaywrightTimeoutError):
        page.wait_for_load_state("networkidle", timeout=SETTLE_MS)
    deadline = time.monotonic() + WAIT_MS / 1000
    previous: str | None = None
    while True:
        seen: list[str] = []
        found: list[str | None] = []
        for caption in captions.all():
            texts = caption.evaluate(_TEXTS_AROUND)
            seen.append(" ".join(texts["after"]) or " ".join(texts["before"]))
            found.append(figure_beside(texts["before"], texts["after"], pattern))
        for caption in inline.all():
            written = " ".join((caption.text_content() or "").split())
            after = re.split(r"[:：]", written.partition(label)[2], maxsplit=1)[-1]
            seen.append(after)
            found.append(figure_after(after, pattern))
        figures = list(dict.fromkeys(filter(None, found)))
        if len(figures) == 1 and figures[0] == previous:
            return previous
        previous = figures[0] if len(figures) == 1 else None
        if time.monotonic() > deadline:
            break
        page.wait_for_timeout(STEADY_MS)
    if len(figures) > 1:
        raise AssertionError(say("web.figures_differ", label=label, figures=say.join(figures)))
    if len(figures) == 1:  # it changed from one reading to the next until the end
        raise AssertionError(say("web.figure_unsteady", label=label, seconds=WAIT_MS // 1000))
    shown_after = " | ".join(seen)
    raise AssertionError(say("web.no_number", label=label, after=repr(shown_after[:80])))


def figure(page: Page, say: Say, label: str) -> float:
    """The number shown next to ``label``."""
    return float(figure_text(page, say, label).replace(",", ""))
