"""Maturity assessment (advice 2, "Vurder din organisation").

The source: "Vurder modenheden i forvaltningen på en skala fra 1-5 for at synliggøre, om der er
områder, der kræver særligt ledelsesfokus", on eight parameters, and the top leader's task "at
vurdere styrker og svagheder på forskellige parametre for hver forvaltning". So each unit
(forvaltning) gets a 1–5 score on each of the eight; a unit with parameters left unscored is
warned about, never refused. The portfolio (advice 3) is to be based on this assessment.
"""

from __future__ import annotations

from typing import Literal

from dtworkshop.core.canvases.base import CanvasSpec, CanvasWarning, Field, Records, item_names
from dtworkshop.core.charts import series_fills
from dtworkshop.core.text import cut_to_cells, visible
from dtworkshop.core.types import Score, Table

Parameter = Literal[
    "strategic_direction", "business_case", "citizen_centricity", "culture",
    "ways_of_working", "competences", "data_informed", "technologies",
]
PARAMETERS: tuple[Parameter, ...] = (
    "strategic_direction",  # Strategisk retning
    "business_case",        # Businesscase
    "citizen_centricity",   # Borgercentrering og samskabelse
    "culture",              # Kultur
    "ways_of_working",      # Arbejdsformer og organisering
    "competences",          # Kompetencer og viden
    "data_informed",        # Datainformeret
    "technologies",         # Teknologier
)
"""The eight parameters of the source's maturity model, in its order (advice 2)."""

UNIT_COLOURS = (6, 4, 3, 1, 2, 5)
"""ANSI colours of the units' bars, in the units' order (cycled beyond six): the portfolio's
four series colours first, then green and magenta."""


class UnitMaturity(Table):
    """One unit's (forvaltning's) maturity: a 1–5 score per parameter (None = not scored)
    and a note."""

    name: str = ""
    strategic_direction: Score | None = None
    business_case: Score | None = None
    citizen_centricity: Score | None = None
    culture: Score | None = None
    ways_of_working: Score | None = None
    competences: Score | None = None
    data_informed: Score | None = None
    technologies: Score | None = None
    note: str = ""

    def scores(self) -> list[int | None]:
        """The eight scores (1–5, or None when not scored) in `PARAMETERS` order."""
        return [getattr(self, p) for p in PARAMETERS]

    def unscored(self) -> list[Parameter]:
        """The parameters not scored yet, in `PARAMETERS` order."""
        return [p for p in PARAMETERS if getattr(self, p) is None]


class Maturity(Table):
    """`[maturity]`: the units, each with its eight scores."""

    units: list[UnitMaturity] = []
    notes: str = ""


def unit_key(name: str) -> str:
    """A unit's name as the canvases match it: case and runs of spaces ignored."""
    return " ".join(name.split()).casefold()


def unit_means(maturity: Maturity | None) -> dict[str, float]:
    """Each unit's maturity as the mean of its scored parameters (1.0–5.0), by `unit_key` of
    its name; units with no score, or no name, left out. The portfolio shows it beside a
    unit's split: the source bases the portfolio on this assessment (advice 2 and 3)."""
    means = {}
    for unit in maturity.units if maturity else ():
        scored = [score for score in unit.scores() if score is not None]
        if scored and unit.name.strip():
            means[unit_key(unit.name)] = sum(scored) / len(scored)
    return means


def rules(data: Maturity) -> list[CanvasWarning]:
    """A unit begun (named or partly scored) should be scored on all eight parameters: the
    source assesses "styrker og svagheder på forskellige parametre for hver forvaltning"
    (advice 2). A unit just added, still blank, is not warned about yet."""
    found = []
    for i, unit in enumerate(data.units):
        missing = unit.unscored()
        begun = unit.name.strip() or len(missing) < len(PARAMETERS)
        if missing and begun:
            found.append(CanvasWarning(
                "warning.maturity.unscored", f"maturity.units[{i}]",
                {"unit": unit.name or f"#{i + 1}", "count": len(missing),
                 "total": len(PARAMETERS)},
            ))
    return found


def _legend_name(name: str, width: int = 24) -> str:
    """A unit's name for the legend: control characters made visible, cut to `width`
    terminal cells."""
    return cut_to_cells(visible(name), width)


def chart(plt, data: Maturity, labels) -> list[tuple[str, int]] | None:
    """All units side by side: a group of vertical bars per parameter (in the source's
    order, by its short name), a bar per unit in the units' order and colour, height the
    score 1–5 (none where not scored), each unit in its colour and its fill
    (`series_fills`; beyond four a fill comes again, the bars' order in the group still
    tells the units apart without colour). Returns the legend naming the units; draws
    nothing without units."""
    units = data.units
    if not units:
        return None
    names = [labels(f"canvas.maturity.short_parameter.{p}") for p in PARAMETERS]
    series = [[score or 0 for score in unit.scores()] for unit in units]
    colours = [UNIT_COLOURS[i % len(UNIT_COLOURS)] for i in range(len(units))]
    plt.multiple_bar(names, series, color=colours, marker=series_fills(len(series)), width=0.6)
    plt.ylim(0, 5)
    plt.yticks([0, 1, 2, 3, 4, 5])
    # Whole names, not distinct_labels: the legend has room for "Forvaltning A", not just "A".
    return [(_legend_name(u.name or f"#{n}"), colour)
            for n, (u, colour) in enumerate(zip(units, colours), start=1)]


def chart_rows(_data: Maturity) -> int:
    """Two rows beyond the reports' standard height: eleven rows of plot, two a score, so
    each step of 1–5 is as tall as the next."""
    return 2


def carried(data: Maturity) -> Maturity | None:
    """What a follow-up session takes over: the units by name, to be scored anew (the
    source's assessment is repeated to see the units move; "last time" shows the earlier
    scores). None when no unit has a name."""
    units = [UnitMaturity(name=u.name) for u in data.units if u.name.strip()]
    return Maturity(units=units) if units else None


def items(data: Maturity, labels) -> list[str]:
    """A tally's options here: the units' names."""
    return item_names(u.name for u in data.units)


SPEC = CanvasSpec(
    key="maturity", advice=2, model=Maturity, rules=rules, chart=chart, chart_rows=chart_rows,
    carried=carried,
    items=items,
    content=(
        Records("units", "canvas.maturity.units", Field("name", "canvas.maturity.unit_name"),
                (*(Field(p, f"canvas.maturity.parameter.{p}", "score") for p in PARAMETERS),
                 Field("note", "canvas.maturity.note"))),
    ),
)
