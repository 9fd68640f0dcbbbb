"""Double diamond screen (advice 1): phase, needs, the problem statement, ideas, prototypes."""

from __future__ import annotations

from collections.abc import Iterable

from textual.containers import Horizontal
from textual.widget import Widget

from dtworkshop.core.canvases.double_diamond import PHASES, STATUSES, DoubleDiamond, Prototype
from dtworkshop.ui.canvases.base import CanvasScreen, options, section
from dtworkshop.ui.widgets.fields import ChoiceField, Hint, LinesField, NotesField, TextField, block, row
from dtworkshop.ui.widgets.record_list import RecordList


class DoubleDiamondScreen(CanvasScreen):
    """Left to right: needs, the one problem statement, ideas, prototypes with test results."""

    CANVAS = "double_diamond"
    data: DoubleDiamond

    def fields(self) -> Iterable[Widget]:
        t, dd = self.t, self.data
        yield row(t("canvas.double_diamond.phase"),
                  ChoiceField(options(t, "phase", PHASES), dd.phase, self.setter("phase"), id="phase"))
        yield Hint(id="hint-phase")
        # The four phases left to right, each headed by the source's name for it.
        phase = [f"{n} {t(f'enum.phase.{p}')}" for n, p in enumerate(PHASES, start=1)]
        yield block(f"{phase[0]}: {t('canvas.double_diamond.needs')} ({t('common.one_per_line')})",
                    LinesField(dd.needs, self.setter("needs"), id="needs"))
        yield block(f"{phase[1]}: {t('canvas.double_diamond.problem_statement')}",
                    NotesField(dd.problem_statement, self.setter("problem_statement"), id="problem_statement"))
        yield block(f"{phase[2]}: {t('canvas.double_diamond.ideas')} ({t('common.one_per_line')})",
                    LinesField(dd.ideas, self.setter("ideas"), id="ideas"))
        yield section(f"{phase[3]}: {t('canvas.double_diamond.prototypes')}")
        yield RecordList(dd.prototypes, lambda: Prototype(status="testing"), self._prototype, labels=t,
                         add_label=t("canvas.double_diamond.prototype_name"),
                         columns=[
                             (t("canvas.double_diamond.prototype_name"), 30, lambda p: p.name),
                             (t("canvas.double_diamond.prototype_status"), 9,
                              lambda p: t(f"enum.status.{p.status}") if p.status else ""),
                             (t("canvas.double_diamond.prototype_result"), None, lambda p: p.result),
                         ],
                         id="prototypes")

    def _prototype(self, p: Prototype) -> list[Widget]:
        t = self.t
        return [
            Horizontal(
                TextField(p.name, lambda v: setattr(p, "name", v),
                          placeholder=t("canvas.double_diamond.prototype_name")),
                ChoiceField(options(t, "status", STATUSES), p.status, lambda v: setattr(p, "status", v),
                            prompt=t("canvas.double_diamond.prototype_status")),
                classes="record-line",
            ),
            TextField(p.result, lambda v: setattr(p, "result", v),
                      placeholder=t("canvas.double_diamond.prototype_result")),
        ]

    def refresh_hints(self) -> None:
        phase = self.data.phase
        self.query_one("#hint-phase", Hint).show(self.t(f"guide.double_diamond.phase.{phase}") if phase else "")
