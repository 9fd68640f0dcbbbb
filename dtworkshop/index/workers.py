"""Parsing the files a load has to read, in batches: in this process, or for a large cold
load in a pool of worker processes; cancelling that (`_parse`), and the helper processes
that starting workers leaves (`prepare_workers`, `stop_workers`).

Files layer: imports `index.model` and `index.parsing` (whose `_parse_task` the workers run),
never the UI.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Generator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from dtworkshop.index.model import Entry, LoadCancelled
from dtworkshop.index.parsing import (
    _RESULTS,
    _parse_file,
    _parse_task,
    _Result,
    _start_worker,
)


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


def _parse(folder: Path, files: list[tuple[str, os.stat_result]], workers: int | None,
           cancel: threading.Event | None = None) -> Generator[list[Entry], None, None]:
    """Entries of `files`, parsed, in batches in name order; raises LoadCancelled once
    `cancel` is set. Closing the generator early stops its worker processes (within a file each)."""
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
            stop = context.Event()
            pool = ProcessPoolExecutor(min(workers, len(chunks)), mp_context=context,
                                       initializer=_start_worker, initargs=(stop,))
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
                # waiting for them would hold up a program that is quitting for seconds. They
                # are asked to stop, not killed: a worker killed while it sends its result
                # leaves half a message in the pipe, and the pool's manager thread waits for
                # the rest of it forever (Python 3.11; seen in test_index and CI).
                if not finished:
                    stop.set()
                pool.shutdown(wait=True, cancel_futures=True)
                del pool, futures, stop  # the semaphores go now, not at interpreter exit
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
