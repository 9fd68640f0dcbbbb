"""Tallies in the app: ctrl+y on a canvas starts a vote. A question, the options (the canvas's
own items, ticked, and any typed), then the counts as the room calls them out, with a bar
chart that follows. Done keeps it in the session (and autosaves); it can be made a decision
at once. The canvas lists its tallies under the decision log; Enter re-opens one to correct
its counts.

`TallyScreen` is the dialog, `CountList` its counting rows, `TallyLog` the canvas's list, and
`CanvasTallies` what a canvas screen adds to bind them together.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from pathlib import Path

import msgspec
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.types import NoActiveAppError
from textual.geometry import Region
from textual.message import Message
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, DataTable, Input, Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from dtworkshop.core.labels import Labels
from dtworkshop.core.session import Decision, Tally, TallyOption
from dtworkshop.core.tallies import MAX_VOTES, decision_text, offered, result, tallies_on
from dtworkshop.core.tallies import chart as draw_tally
from dtworkshop.core.text import cell_width, cut_to_cells, visible
from dtworkshop.core.types import now
from dtworkshop.ui.screens.dialogs import (
    AsksBeforeDiscarding,
    ConfirmScreen,
    DecisionForm,
    DecisionScreen,
    DismissOnce,
    KeepsFocusInView,
)
from dtworkshop.ui.screens.form import FormScreen
from dtworkshop.ui.widgets.chart import Chart
from dtworkshop.ui.widgets.literal import LiteralInput

_HERE = Path(__file__).parent

CHART_DELAY = 0.15
"""Seconds without a count typed after which the chart catches up: drawing it on every key
would slow the counting down while the room calls out numbers."""

KEY_WIDTH = 92
"""From this many columns on, ctrl+y is shown in a canvas's footer: at 80 the canvas's other
keys fill it (it is in the README's keys table and in the empty tally list's words)."""


def _one_line(text: str) -> str:
    return visible(" ".join(text.split()))


class CountList(Widget, can_focus=True):
    """One row per option, its count at the right; the row being counted is highlighted.

    Digits type its count (the first digit on a row replaces what it held, so a miscount is
    typed over), Backspace takes the last digit back, `+` and `-` add or take one, Enter or
    Down go to the next row, Up back. Enter on the last row calls `finished()` (at once,
    so that the Enter typed next, in the same burst, lands where it moves the focus). Every
    change posts `Changed`. Counts stay within 0..MAX_VOTES.
    """

    DEFAULT_CSS = """
    CountList { height: auto; }
    """

    class Changed(Message):
        """A count changed."""

    def __init__(self, finished: Callable[[], None], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.finished = finished
        self.names: list[str] = []
        self.votes: list[int] = []
        self.row = 0
        self._fresh = True  # the next digit starts the count anew

    def set_options(self, names: list[str], votes: list[int]) -> None:
        """Count `names`, starting from `votes` (as many), on the first row."""
        self.names, self.votes = list(names), list(votes)
        self.row, self._fresh = 0, True
        self.refresh(layout=True)

    def render(self) -> Text:
        width = max(self.size.width, 20)
        text = Text(no_wrap=True, overflow="ellipsis")
        for i, (name, votes) in enumerate(zip(self.names, self.votes)):
            here = i == self.row
            count = f"{votes:>6} "
            room = max(4, width - 3 - len(count) - 1)
            shown = cut_to_cells(_one_line(name), room)
            line = Text(("▸ " if here else "  ") + shown + " " * (room - cell_width(shown) + 1) + count)
            if here:
                line.stylize("reverse bold" if self.has_focus else "bold")
            if i:
                text.append("\n")
            text.append_text(line)
        return text

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def _set(self, value: int) -> None:
        value = max(0, min(MAX_VOTES, value))
        if value != self.votes[self.row]:
            self.votes[self.row] = value
            self.post_message(self.Changed())
        self.refresh()

    def _move(self, to: int) -> None:
        self.row = max(0, min(len(self.names) - 1, to))
        self._fresh = True
        self.refresh()
        # The row in view in a dialog that scrolls (a low window, many options).
        for dialog in self.ancestors_with_self:
            if isinstance(dialog, Widget) and dialog.has_class("dialog"):
                y = self.region.y - dialog.content_region.y + round(dialog.scroll_y) + self.row
                dialog.scroll_to_region(Region(0, max(0, y), 1, 1), animate=False)
                break

    def on_key(self, event: events.Key) -> None:
        if not self.names:
            return
        key, character = event.key, event.character
        if character is not None and character in "0123456789" and len(character) == 1:
            digit = int(character)
            self._set(digit if self._fresh else self.votes[self.row] * 10 + digit)
            self._fresh = False
        elif character == "+" or key in ("plus", "kp_add"):
            self._set(self.votes[self.row] + 1)
            self._fresh = True
        elif character == "-" or key in ("minus", "kp_subtract"):
            self._set(self.votes[self.row] - 1)
            self._fresh = True
        elif key == "backspace":
            self._set(self.votes[self.row] // 10)
            self._fresh = False
        elif key in ("enter", "down"):
            if self.row == len(self.names) - 1:
                if key == "enter":
                    self.finished()
            else:
                self._move(self.row + 1)
        elif key == "up":
            self._move(self.row - 1)
        elif key == "home":
            self._move(0)
        elif key == "end":
            self._move(len(self.names) - 1)
        else:
            return
        event.stop()
        event.prevent_default()


class OptionTicks(SelectionList[int]):
    """Textual's SelectionList, but its keys act in the order they were typed.

    Textual runs a list's Space and arrows as bindings, looked up once the key comes back
    unhandled, and toggles whichever option is highlighted when its message comes round: in
    a burst ("Tab ↓ ↓ Space Tab Ingen", over a slow link) the Tab behind them had moved the
    focus on by then, and the arrows and Spaces went to the next field. Here the list takes
    them itself, each as it comes."""

    MOVES = {"down": "cursor_down", "up": "cursor_up", "home": "first", "end": "last",
             "pageup": "page_up", "pagedown": "page_down"}

    def on_key(self, event: events.Key) -> None:
        if event.key == "space":
            highlighted = self.highlighted
            if highlighted is not None and not self.get_option_at_index(highlighted).disabled:
                self.toggle(self.get_option_at_index(highlighted))
        elif event.key in self.MOVES:
            getattr(self, f"action_{self.MOVES[event.key]}")()
        else:
            return
        event.stop()
        event.prevent_default()


class TallyScreen(KeepsFocusInView, AsksBeforeDiscarding, DismissOnce,
                  ModalScreen[bool | None], FormScreen):
    """A vote on canvas `canvas`: the question, Enter; the options (the canvas's own items,
    `offered`, ticked: Space unticks one; one typed in the field below and Enter adds it),
    Enter in the empty field; then the counts (`CountList`) with a bar chart that follows
    them. Done keeps the tally, "Done, make a decision" too and closes with True (the
    canvas then opens the decision dialog).

    With `tally` (one already kept), it opens on its counts to correct them. `apply(tally)`
    records the tally (a new one with its counts, or the kept one with its counts
    corrected); the dialog calls it as it closes with Done, and as the app ends with the
    dialog open (`take_typing`), so counts are never lost with the dialog. Escape asks first
    when something was typed or counted (AsksBeforeDiscarding).
    """

    BINDINGS = [("escape", "cancel_asking", "")]
    CSS_PATH = _HERE / "tally.tcss"

    def __init__(self, labels: Labels, canvas: str, offered: Iterable[str],
                 tally: Tally | None = None, *, apply: Callable[[Tally], None]) -> None:
        super().__init__()
        self.t = labels
        self.canvas = canvas
        self.offered = list(offered)
        self.kept = tally
        self.apply = apply
        self._names: list[str] = list(self.offered)  # every option offered or typed, in order
        self._counting = tally is not None
        self._chart_timer: Timer | None = None
        self._taken = False

    # -- layout

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(classes="dialog", id="tally-dialog"):
            yield Label(t("tally.edit_heading" if self.kept else "tally.heading"),
                        classes="dialog-title")
            with Vertical(id="tally-setup"):
                yield Label(t("tally.question"))
                yield LiteralInput(placeholder=t("tally.question_placeholder"), compact=True,
                                   id="question")
                yield Label(t("tally.options"), id="options-label")
                yield OptionTicks(
                    *(Selection(Text(_one_line(n)), i, True) for i, n in enumerate(self._names)),
                    compact=True, id="options")
                yield Label(t("tally.add_option"))
                yield LiteralInput(placeholder=t("tally.add_option_placeholder"), compact=True,
                                   id="new-option")
                with Horizontal(classes="dialog-buttons"):
                    yield Button(t("tally.to_counting"), variant="primary", id="to-counting")
                    yield Button(t("tally.cancel"), id="cancel-setup")
            with Vertical(id="tally-count"):
                yield Static(id="tally-question")
                yield Static(Text(t("tally.counting_help")), id="tally-help")
                # The bars beside the rows, bar for row: the chart names no option itself.
                with Horizontal(id="tally-counting"):
                    yield CountList(self._finished, id="counts")
                    yield Chart(self._draw, id="tally-chart")
                yield Static(id="tally-total")
                with Horizontal(classes="dialog-buttons"):
                    yield Button(t("tally.done"), variant="primary", id="done")
                    yield Button(t("tally.decide"), id="decide")
                    yield Button(t("tally.cancel"), id="cancel-count")

    def on_mount(self) -> None:
        self.query_one("#options").display = bool(self._names)
        self.query_one("#options-label").display = bool(self._names)
        if self.kept is not None:
            self._show_counting([o.name for o in self.kept.options],
                                [o.votes for o in self.kept.options])
        else:
            self.query_one("#tally-count").display = False
            self.query_one("#question", Input).focus()
        super().on_mount()

    # -- the tally as it stands

    def _question(self) -> str:
        if self.kept is not None:
            return self.kept.question
        return self.query_one("#question", Input).value.strip()

    def _ticked(self) -> list[str]:
        chosen = set(self.query_one("#options", OptionTicks).selected)
        return [name for i, name in enumerate(self._names) if i in chosen]

    def current(self) -> Tally:
        """The tally as typed and counted so far (a new Struct; the kept one is untouched)."""
        counts = self.query_one(CountList)
        options = [TallyOption(name=n, votes=v) for n, v in zip(counts.names, counts.votes)]
        if self.kept is not None:
            return msgspec.structs.replace(self.kept, options=options)
        return Tally(canvas=self.canvas, question=self._question(), taken=now(), options=options)

    def _draw(self, plt):
        return draw_tally(plt, self.current(), self.t, names=False)

    # -- the options

    def is_last_field(self, field: Input) -> bool:
        return field.id == "new-option"  # Enter in the question moves on to it

    def enter_in_last(self, field: Input) -> None:
        typed = self.query_one("#new-option", Input).value.strip()
        if field.id == "new-option" and typed:
            self._add_option(typed)
        else:
            self._to_counting()

    def _add_option(self, name: str) -> None:
        name = " ".join(name.split())
        options = self.query_one("#options", OptionTicks)
        if name in self._names:
            options.select(self._names.index(name))  # typed again: ticked, not doubled
        else:
            self._names.append(name)
            options.add_option(Selection(Text(_one_line(name)), len(self._names) - 1, True))
        options.display = True
        self.query_one("#options-label").display = True
        options.highlighted = self._names.index(name)
        self.query_one("#new-option", Input).value = ""

    @on(Button.Pressed, "#to-counting")
    def _to_counting(self) -> None:
        if not self._question():
            self.notify(self.t("tally.question_required"), severity="warning", markup=False)
            self.query_one("#question", Input).focus()
            return
        names = self._ticked()
        if not names:
            self.notify(self.t("tally.no_options"), severity="warning", markup=False)
            self.query_one("#new-option", Input).focus()
            return
        self._show_counting(names, [0] * len(names))

    def _show_counting(self, names: list[str], votes: list[int]) -> None:
        self._counting = True
        self._started = list(votes)
        self.query_one("#tally-setup").display = False
        self.query_one("#tally-count").display = True
        self.query_one("#tally-question", Static).update(Text(self._question()))
        counts = self.query_one(CountList)
        counts.set_options(names, votes)
        plot = self.query_one(Chart).plot
        plot.styles.height = len(names) + 3  # a row a bar, level with its count's row
        self._show_total()
        self.query_one(Chart).redraw()
        # At once, not queued (Widget.focus): the digits typed right after the Enter that
        # got here are counts, not options.
        self.set_focus(counts)

    # -- counting

    @on(CountList.Changed)
    def _counted(self, event: CountList.Changed) -> None:
        event.stop()
        self._show_total()
        # The chart waits until the counting pauses: off the key path.
        if self._chart_timer is None:
            self._chart_timer = self.set_timer(CHART_DELAY, self._redraw_chart)
        else:
            self._chart_timer.reset()

    def _redraw_chart(self) -> None:
        self._chart_timer = None
        self.query_one(Chart).redraw()

    @property
    def chart_pending(self) -> bool:
        """True while the chart waits for the counting to pause."""
        return self._chart_timer is not None

    def _show_total(self) -> None:
        tally = self.current()
        self.query_one("#tally-total", Static).update(
            Text(f"{self.t('tally.total', n=tally.total())} · {result(tally, self.t)}"))

    def _finished(self) -> None:
        # At once, not queued (Widget.focus): the Enter typed next presses Done.
        self.set_focus(self.query_one("#done", Button))

    @on(Button.Pressed, "#done")
    def _done(self) -> None:
        if self.take_typing():
            self.dismiss(False)

    @on(Button.Pressed, "#decide")
    def _decide(self) -> None:
        if self.take_typing():
            self.dismiss(True)

    def keep(self) -> None:
        """Escape's question answered "keep it": as Done (or, still on the options, as
        Count: nothing is counted yet to keep)."""
        if self._counting:
            self._done()
        else:
            self._to_counting()

    @on(Button.Pressed, "#cancel-setup, #cancel-count")
    def _cancel(self) -> None:
        self.dismiss(None)

    # -- what the app asks of a dialog holding typing (see ui/ending.py)

    def unfinished(self) -> bool:
        """True when something was typed or counted and not yet kept."""
        if self._taken:
            return False
        if self._counting:
            counts = self.query_one(CountList)
            return self.kept is None or counts.votes != self._started
        return bool(self._question()) or len(self._names) > len(self.offered)

    def take_typing(self, *, forced: bool = False) -> bool:
        """Keep the tally as counted so far (through `apply`), as Done does; True when it
        was. Still on the options (nothing counted), their question and options are kept
        with no votes when `forced` (the app ending), else False. Never twice."""
        if self._taken:
            return True
        if not self._counting:
            if not forced or not self._question() or not self._ticked():
                return False
            names = self._ticked()
            self.query_one(CountList).set_options(names, [0] * len(names))
        self._taken = True
        self.apply(self.current())
        return True

    @property
    def heading(self) -> str:
        """The dialog's heading, as shown."""
        return self.t("tally.edit_heading" if self.kept else "tally.heading")


class PrefilledDecisionScreen(DecisionScreen):
    """The decision dialog with its text typed already (a tally's question and winner), for
    the facilitator to finish or change: the rest is `DecisionScreen`'s."""

    def __init__(self, labels: Labels, text: str, *, apply: Callable[[DecisionForm], None]) -> None:
        super().__init__(labels, apply=apply)
        self.prefill = text

    def on_mount(self) -> None:
        field = self.query_one("#text", Input)
        field.value = self.prefill
        field.cursor_position = len(self.prefill)


class TallyLog(DataTable):
    """The tallies taken on one canvas, oldest first: the question and the result; Enter
    re-opens one (its counts and chart) to correct it, Delete removes it (after a yes)."""

    DEFAULT_CSS = """
    TallyLog { height: auto; max-height: 8; }
    """

    class OpenRequested(Message):
        """The facilitator wants to see or correct `tally` (Enter on its row)."""

        def __init__(self, tally: Tally) -> None:
            super().__init__()
            self.tally = tally

    class DeleteRequested(Message):
        """The facilitator wants to delete `tally` (Delete on its row)."""

        def __init__(self, tally: Tally) -> None:
            super().__init__()
            self.tally = tally

    BINDINGS = [("delete", "delete_tally", "")]

    ENTER_OPENS = True
    """Enter opens the tally's dialog: keys typed after it wait for the dialog."""

    def __init__(self, tallies: list[Tally], labels: Labels, *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id=id)
        self._tallies = tallies
        self._labels = labels

    def on_mount(self) -> None:
        t = self._labels
        self.add_column(t("tally.question"), key="question")
        self.add_column(t("tally.report_result"), key="result")
        self.show(self._tallies)

    def show(self, tallies: list[Tally]) -> None:
        """Show `tallies` (replacing what was shown)."""
        self._tallies = tallies
        row = self.cursor_row
        self.clear()
        width = self.size.width or self.app.size.width
        for key, column in self.columns.items():
            column.auto_width = False
            column.width = max(12, (width - 6) // 2)
        for i, tally in enumerate(tallies):
            self.add_row(Text(_one_line(tally.question)), Text(_one_line(result(tally, self._labels))),
                         key=str(i))
        self.display = bool(tallies)
        if tallies:
            self.move_cursor(row=min(max(row, 0), len(tallies) - 1))

    def on_resize(self) -> None:
        if self.columns:
            self.show(self._tallies)

    def _selected(self) -> Tally | None:
        if not self._tallies or self.cursor_row < 0:
            return None
        return self._tallies[min(self.cursor_row, len(self._tallies) - 1)]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if (tally := self._selected()) is not None:
            self.post_message(self.OpenRequested(tally))

    def action_delete_tally(self) -> None:
        if (tally := self._selected()) is not None:
            self.post_message(self.DeleteRequested(tally))


class CanvasTallies:
    """What a canvas screen (`CanvasScreen`) gets for tallies: ctrl+y (`bind_tally_key`), the
    section under the decision log (`tally_section`), shown only once the canvas has a tally,
    and the dialogs. Mix in before the Screen class."""

    def bind_tally_key(self) -> None:
        """Bind ctrl+y; in the footer from KEY_WIDTH columns on (see `_show_tally_key`)."""
        try:
            wide = self.app.size.width >= KEY_WIDTH  # type: ignore[attr-defined]
        except NoActiveAppError:
            wide = False
        self._bindings.bind("ctrl+y", "tally", self.t("tally.key"),  # type: ignore[attr-defined]
                            show=wide, priority=True)

    def _show_tally_key(self, width: int) -> None:
        bindings = self._bindings.key_to_bindings.get("ctrl+y", [])  # type: ignore[attr-defined]
        show = width >= KEY_WIDTH
        if bindings and any(b.show != show for b in bindings):
            self._bindings.key_to_bindings["ctrl+y"] = [  # type: ignore[attr-defined]
                dataclasses.replace(b, show=show) for b in bindings]
            self.refresh_bindings()  # type: ignore[attr-defined]

    def on_resize(self, event: events.Resize) -> None:
        # Textual runs each class's own handler: SessionScreen's runs as well.
        self._show_tally_key(event.size.width)

    def tally_section(self) -> Iterable[Widget]:
        """The canvas's tallies under the decision log, hidden while it has none."""
        tallies = tallies_on(self.session, self.CANVAS)  # type: ignore[attr-defined]
        heading = Label(Text(self.t("tally.log")), classes="section", id="tallies-heading")  # type: ignore[attr-defined]
        heading.display = bool(tallies)
        yield heading
        yield TallyLog(tallies, self.t, id="tallies")  # type: ignore[attr-defined]

    def action_tally(self) -> None:
        """ctrl+y: a new tally on this canvas, its options the canvas's own items."""
        app = self.app  # type: ignore[attr-defined]
        if app.refuse_read_only():
            return
        key = self.CANVAS  # type: ignore[attr-defined]
        data = getattr(self, "data", None)
        if data is not None and getattr(self.session, key) is None:  # type: ignore[attr-defined]
            setattr(self.session, key, data)  # type: ignore[attr-defined]
        options = offered(self.session, key, self.t)  # type: ignore[attr-defined]

        def kept(tally: Tally) -> None:
            self.session.tallies.append(tally)  # type: ignore[attr-defined]
            self._tallies_changed(tally)

        app.hold_keys()  # the question typed right after ctrl+y lands in the dialog
        app.push_screen(TallyScreen(self.t, key, options, apply=kept),  # type: ignore[attr-defined]
                        self._after_tally)

    # By its name, not @on: Textual gathers decorated handlers from DOMNode classes only.
    def on_tally_log_open_requested(self, event: TallyLog.OpenRequested) -> None:
        event.stop()
        tally = event.tally
        if self.app.refuse_read_only():  # type: ignore[attr-defined]
            return

        def corrected(new: Tally) -> None:
            tally.options = new.options
            self._tallies_changed(tally)

        self._last_tally = tally
        self.app.push_screen(TallyScreen(self.t, tally.canvas, [], tally, apply=corrected),  # type: ignore[attr-defined]
                             self._after_tally)

    def on_tally_log_delete_requested(self, event: TallyLog.DeleteRequested) -> None:
        event.stop()
        tally = event.tally
        if self.app.refuse_read_only():  # type: ignore[attr-defined]
            return

        def answered(yes: bool | None) -> None:
            if yes:
                session = self.session  # type: ignore[attr-defined]
                session.tallies[:] = [t for t in session.tallies if t is not tally]
                self._tallies_changed(None)

        t = self.t  # type: ignore[attr-defined]
        question = t("tally.delete_question", question=_one_line(tally.question))
        self.app.push_screen(ConfirmScreen(question, t("tally.delete"), t("tally.cancel")),  # type: ignore[attr-defined]
                             answered)

    _last_tally: Tally | None = None

    def _tallies_changed(self, tally: Tally | None) -> None:
        """Show the canvas's tallies anew and save; `tally` kept or corrected (said in a
        notice), None for one deleted."""
        tallies = tallies_on(self.session, self.CANVAS)  # type: ignore[attr-defined]
        self.query_one(TallyLog).show(tallies)  # type: ignore[attr-defined]
        self.query_one("#tallies-heading").display = bool(tallies)  # type: ignore[attr-defined]
        self.app.session_changed()  # type: ignore[attr-defined]
        if tally is not None:
            self._last_tally = tally
            self.notify(self.t("tally.saved", result=result(tally, self.t)),  # type: ignore[attr-defined]
                        markup=False)

    def _after_tally(self, decide: bool | None) -> None:
        tally = self._last_tally
        if not decide or tally is None:
            return

        def added(form: DecisionForm) -> None:
            self.session.decisions.append(Decision(  # type: ignore[attr-defined]
                canvas=self.CANVAS, text=form.text, owner=form.owner,  # type: ignore[attr-defined]
                due=form.due, made=now()))
            self._decisions_changed()  # type: ignore[attr-defined]

        self.app.push_screen(PrefilledDecisionScreen(  # type: ignore[attr-defined]
            self.t, decision_text(tally, self.t), apply=added))  # type: ignore[attr-defined]
