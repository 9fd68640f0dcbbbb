"""Issue 15, tallies: ctrl+y on a canvas starts a vote whose options are the canvas's own
items (or typed); the facilitator enters the counts with digits, + and -, Enter to the next;
a bar chart follows; the tally is kept in the file as `[[tallies]]`, can be made a decision,
re-opened to correct its counts, and shows in `show`, the exports and `diff`."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest

from dtworkshop.core.labels import Labels
from dtworkshop.core.session import Tally, TallyOption
from dtworkshop.core.types import now
from dtworkshop.storage import SessionFileError, read_session, save_session
from dtworkshop.ui.app import WorkshopApp
from dtworkshop.ui.screens.compare import CompareScreen
from dtworkshop.ui.screens.tally import CountList, TallyLog, TallyScreen
from dtworkshop.ui.widgets.chart import Chart
from tests.conftest import EXAMPLES, settled, until
from tests.test_app import burst
from tests.test_cli import run
from tests.test_keys_land import open_canvas
from tests.test_review_screens import on_one_line, read_all, started

SIZE = (80, 24)
MORS = "2026-11-30-region-nordjylland-mors.toml"
QUESTION = "Hvilken idé [bold]prøver vi først?"


def tallies_in(path: Path) -> list[dict]:
    return tomllib.loads(path.read_text("utf-8")).get("tallies", [])


async def start_tally(pilot) -> TallyScreen:
    app = pilot.app
    await pilot.press("ctrl+y")
    await until(pilot, lambda: isinstance(app.screen, TallyScreen)
                and app.screen.focused is not None, "the tally dialog, its question focused")
    return app.screen


async def count_a_vote(pilot) -> TallyScreen:
    """On the double diamond of the Mors session: ctrl+y, the question, the last three of the
    seven items offered (the prototypes) unticked, one option typed, then the counts
    7; 1 2 - (11); + + + (3); none; 2 Backspace 4 (4), each row left with Enter."""
    app = pilot.app
    dialog = await start_tally(pilot)
    offered = [str(s.prompt) for s in dialog.query_one("#options")._options]
    assert offered[:2] == ["Digital lægeklinik med videokonsultation",
                           "Sygeplejersken tager den første samtale"]
    assert len(offered) == 7  # four ideas, three prototypes, every one ticked
    burst(app, [*QUESTION, "tab", "down", "down", "down", "down", "space", "down", "space",
                "down", "space", "tab", *"Ingen af dem", "enter", "enter"])
    counts = dialog.query_one(CountList)
    await until(pilot, lambda: dialog.focused is counts, "the counting")
    assert counts.names == [*offered[:4], "Ingen af dem"]
    burst(app, ["7", "enter", "1", "2", "minus", "enter", "plus", "plus", "plus", "enter",
                "enter", "2", "backspace", "4"])
    await until(pilot, lambda: counts.votes == [7, 11, 3, 0, 4], "the counts typed")
    return dialog


async def test_a_vote_is_counted_charted_and_kept_in_the_file(examples: Path) -> None:
    path = examples / MORS
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await open_canvas(pilot, "double_diamond")
        dialog = await count_a_vote(pilot)
        chart = dialog.query_one(Chart)
        # The chart follows the counts (once the counting pauses): a bar a count, beside it.

        def ticks() -> list[str]:
            return [line.split("┤")[0].strip() for line in str(chart.plot.render()).splitlines()
                    if "┤" in line]

        await until(pilot, lambda: ticks() == ["7", "11", "3", "0", "4"], "the chart caught up")
        bars = [line.split("┤")[1].count("█") for line in str(chart.plot.render()).splitlines()
                if "┤" in line]
        assert bars[1] > bars[0] > bars[2] > bars[3] == 0
        # The total follows each count (its message may still be on its way when the chart,
        # drawn anew as it is laid out, already shows the counts).
        total = dialog.query_one("#tally-total")
        await until(pilot, lambda: "11" in str(total.render()),
                    lambda: f"the total: {total.render()}")
        await pilot.press("enter")  # past the last row: Done has the focus
        await until(pilot, lambda: dialog.focused is dialog.query_one("#done"), "Done focused")
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, TallyScreen), "the dialog closed")
        await settled(pilot)
        [tally] = tallies_in(path)
        assert tally["canvas"] == "double_diamond"
        assert tally["question"] == QUESTION
        assert [(o["name"], o["votes"]) for o in tally["options"]] == [
            ("Digital lægeklinik med videokonsultation", 7),
            ("Sygeplejersken tager den første samtale", 11),
            ("Lægerne arbejder ikke fysisk på klinikken hver dag", 3),
            ("Hjælp til ældre borgere ved den første digitale konsultation", 0),
            ("Ingen af dem", 4)]
        assert tally["taken"].tzinfo is not None
        # Kept on the canvas, under the decision log, its result said.
        log = app.screen.query_one(TallyLog)
        assert log.display and log.row_count == 1
        assert "Sygeplejersken" in str(log.get_row_at(0)[1])


async def test_a_tally_is_made_a_decision(examples: Path) -> None:
    path = examples / MORS
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await open_canvas(pilot, "double_diamond")
        before = len(app.document.session.decisions)
        dialog = await count_a_vote(pilot)
        dialog.query_one("#decide").focus()
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "PrefilledDecisionScreen"
                    and app.screen.focused is not None, "the decision dialog")
        text = app.screen.query_one("#text").value
        assert text == f"{QUESTION[:-1]}: Sygeplejersken tager den første samtale"  # no "?:"
        burst(app, ["enter", *"Bo", "enter", "enter"])
        await until(pilot, lambda: len(app.document.session.decisions) == before + 1,
                    "the decision recorded")
        await settled(pilot)
        decision = app.document.session.decisions[-1]
        assert (decision.canvas, decision.text, decision.owner) == ("double_diamond", text, "Bo")
        assert len(tallies_in(path)) == 1  # the tally kept as well


async def test_a_kept_tally_is_reopened_to_correct_its_counts_and_deleted(examples: Path) -> None:
    path = examples / MORS
    session = read_session(path)
    session.tallies.append(Tally(canvas="double_diamond", question="Hvilken først?", taken=now(),
                                 options=[TallyOption(name="A", votes=2),
                                          TallyOption(name="B", votes=5)]))
    save_session(session, path)
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await open_canvas(pilot, "double_diamond")
        log = app.screen.query_one(TallyLog)
        assert log.display and log.row_count == 1
        log.focus()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, TallyScreen)
                    and isinstance(app.screen.focused, CountList), "the tally's counts")
        dialog = app.screen
        assert dialog.query_one(CountList).votes == [2, 5]
        await until(pilot, lambda: "5┤" in str(dialog.query_one(Chart).plot.render()),
                    "its chart")
        burst(app, ["9", "enter", "backspace", "enter"])  # A: 9; B: 5 → 0
        await until(pilot, lambda: dialog.focused is dialog.query_one("#done"), "Done focused")
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, TallyScreen), "closed")
        await settled(pilot)
        [tally] = tallies_in(path)
        assert [o["votes"] for o in tally["options"]] == [9, 0]
        assert tally["question"] == "Hvilken først?"

        # Delete on it, after a yes, removes it: the list goes with the last one.
        log.focus()
        await pilot.press("delete")
        await until(pilot, lambda: type(app.screen).__name__ == "ConfirmScreen"
                    and app.screen.focused is not None, "delete it?")
        await pilot.press("shift+tab", "enter")  # No is focused: Delete is before it
        await until(pilot, lambda: not log.display, "the list gone")
        await settled(pilot)
        assert tallies_in(path) == []
        assert "tallies" not in path.read_text("utf-8")


async def test_escape_asks_before_throwing_counts_away(examples: Path) -> None:
    path = examples / MORS
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await open_canvas(pilot, "double_diamond")
        dialog = await count_a_vote(pilot)
        await pilot.press("escape")
        await until(pilot, lambda: type(app.screen).__name__ == "ChoiceScreen", "the question")
        await pilot.press("escape")  # stay
        await until(pilot, lambda: app.screen is dialog, "back in the counting")
        assert dialog.query_one(CountList).votes == [7, 11, 3, 0, 4]


async def test_options_are_typed_on_a_canvas_without_items(examples: Path) -> None:
    """The portfolio of a session without units or initiatives offers none: they are typed."""
    path = examples / MORS
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await open_canvas(pilot, "portfolio")
        session = app.document.session
        if session.portfolio.units or session.portfolio.initiatives:
            pytest.skip("the example has portfolio items")
        dialog = await start_tally(pilot)
        burst(app, [*"Ja eller nej?", "enter", *"Ja", "enter", *"Nej", "enter", "enter",
                    "3", "enter", "1", "enter"])
        await until(pilot, lambda: dialog.focused is dialog.query_one("#done"), "Done focused")
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, TallyScreen), "closed")
        await settled(pilot)
        [tally] = tallies_in(path)
        assert tally["canvas"] == "portfolio"
        assert [(o["name"], o["votes"]) for o in tally["options"]] == [("Ja", 3), ("Nej", 1)]


# ---------------------------------------------------------------- the file and the reports

TALLY = """
[[tallies]]
canvas = "double_diamond"
question = "Hvilken idé prototyper vi først?"
taken = 2026-12-07T10:40:00+01:00

[[tallies.options]]
name = "Videokonsultation"
votes = 7

[[tallies.options]]
name = "Sygeplejersken først"
votes = {votes}
"""


def with_tally(folder: Path, votes: str = "3") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / MORS
    path.write_text((EXAMPLES / MORS).read_text("utf-8") + TALLY.format(votes=votes), "utf-8")
    return path


def test_a_file_without_tallies_saves_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / MORS
    shutil.copy(EXAMPLES / MORS, path)
    before = path.read_bytes()
    session = read_session(path)
    assert session.tallies == []
    save_session(session, path)
    assert path.read_bytes() == before
    assert b"tallies" not in before


def test_a_tally_is_read_and_written_back_unchanged(tmp_path: Path) -> None:
    path = with_tally(tmp_path)
    before = path.read_bytes()
    session = read_session(path)
    [tally] = session.tallies
    assert (tally.canvas, [o.votes for o in tally.options]) == ("double_diamond", [7, 3])
    save_session(session, path)
    assert path.read_bytes() == before


def test_negative_votes_are_refused_with_their_key_path(tmp_path: Path) -> None:
    path = with_tally(tmp_path, votes="-2")
    with pytest.raises(SessionFileError) as caught:
        read_session(path)
    assert caught.value.where == "tallies[0].options[1].votes"
    assert caught.value.message == "expected int >= 0, got -2"


def test_show_and_the_exports_print_the_tallies(tmp_path: Path) -> None:
    path = with_tally(tmp_path / "s")
    shown = run("show", str(path), cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert "Afstemninger" in shown.stdout
    assert "Hvilken idé prototyper vi først?" in shown.stdout
    assert "Videokonsultation (7 af 10 stemmer)" in shown.stdout

    md = run("export", str(path), "--format", "md", cwd=tmp_path)
    assert md.returncode == 0, md.stderr
    assert "## Afstemninger" in md.stdout
    assert "| Videokonsultation | 7 |" in md.stdout
    assert "Videokonsultation 7┤" in md.stdout  # the bar chart

    page = run("export", str(path), "--format", "html", cwd=tmp_path)
    assert page.returncode == 0, page.stderr
    assert '<section id="tallies">' in page.stdout and "Sygeplejersken først" in page.stdout

    data = run("export", str(path), "--format", "json", cwd=tmp_path)
    assert json.loads(data.stdout)["tallies"][0]["options"][1] == {
        "name": "Sygeplejersken først", "votes": 3}


def test_diff_prints_a_tally_added_and_its_counts_changed(tmp_path: Path) -> None:
    before = tmp_path / "a" / MORS
    before.parent.mkdir()
    shutil.copy(EXAMPLES / MORS, before)
    first = with_tally(tmp_path / "b")
    second = with_tally(tmp_path / "c", votes="5")

    added = run("diff", str(before), str(first), cwd=tmp_path)
    assert "tallies" in added.stdout.splitlines()
    assert '+ tallies[0]: "Hvilken idé prototyper vi først?"' in added.stdout
    assert '"Videokonsultation" 7' in added.stdout

    changed = run("diff", str(first), str(second), cwd=tmp_path)
    assert "tallies[0].options[1].votes (Sygeplejersken først): 3 → 5" in changed.stdout


async def test_the_compare_screen_shows_a_corrected_count(tmp_path: Path) -> None:
    first = with_tally(tmp_path / "a")
    second = with_tally(tmp_path / "b", votes="5")
    app = WorkshopApp(sessions_dir=first.parent)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        app.push_screen(CompareScreen(first, second, Labels("da")))
        await until(pilot, lambda: type(app.screen).__name__ == "CompareScreen"
                    and app.screen.query("VerticalScroll")
                    and app.focused is app.screen.query_one("VerticalScroll"), "compare shown")
        lines = await read_all(pilot)
        assert on_one_line(lines, "Afstemninger", "1 ændring")
        assert on_one_line(lines, "~ Stemmer", "3", "5")
        assert "Sygeplejersken først" in "\n".join(lines)


async def test_quitting_mid_count_keeps_the_counts_when_asked_to(examples: Path) -> None:
    path = examples / MORS
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await open_canvas(pilot, "double_diamond")
        await count_a_vote(pilot)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: type(app.screen).__name__ == "ChoiceScreen", "keep it?")
        await pilot.press("tab", "enter")  # the second answer: keep it and quit
        await until(pilot, lambda: not app.is_running, "the app ended")
    [tally] = tallies_in(path)
    assert [o["votes"] for o in tally["options"]] == [7, 11, 3, 0, 4]


def test_each_canvas_offers_its_own_items() -> None:
    """The options a tally starts from are the canvas's items, in the canvas's order; a
    canvas without a list of its own offers its model's choices."""
    from dtworkshop.core.canvases import CANVASES
    from dtworkshop.core.tallies import offered

    t = Labels("da")
    rks = read_session(EXAMPLES / "2026-12-07-ringkoebing-skjern-portefoelje.toml")
    mors = read_session(EXAMPLES / MORS)
    portfolio = offered(rks, "portfolio", t)
    initiatives = [i.name for i in rks.portfolio.initiatives]
    units = [u.name for u in rks.portfolio.units]
    assert initiatives and units and portfolio == [*initiatives, *units]
    assert offered(rks, "maturity", t) == [u.name for u in rks.maturity.units]
    assert offered(rks, "ownership", t) == [g.name for g in rks.ownership.groups]
    diamond = mors.double_diamond
    assert offered(mors, "double_diamond", t) == [*diamond.ideas, *(p.name for p in diamond.prototypes)]
    assert offered(mors, "business_case", t) == ["Grønt lys", "Rødt lys", "Åben"]
    assert len(offered(mors, "dilemmas", t)) == 8
    assert len(offered(mors, "self_assessment", t)) == 12
    # Every canvas, visited or not, answers without failing.
    fresh = read_session(EXAMPLES / "2026-12-14-egedal-et-kontaktpunkt.toml")
    for spec in CANVASES:
        assert all(name.strip() for name in offered(fresh, spec.key, t))


async def test_ctrl_y_is_in_the_footer_where_there_is_room(examples: Path) -> None:
    app = WorkshopApp(sessions_dir=examples, open_path=examples / MORS)
    async with app.run_test(size=(120, 30)) as pilot:
        await open_canvas(pilot, "story_fish")

        def shown() -> bool:
            return app.screen.active_bindings["ctrl+y"].binding.show

        assert shown()
        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: not shown(), "ctrl+y out of the full footer")
        await pilot.press("ctrl+y")  # and still at work
        await until(pilot, lambda: isinstance(app.screen, TallyScreen), "the tally dialog")
        assert [str(s.prompt) for s in app.screen.query_one("#options")._options] == [
            "1 Regelbaseret instruks", "2 Kontrakt- og resultatstyring", "3 Værdiledelse"]
