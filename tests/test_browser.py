"""The session browser and the decision log across sessions, driven with the Pilot at 80x24:
sort, filter, search with hits highlighted, review mode that writes nothing, and the jump from
a decision to the canvas where it was made."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from textual.command import CommandList
from textual.widgets import DataTable, Input, Static

from dtworkshop.core.session import Decision
from dtworkshop.core.text import danish_order
from dtworkshop.index import CACHE_NAME
from dtworkshop.lock import lock_path
from dtworkshop.storage import read_session, save_session
from dtworkshop.ui.app import WorkshopApp
from dtworkshop.ui.canvases.base import CanvasScreen
from dtworkshop.ui.screens.browser import COLUMNS
from dtworkshop.ui.widgets.long_table import LongTable
from tests.conftest import settled, until
from tests.test_app import SIZE

MORS = "2026-11-30-region-nordjylland-mors.toml"
RKSK = "2026-12-07-ringkoebing-skjern-portefoelje.toml"
EGEDAL = "2026-12-14-egedal-et-kontaktpunkt.toml"


def drawn(table: LongTable) -> str:
    """The lines the table draws on the screen now."""
    return "\n".join("".join(segment.text for segment in table.render_line(y))
                     for y in range(table.size.height))


def footer_keys(app) -> set[str]:
    """What the footer lists now: the descriptions of the shown, enabled bindings."""
    return {b.binding.description for b in app.active_bindings.values()
            if b.enabled and b.binding.show}


def titles(app) -> list[str]:
    table = app.screen.query_one("#sessions", LongTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def marked(cell) -> list[str]:
    """The pieces of a cell or Static (rich Text or Textual Content) shown highlighted."""
    return [cell.plain[span.start:span.end] for span in cell.spans
            if getattr(span.style, "reverse", False) or "reverse" in str(span.style)]


async def started(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_browser_lists_sorts_and_filters(examples: Path) -> None:
    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        expected = {read_session(p).title: read_session(p) for p in examples.glob("*.toml")}
        by_date = sorted(expected.values(), key=lambda s: s.created, reverse=True)
        assert titles(app) == [s.title for s in by_date]  # newest workshop first
        table = app.screen.query_one("#sessions", LongTable)
        row = table.get_row_at(0)
        first = by_date[0]
        assert [str(c) for c in row[1:5]] == [first.organisation, first.created.strftime("%Y-%m-%d"),
                                               first.language, str(len(first.decisions))]

        for _ in COLUMNS:  # s sorts by the next column, round to the title (A to Z)
            await pilot.press("s")
            if app.screen.sort_key == "title":
                break
        await pilot.pause()
        assert str(table.columns["title"].label).endswith("▲")
        assert titles(app) == sorted(expected, key=danish_order)
        await pilot.press("r")
        await pilot.pause()
        assert titles(app) == sorted(expected, key=danish_order, reverse=True)

        from_field = app.screen.query_one("#from", Input)
        from_field.focus()
        await pilot.press(*"2026-12", "enter")
        december = sorted(s.title for s in expected.values()
                          if s.created.date() >= dt.date(2026, 12, 1))
        assert 0 < len(december) < len(expected)
        await until(pilot, lambda: sorted(titles(app)) == december, "the December sessions")
        assert app.screen.focused is table  # Enter in a filter goes back to the list
        from_field.value = ""
        await until(pilot, lambda: len(titles(app)) == len(expected), "every session again")

        org = app.screen.query_one("#org")
        org.focus()
        await pilot.press("enter")  # open the list of organisations: sorted, first one down
        await pilot.pause()
        organisations = sorted(s.organisation for s in expected.values())
        await pilot.press("down", "enter")
        await until(pilot, lambda: titles(app) == [s.title for s in expected.values()
                                                   if s.organisation == organisations[0]],
                    "the sessions of the first organisation")
        # Escape in the organisations' filter goes back to the list, as in the other
        # filters, keeping the choice; an open list it only closes.
        assert app.screen.focused is org
        await pilot.press("escape")
        await until(pilot, lambda: app.screen.focused is table, "the list, after Escape")
        assert len(set(titles(app))) < len(expected)
        org.focus()
        await pilot.press("enter")
        await until(pilot, lambda: org.expanded, "the list of organisations open")
        await pilot.press("escape")
        await until(pilot, lambda: not org.expanded, "the list closed")
        assert app.screen.focused is org
        await pilot.press("escape", "n")
        await until(pilot, lambda: type(app.screen).__name__ == "NewSessionScreen",
                    "the new-session dialog, n typed in the list")


async def test_sorting_and_resizing_keep_the_cursor_on_its_session(examples: Path) -> None:
    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        table = app.screen.query_one("#sessions", LongTable)
        await pilot.press("down", "down")
        chosen = app.screen.listings[table.cursor_row].path
        for keys in (["s"], ["r"], ["s", "s", "s"]):
            await pilot.press(*keys)
            await pilot.pause()
            assert app.screen.listings[table.cursor_row].path == chosen, keys
        # Every column's sort shows its arrow, also the narrow ones.
        for _ in COLUMNS:
            await pilot.press("s")
            await pilot.pause()
            header = drawn(table).splitlines()[0]
            assert header.count("▲") + header.count("▼") == 1, header
        narrow = table.columns["organisation"].width
        assert narrow <= 18
        await pilot.resize_terminal(120, 40)
        # A wide screen shows more of the organisation.
        await until(pilot, lambda: table.columns["organisation"].width > 18, "wider columns")
        assert app.screen.listings[table.cursor_row].path == chosen
        await pilot.resize_terminal(*SIZE)
        await until(pilot, lambda: table.columns["organisation"].width == narrow,
                    "the narrow columns again")
        assert app.screen.listings[table.cursor_row].path == chosen


async def test_a_date_that_is_not_one_is_marked_and_danish_dates_work(examples: Path) -> None:
    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        to_field = app.screen.query_one("#to", Input)
        to_field.focus()
        await pilot.press(*"2026-13")
        await until(pilot, lambda: to_field.has_class("-invalid"), "the date marked invalid")
        await settled(pilot)  # the list has followed the typing
        assert len(titles(app)) == 4  # filters nothing
        await pilot.press("ctrl+u", *"30.11.2026")
        november = sorted(read_session(p).title for p in examples.glob("*.toml")
                          if read_session(p).created.date() <= dt.date(2026, 11, 30))
        assert 0 < len(november) < 4
        await until(pilot, lambda: sorted(titles(app)) == november, "the sessions to 30.11.2026")
        assert not to_field.has_class("-invalid")


async def test_the_decision_log_is_as_it_was_left_after_opening_a_decision(examples: Path) -> None:
    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("d")
        await started(pilot)
        title = str(app.screen.query_one("#title-bar").render())
        total = sum(len(read_session(p).decisions) for p in examples.glob("*.toml"))
        assert f"{total} beslutninger" in title
        await pilot.press("o")
        table = app.screen.query_one("#decision-table", LongTable)
        await until(pilot, lambda: f"af {total} beslutninger" in str(
            app.screen.query_one("#title-bar").render()), "only the overdue decisions")
        assert table.row_count >= 2
        await pilot.press("down")
        chosen = str(table.get_row_at(1)[2])
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CanvasScreen), "the decision's canvas")
        assert app.document is not None and app.document.read_only
        await pilot.press("ctrl+g", "l")
        await until(pilot, lambda: type(app.screen).__name__ == "BrowserScreen", "the list")
        await pilot.press("d")
        await started(pilot)
        table = app.screen.query_one("#decision-table", LongTable)
        assert app.screen.query_one("#status").value == "overdue"  # the filter is still on
        assert str(table.get_row_at(table.cursor_row)[2]) == chosen  # and the cursor on it
        narrow = table.columns["text"].width
        await pilot.resize_terminal(120, 30)
        # The text gets the wider screen.
        await until(pilot, lambda: table.columns["text"].width >= narrow + 20, "a wider text")


async def test_search_finds_text_anywhere_and_marks_the_hits(examples: Path) -> None:
    """Part of a decision finds its session; the hit is marked in the detail line, as it
    was typed (the index keeps text lower case; the shown line is not)."""
    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        others = " ".join(p.read_text("utf-8").lower() for p in examples.glob("*.toml")
                          if p.name != RKSK)
        word = next(w for d in read_session(examples / RKSK).decisions for w in d.text.split()
                    if len(w) > 6 and w.isalpha() and w.lower() not in others)
        await pilot.press("slash", *word.upper())
        await until(pilot, lambda: titles(app) == [read_session(examples / RKSK).title],
                    "the one session found")
        detail = app.screen.query_one("#detail", Static).render()
        assert word in detail.plain
        assert any(piece.lower() == word.lower() for piece in marked(detail))
        assert "Til listen" in footer_keys(app)  # the way back is on the footer, in Danish
        await pilot.press("escape")
        assert isinstance(app.screen.focused, LongTable)
        assert "Til listen" not in footer_keys(app)
        await pilot.press("slash", "ctrl+u", *"mors")  # in a title: marked in the table
        table = app.screen.query_one("#sessions", LongTable)
        await until(pilot, lambda: table.row_count == 1 and
                    [p.lower() for p in marked(table.get_row_at(0)[0])] == ["mors"],
                    "the hit marked in the title")
        await pilot.press("ctrl+u", *"ingen-session-har-dette")
        await until(pilot, lambda: titles(app) == [], "no session found")
        assert "passer" in str(app.screen.query_one("#detail", Static).render())


async def test_review_mode_writes_nothing_and_takes_no_lock(examples: Path) -> None:
    path = examples / MORS
    before, stamp = path.read_bytes(), path.stat().st_mtime_ns
    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        table = app.screen.query_one("#sessions", LongTable)
        table.move_cursor(row=titles(app).index(read_session(path).title))
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, CanvasScreen) and app.document.read_only
        assert not lock_path(path).exists()
        await pilot.press("ctrl+n", "ctrl+n", "a", "b", "ctrl+g", "s", "x")
        await until(pilot, lambda: type(app.screen).__name__ == "DetailsScreen", "the details")
        await settled(pilot)  # every key taken; nothing waits to be written
        await pilot.press("ctrl+g", "l")  # back to the list, then quit
        await pilot.pause()
        await pilot.press("q")
    assert path.read_bytes() == before and path.stat().st_mtime_ns == stamp
    assert not lock_path(path).exists()
    assert sorted(p.name for p in examples.iterdir() if p.name.startswith(".")) == [CACHE_NAME]


async def test_the_decision_log_follows_up_across_sessions(examples: Path) -> None:
    """d lists every decision of the folder; o keeps the overdue ones; Enter opens the
    session read-only on the decision's canvas with the decision selected."""
    late = examples / EGEDAL
    session = read_session(late)
    session.decisions.append(Decision(canvas="actor_pentagon", text="Kortlæg aktørerne igen",
                                      owner="Åse Munk", due=dt.date(2026, 1, 15),
                                      made=dt.datetime(2025, 12, 1, 10, tzinfo=dt.UTC)))
    save_session(session, late)
    total = sum(len(read_session(p).decisions) for p in examples.glob("*.toml"))
    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("d")
        await started(pilot)
        table = app.screen.query_one("#decision-table", LongTable)
        assert type(app.screen).__name__ == "DecisionsScreen"
        assert table.row_count == total
        first = [str(c) for c in table.get_row_at(0)]
        assert first[2] == "Kortlæg aktørerne igen" and first[4] == "2026-01-15 ⚠"  # most urgent

        await pilot.press("o")
        today = dt.date.today()
        overdue = [d for p in examples.glob("*.toml") for d in read_session(p).decisions
                   if d.due and d.due < today]
        assert 1 <= len(overdue) < total
        await until(pilot, lambda: table.row_count == len(overdue), "the overdue decisions")
        await pilot.press("o", "slash", *"åse")  # the owner filter, case-insensitively
        await until(pilot, lambda: [str(table.get_row_at(i)[3]) for i in range(table.row_count)]
                    == ["Åse Munk"], "Åse's decision")

        await pilot.press("escape", "enter")

        def on_the_decision() -> bool:
            log = app.screen.query("#decisions").first(DataTable) if isinstance(
                app.screen, CanvasScreen) else None
            return (log is not None and app.screen.focused is log
                    and "Kortlæg aktørerne igen" in str(log.get_row_at(log.cursor_row)[0]))

        await until(pilot, on_the_decision, "the decision selected on its canvas")
        assert type(app.screen).__name__ == "ActorPentagonScreen"
        assert app.document.read_only and app.document.path == late
        await pilot.press("ctrl+q")
    assert not lock_path(late).exists()


async def test_a_cold_folder_shows_rows_while_it_is_still_being_read(tmp_path: Path,
                                                                    monkeypatch) -> None:
    """The browser never waits for the whole index: rows come in as files are read, the
    newest found so far on top, and the count in the title grows with them."""
    import shutil

    from dtworkshop.index import loading as index  # where load_index finds _parse
    from dtworkshop.ui.screens import browser

    monkeypatch.setattr(browser, "RESORT_EVERY", 0.0)  # sorted on every batch

    folder = tmp_path / "many"
    folder.mkdir()
    examples = sorted((Path(__file__).parent.parent / "sessions").glob("*.toml"))
    for n in range(300):
        source = examples[n % len(examples)]
        session = read_session(source)
        session.id = f"2026-01-01-kopi-{n:03d}"
        # Read in name order, oldest first: the newest are in the last batches.
        session.created += dt.timedelta(days=n)
        session.updated = max(session.updated, session.created)
        save_session(session, folder / f"{session.id}.toml")
    seen: list[int] = []
    real = index._parse

    def slow_parse(*args, **kwargs):  # a slow disk: every batch takes a while
        import time

        for batch in real(*args, **kwargs):
            time.sleep(0.05)
            seen.append(len(batch))
            yield batch

    index._parse = slow_parse
    try:
        app = WorkshopApp(sessions_dir=folder)
        async with app.run_test(size=SIZE) as pilot:
            counts, wrong = [], []
            deadline = time.monotonic() + 60  # only there so that a broken app fails
            while time.monotonic() < deadline:
                await pilot.pause(0.02)  # a look at the list as it grows, not a wait
                table = app.screen.query_one("#sessions", LongTable)
                listed = app.screen.listings
                counts.append(len(listed))
                if listed and listed[0].session is not None:
                    newest = max(i.session.created for i in listed if i.session)
                    if listed[0].session.created != newest:
                        wrong.append(len(listed))
                    title = str(app.screen.query_one("#title-bar").render())
                    if f"{len(listed)} sessioner" not in title:
                        wrong.append(title)
                if counts[-1] == 300 and not app.screen._loading:
                    break
            assert counts[-1] == 300
            assert any(0 < c < 300 for c in counts), counts  # rows before the end
            assert wrong == []
            assert table.row_count == 300
            await pilot.press("home", "end")
            assert table.cursor_row == 299
            # Scrolled down to it: the table's last line draws row 299.
            assert table.scroll_offset.y + table.size.height - 2 == 299
            assert drawn(table).splitlines()[-1].split()[0] == str(table.get_row_at(299)[0]).split()[0]
            await pilot.press("home", "pagedown", "pagedown")
            assert table.cursor_row > 0
    finally:
        index._parse = real
    assert len(seen) > 1

    # Warm, the whole list comes in one batch, sorted in the loading thread: the same order.
    app = WorkshopApp(sessions_dir=folder)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        listed = app.screen.listings
        assert len(listed) == 300 and app.screen.query_one("#sessions", LongTable).row_count == 300
        keys = [(i.session.created, i.entry.name) for i in listed]
        assert [k[0] for k in keys] == sorted((k[0] for k in keys), reverse=True)
    shutil.rmtree(folder)


async def test_a_session_is_exported_from_the_app(examples: Path, tmp_path: Path) -> None:
    """The command palette exports the open session (here as HTML, in Danish) to the file
    typed; the report holds the session's title, and the session file is not touched."""
    path = examples / MORS
    before = path.read_bytes()
    target = tmp_path / "rapport" / "mors.html"
    target.parent.mkdir()
    app = WorkshopApp(sessions_dir=examples, open_path=path, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"HTML-side")
        def found() -> bool:
            hits = app.screen.query_one(CommandList)
            return hits.highlighted is not None and "HTML" in str(
                hits.get_option_at_index(hits.highlighted).prompt)

        await until(pilot, found, "the export command found and highlighted")
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "PathScreen", "the path asked")
        assert app.screen.query_one("#path", Input).value.endswith(".html")
        await pilot.press("ctrl+u", *str(target), "enter")
        await pilot.pause()
    page = target.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and read_session(path).title in page
    assert path.read_bytes() == before


async def test_an_export_goes_beside_the_session_makes_its_folder_and_says_what_fails(
        examples: Path, tmp_path: Path) -> None:
    """The export dialog proposes a file beside the session. A target it cannot write stays
    in the open dialog with the reason in the session's language ("En del af stien er ikke
    en mappe", not the system's English). A folder typed means the session's file in it. A folder that does not exist is said, made when Export is pressed
    again, and proposed for the next export. An empty path is said; what was said goes as
    the path is edited (issue 16)."""
    from textual.widgets import Label

    from tests.test_keys_land import notices

    app = WorkshopApp(sessions_dir=examples, open_path=examples / MORS, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.document is not None and app.screen.focused is not None,
                    "the session open")
        app.action_export("md")
        await until(pilot, lambda: type(app.screen).__name__ == "PathScreen"
                    and app.screen.focused is not None, "the path asked")
        dialog = app.screen
        field = dialog.query_one("#path", Input)
        assert field.value == str(examples / f"{app.document.session.id}.md")
        problem = dialog.query_one("#problem", Label)

        await pilot.press("ctrl+u", "enter")  # nothing: said, not silently ignored
        await until(pilot, lambda: problem.display and "Skriv en sti" in str(
            problem.render()), "the empty path said")
        (tmp_path / "fil.txt").write_text("x", "utf-8")
        await pilot.press("ctrl+u", *str(tmp_path / "fil.txt" / "mors.md"), "enter")
        await until(pilot, lambda: problem.display and "En del af stien er ikke en mappe" in
                    str(problem.render()), "the reason, in the dialog")
        assert app.screen is dialog and app.screen.focused is field
        await pilot.press("x")  # the path edited: what was said of the old one goes
        await until(pilot, lambda: not problem.display, "the old reason gone")

        # A folder typed, there or not yet ("…/" ), means the session's file in it.
        name = f"{app.document.session.id}.md"
        new = tmp_path / "nye"
        await pilot.press("ctrl+u", *f"{new}/", "enter")
        await until(pilot, lambda: "findes ikke" in str(problem.render()), "the folder missing")
        assert field.value == str(new / name) and not new.exists()
        await pilot.press("enter")  # again: made, the file written in it
        await until(pilot, lambda: app.screen is not dialog, "the dialog closed")
        assert (new / name).read_text("utf-8").startswith("#")
        app.action_export("md")
        await until(pilot, lambda: type(app.screen).__name__ == "PathScreen"
                    and app.screen.focused is not None, "asked again")
        dialog = app.screen
        field, problem = dialog.query_one("#path", Input), dialog.query_one("#problem", Label)
        (new / name).unlink()
        await pilot.press("ctrl+u", *str(new), "enter")  # a folder that is there
        await until(pilot, lambda: app.screen is not dialog, "written into the folder")
        assert (new / name).is_file()
        app.action_export("md")
        await until(pilot, lambda: type(app.screen).__name__ == "PathScreen"
                    and app.screen.focused is not None, "asked once more")
        dialog = app.screen
        field, problem = dialog.query_one("#path", Input), dialog.query_one("#problem", Label)

        target = tmp_path / "rapporter æøå" / "mors.md"
        await pilot.press("ctrl+u", *str(target), "enter")
        await until(pilot, lambda: "findes ikke" in str(problem.render()), "the folder missing")
        assert app.screen is dialog and not target.parent.exists()
        await pilot.press("enter")  # again: make it
        await until(pilot, lambda: app.screen is not dialog, "the dialog closed")
        assert target.read_text("utf-8").startswith("#")
        await until(pilot, lambda: any("mors.md" in n for n in notices(app)), "done said")

        app.action_export("html")
        await until(pilot, lambda: type(app.screen).__name__ == "PathScreen"
                    and app.screen.focused is not None, "asked again")
        assert app.screen.query_one("#path", Input).value == str(
            target.parent / f"{app.document.session.id}.html")


def test_a_system_error_is_said_in_the_sessions_language() -> None:
    """`reason`: a system error the labels name, in the language asked for; the system's
    own words for one they do not name, and when no language is asked for."""
    import errno

    from dtworkshop.session_life import reason

    gone = FileNotFoundError(errno.ENOENT, "No such file or directory", "/x/y")
    assert reason(gone, "da") == "Filen eller mappen findes ikke"
    assert reason(gone, "en") == "No such file or folder"
    assert reason(gone) == "No such file or directory"
    odd = OSError(errno.ENOLINK, "Link has been severed")
    assert reason(odd, "da") == "Link has been severed"


async def test_a_file_that_cannot_be_read_is_listed_with_why_in_the_lists_language(
        examples: Path) -> None:
    """A folder posing as a session file: the list says why in its language (Danish), not
    in the reader's English; Enter on it says the same."""
    from tests.test_keys_land import notices

    (examples / "mappe.toml").mkdir()
    app = WorkshopApp(sessions_dir=examples, language="da")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("end")
        detail = lambda: str(app.screen.query_one("#detail", Static).render())  # noqa: E731
        await until(pilot, lambda: "mappe.toml" in detail(), "the bad file's row")
        assert "er en mappe, ikke en sessionsfil" in detail() and "is a folder" not in detail()
        await pilot.press("enter")
        await until(pilot, lambda: any("er en mappe" in n for n in notices(app)), "said again")


async def test_keys_typed_right_after_slash_go_into_the_search(examples: Path) -> None:
    """"/" and the search text in one burst (a fast typist, a slow link): every letter is
    searched for, none is taken as a key ("r" would reverse the list). Found in tmux."""
    from tests.test_app import burst

    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        order = titles(app)
        burst(app, ["slash", *"ærø", "r", "q"])  # q typed, not quitting
        search = app.screen.query_one("#search", Input)
        await until(pilot, lambda: search.value == "ærørq", "every key in the search")
        assert app.is_running
        assert app.screen.sort_key == "date" and app.screen.reverse
        burst(app, ["escape", "r"])  # the search taken back, in the list: r reverses
        await until(pilot, lambda: not app.screen.reverse, "the list reversed")
        assert search.value == ""
        assert order  # the list was there to begin with


async def test_a_cache_that_no_longer_fits_is_never_shown(examples: Path) -> None:
    """A cache written by another version (or damaged) is read past: the browser lists what
    the files say, and the cache is written afresh."""
    from dtworkshop.index import load_index

    stale = load_index(examples)  # a real cache, then made to lie
    assert stale.cache == examples / CACHE_NAME
    data = (examples / CACHE_NAME).read_bytes().replace(b"Mors", b"Xors")
    (examples / CACHE_NAME).write_bytes(data)
    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        expected = sorted(read_session(p).title for p in examples.glob("*.toml"))
        assert sorted(titles(app)) == expected and any("Mors" in t for t in expected)
    assert load_index(examples).parsed == []  # rewritten: nothing to parse next time


def test_names_sort_in_danish_order() -> None:
    """Æ, Ø, Å after Z and "Aa" as "Å", case and other accents aside: where a Danish reader
    looks for Aarhus in the list of organisations."""
    names = ["Aarhus Kommune", "Ørsted", "Ærø Kommune", "Zealand", "aalborg kommune",
             "Albertslund Kommune", "Élan", "Åbybro", "Egedal Kommune", "Aabenraa Kommune"]
    assert sorted(names, key=danish_order) == [
        "Albertslund Kommune", "Egedal Kommune", "Élan", "Zealand", "Ærø Kommune", "Ørsted",
        "Aabenraa Kommune", "Åbybro", "aalborg kommune", "Aarhus Kommune"]
