"""Reviewing past sessions without the TUI: what `dtworkshop list`, `decisions` and `diff`
select and print.

Pure functions (no Textual, no I/O): an `Index` (see `dtworkshop.index`) or a list of
`Change`s (see `dtworkshop.core.compare`) goes in, rows or a string come out. Text output is
for people: one line per session or decision, user text on one line and made harmless for a
terminal (`core.text.printed`). JSON output is for scripts: stable keys as documented in
README.md ("JSON output"), dates and date-times in ISO 8601 with the file's own UTC offset,
user text exactly as in the file (escaped only as JSON requires).
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from dataclasses import dataclass
from typing import Any

import msgspec

from dtworkshop.core.compare import Change, sections
from dtworkshop.core.labels import Labels
from dtworkshop.core.text import printed
from dtworkshop.index.model import DecisionInfo, Entry, Index, carried_over, overdue


def contains(value: str, needle: str | None) -> bool:
    """Whether `needle` occurs in `value`, ignoring case; a None needle matches anything."""
    return needle is None or needle.casefold() in value.casefold()


def as_text(path: object) -> str:
    """A path (or a message naming one) as text JSON can carry: bytes of a file name that are
    no UTF-8 (which Python keeps as lone surrogates) become "\ufffd"."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def one_line(text: str) -> str:
    """User text for one line of a terminal: runs of white space (line breaks included)
    become one space, control characters are made visible."""
    return printed(" ".join(text.split()))


# ---------------------------------------------------------------- list


def sessions(index: Index, *, org: str | None = None) -> list[Entry]:
    """The readable sessions of `index`, newest change first, only those whose organisation
    contains `org` (any case) when it is given."""
    return [e for e in index.sessions() if contains(e.session.organisation, org)]


def sessions_text(rows: list[Entry]) -> str:
    """One line per session: date of the last change, id, title, organisation, number of
    decisions and of warnings (in the session's language); the columns aligned. "" for no
    rows."""
    table = []
    for entry in rows:
        s = entry.session
        t = Labels(s.language)
        table.append([
            s.updated.date().isoformat(),
            one_line(s.id),
            one_line(s.title) or "-",
            one_line(s.organisation) or "-",
            _count(t, s.decision_count, "decision"),
            _count(t, s.warnings, "warning"),
        ])
    return _columns(table)


def sessions_json(index: Index, rows: list[Entry]) -> str:
    """`{"folder", "sessions": [...], "unreadable": [...]}` (see README.md), indented."""
    return _json({
        "folder": as_text(index.folder),
        "sessions": [_session_json(index, e) for e in rows],
        "unreadable": [
            {"file": as_text(index.path(e)), "where": as_text(e.error.where),
             "message": as_text(e.error.message)}
            for e in index.problems()
        ],
    })


def _session_json(index: Index, entry: Entry) -> dict[str, Any]:
    s = entry.session
    return {
        "file": as_text(index.path(entry)),
        "id": s.id,
        "title": s.title,
        "organisation": s.organisation,
        "facilitator": s.facilitator,
        "language": s.language,
        "date": s.day,
        "created": s.created,
        "updated": s.updated,
        "current": s.current,
        "canvases": s.canvases,
        "decisions": s.decision_count,
        "warnings": s.warnings,
        "follows": s.follows,
    }


# ---------------------------------------------------------------- decisions


@dataclass(frozen=True)
class DecisionRow:
    """A decision with the session it belongs to and whether it is overdue."""

    entry: Entry
    decision: DecisionInfo
    overdue: bool


def decisions(index: Index, today: dt.date, *, org: str | None = None,
              owner: str | None = None, overdue_only: bool = False,
              status: str | None = None) -> list[DecisionRow]:
    """Every decision of the readable sessions of `index`, filtered by organisation and owner
    (substrings, any case), by `status` ("open", "done", "dropped"; None for any) and, with
    `overdue_only`, to those overdue on `today` (open ones only). A decision carried over
    into a follow-up session is listed once, as the follow-up has it. Earliest due date
    first, those without one last; then by when they were made and the session."""
    rows = []
    sessions = index.sessions()
    carried = carried_over(e.session for e in sessions)
    for entry in sessions:
        if not contains(entry.session.organisation, org):
            continue
        for decision in entry.session.decisions:
            if (entry.session.id, decision.canvas, decision.made) in carried:
                continue
            late = overdue(decision, today)
            if (contains(decision.owner, owner) and (late or not overdue_only)
                    and status in (None, decision.status)):
                rows.append(DecisionRow(entry, decision, late))
    rows.sort(key=lambda r: (r.decision.due is None, r.decision.due or dt.date.min,
                             r.decision.made, r.entry.name))
    return rows


def decisions_text(rows: list[DecisionRow]) -> str:
    """One line per decision: due date ("-" for none), OVERDUE (in the session's language:
    OVERSKREDET), its status when done or dropped (UDFØRT, DROPPET; with the day it closed)
    or blank, owner, text, and (organisation; session id; canvas). "" for no rows."""
    table = []
    for row in rows:
        d, s = row.decision, row.entry.session
        context = "; ".join([one_line(s.organisation) or "-", s.id, d.canvas])
        table.append([
            d.due.isoformat() if d.due else "-",
            _state(row, Labels(s.language)),
            one_line(d.owner) or "-",
            f"{one_line(d.text)}  ({context})",
        ])
    return _columns(table)


def _state(row: DecisionRow, labels: Labels) -> str:
    d = row.decision
    if row.overdue:
        return labels("cli.overdue")
    if d.status == "open":
        return ""
    word = labels.enum("decision_status", d.status).upper()
    return f"{word} {d.closed.isoformat()}" if d.closed else word


def decisions_json(index: Index, rows: list[DecisionRow], today: dt.date) -> str:
    """`{"folder", "today", "decisions": [...]}` (see README.md), indented."""
    return _json({
        "folder": as_text(index.folder),
        "today": today,
        "decisions": [
            {
                "file": as_text(index.path(row.entry)),
                "session": row.entry.session.id,
                "organisation": row.entry.session.organisation,
                "title": row.entry.session.title,
                "canvas": row.decision.canvas,
                "text": row.decision.text,
                "owner": row.decision.owner,
                "due": row.decision.due,
                "made": row.decision.made,
                "status": row.decision.status,
                "closed": row.decision.closed,
                "overdue": row.overdue,
            }
            for row in rows
        ],
    })


# ---------------------------------------------------------------- diff


def diff_text(a: str, b: str, changes: list[Change], language: str = "en") -> str:
    """The changes from file `a` to file `b` for people, "" when there are none: a
    `--- A` / `+++ B` head, then per section its name and one line per change, indented:
    `path: old → new`, `path: + new`, `path: - old`; `+ path: …`/`- path: …` for a whole item
    added or removed; a list of texts as its `- item`/`+ item` lines. Paths are relative
    to the section, followed by the item's name in parentheses. The few words of its own
    ("only in B") are in `language`."""
    if not changes:
        return ""
    t = Labels(language)
    lines = [printed(f"--- {a}"), printed(f"+++ {b}")]
    for section, found in sections(changes):
        whole = next((c for c in found if c.path == section), None)
        note = {"added": " " + t("cli.only_in_b"), "removed": " " + t("cli.only_in_a")}.get(
            whole.kind if whole else "", "")
        lines.append(f"{section}{note}")
        for change in found:
            if change is not whole:
                lines += ["  " + line for line in _change_lines(section, change, t)]
    return "\n".join(lines) + "\n"


def _change_lines(section: str, change: Change, t: Labels) -> list[str]:
    path = change.path.removeprefix(f"{section}.")
    label = f"{path} ({one_line(change.item)})" if change.item else path
    before, after = change.before, change.after
    if change.kind != "changed" and isinstance(after if before is None else before, dict):
        sign = "+" if change.kind == "added" else "-"
        return [f"{sign} {path}: {_item(after if before is None else before)}"]
    if isinstance(before, list) or isinstance(after, list):
        return [f"{label}:",
                *("  " + line for line in _list_lines(before or [], after or [], t))]
    if change.kind == "added":
        return [f"{label}: + {_value(after)}"]
    if change.kind == "removed":
        return [f"{label}: - {_value(before)}"]
    return [f"{label}: {_value(before)} → {_value(after)}"]


def _list_lines(before: list, after: list, t: Labels) -> list[str]:
    """A list of values changed: its removed and added items in order, `- x` and `+ x`."""
    old, new = [_value(v) for v in before], [_value(v) for v in after]
    lines = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        lines += [f"- {v}" for v in old[i1:i2]]
        lines += [f"+ {v}" for v in new[j1:j2]]
    return lines or [t("cli.same_items")]


def _item(table: dict[str, Any]) -> str:
    """A whole table on one line: a decision as its text and (canvas, owner, due), a tally
    as its question and (canvas; each option and its votes), any other as `key = value, …`."""
    if "text" in table and "made" in table:
        extra = [f"{key}: {_value(table[key])}" for key in ("canvas", "owner", "due")
                 if table.get(key)]
        return _value(table["text"]) + (f" ({', '.join(extra)})" if extra else "")
    if "question" in table and "taken" in table:  # a tally: its question, canvas and votes
        votes = ", ".join(f"{_value(o.get('name', ''))} {o.get('votes', 0)}"
                          for o in table.get("options", []))
        extra = [f"canvas: {_value(table.get('canvas', ''))}"] + ([votes] if votes else [])
        return _value(table["question"]) + f" ({'; '.join(extra)})"
    return ", ".join(f"{one_line(str(key))} = {_value(value)}" for key, value in table.items())


def _value(value: Any) -> str:
    """A value as the file would show it, on one line, harmless for a terminal."""
    if isinstance(value, str):
        return printed(json.dumps(value, ensure_ascii=False))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return "{" + _item(value) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return printed(str(value))


def diff_json(a: str, b: str, changes: list[Change]) -> str:
    """`{"a", "b", "same", "changes": [...]}` (see README.md), indented."""
    return _json({
        "a": as_text(a),
        "b": as_text(b),
        "same": not changes,
        "changes": [
            {"section": c.section, "path": c.path, "kind": c.kind, "item": c.item,
             "before": c.before, "after": c.after}
            for c in changes
        ],
    })


# ---------------------------------------------------------------- shared


def _count(t: Labels, n: int, word: str) -> str:
    return t(f"cli.{word}_one" if n == 1 else f"cli.{word}_many", n=n)


def _columns(table: list[list[str]]) -> str:
    """Rows of cells as lines, every column but the last padded to its widest cell."""
    if not table:
        return ""
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]) - 1)]
    lines = []
    for row in table:
        cells = [cell.ljust(width) for cell, width in zip(row, widths)] + [row[-1]]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def _json(value: Any) -> str:
    return msgspec.json.format(msgspec.json.encode(value), indent=2).decode("utf-8") + "\n"
