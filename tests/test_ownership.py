"""Ownership (advice 5): its rules, its change curve, its place in the file, and the canvas
as a facilitator uses it."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from dtworkshop.core.canvases.ownership import SPEC, EmployeeGroup, Ownership
from dtworkshop.core.charts import text_chart
from dtworkshop.core.labels import Labels
from dtworkshop.storage import SessionFileError, read_session
from dtworkshop.ui.app import WorkshopApp
from dtworkshop.ui.screens.dialogs import CANVAS_HOTKEY

from tests.conftest import settled, until

SIZE = (80, 24)
MORS = "2026-11-30-region-nordjylland-mors.toml"


# ---------------------------------------------------------------- the rules


def found(data: Ownership) -> list[tuple[str, str, dict]]:
    return [(w.key, w.path, w.params) for w in SPEC.rules(data)]


def test_a_group_begun_but_not_placed_on_the_curve_is_warned_about():
    data = Ownership(groups=[
        EmployeeGroup(name="Hjemmeplejen", stage="resistance", involvement="participate"),
        EmployeeGroup(name="Jobcentret"),
        EmployeeGroup(),  # just added: nothing to warn about yet
        EmployeeGroup(involvement="involve"),
    ])
    assert found(data) == [
        ("warning.ownership.no_stage", "ownership.groups[1].stage", {"group": "Jobcentret"}),
        ("warning.ownership.no_stage", "ownership.groups[3].stage", {"group": "#4"}),
    ]
    assert Labels("da")("warning.ownership.no_stage", group="Jobcentret") == (
        "Jobcentret: ikke placeret på forandringskurven (1–7).")


def test_a_group_only_informed_is_warned_about_at_any_stage():
    # The source: "Medarbejdere tager ikke rigtigt ejerskab, hvis du kun informerer."
    data = Ownership(groups=[
        EmployeeGroup(name="Hjemmeplejen", stage="acceptance", involvement="inform"),
        EmployeeGroup(name="Skolerne", stage="ignoring", involvement="feedback"),
    ])
    assert found(data) == [("warning.ownership.only_inform", "ownership.groups[0].involvement",
                            {"group": "Hjemmeplejen"})]
    key, _path, params = found(data)[0]
    assert "hvis du kun informerer" in Labels("da")(key, **params)


def test_every_group_at_acceptance_is_the_top_leaders_blind_spot():
    at_seven = [EmployeeGroup(name=n, stage="acceptance") for n in ("A", "B")]
    assert found(Ownership(groups=at_seven)) == [
        ("warning.ownership.all_accept", "ownership.groups", {"count": 2})]
    # One group only, or one elsewhere on the curve: no warning.
    assert found(Ownership(groups=at_seven[:1])) == []
    assert found(Ownership(groups=[*at_seven, EmployeeGroup(name="C", stage="doubt")])) == []


# ---------------------------------------------------------------- the chart


def test_the_curve_names_its_seven_stages_and_marks_each_group_on_its_stage():
    data = Ownership(groups=[EmployeeGroup(name="Hjemmeplejen", stage="resistance"),
                             EmployeeGroup(name="Jobcentret", stage="acceptance"),
                             EmployeeGroup(name="Uplaceret")])
    chart = text_chart(SPEC.chart, data, Labels("da"), height=12 + SPEC.chart_rows(data))
    assert chart is not None
    assert chart.lines[-1].split() == ["Ignorering", "Afvisning", "Modspil", "Kæmper", "Tvivl",
                                       "Medspil", "Accept"]
    text = "\n".join(chart.lines)
    assert "Hjemmeplejen" in text and "Jobcentret" in text and "Uplaceret" not in text
    assert text.count("●") == 2
    # Jobcentret at 7 Accept stands higher than Hjemmeplejen at 3 Modspil: the curve's rise.
    row = {name: n for n, line in enumerate(chart.lines) for name in ("Hjemmeplejen", "Jobcentret")
           if name in line}
    assert row["Jobcentret"] < row["Hjemmeplejen"]
    # The curve is the model: drawn also before any group is placed.
    empty = text_chart(SPEC.chart, Ownership(), Labels("en"), height=14)
    assert empty is not None and "Acceptance" in empty.lines[-1] and "●" not in empty.text


# ---------------------------------------------------------------- the file


def test_a_stage_not_on_the_curve_is_refused_with_its_key_path(tmp_path: Path, examples: Path):
    text = (examples / MORS).read_text("utf-8")
    path = tmp_path / MORS
    path.write_text(text + '\n[ownership]\n[[ownership.groups]]\nname = "A"\nstage = "denial"\n',
                    "utf-8")
    with pytest.raises(SessionFileError) as caught:
        read_session(path)
    assert caught.value.where == "ownership.groups[0].stage"
    assert "denial" in caught.value.message, caught.value.message


# ---------------------------------------------------------------- the canvas


def keys(text: str) -> list[str]:
    """The keys that type `text`."""
    return ["space" if c == " " else c for c in text]


def warnings(app) -> str:
    widget = app.screen.query_one("#warnings", Static)
    return str(widget.render()) if widget.display else ""


async def test_archetypes_and_a_group_on_the_curve_reach_the_file(examples: Path) -> None:
    """The facilitator names who the optimists are, adds a group, places it at 3 Modspil
    and only informs it: the file holds it under the contract's keys, the source's response
    to the stage shows, and the only-informed warning comes and goes with the rung."""
    path = examples / MORS
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["ownership"])
        await until(pilot, lambda: getattr(app.screen, "CANVAS", None) == "ownership", "ownership")
        await until(pilot, lambda: getattr(app.screen.focused, "id", None) == "archetype-optimists",
                    "the first field focused")
        await pilot.press(*keys("IT-teamet"))
        await settled(pilot)

        app.screen.query_one("#groups .add").focus()
        await pilot.press("enter")  # "+ Gruppe": a new group, its name field focused
        await until(pilot, lambda: isinstance(app.screen.focused, Input), "the new group's name")
        await pilot.press(*keys("Hjemmeplejen"), "tab")
        await until(pilot, lambda: getattr(app.screen.focused, "id", None) == "group-stage",
                    "the stage field")
        await pilot.press("enter", "down", "down", "down", "enter")  # 3 Modspil
        await until(pilot, lambda: app.screen.query_one("#group-stage").value == "resistance",
                    "3 Modspil chosen")
        await pilot.press("tab", "enter", "end", "enter")  # involvement: 6 Informer
        await until(pilot, lambda: app.screen.query_one("#group-involvement").value == "inform",
                    "6 Informer chosen")
        await settled(pilot)
        assert "Hjemmeplejen: kun information (6 Informer)" in warnings(app)
        response = app.screen.query_one(".stage-response", Static)
        assert "Anerkend indvendinger, og accepter, at tvivl er naturlig." in str(response.render())
        raw = tomllib.loads(path.read_text("utf-8"))
        assert raw["current"] == "ownership"
        assert raw["ownership"] == {
            "archetypes": {"optimists": "IT-teamet"},
            "groups": [{"name": "Hjemmeplejen", "stage": "resistance", "involvement": "inform"}],
        }

        await pilot.press("enter", "home", "down", "down", "enter")  # 2 Sikr aktiv deltagelse
        await until(pilot, lambda: app.screen.query_one("#group-involvement").value == "participate",
                    "2 Sikr aktiv deltagelse chosen")
        await settled(pilot)
        assert warnings(app) == ""
        group = tomllib.loads(path.read_text("utf-8"))["ownership"]["groups"][0]
        assert group["involvement"] == "participate"
        await pilot.press("ctrl+q")
