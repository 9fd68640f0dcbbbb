"""Every key lands where the facilitator sees it (issue 11): the real app, driven with
Textual's Pilot at 80x24, and the files it wrote."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual import events

from dtworkshop.core.canvases import CANVAS_KEYS
from dtworkshop.ui.app import WorkshopApp
from dtworkshop.ui.canvases import SCREENS

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
        await settled(pilot)
        await pilot.press("ctrl+q")
    assert read(path)["title"] == "Xæø å Y Z"
