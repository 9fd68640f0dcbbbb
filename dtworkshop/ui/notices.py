"""Notices kept to be read again: every notice of the run is logged, and "Vis beskeder" /
"Show messages" in the command palette shows them, newest last, in a field to copy from.

A notice lasts seconds; at 80x24 a few fill the corner and a facilitator facing the room
misses them. What a notice says matters most when it is about typing that went nowhere
(`common.keys_dropped`): those words are the facilitator's, and the log is where they can
be found and copied back after the toast is gone. Notices of one kind (`notify_replacing`)
replace each other instead of stacking up.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.content import Content
from textual.containers import Horizontal, Vertical
from textual.notifications import Notification, Notify, SeverityLevel
from textual.screen import ModalScreen
from textual.widgets import Button, Label, TextArea

from dtworkshop.ui.screens.dialogs import DismissOnce, KeepsFocusInView
from dtworkshop.ui.textual_words import SaysTextualWords

NOTICES_KEPT = 200
"""Notices the log holds; older ones fall out."""

MARKS = {"information": " ", "warning": "!", "error": "✖"}


@dataclass(frozen=True)
class Said:
    """One notice as it was shown: when (seconds since the epoch), how grave, its text
    (plain: markup already taken out)."""

    when: float
    severity: str
    text: str

    def line(self) -> str:
        """The notice as a line of the log: `HH:MM:SS ! text` (local time)."""
        clock = time.strftime("%H:%M:%S", time.localtime(self.when))
        return f"{clock} {MARKS.get(self.severity, ' ')} {self.text}"


class NoticeLog:
    """Mixin for the App (before App): `notify` logs each notice in `notices_said`;
    `notify_replacing` shows one of a kind at a time; `action_notices` opens the log."""

    @property
    def notices_said(self) -> deque[Said]:
        """The notices of this run, oldest first (NOTICES_KEPT at most)."""
        said = getattr(self, "_said", None)
        if said is None:
            said = self._said = deque(maxlen=NOTICES_KEPT)
        return said

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Textual's `App.notify` (thread-safe as it is), the notice logged as well."""
        self._log(message, title, severity, markup)
        super().notify(message, title=title, severity=severity,  # type: ignore[misc]
                       timeout=timeout, markup=markup)

    def notify_replacing(self, kind: str, message: str, *, severity: SeverityLevel = "warning",
                         timeout: float | None = None) -> None:
        """Show `message` (plain text) as a notice, taking away the notice of the same
        `kind` still shown, if any: a second burst of typing on a button does not stack a
        second notice over the first (both are in the log). Call from the app's thread."""
        kinds = self.__dict__.setdefault("_kinds", {})
        earlier = kinds.pop(kind, None)
        if earlier is not None and earlier in self._notifications:  # type: ignore[attr-defined]
            self._unnotify(earlier, refresh=False)  # type: ignore[attr-defined]
        self._log(message, "", severity, markup=False)
        if timeout is None:
            timeout = self.NOTIFICATION_TIMEOUT  # type: ignore[attr-defined]
        notification = Notification(message, "", severity, timeout, markup=False)
        kinds[kind] = notification
        self.post_message(Notify(notification))  # type: ignore[attr-defined]

    def _log(self, message: str, title: str, severity: str, markup: bool) -> None:
        text = message
        if markup:
            try:
                text = Content.from_markup(message).plain
            except Exception:
                pass  # not markup after all: logged as it came
        if title:
            text = f"{title}: {text}"
        self.notices_said.append(Said(time.time(), severity, text))

    def action_notices(self) -> None:
        """Open the log of this run's notices (palette: "Vis beskeder" / "Show messages")."""
        t = self.labels  # type: ignore[attr-defined]
        self.clear_notifications()  # type: ignore[attr-defined]  # all in the log, uncovered
        self.push_screen(NoticesScreen(  # type: ignore[attr-defined]
            t("notices.heading"), t("notices.hint"), t("notices.none"), t("notices.close"),
            [said.line() for said in self.notices_said]))


class NoticesScreen(SaysTextualWords, KeepsFocusInView, DismissOnce, ModalScreen[None]):
    """The log of notices: a heading, a hint, and the notices (oldest first, the newest at
    the cursor) in a read-only TextArea, to read and to select and copy (shift+arrows,
    ctrl+c) what was typed and not taken. Escape or the button closes it."""

    BINDINGS = [("escape", "dismiss(None)", "")]

    def __init__(self, heading: str, hint: str, none: str, close: str,
                 lines: list[str]) -> None:
        super().__init__()
        self.heading, self.hint, self.none, self.close = heading, hint, none, close
        self.lines = lines

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog notices"):
            yield Label(self.heading, classes="dialog-title")
            yield Label(Content(self.hint))
            yield TextArea("\n".join(self.lines) or self.none, read_only=True,
                           soft_wrap=True, show_line_numbers=False, id="notices")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.close, variant="primary", id="close")

    def on_mount(self) -> None:
        log = self.query_one("#notices", TextArea)
        log.focus()
        log.move_cursor(log.document.end)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)
