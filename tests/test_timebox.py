"""The timebox (issue 15): a plan of minutes per canvas, the clock on the canvas showing, the
time left and ahead/behind in the session bar, the plan rebalanced when a canvas runs over,
the seconds spent kept in the file, and planned against spent in `show` and the exports.

The app's clock is a fake one the tests move on (`app.timekeeper.stopwatch.clock`): minutes
pass without waiting; the tests wait for the states those minutes bring.
"""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest
from rich.text import Text

from dtworkshop.core import timebox
from dtworkshop.core.canvases import CANVAS_KEYS
from dtworkshop.core.session import Agenda, AgendaSpent
from dtworkshop.core.timebox import (
    FLOOR,
    HALF_DAY,
    WHOLE_DAY,
    Stopwatch,
    default_plan,
    standing,
)
from dtworkshop.storage import SessionFileError, dumps, read_session, save_session
from dtworkshop.ui.app import WorkshopApp
from dtworkshop.ui.screens.dialogs import ChoiceScreen

from tests.conftest import EXAMPLES, settled, until
from tests.test_cli import run
from tests.test_keys_land import PORTFOLIO, open_canvas

SIZE = (80, 24)


class FakeClock:
    """A monotonic clock that moves only when told (seconds)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def read(path: Path) -> dict:
    return tomllib.loads(path.read_text("utf-8"))


def bar(app: WorkshopApp) -> str:
    return app.screen.query_one("#session-bar").render().plain


def bar_text(app: WorkshopApp) -> Text:
    return app.screen.query_one("#session-bar").render()


def with_plan(folder: Path, plan: dict[str, int], spent: dict[str, int] | None = None,
              name: str = PORTFOLIO) -> Path:
    """The example session `name` in `folder` with the timebox `plan` (and `spent`)."""
    path = folder / name
    session = read_session(path)
    session.agenda = timebox.set_plan(None, plan)
    if spent:
        session.agenda = timebox.set_spent(session.agenda, spent)
    save_session(session, path)
    return path


def app_on(path: Path, clock: FakeClock, **kwargs) -> WorkshopApp:
    app = WorkshopApp(sessions_dir=path.parent, open_path=path, **kwargs)
    app.timekeeper.stopwatch.clock = clock
    return app


# ---------------------------------------------------------------- the core, pure


@pytest.mark.parametrize("total", [HALF_DAY, WHOLE_DAY])
def test_the_default_plans_fill_the_day_and_weigh_the_core_canvases_most(total: int) -> None:
    plan = default_plan(total)
    assert list(plan) == ["overview", *CANVAS_KEYS]
    assert sum(plan.values()) == total
    assert all(m > 0 and m % 5 == 0 for m in plan.values())
    core = ["business_case", "double_diamond", "portfolio", "story_fish", "organisation_forms",
            "actor_pentagon", "political"]
    later = ["maturity", "risk", "ownership", "dilemmas", "self_assessment"]
    assert min(plan[k] for k in core) >= max(plan[k] for k in later)
    assert plan["dilemmas"] <= plan["maturity"]


def test_a_canvas_that_runs_over_shrinks_the_rest_in_proportion_never_below_the_floor() -> None:
    plan = {"overview": 10, "business_case": 30, "double_diamond": 30, "portfolio": 60,
            "dilemmas": 6}
    # The business case took 50 minutes of 30: 20 over, on the double diamond now.
    now = standing(plan, {"business_case": 50 * 60, "double_diamond": 60}, "double_diamond")
    assert now.ahead == -20 * 60
    assert now.left == 29 * 60
    # What is after it shares 20 minutes less, in proportion: 76 → 56 minutes.
    assert now.minutes["business_case"] == 30 and now.minutes["double_diamond"] == 30
    assert now.minutes["portfolio"] == round(60 * 56 / 76)
    assert now.minutes["overview"] == round(10 * 56 / 76)
    assert now.minutes["dilemmas"] == FLOOR  # 6 × 56/76 = 4.4, kept at the floor
    # Far behind, nothing goes under the floor (or a shorter plan).
    far = standing(plan, {"business_case": 200 * 60}, "double_diamond")
    assert far.minutes["portfolio"] == FLOOR and far.minutes["dilemmas"] == FLOOR
    # The plan given is not changed: rebalanced minutes are computed only.
    assert plan["portfolio"] == 60


def test_ahead_and_behind_count_the_canvases_worked_on_and_left() -> None:
    plan = {"business_case": 30, "double_diamond": 30, "portfolio": 40}
    # Done early with the business case: 10 minutes ahead; the rest keep their plan.
    early = standing(plan, {"business_case": 20 * 60}, "double_diamond")
    assert early.ahead == 10 * 60
    assert early.minutes == plan
    # A canvas only passed through on the way (under a minute) is not done, nor ahead.
    passed = standing(plan, {"business_case": 20, "double_diamond": 30}, "portfolio")
    assert passed.ahead == 0
    # Running over the canvas showing puts the session behind at once.
    over = standing(plan, {"portfolio": 45 * 60}, "portfolio")
    assert (over.left, over.ahead) == (-5 * 60, -5 * 60)
    # Not in the plan: no time left to show.
    assert standing(plan, {}, "risk").left is None


def test_the_stopwatch_counts_only_the_key_showing() -> None:
    clock = FakeClock()
    watch = Stopwatch(clock)
    watch.start({"portfolio": 100})
    watch.at("portfolio")
    clock.advance(60)
    watch.at(None)  # paused: a dialog that leaves the session, the session list
    clock.advance(600)
    watch.at("overview")
    clock.advance(30.5)
    assert watch.seconds() == {"portfolio": 160.0, "overview": 30.5}
    assert watch.unsaved == 90.5
    assert watch.saved() == {"portfolio": 160, "overview": 30}
    assert watch.unsaved == 0


def test_an_agenda_is_written_after_the_header_and_read_back(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / PORTFOLIO, tmp_path)
    path = with_plan(tmp_path, {"overview": 10, "portfolio": 45}, {"portfolio": 1934})
    raw = read(path)
    assert raw["agenda"] == {"overview": 10, "portfolio": 45, "spent": {"portfolio": 1934}}
    keys = list(raw)
    assert keys.index("participants") < keys.index("agenda") < keys.index("maturity")
    session = read_session(path)
    assert session.agenda.portfolio == 45 and session.agenda.spent.portfolio == 1934
    assert dumps(session) == path.read_bytes()
    # Nothing planned nor spent: no [agenda] at all, the file as it was.
    session.agenda = timebox.set_plan(session.agenda, {"overview": None, "portfolio": None})
    session.agenda = timebox.set_spent(session.agenda, {"portfolio": 0})
    assert session.agenda is None
    example = read_session(EXAMPLES / PORTFOLIO)
    assert example.agenda is None and b"agenda" not in dumps(example)
    assert dumps(example) == (EXAMPLES / PORTFOLIO).read_bytes()


@pytest.mark.parametrize("lines, where, words", [
    ("[agenda]\nportfolio = -5\n", "agenda.portfolio", ">= 0"),
    ("[agenda]\nportfolo = 30\n", "agenda.portfolo", "unknown key"),
    ("[agenda]\nportfolio = 30\n[agenda.spent]\nportfolio = -1\n", "agenda.spent.portfolio",
     ">= 0"),
    ("[agenda.spent]\nlunch = 3600\n", "agenda.spent.lunch", "unknown key"),
    ("[agenda]\nportfolio = \"lang\"\n", "agenda.portfolio", "expected int"),
])
def test_a_bad_agenda_is_refused_with_its_key_path(tmp_path: Path, lines: str, where: str,
                                                   words: str) -> None:
    text = (EXAMPLES / PORTFOLIO).read_text("utf-8")
    at = text.index("\n[maturity]")  # after the header and participants, as the app writes it
    path = tmp_path / PORTFOLIO
    path.write_text(text[:at] + "\n" + lines + text[at:], "utf-8")
    with pytest.raises(SessionFileError) as caught:
        read_session(path)
    assert caught.value.where == where
    assert words in str(caught.value)
    result = run("validate", str(path), cwd=tmp_path)
    assert result.returncode == 1
    assert f"{PORTFOLIO}:{where}:" in result.stdout + result.stderr


# ---------------------------------------------------------------- show and the exports


def test_show_and_the_exports_print_planned_against_spent(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / PORTFOLIO, tmp_path)
    path = with_plan(tmp_path, {"overview": 15, "business_case": 20, "portfolio": 30},
                     {"portfolio": 45 * 60 + 20, "risk": 300})
    shown = run("show", str(path), cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    out = shown.stdout
    assert "Tidsplan\n--------\n" in out
    assert "Porteføljemodellen: 30 min planlagt, 45 min brugt" in out
    assert "Vær risikovillig: ikke planlagt, 5 min brugt" in out
    assert "I alt: 65 min planlagt, 50 min brugt" in out
    md = run("export", str(path), "--format", "md", cwd=tmp_path).stdout
    assert "## Tidsplan" in md
    assert "| Porteføljemodellen | 30 | 45 |" in md
    assert "| I alt | 65 | 50 |" in md
    html = run("export", str(path), "--format", "html", cwd=tmp_path).stdout
    assert '<section id="timebox">' in html and "Planlagt (min)" in html
    data = json.loads(run("export", str(path), "--format", "json", cwd=tmp_path).stdout)
    assert data["agenda"]["portfolio"] == 30
    assert data["agenda"]["spent"] == {"portfolio": 2720, "risk": 300}
    assert data["export"]["timebox"] == {"planned_minutes": 65, "spent_seconds": 3020}
    # Without a timebox nothing of it shows.
    plain = run("show", str(EXAMPLES / PORTFOLIO), cwd=tmp_path).stdout
    assert "Tidsplan" not in plain
    assert json.loads(run("export", str(EXAMPLES / PORTFOLIO), "--format", "json",
                          cwd=tmp_path).stdout)["export"]["timebox"] is None


# ---------------------------------------------------------------- in the app


async def test_the_plan_set_on_the_details_screen_is_written_as_agenda(examples: Path) -> None:
    path = examples / PORTFOLIO
    app = app_on(path, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.document is not None, "the session open")
        await settled(pilot)
        await pilot.press("ctrl+g", "s")
        await until(pilot, lambda: type(app.screen).__name__ == "DetailsScreen"
                    and app.screen.query("#plan-half_day"), "the details")
        app.screen.query_one("#plan-half_day").focus()
        await pilot.press("enter")  # the half-day default in every field
        await until(pilot, lambda: app.screen.query_one("#plan-portfolio").value == "20",
                    "the half day filled in")
        field = app.screen.query_one("#plan-portfolio")
        field.focus()
        field.cursor_position = len(field.value)
        await pilot.press("backspace", "backspace", "4", "5")
        await settled(pilot)
        await until(pilot, lambda: read(path).get("agenda", {}).get("portfolio") == 45,
                    "the plan in the file")
        raw = read(path)["agenda"]
        assert raw == {**default_plan(HALF_DAY), "portfolio": 45}
        assert "spent" not in raw  # the details screen does not count


async def test_the_bar_shows_the_time_left_then_over_and_the_file_keeps_the_time(
        examples: Path) -> None:
    plan = {"overview": 10, "business_case": 20, "double_diamond": 20, "portfolio": 20,
            "risk": 20}
    path = with_plan(examples, plan)
    clock = FakeClock()
    app = app_on(path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.document is not None, "the session open")
        await open_canvas(pilot, "portfolio")
        await until(pilot, lambda: "20 min tilbage" in bar(app), "20 minutes left")
        clock.advance(5 * 60 + 10)
        await until(pilot, lambda: "15 min tilbage" in bar(app), "15 minutes left")
        assert "bagud" not in bar(app) and "foran" not in bar(app)
        # About every 30 seconds the count is saved, also while one stays on the canvas.
        await until(pilot, lambda: read(path)["agenda"].get("spent", {}).get("portfolio", 0)
                    >= 300, "the time spent in the file")
        clock.advance(13 * 60 + 40)  # 1 min 10 s left: quietly, the bar's own colours
        await until(pilot, lambda: "2 min tilbage" in bar(app), "2 minutes left")
        left = bar_text(app)
        start = left.plain.index("2 min")
        assert not [s for s in left.spans if s.start <= start < s.end and " on " in str(s.style)]
        clock.advance(3 * 60)  # past it by 1 min 50 s
        await until(pilot, lambda: "+2 min over" in bar(app), "the time over")
        assert "2 min bagud" in bar(app)
        shown = bar_text(app)
        start = shown.plain.index("+2 min over")
        styles = [str(s.style) for s in shown.spans if s.start <= start < s.end]
        assert any(" on " in style for style in styles), styles  # the warning's ground
        # Rebalanced on the overview: risk and the overview share what is left.
        await pilot.press("ctrl+g", "0")
        await until(pilot, lambda: type(app.screen).__name__ == "OverviewScreen", "overview")
        table = app.screen.query_one("#canvases")
        await until(pilot, lambda: "20→18" in str(table.get_row("risk")[5]), "rebalanced")
        assert str(table.get_row("portfolio")[5]) == "20"
        # 21 min 50 s: to the nearest minute, as the reports say it.
        assert str(table.get_row("portfolio")[6]) == "22"
        await pilot.press("ctrl+q")
    spent = read(path)["agenda"]["spent"]
    assert spent["portfolio"] == 21 * 60 + 50
    assert read(path)["agenda"]["portfolio"] == 20  # the plan stays the facilitator's

    # Opened again, the clock goes on from what was saved.
    app = app_on(path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.document is not None, "the session open again")
        await open_canvas(pilot, "portfolio")
        await until(pilot, lambda: "+2 min over" in bar(app), "the time over, as it was")
        clock.advance(60)
        await until(pilot, lambda: "+3 min over" in bar(app), "counting on")
        await pilot.press("ctrl+g", "s")  # the details screen pauses the clock
        await until(pilot, lambda: type(app.screen).__name__ == "DetailsScreen", "details")
        await settled(pilot)
        clock.advance(3600)
        await pilot.press("ctrl+q")
    assert read(path)["agenda"]["spent"]["portfolio"] == 22 * 60 + 50


async def test_read_only_never_counts(examples: Path) -> None:
    path = with_plan(examples, {"portfolio": 20}, {"portfolio": 60})
    before = path.read_bytes()
    clock = FakeClock()
    app = app_on(path, clock, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.document is not None, "the session open")
        await open_canvas(pilot, "portfolio")
        clock.advance(600)
        await pilot.pause()
        app.timekeeper.tick()
        assert app.timekeeper.stopwatch.key is None
        assert "min" not in bar(app)
        await pilot.press("ctrl+q")
    assert path.read_bytes() == before


async def test_a_session_without_a_timebox_is_not_changed_by_time_passing(examples: Path) -> None:
    path = examples / PORTFOLIO
    before = path.read_bytes()
    clock = FakeClock()
    app = app_on(path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.document is not None
                    and getattr(app.screen, "CANVAS", None), "the canvas it was left on")
        await settled(pilot)
        assert app.timekeeper.stopwatch.key == app.screen.CANVAS  # counting…
        clock.advance(3600)
        app.timekeeper.tick()
        await settled(pilot)
        assert "min" not in bar(app)  # no plan: nothing shows
        await pilot.press("ctrl+q")
    assert path.read_bytes() == before


async def test_the_overview_fills_an_empty_plan_with_a_default(examples: Path) -> None:
    path = examples / PORTFOLIO
    app = app_on(path, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.document is not None, "the session open")
        await pilot.press("ctrl+g", "0")
        await until(pilot, lambda: type(app.screen).__name__ == "OverviewScreen", "overview")
        await settled(pilot)
        assert app.screen.check_action("fill_plan", ())  # shown in the footer
        await pilot.press("ctrl+k")
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen), "the choice")
        await pilot.press("tab", "enter")  # the whole day
        await until(pilot, lambda: type(app.screen).__name__ == "OverviewScreen", "overview")
        await settled(pilot)
        await until(pilot, lambda: read(path).get("agenda") is not None, "the plan saved")
        assert read(path)["agenda"] == default_plan(WHOLE_DAY)
        table = app.screen.query_one("#canvases")
        assert str(table.get_row("portfolio")[5]) == str(default_plan(WHOLE_DAY)["portfolio"])
        # Planned now: the key is not offered any more (the plan is edited on details).
        assert not app.screen.check_action("fill_plan", ())
        await pilot.press("ctrl+q")


# Each theme in colour and the projector's under NO_COLOR: the greys of every screen in
# every theme are the theme tour's (tests/test_themes.py); these runs are for this screen.
@pytest.mark.parametrize("theme, no_color", [
    *((theme, False) for theme in ["dtworkshop", "projector", "terminal-16"]), ("projector", True)],
    ids=lambda value: {True: "NO_COLOR", False: "colour"}.get(value, value))
async def test_the_time_over_reads_in_every_theme(examples: Path, monkeypatch, theme: str,
                                                  no_color: bool) -> None:
    """The bar past the time, the overview's plan and the details' timebox, in each shipped
    theme, 24-bit, 256 and 16 colours and under NO_COLOR: their text at 4.5:1 contrast or
    more (see tests/test_themes.py)."""
    from tests.test_themes import Look

    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    path = with_plan(examples, {"portfolio": 20, "risk": 20}, {"portfolio": 25 * 60})
    app = app_on(path, FakeClock(), theme=theme)
    look = Look(tab=False)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.document is not None, "the session open")
        await open_canvas(pilot, "portfolio")
        await until(pilot, lambda: "+5 min over" in bar(app) and "5 min bagud" in bar(app),
                    "the time over")
        await settled(pilot)
        look.check(app, "portfolio, over time")
        await pilot.press("ctrl+g", "0")  # planned against spent, rebalanced
        await until(pilot, lambda: type(app.screen).__name__ == "OverviewScreen"
                    and "20→" in str(app.screen.query_one("#canvases").get_row("risk")[5]),
                    "the overview, rebalanced")
        await settled(pilot)
        look.check(app, "overview with a timebox")
        await pilot.press("ctrl+g", "s")
        await until(pilot, lambda: type(app.screen).__name__ == "DetailsScreen", "details")
        await settled(pilot)
        app.screen.query_one("#plan-half_day").focus()  # the plan's part in view
        await settled(pilot)
        await pilot.pause()
        look.check(app, "details, the timebox")
        await pilot.press("ctrl+q")
    # (The tour in tests/test_themes.py does not visit the overview: this test does.)
    assert not look.problems, "\n".join(look.problems)


async def test_in_a_narrow_window_the_bar_keeps_the_title_and_the_saving_state(
        examples: Path) -> None:
    path = with_plan(examples, {"business_case": 20, "portfolio": 20},
                     {"business_case": 30 * 60})
    app = app_on(path, FakeClock())
    async with app.run_test(size=(52, 24)) as pilot:
        await until(pilot, lambda: app.document is not None, "the session open")
        await open_canvas(pilot, "portfolio")
        await until(pilot, lambda: "20 min tilbage" in bar(app), "the time left")
        await settled(pilot)
        shown = bar(app).rstrip()
        assert "bagud" not in shown  # behind, but no room to say so as well
        assert shown.endswith("Gemt ✓") and len(bar(app)) <= 52
        assert shown.startswith(" Transformations")
        await pilot.press("ctrl+q")
