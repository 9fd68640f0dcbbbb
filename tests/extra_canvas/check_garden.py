"""A canvas's content description (`CanvasSpec.content`) is what `dtworkshop show`, the
Markdown, HTML and JSON exports and the compare screen draw: the garden, a canvas defined only
in `tests/extra_canvas`, shows in all of them with exactly the values its description names.
Run by `tests/test_extra_canvas.py` with the canvas registered."""

from __future__ import annotations

import datetime as dt
import json

import msgspec
import pytest

from dtworkshop.core.canvases import register
from dtworkshop.core.canvases.base import CanvasSpec, Field, Keyed
from dtworkshop.core.compare import Change
from dtworkshop.core.labels import Labels
from dtworkshop.core.session import FORMAT, Session
from dtworkshop.export import export
from dtworkshop.report import render_text
from dtworkshop.ui.screens import compare as compare_screen

from tests.extra_canvas.garden import Bed, Corner, Corners, Garden


def _session(language: str = "en") -> Session:
    stamp = dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.timezone.utc)
    return Session(
        format=FORMAT, id="garden", title="Garden day", language=language, created=stamp,
        updated=stamp,
        garden=Garden(
            gardener="Ada <b>", verdict="green", sun=70, shade=20, plants=["Kale", "Leek"],
            corners=Corners(north=Corner(plant="Fern", fit=4)),
            beds=[Bed(name="East", share=40), Bed(name="West")],
            secret="never-shown", notes="Water on Fridays",
        ),
    )


def test_show_draws_a_canvas_from_its_description_alone() -> None:
    text = render_text(_session())
    section = text[text.index("The garden\n"):text.index("Decisions\n---")]

    assert section.splitlines() == [
        "The garden",
        "----------",
        "Gardener: Ada <b>",
        "Verdict: Green light",
        "Light:",
        "  Sun: 70 %",
        "  Shade: 20 %",
        "  Light in all: 90 %",
        "Plants:",
        "  - Kale",
        "  - Leek",
        "Corners:",
        "  North:",
        "    Plant: Fern",
        "    Fit: 4/5",
        "  South:",
        "    Plant: –",
        "    Fit: –",
        "Beds:",
        "  - East",
        "    Share: 40 %",
        "    Double: 80 %",
        "  - West",
        "    Share: –",
        "    Double: 0 %",
        "Notes: Water on Fridays",
        "",
    ]
    assert "never-shown" not in text


def test_the_exports_draw_a_canvas_from_its_description_alone() -> None:
    session = _session("da")
    md = export(session, "md", today=dt.date(2026, 5, 2))
    page = export(session, "html", today=dt.date(2026, 5, 2))
    data = json.loads(export(session, "json", today=dt.date(2026, 5, 2)))

    section = md[md.index("## Haven"):md.index("**Noter:**")]
    assert section.splitlines() == [
        "## Haven · Råd 2",
        "",
        "- **Gartner:** Ada \\<b\\>",
        "- **Vurdering:** Grønt lys",
        "- **Sol:** 70 %",
        "- **Skygge:** 20 %",
        "- **Lys i alt:** 90 %",
        "- **Planter:**",
        "  - Kale",
        "  - Leek",
        "",
        "**Hjørner**",
        "",
        "| Hjørne | Egnethed | Plante |",
        "| --- | ---: | --- |",
        "| Nord | 4/5 | Fern |",
        "| Syd | – | – |",
        "",
        "**Bede**",
        "",
        "| Bed | 1 Andel | Dobbelt |",
        "| --- | ---: | ---: |",
        "| East | 40 % | 80 % |",
        "| West | – | 0 % |",
        "",
    ]
    assert "never-shown" not in md

    assert '<section class="canvas" id="garden">' in page
    assert '<dt>Gartner</dt><dd><span class="text">Ada &lt;b&gt;</span></dd>' in page
    assert '<th>Bed</th>\n<th class="num">1 Andel</th>' in page
    assert '<td class="num"><span class="text">80 %</span></td>' in page
    assert "never-shown" not in page

    # JSON is the data, description or not: every key of the Struct, the secret too.
    assert data["garden"]["secret"] == "never-shown"
    assert data["export"]["canvases"]["garden"] == {"advice": 2, "checklist": None,
                                                    "status": "started", "warnings": []}
    assert msgspec.json.decode(json.dumps(data), type=Session).garden == session.garden


@pytest.mark.parametrize("wrong", [
    Field("gardner", "canvas.garden.gardener"),
    Keyed("canvas.garden.corners", "canvas.garden.corner", (("east", "canvas.garden.north"),),
          (Field("plant", "canvas.garden.plant"),), name="corners"),
    Keyed("canvas.garden.corners", "canvas.garden.corner", (("north", "canvas.garden.north"),),
          (Field("plnt", "canvas.garden.plant"),), name="corners"),
])
def test_a_description_that_names_no_field_of_its_struct_is_refused(wrong) -> None:
    """A typo in a description is an error when the canvas is registered, naming the field,
    not a value a report shows as "not set"."""
    spec = CanvasSpec(key="weeds", advice=2, model=Garden, content=(wrong,),
                      labels={"da": {"x": "x"}, "en": {"x": "x"}})
    name = getattr(wrong, "name", None) if isinstance(wrong, Field) else None
    with pytest.raises(ValueError, match=name or "east|plnt"):
        register(spec)


def test_a_canvas_registered_once_the_schema_is_built_is_refused() -> None:
    spec = CanvasSpec(key="weeds", advice=2, model=Garden,
                      labels={"da": {"x": "x"}, "en": {"x": "x"}})
    with pytest.raises(RuntimeError, match="registered too late"):
        register(spec)


def test_the_compare_screen_names_and_shows_a_canvas_by_its_description() -> None:
    """Each changed field of the garden is named by its label (a Keyed row's with it) and its
    value shown by its kind: percent, score, enumeration; what the description does not name
    keeps its key path."""
    t = Labels("en")

    def cells(path: str, before, after) -> list[str]:
        change = Change("garden", path, "changed", before, after)
        return [c.plain for c in compare_screen.change_cells(change, t)]

    assert cells("garden.sun", 70, 80) == ["~ Sun", "70 %", "80 %"]
    assert cells("garden.corners.north.fit", 3, 4) == ["~ North · Fit", "3/5", "4/5"]
    assert cells("garden.verdict", "green", "red")[1:] == [t("enum.verdict.green"),
                                                           t("enum.verdict.red")]
    assert cells("garden.beds[1].share", 10, 20) == ["~ Share", "10 %", "20 %"]
    assert cells("garden.beds[1]", None, None)[0] == "~ Bed"
    assert cells("garden.notes", "a", "b")[0] == f"~ {t('common.notes')}"
    assert cells("garden.secret", "a", "b") == ["~ garden.secret", "a", "b"]
