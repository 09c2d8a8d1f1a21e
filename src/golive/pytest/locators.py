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


NUMBER = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\d|,\d)")
"""A number as pages write it: ``53``, ``-5``, ``28.0``, ``1,234.50``. Commas only between
groups of three digits: ``12,5`` (a decimal comma, or a typo) is no number here rather
than 125."""

SIGNS_BEFORE = re.compile(r"^[\s¥￥$€£]*")
"""What may stand before a figure's number: currency signs and spaces."""

STEADY_MS = 250
"""A figure is read again after this long; it counts once two readings agree."""
SETTLE_MS = 5_000
"""How long a figure's page may keep loading data (network activity) before it is read."""

_TEXT_AFTER = """(caption) => {
  const shown = (node) => {
    const element = node.parentElement;
    return !!element && element.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
  };
  let scope = caption;
  for (let up = 0; up < 3 && scope.parentElement; up++) {
    scope = scope.parentElement;
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    walker.currentNode = caption;
    const texts = [];
    for (let node = walker.nextNode(); node && texts.length < 4; node = walker.nextNode()) {
      if (caption.contains(node) || !shown(node)) continue;
      const text = node.textContent.replace(/\\s+/g, " ").trim();
      if (text) texts.push(text);
    }
    if (texts.length) return texts.join(" ");
  }
  return "";
}"""
"""The visible text that follows a caption: within its parent (a KPI card, a table row, a
term and its description), else its grandparent or the one above; the first few text
nodes, hidden ones skipped."""


def figure_after(text: str, pattern: re.Pattern[str] = NUMBER) -> str | None:
    """The figure a caption's following text begins with (currency signs allowed before
    it), as written; None where it begins with anything else ("last 30 days", "target:
    24"): a number further on is not the caption's."""
    rest = SIGNS_BEFORE.sub("", text.replace("\u2212", "-"))  # U+2212, the minus sign
    found = pattern.match(rest)
    return found[0] if found else None


def figure_text(page: Page, say: Say, label: str, pattern: re.Pattern[str] = NUMBER) -> str:
    """The number (or what ``pattern`` finds) shown next to ``label`` (a KPI card, a table
    row, a term and its description), as the page writes it.

    The label is read as a person reads it ("Record Count:" is the figure "Record Count"),
    on a visible element, and the figure is the visible text that directly follows it. A
    label shown in several places with different figures, a figure still changing, or no
    figure directly after the label is an AssertionError: a wrong number is never read."""
    captions = page.get_by_text(named(label)).filter(visible=True)
    check(say, page, captions, say("web.should_show", text=label))
    # data a page fetches after it loads (a dashboard's figures) first; a page that keeps
    # a connection open (polling) never goes idle
    with suppress(PlaywrightTimeoutError):
        page.wait_for_load_state("networkidle", timeout=SETTLE_MS)
    deadline = time.monotonic() + WAIT_MS / 1000
    previous: str | None = None
    while True:
        after = [str(caption.evaluate(_TEXT_AFTER)) for caption in captions.all()]
        figures = list(dict.fromkeys(filter(None, (figure_after(t, pattern) for t in after))))
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
    shown_after = " | ".join(after)
    raise AssertionError(say("web.no_number", label=label, after=repr(shown_after[:80])))


def figure(page: Page, say: Say, label: str) -> float:
    """The number shown next to ``label``."""
    return float(figure_text(page, say, label).replace(",", ""))
