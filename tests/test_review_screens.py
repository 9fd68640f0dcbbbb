"""Looking back: two sessions side by side (the compare screen) and one organisation over time
(the trends screen), driven through the real app with the Pilot at 80x24.

The same leadership team meets twice: the shipped Ringkøbing-Skjern session (with a business
case added, its verdict still open) in December, and a copy in May with a new portfolio split
for Forvaltning A, a green light and a decision handed to someone else. What the screens draw
is read back from the compositor, page by page as the keyboard scrolls it.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from textual.app import App
from textual.containers import VerticalScroll

from dtworkshop.core.canvases.business_case import BusinessCase, Perspective, Perspectives
from dtworkshop.core.labels import MISSING, Labels
from dtworkshop.storage import read_session, save_session
from dtworkshop.ui.app import WorkshopApp
from dtworkshop.ui.screens.compare import CompareScreen
from dtworkshop.ui.screens.trends import TrendsScreen
from tests.conftest import until

SIZE = (80, 24)
ORGANISATION = "Ringkøbing-Skjern Kommune"
DECEMBER = "2026-12-07-ringkoebing-skjern-portefoelje.toml"
MAY = dt.datetime(2027, 5, 3, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))

CLICK = "[@click=app.quit]x[/]"
CONTROL = [chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))]


def spring_and_autumn(folder: Path, organisation: str = ORGANISATION) -> tuple[Path, Path]:
    """The December session with an open business case, and May's copy of it with changed
    values under a new id and file name. (The example from the April before is taken out:
    these tests follow the two of them.)"""
    (folder / "2026-04-20-ringkoebing-skjern-foraar.toml").unlink(missing_ok=True)
    a = folder / DECEMBER
    session = read_session(a)
    session.organisation = organisation
    session.business_case = BusinessCase(
        problem="Rutineopgaver tager tiden fra borgerne", benefit="economy", verdict="open",
        perspectives=Perspectives(economy=Perspective(note="Gevinst pr. robot", fit=3)))
    save_session(session, a)
    session.id = "2027-05-03-ringkoebing-skjern-opfoelgning"
    session.title = "Porteføljen et halvt år efter"
    session.created = session.updated = MAY
    unit = session.portfolio.units[0]
    unit.streamline, unit.modernise, unit.rethink_business = 30, 40, 9
    session.business_case.verdict = "green"
    session.decisions[0].owner = "Søren Æbelø"
    b = folder / f"{session.id}.toml"
    save_session(session, b)
    return a, b


def screen_lines(app: App) -> list[str]:
    """Every line the app would draw now, as the text that goes to the terminal."""
    update = app.screen._compositor.render_update(full=True)
    return ["".join(segment.text for segment in strip) for strip in update.strips]


async def read_all(pilot) -> list[str]:
    """Every line of the current screen's scrolled body, read page by page with PgDn from
    the top, as someone at an 80x24 terminal would."""
    body = pilot.app.screen.query_one(VerticalScroll)
    assert pilot.app.focused is body  # the keys scroll it without a click first
    await pilot.press("home")
    await pilot.pause()
    lines = screen_lines(pilot.app)
    for _ in range(40):
        before = body.scroll_y
        await pilot.press("pagedown")
        await pilot.pause()
        if body.scroll_y == before:
            break
        lines += screen_lines(pilot.app)
    for y, line in enumerate(lines):
        bad = sorted({repr(c) for c in line if c in CONTROL})
        assert not bad, f"line {y} would send {bad} to the terminal: {line!r}"
    return lines


def on_one_line(lines: list[str], *texts: str) -> bool:
    return any(all(t in line for t in texts) for line in lines)


async def started(app: WorkshopApp, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def trends_shown(app: WorkshopApp, pilot) -> None:
    """Wait until the trends screen has read the folder, mounted its charts and laid them
    out at the height it gave them."""
    from dtworkshop.ui.widgets.chart import Chart

    await until(pilot, lambda: getattr(app.screen, "sessions", None) is not None,
                "the folder read")
    await app.workers.wait_for_complete()  # the charts mounted

    def laid_out() -> bool:
        return app.screen.is_mounted and all(c.plot.styles.height is not None
                   and c.plot.size.height == c.plot.styles.height.cells
                   for c in app.screen.query(Chart))

    await until(pilot, laid_out, "the charts laid out")


async def test_compare_shows_each_changed_field_with_both_values(examples: Path) -> None:
    a, b = spring_and_autumn(examples)
    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        app.push_screen(CompareScreen(a, b, Labels("da")))
        await pilot.pause()
        lines = await read_all(pilot)
        text = "\n".join(lines)
        # Both sessions head the columns.
        assert on_one_line(lines, "Dato", "2026-12-07", "2027-05-03")
        assert on_one_line(lines, "Organisation", ORGANISATION, ORGANISATION)
        # Each change in its canvas's section, named as the canvas names it, A then B.
        assert "Porteføljemodellen" in text and "Forvaltning A" in text
        assert on_one_line(lines, "~ Effektiviser", "20 %", "30 %")
        assert on_one_line(lines, "~ Moderniser", "44 %", "40 %")
        assert on_one_line(lines, "~ Gentænk din", "20 %", "9 %")
        assert on_one_line(lines, "Businesscase-modellen", "1 ændring")
        assert on_one_line(lines, "~ Vurdering", "Åben", "Grønt lys")
        assert on_one_line(lines, "~ Ansvarlig", "Pia Højgaard", "Søren Æbelø")
        assert on_one_line(lines, "~ Titel", "Transformationsstrategi:", "Porteføljen et halvt")
        # Canvases that did not change say so in one line; Forvaltning B did not change.
        assert on_one_line(lines, "Aktørfemkanten", "ingen ændringer")
        assert on_one_line(lines, "Politiske scenarier", "ingen ændringer")
        assert "Forvaltning B sætter" in text  # the decision the owner change belongs to
        assert not on_one_line(lines, "50 %", "50 %")
        assert "portfolio.units" not in text  # key paths only on a wide terminal
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "BrowserScreen"

        # The other way round, the same session twice, and a wide terminal.
        app.push_screen(CompareScreen(a, a, Labels("da")))
        await pilot.pause()
        assert "Ingen forskelle: de to sessioner indeholder det samme." in "\n".join(
            screen_lines(app))
        await pilot.press("escape")
        await pilot.resize_terminal(140, 40)
        app.push_screen(CompareScreen(b, a, Labels("en")))
        await pilot.pause()
        lines = await read_all(pilot)
        assert on_one_line(lines, "Streamline processes", "30 %", "20 %",
                           "portfolio.units[0].streamline")
        assert on_one_line(lines, "~ Verdict", "Green light", "Open", "business_case.verdict")


async def test_an_unreadable_file_is_named_and_the_comparison_closes(examples: Path) -> None:
    a = examples / DECEMBER
    bad = examples / "2027-01-01-broken.toml"
    bad.write_text(a.read_text("utf-8").replace('id = "2026-12-07-ringkoebing-skjern-portefoelje"',
                                                'id = "2027-01-01-broken"')
                   .replace("streamline = 20", 'streamline = "lots"'), encoding="utf-8")
    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await started(app, pilot)
        app.push_screen(CompareScreen(a, bad, Labels("da")))
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "BrowserScreen"
        messages = [n.message for n in app._notifications]
        assert any(str(bad) in m and "portfolio.units[0].streamline" in m
                   for m in messages), messages


async def test_trends_show_the_split_per_unit_and_the_verdicts_over_time(examples: Path) -> None:
    spring_and_autumn(examples)
    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        app.push_screen(TrendsScreen(examples, ORGANISATION, Labels("da")))
        await trends_shown(app, pilot)
        lines = await read_all(pilot)
        text = "\n".join(lines)
        assert f"2 sessioner for {ORGANISATION} fra 2026-12-07 til 2027-05-03." in text
        # A chart per unit, its bars labelled by date, and the numbers under it.
        assert text.index("Forvaltning A") < text.index("Forvaltning B")
        assert on_one_line(lines, "2026-12-07┤")
        assert on_one_line(lines, "2027-05-03┤")
        assert re.search(r"2026-12-07\s+20\s+44\s+21\s+20\s+105 %", text)
        assert re.search(r"2027-05-03\s+30\s+40\s+21\s+9\s+100 %", text)
        assert re.search(r"2027-05-03\s+50\s+36\s+6\s+8\s+100 %", text)  # Forvaltning B
        # The verdicts in order of date.
        assert on_one_line(lines, "2026-12-07", "Transformationsstrate", "Åben", "Økonomien")
        assert on_one_line(lines, "2027-05-03", "Porteføljen et halvt", "Grønt lys")
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "BrowserScreen"

        # One session only: said plainly, and shown still.
        app.push_screen(TrendsScreen(examples, "Egedal Kommune", Labels("da")))
        await trends_shown(app, pilot)
        # What it found is drawn a refresh after it is read (under load, a while after).
        await until(pilot, lambda: "Ingen af sessionerne" in "\n".join(screen_lines(app)),
                    "the finding shown")
        text = "\n".join(screen_lines(app))
        assert "Kun én session for Egedal Kommune (2026-12-14)" in text
        assert "Ingen af sessionerne har en porteføljefordeling endnu." in text


async def test_hostile_text_is_shown_literally_on_both_screens(examples: Path) -> None:
    a, b = spring_and_autumn(examples, organisation=CLICK)
    for path, title in ((a, "[bold]Efterår"), (b, "[bold]Forår")):
        session = read_session(path)
        session.title = title
        session.decisions[1].text = "Spyd\x1b[2J\x07spidser [red]først[/]"
        save_session(session, path)
    session = read_session(b)
    session.portfolio.units[1].name = "[i]B[/]\x07\x1b[2J"
    save_session(session, b)
    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        app.push_screen(CompareScreen(a, b, Labels("da")))
        await pilot.pause()
        text = "\n".join(await read_all(pilot))
        assert "[bold]Efterår" in text and "[bold]Forår" in text
        assert CLICK in text
        assert on_one_line(text.split("\n"), "+ Forvaltning", "[i]B[/]␇␛[2J")  # renamed
        await pilot.press("escape")
        await pilot.pause()

        app.push_screen(TrendsScreen(examples, CLICK, Labels("da")))
        await trends_shown(app, pilot)
        bar = screen_lines(app)[0]
        assert f"Udvikling over tid · {CLICK}" in bar
        await pilot.click(offset=(bar.index(CLICK) + CLICK.index("x"), 0))  # on the "link"
        await pilot.pause()
        assert app.is_running
        text = "\n".join(await read_all(pilot))
        assert "[i]B[/]␇␛[2J" in text  # the unit's name heads its chart
        assert "[bold]Forår" in text


async def test_both_screens_find_all_their_words_in_both_languages(examples: Path) -> None:
    a, b = spring_and_autumn(examples)
    MISSING.clear()
    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        for language in ("da", "en"):
            app.push_screen(CompareScreen(a, b, Labels(language)))
            await pilot.pause()
            await pilot.press("escape")
            app.push_screen(TrendsScreen(examples, ORGANISATION, Labels(language)))
            await trends_shown(app, pilot)
            await pilot.press("escape")
            app.push_screen(TrendsScreen(examples, "Egedal Kommune", Labels(language)))
            await trends_shown(app, pilot)
            await pilot.press("escape")
            await pilot.pause()
    assert MISSING == set()


async def to_row(pilot, path: Path) -> None:
    """Move the session list's cursor to the file `path` with the arrow keys."""
    screen = pilot.app.screen
    table = screen.query_one("#sessions")
    target = [item.path for item in screen.listings].index(path)
    while table.cursor_row != target:
        await pilot.press("down" if table.cursor_row < target else "up")
    await pilot.pause()


async def test_the_session_list_marks_compares_and_shows_trends(examples: Path) -> None:
    """m marks a session, c compares it with the one under the cursor, the earlier of the
    two as A whichever was marked; t shows its organisation over time."""
    a, b = spring_and_autumn(examples)
    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await to_row(pilot, a)
        await pilot.press("m")
        # What to do next is said (issue 16: nothing did), and the row shows the mark.
        await until(pilot, lambda: any("tryk c for at sammenligne" in str(n.message)
                                       for n in app._notifications), "the notice")
        assert any("● " in line for line in screen_lines(app))
        # ... and the footer: c comes, in n's place (80 columns have room for one of them).
        await until(pilot, lambda: "c Sammenlign" in screen_lines(app)[-1], "c in the footer")
        assert "v Se c Sammenlign / Søg" in screen_lines(app)[-1]  # where n was
        assert "n Ny session" not in screen_lines(app)[-1]
        await to_row(pilot, b)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert (app.screen.a, app.screen.b) == (a, b)
        assert on_one_line(screen_lines(app), "Dato", "2026-12-07", "2027-05-03")
        await pilot.press("escape")
        await started(app, pilot)  # the list reads the folder again
        assert app.screen.marked is None  # compared: the mark is let go
        assert not any("● " in line for line in screen_lines(app))
        assert "n Ny session" in screen_lines(app)[-1]
        assert "Sammenlign" not in screen_lines(app)[-1]
        # Marked the other way round (May first, then c on December): the earlier is still
        # A, so that every change reads from before to after.
        await to_row(pilot, b)
        await pilot.press("m")
        await to_row(pilot, a)
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, CompareScreen), "compared")
        assert (app.screen.a, app.screen.b) == (a, b)
        await pilot.press("escape")
        await started(app, pilot)
        await to_row(pilot, b)
        await pilot.press("t")
        await trends_shown(app, pilot)
        assert isinstance(app.screen, TrendsScreen)
        assert f"2 sessioner for {ORGANISATION}" in "\n".join(screen_lines(app))
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "BrowserScreen"


async def test_back_from_the_trends_the_cursor_is_where_t_was_pressed(examples: Path) -> None:
    """A session opened and left (the list comes back on it), the cursor moved to another
    row, t, Escape: the cursor is on the row t was pressed on (it went back to the session
    opened last, and Enter would have opened that one)."""
    from dtworkshop.ui.widgets.long_table import LongTable

    a, b = spring_and_autumn(examples)
    app = WorkshopApp(sessions_dir=examples, open_path=a)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.document is not None and app.screen.focused is not None,
                    "the session open")
        await pilot.press("ctrl+g", "l")
        await until(pilot, lambda: type(app.screen).__name__ == "BrowserScreen"
                    and app.screen.focused is not None, "the list")
        await started(app, pilot)
        await to_row(pilot, b)
        row = app.screen.query_one(LongTable).cursor_row
        await pilot.press("t")
        await trends_shown(app, pilot)
        await pilot.press("escape")
        await until(pilot, lambda: type(app.screen).__name__ == "BrowserScreen", "the list")
        await started(app, pilot)
        assert app.screen.query_one(LongTable).cursor_row == row
        assert app.screen._selected().path == b


async def test_trends_show_the_maturity_of_each_unit_over_time(examples: Path) -> None:
    """The organisation's maturity over time (advice 2): a row a session, a column a unit
    (matched by name across sessions), its mean score; "–" where a session did not assess it."""
    from dtworkshop.core.canvases.maturity import Maturity, UnitMaturity

    a, b = spring_and_autumn(examples)
    for path, units in ((a, [UnitMaturity(name="Forvaltning A", culture=2, technologies=3)]),
                        (b, [UnitMaturity(name="forvaltning  a", culture=3, technologies=4),
                             UnitMaturity(name="Forvaltning B", culture=5)])):
        session = read_session(path)
        session.maturity = Maturity(units=units)
        save_session(session, path)
    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        app.push_screen(TrendsScreen(examples, ORGANISATION, Labels("da")))
        await trends_shown(app, pilot)
        text = "\n".join(await read_all(pilot))
        assert "Modenheden over tid" in text
        assert re.search(r"Dato\s+Forvaltning A\s+Forvaltning B", text)
        assert re.search(r"2026-12-07\s+2,5\s+–", text)
        assert re.search(r"2027-05-03\s+3,5\s+5,0", text)
