"""The eight dilemmas (checklist 2): the source's rules of thumb as warnings, the sliders of
its chart, its file table, and the canvas in the real app writing what is typed."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from dtworkshop.core.canvases import BY_KEY
from dtworkshop.core.canvases.dilemmas import DILEMMAS, Dilemmas, rules
from dtworkshop.core.charts import text_chart
from dtworkshop.core.labels import Labels
from dtworkshop.outline import CHART_HEIGHT, CHART_WIDTH
from dtworkshop.storage import SessionFileError, read_session
from dtworkshop.ui.app import WorkshopApp
from dtworkshop.ui.canvases import SCREENS
from dtworkshop.ui.screens.dialogs import CANVAS_HOTKEY

from .conftest import settled, until

SPEC = BY_KEY["dilemmas"]
HEAD = """\
format = 1
id = "dilemmaer"
title = "Dilemmaer"
organisation = "Sorø Kommune"
facilitator = "Jonas"
language = "da"
created = 2026-11-30T09:00:00+01:00
updated = 2026-11-30T11:42:10+01:00
current = "dilemmas"
"""


def keys(data: Dilemmas) -> list[tuple[str, str]]:
    return [(w.key, w.path) for w in rules(data)]


def test_radical_innovation_with_low_legitimacy_is_warned_about() -> None:
    """Advice 9: the higher the degree of innovation, the more political legitimacy."""
    legitimacy = ("warning.dilemmas.legitimacy", "dilemmas.legitimacy_low_vs_high")
    assert keys(Dilemmas(efficiency_vs_innovation=5, legitimacy_low_vs_high=1)) == [legitimacy]
    assert keys(Dilemmas(efficiency_vs_innovation=4, legitimacy_low_vs_high=2)) == [legitimacy]
    for fine in (Dilemmas(efficiency_vs_innovation=3, legitimacy_low_vs_high=1),
                 Dilemmas(efficiency_vs_innovation=5, legitimacy_low_vs_high=3),
                 Dilemmas(efficiency_vs_innovation=5),
                 Dilemmas(legitimacy_low_vs_high=1)):
        assert keys(fine) == []
    warning = rules(Dilemmas(efficiency_vs_innovation=5, legitimacy_low_vs_high=1))[0]
    text = Labels("da")(warning.key, **warning.params)
    assert "(5)" in text and "(1)" in text and "typisk" in text


def test_radical_innovation_framed_as_a_burning_platform_is_warned_about() -> None:
    """Advice 6: with big changes for employees, we must create enthusiasm."""
    assert keys(Dilemmas(efficiency_vs_innovation=4, burning_platform_vs_enthusiasm=1)) == [
        ("warning.dilemmas.enthusiasm", "dilemmas.burning_platform_vs_enthusiasm")]
    assert keys(Dilemmas(efficiency_vs_innovation=2, burning_platform_vs_enthusiasm=1)) == []
    assert keys(Dilemmas(efficiency_vs_innovation=5, burning_platform_vs_enthusiasm=3)) == []


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_chart_draws_each_dilemma_as_a_slider_between_its_poles(language: str) -> None:
    """A report's chart: per dilemma, its poles at the ends of a row and its line below,
    the position marked ● further right the higher it is; no mark where none is placed."""
    labels = Labels(language)
    data = Dilemmas(efficiency_vs_innovation=1, top_down_vs_bottom_up=2, all_at_once_vs_spearheads=3,
                    structure_vs_projects=4, burning_platform_vs_enthusiasm=5, alone_vs_together=2)
    drawn = text_chart(SPEC.chart, data, labels, CHART_WIDTH, CHART_HEIGHT + SPEC.chart_rows(data))
    assert drawn is not None
    lines = drawn.lines
    marks = {}
    for n, key in enumerate(DILEMMAS, start=1):
        first, second = (labels(f"canvas.dilemmas.{key}.{end}") for end in ("first", "second"))
        poles = next(i for i, line in enumerate(lines) if f"{n} {first}" in line)
        assert lines[poles].rstrip(" │").endswith(second)
        line = lines[poles + 1]
        assert "─" * 10 in line
        position = getattr(data, key)
        assert line.count("●") == (position is not None), (key, line)
        if position is not None:
            marks[position] = line.index("●")
    assert marks[1] < marks[2] < marks[3] < marks[4] < marks[5]


def test_a_position_outside_1_to_5_is_refused_with_its_key_path(tmp_path: Path) -> None:
    path = tmp_path / "dilemmaer.toml"
    path.write_text(HEAD + "[dilemmas]\nefficiency_vs_innovation = 2\nalone_vs_together = 6\n", "utf-8")
    with pytest.raises(SessionFileError) as caught:
        read_session(path)
    assert caught.value.where == "dilemmas.alone_vs_together"


def test_a_file_with_the_dilemmas_reads_back() -> None:
    from dtworkshop.core.session import Session
    import msgspec

    session = msgspec.toml.decode(
        (HEAD + "[dilemmas]\n" + "".join(f"{k} = {n % 5 + 1}\n" for n, k in enumerate(DILEMMAS))).encode(),
        type=Session)
    assert session.dilemmas.positions() == {k: n % 5 + 1 for n, k in enumerate(DILEMMAS)}


async def test_the_team_puts_its_weight_on_each_dilemma_and_the_file_holds_it(tmp_path: Path) -> None:
    """ctrl+g to the dilemmas, a digit in each dilemma's field (a 7 refused: the scale is
    1–5), the warning of advice 9 shown, the file holding every position."""
    path = tmp_path / "dilemmaer.toml"
    path.write_text(HEAD, "utf-8")
    app = WorkshopApp(sessions_dir=tmp_path, open_path=path)
    positions = dict(zip(DILEMMAS, (5, 4, 5, 3, 4, 3, 4, 1)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["dilemmas"])
        await until(pilot, lambda: isinstance(app.screen, SCREENS["dilemmas"])
                    and app.screen.focused is not None, "the dilemmas canvas")
        assert app.screen.focused.id == DILEMMAS[0]  # the first dilemma's weight
        for key, position in positions.items():
            app.screen.query_one(f"#{key}").focus()
            await pilot.press("7", str(position))
        await settled(pilot)
        on_disk = tomllib.loads(path.read_text("utf-8"))["dilemmas"]
        assert on_disk == positions
        warnings = str(app.screen.query_one("#warnings").render())
        assert Labels("da")("warning.dilemmas.legitimacy", innovation=5, legitimacy=1) in warnings


async def test_the_positions_of_earlier_sessions_are_shown_faintly(examples: Path) -> None:
    """The same organisation's earlier session (April) placed the dilemmas: December's
    canvas names it and marks its positions ○ beside the team's ●; a session of another
    organisation, or a later one, is not shown."""
    from dtworkshop.storage import save_session
    from tests.test_review_screens import screen_lines

    april = examples / "2026-04-20-ringkoebing-skjern-foraar.toml"
    session = read_session(april)
    session.dilemmas = Dilemmas(efficiency_vs_innovation=1, alone_vs_together=5)
    save_session(session, april)
    december = examples / "2026-12-07-ringkoebing-skjern-portefoelje.toml"
    app = WorkshopApp(sessions_dir=examples, open_path=december)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["dilemmas"])
        await until(pilot, lambda: isinstance(app.screen, SCREENS["dilemmas"])
                    and app.screen.query("#hint-earlier"), "the dilemmas")
        hint = app.screen.query_one("#hint-earlier")
        await until(pilot, lambda: "2026-04-20" in str(hint.render()), "April named")
        await pilot.press("ctrl+o")
        await until(pilot, lambda: sum(line.count("○") for line in screen_lines(app)) >= 2,
                    "April's two positions marked on the sliders")
    # Egedal's session has no earlier one of its own organisation: nothing named.
    egedal = examples / "2026-12-14-egedal-et-kontaktpunkt.toml"
    app = WorkshopApp(sessions_dir=examples, open_path=egedal)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["dilemmas"])
        await until(pilot, lambda: isinstance(app.screen, SCREENS["dilemmas"])
                    and app.screen.query("#hint-earlier"), "the dilemmas")
        await settled(pilot)
        assert not app.screen.query_one("#hint-earlier").display
