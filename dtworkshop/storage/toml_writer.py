"""The TOML writer: `dumps`, a session as the UTF-8 bytes of its file, laid out for people.

The values are written as tomli-w writes them (most of them here, faster, to the same
bytes); the layout is ours. The keys a newer dtworkshop wrote, which `storage.reader`
attaches to the Structs under `_EXTRA`, are written back unchanged after a table's own.
`dtworkshop.layout` uses `_emit_table`, `_key_value`, `_string` and `_CR` to write the keys it
changes exactly as `dumps` would.

Files layer, the bottom of `storage`: imports only `dtworkshop.core`, never the UI; the
other `storage` modules import it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

import msgspec
import tomli_w

from dtworkshop.core.session import Session

_EXTRA = "_extra"  # attribute holding unknown keys on a Struct (see Table's dict=True)


_AS_IS = (dt.datetime, dt.date)  # TOML has them: msgspec keeps them, tomli-w writes them


def _to_toml_tree(session: Session) -> Any:
    """`session` as plain TOML values: Struct fields in order, None dropped, unknown keys last.

    One `msgspec.to_builtins` of the whole session decides which fields are written (msgspec
    leaves out defaults); the values themselves are taken from the Structs. Should it fail
    (a value msgspec cannot encode), the same is done a Struct at a time, as it always was,
    so that the error raised is the same.
    """
    try:
        encoded = msgspec.to_builtins(session, builtin_types=_AS_IS)
    except Exception:
        return _to_toml_tree_by_struct(session)
    return _tree(session, encoded)


@functools.cache
def _attributes(cls: type[msgspec.Struct]) -> dict[str, str]:
    """A Struct type's fields, {key in the file: attribute name}: the two differ where a
    field is renamed (`[risk]`'s `note` is the attribute `notes`)."""
    return dict(zip(cls.__struct_encode_fields__, cls.__struct_fields__))


def _tree(obj: Any, encoded: Any) -> Any:
    """`obj` as plain TOML values, `encoded` being its `msgspec.to_builtins` (for a Struct
    the keys msgspec writes, in order: the file's keys, see `_attributes`)."""
    if isinstance(obj, msgspec.Struct):
        out: dict[str, Any] = {}
        attributes = _attributes(type(obj))
        for key, item in encoded.items():
            value = getattr(obj, attributes[key])
            if value is None:
                continue
            out[key] = _tree(value, item) if isinstance(value, (msgspec.Struct, list)) else value
        for key, value in getattr(obj, _EXTRA, {}).items():
            out.setdefault(key, value)
        return out
    if isinstance(obj, list):
        return [_tree(v, e) if isinstance(v, (msgspec.Struct, list)) else v
                for v, e in zip(obj, encoded)]
    return obj


def _to_toml_tree_by_struct(obj: Any) -> Any:
    """`_to_toml_tree` a Struct at a time: slower, but it raises what dtworkshop always did
    for a session holding a value msgspec cannot encode."""
    if isinstance(obj, msgspec.Struct):
        out: dict[str, Any] = {}
        keys = {name: key for key, name in _attributes(type(obj)).items()}
        for name, value in msgspec.structs.asdict(obj).items():
            if value is None:
                continue
            out[keys[name]] = _to_toml_tree_by_struct(value)
        encoded = msgspec.to_builtins(obj, builtin_types=_AS_IS)
        out = {k: out[k] for k in encoded if k in out}  # msgspec decides what is omitted
        for key, value in getattr(obj, _EXTRA, {}).items():
            out.setdefault(key, value)
        return out
    if isinstance(obj, list):
        return [_to_toml_tree_by_struct(v) for v in obj]
    return obj


# ---------------------------------------------------------------- writing


def dumps(session: Session) -> bytes:
    """The session as UTF-8 TOML bytes, laid out for people: the header keys first, then one
    `[table]` per canvas in the source's order, arrays of tables always as `[[name]]` blocks
    and date-times as `2026-11-30T09:00:00+01:00`.

    The values are written as tomli-w writes them; only the layout is ours, because
    tomli-w writes a short array of tables inline and a long one as blocks, so that one longer
    decision text would rewrite the whole array and every diff of the file.
    """
    tree = _to_toml_tree(session)
    for key in ("participants", "decisions", "tallies"):
        if tree.get(key) == []:
            del tree[key]
    lines: list[str] = []
    _emit_table(tree, [], lines, header=False)
    return ("\n".join(lines).strip("\n") + "\n").encode("utf-8")


def _is_aot(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _emit_table(table: dict[str, Any], name: list[str], lines: list[str], *, header: bool,
                aot: bool = False) -> None:
    scalars = {k: v for k, v in table.items() if not isinstance(v, dict) and not _is_aot(v)}
    nested = [(k, v) for k, v in table.items() if k not in scalars]
    if aot or (header and (scalars or not nested)):
        dotted = ".".join(_key(part) for part in name)
        lines += ["", f"[[{dotted}]]" if aot else f"[{dotted}]"]
    for key, value in scalars.items():
        lines.append(_key_value(key, value))
    for key, value in nested:
        if isinstance(value, dict):
            _emit_table(value, [*name, key], lines, header=True)
        else:
            for item in value:
                _emit_table(item, [*name, key], lines, header=True, aot=True)


_CR = "\r"  # a backslash may not stand inside an f-string's braces (before Python 3.12)


def _key_value(key: str, value: Any) -> str:
    """The line `key = value`, as `tomli_w.dumps({key: value})` writes it, but date-times as
    `2026-11-30T09:00:00+01:00` (tomli-w writes a space for the T).

    Multi-line strings read best as triple-quoted blocks, but tomli-w cannot keep a carriage
    return in one: a value holding one is written with escapes only.

    The values a session holds (text, whole numbers, true/false, dates, lists of text) are
    written here without tomli-w, whose cost per call (and per character of text) was most
    of the time of `dumps`; any other value is left to tomli-w itself.
    """
    if isinstance(value, dt.datetime):
        return f"{_key(key)} = {value.isoformat()}"
    kind = type(value)
    if type(key) is str:
        if kind is str:
            return f"{_key(key)} = {_string(value, multiline=_CR not in value)}"
        if kind is bool:
            return f"{_key(key)} = {'true' if value else 'false'}"
        if kind is int or kind is dt.date:
            return f"{_key(key)} = {value}"
        if kind is list and all(type(v) is str for v in value):
            if not value:
                return f"{_key(key)} = []"
            multiline = not any(_CR in v for v in value)
            items = ",\n".join(f"    {_string(v, multiline=multiline)}" for v in value)
            return f"{_key(key)} = [\n{items},\n]"
    return tomli_w.dumps({key: value}, multiline_strings=not _has_cr(value)).rstrip("\n")


def _has_cr(value: Any) -> bool:
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, list):
        return any(_has_cr(v) for v in value)
    if isinstance(value, dict):
        return any(_has_cr(v) for v in value.values())
    return False


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


@functools.lru_cache(maxsize=1024, typed=True)  # the same few dozen names, thousands of times
def _key(key: str) -> str:
    if _BARE_KEY.fullmatch(key):
        return key
    if type(key) is str:
        return _string(key, multiline=False)
    return tomli_w.dumps({"k": key})[4:].strip()


# What tomli-w escapes in a "basic string" (every control character but tab, the quote and
# the backslash), and how: the short escapes TOML has, else \u00XX (lower-case hex).
_ESCAPES = {
    c: {"\b": "\\b", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}.get(
        c, f"\\u{ord(c):04x}"
    )
    for c in [chr(i) for i in range(0x20) if chr(i) != "\t"] + ['"', "\\", "\x7f"]
}
_TO_ESCAPE = re.compile(r'[\x00-\x08\x0a-\x1f"\\\x7f]')
_TO_ESCAPE_MULTILINE = re.compile(r'[\x00-\x08\x0b-\x1f"\\\x7f]')  # line ends stay as they are


def _escape(match: re.Match[str]) -> str:
    return _ESCAPES[match[0]]


def _string(text: str, *, multiline: bool) -> str:
    """`text` as a TOML basic string, exactly as tomli-w's `format_string` writes it (with
    `allow_multiline=multiline`): a triple-quoted block when `multiline` and it has a line
    break (CRLF made LF), else one line. tomli-w does it a character at a time in Python; a
    regular expression does it in C, dozens of times faster. Checked against tomli-w for every
    character, alone and in company."""
    if multiline and "\n" in text:
        return '"""\n' + _TO_ESCAPE_MULTILINE.sub(_escape, text.replace("\r\n", "\n")) + '"""'
    return '"' + _TO_ESCAPE.sub(_escape, text) + '"'
