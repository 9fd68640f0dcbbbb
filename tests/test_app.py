"""The real app driven with Textual's Pilot: create a session, work through the seven
canvases with the keyboard, record decisions, quit, reopen, and read the TOML it wrote."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from textual import events
from textual.widgets import DataTable, Input, Select, Static, TextArea

from dtworkshop.ui.widgets.long_table import LongTable

from dtworkshop.core.canvases import CANVAS_KEYS
from dtworkshop.core.labels import MISSING, Labels
import pytest

from dtworkshop.storage import read_session, save_session
from dtworkshop.ui.app import WorkshopApp
from dtworkshop.ui.canvases import SCREENS
from dtworkshop.ui.canvases.base import CanvasScreen
from dtworkshop.ui.screens.dialogs import CANVAS_HOTKEY

from tests.conftest import EXAMPLES, settled, until

SIZE = (80, 24)


def only_file(folder: Path) -> Path:
    files = sorted(folder.glob("*.toml"))
    assert len(files) == 1, files
    return files[0]


def read(path: Path) -> dict:
    return tomllib.loads(path.read_text("utf-8"))


def shown(widget: Static) -> str:
    """The plain text a Static shows."""
    return str(widget.render())


def screen_lines_of(widget) -> str:
    """The text `widget` draws on the screen, its lines joined (also for a rich table)."""
    return "\n".join(strip.text for strip in widget.render_lines(widget.region.reset_offset))


async def type_into(pilot, selector: str, text: str) -> None:
    """Focus the field `selector` and type `text` key by key, as a fast facilitator would
    (the keys of a word arrive together), then wait until the field holds it."""
    app = pilot.app
    await until(pilot, lambda: not app.keys_held and app.screen.query(selector),
                f"{selector} on the screen")
    widget = app.screen.query_one(selector)
    widget.focus()
    await until(pilot, lambda: app.screen.focused is widget, f"{selector} focused")

    def held() -> str:
        return getattr(widget, "value", None) or getattr(widget, "text", "")

    before = held()
    burst(app, [*text])
    await until(pilot, lambda: held() == before + text, f"{text!r} in {selector}")


async def choose(pilot, selector: str, steps: int) -> None:
    """Open the Select `selector` with Enter, move down `steps` options, Enter."""
    app = pilot.app
    await until(pilot, lambda: not app.keys_held and app.screen.query(selector),
                f"{selector} on the screen")
    app.screen.query_one(selector).focus()
    await pilot.pause()
    await pilot.press("enter", *["down"] * steps, "enter")
    await pilot.pause()


async def on_canvas_saved(pilot, canvas: str) -> None:
    """ctrl+g to `canvas` (a key in CANVAS_KEYS), then wait until it is shown, its field
    focused, and the move to it is written to the file."""
    app = pilot.app
    await pilot.press("ctrl+g", CANVAS_HOTKEY[canvas])
    await until(pilot, lambda: isinstance(app.screen, SCREENS[canvas])
                and app.screen.focused is not None, f"the canvas {canvas}")
    await settled(pilot)
    assert app.document.session.current == canvas and not app.document.dirty


async def add_decision(pilot, text: str, owner: str, due: str = "") -> None:
    """ctrl+d, then the decision, its owner and due date, each with Enter, typed at speed;
    returns once the decision is recorded and the dialog closed."""
    app = pilot.app
    count = len(app.document.session.decisions)
    await pilot.press("ctrl+d")
    await until(pilot, lambda: type(app.screen).__name__ == "DecisionScreen"
                and app.screen.focused is not None, "the decision dialog")
    burst(app, [*text, "enter", *owner, "enter", *due, "enter"])
    await until(pilot, lambda: type(app.screen).__name__ != "DecisionScreen"
                and len(app.document.session.decisions) == count + 1, "the decision recorded")


async def create_session(pilot, title: str, organisation: str, facilitator: str) -> None:
    """Create a session from the list; it opens on the overview, then Enter opens canvas 1."""
    await pilot.press("n")
    await pilot.pause()
    for value in (title, organisation, facilitator):
        await pilot.press(*[{" ": "space"}.get(c, c) for c in value], "enter")
    await pilot.pause()
    assert type(pilot.app.screen).__name__ == "OverviewScreen"
    await pilot.press("enter")
    await pilot.pause()


async def next_canvas(pilot, key: str) -> None:
    """ctrl+n ("Næste") until canvas `key` shows, waiting for each canvas on the way (a
    facilitator passing the canvases the team skips today)."""
    app = pilot.app
    while not isinstance(app.screen, SCREENS[key]):
        shown_now = app.screen
        assert CANVAS_KEYS.index(getattr(shown_now, "CANVAS", CANVAS_KEYS[0])) < CANVAS_KEYS.index(key)
        await pilot.press("ctrl+n")
        await until(pilot, lambda: app.screen is not shown_now and app.screen.focused is not None,
                    "the next canvas")


@pytest.mark.slow
@pytest.mark.build_ahead
async def test_whole_session_through_the_seven_canvases(tmp_path: Path) -> None:
    """Create a session, fill every canvas, decide on each, quit, reopen: all is there."""
    folder = tmp_path / "sessions"
    app = WorkshopApp(sessions_dir=folder)
    async with app.run_test(size=SIZE) as pilot:
        await create_session(pilot, "Strategidag æøå [bold]Anne", "Egedal Kommune", "Søren")
        assert isinstance(app.screen, SCREENS["business_case"])

        # 1 Business case
        await type_into(pilot, "#note-citizen_need", "Ventetid hos lægen på Mors")
        await choose(pilot, "#fit-citizen_need", 5)  # blank, 1..5 → 5
        await choose(pilot, "#verdict", 1)  # green
        await add_decision(pilot, "Grønt lys til testforløb", "Kommunaldirektør", "2027-01-31")
        # 2 Double diamond
        await next_canvas(pilot, "double_diamond")
        await type_into(pilot, "#needs", "Kortere ventetid")
        await type_into(pilot, "#problem_statement", "For langt til lægen")
        await type_into(pilot, "#ideas", "Digital lægeklinik")
        await add_decision(pilot, "Test med ældre borgere", "Sundhedschef")
        # 3 Portfolio: add a unit with the "+" button, type its split
        await next_canvas(pilot, "portfolio")
        add = app.screen.query_one("#units .add")
        add.focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"Forvaltning", "space", "A", "enter")  # name → goal
        await pilot.press(*"Gentænk", "enter")  # goal → first percentage
        for value in ("20", "44", "21", "20"):
            await pilot.press(*value, "enter")
        await add_decision(pilot, "Forvaltning A går forrest", "Direktionen")
        # 4 Story fish
        await next_canvas(pilot, "story_fish")
        await type_into(pilot, "#hero", "Medarbejderen i hjemmeplejen")
        await type_into(pilot, "#head", "Mere tid til borgeren")
        await choose(pilot, "#paradigm", 3)  # values
        await add_decision(pilot, "Fortællingen testes på MED-udvalget", "HR")
        # 5 Organisation forms
        await next_canvas(pilot, "organisation_forms")
        await type_into(pilot, "#hierarchical", "30")
        await type_into(pilot, "#matrix", "40")
        await type_into(pilot, "#network", "30")
        await add_decision(pilot, "Centerstruktur i borgerservice", "Direktør")
        # 6 Actor pentagon
        await next_canvas(pilot, "actor_pentagon")
        await type_into(pilot, "#citizen-who", "Pårørende")
        await choose(pilot, "#citizen-involvement", 3)  # involve
        await type_into(pilot, "#scope", "Booking af ét møde")
        await add_decision(pilot, "Borgerpanel nedsættes", "Udviklingschef")
        # 7 Political scenarios
        await next_canvas(pilot, "political")
        await choose(pilot, "#scenario", 2)  # passivity
        await choose(pilot, "#innovation", 3)  # rethink_services
        await type_into(pilot, "#actions", "Studietur")
        await add_decision(pilot, "Studietur i foråret", "Borgmester")
        await pilot.press("ctrl+q")

    data = read(only_file(folder))
    assert data["title"] == "Strategidag æøå [bold]Anne"
    assert data["organisation"] == "Egedal Kommune"
    assert data["current"] == "political"
    bc = data["business_case"]
    assert bc["perspectives"]["citizen_need"] == {"note": "Ventetid hos lægen på Mors", "fit": 5}
    assert bc["verdict"] == "green"
    assert data["double_diamond"]["needs"] == ["Kortere ventetid"]
    assert data["double_diamond"]["problem_statement"] == "For langt til lægen"
    assert data["double_diamond"]["ideas"] == ["Digital lægeklinik"]
    assert data["portfolio"]["units"] == [
        {"name": "Forvaltning A", "goal": "Gentænk", "streamline": 20, "modernise": 44,
         "rethink_services": 21, "rethink_business": 20}
    ]
    assert data["story_fish"]["hero"] == "Medarbejderen i hjemmeplejen"
    assert data["story_fish"]["head"] == "Mere tid til borgeren"
    assert data["story_fish"]["paradigm"] == "values"
    assert data["organisation_forms"] == {"hierarchical": 30, "matrix": 40, "network": 30}
    assert data["actor_pentagon"]["citizen"] == {"who": "Pårørende", "involvement": "involve"}
    assert data["actor_pentagon"]["scope"] == ["Booking af ét møde"]
    assert data["political"] == {"scenario": "passivity", "innovation": "rethink_services",
                                 "actions": ["Studietur"]}
    decisions = data["decisions"]
    assert [d["canvas"] for d in decisions] == [  # the seven it went through, in order
        "business_case", "double_diamond", "portfolio", "story_fish", "organisation_forms",
        "actor_pentagon", "political"]
    assert decisions[0]["text"] == "Grønt lys til testforløb"
    assert decisions[0]["owner"] == "Kommunaldirektør"
    assert decisions[0]["due"] == dt.date(2027, 1, 31)
    assert isinstance(decisions[0]["made"], dt.datetime) and decisions[0]["made"].tzinfo
    assert "due" not in decisions[1]

    # Reopen: it resumes on the canvas it was left on, with everything in place.
    path = only_file(folder)
    app = WorkshopApp(sessions_dir=folder, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SCREENS["political"])
        assert app.screen.query_one("#actions", TextArea).text == "Studietur"
        assert app.screen.query_one("#scenario", Select).value == "passivity"
        log = app.screen.query_one("#decisions", DataTable)
        assert log.row_count == 1
        assert "Studietur i foråret" in str(log.get_row_at(0)[0])
        await pilot.press("ctrl+g", CANVAS_HOTKEY["portfolio"])
        await pilot.pause()
        assert isinstance(app.screen, SCREENS["portfolio"])
        numbers = [i.value for i in app.screen.query("#units Input.percent")]
        assert numbers == ["20", "44", "21", "20"]
        await pilot.press("ctrl+q")
    assert read(path)["current"] == "portfolio"


async def test_edits_are_saved_without_asking(tmp_path: Path, examples: Path) -> None:
    """A change reaches the file shortly after typing, with no save command and no quit."""
    path = examples / "2026-11-30-region-nordjylland-mors.toml"
    before = read_session(path)
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["story_fish"])
        await pilot.pause()
        await type_into(pilot, "#hero", " og lægen")
        await settled(pilot)  # no save command, no quit: the app saved on its own
        on_disk = read_session(path)
        assert on_disk.story_fish.hero == (before.story_fish.hero if before.story_fish else "") + " og lægen"
        assert on_disk.current == "story_fish"
        assert on_disk.updated != before.updated
        assert abs(on_disk.updated - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(minutes=1)
        status = shown(app.screen.query_one("#session-bar"))
        assert "Gemt" in status


async def test_looking_without_editing_changes_nothing(examples: Path) -> None:
    """Opening a session and quitting on the same canvas leaves the file byte for byte."""
    path = examples / "2026-12-07-ringkoebing-skjern-portefoelje.toml"
    before = path.read_bytes()
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
    assert path.read_bytes() == before


async def test_user_text_is_shown_literally(tmp_path: Path) -> None:
    """Markup typed as a title or a decision is text: shown as typed, never interpreted."""
    folder = tmp_path / "s"
    app = WorkshopApp(sessions_dir=folder)
    async with app.run_test(size=SIZE) as pilot:
        await create_session(pilot, "[@click=app.quit]Bob[/] Retro [/] Q3", "[red]Rød", "x")
        bar = shown(app.screen.query_one("#session-bar"))
        assert "[@click=app.quit]Bob[/] Retro [/] Q3" in bar
        assert "[red]Rød" in bar
        await add_decision(pilot, "[bold]Anne ejer den", "[i]Bo")
        row = app.screen.query_one("#decisions", DataTable).get_row_at(0)
        assert str(row[0]) == "[bold]Anne ejer den"
        assert str(row[1]) == "[i]Bo"
        await pilot.click("#session-bar")
        await pilot.press("ctrl+q")
    data = read(only_file(folder))
    assert data["decisions"][0]["text"] == "[bold]Anne ejer den"


async def test_session_list_shows_bad_files_and_opens_good_ones(examples: Path) -> None:
    bad = examples / "broken.toml"
    bad.write_text('format = 1\nid = "broken"\ntitle = "x\n', encoding="utf-8")
    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#sessions", LongTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows[-1][0] == "broken.toml"
        assert rows[-1][1] == "Fejl"
        title = shown(app.screen.query_one("#title-bar"))
        assert "4 sessioner · 1 kan ikke læses" in title
        assert len(rows) == len(list(examples.glob("*.toml")))
        table.move_cursor(row=table.row_count - 1)
        await until(pilot, lambda: "broken.toml:3:" in shown(app.screen.query_one("#detail")),
                    "the bad file's reason under the list")
        await pilot.press("enter")  # a bad file does not open: its reason is said
        await until(pilot, lambda: any("broken.toml:3:" in str(n.message)
                                       for n in app._notifications), "the reason said")
        assert not isinstance(app.screen, CanvasScreen)
        table.move_cursor(row=0)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CanvasScreen), "the good file opened")
    assert bad.read_text(encoding="utf-8") == 'format = 1\nid = "broken"\ntitle = "x\n'


async def test_portfolio_warns_on_105_and_redraws(examples: Path) -> None:
    """The source's example: Forvaltning A adds up to 105 (warned), B to 100 (not)."""
    path = examples / "2026-12-07-ringkoebing-skjern-portefoelje.toml"
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["portfolio"])
        await pilot.pause()
        warnings = app.screen.query_one("#warnings", Static)
        assert "105" in shown(warnings)
        assert "Forvaltning B" not in shown(warnings)
        first = app.screen.query("#units Input.percent").first(Input)
        first.focus()
        await pilot.press("end", "backspace", "backspace", "1", "5")
        await settled(pilot)
        assert not warnings.display
        await pilot.press("ctrl+q")
    assert read(path)["portfolio"]["units"][0]["streamline"] == 15


async def test_decisions_can_be_edited_and_deleted(examples: Path) -> None:
    path = examples / "2026-11-30-region-nordjylland-mors.toml"
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["business_case"])
        await pilot.pause()
        before = len(app.document.session.decisions_on("business_case"))
        await add_decision(pilot, "Ny beslutning", "Anne", "2027-02-28")
        log = app.screen.query_one("#decisions", DataTable)
        assert log.row_count == before + 1
        log.focus()
        log.move_cursor(row=log.row_count - 1)
        await pilot.press("enter")  # edit
        await pilot.pause()
        await pilot.press("end", "!", "enter", "enter", "enter")
        await pilot.pause()
        assert "Ny beslutning!" in str(log.get_row_at(log.row_count - 1)[0])
        assert read(path)["decisions"][-1]["text"] == "Ny beslutning!" or app.document.dirty
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("enter")  # the question starts on "no": nothing is deleted
        await pilot.pause()
        assert log.row_count == before + 1
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("shift+tab", "enter")  # "yes"
        await pilot.pause()
        assert log.row_count == before
        await pilot.press("ctrl+q")
    texts = [d["text"] for d in read(path)["decisions"]]
    assert "Ny beslutning!" not in texts
    assert len(texts) == len(read_session(path).decisions)


async def test_session_details_participants_and_language(examples: Path) -> None:
    """Who is in the room is recorded; switching the language relabels the app at once."""
    path = examples / "2026-12-14-egedal-et-kontaktpunkt.toml"
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "s")
        await pilot.pause()
        count = len(app.document.session.participants)
        app.screen.query_one("#participants .add").focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"Åse", "enter", *"Borgmester")
        await choose(pilot, "#language", 1)  # from Dansk down to English
        assert "Session details" in shown(app.screen.query_one(".canvas-title"))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CanvasScreen)
        assert "Next" in [b.description for b in app.screen._bindings.key_to_bindings["ctrl+n"]]
        assert app.screen.t.language == "en"
        await pilot.press("ctrl+q")
    data = read(path)
    assert data["language"] == "en"
    assert len(data["participants"]) == count + 1
    assert data["participants"][-1] == {"name": "Åse", "role": "Borgmester"}


async def test_enter_or_tab_through_a_record_never_removes_it(examples: Path) -> None:
    """Enter walks a unit's fields and stops on "+" (where one more Enter would add the next
    unit); so does Tab: the ✕ is out of the Tab order, for the mouse (a Tab after the last
    percentage landed on it, whose Enter asked to remove the unit just typed: issue 16).
    From the keys, Delete in the table removes, after asking."""
    from dtworkshop.ui.widgets.long_table import LongTable

    path = examples / "2026-12-07-ringkoebing-skjern-portefoelje.toml"
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["portfolio"])
        await pilot.pause()
        units = len(app.document.session.portfolio.units)
        add = app.screen.query_one("#units .add")
        app.screen.query("#units Input").first().focus()
        await pilot.press(*["enter"] * 6)  # name, goal, four percentages
        await until(pilot, lambda: app.screen.focused is add,
                    "the focus on + after the unit's last field")
        app.screen.query("#units Input").first().focus()
        await pilot.press(*["tab"] * 6)
        await until(pilot, lambda: app.screen.focused is add,
                    lambda: f"Tab from the last percentage onto +, not {app.screen.focused}")
        assert len(app.document.session.portfolio.units) == units
        table = app.screen.query_one("#units LongTable", LongTable)
        table.focus()
        await until(pilot, lambda: app.screen.focused is table, "the units' table")
        await pilot.press("delete")
        await until(pilot, lambda: type(app.screen).__name__ == "ConfirmScreen", "asked")
        await pilot.press("enter")  # "no" is focused first
        await until(pilot, lambda: app.screen.focused is table, "back in the table")
        assert len(app.document.session.portfolio.units) == units
        await pilot.press("delete")
        await until(pilot, lambda: type(app.screen).__name__ == "ConfirmScreen", "asked")
        await pilot.press("shift+tab", "enter")
        await until(pilot, lambda: [u.name for u in app.document.session.portfolio.units]
                    == ["Forvaltning B"], "the unit removed")
        await pilot.press("ctrl+q")
    assert [u["name"] for u in read(path)["portfolio"]["units"]] == ["Forvaltning B"]


async def test_every_canvas_draws_its_chart_and_redraws_on_resize(examples: Path) -> None:
    """Each canvas with numbers draws them at 80x24; a resize redraws at the new size."""
    path = examples / "2026-12-07-ringkoebing-skjern-portefoelje.toml"
    expected = {  # a word each chart must show, from the example's own data
        "business_case": None,  # not visited in this example: no chart data, still no crash
        "double_diamond": None,
        "portfolio": "A",
        "organisation_forms": "Matrix og centre",
        "actor_pentagon": "Medarbejder",
        "political": "Her er I",
    }
    from tests.test_keys_land import open_canvas

    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        for key, word in expected.items():
            # Waited for, not a pause: under load the go-to menu was still showing.
            await open_canvas(pilot, key)
            plot = app.screen.query_one("#chart").plot
            lines = plot.render().plain.splitlines()
            assert len(lines) == plot.size.height and plot.size.width >= 60
            if word:
                assert word in plot.render().plain, key
        legend = None
        await open_canvas(pilot, "portfolio")
        body = app.screen.query_one("#canvas-body")
        chart = app.screen.query_one("#chart")
        assert chart.region.y >= body.region.bottom  # below the fields at 80x24
        await pilot.press("ctrl+o")  # one key brings it into view
        await until(pilot, lambda: body.region.y <= chart.region.y < body.region.bottom,
                    "the chart in view")
        legend = str(app.screen.query_one("#chart .legend").render())
        assert "Effektiviser processer" in legend and "Gentænk din" in legend
        before = app.screen.query_one("#chart").plot.size
        await pilot.resize_terminal(140, 40)
        plot = app.screen.query_one("#chart").plot
        await until(pilot, lambda: plot.size != before and app.screen.has_class("-wide"),
                    "the chart laid out anew")
        await settled(pilot)
        assert len(plot.render().plain.splitlines()) == plot.size.height
        assert app.screen.has_class("-wide")
        await pilot.press("ctrl+q")


def burst(app: WorkshopApp, keys: list[str]) -> None:
    """Deliver `keys` to the app at once, as a slow SSH link delivers what was typed ahead."""
    for key in keys:
        if len(key) == 1:
            app.post_message(events.Key({" ": "space"}.get(key, key), key))
        else:
            app.post_message(events.Key(key, None))


@pytest.mark.build_ahead
async def test_keys_typed_ahead_through_screen_changes_land_where_meant(examples: Path) -> None:
    """Typed ahead across canvas switches and dialogs, every key lands in its field."""
    path = examples / "2026-12-07-ringkoebing-skjern-portefoelje.toml"
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, ["ctrl+g", CANVAS_HOTKEY["story_fish"], *"abc æøå", "tab", *"def",
                    "ctrl+d", *"Beslutning x", "enter", *"Bo", "enter", "enter",
                    "ctrl+n", "ctrl+g", CANVAS_HOTKEY["business_case"], *"Problem"])
        await until(pilot, lambda: getattr(app.document.session.business_case, "problem", "")
                    == "Problem",
                    "the last keys of the burst in the business case's problem")
        session = app.document.session
        assert session.story_fish.hero.endswith("abc æøå")
        assert session.story_fish.head.endswith("def")
        assert session.decisions[-1].text == "Beslutning x"
        assert session.decisions[-1].owner == "Bo"
        assert session.decisions[-1].canvas == "story_fish"
        assert session.business_case.problem == "Problem"
        await pilot.press("ctrl+q")
    assert read(path)["business_case"]["problem"] == "Problem"


async def test_go_to_menu_appears_after_a_pause(examples: Path) -> None:
    path = examples / "2026-12-07-ringkoebing-skjern-portefoelje.toml"
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g")
        await until(pilot, lambda: type(app.screen).__name__ == "GoToScreen", "the go-to menu")
        assert app.document.session.current == "political"
        await pilot.press("up", "enter")  # the menu starts on the current canvas
        await until(pilot, lambda: isinstance(app.screen, SCREENS["actor_pentagon"]),
                    "the canvas before the current one")
        await pilot.press("ctrl+g", "l")
        await until(pilot, lambda: type(app.screen).__name__ == "BrowserScreen"
                    and app.document is None and app.screen.listings
                    and app.screen.listings[app.screen.query_one("#sessions", LongTable).cursor_row].path
                    == path, "the session list, on the session just left")
        table = app.screen.query_one("#sessions", LongTable)
        assert table.row_count == len(list(EXAMPLES.glob("*.toml")))


async def test_overview_shows_status_and_warnings_and_opens_canvases(examples: Path) -> None:
    """The overview model: each canvas's status and warnings; Enter opens a canvas."""
    path = examples / "2026-12-07-ringkoebing-skjern-portefoelje.toml"
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "0")  # typed ahead while the session opens: shown once up
        await until(pilot, lambda: type(app.screen).__name__ == "OverviewScreen", "the overview")
        table = app.screen.query_one("#canvases", DataTable)
        rows = {str(table.get_row_at(i)[1]): [str(c) for c in table.get_row_at(i)]
                for i in range(table.row_count)}
        assert rows["Businesscase-modellen"][3] == "Ikke startet"
        assert rows["Porteføljemodellen"][3] == "Besluttet"
        assert rows["Porteføljemodellen"][4] == "1"
        assert rows["Organisations- og arbejdsformer"][3] == "I gang"
        assert "105" in shown(app.screen.query_one("#overview-warnings"))
        advices = shown(app.screen.query_one("#advices"))
        assert "Stil de \"dumme\" spørgsmål" in advices and "Brug din politiske ledelse" in advices
        assert "Situationsanalyse" in shown(app.screen.query_one("#phases"))
        table.move_cursor(row=CANVAS_KEYS.index("organisation_forms"))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SCREENS["organisation_forms"]),
                    "the canvas Enter opened")
        await pilot.press("ctrl+q")
    assert read(path)["current"] == "organisation_forms"


async def test_guidance_in_both_languages_and_hidden_with_one_key(examples: Path) -> None:
    path = examples / "2026-12-07-ringkoebing-skjern-portefoelje.toml"
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["portfolio"])
        await until(pilot, lambda: isinstance(app.screen, SCREENS["portfolio"]), "canvas 3")
        guide = app.screen.query_one("#guide")
        assert guide.display
        assert Labels("da")("guide.portfolio.questions").strip().splitlines()[0] in shown(guide)
        hint = shown(app.screen.query_one("#hint-rollout"))
        assert Labels("da")("guide.portfolio.rollout.spearheads.pros") in hint  # the chosen rollout
        figure = app.screen.query_one("#rollout-figure")
        assert "▶ Spydspidsprojekter" in screen_lines_of(figure)  # the source's 2×2, marked
        assert "Samlet proces" in screen_lines_of(figure)
        await pilot.press("ctrl+t")
        await until(pilot, lambda: not guide.display and not app.screen.query_one("#hint-rollout").display
                    and not figure.display, "the guidance hidden, the figure with it")
        await pilot.press("ctrl+g", CANVAS_HOTKEY["business_case"])
        await until(pilot, lambda: isinstance(app.screen, SCREENS["business_case"]), "canvas 1")
        assert not app.screen.query_one("#guide").display  # hidden on every canvas
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.screen.query_one("#guide").display
        await pilot.press("ctrl+g", "s")
        await until(pilot, lambda: type(app.screen).__name__ == "DetailsScreen", "the details")
        await choose(pilot, "#language", 1)
        await pilot.press("ctrl+g", CANVAS_HOTKEY["business_case"])
        await until(pilot, lambda: isinstance(app.screen, SCREENS["business_case"]), "canvas 1")
        english = Labels("en")("guide.business_case.questions").strip().splitlines()[0]
        assert english in shown(app.screen.query_one("#guide"))
        await pilot.press("ctrl+q")


async def test_lang_sets_the_language_of_new_sessions(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    app = WorkshopApp(sessions_dir=folder, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await create_session(pilot, "Strategy day", "Egedal", "Ann")
        assert "Business case model" in shown(app.screen.query_one(".canvas-title"))
        await pilot.press("ctrl+q")
    assert read(only_file(folder))["language"] == "en"


@pytest.mark.slow
@pytest.mark.parametrize("language", ["da", "en"])
async def test_every_screen_finds_all_its_words(examples: Path, language: str) -> None:
    """Every screen and dialog, in both languages, asks only for labels that exist."""
    path = examples / "2026-12-07-ringkoebing-skjern-portefoelje.toml"
    session = read_session(path)
    session.language = language
    save_session(session, path)
    MISSING.clear()
    app = WorkshopApp(sessions_dir=examples, open_path=path, language=language)
    async with app.run_test(size=SIZE) as pilot:
        for key, name in (("0", "OverviewScreen"), ("s", "DetailsScreen"),
                          *[(CANVAS_HOTKEY[k], SCREENS[k].__name__) for k in CANVAS_KEYS]):
            await pilot.press("ctrl+g", key)
            await until(pilot, lambda: type(app.screen).__name__ == name, name)
            if isinstance(app.screen, CanvasScreen):
                await pilot.press("ctrl+d")
                await until(pilot, lambda: type(app.screen).__name__ == "DecisionScreen",
                            "the decision dialog")
                await pilot.press("escape")
                await until(pilot, lambda: type(app.screen).__name__ == name, name)
        await pilot.press("ctrl+g")
        await until(pilot, lambda: type(app.screen).__name__ == "GoToScreen", "the go-to menu")
        await pilot.press("escape", "ctrl+g", "l")
        await until(pilot, lambda: type(app.screen).__name__ == "BrowserScreen", "the list")
        await pilot.press("n")
        await until(pilot, lambda: type(app.screen).__name__ == "NewSessionScreen",
                    "the new session dialog")
        await pilot.press("escape")
    assert MISSING == set()


def test_every_canvas_has_a_screen() -> None:
    assert list(SCREENS) == list(CANVAS_KEYS)


async def edit_after_someone_else(examples: Path) -> tuple[WorkshopApp, Path]:
    """Open a session, let 'someone else' change its title on disk, then type on canvas 4."""
    path = examples / "2026-11-30-region-nordjylland-mors.toml"
    return WorkshopApp(sessions_dir=examples, open_path=path), path


async def test_a_file_changed_on_disk_is_never_overwritten_keep_mine(examples: Path) -> None:
    app, path = await edit_after_someone_else(examples)
    async with app.run_test(size=SIZE) as pilot:
        await on_canvas_saved(pilot, "story_fish")
        theirs = path.read_text("utf-8").replace("Digital lægeklinik på Mors", "Deres titel")
        path.write_text(theirs, encoding="utf-8")
        await type_into(pilot, "#hero", " og min tekst")
        # Asked, not overwritten, once the typing has paused.
        await until(pilot, lambda: type(app.screen).__name__ == "ConfirmScreen", "the question")
        assert path.read_text("utf-8") == theirs
        await pilot.press("shift+tab", "enter")  # keep mine
        await pilot.pause()
        await pilot.press("ctrl+q")
    assert read_session(path).story_fish.hero.endswith(" og min tekst")
    kept = list(examples.glob(f".{path.name}.theirs-*"))
    assert len(kept) == 1 and kept[0].read_text("utf-8") == theirs
    examples_count = len(list(EXAMPLES.glob("*.toml")))
    assert len(list(examples.glob("*.toml"))) == examples_count  # the kept one is no session


async def test_a_file_changed_on_disk_is_never_overwritten_take_theirs(examples: Path) -> None:
    app, path = await edit_after_someone_else(examples)
    async with app.run_test(size=SIZE) as pilot:
        await on_canvas_saved(pilot, "story_fish")
        theirs = path.read_text("utf-8").replace("Digital lægeklinik på Mors", "Deres titel")
        path.write_text(theirs, encoding="utf-8")
        await type_into(pilot, "#hero", " og min tekst")
        await until(pilot, lambda: type(app.screen).__name__ == "ConfirmScreen", "the question")
        await pilot.press("enter")  # "take the file's" is the default
        await pilot.pause()
        assert app.document.session.title == "Deres titel"
        assert "Deres titel" in shown(app.screen.query_one("#session-bar"))
        await pilot.press("ctrl+q")
    assert read_session(path).title == "Deres titel"
    mine = list(examples.glob(f".{path.name}.mine-*"))
    assert len(mine) == 1 and " og min tekst" in mine[0].read_text("utf-8")


async def test_quitting_after_a_failed_save_asks_first(examples: Path, monkeypatch) -> None:
    """When neither the file nor a copy beside it can be written (a full or read-only
    folder), ctrl+q asks before anything typed is thrown away; staying keeps it in memory."""
    import dtworkshop.document as document

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    path = examples / "2026-11-30-region-nordjylland-mors.toml"
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await on_canvas_saved(pilot, "story_fish")
        before = path.read_bytes()
        monkeypatch.setattr(document, "save_session", disk_full)
        monkeypatch.setattr(document, "write_atomic", disk_full)
        await type_into(pilot, "#hero", " æøå")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert type(app.screen).__name__ == "ChoiceScreen"
        # The system's reason in the session's language (issue 14), not its English.
        assert "Der er ikke mere plads på disken" in str(app.screen.query_one("Label").render())
        await pilot.press("enter")  # "stay" is the default
        await pilot.pause()
        assert app.is_running and app.document.session.story_fish.hero.endswith(" æøå")
        assert path.read_bytes() == before  # nothing half-written
        monkeypatch.undo()
        await pilot.press("ctrl+q")
    assert read_session(path).story_fish.hero.endswith(" æøå")


@pytest.mark.slow
@pytest.mark.build_ahead
async def test_canvases_built_ahead_stay_out_of_the_file_until_shown(tmp_path: Path) -> None:
    """While the keys pause, the canvases not shown yet are built ahead; a canvas nobody
    looked at stays out of the file, and one built ahead takes typing once shown."""
    app = WorkshopApp(sessions_dir=tmp_path / "sessions")
    async with app.run_test(size=SIZE) as pilot:
        await create_session(pilot, "Forår", "Ærø Kommune", "Åse Æbelø")  # on canvas 1
        path = app.document.path
        await until(pilot, lambda: all(app.is_screen_installed(f"canvas-{key}")
                                       and app.get_screen(f"canvas-{key}").is_running
                                       for key in CANVAS_KEYS), "every canvas built ahead")
        await settled(pilot)
        assert {key for key in CANVAS_KEYS if key in read(path)} <= {"business_case"}
        await pilot.press("ctrl+g", CANVAS_HOTKEY["story_fish"])
        await until(pilot, lambda: getattr(app.screen, "CANVAS", None) == "story_fish"
                    and isinstance(app.focused, Input), "the story fish shown, a field focused")
        await pilot.press(*"Camilla")
        await pilot.press("ctrl+q")
    saved = read(path)
    assert saved["story_fish"]["hero"] == "Camilla"
    assert [key for key in CANVAS_KEYS if key in saved] == ["business_case", "story_fish"]


async def top_of_canvas(pilot) -> list[str]:
    """The canvas showing, scrolled to its top, as the lines of text it draws."""
    pilot.app.screen.query_one("#canvas-body").scroll_home(animate=False)
    await pilot.pause()
    return screen_text(pilot.app)


def screen_text(app: WorkshopApp) -> list[str]:
    """The screen showing, as the lines of text it draws."""
    return ["".join(s.text for s in strip).rstrip() for strip in app.screen._compositor.render_strips()]


@pytest.mark.slow
@pytest.mark.build_ahead
async def test_a_canvas_built_ahead_looks_as_one_built_when_shown(tmp_path: Path) -> None:
    """Canvases built ahead on the overview of a new session, before any canvas was shown
    (and so before the canvases' style sheets were needed), look as they do when built on
    the spot."""
    folder = tmp_path / "sessions"
    app = WorkshopApp(sessions_dir=folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        for value in ("Forår", "Ærø Kommune", "Åse"):
            await pilot.press(*value, "enter")
        await until(pilot, lambda: type(app.screen).__name__ == "OverviewScreen"
                    and all(app.is_screen_installed(f"canvas-{key}") for key in CANVAS_KEYS),
                    "every canvas built ahead from the overview")
        await pilot.press("ctrl+g", CANVAS_HOTKEY["portfolio"])
        await until(pilot, lambda: getattr(app.screen, "CANVAS", None) == "portfolio", "portfolio")
        await settled(pilot)
        ahead = await top_of_canvas(pilot)
        path = app.document.path
        await pilot.press("ctrl+q")
    app = WorkshopApp(sessions_dir=folder, open_path=path)  # opens on the portfolio: built now
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: getattr(app.screen, "CANVAS", None) == "portfolio", "portfolio")
        await settled(pilot)
        assert (await top_of_canvas(pilot))[2:] == ahead[2:]  # below the session and canvas bars
        await pilot.press("ctrl+q")


@pytest.mark.build_ahead
async def test_a_session_left_is_let_go_of(examples: Path) -> None:
    """Once every canvas is built ahead, they are kept out of the garbage collector's
    full walks (gc.freeze); a session left must still be freed, canvases and all, or
    each session opened in a day of workshops would stay in memory."""
    import gc
    import weakref

    first = examples / "2026-12-07-ringkoebing-skjern-portefoelje.toml"
    app = WorkshopApp(sessions_dir=examples, open_path=first)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app._frozen, "every canvas built ahead")
        left = [weakref.ref(app.get_screen(f"canvas-{key}")) for key in CANVAS_KEYS]
        await pilot.press("ctrl+g", "l")
        await until(pilot, lambda: type(app.screen).__name__ == "BrowserScreen", "the browser")
        await settled(pilot)

        def freed() -> bool:
            gc.collect()  # Textual removes the screens in a task of its own: wait for it
            return all(ref() is None for ref in left)

        await until(pilot, freed, "every canvas of the session left freed")
        await pilot.press("q")
