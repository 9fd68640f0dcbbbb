"""Property: any session the schema allows survives the file exactly.

The sessions are generated from the schema itself (`msgspec.inspect.type_info(Session)`), not
from a hand-written list of fields, so a canvas or field added later is covered without
touching this test: every Struct field is filled with any value its type allows (any Unicode
text, with quotes, backslashes, newlines, CR, brackets, triple quotes and control characters
made likely; whole numbers over their whole range; every enumeration word; dates and
offset date-times from year 1 to 9999 at any whole-minute offset; optional tables present
or absent). A type the generator does not know fails loudly instead of being skipped.

Plain functions, no Textual.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from msgspec import inspect as mi

from dtworkshop.core.canvases import CANVAS_KEYS
from dtworkshop.core.session import FORMAT, Session
from dtworkshop.storage import dumps, read_session, save_session, session_path

# Pieces that have broken TOML writers: quotes and triple quotes of both kinds, escapes,
# line ends of every kind, table brackets, comment and key syntax, controls (NUL, ESC, BEL,
# DEL, C1 CSI), Unicode line separators, a BOM, letters outside the BMP, Danish letters.
TRICKY = [
    '"', "'", '"""', "'''", '""""', "\\", "\\n", "\\u0000", "\n", "\r", "\r\n", "\n\r", "\t",
    "[", "]", "[[x]]", "[/]", "[red]", "#", "=", " = ", ".", "{", "}", "\x00", "\x1b[2J",
    "\x07", "\x08", "\x0c", "\x7f", "\x9b", "\u0085", "\u2028", "\u2029", "\ufeff", "𝄞",
    "æøå ÆØÅ", "ß", " ", "  ",
]

TEXT = st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=6)), max_size=6).map("".join)
"""Any text (all of Unicode but lone surrogates, which UTF-8 cannot hold), biased to TRICKY."""

OFFSETS = st.integers(-(23 * 60 + 59), 23 * 60 + 59).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)
"""Every offset a TOML offset date-time can write: ±HH:MM up to ±23:59."""

FIXED = {(Session, "format"): st.just(FORMAT)}
"""Fields whose valid values the type does not say: `format` is the file's version."""


def strategy(node: mi.Type, *, full: bool) -> st.SearchStrategy[Any]:
    """Values of the msgspec type `node`. With `full`, optional values (`X | None`) are
    always present, so every canvas and every table in it is filled."""
    if isinstance(node, mi.StructType):
        fields = {
            f.name: FIXED[node.cls, f.name] if (node.cls, f.name) in FIXED
            else strategy(f.type, full=full)
            for f in node.fields
        }
        return st.builds(node.cls, **fields)
    if isinstance(node, mi.UnionType):
        present = [t for t in node.types if not isinstance(t, mi.NoneType)]
        options = [strategy(t, full=full) for t in present]
        if not full and len(present) < len(node.types):
            options.append(st.none())
        return st.one_of(*options)
    if isinstance(node, mi.StrType):
        if node.pattern is not None:
            return st.from_regex(node.pattern, fullmatch=True).filter(
                lambda s: _fits(node, len(s))
            )
        return TEXT.filter(lambda s: _fits(node, len(s)))
    if isinstance(node, mi.BoolType):
        return st.booleans()
    if isinstance(node, mi.IntType):
        if node.ge is not None and node.le is None:  # a count (the timebox's): up to TOML's largest
            return st.integers(node.ge, 2**63 - 1)
        if node.ge is None or node.le is None:
            raise NotImplementedError(f"an int without bounds needs an entry in FIXED: {node}")
        return st.integers(node.ge, node.le)
    if isinstance(node, mi.FloatType):
        return st.floats(node.ge, node.le, allow_nan=False)
    if isinstance(node, mi.LiteralType):
        return st.sampled_from(node.values)
    if isinstance(node, mi.ListType):
        return st.lists(strategy(node.item_type, full=full), max_size=3)
    if isinstance(node, mi.DateType):
        return st.dates()
    if isinstance(node, mi.DateTimeType):
        if node.tz is not True:
            raise NotImplementedError(f"TOML date-times in a session are offset ones: {node}")
        return st.datetimes(timezones=OFFSETS)
    raise NotImplementedError(f"no strategy for {node!r}: teach strategy() this type")


def _fits(node: mi.StrType, length: int) -> bool:
    return (node.min_length or 0) <= length <= (node.max_length or length)


SESSIONS = st.one_of(
    strategy(mi.type_info(Session), full=True),
    strategy(mi.type_info(Session), full=False),
)


def strict(session: Session) -> bytes:
    """The session as JSON: unlike `==` on date-times, this tells +01:00 from the same
    instant at +00:00, so an offset changed on the way is caught."""
    return msgspec.json.encode(session)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(session=SESSIONS)
def test_any_session_survives_the_file_exactly(tmp_path: Path, session: Session) -> None:
    path = session_path(tmp_path, session.id)
    data = dumps(session)
    path.write_bytes(data)

    back = read_session(path)

    assert back == session
    assert strict(back) == strict(session)
    assert dumps(back) == data, "dumping what was read gives the same bytes"
    save_session(back, path)  # the program's own save path: checks, then writes atomically
    assert path.read_bytes() == data


def test_the_generator_fills_every_canvas_and_covers_the_whole_schema() -> None:
    """The generated sessions are what the property claims: with `full`, every canvas and
    every nested table is present; every field of every Struct gets a value of its type."""
    full = strategy(mi.type_info(Session), full=True)
    seen: set[tuple[type, str]] = set()

    def walk(obj: Any) -> None:
        if isinstance(obj, msgspec.Struct):
            for f in msgspec.structs.fields(obj):
                value = getattr(obj, f.name)
                assert value is not None, f"{type(obj).__name__}.{f.name} left empty"
                seen.add((type(obj), f.name))
                walk(value)
        elif isinstance(obj, list):
            for item in obj:
                walk(item)

    @settings(max_examples=20, deadline=None)
    @given(full)
    def check(session: Session) -> None:
        assert all(getattr(session, key) is not None for key in CANVAS_KEYS)
        walk(session)

    check()
    every: set[tuple[type, str]] = set()

    def fields_of(node: mi.Type) -> None:
        if isinstance(node, mi.StructType):
            for f in node.fields:
                if (node.cls, f.name) not in every:
                    every.add((node.cls, f.name))
                    fields_of(f.type)
        elif isinstance(node, mi.UnionType):
            for t in node.types:
                fields_of(t)
        elif isinstance(node, mi.ListType):
            fields_of(node.item_type)

    fields_of(mi.type_info(Session))
    missed = {f"{cls.__name__}.{name}" for cls, name in every - seen}
    # Fields inside lists can be missed when every drawn list was empty; 20 examples of
    # up to 3 items make that vanishingly rare.
    assert not missed, sorted(missed)


def test_an_unknown_type_is_refused_not_skipped() -> None:
    class Future(msgspec.Struct):
        weights: dict[str, int] = {}

    with pytest.raises(NotImplementedError, match="no strategy"):
        strategy(mi.type_info(Future), full=True)
