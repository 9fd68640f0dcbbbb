"""Double diamond (advice 1, "brug designtænkning").

Diverge then converge twice, left to right: solutions only after a well-defined need and
problem.
"""

from __future__ import annotations

from typing import Literal

from dtworkshop.core.canvases.base import CanvasSpec, CanvasWarning, Field, Records, item_names
from dtworkshop.core.charts import distinct_labels, even_bars, label_room
from dtworkshop.core.types import Table

Phase = Literal["discover", "define", "develop", "deliver"]
PHASES: tuple[Phase, ...] = ("discover", "define", "develop", "deliver")
Status = Literal["testing", "adopted", "dropped"]
STATUSES: tuple[Status, ...] = ("testing", "adopted", "dropped")


class Prototype(Table):
    """A prototype built and tested with users: its test result and status."""

    name: str = ""
    result: str = ""
    status: Status | None = None


class DoubleDiamond(Table):
    """`[double_diamond]`: the current phase and what each phase holds."""

    phase: Phase | None = None
    needs: list[str] = []
    problem_statement: str = ""
    ideas: list[str] = []
    prototypes: list[Prototype] = []
    notes: str = ""

    def counts(self) -> dict[Phase, int]:
        """How many items each phase holds (the diamond's width), phases in order."""
        return {
            "discover": len(self.needs),
            "define": 1 if self.problem_statement.strip() else 0,
            "develop": len(self.ideas),
            "deliver": len(self.prototypes),
        }


def rules(data: DoubleDiamond) -> list[CanvasWarning]:
    """Ideas before a defined problem: the need and the problem come first."""
    if data.ideas and not data.problem_statement.strip():
        return [CanvasWarning("warning.ideas_before_problem", "double_diamond.ideas")]
    return []


def chart(plt, data: DoubleDiamond, labels) -> None:
    """How many items each phase holds (the diamond's width): one horizontal bar a phase,
    the first phase on top. Horizontal, so that the source's phase names ("Idéudvikl
    løsninger", 19 cells) have a third of the width each, not a quarter shared across
    (issue 16: cut at 15 cells even at 200 columns)."""
    counts = data.counts()
    names = distinct_labels([labels(f"enum.phase.{p}") for p in counts], label_room(plt))
    # plotext draws horizontal bars bottom up: reversed, the first phase is on top.
    plt.bar(names[::-1], list(counts.values())[::-1], orientation="horizontal",
            width=even_bars(plt, len(names)))
    top = max(counts.values()) or 1
    step = max(1, top // 4)
    plt.xticks(list(range(0, top + 1, step)))


def items(data: DoubleDiamond, labels) -> list[str]:
    """A tally's options here: the ideas, then the prototypes' names."""
    return item_names([*data.ideas, *(p.name for p in data.prototypes)])


SPEC = CanvasSpec(
    key="double_diamond", advice=1, model=DoubleDiamond, rules=rules, chart=chart,
    items=items,
    content=(
        Field("phase", "canvas.double_diamond.phase", "enum", "phase"),
        Field("needs", "canvas.double_diamond.needs", "items"),
        Field("problem_statement", "canvas.double_diamond.problem_statement"),
        Field("ideas", "canvas.double_diamond.ideas", "items"),
        Records("prototypes", "canvas.double_diamond.prototypes",
                Field("name", "canvas.double_diamond.prototype_name"),
                (Field("result", "canvas.double_diamond.prototype_result"),
                 Field("status", "canvas.double_diamond.prototype_status", "enum", "status"))),
    ),
)
