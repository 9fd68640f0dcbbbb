"""The pulse, a canvas defined only in `tests/extra_canvas`, found everywhere a canvas is:
the overview, navigation, the file, `show`, every export, `diff`, compare, validation's error
paths and the labels. Run by `tests/test_extra_canvas.py` with the canvas registered (these
checks cannot run without it: the file name keeps the main run from collecting them)."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import msgspec
from textual.containers import VerticalScroll

from dtworkshop import cli
from dtworkshop.core.canvases import CANVAS_KEYS
from dtworkshop.core.labels import Labels
from dtworkshop.core.session import Session, new_session
from dtworkshop.storage import read_session, save_session
from dtworkshop.ui.app import WorkshopApp
from dtworkshop.ui.canvases import SCREENS
from dtworkshop.ui.screens.compare import CompareScreen
from dtworkshop.ui.screens.dialogs import CANVAS_HOTKEY

from tests.conftest import EXAMPLES, settled, until
from tests.extra_canvas.screen import CompassScreen, PulseScreen
from tests.test_review_screens import on_one_line, read_all, screen_lines

SIZE = (80, 24)
MORS = "2026-11-30-region-nordjylland-mors.toml"
# By the registry, not by digits: the core canvases before the test's may grow in number.
PULSE, COMPASS = CANVAS_HOTKEY["pulse"], CANVAS_HOTKEY["compass"]
LAST_CORE = CANVAS_KEYS[CANVAS_KEYS.index("pulse") - 1]


def screen_text(app) -> str:
    return "\n".join(screen_lines(app))


def pulse_session(folder: Path, sid: str, energy: int, headline: str) -> Path:
    session = new_session(sid, title="Pulsdag", organisation="Egedal")
    pulse = session.canvas("pulse")
    pulse.mood, pulse.energy, pulse.headline = "eager", energy, headline
    pulse.risks = ["Ferien", "[bold]Budget"]
    path = folder / f"{sid}.toml"
    save_session(session, path)
    return path


async def test_the_overview_and_navigation_take_the_pulse_and_the_file_keeps_it(
        tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    folder.mkdir()
    path = folder / MORS
    shutil.copy(EXAMPLES / MORS, path)
    app = WorkshopApp(sessions_dir=folder, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "0")
        await until(pilot, lambda: type(app.screen).__name__ == "OverviewScreen", "overview")
        await until(pilot, lambda: "Pulsen i rummet" in screen_text(app), "the pulse listed")
        assert on_one_line(screen_text(app).splitlines(), PULSE, "Pulsen i rummet", "2")
        assert on_one_line(screen_text(app).splitlines(), COMPASS, "Kompasset", "2")

        # ctrl+n from the last core canvas goes on to the pulse; the menu lists it by its key.
        await pilot.press("ctrl+g", CANVAS_HOTKEY[LAST_CORE])
        await until(pilot, lambda: getattr(app.screen, "CANVAS", None) == LAST_CORE,
                    "the last core canvas")
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, PulseScreen), "the pulse")
        assert "Pulsen i rummet · Råd 2" in screen_text(app)
        await pilot.press("ctrl+g")
        await until(pilot, lambda: f"{PULSE}  Pulsen i rummet" in screen_text(app),
                    "the pulse's key in the menu")
        # A canvas past the ninth is reached by a letter, shown as its key everywhere.
        assert COMPASS.isalpha()
        await until(pilot, lambda: f"{COMPASS}  Kompasset" in screen_text(app),
                    "the compass's letter in the menu")
        await pilot.press(COMPASS)
        await until(pilot, lambda: isinstance(app.screen, CompassScreen), "the compass")
        assert f" {COMPASS} Kompas " in screen_text(app).splitlines()[1]  # the navigation
        await pilot.press("ctrl+g", PULSE)
        await until(pilot, lambda: isinstance(app.screen, PulseScreen), "the pulse again")

        # Typed on its fields, warned by its rule, decided on, saved.
        app.screen.query_one("#energy").focus()
        await pilot.press("2")
        await until(pilot, lambda: "Energien er 2: skriv en overskrift om hvorfor."
                    in screen_text(app), "the pulse's warning")
        await pilot.press("tab", *"Træt hold", "ctrl+d")
        await until(pilot, lambda: type(app.screen).__name__ == "DecisionScreen", "dialog")
        await pilot.press(*"Kaffe", "enter", *"Åse", "enter", "enter")
        await until(pilot, lambda: isinstance(app.screen, PulseScreen), "back on the pulse")
        await settled(pilot)
    table = tomllib.loads(path.read_text("utf-8"))
    assert table["pulse"] == {"energy": 2, "headline": "Træt hold"}
    assert table["current"] == "pulse"
    assert {"canvas": "pulse", "text": "Kaffe", "owner": "Åse"}.items() <= \
        table["decisions"][-1].items()
    # Read back, the canvas and its decision are the session's again.
    again = read_session(path)
    assert again.pulse.energy == 2 and again.status("pulse") == "decided"


def test_show_and_every_export_hold_the_pulse(tmp_path: Path, capsys) -> None:
    path = pulse_session(tmp_path, "pulsdag", 2, "")
    assert cli.main(["show", str(path)]) == 0
    shown = capsys.readouterr().out
    for words in ("Pulsen i rummet", "Stemning", "Ivrig", "Energi", "2/5", "Ferien",
                  "[bold]Budget", "Energien er 2: skriv en overskrift om hvorfor."):
        assert words in shown, words

    for fmt, words in (("md", ("Pulsen i rummet", "Ivrig", "2/5", "Budget")),
                       ("html", ("Pulsen i rummet", "Ivrig", "2/5", "[bold]Budget",
                                 "Energien er 2"))):
        out = tmp_path / f"report.{fmt}"
        assert cli.main(["export", str(path), "--format", fmt, "-o", str(out)]) == 0
        text = out.read_text("utf-8")
        for word in words:
            assert word in text, (fmt, word)
    out = tmp_path / "report.json"
    assert cli.main(["export", str(path), "--format", "json", "-o", str(out)]) == 0
    document = json.loads(out.read_text("utf-8"))
    assert document["pulse"]["energy"] == 2
    assert document["export"]["canvases"]["pulse"] == {
        "advice": 2, "checklist": None, "status": "started", "warnings": [{
            "key": "warning.pulse.low_energy", "path": "pulse.headline",
            "message": "Energien er 2: skriv en overskrift om hvorfor."}]}
    assert msgspec.json.decode(out.read_bytes(), type=Session) == read_session(path)


async def test_diff_and_compare_name_each_pulse_change(tmp_path: Path, capsys) -> None:
    a = pulse_session(tmp_path, "foraar", 2, "Træt")
    b = pulse_session(tmp_path, "efteraar", 4, "Træt")
    assert cli.main(["diff", str(a), str(b)]) == 1  # 1: they differ, as diff(1) says
    lines = capsys.readouterr().out.splitlines()
    assert lines[lines.index("pulse") + 1].split() == ["energy:", "2", "→", "4"], lines
    assert cli.main(["diff", "--json", str(a), str(b)]) == 1
    changes = json.loads(capsys.readouterr().out)["changes"]
    assert {"section": "pulse", "path": "pulse.energy", "kind": "changed", "before": 2,
            "after": 4}.items() <= changes[-1].items(), changes

    app = WorkshopApp(sessions_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "BrowserScreen", "browser")
        app.push_screen(CompareScreen(a, b, Labels("da")))
        await until(pilot, lambda: app.screen.query(VerticalScroll)
                    and app.focused is app.screen.query_one(VerticalScroll), "the comparison")
        lines = await read_all(pilot)
        assert on_one_line(lines, "Pulsen i rummet", "1 ændring")
        assert on_one_line(lines, "~ Energi", "2/5", "4/5")


def test_a_bad_pulse_table_is_refused_naming_its_key_path(tmp_path: Path, capsys) -> None:
    good = pulse_session(tmp_path, "pulsdag", 3, "Godt")
    text = good.read_text("utf-8")
    for wrong, where in (("energy = 3", "energy = 9"), ('mood = "eager"', 'mood = "glad"')):
        bad = tmp_path / "pulsdag.toml"
        bad.write_text(text.replace(wrong, where), encoding="utf-8")
        assert cli.main(["validate", str(bad)]) == 1
        said = capsys.readouterr()
        message = said.err + said.out
        assert str(bad) in message and ("pulse.energy" if "energy" in wrong
                                        else "pulse.mood") in message, message
    bad.write_text(text.replace("[pulse]", "pulse = 3\n[pulse_again]"), encoding="utf-8")
    assert cli.main(["validate", str(bad)]) == 1


def test_the_pulse_speaks_both_languages() -> None:
    for language, title in (("da", "Pulsen i rummet"), ("en", "The pulse of the room")):
        words = Labels(language)
        assert words("canvas.pulse.title") == title
        assert words.enum("mood", "worried") != "enum.mood.worried"
