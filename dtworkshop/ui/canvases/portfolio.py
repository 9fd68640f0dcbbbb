"""Portfolio model screen (advice 3): per unit the split over the four kinds of innovation
effort, a goal and initiatives; the rollout choice."""

from __future__ import annotations

from collections.abc import Iterable

from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Label

from dtworkshop.core.canvases.portfolio import ROLLOUTS, Initiative, Portfolio, Unit
from dtworkshop.core.types import CATEGORIES
from dtworkshop.ui.canvases.base import CanvasScreen, options, section
from dtworkshop.ui.widgets.fields import Hint, ChoiceField, NumberField, RecordList, TextField, row


class PortfolioScreen(CanvasScreen):
    """Units with their percentage split (warned when not 100), initiatives, rollout."""

    CANVAS = "portfolio"
    data: Portfolio

    def fields(self) -> Iterable[Widget]:
        t, pf = self.t, self.data
        yield row(t("canvas.portfolio.rollout"),
                  ChoiceField(options(t, "rollout", ROLLOUTS), pf.rollout,
                              lambda v: setattr(pf, "rollout", v), id="rollout"))
        yield Hint(id="hint-rollout")
        yield section(t("canvas.portfolio.units"))
        yield Hint(t("guide.portfolio.axes.text") + "\n" + "\n".join(
            f"{n} {t(f'category.{c}')}: {t(f'guide.portfolio.category.{c}')}"
            for n, c in enumerate(CATEGORIES, start=1)))
        yield Hint(t("guide.portfolio.exact_science"))
        yield RecordList(pf.units, Unit, self._unit, labels=t, add_label=t("canvas.portfolio.unit_name"), id="units")
        yield section(t("canvas.portfolio.initiatives"))
        yield RecordList(pf.initiatives, Initiative, self._initiative, labels=t,
                         add_label=t("canvas.portfolio.initiative_name"), id="initiatives")

    def refresh_hints(self) -> None:
        t, rollout = self.t, self.data.rollout
        if rollout is None:
            text = t("guide.portfolio.rollout.recommendation")
        else:
            g = f"guide.portfolio.rollout.{rollout}"
            text = f"{t(f'{g}.description')}\n+ {t(f'{g}.pros')}\n− {t(f'{g}.cons')}"
        self.query_one("#hint-rollout", Hint).show(text)

    def _unit(self, u: Unit) -> list[Widget]:
        t = self.t
        numbers: list[Widget] = []
        for i, c in enumerate(CATEGORIES, start=1):
            numbers.append(Label(f"{i} {t(f'short_category.{c}')}", classes="number-label"))
            numbers.append(NumberField(getattr(u, c), lambda v, c=c: setattr(u, c, v), classes="percent"))
        return [
            Horizontal(
                TextField(u.name, lambda v: setattr(u, "name", v), placeholder=t("canvas.portfolio.unit_name")),
                TextField(u.goal, lambda v: setattr(u, "goal", v), placeholder=t("canvas.portfolio.goal")),
                classes="record-line",
            ),
            Horizontal(*numbers, classes="record-line numbers"),
        ]

    def _initiative(self, i: Initiative) -> list[Widget]:
        t = self.t
        return [
            Horizontal(
                TextField(i.name, lambda v: setattr(i, "name", v), placeholder=t("canvas.portfolio.initiative_name")),
                TextField(i.unit, lambda v: setattr(i, "unit", v), placeholder=t("canvas.portfolio.initiative_unit")),
                ChoiceField(options(t, "category", CATEGORIES), i.category,
                            lambda v: setattr(i, "category", v), prompt=t("canvas.portfolio.initiative_category")),
                classes="record-line",
            )
        ]
