"""Assess yourself screen (the source's checklist 3): the twelve statements, each scored 1–5
with the advice it belongs to beside it; the lowest are warned about as where to look first."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Label

from dtworkshop.core.canvases.self_assessment import ADVICE, STATEMENTS, SelfAssessment
from dtworkshop.ui.canvases.base import CanvasScreen
from dtworkshop.ui.widgets.fields import Hint, NumberField


class SelfAssessmentScreen(CanvasScreen):
    """Per statement: its words, the advice it belongs to and the score (1–5)."""

    CANVAS = "self_assessment"
    data: SelfAssessment

    # Twelve bars, the frame and the scale (CSS, not DEFAULT_CSS: it must win over
    # canvas.tcss). A long statement wraps under its own start, the score at the right.
    CSS = """
    SelfAssessmentScreen #chart > PlotextPlot { height: 15; }
    SelfAssessmentScreen .statement { height: auto; }
    SelfAssessmentScreen .statement .number { width: 3; color: $text-muted; }
    SelfAssessmentScreen .statement .field-label { width: 1fr; color: $text; }
    SelfAssessmentScreen .statement .advice { width: 8; color: $text-muted; }
    SelfAssessmentScreen .statement Input.score { width: 5; }
    """

    def fields(self) -> Iterable[Widget]:
        t, sa = self.t, self.data
        yield Hint(t("guide.self_assessment.scale"))
        for n, key in enumerate(STATEMENTS, start=1):
            yield Horizontal(
                Label(f"{n:>2}", classes="number"),
                Label(Text(t(f"canvas.self_assessment.{key}.statement")), classes="field-label"),
                Label(Text(t("canvas.self_assessment.advice", n=ADVICE[key])), classes="advice"),
                NumberField(getattr(sa, key), self.setter(key), low=1, high=5, id=key, classes="score"),
                classes="field-row statement",
            )
