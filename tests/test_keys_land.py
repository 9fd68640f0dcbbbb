"""Every key lands where the facilitator sees it (issue 11): the real app, driven with
Textual's Pilot at 80x24, and the files it wrote."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from textual import events
from textual.widgets import Select

from dtworkshop.core.canvases import CANVAS_KEYS
from dtworkshop.ui.app import WorkshopApp
from dtworkshop.ui.canvases import SCREENS
from dtworkshop.ui.screens.dialogs import CANVAS_HOTKEY

from tests.conftest import settled, until

SIZE = (80, 24)
PORTFOLIO = "2026-12-07-ringkoebing-skjern-portefoelje.toml"


def read(path: Path) -> dict:
    return tomllib.loads(path.read_text("utf-8"))


def on(app: WorkshopApp, name: str) -> bool:
    return type(app.screen).__name__ == name


async def test_next_from_the_overview_is_the_first_canvas(examples: Path) -> None:
    """ctrl+n ("Næste") on the overview opens canvas 1, wherever the session was left."""
    path = examples / PORTFOLIO
    text = path.read_text("utf-8")
    left_on = read(path)["current"]
    path.write_text(text.replace(f'current = "{left_on}"', 'current = "story_fish"'), "utf-8")
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "0")
        await until(pilot, lambda: on(app, "OverviewScreen"), "the overview")
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, SCREENS[CANVAS_KEYS[0]]), "canvas 1")
        # On a canvas, ctrl+n still goes to the one after it.
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, SCREENS[CANVAS_KEYS[1]]), "canvas 2")
        await pilot.press("ctrl+q")


async def test_next_from_a_new_sessions_overview_is_the_first_canvas(examples: Path) -> None:
    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await until(pilot, lambda: on(app, "NewSessionScreen"), "the new-session dialog")
        await pilot.press(*"Ny", "enter", *"Egedal", "enter", *"Anne", "enter")
        await until(pilot, lambda: on(app, "OverviewScreen"), "the new session's overview")
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, SCREENS[CANVAS_KEYS[0]]), "canvas 1")
        await pilot.press("ctrl+q")


async def test_a_paste_of_several_lines_into_a_one_line_field_goes_in_whole(examples: Path) -> None:
    """Lines pasted into the session title are joined by spaces, not cut after the first."""
    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "s")
        await until(pilot, lambda: on(app, "DetailsScreen"), "the details screen")
        title = app.screen.query_one("#title")
        title.focus()
        await pilot.press("ctrl+u")  # the field emptied: the paste is all it holds
        app.post_message(events.Paste("X\r\nY\r\nZ\r\n"))
        await until(pilot, lambda: title.value == "X Y Z", "the three lines in the title")
        # Neighbours: a paste into the middle of a word, blank and indented lines, Danish.
        await pilot.press("home", "right")
        app.post_message(events.Paste("\n  æø \n\n å\n"))
        await until(pilot, lambda: title.value == "Xæø å Y Z", "the paste at the cursor")
        await pilot.press("end")
        app.post_message(events.Paste("\tT\tU"))  # a tab is a space in one line
        await until(pilot, lambda: title.value == "Xæø å Y Z T U", "the tabs as spaces")
        # Spaces that are not at a line break stay: a paste after a word never runs into it.
        app.post_message(events.Paste(" A1\n    B2  \n\n\nC3 "))
        await until(pilot, lambda: title.value == "Xæø å Y Z T U A1 B2 C3 ", "the words apart")
        await settled(pilot)
        # The command palette's search (Textual's own Input) takes a paste whole too.
        await pilot.press("ctrl+p")
        await until(pilot, lambda: on(app, "Palette") and app.screen.focused is not None,
                    "the palette")
        app.post_message(events.Paste("mark\ndown"))
        await until(pilot, lambda: app.screen.focused.value == "mark down", "the search whole")
        await pilot.press("escape")
        await until(pilot, lambda: on(app, "DetailsScreen"), "back on the details")
        await pilot.press("ctrl+q")
    assert read(path)["title"] == "Xæø å Y Z T U A1 B2 C3 "


async def test_the_decision_log_opens_what_its_filter_found_with_down_and_enter(examples: Path) -> None:
    """d, /, an owner, Down, Enter typed in one burst: the owner's decision opens, read-only
    (Enter right after the filter must not open what the list showed before it)."""
    from tests.test_app import burst

    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.workers.wait_for_complete()
        await until(pilot, lambda: on(app, "BrowserScreen"), "the browser")
        burst(app, ["d", "slash", *"Mikkel", "down", "enter"])
        await until(pilot, lambda: app.document is not None, "a session opened from the log")
        assert app.document.path.name == "2026-12-14-egedal-et-kontaktpunkt.toml"
        assert app.document.read_only
        # Back in the log: Escape in the owner field takes the filter back.
        await pilot.press("ctrl+g", "l")
        await until(pilot, lambda: on(app, "BrowserScreen"), "the browser again")
        await pilot.press("d")
        await until(pilot, lambda: on(app, "DecisionsScreen") and app.screen.all_rows, "the log")
        owner = app.screen.query_one("#owner")
        assert owner.value == "Mikkel"  # the log is as it was left
        burst(app, ["slash", "escape"])
        await until(pilot, lambda: owner.value == "" and len(app.screen.rows) == len(app.screen.all_rows),
                    "the filter taken back, every decision shown")
        await pilot.press("ctrl+q")


async def test_escape_in_the_browsers_search_takes_the_search_back(examples: Path) -> None:
    """Escape empties the search and shows every session again; Down keeps it and goes to
    the list, filtered at once, so that Enter right after opens a session it found."""
    from tests.test_app import burst

    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.workers.wait_for_complete()
        await until(pilot, lambda: on(app, "BrowserScreen") and app.screen.listings, "the list")
        table = app.screen.query_one("#sessions")
        every = table.row_count
        search = app.screen.query_one("#search")
        burst(app, ["slash", *"Egedal", "escape"])
        await until(pilot, lambda: search.value == "" and app.screen.focused is not search,
                    "the search emptied, the focus in the list")
        await until(pilot, lambda: table.row_count == every, "every session listed")
        # Mors is not the first session listed (the newest is): Enter opens what was found.
        assert table.cursor_row == 0 and "Mors" not in str(table.get_row_at(0))
        burst(app, ["slash", *"Mors", "down", "enter"])
        await until(pilot, lambda: app.document is not None, "the session found, opened")
        assert app.document.path.name == "2026-11-30-region-nordjylland-mors.toml"
        await pilot.press("ctrl+q")


async def list_shown(pilot, app: WorkshopApp) -> None:
    """Wait until the browser lists the example sessions."""
    from dtworkshop.ui.widgets.long_table import LongTable

    await until(pilot, lambda: app.screen.query(LongTable)
                and app.screen.query_one(LongTable).row_count > 2, "the list")


async def open_canvas(pilot, name: str) -> None:
    """Go to the canvas `name` with ctrl+g and its key; wait until it shows with its first
    field focused (its own focus, which would take keys typed before it) and has settled."""
    app = pilot.app
    await pilot.press("ctrl+g", CANVAS_HOTKEY[name])
    await until(pilot, lambda: isinstance(app.screen, SCREENS[name])
                and app.screen.focused is not None, f"{name}, its field focused")
    await settled(pilot)


def notices(app: WorkshopApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_a_percentage_never_shows_a_number_the_file_does_not_hold(examples: Path) -> None:
    """Typing 250 in a unit's percentage: the 0 is refused on the spot, with the reason; the
    field, the file and the sum warning all hold 25."""
    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await open_canvas(pilot, "portfolio")
        field = app.screen.query("#units Input.percent").first()
        field.focus()
        await until(pilot, lambda: app.screen.focused is field, "the percentage focused")
        await pilot.press("ctrl+u", "2", "5", "0")
        await until(pilot, lambda: any("0 til 100" in n and "»0«" in n for n in notices(app)),
                    "the refusal said, naming the key")
        assert field.value == "25" and not field.has_class("-invalid")
        await settled(pilot)
        unit = read(path)["portfolio"]["units"][0]
        assert unit["streamline"] == 25
        total = sum(unit.get(c, 0) for c in ("streamline", "modernise", "rethink_services", "rethink_business"))
        warnings = str(app.screen.query_one("#warnings").render())
        assert (f"{total} %" in warnings) == (total != 100)
        # Neighbours: a paste of a number out of range, and a letter, are refused whole.
        app.post_message(events.Paste("7"))
        app.post_message(events.Paste("x"))
        app.post_message(events.Paste("٥"))  # a digit to Python (Arabic-Indic five)
        await until(pilot, lambda: any("»7x٥«" in n for n in notices(app)), "the refusals said")
        assert field.value == "25"
        await pilot.press("backspace", "9")  # 29: in range, taken
        await settled(pilot)
        await pilot.press("ctrl+q")
    assert read(path)["portfolio"]["units"][0]["streamline"] == 29


async def test_a_sentence_typed_on_a_button_is_not_lost_without_a_word(examples: Path) -> None:
    """The focus on a record list's "+" button, a sentence typed: it is said, with the
    sentence, that it was not typed anywhere (and where the focus is)."""
    path = examples / "2026-11-30-region-nordjylland-mors.toml"
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await open_canvas(pilot, "double_diamond")
        add = app.screen.query_one("#prototypes .add")
        add.focus()
        await until(pilot, lambda: app.screen.focused is add, "the focus on the + button")
        # At a typist's speed, in one read: one key at a time through the Pilot could come
        # slower than the pause that ends a sentence on a loaded machine, and be two notices.
        from tests.test_app import burst
        burst(app, [*"Hej med dig"])
        await until(pilot, lambda: any("»Hej med dig«" in n and "+ Prototype" in n for n in notices(app)),
                    "the sentence named in a notice")
        # Neighbour: a key bound on the screen (ctrl+d) is a key, not lost typing.
        count = len(notices(app))
        await pilot.press("ctrl+d")
        await until(pilot, lambda: type(app.screen).__name__ == "DecisionScreen", "the decision dialog")
        assert len(notices(app)) == count
        await pilot.press("escape", "ctrl+q")



async def test_typing_on_a_second_button_names_that_button(examples: Path) -> None:
    """Each burst typed where it cannot go is told with the widget it went to, not the
    first one a notice was ever made for. (Each burst typed in one read: one key at a time
    through the Pilot came slower than the pause that ends a burst under load, and "ab" was
    told as "a" and "b".)"""
    from tests.test_app import burst

    path = examples / "2026-11-30-region-nordjylland-mors.toml"
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await open_canvas(pilot, "portfolio")
        add = app.screen.query_one("#units .add")
        add.focus()
        await until(pilot, lambda: app.screen.focused is add, "the focus on the + button")
        burst(app, list("ab"))
        await until(pilot, lambda: any("»ab«" in n and str(add.label) in n for n in notices(app)),
                    "the first burst told")
        other = app.screen.query_one("#initiatives .add")
        other.focus()
        await until(pilot, lambda: app.screen.focused is other, "the focus on the next +")
        burst(app, list("cd"))
        await until(pilot, lambda: any("»cd«" in n for n in notices(app)), "the second burst told")
        second = next(n for n in notices(app) if "»cd«" in n)
        assert str(add.label) not in second and str(other.label) in second, second
        await pilot.press("ctrl+q")


@pytest.mark.parametrize("choosing", [["b", "o", "r", "g", "enter"], ["down", "enter"]],
                         ids=["searched", "arrows"])
async def test_a_choice_made_in_a_burst_with_tab_after_it_is_taken(examples: Path, choosing) -> None:
    """On a dropdown, Enter, the words (or arrows) that pick an option, Enter and Tab, then
    the same on the next dropdown, all in one burst (a fast typist, a slow link): both
    choices are taken, in the file, and the focus ends on the field after them (Tab ran
    at once and took the focus off the open list before it had read its keys: the choice
    was lost and the Enter opened the next list)."""
    from tests.test_app import burst

    path = examples / "2026-11-30-region-nordjylland-mors.toml"
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await open_canvas(pilot, "business_case")
        benefit = app.screen.query_one("#benefit", Select)
        verdict = app.screen.query_one("#verdict", Select)
        benefit.focus()
        await until(pilot, lambda: app.screen.focused is benefit, "the focus on the benefit")
        benefit.value = "economy"
        burst(app, ["enter", *choosing, "tab", "enter", *["g", "r", "ø", "n"], "enter", "tab"])
        await until(pilot, lambda: app.screen.focused not in (benefit, verdict)
                    and not benefit.expanded and not verdict.expanded
                    and not app.keys_held, "the focus past both dropdowns")
        await settled(pilot)
        assert benefit.value == ("citizen" if "b" in choosing else "both")
        assert verdict.value == "green"
        await pilot.press("ctrl+q")
    saved = read(path)["business_case"]
    assert (saved["benefit"], saved["verdict"]) == (benefit.value, "green")


async def test_a_language_chosen_in_the_new_session_burst_is_the_sessions(examples: Path) -> None:
    """The neighbour case, in a dialog: "n", title Tab organisation Tab facilitator Tab,
    Enter Down Enter (English) Tab Enter (Create), in one burst: the session is made in
    English (it was made in Danish: the Tab ran before the list had read its keys)."""
    from tests.test_app import burst

    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: on(app, "BrowserScreen") and app.screen.focused is not None,
                    "the session list")
        burst(app, ["n", *"Engelsk", "tab", *"Vejle Kommune", "tab", *"Åse", "tab",
                    "enter", "down", "enter", "tab", "enter"])
        await until(pilot, lambda: app.document is not None and not app.keys_held,
                    "the new session open")
        assert app.document.session.language == "en"
        assert app.document.session.title == "Engelsk"
        await pilot.press("ctrl+q")


async def test_enter_in_a_records_last_field_never_goes_round_to_the_title(examples: Path) -> None:
    """A participant added with "+", name Tab role Enter, and words after (one burst): the
    Enter stops on "+ Deltager", never goes round to the session's title at the top, where
    the words went out of sight; the words are told (the focus is on a button), the title
    and the participant are as typed. On the portfolio, a unit filled field by field with
    Enter ends on "+ Forvaltning" (not in the notes, further down), and Enter there adds
    the next unit."""
    from dtworkshop.ui.screens.details import DetailsScreen
    from dtworkshop.ui.widgets.long_table import LongTable
    from tests.test_app import burst

    path = examples / "2026-11-30-region-nordjylland-mors.toml"
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "s")
        await until(pilot, lambda: isinstance(app.screen, DetailsScreen)
                    and app.screen.focused is not None, "the session details")
        title = app.document.session.title
        table = app.screen.query_one("#participants").query_one(LongTable)
        table.focus()
        await until(pilot, lambda: app.screen.focused is table, "the participants' table")
        count = len(app.document.session.participants)
        burst(app, ["plus", *"Åge Ørsted", "tab", *"Borgmester æ", "enter", *"efter enter"])
        await until(pilot, lambda: any("»efter enter«" in n for n in notices(app)),
                    "the words after Enter told")
        session = app.document.session
        assert session.title == title
        assert len(session.participants) == count + 1
        assert (session.participants[-1].name, session.participants[-1].role) == (
            "Åge Ørsted", "Borgmester æ")
        assert "+ Deltager" in str(app.screen.focused.label)
        await open_canvas(pilot, "portfolio")
        units = app.screen.query_one("#units")
        units.query_one(LongTable).focus()
        await until(pilot, lambda: app.screen.focused is units.query_one(LongTable), "the units")
        count = len(app.document.session.portfolio.units)
        burst(app, ["plus", *"Enhed C", "enter", *"Mål", "enter",
                    *"40", "enter", *"30", "enter", *"20", "enter", *"10", "enter", "enter",
                    *"Enhed D"])
        await until(pilot, lambda: len(app.document.session.portfolio.units) == count + 2
                    and app.document.session.portfolio.units[-1].name == "Enhed D",
                    "the next unit added by Enter on +")
        unit = app.document.session.portfolio.units[-2]
        assert (unit.name, unit.rethink_business) == ("Enhed C", 10)
        assert "Enhed D" not in app.document.session.portfolio.notes
        await pilot.press("ctrl+q")
    assert read(path)["title"] == title


async def test_escape_in_a_decision_being_written_asks_before_its_words_go(examples: Path) -> None:
    """A decision typed, then Escape, and "[D" after it (an arrow key whose sequence a slow
    link split after its ESC): the dialog asks before the words go, the "[D" lands on the
    question (told, not typed into the canvas); Enter stays, in the dialog with the words;
    Escape and "keep it" records the decision. With nothing typed, Escape closes at once."""
    from tests.test_app import burst

    path = examples / "2026-11-30-region-nordjylland-mors.toml"
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await open_canvas(pilot, "story_fish")
        canvas = app.screen
        count = len(app.document.session.decisions)
        await pilot.press("ctrl+d")
        await until(pilot, lambda: on(app, "DecisionScreen") and app.screen.focused is not None,
                    "the decision dialog")
        dialog = app.screen
        burst(app, [*"Vi går videre", "escape"])
        await until(pilot, lambda: on(app, "ChoiceScreen") and app.screen.focused is not None,
                    "the question")
        burst(app, [*"[D"])  # the rest of the arrow's sequence, some tenths of a second later
        await until(pilot, lambda: any("»[D«" in n for n in notices(app)), "the [D told")
        await pilot.press("enter")  # stay: the first answer
        await until(pilot, lambda: app.screen is dialog, "back in the dialog")
        assert dialog.query_one("#text").value == "Vi går videre"
        await pilot.press("escape")
        await until(pilot, lambda: on(app, "ChoiceScreen"), "the question again")
        await pilot.press("tab", "enter")  # keep it
        await until(pilot, lambda: app.screen is canvas
                    and len(app.document.session.decisions) == count + 1, "the decision kept")
        assert app.document.session.decisions[-1].text == "Vi går videre"
        await pilot.press("ctrl+d")
        await until(pilot, lambda: on(app, "DecisionScreen"), "an empty decision dialog")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is canvas, "closed at once: nothing typed")
        await pilot.press("ctrl+q")
    assert read(path)["decisions"][-1]["text"] == "Vi går videre"


async def test_words_not_taken_are_one_notice_at_a_time_and_kept_to_be_copied(examples: Path) -> None:
    """Two bursts typed on buttons: the second notice takes the place of the first (at 80x24
    they stacked up and one was cut off), each stays for NOTICE_TIMEOUT, and both are in
    the log of notices that "Vis beskeder" in the command palette opens, where they can be
    selected and copied with the keys; Escape closes it, back where the facilitator was."""
    from textual.widgets import TextArea

    from dtworkshop.ui.notices import NoticesScreen
    from dtworkshop.ui.widgets.refusals import NOTICE_TIMEOUT
    from tests.test_app import burst

    path = examples / "2026-11-30-region-nordjylland-mors.toml"
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await open_canvas(pilot, "double_diamond")
        canvas = app.screen
        add = canvas.query_one("#prototypes .add")
        add.focus()
        await until(pilot, lambda: canvas.focused is add, "the focus on the + button")
        # Each word in one read (pressed key by key, a loaded machine could pause between
        # two keys long enough to make two bursts of one word: "»Æ«", then "»ble«").
        burst(app, list("Æble"))
        await until(pilot, lambda: any("»Æble«" in n for n in notices(app)),
                    lambda: f"the first burst told: {notices(app)}")
        burst(app, list("grød"))
        await until(pilot, lambda: any("»grød«" in n for n in notices(app)),
                    lambda: f"the second burst told: {notices(app)}")
        told = [n for n in app._notifications if "er ikke skrevet" in str(n.message)]
        assert len(told) == 1 and told[0].timeout == NOTICE_TIMEOUT
        assert "ctrl+p › Vis beskeder" in str(told[0].message)
        await pilot.press("ctrl+p", *"Vis", "space", *"beskeder", "enter")
        await until(pilot, lambda: isinstance(app.screen, NoticesScreen), "the log of notices")
        log = app.screen.query_one("#notices", TextArea)
        assert "»Æble«" in log.text and "»grød«" in log.text
        assert log.text.index("»Æble«") < log.text.index("»grød«")  # oldest first
        await pilot.press("f7", "ctrl+c")  # select all, copy
        await until(pilot, lambda: "»grød«" in app.clipboard, "the log copied")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is canvas, "back on the canvas")
        # ctrl+v in a one-line field: the copied lines on one line, as a terminal's paste.
        field = canvas.query_one("#prototypes").query_one("Input")
        field.focus()
        await until(pilot, lambda: canvas.focused is field, "a one-line field")
        before = field.value
        await pilot.press("end", "ctrl+v")
        await until(pilot, lambda: field.value != before, "the clipboard pasted")
        assert "\n" not in field.value and "»grød«" in field.value
        await pilot.press("ctrl+q")


def shows(app: WorkshopApp, widget) -> bool:
    """`widget` lies wholly inside the visible part of its screen's scrolling body."""
    body = app.screen.query_one(".session-body").region
    region = widget.region
    return bool(region.height) and body.contains_region(region)


@pytest.mark.slow
async def test_every_canvas_opens_at_its_heading_with_the_focused_field_in_view(examples: Path) -> None:
    """At 80x24 each canvas opens at its heading, its warnings and guidance, with the focus
    on a field that shows; in a window too low for that, the field is scrolled into view."""
    path = examples / PORTFOLIO  # its maturity has two units: a list taller than the screen
    for width, height in ((80, 24), (80, 11), (40, 12), (20, 8)):
        app = WorkshopApp(sessions_dir=examples, open_path=path)
        async with app.run_test(size=(width, height)) as pilot:
            for key in CANVAS_KEYS:
                await pilot.press("ctrl+g", CANVAS_HOTKEY[key])
                await until(pilot, lambda: isinstance(app.screen, SCREENS[key]), key)
                screen = app.screen
                await until(pilot, lambda: screen.focused is not None and shows(app, screen.focused),
                            f"{key} at {width}x{height}: a focused field in view")
                if height == 24:
                    body = screen.query_one("#canvas-body")
                    assert body.scroll_y == 0, f"{key} opened scrolled by {body.scroll_y} lines"
                    assert shows(app, screen.query_one(".canvas-title")), key
            await pilot.press("ctrl+q")


async def test_a_window_made_smaller_keeps_the_focused_field_in_view(examples: Path) -> None:
    """The field being typed in stays in sight when the window shrinks (a projector plugged
    in, a tmux pane split), and the next word typed lands in it."""
    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=(80, 60)) as pilot:
        await open_canvas(pilot, "portfolio")
        last = list(app.screen.query("#canvas-body NumberField"))[-1]
        last.focus()
        await until(pilot, lambda: app.screen.focused is last and shows(app, last), "the last number field")
        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: app.screen.size.height == 24 and shows(app, last),
                    "the focused field scrolled into view at 80x24")
        await pilot.press("ctrl+q")


async def test_keys_typed_ahead_wait_for_a_canvas_slow_to_build(examples: Path, monkeypatch) -> None:
    """On a loaded machine a canvas may take longer to be ready than keys are normally held
    for: the words typed after ctrl+g still land in its field, not nowhere."""
    from dtworkshop.ui.canvases.story_fish import StoryFishScreen

    ready = StoryFishScreen.focus_first_field

    def slow_to_be_ready(screen) -> None:
        # Laid out and focused only after 1.5 s, as on a machine busy with other work.
        screen.set_timer(1.5, lambda: ready(screen))

    monkeypatch.setattr(StoryFishScreen, "focus_first_field", slow_to_be_ready)
    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["story_fish"], *"Ærø")
        await until(pilot, lambda: isinstance(app.screen, StoryFishScreen)
                    and app.document.session.story_fish is not None
                    and app.document.session.story_fish.hero.endswith("Ærø"),
                    "the words in the hero of the slow canvas")
        await settled(pilot)
        await pilot.press("ctrl+q")
    assert read(path)["story_fish"]["hero"].endswith("Ærø")


async def test_a_digit_and_words_typed_into_the_go_to_menu_land_in_the_canvas(examples: Path) -> None:
    """The go-to menu showing (ctrl+g, then a pause), a digit and a sentence arrive in one
    read: the canvas opens and the sentence is in its first field, not lost in the menu."""
    from tests.test_app import burst

    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g")
        await until(pilot, lambda: on(app, "GoToScreen") and app.screen.focused is not None,
                    "the go-to menu")
        burst(app, [CANVAS_HOTKEY["story_fish"], *"Ærø Øst"])
        await settled(pilot)
        assert isinstance(app.screen, SCREENS["story_fish"])
        assert app.document.session.story_fish.hero.endswith("Ærø Øst")
        await pilot.press("ctrl+q")
    assert read(path)["story_fish"]["hero"].endswith("Ærø Øst")


async def test_words_typed_as_a_new_session_opens_are_not_lost_without_a_word(examples: Path) -> None:
    """Typed right after the new-session dialog's last Enter, in the same read: the overview
    opens, and what cannot go anywhere there is said, with the words."""
    from tests.test_app import burst

    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await until(pilot, lambda: on(app, "NewSessionScreen") and app.screen.focused is not None,
                    "the new-session dialog")
        burst(app, [*"Ny", "enter", *"Egedal", "enter", *"Anne", "enter", *"Hej der"])
        await until(pilot, lambda: on(app, "OverviewScreen"), "the new session's overview")
        await until(pilot, lambda: any("»Hej der«" in n for n in notices(app)),
                    "the words typed on the overview said")
        assert app.document.session.title == "Ny"
        assert app.document.session.facilitator == "Anne"
        await pilot.press("ctrl+q")


async def test_a_paste_onto_a_choice_or_a_button_is_not_lost_without_a_word(examples: Path) -> None:
    """Pasted while a choice or a button has the focus, the text is said, as typing is."""
    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["portfolio"])
        await until(pilot, lambda: isinstance(app.screen, SCREENS["portfolio"]), "the portfolio")
        await settled(pilot)
        app.screen.query("Select").first().focus()
        app.post_message(events.Paste("Sådan gør vi"))
        await until(pilot, lambda: any("»Sådan gør vi«" in n for n in notices(app)),
                    "the paste on the choice said")
        app.screen.query("Button").first().focus()
        app.post_message(events.Paste("Næste skridt"))
        await until(pilot, lambda: any("»Næste skridt«" in n for n in notices(app)),
                    "the paste on the button said")
        await pilot.press("ctrl+q")


async def test_ctrl_q_in_the_decision_dialog_asks_before_the_typing_is_lost(examples: Path) -> None:
    """ctrl+q with a decision half typed: the app asks. "Bliv" keeps the dialog as it was;
    "Gem det og afslut" records the decision, saves and quits."""
    path = examples / PORTFOLIO
    before = len(read(path).get("decisions", []))
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["story_fish"])
        await until(pilot, lambda: isinstance(app.screen, SCREENS["story_fish"]), "the story fish")
        await pilot.press("ctrl+d", *"Vi gør det på Ærø", "enter", *"Bo")
        await until(pilot, lambda: on(app, "DecisionScreen"), "the decision dialog")
        await settled(pilot)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: on(app, "ChoiceScreen"), "the question")
        assert "Ny beslutning" in str(app.screen.query_one("Label").render())
        await pilot.press("enter")  # the first answer: stay
        await until(pilot, lambda: on(app, "DecisionScreen"), "back in the dialog")
        assert app.screen.query_one("#text").value == "Vi gør det på Ærø"
        assert app.screen.query_one("#owner").value == "Bo"
        await pilot.press("ctrl+q")
        await until(pilot, lambda: on(app, "ChoiceScreen"), "the question again")
        await pilot.press("tab", "enter")  # save it and quit
        await until(pilot, lambda: not app.is_running, "the app ended")
    decisions = read(path)["decisions"]
    assert len(decisions) == before + 1
    assert decisions[-1]["text"] == "Vi gør det på Ærø" and decisions[-1]["owner"] == "Bo"
    assert decisions[-1]["canvas"] == "story_fish"


async def test_ctrl_q_in_the_decision_dialog_can_quit_without_it(examples: Path) -> None:
    path = examples / PORTFOLIO
    before = read(path).get("decisions", [])
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["story_fish"])
        await until(pilot, lambda: isinstance(app.screen, SCREENS["story_fish"]), "the story fish")
        await pilot.press("ctrl+d", *"Glemt")
        await until(pilot, lambda: on(app, "DecisionScreen"), "the decision dialog")
        await settled(pilot)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: on(app, "ChoiceScreen"), "the question")
        await pilot.press("tab", "tab", "enter")  # quit without it
        await until(pilot, lambda: not app.is_running, "the app ended")
    assert read(path).get("decisions", []) == before


async def test_ctrl_q_in_the_new_session_dialog_can_make_the_session(examples: Path) -> None:
    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await until(pilot, lambda: on(app, "NewSessionScreen") and app.screen.focused is not None,
                    "the new-session dialog")
        await pilot.press(*"Strategidag", "enter", *"Ærø Kommune")
        await settled(pilot)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: on(app, "ChoiceScreen"), "the question")
        await pilot.press("tab", "enter")  # make it and quit
        await until(pilot, lambda: not app.is_running, "the app ended")
    made = [p for p in examples.glob("*.toml") if "aeroe-kommune" in p.name]
    assert len(made) == 1, sorted(p.name for p in examples.iterdir())
    data = read(made[0])
    assert data["title"] == "Strategidag" and data["organisation"] == "Ærø Kommune"
    assert not list(examples.glob("*.lock")) and not list(examples.glob(".*.lock"))


@pytest.mark.slow
async def test_every_field_and_button_of_a_dialog_shows_as_it_takes_the_focus(examples: Path) -> None:
    """In a low or narrow window (80x10, 40x12, 20x8) the decision dialog and the question
    on top of it scroll: Tab after Tab, the widget with the focus is wholly in sight,
    buttons too."""

    async def walk(pilot, app, name: str, size) -> None:
        await until(pilot, lambda: on(app, name) and app.screen.focused is not None, name)
        dialog = app.screen.query_one(".dialog")
        seen = []
        for _ in range(len(app.screen.focus_chain)):
            focused = app.screen.focused
            await until(pilot, lambda: dialog.content_region.contains_region(focused.region),
                        f"{focused} of {name} wholly in sight at {size}")
            seen.append(focused)
            await pilot.press("tab")
            await until(pilot, lambda: app.screen.focused is not focused, "the next widget")
        assert len(set(seen)) == len(app.screen.focus_chain) > 1

    path = examples / PORTFOLIO
    for size in ((80, 10), (40, 12), (20, 8)):
        app = WorkshopApp(sessions_dir=examples, open_path=path)
        async with app.run_test(size=size) as pilot:
            await pilot.press("ctrl+g", CANVAS_HOTKEY["portfolio"])
            await until(pilot, lambda: isinstance(app.screen, SCREENS["portfolio"]), "the portfolio")
            await pilot.press("ctrl+d")
            await walk(pilot, app, "DecisionScreen", size)
            app.screen.query_one("#text").focus()
            await pilot.press("x", "ctrl+q")  # the question of what to do with the "x"
            await walk(pilot, app, "ChoiceScreen", size)
            await pilot.press("escape")
            await until(pilot, lambda: on(app, "DecisionScreen"), "back in the dialog")
            await pilot.press("escape")  # the "x" typed: asked before it goes
            await until(pilot, lambda: on(app, "ChoiceScreen") and app.screen.focused is not None,
                        "the question about the x")
            await pilot.press("tab", "tab", "enter")  # discard it
            await until(pilot, lambda: isinstance(app.screen, SCREENS["portfolio"]), "back")
            await pilot.press("ctrl+q")


async def test_words_typed_on_a_button_then_tab_are_said(examples: Path) -> None:
    """Typed on the details screen's "+ Deltager" and followed by Tab in the same read (the
    focus wraps to the title before the words reach the button): they are said, not lost."""
    from tests.test_app import burst

    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "s")
        await until(pilot, lambda: on(app, "DetailsScreen") and app.screen.focused is not None,
                    "the details")
        buttons = list(app.screen.query("Button"))
        buttons[-1].focus()
        await until(pilot, lambda: app.screen.focused is buttons[-1], "the last button")
        burst(app, [*"Dora", "tab", "X"])
        await until(pilot, lambda: any("»Dora«" in n for n in notices(app)), "the words said")
        await pilot.press("ctrl+q")


async def test_words_typed_with_the_whole_new_session_dialog_are_said(examples: Path) -> None:
    """n, the dialog's fields, Enter and words, all in one read: the session is made, and
    the words, which cannot go anywhere on the overview, are said there."""
    from tests.test_app import burst

    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.screen.focused is not None, "the browser")
        burst(app, ["n", *"Ny T", "tab", *"Org T", "tab", *"Fac", "enter", *"HEJ efter"])
        await until(pilot, lambda: on(app, "OverviewScreen"), "the new session's overview")
        await until(pilot, lambda: any("»HEJ efter«" in n for n in notices(app)), "the words said")
        assert app.document.session.title == "Ny T"
        await pilot.press("ctrl+q")


async def test_mark_down_compare_in_one_read_compares_the_two(examples: Path) -> None:
    """m, Down, c typed in one burst in the browser: c reads the row Down moved to."""
    from tests.test_app import burst

    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await list_shown(pilot, app)
        burst(app, ["m", "down", "c"])
        await until(pilot, lambda: on(app, "CompareScreen"), "the compare screen")
        await pilot.press("ctrl+q")


async def test_a_dialog_made_small_keeps_the_field_typed_in_in_view(examples: Path) -> None:
    """Typing in the decision dialog's owner, the window goes to 20x8: the owner field is
    scrolled into view; so is the first button of a question opened at that size."""
    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["story_fish"])
        await until(pilot, lambda: isinstance(app.screen, SCREENS["story_fish"]), "the story fish")
        await pilot.press("ctrl+d", *"Vi gør det", "enter", *"Bo")
        await until(pilot, lambda: on(app, "DecisionScreen"), "the dialog")
        await settled(pilot)
        owner = app.screen.query_one("#owner")
        dialog = app.screen.query_one(".dialog")
        await pilot.resize_terminal(20, 8)
        await until(pilot, lambda: app.screen.size.height == 8
                    and dialog.content_region.contains_region(owner.region), "the owner in view")
        await pilot.press("ctrl+q")
        await until(pilot, lambda: on(app, "ChoiceScreen"), "the question")
        question = app.screen
        await until(pilot, lambda: question.query_one(".dialog").content_region.contains_region(
            question.focused.region), "its first button in view")
        await pilot.press("escape")
        await until(pilot, lambda: on(app, "DecisionScreen"), "back")
        await pilot.press("escape", "ctrl+q")


async def test_words_typed_in_a_menu_or_a_question_are_said(examples: Path) -> None:
    """Letters that are not the go-to menu's keys, a paste onto it, and words typed on a
    question's button: each said with the words."""
    from tests.test_app import burst

    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g")
        await until(pilot, lambda: on(app, "GoToScreen") and app.screen.focused is not None, "the menu")
        burst(app, [*"xyz"])
        app.post_message(events.Paste("ord"))
        await until(pilot, lambda: any("»xyzord«" in n for n in notices(app)), "the menu's words said")
        await pilot.press("escape")
        await until(pilot, lambda: not on(app, "GoToScreen"), "the menu closed")
        await pilot.press("ctrl+d", *"Noget")
        await until(pilot, lambda: on(app, "DecisionScreen"), "the dialog")
        await settled(pilot)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: on(app, "ChoiceScreen") and app.screen.focused is not None, "the question")
        burst(app, [*"hej"])
        await until(pilot, lambda: any("»hej«" in n for n in notices(app)), "the question's words said")
        await pilot.press("escape")
        await until(pilot, lambda: on(app, "DecisionScreen"), "back")
        await pilot.press("escape", "ctrl+q")


async def test_words_typed_after_a_first_decision_land_in_sight(examples: Path) -> None:
    """The first decision of a canvas recorded (ctrl+d … Enter) and words typed on in the
    same read: they go to the field the dialog was opened from, which stays in view."""
    from tests.test_app import burst

    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["story_fish"])
        await until(pilot, lambda: isinstance(app.screen, SCREENS["story_fish"]), "the story fish")
        await settled(pilot)
        assert not app.document.session.decisions_on("story_fish")
        hero = app.screen.query_one("#hero")
        assert app.screen.focused is hero
        burst(app, ["ctrl+d", *"Første", "enter", *"Mette", "enter", *"2027-05-01", "enter",
                    *" synlig"])
        await until(pilot, lambda: hero.value.endswith(" synlig"), "the words in the hero")
        await settled(pilot)
        await until(pilot, lambda: shows(app, hero), "the hero in view")
        assert len(app.document.session.decisions_on("story_fish")) == 1
        await pilot.press("ctrl+q")


async def test_words_after_enter_on_a_dialogs_button_land_on_the_screen_under(examples: Path) -> None:
    """Enter on the decision dialog's "Tilføj" button and words in the same read: the
    decision is recorded and the words land in the field the dialog was opened from."""
    from tests.test_app import burst

    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["story_fish"])
        await until(pilot, lambda: isinstance(app.screen, SCREENS["story_fish"]), "the story fish")
        await settled(pilot)
        hero = app.screen.query_one("#hero")
        # All in one read, the dialog still on its way: its own focus moves come after
        # the Enter and must not take the words back to it.
        burst(app, ["ctrl+d", *"Først", "tab", *"Bo", "tab", "tab", "enter", *"FØR"])
        await until(pilot, lambda: hero.value.endswith("FØR"), "the first words in the hero")
        await settled(pilot)
        await pilot.press("ctrl+d", *"Knap", "tab", *"Bo", "tab", "tab")
        await until(pilot, lambda: on(app, "DecisionScreen")
                    and type(app.screen.focused).__name__ == "Button", "the add button")
        burst(app, ["enter", *"EFTER ord"])
        await until(pilot, lambda: hero.value.endswith("FØREFTER ord"), "the words in the hero")
        assert [d.text for d in app.document.session.decisions_on("story_fish")] == ["Først", "Knap"]
        await pilot.press("ctrl+q")


async def test_words_and_pastes_the_browser_cannot_take_are_said(examples: Path) -> None:
    """Letters that are no command of the browser, and a paste, are said, not dropped."""
    from tests.test_app import burst

    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await list_shown(pilot, app)
        burst(app, [*"xyz"])
        app.post_message(events.Paste("Camilla"))
        await until(pilot, lambda: any("»xyzCamilla«" in n for n in notices(app)), "said")
        await pilot.press("q")


async def test_letters_in_a_menu_slow_to_handle_them_are_said_though_a_digit_closes_it(
        examples: Path, monkeypatch) -> None:
    """On a loaded machine the go-to menu may not have handled the letters typed into it
    when the digit after them (same read) closes it: they are still said."""
    import asyncio

    from dtworkshop.ui.screens.dialogs import GoToScreen
    from dtworkshop.ui.screens.form import TellsDroppedKeys
    from tests.test_app import burst

    async def slow_on_key(self, event) -> None:
        await asyncio.sleep(0.3)  # the machine busy: the menu's queue waits
        TellsDroppedKeys.on_key(self, event)

    monkeypatch.setattr(GoToScreen, "on_key", slow_on_key)
    app = WorkshopApp(sessions_dir=examples, open_path=examples / PORTFOLIO)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+g")
        await until(pilot, lambda: on(app, "GoToScreen") and app.screen.focused is not None, "the menu")
        burst(app, [*"xyz", CANVAS_HOTKEY["portfolio"]])  # no canvas letters (a, b … are)
        app.post_message(events.Paste("ord"))
        await until(pilot, lambda: isinstance(app.screen, SCREENS["portfolio"]), "the portfolio")
        await until(pilot, lambda: any("»xyz«" in n for n in notices(app)), "the menu's letters said")


async def test_words_typed_just_before_a_dialog_or_menu_closes_are_said(examples: Path) -> None:
    """Letters the go-to menu cannot take, then a digit; letters on a dialog's button, then
    Enter; letters on the decision log, then Escape: each in one read, the screen they were
    typed on closed by the key after them. The notice still comes, with the letters."""
    from tests.test_app import burst

    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+g")
        await until(pilot, lambda: on(app, "GoToScreen") and app.screen.focused is not None, "the menu")
        burst(app, [*"xyz", CANVAS_HOTKEY["portfolio"]])  # no canvas letters (a, b … are)
        await until(pilot, lambda: isinstance(app.screen, SCREENS["portfolio"]), "the portfolio")
        await until(pilot, lambda: any("»xyz«" in n for n in notices(app)), "the menu's letters said")

        await settled(pilot)
        await pilot.press("ctrl+d", *"D1", "tab", "tab", "tab")
        await until(pilot, lambda: on(app, "DecisionScreen")
                    and type(app.screen.focused).__name__ == "Button", "a button of the dialog")
        burst(app, [*"tlf1", "enter"])
        await until(pilot, lambda: not on(app, "DecisionScreen"), "the dialog closed")
        await until(pilot, lambda: any("»tlf1«" in n for n in notices(app)), "the button's letters said")

        await pilot.press("ctrl+g", "l")
        await until(pilot, lambda: on(app, "BrowserScreen"), "the browser")
        await settled(pilot)
        await pilot.press("d")
        await until(pilot, lambda: on(app, "DecisionsScreen") and app.screen.focused is not None,
                    "the decision log")
        await settled(pilot)
        burst(app, [*"uv1", "escape"])
        await until(pilot, lambda: on(app, "BrowserScreen"), "the browser again")
        await until(pilot, lambda: any("»uv1«" in n for n in notices(app)), "the log's letters said")


async def test_a_key_typed_on_coming_back_to_a_dialogs_field_adds_to_it(examples: Path) -> None:
    """Shift+Tab back to a field of the new-session dialog and a key typed: the key is added
    where the cursor is, the text typed before stays (a focus that selected it all would have
    the key replace it, with no undo)."""
    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await list_shown(pilot, app)
        await pilot.press("n")
        await until(pilot, lambda: on(app, "NewSessionScreen") and app.screen.focused is not None,
                    "the dialog")
        await pilot.press(*"Lang", "tab", *"Org", "shift+tab", "X")
        title = app.screen.query_one("#title")
        await until(pilot, lambda: title.value == "LangX", "the key added to the title")
        await pilot.press("escape")


async def test_words_after_enter_on_the_overview_land_in_the_canvas_it_opens(examples: Path) -> None:
    """Enter on a canvas of the overview and words in the same read: the canvas opens and
    the words are in its first field (before, they reached the overview's table and were
    gone)."""
    from tests.test_app import burst

    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "0")
        await until(pilot, lambda: on(app, "OverviewScreen") and app.screen.focused is not None,
                    "the overview")
        await settled(pilot)
        await pilot.press("home")
        burst(app, ["enter", *"sam1"])
        await until(pilot, lambda: isinstance(app.screen, SCREENS[CANVAS_KEYS[0]]), "canvas 1")
        await until(pilot, lambda: getattr(app.screen.focused, "text", "").endswith("sam1"),
                    "the words in the canvas's first field")
        await pilot.press("ctrl+q")


async def test_a_date_filter_shows_all_that_was_typed_or_pasted(examples: Path) -> None:
    """Typed or pasted past a date's ten characters, the browser's date filter keeps it all,
    marked as no date (a length limit dropped a paste of eleven without a word)."""
    from tests.test_app import burst

    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await list_shown(pilot, app)
        since = app.screen.query_one("#from")
        since.focus()
        await until(pilot, lambda: app.screen.focused is since, "the from filter")
        app.post_message(events.Paste("2026-05-311"))
        await until(pilot, lambda: since.value == "2026-05-311", "the whole paste")
        await until(pilot, lambda: since.has_class("-invalid"), "marked as no date")
        burst(app, ["backspace", "9", "9"])
        await until(pilot, lambda: since.value == "2026-05-3199", "the whole typing")


async def test_a_paste_right_after_ctrl_g_goes_in_and_no_menu_covers_it(examples: Path) -> None:
    """ctrl+g, then a paste instead of a key: the paste goes into the field, and the go-to
    menu, which would have opened after the pause, does not open over it."""
    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["story_fish"])
        await until(pilot, lambda: isinstance(app.screen, SCREENS["story_fish"]), "the story fish")
        await settled(pilot)
        hero = app.screen.query_one("#hero")
        await pilot.press("ctrl+g")
        app.post_message(events.Paste("3 hej fra paste"))
        await until(pilot, lambda: hero.value.endswith("3 hej fra paste"), "the paste in the hero")
        await until(pilot, lambda: app._go_to_timer is None, "no menu on its way")
        await settled(pilot)
        assert isinstance(app.screen, SCREENS["story_fish"])
        await pilot.press("ctrl+q")


async def test_a_notice_of_words_not_taken_shows_them_on_a_small_screen_and_for_a_long_paste(
        examples: Path) -> None:
    """At 20x8 the notice of words typed on a dialog's button shows the words (a notice half
    the screen wide was taller than the screen, its start cut off); a paste of a page onto a
    button is shown by its start and end and its length, all on the screen."""
    from tests.test_app import burst
    from tests.test_review_screens import screen_lines

    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["story_fish"])
        await until(pilot, lambda: isinstance(app.screen, SCREENS["story_fish"]), "the story fish")
        await settled(pilot)
        await pilot.press("ctrl+d")
        await until(pilot, lambda: on(app, "DecisionScreen") and app.screen.focused is not None,
                    "the dialog")
        await pilot.press("shift+tab")
        await until(pilot, lambda: type(app.screen.focused).__name__ == "Button", "a button")
        words = " ".join(f"pp{i:03d}" for i in range(200))
        app.post_message(events.Paste(words))
        await until(pilot, lambda: any("pp000" in line for line in screen_lines(app))
                    and any("pp199" in line for line in screen_lines(app))
                    and any(f"{len(words)} tegn" in line for line in screen_lines(app)),
                    "the paste's start, end and length on the screen")
        app.clear_notifications()
        await pilot.resize_terminal(20, 8)
        await settled(pilot)
        burst(app, [*"zz"])
        await until(pilot, lambda: any("»zz«" in line for line in screen_lines(app)),
                    "the words on the small screen")
        await pilot.resize_terminal(*SIZE)
        await pilot.press("escape")


async def test_text_characters_python_calls_unprintable_are_typed_in(examples: Path) -> None:
    """A no-break space (Option+Space on a Mac), a narrow no-break space, a zero-width joiner
    inside an emoji, a soft hyphen, typed as keys: each goes into the field (Input and
    TextArea took only what str.isprintable calls printable, and said nothing)."""
    from tests.test_app import burst

    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    typed = "10\xa0%\u202fx 👨\u200d👩 a\xadb"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["story_fish"])
        await until(pilot, lambda: isinstance(app.screen, SCREENS["story_fish"]), "the story fish")
        await settled(pilot)
        hero = app.screen.query_one("#hero")
        start = hero.value
        burst(app, [*typed])
        await until(pilot, lambda: hero.value == start + typed, "every character in the hero")
        await pilot.press("ctrl+q")
    assert read(path)["story_fish"]["hero"] == start + typed


async def test_words_typed_on_a_choice_close_the_list_their_space_opened(examples: Path) -> None:
    """Words typed on a choice (the facilitator thought a text field had the focus): the
    space among them is one of the words, told with them (it opened the list, which
    covered the notice, and was missing from it: »viskal«). The list is closed as the
    notice comes, so the notice is read. A space typed alone still opens the list."""
    from tests.test_app import burst
    from tests.test_review_screens import screen_lines

    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["business_case"])
        await until(pilot, lambda: isinstance(app.screen, SCREENS["business_case"]), "canvas 1")
        await settled(pilot)
        await pilot.press("tab")
        await until(pilot, lambda: type(app.screen.focused).__name__ == "ChoiceField", "a choice")
        choice = app.screen.focused
        burst(app, [*"vi skal"])
        await until(pilot, lambda: any("»vi skal«" in n for n in notices(app)), "the notice")
        await until(pilot, lambda: not choice.expanded
                    and any("er ikke skrevet" in line for line in screen_lines(app)),
                    "the list closed and the notice on the screen")
        # The focus is back on the choice: words typed next are said too, not lost.
        await until(pilot, lambda: app.screen.focused is choice, "the focus on the choice")
        app.clear_notifications()
        burst(app, [*"borte1"])
        await until(pilot, lambda: any("»borte1«" in n for n in notices(app)), "the next words said")
        await settled(pilot)
        await pilot.press("space")
        await until(pilot, lambda: choice.expanded, "the list opened by a space alone")


async def test_a_menu_letter_inside_words_typed_on_the_menu_is_one_of_the_words(examples: Path) -> None:
    """"hello dear" typed on the go-to menu: its l (the session list) and d are letters of
    the words, said with them; the menu stays. A menu letter typed alone still acts."""
    from tests.test_app import burst

    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+g")
        await until(pilot, lambda: on(app, "GoToScreen") and app.screen.focused is not None, "the menu")
        burst(app, [*"hello dear"])
        await until(pilot, lambda: any("»hello dear«" in n for n in notices(app)), "the words said")
        assert on(app, "GoToScreen")
        await pilot.press("s")
        await until(pilot, lambda: on(app, "DetailsScreen"), "s alone: the details")


async def test_words_after_tab_in_the_browsers_and_the_logs_filters_land_in_the_next(
        examples: Path) -> None:
    """"/egedal Tab Tab 2026 Tab 2026-06" in one burst: the search holds egedal, the dates
    their own text (Tab moved the focus after the keys typed with it had gone to the field
    left). The decision log's owner filter the same."""
    from tests.test_app import burst

    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await list_shown(pilot, app)
        burst(app, ["slash", *"egedal", "tab", "tab", *"2026", "tab", *"2026-06"])
        await until(pilot, lambda: app.screen.query_one("#to").value == "2026-06", "the to date")
        assert app.screen.query_one("#search").value == "egedal"
        assert app.screen.query_one("#from").value == "2026"
        await pilot.press("escape", "escape", "escape")
        await until(pilot, lambda: app.screen.focused is app.screen.query_one("#sessions"),
                    "back in the list")
        await settled(pilot)
        await pilot.press("d")
        await until(pilot, lambda: on(app, "DecisionsScreen") and app.screen.focused is not None,
                    "the decision log")
        await settled(pilot)
        owner = app.screen.query_one("#owner")
        burst(app, ["slash", *"Karen", "tab", "q"])
        await until(pilot, lambda: owner.value == "Karen" and app.screen.focused is not owner,
                    "Karen in the owner filter, the focus moved on")
        await settled(pilot)
        assert owner.value == "Karen"


async def test_words_after_enter_in_the_command_palette_land_in_the_screen_it_shows(
        examples: Path) -> None:
    """ctrl+p, "html", Enter and words in one read: the export asks for a file, and the
    words are in its file field (before, they reached the palette as it closed, and were
    gone)."""
    from tests.test_app import burst

    app = WorkshopApp(sessions_dir=examples, open_path=examples / PORTFOLIO)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["business_case"])
        await until(pilot, lambda: isinstance(app.screen, SCREENS["business_case"]), "canvas 1")
        await settled(pilot)
        burst(app, ["ctrl+p", *"html", "enter", *"-ny"])
        await until(pilot, lambda: on(app, "PathScreen")
                    and getattr(app.screen.focused, "value", "").endswith(".html-ny"),
                    "the words in the export's file field")
        await settled(pilot)
        assert "-ny" not in app.document.session.business_case.problem


async def test_the_command_searched_for_runs_though_enter_came_with_the_search(
        examples: Path) -> None:
    """ctrl+p, "markdown", Enter and a letter in one read: the Markdown export runs, not
    the first command listed before the search had caught up (the HTML export), and the
    letter is in its file field. The same with the palette already open."""
    from tests.test_app import burst

    app = WorkshopApp(sessions_dir=examples, open_path=examples / PORTFOLIO)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["business_case"])
        await until(pilot, lambda: isinstance(app.screen, SCREENS["business_case"]), "canvas 1")
        await settled(pilot)
        for opening in (["ctrl+p"], []):
            if not opening:
                await pilot.press("ctrl+p")
                await until(pilot, lambda: on(app, "Palette") and app.screen.focused is not None,
                            "the palette open")
            burst(app, [*opening, *"markdown", "enter", "W"])
            await until(pilot, lambda: on(app, "PathScreen")
                        and getattr(app.screen.focused, "value", "").endswith(".mdW"),
                        "the Markdown export asking for its file, the letter in it")
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, SCREENS["business_case"]),
                        "back on the canvas")


async def test_words_after_enter_on_a_decision_land_in_its_dialog(examples: Path) -> None:
    """Enter on a decision in a canvas's decision list and words in the same read: the
    decision's dialog opens with the words added to its text (before, they were said as
    typed on the list)."""
    from dtworkshop.ui.widgets.decision_log import DecisionLog
    from tests.test_app import add_decision, burst

    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["business_case"])
        await until(pilot, lambda: isinstance(app.screen, SCREENS["business_case"]), "canvas 1")
        await settled(pilot)
        await add_decision(pilot, "Første skridt", "Bo")
        await settled(pilot)
        log = app.screen.query_one(DecisionLog)
        log.focus()
        await until(pilot, lambda: app.screen.focused is log, "the decision list focused")
        burst(app, ["enter", *" æøå", "enter", "enter", "enter"])
        await until(pilot, lambda: isinstance(app.screen, SCREENS["business_case"])
                    and app.document.session.decisions[-1].text == "Første skridt æøå",
                    "the decision edited with the words")
        await settled(pilot)
        assert not notices(app)
        assert read(path)["decisions"][-1]["text"] == "Første skridt æøå"


async def test_words_typed_on_an_open_list_are_said_and_typing_still_searches_it(
        examples: Path) -> None:
    """A dropdown's list open: words typed on it (or after Enter chose and closed it) are
    said in a notice, the value untouched; a few letters of an option still find it."""
    from tests.test_app import burst

    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["business_case"])
        await until(pilot, lambda: isinstance(app.screen, SCREENS["business_case"]), "canvas 1")
        await settled(pilot)
        await pilot.press("tab")
        await until(pilot, lambda: type(app.screen.focused).__name__ == "ChoiceField", "a choice")
        choice = app.screen.focused
        before = choice.value

        async def open_list() -> None:
            app.clear_notifications()
            await pilot.press("enter")
            await until(pilot, lambda: choice.expanded, "the list open")

        await open_list()
        burst(app, [*"vi skal"])
        await until(pilot, lambda: "»vi skal«" in " ".join(notices(app)), "the words said")
        await until(pilot, lambda: not choice.expanded and app.screen.focused is choice,
                    "the list closed, the focus on the choice")
        assert choice.value == before

        await open_list()
        burst(app, ["down", "enter", *"hej"])
        await until(pilot, lambda: "»hej«" in " ".join(notices(app)), "the words after Enter said")
        assert choice.value != before

        await open_list()
        burst(app, [*"øko", "enter"])
        await until(pilot, lambda: choice.value == "economy" and not choice.expanded,
                    "the option found by its letters")
        await settled(pilot)
        assert not notices(app)
        assert read(path)["business_case"]["benefit"] == "economy"


async def test_words_after_choosing_the_language_are_not_added_to_the_title(examples: Path) -> None:
    """On the session details, the language chosen (the screen is drawn again in it) and
    words typed right after: the focus is on the language again, the words are said, and
    the title is untouched (before, the words went into the title and the file)."""
    from tests.test_app import burst

    path = examples / PORTFOLIO
    title = read(path)["title"]
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+g", "s")
        await until(pilot, lambda: on(app, "DetailsScreen") and app.screen.focused is not None,
                    "the details")
        details = app.screen
        details.query_one("#language").focus()
        await pilot.press("enter")
        await until(pilot, lambda: details.query_one("#language").expanded, "the language list")
        burst(app, ["down", "enter", *"W1"])
        await until(pilot, lambda: on(app, "DetailsScreen") and app.screen is not details
                    and getattr(app.screen.focused, "id", None) == "language",
                    "the details in English, the focus on the language")
        await until(pilot, lambda: any("“W1”" in n for n in notices(app)), "the words said (in English)")
        await settled(pilot)
        assert app.screen.query_one("#title").value == title
        await pilot.press("ctrl+q")
    assert read(path)["title"] == title
    assert read(path)["language"] == "en"


async def test_a_dropdown_opened_and_used_in_one_read_chooses(examples: Path) -> None:
    """Enter, Down, Enter in one read on a closed dropdown: its list opens and the option
    below is chosen (before, the list opened and stayed, Down and Enter gone). Enter, a few
    letters of an option and Enter: that option; words after it are said."""
    from tests.test_app import burst

    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["business_case"])
        await until(pilot, lambda: isinstance(app.screen, SCREENS["business_case"]), "canvas 1")
        await settled(pilot)
        choice = app.screen.query_one("#benefit")
        choice.focus()
        await until(pilot, lambda: app.screen.focused is choice, "the benefit's dropdown")
        options = [value for _, value in choice._options if value is not Select.NULL]
        burst(app, ["enter", "down", "enter"])
        await until(pilot, lambda: not choice.expanded and choice.value is not Select.NULL,
                    "an option chosen, the list closed")
        first = choice.value
        burst(app, ["enter", *"begge", "enter", *"så"])
        await until(pilot, lambda: choice.value == "both" and not choice.expanded, "Begge chosen")
        await until(pilot, lambda: any("»så«" in n for n in notices(app)), "the words after it said")
        await settled(pilot)
        assert first in options
        assert read(path)["business_case"]["benefit"] == "both"


async def test_every_percentage_of_a_unit_is_in_sight_in_a_smaller_window(examples: Path) -> None:
    """A unit's four percentages at 80, 60 and 40 columns: each one Tab reaches is on the
    screen, none past its right edge (before, below about 78 columns the fourth, and at 40
    the third, took typing out of sight)."""
    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["portfolio"])
        await until(pilot, lambda: isinstance(app.screen, SCREENS["portfolio"]), "the portfolio")
        await settled(pilot)
        for width, height in ((80, 24), (60, 24), (40, 12)):
            await pilot.resize_terminal(width, height)
            await until(pilot, lambda: app.screen.size.width == width, f"{width} columns")
            editor = app.screen.query("#units .numbers").first()
            fields = list(editor.query("Input.percent"))
            assert len(fields) == 4
            for field in fields:
                field.focus()
                await until(pilot, lambda: app.screen.focused is field
                            and field.region.width > 0
                            and field.region.right <= width
                            and app.screen.region.contains_region(field.region),
                            f"{field.id or 'a percentage'} in sight at {width}x{height}")


async def test_the_question_about_a_changed_file_keeps_the_notice_of_words_not_taken(
        examples: Path) -> None:
    """Words typed on a choice just before the question "the file changed on disk" comes
    up: the notice saying them stays (before, the question cleared every notice and the
    words were said nowhere)."""
    from tests.test_app import burst, on_canvas_saved, type_into

    path = examples / "2026-11-30-region-nordjylland-mors.toml"
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await on_canvas_saved(pilot, "story_fish")
        path.write_text(path.read_text("utf-8").replace("Digital lægeklinik på Mors", "Deres"),
                        encoding="utf-8")
        await type_into(pilot, "#hero", " min")
        app.screen.query_one("#paradigm").focus()
        await until(pilot, lambda: app.screen.focused is app.screen.query_one("#paradigm"),
                    "the paradigm's choice")
        burst(app, [*"eftertilføj"])
        await until(pilot, lambda: on(app, "ConfirmScreen"), "the question")
        await until(pilot, lambda: any("»eftertilføj«" in n for n in notices(app)),
                    "the words said")
        await settled(pilot)
        assert on(app, "ConfirmScreen") and any("»eftertilføj«" in n for n in notices(app))


async def test_words_typed_on_the_go_to_menu_starting_with_a_menu_letter_are_said(
        examples: Path) -> None:
    """The go-to menu showing, "alle her" (a is a canvas's key) or "sammen med" (s, the
    details) typed in one read: words, said in a notice, not a choice (before, the first
    letter chose and the rest went to the details' title). A menu letter typed alone still
    chooses."""
    from tests.test_app import burst

    path = examples / PORTFOLIO
    title = read(path)["title"]
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        for words in ("alle her", "sammen med"):
            app.clear_notifications()
            await pilot.press("ctrl+g")
            await until(pilot, lambda: on(app, "GoToScreen") and app.screen.focused is not None,
                        "the menu")
            burst(app, [*words])
            await until(pilot, lambda: any(f"»{words.replace(' ', '')}«" in n
                                           or f"»{words}«" in n for n in notices(app)),
                        f"»{words}« said")
            assert on(app, "GoToScreen")
            await pilot.press("escape")
            await until(pilot, lambda: not on(app, "GoToScreen"), "the menu closed")
        await pilot.press("ctrl+g")
        await until(pilot, lambda: on(app, "GoToScreen") and app.screen.focused is not None,
                    "the menu")
        await pilot.press("s")
        await until(pilot, lambda: on(app, "DetailsScreen"), "s alone: the details")
        await settled(pilot)
        assert app.screen.query_one("#title").value == title


async def test_down_in_the_command_palette_moves_to_the_next_command(examples: Path) -> None:
    """ctrl+p, Down, Down: the highlight moves down the list (the search field took Down as
    an edit of its own, a scroll that moves nothing, and the list never moved)."""
    from textual.command import CommandList, CommandPalette

    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await list_shown(pilot, app)
        await pilot.press("ctrl+p")
        await until(pilot, lambda: CommandPalette.is_open(app) and app.screen.query(CommandList)
                    and app.screen.query_one(CommandList).option_count > 2, "the palette's list")
        commands = app.screen.query_one(CommandList)
        assert commands.highlighted == 0
        await pilot.press("down", "down")
        await until(pilot, lambda: commands.highlighted == 2, "the third command highlighted")
        await pilot.press("escape")


async def test_a_warning_that_appears_above_keeps_the_focused_field_in_view(examples: Path) -> None:
    """Choosing "Grønt lys" with no citizen need noted brings a warning above the fields: the
    verdict just chosen, at the foot of the window, stays in view (it went under the footer
    until the next Tab)."""
    app = WorkshopApp(sessions_dir=examples, open_path=examples / "2026-04-20-ringkoebing-skjern-foraar.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_canvas(pilot, "business_case")
        screen = app.screen
        assert not screen.query_one("#warnings").display
        for _ in range(20):  # Tab down to the verdict, as a facilitator does
            if screen.focused is screen.query_one("#verdict"):
                break
            await pilot.press("tab")
            await settled(pilot)
        verdict = screen.query_one("#verdict")
        assert screen.focused is verdict and shows(app, verdict)
        await pilot.press("enter")
        await until(pilot, lambda: verdict.expanded, "the verdicts open")
        await pilot.press("home", "down", "enter")  # the first after the blank: green
        await until(pilot, lambda: screen.query_one("#warnings").display, "the warning")
        await settled(pilot)
        assert verdict.value == "green"
        await until(pilot, lambda: shows(app, verdict), "the verdict still in view")
