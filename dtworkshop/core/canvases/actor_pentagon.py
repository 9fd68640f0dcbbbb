"""Actor pentagon (advice 8, "Skab simple, værdifulde løsninger").

Five actors and what each brings, each involved to a level of the involvement ladder
(advice 5), and a short scope list: requirement lists grow without end.
"""

from __future__ import annotations

from typing import Literal

from dtworkshop.core.canvases.base import CanvasSpec
from dtworkshop.core.types import Table

ActorKey = Literal["citizen", "employee", "supplier", "political", "top_leader"]
ACTORS: tuple[ActorKey, ...] = ("citizen", "employee", "supplier", "political", "top_leader")
Involvement = Literal["accountable", "participate", "involve", "dialogue", "feedback", "inform"]
INVOLVEMENTS: tuple[Involvement, ...] = (
    "accountable",
    "participate",
    "involve",
    "dialogue",
    "feedback",
    "inform",
)


class Actor(Table):
    """One actor: who they are, their input and their rung on the involvement ladder."""

    who: str = ""
    input: str = ""
    involvement: Involvement | None = None

    def ladder_height(self) -> int:
        """Involvement as a height for charts: 6 = accountable … 1 = inform, 0 = unset."""
        if self.involvement is None:
            return 0
        return len(INVOLVEMENTS) - INVOLVEMENTS.index(self.involvement)


class ActorPentagon(Table):
    """`[actor_pentagon]`: the five actors and the scope list."""

    citizen: Actor | None = None
    employee: Actor | None = None
    supplier: Actor | None = None
    political: Actor | None = None
    top_leader: Actor | None = None
    scope: list[str] = []
    notes: str = ""

    def actor(self, key: ActorKey) -> Actor:
        """The actor `key`, created empty if the file had none."""
        current = getattr(self, key)
        if current is None:
            current = Actor()
            setattr(self, key, current)
        return current


SPEC = CanvasSpec(key="actor_pentagon", advice=8, model=ActorPentagon)
