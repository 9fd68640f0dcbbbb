"""Political scenarios (advice 9, "Brug din politiske ledelse").

The political legitimacy a transformation needs rises with its degree of innovation; three
scenarios of the politicians' engagement, each with its action.
"""

from __future__ import annotations

from typing import Literal

from dtworkshop.core.canvases.base import CanvasSpec, Field, item_names
from dtworkshop.core.charts import distinct_labels, label_room
from dtworkshop.core.types import CATEGORIES, Category, Table

Scenario = Literal["resistance", "passivity", "receptiveness"]
SCENARIOS: tuple[Scenario, ...] = ("resistance", "passivity", "receptiveness")


class Political(Table):
    """`[political]`: the current scenario, the innovation degree and planned actions."""

    scenario: Scenario | None = None
    innovation: Category | None = None
    actions: list[str] = []
    notes: str = ""

    def innovation_degree(self) -> int | None:
        """The innovation degree as 1 (streamline) … 4 (rethink business), None if unset."""
        return CATEGORIES.index(self.innovation) + 1 if self.innovation else None


def chart(plt, data: Political, labels) -> None:
    """The source's model: legitimacy needed rising with the degree of innovation (the four
    portfolio categories, low to high), the session's transformation marked on the line."""
    xs = [1, 2, 3, 4]
    plt.plot(xs, xs, marker="braille")
    degree = data.innovation_degree()
    if degree:
        plt.scatter([degree], [degree], marker="●", color="red")
        plt.text(labels("canvas.political.marker"), x=degree, y=degree + 0.4, color="red", alignment="center")
    plt.xticks(xs, distinct_labels([labels(f"short_category.{c}") for c in CATEGORIES],
                                   label_room(plt, len(CATEGORIES), across=True)))
    plt.yticks([1, 4], [labels("canvas.political.low"), labels("canvas.political.high")])
    plt.xlim(0.5, 4.5)
    plt.ylim(0.5, 4.5)


def items(data: Political, labels) -> list[str]:
    """A tally's options here: the planned actions, else the three scenarios."""
    return item_names(data.actions) or item_names(labels(f"enum.scenario.{s}") for s in SCENARIOS)


SPEC = CanvasSpec(
    key="political", advice=9, model=Political, chart=chart,
    items=items,
    content=(
        Field("scenario", "canvas.political.scenario", "enum", "scenario"),
        Field("innovation", "canvas.political.innovation", "enum", "category"),
        Field("actions", "canvas.political.actions", "items"),
    ),
)
