""""Last time…": what the same organisation's earlier sessions recorded on a canvas, for the
panel a canvas shows on request (ctrl+l, `ui/widgets/last_time.py`).

Sessions are found through the folder's index (`dtworkshop.index`: its cached summaries
give each file's organisation and day); only the few that match are read. No Textual: the
panel calls `recall` in a worker thread. What a session recorded on a canvas is told from
the canvas's content description, as the reports tell it (`outline.canvas_nodes`), in one
compact line per value.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from pathlib import Path

from dtworkshop.core.canvases import BY_KEY
from dtworkshop.core.canvases.base import Group, Keyed, Part
from dtworkshop.core.labels import Labels
from dtworkshop.core.session import Session
from dtworkshop.index.loading import load_index
from dtworkshop.index.model import Entry
from dtworkshop.outline import FieldNode, ItemsNode, Node, TableNode, canvas_nodes, single_line
from dtworkshop.storage.errors import SessionFileError
from dtworkshop.storage.reader import read_session

MOST = 5
"""Earlier sessions shown at most, the newest: the panel is a reminder, not an archive
(the browser's compare and trends hold the rest)."""


@dataclass
class Earlier:
    """One earlier session as the panel shows it: its file `path`, `title`, workshop `day`,
    what it `recorded` on the canvas (compact lines; empty when it did not visit it or left
    it blank) and its `open_decisions` on the canvas (their texts, one line each)."""

    path: Path
    title: str
    day: dt.date
    recorded: list[str]
    open_decisions: list[str]


def same_organisation(a: str, b: str) -> bool:
    """Whether two organisation names name the same one: equal but for case and spaces
    ("Egedal Kommune", "egedal  kommune"). An empty name matches none."""
    a, b = " ".join(a.split()).casefold(), " ".join(b.split()).casefold()
    return bool(a) and a == b


def earlier_entries(entries: list[Entry], session: Session, most: int = MOST) -> list[Entry]:
    """The index `entries` of the readable sessions of `session`'s organisation held on a
    day before `session.day` (not `session` itself), newest day first (then latest change),
    at most `most` of them. None when `session` has no organisation."""
    if not session.organisation.strip():
        return []
    found = [e for e in entries if e.session is not None and e.session.id != session.id
             and e.session.day < session.day
             and same_organisation(e.session.organisation, session.organisation)]
    found.sort(key=lambda e: (e.session.day, e.session.updated), reverse=True)
    return found[:most]


def recorded(session: Session, canvas: str, labels: Labels) -> list[str]:
    """What `session` recorded on `canvas`, one compact line per value set, in `labels`'
    language: "Label: value", a list's items after "; ", a table's rows as "first cell
    (head: value, …)"; values not set are left out, the notes come last on one line. Empty
    when the canvas was not visited or holds nothing."""
    data = getattr(session, canvas, None)
    if data is None:
        return []
    spec = BY_KEY[canvas]
    keyed = {labels(part.label_key) for part in _parts(spec.content or ())
             if isinstance(part, Keyed)}
    lines = [line for node in canvas_nodes(spec, data, labels)
             if (line := _compact(node, keyed))]
    notes = single_line(getattr(data, "notes", "") or "")
    if notes:
        lines.append(f"{labels('common.notes')}: {notes}")
    return lines


def _parts(parts: tuple[Part, ...]) -> list[Part]:
    """The parts of a content description, those in groups too."""
    found: list[Part] = []
    for part in parts:
        found += _parts(part.parts) if isinstance(part, Group) else [part]
    return found


def _compact(node: Node, keyed: set[str]) -> str:
    """One node of a report's outline on one line ("" when it holds nothing). A table
    labelled in `keyed` has a row for each of a fixed set of keys (the business case's
    perspectives): a row with no value set there says nothing and is left out."""
    if isinstance(node, FieldNode):
        value = _set(node.value)
        return f"{node.label}: {value}" if value else ""
    if isinstance(node, ItemsNode):
        items = [single_line(i) for i in node.items if i.strip()]
        return f"{node.label}: {'; '.join(items)}" if items else ""
    if isinstance(node, TableNode):
        rows = []
        for row in node.rows:
            name = single_line(row[0] or "")
            cells = [f"{single_line(head)}: {single_line(cell)}"
                     for head, cell in zip(node.head[1:], row[1:]) if _set(cell)]
            if cells or (name and node.label not in keyed):
                rows.append(f"{name} ({', '.join(cells)})" if cells else name)
        return f"{node.label}: {'; '.join(rows)}" if rows else ""
    return ""


def _set(value: str | None) -> str:
    """A value on one line, "" when not set (None, blank, or the reports' "–" for an
    enumeration not chosen)."""
    value = single_line(value or "")
    return "" if value == UNSET else value


UNSET = "–"
"""How the content description shows an enumeration not chosen (`core.canvases.base`)."""


def recall(folder: Path, session: Session, canvas: str, labels: Labels,
           cancel: threading.Event | None = None) -> list[Earlier]:
    """The earlier sessions of `session`'s organisation in `folder` (see `earlier_entries`),
    newest first, each with what it recorded on `canvas` and its open decisions there, in
    `labels`' language. Reads the folder's index (from its cache: a stat per file) and the
    matching files only; a file that went bad since it was indexed is left out. For a
    thread: no UI. Raises `index.LoadCancelled` when `cancel` is set meanwhile, OSError
    when the folder cannot be read."""
    index = load_index(folder, cancel=cancel)
    found = []
    for entry in earlier_entries(index.entries, session):
        try:
            earlier = read_session(index.path(entry))
        except SessionFileError:
            continue
        found.append(Earlier(
            path=index.path(entry),
            title=single_line(earlier.title) or earlier.id,
            day=earlier.day,
            recorded=recorded(earlier, canvas, labels),
            open_decisions=[single_line(d.text) for d in earlier.decisions_on(canvas)
                            if d.status == "open"],
        ))
    return found
