"""What changed between two sessions, canvas by canvas and field by field.

Pure (no I/O, no Textual): `compare(a, b)` gives the list of `Change`s that turn session A
into session B, in the file's order: the header, the participants, each canvas in the
source's order, the decisions, the tallies. `dtworkshop diff` prints them; the compare screen shows them.

Fields are compared by value (two date-times are equal when they are the same instant). Items
of an array of tables are matched by what identifies them, not by position, so inserting one
unit does not make every later unit "changed": participants, units, initiatives and
prototypes by name, decisions and tallies by when they were made or taken (items with the same key are paired in
order). Keys written by a newer dtworkshop, kept on load, are compared as plain values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

import msgspec

from dtworkshop.core.canvases import CANVAS_KEYS
from dtworkshop.core.session import Decision, Session, Tally

Kind = Literal["added", "removed", "changed"]

_EXTRA = "_extra"  # where storage keeps the keys a newer version wrote (see types.Table)
_HEADER = "session"
_SECTIONS = (_HEADER, "participants", *CANVAS_KEYS, "decisions", "tallies")


@dataclass(frozen=True)
class Change:
    """One difference between session A and session B.

    `section` is "session" (the header fields), "participants", a canvas key or
    "decisions" or "tallies". `path` is the dotted key path as the file spells it (`title`,
    `portfolio.units[1].streamline`, `decisions[3]`); an index counts in B, or in A for what
    was removed. `kind` is "added" (empty or absent in A), "removed" (empty or absent in B)
    or "changed". `before`/`after` are the values in A and B as plain Python values (str,
    int, bool, date, datetime, a list of them, a dict for a whole table), None where absent.
    A canvas visited in only one of the two is first reported as a whole (`path` is its key,
    the value None or {}), then field by field. `item` names the array item the path is in
    (a unit's name, a decision's text), "" when it is in none.
    """

    section: str
    path: str
    kind: Kind
    before: Any = None
    after: Any = None
    item: str = ""


def compare(a: Session, b: Session) -> list[Change]:
    """The changes from session `a` to session `b`, in the order described in the module's
    docstring; [] when they hold the same. Never raises; changes neither session."""
    changes: list[Change] = []
    fields = [f.name for f in msgspec.structs.fields(Session)]
    header = [n for n in fields if n not in ("participants", "decisions", "tallies", *CANVAS_KEYS)]
    for name in header:
        changes += _values(_HEADER, name, getattr(a, name), getattr(b, name), "")
    changes += _extras(_HEADER, "", a, b, "")
    changes += _array("participants", "participants", a.participants, b.participants)
    for key in CANVAS_KEYS:
        old, new = getattr(a, key), getattr(b, key)
        if old is None and new is None:
            continue
        if old is None or new is None:
            changes.append(Change(key, key, "added" if old is None else "removed",
                                  None if old is None else {}, None if new is None else {}))
        model = type(new if old is None else old)
        changes += _table(key, key, old or model(), new or model(), "")
    changes += _array("decisions", "decisions", a.decisions, b.decisions)
    # A tally's options are matched by name: a count corrected is one change, its votes.
    changes += _array("tallies", "tallies", a.tallies, b.tallies)
    return changes


def sections(changes: list[Change]) -> Iterator[tuple[str, list[Change]]]:
    """`changes` grouped by section, sections in the file's order (for showing them)."""
    for section in _SECTIONS:
        found = [c for c in changes if c.section == section]
        if found:
            yield section, found


def plain(value: Any) -> Any:
    """`value` (a Struct, a list, a scalar) as plain Python values: tables as dicts of the
    keys that are set, date-times and dates kept as they are."""
    if isinstance(value, msgspec.Struct):
        out = msgspec.to_builtins(value, builtin_types=(dt.datetime, dt.date))
        out.update(getattr(value, _EXTRA, {}))
        return out
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


# ---------------------------------------------------------------- walking


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _values(section: str, path: str, old: Any, new: Any, item: str) -> list[Change]:
    if old == new or (_empty(old) and _empty(new)):
        return []
    kind: Kind = "added" if _empty(old) else "removed" if _empty(new) else "changed"
    return [Change(section, path, kind, plain(old) if not _empty(old) else None,
                   plain(new) if not _empty(new) else None, item)]


def _table(section: str, path: str, old: msgspec.Struct, new: msgspec.Struct,
           item: str) -> list[Change]:
    """Field by field, nested tables and arrays of tables walked into."""
    changes: list[Change] = []
    for f in msgspec.structs.fields(type(new)):
        va, vb = getattr(old, f.name), getattr(new, f.name)
        where = f"{path}.{f.encode_name}"
        if isinstance(va, msgspec.Struct) or isinstance(vb, msgspec.Struct):
            model = type(vb if va is None else va)
            changes += _table(section, where, va or model(), vb or model(), item)
        elif _is_tables(va) or _is_tables(vb):
            changes += _array(section, where, va or [], vb or [])
        else:
            changes += _values(section, where, va, vb, item)
    changes += _extras(section, path, old, new, item)
    return changes


def _is_tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and isinstance(value[0], msgspec.Struct)


def _extras(section: str, path: str, old: Any, new: Any, item: str) -> list[Change]:
    ea, eb = getattr(old, _EXTRA, {}), getattr(new, _EXTRA, {})
    changes: list[Change] = []
    for key in [*ea, *(k for k in eb if k not in ea)]:
        where = f"{path}.{key}" if path else key
        changes += _values(section, where, ea.get(key), eb.get(key), item)
    return changes


def _array(section: str, path: str, old: list, new: list) -> list[Change]:
    """Items matched by identity (see the module's docstring): removed ones, then B's items
    in order, each added or compared field by field."""
    ka, kb = _keys(old), _keys(new)
    in_old = {k: i for i, k in enumerate(ka)}
    in_new = set(kb)
    changes: list[Change] = []
    for i, (key, value) in enumerate(zip(ka, old)):
        if key not in in_new:
            changes.append(Change(section, f"{path}[{i}]", "removed", plain(value), None,
                                  _label(value)))
    for i, (key, value) in enumerate(zip(kb, new)):
        where = f"{path}[{i}]"
        if key not in in_old:
            changes.append(Change(section, where, "added", None, plain(value), _label(value)))
        else:
            changes += _table(section, where, old[in_old[key]], value, _label(value))
    return changes


def _keys(items: list) -> list[tuple[Any, int]]:
    """Each item's identity, with how many items before it had the same one."""
    seen: dict[Any, int] = {}
    keys = []
    for item in items:
        key = _IDENTITY.get(type(item), lambda x: getattr(x, "name", None))(item)
        seen[key] = seen.get(key, -1) + 1
        keys.append((key, seen[key]))
    return keys


_IDENTITY: dict[type, Callable[[Any], Any]] = {Decision: lambda d: d.made, Tally: lambda t: t.taken}


def _label(item: Any) -> str:
    """What names an array item for people: its name, a decision's text or a tally's
    question."""
    if isinstance(item, Decision):
        return item.text
    if isinstance(item, Tally):
        return item.question
    name = getattr(item, "name", "")
    return name if isinstance(name, str) else ""
