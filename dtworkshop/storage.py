"""Reading, validating and writing session files, and listing a folder of them.

Files are decoded in two steps so that every error can be located: `tomllib` for the TOML
syntax (line and column), then `msgspec.convert` against `Session` for the content (dotted
key path). Keys a newer dtworkshop wrote are attached to the Structs on load and written back
unchanged on save. Saves are atomic: nothing on disk is ever half-written.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec
import tomli_w

from dtworkshop.core.session import FORMAT, Session

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


def read_session(path: Path | str) -> Session:
    """Read and validate the session file at `path`.

    Raises SessionFileError naming the file and the line/column or key path at fault.
    """
    path = Path(path)
    try:
        if path.is_dir():
            raise SessionFileError(path, "is a folder, not a session file")
        if path.exists() and not path.is_file():
            raise SessionFileError(path, "is not a regular file")
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # never more: a huge file is refused unread
    except FileNotFoundError:
        raise SessionFileError(path, "no such file") from None
    except OSError as exc:
        raise SessionFileError(path, exc.strerror or str(exc)) from None
    return decode_session(data, path)


def decode_session(data: bytes, path: Path | str) -> Session:
    """Decode and validate session file bytes read from `path` (used in messages only).

    Raises SessionFileError.
    """
    path = Path(path)
    if len(data) > MAX_BYTES:
        raise SessionFileError(path, "is larger than 5 MB; a session file is a few KB")
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data  # a BOM is harmless
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = body[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        raise SessionFileError(path, "is not valid UTF-8 text", f"{line}:{column}") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(path, exc) from None
    except RecursionError:
        raise SessionFileError(path, "nests tables too deeply") from None

    version = raw.get("format")
    if version is None:
        raise SessionFileError(path, "missing; this is not a dtworkshop session file", "format")
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

    try:
        session = msgspec.convert(raw, Session, strict=True)
    except msgspec.ValidationError as exc:
        where, message = _explain(str(exc), raw)
        raise SessionFileError(path, message, where) from None
    except RecursionError:
        raise SessionFileError(path, "nests tables too deeply") from None

    if path.suffix == SUFFIX and session.id != path.stem:
        raise SessionFileError(
            path, f"{_show(session.id)} does not match the file name {path.name}", "id"
        )
    _attach_extras(session, raw)
    return session


_SYNTAX_AT = re.compile(r"^(.*?)\s*\(at line (\d+), column (\d+)\)$")


def _syntax_error(path: Path, exc: tomllib.TOMLDecodeError) -> SessionFileError:
    match = _SYNTAX_AT.match(str(exc))
    if match:
        message, line, column = match.groups()
        return SessionFileError(path, f"TOML syntax: {message}", f"{line}:{column}")
    return SessionFileError(path, f"TOML syntax: {exc}")


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

    expected = _describe(_type_at(tokens))
    value = _value_at(raw, tokens)
    if expected and value is not _NOTHING:
        return _dotted(tokens), f"expected {expected}, got {_show(value)}"
    return _dotted(tokens), text[:1].lower() + text[1:]


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
    names = {f.encode_name: f.name for f in msgspec.structs.fields(obj)}
    extra = {k: v for k, v in raw.items() if k not in names}
    if extra:
        setattr(obj, _EXTRA, extra)
    for key, attr in names.items():
        value, raw_value = getattr(obj, attr), raw.get(key)
        if isinstance(value, msgspec.Struct) and isinstance(raw_value, dict):
            _attach_extras(value, raw_value)
        elif isinstance(value, list) and isinstance(raw_value, list):
            for item, raw_item in zip(value, raw_value):
                if isinstance(item, msgspec.Struct) and isinstance(raw_item, dict):
                    _attach_extras(item, raw_item)


def _to_toml_tree(obj: Any) -> Any:
    """`obj` as plain TOML values: Struct fields in order, None dropped, unknown keys last."""
    if isinstance(obj, msgspec.Struct):
        out: dict[str, Any] = {}
        for name, value in msgspec.structs.asdict(obj).items():
            if value is None:
                continue
            out[name] = _to_toml_tree(value)
        encoded = msgspec.to_builtins(obj, builtin_types=(dt.datetime, dt.date))
        out = {k: out[k] for k in encoded if k in out}  # msgspec decides what is omitted
        for key, value in getattr(obj, _EXTRA, {}).items():
            out.setdefault(key, value)
        return out
    if isinstance(obj, list):
        return [_to_toml_tree(v) for v in obj]
    return obj


# ---------------------------------------------------------------- writing


def dumps(session: Session) -> bytes:
    """The session as UTF-8 TOML bytes, laid out for people: the header keys first, then one
    `[table]` per canvas in the source's order, arrays of tables always as `[[name]]` blocks
    and date-times as `2026-11-30T09:00:00+01:00`.

    tomli-w renders every value; only the layout is ours, because
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
        if isinstance(value, dt.datetime):
            lines.append(f"{_key(key)} = {value.isoformat()}")
        else:
            # Multi-line strings read best as """ blocks, but tomli-w cannot keep a "\r" in one.
            multiline = not _has_cr(value)
            lines.append(tomli_w.dumps({key: value}, multiline_strings=multiline).rstrip("\n"))
    for key, value in nested:
        if isinstance(value, dict):
            _emit_table(value, [*name, key], lines, header=True)
        else:
            for item in value:
                _emit_table(item, [*name, key], lines, header=True, aot=True)


def _has_cr(value: Any) -> bool:
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, list):
        return any(_has_cr(v) for v in value)
    if isinstance(value, dict):
        return any(_has_cr(v) for v in value.values())
    return False


def _key(key: str) -> str:
    if re.fullmatch(r"[A-Za-z0-9_-]+", key):
        return key
    return tomli_w.dumps({"k": key})[4:].strip()


def write_atomic(path: Path | str, data: bytes) -> None:
    """Replace `path` with `data` so that the file is always whole: the old or the new.

    Writes a temporary file in the same folder, fsyncs it, renames it over `path` and fsyncs
    the folder. A new file is readable by its owner only (0600: it holds an organisation's
    strategy); an existing file keeps its permissions. Raises OSError; then `path` is untouched.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
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
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
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


def session_path(folder: Path | str, session_id: str) -> Path:
    """Where the session `session_id` lives in `folder`: `<folder>/<id>.toml`."""
    return Path(folder) / f"{session_id}{SUFFIX}"


def unique_id(folder: Path | str, base: str) -> str:
    """`base`, or `base-2`, `base-3` … whichever names no file in `folder` yet (≤ 64 chars)."""
    base = base[:60].strip("-") or "session"
    candidate, n = base, 1
    while session_path(folder, candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
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
