"""Charts that read without colour and stay square whatever the names hold (issue 14): the
real app at 80x24 (with NO_COLOR), its chart read back from the compositor as the terminal
gets it, the charts the reports draw as text, and the real CLI's Markdown export.

The measure of a row is Rich's (`rich.cells.cell_len`), as Textual lays the screen out: a CJK
character takes two cells, an emoji sequence joined by zero-width joiners two, an accent
written as a combining mark none.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from dtworkshop.core.canvases import maturity, ownership, portfolio
from dtworkshop.core.canvases.maturity import Maturity, UnitMaturity
from dtworkshop.core.canvases.ownership import EmployeeGroup, Ownership
from dtworkshop.core.canvases.portfolio import Portfolio, Unit
from dtworkshop.core.charts import SERIES_FILLS, distinct_labels, label_room, text_chart
from dtworkshop.core.labels import Labels
from dtworkshop.core.text import cell_width, cut_to_cells
from dtworkshop.ui.app import WorkshopApp

from tests.conftest import until
from tests.test_export import export
from tests.test_keys_land import PORTFOLIO, SIZE, open_canvas
from tests.test_review_screens import screen_lines

CJK = "漢字漢字漢字漢字"
"""Eight characters, sixteen cells."""
EMOJI = "👩\u200d💻 IT"
"""Six characters (woman, joiner, laptop, space, I, T), five cells."""
ACCENTS = "Sko\u0301le Ärø"
"""An accent written as a combining mark: ten characters, nine cells."""
WIDTHS = [
    CJK, EMOJI, ACCENTS, "Ｆｕｌｌｗｉｄｔｈ", "⚠️ Risiko", "🇩🇰 Danmark", "👍🏽 OK",
    "1️⃣ Første", "한국어 이름", "e\u0301\u0301 x", "Æbeløe\u200b", "ℹ️", "Ærø Kommune",
]
"""Names whose cells differ from their characters in every way a user can type one."""


# ---------------------------------------------------------------- measuring


@pytest.mark.parametrize("text", WIDTHS)
def test_the_core_measures_a_name_as_textual_lays_it_out(text: str) -> None:
    """The reports (no Rich there) cut and lay out names in the cells the screen gives them."""
    assert cell_width(text) == cell_len(text)


def test_a_name_is_cut_in_cells_never_inside_a_character() -> None:
    assert cut_to_cells(CJK, 6) == "漢字…"  # a wide character that would end over is left out
    assert cut_to_cells(CJK, 7) == "漢字漢…"
    assert cut_to_cells(EMOJI + " Afdelingen", 3) == "👩\u200d💻…"  # the joined emoji is whole
    assert cut_to_cells(EMOJI + " Afdelingen", 2) == "…"
    assert cut_to_cells(ACCENTS, 4) == "Sko\u0301…"  # the accent stays on its letter
    assert cut_to_cells(ACCENTS, 9) == ACCENTS
    assert [cell_len(name) for name in distinct_labels([CJK, EMOJI, "A" * 20], 12)] == [11, 5, 12]


# ---------------------------------------------------------------- the reports' charts


def box(lines: list[str]) -> list[str]:
    """A chart's framed rows, from its top border to its axis line."""
    top = next((n for n, line in enumerate(lines) if "┌" in line), None)
    bottom = next((n for n, line in enumerate(lines) if "└" in line), None)
    assert top is not None and bottom is not None, "no frame:\n" + "\n".join(lines)
    return lines[top:bottom + 1]


def assert_square(rows: list[str]) -> None:
    """Every framed row begins its frame (┌ │ ┤ └) in the same cell and ends it (┐ │ ┘) in
    the same cell: no label pushed or pulled its row."""
    lefts = {cell_len(row[:min(row.index(c) for c in "┌│┤└" if c in row)]) for row in rows}
    rights = {cell_len(row[:max(row.rfind(c) for c in "┐│┘")]) for row in rows}
    assert len(lefts) == 1 and len(rights) == 1, "\n".join(rows)


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_chart_of_user_names_stays_square_in_the_reports(language: str) -> None:
    """The portfolio's units (tick labels), the maturity's units (its legend) and the
    ownership's groups (texts on the curve), named in every width: each chart's rows are
    as wide as the chart (72 cells), its frame and axis where they belong, and each name
    is drawn, whole or cut in cells."""
    labels = Labels(language)
    names = WIDTHS[:6]
    drawn = {
        "portfolio": text_chart(portfolio.SPEC.chart, Portfolio(units=[
            Unit(name=n, streamline=25, modernise=25, rethink_services=25, rethink_business=25)
            for n in names[:4]]), labels, 72, 15),
        "maturity": text_chart(maturity.SPEC.chart, Maturity(units=[
            UnitMaturity(name=n, culture=3) for n in names]), labels, 72, 14),
        "ownership": text_chart(ownership.SPEC.chart, Ownership(groups=[
            EmployeeGroup(name=n, stage=s) for n, s in zip(names, ownership.STAGES)]),
            labels, 72, 14),
    }
    for key, chart in drawn.items():
        assert chart is not None
        assert all(cell_len(line) <= 72 for line in chart.lines), key
        rows = box(chart.lines)
        assert_square(rows)
        assert len({cell_len(row) for row in rows}) == 1, key
    text = drawn["portfolio"].text
    # Down the y axis a label has two fifths of the chart's width (core.charts.label_room).
    for name in distinct_labels(names[:4], 72 * 2 // 5):
        assert f"{name}┤" in text
    assert [label for _, label, _ in drawn["maturity"].legend] == names
    assert CJK[:6] in drawn["ownership"].text and EMOJI in drawn["ownership"].text


def test_the_markdown_export_of_names_in_cjk_keeps_its_charts_square(examples: Path) -> None:
    """`dtworkshop export` (run for real) of the portfolio example with its units named in
    CJK, with an emoji and a combining accent: in each chart block the framed rows are all
    as wide, the axis under the bars, each unit's name before its bar."""
    path = examples / PORTFOLIO
    rename_units(path)
    markdown = export(path, "md")
    blocks = [block.split("\n") for block in re.findall(r"^```text\n(.*?)\n```$", markdown, re.S | re.M)]
    assert len(blocks) >= 3  # the portfolio, the maturity, the ownership among them
    for lines in blocks:
        rows = box(lines)
        assert_square(rows)
        assert len({cell_len(row) for row in rows}) == 1
    # Whole: two fifths of the report's 72 cells is room for its 16.
    portfolio_block = next(lines for lines in blocks if any(f"{CJK}┤" in line for line in lines))
    for name in (EMOJI, ACCENTS):
        assert any(f"{name}┤" in line for line in portfolio_block), name


# ---------------------------------------------------------------- the screen


def rename_units(path: Path) -> None:
    """The portfolio example's two units renamed in CJK and with an emoji, and a third unit
    with an accent written as a combining mark."""
    text = path.read_text("utf-8")
    text = text.replace("Forvaltning A", CJK).replace("Forvaltning B", EMOJI)
    third = ('[[portfolio.units]]\nname = "' + ACCENTS + '"\nstreamline = 40\nmodernise = 30\n'
             "rethink_services = 20\nrethink_business = 10\n\n")
    path.write_text(text.replace("[[portfolio.initiatives]]", third + "[[portfolio.initiatives]]", 1),
                    "utf-8")


async def show_chart(pilot) -> list[str]:
    """Bring the canvas's chart into view (ctrl+o); the screen's lines once it shows."""
    app = pilot.app
    await pilot.press("ctrl+o")
    chart = app.screen.query_one("#chart")
    body = app.screen.query_one("#canvas-body")
    await until(pilot, lambda: body.region.y <= chart.region.y < body.region.bottom,
                "the chart in view")
    await pilot.pause()
    return screen_lines(app)


async def test_with_no_colour_the_portfolio_tells_its_four_categories_apart(
        examples: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """NO_COLOR (Textual reads it when the app is made): each category is drawn in its own
    fill, in the source's order along every bar, and the legend shows each one's fill; the
    maturity's units too."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = WorkshopApp(sessions_dir=examples, open_path=examples / PORTFOLIO)
    async with app.run_test(size=SIZE) as pilot:
        assert app.no_color
        await open_canvas(pilot, "portfolio")
        lines = await show_chart(pilot)
        bars = [row for row in box(lines) if "█" in row]
        assert bars and all(re.search("█+▓+▒+░+", row) for row in bars), "\n".join(lines)
        legend = " ".join(lines)
        for n, fill in enumerate(SERIES_FILLS, start=1):
            assert f"{fill * 2} {n} " in legend, fill
        await open_canvas(pilot, "maturity")
        lines = await show_chart(pilot)
        assert "▓" in "".join(box(lines))
        assert any(line.strip().startswith("██ Forvaltning A  ▓▓ Forvaltning B") for line in lines)
        await pilot.press("ctrl+q")


async def test_names_of_any_width_keep_the_portfolio_chart_square_on_screen(
        examples: Path) -> None:
    """Units named in CJK, with an emoji and with a combining accent: every row of the chart
    keeps its frame in place, the axis line and its scale are drawn under the bars (no row
    wrapped and pushed them out), and each name stands before its bar."""
    path = examples / PORTFOLIO
    rename_units(path)
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await open_canvas(pilot, "portfolio")
        lines = await show_chart(pilot)
        rows = box(lines)
        assert_square(rows)
        assert len(rows) == app.screen.query_one("#chart").plot.size.height - 1
        assert re.search("└┬[─┬]+┘", rows[-1])
        scale = lines[lines.index(rows[-1]) + 1]
        assert scale.split()[:5] == ["0", "25", "50", "75", "100"]
        plot = app.screen.query_one("#chart").plot
        room = label_room(plot.plt)
        assert room == plot.size.width * 2 // 5  # the names fitted to the chart as laid out
        for name in (cut_to_cells(CJK, room), EMOJI, ACCENTS):
            assert sum(f"{name}┤" in row for row in rows) == 1, name
        await pilot.press("ctrl+q")


@pytest.mark.parametrize("count", range(1, 13))
def test_horizontal_bars_are_equally_thick_and_spaced_at_any_height(count: int) -> None:
    """`count` horizontal bars drawn with `even_bars` each take the same rows, and the same
    blank rows part them, at every chart height with a row for each (plotext's rounding made
    the business case's five bars 3, 2, 3, 2 rows thick: issue 16). Each bar's name is on
    one of its rows."""
    from dtworkshop.core.charts import even_bars

    def chart(plt, data, labels) -> None:
        plt.bar([f"b{n}" for n in range(count)], [3] * count, orientation="horizontal",
                width=even_bars(plt, count))

    for height in range(count + 3, 40):
        inside = text_chart(chart, None, None, 40, height).lines[1:-2]  # in the frame
        pattern = "".join("#" if "█" in line else "." for line in inside).strip(".")
        bars = [run for run in pattern.split(".") if run]
        gaps = [run for run in pattern.split("#") if run]
        assert len(bars) in (count, 1) and len(set(bars)) == 1, (height, pattern)
        assert len(set(gaps)) <= 1, (height, pattern)
        if len(bars) == count and count > 1:
            assert gaps, (height, pattern)  # apart, where there is room for it
        named = [line for line in inside if "┤" in line]
        assert len(named) == count and all("█" in line for line in named), (height, inside)


def test_the_business_cases_five_fits_are_bars_of_one_thickness() -> None:
    """The case the newcomer saw: the business case's five fits, at the screen's height
    (14) and the reports' (12), one thickness each."""
    from dtworkshop.core.canvases.business_case import (PERSPECTIVES, BusinessCase,
                                                        Perspective, Perspectives, chart)

    data = BusinessCase(perspectives=Perspectives(**{k: Perspective(fit=4) for k in PERSPECTIVES}))
    for height in (12, 14, 20):
        inside = text_chart(chart, data, Labels("da"), 72, height).lines[1:-2]
        pattern = "".join("#" if "█" in line else "." for line in inside).strip(".")
        assert len({run for run in pattern.split(".") if run}) == 1, (height, pattern)
