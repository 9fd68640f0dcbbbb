"""Terminal input that no byte can end: bytes that are not UTF-8 become U+FFFD, and a paste
that never ends is ended.

Textual's `LinuxDriver.run_input_thread` (Textual 8.x) decodes what the terminal sends with
`codecs.getincrementaldecoder("utf-8")()`, which is strict: one byte that is not UTF-8 (a
terminal in another encoding, a paste cut off mid-character, `tmux send-keys -H e6`) raises
UnicodeDecodeError in the input thread, and the app ends with a traceback, losing the keys
typed since the last autosave and leaving its lock behind. Upstream this is
https://github.com/Textualize/textual/issues/6456 (open; the fixes proposed pass
`errors="replace"`, as done here).

Copying `run_input_thread` into a driver subclass would mean carrying a copy of Textual's
input loop; instead the one name that loop looks up, `getincrementaldecoder` in
`textual.drivers.linux_driver`'s namespace, is replaced by one that makes replacing
decoders. Everything else about reading keys stays Textual's.
"""

from __future__ import annotations

import codecs
import errno
import itertools
import re
import threading
import time
import weakref
from collections.abc import Callable, Iterable

from textual._ansi_sequences import ANSI_SEQUENCES_KEYS
from textual._keyboard_protocol import FUNCTIONAL_KEYS
from textual._xterm_parser import (
    _re_cursor_position,
    _re_extended_key,
    _re_in_band_window_resize,
    _re_mouse_event,
    _re_terminal_mode_response,
    BRACKETED_PASTE_END,
    BRACKETED_PASTE_START,
    SPECIAL_SEQUENCES,
    XTermParser,
)
from textual.message import Message

from dtworkshop.core.text import pasted

__all__ = ["PASTE_GAP", "PasteEndingParser", "ending_pastes", "hanging_up", "lenient_decoders",
           "replacing_decoder", "replies_dropped"]

PASTE_GAP = 1.0
"""Seconds of quiet input after which a paste begun and not ended is taken as ended. A
terminal sends a paste in one go; over SSH its parts may come some tenths of a second apart,
never a second."""

PASTE_LONGEST = 1.0
"""Seconds a paste may stay open before input that looks typed (a few characters after a
pause of TYPING_GAP) ends it: a facilitator typing on after a start that never ends is not
taken as pasting for as long as they type."""

TYPING_GAP = 0.15
"""Seconds between two reads of the terminal that say a key was typed, not a paste sent."""

TYPED_AT_ONCE = 8
"""Characters at most of one read that can be a key or two typed (an escape sequence)."""


LONE_BYTES_WAIT = 0.3
"""Seconds the start of a character may wait for the rest of it: then the bytes held are
shown as U+FFFD. A terminal sends a character's bytes together (over SSH in one packet);
a lone lead byte (`tmux send-keys -H e6`, a Latin-1 "æ") would otherwise be held, never
shown, until a next key came, and lost with the app if none did."""

_input_thread = threading.local()  # the decoder of the driver's input thread, for its parser


def replacing_decoder(encoding: str) -> Callable[..., codecs.IncrementalDecoder]:
    """`codecs.getincrementaldecoder(encoding)`, but the decoders it makes replace what
    cannot be decoded with U+FFFD instead of raising (`errors="replace"` unless the caller
    passes its own `errors`). The decoder made last in a thread is the one that thread's
    `PasteEndingParser` ends a character with, when the rest of it does not come (see
    LONE_BYTES_WAIT). Raises LookupError for an unknown encoding, as codecs does."""
    make = codecs.getincrementaldecoder(encoding)

    def decoder(errors: str = "replace") -> codecs.IncrementalDecoder:
        made = make(errors=errors)
        _input_thread.decoder = made
        return made

    return decoder


def lenient_decoders() -> bool:
    """Make Textual's Linux terminal driver decode its input with `replacing_decoder`.

    Idempotent. Returns False (and changes nothing) where that driver cannot be imported
    (Windows) or no longer looks the decoder up by that name (a Textual that changed its
    input loop: then the tests of odd bytes in a pseudo-terminal say whether it still
    needs this)."""
    return _replace_in_linux_driver("getincrementaldecoder", replacing_decoder)


def _replace_in_linux_driver(name: str, value: object) -> bool:
    """Bind `name` in `textual.drivers.linux_driver` to `value`; False (nothing changed)
    where that module cannot be imported (no termios: Windows) or has no such name."""
    try:
        from textual.drivers import linux_driver
    except ImportError:
        return False
    if not hasattr(linux_driver, name):
        return False
    setattr(linux_driver, name, value)
    return True


REPLY_WAIT = 0.3
"""Seconds a control sequence begun at the end of a read waits for its rest (see
`replies_dropped`); then it goes to Textual as it came. A terminal writes a reply in one go;
over SSH its parts come within milliseconds."""

_CSI = re.compile(r"\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]")
"""A whole control sequence (ECMA-48: parameter bytes, intermediate bytes, a final byte)."""
_CSI_BEGUN = re.compile(r"\x1b\[[\x30-\x3f]*[\x20-\x2f]*\Z")
_CSI_KEYS_OF_ANOTHER_SHAPE = tuple(
    sequence for sequence in ANSI_SEQUENCES_KEYS
    if sequence.startswith("\x1b[") and not _CSI.fullmatch(sequence))
"""Keys that terminals send as `ESC [` followed by something not ECMA-48 (the Linux
console's F1 `ESC [ [ A`, rxvt's shift+F11 `ESC [ 2 3 $`)."""
_STRING_INTRODUCERS = "]P_^X"
"""After ESC: the starts of strings a terminal sends up to BEL or ST (`ESC \\`): OSC (colour
replies), DCS (XTVERSION, DECRQSS), APC (kitty graphics), PM, SOS. No key sends one."""
_LONGEST_HELD = 4096


def replies_dropped(text: str) -> tuple[str, str]:
    """`text` (terminal input, outside a paste) without what no key sends: the terminal's
    replies (`ESC [ ? 6 2 ; c` to a device-attributes query, `ESC ] 1 1 ; rgb:… BEL` to a
    colour query, `ESC P > | tmux 3.3a ESC \\`) and control sequences Textual does not know
    (`ESC [ 9 9 ~`); and the sequence `text` ends in, begun but not ended, to be held for the
    next read (or "" when it ends in none).

    Textual's parser hands a sequence it does not know to the app as the keys of its
    characters, so a reply arriving while the facilitator types became "[?62;c" in a field.
    Keys, mouse reports, focus, paste markers and the replies Textual asked for itself
    (cursor position, mode reports, in-band resizes) are kept as they are; so are a lone
    ESC and ESC before any other character (Escape, alt+key), which Textual times itself."""
    out: list[str] = []
    at = 0
    while True:
        esc = text.find("\x1b", at)
        if esc < 0:
            out.append(text[at:])
            return "".join(out), ""
        out.append(text[at:esc])
        introducer = text[esc + 1:esc + 2]
        if introducer == "[":
            other = next((key for key in _CSI_KEYS_OF_ANOTHER_SHAPE
                          if text.startswith(key, esc)), None)
            if other is not None:
                out.append(other)
                at = esc + len(other)
                continue
            whole = _CSI.match(text, esc)
            if whole is None:
                if _CSI_BEGUN.match(text, esc):
                    return "".join(out), text[esc:]
                out.append(text[esc:esc + 2])  # not a sequence: Textual's to make keys of
                at = esc + 2
                continue
            sequence = whole.group()
            if whole.end() == len(text) and any(key.startswith(sequence)
                                                for key in _CSI_KEYS_OF_ANOTHER_SHAPE):
                return "".join(out), text[esc:]  # `ESC [ [` of F1 on the Linux console
            if sequence == "\x1b[M":  # an X10 mouse report: three bytes of its own follow
                out.append(text[esc:esc + 6])
                at = esc + 6
                continue
            if _known(sequence):
                out.append(sequence)
            at = whole.end()
            continue
        if introducer and introducer in _STRING_INTRODUCERS:
            ends = [found for found in (text.find("\x07", esc + 2), text.find("\x1b", esc + 2))
                    if found >= 0]
            if not ends or (min(ends) == len(text) - 1 and text[-1] == "\x1b"):
                if len(text) - esc > _LONGEST_HELD:  # no reply is this long: typed
                    out.append(text[esc:])
                    return "".join(out), ""
                return "".join(out), text[esc:]  # its end (or the rest of ST) to come
            end = min(ends)
            at = end + (2 if text.startswith("\x1b\\", end) else 1 if text[end] == "\x07" else 0)
            continue
        out.append("\x1b")
        at = esc + 1


def _known(sequence: str) -> bool:
    """True when Textual's parser makes something of the whole control sequence `sequence`
    other than the keys of its characters: a key, a mouse report, focus, a paste marker,
    or a reply to one of Textual's own queries."""
    if sequence in SPECIAL_SEQUENCES or sequence in ANSI_SEQUENCES_KEYS:
        return True
    if (_re_in_band_window_resize.fullmatch(sequence) or _re_cursor_position.fullmatch(sequence)
            or _re_mouse_event.match(sequence) or _re_terminal_mode_response.match(sequence)):
        return True
    extended = _re_extended_key.fullmatch(sequence)
    if extended is None:
        return False
    codes, final = extended.groups(default="")
    if final == "u":  # the kitty keyboard protocol: any key by its code point
        return True
    code = codes.split(";")[0].split(":")[0] or "1"
    return f"{code}{final}" in FUNCTIONAL_KEYS


class PasteEndingParser(XTermParser):
    """Textual's parser of terminal input, which also ends a bracketed paste that has had no
    input for PASTE_GAP seconds (see the module's docstring). The driver's input thread
    calls `tick` every 0.1 s."""

    made: weakref.WeakSet[PasteEndingParser] = weakref.WeakSet()
    """The parsers of the app's terminal input, for `end_open_paste`: more than one when the
    driver started reading anew (SIGCONT, which the kernel sends with a hang-up, makes
    Textual start a new input thread while the old one may hold an open paste)."""

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        PasteEndingParser.made.add(self)
        self._pasting = False
        self._tail = ""  # the end of the input so far, for a marker split across reads
        self._fed_at = time.monotonic()
        self._opened_at = self._fed_at
        self._held_since: float | None = None  # since when the decoder holds part of a character
        self._paste_held = ""  # the start of what may be a paste's end marker, not yet fed
        self._reply_held = ""  # a control sequence begun outside a paste, not yet fed
        self._reply_held_since = 0.0
        self._ended_at_eof: list[Message] = []  # a paste open when the input ended, ended

    def feed(self, data: str) -> Iterable[Message]:
        """Parse `data` (as XTermParser.feed), noting whether a paste is open after it; a
        paste open for PASTE_LONGEST that gets what looks typed is ended before it. Control
        characters inside a paste are dropped here (see `_paste_controls_dropped`). At the
        end of input ("") a paste still open is ended and kept for `end_paste`: the driver's
        input thread throws away what its last feed gives."""
        if not data:
            if self._pasting:
                self._ended_at_eof = self.end_paste()
            self._reply_held = ""  # a reply cut off by the end of input: nothing typed
            return super().feed("")
        data = self._paste_controls_dropped(data)
        if not data:
            return []  # all of it held, or dropped: "" would be the end of input to Textual
        now = time.monotonic()
        if (self._pasting and 0 < len(data) <= TYPED_AT_ONCE
                and now - self._fed_at >= TYPING_GAP and now - self._opened_at >= PASTE_LONGEST
                and "\x1b[20" not in self._tail + data):  # not the end, nor a start, coming
            self._pasting = False
            self._tail = ""
            return itertools.chain(super().feed(BRACKETED_PASTE_END), self.feed(data))
        seen = self._tail + data
        start, end = seen.rfind(BRACKETED_PASTE_START), seen.rfind(BRACKETED_PASTE_END)
        if start != end:  # one of them is in it: the later one says
            if start > end and not self._pasting:
                self._opened_at = time.monotonic()
            self._pasting = start > end
        self._tail = seen[-(len(BRACKETED_PASTE_START) - 1):]
        self._fed_at = time.monotonic()
        return super().feed(data)

    def _paste_controls_dropped(self, data: str) -> str:
        """`data` with the control characters inside a bracketed paste dropped, as
        `core.text.pasted` would drop them from the pasted text (ESC, BEL, ctrl+q …).

        Textual's parser reads an ESC inside a paste as the start of a key: the characters
        after it left the paste as keys, before it ("abc ESC x ctrl+q def" pasted quit the
        app and lost "abc" and "def"). Only the paste's end marker keeps its ESC. A read that
        ends in what may be the start of the end marker keeps that part back for the next
        read (`_paste_held`), so that Textual never sees an ESC that turns out to be text."""
        data, self._paste_held = self._paste_held + data, ""
        data, self._reply_held = self._reply_held + data, ""
        seen = self._tail + data
        skip = len(self._tail)  # `seen` begins with what the read before already gave
        out: list[str] = []
        pasting = self._pasting
        at = 0
        while at < len(seen):
            if not pasting:
                start = seen.find(BRACKETED_PASTE_START, at)
                if start < 0:
                    kept, self._reply_held = replies_dropped(seen[max(at, skip):])
                    self._reply_held_since = time.monotonic()
                    out.append(kept)
                    break
                end_of_start = start + len(BRACKETED_PASTE_START)
                out.append("".join(replies_dropped(seen[max(at, skip):max(start, skip)])))
                out.append(seen[max(start, skip):max(end_of_start, skip)])
                at, pasting = end_of_start, True
                continue
            end = seen.find(BRACKETED_PASTE_END, at)
            stop = len(seen) if end < 0 else end
            held = ""
            if end < 0:  # the read may end in the first part of the end marker
                for size in range(len(BRACKETED_PASTE_END) - 1, 0, -1):
                    if seen.endswith(BRACKETED_PASTE_END[:size]) and stop - size >= at:
                        stop -= size
                        held = seen[stop:]
                        break
            if stop > skip:
                out.append(pasted(seen[max(at, skip):stop]))
            if end < 0:
                # Held back, not given to Textual: if the next read does not finish the
                # marker, this ESC was pasted text and is dropped with the controls.
                self._paste_held = held[max(0, skip - stop):]
                break
            out.append(seen[max(end, skip):end + len(BRACKETED_PASTE_END)])
            at, pasting = end + len(BRACKETED_PASTE_END), False
        return "".join(out)

    def tick(self) -> Iterable[Message]:
        """Textual's timeouts (a lone ESC), the end of a paste quiet for PASTE_GAP, and the
        bytes of a character whose rest has not come in LONE_BYTES_WAIT, as U+FFFD."""
        yield from super().tick()
        if self._reply_held and time.monotonic() - self._reply_held_since >= REPLY_WAIT:
            held, self._reply_held = self._reply_held, ""
            yield from super().feed(held)  # never ended: Textual makes of it what it can
        decoder = getattr(_input_thread, "decoder", None)
        if decoder is not None and decoder.getstate()[0]:
            now = time.monotonic()
            if self._held_since is None:
                self._held_since = now
            elif now - self._held_since >= LONE_BYTES_WAIT:
                self._held_since = None
                yield from self.feed(decoder.decode(b"", final=True))  # resets it
        else:
            self._held_since = None
        if self._pasting and time.monotonic() - self._fed_at >= PASTE_GAP:
            self._pasting = False
            self._tail = ""
            self._paste_held = ""  # an ESC (or the like) pasted last: a control, dropped
            yield from super().feed(BRACKETED_PASTE_END)


    def end_paste(self) -> list[Message]:
        """End a bracketed paste still open (its start read, its end not), at once: the
        messages (a Paste of what it holds) for the app to handle; [] when none is open.
        After the end of input, the paste that was open then (once)."""
        if self._ended_at_eof:
            ended, self._ended_at_eof = self._ended_at_eof, []
            return ended
        if not self._pasting:
            return []
        self._pasting = False
        self._tail = ""
        self._paste_held = ""
        return list(super().feed(BRACKETED_PASTE_END))


def end_open_paste() -> list[Message]:
    """For a hang-up: what a paste still open holds (its end never came, the terminal is
    gone), as the messages to handle before the session is saved for the last time; []
    when no paste is open. (Called from the app's thread while the input thread is at its
    end of input: the terminal is gone.)"""
    return [message for parser in list(PasteEndingParser.made) for message in parser.end_paste()]


def ending_pastes() -> bool:
    """Make Textual's Linux terminal driver parse its input with `PasteEndingParser`.

    Idempotent. Returns False (and changes nothing) where that driver cannot be imported
    (Windows) or no longer makes its parser by that name."""
    return _replace_in_linux_driver("XTermParser", PasteEndingParser)


TERMINAL_GONE = frozenset({errno.EIO, errno.ENXIO})
"""What reading the terminal fails with once it is gone (the window closed: the master end
of the pseudo-terminal is closed)."""


def hanging_up(driver_class: type) -> type:
    """`driver_class` (a Textual Driver class), made to hang the app up when the terminal
    goes away under it, as SIGHUP does, instead of ending it with a traceback.

    The kernel's SIGHUP comes when a window closes, but the input thread's read fails
    (EIO) first: Textual then calls `App.panic`, and a paste open at that moment was lost
    (see `PasteEndingParser.feed`). The driver calls the app's `terminal_gone()` instead.
    A driver with no input thread of its own (not Textual's LinuxDriver) is returned as
    it is."""
    if not hasattr(driver_class, "run_input_thread"):
        return driver_class

    class HangingUpDriver(driver_class):  # type: ignore[valid-type, misc]
        def run_input_thread(self) -> None:
            try:
                super().run_input_thread()
            except OSError as error:
                gone = getattr(self._app, "terminal_gone", None)
                if error.errno not in TERMINAL_GONE or gone is None:
                    raise
                self._app.call_later(gone)

    HangingUpDriver.__name__ = HangingUpDriver.__qualname__ = f"HangingUp{driver_class.__name__}"
    return HangingUpDriver
