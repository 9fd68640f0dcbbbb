"""Business case model (advice 1, "Stil de dumme spørgsmål").

Five overlapping perspectives, citizen need at the centre, that must fit together before a
transformation gets a green light.
"""

from __future__ import annotations

from typing import Literal

from dtworkshop.core.canvases.base import CanvasSpec, CanvasWarning, Field, Keyed, item_names
from dtworkshop.core.charts import distinct_labels, even_bars, label_room
from dtworkshop.core.types import Score, Table

Benefit = Literal["citizen", "economy", "both"]
Verdict = Literal["green", "red", "open"]
PerspectiveKey = Literal[
    "citizen_need", "legal_framework", "economy", "culture", "digitalisation"
]
PERSPECTIVES: tuple[PerspectiveKey, ...] = (
    "citizen_need",
    "legal_framework",
    "economy",
    "culture",
    "digitalisation",
)
BENEFITS: tuple[Benefit, ...] = ("citizen", "economy", "both")
VERDICTS: tuple[Verdict, ...] = ("green", "red", "open")


class Perspective(Table):
    """One perspective: a note and how well it fits (1–5 score; None = not scored)."""

    note: str = ""
    fit: Score | None = None


class Perspectives(Table):
    """The five perspectives of the business case model, in the source's order."""

    citizen_need: Perspective | None = None
    legal_framework: Perspective | None = None
    economy: Perspective | None = None
    culture: Perspective | None = None
    digitalisation: Perspective | None = None


class BusinessCase(Table):
    """`[business_case]`: the problem, the five perspectives, the benefit and the verdict."""

    problem: str = ""
    benefit: Benefit | None = None
    verdict: Verdict | None = None
    perspectives: Perspectives | None = None
    notes: str = ""

    def perspective(self, key: PerspectiveKey) -> Perspective:
        """The perspective `key`, created empty if the file had none."""
        if self.perspectives is None:
            self.perspectives = Perspectives()
        current = getattr(self.perspectives, key)
        if current is None:
            current = Perspective()
            setattr(self.perspectives, key, current)
        return current

    def fits(self) -> dict[PerspectiveKey, int | None]:
        """The fit score (1–5, or None) of each perspective, in the source's order."""
        result: dict[PerspectiveKey, int | None] = {}
        for key in PERSPECTIVES:
            p = getattr(self.perspectives, key) if self.perspectives else None
            result[key] = p.fit if p else None
        return result


def rules(data: BusinessCase) -> list[CanvasWarning]:
    """A green light needs a written citizen need: the source's first question."""
    found = []
    need = data.perspectives.citizen_need if data.perspectives else None
    if data.verdict == "green" and not (need and need.note.strip()):
        found.append(
            CanvasWarning("warning.green_without_need", "business_case.verdict")
        )
    return found


def chart(plt, data: BusinessCase, labels) -> None:
    """The five fit scores (0 = not scored, 1–5) as horizontal bars, citizen need on top."""
    fits = list(data.fits().items())[::-1]  # horizontal bars stack bottom up
    names = distinct_labels([labels(f"perspective.{k}") for k, _ in fits], label_room(plt, least=14))
    plt.bar(names, [v or 0 for _, v in fits], orientation="horizontal",
            width=even_bars(plt, len(names)))
    plt.xlim(0, 5)
    plt.xticks([0, 1, 2, 3, 4, 5])


def items(data: BusinessCase, labels) -> list[str]:
    """A tally's options here: the three verdicts (green light, red light, open)."""
    return item_names(labels(f"enum.verdict.{v}") for v in VERDICTS)


SPEC = CanvasSpec(
    key="business_case", advice=1, model=BusinessCase, rules=rules, chart=chart,
    items=items,
    content=(
        Field("problem", "canvas.business_case.problem"),
        Field("benefit", "canvas.business_case.benefit", "enum", "benefit"),
        Field("verdict", "canvas.business_case.verdict", "enum", "verdict"),
        Keyed("canvas.business_case.perspectives", "export.perspective",
              tuple((k, f"perspective.{k}") for k in PERSPECTIVES),
              (Field("fit", "canvas.business_case.fit", "score"),
               Field("note", "canvas.business_case.note")),
              name="perspectives"),
    ),
)
