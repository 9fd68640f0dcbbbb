"""Parsing one session file into what the index keeps of it: `_parse_file` (a `Summary` or
a `Problem`, by way of `storage.reader`) and `summarise`, with the user's text that search
looks in (`session_texts`). The worker processes run `_parse_task`.

Files layer: imports `dtworkshop.core`, `storage.reader`, `storage.errors` and
`index.model`, never the UI.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import msgspec

from dtworkshop.core.canvases import CANVAS_KEYS
from dtworkshop.core.session import FORMAT, Session
from dtworkshop.index.model import DecisionInfo, Problem, Summary, _encode
from dtworkshop.storage.errors import SessionFileError
from dtworkshop.storage.reader import (
    MAX_BYTES,
    MAX_DEPTH,
    SUFFIX,
    decode_session,
    read_session,
)


class _Result(msgspec.Struct, array_like=True):
    """What parsing one file gives; the stat key is added by the caller."""

    session: Summary | None = None
    error: Problem | None = None


_RESULTS = msgspec.msgpack.Decoder(list[_Result])


_stop: Any = None  # in a worker process: its pool's stop event (`_start_worker`)


def _start_worker(stop: Any) -> None:
    """In a worker process, as it starts: keep `stop`, a multiprocessing Event that the
    parent sets when the load is cancelled or no longer wanted."""
    global _stop
    _stop = stop


def _parse_task(task: tuple[str, list[tuple[str, int]]]) -> bytes:
    """In a worker process: parse the files of `task` (folder, [(name, size)]); the results
    as msgpack, which crosses the process boundary faster than pickled Structs. Once the
    pool's stop event is set the task ends at the next file, with the results so far."""
    folder, files = task
    results = []
    for name, size in files:
        if _stop is not None and _stop.is_set():
            break
        results.append(_parse_file(Path(folder) / name, size))
    return _encode(results)


def _parse_file(path: Path, size: int) -> _Result:
    """The summary or the problem of the session file at `path` (`size` bytes when stat'ed).

    The common case takes a lean path: the same checks as `storage.decode_session` in the
    same order, minus its two slow parts that only a bad or hostile file needs (the dotted
    key scan, done here only when a line could hold such a key, and the search for unknown
    keys to keep, which a summary does not need). Whatever the lean path doubts it hands to
    `read_session`/`decode_session`, so the verdict and the message are always theirs.
    """
    if size > MAX_BYTES:
        return _slow(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError:
        return _slow(path)
    session = _lean_decode(data, path)
    if session is None:
        try:
            session = decode_session(data, path)
        except SessionFileError as exc:
            return _Result(error=Problem.of(exc))
    return _Result(session=summarise(session))


def _slow(path: Path) -> _Result:
    try:
        return _Result(session=summarise(read_session(path)))
    except SessionFileError as exc:
        return _Result(error=Problem.of(exc))


def _lean_decode(data: bytes, path: Path) -> Session | None:
    """The session in `data` if it passes every check of `decode_session` on the fast path,
    else None (then `decode_session` decides, with its message)."""
    if len(data) > MAX_BYTES or data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:2]:
        return None
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    # decode_session refuses a dotted key of more than MAX_DEPTH parts; such a key sits on
    # one line holding more than MAX_DEPTH dots, which no real session has.
    if text.count(".") > MAX_DEPTH and any(
        line.count(".") > MAX_DEPTH for line in text.split("\n")
    ):
        return None
    try:
        raw = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return None
    version = raw.get("format")
    if type(version) is not int or not 1 <= version <= FORMAT or _nests_too_deep(raw, 0):
        return None
    try:
        session = msgspec.convert(raw, Session, strict=True)
    except (msgspec.ValidationError, RecursionError):
        return None
    if path.suffix == SUFFIX and session.id != path.stem:
        return None
    return session


def _nests_too_deep(value: dict | list, depth: int) -> bool:
    """Whether `value`, `depth` levels down in a file, holds anything more than MAX_DEPTH
    levels down: the verdict of `storage.reader._too_deep`, without building key paths (it only
    looks into tables and arrays, of which tomllib makes plain dicts and lists)."""
    children = value.values() if type(value) is dict else value
    if depth >= MAX_DEPTH:
        return len(children) > 0
    for child in children:
        kind = type(child)
        if (kind is dict or kind is list) and _nests_too_deep(child, depth + 1):
            return True
    return False


def summarise(session: Session) -> Summary:
    """The index's summary of `session` (pure; never raises)."""
    warnings = session.warnings()
    return Summary(
        id=session.id,
        title=session.title,
        organisation=session.organisation,
        facilitator=session.facilitator,
        language=session.language,
        created=session.created,
        updated=session.updated,
        day=session.day,
        current=session.current,
        canvases={key: session.status(key) for key in CANVAS_KEYS},
        warnings=sum(len(found) for found in warnings.values()),
        decision_count=len(session.decisions),
        packed_decisions=_encode([DecisionInfo(d.canvas, d.text, d.owner, d.due, d.made,
                                                d.status, d.closed)
                                  for d in session.decisions]),
        text="\n".join(_texts(session)).lower().encode("utf-8", "surrogatepass"),
        follows=session.follows,
    )


_PLANS: dict[type, list[tuple[str, str]]] = {}


def session_texts(session: Session) -> list[str]:
    """Every piece of free text the user wrote in `session` (titles, names, roles, every
    text field of every canvas, decisions), as written, in file order: what search looks in.
    `Summary.text` is these, lower-cased."""
    return _texts(session)


def _texts(obj: msgspec.Struct, out: list[str] | None = None) -> list[str]:
    """Every non-empty free-text value (str fields, not enumeration words) in `obj`, in
    field order, nested tables and arrays included."""
    if out is None:
        out = []
    plan = _PLANS.get(type(obj))
    if plan is None:
        plan = _PLANS[type(obj)] = _plan(type(obj))
    for name, kind in plan:
        value = getattr(obj, name)
        if not value:
            continue
        if kind == "str":
            out.append(value)
        elif kind == "strs":
            out.extend(v for v in value if v)
        elif kind == "struct":
            _texts(value, out)
        else:
            for item in value:
                _texts(item, out)
    return out


def _plan(cls: type) -> list[tuple[str, str]]:
    from msgspec import inspect as mi

    def bare(node: Any) -> Any:
        if isinstance(node, mi.UnionType):
            rest = [t for t in node.types if not isinstance(t, mi.NoneType)]
            return rest[0] if len(rest) == 1 else node
        return node

    plan = []
    for f in mi.type_info(cls).fields:
        node = bare(f.type)
        if isinstance(node, mi.StrType):
            plan.append((f.name, "str"))
        elif isinstance(node, mi.StructType):
            plan.append((f.name, "struct"))
        elif isinstance(node, mi.ListType):
            item = bare(node.item_type)
            if isinstance(item, mi.StrType):
                plan.append((f.name, "strs"))
            elif isinstance(item, mi.StructType):
                plan.append((f.name, "structs"))
    return plan
