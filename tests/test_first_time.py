"""Issue 16: what a first-time facilitator tripped over, each kind fixed and checked here
(the export dialog's part is in tests/test_browser.py)."""

from __future__ import annotations

from pathlib import Path

from dtworkshop.ui.app import WorkshopApp
from tests.conftest import settled, until
from tests.test_keys_land import PORTFOLIO

SIZE = (80, 24)


def shown(field) -> str:
    """The text a one-line field shows, as drawn."""
    return "".join(segment.text for segment in field.render_line(0)).strip()


async def session_open(pilot) -> None:
    """Wait until the session the app was started on shows, a field focused."""
    app = pilot.app
    await until(pilot, lambda: app.document is not None and app.screen.focused is not None,
                "the session open")


async def go_to(pilot, key: str, screen: str) -> None:
    """From the open session, ctrl+g then `key`; wait until the Screen class named
    `screen` shows with a widget focused."""
    app = pilot.app
    await session_open(pilot)
    await pilot.press("ctrl+g", key)
    await until(pilot, lambda: type(app.screen).__name__ == screen
                and app.screen.focused is not None, screen)


async def test_a_one_line_field_left_shows_the_start_of_its_text(examples: Path) -> None:
    """Typed past its width and left with Tab, a field shows its start ("Digital …"), not
    the end where typing stopped; typed on, the cursor shows again where it was left."""
    long = "Digital omstilling med borgeren i centrum, hele vejen fra idé til drift i 2027"
    app = WorkshopApp(sessions_dir=examples, open_path=examples / PORTFOLIO)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "s", "DetailsScreen")
        title = app.screen.query_one("#title")
        title.focus()
        await settled(pilot)
        title.value = ""
        await pilot.press(*long)
        await until(pilot, lambda: title.value == long, "typed")
        assert len(long) > title.content_size.width, "the text is wider than its field"
        await until(pilot, lambda: shown(title).endswith("2027"), "its end while typing")
        await pilot.press("tab")
        await until(pilot, lambda: app.screen.focused is not title, "left")
        await until(pilot, lambda: shown(title).startswith("Digital omstilling"),
                    "the start once left")
        await pilot.press("shift+tab", "!")
        await until(pilot, lambda: title.value == long + "!", "typed on at its end")
        await until(pilot, lambda: shown(title).endswith("2027!"), "the cursor in view again")


async def test_a_dialogs_field_left_shows_the_start_of_its_text(examples: Path) -> None:
    """The same in a dialog, whose fields are compact (Textual does not scroll those with
    scroll_to): a long decision, Enter to the owner, and the decision shows its start."""
    long = "Vi afsætter to årsværk til at afprøve skærmbesøg i hjemmeplejen i Ærøskøbing"
    app = WorkshopApp(sessions_dir=examples, open_path=examples / PORTFOLIO)
    async with app.run_test(size=SIZE) as pilot:
        await session_open(pilot)
        await pilot.press("ctrl+d")
        await until(pilot, lambda: type(app.screen).__name__ == "DecisionScreen"
                    and app.screen.focused is not None, "the decision dialog")
        text = app.screen.focused
        await pilot.press(*long)
        await until(pilot, lambda: text.value == long, "typed")
        await until(pilot, lambda: shown(text).endswith("Ærøskøbing"), "its end while typing")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen.focused is not text, "on to the owner")
        await until(pilot, lambda: shown(text).startswith("Vi afsætter"),
                    lambda: f"the start once left: {shown(text)!r}")


async def test_an_initiatives_unit_is_offered_from_the_portfolios_units(examples: Path) -> None:
    """Typing an initiative's unit offers the portfolio's unit that starts so (→ takes it,
    in its own spelling); a unit that is none of them is still typed, and warned about."""
    from textual.widgets import Button

    from dtworkshop.ui.widgets.record_list import RecordList
    from tests.test_record_list import focus_by_tab, open_portfolio

    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await open_portfolio(pilot)
        initiatives = app.screen.query_one("#initiatives", RecordList)
        count = len(app.document.session.portfolio.initiatives)
        await focus_by_tab(pilot, initiatives.query_one(".add", Button), "+ Initiativ")
        await pilot.press("enter", *"Robotter", "enter", *"forv")
        portfolio = app.document.session.portfolio
        await until(pilot, lambda: len(portfolio.initiatives) == count + 1
                    and portfolio.initiatives[-1].unit == "forv", "the unit being typed")
        unit = app.screen.focused
        await until(pilot, lambda: shown(unit) == "forvaltning A", "the first unit offered")
        await pilot.press("right")
        await until(pilot, lambda: portfolio.initiatives[-1].unit == "Forvaltning A", "taken")
        assert "initiative_unit" not in str(app.document.session.warnings())

        unit.value = ""
        await pilot.press(*"Forvaltnig B")
        await until(pilot, lambda: portfolio.initiatives[-1].unit == "Forvaltnig B", "a typo")
        warned = [w for w in app.document.session.warnings().get("portfolio", [])
                  if w.key == "warning.initiative_unit"]
        assert [w.path for w in warned] == [f"portfolio.initiatives[{count}].unit"]
        await until(pilot, lambda: "Forvaltnig B" in str(
            app.screen.query_one("#warnings").render()), "warned on the canvas")


# ---------------------------------------------------------------- space used well (point 1, 2)

DECISION = "Vi samler borgerservice og jobcenter i ét hus på Ærø fra første kvartal 2027"


def with_decision(path: Path, canvas: str, text: str = DECISION) -> None:
    """Add to the session at `path` an open decision on `canvas`: `text`, owned by Bo, due
    on the last day of January 2027."""
    import datetime as dt

    from dtworkshop.core.session import Decision
    from dtworkshop.storage import read_session, save_session

    session = read_session(path)
    session.decisions.append(Decision(
        canvas=canvas, text=text, owner="Bo", due=dt.date(2027, 1, 31),
        made=dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.timezone.utc)))
    save_session(session, path)


async def test_the_decision_log_gives_the_decision_the_width_the_owner_and_date_leave(
        examples: Path) -> None:
    """At 80 columns a decision's text takes what the owner and the due date need of the
    line, no more: "Bo" and a date leave it some 50 cells (it was cut at 27 while 15 stayed
    empty). A long owner still never pushes the due date off the line."""
    from dtworkshop.ui.widgets.decision_log import DecisionLog
    from tests.test_keys_land import open_canvas
    from tests.test_review_screens import screen_lines

    path = examples / PORTFOLIO
    with_decision(path, "business_case")
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await open_canvas(pilot, "business_case")
        log = app.screen.query_one("#decisions", DecisionLog)
        log.focus()
        await until(pilot, lambda: any("2027-01-31" in line for line in screen_lines(app)),
                    "the decision's row in view")
        row = next(line for line in screen_lines(app) if "2027-01-31" in line)
        assert DECISION[:48] in row, row
        assert "Bo" in row

        app.document.session.decisions[-1].owner = "Borgmesterens digitaliseringsudvalg"
        log.show(app.document.session.decisions_on("business_case"))
        await until(pilot, lambda: any("2027-01-31" in line and "Borgmesterens" in line
                                       for line in screen_lines(app)), "the long owner")
        row = next(line for line in screen_lines(app) if "2027-01-31" in line)
        assert DECISION[:30] in row, row  # the owner is cut first
        await pilot.press("ctrl+q")


async def test_chart_labels_use_the_room_a_wide_window_gives(examples: Path) -> None:
    """A unit's name in the portfolio's chart is cut to two fifths of the chart's width,
    not to 12 cells: at 200x50, beside the fields, "Sundhedsforvaltningen" shows whole
    where it showed as "Sundhedsfor…", and so does "Børne- og Ungeforvaltningen" (27
    cells; the newcomer's next walk found it cut at a third)."""
    from tests.test_keys_land import open_canvas
    from tests.test_review_screens import screen_lines

    path = examples / PORTFOLIO
    text = path.read_text("utf-8").replace("Forvaltning A", "Sundhedsforvaltningen")
    path.write_text(text.replace("Forvaltning B", "Børne- og Ungeforvaltningen"), "utf-8")
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=(200, 50)) as pilot:
        await open_canvas(pilot, "portfolio")
        await until(pilot, lambda: any("Sundhedsforvaltningen┤" in line
                                       for line in screen_lines(app)) and any(
            "Børne- og Ungeforvaltningen┤" in line for line in screen_lines(app)),
                    lambda: "the whole name before its bar:\n" + "\n".join(screen_lines(app)))
        await pilot.press("ctrl+q")


async def test_on_a_wide_screen_the_chart_stays_in_view_as_the_fields_scroll(
        examples: Path) -> None:
    """At 200x50 the chart stands beside the fields; with the focus moved down to the last
    of them (the body scrolled), the chart's heading and its whole plot are still in view
    beside it (its top went out of sight before, until ctrl+o)."""
    from textual.widgets import TextArea

    from tests.test_keys_land import open_canvas

    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=(200, 50)) as pilot:
        await open_canvas(pilot, "portfolio")
        body = app.screen.query_one("#canvas-body")
        notes = app.screen.query_one("#notes", TextArea)
        notes.focus()
        await until(pilot, lambda: body.scroll_y > 10, "the fields scrolled down")
        side = app.screen.query_one("#canvas-side")
        chart = app.screen.query_one("#chart")

        def in_view(widget) -> bool:
            return (widget.region.y >= body.region.y
                    and widget.region.bottom <= body.region.bottom)

        await until(pilot, lambda: in_view(side.children[0]) and in_view(chart.plot),
                    lambda: f"the chart in view: body {body.region}, scrolled {body.scroll_y}, "
                    f"chart {chart.region}")
        assert notes.region.y >= body.region.y  # and the field being typed in as well
        await pilot.press("ctrl+q")


# ---------------------------------------------------------------- keys a user can find (point 5)

def footer(app) -> str:
    """The footer's line as drawn."""
    from tests.test_review_screens import screen_lines

    return screen_lines(app)[-1]


async def test_f1_lists_every_key_of_the_screen_also_those_the_footer_has_no_room_for(
        examples: Path) -> None:
    """Every footer begins with "F1 Taster"; F1 lists the screen's keys first (the browser's m,
    t, r, f; a canvas's ctrl+r and ctrl+l, none of them in its footer at 80 columns), with
    what each does in a sentence, every key of it, the app's own last; Escape closes the
    list, and so does F1 again."""
    from textual.widgets import DataTable

    from dtworkshop.ui.screens.keys import KeysScreen
    from tests.test_keys_land import open_canvas

    def listed(app) -> list[str]:
        table = app.screen.query_one(DataTable)
        return [" ".join(str(cell) for cell in table.get_row_at(n)) for n in range(table.row_count)]

    app = WorkshopApp(sessions_dir=examples, open_path=examples / PORTFOLIO)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "l", "BrowserScreen")
        await until(pilot, lambda: "F1 Taster" in footer(app), lambda: footer(app))
        assert "m Markér" not in footer(app)
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, KeysScreen), "the keys")
        keys = listed(app)
        # What each key does in a sentence, not the footer's one word ("m Markér", "r Vend"
        # told the newcomer too little).
        mark = "m Markér sessionen for at sammenligne den med en anden (c)"
        for row in (mark, "r Vend sorteringen (fx nyeste eller ældste først)", "⏎ Åbn",
                    "t Organisationens udvikling over tid, i alle dens sessioner",
                    "f Ny opfølgende session for samme organisation"):
            assert row in keys, keys
        # The screen's own keys before the table's cursor keys, Textual's and the app's
        # last, each said as a Dane reads it: the palette's tooltip, not the footer's
        # "palet"; no macOS command key ("super+c"), which no terminal passes on.
        assert keys.index(mark) < keys.index("↓ Markøren ned"), keys
        assert keys[-1] == "^p Åbn kommandopaletten", keys
        assert keys.index("↓ Markøren ned") < keys.index("^c Kopiér den markerede tekst"), keys
        assert not any("super" in row for row in keys), keys
        await pilot.press("escape")
        await until(pilot, lambda: type(app.screen).__name__ == "BrowserScreen", "closed")

        await pilot.press("enter")
        await until(pilot, lambda: app.document is not None
                    and getattr(app.screen, "CANVAS", None) is not None, "a canvas")
        await open_canvas(pilot, "business_case")
        assert "^r" not in footer(app) and "F1 Taster" in footer(app), footer(app)
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, KeysScreen), "the canvas's keys")
        keys = listed(app)
        # Every key of an action, also those bound without words (ctrl+pagedown, the
        # README's other way to the next canvas), each said in a sentence ("Næste" alone
        # told the second newcomer little).
        assert "^r ^pgup Forrige lærred, i modellernes rækkefølge" in keys, keys
        assert "^n ^pgdn Næste lærred, i modellernes rækkefølge" in keys, keys
        assert "^l Sidste gang: hvad tidligere sessioner skrev her" in keys, keys
        assert "^y Afstemning: tæl deltagernes stemmer på lærredets punkter" in keys, keys
        await pilot.press("f1")
        await until(pilot, lambda: getattr(app.screen, "CANVAS", None) == "business_case",
                    "closed by F1 again")
        await pilot.press("ctrl+q")


async def test_a_canvas_footer_keeps_its_keys_in_order_as_the_focus_moves(examples: Path) -> None:
    """Tab through a whole canvas: the footer's keys stay in the same order (a field that
    binds ctrl+d itself moved "^d Beslutning" to the front), the decision log's own key
    after them; read-only, the keys that work all fit at 80 columns ("^q A" before); at 50
    columns F1 still shows."""
    from tests.test_keys_land import open_canvas

    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await open_canvas(pilot, "business_case")
        first = footer(app).strip()
        assert first.startswith("F1 Taster ^n Næste ^g Gå til ^d Beslutning"), first
        assert first.endswith("^q Afslut"), first
        for _ in range(25):
            await pilot.press("tab")
            await pilot.pause()
            line = footer(app).strip()
            assert line.startswith(first), (first, line)  # the log's own key after them
        await pilot.press("ctrl+q")
    app = WorkshopApp(sessions_dir=examples, open_path=path, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await open_canvas(pilot, "business_case")
        await until(pilot, lambda: footer(app).strip().endswith("^q Afslut"),
                    lambda: f"the read-only footer whole: {footer(app)!r}")
        assert "^e Redigér" in footer(app) and "^d" not in footer(app)
        await pilot.press("ctrl+q")
    # In a narrow window F1 still shows (first), and the palette key stands clear (a letter
    # of the key under it showed after it: "^p paleti").
    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=(50, 24)) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "BrowserScreen"
                    and "F1 Taster" in footer(app), "the list's footer")
        assert footer(app).startswith("F1 Taster") and footer(app).endswith("^p palet "), \
            footer(app)
        await pilot.press("q")


async def test_at_40_columns_the_units_table_scrolls_sideways_to_every_column(
        examples: Path) -> None:
    """At 40x12 the units' table has no room for all four percentages: → in the table
    scrolls its columns (header and rows together) to the third and fourth, ← back. The
    units' names stay; the header's "›" and "‹" say there are more columns that way."""
    from dtworkshop.ui.widgets.long_table import LongTable
    from tests.test_record_list import focus_by_tab, open_portfolio
    from tests.test_review_screens import screen_lines

    def header() -> str:
        return next((line for line in screen_lines(app) if "Forvaltning " in line
                     and "Forvaltning A" not in line), "")

    app = WorkshopApp(sessions_dir=examples, open_path=examples / PORTFOLIO)
    async with app.run_test(size=(40, 12)) as pilot:
        units = await open_portfolio(pilot)
        table = units.query_one(LongTable)
        await focus_by_tab(pilot, table, "the units' table")
        await until(pilot, lambda: table.region.height and "Effekt" in header(),
                    "the table's header in view")
        assert "Gent.f" not in header()
        assert header().rstrip().endswith("›") and "‹" not in header(), header()
        await pilot.press("right", "right")  # a column at a time: the third and fourth
        await until(pilot, lambda: "Gent.f" in header(),
                    lambda: "the fourth column:\n" + "\n".join(screen_lines(app)))
        assert "Effekt" not in header() and "‹" in header(), header()  # scrolled, not squeezed
        assert any("Forvaltning A" in line for line in screen_lines(app))  # the name stays
        assert app.focused is table
        await pilot.press("left", "left")
        await until(pilot, lambda: "Effekt" in header() and "‹" not in header(),
                    "back to the start")
        # F1 says so, and what the list's other keys do.
        from dtworkshop.ui.screens.keys import KeysScreen, keys_of

        said = dict((what, keys) for keys, what in keys_of(app.screen))
        assert said.get("Kolonner til højre") == "→" and said.get("Tilføj") == "+", said
        assert said.get("Fjern") == "del" and said.get("Ind i felterne") == "⏎", said
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, KeysScreen), "the keys")
        await pilot.press("escape")
        await pilot.press("ctrl+q")


async def test_a_dialog_shows_its_own_keys_not_the_screens_behind_it(examples: Path) -> None:
    """The new-session dialog's footer is its own ("F1 Taster esc Luk"): the list's footer
    behind it showed "n Ny session" and "q Afslut", which do nothing there (said in three
    walks). So is the decision dialog's."""
    app = WorkshopApp(sessions_dir=examples, open_path=examples / PORTFOLIO)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "l", "BrowserScreen")
        await until(pilot, lambda: "n Ny session" in footer(app), lambda: footer(app))
        await pilot.press("n")
        await until(pilot, lambda: type(app.screen).__name__ == "NewSessionScreen"
                    and "esc Luk" in footer(app), lambda: footer(app))
        assert footer(app).startswith("F1 Taster") and "Ny session" not in footer(app)
        await pilot.press("escape")
        await until(pilot, lambda: type(app.screen).__name__ == "BrowserScreen", "closed")
        await pilot.press("enter")
        await until(pilot, lambda: getattr(app.screen, "CANVAS", None) is not None, "a canvas")
        await settled(pilot)
        await pilot.press("ctrl+d")
        await until(pilot, lambda: type(app.screen).__name__ == "DecisionScreen"
                    and "esc Luk" in footer(app), lambda: footer(app))
        assert "^n Næste" not in footer(app)
        await pilot.press("escape")
        await pilot.press("ctrl+q")


async def test_a_warning_out_of_sight_does_not_move_the_field_being_typed_in(
        examples: Path) -> None:
    """At 80x24, typing a unit's last percentage far down the portfolio: the sum warning
    that comes (out of sight, above) does not move the field on the screen, nor does it
    going again. Every line in view jumped by the warning's height (said in three walks)."""
    from dtworkshop.ui.widgets.fields import NumberField
    from tests.test_record_list import focus_by_tab, open_portfolio

    app = WorkshopApp(sessions_dir=examples, open_path=examples / PORTFOLIO)
    async with app.run_test(size=SIZE) as pilot:
        from dtworkshop.ui.widgets.long_table import LongTable

        units = await open_portfolio(pilot)
        table = units.query_one(LongTable)
        await focus_by_tab(pilot, table, "the units' table")
        await pilot.press("down")  # Forvaltning B: 50 36 6 8, a sum of 100
        await until(pilot, lambda: units.selected_item.name == "Forvaltning B"
                    and [f.value for f in units.query(NumberField)][:4] == ["50", "36", "6", "8"],
                    "Forvaltning B's fields")
        last = list(units.query(NumberField))[3]
        await focus_by_tab(pilot, last, "the fourth percentage")
        await settled(pilot)
        body = app.screen.query_one("#canvas-body")
        warnings = app.screen.query_one("#warnings")
        assert body.scroll_y > 0 and warnings.region.bottom <= body.region.y, "out of sight"
        row, lines = last.region.y, len(str(warnings.render()).splitlines())
        await pilot.press("end", "0")  # 8 → 80: a sum of 172, one more warning
        await until(pilot, lambda: len(str(warnings.render()).splitlines()) > lines,
                    "the sum warned")
        await settled(pilot)
        assert last.region.y == row, (row, last.region.y)
        await pilot.press("backspace")  # back to 8: the warning goes
        await until(pilot, lambda: len(str(warnings.render()).splitlines()) == lines,
                    "the warning gone")
        await settled(pilot)
        assert last.region.y == row, (row, last.region.y)
        await pilot.press("ctrl+q")
