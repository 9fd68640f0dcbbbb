"""What a screen of the running app looks like in a terminal of a given colour depth: its
cells as the terminal shows them, and the checks the themes are held to (tests/test_themes.py).

Textual draws in 24-bit colour; a terminal with fewer colours gets Rich's nearest colour
(`Color.downgrade`), shown in that terminal's palette: the xterm 256-colour palette, or the
VGA palette of a 16-colour terminal (`rich._palettes.STANDARD_PALETTE`, the one Rich matches
against). Under `NO_COLOR` Textual's monochrome filter has already turned every colour into
a grey in what the compositor gives.

A theme of your own in the project's `themes/` is checked with the shipped ones:
`.venv/bin/python -m pytest tests/test_themes.py -k NAME` says where it falls short.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from rich._palettes import EIGHT_BIT_PALETTE, STANDARD_PALETTE
from rich.color import Color, ColorSystem, ColorType
from rich.style import Style

XTERM_16 = ((0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205),
            (0, 205, 205), (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0),
            (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255))
"""xterm's own 16 colours: where the VGA palette's brown is a bright yellow and its dark
grey a middle one."""

DEPTHS = {"24-bit": None, "256": ColorSystem.EIGHT_BIT, "16": ColorSystem.STANDARD,
          "16 xterm": "xterm"}
"""Colour depths a terminal may have, by name: the colour system a colour is brought to
("xterm": 16 colours, shown in xterm's palette rather than the VGA one)."""

TERMINAL_FOREGROUND = (229, 229, 229)
TERMINAL_BACKGROUND = (0, 0, 0)
"""A terminal's own colours, where a cell asks for the default (a dark terminal)."""

TEXT_CONTRAST = 4.5
"""WCAG 2 AA for text (success criterion 1.4.3)."""

GRAPHIC_CONTRAST = 3.0
"""WCAG 2 AA for graphics and the parts of controls (1.4.11): chart bars, borders."""

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Cell:
    """One cell as the terminal shows it: its character and the colours it is drawn in."""

    char: str
    fg: RGB
    bg: RGB
    bold: bool
    underline: bool
    italic: bool

    @property
    def contrast(self) -> float:
        """WCAG contrast ratio of the character on its ground, 1–21."""
        return contrast(self.fg, self.bg)


def luminance(rgb: RGB) -> float:
    """WCAG relative luminance of an sRGB colour, 0–1."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@lru_cache(maxsize=65536)
def contrast(a: RGB, b: RGB) -> float:
    """WCAG contrast ratio of two colours, 1–21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@lru_cache(maxsize=4096)
def shown(color: Color | None, system: ColorSystem | str | None, foreground: bool) -> RGB:
    """`color` as a terminal of colour `system` shows it (None: 24-bit)."""
    if color is None or color.type == ColorType.DEFAULT:
        return TERMINAL_FOREGROUND if foreground else TERMINAL_BACKGROUND
    palette = STANDARD_PALETTE
    if system == "xterm":
        system, palette = ColorSystem.STANDARD, XTERM_16
    if system is not None:
        color = color.downgrade(system)
    if color.type == ColorType.STANDARD:
        return tuple(palette[color.number])  # type: ignore[index]
    if color.type == ColorType.EIGHT_BIT:
        return tuple(EIGHT_BIT_PALETTE[color.number])  # type: ignore[index]
    return tuple(color.get_truecolor())  # type: ignore[return-value]


@lru_cache(maxsize=65536)
def cell(char: str, style: Style | None, system: ColorSystem | None) -> Cell:
    """The cell `char` in `style` as a terminal of colour `system` shows it: reverse swaps
    the colours, dim draws the character half way to its ground (as terminals do)."""
    style = style or Style()
    fg = shown(style.color, system, True)
    bg = shown(style.bgcolor, system, False)
    if style.reverse:
        fg, bg = bg, fg
    if style.dim:
        fg = tuple((f + b) // 2 for f, b in zip(fg, bg))  # type: ignore[assignment]
    return Cell(char, fg, bg, bool(style.bold), bool(style.underline), bool(style.italic))


def screen_cells(app, system: ColorSystem | None) -> list[list[Cell]]:
    """Every cell of `app`'s screen, row by row, as a terminal of colour `system` shows it
    (after Textual's filters, so under NO_COLOR in greys)."""
    return _cells(_drawn(app), system)


def screen_cells_by_depth(app) -> dict[str, list[list[Cell]]]:
    """`screen_cells` in each of DEPTHS, by its name, from one drawing of the screen."""
    strips = _drawn(app)
    return {depth: _cells(strips, system) for depth, system in DEPTHS.items()}


def _drawn(app) -> list:
    return app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens).strips


def _cells(strips: list, system: ColorSystem | str | None) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for line in strips:
        row: list[Cell] = []
        for strip in line:
            for segment in strip:
                if segment.control:
                    continue
                for char in segment.text:
                    row.append(cell(char, segment.style, system))
        rows.append(row)
    return rows


def text_under_contrast(rows: list[list[Cell]], least: float = TEXT_CONTRAST,
                        within: list | None = None) -> list[str]:
    """Where letters and digits are drawn under `least` contrast (only inside the regions
    `within`, when given): one line per run of such cells, "ROW:COL 'text' 2.1:1 (fg on bg)"."""
    return _runs_under(rows, least, within, str.isalnum,
                       lambda char: char.isalnum() or char == " ")


def signs_under_contrast(rows: list[list[Cell]], least: float = GRAPHIC_CONTRAST,
                         within: list | None = None) -> list[str]:
    """Where signs that are neither letters, digits nor blanks (a dropdown's ▼, a record's
    bar ▊, a ✕; not frames or shading) are drawn under `least` contrast: "ROW:COL 'signs' 2.1:1 (…)"."""
    return _runs_under(rows, least, within, _sign, _sign)


def _runs_under(rows: list[list[Cell]], least: float, within: list | None,
                starts: Callable[[str], bool], goes_on: Callable[[str], bool]) -> list[str]:
    """Each run of cells under `least` contrast: begun by a character `starts` takes, going
    on over those `goes_on` takes in the same colours."""
    found: list[str] = []
    for y, row in enumerate(rows):
        x = 0
        while x < len(row):
            c = row[x]
            # The cheap tests first: few cells are text under contrast, fewer still outside.
            if c.char and starts(c.char) and c.contrast < least and (
                    within is None or any(r.contains(x, y) for r in within)):
                start = x
                while x < len(row) and goes_on(row[x].char) and (row[x].fg, row[x].bg) == (c.fg, c.bg):
                    x += 1
                text = "".join(r.char for r in row[start:x]).strip()
                found.append(f"{y}:{start} {text!r} {c.contrast:.1f}:1 ({_hex(c.fg)} on {_hex(c.bg)})")
                continue
            x += 1
    return found


RECORD_BAR = "▊"
"""The bar down the left of a record or notes field (a `tall` border): it shows which lines
belong together, so it is held to the graphics contrast; other box and block characters
(frames, a button's shading, scrollbars) are decoration and are not."""


def _sign(char: str) -> bool:
    if not char or char.isalnum() or char.isspace() or unicodedata.category(char) == "So" \
            and unicodedata.east_asian_width(char) == "W":  # an emoji: drawn in its own colours
        return False
    return char == RECORD_BAR or not "\u2500" <= char <= "\u259f"


def looks(rows: list[list[Cell]]) -> list[tuple]:
    """What a person can tell apart of each cell: its character, colours and styles."""
    return [[(c.char, c.fg, c.bg, c.bold, c.underline, c.italic) for c in row] for row in rows]


def _hex(rgb: RGB) -> str:
    return "#" + "".join(f"{v:02x}" for v in rgb)


def in_theme(monkeypatch, folder, theme: str, no_color: bool) -> None:
    """Set up a run in `theme` with or without NO_COLOR: the environment variable set or
    cleared, and a theme of the repository's `themes/` (not shipped in the package) copied
    beside the sessions `folder`, where the app looks for one."""
    import shutil
    from pathlib import Path

    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    own = Path(__file__).resolve().parent.parent / "themes" / f"{theme}.toml"
    if own.exists():
        (folder.parent / "themes").mkdir(exist_ok=True)
        shutil.copy(own, folder.parent / "themes")
