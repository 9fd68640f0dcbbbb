"""An editable array of tables (units, initiatives, prototypes, participants) as master and
detail: a one-line-per-record table above the fields of the selected record."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button

from dtworkshop.core.labels import Labels
from dtworkshop.core.text import visible
from dtworkshop.ui.screens.dialogs import ConfirmScreen
from dtworkshop.ui.screens.form import release_keys_when_focused
from dtworkshop.ui.widgets.fields import Edited
from dtworkshop.ui.widgets.long_table import PADDING, LongTable

Column = tuple[str | Text, int | None, Callable[[Any], str | Text]]
"""A column of a RecordList's table: header, width in cells (None: the rest), and the
function that gives a record's text in it."""


class RecordList(Vertical):
    """An editable array of tables (units, initiatives, prototypes, participants), shown as
    master and detail, so that what it costs does not grow with how many records it holds.

    `items` is the live list in the session; `make` builds a new empty item; `fields(item)`
    returns the widgets for one item, already bound to it; `columns` describe a record's
    one-line summary, each (header, width, cell): `cell(item)` is the text of that column
    (user text, shown literally), `width` its width in cells (None: what the other columns
    leave, at least MIN_REST).

    On top a table of every record, one line each (a `LongTable`: it draws only the lines on
    screen); below it the editor, the fields of the selected record only, with its "✕" (for
    the mouse: out of the Tab order); then the "+" button. Up/Down/PageUp/PageDown/Home/End
    in the table select a record and the editor follows; Enter goes into its first field;
    Delete removes it (after a yes); "+" (the key, or the button) adds one. Records are added and removed in place, so what the
    list holds is what the file holds.
    """

    MAX_ROWS = 8
    """Lines of records the table shows before it scrolls."""

    MIN_REST = 12
    """The least width a column of width None gets."""

    FOLLOW_DELAY = 0.1
    """Seconds the cursor rests before the editor is made for its record. Making one takes
    Textual some 0.1 s: a held Down moves the cursor smoothly, and the editor catches up
    when it stops (at once on Enter, or when the focus goes into the editor)."""

    DEFAULT_CSS = """
    RecordList { height: auto; }
    RecordList > LongTable { height: auto; overflow-x: hidden; margin-bottom: 1; }
    RecordList .record { height: auto; }
    RecordList .record > .record-fields { height: auto; width: 1fr; }
    RecordList .remove { min-width: 3; width: 3; }
    RecordList .add { width: auto; margin-top: 0; }
    """

    BINDINGS = [
        # Priority bindings: the app runs them as it reads the keys, before it hands on the
        # ones typed after (a fast typist, a slow link), so that those act in order: on the
        # record the cursor was moved to, in the field Enter or "+" put the focus in. (The
        # table's own bindings would only run once a key has come back up from it.)
        Binding("enter", "enter", show=False, priority=True),
        Binding("delete", "remove_selected", show=False, priority=True),
        Binding("plus", "add", show=False, priority=True),
        Binding("up", "cursor('cursor_up')", show=False, priority=True),
        Binding("down", "cursor('cursor_down')", show=False, priority=True),
        Binding("pageup", "cursor('page_up')", show=False, priority=True),
        Binding("pagedown", "cursor('page_down')", show=False, priority=True),
        Binding("home,ctrl+home", "cursor('first')", show=False, priority=True),
        Binding("end,ctrl+end", "cursor('last')", show=False, priority=True),
    ]

    def __init__(self, items: list[Any], make: Callable[[], Any],
                 fields: Callable[[Any], list[Widget]], *, labels: Labels, add_label: str,
                 columns: Sequence[Column], id: str | None = None) -> None:
        super().__init__(id=id)
        self._labels = labels
        # The keys list (F1) says what these keys do here, in the session's language.
        for key, word in (("enter", "common.into_fields"), ("delete", "common.remove"),
                          ("plus", "common.add_record"), ("up", "common.record_up"),
                          ("down", "common.record_down")):
            self._bindings.key_to_bindings[key] = [
                dataclasses.replace(binding, description=labels(word))
                for binding in self._bindings.key_to_bindings.get(key, [])]
        self._items = items
        self._make = make
        self._fields = fields
        self._add_label = add_label
        self._columns = list(columns)
        self._table = LongTable(classes="records")
        self._add = Button(Text(f"+ {add_label}"), classes="add", compact=True)
        self._editor: Horizontal | None = None
        self._editing: Any = None  # the item the editor is bound to
        self._lock = asyncio.Lock()  # one change of the editor at a time
        self._follow_timer: Timer | None = None

    # -- what is shown

    def compose(self):
        self._table.set_rows(self._items, self._cells)
        self._fit_table()
        yield self._table
        if self._items:
            self._editor, self._editing = self._record(self._items[0]), self._items[0]
            yield self._editor
        yield self._add

    def on_mount(self) -> None:
        self.watch(self.screen, "focused", self._focus_moved, init=False)

    def refresh_rows(self) -> None:
        """Draw the table's rows again (a column shows something kept elsewhere)."""
        self._table.refresh()

    @property
    def after_last_field(self) -> Widget:
        """Where Enter in a record's last field puts the focus: the "+" button, so that
        Enter again adds the next record (see FormScreen.action_enter_next)."""
        return self._add

    @property
    def selected_item(self) -> Any:
        """The record under the table's cursor, whose fields the editor shows (None when
        there are none)."""
        if not self._items:
            return None
        return self._items[max(0, min(self._table.cursor_row, len(self._items) - 1))]

    def select(self, index: int) -> None:
        """Select record `index` (kept within the records); the editor follows."""
        self._table.move_cursor(row=index)
        self.call_later(self._follow)

    def _cells(self, item: Any) -> list[Text]:
        cells = []
        for _header, _width, cell in self._columns:
            value = cell(item)
            cells.append(value if isinstance(value, Text) else Text(value))  # never markup
        return cells

    def _fit_table(self) -> None:
        """Columns to the width (the rest for the one of width None), the table's height
        to its records, at most MAX_ROWS of them; hidden with none."""
        table, count = self._table, len(self._items)
        table.display = count > 0
        table.styles.height = min(count, self.MAX_ROWS) + 1
        width = self.size.width or self.app.size.width
        if count > self.MAX_ROWS:
            width -= table.styles.scrollbar_size_vertical
        fixed = sum(w + 2 * PADDING for _h, w, _c in self._columns if w is not None)
        rest = [i for i, (_h, w, _c) in enumerate(self._columns) if w is None]
        share = max(self.MIN_REST, (width - fixed) // max(1, len(rest)) - 2 * PADDING)
        table.set_columns([
            (header, str(i), share if w is None else w)
            for i, (header, w, _c) in enumerate(self._columns)
        ])

    def on_resize(self) -> None:
        self._fit_table()

    def _record(self, item: Any) -> Horizontal:
        # The ✕ is for the mouse; from the keys, Delete in the table removes. Out of the
        # Tab order: Tab after a record's last field goes on to "+", not onto a button
        # whose Enter asks to remove the record just typed (issue 16: a trap, said twice).
        remove = Button("✕", classes="remove", compact=True,
                        tooltip=self._labels("common.remove_hint"))
        remove.can_focus = False
        record = Horizontal(
            Vertical(*self._fields(item), classes="record-fields"), remove, classes="record")
        record.item = item  # type: ignore[attr-defined]
        return record

    # -- the editor follows the cursor

    @on(LongTable.RowHighlighted)
    def _highlighted(self, event: LongTable.RowHighlighted) -> None:
        event.stop()
        if self._follow_timer is None:
            self._follow_timer = self.set_timer(self.FOLLOW_DELAY, self._rested)
        else:
            self._follow_timer.reset()

    def _rested(self) -> None:
        self._follow_timer = None
        self.call_later(self._follow)

    async def _follow(self) -> None:
        """Show the selected record in the editor (made anew for it; nothing if it is
        already there). Cursor moves that come meanwhile are caught up with at the end."""
        async with self._lock:
            holding = False
            try:
                while True:
                    item = self.selected_item
                    if item is self._editing and (item is None or self._editor is not None):
                        return
                    if not holding:
                        holding = self._hold_keys()
                    await self._rebuild(item)
            finally:
                if holding:
                    release_keys_when_focused(self.screen)

    def _hold_keys(self) -> bool:
        """Hold the keys that come while the editor is made anew (a Tab then typing, right
        after the cursor rested): between the old fields going and the new ones coming, Tab
        would focus a field on its way out and what follows would be lost with it. True when
        this started the hold (and so must end it); False when keys were already held (by
        `_focus_moved`, or a screen being shown), whose holder ends it."""
        app = self.app
        if getattr(app, "_held_keys", True) is not None:
            return False
        app.hold_keys()  # type: ignore[attr-defined]
        return True

    async def _rebuild(self, item: Any) -> None:
        """Put the fields of `item` (None: none) in the editor, in place of the old ones."""
        old = self._editor
        self._editor = None if item is None else self._record(item)
        self._editing = item
        read_only = self._add.disabled
        if self._editor is not None and read_only:
            self._editor.disabled = True  # from its first frame, not once mounted
        with self.app.batch_update():  # no frame without an editor in between
            if old is not None:
                await old.remove()
            if self._editor is not None:
                await self.mount(self._editor, before=self._add)
                if read_only:  # each field, as SessionScreen.apply_mode does,
                    for widget in self._editor.query("Input, Select, TextArea, Button"):
                        widget.disabled = True
                    self._editor.disabled = False  # which enables them again

    def _focus_moved(self, focused: Widget | None) -> None:
        """The focus went into the fields of a record the cursor has left (Tab from the
        table before the editor caught up, a click): the editor is made for the selected
        record first, the same field focused in it, and the keys typed meanwhile wait for it
        (they are meant for the record selected)."""
        editor = self._editor
        if (editor is None or focused is None or self._editing is self.selected_item
                or (focused is not editor and editor not in focused.ancestors)):
            return
        focusable = [w for w in editor.query("*") if w.focusable]
        index = focusable.index(focused) if focused in focusable else 0
        hold = getattr(self.app, "hold_keys", None)
        if hold is not None:
            hold()
        self.call_later(self._refocus, index)

    async def _refocus(self, index: int) -> None:
        await self._follow()
        if self._editor is not None:
            focusable = [w for w in self._editor.query("*") if w.focusable]
            if focusable:
                self.screen.set_focus(focusable[min(index, len(focusable) - 1)])
        release_keys_when_focused(self.screen)

    def _focus_editor(self) -> None:
        """Put the focus in the editor's first field, at once (not after the keys queued)."""
        if self._editor is None:
            return
        for widget in self._editor.query("*"):
            if widget.focusable:
                self.screen.set_focus(widget)
                return

    @on(LongTable.RowSelected)
    async def _row_selected(self, event: LongTable.RowSelected) -> None:
        event.stop()  # a click on the selected row: into its fields
        await self._follow()
        self._focus_editor()

    @on(Edited)
    def _edited(self, event: Edited) -> None:
        # Not stopped: the screen saves. Only the edited record's line is drawn again.
        row = self._table.cursor_row
        if row < len(self._items) and self._items[row] is self._editing:
            self._table.refresh_row(row)
        else:
            self._table.refresh()

    # -- keys and buttons

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        focused = self.screen.focused
        if action == "enter":
            return focused is self._table or focused is self._add
        if action in ("remove_selected", "cursor"):
            return focused is self._table
        if action == "add":
            return focused is self._table or focused is self._add
        return True

    def action_cursor(self, name: str) -> None:
        getattr(self._table, f"action_{name}")()

    async def action_enter(self) -> None:
        focused = self.screen.focused
        if focused is self._add:
            await self._add_record()
        else:
            await self._follow()
            self._focus_editor()

    async def action_add(self) -> None:
        """"+" in the table (or on its "+" button): a new record, its first field focused."""
        await self._add_record()

    def action_remove_selected(self) -> None:
        if self.selected_item is not None:
            self._ask_remove(self.selected_item)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button is self._add:
            await self._add_record()
        elif event.button.has_class("remove"):
            self._ask_remove(event.button.parent.item)  # type: ignore[union-attr]

    async def _add_record(self) -> None:
        if _refused(self):
            return
        item = self._make()
        self._items.append(item)
        self._table.set_rows(self._items, self._cells)
        self._fit_table()
        self._table.move_cursor(row=len(self._items) - 1)
        await self._follow()
        self.post_message(Edited())
        self._focus_editor()

    def _ask_remove(self, item: Any) -> None:
        if _refused(self):
            return
        name = getattr(item, "name", "") or "–"

        async def answered(yes: bool | None) -> None:
            if not yes or not any(i is item for i in self._items):
                return
            index = next(n for n, i in enumerate(self._items) if i is item)
            self._items[:] = [i for i in self._items if i is not item]
            self._table.set_rows(self._items, self._cells)
            self._fit_table()
            self._table.move_cursor(row=min(index, len(self._items) - 1))  # the next, or the previous
            await self._follow()
            # Never onto a neighbour's ✕: the table, or "+" when none is left.
            self.screen.set_focus(self._table if self._items else self._add)
            self.post_message(Edited())

        t = self._labels
        question = ConfirmScreen(t("common.remove_question", name=visible(name)), t("common.remove"),
                                 t("decision.cancel"))
        hold = getattr(self.app, "hold_keys", None)
        if hold is not None:  # the answer typed right after Delete goes to the question
            hold()
            question.call_after_refresh(release_keys_when_focused, question)
        self.app.push_screen(question, answered)


def _refused(widget: Widget) -> bool:
    """True (and said) when the open session is read-only."""
    refuse = getattr(widget.app, "refuse_read_only", None)
    return bool(refuse and refuse())
