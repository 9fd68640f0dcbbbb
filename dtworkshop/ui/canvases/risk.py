"""Risk willingness screen (advice 4): the degree of innovation aimed for, the team's own
willingness to take risks (1–5) beside what that degree calls for, the sparring group, and
the source's 80/20 rule of thumb; the chart is the source's figure with the team on it."""

from __future__ import annotations

from collections.abc import Iterable

from textual.widget import Widget

from dtworkshop.core.canvases.risk import Risk
from dtworkshop.core.types import CATEGORIES
from dtworkshop.ui.canvases.base import CanvasScreen, options, section
from dtworkshop.ui.widgets.fields import ChoiceField, Hint, LinesField, NumberField, block, row


class RiskScreen(CanvasScreen):
    """The higher the degree of innovation, the more willing to take risks the team must be
    (warned when it is less), with a sparring group to try ideas out on."""

    CANVAS = "risk"
    data: Risk

    DEFAULT_CSS = """
    RiskScreen .field-row Input.score { width: 6; }
    """

    def fields(self) -> Iterable[Widget]:
        t, r = self.t, self.data
        yield row(t("canvas.risk.innovation"),
                  ChoiceField(options(t, "category", CATEGORIES), r.innovation,
                              self.setter("innovation"), id="innovation"))
        yield Hint(id="hint-line")
        yield row(t("canvas.risk.willingness"),
                  NumberField(r.willingness, self.setter("willingness"), low=1, high=5,
                              id="willingness", classes="score"))
        yield block(f"{t('canvas.risk.sparring')} ({t('common.one_per_line')})",
                    LinesField(r.sparring, self.setter("sparring"), id="sparring"))
        yield Hint(t("guide.risk.sparring"))
        yield section(t("canvas.risk.rule_80_20"))
        yield Hint(t("guide.risk.rule_80_20"))

    def refresh_hints(self) -> None:
        # What the chosen degree calls for on the figure's line, said beside the choice.
        t, needed = self.t, self.data.called_for()
        text = (t("guide.risk.choose") if needed is None
                else t("guide.risk.line", degree=self.data.degree(), needed=needed))
        self.query_one("#hint-line", Hint).show(text)
