"""Session details: title, organisation, facilitator, the workshop's day, language and the
participants."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Label, Static

from dtworkshop.core.labels import Labels
from dtworkshop.core.session import LANGUAGES, Participant, Session
from dtworkshop.ui.screens.session import SessionScreen
from dtworkshop.ui.widgets.fields import ChoiceField, DateField, Edited, TextField, row
from dtworkshop.ui.widgets.record_list import RecordList
from dtworkshop.ui.widgets.footer import KeyFooter


class DetailsScreen(SessionScreen):
    """The session's header fields and who is in the room; edits are saved like a canvas's.

    Changing the language redraws the screen in the new language at once.
    """

    CSS_PATH = ["../widgets/fields.tcss", "screens.tcss"]

    def __init__(self, session: Session, labels: Labels, *, focus: str | None = None) -> None:
        """`focus`: the id of the field focused first (default: Textual's first field)."""
        super().__init__(session, labels, name="details")
        if focus is not None:
            self.AUTO_FOCUS = f"#{focus}"
        self._bindings.bind("escape", "app.back_to_canvas", labels("app.back_to_canvas"))
        self.bind_session_keys()

    def compose(self) -> ComposeResult:
        t, s = self.t, self.session
        yield Static(id="session-bar")
        with VerticalScroll(id="details-body", classes="session-body", can_focus=False):
            yield Label(Text(t("details.heading")), classes="canvas-title")
            yield Label(Text(f"{s.id}.toml"), classes="question")
            yield row(t("new.title"), TextField(s.title, self._set("title"), id="title"))
            yield row(t("new.organisation"), TextField(s.organisation, self._set("organisation"), id="organisation"))
            yield row(t("new.facilitator"), TextField(s.facilitator, self._set("facilitator"), id="facilitator"))
            yield row(t("new.date"), DateField(s.date, self._set("date"),
                                               placeholder=s.created.date().isoformat(), id="date"))
            yield row(
                t("new.language"),
                ChoiceField([(t(f"enum.language.{c}"), c) for c in LANGUAGES], s.language,
                            self._set_language, allow_blank=False, id="language"),
            )
            yield Label(Text(t("common.participants")), classes="section")
            yield RecordList(s.participants, Participant, self._participant, labels=t,
                             add_label=t("common.participant"),
                             columns=[(t("common.name"), 30, lambda p: p.name),
                                      (t("common.role"), None, lambda p: p.role)],
                             id="participants")
        yield KeyFooter()

    def _participant(self, p: Participant) -> list[Widget]:
        t = self.t
        return [
            Horizontal(
                TextField(p.name, lambda v: setattr(p, "name", v), placeholder=t("common.name")),
                TextField(p.role, lambda v: setattr(p, "role", v), placeholder=t("common.role")),
                classes="record-line",
            )
        ]

    def _set(self, name: str):
        return lambda value: setattr(self.session, name, value)

    def _set_language(self, value: str | None) -> None:
        if value:
            self.session.language = value  # type: ignore[assignment]
            self.t = Labels(value)
            # The keys typed after the choice wait for the screen in the new language, and
            # its focus is on the language again, where the choice was made (not on the
            # title, which took them before).
            self.app.hold_keys(not_for=(self,))
            self.app.call_later(self._relabel)

    async def _relabel(self) -> None:
        self.app.session_changed()
        self.app.forget_canvases()
        self.app.switch_screen(DetailsScreen(self.session, self.t, focus="language"))

    @on(Edited)
    def _edited(self, event: Edited) -> None:
        event.stop()
        self.app.session_changed()
