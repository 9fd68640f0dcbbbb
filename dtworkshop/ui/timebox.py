"""The timebox's clock in the app: which key counts (the canvas or the overview showing), the
spent seconds written into the session now and then, and the session bar's words for it.

The counting itself is `dtworkshop.core.timebox.Stopwatch`; the plan and the standing are in
`dtworkshop.core.timebox` too. The App holds one `Timekeeper` (`app.timekeeper`), ticks it
once a second and calls `sync` when a session screen shows and `pause` before it saves on
leaving a session or quitting.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.text import Text
from textual.color import Color
from textual.screen import ModalScreen

from dtworkshop.core.session import AGENDA_OVERVIEW, Session
from dtworkshop.core.timebox import (
    SAVE_EVERY,
    Standing,
    Stopwatch,
    minutes_text,
    planned,
    set_spent,
    spent,
    standing,
    whole_minutes,
)

TICK = 1.0
"""Seconds between two looks at the clock (the bar is repainted only when its words change)."""


class Timekeeper:
    """The timebox clock of `app` (a WorkshopApp): counts the time on the canvas or the
    overview showing while a session is open for editing (read-only never counts), and
    pauses on the details screen, on a screen that is no session screen (the session list)
    and when the app quits. A dialog over a canvas (a decision being recorded) does not
    pause it: the room is still on that canvas.

    The spent seconds go into the session's `[agenda.spent]` (of a session with a timebox:
    one without is not changed by being looked at) through the normal autosave:
    on leaving a key, every SAVE_EVERY seconds while on one, and in `pause` (quitting,
    closing the session); a kill -9 loses at most SAVE_EVERY seconds. `clock` is a monotonic
    clock in seconds (a test passes its own: `app.timekeeper.stopwatch.clock = ...`).
    """

    def __init__(self, app, clock: Callable[[], float] = time.monotonic) -> None:
        self.app = app
        self.stopwatch = Stopwatch(clock)
        self.text: Text | None = None
        """The session bar's timebox words now (None: nothing to show)."""
        self.short: Text | None = None
        """Their first part only (the time left, or ahead/behind), for a narrow bar."""
        self.shown: tuple | None = None  # what screens were last told (see tick)

    # -- what counts

    def _session(self) -> Session | None:
        """The session whose time counts: the open one, unless read-only."""
        doc = self.app.document
        return doc.session if doc is not None and not doc.read_only else None

    def key_showing(self) -> str | None:
        """The agenda key whose time counts now: the canvas showing (or under a dialog), the
        overview, or None (details, the session list, another screen)."""
        if self._session() is None:
            return None
        from dtworkshop.ui.screens.overview import OverviewScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, ModalScreen):
                continue  # a dialog over a screen of the session: the room is still there
            canvas = getattr(screen, "CANVAS", None)
            if canvas is not None:
                return canvas
            return AGENDA_OVERVIEW if isinstance(screen, OverviewScreen) else None
        return None

    def sync(self) -> None:
        """Count from now on the key showing (see `key_showing`); a key left has its time
        written into the session."""
        session = self._session()
        watch = self.stopwatch
        if session is not watch.owner:
            # Another session (or the same file read anew: restored, taken from disk).
            watch.at(None)
            watch.start(spent(session.agenda) if session is not None else {}, owner=session)
        before = watch.key
        watch.at(self.key_showing() if session is not None else None)
        if before is not None and before != watch.key:
            self.flush()
        self._update()

    def pause(self) -> None:
        """Stop counting and write what was counted into the session (before the session is
        saved on closing it or quitting)."""
        self.stopwatch.at(None)
        self.flush()

    def flush(self) -> None:
        """Write the seconds counted into the session's `[agenda.spent]` and have it saved,
        if they changed a whole second."""
        watch = self.stopwatch
        session = watch.owner
        if not isinstance(session, Session) or session is not self._session():
            return
        if session.agenda is None:
            # No timebox: the time is counted but not written (looking at a session changes
            # nothing in its file); once a plan is set, it is written with the rest.
            return
        counts = watch.saved()
        before = spent(session.agenda)
        changed = {k: v for k, v in counts.items() if v != before.get(k, 0)}
        if changed:
            session.agenda = set_spent(session.agenda, changed)
            self.app.session_changed()

    def tick(self) -> None:
        """Once a second: follow the screen showing, write the counts every SAVE_EVERY
        seconds, and tell the screen when the words shown change."""
        self.sync()
        if self.stopwatch.unsaved >= SAVE_EVERY:
            self.flush()

    # -- what shows

    def standing(self) -> Standing | None:
        """Where the open session stands against its plan (None: no plan, or read-only)."""
        session = self._session()
        if session is None or session is not self.stopwatch.owner:
            return None
        plan = planned(session.agenda)
        if not plan:
            return None
        key = self.stopwatch.key
        # Off the canvases (the overview, the details) the run stays where it was left.
        return standing(plan, self.stopwatch.seconds(), key,
                        session.current if key in (AGENDA_OVERVIEW, None) else None)

    def spent_minutes(self) -> dict[str, int]:
        """Whole minutes spent per key so far (the key showing up to now)."""
        return {k: whole_minutes(v) for k, v in self.stopwatch.seconds().items()}

    def _update(self) -> None:
        """Work out the bar's words; tell the screen showing when they (or the minutes it
        shows) changed: at most once a minute while one stays on a canvas."""
        now = self.standing()
        self.text = self.bar_text(now)
        self.short = self.bar_text(now, short=True)
        shown = (self.text.plain if self.text is not None else None,
                 tuple(sorted(now.minutes.items())) if now is not None else None,
                 tuple(sorted(self.spent_minutes().items())) if now is not None else None)
        if shown == self.shown:
            return
        self.shown = shown
        if not self.app.screen_stack:
            return  # the app is ending
        self.app._refresh_status()
        refresh = getattr(self.app.screen, "refresh_timebox", None)
        if refresh is not None:
            refresh()

    def bar_text(self, now: Standing | None, *, short: bool = False) -> Text | None:
        """The bar's words: the time left on the key showing ("12 min tilbage"; past it
        "+3 min over", in the theme's warning colour) and, a minute or more off the plan,
        whether the session is ahead or behind ("5 min foran", "3 min bagud"). `short`:
        the first of the two only."""
        if now is None:
            return None
        t = self.app.labels
        text = Text()
        if now.left is not None:
            if now.left >= 0:
                text.append(f" {t('timebox.left', n=minutes_text(now.left))} ")
            else:
                text.append(f" {t('timebox.over', n=max(1, whole_minutes(-now.left)))} ",
                            style=self._warning_style())
        if abs(now.ahead) >= 60 and not (short and text):
            word = "timebox.ahead" if now.ahead > 0 else "timebox.behind"
            if text:
                text.append("·")
            text.append(f" {t(word, n=whole_minutes(abs(now.ahead)))} ")
        return text if text else None

    def _warning_style(self) -> str:
        """The theme's warning colour as the ground, with black or white on it, whichever
        reads (the words say it too, for a terminal without colour)."""
        try:
            warning = Color.parse(self.app.current_theme.warning or "#ffb000")
        except Exception:
            warning = Color.parse("#ffb000")
        ink = "#000000" if warning.brightness > 0.5 else "#ffffff"
        return f"bold {ink} on {warning.hex6}"
