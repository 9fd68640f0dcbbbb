""""Last time…" on a canvas (ctrl+l): the same organisation's earlier sessions, newest first,
with what each recorded on this canvas and its open decisions there; Enter on one opens the
compare screen for it and this session.

The panel is made only when asked for: nothing of it is built, and no file is read, when the
app starts or a canvas is shown. It finds the sessions in a worker thread
(`dtworkshop.last_time.recall`: the folder's index, then the few matching files).
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from dtworkshop.core.labels import Labels
from dtworkshop.core.session import Session
from dtworkshop.core.text import visible
from dtworkshop.index.model import LoadCancelled
from dtworkshop.last_time import Earlier, recall
from dtworkshop.storage.errors import reason


class LastTimePanel(Vertical):
    """The earlier sessions of `session`'s organisation found in `folder` (the session
    file's own), as they bear on canvas `canvas`; `this` is the session's file, compared
    with the one chosen. Escape closes the panel (`close_last_time`)."""

    DEFAULT_CSS = """
    LastTimePanel { height: auto; margin-bottom: 1; }
    LastTimePanel > #last-time-hint { color: $text-muted; }
    LastTimePanel > OptionList { height: auto; max-height: 30; }
    """

    BINDINGS = [Binding("escape", "close", show=False)]

    def __init__(self, folder: Path, session: Session, canvas: str, this: Path,
                 labels: Labels) -> None:
        super().__init__(id="last-time")
        self.folder = folder
        self.session = session
        self.canvas = canvas
        self.this = this
        self.t = labels
        self.found: list[Earlier] | None = None  # None while looking
        self.came_from: Widget | None = None  # focused before the panel opened: back there

    def compose(self):
        t = self.t
        organisation = visible(" ".join(self.session.organisation.split()))
        yield Label(Text(t("last_time.title", organisation=organisation)), classes="section")
        yield Static(Text(t("last_time.hint")), id="last-time-hint")
        yield OptionList(id="last-time-list")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if not self.session.organisation.strip():
            self.found = []
            options.add_option(Option(Text(self.t("last_time.no_organisation")), disabled=True))
            return
        options.add_option(Option(Text(self.t("last_time.loading")), disabled=True))
        self._look()

    @work(thread=True, exclusive=True)
    def _look(self) -> None:
        try:
            found = recall(self.folder, self.session, self.canvas, self.t,
                           cancel=getattr(self.app, "stop_loading", None))
        except LoadCancelled:
            return  # the app is ending
        except OSError as exc:
            self.app.call_from_thread(self._failed, reason(exc, self.t.language))
            return
        self.app.call_from_thread(self._show, found)

    def _failed(self, why: str) -> None:
        if not self.is_attached:
            return  # closed meanwhile
        self.found = []
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_option(Option(Text(self.t("last_time.failed", reason=why)), disabled=True))

    def _show(self, found: list[Earlier]) -> None:
        if not self.is_attached:
            return  # closed meanwhile
        self.found = found
        options = self.query_one(OptionList)
        options.clear_options()
        if not found:
            organisation = visible(" ".join(self.session.organisation.split()))
            options.add_option(Option(Text(self.t("last_time.none", organisation=organisation)),
                                      disabled=True))
            return
        options.add_options(Option(self._prompt(earlier), id=str(n))
                            for n, earlier in enumerate(found))
        options.highlighted = 0

    def _prompt(self, earlier: Earlier) -> Text:
        """One earlier session: its title and day, then its lines (user text literal)."""
        t = self.t
        text = Text()
        text.append(visible(earlier.title), style="bold")
        text.append(f" · {earlier.day.isoformat()}")
        for line in earlier.recorded or [t("last_time.nothing_recorded")]:
            text.append(f"\n  {visible(line)}")
        if earlier.open_decisions:
            text.append(f"\n  {t('last_time.open_decisions')}")
            for decision in earlier.open_decisions:
                text.append(f"\n  • {visible(decision)}")
        return text

    @on(OptionList.OptionSelected)
    def _compare(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.found and event.option_id is not None:
            self.app.show_compare(self.found[int(event.option_id)].path, self.this)

    def action_close(self) -> None:
        """Close the panel (Escape in it)."""
        close_last_time(self.screen)


def toggle_last_time(screen, canvas: str, side: Widget) -> None:
    """Show the "Last time…" panel of `canvas` at the top of `side` (the canvas's chart
    panel: beside the fields on a wide screen, below them at 80 columns), focused; or close
    it when it shows (ctrl+l)."""
    if screen.query(LastTimePanel):
        close_last_time(screen)
        return
    document = screen.app.document
    if document is None:
        return
    panel = LastTimePanel(document.path.parent, document.session, canvas, document.path,
                          screen.t)
    panel.came_from = screen.focused
    side.mount(panel, before=0)

    def shown() -> None:
        panel.query_one(OptionList).focus()
        side.scroll_visible(top=True, animate=False)

    screen.call_after_refresh(shown)


def close_last_time(screen) -> None:
    """Close the "Last time…" panel of `screen`, the focus back where it was."""
    for panel in screen.query(LastTimePanel):
        came_from = getattr(panel, "came_from", None)
        panel.remove()
        if came_from is not None and came_from.is_attached:
            came_from.focus()
