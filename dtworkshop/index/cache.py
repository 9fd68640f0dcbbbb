"""The index's cache file: where it lives (`CACHE_NAME` in the folder, else under
`$XDG_CACHE_HOME`), reading and writing it, and when an entry in it may be trusted
(`RACY_NS`, `_same`) or the cache is worth writing again (`_worth_writing`).

Files layer: imports `dtworkshop.core`, `storage.files` (atomic writes) and `index.model`,
never the UI.
"""

from __future__ import annotations

import hashlib
import os
import zlib
from pathlib import Path

import msgspec

from dtworkshop import __version__
from dtworkshop.core.session import FORMAT
from dtworkshop.index.model import Entry, _builtins
from dtworkshop.storage.files import write_atomic


CACHE_NAME = ".dtworkshop-index"
"""The cache's file name inside a sessions folder (hidden; safe to delete at any time)."""

CACHE_VERSION = 5
"""The cache's layout. Bump it whenever Entry, Summary or what goes into them changes."""

RACY_NS = 2_000_000_000
"""An entry is reused only if its file's modification time was at least this long (2 s, the
coarsest timestamp granularity of common file systems, FAT's) before the load that recorded
it; otherwise the file could have been changed again within the same timestamp."""


def has_cache(folder: Path | str) -> bool:
    """Whether a cache of `folder` exists (in it, or outside it for a read-only folder): then
    a load of an unchanged folder takes a fraction of a second. Says nothing of whether the
    cache is still right (`load_index` decides that, file by file)."""
    folder = Path(folder)
    elsewhere = _elsewhere(os.path.abspath(folder))
    return (folder / CACHE_NAME).exists() or (elsewhere is not None and elsewhere.exists())


def _same(entry: Entry, status: os.stat_result) -> bool:
    return (
        entry.size == status.st_size
        and entry.mtime_ns == status.st_mtime_ns
        and entry.ctime_ns == status.st_ctime_ns
        and entry.ino == status.st_ino
    )


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
