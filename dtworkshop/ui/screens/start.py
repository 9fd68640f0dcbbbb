"""The start screen: every session in the sessions folder, newest change first."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Static

from dtworkshop.core.labels import Labels
from dtworkshop.core.text import visible
from dtworkshop.lock import read_holder
from dtworkshop.storage import Listing, list_sessions


class StartScreen(Screen):
    """Lists the sessions folder; Enter opens a session, n creates one.

    Files that cannot be read are listed with their error, after the good ones, and never
    stop the rest from opening.
    """

    def __init__(self, folder: Path, labels: Labels) -> None:
        super().__init__()
        self.folder = folder
        self.t = labels
        self.listings: list[Listing] = []
        t = labels
        self._bindings.bind("n", "new_session", t("app.new_session"))
        self._bindings.bind("enter", "open_session", t("app.open"), show=True)
        self._bindings.bind("q", "app.quit", t("app.quit"))

    def compose(self) -> ComposeResult:
        yield Label(Text(f" dtworkshop · {visible(str(self.folder))}"), id="title-bar")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="sessions")
        yield Static(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        t = self.t
        table = self.query_one(DataTable)
        decisions = t("list.decisions")
        # Title takes what the fixed columns leave (each column has 2 cells of padding).
        title_width = max(16, self.app.size.width - 20 - 16 - len(decisions) - 2 * 4 - 2)
        table.add_column(t("list.title"), key="title", width=title_width)
        table.add_column(t("list.organisation"), key="organisation", width=20)
        table.add_column(t("list.updated"), key="updated", width=16)
        table.add_column(decisions, key="decisions", width=len(decisions))
        self.reload()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.reload()

    def reload(self) -> None:
        """Read the folder again and show it."""
        table = self.query_one(DataTable)
        table.clear()
        self.listings = list_sessions(self.folder)
        for i, item in enumerate(self.listings):
            if item.session:
                s = item.session
                table.add_row(
                    Text(visible(s.title) or s.id),
                    Text(visible(s.organisation)),
                    Text(s.updated.strftime("%Y-%m-%d %H:%M")),
                    Text(str(len(s.decisions)), justify="right"),
                    key=str(i),
                )
            else:
                table.add_row(
                    Text(item.path.name, style="red"),
                    Text(self.t("app.bad_file"), style="bold red"),
                    Text(""),
                    Text(""),
                    key=str(i),
                )
        for i, item in enumerate(self.listings):
            if item.path == self.app.last_path:  # back on the session just left
                table.move_cursor(row=i)
        detail = self.query_one("#detail", Static)
        if not self.listings:
            detail.update(Text(self.t("app.no_sessions", folder=visible(str(self.folder)))))
        self._show_detail()
        table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        item = self._selected()
        if item is None:
            return
        detail = self.query_one("#detail", Static)
        if item.error:
            detail.update(Text(visible(str(item.error)), style="red"))
        elif item.session:
            s = item.session
            text = Text(visible(f"{s.id} · {s.facilitator} · {s.language}"), style="dim")
            holder = read_holder(item.path)
            if holder is not None and holder.alive:
                text.append("\n")
                text.append(self.t("list.open_by", user=visible(holder.user),
                                   host=visible(holder.host)), style="bold yellow")
            detail.update(text)

    def _selected(self) -> Listing | None:
        table = self.query_one(DataTable)
        if not self.listings or table.cursor_row < 0:
            return None
        return self.listings[min(table.cursor_row, len(self.listings) - 1)]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_session()

    def action_open_session(self) -> None:
        item = self._selected()
        if item is None:
            return
        if item.error:
            self.notify(visible(str(item.error)), severity="error", markup=False)
            return
        self.app.open_session(item.path)

    def action_new_session(self) -> None:
        self.app.action_new_session()
