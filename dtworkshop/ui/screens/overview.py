"""The session overview: the source's overview model (three phases, nine pieces of advice) and where
each canvas stands, with its warnings. A new session opens here."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Label, Static

from dtworkshop.core.canvases import BY_KEY, CANVAS_KEYS
from dtworkshop.core.labels import Labels
from dtworkshop.core.session import Session
from dtworkshop.core.text import visible
from dtworkshop.ui.screens.dialogs import CANVAS_HOTKEY
from dtworkshop.ui.screens.session import SessionScreen
from dtworkshop.ui.widgets.footer import KeyFooter

PHASES = ("situation", "strategy", "implementation")
STATUS_STYLE = {"untouched": "dim", "started": "", "decided": "bold green"}


class OverviewScreen(SessionScreen):
    """The overview model of the publication around the session: its three phases, the
    canvases in the source's order with their status (untouched, started, decided) and
    warnings, and the nine pieces of advice. Enter on a canvas opens it.
    """

    ENTER_OPENS = True
    """Enter on its list opens another screen: the keys typed after it wait for that one
    (see `TypeAhead.on_event`)."""

    CSS_PATH = ["../widgets/fields.tcss", "screens.tcss"]

    def __init__(self, session: Session, labels: Labels) -> None:
        super().__init__(session, labels, name="overview")
        # The overview stands before the first canvas: "next" from here is canvas 1, whichever
        # canvas the session was left on.
        self._bindings.bind("ctrl+n", "app.first_canvas", labels("app.next_canvas"), priority=True)
        self.bind_session_keys()

    def compose(self) -> ComposeResult:
        t = self.t
        yield Static(id="session-bar")
        # Focusable: the keyboard scrolls down to the pieces of advice.
        with VerticalScroll(id="overview-body", classes="session-body -focusable"):
            yield Label(Text(t("overview.heading")), classes="canvas-title")
            yield Label(Text(t("overview.intro").strip()), classes="question")
            yield Static(self._follow_up_line(), id="follow-up")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="canvases")
            yield Static(id="overview-warnings")
            yield Label(Text(t("app.overview_phases")), classes="section")
            phases = Text()
            for phase in PHASES:
                if phases:
                    phases.append("\n")
                phases.append(t(f"overview.phase.{phase}.name"), style="bold")
                phases.append(f" — {t(f'overview.phase.{phase}.question')}")
            yield Static(phases, id="phases")
            yield Label(Text(t("app.overview_advices")), classes="section")
            advices = Text()
            for n in range(1, 10):
                if advices:
                    advices.append("\n")
                advices.append(f"{n} {t(f'overview.advice.{n}')}", style="bold")
                advices.append(f"\n  {t(f'overview.advice_summary.{n}')}", style="dim")
            yield Static(advices, id="advices")
        yield KeyFooter()

    def _follow_up_line(self) -> Text:
        """The session this one follows up, and where its decisions stand: "Følger op på
        <id> · 4 åbne beslutninger, 1 overskredet" ("" for a first session without any)."""
        t, s = self.t, self.session
        today = dt.date.today()
        line = Text()
        if s.follows:
            line.append(t("follow_up.overview", session=s.follows))
        still = [d for d in s.decisions if d.status == "open"]
        if still:
            if line:
                line.append(" · ")
            line.append(t("follow_up.open_one" if len(still) == 1 else "follow_up.open_many",
                          n=len(still)))
            if late := sum(d.overdue(today) for d in still):
                line.append(", ")
                line.append(t("follow_up.overdue", n=late), style="bold")
        return line

    def on_mount(self) -> None:
        t = self.t
        table = self.query_one(DataTable)
        table.add_column("#", key="n")
        table.add_column(t("app.overview_canvas"), key="canvas")
        table.add_column(t("app.overview_advice"), key="advice")
        table.add_column(t("app.overview_status"), key="status")
        table.add_column("⚠", key="warnings")
        self.refresh_table()
        table.focus()
        self.call_after_refresh(self.query_one("#overview-body").scroll_home, animate=False)

    def on_screen_resume(self) -> None:
        if self.query("#canvases"):
            self.refresh_table()  # a canvas may have changed since

    def refresh_table(self) -> None:
        """Show each canvas's status and warnings as the session has them now."""
        t, s = self.t, self.session
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        warnings = s.warnings()
        lines = Text()
        for key in CANVAS_KEYS:
            status = s.status(key)
            found = warnings.get(key, [])
            table.add_row(
                Text(CANVAS_HOTKEY[key]),
                Text(t(f"canvas.{key}.title")),
                # A closing checklist backs no one advice.
                Text(str(BY_KEY[key].advice or "–"), justify="right"),
                Text(t(f"status.{status}"), style=STATUS_STYLE[status]),
                Text(str(len(found)) if found else "", style="bold yellow"),
                key=key,
            )
            for w in found:
                if lines:
                    lines.append("\n")
                lines.append("⚠ ", style="bold yellow")
                lines.append(f"{t(f'canvas.{key}.short')}: ", style="bold")
                lines.append(visible(t(w.key, **w.params)))
        table.move_cursor(row=max(row, 0))
        follow_up = self.query_one("#follow-up", Static)
        follow_up.update(line := self._follow_up_line())
        follow_up.display = bool(line)
        box = self.query_one("#overview-warnings", Static)
        box.update(lines)
        box.display = bool(lines)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.app.show_canvas(str(event.row_key.value))
