"""What every canvas screen shares: the session bar, the canvas navigation, the source's
question, the canvas's warnings, its fields, its chart, notes and the decision log."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

import msgspec
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.timer import Timer
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Label, Static, TextArea

from dtworkshop.core.canvases import BY_KEY, CANVAS_KEYS
from dtworkshop.core.labels import Labels
from dtworkshop.core.session import Decision, Session, set_status
from dtworkshop.core.text import visible
from dtworkshop.core.types import now
from dtworkshop.ui.screens.dialogs import CANVAS_HOTKEY, ConfirmScreen, DecisionForm, DecisionScreen
from dtworkshop.ui.widgets.chart import Chart
from dtworkshop.ui.widgets.decision_log import DecisionLog
from dtworkshop.ui.screens.session import SessionScreen
from dtworkshop.ui.screens.tally import CanvasTallies
from dtworkshop.ui.widgets.fields import Edited, NotesField, NumberField, block
from dtworkshop.ui.widgets.guide import GuidePanel
from dtworkshop.ui.widgets.footer import KeyFooter, explain

_HERE = Path(__file__).parent

DERIVED_DELAY = 0.15
"""Seconds without an edit after which what is derived from the data (warnings, chart,
drawing, hints) catches up: off the typing path, and never stale once typing pauses."""


class CanvasNav(Static):
    """Every canvas in the registry's order (the source's), the current one highlighted.

    Shows every canvas's short name when the width allows, else numbers around the current.
    """

    def __init__(self, current: str, labels: Labels) -> None:
        super().__init__(id="canvas-nav")
        self.current = current
        self.t = labels

    def render(self) -> Text:
        names = [self.t(f"canvas.{k}.short") for k in CANVAS_KEYS]
        keys = [CANVAS_HOTKEY[k] for k in CANVAS_KEYS]
        full = [f" {i} {n} " for i, n in zip(keys, names)]
        short = [
            f" {i} {n} " if k == self.current else f" {i} "
            for i, k, n in zip(keys, CANVAS_KEYS, names)
        ]
        parts = full if sum(map(len, full)) <= self.size.width else short
        text = Text()
        for key, part in zip(CANVAS_KEYS, parts):
            text.append(part, style="reverse bold" if key == self.current else "")
        return text


class _Warnings(Static):
    """The canvas's warnings, above its fields."""

    def on_resize(self) -> None:
        # Warnings that come or grow move the fields down, once laid out: the field in use
        # stays in sight (a verdict chosen at the foot of the window went under the footer).
        focused = self.screen.focused
        if focused is not None:
            focused.scroll_visible(animate=False)


class CanvasScreen(CanvasTallies, SessionScreen):
    """Base of the canvas screens; a subclass sets `CANVAS` (its canvas key) and writes `fields()`.

    A canvas whose spec has a `chart` gets it drawn inline (`draw_chart`). Every field posts
    `Edited`; the screen then tells the app (which saves shortly after) and redraws what is
    derived from the data: the chart, the warnings.
    """

    CANVAS: ClassVar[str]
    # Whole paths: Textual reads a relative one beside the subclass's module, which for a
    # canvas from outside this package is another folder.
    CSS_PATH = [_HERE.parent / "widgets" / "fields.tcss", _HERE / "canvas.tcss"]

    def __init__(self, session: Session, labels: Labels) -> None:
        super().__init__(session, labels, name=self.CANVAS)
        # A canvas not visited yet gets its (empty) table in the session when it is first
        # shown, not when its screen is built: screens are built ahead (WorkshopApp), and a
        # canvas nobody looked at stays out of the file.
        data = getattr(session, self.CANVAS)
        self.data: Any = data if data is not None else BY_KEY[self.CANVAS].model()
        self._derived_timer: Timer | None = None
        self._shown = False
        self._derived_shown: tuple[Any, ...] | None = None  # (warnings, chart data) on screen
        t = labels
        bind = self._bindings.bind
        bind("ctrl+r", "app.previous_canvas", t("app.previous_canvas"), show=False, priority=True)
        bind("ctrl+n", "app.next_canvas", t("app.next_canvas"), priority=True)
        bind("ctrl+pageup", "app.previous_canvas", show=False, priority=True)
        bind("ctrl+pagedown", "app.next_canvas", show=False, priority=True)
        bind("ctrl+g", "app.go_to", t("app.go_to"), priority=True)
        bind("ctrl+d", "add_decision", t("app.add_decision"), priority=True)
        self.bind_tally_key()  # ctrl+y: a vote (ui/screens/tally.py)
        bind("ctrl+t", "app.toggle_guide", t("app.guide"), priority=True)
        bind("ctrl+o", "show_chart", t("common.chart"), priority=True)
        bind("ctrl+l", "last_time", t("last_time.key"), show=False, priority=True)
        self._bindings.bind("ctrl+q", "app.quit", t("app.quit"), priority=True)
        # What each does in a sentence, for F1's list: "Næste" alone told a newcomer little.
        for key, why in (("ctrl+r", "app.previous_canvas_why"), ("ctrl+n", "app.next_canvas_why"),
                         ("ctrl+g", "app.go_to_why"), ("ctrl+d", "app.add_decision_why"),
                         ("ctrl+y", "tally.key_why"), ("ctrl+t", "app.guide_why"),
                         ("ctrl+o", "common.chart_why"), ("ctrl+l", "last_time.key_why"),
                         ("ctrl+q", "app.quit_why")):
            explain(self, key, t(why))

    # -- to be written by each canvas

    def fields(self) -> Iterable[Widget]:
        """The canvas's own fields, bound to `self.data`."""
        raise NotImplementedError

    def draw_chart(self, plt: Any) -> Any:
        """Draw this canvas's chart on `plt` from the session's data; returns its legend.

        The drawing is the core's (`CanvasSpec.chart`), shared with the exported reports.
        """
        return BY_KEY[self.CANVAS].chart(plt, self.data, self.t)

    def refresh_drawing(self) -> None:
        """Redraw a drawing that is not a Chart (a subclass's `side()`)."""

    def refresh_hints(self) -> None:
        """Update the guidance that depends on what was chosen (a subclass's hints)."""

    def setter(self, name: str):
        """A `write` for a field bound to `self.data.<name>`."""
        return lambda value: setattr(self.data, name, value)

    # -- shared layout

    def compose(self) -> ComposeResult:
        t = self.t
        spec = BY_KEY[self.CANVAS]
        yield Static(id="session-bar")
        yield CanvasNav(self.CANVAS, t)
        with VerticalScroll(id="canvas-body", classes="session-body", can_focus=False):
            with Vertical(id="canvas-main"):
                yield Label(
                    Text(f"{t(f'canvas.{self.CANVAS}.title')} · {spec.place(t)}"),
                    classes="canvas-title",
                )
                yield GuidePanel(self.CANVAS, t, id="guide")
                yield _Warnings(id="warnings")
                yield from self.fields()
                yield block(t("common.notes"), NotesField(self.data.notes, self._write_notes, id="notes"))
                yield Label(Text(t("decision.log")), classes="section")
                yield Static(Text(t("decision.none")), id="no-decisions")
                yield DecisionLog(self.session.decisions_on(self.CANVAS), t, id="decisions")
                yield from self.tally_section()
            # Beside the fields on a wide screen (a projector), below them at 80 columns.
            yield Vertical(*self.side(), id="canvas-side")
        yield KeyFooter(show_command_palette=False)  # 80 columns: room for the canvas keys

    def side(self) -> Iterable[Widget]:
        """The canvas's drawing: by default its chart, from `draw_chart`."""
        if BY_KEY[self.CANVAS].chart is not None:
            yield Label(Text(self.t(f"canvas.{self.CANVAS}.chart")), classes="section")
            yield Chart(self.draw_chart, id="chart")

    def action_show_chart(self) -> None:
        """Bring the chart into view (ctrl+o); typing in a field scrolls back to it."""
        self.query_one("#canvas-side").scroll_visible(top=True, animate=False)

    def action_last_time(self) -> None:
        """Show or hide the same organisation's earlier sessions on this canvas (ctrl+l;
        ui.widgets.last_time)."""
        from dtworkshop.ui.widgets.last_time import toggle_last_time

        toggle_last_time(self, self.CANVAS, self.query_one("#canvas-side"))

    def _write_notes(self, text: str) -> None:
        self.data.notes = text

    @property
    def _taken_down(self) -> bool:
        """True when this canvas is on its way out before it was ever shown: the app quit
        while it was being built ahead, or it was taken down before its Mount came (the
        presenter view builds a canvas anew as the facilitator's file changes, faster than
        a slow machine mounts it). Its fields may be gone already, or never made: the app's
        end tears a canvas down in the middle of its building (NoMatches '#warnings' on
        quitting in a full run)."""
        return (not self.app.is_running or self._pruning  # Textual's own, as `display` reads it
                or not self.query("#warnings"))

    def on_mount(self) -> None:
        if self._taken_down:
            return
        self._refresh_derived()
        self.watch(self.query_one("#canvas-body"), "scroll_y", self._side_in_view, init=False)
        # The focus is chosen when the canvas first shows, laid out (on_screen_resume): keys
        # typed ahead wait for it (WorkshopApp.hold_keys).

    # Textual would focus the first focusable widget as soon as the canvas is composed and
    # scroll it to the middle of the screen, past the heading and the warnings.
    AUTO_FOCUS = ""

    def focus_first_field(self) -> None:
        """Focus where the facilitator starts on this canvas, with its top in view.

        The first text field that shows without scrolling (typing is what happens next);
        else the first field of any kind that shows (a choice at the top of the canvas);
        else, in a window too low for any, the first field, scrolled just into view. Before
        the canvas is laid out, the first text field.
        """
        if self._taken_down:
            return  # taken down after it was first shown, before this came
        body = self.query_one("#canvas-body")
        fields = [w for w in body.query("*") if w.focusable and w.display  # not a list hidden
                  and w.id not in ("decisions", "tallies") and not isinstance(w, VerticalScroll)]  # with none
        if not fields:
            return
        texts = [w for w in fields if isinstance(w, (Input, TextArea))]
        if body.size.height:
            top = body.region.y - round(body.scroll_y)

            def shows(widget: Widget) -> bool:
                region = widget.region
                return bool(region.height) and region.y >= top and region.bottom <= top + body.size.height

            first = next(filter(shows, texts), None) or next(filter(shows, fields), None) or fields[0]
        else:
            first = (texts or fields)[0]
        if first is not self.focused:
            # At once, not queued: keys held for this canvas are let go once it has a focus.
            self.set_focus(first, scroll_visible=False)
        if body.size.height:
            body.scroll_to_widget(first, animate=False)  # only when it does not show already

    def on_screen_resume(self) -> None:
        if getattr(self.session, self.CANVAS) is None:
            setattr(self.session, self.CANVAS, self.data)  # visited: see __init__
        if not self._shown:
            # The first showing opens at the top, the first field in view focused; later
            # ones where the facilitator left it.
            self._shown = True
            self.query_one("#canvas-body").scroll_home(animate=False)
            self.call_after_refresh(self.focus_first_field)
        self.set_class(not self.app.show_guide, "-no-guide")  # maybe hidden elsewhere

    WIDE = 130
    """From this many columns on, the chart stands beside the fields instead of below them."""

    def _side_in_view(self, scroll_y: float | None = None) -> None:
        """On a wide screen, keep the chart beside the fields in view as they scroll (the
        body scrolls as one, so that the keys and the focus scroll it as on any screen):
        the side moves down with the scrolling, never past the fields' end. (Issue 16: at
        200x50 the chart's top went out of sight as the focus moved down the fields.)"""
        side = self.query("#canvas-side").first()
        wide = self.has_class("-wide")
        if scroll_y is None:
            scroll_y = self.query_one("#canvas-body").scroll_y
        room = self.query_one("#canvas-main").outer_size.height - side.outer_size.height
        offset = round(min(scroll_y, room)) if wide and room > 0 else 0
        if side.styles.offset.y.value != offset:
            side.styles.offset = (0, offset)

    def size_classes(self, width: int) -> dict[str, bool]:
        """SessionScreen's classes that follow the width, and "-wide"."""
        return {**super().size_classes(width), "-wide": width >= self.WIDE}

    def on_resize(self) -> None:
        # (SessionScreen's on_resize runs too: Textual calls each class's handler.)
        self.call_after_refresh(self._side_in_view)  # wide or not, the fields' height

    @on(Edited)
    def _edited(self, event: Edited) -> None:
        event.stop()
        self.app.session_changed()
        # The warnings, chart and hints wait until typing pauses: redrawing them on every key
        # made each key lay out and repaint the whole canvas.
        if self._derived_timer is None:
            self._derived_timer = self.set_timer(DERIVED_DELAY, self._refresh_derived)
        else:
            self._derived_timer.reset()
        if self.focused is not None:
            self.focused.scroll_visible(animate=False)  # back from the chart to the typing

    @property
    def derived_pending(self) -> bool:
        """True while the warnings, chart and hints wait for typing to pause."""
        return self._derived_timer is not None

    def _refresh_derived(self) -> None:
        """Show the warnings, chart, drawing and hints for the data as it is now; what did
        not change is left alone (no repaint, no new layout)."""
        if self._derived_timer is not None:
            self._derived_timer.stop()
            self._derived_timer = None
        spec = BY_KEY[self.CANVAS]
        found = [self.t(w.key, **w.params) for w in spec.rules(self.data)]
        found += [
            self.t("warning.not_saved", value=field.value, low=field.low, high=field.high)
            for field in self.query(NumberField)
            if field.has_class("-invalid")
        ]
        # The notes are never charted: typing them redraws no chart.
        charted = self.data
        if getattr(charted, "notes", ""):
            charted = msgspec.structs.replace(charted, notes="")
        shown = (found, msgspec.msgpack.encode(charted),
                 len(self.session.decisions_on(self.CANVAS)))
        previous, self._derived_shown = self._derived_shown, shown
        # The same warnings stay as they are: no flicker, no new layout.
        if previous is None or previous[0] != found:
            warnings = self.query_one("#warnings", Static)
            text = Text()
            for line in found:
                if text:
                    text.append("\n")
                text.append("⚠ ", style="bold yellow")
                text.append(visible(line))
            if previous is not None:
                self._keep_view_beside(warnings, text)
            warnings.update(text)
            warnings.display = bool(found)
        if previous is None or previous[1] != shown[1]:
            for chart in self.query(Chart):
                chart.redraw()
            self.refresh_drawing()
            self.refresh_hints()
        if previous is None or previous[2] != shown[2]:
            self.query_one("#no-decisions").display = not shown[2]

    def _keep_view_beside(self, warnings: Widget, text: Text) -> None:
        """`warnings` about to show `text` (empty: none) while they are out of sight above
        the field being typed in (the body scrolled down to a unit's percentages): the view
        moves by as many lines as they grow or shrink, in the same frame, so that the field
        stays where it was on the screen. (Every line in view jumped as a sum warning came
        and went: issue 16, said in three walks.) Warnings in view change in place, to be
        read."""
        body = self.query_one("#canvas-body")
        field = self.focused
        if (field is None or body not in field.ancestors or not field.region
                or warnings.region.bottom > body.region.y or not warnings.size.width):
            return  # no field typed in, or the warnings are (partly) in view

        def lines(shown: Text) -> int:  # the rows `shown` takes, its margin included
            if not shown:
                return 0
            return (len(shown.wrap(self.app.console, warnings.size.width))
                    + warnings.styles.margin.bottom + warnings.styles.margin.top)

        before = warnings.outer_size.height + warnings.styles.margin.bottom \
            + warnings.styles.margin.top if warnings.display else 0
        body.scroll_to(y=max(0, body.scroll_y + lines(text) - before), animate=False,
                       immediate=True)

    # -- decisions

    def action_add_decision(self) -> None:
        if self.app.refuse_read_only():
            return

        def added(form: DecisionForm) -> None:
            self.session.decisions.append(
                Decision(canvas=self.CANVAS, text=form.text, owner=form.owner, due=form.due, made=now())
            )
            self._decisions_changed()

        self.app.hold_keys()  # the decision typed right after ctrl+d lands in the dialog
        self.app.push_screen(DecisionScreen(self.t, apply=added))

    @on(DecisionLog.EditRequested)
    def _edit_decision(self, event: DecisionLog.EditRequested) -> None:
        decision = event.decision
        if self.app.refuse_read_only():
            return

        def edited(form: DecisionForm) -> None:
            decision.text, decision.owner, decision.due = form.text, form.owner, form.due
            set_status(decision, form.status)
            self._decisions_changed()

        self.app.push_screen(DecisionScreen(self.t, decision, apply=edited))

    @on(DecisionLog.DoneRequested)
    def _toggle_done(self, event: DecisionLog.DoneRequested) -> None:
        if self.app.refuse_read_only():
            return
        set_status(event.decision, "done" if event.decision.status == "open" else "open")
        self._decisions_changed()

    @on(DecisionLog.DeleteRequested)
    def _delete_decision(self, event: DecisionLog.DeleteRequested) -> None:
        decision = event.decision
        if self.app.refuse_read_only():
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.session.decisions[:] = [d for d in self.session.decisions if d is not decision]
                self._decisions_changed()

        question = self.t("decision.delete_question", text=visible(decision.text))
        self.app.push_screen(ConfirmScreen(question, self.t("decision.delete"), self.t("decision.cancel")), answered)

    def select_decision(self, text: str, made) -> None:
        """Bring the decision (its text, when it was made) into view, selected in the log
        (coming from the decision log across sessions)."""
        decisions = self.session.decisions_on(self.CANVAS)
        for row, decision in enumerate(decisions):
            if decision.text == text and decision.made == made:
                log = self.query_one(DecisionLog)
                log.move_cursor(row=row)
                log.focus()
                log.scroll_visible(animate=False)
                return

    def _decisions_changed(self) -> None:
        log = self.query_one(DecisionLog)
        log.show(self.session.decisions_on(self.CANVAS))
        self.app.session_changed()
        self._refresh_derived()
        self.call_after_refresh(self._reveal_decisions, log)

    def _reveal_decisions(self, log: DecisionLog) -> None:
        # The team sees its decision recorded, unless that would take the field being typed
        # in out of sight: then as much of the log as shows with the field (the field wins).
        body = self.query_one("#canvas-body")
        body.scroll_to_widget(log, animate=False, immediate=True)
        if self.focused is not None and self.focused is not log:
            body.scroll_to_widget(self.focused, animate=False, immediate=True)


def options(labels: Labels, enumeration: str, words: Iterable[str]) -> list[tuple[str, str]]:
    """(label, word) pairs of an enumeration, for a ChoiceField."""
    return [(labels(f"enum.{enumeration}.{w}"), w) for w in words]


def section(title: str) -> Label:
    """A section heading inside a canvas."""
    return Label(Text(title), classes="section")
