"""Told, not lost: what was typed where it cannot go, said once the burst of it ends."""

from __future__ import annotations

from collections.abc import Callable

from textual.message_pump import MessagePump
from textual.timer import Timer


NOTICE_TIMEOUT = 12.0
"""Seconds a notice of typing that went nowhere stays (Textual's default is 5): long enough
to be seen by a facilitator who looks up from the keyboard."""


def tell(widget: MessagePump, kind: str, message: str) -> None:
    """Show `message` (plain text) as a warning of refused typing for NOTICE_TIMEOUT: in
    place of the notice of the same `kind` still shown (see NoticeLog.notify_replacing)
    where the app keeps a log of notices, else as Textual's notice."""
    app = widget.app
    notify_replacing = getattr(app, "notify_replacing", None)
    if notify_replacing is None:
        app.notify(message, severity="warning", markup=False, timeout=NOTICE_TIMEOUT)
    else:
        notify_replacing(kind, message, timeout=NOTICE_TIMEOUT)


class Refusals:
    """Collects the characters of one burst of typing that went nowhere (a key on a button,
    a digit that would put a number out of range) and calls `say(typed)` once, DELAY
    seconds after the last of them: one notice for a sentence typed on a button, not one a
    key. Whitespace alone is not worth a notice. `say` is called also when the owner (a
    dialog, a menu) was closed in the meantime, so it must not need it mounted.
    """

    DELAY = 0.4
    """Seconds after the last refused character before the notice is shown."""

    def __init__(self, owner: MessagePump, say: Callable[[str], None]) -> None:
        self._owner = owner
        self._say = say
        self._typed = ""
        self._timer: Timer | None = None

    @property
    def pending(self) -> bool:
        """True while a burst of refused typing waits for its notice."""
        return bool(self._typed)

    def add(self, text: str) -> None:
        """Note `text` as typed and refused; the notice waits for the burst to end."""
        self._typed += text
        if self._timer is None:
            # The app's timer, not the owner's: a dialog closed by the Enter after the burst
            # takes its own timers with it, and the notice with them.
            self._timer = self._owner.app.set_timer(self.DELAY, self._tell)
        else:
            self._timer.reset()

    def _tell(self) -> None:
        typed, self._typed, self._timer = self._typed, "", None
        if typed.strip():
            self._say(typed)
