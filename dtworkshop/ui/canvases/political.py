"""Political scenarios screen (advice 9): scenario, innovation degree, planned actions."""

from __future__ import annotations

from collections.abc import Iterable

from textual.widget import Widget

from dtworkshop.core.canvases.political import SCENARIOS, Political
from dtworkshop.core.types import CATEGORIES
from dtworkshop.ui.canvases.base import CanvasScreen, options
from dtworkshop.ui.widgets.fields import Hint, ChoiceField, LinesField, block, row


class PoliticalScreen(CanvasScreen):
    """The more innovative the transformation, the more political legitimacy it needs."""

    CANVAS = "political"
    data: Political

    def fields(self) -> Iterable[Widget]:
        t, po = self.t, self.data
        yield row(t("canvas.political.scenario"),
                  ChoiceField(options(t, "scenario", SCENARIOS), po.scenario, self.setter("scenario"), id="scenario"))
        yield Hint(id="hint-scenario")
        yield row(t("canvas.political.innovation"),
                  ChoiceField(options(t, "category", CATEGORIES), po.innovation, self.setter("innovation"), id="innovation"))
        yield Hint(t("guide.political.legitimacy"))
        yield block(f"{t('canvas.political.actions')} ({t('common.one_per_line')})",
                    LinesField(po.actions, self.setter("actions"), id="actions"))

    def refresh_hints(self) -> None:
        # All three scenarios as in the source's model, numbered along its axis (the
        # politicians' engagement and interest, rising), the team's one marked.
        t, chosen = self.t, self.data.scenario
        self.query_one("#hint-scenario", Hint).show("\n".join([
            f"{t('canvas.political.engagement')} →",
            *(f"{'▶' if s == chosen else ' '} {n} {t(f'enum.scenario.{s}')}: "
              f"{t(f'guide.political.scenario.{s}')}"
              for n, s in enumerate(SCENARIOS, start=1))]))
