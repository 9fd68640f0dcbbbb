"""Story fish, Fortællefisken (advice 6, "Skab en begejstrende fortælling").

Head creates motivation, body understanding, tail the will to act; the employee is the hero.
Told within one of three leadership paradigms.
"""

from __future__ import annotations

from typing import Literal

from dtworkshop.core.canvases.base import CanvasSpec, Field, item_names
from dtworkshop.core.types import Table

Paradigm = Literal["rules", "contract", "values"]
PARADIGMS: tuple[Paradigm, ...] = ("rules", "contract", "values")


class StoryFish(Table):
    """`[story_fish]`: hero, head (motivation), body (understanding), tail (will to act)."""

    hero: str = ""
    head: str = ""
    body: str = ""
    tail: str = ""
    paradigm: Paradigm | None = None
    notes: str = ""


def items(data: StoryFish, labels) -> list[str]:
    """A tally's options here: the three paradigms the story can stand on."""
    return item_names(labels(f"enum.paradigm.{p}") for p in PARADIGMS)


SPEC = CanvasSpec(
    key="story_fish", advice=6, model=StoryFish,
    items=items,
    # The fish's drawing needs a terminal's cells; on paper its parts read best in the
    # story's order, head to tail, which is what the drawing shows too.
    content=(
        *(Field(k, f"canvas.story_fish.{k}") for k in ("hero", "head", "body", "tail")),
        Field("paradigm", "canvas.story_fish.paradigm", "enum", "paradigm"),
    ),
)
