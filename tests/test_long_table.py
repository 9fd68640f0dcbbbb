"""LongTable, the table of the session browser and the decision log: any number of rows,
driven by keys and the mouse in a real app, and what it draws."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from dtworkshop.ui.widgets.long_table import LongTable

ROWS = 100_000


def drawn(table: LongTable) -> list[str]:
    """The lines the table draws now."""
    return ["".join(s.text for s in table.render_line(y)) for y in range(table.size.height)]


class TableApp(App):
    def __init__(self, rows) -> None:
        super().__init__()
        self.rows = rows
        self.events: list[tuple[str, object]] = []

    def compose(self) -> ComposeResult:
        yield LongTable(id="table")

    def on_mount(self) -> None:
        table = self.query_one(LongTable)
        table.add_column("Nr", key="number", width=6)
        table.add_column("Navn", key="name", width=12)
        table.set_rows(self.rows, lambda n: (Text(str(n), justify="right"), Text(f"række {n}")))
        table.focus()

    def on_long_table_row_selected(self, event: LongTable.RowSelected) -> None:
        self.events.append(("selected", event.cursor_row))

    def on_long_table_header_selected(self, event: LongTable.HeaderSelected) -> None:
        self.events.append(("header", event.column_key))


async def test_a_hundred_thousand_rows_are_walked_with_the_keys() -> None:
    app = TableApp(range(ROWS))
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(LongTable)
        assert table.row_count == ROWS
        lines = drawn(table)
        assert lines[0].split() == ["Nr", "Navn"]
        assert lines[1].split() == ["0", "række", "0"] and len(lines) == 12

        await pilot.press("end")
        assert table.cursor_row == ROWS - 1
        assert drawn(table)[-1].split() == [str(ROWS - 1), "række", str(ROWS - 1)]

        await pilot.press("pageup")
        assert table.cursor_row == ROWS - 1 - 11  # a page is the lines under the header
        await pilot.press("home", "up")
        assert table.cursor_row == 0 and drawn(table)[1].split()[0] == "0"
        await pilot.press("pagedown", "down")
        assert table.cursor_row == 12
        assert drawn(table)[-1].split()[0] == "12"  # the cursor is kept on the screen

        await pilot.press("enter")
        await pilot.pause()
        assert app.events == [("selected", 12)]


async def test_cells_are_drawn_literally_cut_to_their_column_and_aligned() -> None:
    rows = ["[bold]x[/]", "Ærøskøbing Kommune og omegn", "\x1b[2J", "to\nlinjer"]
    app = TableApp(rows)
    async with app.run_test(size=(40, 8)) as pilot:
        table = app.query_one(LongTable)
        table.set_rows(rows, lambda r: (Text("7", justify="right"), Text(r)))
        await pilot.pause()
        lines = drawn(table)
        assert lines[1] == "      7  [bold]x[/]     " + " " * 16
        assert lines[2][9:21] == "Ærøskøbing …" and lines[2][21:23] == "  "  # cut: "…" says so
        assert lines[3][9:13] == "␛[2J"  # a control character never reaches the terminal
        assert lines[4][9:19] == "to linjer " and len(lines) == 8  # a row is one line


async def test_the_mouse_picks_rows_and_headers() -> None:
    app = TableApp(range(50))
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(LongTable)
        await pilot.click(LongTable, offset=(12, 0))  # the "Navn" header
        await pilot.click(LongTable, offset=(3, 4))  # the fourth row
        assert table.cursor_row == 3
        await pilot.click(LongTable, offset=(3, 4))  # again: chosen
        await pilot.pause()
        assert app.events == [("header", "name"), ("selected", 3)]


async def test_fewer_rows_keep_the_cursor_within_them() -> None:
    app = TableApp(range(50))
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(LongTable)
        await pilot.press("end")
        table.set_rows(range(5), lambda n: (Text(str(n)), Text("")))
        await pilot.pause()
        assert table.cursor_row == 4 and drawn(table)[5].split() == ["4"]
        table.set_rows((), lambda n: ())
        await pilot.press("enter", "down")
        assert table.row_count == 0 and app.events == []


class WideApp(App):
    """A table wider than its window: a name, then three columns of ten."""

    def __init__(self, rows) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield LongTable(id="table")

    def on_mount(self) -> None:
        table = self.query_one(LongTable)
        table.add_column("Navn", key="name", width=8)
        for key in ("aaa", "bbb", "ccc"):
            table.add_column(key.upper(), key=key, width=10)
        table.set_rows(self.rows, lambda n: (Text(f"navn {n}"), Text("a" * 10),
                                             Text("b" * 10), Text("c" * 10)))
        table.focus()


async def test_columns_scroll_sideways_under_the_first_a_whole_column_at_a_time() -> None:
    """→ and ← scroll the columns a column at a time; the first (the row's name) stays.
    The header says where more columns are: "›" at its end, "‹" after the first. A column
    partly scrolled away shows nothing rather than a stub, and a window widened until every
    column fits shows them all from the start again."""
    app = WideApp(range(3))
    async with app.run_test(size=(36, 6)) as pilot:
        table = app.query_one(LongTable)
        lines = drawn(table)
        assert lines[0].split() == ["Navn", "AAA", "BBB", "›"], lines
        assert lines[1].split()[:4] == ["navn", "0", "a" * 10, "b" * 10]
        await pilot.press("right")  # as far as it goes: 10 cells, AAA's last two a stub
        await pilot.pause()
        lines = drawn(table)
        assert lines[0].split() == ["Navn", "‹", "BBB", "CCC"], lines
        assert lines[1].split() == ["navn", "0", "b" * 10, "c" * 10], lines  # no "aa"
        await pilot.press("right")  # at the end already
        await pilot.pause()
        assert drawn(table) == lines
        await pilot.press("left", "left")
        await pilot.pause()
        assert drawn(table)[0].split() == ["Navn", "AAA", "BBB", "›"]
        await pilot.press("right", "right")
        await pilot.pause()
        await pilot.resize_terminal(60, 6)
        await pilot.pause()
        assert drawn(table)[0].split() == ["Navn", "AAA", "BBB", "CCC"]
