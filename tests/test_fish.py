"""The story fish drawing: the three parts with their labels and the team's words inside a
fish outline, user text shown literally, long text cut with "…" inside its part, and the
drawing following the widget's size."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.containers import Vertical

from dtworkshop.core.canvases.story_fish import StoryFish
from dtworkshop.core.labels import Labels
from dtworkshop.ui.widgets.fish import PARTS, FishDrawing, flow, geometry, tokens

BOX = set("─│╭╮╰╯┬┴├┤┼")
LONG = "Robotten tager indtastningen, og Anne tager samtalen med borgeren. " * 12
FISH = StoryFish(
    hero="[bold]Anne",
    head="Æblegrød på øen: Anne bruger sin faglighed på borgeren",
    body=LONG,
    tail="Prøv\x1b[31m den nye arbejdsgang i to uger",
)


class FishApp(App):
    """A FishDrawing 76 columns wide at 80 (as inside a canvas screen's padding)."""

    CSS = "#room { padding: 0 2; }"

    def __init__(self, language: str = "da", *, ascii: bool = False) -> None:
        super().__init__()
        self.labels = Labels(language)
        self.ascii = ascii

    def compose(self) -> ComposeResult:
        with Vertical(id="room"):
            yield FishDrawing(self.labels, id="fish", ascii=self.ascii)


def lines(widget: FishDrawing) -> list[str]:
    return widget.render().plain.split("\n")


def parts(widget: FishDrawing) -> dict[str, str]:
    """The words written in each part, read back from the rendered rows at the places the
    drawing reserves for that part (row 0 is the hero, the fish below it)."""
    rendered = lines(widget)
    shape = geometry(widget.size.width, len(rendered) - 1)
    assert shape is not None
    return {
        part: " ".join(" ".join(rendered[1 + y][x : x + cells] for y, x, cells in shape.spans[part]).split())
        for part in PARTS
    }


def assert_fits(widget: FishDrawing) -> None:
    rendered = lines(widget)
    assert len(rendered) == widget.size.height
    for line in rendered:
        assert cell_len(line) <= widget.size.width, line


async def test_draws_the_three_parts_with_labels_and_text_inside_a_fish() -> None:
    app = FishApp()
    async with app.run_test(size=(80, 24)) as pilot:
        fish = app.query_one(FishDrawing)
        fish.show(FISH)
        await pilot.pause()
        assert fish.size.width == 76 and 12 <= fish.size.height <= 15
        assert_fits(fish)
        rendered = lines(fish)
        drawn = parts(fish)
        t = app.labels
        for part in PARTS:
            assert drawn[part].startswith(t(f"canvas.story_fish.{part}")), drawn[part]
        assert drawn["head"].endswith("Æblegrød på øen: Anne bruger sin faglighed på borgeren")
        assert drawn["tail"].endswith("Prøv␛[31m den nye arbejdsgang i to uger")
        # Head, body, tail from left to right: the story's order.
        first_row = rendered[2]
        assert first_row.index("Hoved") < first_row.index("Krop") < first_row.index("Hale")
        # An outline around it: the top and bottom edges and both ends are line drawing, and
        # two dividers join the top and the bottom edge.
        fish_rows = rendered[1:]
        assert set(fish_rows[0]) <= BOX | {" "} and fish_rows[0].count("┬") == 2
        assert set(fish_rows[-1]) <= BOX | {" "} and fish_rows[-1].count("┴") == 2
        for row in fish_rows:
            assert row.strip()[0] in BOX and row.strip()[-1] in BOX, row


async def test_user_text_is_literal_and_control_characters_visible() -> None:
    app = FishApp()
    async with app.run_test(size=(80, 24)) as pilot:
        fish = app.query_one(FishDrawing)
        fish.show(FISH)
        await pilot.pause()
        text = fish.render()
        hero = text.plain.split("\n")[0]
        assert hero.startswith(app.labels("canvas.story_fish.hero"))
        assert "[bold]Anne" in hero  # not markup
        assert "\x1b" not in text.plain and "␛[31m" in text.plain


async def test_long_text_is_cut_with_an_ellipsis_inside_its_part() -> None:
    app = FishApp()
    async with app.run_test(size=(80, 24)) as pilot:
        fish = app.query_one(FishDrawing)
        fish.show(FISH)
        await pilot.pause()
        body = parts(fish)["body"]
        assert body.endswith("…")
        assert body.startswith(app.labels("canvas.story_fish.body") + " Robotten tager indtastningen")
        assert len(body) < len(LONG)
        # Nothing written over the outline: every line cell of the shape is still a line.
        rendered = lines(fish)
        shape = geometry(fish.size.width, len(rendered) - 1)
        for (x, y) in shape.links:
            assert rendered[1 + y][x] in BOX, (x, y, rendered[1 + y])
        for part in PARTS:
            for y, x, cells in shape.spans[part]:
                assert not set(rendered[1 + y][x : x + cells]) & BOX
                assert set(rendered[1 + y][:x]) & BOX and set(rendered[1 + y][x + cells :]) & BOX


async def test_empty_parts_show_a_placeholder() -> None:
    app = FishApp("en")
    async with app.run_test(size=(80, 24)) as pilot:
        fish = app.query_one(FishDrawing)
        fish.show(StoryFish())
        await pilot.pause()
        drawn = parts(fish)
        assert drawn == {part: app.labels(f"canvas.story_fish.{part}") + " –" for part in PARTS}
        assert lines(fish)[0].rstrip() == app.labels("canvas.story_fish.hero") + ": –"


async def test_show_redraws_from_the_new_data() -> None:
    app = FishApp()
    async with app.run_test(size=(80, 24)) as pilot:
        fish = app.query_one(FishDrawing)
        fish.show(FISH)
        await pilot.pause()
        fish.show(StoryFish(head="Noget nyt"))
        await pilot.pause()
        drawn = parts(fish)
        assert drawn["head"].endswith("Noget nyt")
        assert "Robotten" not in drawn["body"]


async def test_resizing_redraws_at_the_new_size() -> None:
    app = FishApp()
    async with app.run_test(size=(80, 24)) as pilot:
        fish = app.query_one(FishDrawing)
        fish.show(FISH)
        await pilot.pause()
        narrow = max(cell_len(line.rstrip()) for line in lines(fish))
        narrow_body = parts(fish)["body"]
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert fish.size.width == 116
        assert_fits(fish)
        wide = max(cell_len(line.rstrip()) for line in lines(fish))
        assert wide > narrow + 30
        assert len(parts(fish)["body"]) > len(narrow_body)  # more room, more of the text
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert max(cell_len(line.rstrip()) for line in lines(fish)) == narrow


async def test_colours_follow_the_theme() -> None:
    app = FishApp()
    async with app.run_test(size=(80, 24)) as pilot:
        fish = app.query_one(FishDrawing)
        fish.show(FISH)
        app.theme = "textual-dark"
        await pilot.pause()

        def outline_colour() -> str:
            text = fish.render()
            corner = text.plain.index("╭")
            return next(s.style.color.name for s in text.spans if s.start <= corner < s.end)

        dark = outline_colour()
        assert dark.lower() in app.export_screenshot().lower()
        app.theme = "textual-light"
        await pilot.pause()
        light = outline_colour()
        assert light != dark
        assert light.lower() in app.export_screenshot().lower()  # repainted, not just rendered


async def test_ascii_outline_and_a_list_when_too_small() -> None:
    app = FishApp(ascii=True)
    async with app.run_test(size=(80, 24)) as pilot:
        fish = app.query_one(FishDrawing)
        fish.show(FISH)
        await pilot.pause()
        assert not set(fish.render().plain) & BOX
        assert parts(fish)["head"].startswith(app.labels("canvas.story_fish.head"))
        await pilot.resize_terminal(30, 12)
        await pilot.pause()
        assert_fits(fish)
        plain = fish.render().plain
        assert "Hoved" in plain and "Krop" in plain and "Hale" in plain


def test_flow_fills_rows_of_different_widths_and_cuts_with_an_ellipsis() -> None:
    rows, fitted = flow(tokens("aa bb cc dd", "text"), [5, 5])
    assert fitted and ["".join(c for c, _ in r) for r in rows] == ["aa bb", "cc dd"]
    rows, fitted = flow(tokens("aa bb cc dd ee ff", "text"), [5, 8])
    assert not fitted and ["".join(c for c, _ in r) for r in rows] == ["aa bb", "cc dd e…"]
    rows, fitted = flow(tokens("aa bbbbbbbbbb", "text"), [8])  # the last row filled up
    assert not fitted and ["".join(c for c, _ in r) for r in rows] == ["aa bbbb…"]
    rows, fitted = flow(tokens("abcdefghijkl", "text"), [5, 5])
    assert not fitted and ["".join(c for c, _ in r) for r in rows] == ["abcde", "fghi…"]
    rows, _ = flow(tokens("漢字漢字漢字", "text"), [3, 3])  # wide characters: two cells each
    assert all(cell_len("".join(c for c, _ in r)) <= 3 for r in rows)
    rows, fitted = flow(tokens("first\n\nsecond", "text"), [20, 20, 20])
    assert fitted and ["".join(c for c, _ in r) for r in rows] == ["first", "second"]


def test_the_outline_is_one_closed_line_at_every_size() -> None:
    """Every line cell joins two or more neighbours in a drawable way (no loose ends, no
    crossings of the outline with itself), and every part has rows for text."""
    from dtworkshop.ui.widgets.fish import _BOX

    for width in (*range(50, 241, 13), 76, 78, 100, 116, 120):
        for height in range(7, max(9, round(width * 0.25)) + 1):
            shape = geometry(width, height)
            for (x, y), links in shape.links.items():
                assert frozenset(links) in _BOX, (width, height, x, y, links)
                assert 0 <= x < width and 0 <= y < height
            assert all(shape.spans[part] for part in PARTS), (width, height)
    assert geometry(49, 14) is None and geometry(76, 6) is None
