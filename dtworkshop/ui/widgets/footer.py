"""KeyFooter: Textual's Footer, rebuilt only when the keys it shows change."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's Footer (the keys of the screen showing, each clickable), rebuilt only when
    what it shows changes.

    Textual's Footer rebuilds its keys on every focus change and every bindings refresh,
    whether or not they changed: each time a dozen widgets are made and styled. That was a
    third of a canvas switch and of the typing that follows it. The keys shown (key, action,
    description, enabled, tooltip) are compared first.
    """

    _keys_shown: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
        shown = tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for (_, binding, enabled, tooltip) in screen.active_bindings.values()
            if binding.show or binding.key == self.app.COMMAND_PALETTE_BINDING
        )
        if shown == self._keys_shown and self._bindings_ready:
            return
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._keys_shown = shown  # else the rebuild is skipped: ask again next time
        super().bindings_changed(screen)
