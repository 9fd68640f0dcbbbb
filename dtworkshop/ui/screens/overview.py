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
from dtworkshop.core.session import AGENDA_OVERVIEW, Session
from dtworkshop.core import timebox
from dtworkshop.core.text import visible
from dtworkshop.storage import SessionFileError, session_path
from dtworkshop.storage.reader import read_session
from dtworkshop.ui.screens.dialogs import CANVAS_HOTKEY
from dtworkshop.ui.screens.session import SessionScreen
from dtworkshop.ui.widgets.footer import KeyFooter

PHASES = ("situation", "strategy", "implementation")
# Not started in italics, not dim: dim fell to 4.0:1 in the projector theme in 16 colours.
STATUS_STYLE = {"untouched": "italic", "started": "", "decided": "bold green"}


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
        # Shown only while the session has no timebox plan (see check_action).
        self._bindings.bind("ctrl+k", "fill_plan", labels("timebox.fill"), priority=True)
        self.bind_session_keys()
        self._timebox_columns = False

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

    _earlier: str | None = None

    def _earlier_name(self) -> str:
        """The session this one follows, as the room knows it: its title and day when its
        file is beside this one (read once per overview), else its id."""
        if self._earlier is None:
            follows = self.session.follows or ""
            self._earlier = follows
            doc = getattr(self.app, "document", None)
            if doc is not None and follows:
                try:
                    earlier = read_session(session_path(doc.path.parent, follows))
                except (SessionFileError, ValueError):
                    pass  # moved, renamed or broken: its id still says which it was
                else:
                    self._earlier = visible(f"{earlier.title or earlier.id} ({earlier.day})")
        return self._earlier

    def _follow_up_line(self) -> Text:
        """The session this one follows up, and where its decisions stand: "Følger op på
        <id> · 4 åbne beslutninger, 1 over fristen" ("" for a session that follows none and
        has no decision overdue)."""
        t, s = self.t, self.session
        today = dt.date.today()
        line = Text()
        if s.follows:
            line.append(t("follow_up.overview", session=self._earlier_name()))
        still = [d for d in s.decisions if d.status == "open"]
        # Open decisions are said where they matter: a follow-up (what was promised last
        # time), or some overdue; otherwise the line would only push the canvases down.
        if still and (s.follows or any(d.overdue(today) for d in still)):
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "fill_plan":
            doc = getattr(self.app, "document", None)
            return (doc is not None and not doc.read_only
                    and not timebox.planned(self.session.agenda))
        return super().check_action(action, parameters)

    def action_fill_plan(self) -> None:
        """ctrl+k: fill the empty timebox plan with the half-day or whole-day default."""
        from dtworkshop.ui.screens.dialogs import ChoiceScreen

        if not self.check_action("fill_plan", ()):
            return
        t = self.t

        def answered(choice: str | None) -> None:
            if choice in timebox.DAY_PLANS and not timebox.planned(self.session.agenda):
                plan = timebox.default_plan(timebox.DAY_PLANS[choice])
                self.session.agenda = timebox.set_plan(self.session.agenda, plan)
                self.app.session_changed()
                self.app.timekeeper.sync()
                self.refresh_bindings()
                self.refresh_table()

        self.app.push_screen(ChoiceScreen(t("timebox.fill_question"), [
            (t("timebox.half_day"), "half_day"), (t("timebox.whole_day"), "whole_day"),
            (t("new.cancel"), "cancel")]), answered)

    def refresh_timebox(self) -> None:
        """The timebox's minutes changed (a minute counted, the plan rebalanced): show them."""
        if self.query("#canvases"):
            self.refresh_table()

    def refresh_table(self) -> None:
        """Show each canvas's status and warnings as the session has them now."""
        t, s = self.t, self.session
        table = self.query_one(DataTable)
        if "n" not in table.columns:
            return  # composed, not yet mounted (the timebox's tick came first): on_mount fills it
        row = table.cursor_row
        table.clear()
        warnings = s.warnings()
        lines = Text()
        times = self._times()
        if times is not None and not self._timebox_columns:
            self._timebox_columns = True
            table.add_column(t("timebox.plan"), key="plan")
            table.add_column(t("timebox.spent"), key="spent")
        if self._timebox_columns:  # the overview's own time: its opening and round-up
            table.add_row(Text(""), Text(t("timebox.overview")), Text(""), Text(""), Text(""),
                          *self._time_cells(times, AGENDA_OVERVIEW), key=AGENDA_OVERVIEW)
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
                *(self._time_cells(times, key) if self._timebox_columns else ()),
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

    def _times(self) -> tuple[dict[str, int], dict[str, int], dict[str, int]] | None:
        """The timebox as the overview shows it: (minutes planned, minutes now after
        rebalancing, whole minutes spent) per key; None when nothing is planned or spent."""
        agenda = self.session.agenda
        if agenda is None:
            return None
        keeper = getattr(self.app, "timekeeper", None)
        now = keeper.standing() if keeper is not None else None
        plan = timebox.planned(agenda)
        if keeper is not None and keeper.stopwatch.owner is self.session:
            minutes = keeper.spent_minutes()
        else:
            minutes = {k: timebox.whole_minutes(v) for k, v in timebox.spent(agenda).items()}
        return plan, now.minutes if now is not None else plan, minutes

    def _time_cells(self, times, key: str) -> list[Text]:
        """The plan and spent cells of `key`: "30" or, rebalanced, "30→24"; and the whole
        minutes spent."""
        if times is None:
            return [Text(""), Text("")]
        plan, now, minutes = times
        if key in plan:
            shown = str(plan[key]) if now.get(key, plan[key]) == plan[key] \
                else f"{plan[key]}→{now[key]}"
        else:
            shown = "–"
        return [Text(shown, justify="right"), Text(str(minutes.get(key, 0)), justify="right")]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value == AGENDA_OVERVIEW:
            return  # already here
        self.app.show_canvas(str(event.row_key.value))
