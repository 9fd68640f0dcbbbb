"""A canvas's content description (`CanvasSpec.content`) is what `dtworkshop show` and the
Markdown, HTML and JSON exports draw: a canvas defined only here, with a Struct of its own,
shows in all of them with exactly the values its description names.

Registering the extra canvas takes no other file, but three stand-ins, each naming what a
registry of its own (issue 12) would replace:

- the `Session` Struct has one fixed field per canvas (the file format's contract), so the
  test adds its canvas's field in a subclass of Session;
- `CANVASES` is a tuple bound by name in `dtworkshop.core.session`, `dtworkshop.report`,
  `dtworkshop.outline` and `dtworkshop.export`, so the test puts its spec into each (and
  `BY_KEY` into the compare screen's module);
- its words are no labels in da.toml/en.toml, so they show as their keys (as any missing
  label does), which is also what the assertions look for.

Plain functions; the compare screen's module is imported for its functions only.
"""

from __future__ import annotations

import datetime as dt
import json

import msgspec
import pytest

from dtworkshop import export as export_module
from dtworkshop import outline as outline_module
from dtworkshop import report as report_module
from dtworkshop.core import session as session_module
from dtworkshop.core.canvases import BY_KEY, CANVASES
from dtworkshop.core.canvases.base import (
    CanvasSpec,
    Derived,
    Field,
    Group,
    Keyed,
    Records,
)
from dtworkshop.core.canvases.business_case import Verdict
from dtworkshop.core.compare import Change
from dtworkshop.core.labels import MISSING, Labels
from dtworkshop.core.session import FORMAT, Session
from dtworkshop.core.types import Percent, Score, Table
from dtworkshop.export import export
from dtworkshop.report import render_text
from dtworkshop.ui.screens import compare as compare_screen


class Bed(Table):
    name: str = ""
    share: Percent | None = None


class Corner(Table):
    plant: str = ""
    fit: Score | None = None


class Corners(Table):
    north: Corner | None = None
    south: Corner | None = None


class Garden(Table):
    """A canvas only this test knows."""

    gardener: str = ""
    verdict: Verdict | None = None
    sun: Percent | None = None
    shade: Percent | None = None
    plants: list[str] = []
    corners: Corners | None = None
    beds: list[Bed] = []
    secret: str = ""
    notes: str = ""


GARDEN = CanvasSpec(
    key="garden",
    advice=2,
    model=Garden,
    content=(
        Field("gardener", "garden.gardener"),
        Field("verdict", "canvas.business_case.verdict", "enum", "verdict"),
        Group("garden.light", (Field("sun", "garden.sun", "percent"),
                               Field("shade", "garden.shade", "percent"),
                               Derived("garden.light_total", lambda g: (g.sun or 0) + (g.shade or 0)))),
        Field("plants", "garden.plants", "items"),
        Keyed("garden.corners", "garden.corner", (("north", "garden.north"), ("south", "garden.south")),
              (Field("plant", "garden.plant"), Field("fit", "garden.fit", "score")),
              name="corners", columns=("fit", "plant")),
        Records("beds", "garden.beds", Field("name", "garden.bed"),
                (Field("share", "garden.share", "percent", legend=1),
                 Derived("garden.double", lambda b: 2 * (b.share or 0)))),
        # `secret` is left out of the description: no report may show it.
    ),
)


class GardenSession(Session, kw_only=True):
    garden: Garden | None = None


def _register(monkeypatch: pytest.MonkeyPatch, spec: CanvasSpec) -> None:
    """`spec` after the seven canvases, where reports and the session look for canvases."""
    for module in (session_module, report_module, export_module, outline_module):
        monkeypatch.setattr(module, "CANVASES", (*CANVASES, spec))
    monkeypatch.setattr(compare_screen, "BY_KEY", {**BY_KEY, spec.key: spec})


@pytest.fixture
def garden_registered(monkeypatch: pytest.MonkeyPatch):
    """The garden canvas registered for one test."""
    _register(monkeypatch, GARDEN)
    missing_before = set(MISSING)
    yield
    MISSING.intersection_update(missing_before)  # its unlabelled words are expected here


def _session(language: str = "en") -> GardenSession:
    stamp = dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.timezone.utc)
    return GardenSession(
        format=FORMAT, id="garden", title="Garden day", language=language, created=stamp,
        updated=stamp,
        garden=Garden(
            gardener="Ada <b>", verdict="green", sun=70, shade=20, plants=["Kale", "Leek"],
            corners=Corners(north=Corner(plant="Fern", fit=4)),
            beds=[Bed(name="East", share=40), Bed(name="West")],
            secret="never-shown", notes="Water on Fridays",
        ),
    )


def test_show_draws_a_canvas_from_its_description_alone(garden_registered) -> None:
    text = render_text(_session())
    section = text[text.index("canvas.garden.title\n"):text.index("Decisions\n---")]

    assert section.splitlines() == [
        "canvas.garden.title",
        "-------------------",
        "garden.gardener: Ada <b>",
        "Verdict: Green light",
        "garden.light:",
        "  garden.sun: 70 %",
        "  garden.shade: 20 %",
        "  garden.light_total: 90 %",
        "garden.plants:",
        "  - Kale",
        "  - Leek",
        "garden.corners:",
        "  garden.north:",
        "    garden.plant: Fern",
        "    garden.fit: 4/5",
        "  garden.south:",
        "    garden.plant: –",
        "    garden.fit: –",
        "garden.beds:",
        "  - East",
        "    garden.share: 40 %",
        "    garden.double: 80 %",
        "  - West",
        "    garden.share: –",
        "    garden.double: 0 %",
        "Notes: Water on Fridays",
        "",
    ]
    assert "never-shown" not in text


def test_the_exports_draw_a_canvas_from_its_description_alone(garden_registered) -> None:
    session = _session("da")
    md = export(session, "md", today=dt.date(2026, 5, 2))
    page = export(session, "html", today=dt.date(2026, 5, 2))
    data = json.loads(export(session, "json", today=dt.date(2026, 5, 2)))

    section = md[md.index("## canvas.garden.title"):md.index("**Noter:**")]
    assert section.splitlines() == [
        "## canvas.garden.title · Råd 2",
        "",
        "- **garden.gardener:** Ada \\<b\\>",
        "- **Vurdering:** Grønt lys",
        "- **garden.sun:** 70 %",
        "- **garden.shade:** 20 %",
        "- **garden.light\\_total:** 90 %",
        "- **garden.plants:**",
        "  - Kale",
        "  - Leek",
        "",
        "**garden.corners**",
        "",
        "| garden.corner | garden.fit | garden.plant |",
        "| --- | ---: | --- |",
        "| garden.north | 4/5 | Fern |",
        "| garden.south | – | – |",
        "",
        "**garden.beds**",
        "",
        "| garden.bed | 1 garden.share | garden.double |",
        "| --- | ---: | ---: |",
        "| East | 40 % | 80 % |",
        "| West | – | 0 % |",
        "",
    ]
    assert "never-shown" not in md

    assert '<section class="canvas" id="garden">' in page
    assert ('<dt>garden.gardener</dt><dd><span class="text">Ada &lt;b&gt;</span></dd>'
            in page)
    assert '<th>garden.bed</th>\n<th class="num">1 garden.share</th>' in page
    assert '<td class="num"><span class="text">80 %</span></td>' in page
    assert "never-shown" not in page

    # JSON is the data, description or not: every key of the Struct, the secret too.
    assert data["garden"]["secret"] == "never-shown"
    assert data["export"]["canvases"]["garden"] == {"advice": 2, "status": "started",
                                                    "warnings": []}
    assert msgspec.json.decode(json.dumps(data), type=GardenSession).garden == session.garden


def test_a_description_that_names_no_field_of_its_struct_fails_loudly(
        garden_registered, monkeypatch: pytest.MonkeyPatch) -> None:
    """A typo in a description is an error at once, not a value shown as "not set"."""
    wrong = CanvasSpec(key="garden", advice=2, model=Garden,
                       content=(Field("gardner", "garden.gardener"),))
    _register(monkeypatch, wrong)
    with pytest.raises(AttributeError, match="gardner"):
        render_text(_session())
    with pytest.raises(AttributeError, match="gardner"):
        export(_session(), "md")


def test_every_canvas_has_a_description_that_fits_its_struct() -> None:
    """The seven canvases all have a description, and each names only fields of its Struct
    (an empty canvas is walked in full: every Keyed row and Records entry present)."""
    for spec in CANVASES:
        assert spec.content, f"{spec.key} has no content description"
    stamp = dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.timezone.utc)
    session = Session(format=FORMAT, id="x", created=stamp, updated=stamp,
                      **{spec.key: spec.model() for spec in CANVASES})
    render_text(session)
    export(session, "md")


def test_the_compare_screen_names_and_shows_a_canvas_by_its_description(garden_registered) -> None:
    """Each changed field of the garden is named by its label (a Keyed row's with it) and its
    value shown by its kind: percent, score, enumeration; what the description does not name
    keeps its key path."""
    t = Labels("en")

    def cells(path: str, before, after) -> list[str]:
        change = Change("garden", path, "changed", before, after)
        return [c.plain for c in compare_screen.change_cells(change, t)]

    assert cells("garden.sun", 70, 80) == ["~ garden.sun", "70 %", "80 %"]
    assert cells("garden.corners.north.fit", 3, 4) == ["~ garden.north · garden.fit", "3/5", "4/5"]
    assert cells("garden.verdict", "green", "red")[1:] == [t("enum.verdict.green"),
                                                           t("enum.verdict.red")]
    assert cells("garden.beds[1].share", 10, 20) == ["~ garden.share", "10 %", "20 %"]
    assert cells("garden.beds[1]", None, None)[0] == "~ garden.bed"
    assert cells("garden.notes", "a", "b")[0] == f"~ {t('common.notes')}"
    assert cells("garden.secret", "a", "b") == ["~ garden.secret", "a", "b"]
