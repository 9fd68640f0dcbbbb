"""Risk willingness (advice 4): its two rules, the source's figure with the team on it, its
table in the file (with the format's key `note`), and the canvas in the real app writing
what is typed."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from dtworkshop.core.canvases.risk import SPEC, Risk, rules
from dtworkshop.core.charts import text_chart
from dtworkshop.core.compare import compare
from dtworkshop.core.labels import Labels
from dtworkshop.core.types import CATEGORIES
from dtworkshop.outline import CHART_HEIGHT, CHART_WIDTH
from dtworkshop.storage import SessionFileError, read_session, save_session
from dtworkshop.ui.app import WorkshopApp
from dtworkshop.ui.canvases import SCREENS
from dtworkshop.ui.screens.compare import field_name
from dtworkshop.ui.screens.dialogs import CANVAS_HOTKEY

from .conftest import settled, until

HEAD = """\
format = 1
id = "risiko"
title = "Risikovillighed"
organisation = "Slagelse Kommune"
facilitator = "Jonas"
language = "da"
created = 2026-11-30T09:00:00+01:00
updated = 2026-11-30T11:42:10+01:00
current = "risk"
"""
SEVEN = ["Anne", "Bo", "Carl", "Dorte", "Emil", "Fie", "Gustav"]


def keys(data: Risk) -> list[tuple[str, str]]:
    return [(w.key, w.path) for w in rules(data)]


# ---------------------------------------------------------------- the rules


def test_a_willingness_below_what_the_degree_calls_for_is_warned_about() -> None:
    """'Jo højere innovationsgrad du går efter, jo mere risikovillig skal du være': one step
    of willingness per degree, streamlining never warned about."""
    low = ("warning.risk.willingness", "risk.willingness")
    for degree, category in enumerate(CATEGORIES, start=1):
        for willingness in range(1, 6):
            data = Risk(innovation=category, willingness=willingness, sparring=SEVEN)
            assert data.called_for() == degree
            assert keys(data) == ([low] if willingness < degree else []), (category, willingness)
    assert keys(Risk(innovation="rethink_business", sparring=SEVEN)) == []  # not set: no rule
    assert keys(Risk(willingness=1)) == []
    warning = rules(Risk(innovation="rethink_business", willingness=2, sparring=SEVEN))[0]
    assert warning.params == {"willingness": 2, "degree": 4, "needed": 4}
    text = Labels("da")(warning.key, **warning.params)
    assert "jo højere innovationsgrad du går efter, jo mere risikovillig skal du være" in text
    assert "(2)" in text and "mindst 4" in text


def test_a_high_degree_without_a_sparring_group_of_about_seven_is_warned_about() -> None:
    """The two upper degrees with no sparring group, or one far under about seven (three or
    fewer, blank lines not counted); the two lower degrees need none."""
    none = [("warning.risk.no_sparring", "risk.sparring")]
    few = [("warning.risk.few_sparring", "risk.sparring")]
    for category in ("rethink_services", "rethink_business"):
        assert keys(Risk(innovation=category, willingness=5)) == none
        assert keys(Risk(innovation=category, willingness=5, sparring=["  "])) == none
        assert keys(Risk(innovation=category, willingness=5, sparring=SEVEN[:3])) == few
        assert keys(Risk(innovation=category, willingness=5, sparring=SEVEN[:4])) == []
        assert keys(Risk(innovation=category, willingness=5, sparring=SEVEN)) == []
    for category in ("streamline", "modernise"):
        assert keys(Risk(innovation=category, willingness=5)) == []
    warning = rules(Risk(innovation="rethink_services", willingness=3, sparring=["Anne", "Bo"]))[0]
    assert warning.params == {"degree": 3, "count": 2}
    assert "ca. syv personer" in Labels("da")(warning.key, **warning.params)
    assert "about seven people" in Labels("en")(warning.key, **warning.params)


# ---------------------------------------------------------------- the figure


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_figure_marks_the_team_at_its_degree_and_willingness(language: str) -> None:
    """The four categories in order along the bottom, willingness 1–5 up the side, the line
    rising from left to right, the team's ● on the row of its willingness."""
    labels = Labels(language)
    data = Risk(innovation="modernise", willingness=4)
    drawn = text_chart(SPEC.chart, data, labels, CHART_WIDTH, CHART_HEIGHT + SPEC.chart_rows(data))
    assert drawn is not None
    lines = drawn.lines
    ticks = [labels(f"short_category.{c}") for c in CATEGORIES]
    assert lines[-1].split() == ticks
    marked = [line for line in lines if "●" in line]
    assert len(marked) == 1 and marked[0].lstrip().startswith("4┤")
    rows = {int(line.strip()[0]): i for i, line in enumerate(lines) if line.strip()[:2] in
            ("1┤", "2┤", "3┤", "4┤", "5┤")}
    # Where the line (braille dots) is on the rows of 1–4: further right the higher.
    line_at = {y: next(n for n, c in enumerate(lines[i]) if "\u2800" <= c <= "\u28ff")
               for y, i in rows.items() if y <= 4}
    assert line_at[1] < line_at[2] < line_at[3] < line_at[4]
    assert labels("canvas.risk.marker") in "\n".join(lines)
    unset = text_chart(SPEC.chart, Risk(innovation="modernise"), labels)
    assert unset is not None and "●" not in unset.text  # the figure, no team on it


# ---------------------------------------------------------------- the file


def test_the_file_holds_the_risk_table_with_the_format_keys(tmp_path: Path) -> None:
    """SESSION-FORMAT.md's keys: innovation, willingness, sparring and `note` (the notes);
    read back the same."""
    path = tmp_path / "risiko.toml"
    path.write_text(HEAD, "utf-8")
    session = read_session(path)
    session.risk = Risk(innovation="rethink_services", willingness=3, sparring=SEVEN,
                        notes="Vi tør mere end før")
    save_session(session, path)
    on_disk = tomllib.loads(path.read_text("utf-8"))["risk"]
    assert on_disk == {"innovation": "rethink_services", "willingness": 3, "sparring": SEVEN,
                       "note": "Vi tør mere end før"}
    assert read_session(path).risk == session.risk


@pytest.mark.parametrize("line, where", [
    ("willingness = 6", "risk.willingness"),
    ('innovation = "radical"', "risk.innovation"),
    ("note = 3", "risk.note"),
])
def test_a_bad_value_is_refused_with_its_key_path(tmp_path: Path, line: str, where: str) -> None:
    path = tmp_path / "risiko.toml"
    path.write_text(HEAD + f"[risk]\n{line}\n", "utf-8")
    with pytest.raises(SessionFileError) as caught:
        read_session(path)
    assert caught.value.where == where


def test_compare_names_the_notes_by_their_label(tmp_path: Path) -> None:
    path = tmp_path / "risiko.toml"
    path.write_text(HEAD + '[risk]\nnote = "før"\n', "utf-8")
    before = read_session(path)
    path.write_text(HEAD + '[risk]\nnote = "efter"\n', "utf-8")
    after = read_session(path)
    [change] = compare(before, after)
    assert change.path == "risk.note"
    assert field_name(change, Labels("da")) == Labels("da")("common.notes")


# ---------------------------------------------------------------- the canvas


async def test_the_team_records_its_degree_willingness_and_sparring_group(tmp_path: Path) -> None:
    """ctrl+g to the canvas, "Gentænk services" chosen, willingness 2 (a 7 refused), two
    names in the sparring group, a note: the file holds them, both warnings show, and
    adding the five others and raising the willingness clears them."""
    path = tmp_path / "risiko.toml"
    path.write_text(HEAD, "utf-8")
    app = WorkshopApp(sessions_dir=tmp_path, open_path=path)
    da = Labels("da")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["risk"])
        await until(pilot, lambda: isinstance(app.screen, SCREENS["risk"])
                    and app.screen.focused is not None, "the risk canvas")
        screen = app.screen
        screen.query_one("#innovation").focus()
        await pilot.press("enter", "down", "down", "down", "enter")
        await until(pilot, lambda: screen.data.innovation == "rethink_services", "the choice")
        screen.query_one("#willingness").focus()
        await pilot.press("7", "2")
        screen.query_one("#sparring").focus()
        await pilot.press(*"Anne", "enter", *"Bo")
        screen.query_one("#notes").focus()
        await pilot.press(*"Mod")
        await settled(pilot)
        on_disk = tomllib.loads(path.read_text("utf-8"))["risk"]
        assert on_disk == {"innovation": "rethink_services", "willingness": 2,
                           "sparring": ["Anne", "Bo"], "note": "Mod"}
        warnings = str(screen.query_one("#warnings").render())
        assert da("warning.risk.willingness", willingness=2, degree=3, needed=3) in warnings
        assert da("warning.risk.few_sparring", degree=3, count=2) in warnings
        hint = str(screen.query_one("#hint-line").render())
        assert da("guide.risk.line", degree=3, needed=3) in hint

        screen.query_one("#sparring").focus()
        await pilot.press(*[key for name in SEVEN[2:] for key in ("enter", *name)])
        screen.query_one("#willingness").focus()
        await pilot.press("backspace", "4")
        await settled(pilot)
        assert tomllib.loads(path.read_text("utf-8"))["risk"]["sparring"] == ["Anne", "Bo", *SEVEN[2:]]
        assert tomllib.loads(path.read_text("utf-8"))["risk"]["willingness"] == 4
        assert not screen.query_one("#warnings").display
