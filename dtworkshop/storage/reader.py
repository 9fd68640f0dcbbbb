"""Reading and validating session files: `read_session` (a path), `decode_session` (bytes).

Files are decoded in two steps so that every error can be located: `tomllib` for the TOML
syntax (line and column), then `msgspec.convert` against `Session` for the content (dotted
key path). Keys a newer dtworkshop wrote are attached to the Structs on load, for
`storage.toml_writer` to write back unchanged. Errors are `storage.errors.SessionFileError`.

Files layer: imports `dtworkshop.core`, `storage.errors` and `storage.toml_writer`, never
the UI.
"""

from __future__ import annotations

import functools
import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Any

import msgspec

from dtworkshop.core.session import FORMAT, Session
from dtworkshop.storage.errors import (
    SessionFileError,
    os_params,
    refusal,
    _dotted,
    _explain,
    _line_column,
    _show,
    _syntax_error,
)
from dtworkshop.storage.toml_writer import _EXTRA

SUFFIX = ".toml"
MAX_BYTES = 5 * 1024 * 1024  # a real session is a few KB; larger is not a session file


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
        raise _unreadable(path, exc) from None
    if stat.S_ISDIR(status.st_mode):
        raise refusal(path, "read.folder")
    if not stat.S_ISREG(status.st_mode):
        raise refusal(path, "read.not_regular")
    if status.st_size > MAX_BYTES:
        raise _too_large(path, status.st_size)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # never more, should it have grown meanwhile
    except FileNotFoundError:
        raise _missing(path) from None
    except OSError as exc:
        raise _unreadable(path, exc) from None
    return decode_session(data, path)


def _missing(path: Path) -> SessionFileError:
    if path.is_symlink():
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        return refusal(path, "read.broken_link", target=target)
    return refusal(path, "read.no_such_file")


def _unreadable(path: Path, exc: OSError) -> SessionFileError:
    if isinstance(exc, PermissionError):
        return refusal(path, "read.permission", **os_params(exc))
    return refusal(path, "read.cannot_read", **os_params(exc))


def _too_large(path: Path, size: int) -> SessionFileError:
    return refusal(path, "read.too_large", megabytes=size / (1024 * 1024))


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
        raise refusal(path, "read.utf16")
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data  # a BOM is harmless
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = body[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        raise refusal(path, "read.not_utf8", f"{line}:{column}",
                      byte=f"{body[exc.start]:02X}") from None

    deep = _deep_key(text)
    if deep is not None:  # checked first: tomllib takes time quadratic in a key's length
        raise _too_deep_error(path, _line_column(text, deep))
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(path, exc, text) from None
    except RecursionError as exc:  # arrays or inline tables inside each other, hundreds deep
        raise _too_deep_error(path, _recursion_where(exc, text)) from None
    if not raw:
        raise refusal(path, "read.empty")

    version = raw.get("format")
    if version is None:
        if raw.keys() & {"id", "created", "updated"}:
            raise refusal(path, "read.format_missing", "format")
        raise refusal(path, "read.not_a_session", "format")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SessionFileError(path, f"expected int, got {_show(version)}", "format")
    if version > FORMAT:
        raise refusal(path, "read.format_newer", "format", version=version, format=FORMAT)
    if version < 1:
        raise SessionFileError(path, f"expected 1, got {version}", "format")
    too_deep = _too_deep(raw)
    if too_deep is not None:
        raise _too_deep_error(path, too_deep)

    try:
        session = msgspec.convert(raw, Session, strict=True)
    except msgspec.ValidationError as exc:
        where, message = _explain(str(exc), raw)
        raise SessionFileError(path, message, where) from None
    except RecursionError:
        raise _too_deep_error(path, "") from None

    if path.suffix == SUFFIX and session.id != path.stem:
        raise refusal(path, "read.id_mismatch", "id", id=_show(session.id), name=path.name)
    _attach_extras(session, raw)
    return session


def _too_deep_error(path: Path, where: str) -> SessionFileError:
    return refusal(path, "read.too_deep", where, depth=MAX_DEPTH)

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
