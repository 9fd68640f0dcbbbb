"""Sessions as text for people outside the TUI: `dtworkshop show` (the Markdown, HTML and JSON
of `dtworkshop export` are in `dtworkshop.export`).

Pure functions only (no Textual, no I/O): a Session goes in, a string comes out. Words come
from `dtworkshop.core.labels` in the session's own language; user text is printed literally
(no markup is interpreted) but made safe for a terminal, see `safe_text`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import msgspec

from dtworkshop.core.canvases import CANVASES
from dtworkshop.core.canvases.base import Derived, Field, Group, Keyed, Part, Records, Value
from dtworkshop.core.labels import Labels
from dtworkshop.core.session import AGENDA_OVERVIEW, Session
from dtworkshop.core.tallies import result
from dtworkshop.core.timebox import plan_rows, plan_total
from dtworkshop.core.text import printed
from dtworkshop.outline import decision_state

def safe_text(text: str) -> str:
    """`text` for printing: CR LF and lone CR become newlines, every other control character
    and each bidirectional control is made visible (see `dtworkshop.core.text.printed`).
    æøå and `[bold]` are kept exactly."""
    return printed(text.replace("\r\n", "\n").replace("\r", "\n"))


class _Writer:
    """Lines of the report, with the helpers every canvas section shares."""

    def __init__(self, labels: Labels) -> None:
        self.labels = labels
        self.lines: list[str] = []

    def word(self, key: str, **params: object) -> str:
        return self.labels(key, **params)

    def heading(self, text: str, underline: str) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")
        self.lines += [text, underline * max(len(text), 3)]

    def subheading(self, text: str, indent: int = 0) -> None:
        self.lines.append(" " * indent + f"{text}:")

    def field(self, label: str, value: str | None, indent: int = 0) -> None:
        """`label: value`; a multi-line value continues indented under the label."""
        pad = " " * indent
        value = value if value is not None and value.strip() else self.labels("common.not_set")
        first, *rest = value.split("\n")
        self.lines.append(f"{pad}{label}: {first}")
        self.lines += [f"{pad}    {line}" if line else "" for line in rest]

    def items(self, label: str, values: list[str], indent: int = 0) -> None:
        """`label:` then one `- item` per value, or `label: –` when there are none."""
        if not values:
            self.field(label, None, indent)
            return
        self.subheading(label, indent)
        for value in values:
            self.bullet(value, indent + 2)

    def bullet(self, text: str, indent: int = 2) -> None:
        pad = " " * indent
        first, *rest = (text if text.strip() else self.labels("common.not_set")).split("\n")
        self.lines.append(f"{pad}- {first}")
        self.lines += [f"{pad}  {line}" if line else "" for line in rest]

    def blank(self) -> None:
        self.lines.append("")


def _line(text: str) -> str:
    """A one-line value (a name, a title, an owner) on one line: a line break or CR inside
    it, which the app's fields never let in but a hand edit can, is a space, not a new line
    that would pass for the next line of the report."""
    return " ".join(text.split())


def _when(value: dt.datetime | dt.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    return value.isoformat()


def _bare(label: str) -> str:
    """A form label without its input hint: "Due (YYYY-MM-DD)" → "Due"."""
    return re.sub(r"\s*\([^)]*\)$", "", label)


def render_text(session: Session) -> str:
    """The whole session as plain text in its own language (`session.language`).

    Header (title, organisation, facilitator, language, created/updated, current canvas),
    participants, then every visited canvas in the source's order with all its fields and
    its warnings, then the decision log. Nothing is marked up and no markup in user text is
    interpreted; control characters are neutralised (see `safe_text`) so a hostile file
    cannot drive the terminal. Ends with a newline.
    """
    labels = Labels(session.language)
    w = _Writer(labels)

    w.heading(_line(session.title) or labels("common.not_set"), "=")
    w.field(labels("list.organisation"), _line(session.organisation))
    w.field(labels("new.facilitator"), _line(session.facilitator))
    w.field(labels("app.language"), labels.enum("language", session.language))
    w.field(w.word("report.session_id"), session.id)
    w.field(labels("export.date"), session.day.isoformat())
    if session.follows:
        w.field(labels("report.follows"), session.follows)
    w.field(w.word("report.created"), _when(session.created))
    w.field(labels("list.updated"), _when(session.updated))
    w.field(w.word("report.current"), labels(f"canvas.{session.current}.title"))

    w.heading(labels("common.participants"), "-")
    if session.participants:
        for person in session.participants:
            name = _line(person.name) or labels("common.not_set")
            w.bullet(f"{name} ({_line(person.role)})" if person.role.strip() else name)
    else:
        w.lines.append(w.word("report.no_participants"))

    _timebox(w, session)

    warnings = session.warnings()
    visited = [spec for spec in CANVASES if getattr(session, spec.key) is not None]
    for spec in visited:
        data = getattr(session, spec.key)
        w.heading(labels(f"canvas.{spec.key}.title"), "-")
        if spec.content:
            _content(w, spec.content, data)
        else:
            _generic(w, data)
        w.field(labels("common.notes"), getattr(data, "notes", ""))
        found = warnings.get(spec.key, [])
        if found:
            w.subheading(labels("common.warnings"))
            for warning in found:
                w.bullet("! " + labels(warning.key, **warning.params))
    if not visited:
        w.blank()
        w.lines.append(w.word("report.no_canvases"))

    w.heading(labels("decision.log"), "-")
    if session.decisions:
        for number, decision in enumerate(session.decisions, 1):
            w.field(f"{number}. {labels('decision.text')}", _line(decision.text))
            w.field(w.word("report.decision_canvas"), labels(f"canvas.{decision.canvas}.short"), 3)
            w.field(labels("decision.owner"), _line(decision.owner), 3)
            w.field(_bare(labels("decision.due")), _when(decision.due), 3)
            w.field(labels("decision.status"), decision_state(decision, labels), 3)
    else:
        w.lines.append(w.word("report.no_decisions"))

    _tallies(w, session)
    return safe_text("\n".join(w.lines).strip("\n") + "\n")


def _timebox(w: _Writer, session: Session) -> None:
    """The timebox, planned against spent per canvas and in all, when the session has a
    plan or counted time."""
    rows = plan_rows(session.agenda)
    if not rows:
        return
    L = w.labels
    w.heading(L("timebox.heading"), "-")
    for row in [*rows, plan_total(session.agenda)]:
        label = (L("timebox.total") if row.key == "total" else L("timebox.overview")
                 if row.key == AGENDA_OVERVIEW else L(f"canvas.{row.key}.title"))
        w.field(label, L("timebox.row", planned=row.planned, spent=row.spent)
                if row.planned is not None else L("timebox.row_unplanned", spent=row.spent))


def _tallies(w: _Writer, session: Session) -> None:
    """The tallies, after the decision log; nothing at all for a session without any, so
    that its report reads as before tallies were kept."""
    if not session.tallies:
        return
    L = w.labels
    w.heading(L("tally.report_heading"), "-")
    for number, tally in enumerate(session.tallies, 1):
        w.field(f"{number}. {L('tally.question')}", _line(tally.question))
        w.field(L("tally.report_canvas"), L(f"canvas.{tally.canvas}.short"), 3)
        w.field(L("tally.report_taken"), _when(tally.taken), 3)
        for option in tally.options:
            w.lines.append(f"     {option.votes:>4}  {_line(option.name) or L('common.not_set')}")
        w.field(L("tally.report_result"), result(tally, L), 3)


# ---------------------------------------------------------------- a canvas's content


def _content(w: _Writer, parts: tuple[Part, ...], data: Any, indent: int = 0) -> None:
    """The values of the Struct `data` as `parts` describe them (see `CanvasSpec.content`):
    `label: value` lines, subheadings with their values indented, records as bullets."""
    L = w.labels
    for part in parts:
        if isinstance(part, Field | Derived):
            _value(w, part.label(L), part.value(data, L), indent)
        elif isinstance(part, Group):
            w.subheading(L(part.label_key), indent)
            _content(w, part.parts, data, indent + 2)
        elif isinstance(part, Keyed):
            inner = indent
            if part.heading:
                w.subheading(L(part.label_key), indent)
                inner += 2
            for label_key, table in part.tables(data):
                w.subheading(L(label_key), inner)
                _content(w, part.parts, table, inner + 2)
        elif isinstance(part, Records):
            records = getattr(data, part.name)
            if not records:
                w.field(L(part.label_key), None, indent)
                continue
            w.subheading(L(part.label_key), indent)
            for record in records:
                w.bullet(_line(str(part.title.value(record, L) or "")), indent + 2)
                _content(w, part.parts, record, indent + 4)
        else:
            raise TypeError(f"not a part of a canvas's content: {part!r}")


def _value(w: _Writer, label: str, value: Value, indent: int) -> None:
    if isinstance(value, list):
        w.items(label, value, indent)
    else:
        w.field(label, value, indent)


def _generic(w: _Writer, data: object) -> None:
    """A canvas without a content description: every field by its key, values as written."""
    for name, value in msgspec.structs.asdict(data).items():
        if name == "notes":
            continue
        if isinstance(value, list):
            w.items(name, [str(v) for v in value])
        else:
            w.field(name, None if value is None else str(value))
