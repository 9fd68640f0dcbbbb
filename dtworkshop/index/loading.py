"""`load_index`: stat every `*.toml` of a folder, take what the cache knows, parse the rest
(`index.workers`), hand the entries over in batches, and write the cache again.

Files layer: imports `storage` and the other `index` modules, never the UI.
"""

from __future__ import annotations

import os
import stat as statmod
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dtworkshop.index.cache import (
    CACHE_NAME,
    RACY_NS,
    _elsewhere,
    _read_cache,
    _same,
    _worth_writing,
    _write_cache,
)
from dtworkshop.index.model import Entry, Index, LoadCancelled, Problem
from dtworkshop.index.workers import _parse
from dtworkshop.storage.errors import SessionFileError, refusal
from dtworkshop.storage.reader import SUFFIX, read_session


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


def _odd_entry(folder: Path, name: str) -> Entry:
    """The entry of something that is no regular file (a folder, a broken link, a device)
    or has a name that is no text: `read_session` says why."""
    try:
        read_session(folder / name)
    except SessionFileError as exc:
        problem = Problem.of(exc)
    else:  # it became a regular file meanwhile: the next load reads it properly
        problem = Problem.of(refusal(folder / name, "read.changed_while_listed"))
    return Entry(name=name, size=-1, mtime_ns=-1, ctime_ns=-1, ino=-1, error=problem)
