"""RecordList, the editable lists of a session (units, initiatives, prototypes, participants),
driven through the real app with the Pilot: a table of every record, one line each, and the
fields of the selected one only, so that a list of 250 costs what a list of 3 does."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.widgets import Button, Input

from dtworkshop.core.canvases.portfolio import Initiative, Unit
from dtworkshop.core.types import CATEGORIES
from dtworkshop.storage import read_session, save_session
from dtworkshop.ui.app import WorkshopApp
from dtworkshop.ui.canvases import SCREENS
from dtworkshop.ui.widgets.record_list import RecordList
from dtworkshop.ui.widgets.long_table import LongTable
from dtworkshop.ui.screens.dialogs import CANVAS_HOTKEY

from tests.conftest import settled, until
from tests.test_app import burst

SIZE = (80, 24)
PORTFOLIO = "2026-12-07-ringkoebing-skjern-portefoelje.toml"  # units A and B, 7 initiatives
EGEDAL = "2026-12-14-egedal-et-kontaktpunkt.toml"


def read(path: Path) -> dict:
    return tomllib.loads(path.read_text("utf-8"))


def saved_units(path: Path) -> list[dict]:
    return read(path).get("portfolio", {}).get("units", [])


def rows(records: RecordList) -> list[list[str]]:
    """The table's lines as text, one list of cells per record."""
    table = records.query_one(LongTable)
    return [[cell.plain for cell in table.get_row_at(i)] for i in range(table.row_count)]


def inputs(records: RecordList) -> list[Input]:
    return list(records.query(Input))


def first_value(records: RecordList) -> str | None:
    """What the editor's first field holds (None while there is no editor, e.g. while it is
    being made for another record)."""
    fields = inputs(records)
    return fields[0].value if fields else None


def screen_lines(app) -> list[str]:
    update = app.screen._compositor.render_update(full=True)
    return ["".join(segment.text for segment in strip) for strip in update.strips]


async def open_portfolio(pilot) -> RecordList:
    await pilot.press("ctrl+g", CANVAS_HOTKEY["portfolio"])
    await until(pilot, lambda: isinstance(pilot.app.screen, SCREENS["portfolio"])
                and pilot.app.focused is not None, "the portfolio canvas")
    return pilot.app.screen.query_one("#units", RecordList)


async def focus_add(pilot, records: RecordList) -> None:
    """Put the focus on the list's "+" button and wait until it is there."""
    records.query_one(".add").focus()
    await until(pilot, lambda: pilot.app.focused is records.query_one(".add"), "the focus on +")


async def open_participants(pilot) -> RecordList:
    """Go to the session details and put the focus on "+ Deltager"."""
    app = pilot.app
    await pilot.press("ctrl+g", "s")
    await until(pilot, lambda: type(app.screen).__name__ == "DetailsScreen", "the details")
    people = app.screen.query_one("#participants", RecordList)
    await focus_add(pilot, people)
    return people


async def focus_by_tab(pilot, target, what: str) -> None:
    """Press Tab until `target` has the focus, as a facilitator walks the screen."""
    for _ in range(40):
        if pilot.app.focused is target:
            return
        await pilot.press("tab")
    raise AssertionError(f"Tab never reached {what}")


async def test_a_unit_is_added_with_the_keys_only(examples: Path) -> None:
    """Tab to "+ Forvaltning", Enter, and type the unit field by field: it is in the file,
    and on its own line of the table, its sum beside its split."""
    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        units = await open_portfolio(pilot)
        # At 80x24 the first unit's name is below the fold: the canvas starts on the first
        # field that shows, the rollout strategy.
        assert app.focused is app.screen.query_one("#rollout")
        await focus_by_tab(pilot, units.query_one(".add", Button), "+ Forvaltning")
        await pilot.press("enter", *"Forvaltning C", "enter", *"Mere selvbetjening", "enter")
        for value in ("40", "30", "20", "10"):
            await pilot.press(*value, "enter")
        await until(pilot, lambda: len(saved_units(path)) == 3
                    and saved_units(path)[2].get("rethink_business") == 10, "the new unit in the file")
        assert saved_units(path)[2] == {
            "name": "Forvaltning C", "streamline": 40, "modernise": 30, "rethink_services": 20,
            "rethink_business": 10, "goal": "Mere selvbetjening",
        }
        assert saved_units(path)[0]["name"] == "Forvaltning A"  # the others untouched
        assert rows(units)[2] == ["Forvaltning C", "40", "30", "20", "10", "100", "", "Mere selvbetjening"]
        assert rows(units)[0][5] == "105"  # the source's example: the sum that is not 100
        assert units.selected_item is app.document.session.portfolio.units[2]
        await pilot.press("ctrl+q")


async def test_plus_in_the_table_or_on_its_button_adds_a_record(examples: Path) -> None:
    """"+" with the focus in the units' table, and on the "+ Forvaltning" button, each
    followed at once by a name (one burst): a new unit each time, named as typed (the
    README's key; "+" was told as typed nowhere and the name with it)."""
    from tests.test_app import burst

    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        units = await open_portfolio(pilot)
        await focus_by_tab(pilot, units.query_one(LongTable), "the units' table")
        burst(app, ["plus", *"Ny enhed"])
        await until(pilot, lambda: len(saved_units(path)) == 3
                    and saved_units(path)[2].get("name") == "Ny enhed", "the unit added by +")
        await focus_by_tab(pilot, units.query_one(".add", Button), "+ Forvaltning")
        burst(app, ["plus", *"Æblegård"])
        await until(pilot, lambda: len(saved_units(path)) == 4
                    and saved_units(path)[3].get("name") == "Æblegård", "the unit added on +")
        await pilot.press("ctrl+q")


async def test_the_second_unit_is_chosen_in_the_table_and_edited(examples: Path) -> None:
    """Down then Enter in the table opens the second unit's fields: what is typed goes there,
    to the file, and to its line of the table."""
    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        units = await open_portfolio(pilot)
        table = units.query_one(LongTable)
        await focus_by_tab(pilot, table, "the units' table")
        await pilot.press("down", "enter", *" Nord")
        await until(pilot, lambda: saved_units(path)[1]["name"] == "Forvaltning B Nord",
                    "the second unit's new name in the file")
        assert saved_units(path)[0]["name"] == "Forvaltning A"
        assert rows(units)[1][0] == "Forvaltning B Nord"
        assert table.cursor_row == 1
        assert isinstance(app.focused, Input) and app.focused.value == "Forvaltning B Nord"
        # Only the selected unit's fields are there; Tab walks them, then ✕ and "+".
        assert [i.value for i in units.query("Input.percent")] == ["50", "36", "6", "8"]

        # Up and Enter in one burst (a slow link): the keys land in the first unit.
        await pilot.press("shift+tab")
        assert app.focused is table
        burst(app, ["up", "enter", "end", *" Syd"])
        await until(pilot, lambda: app.document.session.portfolio.units[0].name == "Forvaltning A Syd",
                    "the burst typed into the first unit")
        assert app.document.session.portfolio.units[1].name == "Forvaltning B Nord"
        await until(pilot, lambda: rows(units)[0][0] == "Forvaltning A Syd", "the table follows")

        # Tab from the table right after Down, before the fields have followed: they are
        # made for the unit selected first, and what is typed waits for them.
        await pilot.press("shift+tab")
        assert app.focused is table
        burst(app, ["down", "tab", "end", *"!", "tab", "end", *"?"])
        await until(pilot, lambda: app.document.session.portfolio.units[1].goal == "effektivisere 50 pct.?",
                    lambda: f"the burst typed into the second unit; the units are "
                    f"{[(u.name, u.goal) for u in app.document.session.portfolio.units]}, "
                    f"the focus on {app.focused!r}")
        assert app.document.session.portfolio.units[1].name == "Forvaltning B Nord!"
        assert app.document.session.portfolio.units[0].name == "Forvaltning A Syd"
        await pilot.press("ctrl+q")
    assert [u["name"] for u in saved_units(path)] == ["Forvaltning A Syd", "Forvaltning B Nord!"]


async def test_delete_in_the_table_removes_the_selected_unit_after_a_yes(examples: Path) -> None:
    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        units = await open_portfolio(pilot)
        table = units.query_one(LongTable)
        table.focus()
        await pilot.press("delete")
        await until(pilot, lambda: type(app.screen).__name__ == "ConfirmScreen", "the question")
        assert any('Fjern "Forvaltning A"?' in line for line in screen_lines(app))
        await pilot.press("enter")  # "no" has the focus first: nothing is removed
        await until(pilot, lambda: app.focused is table, "back in the table")
        assert len(app.document.session.portfolio.units) == 2
        await pilot.press("delete")
        await until(pilot, lambda: type(app.screen).__name__ == "ConfirmScreen", "the question")
        await pilot.press("shift+tab", "enter")  # yes
        await until(pilot, lambda: [u["name"] for u in saved_units(path)] == ["Forvaltning B"],
                    "the file without Forvaltning A")
        # The neighbour is selected, its fields shown, the focus back in the table.
        assert units.selected_item.name == "Forvaltning B"
        assert first_value(units) == "Forvaltning B"
        assert app.focused is table
        assert rows(units) == [["Forvaltning B", "50", "36", "6", "8", "100", "3,0", "effektivisere 50 pct."]]

        # The last one goes with its ✕ (clicked: it is for the mouse, out of the Tab order):
        # the table and the fields go, "+" takes the focus.
        remove = units.query_one(".record .remove")
        remove.scroll_visible(animate=False)
        await settled(pilot)
        await pilot.click(remove)
        await until(pilot, lambda: type(app.screen).__name__ == "ConfirmScreen", "the question")
        await pilot.press("shift+tab", "enter")
        await until(pilot, lambda: saved_units(path) == [], "the file without units")
        assert not table.display and not units.query(".record") and not inputs(units)
        assert app.focused is units.query_one(".add")
        await pilot.press("ctrl+q")


async def test_keys_typed_right_after_add_land_in_the_new_record(examples: Path) -> None:
    """Enter on "+ Deltager" and the name typed right after it, with no pause: every letter
    is in the new participant's name (the fields are there before the next key is read)."""
    path = examples / EGEDAL
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        count = len(app.document.session.participants)
        people = await open_participants(pilot)
        await pilot.press("enter", "C", "a", "r", "l", "enter", *"Borgmester")
        participants = app.document.session.participants
        await until(pilot, lambda: len(participants) == count + 1 and participants[-1].role == "Borgmester",
                    "the new participant's role")
        assert participants[-1].name == "Carl"

        # The same typed ahead over a slow link: all of it in one burst.
        await focus_add(pilot, people)
        burst(app, ["enter", *"Dorte", "enter", *"Chef"])
        await until(pilot, lambda: len(participants) == count + 2 and participants[-1].role == "Chef",
                    "the second new participant")
        assert participants[-1].name == "Dorte"
        assert [row[0] for row in rows(people)][-2:] == ["Carl", "Dorte"]
        await pilot.press("ctrl+q")
    assert [p["name"] for p in read(path)["participants"]][-2:] == ["Carl", "Dorte"]


async def test_a_long_list_builds_the_fields_of_one_record_only(examples: Path) -> None:
    """250 initiatives and 50 units: the canvas holds the fields of one of each, the table
    all of them; End and Down select, Enter edits, the last one too."""
    path = examples / PORTFOLIO
    session = read_session(path)
    pf = session.portfolio
    pf.units = [Unit(name=f"Forvaltning {n}", streamline=25, modernise=25, rethink_services=25,
                     rethink_business=25, goal=f"Mål {n}") for n in range(50)]
    pf.initiatives = [Initiative(name=f"Initiativ {n}", unit=f"Forvaltning {n % 50}",
                                 category=CATEGORIES[n % 4]) for n in range(250)]
    save_session(session, path)
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        units = await open_portfolio(pilot)
        initiatives = app.screen.query_one("#initiatives", RecordList)
        assert len(inputs(units)) == 6  # name, goal, four percentages: one unit's
        assert len(inputs(initiatives)) == 2  # name, unit (and the category): one initiative's
        assert len(app.screen.query(".record")) == 2
        table = initiatives.query_one(LongTable)
        assert table.row_count == 250
        assert table.size.height == RecordList.MAX_ROWS + 1  # the header and 8 lines: it scrolls

        table.focus()
        await until(pilot, lambda: app.focused is table, "the focus in the table")
        await pilot.press("end")
        await until(pilot, lambda: first_value(initiatives) == "Initiativ 249", "the last one's fields")
        pf = app.document.session.portfolio
        assert initiatives.selected_item is pf.initiatives[-1]
        await pilot.press("enter", *" sidst")
        await until(pilot, lambda: pf.initiatives[-1].name == "Initiativ 249 sidst", "the last one edited")
        assert rows(initiatives)[-1][0] == "Initiativ 249 sidst"
        assert len(inputs(initiatives)) == 2

        # Held down (a burst of 30): the fields end on the record the cursor stops on.
        await pilot.press("shift+tab")
        await pilot.press("home")
        burst(app, ["down"] * 30)
        await until(pilot, lambda: table.cursor_row == 30
                    and first_value(initiatives) == "Initiativ 30", "the fields of the 31st")
        await pilot.press("enter", *" x")
        await until(pilot, lambda: pf.initiatives[30].name == "Initiativ 30 x", "the 31st edited")
        assert len(inputs(initiatives)) == 2 and len(app.screen.query(".record")) == 2

        initiatives.select(100)  # the same from the program
        await until(pilot, lambda: first_value(initiatives) == "Initiativ 100", "the 101st")
        await until(pilot, lambda: read(path)["portfolio"]["initiatives"][30]["name"] == "Initiativ 30 x",
                    "the edits in the file")
        await pilot.press("ctrl+q")
    on_disk = read(path)["portfolio"]["initiatives"]
    assert len(on_disk) == 250 and on_disk[-1]["name"] == "Initiativ 249 sidst"


async def test_markup_typed_as_a_name_shows_literally_in_the_table(examples: Path) -> None:
    path = examples / EGEDAL
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        people = await open_participants(pilot)
        await pilot.press("enter", *"[bold]x[/]", "enter", *"[red]Rolle")
        await until(pilot, lambda: rows(people)[-1] == ["[bold]x[/]", "[red]Rolle"], "the new line")
        people.query_one(LongTable).focus()
        await until(pilot, lambda: any("[bold]x[/]" in line for line in screen_lines(app)),
                    "the name on the screen as typed")
        assert any("[red]Rolle" in line for line in screen_lines(app))
        await pilot.press("ctrl+q")
    assert read(path)["participants"][-1] == {"name": "[bold]x[/]", "role": "[red]Rolle"}


async def test_an_empty_list_shows_only_its_add_button(examples: Path) -> None:
    path = examples / PORTFOLIO
    session = read_session(path)
    session.double_diamond = None  # never visited: no prototypes
    save_session(session, path)
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["double_diamond"])
        await until(pilot, lambda: isinstance(app.screen, SCREENS["double_diamond"]), "the diamond")
        prototypes = app.screen.query_one("#prototypes", RecordList)
        assert not prototypes.query_one(LongTable).display
        assert not prototypes.query(".record") and prototypes.selected_item is None
        await focus_add(pilot, prototypes)
        await pilot.press("enter", *"Test")
        await until(pilot, lambda: rows(prototypes) == [["Test", "Testes", ""]], "the new prototype's line")
        assert prototypes.query_one(LongTable).display
        await pilot.press("ctrl+q")
    assert read(path)["double_diamond"]["prototypes"] == [{"name": "Test", "status": "testing"}]


async def test_read_only_the_records_can_be_looked_through_not_changed(examples: Path) -> None:
    path = examples / PORTFOLIO
    before = path.read_bytes()
    app = WorkshopApp(sessions_dir=examples, open_path=path, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        units = await open_portfolio(pilot)
        table = units.query_one(LongTable)
        table.focus()
        await until(pilot, lambda: app.focused is table, "the focus in the table")
        await pilot.press("down")
        await until(pilot, lambda: first_value(units) == "Forvaltning B",
                    "the second unit's fields")
        assert all(field.is_disabled for field in units.query("Input, Select, Button"))
        await pilot.press("delete")  # refused: nothing asked, nothing removed
        await pilot.pause()
        assert type(app.screen).__name__ != "ConfirmScreen"
        assert len(app.document.session.portfolio.units) == 2
        await pilot.press("ctrl+q")
    assert path.read_bytes() == before
