"""The chart wrapper: a plotext plot drawn inline, redrawn on change, resize and theme change,
with its legend as a line of text below it.

textual-plotext's PlotextPlot renders at the widget's size on every paint and follows the
app's theme; this wrapper adds a `draw` function so a screen redraws from the session's
current numbers with one call. plotext's own legend is drawn over the bars at small sizes, so
`draw` returns the legend instead and it is shown under the plot, in the same colours and
fills (`series_fill`) as the series, so that it reads with no colour (NO_COLOR, a monochrome
projector). Labels plotext cannot measure (CJK, emoji, accents) are laid out through
stand-ins (`StandIns`), so every row of the plot is as wide as the plot.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static
from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

# The charts themselves live in the core (one function per canvas), so reports draw them too.
from dtworkshop.core.charts import (
    SERIES_COLOURS, Legend, StandIns, distinct_labels, series_fill, series_fills, ticks_in_order,
)
from dtworkshop.core.text import visible

__all__ = ["Chart", "Draw", "Legend", "SERIES_COLOURS", "distinct_labels", "series_fill",
           "series_fills"]

Draw = Callable[[Plot], Legend | None]


class _Plot(PlotextPlot):
    """PlotextPlot that puts back the labels `stand_ins` stands in for, and shows nothing
    where plotext cannot draw the figure."""

    stand_ins: StandIns | None = None

    def render(self) -> Text:
        try:
            # PlotextPlot.render (textual-plotext 1.0), with the labels put back between
            # building the text and parsing its colours.
            plt = self.plt
            self.fit_figure()
            plt.theme(self._get_plotext_theme_name(self.app.theme))
            built = plt.build()
            return Text.from_ansi(self.stand_ins.restore(built) if self.stand_ins else built)
        except (ValueError, IndexError, ZeroDivisionError):
            # plotext fails on some figures at some sizes (a filled bar chart a few cells
            # wide, a window shrunk to 20x8): a blank chart until the window grows, never
            # an ended app.
            return Text()


    def on_resize(self, event: events.Resize) -> None:
        chart = self.parent
        if isinstance(chart, Chart):
            chart.plot_resized(event.size.width)

    def fit_figure(self) -> None:
        """Size the figure to the widget (when laid out): plotext lays out what is drawn
        for the size the figure has, and the charts fit their labels to it
        (`core.charts.label_room`)."""
        width, height = self.size
        if width and height:
            self.plt.plotsize(width, height)
            self.plt._set_size(width, height)  # textual-plotext's issue 5


class Chart(Vertical):
    """A plot whose content comes from `draw(plt)`; call `redraw()` after the data changed."""

    DEFAULT_CSS = """
    Chart { height: auto; }
    Chart > PlotextPlot { height: 12; }
    Chart > .legend { height: auto; }
    """

    def __init__(self, draw: Draw, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._draw = draw
        self._legend: Legend = ()

    def compose(self) -> ComposeResult:
        yield _Plot()
        yield Static(classes="legend")

    def on_mount(self) -> None:
        # Not laid out yet: drawn as its plot first gets its width (plot_resized), fitted
        # to it, not once here for no width and again there.
        plots = self.query(_Plot)
        if plots and plots.first().size.width:
            self.redraw()

    @property
    def plot(self) -> _Plot:
        """The plotext widget inside."""
        return self.query_one(_Plot)

    def redraw(self) -> None:
        """Clear the figure, draw it again from the data, and repaint. Nothing when the plot
        is not there: a chart being taken down with its canvas (the presenter view builds a
        canvas anew as the facilitator's file changes) could get its Mount after its
        children were gone, and the presenter ended on NoMatches."""
        plots = self.query(_Plot)
        if not plots:
            return
        widget = plots.first()
        widget.plt.clear_figure()
        widget.fit_figure()
        self._drawn_width = widget.size.width
        self._legend = self._draw(widget.plt) or ()
        # The tick labels that yield where two would overlap: the same on every run, as in
        # the reports (the maturity chart's eight group labels overlap at 80 columns).
        ticks_in_order(widget.plt.monitor)
        # A text's ground is the canvas colour plotext had when it was drawn (white, before
        # the theme is set at render): the widget's own ground, as the rest of the chart.
        monitor = widget.plt.monitor
        monitor.tback = ["default"] * len(monitor.tback)
        # Measured as Textual lays the rows out, with Rich.
        widget.stand_ins = StandIns.put(widget.plt.monitor, cell_len)
        widget.refresh()
        self._show_legend()

    def _show_legend(self) -> None:
        items = []
        for n, (label, colour) in enumerate(self._legend):
            # The fill in the series' colour, the label in the text's own (a series' colour
            # as text falls under 4.5:1 in some theme or terminal).
            item = Text()
            item.append(series_fill(n) * 2, style=f"color({colour})")
            item.append(" " + visible(label))
            items.append(item)
        one_line = Text("  ").join(items)
        # An item is never broken over two lines: one item a line when they do not fit.
        fits = self.size.width == 0 or one_line.cell_len <= self.size.width
        legends = self.query(".legend").results(Static)
        legend_widget = next(legends, None)
        if legend_widget is None:
            return  # taken down (see redraw)
        legend_widget.update(one_line if fits else Text("\n").join(items))
        legend_widget.display = bool(items)

    _drawn_width = 0  # the plot's width when last drawn: its labels were fitted to it

    def plot_resized(self, width: int) -> None:
        """The plot is now `width` cells wide: drawn again when its labels were fitted to
        another width (`core.charts.label_room`)."""
        if width != self._drawn_width:
            self.redraw()

    def on_resize(self) -> None:
        self._show_legend()

