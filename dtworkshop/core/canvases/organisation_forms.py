"""Organisation forms (advice 7, "Vælg arbejdsformer efter formålet").

Three archetypes, mixed rather than chosen; the mix in percent should add up to 100.
"""

from __future__ import annotations

from typing import Literal

from dtworkshop.core.canvases.base import (
    CanvasSpec,
    CanvasWarning,
    Derived,
    Field,
    Group,
    percent_sum,
    item_names,
)
from dtworkshop.core.charts import distinct_labels, even_bars, label_room
from dtworkshop.core.types import Percent, Table

Form = Literal["hierarchical", "matrix", "network"]
FORMS: tuple[Form, ...] = ("hierarchical", "matrix", "network")


class OrganisationForms(Table):
    """`[organisation_forms]`: the mix of the three forms (percent each) and why."""

    hierarchical: Percent | None = None
    matrix: Percent | None = None
    network: Percent | None = None
    rationale: str = ""
    notes: str = ""

    def mix(self) -> list[int]:
        """The three percentages in the source's order, unset ones as 0."""
        return [getattr(self, f) or 0 for f in FORMS]

    def total(self) -> int | None:
        """Sum of the set percentages, or None when none is set."""
        return percent_sum([getattr(self, f) for f in FORMS])


def rules(data: OrganisationForms) -> list[CanvasWarning]:
    """The mix should add up to 100 percent (warned, never refused)."""
    total = data.total()
    if total is not None and total != 100:
        return [CanvasWarning("warning.mix_sum", "organisation_forms", {"total": total})]
    return []


def chart(plt, data: OrganisationForms, labels) -> None:
    """The mix, 0–100 % per form, as horizontal bars in the source's order from the top."""
    names = distinct_labels([labels(f"form.{f}") for f in FORMS[::-1]], label_room(plt, least=16))
    plt.bar(names, data.mix()[::-1], orientation="horizontal",  # first on top
            width=even_bars(plt, len(names)))
    plt.xlim(0, 100)


def items(data: OrganisationForms, labels) -> list[str]:
    """A tally's options here: the three organisation forms."""
    return item_names(labels(f"form.{f}") for f in FORMS)


SPEC = CanvasSpec(
    key="organisation_forms", advice=7, model=OrganisationForms, rules=rules, chart=chart,
    items=items,
    content=(
        Group("canvas.organisation_forms.mix",
              (*(Field(f, f"form.{f}", "percent") for f in FORMS),
               Derived("report.total", OrganisationForms.total, "percent"))),
        Field("rationale", "canvas.organisation_forms.rationale"),
    ),
)
