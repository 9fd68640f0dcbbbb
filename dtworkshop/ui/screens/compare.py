"""Two sessions side by side: what changed from session A to session B, canvas by canvas.

The changes come from the pure core (`dtworkshop.core.compare`): the screen only names the
fields in the session list's language and shows the values in the two columns A and B, for
example the same leadership team in spring (A) and in autumn (B). Everything from the files
is data, never markup: every piece of user text is a `rich.text.Text` with its control
characters made visible.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from dtworkshop.core.canvases import BY_KEY, CANVAS_KEYS
from dtworkshop.core.canvases.base import Leaf, leaf_at
from dtworkshop.core.compare import Change, compare, sections
from dtworkshop.core.labels import Labels, catalogue
from dtworkshop.core.session import Session
from dtworkshop.core.text import visible
from dtworkshop.storage.errors import SessionFileError
from dtworkshop.storage.reader import read_session
from dtworkshop.ui.screens.form import TellsDroppedKeys
from dtworkshop.ui.widgets.footer import KeyFooter
from dtworkshop.ui.textual_words import SaysTextualWords

WIDE = 130
"""From this many columns on, each change also shows its key path in the file (for whoever
edits the files by hand or reads `dtworkshop diff`)."""

_STYLES = {"added": "green", "removed": "red", "changed": "yellow"}
_SIGNS = {"added": "+", "removed": "−", "changed": "~"}
"""Colour and sign per kind of change: the sign says it without colour too."""

_HEADER_FIELDS = {
    "title": "list.title",
    "organisation": "list.organisation",
    "facilitator": "new.facilitator",
    "language": "app.language",
    "created": "report.created",
    "updated": "list.updated",
    "current": "report.current",
    "id": "report.session_id",
    "format": "compare.format",
}

_FIELDS = {
    "participants": "common.participant",
    "participants.name": "common.name",
    "participants.role": "common.role",
    "decisions": "decision.text",
    "decisions.text": "decision.text",
    "decisions.owner": "decision.owner",
    "decisions.due": "decision.due",
    "decisions.canvas": "report.decision_canvas",
    "decisions.made": "compare.made",
    "tallies": "tally.question",
    "tallies.question": "tally.question",
    "tallies.canvas": "tally.report_canvas",
    "tallies.taken": "tally.report_taken",
    "tallies.options": "tally.report_option",
    "tallies.options.name": "tally.report_option",
    "tallies.options.votes": "tally.report_votes",
}
"""Field label per key path, with the array indices taken out, of what is not a canvas's (a
canvas's fields are named by its content description, see `_described`)."""

_ENUMS = {"language": "language"}
"""Enumeration (under `enum.` in the labels) of each header key whose value is an
enumeration word (a canvas's are in its content description)."""


def _described(change: Change) -> tuple[str | None, Leaf] | None:
    """The Keyed row label key and the Leaf the canvas's content description gives the
    field of `change`; None outside a canvas, or for what it does not describe."""
    spec = BY_KEY.get(change.section)
    if spec is None:
        return None
    rel = _INDEX.sub("", change.path.removeprefix(change.section).removeprefix("."))
    return leaf_at(spec.content, rel) if rel else None

_INDEX = re.compile(r"\[\d+\]")


def _bare(label: str) -> str:
    """A form label without its input hint: "Fit (1–5)" → "Fit"."""
    return re.sub(r"\s*\([^)]*\)$", "", label)


def field_name(change: Change, t: Labels) -> str:
    """What the field of `change` is called for people, in the language of `t`.

    The word the canvas's form uses where the label catalogue has one, without its input
    hint ("Fit (1–5)" → "Fit"): a unit's percentage by its category, a perspective's fit as
    "Economy · Fit", an actor's field as "Citizen: needs · Who", a decision's owner as
    "Owner". Else the key path as the file spells it (for keys a newer dtworkshop wrote).
    The array item the field is in is not part of it; see `change.item`.
    """
    words = catalogue(t.language)
    path = change.path
    if change.section in ("session", "participants", "decisions", "tallies"):
        rel = path
    else:
        rel = path.removeprefix(change.section).removeprefix(".")
    bare = _INDEX.sub("", path)
    parts = _INDEX.sub("", rel).split(".") if rel else []

    def has(key: str) -> bool:
        return key in words

    if change.section == "session" and path in _HEADER_FIELDS and has(_HEADER_FIELDS[path]):
        return _bare(t(_HEADER_FIELDS[path]))
    if bare in _FIELDS and has(_FIELDS[bare]):
        return _bare(t(_FIELDS[bare]))
    if change.section in BY_KEY and parts:
        if parts == [_notes_key(change.section)]:
            return t("common.notes")
        described = _described(change)
        if described is not None:
            row, leaf = described
            label = _bare(t(leaf.label_key))
            return f"{t(row)} · {label}" if row else label
    return visible(path)


def _notes_key(canvas: str) -> str:
    """The file's key for a canvas's notes: "notes", or the name its Struct gives the
    attribute `notes` in the file (`[risk]` writes "note", as the format names it)."""
    model = BY_KEY[canvas].model
    return dict(zip(model.__struct_fields__, model.__struct_encode_fields__)).get("notes", "notes")


def _one_line(text: str, width: int = 60) -> str:
    """User text on one line, cut to `width` characters."""
    flat = visible(" ".join(text.split()))
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def value_text(change: Change, key: str, value: Any, t: Labels) -> str:
    """`value` of the field `key` (the last key of `change.path`) for people: enumeration
    words by their label, percentages with "%", a fit as "4/5", date-times to the minute
    with their UTC offset, lists one item a line, whole tables (an added unit, a removed
    decision) as "field: value" lines; "–" for None. User text comes back as it is but for
    its control characters, made visible."""
    words = catalogue(t.language)
    if value is None:
        return t("common.not_set")
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    described = _described(change)
    kind, enum = (described[1].kind, described[1].enum) if described else ("text", _ENUMS.get(key))
    if isinstance(value, str):
        if enum and f"enum.{enum}.{value}" in words:
            return t(f"enum.{enum}.{value}")
        if key in ("current", "canvas") and f"canvas.{value}.title" in words:
            return t(f"canvas.{value}.title")
        return visible(value.replace("\r\n", "\n"))
    if isinstance(value, int) and kind == "percent":
        return f"{value} %"
    if isinstance(value, int) and kind == "score":
        return f"{value}/5"
    if isinstance(value, list):
        return "\n".join("• " + value_text(change, key, v, t).replace("\n", "\n  ")
                         for v in value)
    if isinstance(value, dict):
        return "\n".join(_table_lines(change, value, t))
    return visible(str(value))


def _table_lines(change: Change, table: dict[str, Any], t: Labels) -> list[str]:
    """A whole table (an added unit, a removed decision) as "field: value" lines, its name
    or text first on a line of its own; each field named as it would be on its own."""
    lines = []
    head = table.get("name", table.get("text"))
    if isinstance(head, str) and head:
        lines.append(visible(head))
    for key, value in table.items():
        if (key in ("name", "text") and value is head) or value in (None, "", [], {}):
            continue
        inner = Change(change.section, f"{change.path}.{key}", change.kind)
        shown = value_text(inner, key, value, t)
        name = field_name(inner, t)
        lines.append(f"{name}: {shown}" if "\n" not in shown else f"{name}:\n{shown}")
    return lines


def _list_cells(change: Change, key: str, t: Labels) -> tuple[Text, Text]:
    """A list of values in A and in B, the items only in A marked red, only in B green."""
    old = [value_text(change, key, v, t) for v in change.before or []]
    new = [value_text(change, key, v, t) for v in change.after or []]
    a, b = Text(), Text()
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        for item in old[i1:i2]:
            a.append(("• " if op == "equal" else "− ") + item + "\n",
                     style="" if op == "equal" else "red")
        for item in new[j1:j2]:
            b.append(("• " if op == "equal" else "+ ") + item + "\n",
                     style="" if op == "equal" else "green")
    a.rstrip()
    b.rstrip()
    return (a if a.plain else Text(t("common.not_set"), style="dim"),
            b if b.plain else Text(t("common.not_set"), style="dim"))


def change_cells(change: Change, t: Labels) -> tuple[Text, Text, Text]:
    """The field, A and B cells of one change: the field with its sign (+ added, − removed,
    ~ changed), the values coloured by kind (green added, red removed, yellow changed). The
    item the field is in (`change.item`) is not in them: the table heads its rows with it."""
    style = _STYLES[change.kind]
    key = _INDEX.sub("", change.path).rsplit(".", 1)[-1]
    field = Text(f"{_SIGNS[change.kind]} ", style=f"bold {style}")
    field.append(field_name(change, t))
    if isinstance(change.before, list) or isinstance(change.after, list):
        a, b = _list_cells(change, key, t)
        return field, a, b
    none = t("common.not_set")
    a = Text(value_text(change, key, change.before, t), style="red" if change.kind == "removed"
             else "yellow" if change.kind == "changed" else "")
    b = Text(value_text(change, key, change.after, t), style="green" if change.kind == "added"
             else "bold yellow" if change.kind == "changed" else "")
    if change.before is None:
        a = Text(none, style="dim")
    if change.after is None:
        b = Text(none, style="dim")
    return field, a, b


def _cells_fold(*cells: Text) -> None:
    for cell in cells:
        cell.overflow = "fold"  # a long word (a URL) is broken, never cut off


class CompareScreen(SaysTextualWords, TellsDroppedKeys, Screen):
    """Session A and session B side by side: a head with both sessions' title, organisation,
    date and file as columns A and B, then per section (the session's header, participants,
    each canvas in the source's order, decisions) a table of field | A | B of what changed;
    sections without changes are one line saying so. Arrows, PgUp/PgDn scroll; Escape goes
    back. A file that cannot be read is named in a notification (file, line or key path) and
    the screen closes itself."""

    CSS_PATH = "compare.tcss"

    def __init__(self, a: Path, b: Path, labels: Labels) -> None:
        super().__init__()
        self.a = Path(a)
        self.b = Path(b)
        self.t = labels
        self.sessions: tuple[Session, Session] | None = None
        self.changes: list[Change] = []
        self._wide: bool | None = None
        # "Tilbage", not "Sessioner": opened from a canvas's "last time", Esc goes back there.
        self._bindings.bind("escape", "back", labels("app.back_anywhere"))

    def compose(self) -> ComposeResult:
        yield Label(Text(f" {self.t('compare.title')}"), id="title-bar")
        with VerticalScroll(id="compare-body"):
            yield Static(id="compare-head")
            yield Static(id="compare-summary")
            yield Vertical(id="compare-sections")
        yield KeyFooter()

    async def on_mount(self) -> None:
        found = []
        for path in (self.a, self.b):
            try:
                found.append(read_session(path))
            except SessionFileError as exc:
                self.notify(visible(exc.said(self.t.language)), title=self.t("compare.unreadable"),
                            severity="error", markup=False, timeout=15)
        if len(found) < 2:
            self.call_after_refresh(self._give_up)
            return
        self.sessions = (found[0], found[1])
        self.changes = compare(*self.sessions)
        self.query_one("#title-bar", Label).update(Text(
            f" {self.t('compare.title')} · A: {_one_line(found[0].title or found[0].id, 30)}"
            f" · B: {_one_line(found[1].title or found[1].id, 30)}", no_wrap=True,
            overflow="ellipsis"))
        await self._show()
        self.query_one("#compare-body").focus()

    def _give_up(self) -> None:
        if self.is_current:
            self.dismiss()

    async def on_resize(self) -> None:
        if self.sessions is not None and (self.app.size.width >= WIDE) != self._wide:
            await self._show()

    def action_back(self) -> None:
        self.dismiss()

    # -- what is shown

    async def _show(self) -> None:
        assert self.sessions is not None
        self._wide = self.app.size.width >= WIDE
        t = self.t
        self.query_one("#compare-head", Static).update(self._head())
        summary = self.query_one("#compare-summary", Static)
        body = self.query_one("#compare-sections", Vertical)
        await body.remove_children()
        if not self.changes:
            summary.update(Text(t("compare.same"), style="bold"))
            return
        found = dict(sections(self.changes))
        summary.update(Text(t("compare.summary", changes=self._count(len(self.changes)),
                              sections=len(found), total=len(self._names()))))
        await body.mount_all(self._sections(found))

    def _count(self, n: int) -> str:
        return self.t("compare.one_change") if n == 1 else self.t("compare.changes", n=n)

    def _head(self) -> Table:
        """Both sessions as columns A and B: title, organisation, date, file."""
        a, b = self.sessions
        t = self.t
        table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False)
        table.add_column(Text(""), ratio=5)
        table.add_column(Text("A", style="bold"), ratio=6)
        table.add_column(Text("B", style="bold"), ratio=6)
        rows = [
            (t("list.title"), a.title, b.title, "bold"),
            (t("list.organisation"), a.organisation, b.organisation, ""),
            (t("compare.date"), a.day.isoformat(), b.day.isoformat(), ""),
            (t("compare.file"), self.a.name, self.b.name, "dim"),
        ]
        for name, va, vb, style in rows:
            cells = (Text(name, style="dim"), Text(visible(va) or t("common.not_set"), style=style),
                     Text(visible(vb) or t("common.not_set"), style=style))
            _cells_fold(*cells)
            table.add_row(*cells)
        return table

    def _names(self) -> list[str]:
        """The sections either session has something in, in the file's order."""
        a, b = self.sessions
        names = ["session"]
        if a.participants or b.participants:
            names.append("participants")
        names += [k for k in CANVAS_KEYS if getattr(a, k) is not None or getattr(b, k) is not None]
        if a.decisions or b.decisions:
            names.append("decisions")
        if a.tallies or b.tallies:
            names.append("tallies")
        return names

    def _title(self, section: str) -> str:
        t = self.t
        if section == "session":
            return t("compare.session")
        if section == "participants":
            return t("common.participants")
        if section == "decisions":
            return t("decision.log")
        if section == "tallies":
            return t("tally.log")
        return t(f"canvas.{section}.title")

    def _sections(self, found: dict[str, list[Change]]) -> Iterable[Static]:
        t = self.t
        for section in self._names():
            changes = found.get(section, [])
            heading = Text(self._title(section), style="bold")
            if not changes:
                heading.append(f"  {t('compare.no_changes')}", style="dim")
                yield Static(heading, classes="section unchanged")
                continue
            heading.append(f"  {self._count(len(changes))}", style="dim")
            whole = next((c for c in changes if c.path == section), None)
            if whole is not None:
                note = t("compare.only_in_b") if whole.kind == "added" else t("compare.only_in_a")
                heading.append(f"  {note}", style=_STYLES[whole.kind])
            yield Static(heading, classes="section")
            rows = [c for c in changes if c is not whole]
            if rows:
                yield Static(self._table(rows), classes="changes")

    def _table(self, changes: list[Change]) -> Table:
        t = self.t
        table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False,
                      show_lines=False)
        table.add_column(Text(t("compare.field"), style="dim"), ratio=5)
        table.add_column(Text("A", style="bold"), ratio=6)
        table.add_column(Text("B", style="bold"), ratio=6)
        if self._wide:
            table.add_column(Text(t("compare.path"), style="dim"), ratio=5)
        under: str | None = None
        for change in changes:
            whole_item = change.path.endswith("]")
            if change.item and not whole_item and change.item != under:
                # The fields of one unit, prototype or decision under its name, once.
                head = Text(_one_line(change.item, 60), style="bold")
                _cells_fold(head)
                table.add_row(head, *[Text("")] * (len(table.columns) - 1))
            under = None if whole_item or not change.item else change.item
            cells = list(change_cells(change, t))
            if self._wide:
                cells.append(Text(visible(change.path), style="dim"))
            _cells_fold(*cells)
            table.add_row(*cells)
        return table
