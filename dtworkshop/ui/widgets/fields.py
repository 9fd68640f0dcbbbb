"""Form fields bound to the session: each writes its value through a `write` callable and
posts `Edited`, so the screen can save and redraw without knowing which field changed."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from dtworkshop.core.labels import Labels
from dtworkshop.core.text import visible
from dtworkshop.ui.screens.dialogs import ConfirmScreen
from dtworkshop.ui.screens.form import release_keys_when_focused
from dtworkshop.ui.widgets.literal import LiteralInput
from dtworkshop.ui.widgets.long_table import PADDING, LongTable
from dtworkshop.ui.widgets.refusals import Refusals

Write = Callable[[Any], None]

Column = tuple[str | Text, int | None, Callable[[Any], str | Text]]
"""A column of a RecordList's table: header, width in cells (None: the rest), and the
function that gives a record's text in it."""


class Edited(Message):
    """A field changed the session in memory."""


class TextField(LiteralInput):
    """One line of text, e.g. a problem statement or a name.

    Shown literally, with control characters made visible (ESC as "␛", see `visible`): a
    value from a file never reaches the terminal as an escape sequence. The value itself is
    kept exactly as read or typed.
    """

    def __init__(self, value: str, write: Write, *, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(value, placeholder=placeholder, compact=True, select_on_focus=False, id=id)
        self._write = write
        self._last = value

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value == self._last:
            return
        self._last = event.value
        self._write(event.value)
        self.post_message(Edited())



class NumberField(LiteralInput):
    """A whole number in [low, high], e.g. a percentage 0..100; empty means not set (None).

    A key (or a paste) that would make the number one that cannot be in range is refused
    on the spot, and the reason is shown: typing 250 in a percentage leaves 25, in the
    field and in the file alike. A value out of range that comes from elsewhere (a file
    edited by hand) is shown as invalid and not written, so the file never holds it.
    """

    def __init__(self, value: int | None, write: Write, *, low: int = 0, high: int = 100,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(
            "" if value is None else str(value),
            restrict=r"[0-9]{0,3}",  # \d would let "٥" in, which the file would hold as 5
            max_length=3,
            compact=True,
            select_on_focus=False,
            id=id,
            classes=classes,
        )
        self._write = write
        self.low, self.high = low, high
        self._last = self.value
        self._refused: Refusals | None = None

    def _could_be_in_range(self, text: str) -> bool:
        """True if `text` (digits) is a number in range, or the start of one (for a range
        like 10..20, "1" on the way to "15")."""
        if not text:
            return True
        if not (text.isascii() and text.isdigit()):
            return False  # "٥٠" or "²": digits to Python, not what the field shows as 50
        number = str(int(text))  # leading zeros typed count as the number they make
        return any(str(v).startswith(number) for v in range(self.low, self.high + 1))

    def replace(self, text: str, start: int, end: int) -> None:
        value = self.value
        start, end = sorted((max(0, start), min(len(value), end)))
        if self._could_be_in_range(f"{value[:start]}{text}{value[end:]}"):
            super().replace(text, start, end)
        else:
            self._refuse(text)

    def _refuse(self, text: str) -> None:
        self.app.bell()
        if self._refused is None:
            self._refused = Refusals(self, self._tell_refused)
        self._refused.add(text)

    def _tell_refused(self, typed: str) -> None:
        t = getattr(self.screen, "t", None)
        if t is not None:
            self.notify(t("common.number_refused", low=self.low, high=self.high,
                          typed=visible(typed)), severity="warning", markup=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value == self._last:
            return
        self._last = event.value
        text = event.value.strip()
        if not text:
            self.remove_class("-invalid")
            self._write(None)
        elif self.low <= int(text) <= self.high:
            self.remove_class("-invalid")
            self._write(int(text))
        else:
            self.add_class("-invalid")  # shown, not written: the screen warns about it
        self.post_message(Edited())


class ChoiceField(Select[str]):
    """One word of an enumeration, shown by its label; blank means not chosen (None)."""

    def __init__(self, options: Iterable[tuple[str, str]], value: str | None, write: Write,
                 *, prompt: str = "–", allow_blank: bool = True, id: str | None = None) -> None:
        super().__init__(
            [(Text(label), word) for label, word in options],
            value=value if value is not None else Select.NULL,
            prompt=prompt,
            allow_blank=allow_blank,
            compact=True,
            id=id,
        )
        self._write = write
        self._last = value

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        value = None if event.value is Select.NULL else event.value
        if value == self._last:
            return  # Select also reports the value it was created with
        self._last = value
        self._write(value)
        self.post_message(Edited())


class NotesField(TextArea):
    """Free text over several lines (notes, the fish's head, body and tail).

    Shown with control characters made visible, like TextField; the text is kept exactly.
    """

    DEFAULT_CSS = """
    NotesField { height: auto; min-height: 3; max-height: 10; }
    """

    def __init__(self, value: str, write: Write, *, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(value, soft_wrap=True, tab_behavior="focus", compact=True,
                         placeholder=placeholder, id=id)
        self._write = write
        self._last = value

    def on_unmount(self) -> None:
        # TextArea watches app.theme from its mount on, and Textual drops such a watcher only
        # when the theme next changes (Textual issue #6666): until then the app keeps this
        # field alive, and through `_write` its canvas Screen and the session: every session
        # left stayed in memory.
        watchers = getattr(self.app, "__watchers", {}).get("theme", [])
        watchers[:] = [(node, callback) for node, callback in watchers if node is not self]

    def on_focus(self) -> None:
        # Typing after Tab adds to the text, never in front of its first line; and the end,
        # where the typing goes, is in view (also in a long text, once it is laid out).
        self.move_cursor(self.document.end)
        self.call_after_refresh(self.scroll_cursor_visible)

    def get_line(self, line_index: int) -> Text:
        """Line `line_index` as drawn: control characters made visible, one symbol each."""
        return Text(visible(self.document.get_line(line_index)), end="", no_wrap=True)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        # A line that wraps at the field's last row goes on below it: keep the typing in
        # view once the field has its new size.
        self.call_after_refresh(self.scroll_cursor_visible)
        if self.text == self._last:
            return
        self._last = self.text
        self._write(self.text)
        self.post_message(Edited())


class LinesField(NotesField):
    """A list of short items, one per line (needs, ideas, actions, the scope list)."""

    def __init__(self, value: Sequence[str], write: Write, *, id: str | None = None) -> None:
        super().__init__("\n".join(value), lambda text: write(_lines(text)), id=id)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def row(label: str, field: Widget, *, classes: str = "") -> Horizontal:
    """A labelled field on one line: the label (user-proof: shown literally) then the field."""
    return Horizontal(Label(Text(label), classes="field-label"), field, classes=f"field-row {classes}")


def block(label: str, field: Widget) -> Vertical:
    """A labelled field whose label sits above it (multi-line fields)."""
    return Vertical(Label(Text(label), classes="field-label"), field, classes="field-block")


class RecordList(Vertical):
    """An editable array of tables (units, initiatives, prototypes, participants), shown as
    master and detail, so that what it costs does not grow with how many records it holds.

    `items` is the live list in the session; `make` builds a new empty item; `fields(item)`
    returns the widgets for one item, already bound to it; `columns` describe a record's
    one-line summary, each (header, width, cell): `cell(item)` is the text of that column
    (user text, shown literally), `width` its width in cells (None: what the other columns
    leave, at least MIN_REST).

    On top a table of every record, one line each (a `LongTable`: it draws only the lines on
    screen); below it the editor, the fields of the selected record only, with its "✕"; then
    the "+" button. Up/Down/PageUp/PageDown/Home/End in the table select a record and the
    editor follows; Enter goes into its first field; Delete removes it (after a yes). Records
    are added with "+" and removed in place, so what the list holds is what the file holds.
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
        record = Horizontal(
            Vertical(*self._fields(item), classes="record-fields"),
            Button("✕", classes="remove", compact=True),
            classes="record",
        )
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
            while True:
                item = self.selected_item
                if item is self._editing and (item is None or self._editor is not None):
                    return
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
            return focused is self._table or focused is self._add or self._is_remove(focused)
        if action in ("remove_selected", "cursor"):
            return focused is self._table
        return True

    def _is_remove(self, widget: Widget | None) -> bool:
        return (widget is not None and widget.has_class("remove") and self._editor is not None
                and widget.parent is self._editor)

    def action_cursor(self, name: str) -> None:
        getattr(self._table, f"action_{name}")()

    async def action_enter(self) -> None:
        focused = self.screen.focused
        if focused is self._add:
            await self._add_record()
        elif self._is_remove(focused):
            self._ask_remove(self._editing)
        else:
            await self._follow()
            self._focus_editor()

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


class Hint(Static):
    """A dim line or two of the source's guidance beside a field (never user text)."""

    DEFAULT_CSS = """
    Hint { height: auto; color: $text-muted; padding-left: 2; margin-bottom: 1; }
    Hint.-empty { display: none; }
    """

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(Text(text.strip("\n")), id=id)

    def show(self, text: str) -> None:
        """Replace the hint's text (hidden when empty)."""
        self.update(Text(text.strip("\n").rstrip()))
        self.set_class(not text.strip(), "-empty")
