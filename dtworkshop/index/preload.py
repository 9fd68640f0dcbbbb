"""The index of the sessions folder, read in a thread from the moment the app is made, for
the browser to show at once (`Preload`).

Files layer: no Textual; imports the other `index` modules. The app (`ui/app.py`) makes one,
the browser (`ui/screens/browser.py`) takes its batches.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from pathlib import Path

from dtworkshop.index.browsing import FIRST_SORT, Item, in_order
from dtworkshop.index.cache import has_cache
from dtworkshop.index.loading import load_index
from dtworkshop.index.model import Entry
from dtworkshop.index.workers import prepare_workers

SORT_OFF_THREAD = 200
"""A first list longer than this is sorted in the loading thread, not in the UI's."""

WAIT_FOR_FIRST = 0.25
"""Seconds the app's start waits at most for the list of a folder that has an index cache
(see Preload)."""


class Preload:
    """The index of a sessions folder, read in a thread from the moment the app is made.
    Iterate over it for the index's batches, as `load_index` hands them over, each with the
    browser's rows of it in the first sort order (newest first; None for a small batch,
    sorted where it is shown); iterating raises what loading raised (OSError).

    When the folder has an index cache, the app's start waits up to WAIT_FOR_FIRST seconds
    for the first rows before Textual starts. Reading the cache beside Textual's start costs
    more than waiting for it: the 10,000 `stat` calls each give up the interpreter lock and
    must win it back from the busy UI thread, which made them take 0.3 s instead of 0.05 s,
    and the whole list came 0.2 s later than it does now. A folder read for the first time,
    or a slow network folder, does not hold the start up longer than that. The first rows
    are sorted in the loading thread too, in the order the browser opens with.

    Setting `cancel` stops the reading (iterating then raises LoadCancelled); `thread` is the
    thread reading, for a program that ends to wait for.
    """

    def __init__(self, folder: Path, cancel: threading.Event | None = None) -> None:
        self.folder = folder
        self.cancel = cancel
        warm = has_cache(folder)
        if not warm:
            prepare_workers()  # here stderr is still the terminal's (see prepare_workers)
        self._batches: queue.Queue[tuple[list[Entry], list[Item] | None] | BaseException | None]
        self._batches = queue.Queue()
        self._first = threading.Event()
        self.thread = threading.Thread(target=self._run, name="dtworkshop-preload", daemon=True)
        self.thread.start()
        if warm and not self._first.wait(WAIT_FOR_FIRST):
            # A cache that no longer fits (a new version of the program, a corrupt file):
            # the folder is being read afresh and may need worker processes after all.
            prepare_workers()

    def _run(self) -> None:
        try:
            load_index(self.folder, on_batch=self._put, cancel=self.cancel)
        except BaseException as exc:  # handed to whoever iterates
            self._batches.put(exc)
        finally:
            self._batches.put(None)
            self._first.set()

    def _put(self, entries: list[Entry]) -> None:
        # Sorted here, while the app's start waits, not later beside Textual's.
        listing = None
        if len(entries) > SORT_OFF_THREAD:
            listing = in_order([Item(self.folder, e) for e in entries], *FIRST_SORT)
        self._batches.put((entries, listing))
        self._first.set()

    def __iter__(self) -> Iterator[tuple[list[Entry], list[Item] | None]]:
        while (item := self._batches.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            yield item
