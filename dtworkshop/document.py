"""An open session: the Session in memory, the file it belongs to, whether it is saved, and
whether this program may write it (the lock) or only look (read-only).

The UI edits `document.session` in place and calls `changed()`; the App decides when to call
`save()` (shortly after a change, on quit, on hang-up). No Textual imports here.
"""

from __future__ import annotations

import functools
import glob
import os
import threading
from pathlib import Path
from typing import Literal, NamedTuple

import msgspec

from dtworkshop.core.session import Session
from dtworkshop.core.types import now
from dtworkshop.layout import KeptLayout, written_by_hand
from dtworkshop.lock import SessionLock
from dtworkshop.storage.errors import SessionFileError
from dtworkshop.storage.files import (
    backup_path,
    restore_backup,
    save_session,
    session_path,
    write_atomic,
)
from dtworkshop.storage.reader import decode_session, read_session
from dtworkshop.storage.toml_writer import dumps


class FileChangedError(Exception):
    """The session file was changed on disk (a hand edit, a git pull, another facilitator)
    since this program read or wrote it; writing now would silently throw that away."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: changed on disk since it was opened")
        self.path = path


class LockLostError(Exception):
    """Another dtworkshop took this session over (its user judged this one gone): writing
    now would overwrite what they save."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: taken over by another dtworkshop")
        self.path = path


SaveError = OSError | SessionFileError | FileChangedError | LockLostError


class Snapshot(NamedTuple):
    """A session as `Document.write` puts it in the file: its TOML `data`, its MessagePack
    encoding `packed` (to tell later whether it changed since) and how many `edits` it
    holds."""

    data: bytes
    packed: bytes
    edits: int


def _one_at_a_time(method):
    """Run a Document method that reads or writes the file under the document's I/O lock,
    so that it never interleaves with a save being written from another thread."""

    @functools.wraps(method)
    def locked(self, *args, **kwargs):
        with self._io:
            return method(self, *args, **kwargs)

    return locked


def _stamp(path: Path) -> tuple[int, int]:
    status = os.stat(path)
    return status.st_mtime_ns, status.st_size


class Document:
    """One session file being edited.

    Whether there is anything to save is decided by comparing the session as it would be
    written with what was last written, not by a flag alone: an edit whose notice has not
    reached the app yet (keys still queued when the terminal hangs up) is saved all the same.
    `dirty` is True while the file on disk lags behind memory as far as the UI knows; `error`
    holds why the last save failed (None after a good one), so nothing typed is dropped on a
    bad disk.
    """

    def __init__(self, session: Session, path: Path, *, lock: SessionLock | None = None,
                 read_only: bool = False) -> None:
        self.session = session
        self.path = Path(path)
        self.lock = lock
        self.read_only = read_only
        self.dirty = False
        self.error: SaveError | None = None
        self.backup_error: OSError | None = None
        self._backed_up = False
        self._left_locks: list[SessionLock] = []
        self._wrote()
        self._disk_bytes: bytes | None = None
        self._disk_stamp: tuple[int, int] | None = None
        self._by_hand: bool | None = None  # _disk_bytes written by a person? None: not asked
        self._layout = KeptLayout()  # such a file, parsed, from one save to the next
        self._edits = 0  # edits noted by changed() so far
        self._saved_edits = 0  # how many of them are in the file
        self._finished_edits = 0  # the edits of the newest save that finish() heard of
        self._io = threading.RLock()  # one write at a time, from whichever thread
        self._remember_disk()

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False, take_over: bool = False) -> Document:
        """Load the session file at `path` to edit it (taking its lock) or, with `read_only`,
        to look at it (no lock, nothing is ever written).

        `take_over` takes the lock even from another holder (the user chose to: it is stale).
        Raises storage.SessionFileError, lock.LockedError (another dtworkshop has it open).
        A folder where no lock can be written (read-only) opens without one: saving fails
        there anyway, and says so.
        """
        path = Path(path)
        if read_only:
            return cls(read_session(path), path, read_only=True)
        session = read_session(path)  # a bad file is refused before any lock is made
        lock = _lock(path, take_over)
        try:
            session = read_session(path)  # as it is now that nobody else can write it
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        if lock is not None:
            _clear_dead_saves(path)
        return cls(session, path, lock=lock)

    def changed(self) -> None:
        """Note that the session was edited, for the UI's "not saved" state."""
        self.dirty = True
        self._edits += 1

    def save(self) -> bool:
        """Write the session if it differs from what was last written, with `updated` moved
        on; True when the file is up to date (always, read-only: nothing is written).

        The first write of an editing run first keeps the file as it was as the backup
        (`storage.backup_path`). On failure the error is kept in `error` (OSError,
        SessionFileError, FileChangedError, LockLostError), the session stays in memory and
        nothing on disk is half-written. The same as `snapshot`, `write` and `finish` in a
        row, which the app runs apart so that the writing happens off the UI thread.
        """
        snapshot = self.snapshot()
        if snapshot is None:
            return True
        return self.finish(snapshot, self.write(snapshot))

    def snapshot(self) -> Snapshot | None:
        """What `write` should put in the file now: the session with `updated` moved on;
        None when there is nothing to write (read-only, or the file holds this already;
        then `dirty` is cleared).

        Call it from the thread that edits the session: it reads all of it (about 0.5 ms
        for 16 KB of TOML, 7 ms for 130 KB). Whether anything changed is asked of msgspec's
        MessagePack encoding, ten times faster than writing the TOML to compare it.
        """
        if self.read_only or msgspec.msgpack.encode(self.session) == self._written_packed:
            self._saved_edits = self._edits
            self.dirty = False
            return None
        self.session.updated = now()
        return Snapshot(dumps(self.session), msgspec.msgpack.encode(self.session), self._edits)

    def _wrote(self, packed: bytes | None = None) -> None:
        """The file holds the session as it is now (or as it was when encoded as `packed`)."""
        self._written_packed = msgspec.msgpack.encode(self.session) if packed is None else packed

    def write(self, snapshot: Snapshot) -> SaveError | None:
        """Write `snapshot` to the file; returns why that failed, or None.

        Safe to call from another thread than the one editing the session (it never touches
        `session`); writes are one at a time. Refuses when the lock was taken over
        (LockLostError) or the file changed on disk (FileChangedError); checks that `data`
        reads back as a session (SessionFileError: a bug, the file is left alone); OSError
        from the disk. The file is replaced atomically: on any failure it is as it was.
        """
        with self._io:
            if self.lock is not None and not self.lock.held():
                return LockLostError(self.path)
            if self.changed_on_disk():
                return FileChangedError(self.path)
            data = self._keeping_layout(snapshot.data)
            try:
                self._back_up()
                if data is snapshot.data:  # (a kept layout was checked to read back already)
                    decode_session(data, self.path)  # never write what would not read back
                write_atomic(self.path, data)
            except (OSError, SessionFileError) as exc:
                return exc
            self._wrote(snapshot.packed)
            self._remember_disk(data)
            self._by_hand = data != snapshot.data
            return None

    def _keeping_layout(self, data: bytes) -> bytes:
        """`data` (the session as `dumps` writes it) as the file on disk should hold it: when a
        person wrote that file by hand (comments, inline arrays, their own blank lines), the
        file as it is with only the changed values written anew (`layout.keep_layout`), so
        that what they wrote survives and `git diff` shows only what changed. A file the app
        wrote itself takes `data` as it is: the fast way, and byte for byte what it was."""
        disk = self._disk_bytes
        if disk is None:
            return data
        if self._by_hand is None:
            self._by_hand = written_by_hand(disk, self.path)
        if not self._by_hand:
            return data
        return self._layout.update(disk, data, self.path) or data

    def finish(self, snapshot: Snapshot, error: SaveError | None) -> bool:
        """Take note of how the `write` of `snapshot` went: `error` (None: written). Returns
        True when it was written. `dirty` stays set when edits came in meanwhile, or the
        write failed."""
        edits = snapshot.edits
        if edits < self._finished_edits:
            return error is None  # a later save was finished first: it has the say
        self._finished_edits = edits
        if error is not None:
            self.error = error
            self.dirty = True
            return False
        self.error = None
        self._saved_edits = max(self._saved_edits, edits)
        self.dirty = self._edits != self._saved_edits
        return True

    def _back_up(self) -> None:
        if self._backed_up or self._disk_bytes is None:
            return
        try:
            write_atomic(backup_path(self.path), self._disk_bytes, like=self.path)
            self.backup_error = None
        except OSError as exc:
            # Saving the typing matters more than the backup: say so, save all the same.
            self.backup_error = exc
        self._backed_up = True

    def _remember_disk(self, data: bytes | None = None) -> None:
        """Remember what the file holds now (`data`, just written by us: not read again)."""
        self._by_hand = None
        try:
            self._disk_stamp = _stamp(self.path)
            self._disk_bytes = self.path.read_bytes() if data is None else data
        except OSError:
            self._disk_bytes = self._disk_stamp = None

    def changed_on_disk(self) -> bool:
        """True when the file holds something else than this program last read or wrote.

        A touched but unchanged file, or a file that is gone, does not count.
        """
        try:
            stamp = _stamp(self.path)
            if stamp == self._disk_stamp:
                return False
            data = self.path.read_bytes()
        except OSError:
            return False
        if data == self._disk_bytes:
            self._disk_stamp = stamp
            return False
        return True

    def keep_aside(self, which: Literal["mine", "theirs"]) -> Path:
        """Keep one version of a conflict beside the session file, hidden from the list:
        `.<id>.toml.mine-<time>` (this program's, from memory) or `.theirs-<time>` (the file
        on disk). Returns its path. Raises OSError."""
        target = self.path.with_name(f".{self.path.name}.{which}-{now().strftime('%Y%m%dT%H%M%S')}")
        write_atomic(target, dumps(self.session) if which == "mine" else self.path.read_bytes(),
                     like=self.path)
        return target

    @_one_at_a_time
    def overwrite(self) -> bool:
        """Resolve a conflict for this program's version: the file on disk is kept aside as
        `.theirs-…`, then the session is saved over it. Returns what `save()` returns."""
        self.keep_aside("theirs")
        self._remember_disk()
        self.error = None
        return self.save()

    # -- read-only, locks, backup, save as

    @_one_at_a_time
    def edit(self, *, take_over: bool = False) -> bool:
        """Leave read-only: take the lock (`take_over`: from a holder that is gone) and start
        saving. Returns True when the file changed since it was loaded and `session` was
        replaced by what is on disk now (the UI must show it anew). Raises lock.LockedError,
        SessionFileError (the file went bad)."""
        if not self.read_only:
            return False
        reload = self.changed_on_disk()
        session = read_session(self.path) if reload else self.session
        lock = _lock(self.path, take_over=take_over)
        if reload:
            self.session = session
            self._wrote()
            self._remember_disk()
        self.lock = lock
        self.read_only = False
        self.error = None
        return reload

    def to_read_only(self) -> None:
        """Stop writing (the lock was lost): keep the session in memory, release nothing
        (the lock is someone else's now)."""
        self.read_only = True
        self.lock = None
        self.error = None
        self.dirty = False

    @_one_at_a_time
    def reload(self) -> None:
        """Replace `session` with the file on disk (read-only documents follow the file as
        another facilitator saves it). Raises SessionFileError."""
        self.session = read_session(self.path)
        self._wrote()
        self._remember_disk()

    def has_backup(self) -> bool:
        """True when there is a previous version to restore (see `restore`)."""
        return backup_path(self.path).is_file()

    def backup_session(self) -> Session:
        """The session in the backup, to show before restoring. Raises OSError,
        SessionFileError."""
        path = backup_path(self.path)
        return decode_session(path.read_bytes(), self.path)

    @_one_at_a_time
    def restore(self) -> None:
        """Swap the file with its backup (saving first, so nothing typed is lost: restoring
        again brings it back) and load the restored session. Raises OSError,
        SessionFileError, LockLostError, FileChangedError (after `save()` failed)."""
        if not self.save():
            raise self.error  # type: ignore[misc]
        self.session = restore_backup(self.path)
        self._backed_up = True  # the backup now holds what was just replaced: keep it
        self._wrote()
        self._remember_disk()

    @_one_at_a_time
    def save_as(self, folder: Path | str) -> Path:
        """Write the session to `<folder>/<id>.toml` (making the folder if need be) and go on
        there (after a save failed: a read-only or full disk). The old file's lock is let go.
        Returns the new path.
        Raises FileExistsError (a file of that name is there: never overwritten), OSError,
        lock.LockedError."""
        folder = Path(folder).expanduser()
        folder.mkdir(parents=True, exist_ok=True)
        target = session_path(folder, self.session.id)
        if target.exists() and target.resolve() != self.path.resolve():
            raise FileExistsError(f"{target}: a file of this name is there already")
        lock = _lock(target, take_over=False)
        try:
            save_session(self.session, target)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        if self.lock is not None:
            self.lock.release()  # may fail in the folder that failed: tried again on close
            self._left_locks.append(self.lock)
        self.path, self.lock = target, lock
        self._wrote()
        self._remember_disk()
        self.dirty = False
        self.error = None
        self.read_only = False
        return target

    def close(self) -> None:
        """Let go of the lock (after the last save). Never raises."""
        for lock in [self.lock, *self._left_locks]:
            if lock is not None:
                lock.release()
        self.lock = None
        self._left_locks = []


def _lock(path: Path, take_over: bool) -> SessionLock | None:
    try:
        return SessionLock.take_over(path) if take_over else SessionLock.acquire(path)
    except OSError:
        return None  # no lock can be written here (a read-only folder): nor can the session


def _clear_dead_saves(path: Path) -> None:
    """Remove the temporary files of saves (and lock takings) that never finished: the
    process was killed in the middle. Only while holding the lock: then no one else is saving
    this session (one taking the lock at this moment makes a new temporary file)."""
    for prefix in (f".{path.name}.", f"..{path.name}."):  # the file's, its companions'
        for leftover in path.parent.glob(f"{glob.escape(prefix)}*.tmp"):
            try:
                leftover.unlink()
            except OSError:
                pass
