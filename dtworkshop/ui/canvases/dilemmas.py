"""The eight dilemmas screen (the source's checklist 2): per dilemma its question, and the
team's weight between its two poles, 1 to 5; the chart draws them as eight sliders."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual import work
from textual.containers import Horizontal
from textual.worker import get_current_worker
from textual.widget import Widget
from textual.widgets import Label

from dtworkshop.last_time import same_organisation
from dtworkshop.core.canvases.dilemmas import DILEMMAS, Dilemmas, chart
from dtworkshop.index.loading import load_index
from dtworkshop.index.model import LoadCancelled
from dtworkshop.storage.errors import SessionFileError
from dtworkshop.storage.reader import read_session
from dtworkshop.ui.canvases.base import CanvasScreen
from dtworkshop.ui.widgets.chart import Chart
from dtworkshop.ui.widgets.fields import Hint, NumberField


class DilemmasScreen(CanvasScreen):
    """Each dilemma's question, then its first pole, the weight (1–5) and its second pole."""

    CANVAS = "dilemmas"
    data: Dilemmas

    # Eight sliders of two rows each, the frame and the scale: the standard 14 rows would
    # squeeze two dilemmas into a row. (CSS, not DEFAULT_CSS: it must win over canvas.tcss.)
    # A first pole takes up to 32 columns ("Political legitimacy: Low degree").
    CSS = """
    DilemmasScreen #chart > PlotextPlot { height: 19; }
    DilemmasScreen .dilemma-question { width: 100%; margin-top: 1; text-style: bold; }
    DilemmasScreen .dilemma .field-label { width: 34; }
    DilemmasScreen .dilemma Input.score { width: 5; margin-right: 1; }
    DilemmasScreen .dilemma .pole { width: 1fr; color: $text-muted; }
    """

    _earlier: list[Dilemmas] = []  # the same organisation's earlier positions, once read

    def fields(self) -> Iterable[Widget]:
        t, d = self.t, self.data
        yield Hint(t("guide.dilemmas.scale"))
        yield Hint(id="hint-earlier", classes="-empty")  # shown once earlier sessions are found
        for n, key in enumerate(DILEMMAS, start=1):
            yield Label(Text(f"{n} {t(f'guide.dilemmas.question.{key}')}"), classes="dilemma-question")
            yield Horizontal(
                Label(Text(t(f"canvas.dilemmas.{key}.first")), classes="field-label"),
                NumberField(getattr(d, key), self.setter(key), low=1, high=5, id=key, classes="score"),
                Label(Text(t(f"canvas.dilemmas.{key}.second")), classes="pole"),
                classes="field-row dilemma",
            )

    def draw_chart(self, plt: Any) -> Any:
        return chart(plt, self.data, self.t, self._earlier)

    def on_mount(self) -> None:
        self._find_earlier()

    @work(thread=True, exclusive=True, group="earlier-dilemmas")
    def _find_earlier(self) -> None:
        """Read, off the typing path, the dilemmas of the same organisation's sessions made
        before this one, in the open session's folder (through its index)."""
        document = self.app.document
        if document is None:
            return
        session = document.session
        try:
            index = load_index(document.path.parent, cancel=getattr(self.app, "stop_loading", None))
        except (LoadCancelled, OSError):
            return  # the app is ending, or the folder cannot be read: nothing to show
        found: list[tuple[str, Dilemmas]] = []
        for entry in index.sessions():
            other = entry.session
            if (other.id == session.id
                    or not same_organisation(other.organisation, session.organisation)
                    or (other.day, other.created) >= (session.day, session.created)):
                continue
            try:
                earlier = read_session(index.path(entry)).dilemmas
            except SessionFileError:
                continue  # changed since it was indexed, or broken: the list says so
            if earlier is not None and any(p is not None for p in earlier.positions().values()):
                found.append((other.day.isoformat(), earlier))
        if found and not get_current_worker().is_cancelled:
            found.sort(key=lambda pair: pair[0])
            self.app.call_from_thread(self._earlier_found, found)

    def _earlier_found(self, found: list[tuple[str, Dilemmas]]) -> None:
        if not self.is_attached:
            return
        self._earlier = [dilemmas for _, dilemmas in found]
        self.query_one("#hint-earlier", Hint).show(
            self.t("canvas.dilemmas.earlier", dates=", ".join(day for day, _ in found)))
        for drawn in self.query(Chart):
            drawn.redraw()
