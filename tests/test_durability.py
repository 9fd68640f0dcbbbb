"""Durability: nothing typed is lost when the app is killed, hung up on, terminated or quit.

Each test runs the real app (`python -m dtworkshop open FILE`) in a pseudo-terminal the way a
facilitator would run it (80x24, xterm-256color, the pty as its controlling terminal), types
into the story fish's "hero" field, ends the process in some rough way and then reads the
session file from disk with `read_session`: it must always be a whole, valid session, and it
must hold what was typed (all of it where the app gets a chance to save, all but the last
autosave delay where it does not).
"""

from __future__ import annotations

import fcntl
import os
import pty
import random
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

from dtworkshop.core.canvases import BY_KEY
from dtworkshop.core.labels import Labels
from dtworkshop.core.session import Session, new_session
from dtworkshop.document import Document
from dtworkshop.index import CACHE_NAME
from dtworkshop.lock import lock_path
from dtworkshop.storage import backup_path, read_session, save_session
from dtworkshop.ui.screens.dialogs import CANVAS_HOTKEY

ROOT = Path(__file__).resolve().parent.parent
MORS = ROOT / "sessions" / "2026-11-30-region-nordjylland-mors.toml"

READY_TIMEOUT = 30.0  # a cold start of Textual on a slow CI machine
EXIT_TIMEOUT = 15.0
SAVE_TIMEOUT = 20.0  # only there so that an app that never saves fails instead of hanging

# What is typed: Danish letters in it, so the UTF-8 path from the keyboard to the file is tested.
TYPED = "Holdbar æøå ÆØÅ 42"
SESSION_ID = "2099-01-01-holdbarhed"
TITLE = "Holdbarhedsprøve"
DA = Labels("da")  # the sessions here are Danish, and so is the app's text on screen


def question(canvas: str) -> str:
    """A canvas's heading ("Fortællefisken · Råd 6"): drawn once the canvas is up and its
    first field has the focus. (The session's title is no such marker: the session list
    under the canvas shows it.)"""
    return f"{DA(f'canvas.{canvas}.title')} · {DA('app.advice', n=BY_KEY[canvas].advice)}"


STORY_FISH = question("story_fish")


pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="uses Linux pseudo-terminals and signals"
)


# ---------------------------------------------------------------- the app in a pty


class Terminal:
    """One run of `python -m dtworkshop open FILE` (or `python -m dtworkshop ARGS...`, run in
    the folder of `path`) in a fresh pseudo-terminal.

    A thread drains the pty so the app never blocks on output; `output` holds all of it
    (Textual writes to stderr, which is the pty too).
    """

    def __init__(self, path: Path, args: list[str] | None = None) -> None:
        self.path = path
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.tty_name = os.ttyname(slave)
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
        for key in ("TEXTUAL", "TEXTUAL_DRIVER", "TEXTUAL_ALLOW_SIGNALS", "DTWORKSHOP_LANG"):
            env.pop(key, None)
        self.master = master
        self.process = subprocess.Popen(
            [sys.executable, "-m", "dtworkshop", *(args or ["open", str(path)])],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            start_new_session=True,
            # Make the pty the controlling terminal, as a login shell's would be: then
            # closing the master (the terminal going away) hangs the app up, like ssh does.
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),
            env=env,
            cwd=path.parent,
        )
        os.close(slave)
        self._output = bytearray()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._closed = False
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        while not self._stop.is_set():
            try:
                ready, _, _ = select.select([self.master], [], [], 0.05)
                if not ready:
                    continue
                data = os.read(self.master, 65536)
            except OSError:  # EIO: every slave end is closed; EBADF: we closed the master
                return
            if not data:
                return
            with self._lock:
                self._output += data

    @property
    def output(self) -> bytes:
        with self._lock:
            return bytes(self._output)

    @property
    def size(self) -> int:
        """How many bytes the app has written so far."""
        with self._lock:
            return len(self._output)

    def wait_for(self, marker: str, timeout: float = READY_TIMEOUT, since: int = 0) -> None:
        """Wait until `marker` has been drawn (after the first `since` bytes of output); fail
        with the screen's tail if it is not."""
        needle = marker.encode("utf-8")
        deadline = time.monotonic() + timeout
        while needle not in self.output[since:]:
            if self.process.poll() is not None:
                pytest.fail(f"the app exited ({self.process.returncode}) before showing "
                            f"{marker!r}:\n{self.output[-2000:]!r}")
            if time.monotonic() > deadline:
                pytest.fail(f"{marker!r} not shown within {timeout} s:\n{self.output[-2000:]!r}")
            time.sleep(0.02)

    def wait_for_match(self, pattern: bytes, timeout: float = READY_TIMEOUT) -> None:
        """Wait until output matching the regular expression `pattern` has been drawn."""
        deadline = time.monotonic() + timeout
        while re.search(pattern, self.output) is None:
            if self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"{pattern!r} not shown (exit status {self.process.poll()}):\n"
                            f"{self.output[-2000:]!r}")
            time.sleep(0.02)

    def wait_quiet(self, quiet: float = 0.25, timeout: float = 10.0) -> None:
        """Wait until nothing has been drawn for `quiet` seconds (the app is idle)."""
        deadline = time.monotonic() + timeout
        seen, since = self.size, time.monotonic()
        while time.monotonic() - since < quiet:
            if time.monotonic() > deadline:
                pytest.fail(f"the app kept drawing for {timeout} s")
            time.sleep(0.02)
            if self.size != seen:
                seen, since = self.size, time.monotonic()

    def send(self, data: bytes | str) -> None:
        if isinstance(data, str):
            data = data.encode("utf-8")
        while data:
            written = os.write(self.master, data)
            data = data[written:]

    def wait_read(self, timeout: float = 10.0) -> None:
        """Wait until the app has read all that was sent (the terminal's input queue is
        empty). Closing the terminal throws away what the app has not read yet (the kernel
        flushes a hung-up terminal's input), so a test of the terminal closing on keys just
        typed waits for them to be read: no program can keep keys it was never given."""
        deadline = time.monotonic() + timeout
        fd = os.open(self.tty_name, os.O_RDWR | os.O_NOCTTY)
        try:
            while struct.unpack("i", fcntl.ioctl(fd, termios.FIONREAD, b"\0" * 4))[0]:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the app did not read its input (exit status "
                                f"{self.process.poll()}):\n{self.output[-2000:]!r}")
                time.sleep(0.005)
        finally:
            os.close(fd)

    def type_slowly(self, text: str, chunk: int = 3, pause: float = 0.04) -> None:
        """Type `text` a few characters at a time, as fast fingers would."""
        for start in range(0, len(text), chunk):
            self.send(text[start : start + chunk])
            time.sleep(pause)

    def go_to(self, digit: str, marker: str) -> None:
        """ctrl+g then `digit`, and wait until the canvas showing `marker` is up."""
        mark = self.size
        self.send(b"\x07")
        self.wait_for(DA("app.go_to_title"), since=mark)
        mark = self.size
        self.send(digit)
        self.wait_for(marker, since=mark)

    def resize(self, columns: int, rows: int) -> None:
        """The terminal window takes a new size (the kernel tells the app by SIGWINCH)."""
        fcntl.ioctl(self.master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))

    def kill_group(self, signum: int = signal.SIGKILL) -> None:
        os.killpg(self.process.pid, signum)

    def signal(self, signum: int) -> None:
        os.kill(self.process.pid, signum)

    def close_terminal(self) -> None:
        """The terminal goes away: close our end of the pty."""
        self._stop.set()
        self._reader.join(timeout=5)
        self._close_master()

    def _close_master(self) -> None:
        if not self._closed:
            self._closed = True
            os.close(self.master)

    def wait(self, timeout: float = EXIT_TIMEOUT) -> int:
        """Wait for the app to exit; its status (-N: killed by signal N)."""
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill_group()
            self.process.wait(5)
            pytest.fail(f"the app did not exit within {timeout} s:\n{self.output[-2000:]!r}")

    def cleanup(self) -> None:
        if self.process.poll() is None:
            try:
                self.kill_group()
            except ProcessLookupError:
                pass
            self.process.wait(5)
        self._stop.set()
        self._reader.join(timeout=5)
        self._close_master()


@pytest.fixture
def terminals():
    """Start apps with `terminals(path)`; every one is killed and closed after the test."""
    started: list[Terminal] = []

    def start(path: Path, args: list[str] | None = None) -> Terminal:
        terminal = Terminal(path, args)
        started.append(terminal)
        return terminal

    yield start
    for terminal in started:
        terminal.cleanup()


# ---------------------------------------------------------------- sessions on disk


def make_session(folder: Path) -> Path:
    """A fresh session that resumes on the story fish, its hero empty; returns its file."""
    session = new_session(SESSION_ID, title=TITLE, organisation="Testkommune", language="da")
    session.current = "story_fish"
    path = folder / f"{SESSION_ID}.toml"
    save_session(session, path)
    return path


def read_valid(path: Path) -> Session:
    """The session on disk, which must be whole and valid whatever happened to the app."""
    data = path.read_bytes()
    assert data.strip(), f"{path} is empty"
    session = read_session(path)  # raises SessionFileError on a truncated or broken file
    assert session.id == path.stem
    return session


def hero(path: Path) -> str:
    session = read_valid(path)
    return session.story_fish.hero if session.story_fish is not None else ""


def on_disk_within(path: Path, wanted: str, timeout: float = SAVE_TIMEOUT) -> None:
    """Wait until the story fish's hero in the file at `path` is `wanted` (the app saves
    on its own, AUTOSAVE_DELAY after typing pauses, later on a busy machine)."""
    deadline = time.monotonic() + timeout
    while (found := hero(path)) != wanted:
        if time.monotonic() > deadline:
            pytest.fail(f"{wanted!r} not saved within {timeout} s: the file has {found!r}")
        time.sleep(0.02)


def stray_files(folder: Path, path: Path, *, lock: bool = True) -> list[str]:
    """Files next to the session that are neither it, nor the temp files of its atomic
    writes or of its companions' (backup, lock: a kill can land in the middle of writing
    either, and the next open clears them), nor its backup, nor the folder's index cache, nor
    (when `lock`: a killed app cannot let go of it) its lock."""
    temps = (f".{path.name}.", f"..{path.name}.")
    expected = {backup_path(path).name, CACHE_NAME} | ({lock_path(path).name} if lock else set())
    return sorted(
        p.name for p in folder.iterdir()
        if p != path and p.name not in expected
        and not (p.name.startswith(temps) and p.name.endswith(".tmp"))
    )


def open_on_hero(terminals, path: Path, *, settled: bool = False) -> Terminal:
    """Start the app on `path` (a session resuming on the story fish, focus on the hero).

    `settled`: also wait until the app has finished starting up (its output pauses).
    """
    terminal = terminals(path)
    terminal.wait_for(STORY_FISH)
    if settled:
        terminal.wait_quiet()
    return terminal


# ---------------------------------------------------------------- 1. kill -9


def test_sigkill_after_autosave_delay_keeps_what_was_typed(tmp_path, terminals):
    """kill -9 once the autosave (0.5 s after typing) has written every character: the
    file is whole, holds all of it, and the rest of the session came through untouched."""
    path = tmp_path / MORS.name
    shutil.copy(MORS, path)
    original = read_valid(path)
    assert original.current != "story_fish"  # so that ctrl+g 4 is a real move
    terminal = terminals(path)
    terminal.wait_for(question(original.current))  # where the example session was left
    terminal.go_to(CANVAS_HOTKEY["story_fish"], STORY_FISH)

    terminal.type_slowly(TYPED)
    # Saved with no save command and no quit (the cursor was at the end of the hero).
    on_disk_within(path, original.story_fish.hero + TYPED)
    terminal.kill_group()
    assert terminal.wait() == -signal.SIGKILL

    session = read_valid(path)
    assert session.story_fish.hero == original.story_fish.hero + TYPED
    assert session.current == "story_fish"
    # The rest of the session came through the save untouched.
    assert session.participants == original.participants
    assert session.decisions == original.decisions
    assert session.business_case == original.business_case
    assert session.story_fish.head == original.story_fish.head
    assert stray_files(tmp_path, path) == []


def test_sigkill_right_after_typing_leaves_a_whole_file(tmp_path, terminals):
    """kill -9 with no wait at all: the file is the old or the new session, never half."""
    path = make_session(tmp_path)
    terminal = open_on_hero(terminals, path)
    terminal.type_slowly(TYPED)
    terminal.kill_group()
    assert terminal.wait() == -signal.SIGKILL

    on_disk = hero(path)  # whole and valid, whichever version it is
    assert TYPED.startswith(on_disk)
    assert stray_files(tmp_path, path) == []


# ---------------------------------------------------------------- 2. kill -9, again and again


KILLS = 12
TYPING_PAUSE = 0.02  # seconds between two keystroke bursts
KILL_AFTER = (0.2, 2.5)  # seconds of typing before the kill, spread over this range
SEEN_SAVED_EVERY = 3  # every third run types on until a save of its typing is seen, then kills


def keystrokes(run: int):
    """An endless, never-repeating stream of short bursts with Danish letters in them."""
    n = 0
    while True:
        n += 1
        yield f"{run}æ{n}ø" if n % 2 else f"å{n} "


def kill_delays(rng: random.Random) -> list[float]:
    """KILLS random delays in KILL_AFTER, one in each of KILLS equal slices, shuffled: kills
    land early and late in every run of the test, not by chance only."""
    low, high = KILL_AFTER
    step = (high - low) / KILLS
    delays = [low + step * (i + rng.random()) for i in range(KILLS)]
    rng.shuffle(delays)
    return delays


@pytest.mark.slow
def test_repeated_sigkill_while_typing(tmp_path, terminals):
    """Start, type without pause, kill -9 at a random moment; again and again on one file.

    Every time the file must be a whole, valid session; what it holds must be what was typed
    (a prefix of it: nothing invented, nothing reordered), and at least what was seen saved
    in it before the kill (a kill never takes back a save). Every SEEN_SAVED_EVERY-th run
    types on until the autosave has written some of its typing, then is killed while typing:
    so the last check is never vacuous, however slow the machine. Each run types onto the
    previous run's text, so reopening a file that was just killed mid-save is tested too.
    """
    seed = int(os.environ.get("DURABILITY_SEED") or random.randrange(1 << 30))
    rng = random.Random(seed)  # DURABILITY_SEED=<seed> replays a failed run's kill times
    path = make_session(tmp_path)
    kept = hero(path)
    checked = 0  # runs long enough that some of their typing must be on disk
    for run, delay in enumerate(kill_delays(rng), start=1):
        terminal = open_on_hero(terminals, path)
        typed = ""
        stream = keystrokes(run)
        seen = kept  # the longest hero seen in the file during this run
        wait_for_save = run % SEEN_SAVED_EVERY == 0
        start = time.monotonic()
        while time.monotonic() - start < delay or (wait_for_save and seen == kept):
            if time.monotonic() - start > SAVE_TIMEOUT:
                pytest.fail(f"seed {seed}, run {run}: nothing typed saved in {SAVE_TIMEOUT} s")
            burst = next(stream)
            terminal.send(burst)
            typed += burst
            time.sleep(TYPING_PAUSE)  # the typist's pace, not a wait
            now_on_disk = hero(path)  # whole and valid even while the app saves
            if len(now_on_disk) > len(seen):
                seen = now_on_disk
        terminal.kill_group()
        assert terminal.wait() == -signal.SIGKILL
        terminal.cleanup()

        on_disk = hero(path)
        expected = kept + typed
        checked += len(seen) > len(kept)
        context = f"seed {seed}, run {run}, killed {delay:.2f} s into typing {typed!r}"
        assert expected.startswith(seen), f"{context}: seen on disk {seen!r}"
        assert expected.startswith(on_disk), f"{context}: on disk {on_disk!r}"
        assert len(on_disk) >= len(seen), (
            f"{context}: on disk {on_disk!r}, lost {seen!r}, saved before the kill")
        assert stray_files(tmp_path, path) == [], context
        kept = on_disk
    assert checked >= KILLS // 3  # the check above was not vacuous


# ---------------------------------------------------------------- 3., 4. and 5. leaving with a save


def hang_up(terminal: Terminal) -> None:
    terminal.signal(signal.SIGHUP)


def close_terminal(terminal: Terminal) -> None:
    terminal.close_terminal()


def terminate(terminal: Terminal) -> None:
    terminal.signal(signal.SIGTERM)


ENDINGS = {
    "sighup": hang_up,  # the SSH connection dropped
    "terminal-closed": close_terminal,  # the terminal window closed: the kernel hangs up
    "sigterm": terminate,  # `kill`, a shutdown
}


def type_then_end(terminal: Terminal, ending: str, *, gap: float = 0.05,
                  timeout: float = EXIT_TIMEOUT) -> int:
    """Type TYPED in one go, end the app `gap` seconds later (after the app has read it,
    when the terminal is closed: see `Terminal.wait_read`); its exit status."""
    terminal.send(TYPED)
    if ending == "terminal-closed":
        terminal.wait_read()
    time.sleep(gap)
    ENDINGS[ending](terminal)
    return terminal.wait(timeout)


@pytest.mark.parametrize("ending", list(ENDINGS))
def test_hang_up_or_terminate_right_after_an_edit_saves_it(tmp_path, terminals, ending):
    """SIGHUP, the terminal closing, or SIGTERM ~50 ms after the last key: it is all saved,
    and the app leaves on its own."""
    path = make_session(tmp_path)
    terminal = open_on_hero(terminals, path, settled=True)
    assert type_then_end(terminal, ending) == 0
    assert hero(path) == TYPED
    assert stray_files(tmp_path, path, lock=False) == []  # the lock was let go


def quit_in_one_burst(terminal: Terminal, text: str, *, timeout: float = EXIT_TIMEOUT) -> int:
    """`text` and ctrl+q arrive in one read, as from a paste or a slow link; exit status."""
    terminal.send(text.encode("utf-8") + b"\x11")
    return terminal.wait(timeout)


def test_ctrl_q_in_the_same_burst_as_the_typing_saves_everything(tmp_path, terminals):
    """The app settles the keys still on their way to the field before it saves and quits."""
    path = make_session(tmp_path)
    terminal = open_on_hero(terminals, path, settled=True)
    burst = TYPED * 5
    assert quit_in_one_burst(terminal, burst) == 0
    assert hero(path) == burst
    assert stray_files(tmp_path, path, lock=False) == []


# ---------------------------------------------------------------- the same, just after start

@pytest.mark.slow
@pytest.mark.parametrize("ending", ["ctrl+q", "sighup", "sigterm", "terminal-closed"])
def test_leaving_right_after_the_canvas_appears_saves_what_was_typed(tmp_path, terminals,
                                                                      ending):
    """The same as above, but typing as soon as the canvas is drawn (the app still busy
    starting up): a facilitator who opens a session, pastes a line and quits at once, or
    whose SSH connection drops right then (20 ms after the last key). Four tries; every one
    must keep the text and let the app exit.
    """
    for attempt in range(4):
        folder = tmp_path / f"try{attempt}"
        folder.mkdir()
        path = make_session(folder)
        terminal = open_on_hero(terminals, path, settled=False)
        if ending == "ctrl+q":
            status = quit_in_one_burst(terminal, TYPED, timeout=5)
        else:
            status = type_then_end(terminal, ending, gap=0.02, timeout=5)
        assert hero(path) == TYPED, f"try {attempt + 1}: the typed text was not saved"
        assert status == 0, f"try {attempt + 1}"


# ---------------------------------------------------------------- bytes that are not UTF-8

MARK = "xyzzy "  # typed before the odd bytes; once it is drawn, the app has read them too
AFTER = "def"  # typed after them: must land in the field as well

# What arrives from the terminal, read by read: the typing around the odd bytes must all
# land in the field, and the odd bytes as U+FFFD (what a lenient UTF-8 decoder makes of
# them), never as the end of the app.
ODD_BYTES = {
    # The tester's case (`tmux send-keys -H e6`, then `def`): the lead byte of a three-byte
    # character waits for its continuation in one read and gets ASCII in the next.
    "lead byte, then ASCII in the next read": [b"\xe6", AFTER.encode()],
    "lead byte and ASCII in one read": [b"\xe6" + AFTER.encode()],
    "a lone continuation byte": [b"\x80" + AFTER.encode()],
    "a truncated sequence, then ASCII": [b"\xe6\x97" + AFTER.encode()],
    "a truncated sequence split across reads": [b"\xe6", b"\x97" + AFTER.encode()],
    "bytes that are never UTF-8": [b"\xff\xfe\xc0\xaf" + AFTER.encode()],
    # Not odd at all, the neighbour that must keep working: "æ" split across two reads.
    "a valid character split across reads": [b"\xc3", b"\xa6" + AFTER.encode()],
}


def test_bytes_that_are_not_utf8_neither_end_the_app_nor_lose_typing(tmp_path, terminals):
    """Bytes that are not UTF-8 while typing in a field (a terminal in another encoding, a
    paste cut short, line noise): the app goes on, every key typed before and after them is
    in the field, and ctrl+q saves it all and lets go of the lock.

    Each case of ODD_BYTES in turn, in one app (one app a case proved no more, at three
    seconds a start): each ends with ASCII typed after the odd bytes, so each starts with
    the decoder clear, as in an app of its own; and each is saved by the autosave, whole,
    before the next is typed."""
    path = make_session(tmp_path)
    terminal = open_on_hero(terminals, path, settled=True)
    expected = ""
    for case, reads in ODD_BYTES.items():
        mark = terminal.size
        terminal.send(MARK.encode() + reads[0])
        terminal.wait_for(MARK.strip(), since=mark)  # the first read is in
        for data in reads[1:]:
            mark = terminal.size
            terminal.send(data)
            terminal.wait_for(AFTER, since=mark)  # only the last read ends with something shown
        typed = (MARK.encode() + b"".join(reads)).decode("utf-8", errors="replace")
        assert typed.endswith(AFTER), case
        expected += typed
        assert terminal.process.poll() is None, f"{case}: {terminal.output[-2000:]!r}"
        on_disk_within(path, expected)  # fails naming what the file has instead
    terminal.send(b"\x11")  # ctrl+q
    assert terminal.wait() == 0, terminal.output[-2000:]
    assert b"Traceback" not in terminal.output
    assert hero(path) == expected
    assert stray_files(tmp_path, path, lock=False) == []  # the lock was let go


def test_terminal_replies_while_typing_leave_nothing_in_the_field(tmp_path, terminals):
    """Replies a terminal sends while the facilitator types (to a query of tmux, of a
    program run before, of a terminal multiplexer in between), one of them split across two
    reads: the field holds what was typed and nothing of them."""
    path = make_session(tmp_path)
    terminal = open_on_hero(terminals, path, settled=True)
    mark = terminal.size
    replies = "".join(TERMINAL_REPLIES.values())
    terminal.send(MARK + replies + "\x1b]11;rgb:00")
    terminal.wait_for(MARK.strip(), since=mark)
    mark = terminal.size
    terminal.send("00/0000/0000\x07" + AFTER)
    terminal.wait_for(AFTER, since=mark)
    terminal.send(b"\x11")  # ctrl+q
    assert terminal.wait() == 0, terminal.output[-2000:]
    assert hero(path) == MARK + AFTER


def test_a_lone_lead_byte_at_the_end_of_typing_is_shown_and_kept_by_a_hang_up(tmp_path,
                                                                             terminals):
    """The start of a character whose rest never comes (a Latin-1 "æ", `tmux send-keys -H
    e6`) as the last thing typed: it is shown as U+FFFD where it came, without waiting for a
    next key, and a hang-up then saves it with the rest."""
    path = make_session(tmp_path)
    terminal = open_on_hero(terminals, path, settled=True)
    mark = terminal.size
    terminal.send(MARK.encode() + b"\xe6")
    terminal.wait_for(MARK + "\ufffd", since=mark)  # shown, no key after it
    terminal.signal(signal.SIGHUP)
    terminal.wait()
    assert hero(path) == MARK + "\ufffd"
    assert stray_files(tmp_path, path, lock=False) == []


@pytest.mark.parametrize("ending", ["sighup", "terminal-closed"])
def test_a_hang_up_in_the_middle_of_a_paste_keeps_what_was_pasted(tmp_path, terminals, ending):
    """The line drops in the middle of a paste (its start came, its end never will), by
    SIGHUP or by the terminal closing under the app (its input thread's read fails before
    the kernel's SIGHUP comes): what the paste held is saved with the rest (before, it was
    kept back for the end and lost)."""
    path = make_session(tmp_path)
    terminal = open_on_hero(terminals, path, settled=True)
    mark = terminal.size
    terminal.send(MARK.encode() + b"\x1b[200~PASTE")
    terminal.wait_for(MARK, since=mark)  # the read is in: the paste waits for its end
    ENDINGS[ending](terminal)
    assert terminal.wait() == 0
    assert hero(path) == MARK + "PASTE"
    assert stray_files(tmp_path, path, lock=False) == []


ODD_IN_MENU = {"superscript-two": "²", "arabic-indic-three": "٣", "U+FFFD": "\ufffd",
               "byte-e6": "\xe6"}


def test_odd_characters_in_the_go_to_menu_are_ignored(tmp_path, terminals):
    """A character that is a digit to Python but no number to int() ("²", AltGr+2 on some
    layouts), one that is a digit elsewhere ("٣"), U+FFFD and a byte that is not UTF-8,
    typed into the go-to menu: the menu ignores them and still takes its keys.

    The four in turn in one app (one app each proved no more, at three seconds a start),
    each in a menu of its own, each followed by a digit that moves to another canvas."""
    path = make_session(tmp_path)
    terminal = open_on_hero(terminals, path, settled=True)
    for n, (case, odd) in enumerate(ODD_IN_MENU.items()):
        canvas = "business_case" if n % 2 == 0 else "story_fish"  # never where it is
        mark = terminal.size
        terminal.send(b"\x07")  # ctrl+g, then the menu after a pause
        terminal.wait_for(DA("app.go_to_title"), since=mark)
        terminal.wait_quiet()
        terminal.send(odd.encode("latin-1") if odd == "\xe6" else odd.encode("utf-8"))
        mark = terminal.size
        terminal.send(CANVAS_HOTKEY[canvas])
        terminal.wait_for(question(canvas), since=mark)
        assert terminal.process.poll() is None, f"{case}: {terminal.output[-2000:]!r}"
    terminal.send(b"\x11")  # ctrl+q
    assert terminal.wait() == 0, terminal.output[-2000:]
    assert b"Traceback" not in terminal.output
    assert read_valid(path).current == "story_fish"


# A menu closed by the first key of a burst must not act on the rest of it: each Enter it
# took in before closing would close another screen, the canvas and the session list under
# it, and then end the app ("Can't pop screen"); or, in the command palette, run the command
# chosen again (four export dialogs for four Enters).
BURSTS = {
    # ctrl+g, then the menu after a pause: Enter takes the canvas showing (the story fish),
    # the other three go on to its fields.
    "go-to menu": (b"\x07", "app.go_to_title", False),
    # ctrl+p: Enter takes the first command (export as HTML), once; the second Enter, as
    # typed ahead, is for the dialog that command shows: it saves the report where the
    # dialog proposes (beside the session), and the last two go on to the story fish.
    "command palette": (b"\x10", "export.heading_html", True),
}


@pytest.mark.parametrize("opener", list(BURSTS.values()), ids=list(BURSTS))
def test_a_burst_of_enters_closes_a_menu_once(tmp_path, terminals, own_home, opener):
    """Enter four times in one read (an impatient facilitator over a slow link) in the
    go-to menu or the command palette: the first Enter chooses, once, and each further
    Enter does what it would have done typed slowly; the app stays, and ctrl+q leaves it
    as usual."""
    keys, marker, exports = opener
    path = make_session(tmp_path)
    terminal = open_on_hero(terminals, path, settled=True)
    mark = terminal.size
    terminal.send(keys)
    terminal.wait_for(DA(marker), since=mark)
    terminal.wait_quiet()
    terminal.send(b"\r\r\r\r")
    if exports:
        terminal.wait_for(DA("export.done", path="\0").split("\0")[0].strip(), since=mark)
    terminal.wait_quiet()
    assert terminal.process.poll() is None, terminal.output[-2000:]
    terminal.send(b"\x11")  # ctrl+q
    assert terminal.wait() == 0, terminal.output[-2000:]
    assert b"Traceback" not in terminal.output
    session = read_valid(path)
    assert session.current == "story_fish"
    if exports:
        assert [p.name for p in path.parent.iterdir() if p.suffix == ".html"] == [
            f"{SESSION_ID}.html"]
    assert not lock_path(path).exists()  # let go of


# ---------------------------------------------------------------- two facilitators, one file


def test_a_second_instance_on_the_same_file_is_read_only_and_the_first_keeps_saving(
        tmp_path, terminals):
    """Two real apps on one file, as two facilitators on one server: the second says who
    has the file, opens it read-only (Enter), takes no keys into the session and writes
    nothing; the first saves all along, also after the second has quit."""
    path = make_session(tmp_path)
    first = open_on_hero(terminals, path, settled=True)
    first.type_slowly("Først ")
    on_disk_within(path, "Først ")

    second = terminals(path)
    second.wait_for(DA("app.open_read_only"))
    mark = second.size
    second.send(b"\r")
    second.wait_for(DA("app.read_only"), since=mark)
    second.wait_quiet()
    second.type_slowly("ANDEN")

    first.type_slowly("og så videre")
    on_disk_within(path, "Først og så videre")
    stamp = path.stat().st_mtime_ns
    # The second quits: it takes its keys in order, and would save on its way out what it
    # had taken into the session.
    second.send(b"\x11")  # ctrl+q
    assert second.wait() == 0
    assert hero(path) == "Først og så videre" and path.stat().st_mtime_ns == stamp
    assert lock_path(path).exists()  # the first one's: the second did not take it away

    first.type_slowly(" æøå")
    on_disk_within(path, "Først og så videre æøå")
    first.send(b"\x11")
    assert first.wait() == 0
    assert hero(path) == "Først og så videre æøå"
    assert stray_files(tmp_path, path, lock=False) == []


# ---------------------------------------------------------------- kill -9, hundreds of times

STORM_KILLS = 300
STORM_SAVES = (1, 3)  # the kill comes once the writer has begun one of these saves …
STORM_JITTER = 0.005  # … this many seconds at most after it began it (saves take ~ms)
STORM_EARLY_EVERY = 6  # every sixth writer is killed at once: before its first save


def storm_version(run: int, n: int) -> tuple[str, int]:
    """What edit `n` of run `run` makes of the story fish's hero and of the number of
    decisions: text of changing length, Danish letters, quotes and newlines, so that each
    save is a different file size and two versions can never be mistaken for one."""
    return f"run {run} edit {n} " + "æø\"å\n" * (n % 40), n % 7


def storm_writer(path: Path, run: int, report: int) -> None:
    """In a forked child: open the session as the app does, then edit and save as fast as
    it can, telling the parent `n` before each save and after it. Never returns."""
    from dtworkshop.core.session import Decision
    from dtworkshop.core.types import now

    try:
        document = Document.open(path)
        n = 0
        while True:
            n += 1
            hero_text, decisions = storm_version(run, n)
            document.session.canvas("story_fish").hero = hero_text
            document.session.decisions = [
                Decision(canvas="story_fish", text=f"beslutning {i}", owner="Åse", made=now())
                for i in range(decisions)
            ]
            document.changed()
            os.write(report, f"saving {n}\n".encode())
            assert document.save(), document.error
            os.write(report, f"saved {n}\n".encode())
    finally:
        os._exit(1)


def wait_for_line(fd: int, line: bytes, timeout: float = SAVE_TIMEOUT) -> bytes:
    """Read from the pipe `fd` until `line` has come (or the writer died); what was read."""
    data = b""
    deadline = time.monotonic() + timeout
    while line not in data:
        if time.monotonic() > deadline:
            pytest.fail(f"the writer never said {line!r}: {data[-200:]!r}")
        if select.select([fd], [], [], 0.05)[0]:
            chunk = os.read(fd, 65536)
            if not chunk:  # the writer ended (it failed): its report says why
                break
            data += chunk
    return data


@pytest.mark.slow
def test_hundreds_of_sigkills_during_saves_never_leave_a_broken_file(tmp_path):
    """kill -9 a writer that saves the session continuously, STORM_KILLS times at random
    moments, many of them in the middle of a save: every time the file must be a whole,
    valid session, one of the versions the writer was saving, and no older than the last
    save it finished. Each run opens what the previous kill left (and the dead run's lock).
    The kills are timed by what the writer says it is doing, not by the clock, so that a
    busy machine still kills many writers inside a save.

    This drives the app's own saving (`Document`: lock, backup, validation, atomic write)
    in forked processes, which start in milliseconds; the real app in a terminal is killed
    in `test_repeated_sigkill_while_typing`, which also bounds what is lost to the autosave.
    """
    seed = int(os.environ.get("DURABILITY_SEED") or random.randrange(1 << 30))
    rng = random.Random(seed)
    path = make_session(tmp_path)
    mid_save = 0
    for run in range(1, STORM_KILLS + 1):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child
            os.close(read_end)
            storm_writer(path, run, write_end)
        os.close(write_end)
        told = b""
        if run % STORM_EARLY_EVERY:
            told = wait_for_line(read_end, f"saving {rng.randint(*STORM_SAVES)}\n".encode())
            time.sleep(rng.uniform(0, STORM_JITTER))  # where in that save: chance, not a wait
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        with os.fdopen(read_end, "rb") as pipe:
            lines = (told + pipe.read()).decode().split()
        saving = [int(n) for word, n in zip(lines[::2], lines[1::2]) if word == "saving"]
        saved = [int(n) for word, n in zip(lines[::2], lines[1::2]) if word == "saved"]
        context = f"seed {seed}, run {run}: saving {saving[-3:]}, saved {saved[-3:]}"

        session = read_valid(path)
        on_disk = session.story_fish.hero if session.story_fish else ""
        if on_disk.startswith(f"run {run} "):
            n = int(on_disk.split()[3])
            assert (on_disk, len(session.decisions)) == storm_version(run, n), context
            assert n in saving and n >= max(saved, default=0), context
        else:  # nothing of this run got saved (killed early): the previous run's file stands
            assert not saved, context
        mid_save += bool(saving) and (not saved or saving[-1] > saved[-1])
        temps = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        # A dead save's temporary file is cleared by the next run that gets the lock.
        assert len(temps) <= 10, f"{context}: {temps}"
    assert mid_save >= STORM_KILLS // 10, mid_save  # many kills did land inside a save
    Document.open(path).close()  # opening it once more, as the app would
    assert stray_files(tmp_path, path) == []
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# ---------------------------------------------------------------- quitting a first listing

SMALL_FILES = 400  # quick to read: the first rows come at once
BIG_FILES = 500  # 130 KB each, ~50 ms each to read: a first read of them takes seconds
QUIT_WITHIN = 5.0  # seconds; quitting takes well under one, reading the big files ten or more


def group_alive(pgid: int) -> bool:
    """Whether any process of the process group `pgid` is still there (zombies included)."""
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def big_folder(folder: Path) -> None:
    """SMALL_FILES realistic sessions and BIG_FILES copies of the big session (issue 10),
    each with its own id; enough files that the app reads them with worker processes."""
    bench = ROOT / "bench" / "make_sessions.py"
    subprocess.run([sys.executable, str(bench), str(SMALL_FILES), str(folder)],
                   check=True, capture_output=True)
    big = folder.parent / "big"
    subprocess.run([sys.executable, str(bench), "1", str(big), "--big"],
                   check=True, capture_output=True)
    (original,) = big.glob("*.toml")
    text = original.read_text(encoding="utf-8")
    line = f'id = "{original.stem}"'
    assert line in text
    for n in range(BIG_FILES):
        name = f"zz-stor-session-{n:04d}"  # after the small ones: read once rows are shown
        (folder / f"{name}.toml").write_text(text.replace(line, f'id = "{name}"', 1),
                                             encoding="utf-8")


def test_quitting_during_the_first_listing_of_a_big_folder_is_prompt_and_leaves_nothing(
        tmp_path, terminals):
    """q while a big folder is read for the first time (by worker processes): the app stops
    reading and ends at once instead of reading the rest first, no process it started
    outlives it, and nothing (multiprocessing's "leaked semaphore" warnings, a traceback) is
    printed over the shell after it."""
    folder = tmp_path / "sessions"
    big_folder(folder)
    terminal = terminals(folder, ["--sessions", folder.name])
    # Underway: rows are listed and more are coming (the count in the title, "399
    # sessioner · 1 ulæselig …", ends in " …").
    sessions = DA("list.count_all", total="").strip()
    terminal.wait_for_match(f"[1-9][0-9]* {sessions}[^\x1b\n]* …".encode("utf-8"))
    terminal.send("q")
    assert terminal.wait(QUIT_WITHIN) == 0
    assert not (folder / CACHE_NAME).exists()  # the read was stopped, not finished

    deadline = time.monotonic() + EXIT_TIMEOUT  # for the helpers' ends to be seen
    while group_alive(terminal.process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    survivors = subprocess.run(["ps", "-o", "pid,stat,args", "-g", str(terminal.process.pid)],
                               capture_output=True, text=True).stdout
    assert not group_alive(terminal.process.pid), survivors

    output = terminal.output
    after = output[output.rfind(b"\x1b[?1049l"):]  # what is left on the shell's screen
    for word in (b"leaked", b"resource_tracker", b"Traceback", b"No such file", b"Error"):
        assert word not in after, after.decode("utf-8", "replace")


@pytest.mark.parametrize("delay", [0.0, 0.2, 0.4])
def test_keys_typed_as_the_app_starts_are_the_lists_keys(tmp_path, terminals, delay):
    """`n`, a new session's title, organisation and facilitator and Enter, typed while the
    app is still starting (a facilitator who knows the keys): `n` opens the dialog and the
    session is made with every word where it was typed. (They went into the search box,
    focused until the list took the focus, and "Odder Kommune" was taken as the list's
    keys.)"""
    folder = tmp_path / "sessions"
    folder.mkdir()
    make_session(folder)
    terminal = terminals(folder, ["--sessions", folder.name])
    time.sleep(delay)
    # Enter after the dialog shows: typed before the app has the terminal in raw mode, the
    # terminal's line discipline turns it into ctrl+j (ICRNL), as it would for a user.
    # (The terminal echoes what is typed before then: the dialog's heading says it is up.)
    before = set(folder.glob("*.toml"))
    terminal.send("nTidlig titel\tOdder Kommune\tIb")
    terminal.wait_for(DA("new.heading"))
    terminal.wait_quiet()
    terminal.send("\r")
    made = lambda: sorted(set(folder.glob("*.toml")) - before)  # noqa: E731
    deadline = time.monotonic() + SAVE_TIMEOUT
    while not made() and time.monotonic() < deadline:
        time.sleep(0.05)
    terminal.wait_quiet()
    terminal.send(b"\x11")  # ctrl+q
    assert terminal.wait() == 0, terminal.output[-2000:]
    assert made(), [p.name for p in folder.iterdir()]
    session = read_valid(made()[0])
    assert (session.title, session.organisation, session.facilitator) == (
        "Tidlig titel", "Odder Kommune", "Ib")


def test_a_window_shrunk_and_grown_back_at_once_is_drawn_whole_again(tmp_path, terminals):
    """The pane dragged to one cell and back within milliseconds (tmux resize-window twice
    in one command): the terminal cleared it, and the app draws it whole again. (Textual
    laid out only what differed from the size it last drew, the same one: the canvas stayed
    blank until the next canvas switch.)"""
    path = make_session(tmp_path)
    terminal = open_on_hero(terminals, path, settled=True)
    footer = DA("app.quit")
    mark = terminal.size
    terminal.resize(1, 1)
    terminal.resize(80, 24)
    terminal.wait_for(footer, since=mark)  # the footer, which did not change, drawn again
    terminal.send(b"\x11")  # ctrl+q
    assert terminal.wait() == 0


# ---------------------------------------------------------------- a paste that never ends

def test_a_paste_that_never_ends_neither_swallows_the_keys_after_it_nor_ctrl_q(tmp_path,
                                                                               terminals):
    """The start of a bracketed paste with no end (a terminal that cut it, `tmux send-keys`
    of ESC [200~ alone): once the input is quiet, what came after the start is taken as a
    paste, its control characters dropped; the keys after that are keys again, ctrl+q
    too."""
    path = make_session(tmp_path)
    terminal = open_on_hero(terminals, path, settled=True)
    mark = terminal.size
    terminal.send("\x1b[200~Hej \x11fra Ærø")
    terminal.wait_for("Hej fra Ærø", since=mark)  # the paste, ended for want of its end
    mark = terminal.size
    terminal.send(" og Læsø")
    terminal.wait_for("og Læsø", since=mark)
    terminal.send(b"\x11")  # ctrl+q
    assert terminal.wait() == 0, terminal.output[-2000:]
    assert hero(path) == "Hej fra Ærø og Læsø"


def test_a_paste_holding_escape_and_ctrl_q_goes_in_whole_and_the_app_stays(tmp_path, terminals):
    """A paste holding ESC, a colour code, BEL and ctrl+q (text copied from a terminal): it
    goes into the field whole, its control characters dropped. Textual's parser read the
    ESC as the start of a key, so what followed left the paste as keys: ctrl+q quit the app
    and "abc" and "def" were lost."""
    path = make_session(tmp_path)
    terminal = open_on_hero(terminals, path, settled=True)
    mark = terminal.size
    terminal.send("\x1b[200~abc\x1bx\x11def \x1b[31mrød\x1b[0m \x07ok\x1b[201~")
    terminal.wait_for("abcxdef [31mrød[0m ok", since=mark)
    terminal.send(b"\x11")  # ctrl+q
    assert terminal.wait() == 0, terminal.output[-2000:]
    assert hero(path) == "abcxdef [31mrød[0m ok"


def test_a_whole_paste_is_still_one_paste(tmp_path, terminals):
    """The neighbour: a paste with its end, even split across reads, goes in whole and the
    keys after it are keys."""
    path = make_session(tmp_path)
    terminal = open_on_hero(terminals, path, settled=True)
    mark = terminal.size
    terminal.send(b"\x1b[200~Linje en")
    terminal.send(b"\r\nlinje to\x1b[2")
    terminal.send(b"01~!")
    terminal.wait_for("!", since=mark)
    terminal.send(b"\x11")
    assert terminal.wait() == 0, terminal.output[-2000:]
    assert hero(path) == "Linje en linje to!"


# ---------------------------------------------------------------- dialogs open at a hang-up

@pytest.mark.parametrize("ending", ["sighup", "terminal-closed"])
def test_a_decision_being_written_when_the_line_drops_is_kept(tmp_path, terminals, ending):
    """The decision dialog open, a decision, its owner and a due date that is no date typed:
    the connection drops. The decision is in the file, the due date as typed in its text."""
    path = make_session(tmp_path)
    terminal = open_on_hero(terminals, path, settled=True)
    mark = terminal.size
    terminal.send(b"\x04")  # ctrl+d
    terminal.wait_for(DA("decision.heading"), since=mark)
    mark = terminal.size
    terminal.send("Vi gør det på Ærø\rBo\rnæste uge")
    terminal.wait_for("næste uge", since=mark)
    ENDINGS[ending](terminal)
    assert terminal.wait() == 0, terminal.output[-2000:]
    decisions = read_valid(path).decisions
    assert [(d.text, d.owner, d.due, d.canvas) for d in decisions] == [
        ("Vi gør det på Ærø (frist næste uge)", "Bo", None, "story_fish")]
    assert stray_files(tmp_path, path, lock=False) == []


def test_a_new_session_being_named_when_the_line_drops_is_made(tmp_path, terminals):
    """`dtworkshop new`, a title typed, the connection drops: the session file is made."""
    terminal = terminals(tmp_path / "unused.toml", ["new"])
    terminal.wait_for(DA("new.heading"))
    terminal.wait_quiet()
    mark = terminal.size
    terminal.send("Strategidag på Ærø")
    terminal.wait_for("Ærø", since=mark)
    hang_up(terminal)
    assert terminal.wait() == 0, terminal.output[-2000:]
    made = list((tmp_path / "sessions").glob("*.toml"))
    assert len(made) == 1
    assert read_valid(made[0]).title == "Strategidag på Ærø"


def test_typing_on_after_a_paste_that_never_ends_is_typing_again(tmp_path, terminals):
    """The start of a paste with no end, then typing at a typist's pace, never pausing a
    whole second: after a second the paste is ended, and Tab is Tab again."""
    path = make_session(tmp_path)
    terminal = open_on_hero(terminals, path, settled=True)
    mark = terminal.size
    terminal.send(b"\x1b[200~")
    terminal.type_slowly("abcd\tXY", chunk=1, pause=0.3)  # a key every 0.3 s, as typed
    terminal.wait_for("XY", since=mark)
    terminal.send(b"\x11")
    assert terminal.wait() == 0, terminal.output[-2000:]
    session = read_valid(path)
    assert session.story_fish.hero.startswith("abc") and "\t" not in session.story_fish.hero
    assert session.story_fish.head.endswith("XY")


PASTE_READS = {
    # reads as they come from the terminal: the messages the parser makes of them
    "escape and ctrl+q inside": (["\x1b[200~abc\x1bx\x11def\x1b[201~"], [("paste", "abcxdef")]),
    "a colour code and BEL, keys around": (["q\x1b[200~abc\x1b[31mdef\x07\x1b[201~z"],
                                           [("key", "q"), ("paste", "abc[31mdef"), ("key", "z")]),
    "the end marker split": (["\x1b[200~abc\x1b[20", "1~z"], [("paste", "abc"), ("key", "z")]),
    "the end marker split after its ESC, an arrow after it": (
        ["\x1b[200~ab\x1b", "[201~\x1b[A"], [("paste", "ab"), ("key", "up")]),
    "an ESC at the end of a read that is pasted text": (
        ["\x1b[200~a\x1b", "xb\x1b[201~"], [("paste", "axb")]),
    "the start marker split": (["\x1b[20", "0~abc\x1bq\x1b[201~k"], [("paste", "abcq"), ("key", "k")]),
    "tab and line ends kept": (["\x1b[200~a\r\nb\tc\x1b[201~"], [("paste", "a\r\nb\tc")]),
    "keys alone": (["\x1b[A", "x"], [("key", "up"), ("key", "x")]),
    "a reply in the middle of a paste": (["\x1b[200~ab\x1b[?62;cd\x1b[201~"],
                                         [("paste", "ab[?62;cd")]),
}

TERMINAL_REPLIES = {
    # what terminals answer to queries (tmux, xterm, kitty), and sequences no key sends
    "device attributes": "\x1b[?62;c",
    "secondary device attributes": "\x1b[>41;330;0c",
    "a colour, ended by ST": "\x1b]11;rgb:0000/0000/0000\x1b\\",
    "a colour, ended by BEL": "\x1b]10;rgb:ffff/ffff/ffff\x07",
    "the terminal's version (DCS)": "\x1bP>|tmux 3.3a\x1b\\",
    "kitty graphics (APC)": "\x1b_Gi=1;OK\x1b\\",
    "kitty keyboard flags": "\x1b[?1u",
    "a status report": "\x1b[0n",
    "a window report": "\x1b[8;24;80t",
    "an unknown function key": "\x1b[99~",
}


@pytest.mark.parametrize("reply", list(TERMINAL_REPLIES.values()), ids=list(TERMINAL_REPLIES))
@pytest.mark.parametrize("split", [False, True], ids=["one-read", "split"])
def test_terminal_replies_between_keys_make_no_keys(reply, split):
    """A terminal's reply (or a sequence no key sends) arriving between typed keys, whole
    or split across two reads: the keys around it, and nothing of it (Textual made the
    keys of its characters, "[?62;c" typed into a field)."""
    from dtworkshop.ui.terminal import PasteEndingParser

    parser = PasteEndingParser()
    middle = len(reply) // 2
    reads = ["ab" + reply[:middle], reply[middle:] + "c\x1b[A"] if split else ["ab" + reply + "c\x1b[A"]
    made = [message for data in reads for message in parser.feed(data)]
    assert [m.key for m in made] == ["a", "b", "c", "up"]


KEYS_KEPT = {
    # keys in the shapes terminals send them: each is still its key
    "ctrl+up": ("\x1b[1;5A", "ctrl+up"),
    "shift+tab": ("\x1b[Z", "shift+tab"),
    "delete": ("\x1b[3~", "delete"),
    "F1 (SS3)": ("\x1bOP", "f1"),
    "F1 (Linux console)": ("\x1b[[A", "f1"),
    "ctrl+F2": ("\x1b[12;5~", "ctrl+f2"),
    "kitty ctrl+c": ("\x1b[99;5u", "ctrl+c"),
}


@pytest.mark.parametrize("sequence, key", list(KEYS_KEPT.values()), ids=list(KEYS_KEPT))
def test_keys_still_come_through_the_filter_of_replies(sequence, key):
    """The neighbour case: what keys send is not taken for a reply, whole or split."""
    from dtworkshop.ui.terminal import PasteEndingParser

    for reads in ([sequence + "z"], [sequence[:2], sequence[2:] + "z"]):
        parser = PasteEndingParser()
        made = [message for data in reads for message in parser.feed(data)]
        assert [m.key for m in made] == [key, "z"], reads


@pytest.mark.parametrize("typed", ["\x1b]", "\x1b[", "\x1bP", "\x1b]ab"])
def test_a_sequence_begun_and_never_ended_still_comes_through(typed):
    """`ESC ]` with nothing after it is alt+] typed, not a reply begun: after REPLY_WAIT it
    goes to Textual, which makes of it the keys it made before; nothing typed is held for
    ever."""
    from textual._xterm_parser import XTermParser

    from dtworkshop.ui.terminal import REPLY_WAIT, PasteEndingParser

    def keys(parser: XTermParser, held: bool) -> list[str]:
        made = list(parser.feed(typed))
        assert (made == []) or not held
        if held:
            parser._reply_held_since -= REPLY_WAIT  # as if REPLY_WAIT had passed
            made += parser.tick()
        parser._timeout_time = 0  # Textual's own wait for the rest of a sequence, over too
        return [m.key for m in made + list(parser.tick())]

    assert keys(PasteEndingParser(), held=True) == keys(XTermParser(), held=False) != []


@pytest.mark.parametrize("reads, expected", list(PASTE_READS.values()), ids=list(PASTE_READS))
def test_the_parser_keeps_a_paste_whole_whatever_it_holds(reads, expected):
    """The app's terminal parser (PasteEndingParser) on reads that hold pastes with control
    characters, markers split across reads, and keys around them."""
    from textual import events

    from dtworkshop.ui.terminal import PasteEndingParser

    parser = PasteEndingParser()
    made = [message for data in reads for message in parser.feed(data)]
    assert [("paste", m.text) if isinstance(m, events.Paste) else ("key", m.key)
            for m in made] == expected
