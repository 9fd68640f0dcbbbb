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
    Summary    id, title, organisation, facilitator, language, created, updated, day, current,
               canvases {canvas key: "untouched" | "started" | "decided"}, warnings (count),
               decision_count, decisions -> [DecisionInfo: canvas, text, owner, due, made,
                                                     status, closed],
               text (the user's text, lower-cased UTF-8), matches(needle) -> bool,
               follows (id of the session it follows up, or None)
    Problem    message, where: what `SessionFileError` says of the file (`str()`: "WHERE: message")
    overdue(decision, today) -> bool
    carried_over(summaries) -> {(session id, canvas, made)}: decisions a follow-up took over

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

The package's modules, by what they hold: `index.model` (Index, Entry, Summary, Problem,
DecisionInfo, overdue, LoadCancelled), `index.loading` (load_index), `index.cache` (the
cache file, has_cache, CACHE_NAME), `index.workers` (parsing in batches, the worker
processes, prepare_workers, stop_workers), `index.parsing` (one file: summarise,
session_texts); for the TUI's session browser, `index.browsing` (its rows, filters, sort
orders and search line) and `index.preload` (the folder read while the app starts).
Imports go preload → browsing, loading; loading → cache, workers → parsing → model; and
from them to `dtworkshop.storage` and `dtworkshop.core`; never to the UI (this is the files
layer). The public names are re-exported here so that `from dtworkshop.index import
load_index` keeps working for the tests, the benchmarks and other programs (not those of
the browser's two modules: only the browser uses them); code inside dtworkshop imports from
the module that holds the name. To replace a function in a test, replace it in the module
that calls it: `load_index` calls `index.loading._parse`.
"""

from dtworkshop.index.cache import CACHE_NAME, CACHE_VERSION, RACY_NS, has_cache
from dtworkshop.index.loading import load_index
from dtworkshop.index.model import (
    DecisionInfo,
    Entry,
    Index,
    LoadCancelled,
    Problem,
    Summary,
    carried_over,
    overdue,
)
from dtworkshop.index.parsing import session_texts, summarise
from dtworkshop.index.workers import (
    CANCEL_POLL,
    POOL_MIN,
    POOL_MIN_FRESH,
    prepare_workers,
    stop_workers,
)

__all__ = [
    "CACHE_NAME",
    "CACHE_VERSION",
    "CANCEL_POLL",
    "POOL_MIN",
    "POOL_MIN_FRESH",
    "RACY_NS",
    "DecisionInfo",
    "Entry",
    "Index",
    "LoadCancelled",
    "Problem",
    "Summary",
    "carried_over",
    "has_cache",
    "load_index",
    "overdue",
    "prepare_workers",
    "session_texts",
    "stop_workers",
    "summarise",
]
