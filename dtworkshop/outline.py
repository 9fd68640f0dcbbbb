"""A session as the outline of a report, format-free: the header, each visited canvas's
values (drawn from its content description, `CanvasSpec.content`), warnings, notes and chart,
and the decisions. `dtworkshop.export` writes it as Markdown or HTML.

Pure functions, no Textual and no I/O. Words are in the session's own language; user text is
kept as written (each format escapes it), except that a one-line value (a name, a role, an
owner, a decision, a record's title) is put on one line (`single_line`), as `show` does.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import msgspec

from dtworkshop import __version__
from dtworkshop.core.canvases import CANVASES, CanvasSpec
from dtworkshop.core.canvases.base import Derived, Field, Group, Keyed, Leaf, Part, Records, Value
from dtworkshop.core.charts import TextChart, text_chart
from dtworkshop.core.labels import Labels
from dtworkshop.core.session import AGENDA_OVERVIEW, Decision, Session, Tally
from dtworkshop.core.tallies import chart as tally_chart
from dtworkshop.core.tallies import chart_rows as tally_chart_rows
from dtworkshop.core.tallies import result as tally_result
from dtworkshop.core.timebox import plan_rows, plan_total
from dtworkshop.core.text import printed

CHART_WIDTH = 72
"""Columns of a text chart: fits a Markdown viewer, a printed A4 page and an 80-column
terminal with room for a code block's margin."""
CHART_HEIGHT = 12
"""Rows of a text chart, as on the screen (more where the canvas asks: `CanvasSpec.chart_rows`)."""


def decision_state(decision: Decision, labels: Labels) -> str:
    """Where `decision` stands, in `labels`' language: "Åben", "Udført 2027-01-20",
    "Droppet" (the day it closed where known)."""
    word = labels.enum("decision_status", decision.status)
    return f"{word} {decision.closed.isoformat()}" if decision.closed else word


def is_overdue(decision: Decision, today: dt.date) -> bool:
    """Whether `decision` is open and due before `today` (`Decision.overdue`)."""
    return decision.overdue(today)


@dataclass
class FieldNode:
    """`label: value`; None or blank is shown as "not set"."""

    label: str
    value: str | None


@dataclass
class ItemsNode:
    """`label:` and a bulleted list, or "not set" when empty."""

    label: str
    items: list[str]


@dataclass
class TableNode:
    """A table under a sub-heading; a None or blank cell is shown as "not set"."""

    label: str
    head: list[str]
    rows: list[list[str | None]]
    numeric: frozenset[int] = frozenset()
    """Indices of columns that hold numbers (right-aligned)."""


Node = FieldNode | ItemsNode | TableNode


@dataclass
class CanvasSection:
    """One visited canvas: its `number` in the source's order (1 = business case), title,
    warnings, values, notes and chart."""

    key: str
    number: int
    title: str
    warnings: list[str]
    nodes: list[Node]
    notes: str
    chart_title: str
    chart: TextChart | None


@dataclass
class TallySection:
    """One tally: its `number` in the file's order, its question (one line), where and when
    it was taken ("Canvas · 2026-12-07 10:40"), a table of option and votes, the result in
    words and its bar chart (None without options)."""

    number: int
    question: str
    where: str
    head: list[str]
    rows: list[list[str | None]]
    result: str
    chart: TextChart | None


def _tally_section(number: int, tally: Tally, L: Labels) -> TallySection:
    return TallySection(
        number=number,
        question=single_line(tally.question) or L("common.not_set"),
        where=f"{L(f'canvas.{tally.canvas}.short')} · {tally.taken.strftime('%Y-%m-%d %H:%M')}",
        head=[L("tally.report_option"), L("tally.report_votes")],
        rows=[[single_line(o.name), str(o.votes)] for o in tally.options],
        result=tally_result(tally, L),
        chart=text_chart(tally_chart, tally, L, CHART_WIDTH, tally_chart_rows(tally))
        if tally.options else None,
    )


@dataclass
class Report:
    """A whole report: header, participants, canvases, decisions (cells, whether overdue,
    and where it stands when no longer open: "Udført 2027-01-20", else "")."""

    labels: Labels
    language: str
    title: str
    meta: list[tuple[str, str | None]]
    participants: list[str]
    canvases: list[CanvasSection]
    decision_head: list[str]
    decisions: list[tuple[list[str | None], bool, str]]
    overdue_note: str
    footer: str
    timebox: TableNode | None = None
    """The timebox, planned against spent per canvas and the total (None: no plan and
    nothing counted)."""
    tallies: list[TallySection] = field(default_factory=list)
    """The tallies, in file order; empty (and no section drawn) for a session without."""


def build(session: Session, today: dt.date) -> Report:
    """The outline of `session`'s report in its language, decisions due before `today`
    marked overdue."""
    L = Labels(session.language)
    warnings = session.warnings()
    canvases = []
    for number, spec in enumerate(CANVASES, start=1):
        data = getattr(session, spec.key)
        if data is None:
            continue
        canvases.append(CanvasSection(
            key=spec.key,
            number=number,
            title=f"{L(f'canvas.{spec.key}.title')} · {spec.place(L)}",
            warnings=[L(w.key, **w.params) for w in warnings.get(spec.key, [])],
            nodes=_content(L, spec.content, data) if spec.content else _generic(L, data),
            notes=getattr(data, "notes", ""),
            chart_title=L(f"canvas.{spec.key}.chart"),
            chart=_chart(spec, data, L),
        ))
    participants = [
        f"{single_line(p.name) or L('common.not_set')} ({single_line(p.role)})" if p.role.strip()
        else single_line(p.name) or L("common.not_set")
        for p in session.participants
    ]
    decisions = [
        ([str(n), L(f"canvas.{d.canvas}.short"), single_line(d.text), single_line(d.owner),
          d.due.isoformat() if d.due else None], is_overdue(d, today),
         decision_state(d, L) if d.status != "open" else "")
        for n, d in enumerate(session.decisions, start=1)
    ]
    return Report(
        labels=L,
        language=session.language,
        title=single_line(session.title) or L("common.not_set"),
        meta=[
            (L("list.organisation"), single_line(session.organisation)),
            (L("export.date"), session.day.isoformat()),
            (L("new.facilitator"), single_line(session.facilitator)),
        ],
        participants=participants,
        canvases=canvases,
        decision_head=["#", L("report.decision_canvas"), L("decision.text"), L("decision.owner"),
                       _bare(L("decision.due"))],
        decisions=decisions,
        overdue_note=L("export.overdue_note", date=today.isoformat()),
        footer=L("export.footer", version=__version__, date=today.isoformat()),
        timebox=_timebox(session, L),
        tallies=[_tally_section(n, t, L) for n, t in enumerate(session.tallies, start=1)],
    )


def _timebox(session: Session, L: Labels) -> TableNode | None:
    """The timebox as a table: canvas, minutes planned, minutes spent; a total last."""
    rows = plan_rows(session.agenda)
    if not rows:
        return None
    cells: list[list[str | None]] = []
    for row in [*rows, plan_total(session.agenda)]:
        label = (L("timebox.total") if row.key == "total" else L("timebox.overview")
                 if row.key == AGENDA_OVERVIEW else L(f"canvas.{row.key}.title"))
        cells.append([label, str(row.planned) if row.planned is not None else "–", str(row.spent)])
    return TableNode(L("timebox.heading"), [L("timebox.canvas"), L("timebox.planned_min"),
                                            L("timebox.spent_min")], cells, frozenset({1, 2}))


def _chart(spec: CanvasSpec, data: Any, labels: Labels) -> TextChart | None:
    """The canvas's chart, or None where it has none or shows no more than the chart of an
    empty canvas (a business case with no perspective scored: bare axes, which in a report
    for a board read as a chart that failed)."""
    if spec.chart is None:
        return None
    rows = CHART_HEIGHT + spec.chart_rows(data)
    drawn = text_chart(spec.chart, data, labels, CHART_WIDTH, rows)
    if drawn is not None and drawn == text_chart(spec.chart, spec.model(), labels, CHART_WIDTH,
                                                 rows):
        return None
    return drawn


def _bare(label: str) -> str:
    """A form label without its input hint: "Due (YYYY-MM-DD)" → "Due"."""
    return re.sub(r"\s*\([^)]*\)$", "", label)


def _content(L: Labels, parts: tuple[Part, ...], data: Any) -> list[Node]:
    """The nodes of the Struct `data` as `parts` describe them (see `CanvasSpec.content`):
    values as fields or lists, a group's values among them, sub-tables and records as
    tables."""
    nodes: list[Node] = []
    for part in parts:
        if isinstance(part, Field | Derived):
            value = part.value(data, L)
            label = part.label(L)
            nodes.append(ItemsNode(label, value) if isinstance(value, list) else FieldNode(label, value))
        elif isinstance(part, Group):
            nodes += _content(L, part.parts, data)
        elif isinstance(part, Keyed):
            columns = part.table_parts()
            nodes.append(TableNode(
                L(part.label_key), [L(part.head_key), *_heads(L, columns)],
                [[L(label_key), *(_cell(c.value(table, L)) for c in columns)]
                 for label_key, table in part.tables(data)],
                _numeric(columns, 1)))
        elif isinstance(part, Records):
            records = getattr(data, part.name)
            if not records:
                nodes.append(FieldNode(L(part.label_key), None))
                continue
            columns = (part.title, *part.parts)
            nodes.append(TableNode(
                L(part.label_key), _heads(L, columns),
                [[_title(part.title.value(record, L)), *(_cell(c.value(record, L)) for c in part.parts)]
                 for record in records],
                _numeric(columns, 0)))
        else:
            raise TypeError(f"not a part of a canvas's content: {part!r}")
    return nodes


def _heads(L: Labels, columns: tuple[Leaf, ...]) -> list[str]:
    """Column heads: the values' labels, a value the chart's legend numbers with its number."""
    return [c.label(L) if getattr(c, "legend", None) is None else f"{c.legend} {c.label(L)}"
            for c in columns]


def _cell(value: Value) -> str | None:
    """A table cell: a list's items one a line."""
    return "\n".join(value) if isinstance(value, list) else value


def _title(value: Value) -> str | None:
    """A record's title cell (its name): on one line."""
    return single_line(value) if isinstance(value, str) else _cell(value)


def _numeric(columns: tuple[Leaf, ...], first: int) -> frozenset[int]:
    """The indices of the number columns (right-aligned), the values starting at `first`."""
    return frozenset(i for i, c in enumerate(columns, start=first) if c.kind in ("percent", "score"))


def _generic(L: Labels, data: Any) -> list[Node]:
    """A canvas without a content description: every field by its key, values as written."""
    nodes: list[Node] = []
    for name, value in msgspec.structs.asdict(data).items():
        if name == "notes":
            continue
        if isinstance(value, list):
            nodes.append(ItemsNode(name, [str(v) for v in value]))
        else:
            nodes.append(FieldNode(name, None if value is None else str(value)))
    return nodes


def text_lines(text: str) -> list[str]:
    """User text as visible lines: CR LF and a lone CR end a line (as in `show`), other
    control characters and the bidirectional controls are made visible as `show` prints
    them (`dtworkshop.core.text.printed`: ESC "␛", U+202E "⟨RLO⟩"), blank lines and
    surrounding blanks dropped."""
    text = printed(text.replace("\r\n", "\n").replace("\r", "\n"))
    return [line.strip() for line in text.split("\n") if line.strip()]


def single_line(text: str) -> str:
    """A one-line value (a name, a role, an owner, a decision, a title) on one line, as
    `show` prints it: every run of white space, a line break or CR among them, is one
    space, and the ends are trimmed. The app's fields never let a line break in, but a
    hand edit can, and a second line would pass for the report's next line or cell.
    Control characters are left for the format to make visible."""
    return " ".join(text.split())




def canvas_nodes(spec: CanvasSpec, data: Any, labels: Labels) -> list[Node]:
    """The values of one canvas's table `data` (its Struct) as a report shows them, in
    `labels`' language: its content description walked (`CanvasSpec.content`), or every
    field by its key for a canvas without one. As `build` does for each visited canvas."""
    return _content(labels, spec.content, data) if spec.content else _generic(labels, data)
