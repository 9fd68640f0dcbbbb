"""The eight dilemmas (the source's closing checklist 2, "Dilemmaer, du ofte vil møde som
topleder af digitale transformationer: Hvor lægger du vægten?").

Each dilemma is a line between two poles, with the source's question for it; the team puts
its weight somewhere on the line, 1 (the first pole) to 5 (the second). The source gives
no right answer: "Svaret … afhænger selvfølgelig af den konkrete, lokale kontekst".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from dtworkshop.core.canvases.base import CanvasSpec, CanvasWarning, Field, item_names
from dtworkshop.core.types import Score, Table

DilemmaKey = Literal[
    "efficiency_vs_innovation", "top_down_vs_bottom_up", "all_at_once_vs_spearheads",
    "structure_vs_projects", "burning_platform_vs_enthusiasm", "insight_low_vs_high",
    "alone_vs_together", "legitimacy_low_vs_high",
]
DILEMMAS: tuple[DilemmaKey, ...] = (
    "efficiency_vs_innovation",
    "top_down_vs_bottom_up",
    "all_at_once_vs_spearheads",
    "structure_vs_projects",
    "burning_platform_vs_enthusiasm",
    "insight_low_vs_high",
    "alone_vs_together",
    "legitimacy_low_vs_high",
)
"""The eight dilemmas in the source's order (its checklist 2, top to bottom)."""


class Dilemmas(Table):
    """`[dilemmas]`: where the team puts its weight on each dilemma, 1 (the first pole, e.g.
    "Effektivisering") to 5 (the second, e.g. "Radikal innovation"); None = not placed.

    The format's `note` is the product's `notes`, as on every canvas."""

    efficiency_vs_innovation: Score | None = None
    top_down_vs_bottom_up: Score | None = None
    all_at_once_vs_spearheads: Score | None = None
    structure_vs_projects: Score | None = None
    burning_platform_vs_enthusiasm: Score | None = None
    insight_low_vs_high: Score | None = None
    alone_vs_together: Score | None = None
    legitimacy_low_vs_high: Score | None = None
    notes: str = ""

    def positions(self) -> dict[DilemmaKey, int | None]:
        """Each dilemma's position (1–5, or None), in the source's order."""
        return {key: getattr(self, key) for key in DILEMMAS}


HIGH = 4
"""From this position on, a dilemma leans clearly to its second pole (of 1–5)."""
LOW = 2
"""Up to this position, a dilemma leans clearly to its first pole (of 1–5)."""


def rules(data: Dilemmas) -> list[CanvasWarning]:
    """The source's rules of thumb that tie two dilemmas together, as gentle warnings:

    - advice 9: "jo højere innovationsgrad … desto mere politisk legitimitet vil du typisk
      have brug for": a weight towards radical innovation (4–5) with a low degree of
      political legitimacy (1–2);
    - advice 6: "når vi taler om digital transformation med store forandringer for
      medarbejdere, må vi skabe begejstring" (and advice 4: as the degree of innovation
      grows, so do the demands for change in the organisation): a weight towards radical
      innovation (4–5) framed towards the burning platform (1–2).
    """
    found = []
    innovation = data.efficiency_vs_innovation
    if innovation is None or innovation < HIGH:
        return found
    legitimacy = data.legitimacy_low_vs_high
    if legitimacy is not None and legitimacy <= LOW:
        found.append(CanvasWarning("warning.dilemmas.legitimacy", "dilemmas.legitimacy_low_vs_high",
                                   {"innovation": innovation, "legitimacy": legitimacy}))
    framing = data.burning_platform_vs_enthusiasm
    if framing is not None and framing <= LOW:
        found.append(CanvasWarning("warning.dilemmas.enthusiasm", "dilemmas.burning_platform_vs_enthusiasm",
                                   {"innovation": innovation, "framing": framing}))
    return found


def chart(plt, data: Dilemmas, labels, earlier: Sequence[Dilemmas] = ()) -> None:
    """The eight dilemmas as sliders, top to bottom in the source's order: each a line from
    its first pole (position 1, left) to its second (5, right), the poles written above its
    ends and the team's position marked ● on it (no mark where it is not placed). The
    positions of `earlier` sessions of the same organisation are marked faintly, ○ in grey,
    under the team's.

    Two rows a dilemma (see `chart_rows`)."""
    rows = len(DILEMMAS)
    for n, (key, position) in enumerate(data.positions().items(), start=1):
        y = 2 * (rows - n) + 1
        plt.plot([1, 5], [y, y], marker="─", color="gray")
        plt.text(f"{n} {labels(f'canvas.dilemmas.{key}.first')}", x=1, y=y + 1, alignment="left",
                 color="default")  # the text's own colour, readable in every theme
        plt.text(labels(f"canvas.dilemmas.{key}.second"), x=5, y=y + 1, alignment="right",
                 color="default")
        before = sorted({p for old in earlier if (p := getattr(old, key)) is not None} - {position})
        if before:
            plt.scatter(before, [y] * len(before), marker="○", color="gray")
        if position is not None:
            plt.scatter([position], [y], marker="●", color="red")
    plt.xticks([1, 2, 3, 4, 5])
    plt.yticks([])
    plt.xlim(0.9, 5.1)
    plt.ylim(0.5, 2 * rows + 0.5)


def chart_rows(_data: Dilemmas) -> int:
    """Rows a report's chart needs beyond the standard 12: two for each of the eight
    dilemmas (its poles, its line), the frame and the scale."""
    return 2 * len(DILEMMAS) + 3 - 12


def items(data: Dilemmas, labels) -> list[str]:
    """A tally's options here: the eight dilemmas, by name."""
    return item_names(labels(f"canvas.dilemmas.{k}.name") for k in DILEMMAS)


SPEC = CanvasSpec(
    key="dilemmas", advice=None, checklist=2, model=Dilemmas, rules=rules, chart=chart,
    items=items,
    chart_rows=chart_rows,
    content=tuple(Field(key, f"canvas.dilemmas.{key}.name", "score") for key in DILEMMAS),
)
