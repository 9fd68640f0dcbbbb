"""What the canvases' charts share, with no Textual: the legend type, the series colours,
short tick labels, and drawing a chart as plain text for reports.

A canvas's chart is one function in its core module (`CanvasSpec.chart`) that only calls
the plotext API on the figure it is given. The TUI hands it textual-plotext's figure (see
`dtworkshop.ui.widgets.chart`), `text_chart` a plain plotext figure, so the screen and the
exported report draw the same chart from the same code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from dtworkshop.core.text import cell_width, cut_to_cells, visible

Legend = Sequence[tuple[str, int]]
"""(label, colour) pairs; a colour is an ANSI colour number 0–15, the same in plotext and
Rich (plotext's colour *names* differ from Rich's: its "orange" is ANSI yellow)."""

ChartFunction = Callable[[Any, Any, Any], "Legend | None"]
"""`chart(plt, data, labels)`: draws canvas `data` on the plotext figure `plt` with words
from `labels` (a `dtworkshop.core.labels.Labels`); returns the legend, or None for none."""

SERIES_COLOURS = (6, 4, 3, 1)
"""Cyan, blue, yellow, red: up to four series, cool to warm like the portfolio's rising
degree of innovation, and all within 16 colours."""

SERIES_FILLS = ("█", "▓", "▒", "░")
"""The fill of each series, in `SERIES_COLOURS`' order, on the screen as in the reports: a
printed page, a plain-text reader, a monochrome projector or a terminal with NO_COLOR has no
colour to tell stacked series apart."""


def series_fill(index: int) -> str:
    """The fill character of series `index` (0 the first) of a chart's legend: what a chart
    passes plotext as that series' `marker`, and what the legend shows before its label.
    `SERIES_FILLS`, cycled beyond four."""
    return SERIES_FILLS[index % len(SERIES_FILLS)]


def series_fills(count: int) -> list[str]:
    """The fills of the first `count` series (`series_fill`), for plotext's `marker=` of a
    stacked or multiple bar chart."""
    return [series_fill(i) for i in range(count)]


def distinct_labels(names: Sequence[str], width: int = 14) -> list[str]:
    """Short tick labels for `names`: words all names begin with are dropped ("Forvaltning A",
    "Forvaltning B" → "A", "B"), then each is cut to `width` terminal cells (a CJK character
    takes two, an accent none: `core.text.cell_width`). Control characters are made
    visible."""
    split = [n.split() for n in names]
    common = 0
    if len(names) > 1:
        while all(len(words) > common + 1 for words in split) and len({w[common] for w in split}) == 1:
            common += 1
    short = [" ".join(words[common:]) or name for words, name in zip(split, names)]
    return [cut_to_cells(visible(s), width) for s in short]


def label_room(plt: Any, count: int = 1, *, across: bool = False, least: int = 12,
               most: int = 32) -> int:
    """Terminal cells a tick label may take on the plotext figure `plt`, from the width it
    is drawn at (`plt.plotsize()`, set before the chart is drawn: by `text_chart`, and by
    the screen's Chart once it is laid out).

    Labels `across` the x axis (`count` of them, a bar or a category each) share its width,
    a gap of two between them; labels down the y axis (horizontal bars) take at most two
    fifths of it (a unit's name, "Børne- og Ungeforvaltningen", whole in a report 72
    wide). Never below `least` (plotext then lets the ones that would overlap yield, see
    `ticks_in_order`) nor above `most` cells. Issue 16: a label cut to 12 cells at 200
    columns."""
    width = plt.plotsize()[0] or 0
    room = (width - 8) // max(1, count) - 2 if across else width * 2 // 5
    return max(least, min(most, room))


def even_bars(plt: Any, count: int) -> float:
    """Make `count` horizontal bars on the plotext figure `plt` (their ticks at y = 1 …
    `count`, as plotext puts them) equally thick and equally spaced, and return the bar
    width (in y units) to draw them with. Call it before the bars are drawn, once the
    figure's size is set (`plt.plotsize()`, as for `label_room`).

    plotext maps y to rows by rounding, so bars of width 0.5 on a plot whose rows are not a
    multiple of the bars came out 3, 2, 3, 2 rows thick (issue 16: the business case's
    five fits). Here each bar gets the same whole number of rows, `s`: a bar of s - 1 rows
    and one blank, the rows left over split above and below (touching bars when fewer rows
    than two a bar). The y axis is set (`plt.ylim`) so that one y unit is `s` rows and
    each bar's lower edge falls mid-row, away from plotext's rounding."""
    rows = (plt.plotsize()[1] or 0) - 3  # the canvas: the figure less its frame and x ticks
    if count < 1 or rows < max(2, count):
        return 0.5  # no room to part them: plotext's own way
    step = (rows + 1) // count  # rows a bar and its gap (the last bar needs none)
    thick = max(1, step - 1)
    margin = (rows - (count * step - (step - thick))) // 2
    width = (thick - 0.75) / step  # its edges then fall mid-row: never a rounding boundary
    low = 1 - width / 2 - margin / step
    plt.ylim(low, low + (rows - 1) / step)
    return width


@dataclass(frozen=True)
class TextChart:
    """A chart drawn as text, no escape codes.

    `lines` are the rows (trailing blanks removed); `runs` the same rows as (text, colour)
    pieces, colour an ANSI colour number 0–15 or None for the default, so a page can colour
    them; `legend` is (fill character, label, colour) per series, the fill being what that
    series is drawn with in `lines` ("█" when the chart has one series or no legend).
    """

    lines: list[str]
    runs: list[list[tuple[str, int | None]]]
    legend: list[tuple[str, str, int]]

    @property
    def text(self) -> str:
        """The chart as one string, rows joined by newlines, no final newline."""
        return "\n".join(self.lines)


_SGR = re.compile(r"\x1b\[([0-9;]*)m")


def text_chart(chart: ChartFunction, data: Any, labels: Any, width: int = 72,
               height: int = 12) -> TextChart | None:
    """Draw `chart(plt, data, labels)` on a fresh plotext figure of `width` × `height`
    terminal cells and return it as text, or None when the chart drew nothing (a portfolio
    with no units).

    The series of a legend are told apart by their fill (`series_fill`, which the chart
    draws them with) as well as their colour, so the text still reads printed in black and
    white. Every row is `width` cells or less, whatever the labels hold (CJK, emoji,
    accents: `StandIns`). User text in tick labels comes through `distinct_labels`, so
    control characters are already visible; anything else the caller must escape for its
    format.
    """
    from plotext._figure import _figure_class  # plotext takes ~35 ms to import: only here

    plt = _figure_class()
    # plotext caps a figure at the terminal's size and lays out what is drawn for the size
    # the figure has at that moment: sized first, a report does not depend on where it ran.
    plt._limit_size(False, False)
    plt.plotsize(width, height)
    legend = list(chart(plt, data, labels) or [])
    if not plt.monitor.signals:  # how many series were drawn
        return None
    ticks_in_order(plt.monitor)
    stand_ins = StandIns.put(plt.monitor)
    plt.theme("clear")
    raw = stand_ins.restore(plt.build())
    fills = [series_fill(i) for i in range(len(legend))]
    # A chart that draws every series in "█" (one from outside dtworkshop that passes no
    # marker) still reads without colour: each colour's "█" becomes that series' fill. Only
    # where each colour names one series (the maturity's seventh unit shares the first's).
    by_colour = dict(zip((c for _, c in legend), fills))
    if len(by_colour) < len(legend):
        by_colour = {}
    runs: list[list[tuple[str, int | None]]] = []
    for row in raw.split("\n"):
        pieces: list[tuple[str, int | None]] = []
        colour: int | None = None
        position = 0
        for match in [*_SGR.finditer(row), None]:
            end = match.start() if match else len(row)
            text = visible(row[position:end])  # any escape but colour is shown, never sent
            if text:
                if colour in by_colour:
                    text = text.replace("█", by_colour[colour])
                if pieces and pieces[-1][1] == colour:
                    pieces[-1] = (pieces[-1][0] + text, colour)
                else:
                    pieces.append((text, colour))
            if match is None:
                break
            position = match.end()
            colour = _colour(match.group(1), colour)
        runs.append(pieces)
    while runs and not "".join(t for t, _ in runs[-1]).strip():
        runs.pop()
    lines = ["".join(t for t, _ in row).rstrip() for row in runs]
    return TextChart(lines, runs, [(fill, label, c) for fill, (label, c) in zip(fills, legend)])


_STAND_IN = 0xF0000
"""The first stand-in character, in Unicode's Supplementary Private Use Area-A (65,534
characters). None is ever shown: each is put back before the chart is, and a label that
holds one of them itself (an icon font's symbol) is stood in for too."""
_STAND_INS = re.compile("([\U000F0000-\U000FFFFD])\\1*")


@dataclass
class StandIns:
    """Labels plotext cannot measure, replaced on its figure by stand-ins it can, and put
    back in what it built.

    plotext lays out a tick label or a text as one cell a character, so a label whose cells
    (`measure`) are not its characters shifts its row: "漢字漢字" (8 cells, 4 characters)
    pushes that row's axis four cells right, and a screen wraps the row; "👩‍💻 IT" (5 cells,
    6 characters) pulls it left. `put` gives each such label a stand-in of exactly as many
    characters as the label has cells, a private-use character repeated, so plotext lays
    it out right; `restore` puts the label back where plotext drew its stand-in.
    """

    labels: dict[str, str]
    """Stand-in character → the label it stands for."""
    measure: Callable[[str], int]

    @classmethod
    def put(cls, monitor: Any, measure: Callable[[str], int] = cell_width) -> StandIns:
        """Replace, on a plotext figure's `monitor` (after drawing, before building), every
        tick label and text whose cell width by `measure` (cells of one line; by default
        `core.text.cell_width`, the screen passes Rich's own) differs from its length, or
        that holds a character of the stand-ins' range itself. Returns what `restore`
        needs; the figure keeps the stand-ins until it is drawn anew."""
        found: dict[str, str] = {}

        def stand_in(label: str) -> str:
            cells = measure(label)
            if len(label) == cells and not _STAND_INS.search(label):
                return label
            char = found.setdefault(label, chr(_STAND_IN + len(found)))
            return char * cells

        for axis in ("xlabels", "ylabels"):
            sides = getattr(monitor, axis)
            for side, labels in enumerate(sides):
                if labels is not None:
                    sides[side] = [stand_in(label) for label in labels]
        monitor.text = [stand_in(text) for text in monitor.text]
        return cls({char: label for label, char in found.items()}, measure)

    def restore(self, built: str) -> str:
        """`built` (what plotext's `build()` returned, escape codes and all) with each run
        of a stand-in replaced by its label. A run plotext cut short (a text at the edge of
        the plot) gets as much of the label as fits in it, padded to its cells."""
        if not self.labels:
            return built

        def label(match: re.Match[str]) -> str:
            cells = len(match.group())
            text = self.labels.get(match.group(1), "")
            if self.measure(text) != cells:
                text = cut_to_cells(text, cells, "")
            return text + " " * (cells - self.measure(text))

        return _STAND_INS.sub(label, built)


def ticks_in_order(monitor: Any) -> None:
    """Put each axis's ticks back in ascending order, in a plotext figure's `monitor`, after
    drawing and before building. plotext drops duplicate ticks through a set, so their
    order, and with it which label yields when two would overlap, changed from run to run
    (with Python's hash seed); a report and a screen must come out the same every time."""
    for axis in ("x", "y"):
        ticks, labels = getattr(monitor, f"{axis}ticks"), getattr(monitor, f"{axis}labels")
        for side in range(len(ticks)):
            if ticks[side] is not None and labels[side] is not None:
                pairs = sorted(zip(ticks[side], labels[side]), key=lambda pair: pair[0])
                ticks[side] = [tick for tick, _ in pairs]
                labels[side] = [label for _, label in pairs]


def _colour(codes: str, current: int | None) -> int | None:
    """The foreground colour after an SGR sequence's `codes` ("38;5;12", "0", "")."""
    parts = codes.split(";") if codes else ["0"]
    i = 0
    while i < len(parts):
        part = parts[i]
        if part in ("0", "39"):
            current = None
        elif part == "38" and i + 2 < len(parts) and parts[i + 1] == "5":
            number = int(parts[i + 2])
            current = number if number < 16 else None
            i += 2
        elif part == "48" and i + 2 < len(parts) and parts[i + 1] == "5":
            i += 2
        elif part.isdigit() and 30 <= int(part) <= 37:
            current = int(part) - 30
        elif part.isdigit() and 90 <= int(part) <= 97:
            current = int(part) - 90 + 8
        i += 1
    return current
