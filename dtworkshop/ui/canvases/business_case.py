"""Business case model screen (advice 1): problem, five perspectives with fit, benefit, verdict."""

from __future__ import annotations

from collections.abc import Iterable

from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Label

from dtworkshop.core.canvases.business_case import BENEFITS, PERSPECTIVES, VERDICTS, BusinessCase
from dtworkshop.ui.canvases.base import CanvasScreen, options, section
from dtworkshop.ui.widgets.fields import Hint, ChoiceField, NotesField, TextField, block, row

FIT_OPTIONS = [(str(n), str(n)) for n in range(1, 6)]


class BusinessCaseScreen(CanvasScreen):
    """The five perspectives (note and 1–5 fit each), whom it benefits and the verdict."""

    CANVAS = "business_case"
    data: BusinessCase

    def fields(self) -> Iterable[Widget]:
        t, bc = self.t, self.data
        yield block(t("canvas.business_case.problem"), NotesField(bc.problem, self.setter("problem")))
        yield row(t("canvas.business_case.benefit"),
                  ChoiceField(options(t, "benefit", BENEFITS), bc.benefit, self.setter("benefit"), id="benefit"))
        yield row(t("canvas.business_case.verdict"),
                  ChoiceField(options(t, "verdict", VERDICTS), bc.verdict, self.setter("verdict"), id="verdict"))
        yield section(t("canvas.business_case.perspectives"))
        yield Horizontal(
            Label("", classes="field-label"),
            Label(t("canvas.business_case.fit"), classes="fit-head"),
            Label(t("canvas.business_case.note")),
            classes="field-row column-heads",
        )
        for key in PERSPECTIVES:
            current = getattr(bc.perspectives, key) if bc.perspectives else None
            yield Horizontal(
                Label(t(f"perspective.{key}"), classes="field-label"),
                ChoiceField(FIT_OPTIONS, str(current.fit) if current and current.fit else None,
                            self._set_fit(key), id=f"fit-{key}", prompt="–"),
                TextField(current.note if current else "", self._set_note(key), id=f"note-{key}",
                          placeholder=t(f"guide.business_case.perspective.{key}")),
                classes="field-row perspective",
            )
        yield Hint(t("guide.business_case.case"))

    def _set_fit(self, key):
        return lambda value: setattr(self.data.perspective(key), "fit", int(value) if value else None)

    def _set_note(self, key):
        return lambda value: setattr(self.data.perspective(key), "note", value)
