"""Find a platform's login form in a page's HTML, as a person reads it (pure).

``golive init`` fetches the page at the URL it is given (and, if that page has no
password field, the usual login paths) and reads here what a person sees on the form:
the label of the user-name field, the label of the password field and the name of the
submit button. Each label is taken as the accessible name a browser would give it: a
``<label for>``, a wrapping ``<label>`` (with an icon's alt text), ``aria-label``,
``aria-labelledby``, then ``placeholder`` and ``title``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

LOGIN_PATHS = (
    "/login",
    "/login/",
    "/accounts/login/",
    "/users/sign_in",
    "/user/login",
    "/auth/login",
    "/signin",
    "/sign-in",
    "/session/new",
)
"""Where web frameworks usually serve their login page, tried in this order."""

TEXT_INPUTS = {"text", "email", "tel", ""}


@dataclass
class Control:
    """One form control, with what might name it."""

    tag: str
    attrs: dict[str, str]
    label: str = ""
    """The text of a ``<label>`` that wraps it or points at it."""
    content: str = ""
    """A ``<button>``'s own text (with the alt text of an icon inside it)."""

    @property
    def kind(self) -> str:
        return self.attrs.get("type", "").lower() if self.tag == "input" else self.tag

    @property
    def submits(self) -> bool:
        if self.tag == "button":
            return self.attrs.get("type", "submit").lower() == "submit"
        return self.tag == "input" and self.kind in {"submit", "image"}

    def name(self, texts: dict[str, str]) -> str:
        """The accessible name a browser gives the control, as near as HTML says it."""
        by = " ".join(texts.get(i, "") for i in self.attrs.get("aria-labelledby", "").split())
        own = ""
        if self.tag == "button":
            own = self.content
        elif self.submits:
            own = self.attrs.get("value", "") or self.attrs.get("alt", "") or "Submit"
        for candidate in (
            self.attrs.get("aria-label", ""),
            by,
            self.label,
            own,
            self.attrs.get("placeholder", ""),
            self.attrs.get("title", ""),
        ):
            text = tidy(candidate)
            if text:
                return text
        return ""


@dataclass
class Form:
    """A ``<form>`` and its controls, in document order."""

    action: str
    controls: list[Control] = field(default_factory=list)


@dataclass(frozen=True)
class LoginForm:
    """What ``golive init`` writes into golive.toml's ``[targets.X.login]``."""

    username_label: str
    password_label: str
    submit: str


def tidy(text: str) -> str:
    """Text as a person reads it: whitespace collapsed, a trailing colon or star dropped."""
    return re.sub(r"\s+", " ", text).strip().rstrip(":：*").strip()


class _Reader(HTMLParser):
    """Collects the forms, their controls, the labels and the text of elements with an id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.texts: dict[str, str] = {}
        self._label_for: list[tuple[str, list[str]]] = []
        self._labels: list[tuple[str, list[str], list[Control]]] = []
        self._open_ids: list[tuple[str, str, list[str]]] = []
        self._buttons: list[tuple[Control, list[str]]] = []
        self._controls: list[Control] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(Form(action=values.get("action", "")))
        elif tag == "label":
            self._labels.append((values.get("for", ""), [], []))
        elif tag in {"input", "button", "select", "textarea"}:
            control = Control(tag, values)
            self._controls.append(control)
            if self.forms:
                self.forms[-1].controls.append(control)
            if self._labels:
                self._labels[-1][2].append(control)
            if tag == "button":
                self._buttons.append((control, []))
        elif tag == "img" and values.get("alt"):
            self._text(values["alt"])
        if "id" in values and tag not in {"input"}:
            self._open_ids.append((tag, values["id"], []))

    def handle_endtag(self, tag: str) -> None:
        if tag == "label" and self._labels:
            target, words, inside = self._labels.pop()
            text = " ".join(words)
            if target:
                self._label_for.append((target, [text]))
            for control in inside:
                control.label = control.label or text
        elif tag == "button" and self._buttons:
            control, words = self._buttons.pop()
            control.content = " ".join(words)
        for index in range(len(self._open_ids) - 1, -1, -1):
            if self._open_ids[index][0] == tag:
                _, ident, words = self._open_ids.pop(index)
                self.texts[ident] = " ".join(words)
                break

    def handle_data(self, data: str) -> None:
        self._text(data)

    def _text(self, text: str) -> None:
        for _, words, _ in self._labels:
            words.append(text)
        for _, words in self._buttons:
            words.append(text)
        for _, _, words in self._open_ids:
            words.append(text)

    def close(self) -> None:
        super().close()
        by_id = {c.attrs["id"]: c for c in self._controls if c.attrs.get("id")}
        for target, words in self._label_for:
            control = by_id.get(target)
            if control is not None:
                control.label = " ".join(words)


def find_login_form(html: str) -> LoginForm | None:
    """The login form of ``html``: the form with a password field, its user-name field
    (the text field before the password) and its submit button; None if there is none
    or a part of it has no name a person could read."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    for form in reader.forms:
        kinds = [c.kind for c in form.controls]
        if "password" not in kinds:
            continue
        password_at = kinds.index("password")
        before = [
            c
            for c in form.controls[:password_at]
            if c.tag == "input" and c.kind in TEXT_INPUTS and c.attrs.get("type") != "hidden"
        ]
        buttons = [c for c in form.controls[password_at:] if c.submits]
        if not before or not buttons:
            continue
        names = (
            before[-1].name(reader.texts),
            form.controls[password_at].name(reader.texts),
            buttons[0].name(reader.texts),
        )
        if all(names):
            return LoginForm(*names)
    return None
