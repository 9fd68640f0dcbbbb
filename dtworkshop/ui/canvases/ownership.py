"""Ownership screen (advice 5): the four archetypes on their grid, each with its saying and
how to lead it; the triangle of vision, tactics and freedom of method; the groups of
employees on the change curve, each with its rung of the involvement ladder."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Label

from dtworkshop.core.canvases.actor_pentagon import INVOLVEMENTS
from dtworkshop.core.canvases.ownership import (
    ARCHETYPES,
    GRID,
    STAGES,
    TRIANGLE,
    EmployeeGroup,
    Ownership,
)
from dtworkshop.core.labels import Labels
from dtworkshop.ui.canvases.base import CanvasScreen, options, section
from dtworkshop.ui.widgets.fields import ChoiceField, Hint, TextField, row
from dtworkshop.ui.widgets.record_list import Column, RecordList


class OwnershipScreen(CanvasScreen):
    """Who is which archetype and how to lead them, the triangle, and where each group of
    employees stands on the change curve (warned while a group is not placed, or is only
    informed)."""

    CANVAS = "ownership"
    data: Ownership

    # CSS, not DEFAULT_CSS: it must win over fields.tcss (a label 26 wide would wrap
    # "Taktik (enheds-/afdelingsleder)").
    CSS = """
    OwnershipScreen .archetype { text-style: bold; margin-top: 1; }
    OwnershipScreen .archetype-lead { margin-bottom: 0; }
    OwnershipScreen .level-hint { margin-bottom: 0; }
    OwnershipScreen .stage-response { margin-bottom: 0; margin-top: 1; }
    OwnershipScreen .field-row .field-label { width: 33; }
    """

    def fields(self) -> Iterable[Widget]:
        t, o = self.t, self.data
        yield section(t("canvas.ownership.archetypes"))
        # Each archetype's field right under its name, its saying and how to lead them
        # after it: the first field shows at 80x24 with the canvas opened at its heading.
        for key in ARCHETYPES:
            plus, time = GRID[key]
            yield Label(Text(f"{t(f'canvas.ownership.archetype.{key}')} · "
                             f"{t(f'canvas.ownership.{plus}')}/{t(f'canvas.ownership.{time}')}"),
                        classes="archetype")
            yield TextField(getattr(o.archetypes, key) if o.archetypes else "",
                            self._set("archetypes_table", key),
                            placeholder=t("canvas.ownership.who"), id=f"archetype-{key}")
            lead = Hint(f"“{t(f'guide.ownership.archetype.{key}.saying')}”\n"
                        f"{t(f'guide.ownership.archetype.{key}.lead')}")
            lead.add_class("archetype-lead")
            yield lead
        yield Hint(t("guide.ownership.archetypes") + "\n\n" + grid(t))

        yield section(t("canvas.ownership.triangle"))
        yield Hint(t("guide.ownership.triangle"))
        yield Hint(t("guide.ownership.case"))  # the source's case of ownership from below
        for key in TRIANGLE:
            yield row(t(f"canvas.ownership.level.{key}"),
                      TextField(getattr(o.triangle, key) if o.triangle else "",
                                self._set("triangle_table", key), id=f"triangle-{key}"))
            hint = Hint(t(f"guide.ownership.level.{key}"))
            hint.add_class("level-hint")
            yield hint

        yield section(t("canvas.ownership.groups"))
        yield Hint(t("guide.ownership.curve"))
        yield Hint(id="hint-stages")
        yield Hint(t("guide.ownership.ladder"))
        yield RecordList(o.groups, EmployeeGroup, self._group, labels=t,
                         add_label=t("canvas.ownership.group_name"), columns=self._columns(),
                         id="groups")

    def _set(self, table: str, name: str):
        """A `write` for `name` of the sub-table `table` names (made when first written)."""
        return lambda value: setattr(getattr(self.data, table)(), name, value)

    def _columns(self) -> list[Column]:
        t = self.t
        return [
            (t("canvas.ownership.group_name"), 20, lambda g: g.name),
            (t("canvas.ownership.stage"), 16,
             lambda g: t(f"enum.change_stage.{g.stage}") if g.stage else "·"),
            (t("canvas.ownership.involvement"), None,
             lambda g: t(f"enum.involvement.{g.involvement}") if g.involvement else "·"),
        ]

    def _group(self, g: EmployeeGroup) -> list[Widget]:
        t = self.t
        response = Hint(stage_response(t, g))
        response.add_class("stage-response")
        response.group = g  # type: ignore[attr-defined]
        return [
            Horizontal(
                TextField(g.name, lambda v: setattr(g, "name", v),
                          placeholder=t("canvas.ownership.group_name"), id="group-name"),
                ChoiceField(options(t, "change_stage", STAGES), g.stage,
                            lambda v: setattr(g, "stage", v),
                            prompt=t("canvas.ownership.stage"), id="group-stage"),
                classes="record-line",
            ),
            row(t("canvas.ownership.involvement"),
                ChoiceField(options(t, "involvement", INVOLVEMENTS), g.involvement,
                            lambda v: setattr(g, "involvement", v),
                            prompt=t("canvas.ownership.involvement"), id="group-involvement")),
            response,
        ]

    def refresh_hints(self) -> None:
        # The seven stages as on the source's curve, each with its response; ▶ where a group
        # of the team stands.
        t = self.t
        placed = {g.stage for g in self.data.groups}
        self.query_one("#hint-stages", Hint).show("\n".join(
            f"{'▶' if s in placed else ' '} {n} {t(f'guide.ownership.stage.{s}.curve')}: "
            f"{t(f'guide.ownership.stage.{s}.response')}"
            for n, s in enumerate(STAGES, start=1)))
        for hint in self.query(".stage-response").results(Hint):
            hint.show(stage_response(t, hint.group))  # type: ignore[attr-defined]


def stage_response(t: Labels, group: EmployeeGroup) -> str:
    """The source's response to the stage `group` stands at, as a hint ("" unplaced)."""
    if group.stage is None:
        return ""
    return f"{t(f'enum.change_stage.{group.stage}')}: {t(f'guide.ownership.stage.{group.stage}.response')}"


def grid(t: Labels) -> str:
    """The source's grid of the four archetypes as text: plus above, minus below, the past
    on the left, the future on the right (the quadrants as `GRID` reads them)."""
    width = 24
    at = {place: t(f"canvas.ownership.archetype.{key}") for key, place in GRID.items()}
    past, future = t("canvas.ownership.past"), t("canvas.ownership.future")

    def line(left: str, right: str) -> str:
        return f"{left:>{width}} │ {right}"

    return "\n".join([
        f"{'':>{width - 1}}{t('canvas.ownership.plus'):^5}",
        line(at[("plus", "past")], at[("plus", "future")]),
        f"{past} {'─' * (width - len(past))}┼{'─' * (width - len(future))} {future}",
        line(at[("minus", "past")], at[("minus", "future")]),
        f"{'':>{width - 1}}{t('canvas.ownership.minus'):^5}",
    ])
