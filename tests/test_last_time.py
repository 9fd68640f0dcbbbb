""""Last time…" on a canvas (ctrl+l): the same organisation's earlier sessions, newest
first, with what they recorded on the canvas and their open decisions; Enter compares."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dtworkshop import last_time
from dtworkshop.core.canvases.business_case import BusinessCase
from dtworkshop.core.session import Decision, new_session
from dtworkshop.storage import save_session, session_path
from dtworkshop.ui.app import WorkshopApp
from dtworkshop.ui.screens.dialogs import CANVAS_HOTKEY
from dtworkshop.ui.widgets.last_time import LastTimePanel
from tests.conftest import settled, until
from tests.looks import in_theme
from tests.test_themes import SHIPPED, Look

SIZE = (80, 24)


def made(folder: Path, session_id: str, organisation: str, day: dt.date, problem: str,
         decisions: tuple[tuple[str, str], ...] = (), language: str = "da") -> Path:
    """A session file of `organisation` held on `day`, its business case's problem set, with
    `decisions` (text, status) on the business case."""
    session = new_session(session_id, title=f"Værksted {session_id}", organisation=organisation,
                          language=language)
    session.date = day
    session.business_case = BusinessCase(problem=problem)
    session.decisions = [
        Decision(canvas="business_case", text=text, made=dt.datetime(2026, 1, 1, 9, tzinfo=dt.timezone.utc),
                 status=status, closed=day if status != "open" else None)
        for text, status in decisions]
    path = session_path(folder, session_id)
    save_session(session, path)
    return path


def folder_of_egedal(tmp_path: Path) -> tuple[Path, dict[str, Path]]:
    """This session (2027-03-01) and, of the same organisation, two earlier ones and a later
    one; an earlier one of another organisation."""
    folder = tmp_path / "sessions"
    folder.mkdir()
    paths = {
        "now": made(folder, "now", "Egedal Kommune", dt.date(2027, 3, 1), "Vi står her nu"),
        "spring": made(folder, "spring", "Egedal Kommune", dt.date(2026, 5, 4),
                       "Borgerne venter på svar", (("Find en ejer af kontaktpunktet", "open"),
                                                   ("Inviter borgerpanelet", "done"))),
        "autumn": made(folder, "autumn", "egedal  kommune", dt.date(2026, 10, 12),
                       "Sagsbehandlingen er for langsom", (("Mål ventetiden i et kvartal", "open"),)),
        "later": made(folder, "later", "Egedal Kommune", dt.date(2027, 6, 1), "Senere problem"),
        "mors": made(folder, "mors", "Morsø Kommune", dt.date(2026, 9, 1), "Lægen mangler"),
    }
    return folder, paths


async def test_last_time_lists_the_earlier_sessions_newest_first_and_compares(
        tmp_path: Path, monkeypatch) -> None:
    """ctrl+l on a canvas lists the organisation's two earlier sessions (not the later
    one, not another organisation's), newest first, with their values on this canvas and
    their open decisions; nothing was looked up before it; Enter compares; Escape closes."""
    folder, paths = folder_of_egedal(tmp_path)
    looked: list[Path] = []
    load = last_time.load_index

    def counted(where, **kwargs):
        looked.append(Path(where))
        return load(where, **kwargs)

    monkeypatch.setattr(last_time, "load_index", counted)
    app = WorkshopApp(sessions_dir=folder, open_path=paths["now"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["portfolio"])
        await pilot.press("ctrl+g", CANVAS_HOTKEY["business_case"])
        await until(pilot, lambda: getattr(app.screen, "CANVAS", None) == "business_case",
                    "the business case")
        await settled(pilot)
        assert not looked and not app.screen.query(LastTimePanel)  # nothing at the switches

        await pilot.press("ctrl+l")
        await until(pilot, lambda: app.screen.query(LastTimePanel)
                    and app.screen.query_one(LastTimePanel).found is not None,
                    "the earlier sessions found")
        panel = app.screen.query_one(LastTimePanel)
        assert [e.path for e in panel.found] == [paths["autumn"], paths["spring"]]
        options = panel.query_one("OptionList")
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert len(prompts) == 2
        assert "Værksted autumn · 2026-10-12" in prompts[0]
        assert "Sagsbehandlingen er for langsom" in prompts[0]
        assert "Mål ventetiden i et kvartal" in prompts[0]
        assert "Værksted spring · 2026-05-04" in prompts[1]
        assert "Borgerne venter på svar" in prompts[1]
        assert "Find en ejer af kontaktpunktet" in prompts[1]
        assert "Inviter borgerpanelet" not in prompts[1]  # done: not an open decision
        assert app.screen.focused is options
        assert looked == [folder]

        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "CompareScreen", "compare")
        assert (app.screen.a, app.screen.b) == (paths["autumn"], paths["now"])
        # The footer's Esc says where it goes from here: back, not to the session list.
        escape = [b.binding.description for b in app.screen.active_bindings.values()
                  if b.binding.key == "escape"]
        assert escape and escape[0] == app.labels("app.back_anywhere")
        await pilot.press("escape")
        await until(pilot, lambda: getattr(app.screen, "CANVAS", None) == "business_case",
                    "back on the canvas")
        await pilot.press("escape")
        await until(pilot, lambda: not app.screen.query(LastTimePanel), "the panel closed")
        await pilot.press("ctrl+l")
        await until(pilot, lambda: app.screen.query(LastTimePanel), "the panel again")
        await pilot.press("ctrl+l")
        await until(pilot, lambda: not app.screen.query(LastTimePanel), "closed by ctrl+l")


async def test_last_time_without_organisation_says_there_is_nothing(tmp_path: Path) -> None:
    """A session without organisation: one line saying there is nothing to show."""
    folder, paths = folder_of_egedal(tmp_path)
    lone = made(folder, "lone", "", dt.date(2027, 3, 1), "Uden organisation", language="en")
    app = WorkshopApp(sessions_dir=folder, open_path=lone)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["business_case"])
        await until(pilot, lambda: getattr(app.screen, "CANVAS", None) == "business_case",
                    "the business case")
        await pilot.press("ctrl+l")
        await until(pilot, lambda: app.screen.query(LastTimePanel)
                    and app.screen.query_one(LastTimePanel).found is not None, "the panel")
        await settled(pilot)
        text = "\n".join("".join(s.text for s in strip)
                         for strip in app.screen._compositor.render_strips())
        assert "has no organisation: there is nothing to show" in text


async def test_last_time_of_an_organisation_seen_first_says_so(tmp_path: Path) -> None:
    """The organisation's first session: one line saying it has no earlier ones."""
    folder, paths = folder_of_egedal(tmp_path)
    first = made(folder, "first", "Morsø Kommune", dt.date(2026, 1, 5), "Først", language="en")
    app = WorkshopApp(sessions_dir=folder, open_path=first)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["business_case"])
        await until(pilot, lambda: getattr(app.screen, "CANVAS", None) == "business_case",
                    "the business case")
        await pilot.press("ctrl+l")
        await until(pilot, lambda: app.screen.query(LastTimePanel)
                    and app.screen.query_one(LastTimePanel).found == [], "nothing found")
        await settled(pilot)
        text = "\n".join("".join(s.text for s in strip)
                         for strip in app.screen._compositor.render_strips())
        assert "Morsø Kommune has no earlier sessions." in text


@pytest.mark.slow
# Each theme in colour and the projector's under NO_COLOR: the greys of every screen in
# every theme are the theme tour's (tests/test_themes.py); these runs are for this screen.
@pytest.mark.parametrize("theme, no_color", [
    *((theme, False) for theme in SHIPPED), ("projector", True)],
    ids=lambda value: {True: "NO_COLOR", False: "colour"}.get(value, value))
async def test_last_time_reads_in_every_terminal(tmp_path: Path, monkeypatch, theme: str,
                                                 no_color: bool) -> None:
    """The panel, an earlier session highlighted, in each shipped theme, 24-bit, 256 and 16
    colours, with and without NO_COLOR: every text at 4.5:1 contrast or more; and the
    highlight moving to the next session shows."""
    folder, paths = folder_of_egedal(tmp_path)
    in_theme(monkeypatch, folder, theme, no_color)
    app = WorkshopApp(sessions_dir=folder, open_path=paths["now"], theme=theme)
    look = Look()
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["business_case"])
        await until(pilot, lambda: getattr(app.screen, "CANVAS", None) == "business_case",
                    "the business case")
        await pilot.press("ctrl+l")
        await until(pilot, lambda: app.screen.query(LastTimePanel)
                    and app.screen.query_one(LastTimePanel).found, "the sessions found")
        await settled(pilot)
        await pilot.pause()
        await look.tab_through(pilot, "last time", moves=1, key="down", watch="#last-time-list")
    assert not look.problems, "\n".join(look.problems)

