"""The Screens of the test's canvases (see `pulse`, `garden` and `compass`), written as a core one is."""

from __future__ import annotations

from collections.abc import Iterable

from textual.widget import Widget

from dtworkshop.core.canvases.business_case import VERDICTS
from dtworkshop.ui.canvases.base import CanvasScreen, options
from dtworkshop.ui.widgets.fields import ChoiceField, LinesField, NumberField, TextField, block, row

from tests.extra_canvas.compass import Compass
from tests.extra_canvas.garden import Garden
from tests.extra_canvas.pulse import MOODS, Pulse


class PulseScreen(CanvasScreen):
    """The room's mood, energy, headline and risks."""

    CANVAS = "pulse"
    data: Pulse

    def fields(self) -> Iterable[Widget]:
        t, p = self.t, self.data
        yield row(t("canvas.pulse.mood"),
                  ChoiceField(options(t, "mood", MOODS), p.mood, self.setter("mood"), id="mood"))
        yield row(t("canvas.pulse.energy"),
                  NumberField(p.energy, self.setter("energy"), low=1, high=5, id="energy"))
        yield row(t("canvas.pulse.headline"),
                  TextField(p.headline, self.setter("headline"), id="headline"))
        yield block(t("canvas.pulse.risks"), LinesField(p.risks, self.setter("risks"), id="risks"))


class GardenScreen(CanvasScreen):
    """The garden's gardener, verdict and plants (its other parts are edited in the file)."""

    CANVAS = "garden"
    data: Garden

    def fields(self) -> Iterable[Widget]:
        t, g = self.t, self.data
        yield row(t("canvas.garden.gardener"),
                  TextField(g.gardener, self.setter("gardener"), id="gardener"))
        yield row(t("canvas.business_case.verdict"),
                  ChoiceField(options(t, "verdict", VERDICTS), g.verdict,
                              self.setter("verdict"), id="verdict"))
        yield block(t("canvas.garden.plants"),
                    LinesField(g.plants, self.setter("plants"), id="plants"))


class CompassScreen(CanvasScreen):
    """Where the team is heading."""

    CANVAS = "compass"
    data: Compass

    def fields(self) -> Iterable[Widget]:
        yield row(self.t("canvas.compass.heading"),
                  TextField(self.data.heading, self.setter("heading"), id="heading"))
