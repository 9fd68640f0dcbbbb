"""Reading, validating and writing session files, and listing a folder of them.

Files are decoded in two steps so that every error can be located: `tomllib` for the TOML
syntax (line and column), then `msgspec.convert` against `Session` for the content (dotted
key path). Keys a newer dtworkshop wrote are attached to the Structs on load and written back
unchanged on save. Saves are atomic: nothing on disk is ever half-written.
"""

from __future__ import annotations

import ast
import datetime as dt
import errno
import functools
import json
import os
import re
import stat
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec
import tomli_w

from dtworkshop.core.session import FORMAT, ID_PATTERN, MAX_ID, Session, slugify

SUFFIX = ".toml"
_EXTRA = "_extra"  # attribute holding unknown keys on a Struct (see Table's dict=True)
MAX_BYTES = 5 * 1024 * 1024  # a real session is a few KB; larger is not a session file


class SessionFileError(Exception):
    """A session file that cannot be read or does not keep the format-1 contract.

    `path` is the file, `where` is "LINE:COLUMN" for TOML syntax errors or the dotted key path
    (`portfolio.units[1].streamline`) for content errors, or "" when the whole file is at fault.
    `str()` gives one line a user can act on: `FILE:WHERE: message`.
    """

    def __init__(self, path: Path | str, message: str, where: str = "") -> None:
        self.path = Path(path)
        self.where = where
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        location = f"{self.path}:{self.where}" if self.where else f"{self.path}"
        return f"{location}: {self.message}"


# ---------------------------------------------------------------- reading

MAX_DEPTH = 32
"""Tables and arrays nested deeper than this are refused: a session nests four levels, a
newer version a few more; hundreds only come from a broken or hostile file, which would
otherwise stall the reader or break the writer."""


def read_session(path: Path | str) -> Session:
    """Read and validate the session file at `path`.

    A folder, a broken link, a device or pipe, an unreadable file and a file larger than
    MAX_BYTES are refused without reading them. Raises SessionFileError naming the file and
    the line/column or key path at fault; never changes anything on disk.
    """
    path = Path(path)
    try:
        status = path.stat()
    except FileNotFoundError:
        raise _missing(path) from None
    except OSError as exc:
        raise SessionFileError(path, _os_reason(exc)) from None
    if stat.S_ISDIR(status.st_mode):
        raise SessionFileError(path, "is a folder, not a session file")
    if not stat.S_ISREG(status.st_mode):
        raise SessionFileError(path, "is not a regular file (a device, pipe or socket)")
    if status.st_size > MAX_BYTES:
        raise _too_large(path, status.st_size)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # never more, should it have grown meanwhile
    except FileNotFoundError:
        raise _missing(path) from None
    except OSError as exc:
        raise SessionFileError(path, _os_reason(exc)) from None
    return decode_session(data, path)


def _missing(path: Path) -> SessionFileError:
    if path.is_symlink():
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        return SessionFileError(path, f"is a link to {target}, which does not exist")
    return SessionFileError(path, "no such file")


def _os_reason(exc: OSError) -> str:
    reason = (exc.strerror or str(exc)).lower()
    if isinstance(exc, PermissionError):
        return f"cannot be read: {reason}; check the file's permissions"
    return f"cannot be read: {reason}"


def _too_large(path: Path, size: int) -> SessionFileError:
    megabytes = size / (1024 * 1024)
    return SessionFileError(
        path,
        f"is {megabytes:.1f} MB, larger than the 5 MB a session file may be (they are a few KB); "
        "it is not a session file",
    )


def decode_session(data: bytes, path: Path | str) -> Session:
    """Decode and validate session file bytes read from `path` (used in messages only).

    A UTF-8 byte-order mark and CRLF line ends (as Windows editors write them) are accepted.
    Raises SessionFileError naming the line/column (TOML syntax, encoding) or the dotted key
    path (content) at fault, or none when the whole file is at fault (empty, too large,
    UTF-16). Never raises anything else for any bytes.
    """
    path = Path(path)
    if len(data) > MAX_BYTES:
        raise _too_large(path, len(data))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:2]:  # no TOML starts so
        raise SessionFileError(path, "is UTF-16 text; save it as UTF-8 (a session file is UTF-8)")
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data  # a BOM is harmless
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = body[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        raise SessionFileError(
            path,
            f"is not valid UTF-8 text (byte 0x{body[exc.start]:02X}); save the file as UTF-8",
            f"{line}:{column}",
        ) from None

    deep = _deep_key(text)
    if deep is not None:  # checked first: tomllib takes time quadratic in a key's length
        raise SessionFileError(path, _TOO_DEEP, _line_column(text, deep))
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(path, exc, text) from None
    except RecursionError as exc:  # arrays or inline tables inside each other, hundreds deep
        raise SessionFileError(path, _TOO_DEEP, _recursion_where(exc, text)) from None
    if not raw:
        raise SessionFileError(
            path, "is empty (no keys at all); a session file starts with format = 1"
        )

    version = raw.get("format")
    if version is None:
        if raw.keys() & {"id", "created", "updated"}:
            message = "missing; a session file starts with the line format = 1"
        else:
            message = "missing; this is not a dtworkshop session file (one starts with format = 1)"
        raise SessionFileError(path, message, "format")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SessionFileError(path, f"expected int, got {_show(version)}", "format")
    if version > FORMAT:
        raise SessionFileError(
            path,
            f"{version} is newer than this dtworkshop reads (format {FORMAT}); "
            "update dtworkshop to open this file",
            "format",
        )
    if version < 1:
        raise SessionFileError(path, f"expected 1, got {version}", "format")
    too_deep = _too_deep(raw)
    if too_deep is not None:
        raise SessionFileError(path, _TOO_DEEP, too_deep)

    try:
        session = msgspec.convert(raw, Session, strict=True)
    except msgspec.ValidationError as exc:
        where, message = _explain(str(exc), raw)
        raise SessionFileError(path, message, where) from None
    except RecursionError:
        raise SessionFileError(path, _TOO_DEEP) from None

    if path.suffix == SUFFIX and session.id != path.stem:
        raise SessionFileError(
            path, f"{_show(session.id)} does not match the file name {path.name}", "id"
        )
    _attach_extras(session, raw)
    return session


_TOO_DEEP = (
    f"tables or arrays nested more than {MAX_DEPTH} levels deep; "
    "a session file nests only a few, so this is not one"
)

# A dotted key of more than MAX_DEPTH parts (`[a.a.a…]`, `a.a.a… = 1`): a run of dotted
# parts followed by = or ]. The run is matched alone and what follows checked apart, so no
# text makes the search backtrack over a run (it stays linear; a lookahead would not).
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')"""
_DOTTED_RUN = re.compile(rf"(?:{_KEY_PART}[ \t]*\.[ \t]*){{{MAX_DEPTH},}}{_KEY_PART}")
_KEY_END = re.compile(r"[ \t]*[=\]]")


def _deep_key(text: str) -> int | None:
    """Where a dotted key of more than MAX_DEPTH parts starts in `text`, else None.

    A run never spans a line (no part of it matches a line end) and holds at least MAX_DEPTH
    dots, so only lines with that many dots are searched: a session has none, and the search
    over the whole text took as long as parsing it. On the lines searched, the runs found and
    so the answer are the ones a search of the whole text finds.
    """
    if text.count(".") < MAX_DEPTH:
        return None
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.count(".") >= MAX_DEPTH:
            for run in _DOTTED_RUN.finditer(text, start, end):
                if _KEY_END.match(text, run.end()):
                    return run.start()
        start = end + 1
    return None


def _line_column(text: str, pos: int) -> str:
    """"LINE:COLUMN" (from 1, columns in characters) of offset `pos` in `text`."""
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return f"{line}:{column}"


def _recursion_where(exc: RecursionError, text: str) -> str:
    """Where the value that nests too deeply starts, found in tomllib's own frames (the
    outermost value being parsed); "" when they do not tell."""
    tb = exc.__traceback__
    while tb is not None:
        frame = tb.tb_frame
        if frame.f_code.co_name == "parse_value" and frame.f_locals.get("src") is text:
            pos = frame.f_locals.get("pos")
            if isinstance(pos, int):
                return _line_column(text, pos)
        tb = tb.tb_next
    return ""


def _too_deep(raw: dict[str, Any]) -> str | None:
    """The key path (its first levels) of a value nested more than MAX_DEPTH levels deep,
    else None.

    Whether there is one is asked first without building key paths (a path per value cost
    more than the rest of the check); only then are they built, to name the same value.
    """
    if not _nests_too_deep(raw, 0):
        return None
    stack: list[tuple[Any, list[str | int]]] = [(raw, [])]
    while stack:
        value, tokens = stack.pop()
        if len(tokens) > MAX_DEPTH:
            return _dotted(tokens[:4]) + "…"  # enough to find it; 33 levels say nothing more
        if isinstance(value, dict):
            stack.extend((v, [*tokens, k]) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, [*tokens, i]) for i, v in enumerate(value))
    return None


def _nests_too_deep(value: dict | list, depth: int) -> bool:
    """Whether `value`, `depth` levels down, holds anything more than MAX_DEPTH levels down
    (tomllib makes plain dicts and lists of tables and arrays): `_too_deep`'s verdict."""
    children = value.values() if isinstance(value, dict) else value
    if depth >= MAX_DEPTH:
        return len(children) > 0
    for child in children:
        if isinstance(child, (dict, list)) and _nests_too_deep(child, depth + 1):
            return True
    return False


_SYNTAX_AT = re.compile(r"^(.*?)\s*\(at (?:line (\d+), column (\d+)|end of document)\)$", re.S)

_BAD_DATE = (
    "not a real date or time (write dates as 2027-01-31, times as 2026-11-30T09:00:00+01:00)"
)
# tomllib's message → what a facilitator can do about it
_SYNTAX_HINTS = (
    ("Unterminated string", 'a string is not closed (a closing " or """ is missing)'),
    ("Illegal character '\\n'", 'a string is not closed before the end of the line '
                                '(a closing " is missing)'),
    ("Illegal character '\\r'", "a carriage return alone ends no line; "
                                "save the file with LF or CRLF line ends"),
    ("Illegal character", "a control character that TOML does not allow in text"),
    ("Expected ']' at", "a [table] header is not closed (a ] is missing)"),
    ("Expected ']]' at", "an [[array]] header is not closed (]] is missing)"),
    ("Unclosed array", "an array is not closed (a ] is missing)"),
    ("Unclosed inline table", "an inline table is not closed (a } is missing; "
                              "inline tables must fit on one line)"),
    ("Invalid date or datetime", _BAD_DATE),
    ("Unescaped '\\'", 'a backslash inside "…" must be written \\\\ (or use \'…\')'),
    ("Invalid value", 'text must be in double quotes (title = "…")'),
    ("Expected '=' after a key", "a line without = value"),
    ("Invalid statement", "a line that is neither key = value nor a [table] header"),
    ("Cannot mutate immutable namespace", "this extends a table or array already written "
                                          "out in full as a value above"),
)
_DATE_LIKE = re.compile(r"\s*\d{4}-\d")


def _syntax_error(path: Path, exc: tomllib.TOMLDecodeError, text: str) -> SessionFileError:
    """tomllib's error at "LINE:COLUMN", its wording kept and a plain hint added."""
    match = _SYNTAX_AT.match(str(exc))
    if not match:
        return SessionFileError(path, f"TOML syntax: {exc}")
    message, line, column = match.groups()
    if line is None:  # at the end of the document: point there, and say what it likely means
        where = _line_column(text, len(text))
        hint = "the file ends in the middle of a value or [table] header: is it cut off?"
        if "string" in message or message == "Expected \"'\"":
            hint = "the file ends inside a string: is it cut off?"
        return SessionFileError(path, f"TOML syntax: {message}; {hint}", where)

    where = f"{line}:{column}"
    lines = text.split("\n")
    here = lines[int(line) - 1] if int(line) <= len(lines) else ""
    hint = next((h for prefix, h in _SYNTAX_HINTS if message.startswith(prefix)), "")
    twice = re.match(r"Cannot declare (\(.*\)) twice", message)
    if twice:
        message = f"the table [{_tuple_key(twice.group(1))}] is declared twice"
        hint = "merge the two into one"
    elif message == "Cannot overwrite a value":
        stripped = here.strip()
        if stripped.startswith("["):
            hint = f"{stripped} clashes with a key of the same name set before"
        else:
            key = stripped.split("=", 1)[0].strip()
            hint = f"{key} is set twice in the same table" if key else "a key is set twice"
    elif message.startswith("Cannot redefine namespace"):
        hint = "a dotted key redefines a table declared before"
    elif message.startswith("Expected newline or end of document"):
        value = here.split("=", 1)[1] if "=" in here else ""
        if here[int(column) - 1: int(column)] == "\r":
            hint = dict(_SYNTAX_HINTS)["Illegal character '\\r'"]
        elif _DATE_LIKE.match(value):
            hint = _BAD_DATE
        else:
            hint = ('unexpected text after the value; text must be in double quotes, '
                    'one key = value per line')
    return SessionFileError(path, f"TOML syntax: {message}" + (f"; {hint}" if hint else ""),
                            where)


def _tuple_key(text: str) -> str:
    """tomllib's key tuple `('a', 'b')` as the dotted key `a.b`."""
    try:
        parts = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text
    if isinstance(parts, tuple) and all(isinstance(p, str) for p in parts):
        return ".".join(_key(p) for p in parts)
    return text


_PATH_TOKEN = re.compile(r"\.([A-Za-z0-9_]+)|\[(\d+)\]")


def _explain(message: str, raw: dict[str, Any]) -> tuple[str, str]:
    """Turn msgspec's `Expected … - at `$.a.b[1]`` into ("a.b[1]", "expected …, got …")."""
    text, sep, at = message.rpartition(" - at `")  # the value quoted in `text` may hold it
    if not sep:
        text, at = message, "$"
    at = at.rstrip("`")
    tokens: list[str | int] = [
        name if name else int(index) for name, index in _PATH_TOKEN.findall(at[1:])
    ]
    missing = re.match(r"Object missing required field `(\w+)`", text)
    if missing:
        tokens.append(missing.group(1))
        return _dotted(tokens), "missing; this key is required"

    node = _type_at(tokens)
    expected = _describe(node)
    value = _value_at(raw, tokens)
    if _is_table_array(node) and isinstance(value, dict):  # [x] written for [[x]]
        name = _dotted(tokens)
        return name, f"expected [[{name}]] blocks (an array of tables), got one [{name}] table"
    if expected and value is not _NOTHING:
        return _dotted(tokens), f"expected {expected}, got {_show(value)}"
    return _dotted(tokens), text[:1].lower() + text[1:]


def _is_table_array(node: Any) -> bool:
    from msgspec import inspect as mi

    return isinstance(node, mi.ListType) and isinstance(_strip_none(node.item_type), mi.StructType)


def _dotted(tokens: list[str | int]) -> str:
    out = ""
    for t in tokens:
        out += f"[{t}]" if isinstance(t, int) else (f".{t}" if out else t)
    return out


_NOTHING = object()


def _value_at(raw: Any, tokens: list[str | int]) -> Any:
    for t in tokens:
        try:
            raw = raw[t]
        except (KeyError, IndexError, TypeError):
            return _NOTHING
    return raw


def _type_at(tokens: list[str | int]) -> Any:
    from msgspec import inspect as mi

    node: Any = mi.type_info(Session)
    for t in tokens:
        node = _strip_none(node)
        if isinstance(t, int) and isinstance(node, mi.ListType):
            node = node.item_type
        elif isinstance(t, str) and isinstance(node, mi.StructType):
            field = next((f for f in node.fields if f.encode_name == t), None)
            if field is None:
                return None
            node = field.type
        else:
            return None
    return _strip_none(node)


def _strip_none(node: Any) -> Any:
    from msgspec import inspect as mi

    if isinstance(node, mi.UnionType):
        rest = [t for t in node.types if not isinstance(t, mi.NoneType)]
        if len(rest) == 1:
            return rest[0]
    return node


def _describe(node: Any) -> str | None:
    from msgspec import inspect as mi

    if isinstance(node, mi.IntType):
        if node.ge is not None and node.le is not None:
            return f"int {node.ge}..{node.le}"
        return "int"
    if isinstance(node, mi.LiteralType):
        return "one of " + " | ".join(_show(v) for v in node.values)
    if isinstance(node, mi.StrType):
        return "a string" + (f" matching {node.pattern}" if node.pattern else "")
    if isinstance(node, mi.DateTimeType):
        return "an offset date-time (2026-11-30T09:00:00+01:00)"
    if isinstance(node, mi.DateType):
        return "a local date (2027-01-31)"
    if isinstance(node, mi.ListType):
        return "an array"
    if isinstance(node, mi.StructType):
        return "a table"
    return None


def _show(value: Any) -> str:
    """A value as it would look in TOML, for messages."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    return str(value)


# ---------------------------------------------------------------- unknown keys


def _attach_extras(obj: msgspec.Struct, raw: dict[str, Any]) -> None:
    """Remember on `obj` (and its nested Structs) the keys of `raw` it has no field for."""
    names = _field_names(type(obj))
    if not names.keys() >= raw.keys():
        setattr(obj, _EXTRA, {k: v for k, v in raw.items() if k not in names})
    # Only tables and arrays can hold Structs: the other keys need no look (each raw table
    # became its own Struct, so the order the Structs are visited in does not matter).
    for key, raw_value in raw.items():
        if isinstance(raw_value, dict):
            attr = names.get(key)
            if attr is not None:
                value = getattr(obj, attr)
                if isinstance(value, msgspec.Struct):
                    _attach_extras(value, raw_value)
        elif isinstance(raw_value, list):
            attr = names.get(key)
            if attr is not None:
                value = getattr(obj, attr)
                if isinstance(value, list):
                    for item, raw_item in zip(value, raw_value):
                        if isinstance(item, msgspec.Struct) and isinstance(raw_item, dict):
                            _attach_extras(item, raw_item)


@functools.cache
def _field_names(cls: type[msgspec.Struct]) -> dict[str, str]:
    """A Struct type's fields, {name in the file: attribute name}, in order.

    What `msgspec.structs.fields` tells, without its cost: it evaluates every annotation anew
    on each call, which took most of the time of reading a session.
    """
    return dict(zip(cls.__struct_encode_fields__, cls.__struct_fields__))


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


def _tree(obj: Any, encoded: Any) -> Any:
    """`obj` as plain TOML values, `encoded` being its `msgspec.to_builtins` (for a Struct
    the keys msgspec writes, in order: field names, as Table renames none)."""
    if isinstance(obj, msgspec.Struct):
        out: dict[str, Any] = {}
        for key, item in encoded.items():
            value = getattr(obj, key)
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
        for name, value in msgspec.structs.asdict(obj).items():
            if value is None:
                continue
            out[name] = _to_toml_tree_by_struct(value)
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
    for key in ("participants", "decisions"):
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


def write_atomic(path: Path | str, data: bytes) -> None:
    """Replace `path` with `data` so that the file is always whole: the old or the new.

    Writes a temporary file in the same folder, fsyncs it, renames it over `path` and fsyncs
    the folder. A new file is readable by its owner only (0600: it holds an organisation's
    strategy); an existing file keeps its permissions. A symbolic link is followed: the file
    it points to is replaced, the link stays. Raises OSError; then `path` is untouched.
    """
    path = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    tmp = temporary_file(path, data)
    try:
        try:
            os.chmod(tmp, path.stat().st_mode & 0o777)
        except FileNotFoundError:
            pass
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _fsync_folder(path.parent)


def temporary_file(path: Path, data: bytes) -> str:
    """Write `data` to a new hidden temporary file beside `path` (`.<name>.<random>.tmp`,
    readable by its owner only), synced to disk; returns its path, for the caller to rename
    or link into place. Raises OSError (then no temporary file is left)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def _fsync_folder(folder: Path) -> None:
    # A rename is durable only once its folder is: without this a power cut can bring back
    # the old file, or none.
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def save_session(session: Session, path: Path | str) -> None:
    """Write `session` to `path` atomically, only if it would read back.

    Raises OSError (nothing is half-written), or SessionFileError when the session in memory
    breaks the contract (a bug: writing it would make a file the program then refuses).
    """
    data = dumps(session)
    decode_session(data, path)
    write_atomic(path, data)


def create_session(session: Session, folder: Path | str) -> Path:
    """Write `session` as a new file in `folder`, never over an existing one, and return its
    path. When `<id>.toml` exists already (or appears meanwhile: two facilitators creating
    the same session at the same moment), `session.id` is moved on to the next free id
    (`unique_id`). Works in folders without hard links too (see `place_new`). Raises
    OSError, SessionFileError (as `save_session`).
    """
    folder = Path(folder)
    while True:
        session.id = unique_id(folder, session.id)
        path = session_path(folder, session.id)
        data = dumps(session)
        decode_session(data, path)
        tmp = temporary_file(path, data)
        try:
            place_new(tmp, path)
        except FileExistsError:
            continue
        finally:
            _unlink_if_there(tmp)
        _fsync_folder(folder)
        return path


NO_HARD_LINKS = frozenset({errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS})
"""What link() fails with where a file system has no hard links (SMB, some NFS mounts,
FAT): `place_new` then takes another way."""


def place_new(tmp: str | Path, path: Path | str) -> None:
    """Give the whole, synced temporary file `tmp` the name `path`, only if nothing has that
    name yet; of two processes racing for one name exactly one wins, and the file appears
    whole (never half-written) under its name.

    A hard link does both at once. Where the folder has no hard links (link() fails with
    EPERM, ENOTSUP, EOPNOTSUPP or ENOSYS) the name is claimed by creating an empty file with
    O_CREAT|O_EXCL (which only one process can do) and `tmp` is then renamed over the claim:
    for that moment `path` is an empty file, which readers must take as "being written"
    (`lock.SessionLock.acquire` waits for it; an empty session file is refused as empty).
    `tmp` may or may not exist afterwards (the caller removes it). Raises FileExistsError
    when something has the name, OSError otherwise (then `path` is as it was).
    """
    try:
        os.link(tmp, path)
        return
    except OSError as exc:
        if exc.errno not in NO_HARD_LINKS:
            raise
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    try:
        os.replace(tmp, path)
    except BaseException:
        _unlink_if_there(path)  # the empty claim, ours alone
        raise


def _unlink_if_there(path: str | Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def backup_path(path: Path | str) -> Path:
    """The backup of a session file: `.<name>.bak` beside it, hidden from the list. It holds
    the file as it was before the last editing run first saved over it."""
    path = Path(path)
    return path.with_name(f".{path.name}.bak")


def restore_backup(path: Path | str) -> Session:
    """Swap the session file at `path` with its backup, so that restoring is itself undone
    by restoring again. Returns the session now in the file.

    Raises FileNotFoundError when there is no backup, SessionFileError when the backup does
    not read as a session (then nothing is changed), OSError when the folder cannot be written.
    """
    path = Path(path)
    backup = backup_path(path)
    data = backup.read_bytes()
    session = decode_session(data, path)
    current = path.read_bytes()
    # Each step is one rename in one folder: at every moment both versions are on disk.
    spare = temporary_file(path, current)
    try:
        os.chmod(spare, path.stat().st_mode & 0o777)
        os.replace(backup, path)
        os.replace(spare, backup)
    except BaseException:
        if os.path.exists(spare):
            os.unlink(spare)
        raise
    _fsync_folder(path.parent)
    return session


def session_path(folder: Path | str, session_id: str) -> Path:
    """Where the session `session_id` lives in `folder`: `<folder>/<id>.toml`.

    Raises ValueError when `session_id` is no session id ([a-z0-9-]{1,64}): a name with a
    slash, a dot, a NUL or a line break could point outside `folder` or at no file at all.
    """
    if not isinstance(session_id, str) or not re.match(ID_PATTERN, session_id):
        raise ValueError(f"session id {session_id!r} does not match [a-z0-9-]{{1,64}}")
    return Path(folder) / f"{session_id}{SUFFIX}"


WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{d}{n}" for d in ("com", "lpt") for n in range(10)}
)
"""Names Windows reserves for devices, with any extension (`con.toml` is the console): a
session id is never one of them, so the folder can be copied to a Windows machine."""


def unique_id(folder: Path | str, base: str) -> str:
    """A new session id for `folder`, made from the free text `base`.

    `base` is slugified (only a-z, 0-9 and single dashes: never a path, see `slugify`) and
    cut to 64 characters; "session" when nothing is left. Then `base`, `base-2`, `base-3` …,
    whichever names no file, folder or link in `folder` yet and is no Windows device name
    (con, nul, aux, com1 …), cut so the whole id stays within 64 characters. Creates nothing;
    never raises.
    """
    base = slugify(base)[:MAX_ID].strip("-") or "session"
    candidate, n = base, 1
    while candidate in WINDOWS_DEVICES or os.path.lexists(session_path(folder, candidate)):
        n += 1
        suffix = f"-{n}"
        candidate = base[: MAX_ID - len(suffix)].rstrip("-") + suffix
    return candidate


# ---------------------------------------------------------------- listing


@dataclass(frozen=True)
class Listing:
    """One file of a sessions folder: its session, or why it could not be read."""

    path: Path
    session: Session | None
    error: SessionFileError | None


def list_sessions(folder: Path | str) -> list[Listing]:
    """Every `*.toml` in `folder`, newest change first, unreadable files last.

    A missing folder lists as empty. Never raises for a bad file: it is listed with its error.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        try:
            found.append(Listing(path, read_session(path), None))
        except SessionFileError as exc:
            found.append(Listing(path, None, exc))
    good = sorted(
        (item for item in found if item.session), key=lambda i: i.session.updated, reverse=True
    )
    return good + [item for item in found if item.error]
