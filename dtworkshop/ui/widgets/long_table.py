"""LongTable: a read-only table of rows to pick from, of any length, that draws only the rows
on screen.

Textual's DataTable measures every cell of every row it is given, which took 5.5 s for the
10,000 sessions of a large folder and far longer for their 50,000 decisions. LongTable is given
the rows as a sequence and a function that makes one row's cells, and calls it only for the
rows it draws (a Line API widget, `ScrollView`), so a list of any length is shown, sorted,
filtered and jumped through (End) at once. It keeps DataTable's names where it does the same
(`add_column`, `clear`, `row_count`, `cursor_row`, `move_cursor`, `get_row_at`, and the
`RowHighlighted`, `RowSelected` and `HeaderSelected` messages) and its look (header, zebra
stripes, the block cursor of the theme). Cells are `rich.text.Text`, drawn literally and cut
to their column's width, a cut one ending in "…"; a row is one line (line breaks show as
spaces, control characters as `core.text.visible` shows them).

Columns wider than the window scroll sideways (← →) under the first, which stays (it names
the row: the session's title, the unit). The header's ends show "›" and "‹" where there are
more columns to scroll to: the tables hide their horizontal scrollbar, which would cost a
line at 80x24.
"""

from __future__ import annotations

import dataclasses

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from dtworkshop.core.text import visible

_ONE_LINE = str.maketrans("\n\t", "  ")

PADDING = 1
"""Blank cells on each side of a column's content, as DataTable's cell padding."""


@dataclass
class Column:
    """A column: its key (what `HeaderSelected` names), header label, width in cells."""

    key: str
    label: Text
    width: int


class LongTable(ScrollView, can_focus=True):
    """A header line and any number of one-line rows, one of them under the cursor.

    Give the rows with `set_rows(rows, cells)`: `rows` is any sequence (kept, not copied:
    call `set_rows` again when it changed) and `cells(row)` returns that row's cells, one
    `Text` per column. Up/Down/PageUp/PageDown/Home/End move the cursor, Enter or a click on
    the cursor's row selects it, a click on a header selects that column.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Select", show=False),
        Binding("up", "cursor_up", "Cursor up", show=False),
        Binding("down", "cursor_down", "Cursor down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,ctrl+home", "first", "First row", show=False),
        Binding("end,ctrl+end", "last", "Last row", show=False),
        # Columns wider than the window (the units' percentages at 40 columns) are scrolled
        # to sideways, a column's width at a time; Tab goes on to the fields.
        Binding("left", "sideways(-1)", show=False),
        Binding("right", "sideways(1)", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "long-table--header",
        "long-table--cursor",
        "long-table--even-row",
        "long-table--odd-row",
    }

    # DataTable's own look, so both kinds of table look alike in every theme.
    DEFAULT_CSS = """
    LongTable {
        background: $surface;
        color: $foreground;
        height: 1fr;
        &:focus {
            background-tint: $foreground 5%;
            & > .long-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .long-table--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark > .long-table--even-row {
            background: $surface-darken-1 40%;
        }
        & > .long-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .long-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .long-table--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .long-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    cursor_row: reactive[int] = reactive(0, always_update=False)
    """The row under the cursor (0 with no rows)."""

    class _RowMessage(Message):
        def __init__(self, table: LongTable, cursor_row: int) -> None:
            super().__init__()
            self.table = table
            self.cursor_row = cursor_row

        @property
        def control(self) -> LongTable:
            return self.table

    class RowHighlighted(_RowMessage):
        """The cursor moved to `cursor_row`."""

    class RowSelected(_RowMessage):
        """The row `cursor_row` was chosen (Enter, or a click on the cursor's row)."""

    class HeaderSelected(Message):
        """The header of the column `column_key` was clicked."""

        def __init__(self, table: LongTable, column_key: str) -> None:
            super().__init__()
            self.table = table
            self.column_key = column_key

        @property
        def control(self) -> LongTable:
            return self.table

    def __init__(self, *, zebra_stripes: bool = True, fixed_columns: int = 1,
                 name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.zebra_stripes = zebra_stripes
        self.fixed_columns = fixed_columns
        """How many columns, from the left, stay when the others scroll sideways."""
        self.columns: dict[str, Column] = {}  # by key, in order
        self._rows: Sequence[Any] = ()
        self._cells: Callable[[Any], Sequence[Text]] = lambda row: ()

    # -- the data

    def add_column(self, label: str | Text, *, key: str, width: int) -> None:
        """Add a column `width` cells wide (plus PADDING each side) headed `label`."""
        self.columns[key] = Column(key, Text(label) if isinstance(label, str) else label, width)
        self._resized()

    def set_columns(self, columns: Sequence[tuple[str | Text, str, int]]) -> None:
        """Replace the columns with `columns`, each (label, key, width), keeping the rows and
        the cursor (a new sort order or screen width changes the header, not the rows)."""
        self.columns = {}
        for label, key, width in columns:
            self.add_column(label, key=key, width=width)
        self.refresh()

    def clear(self, columns: bool = False) -> None:
        """Remove the rows (and the columns too if `columns`)."""
        if columns:
            self.columns = {}
        self.set_rows((), lambda row: ())

    def set_rows(self, rows: Sequence[Any], cells: Callable[[Any], Sequence[Text]]) -> None:
        """Show `rows`, each drawn as `cells(row)`; the cursor keeps its row number, within
        them (RowHighlighted is posted only if that moves it)."""
        self._rows, self._cells = rows, cells
        self._resized()
        self.cursor_row = max(0, min(self.cursor_row, len(rows) - 1))
        self._scroll_to_cursor()
        self.refresh()

    @property
    def row_count(self) -> int:
        """How many rows there are."""
        return len(self._rows)

    def get_row_at(self, row_index: int) -> list[Text]:
        """The cells of row `row_index` (0-based). Raises IndexError outside the rows."""
        if not 0 <= row_index < len(self._rows):
            raise IndexError(row_index)
        return list(self._cells(self._rows[row_index]))

    def refresh_row(self, row_index: int) -> None:
        """Draw row `row_index` again (its data changed), not the others."""
        self.refresh_line(row_index + 1)  # under the header

    def move_cursor(self, *, row: int, animate: bool = False) -> None:
        """Put the cursor on `row` (kept within the rows) and scroll it into view."""
        self.cursor_row = max(0, min(row, len(self._rows) - 1))
        self._scroll_to_cursor(animate)

    # -- drawing

    @property
    def _width(self) -> int:
        return sum(c.width + 2 * PADDING for c in self.columns.values())

    @property
    def _page(self) -> int:
        """How many rows fit under the header."""
        return max(1, self.scrollable_content_region.height - 1)

    @property
    def _fixed_width(self) -> int:
        """Cells of the columns that do not scroll sideways: none when they would take more
        than two thirds of the window (the rest would hardly show)."""
        fixed = sum(c.width + 2 * PADDING
                    for c in list(self.columns.values())[:self.fixed_columns])
        return fixed if 3 * fixed <= 2 * self.scrollable_content_region.width else 0

    def _resized(self) -> None:
        self.virtual_size = Size(self._width, len(self._rows) + 1)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        base = self.rich_style
        row = scroll_y + y - 1
        if y == 0:
            cells: Sequence[Text] = [c.label for c in self.columns.values()]
            style = base + self.get_component_rich_style("long-table--header")
        elif row >= len(self._rows):
            return Strip.blank(width, base)
        else:
            cells = self._cells(self._rows[row])
            kind = ("cursor" if row == self.cursor_row else
                    "even-row" if self.zebra_stripes and row % 2 else "odd-row")
            style = base + self.get_component_rich_style(f"long-table--{kind}")
        # A header is cut, not ended in "…": the narrow columns' headers are abbreviations
        # already ("Effekt." in 6 cells), which "…" would take a letter more of.
        strip = self._line(cells, style, on_top=y > 0 and row == self.cursor_row,
                           cut="crop" if y == 0 else "ellipsis")
        fixed = 0
        if scroll_x:
            fixed = self._fixed_width
            # A column partly scrolled away is left out: its stub ("15" of a date) under a
            # header cut to nothing would read as a value of its own.
            stub = max(0, min([start for start in self._starts(fixed) if start >= scroll_x],
                              default=scroll_x) - scroll_x)
            shown = Strip.join([strip.crop(0, fixed), Strip.blank(stub, style),
                                strip.crop(fixed + scroll_x + stub, scroll_x + width)])
        else:  # the usual case: one crop, as before sideways scrolling
            shown = strip.crop(0, width)
        if y == 0:
            shown = self._more_marks(shown, fixed, width, style)
        return shown.extend_cell_length(width, base)

    def _more_marks(self, header: Strip, fixed: int, width: int, style: Style) -> Strip:
        """`header` with "‹" where columns are scrolled away to the left (after the fixed
        ones), "›" at its end when there are more to the right."""
        if self.scroll_x > 0 and fixed + 1 < width:
            header = Strip.join([header.crop(0, fixed), Strip([Segment("‹", style)]),
                                 header.crop(fixed + 1, width)])
        if self.scroll_x < self.max_scroll_x and width > 1:
            header = Strip.join([header.crop(0, width - 1), Strip([Segment("›", style)])])
        return header

    def _line(self, cells: Sequence[Text], style: Style, *, on_top: bool,
              cut: str = "ellipsis") -> Strip:
        """One line of `cells`, each padded and cut to its column (`cut`: Rich's overflow,
        "…" at the end of a cut text), in `style`: under the cells' own styles (a bad
        file's red stays red), or over them for the cursor."""
        line = Text(no_wrap=True, overflow="crop", end="")
        pad = " " * PADDING
        for column, cell in zip(self.columns.values(), cells):
            # Stand-ins for control characters and line breaks, one for one so the cell's
            # styles stay in place: a row is one line, and text from a file is never a
            # terminal command.
            content = Text(visible(cell.plain).translate(_ONE_LINE), style=cell.style,
                           justify=cell.justify, spans=cell.spans, end="")
            content.truncate(column.width, overflow=cut)
            content.align(cell.justify if cell.justify in ("center", "right") else "left",
                          column.width)
            line.append(pad)
            line.append_text(content)
            line.append(pad)
        segments = Segment.apply_style(line.render(self.app.console), style,
                                       post_style=style if on_top else None)
        return Strip(segments).extend_cell_length(self._width, style)

    def watch_cursor_row(self, old: int, new: int) -> None:
        self.refresh()
        if self._rows:
            self.post_message(self.RowHighlighted(self, new))

    def _scroll_to_cursor(self, animate: bool = False) -> None:
        top = self.scroll_offset.y
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=animate)
        elif self.cursor_row >= top + self._page:
            self.scroll_to(y=self.cursor_row - self._page + 1, animate=animate)

    def on_mount(self) -> None:
        labels = getattr(self.app, "labels", None)
        if labels is not None:  # what ← and → do, in the keys list (F1)
            for key, word in (("left", "common.columns_left"), ("right", "common.columns_right")):
                self._bindings.key_to_bindings[key] = [
                    dataclasses.replace(binding, description=labels(word))
                    for binding in self._bindings.key_to_bindings.get(key, [])]

    def on_resize(self) -> None:
        self._scroll_to_cursor()
        # A window widened until the columns fit shows them from the start again.
        if self.scroll_x > self.max_scroll_x:
            self.scroll_x = self.max_scroll_x

    # -- keys and mouse

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self.cursor_row + 1)

    def action_page_up(self) -> None:
        self.move_cursor(row=self.cursor_row - self._page)

    def action_page_down(self) -> None:
        self.move_cursor(row=self.cursor_row + self._page)

    def action_first(self) -> None:
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=len(self._rows) - 1)

    def _starts(self, fixed: int) -> list[int]:
        """The scroll_x at which each column not among the `fixed` cells comes next to them."""
        starts, x = [], 0
        for column in self.columns.values():
            if x >= fixed:
                starts.append(x - fixed)
            x += column.width + 2 * PADDING
        return starts

    def action_sideways(self, direction: int) -> None:
        """Scroll the columns sideways a column at a time (`direction` -1: left, 1: right),
        as far as they go; the header goes along, the fixed columns stay."""
        starts = self._starts(self._fixed_width)
        if direction > 0:
            wanted = min([start for start in starts if start > self.scroll_x],
                         default=self.max_scroll_x)
        else:
            wanted = max([start for start in starts if start < self.scroll_x], default=0)
        # Set, not scroll_to: the tables hide their horizontal scrollbar (a line of the
        # window at 80x24), and Textual's scroll_to does not scroll where it is hidden.
        self.scroll_x = max(0, min(self.max_scroll_x, wanted))
        self.refresh()

    def action_select_cursor(self) -> None:
        if not self._rows:
            # Enter on a table not filled yet (still being read) is the screen's to act on,
            # not lost here.
            raise SkipAction()
        self.post_message(self.RowSelected(self, self.cursor_row))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            fixed = self._fixed_width if self.scroll_x else 0
            x = offset.x + (self.scroll_x if offset.x >= fixed else 0)
            for column in self.columns.values():
                x -= column.width + 2 * PADDING
                if x < 0:
                    self.post_message(self.HeaderSelected(self, column.key))
                    return
            return
        row = self.scroll_offset.y + offset.y - 1
        if 0 <= row < len(self._rows):
            if row == self.cursor_row or event.chain > 1:
                self.post_message(self.RowSelected(self, row))
            self.move_cursor(row=row)
