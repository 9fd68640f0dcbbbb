"""Session details: title, organisation, facilitator, the workshop's day, language, the
participants and the timebox plan."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Label, Static

from dtworkshop.core.labels import Labels
from dtworkshop.core import timebox
from dtworkshop.core.session import AGENDA_OVERVIEW, LANGUAGES, Participant, Session
from dtworkshop.core.text import written_day
from dtworkshop.ui.screens.session import SessionScreen
from dtworkshop.ui.widgets.fields import ChoiceField, DateField, Edited, NumberField, TextField, row
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
            yield row(t("new.date"), DateField(s.date, self._set("date"), language=t.language,
                                               placeholder=written_day(s.created.date(), t.language),
                                               id="date"))
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
            yield from self._timebox()
        yield KeyFooter()

    PLAN_MAX = 999
    """The most minutes a key can be planned here (a field of three digits)."""

    def _timebox(self) -> ComposeResult:
        """The timebox plan: a minutes field per canvas and the overview, and the two
        default plans (each fills in every field)."""
        t = self.t
        yield Label(Text(t("timebox.heading")), classes="section")
        yield Label(Text(t("timebox.intro")), classes="question")
        with Horizontal(id="plan-defaults", classes="dialog-buttons"):
            for name in timebox.DAY_PLANS:
                yield Button(t(f"timebox.{name}"), name=name, id=f"plan-{name}", compact=True)
        minutes = timebox.planned(self.session.agenda)
        for key in timebox.agenda_keys():
            label = t("timebox.overview") if key == AGENDA_OVERVIEW else t(f"canvas.{key}.title")
            yield row(label, NumberField(minutes.get(key), self._set_minutes(key), low=0,
                                         high=self.PLAN_MAX, id=f"plan-{key}"))

    def _set_minutes(self, key: str):
        return lambda value: setattr(self.session, "agenda",
                                     timebox.set_plan(self.session.agenda, {key: value}))

    @on(Button.Pressed, "#plan-defaults Button")
    def _fill_plan(self, event: Button.Pressed) -> None:
        event.stop()
        plan = timebox.default_plan(timebox.DAY_PLANS[event.button.name])
        self.session.agenda = timebox.set_plan(self.session.agenda, plan)
        for key, value in plan.items():
            field = self.query_one(f"#plan-{key}", NumberField)
            field.value = str(value)  # writes the same minutes again, and shows them
        self.app.session_changed()

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
