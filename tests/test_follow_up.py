"""Issue 15: decisions followed up in the app. A decision in a canvas's log is marked done
with Space (and open again), or set to done or dropped in its dialog; the file says where
it stands and since when, and a decision done is never overdue."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

import pytest

from textual.widgets import Input, Label, Select

from dtworkshop.core.session import set_status
from dtworkshop.storage.files import save_session
from dtworkshop.storage.reader import read_session
from dtworkshop.ui.app import WorkshopApp
from dtworkshop.ui.widgets.decision_log import DecisionLog
from dtworkshop.ui.widgets.long_table import LongTable
from tests.conftest import settled, until
from tests.test_cli import run
from tests.test_keys_land import PORTFOLIO, list_shown, open_canvas

SIZE = (80, 24)


def decisions_in(path: Path) -> list[dict]:
    return tomllib.loads(path.read_text("utf-8"))["decisions"]


async def test_a_decision_is_marked_done_in_the_log_and_dropped_in_its_dialog(
        examples: Path) -> None:
    path = examples / PORTFOLIO
    first, second = [d["text"] for d in decisions_in(path) if d["canvas"] == "portfolio"]
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await open_canvas(pilot, "portfolio")
        log = app.screen.query_one(DecisionLog)
        log.focus()
        log.move_cursor(row=0)
        await settled(pilot)
        assert any(b.binding.key == "space" and b.binding.description
                   for b in app.screen.active_bindings.values()), "Space is in the footer"
        await pilot.press("space")
        await until(pilot, lambda: "Udført" in str(log.get_row_at(0)[2]), "the row says done")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not app.document.dirty, "saved")
        [done] = [d for d in decisions_in(path) if d["text"] == first]
        assert (done["status"], done["closed"]) == ("done", dt.date.today())
        assert "OVERSKREDET" not in str(log.get_row_at(0)[2]).upper()

        await pilot.press("space")  # open again: the day it closed goes with it
        await until(pilot, lambda: "Udført" not in str(log.get_row_at(0)[2]), "open again")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not app.document.dirty, "saved")
        [reopened] = [d for d in decisions_in(path) if d["text"] == first]
        assert "status" not in reopened and "closed" not in reopened

        await pilot.press("down", "enter")  # the second decision's dialog
        await until(pilot, lambda: type(app.screen).__name__ == "DecisionScreen", "its dialog")
        await pilot.press("tab", "tab", "tab")  # text, owner, due, then the status
        status = app.screen.query_one("#status", Select)
        await until(pilot, lambda: app.screen.focused is status, "the status focused")
        assert status.value == "open"
        await pilot.press("enter", "end", "enter")  # Droppet, the last
        await until(pilot, lambda: status.value == "dropped", "dropped chosen")
        await pilot.press("tab", "enter")  # Save
        await until(pilot, lambda: type(app.screen).__name__ != "DecisionScreen", "saved")
        await until(pilot, lambda: "Droppet" in str(log.get_row_at(1)[2]), "the row says so")
        await pilot.press("ctrl+q")
    [dropped] = [d for d in decisions_in(path) if d["text"] == second]
    assert (dropped["status"], dropped["closed"]) == ("dropped", dt.date.today())


@pytest.mark.slow
async def test_the_workshops_day_is_set_when_made_and_on_the_details_screen(
        examples: Path) -> None:
    """The new-session dialog has today's date typed in; another day, typed the Danish way,
    names the file and is the session's `date`. A day that is none is said, and nothing
    made. On the details screen the day is changed, and a decision's due date is typed the
    Danish way too."""
    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "BrowserScreen", "the list")
        await pilot.press("n")
        await until(pilot, lambda: type(app.screen).__name__ == "NewSessionScreen"
                    and app.screen.focused is not None, "the new-session dialog")
        date = app.screen.query_one("#date")
        today = dt.date.today()
        assert date.value == f"{today.day}.{today.month}.{today.year}"  # as Danes write it
        await pilot.press(*"Opfølgning", "tab", *"Ærø", "tab", "tab", "tab")
        await until(pilot, lambda: app.screen.focused is date, "the date")
        date.value = ""
        await pilot.press(*"31.02.2027", "enter")
        await until(pilot, lambda: any("7.12.2026" in str(n.message)
                                       for n in app._notifications), "the date refused")
        assert not list(examples.glob("2027-*"))
        date.value = ""
        await pilot.press(*"7.1.2027", "enter")
        await until(pilot, lambda: app.document is not None, "the session made and open")
        path = app.document.path
        assert path.name == "2027-01-07-aeroe.toml"
        assert tomllib.loads(path.read_text("utf-8"))["date"] == dt.date(2027, 1, 7)

        await pilot.press("ctrl+g", "s")
        await until(pilot, lambda: type(app.screen).__name__ == "DetailsScreen", "details")
        field = app.screen.query_one("#date")
        field.focus()
        await settled(pilot)
        field.value = ""
        await pilot.press(*"8.1.2027")
        await until(pilot, lambda: app.document.session.date == dt.date(2027, 1, 8), "the day")
        await pilot.press("backspace")  # "8.1.202": no day, not written, marked
        await until(pilot, lambda: field.has_class("-invalid"), "marked as no day")
        assert app.document.session.date == dt.date(2027, 1, 8)
        await pilot.press("tab")  # still marked once the focus has left it
        await until(pilot, lambda: app.screen.focused is not field, "the focus moved on")
        await settled(pilot)
        assert field.has_class("-invalid")
        field.focus()
        await pilot.press("end", "7")
        await until(pilot, lambda: not field.has_class("-invalid"), "a day again")
        await pilot.press("escape")

        await until(pilot, lambda: type(app.screen).__name__ != "DetailsScreen", "a canvas")
        await pilot.press("ctrl+d")
        await until(pilot, lambda: type(app.screen).__name__ == "DecisionScreen"
                    and app.screen.focused is not None, "the decision dialog")
        await pilot.press(*"Tjek", "enter", *"Bo", "enter", *"31.1.2027", "enter")
        await until(pilot, lambda: app.document.session.decisions, "the decision recorded")
        assert app.document.session.decisions[0].due == dt.date(2027, 1, 31)
        # Opened again to edit, the day is as it was typed, not in ISO: "Frist" and its
        # hint "fx 31.1.2027" agree with what the field holds (issue 16).
        await until(pilot, lambda: type(app.screen).__name__ != "DecisionScreen", "closed")
        log = app.screen.query_one("#decisions")
        log.focus()
        await until(pilot, lambda: app.screen.focused is log and log.row_count, "the log")
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "DecisionScreen"
                    and app.screen.focused is not None, "the decision to edit")
        assert app.screen.query_one("#due", Input).value == "31.1.2027"
        assert not app.screen.unfinished()  # as it opened: nothing to ask about on Escape
        await pilot.press("escape")
        await until(pilot, lambda: type(app.screen).__name__ != "DecisionScreen", "closed")
        await pilot.press("ctrl+q")
    saved = tomllib.loads(path.read_text("utf-8"))
    assert saved["date"] == dt.date(2027, 1, 8)
    assert saved["decisions"][0]["due"] == dt.date(2027, 1, 31)


SPRING = "2026-04-20-ringkoebing-skjern-foraar.toml"


def _one_done(path: Path) -> str:
    """Mark the spring session's business case decision done, as a later session would have
    it; return the text of the one left open."""
    session = read_session(path)
    done, = [d for d in session.decisions if d.canvas == "business_case"]
    set_status(done, "done", dt.date(2026, 6, 1))
    save_session(session, path)
    still, = [d.text for d in session.decisions if d.status == "open"]
    return still


def test_new_from_makes_the_follow_up_at_once_and_the_logs_list_its_decisions_once(
        examples: Path) -> None:
    """`new --from FILE --title T --date D` makes the follow-up beside FILE and prints its
    path: same organisation, facilitator, language and participants, the units by name (their
    split left to the new day), the open decisions unchanged (done ones stay behind),
    `follows` and `date` set. `decisions` then lists a carried decision once, from the
    follow-up, and `list --json` says what each session follows."""
    earlier = examples / SPRING
    still = _one_done(earlier)
    result = run("new", "--from", str(earlier), "--title", "Opfølgning [bold]æøå",
                 "--date", "12.1.2027", cwd=examples)
    assert result.returncode == 0, result.stderr
    made = Path(result.stdout.strip())
    assert made.parent == examples and made.name == "2027-01-12-ringkoebing-skjern-kommune.toml"
    new, old = (tomllib.loads(p.read_text("utf-8")) for p in (made, earlier))
    assert new["title"] == "Opfølgning [bold]æøå"
    assert new["date"] == dt.date(2027, 1, 12) and new["follows"] == old["id"]
    for key in ("organisation", "facilitator", "language", "participants"):
        assert new[key] == old[key], key
    assert new["portfolio"] == {"units": [{"name": u["name"], "goal": u["goal"]}
                                          for u in old["portfolio"]["units"]]}
    assert [d["text"] for d in new["decisions"]] == [still]
    carried, = new["decisions"]
    original, = [d for d in old["decisions"] if d["text"] == still]
    assert carried == original  # the same decision: canvas, owner, due and when made

    listed = run("decisions", "--sessions", str(examples), cwd=examples)
    assert listed.returncode == 0, listed.stderr
    lines = [line for line in listed.stdout.splitlines() if still in line]
    assert len(lines) == 1 and made.stem in lines[0], listed.stdout
    sessions = json.loads(run("list", "--json", "--sessions", str(examples),
                              cwd=examples).stdout)["sessions"]
    assert {s["id"]: s["follows"] for s in sessions}[made.stem] == old["id"]


def test_new_from_refuses_what_it_cannot_do_and_writes_nothing(examples: Path) -> None:
    before = sorted(p.name for p in examples.iterdir())
    no_from = run("new", "--title", "x", cwd=examples)
    assert no_from.returncode == 2 and "--from" in no_from.stderr
    bad_day = run("new", "--from", str(examples / SPRING), "--title", "x", "--date",
                  "næste tirsdag", cwd=examples)
    assert bad_day.returncode == 2 and "næste tirsdag" in bad_day.stderr
    missing = run("new", "--from", str(examples / "nope.toml"), "--title", "x", cwd=examples)
    assert missing.returncode == 1 and "nope.toml" in missing.stderr
    assert sorted(p.name for p in examples.iterdir()) == before


async def test_new_session_from_the_browser_opens_the_dialog_filled_in(examples: Path) -> None:
    """`f` on a session in the list opens the new-session dialog filled in from it, saying
    what it carries over; Escape with nothing changed closes it without asking. Made, the
    follow-up opens on the overview, which says what it follows and that its carried
    decisions are open (the canvases they were made on are not "decided" by them)."""
    earlier = examples / SPRING
    _one_done(earlier)
    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await list_shown(pilot, app)
        row = next(i for i, item in enumerate(app.screen.listings) if item.path.name == SPRING)
        app.screen.query_one(LongTable).move_cursor(row=row)
        await pilot.press("f")
        await until(pilot, lambda: type(app.screen).__name__ == "NewSessionScreen",
                    "the dialog")
        dialog = app.screen
        assert dialog.query_one("#title", Input).value == read_session(earlier).title
        assert dialog.query_one("#organisation", Input).value == "Ringkøbing-Skjern Kommune"
        carried = str(dialog.query_one("#follows", Label).render())
        participants = len(read_session(earlier).participants)
        assert f"deltagere: {participants}, enheder: 2, åbne beslutninger: 1" in carried
        await pilot.press("escape")  # nothing typed: no question
        await until(pilot, lambda: type(app.screen).__name__ == "BrowserScreen", "closed")

        await pilot.press("f")
        await until(pilot, lambda: type(app.screen).__name__ == "NewSessionScreen"
                    and app.screen.focused is not None, "the dialog again")
        app.screen.query_one("#title", Input).value = ""
        await pilot.press(*"Ærø følger op")
        await pilot.press("tab", "tab", "tab", "tab")  # to the day
        app.screen.query_one("#date", Input).value = "12.1.2027"
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "OverviewScreen", "the overview")
        line = str(app.screen.query_one("#follow-up").render())
        spring = read_session(earlier)
        assert f"Følger op på {spring.title} (2026-04-20)" in line  # by its title and day
        assert "1 åben beslutning" in line
        assert app.document.session.status("business_case") == "untouched"
        assert app.document.session.status("portfolio") == "started"  # its units
        path = app.document.path
        await pilot.press("ctrl+q")
    made = tomllib.loads(path.read_text("utf-8"))
    assert made["title"] == "Ærø følger op" and made["follows"] == earlier.stem
    assert made["date"] == dt.date(2027, 1, 12)


async def test_the_decision_log_filters_by_status_and_shows_carried_decisions_once(
        examples: Path) -> None:
    earlier = examples / SPRING
    _one_done(earlier)
    run("new", "--from", str(earlier), "--title", "Opfølgning", cwd=examples)
    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "BrowserScreen", "the list")
        await pilot.press("d")
        await until(pilot, lambda: type(app.screen).__name__ == "DecisionsScreen"
                    and app.screen.all_rows, "the decision log")
        screen = app.screen
        texts = [r.decision.text for r in screen.all_rows]
        assert len(texts) == len(set(texts)), "a carried decision is listed once"
        status = screen.query_one("#status", Select)
        status.value = "done"
        await until(pilot, lambda: [r.decision.status for r in screen.rows] == ["done"],
                    "only the done one")
        status.value = "open"
        await until(pilot, lambda: screen.rows and all(r.decision.status == "open"
                                                       for r in screen.rows), "the open ones")
        status.clear()
        await until(pilot, lambda: len(screen.rows) == len(screen.all_rows), "all again")
        await pilot.press("o")
        await until(pilot, lambda: status.value == "overdue", "o: only overdue")
        assert screen.rows and all(r.overdue for r in screen.rows)
