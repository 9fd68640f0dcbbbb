"""A second canvas that is not in dtworkshop: a garden (a test's canvas, advice 2), whose
content description uses every kind of part (a Group with a Derived value, a Keyed set of
sub-tables, Records with a legend) and leaves one field (`secret`) out, so no report may
show it."""

from __future__ import annotations

from dtworkshop.core.canvases.base import CanvasSpec, Derived, Field, Group, Keyed, Records
from dtworkshop.core.canvases.business_case import Verdict
from dtworkshop.core.types import Percent, Score, Table


class Bed(Table):
    """A bed and its share of the garden (percent)."""

    name: str = ""
    share: Percent | None = None


class Corner(Table):
    """A corner's plant and how well it fits there (1–5 score)."""

    plant: str = ""
    fit: Score | None = None


class Corners(Table):
    """The garden's two corners."""

    north: Corner | None = None
    south: Corner | None = None


class Garden(Table):
    """`[garden]`."""

    gardener: str = ""
    verdict: Verdict | None = None
    sun: Percent | None = None
    shade: Percent | None = None
    plants: list[str] = []
    corners: Corners | None = None
    beds: list[Bed] = []
    secret: str = ""
    notes: str = ""


WORDS = {  # key: (Danish, English)
    "canvas.garden.title": ("Haven", "The garden"),
    "canvas.garden.short": ("Have", "Garden"),
    "canvas.garden.gardener": ("Gartner", "Gardener"),
    "canvas.garden.light": ("Lys", "Light"),
    "canvas.garden.sun": ("Sol", "Sun"),
    "canvas.garden.shade": ("Skygge", "Shade"),
    "canvas.garden.light_total": ("Lys i alt", "Light in all"),
    "canvas.garden.plants": ("Planter", "Plants"),
    "canvas.garden.corners": ("Hjørner", "Corners"),
    "canvas.garden.corner": ("Hjørne", "Corner"),
    "canvas.garden.north": ("Nord", "North"),
    "canvas.garden.south": ("Syd", "South"),
    "canvas.garden.plant": ("Plante", "Plant"),
    "canvas.garden.fit": ("Egnethed (1–5)", "Fit (1–5)"),
    "canvas.garden.beds": ("Bede", "Beds"),
    "canvas.garden.bed": ("Bed", "Bed"),
    "canvas.garden.share": ("Andel", "Share"),
    "canvas.garden.double": ("Dobbelt", "Double"),
    "guide.garden.questions": ("Hvad gror her?", "What grows here?"),
    "guide.garden.advice": ("Vand om fredagen.", "Water on Fridays."),
}

SPEC = CanvasSpec(
    key="garden",
    advice=2,
    model=Garden,
    labels={"da": {k: da for k, (da, _) in WORDS.items()},
            "en": {k: en for k, (_, en) in WORDS.items()}},
    content=(
        Field("gardener", "canvas.garden.gardener"),
        Field("verdict", "canvas.business_case.verdict", "enum", "verdict"),
        Group("canvas.garden.light", (
            Field("sun", "canvas.garden.sun", "percent"),
            Field("shade", "canvas.garden.shade", "percent"),
            Derived("canvas.garden.light_total", lambda g: (g.sun or 0) + (g.shade or 0)))),
        Field("plants", "canvas.garden.plants", "items"),
        Keyed("canvas.garden.corners", "canvas.garden.corner",
              (("north", "canvas.garden.north"), ("south", "canvas.garden.south")),
              (Field("plant", "canvas.garden.plant"), Field("fit", "canvas.garden.fit", "score")),
              name="corners", columns=("fit", "plant")),
        Records("beds", "canvas.garden.beds", Field("name", "canvas.garden.bed"),
                (Field("share", "canvas.garden.share", "percent", legend=1),
                 Derived("canvas.garden.double", lambda b: 2 * (b.share or 0)))),
        # `secret` is left out of the description: no report may show it.
    ),
)
