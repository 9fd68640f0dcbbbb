"""The decision log across sessions: every decision of every session in the folder, to
follow up who owns what and what is overdue (the source's advice to follow through: what a
leadership team decides must have an owner and a date)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Label, Select, Static

from dtworkshop.core.canvases import CANVAS_KEYS
from dtworkshop.core.labels import Labels
from dtworkshop.core.text import danish_order, visible
from dtworkshop.index.loading import load_index
from dtworkshop.index.model import (
    DecisionInfo,
    Entry,
    LoadCancelled,
    Summary,
    carried_over,
    overdue,
)
from dtworkshop.ui.screens.browser import SEARCH_DELAY
from dtworkshop.ui.screens.browser_table import highlighted
from dtworkshop.ui.screens.form import MovesFocusAtOnce, TellsDroppedKeys, release_keys_when_focused, settle
from dtworkshop.ui.widgets.choice import Choice
from dtworkshop.ui.widgets.literal import LiteralInput
from dtworkshop.ui.widgets.long_table import LongTable
from dtworkshop.ui.widgets.footer import KeyFooter
from dtworkshop.ui.textual_words import SaysTextualWords


@dataclass(frozen=True, slots=True)
class DecisionRow:
    """One decision of the folder with the session it was made in."""

    path: Path
    session: Summary
    decision: DecisionInfo
    overdue: bool


_UNDATED = dt.date.max  # sorts after every due date

_WIDTHS = {"organisation": 13, "canvas": 12, "owner": 12, "due": 12}
"""The columns' widths in cells at 80 columns; the text takes the rest."""


@dataclass
class LogState:
    """Where the facilitator left the decision log (its filters and the decision under the
    cursor), so that coming back to it after opening a decision finds it as it was."""

    owner: str = ""
    organisation: str | None = None
    canvas: str | None = None
    status: str | None = None  # one of STATUS_FILTERS, None for any
    decision: tuple[Path, str, dt.datetime] | None = None  # file, text, made


STATUS_FILTERS = ("open", "overdue", "done", "dropped")
"""What the status filter lets through besides all: open ones, overdue ones (open and past
their due date), done ones, dropped ones."""


def _has_status(row: DecisionRow, status: object) -> bool:
    """Whether the status filter `status` (one of STATUS_FILTERS, else any) lets `row` by."""
    if status == "overdue":
        return row.overdue
    return status not in STATUS_FILTERS or row.decision.status == status


class DecisionsScreen(SaysTextualWords, MovesFocusAtOnce, TellsDroppedKeys, Screen):
    """One table of every decision in the folder: organisation, canvas, text, owner, due
    date, overdue marked. Filter by owner, organisation, canvas and status (open, overdue,
    done, dropped); a decision carried over into a follow-up session is shown once, as the
    newest session has it. Enter opens the
    session read-only on the canvas where the decision was made. Escape goes back."""

    ENTER_OPENS = True
    """Enter on its list opens another screen: the keys typed after it wait for that one
    (see `TypeAhead.on_event`)."""

    def __init__(self, folder: Path, labels: Labels, today: dt.date | None = None,
                 state: LogState | None = None) -> None:
        super().__init__()
        self.folder = folder
        self.t = labels
        self.today = today or dt.date.today()
        self.state = state or LogState()
        self._loading = True
        self._open_when_loaded = False  # Enter came while the decisions were being read
        self._laid_out = 0
        self.all_rows: list[DecisionRow] = []
        self.rows: list[DecisionRow] = []
        self._timer: Timer | None = None
        t = labels
        bind = self._bindings.bind
        bind("enter", "open", t("decisions.open"), show=True)
        # Priority, as the browser's letters (see BrowserScreen): in order within a burst.
        bind("o", "toggle_overdue", t("decisions.overdue_only"), priority=True)
        bind("slash", "filter", t("decisions.filter"), priority=True)
        # In the owner field, Down goes to the list with what was typed; Escape takes it
        # back (as in the browser's search).
        bind("down", "to_table", show=False, priority=True)
        # Tab and Shift+Tab at once, as in a form (FormScreen): "/egedal Tab 2026" in one
        # burst puts 2026 in the next filter, not after "egedal".
        bind("tab", "focus_next", show=False, priority=True)
        bind("shift+tab", "focus_previous", show=False, priority=True)
        bind("escape", "back", t("app.back"))

    def compose(self) -> ComposeResult:
        t = self.t
        yield Label(self._title(), id="title-bar")
        with Horizontal(id="filters"):
            yield LiteralInput(placeholder=t("decisions.owner_placeholder"), compact=True, id="owner")
            yield Choice([], prompt=t("list.all_organisations"), compact=True, id="org")
            yield Choice([(t(f"canvas.{k}.short"), k) for k in CANVAS_KEYS],
                         prompt=t("decisions.all_canvases"), compact=True, id="canvas")
            yield Choice([(t(f"decisions.status_{k}"), k) for k in STATUS_FILTERS],
                         prompt=t("decisions.all_statuses"), compact=True, id="status")
        yield LongTable(id="decision-table")
        yield Static(id="detail")
        yield KeyFooter()

    def _title(self) -> Text:
        t = self.t
        title = f" {t('list.decision_log')} · {visible(str(self.folder))}"
        if not self._loading:
            shown, total = len(self.rows), len(self.all_rows)
            title += " · " + (t("decisions.count", shown=shown, total=total) if shown != total
                              else t("decisions.count_all", total=total))
        return Text(title)

    def on_mount(self) -> None:
        state = self.state
        self.query_one("#owner", Input).value = state.owner
        if state.canvas in CANVAS_KEYS:
            self.query_one("#canvas", Select).value = state.canvas
        if state.status in STATUS_FILTERS:
            self.query_one("#status", Select).value = state.status
        self._columns()
        self.query_one(LongTable).focus()
        self._show_detail()
        self._load()
        self.call_after_refresh(release_keys_when_focused, self)  # held by the app (d)

    def on_resize(self) -> None:
        if self.is_mounted and self._widths()["text"] != self._laid_out:
            self._columns()

    def _widths(self) -> dict[str, int]:
        """The columns' widths for the screen's width: beyond 80 columns, half of the rest
        goes to the text, a quarter each to the organisation and the owner."""
        width = self.app.size.width or 80
        widths = dict(_WIDTHS)
        spare = max(0, width - 80)
        widths["organisation"] += min(spare // 4, 20)
        widths["owner"] += min(spare // 4, 20)
        widths["text"] = max(16, width - sum(widths.values()) - 2 * 5 - 2)
        return widths

    def _columns(self) -> None:
        t = self.t
        widths = self._widths()
        self._laid_out = widths["text"]
        self.query_one(LongTable).set_columns([
            (t("list.column.organisation"), "organisation", widths["organisation"]),
            (t("decisions.canvas"), "canvas", widths["canvas"]),
            (t("decision.text"), "text", widths["text"]),
            (t("decision.owner"), "owner", widths["owner"]),
            (t("decisions.due"), "due", widths["due"]),
        ])

    @work(thread=True, exclusive=True, group="decisions")
    def _load(self) -> None:
        try:
            index = load_index(self.folder, cancel=getattr(self.app, "stop_loading", None))
        except LoadCancelled:
            return  # the app is ending
        except OSError as exc:
            self.app.call_from_thread(
                self.notify, f"{visible(str(self.folder))}: {visible(exc.strerror or str(exc))}",
                severity="error", markup=False)
            return
        self.app.call_from_thread(self._loaded, self._rows(index.sessions()))

    def _rows(self, entries: list[Entry]) -> list[DecisionRow]:
        """Every decision of `entries`, most urgent first: overdue, then by due date, undated
        last; among equals the newest session first. (In the loading thread: 50,000
        decisions take a few tenths of a second.)"""
        rows = []
        today = self.today
        carried = carried_over(e.session for e in entries)
        for entry in entries:
            s = entry.session
            path = self.folder / entry.name
            rows.extend(DecisionRow(path, s, d, overdue(d, today)) for d in s.decisions
                        if (s.id, d.canvas, d.made) not in carried)
        rows.sort(key=lambda r: (r.session.day, r.session.created), reverse=True)
        rows.sort(key=lambda r: r.decision.due or _UNDATED)
        return rows

    def _loaded(self, rows: list[DecisionRow]) -> None:
        self._loading = False
        self.all_rows = rows
        orgs = sorted({r.session.organisation for r in rows if r.session.organisation},
                      key=danish_order)
        select = self.query_one("#org", Select)
        with self.prevent(Select.Changed):
            select.set_options([(Text(visible(o)), o) for o in orgs])
            if self.state.organisation in orgs:
                select.value = self.state.organisation
        self.show_rows()
        if self.state.decision is not None:  # back where the facilitator left the log
            for i, row in enumerate(self.rows):
                if (row.path, row.decision.text, row.decision.made) == self.state.decision:
                    self.query_one(LongTable).move_cursor(row=i)
                    break
        if self._open_when_loaded:
            self._open_when_loaded = False
            self.action_open()

    def _filtered(self) -> list[DecisionRow]:
        owner = self.query_one("#owner", Input).value.strip().lower()
        org = self.query_one("#org", Select).value
        canvas = self.query_one("#canvas", Select).value
        status = self.query_one("#status", Select).value
        return [
            r for r in self.all_rows
            if (not owner or owner in r.decision.owner.lower())
            and (not isinstance(org, str) or r.session.organisation == org)
            and (not isinstance(canvas, str) or r.decision.canvas == canvas)
            and _has_status(r, status)
        ]

    def show_rows(self) -> None:
        """Fill the table with the decisions the filters let through; the cursor stays on
        its decision if that is still shown, else goes to the top."""
        t = self.t
        table = self.query_one(LongTable)
        keep = self._selected()
        self.rows = self._filtered()
        owner = self.query_one("#owner", Input).value.strip()
        table.set_rows(self.rows, lambda r: (
            Text(visible(r.session.organisation)),
            Text(t(f"canvas.{r.decision.canvas}.short")),
            Text(visible(" ".join(r.decision.text.split()))),
            highlighted(r.decision.owner, owner),
            Text(f"{r.decision.due.isoformat()} ⚠" if r.overdue else
                 r.decision.due.isoformat() if r.decision.due else "",
                 style="bold red" if r.overdue else "")
            + self._state(r.decision),
        ))
        table.move_cursor(row=next((i for i, r in enumerate(self.rows) if r is keep), 0))
        self.query_one("#title-bar", Label).update(self._title())
        self._show_detail()

    def _state(self, decision: DecisionInfo) -> Text:
        """What follows a due date: " ✓ Udført" or " Droppet"; nothing for an open one."""
        if decision.status == "open":
            return Text()
        mark = " ✓ " if decision.status == "done" else " "
        return Text(mark + self.t.enum("decision_status", decision.status), style="bold")

    def on_long_table_row_highlighted(self) -> None:
        self._show_detail()

    def _selected(self) -> DecisionRow | None:
        table = self.query_one(LongTable)
        if not self.rows:
            return None
        return self.rows[min(table.cursor_row, len(self.rows) - 1)]

    def _show_detail(self) -> None:
        detail = self.query_one("#detail", Static)
        row = self._selected()
        if row is None:
            key = "list.reading" if self._loading else "decisions.none"
            detail.update(Text(self.t(key, folder=visible(str(self.folder))), style="dim"))
            return
        s, d = row.session, row.decision
        text = Text()
        text.append(visible(s.title or s.id), style="bold")
        text.append(f" · {s.day.isoformat()}", style="italic")  # dim fell to 4:1
        if row.overdue:
            text.append(f" · {self.t('decisions.overdue_since', due=d.due.isoformat())}",
                        style="bold red")
        elif d.status != "open":
            state = self.t.enum("decision_status", d.status)
            text.append(f" · {state} {d.closed.isoformat()}" if d.closed else f" · {state}",
                        style="bold")
        text.append("\n")
        text.append(visible(d.text))
        detail.update(text)

    @on(Input.Changed)
    def _typed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SEARCH_DELAY, self.show_rows)

    @on(Select.Changed)
    def _chosen(self) -> None:
        if self.all_rows:
            self.show_rows()

    @on(Input.Submitted)
    async def _to_table(self) -> None:
        await self.action_to_table()

    async def action_to_table(self) -> None:
        """From the owner field to the list (Down, Enter), filtered by what was typed: the
        list follows the field once typing pauses, and at once when it is left, so that the
        Enter typed right after opens a decision the filter lets through."""
        await settle(self)  # the name typed before Down is in the field, all of it
        self._filter_now()  # (its last Changed may not have reached this screen yet)
        self.set_focus(self.query_one(LongTable))

    def _filter_now(self) -> None:
        """Show the rows for the owner field as it is now, not once typing pauses."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.all_rows:
            self.show_rows()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # In the owner field (and an open list), letters and "/" are typed, not keys.
        focused = self.focused
        typing = focused is not None and any(
            isinstance(node, (Input, Select)) for node in focused.ancestors_with_self)
        if action == "to_table":
            return isinstance(focused, Input)
        return not (typing and action in ("toggle_overdue", "filter"))

    async def action_back(self) -> None:
        focused = self.focused
        if isinstance(focused, Input):  # Escape in the owner field takes the filter back
            if focused.value:
                focused.value = ""
                self._filter_now()
            await self.action_to_table()
            return
        if not isinstance(focused, LongTable):
            self.set_focus(self.query_one(LongTable))
            return
        self._leave()

    def _leave(self) -> None:
        """Close the log; the app keeps where it was left for the next time (LogState)."""
        org = self.query_one("#org", Select).value
        canvas = self.query_one("#canvas", Select).value
        row = self._selected()
        self.app.decision_log_state = LogState(
            owner=self.query_one("#owner", Input).value,
            organisation=org if isinstance(org, str) else None,
            canvas=canvas if isinstance(canvas, str) else None,
            status=status if isinstance(status := self.query_one("#status", Select).value,
                                        str) else None,
            decision=(row.path, row.decision.text, row.decision.made) if row else None,
        )
        self.dismiss()

    def action_filter(self) -> None:
        self.set_focus(self.query_one("#owner", Input))  # at once, as the browser's search

    def action_toggle_overdue(self) -> None:
        """Only the overdue decisions (o), or all again."""
        select = self.query_one("#status", Select)
        if select.value == "overdue":
            select.clear()
        else:
            select.value = "overdue"

    def on_long_table_row_selected(self, event: LongTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        """Open the decision's session read-only on its canvas, the decision selected."""
        if isinstance(self.focused, Input):
            self.call_later(self.action_to_table)
            return
        if self._loading:
            # Enter typed ahead (d / owner Down Enter in one burst) opens what the filter
            # finds once the decisions are read, not nothing.
            self._open_when_loaded = True
            return
        row = self._selected()
        if row is None:
            return
        self._leave()
        self.app.open_session(row.path, read_only=True, canvas=row.decision.canvas,
                              decision=(row.decision.text, row.decision.made))
