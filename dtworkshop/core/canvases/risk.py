"""Risk willingness (advice 4, "Vær risikovillig").

The source: "Jo højere innovationsgrad du går efter, jo mere risikovillig skal du være", drawn
as a figure of the degree of innovation (the portfolio's four categories, advice 3) against
the willingness to take risks, a line rising from the lowest to the highest. The team records
the degree it aims for, its own willingness (1–5) and its sparring group: the source's
"gruppe af sparringspartnere i din organisation, som du kan prøve idéer af på" (Slagelse's
municipal director uses "en gruppe på ca. syv personer"). Its 80/20 rule of thumb is guidance,
not a value.

The source's figure has no numbers on its axes; the product reads it as one step of
willingness per step of innovation degree (see `called_for`). A willingness below that line,
and a high degree with no or a far smaller sparring group, are warned about, never refused.
"""

from __future__ import annotations

import msgspec

from dtworkshop.core.canvases.base import CanvasSpec, CanvasWarning, Derived, Field, item_names
from dtworkshop.core.charts import distinct_labels, label_room
from dtworkshop.core.types import CATEGORIES, Category, Score, Table

HIGH: tuple[Category, ...] = ("rethink_services", "rethink_business")
"""The two upper degrees of innovation, where the source's sparring group matters most."""

SPARRING_GROUP = 7
"""The size of the source's sparring group: "en gruppe på ca. syv personer" (advice 4)."""

SPARRING_FEW = 3
"""A sparring group of this many people or fewer (under half of about seven) is far smaller
than the source's."""


class Risk(Table):
    """`[risk]`: the degree of innovation aimed for (a portfolio category), the team's own
    willingness to take risks (1–5, None = not set) and its sparring group (a name a line).

    The file's key for the notes is the format's `note` (SESSION-FORMAT.md, "Additions in
    format 1"); the attribute is `notes`, as on every canvas."""

    innovation: Category | None = None
    willingness: Score | None = None
    sparring: list[str] = []
    notes: str = msgspec.field(default="", name="note")

    def degree(self) -> int | None:
        """The degree of innovation as 1 (streamline) … 4 (rethink the business), None if
        not chosen."""
        return CATEGORIES.index(self.innovation) + 1 if self.innovation else None

    def called_for(self) -> int | None:
        """The willingness (1–5) the source's rising line calls for at the chosen degree of
        innovation, None if none is chosen: one step per degree, 1 for streamlining ("Rene
        effektiviseringsprojekter kræver sjældent stor risikovillighed") to 4 for rethinking
        the business; 5 is more than any degree calls for."""
        return self.degree()


def rules(data: Risk) -> list[CanvasWarning]:
    """The source's rules of advice 4, as gentle warnings:

    - "Jo højere innovationsgrad du går efter, jo mere risikovillig skal du være": a
      willingness below what the degree of innovation calls for (`Risk.called_for`);
    - "Brug din organisation til at afgøre, hvornår du skal være risikovillig", e.g. "en
      gruppe af sparringspartnere i din organisation", about seven people: at one of the two
      upper degrees (`HIGH`), no sparring group, or one of `SPARRING_FEW` people or fewer.
    """
    found = []
    needed = data.called_for()
    if needed is not None and data.willingness is not None and data.willingness < needed:
        found.append(CanvasWarning("warning.risk.willingness", "risk.willingness",
                                   {"willingness": data.willingness, "degree": data.degree(),
                                    "needed": needed}))
    if data.innovation in HIGH:
        people = [name for name in data.sparring if name.strip()]
        if not people:
            found.append(CanvasWarning("warning.risk.no_sparring", "risk.sparring",
                                       {"degree": data.degree()}))
        elif len(people) <= SPARRING_FEW:
            found.append(CanvasWarning("warning.risk.few_sparring", "risk.sparring",
                                       {"degree": data.degree(), "count": len(people)}))
    return found


def chart(plt, data: Risk, labels) -> None:
    """The source's figure: the degree of innovation (x, the four portfolio categories, low
    to high) against the willingness to take risks (y, 1–5), the line rising through the
    willingness each degree calls for; the team marked ● at its degree and willingness (when
    both are set), in red when it lies below the line."""
    xs = [1, 2, 3, 4]
    plt.plot(xs, xs, marker="braille")
    degree, willingness = data.degree(), data.willingness
    if degree and willingness:
        below = willingness < degree
        colour = "red" if below else "green"
        plt.scatter([degree], [willingness], marker="●", color=colour)
        # The words where the line does not run through them: above a point above the
        # line (the line is to its lower right), below one under it (the line is to its
        # upper right), above and to the left of one on it (below it from the first degree,
        # where the line begins).
        x, y, alignment = degree, willingness + 0.45, "center"
        if below or degree == willingness == 1:
            y = willingness - 0.45
        elif willingness == degree:
            x, alignment = degree - 0.1, "right"
        plt.text(labels("canvas.risk.marker"), x=x, y=y, color=colour, alignment=alignment)
    plt.xticks(xs, distinct_labels([labels(f"short_category.{c}") for c in CATEGORIES],
                                   label_room(plt, len(CATEGORIES), across=True)))
    plt.yticks([1, 2, 3, 4, 5])
    plt.xlim(0.5, 4.5)
    plt.ylim(0.5, 5.5)


def chart_rows(_data: Risk) -> int:
    """Two rows beyond the reports' standard height, as on the screen: about two rows a step
    of 1–5, so the words beside the team's point have a row of their own."""
    return 2


def items(data: Risk, labels) -> list[str]:
    """A tally's options here: the four kinds of innovation, lowest degree first."""
    return item_names(labels(f"category.{c}") for c in CATEGORIES)


SPEC = CanvasSpec(
    key="risk", advice=4, model=Risk, rules=rules, chart=chart, chart_rows=chart_rows,
    items=items,
    content=(
        Field("innovation", "canvas.risk.innovation", "enum", "category"),
        Field("willingness", "canvas.risk.willingness", "score"),
        Derived("canvas.risk.called_for", Risk.called_for, "score"),
        Field("sparring", "canvas.risk.sparring", "items"),
    ),
)
