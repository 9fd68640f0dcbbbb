"""Canvases built ahead: while the keys pause, the open session's canvases not shown yet are
built (and laid out, and drawn once unseen), so that a first visit is as quick as a return.
A mixin of WorkshopApp."""

from __future__ import annotations

import asyncio
import gc
import time

from textual.screen import Screen

from dtworkshop.core.canvases import CANVAS_KEYS
from dtworkshop.ui.canvases import SCREENS

BUILD_AHEAD_QUIET = 1.0
"""Seconds without a key after which a canvas not shown yet is built ahead (one at a time)."""

BUILD_AHEAD_AFTER_OPEN = 0.5
"""Seconds after a session opens before canvases are built ahead: its first frames first."""

BUILD_AHEAD_EVERY = 0.2
"""Seconds between two looks for a canvas to build ahead: the seven are built within about
two seconds of a session opening, each in one go, with a key's chance to come in between."""

BUILD_AHEAD_STEP = 0.05
"""Seconds between the steps of readying one canvas built ahead (its layouts, its drawing):
time for its widgets to take in the last step, and for a key to come in between."""

LAYOUTS_AHEAD = 4
"""Layouts at most of a canvas built ahead, one a step, until its widgets stop changing."""


class BuildAhead:
    """Building the open session's canvases ahead (mixed into WorkshopApp, before App).

    The App calls `_build_ahead` every BUILD_AHEAD_EVERY seconds, sets `_opened_at`
    (time.monotonic()) when a session opens and `_leaving` when the app ends, and awaits
    `_finish_building` on its way out. Uses the App's `document`, `labels`, `_held_keys` and
    `_last_key_time` (see TypeAhead).
    """

    _building = None  # the mounting of the canvas being built ahead (an AwaitMount)
    _built_ahead: Screen | None = None  # the canvas Screen built ahead last
    _steps_ahead = 0  # its layouts and drawing done ahead (see _build_ahead)
    _opened_at = 0.0  # time.monotonic() when the open session was opened
    _frozen = False  # the open session's canvases are out of the cyclic GC's reach
    _leaving = False  # the app is ending: nothing more is built ahead

    def forget_canvases(self) -> None:
        """Drop the kept canvas Screens (another session, another language), but the one
        showing, which is dropped when it is left."""
        if self._frozen:
            self._frozen = False
            gc.unfreeze()  # what was built for them may be collected again
        ahead = self._built_ahead
        if ahead is None or not ahead.is_running or ahead.is_mounted:
            # Held on to, the last one built ahead would outlive the session. (One still
            # being mounted is kept for _shutdown to wait for, and let go at the next build.)
            self._built_ahead = self._building = None
        for key in CANVAS_KEYS:
            name = f"canvas-{key}"
            if self.is_screen_installed(name) and self.get_screen(name) not in self.screen_stack:
                screen = self.get_screen(name)
                self.uninstall_screen(name)
                if screen.is_running:
                    screen.remove()  # uninstalled, a screen built once would live on unseen

    async def _finish_building(self) -> None:
        # However the app ends (quit, hang-up, a test's end), a canvas being built ahead is
        # let finish first: Textual's widgets (Select) fail when the app ends in the middle
        # of mounting them.
        self._leaving = True
        building, self._building = self._building, None
        if building is not None:
            try:
                await asyncio.wait_for(building(), timeout=2.0)
            except Exception:
                pass  # gone or slow: end all the same

    def _build_ahead(self) -> None:
        """Build one canvas Screen of the open session that has not been shown yet, once the
        keys have paused: its first showing is then as quick as a return to it.

        Building a canvas takes Textual a tenth of a second or more: done while the room
        talks, not when the facilitator presses ctrl+n. The session's current canvas and the
        ones after it come first, in the source's order.
        """
        document = self.document
        if (document is None
                # Rebuilt whenever the file changes; the presenter view keeps them
                # (ui.present): its canvas switches are then as quick as the facilitator's.
                or document.read_only and not getattr(self, "presenting", False)
                or self._leaving or self._held_keys is not None
                or time.monotonic() - self._last_key_time < BUILD_AHEAD_QUIET
                or time.monotonic() - self._opened_at < BUILD_AHEAD_AFTER_OPEN
                or len(self.screen_stack) < 3):  # the session is still being opened
            return
        ahead = self._built_ahead
        if ahead is not None:
            if ahead.is_running and not ahead.is_mounted:
                return  # one at a time
            self._building = None
            unseen = ahead.is_running and ahead not in self.screen_stack
            if (unseen and self._steps_ahead < LAYOUTS_AHEAD
                    and (ahead._size != self.size or ahead._layout_required)):
                self._steps_ahead += 1
                # Textual shows or hides a screen's toasts as it is shown; a rack that then
                # goes from shown to hidden lays the whole screen out again (25 ms). Hidden
                # now, as it will be unless a toast is up.
                for rack in ahead.query("#textual-toastrack"):
                    rack.display = bool(self._notifications)
                # Laid out too, in steps of their own (keys may come in between): once for
                # the terminal's size, then again while its widgets change on learning
                # theirs (a chart redrawn for its width, a scroll bar). Its first showing
                # then only paints (20-30 ms, not 100-300 ms). Textual lays a screen out
                # and draws it when it is shown; these are its private parts for that.
                ahead._refresh_layout(self.size)
                ahead._layout_required = False  # as Screen._on_timer_update: done now
                self.set_timer(BUILD_AHEAD_STEP, self._build_ahead)
                return
            if unseen and self._steps_ahead <= LAYOUTS_AHEAD:
                # And drawn once, unseen: its widgets keep the lines they drew, so its first
                # showing takes 30-50 ms instead of 45-65 (the big session).
                self._steps_ahead = LAYOUTS_AHEAD + 1
                ahead._compositor.render_update(full=True)
                self.set_timer(BUILD_AHEAD_STEP, self._build_ahead)
                return
            self._built_ahead = None
        current = CANVAS_KEYS.index(document.session.current)
        for key in CANVAS_KEYS[current:] + CANVAS_KEYS[:current]:
            name = f"canvas-{key}"
            if not self.is_screen_installed(name):
                screen = SCREENS[key](document.session, self.labels)
                self.install_screen(screen, name=name)
                # Textual loads a screen's style sheets and builds it when it is first shown;
                # this does both now (composed and mounted, not shown). It has no public call
                # for that.
                self._load_screen_css(screen)
                _, self._building = self._get_screen(name)
                self._built_ahead = screen
                self._steps_ahead = 0
                return
        if not self._frozen:
            # Every canvas is built: its ~100,000 objects live until the session is left.
            # Python's full garbage collection walks them all (60-150 ms, a key's delay)
            # whenever enough new objects have survived; frozen, they are skipped.
            self._frozen = True
            gc.freeze()
