"""Portfolio model (advice 3, "Læg din transformationsstrategi").

Four kinds of innovation effort, degree of innovation rising in this order, split in percent
per unit (forvaltning). The source says this is "not an exact science": a sum other than 100
is warned about, never refused.
"""

from __future__ import annotations

from typing import Literal

from dtworkshop.core.canvases.base import (
    CanvasSpec,
    CanvasWarning,
    Derived,
    Field,
    Records,
    item_names,
    percent_sum,
)
from dtworkshop.core.canvases.maturity import unit_key
from dtworkshop.core.charts import (SERIES_COLOURS, distinct_labels, even_bars, label_room,
                                     series_fills)
from dtworkshop.core.types import CATEGORIES, Category, Percent, Table

Rollout = Literal["spearheads", "all_at_once"]
ROLLOUTS: tuple[Rollout, ...] = ("spearheads", "all_at_once")

ROLLOUT_FIGURE: dict[Rollout, tuple[str, str]] = {
    "spearheads": ("selected_projects", "selected_employees"),
    "all_at_once": ("all_projects", "all_employees"),
}
"""The source's 2×2 figure of the rollout choice (advice 3, "Skal jeg strategisk satse på
spydspidser eller på at få alle med på samme tid?"): each rollout is the square of its
projects (selected or all) and its employees (selected or all); the other two squares are
left empty in the source. Words under `canvas.portfolio.figure.<name>`."""


class Unit(Table):
    """A unit's split over the four categories (percent each) and its strategic goal."""

    name: str = ""
    streamline: Percent | None = None
    modernise: Percent | None = None
    rethink_services: Percent | None = None
    rethink_business: Percent | None = None
    goal: str = ""

    def split(self) -> list[int]:
        """The four percentages in the categories' order, unset ones as 0."""
        return [getattr(self, c) or 0 for c in CATEGORIES]

    def total(self) -> int | None:
        """Sum of the set percentages, or None when none is set."""
        return percent_sum([getattr(self, c) for c in CATEGORIES])


class Initiative(Table):
    """A concrete initiative of a unit, in one of the four categories."""

    name: str = ""
    unit: str = ""
    category: Category | None = None


class Portfolio(Table):
    """`[portfolio]`: the rollout choice, the units' splits and the initiatives."""

    rollout: Rollout | None = None
    units: list[Unit] = []
    initiatives: list[Initiative] = []
    notes: str = ""


def rules(data: Portfolio) -> list[CanvasWarning]:
    """Each unit's split should add up to 100 percent; an initiative's unit should be one of
    the portfolio's units (a typo, "Forvaltnig B", would leave it out of its unit's count).
    Warned, never refused."""
    found = []
    for i, unit in enumerate(data.units):
        total = unit.total()
        if total is not None and total != 100:
            found.append(
                CanvasWarning(
                    "warning.unit_sum",
                    f"portfolio.units[{i}]",
                    {"unit": unit.name or f"#{i + 1}", "total": total},
                )
            )
    known = {unit_key(u.name) for u in data.units if u.name.strip()}
    for i, initiative in enumerate(data.initiatives):
        if known and initiative.unit.strip() and unit_key(initiative.unit) not in known:
            found.append(CanvasWarning(
                "warning.initiative_unit", f"portfolio.initiatives[{i}].unit",
                {"initiative": initiative.name or f"#{i + 1}", "unit": initiative.unit}))
    return found


def unit_names(data: Portfolio | None) -> list[str]:
    """The portfolio's units' names, as written, in order (blank ones left out): what an
    initiative's unit field suggests."""
    return [u.name for u in data.units if u.name.strip()] if data is not None else []


def chart(plt, data: Portfolio, labels) -> list[tuple[str, int]] | None:
    """One stacked horizontal bar per unit (first unit on top), the four categories in the
    source's order of rising innovation, in percent, each in its colour and its fill
    (`series_fills`: they read apart with no colour); draws nothing without units."""
    units = data.units
    if not units:
        return None
    units = units[::-1]  # plotext stacks horizontal bars bottom up; the first unit on top
    names = distinct_labels([u.name or f"#{n}" for n, u in enumerate(units, start=1)],
                            label_room(plt))
    series = [[u.split()[k] for u in units] for k in range(len(CATEGORIES))]
    plt.stacked_bar(names, series, color=list(SERIES_COLOURS), marker=series_fills(len(series)),
                    orientation="horizontal", width=even_bars(plt, len(names)))
    top = max(100, *(sum(u.split()) for u in units))
    plt.xlim(0, top)
    plt.xticks([0, 25, 50, 75, 100])
    return [(f"{k} {labels(f'category.{c}')}", colour)
            for k, (c, colour) in enumerate(zip(CATEGORIES, SERIES_COLOURS), start=1)]


def chart_rows(data: Portfolio) -> int:
    """Rows a text chart of `data` needs beyond the standard height: three a unit beyond
    three, which keep the bars apart."""
    return 3 * max(0, len(data.units) - 3)


def carried(data: Portfolio) -> Portfolio | None:
    """What a follow-up session takes over: the units by name and strategic goal (the same
    organisation's units, their goals still standing); their split is the new session's to
    decide (issue 15's follow-up session). None when no unit has a name."""
    units = [Unit(name=u.name, goal=u.goal) for u in data.units if u.name.strip()]
    return Portfolio(units=units) if units else None


def items(data: Portfolio, labels) -> list[str]:
    """A tally's options here: the initiatives' names, then the units'."""
    return item_names([*(i.name for i in data.initiatives), *(u.name for u in data.units)])


SPEC = CanvasSpec(
    key="portfolio", advice=3, model=Portfolio, rules=rules, chart=chart, chart_rows=chart_rows,
    carried=carried,
    items=items,
    content=(
        Field("rollout", "canvas.portfolio.rollout", "enum", "rollout"),
        Records("units", "canvas.portfolio.units", Field("name", "canvas.portfolio.unit_name"),
                (*(Field(c, f"category.{c}", "percent", legend=n)
                   for n, c in enumerate(CATEGORIES, start=1)),
                 Derived("report.total", Unit.total, "percent"),
                 Field("goal", "canvas.portfolio.goal"))),
        Records("initiatives", "canvas.portfolio.initiatives",
                Field("name", "canvas.portfolio.initiative_name"),
                (Field("unit", "canvas.portfolio.initiative_unit"),
                 Field("category", "canvas.portfolio.initiative_category", "enum", "category"))),
    ),
)
