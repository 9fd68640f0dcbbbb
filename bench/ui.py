"""Benchmark: how the app feels in a real terminal, against a bare Textual app in the same run.

    python bench/ui.py [--quick] [--only typing,switch,start,dialog,save,memory]
                       [--canvases business_case,3,...] [--session [NAME=]FILE]
                       [--runs R] [--keys N] [--max-seconds S] [--json OUT]
                       [--app-python PYTHON]

Runs `dtworkshop` in a pseudo-terminal of 80x24 (TERM=xterm-256color, COLORTERM=truecolor,
LANG=C.UTF-8), writes keys to it as a terminal would and times the bytes the app writes
back, from the write of the key to:

- shown: the first output that holds what the key should bring (the typed character, the
  new canvas, the dialog's heading);
- last byte: the end of that update, the last output before 50 ms without any (a key) or
  250 ms (a switch, start or dialog: the app paints those in several frames).

The floor is a bare Textual app (written to a temporary file, run with the same Python in
the same kind of terminal): seven screens, each a title line "SCREEN n", an Input and a
Footer, switched with the same keys, and a modal dialog on ctrl+d.

- typing: on each canvas (--canvases, default all seven) a character is typed into the first
  text field the canvas focuses (organisation forms: after Tab past its three numbers), the
  next only once the screen is quiet again; shown = the character is in the output (each
  key a letter not yet on screen: see TYPED). Median, p90 and bytes written per key; the
  bare app types into its Input. A character not shown within 30 s is a FAILED row, and
  typing goes on on the next canvas.
- switch: ctrl+n from canvas to canvas, first visits (each canvas's first showing after the
  app started: screens are built once per session) apart from revisits (three rounds);
  shown = the navigation bar's entry of the new canvas (" 3 Portefølje ", highlighted
  there only while that canvas shows: at 80 columns the bar names only the current canvas;
  its title heading may be scrolled out of view). The slowest switch is reported too.
  Two kinds of first visit, both against the bare app's first visit: "right after a key",
  the worst case: the app builds a canvas ahead only after BUILD_AHEAD_QUIET = 1 s without
  keys, so a key nobody binds (NUDGE, F12) follows each update at once, and the next
  ctrl+n comes less than a second after it (the notes say if not); and "after a pause", in
  a second run of the app of its own, PAUSE seconds without keys before each ctrl+n, time
  for the app to build the canvas ahead as it does while the room talks.
- start: `dtworkshop open FILE` until its canvas is shown, and `dtworkshop --sessions DIR`
  (the session list of the example files) until its footer is; the bare app until its
  first screen is.
- dialog: ctrl+d on the business case canvas until the decision dialog's heading is
  shown; Escape closes it (not timed).
- save, in this process: `Document.save()` after one field changed, against writing the
  same bytes atomically (temporary file, write, fsync, rename, fsync the folder); and
  `storage.dumps` and `storage.decode_session` alone.
- memory: the app's peak resident memory (VmHWM) once every canvas was shown.

Sessions: "example" is the four example sessions of sessions/ merged into one (every
canvas filled; 11 KB, the repo holds no bigger real one), "big" is made by
`make_sessions.py --big` (134 KB: 50 units, 200 initiatives, 300 decisions). Each app run
opens a fresh copy (the app takes a lock and autosaves), with `current` set to the business
case, so that every session starts on the same canvas and visits the others in the same order.

Each app runs --runs times (default 3) in turns with the bare app; every figure is the best
run's (the lowest median), so a neighbour's load on the machine hits both alike. A series
(one canvas's keys, the revisits, the dialogs of one run) stops after --max-seconds once it
holds five samples (the revisits: one round), so that a slow app (a key that takes
seconds) does not make the run take hours; the table gives n.

Budgets (medians, best run): key <= 2 x the bare key; switch, first visit and revisit,
<= 1.5 x the bare switch, and none over 300 ms on the big session; start, session list
and dialog <= 1.3 x bare; save <= 2 x the atomic write; the big session within 1.2 x the
example on every canvas (key and switch). Exit status 1 when a row is over budget.

--app-python PYTHON runs the app as `PYTHON -m dtworkshop` (or the `dtworkshop` script
beside PYTHON): another checkout's virtual environment, to measure an older version with
this same harness (the sessions, markers and floor come from this checkout; the save
section runs in this process, so it always measures this checkout's code).
"""

from __future__ import annotations

import argparse
import bisect
import errno
import fcntl
import json
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dtworkshop.core.labels import Labels  # noqa: E402
from dtworkshop.core.canvases import CANVAS_KEYS  # noqa: E402
from dtworkshop.ui.screens.dialogs import CANVAS_HOTKEY  # noqa: E402
from dtworkshop.core.session import Session  # noqa: E402
from dtworkshop.document import Document  # noqa: E402
from dtworkshop.storage import decode_session, dumps, read_session  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
COLUMNS, LINES = 80, 24
QUIET = 0.05
"""Seconds without output that end the update of a key (its last byte is the one before)."""
UPDATE_GAP = 0.25
"""Seconds without a frame that end the update of a switch, a start or a dialog: the app
paints a canvas shown for the first time in several frames, up to 180 ms apart."""
FRAME_BYTES = 1024
"""A burst of output this big is a frame of the update; a smaller one that comes after it
is the cursor blinking (150-260 bytes) or the save indicator, and does not count."""
BURST = 0.005
"""Chunks read less than this many seconds apart are one burst (a frame comes in 4 KB reads)."""
SETTLE = 0.3
"""Seconds without output before a measurement starts (the cursor blinks every 0.5 s)."""
WAIT = 60.0
"""Seconds at most for any expected output (a first visit took 20 s on the big session)."""
KEY_WAIT = 30.0
"""Seconds at most for a typed character to show; then the canvas's typing stops there."""
MIN_SAMPLES = 5
"""A series stops at --max-seconds only once it holds this many samples."""
PAUSE = 2.5
"""Seconds without keys before each first visit "after a pause". The one fixed sleep of the
benchmark, on purpose: what it measures is what a pause lets the app do unseen. The app
builds a canvas ahead once no key came for 1 s (BUILD_AHEAD_QUIET in
dtworkshop/ui/build_ahead.py), one at a time, the one after the current canvas first;
building one of the big session takes a few tenths of a second. 2.5 s leaves time for the
quiet, a look (every 0.5 s) and that build, with room for a loaded machine; a facilitator's
pause while the room talks is longer. (With 2.5 s, the app's own log had each canvas built
before its visit.)"""

KEY_BUDGET = 2.0        # x the bare key
SWITCH_BUDGET = 1.5     # x the bare switch
SLOWEST_SWITCH = 0.3    # seconds, on the big session
START_BUDGET = 1.3      # x the bare start (also the session list and the dialog)
SAVE_BUDGET = 2.0       # x the atomic write
BIG_BUDGET = 1.2        # x the example session

NEXT, GO_TO, DIALOG, ESCAPE, TAB, QUIT = b"\x0e", b"\x07", b"\x04", b"\x1b", b"\t", b"\x11"
NUDGE = b"\x1b[24~"
"""F12, a key no app here binds: it changes nothing on screen, but the app takes it as a key
and builds nothing ahead for the next BUILD_AHEAD_QUIET. Before a first visit "right after a
key" it is sent as soon as the update before has ended (the start's, the switch's), so that
no second passes without a key: a switch's frames, the wait for its end and the settling
after it last over a second (more while the app writes 13 bytes for each canvas it builds),
and without it the app built some of those canvases ahead."""
BUILD_AHEAD_QUIET = 1.0
"""The app's (dtworkshop/ui/build_ahead.py): seconds without a key after which it builds
ahead."""
def tabs_to_text(path: Path) -> dict[str, int]:
    """Tabs from the field each canvas focuses to its first text field (a one-line field
    that is not a number, or a notes field), found by driving the app itself headless at
    80x24 on a copy of `path`: typing on a list, a choice or a number would time a notice,
    not a key (as the first field of several canvases is)."""
    import asyncio

    from textual.widgets import Input, TextArea

    from dtworkshop.ui.app import WorkshopApp
    from dtworkshop.ui.canvases import SCREENS
    from dtworkshop.ui.widgets.fields import NumberField

    def is_text(widget) -> bool:
        return isinstance(widget, TextArea) or (isinstance(widget, Input)
                                                and not isinstance(widget, NumberField))

    async def count() -> dict[str, int]:
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / path.name
            shutil.copyfile(path, copy)
            app = WorkshopApp(sessions_dir=Path(folder), open_path=copy)
            found: dict[str, int] = {}
            async with app.run_test(size=(80, 24)) as pilot:
                for key in CANVAS_KEYS:
                    await pilot.press("ctrl+g", CANVAS_HOTKEY[key])
                    for _ in range(200):
                        if isinstance(app.screen, SCREENS[key]) and app.screen.focused is not None:
                            break
                        await pilot.pause(0.02)
                    tabs = 0
                    while not is_text(app.screen.focused) and tabs < 40:
                        await pilot.press("tab")
                        tabs += 1
                    found[key] = tabs if is_text(app.screen.focused) else 0
                await pilot.press("ctrl+q")
            return found

    return asyncio.run(count())

TYPED = [c for lo, hi in ((0x391, 0x3C9), (0x410, 0x44F), (0x531, 0x586), (0x100, 0x17F))
         for c in map(chr, range(lo, hi + 1)) if unicodedata.category(c) in ("Lu", "Ll")]
"""What is typed: letters of one cell (Greek, Cyrillic, Armenian, Latin Extended-A), each
found on screen only once typed. ASCII has too few characters that appear nowhere else on
screen, and a key is told from the cursor's blinking (which redraws the field with all it
holds) only by a character the field did not hold before."""

BARE_APP = '''\
"""The floor of bench/ui.py: seven screens and a dialog, nothing else."""

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, Label, Static


class Plain(Screen):
    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number

    def compose(self) -> ComposeResult:
        yield Static(f"SCREEN {self.number}")
        yield Input()
        yield Footer()


class Dialog(ModalScreen):
    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > Vertical { width: 60; height: auto; border: thick $primary; background: $surface; }
    """
    BINDINGS = [Binding("escape", "app.pop_screen", show=False)]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("BARE DIALOG")
            yield Input()


class Bare(App):
    BINDINGS = [
        Binding("ctrl+n", "step", "Next", priority=True),
        Binding("ctrl+g", "go_to", "Go to", priority=True),
        Binding("ctrl+d", "dialog", "Dialog", priority=True),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]
    SCREENS = {f"screen-{n}": (lambda n=n: Plain(n)) for n in range(1, 8)}

    def __init__(self) -> None:
        super().__init__()
        self.current = 1
        self.going = False

    def on_mount(self) -> None:
        self.push_screen("screen-1")

    def show(self, number: int) -> None:
        self.current = number
        self.switch_screen(f"screen-{number}")

    def action_step(self) -> None:
        self.show(self.current % 7 + 1)

    def action_go_to(self) -> None:
        self.going = True  # the next key, a digit, picks the screen

    def action_dialog(self) -> None:
        self.push_screen(Dialog())

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and self.going:
            self.going = False
            if event.character and event.character in "1234567":
                self.show(int(event.character))
                return
        await super().on_event(event)


if __name__ == "__main__":
    Bare().run()
'''


class AppExited(Exception):
    """The app under test ended (or closed its terminal) while output was awaited."""


class Terminal:
    """A program in a pseudo-terminal of COLUMNS x LINES, and every byte it wrote, each
    chunk with the time it was read."""

    def __init__(self, argv: list[str], cwd: Path) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "DTWORKSHOP"))}
        env.update(TERM="xterm-256color", COLORTERM="truecolor", LANG="C.UTF-8",
                   LC_ALL="C.UTF-8", COLUMNS=str(COLUMNS), LINES=str(LINES))
        self.output = bytearray()
        self._times: list[float] = []   # when each chunk was read ...
        self._ends: list[int] = []      # ... and where it ends in `output`
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env,
            start_new_session=True,
            # The pty becomes the controlling terminal, as a login shell's would.
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),
        )
        os.close(slave)
        os.set_blocking(master, False)
        self.master = master
        self.closed = False
        self.sent = self.started  # when the last keys were written

    def _read(self, timeout: float) -> bool:
        """Read what is there, waiting up to `timeout` seconds for it; True if anything came."""
        if self.closed:
            raise AppExited
        ready, _, _ = select.select([self.master], [], [], max(0.0, timeout))
        if not ready:
            return False
        try:
            data = os.read(self.master, 1 << 16)
        except BlockingIOError:
            return False
        except OSError as exc:  # EIO: the other side is gone
            if exc.errno != errno.EIO:
                raise
            data = b""
        if not data:
            self.closed = True
            raise AppExited
        self._times.append(time.perf_counter())
        self.output += data
        self._ends.append(len(self.output))
        return True

    def send(self, data: bytes) -> tuple[float, int]:
        """Write `data` (keys) after reading what is pending; (when, offset of the output
        from then on)."""
        while self._read(0):
            pass
        offset = len(self.output)
        when = self.sent = time.perf_counter()
        os.write(self.master, data)
        return when, offset

    def _time_of(self, offset: int) -> float:
        """When the byte before `offset` was read."""
        low, high = 0, len(self._ends) - 1
        while low < high:
            mid = (low + high) // 2
            if self._ends[mid] >= offset:
                high = mid
            else:
                low = mid + 1
        return self._times[low]

    def wait_for(self, marker: bytes, offset: int, what: str,
                 timeout: float = WAIT) -> tuple[float, int]:
        """(when, where) `marker` was complete in the output after `offset`. Raises
        TimeoutError."""
        deadline = time.perf_counter() + timeout
        searched = offset
        while True:
            found = self.output.find(marker, searched)
            if found >= 0:
                return self._time_of(found + len(marker)), found + len(marker)
            searched = max(offset, len(self.output) - len(marker) + 1)
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"no {what} ({marker!r}) within {timeout:.0f} s; the output "
                                   f"ended with {bytes(self.output[-300:])!r}")
            self._read(left)

    def wait_output(self, offset: int, what: str) -> None:
        """Wait for any output after `offset`."""
        deadline = time.perf_counter() + WAIT
        while len(self.output) <= offset:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"no output after {what} within {WAIT:.0f} s")
            self._read(left)

    def quiet(self, gap: float = QUIET) -> float:
        """Read until nothing comes for `gap` seconds (at most WAIT); when the last chunk
        was read."""
        deadline = time.perf_counter() + WAIT
        while self._read(gap) and time.perf_counter() < deadline:
            pass
        return self._times[-1] if self._times else self.started

    def update_end(self, marker_end: int) -> tuple[float, int]:
        """Read until the app is quiet for UPDATE_GAP; (when, where in `output`) the update
        that put the byte before `marker_end` on screen ended: its last frame, a burst of
        at least FRAME_BYTES less than UPDATE_GAP after the frame before (the first: the
        burst of the marker)."""
        self.quiet(UPDATE_GAP)
        first = bisect.bisect_left(self._ends, marker_end)  # the chunk that holds the marker
        end_time, end = self._times[first], self._ends[first]
        burst_start, frame = end, True
        for i in range(first + 1, len(self._times)):
            when, until = self._times[i], self._ends[i]
            if when - self._times[i - 1] >= BURST:  # a new burst: a frame once it is big enough
                if when - end_time >= UPDATE_GAP:
                    break
                burst_start, frame = self._ends[i - 1], False
            if frame or until - burst_start >= FRAME_BYTES:
                frame = True
                end_time, end = when, until
        return end_time, end

    def settle(self) -> None:
        """Read until the app has been quiet for SETTLE seconds."""
        self.quiet(SETTLE)

    def pause(self, seconds: float) -> None:
        """Send nothing for `seconds`, reading whatever comes meanwhile (a blocked writer
        would stall the app), then settle."""
        deadline = time.perf_counter() + seconds
        while (left := deadline - time.perf_counter()) > 0:
            self._read(left)
        self.settle()

    def peak_memory(self) -> int:
        """The process's peak resident memory (VmHWM) in bytes."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"^VmHWM:\s+(\d+) kB", status, re.M).group(1)) * 1024

    def _exited(self) -> bool:
        """Whether the app has ended, leaving it unreaped (its id stays its own)."""
        flags = os.WEXITED | os.WNOHANG | os.WNOWAIT
        return os.waitid(os.P_PID, self.process.pid, flags) is not None

    def close(self) -> None:
        """Quit the app (ctrl+q); after 10 s, or once it is gone, kill what is left of its
        process group (helpers it started, or the app itself), and reap it."""
        try:
            if not self.closed:
                os.write(self.master, QUIT)
                deadline = time.perf_counter() + 10
                while not self._exited() and time.perf_counter() < deadline:
                    self._read(0.05)  # keep the pty drained: a blocked writer never exits
        except (AppExited, OSError):
            pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()
        os.close(self.master)
        self.closed = True


@dataclass
class Target:
    """An app to measure and how to tell its screens apart in its output."""

    name: str
    argv: list[str]
    screens: dict[int, bytes]       # canvas number (1..) -> output only that screen shows
    dialog: bytes                   # output only the dialog shows
    tabs: dict[int, int] = field(default_factory=dict)  # Tabs to a screen's first text field
    copy: Path | None = None        # the session file opened: copied afresh for each run


@dataclass
class Sample:
    shown: float
    last: float
    bytes: int


@dataclass
class Run:
    """What one run of one app measured."""

    start: Sample | None = None
    first: dict[int, Sample] = field(default_factory=dict)       # canvas -> first visit
    paused: dict[int, Sample] = field(default_factory=dict)  # the same, after PAUSE seconds
    # canvas -> the longest time without a key sent before its first visit "right after a
    # key" (from the key before it on): over BUILD_AHEAD_QUIET, the app may have built it ahead
    unkeyed: dict[int, float] = field(default_factory=dict)
    revisits: list[tuple[int, Sample]] = field(default_factory=list)
    dialog: list[Sample] = field(default_factory=list)
    keys: dict[int, list[Sample]] = field(default_factory=dict)  # canvas -> keys typed
    unshown: dict[int, str] = field(default_factory=dict)  # canvas -> a key that never showed
    memory: int | None = None


def measure(term: Terminal, keys: bytes, marker: bytes, what: str, *, typed: bool = False,
            timeout: float = WAIT) -> Sample:
    """Send `keys`, wait for `marker`, then for the end of the update: for a `typed` key,
    the last output before QUIET seconds without any; else `Terminal.update_end`'s."""
    sent, offset = term.send(keys)
    shown, marker_end = term.wait_for(marker, offset, what, timeout)
    last, end = (term.quiet(), len(term.output)) if typed else term.update_end(marker_end)
    return Sample(shown - sent, last - sent, end - offset)


def run_app(target: Target, sections: set[str], canvases: list[int], opts: argparse.Namespace,
            folder: Path) -> Run:
    """One run of `target`: start it, then measure what `sections` ask for, in this order:
    switches (first visits, revisits), the dialog, typing on `canvases`, memory. The
    section "paused" (not one of SECTIONS: a run of its own, as each canvas has only one
    first visit a run) times the first visits with a pause of PAUSE seconds before each."""
    argv = list(target.argv)
    if target.copy is not None:
        session_file = folder / target.copy.name
        shutil.copyfile(target.copy, session_file)
        argv.append(str(session_file))
    run = Run()
    term = Terminal(argv, folder)
    nudging = "switch" in sections  # until the first visits "right after a key" are done
    unkeyed = 0.0  # the longest time without a key since the last first visit

    def nudge() -> None:
        nonlocal unkeyed
        unkeyed = max(unkeyed, time.perf_counter() - term.sent)
        term.send(NUDGE)

    try:
        shown, marker_end = term.wait_for(target.screens[1], 0, "first screen")
        if nudging:  # at once: no key came yet, and the app builds ahead as soon as it can
            term.send(NUDGE)
        last, end = term.update_end(marker_end)
        run.start = Sample(shown - term.started, last - term.started, end)
        if nudging:
            nudge()
        term.settle()
        current, visited, frame = 1, {1}, 0  # `frame`: where the current screen's output began

        def switch(keys: bytes, number: int) -> Sample:
            nonlocal current, frame
            marker = target.screens[number]
            if marker in term.output[frame:]:
                raise RuntimeError(f"{target.name}: {marker!r} is already on screen "
                                   f"{current}: it does not tell screen {number} apart")
            frame = len(term.output)
            sample = measure(term, keys, marker, f"screen {number}")
            current = number
            if nudging:
                nudge()
            term.settle()
            return sample

        def go_to(number: int) -> None:
            if current != number:
                switch(GO_TO + HOTKEYS[number - 1].encode(), number)
                visited.add(number)

        if sections & {"switch", "paused", "memory"}:
            while len(visited) < len(target.screens):  # ctrl+n from the first: each is new
                number = current % len(target.screens) + 1
                if "paused" in sections:
                    term.pause(PAUSE)
                if nudging:
                    unkeyed = max(unkeyed, time.perf_counter() - term.sent)
                    run.unkeyed[number], unkeyed = unkeyed, 0.0
                sample = switch(NEXT, number)
                visited.add(number)
                if "paused" in sections:
                    run.paused[number] = sample
                elif "switch" in sections:
                    run.first[number] = sample
            nudging = False
        if "switch" in sections:
            began = time.perf_counter()
            while not run.revisits or (  # whole rounds: each canvas as often as the others
                    len(run.revisits) < opts.revisits
                    and time.perf_counter() - began < opts.max_seconds):
                for _ in target.screens:
                    number = current % len(target.screens) + 1
                    run.revisits.append((number, switch(NEXT, number)))
        if "dialog" in sections:
            go_to(1)
            began = time.perf_counter()
            while len(run.dialog) < opts.dialogs and (
                    len(run.dialog) < MIN_SAMPLES
                    or time.perf_counter() - began < opts.max_seconds):
                if not run.dialog and target.dialog in term.output[frame:]:
                    raise RuntimeError(f"{target.name}: {target.dialog!r} is on screen before "
                                       "the dialog is")
                run.dialog.append(measure(term, DIALOG, target.dialog, "dialog"))
                term.settle()
                _, offset = term.send(ESCAPE)
                term.wait_for(target.screens[current], offset, "the screen under the dialog")
                term.settle()
        if "typing" in sections:
            for number in canvases:
                go_to(number)
                for _ in range(target.tabs.get(number, 0)):
                    _, offset = term.send(TAB)
                    term.wait_output(offset, "Tab")
                    term.quiet()
                term.settle()
                seen = set(term.output[frame:].decode("utf-8", "replace"))
                chars = [c for c in TYPED if c not in seen][: opts.keys]
                if len(chars) < opts.keys:
                    raise RuntimeError(f"only {len(chars)} characters to type that are not "
                                       "on screen already: use fewer --keys")
                keys = run.keys[number] = []
                began = time.perf_counter()
                for char in chars:
                    try:
                        keys.append(measure(term, char.encode(), char.encode(),
                                            f"typed {char!r}", typed=True, timeout=KEY_WAIT))
                    except TimeoutError:
                        # An app's failure, not the benchmark's: reported, and on to the next.
                        run.unshown[number] = f"key {len(keys) + 1} ({char!r}) never showed"
                        break
                    if len(keys) >= MIN_SAMPLES and time.perf_counter() - began > opts.max_seconds:
                        break
                term.settle()
        if "memory" in sections:
            run.memory = term.peak_memory()
    finally:
        term.close()
    return run


def bare_target(folder: Path) -> Target:
    path = folder / "bare_app.py"
    path.write_text(BARE_APP)
    return Target("bare", [sys.executable, str(path)],
                  {n: f"SCREEN {n}".encode() for n in range(1, 8)}, b"BARE DIALOG")


APP_PYTHON = Path(sys.executable)
"""The Python whose dtworkshop is measured (--app-python): this one, or another checkout's."""


def dtworkshop_argv() -> list[str]:
    script = APP_PYTHON.with_name("dtworkshop")
    return [str(script)] if script.exists() else [str(APP_PYTHON), "-m", "dtworkshop"]


def app_source() -> str:
    """Where the measured app's package is, and its git commit if it is in a checkout."""
    found = subprocess.run(
        [str(APP_PYTHON), "-c", "import dtworkshop; print(dtworkshop.__file__)"],
        capture_output=True, text=True, check=True, cwd=tempfile.gettempdir())
    folder = Path(found.stdout.strip()).parent.parent

    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True)

    commit = git("rev-parse", "--short", "HEAD")
    if commit.returncode:
        return str(folder)
    changed = git("status", "--porcelain", "--untracked-files=no", "--", "dtworkshop").stdout
    return f"{folder} at {commit.stdout.strip()}" + (" with changes" if changed.strip() else "")


HOTKEYS = [CANVAS_HOTKEY[key] for key in CANVAS_KEYS]
"""The key after ctrl+g of canvas number n (1-based): HOTKEYS[n - 1], a digit up to 9."""


def session_target(name: str, path: Path) -> Target:
    """`dtworkshop open` on a copy of `path`; the canvases told apart by their entry in the
    navigation bar, in the session's language."""
    t = Labels(read_session(path).language)
    screens = {n: f" {CANVAS_HOTKEY[key]} {t(f'canvas.{key}.short')} ".encode()
               for n, key in enumerate(CANVAS_KEYS, start=1)}
    tabs = {CANVAS_KEYS.index(key) + 1: count for key, count in tabs_to_text(path).items()}
    return Target(name, [*dtworkshop_argv(), "open"], screens,
                  t("decision.heading").encode(), tabs, copy=path)


def merged_examples(folder: Path) -> Session:
    """The example sessions merged into the biggest: each canvas from the first that has it,
    lists and notes of the others added, every participant and decision."""
    paths = sorted(folder.glob("*.toml"), key=lambda p: (-p.stat().st_size, p.name))
    merged = read_session(paths[0])
    for path in paths[1:]:
        other = read_session(path)
        for key in CANVAS_KEYS:
            mine, theirs = getattr(merged, key), getattr(other, key)
            if theirs is None:
                continue
            if mine is None:
                setattr(merged, key, theirs)
                continue
            for name in mine.__struct_fields__:
                value = getattr(mine, name)
                if isinstance(value, list):
                    setattr(mine, name, value + getattr(theirs, name))
                elif name == "notes":
                    mine.notes = "\n\n".join(n for n in (value, theirs.notes) if n)
        merged.participants += other.participants
        merged.decisions += other.decisions
    return merged


def prepare_sessions(folder: Path, extra: list[str]) -> dict[str, Path]:
    """name -> session file in `folder`, each starting on the business case."""
    sources = folder / "sources"
    sources.mkdir()
    example = merged_examples(ROOT / "sessions")
    (sources / f"{example.id}.toml").write_bytes(dumps(example))
    subprocess.run([sys.executable, str(ROOT / "bench" / "make_sessions.py"), "1",
                    str(sources / "big"), "--big"], check=True, stdout=subprocess.DEVNULL)
    sessions = {"example": sources / f"{example.id}.toml",
                "big": next((sources / "big").glob("*.toml"))}
    for spec in extra:
        name, _, file = spec.rpartition("=")
        source = Path(file)
        name = name or source.stem
        own = sources / name
        own.mkdir(exist_ok=True)
        sessions[name] = own / source.name
        shutil.copyfile(source, sessions[name])
    for path in sessions.values():
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r'^current = ".*"$', 'current = "business_case"', text,
                               count=1, flags=re.M), encoding="utf-8")
    return sessions


# -- in-process: saving

def save_once(document: Document) -> float:
    """Seconds for one save of `document`, as the app's autosave does it. (The one place to
    change when saving changes: it must return once the file is written.)"""
    began = time.perf_counter()
    if not document.save():
        raise RuntimeError(f"saving {document.path} failed: {document.error}")
    return time.perf_counter() - began


def write_atomically(path: Path, data: bytes) -> float:
    """Seconds to replace `path` with `data` the least a safe save must do."""
    began = time.perf_counter()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)
    return time.perf_counter() - began


def time_saving(source: Path, folder: Path, repeat: int) -> dict[str, list[float]]:
    """Seconds per call of save, the atomic write of the same bytes, dumps and decode, on a
    copy of `source` in `folder`."""
    folder.mkdir()
    path = folder / source.name
    shutil.copyfile(source, path)
    floor_path = folder / "floor.toml"
    found: dict[str, list[float]] = {"save": [], "write": [], "dumps": [], "decode": []}
    document = Document.open(path)
    try:
        for _ in range(repeat):
            document.session.title += "x"
            found["save"].append(save_once(document))
            found["write"].append(write_atomically(floor_path, path.read_bytes()))
            began = time.perf_counter()
            data = dumps(document.session)
            found["dumps"].append(time.perf_counter() - began)
            began = time.perf_counter()
            decode_session(data, path)
            found["decode"].append(time.perf_counter() - began)
    finally:
        document.close()
    return found


# -- the report

@dataclass
class Row:
    section: str
    what: str
    value: float | None           # seconds, or bytes for memory
    floor: float | None
    limit: float | None = None    # the budget: a ratio to the floor, or seconds when `absolute`
    absolute: bool = False
    unit: str = "ms"
    bytes: float | None = None
    notes: str = ""
    failed: bool = False          # what was measured did not happen: over budget whatever it took

    @property
    def ratio(self) -> float | None:
        return self.value / self.floor if self.value is not None and self.floor else None

    @property
    def ok(self) -> bool | None:
        if self.failed:
            return False
        if self.limit is None or self.value is None:
            return None
        if self.absolute:
            return self.value <= self.limit
        return None if self.ratio is None else self.ratio <= self.limit


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def p90(samples: list[float]) -> float:
    if len(samples) < 2:
        return samples[0]
    return statistics.quantiles(samples, n=10, method="inclusive")[8]


def best(runs: list[list[Sample]], part: str = "shown") -> tuple[float, list[Sample]] | None:
    """The lowest median of `part` over the runs, and that run's samples."""
    found = [(median([getattr(s, part) for s in samples]), samples) for samples in runs if samples]
    return min(found, key=lambda f: f[0]) if found else None


def spread(samples: list[Sample], part: str) -> str:
    """How many samples, and their 90th percentile when there are several."""
    if len(samples) < 2:
        return f"n={len(samples)}"
    return f"n={len(samples)}, p90 {p90([getattr(s, part) for s in samples]) * 1e3:,.0f} ms"


def series_rows(section: str, what: str, mine: list[list[Sample]], floor: list[list[Sample]],
                limit: float | None, floor_name: str = "bare") -> list[Row]:
    """Two rows (shown, last byte) of a series against its floor, best run of each."""
    rows = []
    for part, label in (("shown", "shown"), ("last", "last byte")):
        a, b = best(mine, part), best(floor, part)
        if a is None:
            continue
        value, samples = a
        notes = spread(samples, part)
        if b is not None:
            notes += f"; {floor_name}: {spread(b[1], part)}"
        rows.append(Row(section, f"{what} → {label}", value, b[0] if b else None, limit,
                        bytes=statistics.mean(s.bytes for s in samples), notes=notes))
    return rows


def build_rows(runs: dict[str, list[Run]], saving: dict[str, list[dict[str, list[float]]]],
               canvases: list[int], sessions: dict[str, Path]) -> list[Row]:
    rows: list[Row] = []
    bare = runs.get("bare", [])
    names = [n for n in sessions if n in runs]
    bare_keys = [r.keys.get(1, []) for r in bare]
    for name in names:
        for number in canvases:
            key = CANVAS_KEYS[number - 1]
            rows += series_rows("typing", f"key on {key} [{name}]",
                                [r.keys.get(number, []) for r in runs[name]], bare_keys, KEY_BUDGET)
            unshown = [f"run {i}: {r.unshown[number]}" for i, r in enumerate(runs[name], 1)
                       if number in r.unshown]
            if unshown:
                rows.append(Row("typing", f"key on {key} [{name}] → not shown", None, None,
                                notes=f"typed text not on screen within {KEY_WAIT:.0f} s: "
                                      + "; ".join(unshown), failed=True))
    for name in names:
        mine = runs[name]
        bare_first = [list(r.first.values()) for r in bare]
        first_rows = series_rows("switch", f"first visit right after a key (not built ahead) "
                                 f"[{name}]", [list(r.first.values()) for r in mine], bare_first,
                                 SWITCH_BUDGET)
        unkeyed = [t for r in mine for t in r.unkeyed.values()]
        late = sum(t >= BUILD_AHEAD_QUIET for t in unkeyed)
        for row in first_rows:
            row.notes += (f"; {late} of {len(unkeyed)} over {BUILD_AHEAD_QUIET:g} s without a "
                          f"key before (may be built ahead)" if late else
                          f"; keys at most {max(unkeyed, default=0):.2f} s apart")
        rows += first_rows
        rows += series_rows("switch", f"first visit after a {PAUSE:g} s pause [{name}]",
                            [list(r.paused.values()) for r in mine], bare_first, SWITCH_BUDGET,
                            "bare first visit")
        rows += series_rows("switch", f"revisit [{name}]",
                            [[s for _, s in r.revisits] for r in mine],
                            [[s for _, s in r.revisits] for r in bare], SWITCH_BUDGET)
        slowest = [max(s.last for s in [*r.first.values(), *r.paused.values(),
                                         *(s for _, s in r.revisits)])
                   for r in mine if r.first or r.paused or r.revisits]
        if slowest:
            rows.append(Row("switch", f"slowest switch → last byte [{name}]", min(slowest), None,
                            SLOWEST_SWITCH if name == "big" else None, absolute=True,
                            notes="the least of each run's slowest"))
    for name in names:
        rows += series_rows("start", f"open [{name}]",
                            [[r.start] for r in runs[name] if r.start],
                            [[r.start] for r in bare if r.start], START_BUDGET)
    if "list" in runs:
        rows += series_rows("start", "session list",
                            [[r.start] for r in runs["list"] if r.start],
                            [[r.start] for r in bare if r.start], START_BUDGET)
    for name in names:
        rows += series_rows("dialog", f"decision dialog [{name}]",
                            [r.dialog for r in runs[name]], [r.dialog for r in bare], START_BUDGET)
    for name, found in saving.items():
        save = min(median(f["save"]) for f in found)
        write = min(median(f["write"]) for f in found)
        size = sessions[name].stat().st_size
        rows.append(Row("save", f"Document.save() [{name}, {size / 1e3:.0f} KB]", save, write,
                        SAVE_BUDGET if name == "example" else None, notes="floor: atomic write"))
        for part in ("dumps", "decode"):
            rows.append(Row("save", f"storage.{'dumps' if part == 'dumps' else 'decode_session'}"
                            f" [{name}]", min(median(f[part]) for f in found), None))
    for name in names:
        memory = [r.memory for r in runs[name] if r.memory]
        bare_memory = [r.memory for r in bare if r.memory]
        if memory:
            rows.append(Row("memory", f"peak RSS [{name}]", min(memory),
                            min(bare_memory) if bare_memory else None, unit="MB"))
    if "big" in runs and "example" in runs:
        big, example = runs["big"], runs["example"]
        for number in canvases:
            key = CANVAS_KEYS[number - 1]
            rows += series_rows("big vs example", f"key on {key}",
                                [r.keys.get(number, []) for r in big],
                                [r.keys.get(number, []) for r in example],
                                BIG_BUDGET, "example")[:1]
        for number in range(1, len(CANVAS_KEYS) + 1):
            key = CANVAS_KEYS[number - 1]
            rows += series_rows("big vs example", f"first visit right after a key of {key}",
                                [[r.first[number]] for r in big if number in r.first],
                                [[r.first[number]] for r in example if number in r.first],
                                BIG_BUDGET, "example")[:1]
            rows += series_rows("big vs example", f"first visit after a pause of {key}",
                                [[r.paused[number]] for r in big if number in r.paused],
                                [[r.paused[number]] for r in example if number in r.paused],
                                BIG_BUDGET, "example")[:1]
            rows += series_rows("big vs example", f"revisit of {key}",
                                [[s for n, s in r.revisits if n == number] for r in big],
                                [[s for n, s in r.revisits if n == number] for r in example],
                                BIG_BUDGET, "example")[:1]
    return rows


FLOORS = {"typing": "bare", "switch": "bare", "start": "bare", "dialog": "bare",
          "save": "atomic write", "memory": "bare", "big vs example": "example"}


def cell(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "MB":
        return f"{value / 2**20:.0f} MB"
    ms = value * 1e3
    return f"{ms:.2f} ms" if ms < 10 else f"{ms:,.0f} ms"


def print_tables(rows: list[Row]) -> None:
    for section in dict.fromkeys(r.section for r in rows):
        print(f"\n### {section}\n")
        print(f"| what | dtworkshop | {FLOORS[section]} | ratio | budget | | bytes | notes |")
        print("| --- | ---: | ---: | ---: | --- | --- | ---: | --- |")
        for r in (r for r in rows if r.section == section):
            if r.limit is None:
                budget = "–"
            elif r.absolute:
                budget = f"≤ {r.limit * 1e3:.0f} ms"
            else:
                budget = f"≤ {r.limit:g}×"
            verdict = "**FAILED**" if r.failed else {True: "ok", False: "**OVER**", None: ""}[r.ok]
            ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "–"
            size = f"{r.bytes:,.0f}" if r.bytes is not None else ""
            print(f"| {r.what} | {cell(r.value, r.unit)} | {cell(r.floor, r.unit)} | {ratio} | "
                  f"{budget} | {verdict} | {size} | {r.notes} |")


# -- the command line

SECTIONS = ("typing", "switch", "start", "dialog", "save", "memory")


def parse_canvases(text: str) -> list[int]:
    numbers = []
    for part in filter(None, text.split(",")):
        if part.isdigit() and 1 <= int(part) <= len(CANVAS_KEYS):
            numbers.append(int(part))
        elif part in CANVAS_KEYS:
            numbers.append(CANVAS_KEYS.index(part) + 1)
        else:
            raise argparse.ArgumentTypeError(
                f"{part!r}: a canvas is 1-7 or one of {', '.join(CANVAS_KEYS)}")
    return numbers


def parse_sections(text: str) -> set[str]:
    chosen = set(filter(None, text.split(",")))
    if not chosen or chosen - set(SECTIONS):
        raise argparse.ArgumentTypeError(f"choose from {', '.join(SECTIONS)}")
    return chosen


def main(argv: list[str] | None = None) -> int:
    global APP_PYTHON
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="a quick look: one run, 30 keys a canvas, 7 revisits, 5 dialogs, "
                             "series of at most 3 s")
    parser.add_argument("--only", type=parse_sections, default=set(SECTIONS),
                        metavar="SECTION[,...]", help=f"measure only these: {', '.join(SECTIONS)}")
    parser.add_argument("--canvases", type=parse_canvases, default=list(range(1, 8)),
                        metavar="CANVAS[,...]",
                        help="where to type: numbers 1-7 or keys (default all)")
    parser.add_argument("--session", action="append", default=[], metavar="[NAME=]FILE",
                        help="measure this session file too; NAME 'example' or 'big' replaces "
                             "that one (repeatable)")
    parser.add_argument("--runs", type=int, metavar="R",
                        help="runs of each app, in turns (default 3)")
    parser.add_argument("--keys", type=int, metavar="N",
                        help="keys typed per canvas and run (default 100)")
    parser.add_argument("--max-seconds", type=float, metavar="S",
                        help="a series stops after S seconds once it has 5 samples (a round of "
                             "revisits) (default 30)")
    parser.add_argument("--json", type=Path, metavar="OUT",
                        help="write every row and sample to OUT")
    parser.add_argument("--app-python", type=Path, metavar="PYTHON",
                        help="measure the dtworkshop of this Python (PYTHON -m dtworkshop), "
                             "e.g. another checkout's .venv/bin/python (default: this one)")
    opts = parser.parse_args(argv)
    if opts.app_python is not None:
        # Not resolved: a virtual environment's python is a link to the one it was made with.
        APP_PYTHON = Path(os.path.abspath(opts.app_python))
        if not APP_PYTHON.exists():
            parser.error(f"--app-python: no {APP_PYTHON}")
    try:
        measured = app_source()
    except subprocess.CalledProcessError as exc:
        parser.error(f"{APP_PYTHON} cannot import dtworkshop: {exc.stderr.strip()}")
    quick = opts.quick
    opts.runs = opts.runs or (1 if quick else 3)
    opts.keys = opts.keys or (30 if quick else 100)
    opts.max_seconds = opts.max_seconds or (3.0 if quick else 30.0)
    opts.revisits = 7 if quick else 21
    opts.dialogs = 5 if quick else 20
    repeat_saves = 20 if quick else 50
    sections: set[str] = opts.only
    if len(TYPED) < opts.keys:
        parser.error(f"--keys: at most {len(TYPED)}")

    workdir = Path(tempfile.mkdtemp(prefix="dtworkshop-bench-ui-"))
    try:
        sessions = prepare_sessions(workdir, opts.session)
        described = ", ".join(f"{name} {path.name} ({path.stat().st_size / 1e3:.1f} KB)"
                              for name, path in sessions.items())
        targets = [bare_target(workdir)] + [session_target(n, p) for n, p in sessions.items()]
        listing = Target("list", [*dtworkshop_argv(), "--sessions", "sessions"],
                         {1: Labels("da")("app.new_session").encode()}, b"")
        runs: dict[str, list[Run]] = {}
        saving: dict[str, list[dict[str, list[float]]]] = {}
        app_sections = sections - {"save"}
        for number in range(1, opts.runs + 1):
            if app_sections:
                for target in targets:
                    began = time.perf_counter()
                    folder = workdir / f"run{number}-{target.name}"
                    folder.mkdir()
                    canvases = [1] if target.name == "bare" else opts.canvases  # all alike
                    run = run_app(target, app_sections, canvases, opts, folder)
                    runs.setdefault(target.name, []).append(run)
                    if "switch" in sections and target.name != "bare":
                        # A fresh app: each canvas has one first visit a run.
                        folder = workdir / f"run{number}-{target.name}-paused"
                        folder.mkdir()
                        run.paused = run_app(target, {"paused"}, [], opts, folder).paused
                    print(f"run {number}/{opts.runs}: {target.name} "
                          f"{time.perf_counter() - began:.0f} s", file=sys.stderr)
            if "start" in sections:
                folder = workdir / f"run{number}-list"
                shutil.copytree(ROOT / "sessions", folder / "sessions")
                runs.setdefault("list", []).append(run_app(listing, set(), [], opts, folder))
            if "save" in sections:
                for name, path in sessions.items():
                    saving.setdefault(name, []).append(
                        time_saving(path, workdir / f"run{number}-save-{name}", repeat_saves))
        rows = build_rows(runs, saving, opts.canvases, sessions)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    sys.stdout.flush()
    print(f"dtworkshop against a bare Textual app in an {COLUMNS}x{LINES} pseudo-terminal, "
          f"{len(os.sched_getaffinity(0))} cores, Python {sys.version.split()[0]}, "
          f"best of {opts.runs} run(s)")
    print(f"dtworkshop: {measured}")
    print(f"sessions: {described}")
    print(f"shown: from the key written to the first output that shows its effect; last byte: "
          f"to the last output before {QUIET * 1e3:.0f} ms without any (keys) or "
          f"{UPDATE_GAP * 1e3:.0f} ms (the rest); bytes: written by the app per key, switch, "
          "start or dialog (mean)")
    print_tables(rows)
    over = [r.what for r in rows if r.ok is False]
    print()
    print("within budget" if not over else f"OVER BUDGET: {len(over)} of "
          f"{sum(r.ok is not None for r in rows)} rows")
    if opts.json:
        opts.json.write_text(json.dumps({
            "app": measured,
            "rows": [asdict(r) | {"ratio": r.ratio, "ok": r.ok} for r in rows],
            "runs": {name: [asdict(r) for r in found] for name, found in runs.items()},
            "saving": saving,
        }, indent=1, ensure_ascii=False))
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
