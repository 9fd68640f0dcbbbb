"""The eight dilemmas screen (the source's checklist 2): per dilemma its question, and the
team's weight between its two poles, 1 to 5; the chart draws them as eight sliders."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Label

from dtworkshop.core.canvases.dilemmas import DILEMMAS, Dilemmas
from dtworkshop.ui.canvases.base import CanvasScreen
from dtworkshop.ui.widgets.fields import Hint, NumberField


class DilemmasScreen(CanvasScreen):
    """Each dilemma's question, then its first pole, the weight (1–5) and its second pole."""

    CANVAS = "dilemmas"
    data: Dilemmas

    # Eight sliders of two rows each, the frame and the scale: the standard 14 rows would
    # squeeze two dilemmas into a row. (CSS, not DEFAULT_CSS: it must win over canvas.tcss.)
    # A first pole takes up to 32 columns ("Political legitimacy: Low degree").
    CSS = """
    DilemmasScreen #chart > PlotextPlot { height: 19; }
    DilemmasScreen .dilemma-question { width: 100%; margin-top: 1; text-style: bold; }
    DilemmasScreen .dilemma .field-label { width: 34; }
    DilemmasScreen .dilemma Input.score { width: 5; margin-right: 1; }
    DilemmasScreen .dilemma .pole { width: 1fr; color: $text-muted; }
    """

    def fields(self) -> Iterable[Widget]:
        t, d = self.t, self.data
        yield Hint(t("guide.dilemmas.scale"))
        for n, key in enumerate(DILEMMAS, start=1):
            yield Label(Text(f"{n} {t(f'guide.dilemmas.question.{key}')}"), classes="dilemma-question")
            yield Horizontal(
                Label(Text(t(f"canvas.dilemmas.{key}.first")), classes="field-label"),
                NumberField(getattr(d, key), self.setter(key), low=1, high=5, id=key, classes="score"),
                Label(Text(t(f"canvas.dilemmas.{key}.second")), classes="pole"),
                classes="field-row dilemma",
            )
