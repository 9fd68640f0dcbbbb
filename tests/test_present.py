"""The presenter view (`dtworkshop present FILE`): the facilitator's session on the projector,
read-only, following the canvas and the values the facilitator's app saves."""

from __future__ import annotations

from pathlib import Path

import pytest

from dtworkshop.core.canvases import CANVAS_KEYS
from dtworkshop.index.cache import CACHE_NAME
from dtworkshop.session_life import AUTOSAVE_DELAY, SWITCH_SAVE_DELAY
from dtworkshop.storage import read_session, save_session
from dtworkshop.ui.app import WorkshopApp
from dtworkshop.ui.screens.dialogs import CANVAS_HOTKEY
from tests.conftest import settled, until
from tests.test_app import screen_text
from tests.test_cli import run
from tests.test_keys_land import PORTFOLIO
from tests.test_session_life import MORS, Life
from tests.looks import in_theme
from tests.test_themes import SHIPPED, Look

RINGKOEBING = "2026-12-07-ringkoebing-skjern-portefoelje.toml"


def folder_state(folder: Path) -> dict[str, bytes]:
    """Every file of `folder` (hidden ones too: locks, backups) with its bytes; not the
    folder's index cache, which the dilemmas canvas (built ahead) keeps up to date to find
    the organisation's earlier positions, in any mode, as the facilitator's app does."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.is_file() and p.name != CACHE_NAME}


@pytest.mark.build_ahead
async def test_the_presenter_follows_the_canvas_and_values_saved_by_another_app(
        examples: Path) -> None:
    """The file rewritten as the facilitator's app saves it (another canvas as `current`, a
    value changed): the presenter shows that canvas and value, writing nothing, no lock."""
    path = examples / RINGKOEBING
    app = WorkshopApp(sessions_dir=examples, open_path=path, presenter=True)
    async with app.run_test(size=(80, 24)) as pilot:
        start = read_session(path).current
        await until(pilot, lambda: getattr(app.screen, "CANVAS", None) == start,
                    "the presenter on the file's current canvas")
        before = folder_state(examples)
        assert not any(name.endswith(".lock") for name in before)

        session = read_session(path)
        other = next(k for k in CANVAS_KEYS if k != start and getattr(session, k) is not None
                     and hasattr(getattr(session, k), "notes"))
        session.current = other
        getattr(session, other).notes = "Vedtaget på mødet i dag"
        save_session(session, path)  # atomically, as the facilitator's app writes
        written = path.read_bytes()

        await until(pilot, lambda: getattr(app.screen, "CANVAS", None) == other
                    and any("Vedtaget på mødet i dag" in line for line in screen_text(app)),
                    "the presenter on the new canvas, showing the new value")
        bar = screen_text(app)[0]
        assert session.title[:20] in bar and session.organisation not in bar
        # Calm: no key hints, no read-only nag.
        assert "ctrl" not in "\n".join(screen_text(app)).lower()
        assert "skrivebeskyttet" not in "\n".join(screen_text(app)).lower()

        # No editing, no navigating: ctrl+e, ctrl+n, ctrl+g 1, ctrl+d change nothing.
        await pilot.press("ctrl+e", "ctrl+n", "ctrl+g", CANVAS_HOTKEY[CANVAS_KEYS[0]], "ctrl+d")
        await settled(pilot)
        assert app.document.read_only and app.document.lock is None
        assert getattr(app.screen, "CANVAS", None) == other
        assert path.read_bytes() == written
        assert folder_state(examples) == {**before, RINGKOEBING: written}
    assert folder_state(examples) == {**before, RINGKOEBING: written}


async def test_the_presenter_keeps_its_place_while_the_canvas_is_typed_on(
        examples: Path) -> None:
    """Saves on the same canvas (the facilitator typing) keep the view where it was
    scrolled; the value typed shows."""
    path = examples / RINGKOEBING
    app = WorkshopApp(sessions_dir=examples, open_path=path, presenter=True)
    async with app.run_test(size=(80, 24)) as pilot:
        start = read_session(path).current
        await until(pilot, lambda: getattr(app.screen, "CANVAS", None) == start,
                    "the presenter on the file's current canvas")
        await settled(pilot)
        body = app.screen.query_one("#canvas-body")
        body.scroll_end(animate=False)
        await until(pilot, lambda: body.scroll_y > 0, "the view scrolled down")
        scrolled = body.scroll_y
        session = read_session(path)
        getattr(session, start).notes = "Skrevet lige nu"
        save_session(session, path)
        await until(pilot, lambda: app.screen.query("#notes")
                    and app.screen.query_one("#notes").text == "Skrevet lige nu",
                    "the new notes shown")
        await settled(pilot)
        await until(pilot, lambda: app.screen.query("#canvas-body")
                    and app.screen.query_one("#canvas-body").scroll_y == scrolled,
                    "the view where it was", timeout=3)


@pytest.mark.build_ahead
async def test_a_canvas_switch_shows_the_canvas_kept_and_an_edit_builds_only_its_canvas(
        examples: Path) -> None:
    """Following switches, the presenter shows the canvases it built (ahead, or before) as
    they were, not built anew: a switch is quick. A value changed on one canvas builds that
    canvas anew, with the value, and keeps the others."""
    path = examples / RINGKOEBING
    app = WorkshopApp(sessions_dir=examples, open_path=path, presenter=True)
    async with app.run_test(size=(80, 24)) as pilot:
        first = read_session(path).current
        await until(pilot, lambda: getattr(app.screen, "CANVAS", None) == first, "shown")
        screens = {}
        for key in ("portfolio", "business_case", "story_fish", first):
            await present_canvas(pilot, path, key)
            screens[key] = app.screen
        for key in ("portfolio", "business_case"):
            await present_canvas(pilot, path, key)
            assert app.screen is screens[key], key
        session = read_session(path)
        session.portfolio.notes = "Ny note om porteføljen"
        session.current = "portfolio"
        save_session(session, path)
        await until(pilot, lambda: getattr(app.screen, "CANVAS", None) == "portfolio"
                    and app.screen is not screens["portfolio"]
                    and app.screen.query("#notes")
                    and app.screen.query_one("#notes").text == "Ny note om porteføljen",
                    "the portfolio built anew with its new notes")
        await present_canvas(pilot, path, "business_case")
        assert app.screen is screens["business_case"]


async def test_the_presenter_is_calm_at_80x24_and_large_at_160x45(examples: Path) -> None:
    """No footer or canvas strip; the chart takes most of the window's height when it has
    room (beside the fields on a wide projector)."""
    path = examples / RINGKOEBING
    for size, least in (((80, 24), 14), ((160, 45), 30)):
        app = WorkshopApp(sessions_dir=examples, open_path=path, presenter=True)
        async with app.run_test(size=size) as pilot:
            await until(pilot, lambda: getattr(app.screen, "CANVAS", None) is not None,
                        "a canvas shown")
            await settled(pilot)
            screen = app.screen
            assert not screen.query_one("KeyFooter").display
            assert not screen.query_one("#canvas-nav").display
            plot = screen.query_one("#chart").children[0]
            assert plot.size.height >= least, (size, plot.size)
        assert app.theme == "projector"


@pytest.mark.slow
async def test_no_presented_canvas_shows_a_key(examples: Path) -> None:
    """On every canvas the presenter view shows, whole (a window tall enough), no key is
    named: no footer, no "ctrl+d to add", no read-only notice."""
    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path, presenter=True, language="en")
    async with app.run_test(size=(100, 200), notifications=True) as pilot:
        for key in CANVAS_KEYS:
            await present_canvas(pilot, path, key)
            shown = "\n".join(screen_text(app)).lower()
            assert "ctrl" not in shown and "esc" not in shown, (key, shown)


def test_present_refuses_a_missing_or_broken_file(tmp_path: Path) -> None:
    """`present` on a file that is not there or not valid says so, like `open`, and starts
    no TUI (exit status 1)."""
    missing = run("--lang", "en", "present", "nowhere.toml", cwd=tmp_path)
    assert missing.returncode == 1, missing.stderr
    assert "nowhere.toml" in missing.stderr and missing.stdout == ""
    broken = tmp_path / "broken.toml"
    broken.write_text('id = "broken"\ntitle = [\n', "utf-8")
    result = run("present", str(broken), cwd=tmp_path)
    assert result.returncode == 1
    assert "broken.toml:" in result.stderr and result.stdout == ""


async def present_canvas(pilot, path: Path, key: str) -> None:
    """Rewrite `path` with `key` as its current canvas (as the facilitator's app saves a
    canvas switch) and wait for the presenter to show it, laid out."""
    app = pilot.app
    session = read_session(path)
    if session.current != key:
        session.current = key
        save_session(session, path)
    await until(pilot, lambda: getattr(app.screen, "CANVAS", None) == key
                and app.screen.query("#canvas-body"), f"the presenter on {key}")
    await settled(pilot)
    await pilot.pause()


@pytest.mark.slow
@pytest.mark.parametrize("theme, no_color", [
    # The presenter's own theme, with and without NO_COLOR, and the 16-colour one; the
    # fields of every theme are the theme tour's (tests/test_themes.py), and each run here
    # walks every canvas twice (the suite's time).
    ("projector", False), ("projector", True), ("terminal-16", False)],
    ids=lambda value: {True: "NO_COLOR", False: "colour"}.get(value, value))
async def test_every_presented_canvas_reads_in_every_terminal(
        examples: Path, monkeypatch, theme: str, no_color: bool) -> None:
    """The presenter view of every canvas, followed there, in each shipped theme (and the
    projector's under NO_COLOR), 24-bit, 256 and 16 colours: every text at 4.5:1 contrast or
    more (the read-only fields included: it shows nothing else)."""
    in_theme(monkeypatch, examples, theme, no_color)
    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path, presenter=True, theme=theme)
    look = Look(tab=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        assert app.theme == theme
        for key in CANVAS_KEYS:
            await present_canvas(pilot, path, key)
            look.check(app, key)
            app.screen.query_one("#canvas-side").scroll_visible(top=True, animate=False)
            await settled(pilot)
            await pilot.pause()
            look.check(app, f"{key} (chart)")
    assert not look.problems, "\n".join(look.problems)


def test_the_facilitators_canvas_switch_is_saved_within_a_tenth_of_a_second(
        examples: Path) -> None:
    """A canvas switch (`current`) is saved SWITCH_SAVE_DELAY after it, sooner than an
    edit's AUTOSAVE_DELAY, also when typing before it had a save pending: the presenter
    follows the switch, not the typing's schedule. (A fake clock: no time passes.)"""
    life = Life(examples / MORS)
    try:
        life.type(" og lægen")  # a save due AUTOSAVE_DELAY from now
        life.document.session.current = "portfolio"
        life.life.changed_soon()
        life.time.advance(SWITCH_SAVE_DELAY)
        life.saver.write()
        assert read_session(examples / MORS).current == "portfolio"
        assert life.on_disk().endswith(" og lægen")
        assert SWITCH_SAVE_DELAY < AUTOSAVE_DELAY
    finally:
        life.life.end()


@pytest.mark.build_ahead
async def test_the_presenter_survives_the_file_changing_under_it_while_it_builds(
        examples: Path) -> None:
    """The facilitator of a timeboxed session switches canvases and types faster than the
    presenter builds them: each switch saves the time spent (`agenda`) and each edit a
    canvas's content, while other canvases are still being mounted or built ahead. The
    presenter ends on the last canvas with the last value. (In a walk, the time saved at
    each switch rebuilt every canvas, and a chart taken down before its Mount ended the
    presenter with NoMatches.)"""
    from dtworkshop.core.timebox import HALF_DAY, default_plan, set_plan, set_spent

    path = examples / PORTFOLIO
    session = read_session(path)
    session.agenda = set_plan(session.agenda, default_plan(HALF_DAY))
    save_session(session, path)
    app = WorkshopApp(sessions_dir=examples, open_path=path, presenter=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await present_canvas(pilot, path, "double_diamond")
        for n in range(12):
            session.current = ("political", "double_diamond", "maturity")[n % 3]
            session.agenda = set_spent(session.agenda, {"double_diamond": 60 * n})
            session.canvas("political").notes = f"Noter {n} æøå"
            save_session(session, path)
            # Caught anywhere between two looks at the file, each time elsewhere.
            for _ in range(n % 4):
                await pilot.pause()
        await until(pilot, lambda: app.document.session.political.notes == "Noter 11 æøå"
                    and getattr(app.screen, "CANVAS", None) == session.current,
                    "the last change shown")
        await settled(pilot)
        assert app.is_running
