"""User text is never markup and never reaches the terminal as control codes.

Session files are mailed around and kept in git, so their text is not trusted: a participant
named `[@click=app.quit]Bob[/]` is a name, not a button; `Retro [/] Q3` is a title, not a
markup error; ESC [2J, BEL and CR in a decision are shown as symbols (␛ ␇ ␍), never sent.
The real app is driven with the Pilot and what it would draw is read back from its
compositor, every line of it; `dtworkshop show` runs in a subprocess.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typing import Any

from msgspec import inspect as mi
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Input, Static

from dtworkshop.core.canvases import CANVAS_KEYS
from dtworkshop.core.session import FORMAT, Decision, Participant, Session
from dtworkshop.core.text import visible
from dtworkshop.storage import read_session, save_session, session_path
from dtworkshop.ui.app import WorkshopApp
from dtworkshop.ui.canvases import SCREENS
from dtworkshop.ui.screens.dialogs import CANVAS_HOTKEY
from tests.conftest import settled, until

ROOT = Path(__file__).resolve().parent.parent
SIZE = (80, 24)
CET = dt.timezone(dt.timedelta(hours=1))
MADE = dt.datetime(2026, 11, 30, 10, 0, tzinfo=CET)

CLICK = "[@click=app.quit]Bob[/]"
TITLE = "Retro [/] Q3"
ORGANISATION = "[bold]x"
EVIL = "[/] [red]r\x1b[2J\x07b\rc\x9b31m"
"""Markup that would close a tag that is not open, a colour, ESC [2J (clear the screen), BEL,
a lone CR and the 8-bit CSI."""
EVIL_SHOWN = "[/] [red]r␛[2J␇b␍c�31m"
"""EVIL as a one-line field shows it."""

CONTROL = [chr(c) for c in (*range(0x00, 0x20), *range(0x7F, 0xA0))]


# ---------------------------------------------------------------- helpers


def screen_lines(app: App) -> list[str]:
    """Every line the app would draw now (the screen and any dialog or toast over it), as
    the text of the segments that go to the terminal."""
    update = app.screen._compositor.render_update(full=True)
    return ["".join(segment.text for segment in strip) for strip in update.strips]


def assert_harmless(app: App, where: str) -> str:
    """The drawn screen holds no control character; returns it as one text."""
    lines = screen_lines(app)
    for y, line in enumerate(lines):
        bad = sorted({repr(c) for c in line if c in CONTROL})
        assert not bad, f"{where}: line {y} would send {bad} to the terminal: {line!r}"
    return "\n".join(lines)


def locate(app: App, needle: str) -> tuple[int, int]:
    """Screen cell (x, y) where `needle` is drawn."""
    for y, line in enumerate(screen_lines(app)):
        if needle in line:
            return len(line[: line.index(needle)]), y  # one cell a character on these screens
    raise AssertionError(f"{needle!r} is not on the screen:\n" + "\n".join(screen_lines(app)))


def shown(widget: Static) -> str:
    return str(widget.render())


def filled(node: mi.Type, text: str) -> Any:
    """A value of the schema type `node` with every text in it `text`, every optional table
    present and every list two long: all of a session's text, whatever canvases it has."""
    if isinstance(node, mi.StructType):
        return node.cls(**{f.name: filled(f.type, text) for f in node.fields})
    if isinstance(node, mi.UnionType):
        return filled(next(t for t in node.types if not isinstance(t, mi.NoneType)), text)
    if isinstance(node, mi.StrType):
        return "evil" if node.pattern else text
    if isinstance(node, mi.IntType):
        return FORMAT if node.ge is None else node.ge + 1
    if isinstance(node, mi.LiteralType):
        return node.values[0]
    if isinstance(node, mi.ListType):
        return [filled(node.item_type, text) for _ in range(2)]
    if isinstance(node, mi.DateType):
        return dt.date(2027, 1, 31)
    if isinstance(node, mi.DateTimeType):
        return MADE
    raise NotImplementedError(node)


def evil_session() -> Session:
    """Every text of every canvas is EVIL, with one EVIL decision on each canvas."""
    session = filled(mi.type_info(Session), EVIL)
    session.current = "business_case"
    session.language = "da"
    session.agenda = None  # no text in a timebox, and the app would count time into it
    session.decisions = [
        Decision(canvas=key, text=EVIL, owner=EVIL, due=dt.date(2027, 1, 31), made=MADE)
        for key in CANVAS_KEYS
    ]
    return session


def assert_texts_unchanged(path: Path, session: Session) -> None:
    """The file holds `session` but for where it resumes (and so when it was updated)."""
    back = read_session(path)
    back.current, back.updated = session.current, session.updated
    assert back == session, "showing the texts changed them"


def saved(folder: Path, session: Session) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = session_path(folder, session.id)
    save_session(session, path)
    return path


# ---------------------------------------------------------------- the probe itself


async def test_the_click_probe_would_catch_markup() -> None:
    """The method below can fail: text shown AS markup quits the app when clicked."""

    class Markup(App):
        def compose(self) -> ComposeResult:
            yield Static(CLICK)  # markup on: "Bob" becomes a link to app.quit

    app = Markup()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        x, y = locate(app, "Bob")
        await pilot.click(offset=(x + 1, y))
        await pilot.pause()
        assert not app.is_running, "clicking markup text quits: the probe works"


# ---------------------------------------------------------------- participants


async def test_a_participant_named_like_a_click_action_is_a_name(tmp_path: Path) -> None:
    session = evil_session()
    session.participants = [Participant(name=CLICK, role="[b]Kommunaldirektør[/b]")]
    path = saved(tmp_path / "s", session)
    before = path.read_bytes()
    app = WorkshopApp(sessions_dir=path.parent, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "s")
        await pilot.pause()
        assert type(app.screen).__name__ == "DetailsScreen"
        assert CLICK in assert_harmless(app, "details")
        x, y = locate(app, CLICK)
        await pilot.click(offset=(x + CLICK.index("Bob") + 1, y))  # on "Bob"
        await pilot.pause()
        assert app.is_running
        assert type(app.screen).__name__ == "DetailsScreen"
        assert isinstance(app.focused, Input) and app.focused.value == CLICK  # just focused

        # Removing asks with the name in the question: click the name there too.
        remove = app.screen.query("#participants .remove").first()
        await pilot.click(remove)
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        assert CLICK in assert_harmless(app, "remove question")
        x, y = locate(app, CLICK)
        await pilot.click(offset=(x + CLICK.index("Bob") + 1, y))
        await pilot.pause()
        assert app.is_running
        await pilot.press("escape")  # no, keep Bob
        await pilot.pause()
        assert [p.name for p in app.document.session.participants] == [CLICK]
        await pilot.press("ctrl+q")
    assert path.read_bytes() == before  # looking and clicking changed nothing


# ---------------------------------------------------------------- title and organisation


@pytest.mark.slow
async def test_a_title_with_markup_is_shown_literally_everywhere(tmp_path: Path, monkeypatch) -> None:
    """Open, save, fail to save, and visit the overview, every canvas and the details: the
    session bar always shows `Retro [/] Q3 · [bold]x` as typed, and nothing crashes. The
    folder's name has markup and an ESC in it too: the save-failure message shows the path."""
    import dtworkshop.document as document

    folder = tmp_path / "[red]møder[/]\x1b[2J"
    session = evil_session()
    session.title, session.organisation = TITLE, ORGANISATION
    path = saved(folder, session)
    bar_text = f"{TITLE} · {ORGANISATION}"
    app = WorkshopApp(sessions_dir=folder, open_path=path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+g", "0")
        await pilot.pause()
        assert type(app.screen).__name__ == "OverviewScreen"
        seen = []
        for _ in CANVAS_KEYS:  # ctrl+n steps through the seven canvases from the overview
            await pilot.press("ctrl+n")
            await pilot.pause()
            seen.append(app.screen.CANVAS)
            assert bar_text in shown(app.screen.query_one("#session-bar")), app.screen.CANVAS
            assert bar_text in assert_harmless(app, app.screen.CANVAS)
        assert sorted(seen) == sorted(CANVAS_KEYS)

        # the saved state: an edit is saved, the bar says so, the title still literal
        await pilot.press("ctrl+g", CANVAS_HOTKEY["story_fish"])
        await until(pilot, lambda: app.screen.query("#hero"), "the story fish")
        app.screen.query_one("#hero", Input).focus()
        await pilot.press("end", "!")
        await settled(pilot)
        await until(pilot, lambda: "Gemt" in shown(app.screen.query_one("#session-bar")),
                    "the bar saying it is saved")
        assert bar_text in shown(app.screen.query_one("#session-bar"))
        assert read_session(path).story_fish.hero == EVIL + "!"

        # a failing save: the notification names the file, markup and ESC shown harmlessly
        def refused(*args, **kwargs):
            raise PermissionError(13, "Permission denied", str(path))

        monkeypatch.setattr(document, "save_session", refused)
        monkeypatch.setattr(document, "write_atomic", refused)
        await pilot.press("?")
        await until(pilot, lambda: any(visible(str(path)) in shown(t)
                                       for t in app.screen.query("Toast")),
                    "the failure told in a toast that names the file")
        assert app.is_running
        assert_harmless(app, "save failure")  # the toast over the canvas included
        assert bar_text in shown(app.screen.query_one("#session-bar"))
        monkeypatch.undo()

        for key in ("0", "s", "1"):
            await pilot.press("ctrl+g", key)
            await pilot.pause()
            assert bar_text in shown(app.screen.query_one("#session-bar")), key
            assert_harmless(app, key)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert read_session(path).story_fish.hero == EVIL + "!?"
    assert read_session(path).title == TITLE


# ---------------------------------------------------------------- every text of every screen


@pytest.mark.slow
async def test_every_text_of_every_screen_is_shown_harmlessly(tmp_path: Path) -> None:
    """A session whose every text field holds markup, ESC, BEL, CR and C1: the session list,
    the overview, the details and each canvas with its chart or drawing draw it without
    one control character, and its markup as text."""
    session = evil_session()
    path = saved(tmp_path / "s", session)
    app = WorkshopApp(sessions_dir=path.parent)
    async with app.run_test(size=(140, 40)) as pilot:  # wide: charts beside the fields
        await pilot.pause()
        assert "[/] [red]r␛[2J" in assert_harmless(app, "session list")
        await pilot.press("enter")
        await pilot.pause()
        for key in ("0", "s", *[CANVAS_HOTKEY[k] for k in CANVAS_KEYS]):
            await pilot.press("ctrl+g", key)
            await pilot.pause()
            screen = assert_harmless(app, f"ctrl+g {key}")
            assert app.is_running
            if key == "0":
                continue
            assert "[red]r" in screen, f"ctrl+g {key}: the text is not shown as typed"
            if key.isdigit():
                assert EVIL_SHOWN in screen, f"canvas {key}: a one-line field"
                await pilot.press("ctrl+o")
                await pilot.pause()
                assert_harmless(app, f"canvas {key}, its chart")
        await pilot.press("ctrl+q")
    assert_texts_unchanged(path, session)


async def test_decisions_and_chart_labels_show_markup_and_controls_literally(tmp_path: Path) -> None:
    session = evil_session()
    session.portfolio.units[0].name = "[red]A" + EVIL
    session.portfolio.units[0].streamline = 60  # 60 % in all: warned, with the unit's name
    path = saved(tmp_path / "s", session)
    app = WorkshopApp(sessions_dir=path.parent, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["portfolio"])
        await pilot.pause()
        assert isinstance(app.screen, SCREENS["portfolio"])
        log = app.screen.query_one("#decisions", DataTable)
        text, owner, _due = (str(cell) for cell in log.get_row_at(0))
        assert text == "[/] [red]r␛[2J␇b c�31m"  # on one line: the CR is a space there
        assert owner == EVIL_SHOWN
        warnings = shown(app.screen.query_one("#warnings"))
        assert "[red]A[/] [red]r␛[2J␇b␍c�31m" in warnings and "␇" in warnings
        await pilot.press("ctrl+o")
        await pilot.pause()
        chart = app.screen.query_one("#chart").plot.render().plain
        assert "[red]A[/] [" in chart  # the unit's name as the bar's label, cut short
        assert not any(c in chart for c in CONTROL if c != "\n")
        screen = assert_harmless(app, "portfolio chart")
        assert "[red]A[/]" in screen
        # the decision's own dialog shows it as text too
        log.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "DecisionScreen"
        assert app.screen.query_one("#text", Input).value == EVIL  # kept exactly for editing
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+q")
    assert_texts_unchanged(path, session)


async def test_the_decision_dialog_draws_controls_harmlessly(tmp_path: Path) -> None:
    path = saved(tmp_path / "s", evil_session())
    app = WorkshopApp(sessions_dir=path.parent, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        log = app.screen.query_one("#decisions", DataTable)
        log.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "DecisionScreen"
        assert_harmless(app, "decision dialog")
        await pilot.press("escape", "ctrl+q")


# ---------------------------------------------------------------- dtworkshop show


def test_show_prints_every_text_harmlessly(tmp_path: Path) -> None:
    session = evil_session()
    session.title, session.organisation = TITLE, ORGANISATION
    session.participants = [Participant(name=CLICK, role=EVIL)]
    path = saved(tmp_path, session)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path),
           "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run([sys.executable, "-m", "dtworkshop", "show", path.name],
                            cwd=tmp_path, env=env, capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    out = result.stdout.decode("utf-8")  # UTF-8 through and through
    bad = sorted({repr(c) for c in out if c in CONTROL and c != "\n"})
    assert not bad, f"show would send {bad} to the terminal"
    lines = out.splitlines()
    assert lines[0] == TITLE
    assert f"- {CLICK} ([/] [red]r␛[2J␇b" in out
    assert f": {ORGANISATION}" in out
    assert "[/] [red]r␛[2J␇b" in out
    # every canvas's text is there, each visited canvas shows it
    assert out.count("[red]r␛[2J") >= 2 * len(CANVAS_KEYS)
