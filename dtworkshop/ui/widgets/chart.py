"""The chart wrapper: a plotext plot drawn inline, redrawn on change, resize and theme change.

textual-plotext's PlotextPlot renders at the widget's size on every paint and follows the
app's theme; this wrapper adds a `draw` function so a screen can redraw from the session's
current numbers with one call.
"""

from __future__ import annotations

from collections.abc import Callable

from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

Draw = Callable[[Plot], None]


class Chart(PlotextPlot):
    """A plot whose content comes from `draw(plt)`; call `redraw()` after the data changed."""

    DEFAULT_CSS = """
    Chart { height: 12; width: 1fr; }
    """

    def __init__(self, draw: Draw, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._draw = draw

    def on_mount(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        """Clear the figure, draw it again from the data, and repaint."""
        plt = self.plt
        plt.clear_figure()
        self._draw(plt)
        self.refresh()
