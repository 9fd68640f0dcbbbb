"""User text made safe to show: control characters become visible symbols."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

# C0 controls except tab and newline, DEL, and the C1 controls (U+0080..U+009F: a terminal
# in 8-bit mode reads U+009B as CSI, just like ESC [).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control pictures: ␛ ␇ ␍ …
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def visible(text: str) -> str:
    """`text` with every control character a terminal could act on (C0 but newline and tab,
    DEL, C1) replaced by a visible stand-in: ESC shows as "␛", CR as "␍", C1 as "�"."""
    return _CONTROL.sub(_picture, text)


BIDI_CONTROLS = {
    "\u061c": "ALM", "\u200e": "LRM", "\u200f": "RLM",
    "\u202a": "LRE", "\u202b": "RLE", "\u202c": "PDF", "\u202d": "LRO", "\u202e": "RLO",
    "\u2066": "LRI", "\u2067": "RLI", "\u2068": "FSI", "\u2069": "PDI",
}
"""The characters that steer the direction of the text around them, by their Unicode names'
abbreviations."""
_BIDI = re.compile("[" + "".join(BIDI_CONTROLS) + "]")


def printed(text: str) -> str:
    """`text` for a text output (`show`, `list`, `decisions`, `diff`): as `visible`, and each
    bidirectional control as its name in angle brackets ("⟨RLO⟩"). A right-to-left override
    in a name reorders what a terminal or a viewer that honours it shows after it ("Anne
    RLO draoB" reads as "Anne Board"), so that a name shows as another; named, it shows
    what the file holds."""
    return _BIDI.sub(lambda match: f"⟨{BIDI_CONTROLS[match.group()]}⟩", visible(text))


_PASTED_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


ABRIDGED_HEAD = 60
"""Characters of the start of a long text a notice shows (see `abridged`)."""
ABRIDGED_TAIL = 20
"""Characters of its end."""


def abridged(text: str) -> tuple[str, int]:
    """`text` as a notice about it shows it, and how long it is (characters): whole when it
    is short, else its start and end around " … ". A notice taller than the screen would
    show only its end, and a paste of a page none of what was pasted."""
    if len(text) <= ABRIDGED_HEAD + ABRIDGED_TAIL + 3:
        return text, len(text)
    return f"{text[:ABRIDGED_HEAD]} … {text[-ABRIDGED_TAIL:]}", len(text)


def pasted(text: str) -> str:
    """`text` as pasted, without the control characters (C0 but tab, newline and carriage
    return; DEL; C1) that are keys or line noise, never text: a ctrl+q caught in a paste
    that never ended is not kept in a name as U+0011."""
    return _PASTED_CONTROL.sub("", text)


_BREAK = r"(?:\r\n|\r|\n)"
_LINE_BREAKS = re.compile(rf"[ \t]*{_BREAK}(?:[ \t]*{_BREAK})*[ \t]*")
_EDGE_BREAKS = re.compile(rf"^(?:[ \t]*{_BREAK})+[ \t]*|[ \t]*(?:{_BREAK}[ \t]*)+$")


def one_line(text: str) -> str:
    """`text` pasted into a one-line field: each line break inside it, with the blank lines
    and the spaces around it, becomes one space, and a tab a space; line breaks at its start
    or end go, with the spaces beside them (a line copied with its line ending); every
    other space stays as pasted (" A1\\n  B2 " is " A1 B2 "), so a paste after a word never
    runs into it (issue 11: "joined by spaces, never cut without a word")."""
    return _LINE_BREAKS.sub(" ", _EDGE_BREAKS.sub("", text)).replace("\t", " ")


def decimal(value: float, language: str) -> str:
    """`value` with one decimal as the language writes it: "2,5" in Danish, "2.5" in
    English. Halfway is rounded up, as a reader rounds by hand (3.25 is "3,3"), not to
    even as Python's own formatting does (which made 3.25 "3,2" but 2.75 "2,8")."""
    shown = str(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    return shown.replace(".", ",") if language == "da" else shown


def written_day(day: dt.date, language: str) -> str:
    """`day` as a field shows it for the facilitator to read and edit: "31.12.2026" in
    Danish (as Danes write it, and as the fields' hints show), "2026-12-31" in English.
    The session file, the tables and the reports keep ISO 8601 (sortable, one width); a
    field takes either (`core.types.typed_day`)."""
    return f"{day.day}.{day.month}.{day.year}" if language == "da" else day.isoformat()


# After z come æ, ø, å, in that order (here as code points above every letter); "aa" is the
# old spelling of å (Aalborg, Aarhus); other accents do not count (é is e).
_DANISH = str.maketrans({"æ": "\ufff1", "ä": "\ufff1", "ø": "\ufff2", "ö": "\ufff2",
                         "å": "\ufff3"})


def danish_order(text: str) -> str:
    """A sort key that puts names in Danish alphabetical order, ignoring case and accents:
    Æ, Ø, Å after Z, and "Aa" read as "Å" ("Aalborg Kommune" after "Ærø Kommune"), as a
    Danish reader looks for municipalities and regions in a list."""
    key = text.casefold().replace("aa", "å").translate(_DANISH)
    return "".join(c for c in unicodedata.normalize("NFD", key) if not unicodedata.combining(c))


_ZWJ, _VS15, _VS16 = "\u200d", "\ufe0e", "\ufe0f"
# Characters a VS16 after them turns into a two-cell emoji (their emoji-variation
# sequences): the symbols, and the keycap bases.
_EMOJI_BASES = frozenset("#*0123456789‼⁉ℹ")


def _char_cells(char: str) -> int:
    code = ord(char)
    if code < 0x7F:
        return 1 if code >= 0x20 else 0
    if code < 0xA0:
        return 0  # C1 controls
    if code == 0xAD:
        return 1  # the soft hyphen: a terminal shows it
    if (unicodedata.category(char) in ("Mn", "Me", "Cf") or 0x1160 <= code <= 0x11FF
            or 0x1F3FB <= code <= 0x1F3FF):
        # combining marks, format characters (zero-width space, direction marks), Hangul
        # medial vowels and final consonants, and skin-tone modifiers join the character
        # before them
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cell_width(text: str) -> int:
    """The terminal cells `text` (one line) takes: 2 for a wide character (CJK, most emoji),
    0 for one that joins the one before it (a combining accent, a zero-width joiner with
    the character it joins, a skin tone), 1 for the rest; a symbol followed by VS16 (⚠️) is
    2. Measured as Rich, and with it Textual, measures (`rich.cells.cell_len`), from
    Python's own Unicode data: the core may not import Rich. Where the two Unicode versions
    differ (a character newer than Python's tables) the count may be off by one a
    character; `tests/test_charts.py` checks the two agree on the scripts users type."""
    if text.isascii() and text.isprintable():
        return len(text)
    total = 0
    last = ""
    joined = False
    for char in text:
        if joined:  # the character after a zero-width joiner is drawn into the one before
            joined = False
            continue
        if char == _ZWJ:
            joined = True
        elif char == _VS16:
            if last and (last in _EMOJI_BASES or unicodedata.category(last) in ("So", "Sm")):
                total += _char_cells(last) == 1
            last = ""
        elif cells := _char_cells(char):
            last = char
            total += cells
    return total


def _clusters(text: str) -> list[str]:
    """`text` split where it may be cut: never before a character that joins the one before
    it (an accent, a variation selector) nor after a zero-width joiner."""
    out: list[str] = []
    for char in text:
        if out and (char in (_ZWJ, _VS15, _VS16) or out[-1].endswith(_ZWJ)
                    or _char_cells(char) == 0):
            out[-1] += char
        else:
            out.append(char)
    return out


def cut_to_cells(text: str, width: int, mark: str = "…") -> str:
    """`text` in at most `width` terminal cells (see `cell_width`): whole when it fits, else
    as much of its start as fits before `mark`, never cut inside a character and what joins
    it (an accent stays on its letter, 👩‍💻 is whole or gone). A wide character that would
    end one cell over is left out: "漢字漢字" cut to 6 cells is "漢字…", 5 cells."""
    if cell_width(text) <= width:
        return text
    room = width - cell_width(mark)
    kept = ""
    for cluster in _clusters(text):
        if cell_width(kept + cluster) > room:
            break
        kept += cluster
    return kept + mark if room >= 0 else ""
