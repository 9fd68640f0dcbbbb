"""What the session browser makes of the index, with no Textual: its rows (`Item`), its
filters (`typed_date`, `passes`, `find_hit`), its sort orders (`SORT_VALUES`, `in_order`) and
the line a search found in a session (`hit_line`).

Filtering and sorting work on the index's summaries; nothing is parsed again for them, except
the one file whose search hit is shown (`hit_line`).

Files layer: imports `dtworkshop.core`, `dtworkshop.storage` and the other `index` modules,
never the UI. The browser (`ui/screens/browser.py`) and `index.preload` import it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dtworkshop.core.text import danish_order
from dtworkshop.index.model import Entry, Summary
from dtworkshop.index.parsing import session_texts
from dtworkshop.storage.errors import SessionFileError
from dtworkshop.storage.reader import read_session


class Item:
    """One row of the browser: a file of the folder and what the index knows of it."""

    __slots__ = ("folder", "entry")

    def __init__(self, folder: Path, entry: Entry) -> None:
        self.folder = folder
        self.entry = entry

    @property
    def path(self) -> Path:
        """The session file (made when asked: a folder lists thousands of rows)."""
        return self.folder / self.entry.name

    @property
    def session(self) -> Summary | None:
        """The session's summary, None for a file that cannot be read."""
        return self.entry.session

    @property
    def error(self) -> str | None:
        """Why the file cannot be read, as `validate` says it (FILE:WHERE: message)."""
        problem = self.entry.error
        if problem is None:
            return None
        return f"{self.path}:{problem}" if problem.where else f"{self.path}: {problem.message}"

    def error_in(self, language: str) -> str | None:
        """`error` in `language` ("da" or "en"), as `validate --lang` says it."""
        problem = self.entry.error
        if problem is None:
            return None
        said = problem.said(language)
        return f"{self.path}:{said}" if problem.where else f"{self.path}: {said}"


def find_hit(text: str, needle: str) -> int:
    """Where `needle` is in `text` ignoring case, or -1."""
    return text.lower().find(needle.lower()) if needle else -1


def typed_date(text: str) -> dt.date | None:
    """A typed date: 2026, 2026-05 or 2026-05-31 (the first day of it), also as Danes write
    it, 31.05.2026 or 31-05-2026; None if not one."""
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y", "%d.%m.%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def passes(entry: Entry, needle: str, org: str | None, low: dt.date | None,
           high: dt.date | None) -> bool:
    """Whether the filters let `entry` through: `needle` searched in all its text and its
    file name ("" for none), `org` its organisation exactly (None for any), `low`..`high`
    the workshop's day (`Summary.day`), both included (None for open); a bad file only when no filter is
    set or the search names it."""
    s = entry.session
    if s is None:
        return not (needle or org or low or high) or find_hit(entry.name, needle) >= 0
    if org is not None and s.organisation != org:
        return False
    day = s.day
    if (low and day < low) or (high and day > high):
        return False
    return not needle or s.matches(needle) or find_hit(entry.name, needle) >= 0


SortValue = Callable[[Summary], Any]
"""What a column sorts by, from a session's summary."""

SORT_VALUES: dict[str, SortValue] = {
    "title": lambda s: danish_order(s.title or s.id),
    "organisation": lambda s: danish_order(s.organisation),
    "date": lambda s: (s.day, s.created),
    "language": lambda s: s.language,
    "decisions": lambda s: s.decision_count,
    "warnings": lambda s: s.warnings,
}
"""What each of the browser's columns (its key) sorts by, from a session's summary."""


def in_order(items: list[Item], value: SortValue, reverse: bool) -> list[Item]:
    """The readable sessions sorted by `value` of their summary (ties in file name order),
    then the bad files by name."""
    good = sorted((i for i in items if i.entry.session), key=lambda i: i.entry.name)
    good.sort(key=lambda i: value(i.entry.session), reverse=reverse)
    return good + sorted((i for i in items if i.entry.session is None), key=lambda i: i.entry.name)


FIRST_SORT_KEY = ("date", True)
"""The browser's order when it opens: column key and reversed (newest first)."""
FIRST_SORT = (SORT_VALUES[FIRST_SORT_KEY[0]], FIRST_SORT_KEY[1])
"""The same as `in_order`'s `value` and `reverse`."""


def hit_line(path: Path, s: Summary, needle: str) -> str:
    """The text of the session where `needle` is, as it was typed (the index keeps it lower
    case, so the one file highlighted is read), cut around the hit to fit one line; "" when
    it is not found (or the file can no longer be read)."""
    low = needle.lower()
    for d in s.decisions:
        if low in d.text.lower():
            return _around(d.text, low)
    try:
        texts = session_texts(read_session(path))
    except SessionFileError:
        return ""
    for text in texts:
        for line in text.splitlines():
            if low in line.lower():
                return _around(line, low)
    return ""


def _around(line: str, low: str, width: int = 70) -> str:
    at = line.lower().find(low)
    start = max(0, at - width // 3)
    piece = line[start:start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(line) else "")
