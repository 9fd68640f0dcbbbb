"""What the index holds: `Index` of a folder, one `Entry` per file with its `Summary` (a
readable session, its decisions as `DecisionInfo`) or its `Problem`; `overdue`;
`carried_over`;
`LoadCancelled`; and the msgpack encoding the cache and the worker processes share.

Files layer: imports `dtworkshop.core` and `storage.errors` (to say a Problem in a language),
never the UI; the other `index` modules import it.
"""

from __future__ import annotations

import datetime as dt
import gc
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Iterable
from typing import Any

import msgspec

from dtworkshop.core.session import CanvasStatus, Decision
from dtworkshop.storage.errors import SessionFileError, problem_text


class LoadCancelled(Exception):
    """A load stopped because its `cancel` event was set (nothing was written)."""


class DecisionInfo(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """A decision as the index keeps it: the fields of `core.session.Decision` (the canvas
    key it was made on, its text, owner ("" for none), due date or None, when it was made,
    its status "open"/"done"/"dropped" and the day it closed or None)."""

    canvas: str
    text: str
    owner: str
    due: dt.date | None
    made: dt.datetime
    status: str = "open"
    closed: dt.date | None = None


class Summary(msgspec.Struct, frozen=True, kw_only=True, array_like=True, gc=False):
    """What the index keeps of a readable session file (see `Session` for the fields' meaning).

    `created`/`updated` keep the file's own UTC offset; `day` is the workshop's day
    (`Session.day`: its `date`, else the day it was created). `canvases` maps every registered
    canvas key, in the source's order, to its status. `warnings` is the number of the
    canvases' open warnings. `decisions` are the file's decisions in file order. `text` is all
    the user's text of the session (titles, names, roles, every text field of every canvas,
    decisions), lower-cased, one piece per line, as UTF-8 bytes: kept as bytes because
    decoding 10,000 of them would take half the warm listing's time, and a UTF-8 substring
    search finds exactly what a str search does. Use `matches`. `follows` is the id of the
    session it follows up, or None.
    """

    id: str
    title: str
    organisation: str
    facilitator: str
    language: str
    created: dt.datetime
    updated: dt.datetime
    day: dt.date
    current: str
    canvases: dict[str, CanvasStatus]
    warnings: int
    decision_count: int
    packed_decisions: bytes
    text: bytes
    follows: str | None = None

    @property
    def decisions(self) -> list[DecisionInfo]:
        """The session's decisions in file order (unpacked anew on every call)."""
        return _DECISIONS.decode(self.packed_decisions)

    def matches(self, needle: str) -> bool:
        """Whether the session's text holds `needle`, ignoring case ("" matches any)."""
        return needle.lower().encode("utf-8", "surrogatepass") in self.text


_DECISIONS = msgspec.msgpack.Decoder(list[DecisionInfo])


class Problem(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """Why a file is not a readable session: `SessionFileError`'s `message` and `where`
    ("LINE:COLUMN", a dotted key path, or "" for the whole file), and its label `key` and
    `params` when it has one (see `SessionFileError.said`). `str()` is "WHERE: message"
    (or "message"); put the file's path in front for the full line `validate` prints."""

    message: str
    where: str = ""
    key: str = ""
    params: dict[str, Any] = msgspec.field(default_factory=dict)

    @classmethod
    def of(cls, error: SessionFileError) -> Problem:
        """What `error` says of its file."""
        return cls(error.message, error.where, error.key, error.params)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message

    def said(self, language: str) -> str:
        """`str()` in `language` ("da" or "en")."""
        message = problem_text(self.message, self.key, self.params, language)
        return f"{self.where}: {message}" if self.where else message


class Entry(msgspec.Struct, frozen=True, kw_only=True, array_like=True, gc=False):
    """One `*.toml` of the folder: its name and stat key, and its summary or its problem
    (exactly one of `session` and `error` is set). `size` is in bytes, `mtime_ns` and
    `ctime_ns` are nanoseconds since the epoch, `ino` the inode number; a folder, broken
    link or device posing as a session file has them all -1."""

    name: str
    size: int
    mtime_ns: int
    ctime_ns: int
    ino: int
    session: Summary | None = None
    error: Problem | None = None


@dataclass
class Index:
    """A loaded index of `folder` (see the module's docstring)."""

    folder: Path
    entries: list[Entry] = field(default_factory=list)
    parsed: list[str] = field(default_factory=list)
    cache: Path | None = None

    def path(self, entry: Entry) -> Path:
        """The file of `entry`."""
        return self.folder / entry.name

    def sessions(self) -> list[Entry]:
        """The readable entries, newest change (`updated`) first, ties by file name."""
        good = sorted((e for e in self.entries if e.session), key=lambda e: e.name)
        return sorted(good, key=lambda e: e.session.updated, reverse=True)

    def problems(self) -> list[Entry]:
        """The entries whose file cannot be read as a session, by file name."""
        return [e for e in self.entries if e.error is not None]


def carried_over(summaries: Iterable[Summary]) -> set[tuple[str, str, dt.datetime]]:
    """The decisions that a follow-up session took over, as (id of the session they were
    carried from, canvas key, when made): the same decision stands in both files (see
    `core.follow_up`), and a decision log shows it once, as the follow-up has it (done there,
    perhaps). Only follow-ups among `summaries` count."""
    found = set()
    for summary in summaries:
        if summary.follows:
            found.update((summary.follows, d.canvas, d.made) for d in summary.decisions)
    return found


def overdue(decision: DecisionInfo | Decision, today: dt.date) -> bool:
    """Whether `decision` is overdue on `today`: it is open and its due date has passed (a
    decision due today is not overdue yet; one without a due date, or done or dropped,
    never is)."""
    return decision.status == "open" and decision.due is not None and decision.due < today


def _builtins(value: Any) -> Any:
    """`value` as msgpack-ready builtins, datetimes as ISO 8601 text: msgpack's own timestamp
    would lose the file's UTC offset (the typed decoders read the text back)."""
    # Paused collection: converting 10,000 entries makes ~10^6 containers, and the collector
    # would walk them all again and again (3x slower), only to find no garbage.
    paused = gc.isenabled()
    gc.disable()
    try:
        return msgspec.to_builtins(value, builtin_types=(bytes,))
    finally:
        if paused:
            gc.enable()


def _encode(value: Any) -> bytes:
    return msgspec.msgpack.encode(_builtins(value))
