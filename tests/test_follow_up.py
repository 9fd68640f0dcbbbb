"""Issue 15: decisions followed up in the app. A decision in a canvas's log is marked done
with Space (and open again), or set to done or dropped in its dialog; the file says where
it stands and since when, and a decision done is never overdue."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from textual.widgets import Select

from dtworkshop.ui.app import WorkshopApp
from dtworkshop.ui.widgets.decision_log import DecisionLog
from tests.conftest import settled, until
from tests.test_keys_land import PORTFOLIO, open_canvas

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
        assert date.value == dt.date.today().isoformat()
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
        await pilot.press("ctrl+q")
    saved = tomllib.loads(path.read_text("utf-8"))
    assert saved["date"] == dt.date(2027, 1, 8)
    assert saved["decisions"][0]["due"] == dt.date(2027, 1, 31)
