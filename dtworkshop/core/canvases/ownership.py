"""Ownership (advice 5, "Skab ejerskab i din organisation").

The source's four models of the advice, as one canvas:

- the four employee archetypes ("Du vil typisk kunne genkende dine medarbejdere som en af fire
  arketyper, der har brug for forskellige former for ledelse i transformation") on a plus/minus
  × past/future grid: per archetype, who the team places there and how to lead them;
- the triangle: the top leader's vision and goal, the unit leader's tactical and operational
  planning, the employees' responsibility for method ("metodefrihed");
- the change curve's seven stages, Ignorering … Accept, each with the leader's response, and
  where each group of employees stands on it ("Medarbejderne starter ved begyndelsen");
- the involvement ladder (shared with the actor pentagon, advice 8), one rung per group:
  "Medarbejdere tager ikke rigtigt ejerskab, hvis du kun informerer."
"""

from __future__ import annotations

from typing import Literal

from dtworkshop.core.canvases.actor_pentagon import Involvement
from dtworkshop.core.text import cut_to_cells, visible
from dtworkshop.core.canvases.base import CanvasSpec, CanvasWarning, Field, Keyed, Records, item_names
from dtworkshop.core.types import Table

ArchetypeKey = Literal["optimists", "passive", "sceptics", "watchdogs"]
ARCHETYPES: tuple[ArchetypeKey, ...] = ("optimists", "passive", "sceptics", "watchdogs")
"""The four archetypes in the order the source describes them (Optimisterne, De (mest)
passive, De (mere) skeptiske, Vagthundene)."""

GRID: dict[ArchetypeKey, tuple[Literal["plus", "minus"], Literal["past", "future"]]] = {
    "optimists": ("plus", "future"),
    "passive": ("plus", "past"),
    "sceptics": ("minus", "future"),
    "watchdogs": ("minus", "past"),
}
"""Each archetype's quadrant of the source's grid (Plus/Minus × Fortid/Fremtid).

Our reading of the figure, whose placement the text does not spell out: plus is the
positive side ("De passive er egentlig også positive", like the optimists); the optimists
look to the future ("Lad os rykke på det nu!"), the passive to the habits of the past ("de
kendte, indarbejdede arbejdsgange"), the watchdogs to what may be lost ("Vi skal passe på, at
vi ikke mister noget"), the sceptics to a future in which it has passed ("Det går nok
over")."""

TriangleKey = Literal["vision", "tactics", "method"]
TRIANGLE: tuple[TriangleKey, ...] = ("vision", "tactics", "method")
"""The triangle's three levels, top down: top leader, unit leader, employees."""

Stage = Literal["ignoring", "rejection", "resistance", "fighting", "doubt", "engagement",
                "acceptance"]
STAGES: tuple[Stage, ...] = (
    "ignoring",    # 1 Ignorering – det går over
    "rejection",   # 2 Afvisning – dur ikke her
    "resistance",  # 3 Modspil – vil ikke
    "fighting",    # 4 Kæmper imod
    "doubt",       # 5 Tvivl – måske virker det
    "engagement",  # 6 Medspil – vi prøver
    "acceptance",  # 7 Accept – OK
)
"""The change curve's seven stages in the source's order (1..7)."""

CURVE: tuple[float, ...] = (3.2, 2.4, 1.6, 1.0, 1.8, 3.2, 4.6)
"""The curve's height (the emotional reaction, as the source's figure draws it) at each of
the seven stages: down through the opposition to its bottom at 4 Kæmper imod, then up past
the starting point to 7 Accept."""


class Archetypes(Table):
    """`[ownership.archetypes]`: per archetype, who the team places there and how to lead
    them (free text)."""

    optimists: str = ""
    passive: str = ""
    sceptics: str = ""
    watchdogs: str = ""


class Triangle(Table):
    """`[ownership.triangle]`: the triangle model, top down: the top leader's vision and
    goal, the unit leader's tactics, the employees' freedom of method (free text each)."""

    vision: str = ""
    tactics: str = ""
    method: str = ""


class EmployeeGroup(Table):
    """`[[ownership.groups]]`: a group of employees, the stage of the change curve it stands
    at (None = not placed) and its rung of the involvement ladder (None = not chosen)."""

    name: str = ""
    stage: Stage | None = None
    involvement: Involvement | None = None

    def stage_number(self) -> int | None:
        """The stage as the source numbers it, 1 (Ignorering) … 7 (Accept); None unplaced."""
        return None if self.stage is None else STAGES.index(self.stage) + 1


class Ownership(Table):
    """`[ownership]`: the archetypes, the triangle and the groups on the change curve."""

    archetypes: Archetypes | None = None
    triangle: Triangle | None = None
    groups: list[EmployeeGroup] = []
    notes: str = ""

    def archetypes_table(self) -> Archetypes:
        """The archetypes, created empty if the file had none."""
        if self.archetypes is None:
            self.archetypes = Archetypes()
        return self.archetypes

    def triangle_table(self) -> Triangle:
        """The triangle, created empty if the file had none."""
        if self.triangle is None:
            self.triangle = Triangle()
        return self.triangle


def _name(group: EmployeeGroup, index: int) -> str:
    return group.name.strip() or f"#{index + 1}"


def rules(data: Ownership) -> list[CanvasWarning]:
    """The source's rules for advice 5, as gentle warnings:

    - a group begun (named, or given a rung) but not placed on the change curve: "Som
      topleder står du ofte ved punkt 7 og taler begejstret – og har glemt, at næsten alle
      andre nu er et andet sted på kurven";
    - a group only informed (the ladder's lowest rung, 6 Informer): "Medarbejdere tager ikke
      rigtigt ejerskab, hvis du kun informerer";
    - two or more groups placed, all of them at 7 Accept: the same caution as the first, and
      "Når du præsenterer et tiltag, der kommer oppefra, er du allerede ved slutningen af
      forandringskurven. Medarbejderne starter ved begyndelsen."
    A group just added, still blank, is not warned about yet.
    """
    found = []
    for i, group in enumerate(data.groups):
        begun = group.name.strip() or group.involvement is not None
        if group.stage is None and begun:
            found.append(CanvasWarning("warning.ownership.no_stage", f"ownership.groups[{i}].stage",
                                       {"group": _name(group, i)}))
        if group.involvement == "inform":
            found.append(CanvasWarning("warning.ownership.only_inform",
                                       f"ownership.groups[{i}].involvement",
                                       {"group": _name(group, i)}))
    placed = [g for g in data.groups if g.stage is not None]
    if len(placed) >= 2 and all(g.stage == "acceptance" for g in placed):
        found.append(CanvasWarning("warning.ownership.all_accept", "ownership.groups",
                                   {"count": len(placed)}))
    return found


NAME_WIDTH = 14
"""The most cells a group's name takes on the curve (cut with "…")."""


def _short(name: str) -> str:
    # Control characters made visible: a name typed with an escape in it is drawn, never
    # sent to the terminal.
    return cut_to_cells(visible(name), NAME_WIDTH)


def chart(plt, data: Ownership, labels) -> None:
    """The change curve over its seven stages (x 1..7, by their short names; y the emotional
    reaction, `CURVE`), each stage's point marked, and every group placed on it: a red ● on
    its stage's point with its name above (the names of groups at the same stage joined by
    ", "; names cut to `NAME_WIDTH`). Drawn also with no groups: the curve is the model."""
    xs = list(range(1, len(STAGES) + 1))
    # A smooth line between the seven points: a step of a tenth, linear between them.
    fine_x, fine_y = [], []
    for n in range(len(xs) - 1):
        for step in range(10):
            fine_x.append(xs[n] + step / 10)
            fine_y.append(CURVE[n] + (CURVE[n + 1] - CURVE[n]) * step / 10)
    fine_x.append(xs[-1])
    fine_y.append(CURVE[-1])
    plt.plot(fine_x, fine_y, marker="braille", color="gray")
    plt.scatter(xs, list(CURVE), marker="·", color="gray")
    at: dict[int, list[str]] = {}
    for i, group in enumerate(data.groups):
        number = group.stage_number()
        if number is not None:
            at.setdefault(number, []).append(_short(_name(group, i)))
    for number, names in sorted(at.items()):
        y = CURVE[number - 1]
        plt.scatter([number], [y], marker="●", color="red")
        alignment = "left" if number == 1 else "right" if number == len(STAGES) else "center"
        plt.text(", ".join(names), x=number, y=y + 0.8, color="red", alignment=alignment)
    plt.xticks(xs, [labels(f"canvas.ownership.short_stage.{s}") for s in STAGES])
    plt.yticks([])
    plt.xlim(0.5, len(STAGES) + 0.5)
    plt.ylim(0.6, 5.8)


def chart_rows(_data: Ownership) -> int:
    """Two rows beyond the reports' standard height: a group's name stands a row above its
    point, clear of the curve."""
    return 2


def items(data: Ownership, labels) -> list[str]:
    """A tally's options here: the employee groups' names."""
    return item_names(g.name for g in data.groups)


SPEC = CanvasSpec(
    key="ownership", advice=5, model=Ownership, rules=rules, chart=chart, chart_rows=chart_rows,
    items=items,
    content=(
        Keyed("canvas.ownership.archetypes", "canvas.ownership.model",
              (("archetypes", "canvas.ownership.archetypes"),),
              tuple(Field(a, f"canvas.ownership.archetype.{a}") for a in ARCHETYPES),
              heading=False),
        Keyed("canvas.ownership.triangle", "canvas.ownership.model",
              (("triangle", "canvas.ownership.triangle"),),
              tuple(Field(p, f"canvas.ownership.level.{p}") for p in TRIANGLE),
              heading=False),
        Records("groups", "canvas.ownership.groups", Field("name", "canvas.ownership.group_name"),
                (Field("stage", "canvas.ownership.stage", "enum", "change_stage"),
                 Field("involvement", "canvas.ownership.involvement", "enum", "involvement"))),
    ),
)
