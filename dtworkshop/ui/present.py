"""The presenter view (`dtworkshop present FILE`): the facilitator's session on the
projector, read-only, following the canvas the facilitator is on as their app saves it.

A mixin of WorkshopApp. The app opens the file read-only (no lock, nothing written), looks at
the file every PRESENT_INTERVAL seconds (a stat; read only when it changed) and shows the
canvas named by the file's `current`. Everything that edits or navigates is off: only ctrl+q
(quit) works. What it hides (guidance, key hints, canvas strip, the read-only state) and the
larger charts are in `present.tcss`, under the app's class "-present".
"""

from __future__ import annotations

import msgspec

from dtworkshop.core.canvases import BY_KEY, CANVAS_KEYS
from dtworkshop.core.session import Session

PRESENT_INTERVAL = 0.2
"""Seconds between two looks at the presented file (a stat). The facilitator's app saves a
canvas switch within SWITCH_SAVE_DELAY (0.1 s) and an edit within AUTOSAVE_DELAY (0.5 s);
with this, and the canvas built anew, the projector follows a switch within a second."""

RESTORE_WAIT = 0.02
"""Seconds between two looks at a canvas rebuilt, waiting to give it back its scroll."""

RESTORE_TRIES = 50
"""Looks at most (a second): a canvas not shown by then keeps the top."""

PRESENT_ACTIONS = frozenset({"quit"})
"""The app's actions that work in the presenter view: quitting (ctrl+q), nothing else."""


class Presenting:
    """WorkshopApp's presenter mode: `presenting` is True for `dtworkshop present`."""

    presenting: bool = False

    def start_presenting(self) -> None:
        """Turn the app (not yet running) into a presenter view: read-only, no guidance,
        styled by the class "-present"."""
        self.presenting = True
        self.open_read_only = True
        self.show_guide = False
        self.add_class("-present")

    def present_anew(self, before: Session) -> None:
        """The file was read anew (it held `before`): show the canvas it names as current.

        Only the canvases whose content changed (their table, their decisions) are built
        anew, all of them when the session's header did (its title, its language); the
        others are kept, and built ahead while nothing changes, so that following a canvas
        switch only shows a screen already built. A canvas built anew where the view was
        keeps its scroll position (the facilitator typing there saves twice a second; the
        room keeps its place).
        """
        session = self.document.session
        showing = getattr(self.screen, "CANVAS", None)
        bodies = self.screen.query("#canvas-body")
        scroll_y = bodies.first().scroll_y if bodies else 0
        changed = changed_canvases(before, session)
        ahead = self._built_ahead
        if changed is None or (ahead is not None and ahead.name in changed):
            self._reshow()  # everything anew (a canvas half built ahead is let go there)
        else:
            if showing in changed:
                self._leave_session_screens_only()
            for key in changed:
                name = f"canvas-{key}"
                if self.is_screen_installed(name):
                    screen = self.get_screen(name)
                    if screen not in self.screen_stack:
                        self.uninstall_screen(name)
                        if screen.is_running:
                            screen.remove()
            self.show_canvas(session.current, record=False)
        if showing is not None and getattr(self.screen, "CANVAS", None) == showing and scroll_y \
                and (changed is None or showing in changed):
            self._keep_place(self.screen, scroll_y, RESTORE_TRIES)

    def _leave_session_screens_only(self) -> None:
        """Leave the canvas showing (back to the session list under it), keeping the
        canvases built."""
        while len(self.screen_stack) > 2:
            self.pop_screen()

    def _keep_place(self, screen, scroll_y: float, tries: int) -> None:
        """Scroll the canvas `screen`, rebuilt, back to `scroll_y` once it has shown (its
        first showing scrolls it to the top: this comes after that)."""
        if screen is not self.screen or tries <= 0:
            return  # gone on to another canvas meanwhile
        bodies = screen.query("#canvas-body")
        if not bodies or not getattr(screen, "_shown", False) or not bodies.first().size.height:
            self.set_timer(RESTORE_WAIT, lambda: self._keep_place(screen, scroll_y, tries - 1))
            return
        body = bodies.first()
        self.call_after_refresh(lambda: body.scroll_to(y=scroll_y, animate=False))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In the presenter view only PRESENT_ACTIONS run (no editing, no navigating: the
        view follows the facilitator); otherwise as Textual decides."""
        if self.presenting and action not in PRESENT_ACTIONS:
            return False
        return super().check_action(action, parameters)


def changed_canvases(before: Session, after: Session) -> set[str] | None:
    """The canvas keys whose content differs from `before` to `after` (the canvas's table,
    visited or not, and the decisions made on it), or None when the session's header
    differs too (title, organisation, language, participants …: what every screen may
    show). Where the facilitator is (`current`), when it was saved (`updated`) and the time
    spent (`agenda`: saved at each canvas switch in a session with a timebox, and not shown
    in the presenter view) are no content, nor is a canvas's empty table where there was
    none; a tally is its canvas's content."""
    def header(session: Session) -> bytes:
        bare = msgspec.structs.replace(session, current=after.current, updated=after.updated,
                                       agenda=after.agenda, decisions=[], tallies=[],
                                       **{key: None for key in CANVAS_KEYS})
        return msgspec.msgpack.encode(bare)

    def content(session: Session, key: str) -> bytes:
        data = getattr(session, key)
        # A canvas the facilitator just went to for the first time gets its empty table:
        # shown as before, it is not built anew.
        return msgspec.msgpack.encode((data if data is not None else BY_KEY[key].model(),
                                       session.decisions_on(key),
                                       [t for t in session.tallies if t.canvas == key]))

    if header(before) != header(after):
        return None
    return {key for key in CANVAS_KEYS if content(before, key) != content(after, key)}
