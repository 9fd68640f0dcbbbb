"""Small modal dialogs: a new session, a decision, go to a canvas, confirm, choose, a path."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select
from textual.widgets.option_list import Option

from dtworkshop.core.canvases import CANVAS_KEYS
from dtworkshop.core.labels import Labels
from dtworkshop.core.text import visible, written_day
from dtworkshop.core.types import typed_day
from dtworkshop.core.follow_up import follow_up
from dtworkshop.core.session import (
    DECISION_STATUSES,
    LANGUAGES,
    Decision,
    DecisionStatus,
    Session,
)
from dtworkshop.ui.screens.form import FormScreen, TellsDroppedKeys, release_keys_when_focused
from dtworkshop.ui.widgets.choice import Choice
from dtworkshop.ui.widgets.fields import is_a_day
from dtworkshop.ui.widgets.footer import KeyFooter
from dtworkshop.ui.widgets.literal import LiteralInput
from dtworkshop.ui.textual_words import SaysTextualWords


class KeepsFocusInView:
    """Mixin for a dialog: the focused widget is scrolled into view as the dialog first
    shows and whenever the window changes size (a tmux pane split to 20x8 while typing in
    it), so that what is typed never lands out of sight. Mix in before the Screen class.

    The dialog has a footer of its own, "F1 Taster esc Luk": the footer of the screen
    behind it showed keys that do nothing in the dialog ("n Ny session" under the
    new-session dialog; issue 16, said in three walks)."""

    def on_mount(self) -> None:
        labels = getattr(self.app, "labels", None)  # type: ignore[attr-defined]
        bindings = self._bindings.key_to_bindings  # type: ignore[attr-defined]
        if labels is not None and "escape" in bindings:
            bindings["escape"] = [replace(b, description=b.description or labels("app.close"),
                                          show=True) for b in bindings["escape"]]
        self.mount(KeyFooter())  # type: ignore[attr-defined]

    def on_resize(self) -> None:
        self.call_after_refresh(self._focus_into_view)  # type: ignore[attr-defined]

    def _focus_into_view(self) -> None:
        focused = self.focused  # type: ignore[attr-defined]
        if focused is not None:
            focused.scroll_visible(animate=False)


class DismissOnce:
    """A screen that closes once: `dismiss` on a screen that is no longer the one showing
    does nothing.

    Textual's `Screen.dismiss` pops whatever screen is on top. A burst of keys (Enter four
    times over a slow link) leaves several "chosen" messages queued on a menu; the first
    closes it, and each further one would close the screen under it (the canvas, the
    session list) until Textual raises ScreenStackError and the app ends. Mix in before
    the Screen class."""

    def dismiss(self, result=None) -> AwaitComplete:
        """Close this screen with `result`, unless it was closed already."""
        if self.app.screen is not self:  # type: ignore[attr-defined]
            return AwaitComplete()
        return super().dismiss(result)  # type: ignore[misc]


class AsksBeforeDiscarding:
    """Mixin for a dialog that holds typing (with `unfinished()`, `heading` and `keep()`,
    which does what its first button does): Escape with something typed asks first, stay
    (first, so that an Enter too many stays), keep it, or throw it away; with nothing
    typed it closes at once. Its Cancel button still cancels without asking.

    Escape is also how an arrow key's sequence begins: split by a slow link after its
    ESC, it closed a decision being written and threw its words away. Mix in before the
    Screen class, and bind Escape to "cancel_asking" in the Screen's BINDINGS (Textual
    reads bindings from DOMNode classes only)."""

    def action_cancel_asking(self) -> None:
        if not self.unfinished():  # type: ignore[attr-defined]
            self.dismiss(None)  # type: ignore[attr-defined]
            return

        def answered(choice: str | None) -> None:
            if choice == "keep":
                self.keep()  # type: ignore[attr-defined]
            elif choice == "discard":
                self.dismiss(None)  # type: ignore[attr-defined]

        t = self.t  # type: ignore[attr-defined]
        self.app.push_screen(ChoiceScreen(  # type: ignore[attr-defined]
            t("app.discard_typing", dialog=self.heading),  # type: ignore[attr-defined]
            [(t("app.stay"), "stay"), (t("app.keep_it"), "keep"), (t("app.discard"), "discard")]),
            answered)


@dataclass
class NewSessionForm:
    """What the facilitator typed in the "new session" dialog."""

    title: str
    organisation: str
    facilitator: str
    language: str
    day: dt.date  # the workshop's day (today unless typed)
    path: Path | None = None  # the file made of it, once `create` made one


class NewSessionScreen(KeepsFocusInView, AsksBeforeDiscarding, DismissOnce,
                       ModalScreen[NewSessionForm | None], FormScreen):
    """Title, organisation, facilitator, the workshop's day (today, unless another is typed:
    2026-12-07 or 7.12.2026) and language of a new session. Escape cancels
    (asking first when something is typed: AsksBeforeDiscarding).

    `create`, when given, makes the session file of the form before the dialog closes and
    returns why it could not (a message for the user), or None: then the dialog closes with
    the form, its `path` set by `create`. While it fails, the dialog stays open with what was
    typed, so that nothing has to be typed again once the folder is fixed or another chosen.
    """

    BINDINGS = [("escape", "cancel_asking", "")]

    def __init__(self, labels: Labels,
                 create: Callable[[NewSessionForm], str | None] | None = None, *,
                 filled: NewSessionForm | None = None, follows: Session | None = None) -> None:
        super().__init__()
        self.t = labels
        self.create = create
        self.filled = filled
        self.follows = follows

    def compose(self) -> ComposeResult:
        t = self.t
        filled = self.filled
        with Vertical(classes="dialog"):
            if self.follows is None:
                yield Label(t("new.heading"), classes="dialog-title")
            else:
                # Two short lines (its title is in the title field): the dialog still fits
                # in 24 rows.
                earlier = self.follows
                yield Label(Text(t("follow_up.follows", day=earlier.day.isoformat())),
                            classes="dialog-title")
                yield Label(self._carried(earlier), id="follows")
            yield Label(t("new.title"))
            yield LiteralInput(filled.title if filled else "",
                               placeholder=t("new.title_placeholder"), compact=True, id="title")
            yield Label(t("new.organisation"))
            yield LiteralInput(filled.organisation if filled else "",
                               placeholder=t("new.organisation_placeholder"), compact=True,
                               id="organisation")
            yield Label(t("new.facilitator"))
            yield LiteralInput(filled.facilitator if filled else "",
                               placeholder=t("new.facilitator_placeholder"), compact=True,
                               id="facilitator")
            yield Label(t("new.language"))
            yield Choice(
                [(t(f"enum.language.{code}"), code) for code in LANGUAGES],
                value=filled.language if filled else self.t.language,
                allow_blank=False,
                compact=True,
                id="language",
            )
            # Today, already typed: most sessions are made on the day, or the day before.
            yield Label(t("new.date"))
            day = filled.day if filled else dt.date.today()
            yield LiteralInput(written_day(day, t.language), restrict=r"[0-9.\- ]*",
                               max_length=12, compact=True, id="date",
                               validators=[is_a_day()], valid_empty=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("new.create"), variant="primary", id="create")
                yield Button(t("new.cancel"), id="cancel")

    def _carried(self, earlier: Session) -> Text:
        """What the follow-up takes over of `earlier`, said in one line."""
        carried = follow_up(earlier, "preview")
        units = sum(len(getattr(getattr(carried, key), "units", ())) for key in CANVAS_KEYS
                    if getattr(carried, key, None) is not None)
        return Text(self.t("follow_up.carried", participants=len(carried.participants),
                           units=units, decisions=len(carried.decisions)))

    def is_last_field(self, field: Input) -> bool:
        return field.id in ("facilitator", "date")

    def enter_in_last(self, field: Input) -> None:
        self._create()

    def keep(self) -> None:
        """Escape's question answered "keep it": as Create."""
        self._create()

    @on(Button.Pressed, "#create")
    def _create(self) -> None:
        form = self._form()
        if form is not None and self._made(form):
            self.dismiss(form)

    def _form(self, *, forced: bool = False) -> NewSessionForm | None:
        title = self.query_one("#title", Input).value.strip()
        organisation = self.query_one("#organisation", Input).value.strip()
        if not title and forced:
            title = organisation or self.t("new.heading")
        if not title:
            self.notify(self.t("new.title_required"), severity="warning", markup=False)
            self.query_one("#title", Input).focus()
            return None
        typed = self.query_one("#date", Input).value.strip()
        day = typed_day(typed) if typed else dt.date.today()
        if day is None:
            if not forced:
                self.notify(self.t("new.bad_date"), severity="warning", markup=False)
                self.query_one("#date", Input).focus()
                return None
            day = dt.date.today()  # the app is ending: the session is made, dated today
        return NewSessionForm(
            title=title,
            organisation=organisation,
            facilitator=self.query_one("#facilitator", Input).value.strip(),
            language=str(self.query_one("#language", Select).value),
            day=day,
        )

    def _made(self, form: NewSessionForm) -> bool:
        failed = self.create(form) if self.create is not None else None
        if failed is not None:
            self.notify(failed, severity="error", markup=False, timeout=15)
        return failed is None

    _taken = False

    def unfinished(self) -> bool:
        """True when something is typed in the dialog and not yet taken (see `take_typing`)."""
        filled = self.filled
        given = ({"title": filled.title, "organisation": filled.organisation,
                  "facilitator": filled.facilitator} if filled else {})
        return not self._taken and any(field.value.strip() != given.get(field.id, "")
                                       for field in self.query(Input) if field.id != "date")

    def take_typing(self, *, forced: bool = False) -> bool:
        """Make the session file of what is typed, as "Create" would, without opening it: the
        app is about to end (ctrl+q answered "save it", or a hang-up). True when the file was
        made. Not `forced`, a missing title is said and False returned; `forced` (no one left
        to ask), the organisation, or else "New session", stands in for it."""
        if self._taken:
            return True
        form = self._form(forced=forced)
        self._taken = form is not None and self._made(form)
        return self._taken

    @property
    def heading(self) -> str:
        """What the dialog makes, as the question before discarding it names it."""
        return self.t("follow_up.heading" if self.follows else "new.heading")

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


@dataclass
class DecisionForm:
    """A decision as typed: text, owner, optional due date, and status ("open" for a new
    one; an edited one's as chosen)."""

    text: str
    owner: str
    due: dt.date | None
    status: DecisionStatus = "open"


class DecisionScreen(KeepsFocusInView, AsksBeforeDiscarding, DismissOnce,
                     ModalScreen[DecisionForm | None], FormScreen):
    """Add or edit a decision in a few keystrokes: text, Enter, owner, Enter, due, Enter.

    `apply(form)` records the decision (the canvas's own); the dialog calls it as it closes
    with Add or Save, and as the app ends with the dialog open (see `take_typing`), so that
    what was typed is never lost with the dialog. Escape asks first when something is typed
    (AsksBeforeDiscarding)."""

    BINDINGS = [("escape", "cancel_asking", "")]

    def __init__(self, labels: Labels, decision: Decision | None = None, *,
                 apply: Callable[[DecisionForm], None]) -> None:
        super().__init__()
        self.t = labels
        self.decision = decision
        self.apply = apply

    def compose(self) -> ComposeResult:
        t, d = self.t, self.decision
        with Vertical(classes="dialog"):
            yield Label(t("decision.edit_heading" if d else "decision.heading"), classes="dialog-title")
            yield Label(t("decision.text"))
            yield LiteralInput(d.text if d else "", placeholder=t("decision.text_placeholder"), compact=True, id="text")
            yield Label(t("decision.owner"))
            yield LiteralInput(d.owner if d else "", placeholder=t("decision.owner_placeholder"),
                               compact=True, id="owner")
            yield Label(t("decision.due"))
            yield LiteralInput(written_day(d.due, t.language) if d and d.due else "",
                               placeholder=t("decision.due_placeholder"), compact=True, id="due")
            if d is not None:  # a new decision is open; an edited one may be done or dropped
                yield Label(t("decision.status"))
                yield Choice([(t.enum("decision_status", s), s) for s in DECISION_STATUSES],
                             value=d.status, allow_blank=False, compact=True, id="status")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("decision.save" if d else "decision.add"), variant="primary", id="add")
                yield Button(t("decision.cancel"), id="cancel")

    def is_last_field(self, field: Input) -> bool:
        return field.id == "due"  # Enter there saves; the status is a Tab further

    def enter_in_last(self, field: Input) -> None:
        self._add()

    def keep(self) -> None:
        """Escape's question answered "keep it": as Add (or Save)."""
        self._add()

    @on(Button.Pressed, "#add")
    def _add(self) -> None:
        if self.take_typing():
            self.dismiss(None)

    _taken = False

    def unfinished(self) -> bool:
        """True when the fields hold something other than what the dialog opened with, not
        yet recorded."""
        if self._taken:
            return False
        d = self.decision
        started = ((d.text, d.owner, written_day(d.due, self.t.language) if d.due else "")
                   if d else ("", "", ""))
        typed = tuple(self.query_one(f"#{key}", Input).value.strip()
                      for key in ("text", "owner", "due"))
        return typed != started or (d is not None and self._status() != d.status)

    def _status(self) -> DecisionStatus:
        found = self.query("#status")
        return found.first(Select).value if found else "open"  # type: ignore[return-value]

    def take_typing(self, *, forced: bool = False) -> bool:
        """Record the decision as typed (through `apply`), as Add or Save does; True when it
        was. Not `forced`, a missing text or a due date that is no date is said (the field
        focused) and False returned. `forced` (the app ending, no one left to ask): a due
        date that is no date goes into the text, so that no word is lost; without a text
        there is no decision to record, and False is returned."""
        if self._taken:
            return True  # once only, however many Enters or endings ask
        text = self.query_one("#text", Input).value.strip()
        due_text = self.query_one("#due", Input).value.strip()
        if not text:
            if not forced:
                self.notify(self.t("decision.text_required"), severity="warning", markup=False)
                self.query_one("#text", Input).focus()
            return False
        due = None
        if due_text:
            due = typed_day(due_text)  # as the browser's date filter: 31.12.2026 too
            if due is None:
                if forced:
                    text = f"{text} ({self.t('decision.due_typed', due=due_text)})"
                else:
                    self.notify(self.t("decision.bad_date"), severity="warning", markup=False)
                    self.query_one("#due", Input).focus()
                    return False
        owner = self.query_one("#owner", Input).value.strip()
        self._taken = True
        self.apply(DecisionForm(text=text, owner=owner, due=due, status=self._status()))
        return True

    @property
    def heading(self) -> str:
        """The dialog's heading, as shown."""
        return self.t("decision.edit_heading" if self.decision else "decision.heading")

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


_HOTKEYS = "123456789abcdefghijkmnopqrtuvwxyz"  # not l or s, the menu's other keys
CANVAS_HOTKEY = {key: _HOTKEYS[i] for i, key in enumerate(CANVAS_KEYS)}
"""The key that goes to each canvas after ctrl+g (and in the go-to menu, the overview and
the canvas navigation): 1–9 in the registry's order, then a, b, c …"""

GO_TO_KEYS = {"0": "overview", "l": "sessions", "s": "details"} | {
    hotkey: key for key, hotkey in CANVAS_HOTKEY.items()
}
"""What the key after ctrl+g, or in the go-to menu, goes to: only the keys the menu shows
(a "²" or "٣" is a digit to str.isdigit, and "²" no number to int)."""


class GoToScreen(SaysTextualWords, KeepsFocusInView, TellsDroppedKeys,
                 DismissOnce, ModalScreen[str | None]):
    """Pick a canvas (its key in CANVAS_HOTKEY), the overview (0), the session details (s) or the session list
    (l) by key, or with the arrows and Enter. The app hands it its keys as they arrive
    (`take_key`); a mouse click on a line picks it too."""

    BINDINGS = [("escape", "dismiss(None)", "")]

    def __init__(self, labels: Labels, current: str | None) -> None:
        super().__init__()
        self.t = labels
        self.current = current

    def compose(self) -> ComposeResult:
        t = self.t
        options = [
            Option(Text(f"l  {t('app.sessions')}"), id="sessions"),
            Option(Text(f"s  {t('details.heading')}"), id="details"),
            Option(Text(f"0  {t('app.overview')}"), id="overview"),
        ]
        options += [
            Option(Text(f"{CANVAS_HOTKEY[key]}  {t(f'canvas.{key}.title')}"), id=key)
            for key in CANVAS_KEYS
        ]
        with Vertical(classes="dialog"):
            yield Label(t("app.go_to_title"), classes="dialog-title")
            yield OptionList(*options, id="targets")

    def on_screen_resume(self) -> None:
        self.call_after_refresh(release_keys_when_focused, self)

    def on_mount(self) -> None:
        targets = self.query_one(OptionList)
        if self.current in CANVAS_KEYS:
            targets.highlighted = CANVAS_KEYS.index(self.current) + 3

    MOVES = {"up": "cursor_up", "down": "cursor_down", "home": "first", "end": "last",
             "pageup": "page_up", "pagedown": "page_down"}
    """The menu's keys that move its highlight, with the OptionList action each runs."""

    def take_key(self, key: str, character: str | None) -> str | None:
        """What the key `key` (typed `character`) does in the menu, done at once: the target
        it picks (a digit, or Enter on the highlighted line; see GO_TO_KEYS), "" when it only
        moved the highlight (arrows, Home, End, Page Up/Down), None when it is not the menu's.

        The app asks this as the key arrives, before the keys after it in the same burst: the
        menu closes, or its highlight moves, before they are delivered, so that they land in
        the canvas chosen (in the menu's own queue they would be lost with it)."""
        target = GO_TO_KEYS.get(character or "")
        if target is not None:
            return target
        targets = self.query_one(OptionList)
        if key == "enter":
            option = targets.highlighted_option
            return option.id if option is not None else ""
        move = self.MOVES.get(key)
        if move is None:
            return None
        getattr(targets, f"action_{move}")()
        return ""

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class ConfirmScreen(SaysTextualWords, KeepsFocusInView, TellsDroppedKeys,
                    DismissOnce, ModalScreen[bool]):
    """A yes/no question; Enter on the focused button, Escape answers no."""

    BINDINGS = [("escape", "dismiss(False)", "")]

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.question))
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, variant="error", id="yes")
                yield Button(self.no, id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _answer(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class ChoiceScreen(SaysTextualWords, KeepsFocusInView, TellsDroppedKeys,
                   DismissOnce, ModalScreen[str | None]):
    """A question with a few answers, one button each (`choices`: (label, value) pairs, the
    first one focused so that Enter takes it). Escape answers None."""

    BINDINGS = [("escape", "dismiss(None)", "")]

    def __init__(self, question: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.question = question
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.question))
            with Horizontal(classes="dialog-buttons"):
                for i, (label, value) in enumerate(self.choices):
                    yield Button(label, variant="primary" if i == 0 else "default", name=value)

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    @on(Button.Pressed)
    def _answer(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.name)


class PathScreen(KeepsFocusInView, DismissOnce, ModalScreen["str | None"], FormScreen):
    """Ask for a file or folder: a heading, why, the path prefilled, a button. Returns the
    path as typed (None: cancelled). Used to save elsewhere and to export.

    With `act(path, create)`, the dialog does the work itself before it closes: `act` returns
    None when done, or why not, which the dialog shows under the path and stays open with it
    (the path can be corrected, nothing retyped). A file whose folder does not exist is not
    refused: the dialog says so (`missing(folder)`) and the button pressed again on the
    same path calls `act` with `create` True, to make the folder first. An empty path is
    said (`empty`), not ignored; what was said goes as soon as the path is edited.

    With `file_name`, a path that names a folder (one that exists, or any ending in "/")
    means that file in it: the field is completed to show the file, which is then taken as
    any other. (Typed "rapporter/" for a folder not there yet, the export was written to a
    file named "rapporter".)
    """

    BINDINGS = [("escape", "dismiss(None)", "")]

    def __init__(self, heading: str, reason: str, label: str, value: str, button: str,
                 cancel: str, act: Callable[[Path, bool], str | None] | None = None,
                 missing: Callable[[str], str] | None = None, empty: str = "",
                 file_name: str | None = None) -> None:
        super().__init__()
        self.heading, self.reason, self.label = heading, reason, label
        self.value, self.button, self.cancel = value, button, cancel
        self.act, self.missing, self.empty = act, missing, empty
        self.file_name = file_name
        self._create: str | None = None  # the path whose missing folder was said

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.heading, classes="dialog-title")
            yield Label(Text(self.reason))
            yield Label(self.label)
            yield LiteralInput(self.value, compact=True, id="path")
            problem = Label(id="problem")
            problem.display = False
            yield problem
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.button, variant="primary", id="ok")
                yield Button(self.cancel, id="cancel")

    def is_last_field(self, field: Input) -> bool:
        return True

    def enter_in_last(self, field: Input) -> None:
        self._ok()

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        value = self.query_one("#path", Input).value.strip()
        if not value:
            if self.empty:
                self._say(self.empty)
            return
        if self.act is None:
            self.dismiss(value)
            return
        path = Path(value).expanduser()
        if self.file_name and (value.endswith(("/", os.sep)) or path.is_dir()):
            path = path / self.file_name
            value = str(path)
            with self.prevent(Input.Changed):  # completed, not edited: what was said stays
                self.query_one("#path", Input).value = value
        create = self._create == value
        if not create and not path.parent.exists() and self.missing is not None:
            self._create = value
            self._say(self.missing(visible(str(path.parent))))
            return
        problem = self.act(path, create)
        if problem is None:
            self.dismiss(value)
        else:
            self._create = None
            self._say(problem)

    @on(Input.Changed, "#path")
    def _edited(self) -> None:
        # What was said was of the path as it was: the path typed anew is not refused yet.
        self.query_one("#problem", Label).display = False

    def _say(self, problem: str) -> None:
        """Show why the path was not taken, under it; the path keeps the focus."""
        label = self.query_one("#problem", Label)
        label.update(Text(f"⚠ {problem}"))
        label.display = True
        self.query_one("#path", Input).focus()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
