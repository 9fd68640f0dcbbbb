"""Assess yourself (checklist 3): the lowest scores named as where to look first, with their
advice, on the screen, in the chart and in the reports; the file holds every score."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from dtworkshop import cli
from dtworkshop.core.canvases import BY_KEY
from dtworkshop.core.canvases.self_assessment import ADVICE, STATEMENTS, SelfAssessment, rules
from dtworkshop.core.charts import text_chart
from dtworkshop.core.labels import Labels
from dtworkshop.outline import CHART_HEIGHT, CHART_WIDTH
from dtworkshop.storage import SessionFileError, read_session
from dtworkshop.ui.app import WorkshopApp
from dtworkshop.ui.canvases import SCREENS
from dtworkshop.ui.screens.dialogs import CANVAS_HOTKEY

from .conftest import settled, until

SPEC = BY_KEY["self_assessment"]
HEAD = """\
format = 1
id = "selvvurdering"
title = "Selvvurdering"
organisation = "Sorø Kommune"
facilitator = "Jonas"
language = "da"
created = 2026-11-30T09:00:00+01:00
updated = 2026-11-30T11:42:10+01:00
current = "self_assessment"
"""
# The format's example: four statements share the lowest score, 2.
EXAMPLE = dict(zip(STATEMENTS, (3, 4, 2, 3, 2, 3, 2, 3, 2, 4, 3, 2)))


def test_the_lowest_scores_are_where_to_look_first() -> None:
    data = SelfAssessment(**EXAMPLE)
    lowest = ["organisation_ready", "strategy", "narrative", "ways_of_working", "partnerships"]
    assert data.lowest() == lowest
    assert [(w.key, w.path, w.params) for w in rules(data)] == [
        (f"warning.self_assessment.{k}", f"self_assessment.{k}", {"score": 2}) for k in lowest]
    # One low score among the unscored is still the lowest; all 5, or none scored: nothing.
    assert SelfAssessment(culture=4).lowest() == ["culture"]
    assert SelfAssessment(**dict.fromkeys(STATEMENTS, 5)).lowest() == []
    assert rules(SelfAssessment()) == []


@pytest.mark.parametrize("language", ["da", "en"])
def test_each_warning_names_the_statement_its_score_and_its_advice(language: str) -> None:
    labels = Labels(language)
    for key in STATEMENTS:
        text = labels(f"warning.self_assessment.{key}", score=1)
        assert labels(f"canvas.self_assessment.{key}.statement") in text
        assert "(1/5)" in text
        n = ADVICE[key]
        assert labels(f"overview.advice.{n}") in text
        assert f"{labels('app.advice', n=n).split()[0].lower()} {n}," in text
    assert sorted(set(ADVICE.values())) == list(range(1, 10))  # every advice, none made up


def test_the_chart_marks_the_lowest_and_draws_each_score() -> None:
    labels = Labels("da")
    data = SelfAssessment(**{**EXAMPLE, "partnerships": None})
    drawn = text_chart(SPEC.chart, data, labels, CHART_WIDTH, CHART_HEIGHT + SPEC.chart_rows(data))
    assert drawn is not None
    bars = {}
    for key in STATEMENTS:
        name = labels(f"canvas.self_assessment.{key}.short")
        line = next(line for line in drawn.lines if line.split("┤")[0].strip().endswith(name))
        assert line.split("┤")[0].strip().startswith("⚠ ") == (key in data.lowest()), line
        bars[key] = line.split("┤")[1].count("█")
    assert bars["partnerships"] == 0
    assert bars["organisation_ready"] < bars["business_case"] < bars["citizen_need"]


def test_a_score_outside_1_to_5_is_refused_with_its_key_path(tmp_path: Path) -> None:
    path = tmp_path / "selvvurdering.toml"
    path.write_text(HEAD + "[self_assessment]\nstrategy = 0\n", "utf-8")
    with pytest.raises(SessionFileError) as caught:
        read_session(path)
    assert caught.value.where == "self_assessment.strategy"


def test_show_names_where_to_look_first(tmp_path: Path, capsys) -> None:
    path = tmp_path / "selvvurdering.toml"
    path.write_text(HEAD + "[self_assessment]\n" + "".join(f"{k} = {v}\n" for k, v in EXAMPLE.items()),
                    "utf-8")
    assert cli.main(["show", str(path)]) == 0
    shown = capsys.readouterr().out
    labels = Labels("da")
    assert "Vurder dig selv\n" in shown
    assert "Jeg har styr på min rammefortælling: 2/5" in shown
    assert labels("warning.self_assessment.narrative", score=2) in shown
    assert labels("warning.self_assessment.business_case", score=3) not in shown


async def test_the_leader_scores_the_statements_and_sees_where_to_look_first(tmp_path: Path) -> None:
    """ctrl+g to the canvas, a score typed into each statement, the lowest warned about
    with its advice, the file holding every score."""
    path = tmp_path / "selvvurdering.toml"
    path.write_text(HEAD, "utf-8")
    app = WorkshopApp(sessions_dir=tmp_path, open_path=path)
    scores = {**dict.fromkeys(STATEMENTS, 4), "narrative": 1, "culture": 3}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["self_assessment"])
        await until(pilot, lambda: isinstance(app.screen, SCREENS["self_assessment"])
                    and app.screen.focused is not None, "the self-assessment canvas")
        assert app.screen.focused.id == STATEMENTS[0]
        for key, score in scores.items():
            app.screen.query_one(f"#{key}").focus()
            await pilot.press(str(score))
        await settled(pilot)
        assert tomllib.loads(path.read_text("utf-8"))["self_assessment"] == scores
        warnings = str(app.screen.query_one("#warnings").render())
        assert warnings.count("⚠") == 1
        assert Labels("da")("warning.self_assessment.narrative", score=1) in warnings
