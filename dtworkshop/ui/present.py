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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In the presenter view only PRESENT_ACTIONS run (no editing, no navigating: the
        view follows the facilitator); otherwise as Textual decides."""
        if self.presenting and action not in PRESENT_ACTIONS:
            return False
        return super().check_action(action, parameters)
