"""The presenter view (`dtworkshop present FILE`): the facilitator's session on the
projector, read-only, following the canvas the facilitator is on as their app saves it.

A mixin of WorkshopApp. The app opens the file read-only (no lock, nothing written), looks at
the file every PRESENT_INTERVAL seconds (a stat; read only when it changed) and shows the
canvas named by the file's `current`. Everything that edits or navigates is off: only ctrl+q
(quit) works. What it hides (guidance, key hints, canvas strip, the read-only state) and the
larger charts are in `present.tcss`, under the app's class "-present".
"""

from __future__ import annotations

PRESENT_INTERVAL = 0.25
"""Seconds between two looks at the presented file. The facilitator's app saves a canvas
switch within AUTOSAVE_DELAY (0.5 s); with this, the projector follows within a second."""

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

    def present_anew(self) -> None:
        """The file was read anew: show the canvas it names as current. On the same canvas
        as before, the view keeps its scroll position (the facilitator typing there saves
        twice a second; the room keeps its place)."""
        before = getattr(self.screen, "CANVAS", None)
        bodies = self.screen.query("#canvas-body")
        scroll_y = bodies.first().scroll_y if bodies else 0
        self._reshow()
        if before is not None and getattr(self.screen, "CANVAS", None) == before and scroll_y:
            self._keep_place(self.screen, scroll_y, RESTORE_TRIES)

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
