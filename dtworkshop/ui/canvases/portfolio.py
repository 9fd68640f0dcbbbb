"""Portfolio model screen (advice 3): per unit the split over the four kinds of innovation
effort, a goal and initiatives; the rollout choice."""

from __future__ import annotations

from collections.abc import Iterable

from rich import box
from textual import events, on
from rich.table import Table
from rich.text import Text
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Label, Static

from dtworkshop.core.canvases.maturity import unit_key, unit_means
from dtworkshop.core.canvases.portfolio import (
    ROLLOUT_FIGURE,
    ROLLOUTS,
    Initiative,
    Portfolio,
    Unit,
    unit_names,
)
from dtworkshop.core.text import decimal
from dtworkshop.core.types import CATEGORIES
from dtworkshop.ui.canvases.base import CanvasScreen, options, section
from dtworkshop.ui.widgets.fields import ChoiceField, Hint, NumberField, TextField, row
from dtworkshop.ui.widgets.record_list import Column, RecordList


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
        yield Static(id="rollout-figure", classes="figure")  # guidance: hidden with it
        yield section(t("canvas.portfolio.units"))
        yield Hint(t("guide.portfolio.axes.text") + "\n" + "\n".join(
            f"{n} {t(f'category.{c}')}: {t(f'guide.portfolio.category.{c}')}"
            for n, c in enumerate(CATEGORIES, start=1)))
        yield Hint(t("guide.portfolio.exact_science"))
        yield RecordList(pf.units, Unit, self._unit, labels=t, add_label=t("canvas.portfolio.unit_name"),
                         columns=self._unit_columns(), id="units")
        yield section(t("canvas.portfolio.initiatives"))
        yield RecordList(pf.initiatives, Initiative, self._initiative, labels=t,
                         add_label=t("canvas.portfolio.initiative_name"),
                         columns=self._initiative_columns(), id="initiatives")

    def refresh_hints(self) -> None:
        t, rollout = self.t, self.data.rollout
        if rollout is None:
            text = t("guide.portfolio.rollout.recommendation")
        else:
            g = f"guide.portfolio.rollout.{rollout}"
            text = f"{t(f'{g}.description')}\n+ {t(f'{g}.pros')}\n− {t(f'{g}.cons')}"
        self.query_one("#hint-rollout", Hint).show(text)
        self.query_one("#rollout-figure", Static).update(rollout_figure(t, rollout))

    def _unit_columns(self) -> list[Column]:
        """A unit on one line: name, its four percentages, their sum (marked when it is not
        100, the source's rule, seen at a glance), its goal."""
        t = self.t
        columns: list[Column] = [(t("canvas.portfolio.unit_name"), 18, lambda u: u.name)]
        for c in CATEGORIES:
            columns.append((t(f"short_category.{c}"), 6, lambda u, c=c: _number(getattr(u, c))))
        columns.append((Text("Σ", justify="right"), 3, _total))
        columns.append((Text(t("canvas.portfolio.maturity"), justify="right"), 8, self._maturity))
        columns.append((t("canvas.portfolio.goal"), None, lambda u: u.goal))
        return columns

    def _maturity(self, unit: Unit) -> Text:
        """The unit's maturity from the maturity canvas (mean of its 1–5 scores), matched by
        name; blank when that canvas has no scores for it."""
        mean = unit_means(self.session.maturity).get(unit_key(unit.name))
        if mean is None:
            return Text("")
        return Text(decimal(mean, self.t.language), justify="right")

    @on(events.ScreenResume)
    def _maturity_again(self) -> None:
        for units in self.query("#units").results(RecordList):  # none before the first compose
            units.refresh_rows()  # the maturity may have changed on its own canvas

    def _initiative_columns(self) -> list[Column]:
        t = self.t

        def category(i: Initiative) -> str:
            return t(f"enum.category.{i.category}") if i.category else ""

        return [
            (t("canvas.portfolio.initiative_name"), None, lambda i: i.name),
            (t("canvas.portfolio.initiative_unit"), 16, lambda i: i.unit),
            (t("canvas.portfolio.initiative_category"), 24, category),
        ]

    def _unit(self, u: Unit) -> list[Widget]:
        t = self.t
        numbers: list[Widget] = []
        for i, c in enumerate(CATEGORIES, start=1):
            numbers.append(Horizontal(  # a cell of the grid: 4, 2 or 1 a row, as fits
                Label(f"{i} {t(f'short_category.{c}')}", classes="number-label"),
                NumberField(getattr(u, c), lambda v, c=c: setattr(u, c, v), classes="percent"),
                classes="number-pair"))
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
                # The portfolio's units offered as the name is typed (→ takes one): retyped
                # by hand, a unit's name came back with typos.
                TextField(i.unit, lambda v: setattr(i, "unit", v),
                          placeholder=t("canvas.portfolio.initiative_unit"),
                          suggestions=lambda: unit_names(self.session.portfolio)),
                ChoiceField(options(t, "category", CATEGORIES), i.category,
                            lambda v: setattr(i, "category", v), prompt=t("canvas.portfolio.initiative_category")),
                classes="record-line",
            )
        ]


def _number(value: int | None) -> Text:
    return Text("" if value is None else str(value), justify="right")


def _total(unit: Unit) -> Text:
    """The sum of a unit's percentages, in the warnings' colour when it is not 100."""
    total = unit.total()
    if total is None:
        return Text("")
    return Text(str(total), style="" if total == 100 else "bold yellow", justify="right")


def rollout_figure(t, chosen: str | None) -> Table:
    """The source's 2×2 figure (advice 3): selected or all projects (rows) against selected
    or all employees (columns), spearhead projects and the overall process in their
    squares, the team's rollout marked with ▶."""
    figure = Table(box=box.SQUARE, show_header=True, header_style="", padding=(0, 1),
                   style="dim")
    figure.add_column("")
    employees = ("selected_employees", "all_employees")
    for name in employees:
        figure.add_column(t(f"canvas.portfolio.figure.{name}"))
    for projects in ("all_projects", "selected_projects"):
        cells = []
        for employees_name in employees:
            rollout = next((r for r, square in ROLLOUT_FIGURE.items()
                            if square == (projects, employees_name)), None)
            if rollout is None:
                cells.append(Text(""))
            else:
                marked = rollout == chosen
                cells.append(Text(f"{'▶ ' if marked else ''}{t(f'canvas.portfolio.figure.{rollout}')}",
                                  style="bold" if marked else ""))
        figure.add_row(Text(t(f"canvas.portfolio.figure.{projects}")), *cells)
    return figure
