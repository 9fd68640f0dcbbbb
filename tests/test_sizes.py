"""Every screen, menu and dialog survives every terminal size, down to 1x1.

A facilitator drags a tmux pane narrow, or a projector's window is shrunk to nothing for a
moment: the app must draw what fits and go on, not end with a traceback and leave its lock
behind. Each test opens a screen, menu or dialog of the real app with the Pilot, walks the
terminal through SIZES (down to one cell, back to 80x24), waits at each size for the screen
to have taken the size in and drawn itself, and then checks that the app still takes keys.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.geometry import Size
from textual.widgets import Select

from dtworkshop.core.labels import Labels
from dtworkshop.ui.app import WorkshopApp
from dtworkshop.ui.canvases import SCREENS
from dtworkshop.ui.canvases.base import CanvasScreen
from dtworkshop.ui.screens.compare import CompareScreen
from dtworkshop.ui.screens.decisions import DecisionsScreen
from dtworkshop.ui.screens.details import DetailsScreen
from dtworkshop.ui.screens.dialogs import (
    ChoiceScreen,
    ConfirmScreen,
    DecisionScreen,
    GoToScreen,
    NewSessionScreen,
    PathScreen,
)
from dtworkshop.ui.screens.overview import OverviewScreen
from dtworkshop.ui.screens.browser import BrowserScreen
from dtworkshop.ui.screens.trends import TrendsScreen
from dtworkshop.ui.screens.dialogs import CANVAS_HOTKEY

from tests.conftest import until
from tests.test_locks import fake_lock
from tests.test_review_screens import spring_and_autumn, started, to_row

SIZE = (80, 24)
SIZES = [(3, 24), (2, 24), (1, 24), (1, 1), (3, 2), (20, 8), (80, 1), (80, 24)]
"""The walk: a pane dragged to 3, 2 and 1 columns (the tester's case: each width failed in
its own way), one cell, a sliver, small, one row, and back to the tmux default. (Sizes
between these, 2x1, 10x5 and 40x12, took the same paths and cost a quarter of the walk.)"""

PORTFOLIO = "2026-12-07-ringkoebing-skjern-portefoelje.toml"  # decisions on several canvases
MORS = "2026-11-30-region-nordjylland-mors.toml"
DA = Labels("da")


def caught_up(app, screen, size: Size) -> bool:
    """The screen has laid itself out at `size` and has nothing left to redraw."""
    return (
        screen.size == size
        and not screen._layout_required
        and not screen._scroll_required
        and not screen._repaint_required
        and not screen._recompose_required
        and not screen._dirty_widgets
    )


async def through_sizes(pilot, what: str) -> None:
    """Resize the terminal through SIZES with `what` showing; at each size wait until the
    screen has caught up, then draw it whole (every widget renders at that size). The app
    must still run, on the same screen, at every size."""
    app = pilot.app
    screen = app.screen
    for width, height in SIZES:
        size = Size(width, height)
        await pilot.resize_terminal(width, height)
        await until(pilot, lambda: app._exception is not None or caught_up(app, screen, size),
                    f"{what} laid out at {width}x{height}")
        assert app._exception is None, f"{what} at {width}x{height}: {app._exception!r}"
        screen._compositor.render_update(full=True)  # raises if a widget cannot draw
        assert app.is_running and app.screen is screen, f"{what} at {width}x{height}"


async def shows(pilot, kind: type, what: str | None = None) -> None:
    """Wait until the app shows a screen of `kind`."""
    await until(pilot, lambda: isinstance(pilot.app.screen, kind), what or kind.__name__)


async def through_sizes_with_menu_open(pilot, select: Select, what: str) -> None:
    """Open the Select `select` (Enter), walk its menu through every size, close it
    (Escape): the keys still reach it."""
    select.focus()
    await pilot.press("enter")
    await until(pilot, lambda: select.expanded, f"{what} open")
    await through_sizes(pilot, what)
    await pilot.press("escape")
    await until(pilot, lambda: not select.expanded, f"{what} closed")


async def through_sizes_with_commands(pilot, query: str, what: str) -> None:
    """Open the command palette (ctrl+p), type `query`, and walk it through every size
    with the commands found listed."""
    await pilot.press("ctrl+p")
    await shows(pilot, CommandPalette)
    await pilot.press(*query)
    palette = pilot.app.screen
    await until(pilot, lambda: palette.query_one("CommandList").option_count > 0,
                f"{what}: commands found")
    await through_sizes(pilot, what)


# ---------------------------------------------------------------- the session list and beyond


@pytest.mark.slow
async def test_the_session_list_and_its_screens_survive_every_size(examples: Path) -> None:
    """The session browser (also searching), the new-session dialog and its language menu,
    the decision log, compare, trends and the command palette: each through every size; the
    keys after it still work."""
    a, b = spring_and_autumn(examples)
    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await shows(pilot, BrowserScreen)
        await through_sizes(pilot, "the session list")
        await through_sizes_with_menu_open(pilot, app.screen.query_one("#org", Select),
                                           "the session list's organisation menu")
        app.screen.query_one("#sessions").focus()
        await pilot.press("/")
        await pilot.press(*"mors")
        await through_sizes(pilot, "the session list, searching")
        await pilot.press(*["backspace"] * 4, "escape")  # the whole list again

        await pilot.press("n")
        await shows(pilot, NewSessionScreen)
        await through_sizes(pilot, "the new-session dialog")
        await pilot.press(*"Titel")
        dialog = app.screen
        await through_sizes_with_menu_open(pilot, dialog.query_one("#language", Select),
                                           "the new-session dialog's language menu")
        assert dialog.query_one("#title").value == "Titel"  # the keys went where meant
        await pilot.press("escape")  # asked before "Titel" goes: discard it
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen)
                    and app.screen.focused is not None, "the question")
        await pilot.press("tab", "tab", "enter")
        await shows(pilot, BrowserScreen)

        await pilot.press("d")
        await shows(pilot, DecisionsScreen)
        await app.workers.wait_for_complete()
        await through_sizes(pilot, "the decision log")
        for select in app.screen.query(Select):
            await through_sizes_with_menu_open(pilot, select, f"the decision log's #{select.id}")
        app.screen.query_one("#decision-table").focus()
        await pilot.press("escape")
        await shows(pilot, BrowserScreen)

        await started(app, pilot)
        await to_row(pilot, a)
        await pilot.press("m")
        await to_row(pilot, b)
        await pilot.press("c")
        await shows(pilot, CompareScreen)
        await through_sizes(pilot, "compare")
        await pilot.press("escape")
        await shows(pilot, BrowserScreen)

        await started(app, pilot)
        await to_row(pilot, b)
        await pilot.press("t")
        await shows(pilot, TrendsScreen)
        await app.workers.wait_for_complete()
        await through_sizes(pilot, "trends")
        await pilot.press("escape")
        await shows(pilot, BrowserScreen)

        await through_sizes_with_commands(pilot, "the", "the command palette")
        await pilot.press("escape")
        await shows(pilot, BrowserScreen)
        await pilot.press("q")
    assert app.return_code == 0


# ---------------------------------------------------------------- a session


@pytest.mark.slow
async def test_every_screen_of_a_session_survives_every_size(examples: Path) -> None:
    """The overview, the session details and the seven canvases (one with its choice menu
    open), each through every size; after each, ctrl+g and a key still go on."""
    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await shows(pilot, CanvasScreen)
        for key, kind in [("0", OverviewScreen), ("s", DetailsScreen),
                          *[(CANVAS_HOTKEY[k], screen) for k, screen in SCREENS.items()]]:
            await pilot.press("ctrl+g", key)
            await shows(pilot, kind)
            await through_sizes(pilot, kind.__name__)

        await pilot.press("ctrl+g", CANVAS_HOTKEY["business_case"])
        await shows(pilot, SCREENS["business_case"])
        await through_sizes_with_menu_open(pilot, app.screen.query_one("#verdict", Select),
                                           "the business case's verdict menu")
        await pilot.press("ctrl+g", "0")
        await shows(pilot, OverviewScreen)
        await pilot.press("ctrl+q")
    assert app.return_code == 0


@pytest.mark.slow
async def test_every_dialog_of_a_session_survives_every_size(examples: Path) -> None:
    """The go-to menu (the tester's case: ctrl+g, wait, shrink to 3, 2, 1 columns), a new
    decision, deleting one, export to a file and the command palette; each through every
    size, and each still answers its keys after."""
    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await shows(pilot, CanvasScreen)

        await pilot.press("ctrl+g")
        await shows(pilot, GoToScreen, "the go-to menu")
        await through_sizes(pilot, "the go-to menu")
        await pilot.press("0")
        await shows(pilot, OverviewScreen)

        await pilot.press("ctrl+g", CANVAS_HOTKEY["portfolio"])
        await shows(pilot, SCREENS["portfolio"])
        canvas = app.screen
        await pilot.press("ctrl+d")
        await shows(pilot, DecisionScreen)
        await through_sizes(pilot, "the decision dialog")
        await pilot.press(*"Ny", "enter", *"Bo", "enter", "enter")
        await shows(pilot, SCREENS["portfolio"])
        assert app.document.session.decisions[-1].text == "Ny"

        log = canvas.query_one("DecisionLog")
        log.focus()
        await pilot.press("end", "delete")
        await shows(pilot, ConfirmScreen)
        await through_sizes(pilot, "deleting a decision")
        await pilot.press("escape")
        await shows(pilot, SCREENS["portfolio"])
        assert app.document.session.decisions[-1].text == "Ny"  # "no" kept it

        await through_sizes_with_commands(pilot, DA("export.heading_md"), "the command palette")
        await pilot.press("enter")
        await shows(pilot, PathScreen)
        await through_sizes(pilot, "exporting to a file")
        await pilot.press("escape")
        await shows(pilot, SCREENS["portfolio"])
        assert app.screen is canvas
        await pilot.press("ctrl+q")
    assert app.return_code == 0


@pytest.mark.slow
async def test_the_log_of_notices_survives_every_size(examples: Path) -> None:
    """The log of notices (ctrl+p, "Vis beskeder") with a notice in it, through every size; it
    still takes its keys after (Escape closes it)."""
    from dtworkshop.ui.notices import NoticesScreen

    app = WorkshopApp(sessions_dir=examples, open_path=examples / MORS)
    async with app.run_test(size=SIZE) as pilot:
        await shows(pilot, CanvasScreen)
        app.notify("æøå " * 40, markup=False)
        await through_sizes_with_commands(pilot, DA("notices.command"), "the command palette")
        await pilot.press("enter")
        await shows(pilot, NoticesScreen)
        await through_sizes(pilot, "the log of notices")
        await pilot.press("escape")
        await shows(pilot, CanvasScreen)
        await pilot.press("ctrl+q")
    assert app.return_code == 0


async def test_the_question_about_a_locked_file_survives_every_size(examples: Path) -> None:
    """Opening a session another dtworkshop has open asks what to do: the question through
    every size, then Enter still opens it read-only."""
    path = examples / MORS
    fake_lock(path, pid=os.getpid(), user="anne")
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await shows(pilot, ChoiceScreen)
        await through_sizes(pilot, "the question about a locked file")
        await pilot.press("enter")
        await shows(pilot, CanvasScreen)
        assert app.document.read_only
        await pilot.press("ctrl+q")
    assert app.return_code == 0
