"""Themes (issue 14): the shipped ones read well in every terminal, the user's own are found
and offered in the palette, and a broken theme file is named, never fatal.

The looks are checked in the cells the running app draws (tests/looks.py): every screen, in
each shipped theme, in 24-bit, 256 and 16 colours, and under NO_COLOR (Textual's monochrome
filter), for text contrast (WCAG AA, 4.5:1) and for the focus showing where it moved.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from textual.command import CommandPalette
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Select, TextArea

from dtworkshop.core.canvases import CANVAS_KEYS
from dtworkshop.storage.themes import shipped_folder
from dtworkshop.ui.app import WorkshopApp

from tests.conftest import settled, until
from tests.looks import (
    in_theme,
    looks,
    screen_cells_by_depth,
    signs_under_contrast,
    text_under_contrast,
)
from tests.test_keys_land import PORTFOLIO, list_shown, open_canvas

SIZE = (80, 24)
ROOT = Path(__file__).resolve().parent.parent
# The shipped themes, and any a user put in the project's themes/ to have it checked too.
SHIPPED = sorted({p.stem for p in [*shipped_folder().glob("*.toml"),
                                   *(ROOT / "themes").glob("*.toml")]})


def focus_name(app: WorkshopApp) -> str:
    focused = app.screen.focused
    return f"{type(focused).__name__}#{focused.id}" if focused is not None else "nothing"


def blank_field(rows: list, region) -> str | None:
    """Why an empty field at `region` cannot be seen, or None: it shows no placeholder and
    its ground is the ground beside it."""
    if not region.area or not 0 <= region.y < len(rows):
        return None
    row = rows[region.y]
    inside = row[region.x:region.right]
    if not inside or any(c.char.strip() for c in inside):
        return None
    beside = [row[x] for x in (region.x - 1, region.right) if 0 <= x < len(row)]
    if beside and all(c.bg == inside[0].bg for c in beside):
        return f"empty, no placeholder, on the ground around it ({inside[0].bg})"
    return None


@lru_cache(maxsize=256)
def _spots(regions: tuple) -> dict[int, list[int]]:
    """The cells inside any of `regions`: their columns by row, left to right."""
    spots: dict[int, set[int]] = {}
    for r in regions:
        for y in range(r.y, r.bottom):
            spots.setdefault(y, set()).update(range(r.x, r.right))
    return {y: sorted(xs) for y, xs in spots.items()}


class Look:
    """What the tour found wrong, by depth: text under contrast, and focus moves that
    changed nothing on screen."""

    def __init__(self, tab: bool = True) -> None:
        self.problems: list[str] = []
        self.tab = tab  # False: contrast only, no focus moves (each costs renders polled)
        self._said: set[str] = set()

    def check(self, app: WorkshopApp, where: str) -> dict[str, list]:
        """Check the screen now in every depth; return its looks by depth (to compare).
        A screen under a dialog is dimmed on purpose and not read: only the dialog is."""
        seen = {}
        within = None
        if isinstance(app.screen, ModalScreen):
            within = [w.region for w in app.screen.query("*") if w.region.area]
        for depth, rows in screen_cells_by_depth(app).items():
            for problem in [*text_under_contrast(rows, within=within),
                            *signs_under_contrast(rows, within=within)]:
                said = f"[{depth}] {problem.split(' ', 1)[1]}"  # the same text, once
                if said not in self._said:
                    self._said.add(said)
                    self.problems.append(f"{where} [{depth}]: {problem}")
            seen[depth] = looks(rows)
            for field in app.screen.query("Input, TextArea"):
                if field is app.screen.focused or field.text if isinstance(field, TextArea) \
                        else field is app.screen.focused or field.value:
                    continue
                problem = blank_field(rows, field.region)
                if problem and f"[{depth}] {field.id}: {problem}" not in self._said:
                    self._said.add(f"[{depth}] {field.id}: {problem}")
                    self.problems.append(f"{where} [{depth}]: {field.id or field}: {problem}")
        return seen

    async def tab_through(self, pilot, where: str, moves: int = 3, key: str = "tab",
                          watch: str | None = None) -> None:
        """Move the focus (or, with `key` "down", the highlight of the list `watch`, a
        selector) on `moves` times; each move must show, in every depth, in the cells of
        the widgets it moved between (or of `watch`). A cursor blinking elsewhere (the
        palette's search field) is no sign of a move, and the fields' cursors stay still."""
        app = pilot.app
        for field in app.screen.query("Input, TextArea"):
            field.cursor_blink = False

        def region() -> list:
            if watch is not None:
                return [app.screen.query_one(watch).region]
            focused = app.screen.focused
            return [focused.region] if focused is not None else []

        def cells_in(regions: list, rows: list) -> list:
            spots = _spots(tuple(regions))
            return [[row[x] for x in spots.get(y, ()) if x < len(row)]
                    for y, row in enumerate(rows)]

        self.check(app, where)
        name = focus_name(app)
        for _ in range(moves if self.tab else 0):
            watched = region()
            before = {depth: cells_in(watched, looks(rows))
                      for depth, rows in screen_cells_by_depth(app).items()}
            await pilot.press(key)
            await settled(pilot)
            for field in app.screen.query("Input, TextArea"):
                field.cursor_blink = False
            now = focus_name(app) if key == "tab" else f"{name} ↓"
            watched = watched + region()

            def unchanged() -> list[str]:
                return [depth for depth, rows in screen_cells_by_depth(app).items()
                        if cells_in(watched, looks(rows)) == before[depth]]

            if now != name:
                # The focus's new looks are styled and drawn a refresh after it moves.
                try:
                    await until(pilot, lambda: not unchanged(), "the focus showing", timeout=3)
                except AssertionError:
                    for depth in unchanged():
                        self.problems.append(f"{where} [{depth}]: the focus moved from {name} "
                                             f"to {now} and nothing changed on screen")
            self.check(app, f"{where} ({now})")
            name = now

    def framed(self, app: WorkshopApp, selector: str, where: str) -> None:
        """The widget `selector` must be told from what it covers in every depth: drawn
        with a frame (its edge rows not blank)."""
        region = app.screen.query_one(selector).region
        for depth, rows in screen_cells_by_depth(app).items():
            for y in (region.y, region.bottom - 1):
                edge = "".join(c.char for c in rows[y][region.x:region.right])
                if not edge.strip():
                    self.problems.append(f"{where} [{depth}]: row {y} of {selector} is blank: "
                                         "it has no frame to tell it from what it covers")


async def tally_tour(app: WorkshopApp, pilot, look: Look) -> None:
    """The tally dialog (ctrl+y) on the canvas showing: its options, then its counts and
    chart, a count typed; and the question Escape asks before throwing counts away."""
    await pilot.press("ctrl+y")
    await until(pilot, lambda: type(app.screen).__name__ == "TallyScreen"
                and app.screen.focused is not None, "the tally dialog")
    dialog = app.screen
    await settled(pilot)
    await look.tab_through(pilot, "tally dialog", moves=3)
    dialog.query_one("#question", Input).value = "Hvad først?"
    dialog.query_one("#new-option", Input).focus()
    await settled(pilot)
    await pilot.press("enter")
    await until(pilot, lambda: type(dialog.focused).__name__ == "CountList", "the counting")
    await pilot.press("3", "enter", "plus")
    await until(pilot, lambda: not dialog.chart_pending, "the chart drawn")
    await settled(pilot)
    await look.tab_through(pilot, "tally counting", moves=2)
    await pilot.press("escape")
    await until(pilot, lambda: type(app.screen).__name__ == "ChoiceScreen", "discard the counts?")
    await settled(pilot)
    look.check(app, "tally: discard the counts?")
    await pilot.press("tab", "tab", "enter")  # discard them: the third button
    await until(pilot, lambda: type(app.screen).__name__ not in ("ChoiceScreen", "TallyScreen"),
                "the tally dialog closed")


async def tour(app: WorkshopApp, pilot, look: Look) -> None:
    """Every screen a facilitator sees, checked: the session list, its filters and an open
    dropdown, a date that is none, the decision log across sessions, the new session dialog,
    then the portfolio session's canvases (a blank dropdown open on the business case), the
    decision dialog, the notices' log with its text selected, and the palette."""
    await list_shown(pilot, app)
    await settled(pilot)
    look.check(app, "session list")
    await pilot.press("slash")
    await until(pilot, lambda: isinstance(app.screen.focused, Input), "the search field")
    await look.tab_through(pilot, "session list filters")
    app.screen.query_one("#org").focus()
    await pilot.press("enter")
    await until(pilot, lambda: app.screen.query_one("#org").expanded
                and app.screen.focused is app.screen.query_one("#org SelectOverlay"),
                "the organisations' list open")
    await settled(pilot)
    look.framed(app, "#org SelectOverlay", "open dropdown")
    await look.tab_through(pilot, "open dropdown", moves=2, key="down", watch="#org SelectOverlay")
    await pilot.press("escape")
    await until(pilot, lambda: not app.screen.query_one("#org").expanded, "the list closed")
    # A day that is no day, marked as it is typed.
    since = app.screen.query_one("#from", Input)
    since.value = "x"
    await until(pilot, lambda: since.has_class("-invalid"), "the date marked")
    await settled(pilot)
    look.check(app, "a filter's date that is no date")
    since.value = ""
    app.notify("Ærø: første værksted", markup=False)  # a notice, over the list
    await until(pilot, lambda: app.screen.query("Toast"), "the notice shown")
    await settled(pilot)
    look.check(app, "a notice")
    # The decision log across sessions, only the overdue ones.
    await pilot.press("escape", "d")
    await until(pilot, lambda: type(app.screen).__name__ == "DecisionsScreen", "the decision log")
    await settled(pilot)
    status = app.screen.query_one("#status")
    await pilot.press("o")
    await until(pilot, lambda: status.value == "overdue", "only overdue")
    status.focus()  # the filter, focused, as the list
    await settled(pilot)
    look.check(app, "decision log, overdue only")
    await pilot.press("escape")  # from the filters to the list, then out
    await until(pilot, lambda: type(app.screen.focused).__name__ == "LongTable", "its list")
    await pilot.press("escape")
    await until(pilot, lambda: type(app.screen).__name__ == "BrowserScreen", "the list again")
    await pilot.press("escape", "n")
    await until(pilot, lambda: type(app.screen).__name__ == "NewSessionScreen", "new session")
    await settled(pilot)
    await look.tab_through(pilot, "new session dialog", moves=4)
    await pilot.press("escape")
    await until(pilot, lambda: type(app.screen).__name__ == "BrowserScreen", "the list again")
    app.open_session(app.sessions_dir / PORTFOLIO)
    await until(pilot, lambda: app.document is not None, "the session open")
    for key in CANVAS_KEYS:
        await open_canvas(pilot, key)
        await look.tab_through(pilot, key, moves=1)
        if key == "business_case":  # an open dropdown, its blank option highlighted
            verdict = app.screen.query_one("#verdict", Select)
            verdict.clear()
            verdict.focus()
            await settled(pilot)
            await pilot.press("enter")
            await until(pilot, lambda: verdict.expanded, "the verdicts open")
            await settled(pilot)
            look.check(app, "business_case (verdicts, none chosen)")
            await pilot.press("escape")
            await until(pilot, lambda: not verdict.expanded, "the verdicts closed")
        await pilot.press("ctrl+o")  # its chart or drawing, where it has one, in view
        await settled(pilot)
        await pilot.pause()
        look.check(app, f"{key} (chart)")
    await pilot.press("ctrl+d")
    await until(pilot, lambda: type(app.screen).__name__ == "DecisionScreen", "decision dialog")
    await settled(pilot)
    await look.tab_through(pilot, "decision dialog", moves=3)
    await pilot.press("escape")
    await until(pilot, lambda: type(app.screen).__name__ != "DecisionScreen", "dialog closed")
    await tally_tour(app, pilot, look)
    # The notices' log, its text selected.
    app.notify("Ærø: første værksted", markup=False)
    app.action_notices()
    await until(pilot, lambda: type(app.screen).__name__ == "NoticesScreen"
                and app.screen.query("#notices"), "the notices")
    log = app.screen.query_one("#notices", TextArea)
    log.focus()
    log.select_all()
    await settled(pilot)
    look.check(app, "notices, selected")
    await pilot.press("escape")
    await until(pilot, lambda: type(app.screen).__name__ != "NoticesScreen", "notices closed")
    await pilot.press("ctrl+p")
    await until(pilot, lambda: CommandPalette.is_open(app), "the command palette")
    await until(pilot, lambda: app.screen.query(OptionList)
                and app.screen.query_one(OptionList).option_count > 2, "its commands")
    await look.tab_through(pilot, "command palette", moves=2, key="down", watch="CommandList")


@pytest.mark.slow
@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
@pytest.mark.parametrize("theme", SHIPPED)
async def test_every_screen_reads_in_every_terminal(examples: Path, monkeypatch, theme: str,
                                                    no_color: bool) -> None:
    """Each shipped theme, in 24-bit, 256 and 16 colours, with and without NO_COLOR: on
    every screen text is at 4.5:1 contrast or more (placeholders too), and each move of the
    focus changes what the screen shows."""
    in_theme(monkeypatch, examples, theme, no_color)
    app = WorkshopApp(sessions_dir=examples, theme=theme)
    # Under NO_COLOR the focus moves are walked in the default theme only: the suite's time
    # (each move polls the screen drawn in three depths); contrast is checked in all.
    look = Look(tab=not no_color or theme == "dtworkshop")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        assert app.theme == theme
        await tour(app, pilot, look)
    assert not look.problems, "\n".join(look.problems)
