"""The story fish drawn as a fish: Fortællefisken, advice 6 of the source ("Hold fokus på
målet, og skab en begejstrende fortælling, hvor medarbejderen er helten").

The source's figure is a fish in three parts, Hoved (skab motivation), Krop (skab forståelse)
and Hale (skab lyst til handling), with the employee as the hero. `FishDrawing` draws that
figure in box-drawing characters, sized to its region, with the team's words written inside
each part.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from rich.cells import cell_len, chop_cells
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from dtworkshop.core.canvases.story_fish import StoryFish
from dtworkshop.core.labels import Labels
from dtworkshop.core.text import visible

PARTS = ("head", "body", "tail")
"""The fish's three parts in the narrative's order, which is also the drawing's order from
left to right (see `FishDrawing`)."""

ELLIPSIS = "…"
PLACEHOLDER = "–"

# -- shapes: the outline is a closed path of cells; each cell's character follows from the
# directions it connects to (up, down, left, right).

_BOX = {
    frozenset("lr"): "─", frozenset("ud"): "│",
    frozenset("rd"): "╭", frozenset("ld"): "╮", frozenset("ru"): "╰", frozenset("lu"): "╯",
    frozenset("lrd"): "┬", frozenset("lru"): "┴", frozenset("udr"): "├", frozenset("udl"): "┤",
    frozenset("udlr"): "┼",
}
_ASCII = {
    frozenset("lr"): "-", frozenset("ud"): "|",
    frozenset("rd"): ".", frozenset("ld"): ".", frozenset("ru"): "'", frozenset("lu"): "'",
    frozenset("lrd"): "+", frozenset("lru"): "+", frozenset("udr"): "+", frozenset("udl"): "+",
    frozenset("udlr"): "+",
}
_STEP = {(1, 0): "r", (-1, 0): "l", (0, 1): "d", (0, -1): "u"}
_BACK = {"r": "l", "l": "r", "d": "u", "u": "d"}

Cell = tuple[int, int]  # (x, y)
Token = tuple[str, str]  # (word, role): a word and the component class it is drawn in


class Geometry(NamedTuple):
    """Where things are in a fish of `width` × `height` cells (the fish alone, no hero)."""

    width: int
    height: int
    links: dict[Cell, set[str]]
    """Every line cell (outline and dividers) and the directions it connects to."""
    spans: dict[str, list[tuple[int, int, int]]]
    """Per part, the rows where text can go: (y, x, cells), top to bottom."""
    eye: Cell


def fish_rows(width: int) -> int:
    """How tall the fish is at `width` columns: about three times as long as it is high
    (a terminal cell is twice as high as it is wide), 13 rows at 76 columns."""
    return max(9, min(21, round(width * 0.17)))


def geometry(width: int, height: int) -> Geometry | None:
    """The fish in `width` × `height` cells, head on the left; None when it would not fit
    (less than 50 × 7): then the parts are listed instead of drawn."""
    W, H = width, height
    if W < 50 or H < 7:
        return None
    c = (H - 1) / 2  # the middle row (between two rows when H is even)
    mt = (H - 1) // 2  # the middle row, or the upper of the two
    fin = max(5, min(16, round(W * 0.11)))  # the tail fin's width
    base = W - 1 - fin  # where the fin meets the body
    nose = max(3, min(12, round(W * 0.09)))  # how far the head's curve reaches in
    taper = max(3, min(14, round(W * 0.10)))  # how far the body narrows to the fin
    vee = max(1, round(mt * 0.5))  # the row where the body's back meets the fin

    def quarter(d: float) -> float:
        """An ellipse's quarter: 0 at its middle (d=0), 1 at its end (d=1)."""
        return 1 - math.sqrt(max(0.0, 1 - d * d))

    def head_x(y: int) -> int:
        return round(nose * quarter(abs(y - c) / c))

    def back_x(y: int) -> int:  # the body's back from the top edge down to the fin
        return base - round(taper * quarter((vee - y) / vee))

    # The upper half of the outline, clockwise from the head's middle; each step is
    # "hv" (across, then up or down) or "vh" (up or down, then across), whichever keeps the
    # corners round on the inside of the curve.
    path: list[Cell] = [(head_x(mt), mt)]

    def go(x: int, y: int, order: str) -> None:
        cx, cy = path[-1]
        for axis in order:
            if axis == "h":
                while cx != x:
                    cx += 1 if x > cx else -1
                    path.append((cx, cy))
            else:
                while cy != y:
                    cy += 1 if y > cy else -1
                    path.append((cx, cy))

    for y in range(mt - 1, -1, -1):
        # Up the head; from a middle row the lower half shares (H odd), straight up first.
        go(head_x(y), y, "vh" if y == mt - 1 and H % 2 else "hv")
    go(back_x(0), 0, "hv")  # along the back
    for y in range(1, vee + 1):
        go(back_x(y), y, "vh")  # down to the fin
    for y in range(vee - 1, -1, -1):
        go(base + max(1, round((W - 2 - base) * (vee - y) / vee)), y, "hv")  # up the fin to its tip
    go(W - 1, 0, "hv")
    go(W - 1, mt, "vh")  # the fin's edge, straight (a stepped fork reads as jagged)
    # The lower half is the upper half mirrored.
    loop = path + [(x, H - 1 - y) for x, y in reversed(path)]
    loop = [cell for i, cell in enumerate(loop) if i == 0 or cell != loop[i - 1]]
    if loop[-1] == loop[0]:
        loop.pop()

    links: dict[Cell, set[str]] = {}
    for a, b in zip(loop, loop[1:] + loop[:1]):
        step = _STEP[(b[0] - a[0], b[1] - a[1])]
        links.setdefault(a, set()).add(step)
        links.setdefault(b, set()).add(_BACK[step])

    # Inside: crossing a line cell that reaches up toggles in and out (scanning a row).
    inside: set[Cell] = set()
    for y in range(H):
        within = False
        for x in range(W):
            if (x, y) in links:
                within ^= "u" in links[(x, y)]
            elif within:
                inside.add((x, y))

    # Two dividers cut the body (up to the fin) into three parts; the head gets a little
    # more, as its curve and the eye take some of it, so the three hold about as much text.
    room = base - 1 - 2  # columns 1 .. base-1, less the two dividers
    head = round(room * 0.36)
    first = 1 + head
    second = first + 1 + (room - head) // 2
    for x in (first, second):
        links[(x, 0)].add("d")
        links[(x, H - 1)].add("u")
        for y in range(1, H - 1):
            links[(x, y)] = set("ud")
            inside.discard((x, y))

    # The eye sits high in the head, left of the head's text, which starts one blank
    # column after it (or later, where the head's curve cuts a row short).
    eye_y = max(1, round(c * 0.5))
    eye_x = min(x for x in range(W) if (x, eye_y) in inside) + 1
    margin = eye_x + 2
    bounds = {"head": (0, first), "body": (first, second), "tail": (second, base)}
    spans: dict[str, list[tuple[int, int, int]]] = {}
    for part, (left, right) in bounds.items():
        rows = []
        for y in range(1, H - 1):
            xs = [x for x in range(left + 1, right) if (x, y) in inside]
            if not xs:
                continue
            # One blank cell from each line, and no text where the row is cut short by
            # the curve so much that a word would not fit.
            x0, x1 = xs[0] + 1, xs[-1] - 1
            if part == "head":
                x0 = max(x0, margin)
            if x1 - x0 + 1 >= 4:
                rows.append((y, x0, x1 - x0 + 1))
        spans[part] = rows
    return Geometry(W, H, links, spans, (eye_x, eye_y))


# -- words: text flowed into rows of different widths


def tokens(text: str, role: str) -> list[list[Token]]:
    """`text` as paragraphs of words, each word drawn in `role`; blank lines dropped."""
    return [[(word, role) for word in line.split()] for line in text.splitlines() if line.split()]


def flow(paragraphs: Sequence[Sequence[Token]], widths: Sequence[int]) -> tuple[list[list[Token]], bool]:
    """Fill rows of `widths` cells with the words, a new row for each paragraph; a word
    longer than a row is broken. Returns the rows (as many as needed, never more than
    `widths`) and whether everything fitted; if not, the last row is filled up with what
    comes next and ends with "…"."""
    words = [(word, role, j == 0) for paragraph in paragraphs for j, (word, role) in enumerate(paragraph)]
    rows: list[list[Token]] = []
    line: list[Token] = []
    used = 0
    i = 0
    while i < len(words) and len(rows) < len(widths):
        word, role, starts = words[i]
        room = widths[len(rows)]
        size = cell_len(word)
        if line and starts:  # a new paragraph, a new row
            rows.append(line)
            line, used = [], 0
        elif used + (1 if line else 0) + size <= room:
            if line:
                word, used = " " + word, used + 1
            line.append((word, role))
            used += size
            i += 1
        elif line:
            rows.append(line)
            line, used = [], 0
        else:  # longer than a whole row: break it
            piece = chop_cells(word, room)[0] if room > 0 else ""
            rows.append([(piece, role)] if piece else [])
            words[i] = (word[len(piece):], role, False)
    if line:
        rows.append(line)
    if i == len(words):
        return rows, True
    if not rows:
        return [], False
    word, role, starts = words[i]
    last, room = rows[-1], widths[len(rows) - 1]
    used = sum(cell_len(chars) for chars, _ in last)
    space = room - used - cell_len(ELLIPSIS) - (1 if last else 0)
    if not starts and space >= 4:  # enough of the next word to be worth showing
        last = last + [((" " if last else "") + chop_cells(word, space)[0], role)]
    rows[-1] = _with_ellipsis(last, room)
    return rows, False


def _with_ellipsis(line: list[Token], width: int) -> list[Token]:
    """`line` cut so that "…" fits after it within `width` cells, then "…"."""
    out: list[Token] = []
    room = width - cell_len(ELLIPSIS)
    for word, role in line:
        size = cell_len(word)
        if size <= room:
            out.append((word, role))
            room -= size
            continue
        if room > 0:
            out.append((chop_cells(word, room)[0], role))
        break
    if out and out[-1][0].endswith(" "):
        out[-1] = (out[-1][0].rstrip(" "), out[-1][1])
    role = out[-1][1] if out else "text"
    out.append((ELLIPSIS, role))
    return out


# -- the widget


class FishDrawing(Widget):
    """The story fish as a fish: head, body and tail side by side inside a fish outline,
    each with its label and the team's words, and the hero above it.

    Shapes and units: the outline is one closed line of box-drawing characters (light
    arcs, so the round head, the back and belly narrowing to the tail and the tail fin read
    as one line; `ascii=True` draws it in - | . ' + instead), measured in terminal cells.
    The fish takes the widget's whole width and sizes its height to it (`fish_rows`: 13
    rows at 76 columns, plus one for the hero), so it keeps a fish's proportions from an
    80×24 SSH session to a projector; redrawn on every resize. Below 50 × 8 cells the parts
    are listed instead. Two dividers split the fish into three parts that hold about as much
    text each; text is wrapped inside its part, following the curve, and cut with "…" when
    it does not fit. An empty part shows "–".

    Source: "Fortællefisken" in advice 6 ("Hold fokus på målet, og skab en begejstrende
    fortælling, hvor medarbejderen er helten"): Hoved – skab motivation, Krop – skab
    forståelse, Hale – skab lyst til handling.

    All text is drawn literally (Rich Text, never markup); user text goes through
    `visible()`. Colours come from the theme through the component classes below.
    """

    # The head is on the LEFT and the fish swims left: the story is told head first
    # (motivation), then body (understanding), then tail (the will to act), and a reader
    # at a projector reads left to right, so the three parts read in the story's order,
    # the same order as the source's figure and the fields on the screen.

    COMPONENT_CLASSES = {
        "fish--outline", "fish--eye", "fish--name", "fish--purpose",
        "fish--text", "fish--placeholder", "fish--hero-label", "fish--hero",
    }

    DEFAULT_CSS = """
    FishDrawing { height: auto; width: 1fr; }
    FishDrawing > .fish--outline { color: $text-accent; }
    FishDrawing > .fish--eye { color: $text-accent; text-style: bold; }
    FishDrawing > .fish--name { color: $text-primary; text-style: bold; }
    FishDrawing > .fish--purpose { color: $text-primary; text-style: italic; }
    FishDrawing > .fish--text { color: $foreground; }
    FishDrawing > .fish--placeholder { color: $text-muted; }
    FishDrawing > .fish--hero-label { color: $text-primary; text-style: bold; }
    FishDrawing > .fish--hero { color: $foreground; text-style: bold; }
    """

    def __init__(self, labels: Labels, id: str | None = None, *, ascii: bool = False) -> None:
        """`ascii` draws the outline in - | . ' + for terminals without box drawing."""
        super().__init__(id=id)
        self.t = labels
        self.ascii = ascii
        self._texts: dict[str, str] = {"hero": "", "head": "", "body": "", "tail": ""}

    def show(self, fish: StoryFish) -> None:
        """Draw `fish`'s hero, head, body and tail (call again after every edit)."""
        self._texts = {key: visible(getattr(fish, key) or "") for key in ("hero", *PARTS)}
        self.refresh()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return fish_rows(width) + 1

    def on_resize(self) -> None:
        self.refresh()

    # -- drawing

    def lines(self) -> list[list[Token]]:
        """The drawing as rows of (characters, role) runs, each row exactly as wide as the
        widget; `render` turns the roles into the theme's styles."""
        width, height = self.size.width, self.size.height
        if width <= 0 or height <= 0:
            return []
        grid = _Grid(width, height)
        hero = self._hero(width)
        grid.put_line(0, 0, hero)
        # Given more rows than it asks for, the fish grows a little fatter, then floats.
        shape = geometry(width, min(height - 1, max(9, round(width * 0.25))))
        if shape is None:
            self._listed(grid, 1)
            return grid.rows()
        top = 1 + max(0, (height - 1 - shape.height) // 2)
        chars = _ASCII if self.ascii else _BOX
        for (x, y), links in shape.links.items():
            grid.put(x, top + y, chars[frozenset(links)], "outline")
        eye_x, eye_y = shape.eye
        grid.put(eye_x, top + eye_y, "o" if self.ascii else "●", "eye")
        for part in PARTS:
            spans = shape.spans[part]
            rows = self._part(part, [cells for _, _, cells in spans])
            for (y, x, _), row in zip(spans, rows):
                grid.put_line(x, top + y, row)
        return grid.rows()

    def render(self) -> Text:
        styles = {role: self._style(role) for role in (
            "outline", "eye", "name", "purpose", "text", "placeholder", "hero-label", "hero")}
        text = Text(no_wrap=True, overflow="crop", end="")
        for i, row in enumerate(self.lines()):
            if i:
                text.append("\n")
            for chars, role in row:
                text.append(chars, styles.get(role))
        return text

    def _style(self, role: str) -> Style:
        return self.get_component_rich_style(f"fish--{role}", default=Style())

    def _hero(self, width: int) -> list[Token]:
        label = self.t("canvas.story_fish.hero")
        hero = self._texts["hero"]
        line: list[Token] = [(f"{label}:", "hero-label")]
        words = [(" ".join(hero.split()), "hero")] if hero.strip() else [(PLACEHOLDER, "placeholder")]
        rows, _ = flow([line + words], [width])
        return rows[0] if rows else []

    def _part(self, part: str, widths: list[int]) -> list[list[Token]]:
        """The rows of one part: its label (name and purpose), then the team's words."""
        if not widths:
            return []
        label = self.t(f"canvas.story_fish.{part}")
        name, dash, purpose = label.partition(" – ")
        heading = tokens(name, "name")[0] if name.strip() else []
        if dash:
            heading += [("–", "purpose"), *tokens(purpose, "purpose")[0]] if purpose.strip() else []
        rows, fitted = flow([heading], widths)
        rest = widths[len(rows):]
        if not fitted or not rest:
            return rows
        words = tokens(self._texts[part], "text") or [[(PLACEHOLDER, "placeholder")]]
        more, _ = flow(words, rest)
        return rows + more

    def _listed(self, grid: _Grid, top: int) -> None:
        """Too small to draw: each part as a line or two, label first."""
        per = max(1, (grid.height - top) // 3)
        for i, part in enumerate(PARTS):
            y = top + i * per
            if y >= grid.height:
                break
            label = self.t(f"canvas.story_fish.{part}")
            words = tokens(self._texts[part], "text") or [[(PLACEHOLDER, "placeholder")]]
            paragraph = [(f"{label}:", "name")] + [w for p in words for w in p]
            rows, _ = flow([paragraph], [grid.width] * min(per, grid.height - y))
            for j, row in enumerate(rows):
                grid.put_line(0, y + j, row)


class _Grid:
    """Rows of cells, each a character (or "" behind a wide character) and its role."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.cells = [[(" ", "text") for _ in range(width)] for _ in range(height)]

    def put(self, x: int, y: int, char: str, role: str) -> None:
        if 0 <= y < self.height and 0 <= x < self.width:
            self.cells[y][x] = (char, role)

    def put_line(self, x: int, y: int, runs: Iterable[Token]) -> None:
        for chars, role in runs:
            for char in chars:
                size = cell_len(char)
                if size == 0:  # a combining mark stays with the character before it
                    if x > 0 and 0 <= y < self.height:
                        before, where = self.cells[y][x - 1]
                        self.cells[y][x - 1] = (before + char, where)
                    continue
                if x + size > self.width:
                    return
                self.put(x, y, char, role)
                for extra in range(1, size):
                    self.put(x + extra, y, "", role)
                x += size

    def rows(self) -> list[list[Token]]:
        out = []
        for row in self.cells:
            runs: list[Token] = []
            for char, role in row:
                if runs and runs[-1][1] == role:
                    runs[-1] = (runs[-1][0] + char, role)
                else:
                    runs.append((char, role))
            out.append(runs)
        return out
