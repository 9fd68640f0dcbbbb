"""The open session's life: when it is saved and what a save's outcome means, the lock kept
alive, a read-only file followed, a lock lost to another dtworkshop, what leaving needs and
what a hang-up does.

`SessionLife` is a plain object the App holds (no Textual here). Time, timers and the saver
thread come in as small callables, so that tests drive it with a fake clock and no terminal.
It never asks the user anything: it tells its `Watcher` what happened or what is to be asked,
and the App asks and hands it the answer (`resolve_conflict`; `leave` says when to ask).
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from dtworkshop.document import Document, FileChangedError, LockLostError
from dtworkshop.storage import SessionFileError
from dtworkshop.storage.errors import reason

AUTOSAVE_DELAY = 0.5
"""Seconds from the first unsaved edit to its save: at most this much typing is at risk."""

SWITCH_SAVE_DELAY = 0.1
"""Seconds from a canvas switch to its save (`SessionLife.changed_soon`): a presenter view
(`dtworkshop present`) follows the switch within a second; the switch is drawn first."""

RETRY_DELAY = 5.0
"""Seconds between attempts to save after a save failed."""

CONFLICT_QUIET = 1.0
"""Seconds without a key before the app asks about a file changed on disk."""

FOLLOW_INTERVAL = 2.0
"""Seconds between two looks at the file of a session open read-only, which follows it as
the facilitator who has it open saves."""


class Timer(Protocol):
    """A call scheduled by a `CallLater` (Textual's Timer is one)."""

    def stop(self) -> None:
        """Cancel the call if it has not run yet."""


CallLater = Callable[[float, Callable[[], Any]], Timer]
"""`call_later(delay, fn)`: call `fn()` on the caller's thread after `delay` seconds; returns
a Timer that cancels it."""

RunInThread = Callable[[Callable[[], Any], Callable[[Any], None]], None]
"""`run_in_thread(work, done)`: run `work()` in another thread, one at a time, and call
`done(result)` with its return value on the caller's thread once it is over (with `CANCELLED`
when it was cancelled before it ran: the app is ending)."""

CANCELLED = object()
"""What a `RunInThread` hands `done` for work cancelled before it ran."""


class Watcher(Protocol):
    """What the App is told by its SessionLife (all on the App's thread)."""

    def status_changed(self) -> None:
        """Saved, not saved yet, failing or read-only changed: show it."""

    def save_failed(self, path: Path, why: str) -> None:
        """The first save to fail after good ones: say so, with the file and the reason
        (`why`, as `reason` words it). Saving is tried again every RETRY_DELAY seconds."""

    def conflict_found(self, document: Document) -> None:
        """The file of `document` changed on disk: ask whether to keep this version or take
        the file's, then call `SessionLife.resolve_conflict` with the answer."""

    def lock_lost(self, path: Path, aside: Path | None) -> None:
        """Another dtworkshop took the session at `path` over: it is read-only now, and what
        only this window had is kept at `aside` (None: nothing to keep, or keeping failed)."""


class Leaving(enum.Enum):
    """What leaving the open session came to (see `SessionLife.leave`)."""

    SAVED = "saved"
    """The file holds everything (or there is no open session): leave."""
    KEPT_ASIDE = "kept_aside"
    """The file could not be written, but the changes are beside it: leave."""
    ASK = "ask"
    """Not even that could be written: the changes are in memory only; ask the user."""


class SessionLife:
    """The life of the open session (`document`, None when none is open) from opening to
    leaving.

    `watcher` is told what happened. `call_later` schedules the saves (AUTOSAVE_DELAY after
    the first unsaved edit, RETRY_DELAY after a failed one); `run_in_thread` writes them off
    the caller's thread, the bytes taken on the caller's thread first; `clock` (seconds, as
    time.monotonic) and `last_key` (the clock's reading at the last key typed) keep a
    question about a conflict from popping up under someone typing.
    """

    def __init__(self, watcher: Watcher, *, call_later: CallLater, run_in_thread: RunInThread,
                 clock: Callable[[], float],
                 last_key: Callable[[], float] = lambda: -math.inf) -> None:
        self.watcher = watcher
        self.document: Document | None = None
        self._call_later = call_later
        self._run_in_thread = run_in_thread
        self._clock = clock
        self._last_key = last_key
        self._save_timer: Timer | None = None
        self._save_due = math.inf  # the clock's reading when the scheduled save runs
        self._writing = False
        self._save_again = False
        self._asking_conflict = False

    def open(self, document: Document) -> None:
        """Take `document` as the open session (close the one before with `close`)."""
        self.document = document

    # -- saving

    def changed(self) -> None:
        """The session was edited: save shortly (at most AUTOSAVE_DELAY from now)."""
        if self.document is None:
            return
        self.document.changed()
        self.schedule_save()

    def schedule_save(self, delay: float = AUTOSAVE_DELAY) -> None:
        """Save after `delay` seconds unless a save is already due; never postpones one.

        The session's bytes are taken on the caller's (UI) thread, and written (checked,
        backed up, fsynced) in the saver thread: a key typed meanwhile never waits for the
        disk.
        """
        if self._save_timer is None:
            self._save_due = self._clock() + delay
            self._save_timer = self._call_later(delay, self._save_in_background)

    def changed_soon(self, delay: float = SWITCH_SAVE_DELAY) -> None:
        """The session was edited in a way another program follows (the current canvas,
        which a presenter view shows): save within `delay` seconds, sooner than an edit's
        AUTOSAVE_DELAY; a save due sooner still is left as it is."""
        if self.document is None:
            return
        self.document.changed()
        if self._save_timer is not None and self._save_due <= self._clock() + delay:
            return
        self._stop_timer()
        self.schedule_save(delay)

    @property
    def save_pending(self) -> bool:
        """True while an edit waits to be saved or a save is being written."""
        return self._save_timer is not None or self._writing

    def _save_in_background(self) -> None:
        self._save_timer = None
        document = self.document
        if document is None:
            return
        if self._writing:
            self._save_again = True  # once the write under way is done
            return
        had_error = document.error is not None
        snapshot = document.snapshot()
        if snapshot is None:
            self.watcher.status_changed()
            return
        self._writing = True

        def write() -> BaseException | None:
            try:
                return document.write(snapshot)
            except Exception as exc:  # a bug: kept as the save's error, the typing kept too
                return exc

        def written(error: Any) -> None:
            self._writing = False
            if error is CANCELLED:
                return  # the app is ending: it saved on its way out
            if self.document is not document:
                return  # closed meanwhile, after a save of its own
            self._saved(document.finish(snapshot, error), had_error)
            if self._save_again:
                self._save_again = False
                self.schedule_save(0)

        self._run_in_thread(write, written)

    def _stop_timer(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None

    def save_now(self) -> bool:
        """Write unsaved changes now, on the caller's thread. On failure keep them in memory,
        say so, retry later. True when the file is up to date (or nothing is open)."""
        self._stop_timer()
        if self.document is None:
            return True
        had_error = self.document.error is not None
        return self._saved(self.document.save(), had_error)

    def _saved(self, ok: bool, had_error: bool) -> bool:
        """Act on how a save went (`ok`); `had_error`: the one before it had failed too."""
        document = self.document
        assert document is not None
        if not ok and isinstance(document.error, FileChangedError):
            self._ask_about_conflict()
        elif not ok and isinstance(document.error, LockLostError):
            self._lock_lost()
            return True  # nothing more can be saved here: what only this window had is aside
        elif not ok:
            if not had_error:
                self.watcher.save_failed(document.path, reason(document.error,
                                                                  document.session.language))
            self.schedule_save(RETRY_DELAY)
        self.watcher.status_changed()
        return ok

    @property
    def has_unsaved(self) -> bool:
        """True when the session in memory holds something its file does not."""
        document = self.document
        return document is not None and (document.dirty or document.error is not None)

    # -- a file changed on disk

    def _ask_about_conflict(self) -> None:
        """The file changed on disk: have the App ask, once the keys have paused."""
        document = self.document
        if document is None or self._asking_conflict:
            return
        if self._clock() - self._last_key() < CONFLICT_QUIET:
            # Never pop a question up under someone typing: their keys would go to it.
            self._call_later(CONFLICT_QUIET / 2, self._ask_about_conflict)
            return
        self._asking_conflict = True
        self.watcher.conflict_found(document)

    def resolve_conflict(self, document: Document, keep_mine: bool | None) -> str | None:
        """The answer to `Watcher.conflict_found(document)`: `keep_mine` saves this version
        over the file; otherwise (no answer too) the file's version is taken. Either way the
        other is kept beside the file, so nothing is lost.

        Returns "mine" (the status changed), "theirs" (`document.session` was replaced: show
        it anew) or None (that session was closed meanwhile).
        """
        self._asking_conflict = False
        if self.document is not document:
            return None
        if keep_mine:
            document.overwrite()
            return "mine"
        document.keep_aside("mine")
        document.reload()  # the file's version; its own is kept aside
        return "theirs"

    # -- the lock, read-only

    def heartbeat(self) -> None:
        """Every lock.HEARTBEAT seconds: keep the lock fresh; notice it was taken over."""
        document = self.document
        if document is not None and document.lock is not None and not document.lock.refresh():
            self._lock_lost()

    def follow(self, can_show: Callable[[], bool]) -> bool:
        """Every FOLLOW_INTERVAL seconds, read-only: read the file anew when its holder saved,
        if `can_show()` (no dialog over the session). True when `document.session` was
        replaced (show it anew); a file gone bad (half a hand edit) is not taken."""
        document = self.document
        if document is None or not document.read_only or not document.changed_on_disk():
            return False
        if not can_show():
            return False  # next time
        try:
            document.reload()
        except SessionFileError:
            return False  # half a hand edit, or gone bad: keep showing what was read
        return True

    def _lock_lost(self) -> None:
        """Someone took the session over: stop writing, keep what only this window has."""
        document = self.document
        if document is None:
            return
        aside = None
        if self.has_unsaved:
            try:
                aside = document.keep_aside("mine")
            except OSError:
                aside = None
        document.to_read_only()
        self.watcher.lock_lost(document.path, aside)

    def save_as(self, folder: Path) -> Path:
        """Save the session in `folder` and go on there (after saving failed); returns the new
        path. Raises what `Document.save_as` raises (lock.LockedError, OSError)."""
        assert self.document is not None
        path = self.document.save_as(folder)
        self._stop_timer()
        return path

    # -- leaving

    def keep_unsaved_aside(self) -> bool:
        """Leaving with changes the file could not take: keep them beside it. False when even
        that failed (a read-only or full folder): the changes exist only in memory."""
        if self.document is not None and self.document.dirty:
            try:
                self.document.keep_aside("mine")
            except OSError:
                return False
        return True

    def leave(self) -> Leaving:
        """Quitting: save, else keep the changes beside the file, else say to ask (the
        user may stay, save elsewhere or quit without them)."""
        if self.save_now():
            return Leaving.SAVED
        if self.keep_unsaved_aside():
            return Leaving.KEPT_ASIDE
        return Leaving.ASK

    def hang_up(self) -> None:
        """SIGHUP (the SSH connection dropped) or SIGTERM: save what is in memory at once
        (also edits whose notice never came); `leave_after_hang_up` once the keys still
        queued have landed."""
        self.save_now()

    def leave_after_hang_up(self) -> Leaving:
        """The last save before the app ends with no one to ask: save, else keep the changes
        beside the file. Leaving.ASK means they could not be kept anywhere."""
        if self.save_now():
            return Leaving.SAVED
        return Leaving.KEPT_ASIDE if self.keep_unsaved_aside() else Leaving.ASK

    def close(self) -> None:
        """Save and let go of the open session and its lock (another session opens, or the
        session list is shown)."""
        if self.document is not None:
            self.save_now()
            self.document.close()
        self.document = None

    def end(self) -> None:
        """The app ends (after the last save): let go of the lock. Never raises."""
        if self.document is not None:
            self.document.close()
