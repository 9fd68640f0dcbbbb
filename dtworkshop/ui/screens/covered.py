"""`CoveredScreen`: a Screen that is neither laid out nor drawn while another screen covers
it (the browser under a session)."""

from __future__ import annotations

from textual.screen import Screen

from dtworkshop.ui.textual_words import SaysTextualWords


class CoveredScreen(SaysTextualWords, Screen):
    """A Screen that Textual lays out and draws only while it can be seen: when it is the
    screen showing, or a dialog (a modal screen) is over it. Under any other screen it is
    laid out and drawn again when it is shown (Textual's ScreenResume does both)."""

    # Textual counts the screen under the one showing as visible, in case the top one is
    # see-through: it lays it out whenever any screen learns its size (each canvas built
    # ahead does) and repaints the whole terminal (7 KB) for anything it redraws. Under a
    # session the browser is not seen: it is laid out and drawn when it is shown again
    # (Textual's ScreenResume does both), or when a dialog over it lets it be seen.

    @property
    def in_view(self) -> bool:
        """Whether the screen can be seen: it is the app's screen, or a dialog is over it."""
        top = self.app.screen
        return top is self or top.is_modal

    def _screen_resized(self, size) -> None:
        if self.in_view:
            super()._screen_resized(size)

    def _compositor_refresh(self) -> None:
        if self.in_view:
            super()._compositor_refresh()
        else:
            self._dirty_widgets.clear()
            self._compositor._dirty_regions.clear()
