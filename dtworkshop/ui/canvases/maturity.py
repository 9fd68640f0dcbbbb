"""Maturity assessment screen (advice 2): per unit a 1–5 score on each of the source's eight
parameters, each beside the source's question, and a note."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Label

from dtworkshop.core.canvases.maturity import PARAMETERS, Maturity, UnitMaturity
from dtworkshop.ui.canvases.base import CanvasScreen, section
from dtworkshop.ui.widgets.fields import Hint, NumberField, TextField
from dtworkshop.ui.widgets.record_list import Column, RecordList


class MaturityScreen(CanvasScreen):
    """The units, each scored 1–5 on the eight parameters (warned while some are not)."""

    CANVAS = "maturity"
    data: Maturity

    DEFAULT_CSS = """
    MaturityScreen .parameter { height: auto; }
    MaturityScreen .parameter .parameter-label { width: 1fr; color: $text-muted; }
    MaturityScreen .parameter Input.score { width: 5; margin-right: 1; }
    MaturityScreen .parameter-question { margin-bottom: 0; padding-left: 2; }
    MaturityScreen .-narrow .parameter-question { padding-left: 0; }
    """

    def fields(self) -> Iterable[Widget]:
        t, m = self.t, self.data
        yield section(t("canvas.maturity.units"))
        # The units first, the hint on the portfolio after them: at 80x24 the canvas opens
        # at its heading with the units' first rows in view under the guidance.
        yield RecordList(m.units, UnitMaturity, self._unit, labels=t,
                         add_label=t("canvas.maturity.unit_name"), columns=self._columns(),
                         id="units")
        yield Hint(t("guide.maturity.portfolio"))

    def _columns(self) -> list[Column]:
        """A unit on one line: its name, its eight scores in the parameters' order ("·"
        where one is not scored, so a gap shows at a glance), its note."""
        t = self.t
        return [
            (t("canvas.maturity.unit_name"), 20, lambda u: u.name),
            (t("canvas.maturity.scores"), 15, _scores),
            (t("canvas.maturity.note"), None, lambda u: u.note),
        ]

    def _unit(self, u: UnitMaturity) -> list[Widget]:
        t = self.t
        widgets: list[Widget] = [
            Horizontal(
                TextField(u.name, lambda v: setattr(u, "name", v),
                          placeholder=t("canvas.maturity.unit_name")),
                TextField(u.note, lambda v: setattr(u, "note", v),
                          placeholder=t("canvas.maturity.note")),
                classes="record-line",
            )
        ]
        for n, p in enumerate(PARAMETERS, start=1):
            widgets.append(Horizontal(
                NumberField(getattr(u, p), lambda v, p=p: setattr(u, p, v), low=1, high=5,
                            id=f"score-{p}", classes="score"),
                Label(Text(f"{n} {t(f'canvas.maturity.parameter.{p}')}"),
                      classes="parameter-label"),
                classes="parameter",
            ))
            hint = Hint(t(f"guide.maturity.parameter.{p}"))
            hint.add_class("parameter-question")
            widgets.append(hint)
        return widgets


def _scores(unit: UnitMaturity) -> Text:
    return Text(" ".join("·" if s is None else str(s) for s in unit.scores()))
