"""The maturity assessment (advice 2): its rule, its chart, its place in the file, and the
canvas as a facilitator uses it."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from dtworkshop.core.canvases.maturity import PARAMETERS, SPEC, Maturity, UnitMaturity
from dtworkshop.core.charts import text_chart
from dtworkshop.core.labels import Labels
from dtworkshop.storage import SessionFileError, read_session
from dtworkshop.ui.app import WorkshopApp
from dtworkshop.ui.canvases import SCREENS
from dtworkshop.ui.screens.dialogs import CANVAS_HOTKEY

from tests.conftest import settled, until

SIZE = (80, 24)
MORS = "2026-11-30-region-nordjylland-mors.toml"
FULL = dict(zip(PARAMETERS, (3, 2, 4, 3, 2, 2, 1, 3)))


# ---------------------------------------------------------------- the rule


def test_a_unit_begun_but_not_scored_on_all_eight_is_warned_about():
    data = Maturity(units=[
        UnitMaturity(name="Forvaltning A", **FULL),
        UnitMaturity(name="Forvaltning B", strategic_direction=4, culture=3),
        UnitMaturity(name="Forvaltning C"),
        UnitMaturity(),  # just added: nothing to warn about yet
        UnitMaturity(technologies=5),
    ])
    found = [(w.key, w.path, w.params) for w in SPEC.rules(data)]
    assert found == [
        ("warning.maturity.unscored", "maturity.units[1]",
         {"unit": "Forvaltning B", "count": 6, "total": 8}),
        ("warning.maturity.unscored", "maturity.units[2]",
         {"unit": "Forvaltning C", "count": 8, "total": 8}),
        ("warning.maturity.unscored", "maturity.units[4]", {"unit": "#5", "count": 7, "total": 8}),
    ]
    assert Labels("da")(found[0][0], **found[0][2]) == (
        "Forvaltning B: 6 af de 8 parametre er ikke vurderet (1–5).")


# ---------------------------------------------------------------- the chart


def test_the_chart_sets_the_units_side_by_side_per_parameter():
    data = Maturity(units=[UnitMaturity(name="Forvaltning A", **FULL),
                           UnitMaturity(name="Forvaltning B", strategic_direction=5)])
    chart = text_chart(SPEC.chart, data, Labels("da"), height=12 + SPEC.chart_rows(data))
    assert chart is not None
    assert [label for _fill, label, _colour in chart.legend] == ["Forvaltning A", "Forvaltning B"]
    assert len({colour for _fill, _label, colour in chart.legend}) == 2
    ticks = chart.lines[-1].split()
    assert ticks == ["Strategi", "Bus.case", "Borger", "Kultur", "Arb.form", "Kompet.", "Data",
                     "Teknolog"]
    # Unit B's 5 reaches the top row, drawn in B's fill; nothing of A's reaches it.
    top = chart.lines[1]
    assert top.startswith("5┤") and "▓" in top and "█" not in top[2:]
    assert text_chart(SPEC.chart, Maturity(), Labels("da")) is None


def test_many_units_get_a_chart_each_in_its_own_colour_where_they_can():
    data = Maturity(units=[UnitMaturity(name=f"Forvaltning {n}", **FULL) for n in range(8)])
    chart = text_chart(SPEC.chart, data, Labels("en"))
    assert chart is not None and len(chart.legend) == 8
    assert len({colour for _fill, _label, colour in chart.legend[:6]}) == 6


# ---------------------------------------------------------------- the file


def test_a_score_out_of_range_is_refused_with_its_key_path(tmp_path: Path, examples: Path):
    text = (examples / MORS).read_text("utf-8")
    path = tmp_path / MORS
    path.write_text(text + '\n[maturity]\n[[maturity.units]]\nname = "A"\nculture = 6\n', "utf-8")
    with pytest.raises(SessionFileError) as caught:
        read_session(path)
    assert caught.value.where == "maturity.units[0].culture"
    assert "expected int 1..5, got 6" in caught.value.message


# ---------------------------------------------------------------- the canvas


def keys(text: str) -> list[str]:
    """The keys that type `text`."""
    return ["space" if c == " " else c for c in text]


def warnings(app) -> str:
    widget = app.screen.query_one("#warnings", Static)
    return str(widget.render()) if widget.display else ""


async def test_a_unit_scored_in_the_canvas_reaches_the_file(examples: Path) -> None:
    """The facilitator adds a unit, names it and scores it; the file holds the scores under
    the contract's keys, the warning goes once all eight are scored, and a 6 is refused."""
    path = examples / MORS
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["maturity"])
        await until(pilot, lambda: getattr(app.screen, "CANVAS", None) == "maturity", "maturity")
        await settled(pilot)
        app.screen.query_one("#units .add").focus()
        await pilot.press("enter")  # "+ Forvaltning": a new unit, its name field focused
        await until(pilot, lambda: isinstance(app.screen.focused, Input), "the new unit's name")
        await pilot.press(*keys("Forvaltning A"), "tab", *keys("Svag på data"), "tab")
        await pilot.press("3", "tab", "2", "tab", "6")  # a 6 is refused on the spot
        await settled(pilot)
        assert "Forvaltning A: 6 af de 8 parametre er ikke vurderet" in warnings(app)
        on_disk = tomllib.loads(path.read_text("utf-8"))["maturity"]["units"]
        assert on_disk == [{"name": "Forvaltning A", "strategic_direction": 3,
                            "business_case": 2, "note": "Svag på data"}]

        await pilot.press("4", "tab", "3", "tab", "2", "tab", "2", "tab", "1", "tab", "3")
        await settled(pilot)
        assert warnings(app) == ""
        unit = tomllib.loads(path.read_text("utf-8"))["maturity"]["units"][0]
        assert {k: unit[k] for k in PARAMETERS} == FULL
        assert list(unit) == ["name", *PARAMETERS, "note"]  # the contract's order
        await pilot.press("ctrl+q")


async def test_the_portfolio_shows_each_units_maturity_beside_its_split(examples: Path) -> None:
    """The source bases the portfolio on the maturity assessment: a unit scored on the
    maturity canvas shows its mean score (Danish decimal comma) in the portfolio's table,
    matched by name whatever its case and spaces; a score changed there shows on return."""
    from dtworkshop.storage import save_session
    from dtworkshop.ui.widgets.record_list import RecordList
    from tests.test_record_list import rows

    path = examples / "2026-12-07-ringkoebing-skjern-portefoelje.toml"
    session = read_session(path)  # the example scores both units: here only A, partly
    session.maturity = Maturity(units=[
        UnitMaturity(name="forvaltning  a", strategic_direction=3, business_case=2)])
    save_session(session, path)
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["portfolio"])
        await until(pilot, lambda: isinstance(app.screen, SCREENS["portfolio"])
                    and app.screen.query("#units"), "the portfolio and its units")
        units = app.screen.query_one("#units", RecordList)
        await until(pilot, lambda: any(row[0] == "Forvaltning A" and "2,5" in row for row in rows(units)),
                    "Forvaltning A's maturity, 2,5, beside its split")
        assert all(row[-2] == "" for row in rows(units) if row[0] != "Forvaltning A")
        app.document.session.maturity.units[0].business_case = 5
        await pilot.press("ctrl+g", CANVAS_HOTKEY["maturity"])
        await until(pilot, lambda: isinstance(app.screen, SCREENS["maturity"]), "the maturity")
        await pilot.press("ctrl+g", CANVAS_HOTKEY["portfolio"])
        await until(pilot, lambda: any(row[0] == "Forvaltning A" and "4,0" in row for row in rows(units)),
                    "the changed score on return")


async def test_a_units_maturity_is_rounded_half_up_as_a_reader_rounds(examples: Path) -> None:
    """A mean halfway between two decimals is shown rounded up, as a facilitator rounds by
    hand: 3,25 is "3,3" and 2,75 "2,8" (Python's own rounding, half to even, made 3,25 a
    "3,2" beside 2,75's "2,8")."""
    from dtworkshop.storage import save_session
    from dtworkshop.ui.widgets.record_list import RecordList
    from tests.test_record_list import rows

    path = examples / "2026-12-07-ringkoebing-skjern-portefoelje.toml"
    session = read_session(path)
    session.maturity = Maturity(units=[
        UnitMaturity(name="Forvaltning A", **dict(zip(PARAMETERS, (4, 3, 4, 4, 3, 3, 2, 3)))),
        UnitMaturity(name="Forvaltning B", **dict(zip(PARAMETERS, (3, 3, 2, 3, 2, 3, 2, 4)))),
    ])
    save_session(session, path)
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["portfolio"])
        await until(pilot, lambda: isinstance(app.screen, SCREENS["portfolio"])
                    and app.screen.query("#units"), "the portfolio and its units")
        units = app.screen.query_one("#units", RecordList)
        await until(pilot, lambda: {row[0]: row[-2] for row in rows(units)}
                    == {"Forvaltning A": "3,3", "Forvaltning B": "2,8"},
                    "3,25 shown as 3,3 and 2,75 as 2,8")
