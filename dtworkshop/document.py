"""An open session: the Session in memory, the file it belongs to, and whether it is saved.

The UI edits `document.session` in place and calls `changed()`; the App decides when to call
`save()` (shortly after a change, on quit, on hang-up). No Textual imports here.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from dtworkshop.core.session import Session
from dtworkshop.core.types import now
from dtworkshop.storage import SessionFileError, dumps, read_session, save_session, write_atomic


class FileChangedError(Exception):
    """The session file was changed on disk (a hand edit, a git pull, another facilitator)
    since this program read or wrote it; writing now would silently throw that away."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: changed on disk since it was opened")
        self.path = path


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

    def __init__(self, session: Session, path: Path) -> None:
        self.session = session
        self.path = Path(path)
        self.dirty = False
        self.error: OSError | SessionFileError | FileChangedError | None = None
        self._written = dumps(session)
        self._disk_bytes: bytes | None = None
        self._disk_stamp: tuple[int, int] | None = None
        self._remember_disk()

    @classmethod
    def open(cls, path: Path | str) -> Document:
        """Load the session file at `path`. Raises storage.SessionFileError."""
        path = Path(path)
        return cls(read_session(path), path)

    def changed(self) -> None:
        """Note that the session was edited, for the UI's "not saved" state."""
        self.dirty = True

    def save(self) -> bool:
        """Write the session if it differs from what was last written, with `updated` moved
        on; True when the file is up to date.

        On failure the error is kept in `error`, the session stays in memory and nothing on
        disk is half-written.
        """
        if dumps(self.session) == self._written:
            self.dirty = False
            return True
        if self.changed_on_disk():
            self.error = FileChangedError(self.path)
            self.dirty = True
            return False
        self.session.updated = now()
        data = dumps(self.session)
        try:
            save_session(self.session, self.path)
        except (OSError, SessionFileError) as exc:
            self.error = exc
            self.dirty = True
            return False
        self._written = data
        self._remember_disk()
        self.dirty = False
        self.error = None
        return True

    def _remember_disk(self) -> None:
        try:
            self._disk_bytes = self.path.read_bytes()
            self._disk_stamp = _stamp(self.path)
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
        write_atomic(target, dumps(self.session) if which == "mine" else self.path.read_bytes())
        return target

    def overwrite(self) -> bool:
        """Resolve a conflict for this program's version: the file on disk is kept aside as
        `.theirs-…`, then the session is saved over it. Returns what `save()` returns."""
        self.keep_aside("theirs")
        self._remember_disk()
        self.error = None
        return self.save()
