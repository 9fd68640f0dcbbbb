"""Assess yourself (the source's closing checklist 3, "Vurder dig selv: Er du klar til at lede
den digitale transformation?").

Twelve statements ("Jeg har sikret en holdbar businesscase" …) the top leader scores 1–5,
"for at synliggøre områder, der måske kræver en særlig opmærksomhed hos dig": the lowest
scores are named as where to look first, each with the advice that speaks to it.
"""

from __future__ import annotations

from typing import Literal

from dtworkshop.core.canvases.base import CanvasSpec, CanvasWarning, Field, item_names
from dtworkshop.core.charts import even_bars
from dtworkshop.core.types import Score, Table

StatementKey = Literal[
    "business_case", "citizen_need", "organisation_ready", "self_ready", "strategy",
    "change_management", "narrative", "culture", "ways_of_working", "perspectives",
    "political_leadership", "partnerships",
]
STATEMENTS: tuple[StatementKey, ...] = (
    "business_case",
    "citizen_need",
    "organisation_ready",
    "self_ready",
    "strategy",
    "change_management",
    "narrative",
    "culture",
    "ways_of_working",
    "perspectives",
    "political_leadership",
    "partnerships",
)
"""The twelve statements in the source's order."""

ADVICE: dict[StatementKey, int] = {
    "business_case": 1,         # 1: "holdbar businesscase … inden projektet sættes i søen"
    "citizen_need": 1,          # 1: "løser et veldefineret borgerbehov"
    "organisation_ready": 2,    # 2: Vurder din organisation
    "self_ready": 4,            # 4: "nye krav til dine egenskaber og kompetencer"
    "strategy": 3,              # 3: Læg din transformationsstrategi
    "change_management": 5,     # 5: "Fokuser din forandringsledelse"
    "narrative": 6,             # 6: rammefortællingen, the story fish
    "culture": 5,               # 5: "at skabe en inddragende kultur"
    "ways_of_working": 7,       # 7: Vælg arbejdsformer efter formålet
    "perspectives": 8,          # 8: "sørge for, at de nødvendige perspektiver bliver inddraget"
    "political_leadership": 9,  # 9: Brug din politiske ledelse
    "partnerships": 8,          # 8: "Saml borgere, medarbejdere, leverandører og politikere"
}
"""The advice (1–9) each statement belongs to. The source does not pair them itself: this is
our reading of which advice speaks to each statement, by its words (quoted beside each)."""


class SelfAssessment(Table):
    """`[self_assessment]`: each statement's score, 1 (far from it) to 5; None = not scored."""

    business_case: Score | None = None
    citizen_need: Score | None = None
    organisation_ready: Score | None = None
    self_ready: Score | None = None
    strategy: Score | None = None
    change_management: Score | None = None
    narrative: Score | None = None
    culture: Score | None = None
    ways_of_working: Score | None = None
    perspectives: Score | None = None
    political_leadership: Score | None = None
    partnerships: Score | None = None
    notes: str = ""

    def scores(self) -> dict[StatementKey, int | None]:
        """Each statement's score (1–5, or None), in the source's order."""
        return {key: getattr(self, key) for key in STATEMENTS}

    def lowest(self) -> list[StatementKey]:
        """The statements with the lowest score, in the source's order: where to look
        first. Empty when none is scored, or every scored one has 5 (nothing lower to
        look at)."""
        scored = {k: v for k, v in self.scores().items() if v is not None}
        low = min(scored.values(), default=5)
        return [k for k, v in scored.items() if v == low] if low < 5 else []


def rules(data: SelfAssessment) -> list[CanvasWarning]:
    """Each statement with the lowest score (below 5; ties all named) is a warning naming it,
    its score and the advice it belongs to (`ADVICE`): the source's purpose, to make visible
    "områder, der måske kræver en særlig opmærksomhed hos dig"."""
    return [CanvasWarning(f"warning.self_assessment.{key}", f"self_assessment.{key}",
                          {"score": getattr(data, key)})
            for key in data.lowest()]


def chart(plt, data: SelfAssessment, labels) -> None:
    """The twelve scores (0 = not scored, 1–5) as horizontal bars, the first statement on
    top; the lowest (see `SelfAssessment.lowest`) marked "⚠" before their name, as their
    warnings are. (One series: plotext shifts a second series' bars, so a colour of their
    own would not line up.)"""
    lowest = set(data.lowest())
    scores = list(data.scores().items())[::-1]  # horizontal bars stack bottom up
    rows = list(range(1, len(scores) + 1))
    plt.bar(rows, [v or 0 for _, v in scores], orientation="horizontal",
            width=even_bars(plt, len(rows)))
    plt.yticks(rows, [("⚠ " if k in lowest else "") + labels(f"canvas.self_assessment.{k}.short")
                      for k, _ in scores])
    plt.xlim(0, 5)
    plt.xticks([0, 1, 2, 3, 4, 5])


def chart_rows(_data: SelfAssessment) -> int:
    """Rows a report's chart needs beyond the standard 12: a row per statement, the frame
    and the scale."""
    return len(STATEMENTS) + 3 - 12


def items(data: SelfAssessment, labels) -> list[str]:
    """A tally's options here: the twelve statements, by their short names."""
    return item_names(labels(f"canvas.self_assessment.{k}.short") for k in STATEMENTS)


SPEC = CanvasSpec(
    key="self_assessment", advice=None, checklist=3, model=SelfAssessment, rules=rules,
    items=items,
    chart=chart, chart_rows=chart_rows,
    content=tuple(Field(key, f"canvas.self_assessment.{key}.statement", "score")
                  for key in STATEMENTS),
)
