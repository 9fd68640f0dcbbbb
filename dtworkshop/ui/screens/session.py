"""SessionScreen: what every screen of an open session shares (canvases, overview, details)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from dtworkshop.core.labels import Labels
from dtworkshop.core.session import Session
from dtworkshop.core.text import visible
from dtworkshop.ui.screens.form import FormScreen


class SessionScreen(FormScreen):
    """A screen of the open session: the session bar on top (title, organisation, saved
    state) and the keys that work everywhere in a session (go to, quit).

    Subclasses yield `Static(id="session-bar")` first in `compose()` and call
    `bind_session_keys()` after their own bindings (the footer shows them in that order).
    """

    def __init__(self, session: Session, labels: Labels, *, name: str) -> None:
        super().__init__(name=name)
        self.session = session
        self.t = labels

    def bind_session_keys(self) -> None:
        """Bind go to (ctrl+g) and quit (ctrl+q), after the screen's own keys."""
        bind = self._bindings.bind
        bind("ctrl+g", "app.go_to", self.t("app.go_to"), priority=True)
        bind("ctrl+q", "app.quit", self.t("app.quit"), priority=True)

    def on_mount(self) -> None:
        self.refresh_status()

    def on_resize(self) -> None:
        self.refresh_status()

    def on_screen_resume(self) -> None:
        self.refresh_status()  # another screen may have changed the title or saved

    def refresh_status(self) -> None:
        """Show the session's title and whether the file is up to date."""
        doc = self.app.document
        t = self.t
        bars = self.query("#session-bar")
        if doc is None or not bars:
            return  # not composed yet: on_mount comes back here
        if doc.error is not None:
            state = Text(f" {t('app.unsaved')} ", style="bold white on red")
        elif doc.dirty:
            state = Text(f" {t('app.unsaved')} ", style="dim")
        else:
            state = Text(f" {t('app.saved')} ✓ ", style="green")
        bar = Text(" ")
        bar.append(visible(self.session.title or self.session.id), style="bold")
        if self.session.organisation:
            bar.append(f" · {visible(self.session.organisation)}")
        width = self.size.width or 80
        bar.truncate(max(10, width - state.cell_len - 1), overflow="ellipsis")
        bar.pad_right(max(0, width - bar.cell_len - state.cell_len))
        bar.append_text(state)
        bars.first(Static).update(bar)
