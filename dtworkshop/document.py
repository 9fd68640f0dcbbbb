"""An open session: the Session in memory, the file it belongs to, and whether it is saved.

The UI edits `document.session` in place and calls `changed()`; the App decides when to call
`save()` (shortly after a change, on quit, on hang-up). No Textual imports here.
"""

from __future__ import annotations

from pathlib import Path

from dtworkshop.core.session import Session
from dtworkshop.core.types import now
from dtworkshop.storage import SessionFileError, dumps, read_session, save_session


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
        self.error: OSError | SessionFileError | None = None
        self._written = dumps(session)

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
        self.session.updated = now()
        data = dumps(self.session)
        try:
            save_session(self.session, self.path)
        except (OSError, SessionFileError) as exc:
            self.error = exc
            self.dirty = True
            return False
        self._written = data
        self.dirty = False
        self.error = None
        return True
