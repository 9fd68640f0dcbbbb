"""A third canvas that is not in dtworkshop, the smallest a canvas can be (one text field):
with it the test canvases run past nine, so the last of them is reached by a letter."""

from __future__ import annotations

from dtworkshop.core.canvases.base import CanvasSpec, Field
from dtworkshop.core.types import Table


class Compass(Table):
    """`[compass]`: where the team is heading."""

    heading: str = ""
    notes: str = ""


WORDS = {  # key: (Danish, English)
    "canvas.compass.title": ("Kompasset", "The compass"),
    "canvas.compass.short": ("Kompas", "Compass"),
    "canvas.compass.heading": ("Kurs", "Heading"),
    "guide.compass.questions": ("Hvor skal vi hen?", "Where are we going?"),
    "guide.compass.advice": ("Vælg én kurs.", "Choose one heading."),
}

SPEC = CanvasSpec(
    key="compass", advice=2, model=Compass,
    labels={"da": {k: da for k, (da, _) in WORDS.items()},
            "en": {k: en for k, (_, en) in WORDS.items()}},
    content=(Field("heading", "canvas.compass.heading"),),
)
