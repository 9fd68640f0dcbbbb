"""Political scenarios (advice 9, "Brug din politiske ledelse").

The political legitimacy a transformation needs rises with its degree of innovation; three
scenarios of the politicians' engagement, each with its action.
"""

from __future__ import annotations

from typing import Literal

from dtworkshop.core.canvases.base import CanvasSpec
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


SPEC = CanvasSpec(key="political", advice=9, model=Political)
