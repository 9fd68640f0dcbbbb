"""What every canvas module provides: its schema Struct, its place in the source, its rules,
and a description of its content from which `dtworkshop show` and the exports are drawn."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from dtworkshop.core.types import Table

if TYPE_CHECKING:
    from dtworkshop.core.labels import Labels


@dataclass(frozen=True)
class CanvasWarning:
    """A gentle warning raised by a canvas rule; it never blocks saving.

    `key` is a label key (see `dtworkshop.core.labels`), `params` fill its placeholders,
    `path` is the dotted key path in the session file the warning is about.
    """

    key: str
    path: str
    params: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------- describing a canvas's content

Kind = Literal["text", "enum", "percent", "score", "items"]
"""How a value is shown in a report:

- "text": a string, as written ("not set" when blank);
- "enum": an enumeration word, as the label `enum.<enum>.<word>` ("–" when unset);
- "percent": a whole number 0–100 as "n %";
- "score": a whole number 1–5 as "n/5"; its label is shown without its input hint
  ("Fit (1–5)" → "Fit"), since "n/5" says the range;
- "items": a list of strings, one bullet each ("not set" when empty).
"""

Value = str | list[str] | None
"""A value as a report shows it: text (None or blank = "not set"), or the lines of "items"."""


def _shown(kind: Kind, enum: str, value: Any, labels: Labels) -> Value:
    if kind == "enum":
        return labels.enum(enum, value)
    if kind == "items":
        return list(value or [])
    if value is None:
        return None
    if kind == "percent":
        return f"{value} %"
    if kind == "score":
        return f"{value}/5"
    return value


def _label(kind: Kind, label_key: str, labels: Labels) -> str:
    label = labels(label_key)
    # A form label's input hint ("(1–5)") says nothing next to "n/5".
    return re.sub(r"\s*\([^)]*\)$", "", label) if kind == "score" else label


@dataclass(frozen=True)
class Field:
    """One value stored in a Struct: the attribute `name`, shown under the label `label_key`
    the way its `kind` says (see `Kind`; "enum" names its enumeration in `enum`, e.g.
    "verdict").

    `legend` is the number the canvas's chart legend gives this value (the portfolio's four
    categories, 1–4): a table's column head shows it before the label, as the legend does.
    """

    name: str
    label_key: str
    kind: Kind = "text"
    enum: str = ""
    legend: int | None = None

    def label(self, labels: Labels) -> str:
        """The label in the language of `labels`."""
        return _label(self.kind, self.label_key, labels)

    def value(self, data: Any, labels: Labels) -> Value:
        """The value of the Struct `data` as shown (see `Value`); `data` None (a sub-table
        the file does not hold) shows as not set.

        Raises AttributeError when `data` has no attribute `name` (a description that does
        not fit its Struct fails loudly instead of showing "not set")."""
        return _shown(self.kind, self.enum, None if data is None else getattr(data, self.name), labels)


@dataclass(frozen=True)
class Derived:
    """A value computed from a Struct, not stored in it: `function(data)` (e.g. a unit's
    total percent, an int or None), shown under `label_key` the way `kind` says."""

    label_key: str
    function: Callable[[Any], Any]
    kind: Kind = "percent"
    enum: str = ""

    def label(self, labels: Labels) -> str:
        """The label in the language of `labels`."""
        return _label(self.kind, self.label_key, labels)

    def value(self, data: Any, labels: Labels) -> Value:
        """`function(data)` as shown; `data` None shows as not set."""
        return _shown(self.kind, self.enum, None if data is None else self.function(data), labels)


Leaf = Field | Derived
"""One value shown under its label."""


@dataclass(frozen=True)
class Group:
    """Values of the same Struct under a subheading `label_key`, e.g. the organisation forms'
    mix with its total. `show` prints the subheading with the parts indented under it; the
    exports list the parts among the canvas's other values."""

    label_key: str
    parts: tuple[Leaf, ...]


@dataclass(frozen=True)
class Keyed:
    """A fixed set of sub-tables with the same fields, e.g. the five perspectives of the
    business case or the five actors of the pentagon.

    `rows` holds (attribute, label key) per sub-table in the order shown; the sub-tables are
    attributes of the Struct held in the attribute `name` (None: of the canvas's Struct
    itself). A sub-table the file does not hold shows its values as not set. `parts` are the
    values of each sub-table.

    `show` prints `label_key` as a subheading (unless `heading` is false), then each sub-table
    as a subheading with its parts indented. The exports draw one table titled `label_key`:
    a row per sub-table, its label in the first column (headed `head_key`), then its values
    in `columns` order (field names; empty: the order of `parts`).
    """

    label_key: str
    head_key: str
    rows: tuple[tuple[str, str], ...]
    parts: tuple[Leaf, ...]
    name: str | None = None
    heading: bool = True
    columns: tuple[str, ...] = ()

    def tables(self, data: Any) -> list[tuple[str, Any]]:
        """(label key, sub-table or None) for each row of the canvas's Struct `data`."""
        holder = getattr(data, self.name) if self.name else data
        return [(label_key, None if holder is None else getattr(holder, attr))
                for attr, label_key in self.rows]

    def table_parts(self) -> tuple[Leaf, ...]:
        """`parts` in the order of the exports' table columns."""
        if not self.columns:
            return self.parts
        by_name = {p.name: p for p in self.parts if isinstance(p, Field)}
        return tuple(by_name[name] for name in self.columns)


@dataclass(frozen=True)
class Records:
    """A list of sub-tables in the attribute `name`, e.g. the portfolio's units, its
    initiatives, the prototypes; titled `label_key`, "not set" when empty.

    `show` prints each record as a bullet with its `title` (a Field, e.g. its name) and its
    `parts` indented under it; the exports draw a table, a row per record, the title first
    (the column headed by the title's label)."""

    name: str
    label_key: str
    title: Field
    parts: tuple[Leaf, ...]


Part = Field | Derived | Group | Keyed | Records
"""One piece of a canvas's content (see `CanvasSpec.content`)."""


def leaf_at(content: Sequence[Part], path: str) -> tuple[str | None, Leaf] | None:
    """The value that the key path `path` names inside a canvas's table, as the canvas's
    `content` describes it: (the label key of the Keyed row it is in, or None; its Leaf).
    None when the description does not name it (`notes`, a key a newer dtworkshop wrote).

    `path` is relative to the canvas's table, with array indices taken out: "rollout",
    "units.streamline", "perspectives.economy.fit"; a Records' name alone ("units") names a
    whole record, shown by its title."""
    parts = path.split(".")
    for part in content:
        if isinstance(part, (Field, Derived)):
            if isinstance(part, Field) and path == part.name:
                return None, part
        elif isinstance(part, Group):
            found = leaf_at(part.parts, path)
            if found is not None:
                return found
        elif isinstance(part, Keyed):
            prefix = [part.name] if part.name else []
            if len(parts) == len(prefix) + 2 and parts[: len(prefix)] == prefix:
                rows = dict(part.rows)
                for leaf in part.parts:
                    if isinstance(leaf, Field) and leaf.name == parts[-1] and parts[-2] in rows:
                        return rows[parts[-2]], leaf
        elif parts[0] == part.name:  # Records
            if len(parts) == 1:
                return None, part.title
            for leaf in (part.title, *part.parts):
                if len(parts) == 2 and isinstance(leaf, Field) and leaf.name == parts[1]:
                    return None, leaf
    return None


@dataclass(frozen=True)
class CanvasSpec:
    """A canvas: one model of the publication, one table in the session file.

    `key` is the canvas's one name everywhere (file table, code, CLI, tests), `advice`
    the number (1–9) of the publication's advice the model backs, or None for one of its
    closing checklists, which back no single advice (`checklist` is then its number, 2 or
    3); `model` the Struct of its table and `rules` a function returning the canvas's
    warnings for its data.

    `content` describes what the canvas holds, in the order a report shows it (see `Field`,
    `Derived`, `Group`, `Keyed`, `Records`); `dtworkshop show` and the Markdown and HTML
    exports are drawn from it alone, and the compare screen names and shows each changed
    field by it (`leaf_at`); the reports add the `notes` field and the warnings of
    every canvas themselves. Empty: reports list every field by its key, values as written.

    `chart(plt, data, labels)`, where the model has numbers to draw, draws `data` on the
    plotext figure `plt` (only plotext calls, so the TUI's figure and a report's plain one
    draw the same chart) with words from `labels`, and returns its legend as (label, ANSI
    colour 0–15) pairs or None. None for a canvas without a chart (the story fish has a
    drawing instead). `chart_rows(data)` is how many rows a text chart of `data` needs
    beyond the reports' standard height (the portfolio's bars need more as units are added).

    `items(data, labels)` gives the canvas's own items as short names, in the canvas's
    order (its ideas and prototypes, units, initiatives, dilemmas …; `item_names` tidies
    them): the options a tally (ctrl+y) offers on the canvas. By default none: the options
    are then typed.

    `labels` holds the words of a canvas from outside this package, by language ("da",
    "en") then dotted key (`canvas.<key>.title`, `.short`, `.chart`, `guide.<key>.…`, its
    fields' and enumerations' keys); the core canvases keep theirs in `labels/*.toml`.

    `carried(data)` is what a follow-up session (`dtworkshop.core.follow_up`) takes over of
    this canvas from the earlier session: a new table of the model, or None for nothing (the
    default: a follow-up records its own day's work, and "last time" shows the earlier one).
    """

    key: str
    advice: int | None
    model: type[Table]
    rules: Callable[[Any], list[CanvasWarning]] = lambda _data: []
    chart: Callable[[Any, Any, Any], Sequence[tuple[str, int]] | None] | None = None
    content: tuple[Part, ...] = ()
    chart_rows: Callable[[Any], int] = lambda _data: 0
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    checklist: int | None = None
    carried: Callable[[Any], Table | None] = lambda _data: None
    items: Callable[[Any, Any], list[str]] = lambda _data, _labels: []

    def place(self, labels: Labels) -> str:
        """Where the canvas stands in the publication, as its heading says it after the
        title: "Råd 3" (`app.advice`), or for a closing checklist "Tjekliste 2"
        (`app.checklist`), in the language of `labels`."""
        if self.advice is None:
            return labels("app.checklist", n=self.checklist)
        return labels("app.advice", n=self.advice)


def item_names(names: Iterable[str]) -> list[str]:
    """`names` as a tally offers them: each its first line, its spaces made single and its
    ends stripped (never cut: an option keeps the item's whole name, shown cut where room
    is short); blank ones and repeats (the first kept) left out, the order kept."""
    found: list[str] = []
    for name in names:
        lines = (name or "").strip().splitlines()
        short = " ".join(lines[0].split()) if lines else ""
        if short and short not in found:
            found.append(short)
    return found


def percent_sum(values: list[int | None]) -> int | None:
    """Sum of the set percentages, or None when none is set (nothing to warn about yet)."""
    set_values = [v for v in values if v is not None]
    return sum(set_values) if set_values else None
