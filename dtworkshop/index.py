"""The index of a sessions folder: what the session browser, the decision log and search need
of every session file, kept in a cache so that no file is parsed twice.

API (no Textual; the CLI and the TUI both build on it):

    load_index(folder, *, on_batch=None, workers=None, cache=True, cancel=None) -> Index
        Index.folder: Path            the folder indexed
        Index.entries: list[Entry]    one per `*.toml` in it, by file name
        Index.parsed: list[str]       names of the files read and parsed by this load (not
                                      taken from the cache), by name
        Index.cache: Path | None      the cache file used, None when no cache could be
        Index.sessions() -> list[Entry]  the readable ones, newest change first
        Index.problems() -> list[Entry]  the unreadable ones, by name
        Index.path(entry) -> Path
    has_cache(folder) -> bool         whether a cache of the folder exists
    LoadCancelled                     raised by a load whose `cancel` event was set
    stop_workers(timeout)             end the helper processes worker processes needed
    Entry      name, size, mtime_ns, ctime_ns, ino, and either
               session: Summary   (a readable file) or error: Problem (why it is not)
    Summary    id, title, organisation, facilitator, language, created, updated, current,
               canvases {canvas key: "untouched" | "started" | "decided"}, warnings (count),
               decision_count, decisions -> [DecisionInfo: canvas, text, owner, due, made],
               text (the user's text, lower-cased UTF-8), matches(needle) -> bool
    Problem    message, where: what `SessionFileError` says of the file (`str()`: "WHERE: message")
    overdue(decision, today) -> bool

`on_batch(entries)` is called with entries as they become known: first every entry taken
from the cache (and the folders, links and devices posing as session files), then the parsed
files in batches, each batch in name order. A browser shows its first rows from the first
call, long before a cold index of thousands of files is complete; it runs `load_index` in a
thread and hands each batch to the UI.

The cache is a msgpack file, `.dtworkshop-index` in the folder, or, when the folder cannot be
written (or its cache belongs to another user), `$XDG_CACHE_HOME/dtworkshop/<hash of the
folder's absolute path>.index`, or no cache at all. It is never trusted: every `*.toml` is
stat'ed on each load, and an entry is reused only when the file's name, size, modification
time, change time and inode all match it and its modification time was at least RACY_NS
before the load that recorded it (a file changed within the file system's timestamp
granularity of that load could have changed again unseen: the racy-git problem). Everything
else is parsed again, entries of deleted files are dropped, and the cache is rewritten
atomically only when something changed. A cache that is corrupt, cut off, from another
format version or another dtworkshop version is ignored and rebuilt, never an error.

Large cold loads are parsed by a pool of worker processes (one per core); small ones
(fewer than POOL_MIN files to parse, POOL_MIN_FRESH when this process runs threads) in this
process, where a pool costs more than it saves. The result is the same either way, in the
same order. Workers started afresh import the program's main module again, as
`multiprocessing` does: a script that calls `load_index` needs `if __name__ == "__main__"`.

A load can be stopped from another thread (a program quitting in the middle of a cold load
of 10,000 files): set its `cancel` event. It is looked at between chunks of files, at least
every CANCEL_POLL seconds while workers parse; then the workers are killed and waited for,
the pool's queues and semaphores are let go of, no cache is written, and `load_index` raises
LoadCancelled. A program that used worker processes calls `stop_workers()` before it ends,
so that no process it started outlives it.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import multiprocessing
import os
import stat as statmod
import sys
import threading
import time
import tomllib
import zlib
from collections.abc import Callable, Generator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from dtworkshop import __version__
from dtworkshop.core.canvases import CANVAS_KEYS
from dtworkshop.core.session import FORMAT, CanvasStatus, Decision, Session
from dtworkshop.storage import (
    MAX_BYTES,
    MAX_DEPTH,
    SUFFIX,
    SessionFileError,
    decode_session,
    read_session,
    write_atomic,
)

CACHE_NAME = ".dtworkshop-index"
"""The cache's file name inside a sessions folder (hidden; safe to delete at any time)."""

CACHE_VERSION = 2
"""The cache's layout. Bump it whenever Entry, Summary or what goes into them changes."""

RACY_NS = 2_000_000_000
"""An entry is reused only if its file's modification time was at least this long (2 s, the
coarsest timestamp granularity of common file systems, FAT's) before the load that recorded
it; otherwise the file could have been changed again within the same timestamp."""

POOL_MIN = 200
"""Fewer files than this to parse are parsed in this process: starting worker processes
costs about what parsing 100–200 files does."""

POOL_MIN_FRESH = 500
"""The same when worker processes start afresh (a fork server or spawn: in a process that
runs threads, such as the TUI, forking could copy a lock some thread holds), which costs
0.1–0.3 s more."""

CANCEL_POLL = 0.05
"""Seconds at most between two looks at a load's `cancel` event while workers parse."""

_CHUNK = 128  # files per task given to a worker: big enough to amortise, small for first rows


class LoadCancelled(Exception):
    """A load stopped because its `cancel` event was set (nothing was written)."""


class DecisionInfo(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """A decision as the index keeps it: the fields of `core.session.Decision` (the canvas
    key it was made on, its text, owner ("" for none), due date or None, when it was made)."""

    canvas: str
    text: str
    owner: str
    due: dt.date | None
    made: dt.datetime


class Summary(msgspec.Struct, frozen=True, kw_only=True, array_like=True, gc=False):
    """What the index keeps of a readable session file (see `Session` for the fields' meaning).

    `created`/`updated` keep the file's own UTC offset. `canvases` maps every registered
    canvas key, in the source's order, to its status. `warnings` is the number of the
    canvases' open warnings. `decisions` are the file's decisions in file order. `text` is all
    the user's text of the session (titles, names, roles, every text field of every canvas,
    decisions), lower-cased, one piece per line, as UTF-8 bytes: kept as bytes because
    decoding 10,000 of them would take half the warm listing's time, and a UTF-8 substring
    search finds exactly what a str search does. Use `matches`.
    """

    id: str
    title: str
    organisation: str
    facilitator: str
    language: str
    created: dt.datetime
    updated: dt.datetime
    current: str
    canvases: dict[str, CanvasStatus]
    warnings: int
    decision_count: int
    packed_decisions: bytes
    text: bytes

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
    ("LINE:COLUMN", a dotted key path, or "" for the whole file). `str()` is "WHERE: message"
    (or "message"); put the file's path in front for the full line `validate` prints."""

    message: str
    where: str = ""

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


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


def overdue(decision: DecisionInfo | Decision, today: dt.date) -> bool:
    """Whether `decision` is overdue on `today`: its due date has passed (a decision due
    today is not overdue yet; one without a due date never is). The format has no "done"
    state, so a decision stays overdue until its due date is moved."""
    return decision.due is not None and decision.due < today


# ---------------------------------------------------------------- loading


def load_index(
    folder: Path | str,
    *,
    on_batch: Callable[[list[Entry]], object] | None = None,
    workers: int | None = None,
    cache: bool = True,
    cancel: threading.Event | None = None,
) -> Index:
    """Index every `*.toml` in `folder`, reusing the cache where the files are unchanged.

    `on_batch` is called with entries as they become known (see the module's docstring);
    an exception it raises stops the load (no cache is written) and propagates. `workers`
    is the number of worker processes for a large cold load (default: one per core; 0 or 1:
    none). `cache=False` neither reads nor writes a cache. Setting `cancel` (from any thread)
    stops the load within about CANCEL_POLL seconds or one chunk of files parsed here: its
    worker processes are killed and waited for, no cache is written, and LoadCancelled is
    raised.

    A missing folder gives an empty Index. Raises OSError (NotADirectoryError,
    PermissionError, …) only when `folder` itself cannot be listed; a bad file is an entry
    with its `error`, a bad or unwritable cache is silently replaced or done without, and
    worker processes that cannot start (or die) leave their files to this process.
    """
    folder = Path(folder)
    stamp = time.time_ns()  # before any stat: a file changed after this is seen as racy
    if not folder.exists():
        return Index(folder)
    # The folder is stat'ed in a thread while the cache is read: the stat calls wait on the
    # kernel, not on Python, and this way 10,000 of them cost nearly nothing.
    stats: list[Any] = []
    stating = threading.Thread(target=_stat_into, args=(folder, stats), daemon=True)
    stating.start()
    absolute = os.path.abspath(folder)

    here = folder / CACHE_NAME
    cached: dict[str, Entry] = {}
    cached_stamp = 0
    used: Path | None = None
    targets: list[Path] = []
    if cache:
        elsewhere = _elsewhere(absolute)
        writable = os.access(folder, os.W_OK)
        targets = [p for p in ((here, elsewhere) if writable else (elsewhere,)) if p]
        order = (here, elsewhere) if writable else (elsewhere, here)
        for candidate in (p for p in order if p):
            try:
                loaded = _read_cache(candidate, None if candidate == here else absolute)
            except PermissionError:  # another user's cache in a shared folder: leave it be
                if candidate in targets and len(targets) > 1:
                    targets.remove(candidate)
                continue
            if loaded is not None:
                (cached, cached_stamp), used = loaded, candidate
                break

    stating.join()
    if isinstance(stats[0], BaseException):
        if isinstance(stats[0], FileNotFoundError):  # removed meanwhile
            return Index(folder)
        raise stats[0]
    found = stats[0]

    entries: dict[str, Entry] = {}
    to_parse: list[tuple[str, os.stat_result]] = []
    first: list[Entry] = []
    for name, status in found:
        if status is None or not statmod.S_ISREG(status.st_mode) or not _utf8(name):
            entry = _odd_entry(folder, name)  # says why at once; not worth a cache entry
            entries[name] = entry
            first.append(entry)
            continue
        old = cached.get(name)
        if old is not None and _same(old, status) and old.mtime_ns < cached_stamp - RACY_NS:
            entries[name] = old
            first.append(old)
        else:
            to_parse.append((name, status))
    if cancel is not None and cancel.is_set():
        raise LoadCancelled(str(folder))
    if on_batch is not None and first:
        on_batch(sorted(first, key=lambda e: e.name))

    parsed: list[str] = []
    batches = _parse(folder, to_parse, workers, cancel)
    try:
        for batch in batches:
            for entry in batch:
                entries[entry.name] = entry
                parsed.append(entry.name)
            if on_batch is not None:
                on_batch(batch)
    finally:
        batches.close()  # stops the worker processes at once should on_batch raise
    if cancel is not None and cancel.is_set():  # a load cut short must not become the cache
        raise LoadCancelled(str(folder))

    ordered = [entries[name] for name in sorted(entries)]
    index = Index(folder, ordered, sorted(parsed), used)
    if cache and targets:
        regular = {e.name: e for e in ordered if e.ino != -1}
        if _worth_writing(cached, cached_stamp, regular, stamp, parsed, used, targets):
            index.cache = _write_cache(targets, absolute, stamp, regular) or used
    return index


def has_cache(folder: Path | str) -> bool:
    """Whether a cache of `folder` exists (in it, or outside it for a read-only folder): then
    a load of an unchanged folder takes a fraction of a second. Says nothing of whether the
    cache is still right (`load_index` decides that, file by file)."""
    folder = Path(folder)
    elsewhere = _elsewhere(os.path.abspath(folder))
    return (folder / CACHE_NAME).exists() or (elsewhere is not None and elsewhere.exists())


def _stat_into(folder: Path, out: list[Any]) -> None:
    """`_stat_folder(folder)`, or the exception it raised, appended to `out`."""
    try:
        out.append(_stat_folder(folder))
    except BaseException as exc:  # handed to the caller's thread
        out.append(exc)


def _stat_folder(folder: Path) -> list[tuple[str, os.stat_result | None]]:
    """Every `*.toml` name in `folder` with its stat (following links), None if that fails."""
    found = []
    with os.scandir(folder) as listing:
        for item in listing:
            if not item.name.endswith(SUFFIX):
                continue
            try:
                status = item.stat()
            except OSError:
                status = None
            found.append((item.name, status))
    return found


def _utf8(name: str) -> bool:
    """Whether the file name is text (a name of other bytes cannot go into the cache, and
    is no session's name anyway)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _same(entry: Entry, status: os.stat_result) -> bool:
    return (
        entry.size == status.st_size
        and entry.mtime_ns == status.st_mtime_ns
        and entry.ctime_ns == status.st_ctime_ns
        and entry.ino == status.st_ino
    )


def _odd_entry(folder: Path, name: str) -> Entry:
    """The entry of something that is no regular file (a folder, a broken link, a device)
    or has a name that is no text: `read_session` says why."""
    try:
        read_session(folder / name)
    except SessionFileError as exc:
        problem = Problem(exc.message, exc.where)
    else:  # it became a regular file meanwhile: the next load reads it properly
        problem = Problem("changed while being listed; list the folder again")
    return Entry(name=name, size=-1, mtime_ns=-1, ctime_ns=-1, ino=-1, error=problem)


def _worth_writing(cached: dict[str, Entry], cached_stamp: int, regular: dict[str, Entry],
                   stamp: int, parsed: list[str], used: Path | None,
                   targets: list[Path]) -> bool:
    """Whether writing the cache would tell the next load anything the old one does not."""
    if used is None or used != targets[0] or cached.keys() != regular.keys():
        return True
    for name in parsed:
        entry = regular.get(name)
        if entry is None:
            continue
        if entry != cached.get(name):
            return True
        # Unchanged but re-read because it was racy: worth writing once the new stamp makes
        # it trustworthy, else every load would rewrite the cache for a future-dated file.
        if entry.mtime_ns < stamp - RACY_NS and not entry.mtime_ns < cached_stamp - RACY_NS:
            return True
    return False


# ---------------------------------------------------------------- parsing


def _parse(folder: Path, files: list[tuple[str, os.stat_result]], workers: int | None,
           cancel: threading.Event | None = None) -> Generator[list[Entry], None, None]:
    """Entries of `files`, parsed, in batches in name order; raises LoadCancelled once
    `cancel` is set. Closing the generator early kills its worker processes."""
    files = sorted(files, key=lambda f: f[0])
    chunks = [files[i:i + _CHUNK] for i in range(0, len(files), _CHUNK)]
    if workers is None:
        workers = _cores()
    done = 0
    context = _context() if workers > 1 and len(files) >= POOL_MIN else None
    if context and (context.get_start_method() == "fork" or len(files) >= POOL_MIN_FRESH):
        tasks = [(str(folder), [(name, status.st_size) for name, status in chunk])
                 for chunk in chunks]
        # Whatever keeps the pool from working (no semaphores in some sandboxes, a worker
        # killed for memory, a main module that starts itself again) only costs the speed:
        # what the workers did not parse is parsed here.
        try:
            pool = ProcessPoolExecutor(min(workers, len(chunks)), mp_context=context)
        except Exception:
            pool = None
        if pool is not None:
            finished = False
            futures: list[Any] = []
            try:
                futures = [pool.submit(_parse_task, task) for task in tasks]
                for chunk, future in zip(chunks, futures):
                    yield _entries(chunk, _RESULTS.decode(_result(future, cancel)))
                    done += 1
                finished = True
            except LoadCancelled:
                raise
            except Exception:  # a bug in parsing itself shows again below, in this process
                finished = True
            finally:
                # Cancelled, or closed early: the workers' chunks are no longer wanted, and
                # waiting for them would hold up a program that is quitting for seconds.
                if not finished:
                    _kill_workers(pool)
                pool.shutdown(wait=True, cancel_futures=True)
                del pool, futures  # the queues' semaphores go now, not at interpreter exit
    for chunk in chunks[done:]:
        results = []
        for name, status in chunk:  # a big file can take 50 ms: cancel is looked at for each
            if cancel is not None and cancel.is_set():
                raise LoadCancelled(str(folder))
            results.append(_parse_file(folder / name, status.st_size))
        yield _entries(chunk, results)


def _result(future: Any, cancel: threading.Event | None) -> bytes:
    """The result of a worker's `future`, looking at `cancel` every CANCEL_POLL seconds."""
    while True:
        if cancel is not None and cancel.is_set():
            raise LoadCancelled()
        try:
            return future.result(timeout=CANCEL_POLL if cancel is not None else None)
        except TimeoutError:
            continue


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the worker processes of `pool` (they only parse: nothing of theirs is lost)."""
    terminate = getattr(pool, "terminate_workers", None)  # Python 3.14 and later
    if terminate is not None:
        try:
            terminate()
        except Exception:
            pass
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            process.terminate()
        except Exception:  # already gone
            pass


def stop_workers(timeout: float = 2.0) -> None:
    """End the helper processes that starting worker processes left running in this
    process (multiprocessing's fork server and resource tracker) and wait for them, at most
    `timeout` seconds: call it when the program ends, after its loads have finished or been
    cancelled, so that no process it started outlives it. Never raises; a no-op when none
    were started."""
    def stop() -> None:
        from multiprocessing import forkserver, resource_tracker

        for helper in (forkserver._forkserver, resource_tracker._resource_tracker):
            try:
                helper._stop()  # closes its pipe, which ends it, then reaps it
            except Exception:
                pass

    # The helpers end when nothing holds their pipes any more; should a stray worker still
    # hold one, this process does not wait for it beyond `timeout`.
    stopping = threading.Thread(target=stop, name="dtworkshop-stop-workers", daemon=True)
    stopping.start()
    stopping.join(timeout)


def _entries(chunk: list[tuple[str, os.stat_result]], results: list[_Result]) -> list[Entry]:
    return [
        Entry(name=name, size=status.st_size, mtime_ns=status.st_mtime_ns,
              ctime_ns=status.st_ctime_ns, ino=status.st_ino,
              session=result.session, error=result.error)
        for (name, status), result in zip(chunk, results)
    ]


def prepare_workers() -> None:
    """Make worker processes startable later from any thread; call it from the main thread
    of a program that replaces `sys.stderr` (a TUI: Textual's stand-in has no file
    descriptor, and multiprocessing's resource tracker passes that descriptor on, failing
    with "bad value(s) in fds_to_keep" and leaving a cold load to one process). Starts the
    tracker once, with the real stderr. Never raises."""
    from multiprocessing import resource_tracker

    saved = sys.stderr
    try:
        if sys.__stderr__ is not None:
            sys.stderr = sys.__stderr__
        resource_tracker.ensure_running()
    except Exception:
        pass
    finally:
        sys.stderr = saved


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _context() -> multiprocessing.context.BaseContext:
    # fork is the cheapest start, but forking a process that runs other threads (the TUI)
    # can copy a lock some thread holds and hang the child: then the fork server, which
    # forks from a clean process.
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        # The server would otherwise import the program's __main__ again; this is all the
        # workers need.
        context.set_forkserver_preload(["dtworkshop.index"])
        return context
    return multiprocessing.get_context("spawn")


class _Result(msgspec.Struct, array_like=True):
    """What parsing one file gives; the stat key is added by the caller."""

    session: Summary | None = None
    error: Problem | None = None


_RESULTS = msgspec.msgpack.Decoder(list[_Result])


def _parse_task(task: tuple[str, list[tuple[str, int]]]) -> bytes:
    """In a worker process: parse the files of `task` (folder, [(name, size)]); the results
    as msgpack, which crosses the process boundary faster than pickled Structs."""
    folder, files = task
    return _encode(_parse_files(Path(folder), files))


def _parse_files(folder: Path, files: list[tuple[str, int]]) -> list[_Result]:
    return [_parse_file(folder / name, size) for name, size in files]


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
            return _Result(error=Problem(exc.message, exc.where))
    return _Result(session=summarise(session))


def _slow(path: Path) -> _Result:
    try:
        return _Result(session=summarise(read_session(path)))
    except SessionFileError as exc:
        return _Result(error=Problem(exc.message, exc.where))


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
    levels down: the verdict of `storage._too_deep`, without building key paths (it only
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
        current=session.current,
        canvases={key: session.status(key) for key in CANVAS_KEYS},
        warnings=sum(len(found) for found in warnings.values()),
        decision_count=len(session.decisions),
        packed_decisions=_encode([DecisionInfo(d.canvas, d.text, d.owner, d.due, d.made)
                                  for d in session.decisions]),
        text="\n".join(_texts(session)).lower().encode("utf-8", "surrogatepass"),
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


# ---------------------------------------------------------------- the cache file


class _Head(msgspec.Struct, array_like=True):
    """The cache file's header. The file is MAGIC, the header's length (4 bytes, big-endian),
    the header (msgpack), then the entries (msgpack, `length` bytes, CRC-32 `crc`: a flipped
    bit must not show as a title); the entries are decoded only once the header fits."""

    version: int
    program: str
    folder: str
    stamp_ns: int
    crc: int
    length: int


_MAGIC = b"DTWI"
_PROGRAM = f"dtworkshop {__version__} format {FORMAT}"
_HEAD = msgspec.msgpack.Decoder(_Head)
_ENTRIES = msgspec.msgpack.Decoder(list[Entry])


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


def _elsewhere(absolute: str) -> Path | None:
    """The cache of the folder `absolute` outside it: `$XDG_CACHE_HOME/dtworkshop/…`."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if not base or not os.path.isabs(base):
        home = os.path.expanduser("~")
        if home == "~":
            return None
        base = os.path.join(home, ".cache")
    digest = hashlib.sha256(os.fsencode(absolute)).hexdigest()[:32]
    return Path(base) / "dtworkshop" / f"{digest}.index"


def _read_cache(path: Path, folder: str | None) -> tuple[dict[str, Entry], int] | None:
    """The entries and stamp of the cache at `path` (that of `folder` if given), None when
    it is absent, unreadable, corrupt, cut off or of another version. Raises PermissionError
    when the file exists but may not be read."""
    try:
        data = path.read_bytes()
    except PermissionError:
        raise
    except OSError:
        return None
    if not data.startswith(_MAGIC):
        return None
    start = len(_MAGIC) + 4
    end = start + int.from_bytes(data[len(_MAGIC):start], "big")
    payload = memoryview(data)[end:]  # no copy of the (large) entries
    try:
        head = _HEAD.decode(data[start:end])
        if head.version != CACHE_VERSION or head.program != _PROGRAM:
            return None
        if folder is not None and head.folder != folder:
            return None
        if len(payload) != head.length or zlib.crc32(payload) != head.crc:
            return None
        entries = _ENTRIES.decode(payload)
    except (msgspec.DecodeError, ValueError, TypeError, RecursionError):
        return None
    return {e.name: e for e in entries if (e.session is None) != (e.error is None)}, head.stamp_ns


def _write_cache(targets: list[Path], folder: str, stamp: int,
                 entries: dict[str, Entry]) -> Path | None:
    """Write the cache to the first of `targets` that takes it; return it, None if none."""
    payload = msgspec.msgpack.encode(_builtins(list(entries.values())))
    head = msgspec.msgpack.encode(_Head(CACHE_VERSION, _PROGRAM, folder, stamp,
                                        zlib.crc32(payload), len(payload)))
    data = b"".join((_MAGIC, len(head).to_bytes(4, "big"), head, payload))
    for target in targets:
        try:
            if target.name != CACHE_NAME:
                target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            write_atomic(target, data)
        except OSError:
            continue
        return target
    return None
