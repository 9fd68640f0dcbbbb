"""The open session's life without a terminal: `SessionLife` driven with a fake clock and
scheduler, its saves written in a real thread when the test says so, and the files on disk
read back.

Autosave after AUTOSAVE_DELAY and never later for more typing; the bytes taken when the save
starts; a file changed on disk asked about once the keys pause; a failed save (a read-only
folder, a file that cannot be replaced) said with its reason, retried, and kept beside the
file or asked about on leaving; the lock lost to another process; a hang-up saving what is in
memory; a read-only session following its file.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from dtworkshop.document import Document
from dtworkshop.lock import lock_path
from dtworkshop.session_life import (
    AUTOSAVE_DELAY,
    CONFLICT_QUIET,
    RETRY_DELAY,
    Leaving,
    SessionLife,
)
from dtworkshop.storage import read_session, save_session
from dtworkshop.storage.reader import decode_session

MORS = "2026-11-30-region-nordjylland-mors.toml"


class FakeTime:
    """A clock that moves only when told (`advance`), and the `call_later` that goes by it.
    `last_key` is the clock's reading at the last key "typed" (see `type_key`)."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.last_key = float("-inf")
        self._timers: list[FakeTimer] = []

    def clock(self) -> float:
        return self.now

    def call_later(self, delay: float, fn) -> FakeTimer:
        timer = FakeTimer(self.now + delay, fn)
        self._timers.append(timer)
        return timer

    def type_key(self) -> None:
        self.last_key = self.now

    def advance(self, seconds: float) -> None:
        """Move the clock on by `seconds`, running each call that falls due on the way, in
        order, at its own moment."""
        end = self.now + seconds
        while True:
            due = [t for t in self._timers if not t.stopped and t.when <= end + 1e-9]
            if not due:
                break
            timer = min(due, key=lambda t: t.when)
            self._timers.remove(timer)
            self.now = max(self.now, timer.when)
            timer.fn()
        self.now = end


class FakeTimer:
    def __init__(self, when: float, fn) -> None:
        self.when, self.fn, self.stopped = when, fn, False

    def stop(self) -> None:
        self.stopped = True


class Saver:
    """`run_in_thread` whose work waits until the test calls `write`: then each runs in a
    thread of its own, and `done` is called on the test's thread, as the app's loop does."""

    def __init__(self) -> None:
        self.pending: list[tuple] = []
        self.threads: list[int] = []

    def __call__(self, work, done) -> None:
        self.pending.append((work, done))

    def write(self) -> None:
        while self.pending:
            work, done = self.pending.pop(0)
            result: dict = {}

            def run() -> None:
                result["value"] = work()
                result["thread"] = threading.get_ident()

            thread = threading.Thread(target=run)
            thread.start()
            thread.join()
            self.threads.append(result["thread"])
            done(result["value"])


class Told:
    """The Watcher: what the life told the App, in order."""

    def __init__(self) -> None:
        self.events: list[tuple] = []

    def status_changed(self) -> None:
        self.events.append(("status",))

    def save_failed(self, path: Path, why: str) -> None:
        self.events.append(("failed", path, why))

    def conflict_found(self, document: Document) -> None:
        self.events.append(("conflict", document))

    def lock_lost(self, path: Path, aside: Path | None) -> None:
        self.events.append(("lock_lost", path, aside))

    def of(self, kind: str) -> list[tuple]:
        return [event for event in self.events if event[0] == kind]


class Life:
    """A SessionLife on one session file, with its fake time, saver and watcher."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        self.time = FakeTime()
        self.saver = Saver()
        self.told = Told()
        self.life = SessionLife(self.told, call_later=self.time.call_later,
                                run_in_thread=self.saver, clock=self.time.clock,
                                last_key=lambda: self.time.last_key)
        self.document = Document.open(path, read_only=read_only)
        self.life.open(self.document)

    def type(self, text: str) -> None:
        """Type `text` at the end of the story fish's hero, as a canvas does."""
        self.time.type_key()
        self.document.session.story_fish.hero += text
        self.life.changed()

    def on_disk(self) -> str:
        return read_session(self.path).story_fish.hero


@pytest.fixture
def session(examples: Path):
    """A Life on a copy of the Mors example; its lock let go at the end."""
    life = Life(examples / MORS)
    yield life
    life.life.end()


def hero(path: Path) -> str:
    return decode_session(path.read_bytes(), path).story_fish.hero


def aside(folder: Path, which: str) -> list[Path]:
    return sorted(folder.glob(f".{MORS}.{which}-*"))


def cannot_write(path: Path) -> list[str]:
    """Make `path` (a folder or a file) one this process cannot write or replace; returns
    the command that undoes it. Root is kept out by the immutable flag (chattr +i)."""
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
            pytest.skip("root cannot be kept from writing here (no chattr +i)")
        return ["chattr", "-i", str(path)]
    if path.is_file():
        pytest.skip("only root can be kept from replacing a file in a writable folder")
    path.chmod(0o555)
    return ["chmod", "755", str(path)]


# ---------------------------------------------------------------- autosave


def test_an_edit_is_saved_after_the_autosave_delay_in_the_saver_thread(session: Life) -> None:
    before = session.on_disk()
    session.type(" æøå")
    session.time.advance(AUTOSAVE_DELAY * 0.9)
    assert not session.saver.pending and session.life.save_pending
    session.time.advance(AUTOSAVE_DELAY * 0.1)
    assert len(session.saver.pending) == 1  # due now: handed to the saver thread
    assert session.on_disk() == before  # not written on this thread
    session.saver.write()
    assert session.on_disk() == before + " æøå"
    assert session.saver.threads[0] != threading.get_ident()
    assert not session.life.save_pending and not session.document.dirty
    assert session.told.of("status")


def test_more_typing_never_postpones_a_due_save(session: Life) -> None:
    before = session.on_disk()
    for letter in "abcdefgh":  # a key every 0.1 s: typing never pauses
        session.type(letter)
        session.time.advance(0.1)
        session.saver.write()
    # Saved AUTOSAVE_DELAY after the first key (what was typed by then), and again after.
    assert session.on_disk() == before + "abcde"
    session.time.advance(AUTOSAVE_DELAY)
    session.saver.write()
    assert session.on_disk() == before + "abcdefgh"


def test_the_bytes_are_taken_as_the_save_starts_and_later_typing_is_saved_after(
        session: Life) -> None:
    before = session.on_disk()
    session.type(" A")
    session.time.advance(AUTOSAVE_DELAY)  # the save starts with " A"
    session.type(" B")  # typed while it is being written
    session.time.advance(AUTOSAVE_DELAY)  # due again while the first is still writing
    session.saver.write()  # the first write, then the one it left to do
    assert session.on_disk() == before + " A"
    assert session.document.dirty and session.life.save_pending
    session.time.advance(0)
    session.saver.write()
    assert session.on_disk() == before + " A B"
    assert not session.document.dirty and not session.life.save_pending


# ---------------------------------------------------------------- a file changed on disk


@pytest.mark.parametrize("keep_mine", [True, False])
def test_a_file_changed_on_disk_is_asked_about_once_the_keys_pause(
        session: Life, keep_mine: bool) -> None:
    theirs = read_session(session.path)
    theirs.title = "Deres titel"
    save_session(theirs, session.path)  # a hand edit, a git pull
    their_bytes = session.path.read_bytes()
    session.type(" mine")
    session.time.advance(AUTOSAVE_DELAY)
    session.saver.write()
    assert session.path.read_bytes() == their_bytes  # never overwritten unasked
    assert not session.told.of("conflict")  # typing went on AUTOSAVE_DELAY ago: not yet
    session.time.advance(CONFLICT_QUIET)
    assert session.told.of("conflict") == [("conflict", session.document)]
    session.type("!")  # more typing before the answer: asked once only
    session.time.advance(AUTOSAVE_DELAY + CONFLICT_QUIET)
    session.saver.write()
    session.time.advance(CONFLICT_QUIET)
    assert len(session.told.of("conflict")) == 1
    answer = session.life.resolve_conflict(session.document, keep_mine)
    folder = session.path.parent
    if keep_mine:
        assert answer == "mine"
        saved = read_session(session.path)
        assert saved.story_fish.hero.endswith(" mine!") and saved.title != "Deres titel"
        (kept,) = aside(folder, "theirs")
        assert kept.read_bytes() == their_bytes
    else:
        assert answer == "theirs"
        assert session.document.session.title == "Deres titel"
        assert session.path.read_bytes() == their_bytes
        (kept,) = aside(folder, "mine")
        assert hero(kept).endswith(" mine!")


# ---------------------------------------------------------------- a save that fails


@pytest.fixture
def read_only_folder(session: Life):
    undo = cannot_write(session.path.parent)
    yield session
    subprocess.run(undo, check=True)


def test_a_save_to_a_read_only_folder_says_why_retries_and_leaving_asks(
        read_only_folder: Life) -> None:
    session = read_only_folder
    before = session.path.read_bytes()
    session.type(" æøå")
    session.time.advance(AUTOSAVE_DELAY)
    session.saver.write()
    (failed,) = session.told.of("failed")
    assert failed[1] == session.path
    # The system's reason in the session's language (issue 14).
    assert failed[2] in ("Handlingen er ikke tilladt", "Adgang nægtet", "Mappen er skrivebeskyttet")
    assert session.life.save_pending  # tried again later
    session.time.advance(RETRY_DELAY)
    assert len(session.saver.pending) == 1
    session.saver.write()
    assert len(session.told.of("failed")) == 1  # said once, not every RETRY_DELAY
    assert session.life.leave() is Leaving.ASK  # neither the file nor a copy beside it
    assert session.path.read_bytes() == before and not aside(session.path.parent, "mine")
    assert session.document.session.story_fish.hero.endswith(" æøå")  # still in memory


def test_a_file_that_cannot_be_replaced_is_kept_aside_on_leaving(session: Life) -> None:
    before = session.path.read_bytes()
    undo = cannot_write(session.path)
    try:
        session.type(" æøå")
        session.time.advance(AUTOSAVE_DELAY)
        session.saver.write()
        (failed,) = session.told.of("failed")
        assert failed[1:] == (session.path, "Handlingen er ikke tilladt")
        assert session.life.leave() is Leaving.KEPT_ASIDE
    finally:
        subprocess.run(undo, check=True)
    assert session.path.read_bytes() == before
    (kept,) = aside(session.path.parent, "mine")
    assert hero(kept).endswith(" æøå")


# ---------------------------------------------------------------- the lock


def take_over_elsewhere(path: Path) -> None:
    """Another dtworkshop (another process) takes the session over."""
    subprocess.run([sys.executable, "-c", "import sys; from dtworkshop.lock import SessionLock;"
                    " SessionLock.take_over(sys.argv[1])", str(path)], check=True)


@pytest.mark.parametrize("noticed_by", ["heartbeat", "save"])
def test_the_lock_lost_to_another_process_stops_writing_and_keeps_the_typing_aside(
        session: Life, noticed_by: str) -> None:
    take_over_elsewhere(session.path)
    theirs = session.path.read_bytes()
    their_lock = lock_path(session.path).read_bytes()
    session.type(" mine")
    if noticed_by == "heartbeat":
        session.life.heartbeat()
    else:
        session.time.advance(AUTOSAVE_DELAY)
        session.saver.write()
    (lost,) = session.told.of("lock_lost")
    assert lost[1] == session.path and lost[2] is not None
    assert hero(lost[2]).endswith(" mine")
    assert session.document.read_only
    session.type(" more")
    session.time.advance(AUTOSAVE_DELAY)
    session.saver.write()
    assert session.life.leave() is Leaving.SAVED  # nothing is for this window to write
    session.life.end()
    assert session.path.read_bytes() == theirs
    assert lock_path(session.path).read_bytes() == their_lock  # still theirs


# ---------------------------------------------------------------- a hang-up


def test_a_hang_up_saves_what_is_in_memory_at_once(session: Life) -> None:
    # Keys that reached the field but whose notice never reached the app: no changed().
    session.document.session.story_fish.hero += " sidste ord"
    session.life.hang_up()
    assert session.on_disk().endswith(" sidste ord")  # on disk before anything else runs
    session.type(" og et til")  # what the keys still queued add
    assert session.life.leave_after_hang_up() is Leaving.SAVED
    assert session.on_disk().endswith(" sidste ord og et til")
    assert not session.saver.pending
    session.time.advance(AUTOSAVE_DELAY)
    assert not session.saver.pending  # the autosave due was done by then
    session.life.end()
    assert not lock_path(session.path).exists()


# ---------------------------------------------------------------- read-only


def test_a_read_only_session_follows_its_file_when_it_can_be_shown(examples: Path) -> None:
    look = Life(examples / MORS, read_only=True)
    assert not look.life.follow(lambda: True)  # nothing changed yet
    theirs = read_session(look.path)
    theirs.story_fish.hero = "Ny helt"
    save_session(theirs, look.path)
    assert not look.life.follow(lambda: False)  # a dialog is open: next time
    assert look.document.session.story_fish.hero != "Ny helt"
    assert look.life.follow(lambda: True)
    assert look.document.session.story_fish.hero == "Ny helt"
    look.path.write_bytes(look.path.read_bytes()[:200])  # half a hand edit
    assert not look.life.follow(lambda: True)
    assert look.document.session.story_fish.hero == "Ny helt"  # what was read stays
    look.life.end()
    assert not lock_path(look.path).exists()  # never taken
