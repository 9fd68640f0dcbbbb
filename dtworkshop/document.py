"""An open session: the Session in memory, the file it belongs to, and whether it is saved.

The UI edits `document.session` in place and calls `changed()`; the App decides when to call
`save()` (shortly after a change, on quit, on hang-up). No Textual imports here.
"""

from __future__ import annotations

from pathlib import Path

from dtworkshop.core.session import Session
from dtworkshop.core.types import now
from dtworkshop.storage import SessionFileError, read_session, save_session


class Document:
    """One session file being edited.

    `dirty` is True while the file on disk lags behind memory; `error` holds why the last
    save failed (None after a good one), so nothing typed is dropped on a bad disk.
    """

    def __init__(self, session: Session, path: Path) -> None:
        self.session = session
        self.path = Path(path)
        self.dirty = False
        self.touched = False
        self.error: OSError | SessionFileError | None = None

    @classmethod
    def open(cls, path: Path | str) -> Document:
        """Load the session file at `path`. Raises storage.SessionFileError."""
        path = Path(path)
        return cls(read_session(path), path)

    def changed(self, *, touch: bool = True) -> None:
        """Record that the session needs saving. `touch` (content was edited) moves its
        `updated` time on at the next save; moving between canvases does not."""
        self.dirty = True
        self.touched = self.touched or touch

    def save(self) -> bool:
        """Write the session if it has unsaved changes; True when the file is up to date.

        On failure the error is kept in `error`, the session stays dirty in memory and
        nothing on disk is half-written.
        """
        if not self.dirty:
            return True
        if self.touched:
            self.session.updated = now()
        try:
            save_session(self.session, self.path)
        except (OSError, SessionFileError) as exc:
            self.error = exc
            return False
        self.dirty = self.touched = False
        self.error = None
        return True
