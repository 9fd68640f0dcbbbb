"""Actor pentagon (advice 8, "Skab simple, værdifulde løsninger").

Five actors and what each brings, each involved to a level of the involvement ladder
(advice 5), and a short scope list: requirement lists grow without end.
"""

from __future__ import annotations

from typing import Literal

from dtworkshop.core.canvases.base import CanvasSpec, Field, Keyed, item_names
from dtworkshop.core.charts import distinct_labels, even_bars, label_room
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


def chart(plt, data: ActorPentagon, labels) -> None:
    """Each actor's rung on the involvement ladder as a horizontal bar, the citizen on top:
    the longer the bar the more involved (6 cells = accountable, 1 = inform, 0 = unset)."""
    actors = ACTORS[::-1]  # horizontal bars stack bottom up: the citizen on top
    heights = [getattr(data, k).ladder_height() if getattr(data, k) else 0 for k in actors]
    plt.bar(distinct_labels([labels(f"actor.{k}").split(":")[0] for k in actors],
                            label_room(plt)), heights,
            orientation="horizontal", width=even_bars(plt, len(actors)))
    plt.xlim(0, 6)
    # Longer bar = higher on the ladder; ticks carry the ladder's own numbers (1 = accountable).
    plt.xticks([1, 2, 3, 4, 5, 6], ["6", "5", "4", "3", "2", "1"])


def items(data: ActorPentagon, labels) -> list[str]:
    """A tally's options here: the five actors."""
    return item_names(labels(f"actor.{a}") for a in ACTORS)


SPEC = CanvasSpec(
    key="actor_pentagon", advice=8, model=ActorPentagon, chart=chart,
    items=items,
    content=(
        # The actors stand at the canvas's top level in `show`; the exports' table puts the
        # ladder rung next to who, where a reader of the table compares them.
        Keyed("canvas.actor_pentagon.short", "export.actor",
              tuple((k, f"actor.{k}") for k in ACTORS),
              (Field("who", "canvas.actor_pentagon.who"),
               Field("input", "canvas.actor_pentagon.input"),
               Field("involvement", "canvas.actor_pentagon.involvement", "enum", "involvement")),
              heading=False, columns=("who", "involvement", "input")),
        Field("scope", "canvas.actor_pentagon.scope", "items"),
    ),
)
