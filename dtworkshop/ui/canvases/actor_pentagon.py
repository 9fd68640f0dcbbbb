"""Actor pentagon screen (advice 8): who each actor is, their input and involvement."""

from __future__ import annotations

from collections.abc import Iterable

from textual.containers import Horizontal
from textual.widget import Widget

from dtworkshop.core.canvases.actor_pentagon import ACTORS, INVOLVEMENTS, ActorPentagon
from dtworkshop.ui.canvases.base import CanvasScreen, options, section
from dtworkshop.ui.widgets.fields import Hint, ChoiceField, LinesField, TextField, block


class ActorPentagonScreen(CanvasScreen):
    """Five actors on the involvement ladder, and the scope list kept short."""

    CANVAS = "actor_pentagon"
    data: ActorPentagon

    def fields(self) -> Iterable[Widget]:
        t, ap = self.t, self.data
        yield Hint(t("guide.actor_pentagon.ladder"))
        for key in ACTORS:
            actor = getattr(ap, key)
            yield section(t(f"actor.{key}"))
            yield Hint(t(f"guide.actor_pentagon.actor.{key}"))
            yield Horizontal(
                TextField(actor.who if actor else "", self._set_actor(key, "who"),
                          placeholder=t("canvas.actor_pentagon.who"), id=f"{key}-who"),
                ChoiceField(options(t, "involvement", INVOLVEMENTS), actor.involvement if actor else None,
                            self._set_actor(key, "involvement"), prompt=t("canvas.actor_pentagon.involvement"),
                            id=f"{key}-involvement"),
                classes="record-line",
            )
            yield TextField(actor.input if actor else "", self._set_actor(key, "input"),
                            placeholder=t("canvas.actor_pentagon.input"), id=f"{key}-input")
        yield Hint(t("guide.actor_pentagon.scope"))
        yield block(f"{t('canvas.actor_pentagon.scope')} ({t('common.one_per_line')})",
                    LinesField(ap.scope, lambda v: setattr(ap, "scope", v), id="scope"))
        yield Hint(t("guide.actor_pentagon.supplier_lessons"))  # the source's case, told

    def _set_actor(self, key: str, name: str):
        return lambda value: setattr(self.data.actor(key), name, value)
