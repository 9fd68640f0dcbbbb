"""FormScreen: a Screen of fields that stays right under a burst of keys."""

from __future__ import annotations

import asyncio

from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, DataTable, Input, Select, TextArea
from textual.widgets._toggle_button import ToggleButton

from dtworkshop.core.text import abridged, visible
from dtworkshop.ui.widgets.long_table import LongTable
from dtworkshop.ui.widgets.refusals import Refusals, tell
from dtworkshop.ui.textual_words import SaysTextualWords

FIELDS = (Input, Select, TextArea, DataTable, LongTable)
"""What Enter in a one-line field moves on to (never a button: Enter does not press it)."""


class TellsDroppedKeys:
    """Mixin for a Screen: printable keys and pastes that come up to it unused (typed on a
    button, a list, a choice, a menu) are said in one notice per burst, with the text, and
    never dropped without a word. Mix in before the Screen class."""

    _dropped: Refusals | None = None
    _dropped_on: Widget | None = None

    def on_key(self, event: events.Key) -> None:
        # A key that came up to the screen unused was typed on a button, a list or a choice:
        # the facilitator, eyes on the room, thought a field had the focus. Say so, with what
        # was typed, instead of dropping a sentence without a word.
        if not event.is_printable or event.character is None:
            return
        # The widget the key was sent to (see WorkshopApp.on_event), not the one focused
        # now: a Tab typed after it has moved the focus on before the key got here.
        focused = getattr(event, "typed_into", None) or self.focused
        if focused is None or isinstance(focused, (Input, TextArea)):
            return
        bound = self.active_bindings.get(event.key)
        if bound is not None and bound.enabled:
            return  # a key of the screen's or the app's, run as Textual hands it on
        self._drop(focused, event.character)

    def on_paste(self, event: events.Paste) -> None:
        # The same for a paste that came up unused (a button or a choice takes none).
        focused = getattr(event, "typed_into", None) or self.focused
        if focused is None or isinstance(focused, (Input, TextArea)):
            return
        self._drop(focused, event.text)

    @property
    def dropping(self) -> bool:
        """True while words typed here and not taken wait for their notice (a burst)."""
        return self._dropped is not None and self._dropped.pending

    def note_dropped(self, text: str) -> None:
        """Note `text` as typed on this screen's focused widget and not taken (see `_drop`),
        for the app to call when it takes a key from the screen's queue."""
        self._drop(self.focused or self, text)

    def _drop(self, focused: Widget, text: str) -> None:
        if self._dropped is None:
            self._dropped = Refusals(self, self._tell_dropped)
        self._dropped_on = focused  # the notice names where the last of the burst went
        self._dropped.add(text)

    def _tell_dropped(self, typed: str) -> None:
        t = getattr(self, "t", None) or getattr(self.app, "labels", None)
        focused = self._dropped_on
        if t is None or focused is None:
            return
        if isinstance(focused, Button):
            where = t("common.on_button", label=visible(str(focused.label)))
        elif isinstance(focused, (Select, ToggleButton)) or isinstance(focused.parent, Select):
            where = t("common.on_choice")
        else:
            where = t("common.on_list")
        typed = visible(typed)
        shown, length = abridged(typed)
        choice = focused if isinstance(focused, Select) else focused.parent
        if isinstance(choice, Select) and choice.expanded:
            # The space in the words opened its list, which would cover the notice: the
            # words were not meant for it.
            choice.expanded = False
            choice.focus()  # its list had the focus: give it back, or the next key has none
        message = t("common.keys_dropped", typed=shown, where=where)
        if shown != typed:
            message += " " + t("common.characters_in_all", n=length)
        if self.query("Input, TextArea"):
            message += " " + t("common.tab_to_field")
        if not self.app.has_class("-tight"):  # where the notice must be short to be seen whole
            message += " " + t("common.notices_again")
        tell(self, "keys_dropped", message)


class MovesFocusAtOnce:
    """Mixin for a Screen that binds Tab and Shift+Tab as priority bindings to
    `focus_next` / `focus_previous`: run as each key arrives, so the keys typed after a Tab
    in the same burst land in the next field, not in the one just left."""

    def action_focus_next(self) -> None:
        self.focus_next()  # type: ignore[attr-defined]

    def action_focus_previous(self) -> None:
        self.focus_previous()  # type: ignore[attr-defined]


class FormScreen(SaysTextualWords, MovesFocusAtOnce, TellsDroppedKeys, Screen):
    """A Screen of fields where Tab, Shift+Tab and Enter (in a one-line Input) move focus
    at once.

    Done as priority bindings, not in the focused widget, so that keys typed right after
    (a fast typist, or a slow SSH link delivering a burst of keys in one packet) land in the
    next field and not in the one just left. Enter in the last field calls `enter_in_last`.
    """

    BINDINGS = [
        Binding("enter", "enter_next", show=False, priority=True),
        Binding("tab", "focus_next", show=False, priority=True),
        Binding("shift+tab", "focus_previous", show=False, priority=True),
    ]

    def on_mount(self) -> None:
        self.call_after_refresh(release_keys_when_focused, self)

    def on_screen_resume(self) -> None:
        self.call_after_refresh(release_keys_when_focused, self)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "enter_next":
            return isinstance(self.focused, Input)  # elsewhere Enter keeps its own meaning
        return True

    async def action_enter_next(self) -> None:
        focused = self.focused
        if not isinstance(focused, Input):
            return
        if self.is_last_field(focused):
            await settle(self)
            self.enter_in_last(focused)
        else:
            # Enter walks the fields only: a button is never pressed by the Enter after it,
            # and never goes round to the top (after a participant's role it put the focus
            # in the session's title, and the next words went there, out of sight). After
            # a record's last field it stops on the record list's "+" (a second Enter adds
            # the next record), not in whatever field comes next (the notes, where words
            # went unseen); a record list's table is a stop too (past it, the words went
            # into its selected record's name). With no field after it, as Tab.
            chain = self.focus_chain
            later = chain[chain.index(focused) + 1:] if focused in chain else []
            group = next((node for node in focused.ancestors
                          if getattr(node, "after_last_field", None) is not None), None)
            field = next((widget for widget in later if isinstance(widget, FIELDS)), None)
            if group is not None and (field is None or group not in field.ancestors):
                self.set_focus(group.after_last_field)  # type: ignore[attr-defined]
            elif field is None:
                self.focus_next()
            else:
                self.set_focus(field)

    def is_last_field(self, field: Input) -> bool:
        """True when Enter in `field` should act (submit) rather than move on."""
        return False

    def enter_in_last(self, field: Input) -> None:
        """Called on Enter in the last field, once every field has taken its typed keys."""


def release_keys_when_focused(screen: Screen) -> None:
    """Once `screen` shows and has a focused widget, deliver the keys the app held while it
    was on its way (see `WorkshopApp.hold_keys`), so they land in that widget."""
    app = screen.app
    if getattr(app, "_held_keys", None) is None or app.screen is not screen:
        return
    if screen.focused is None:
        return  # not focused yet: released as its first widget takes the focus (the app)
    app.call_later(app.release_keys)


async def settle(screen: Screen) -> None:
    """Wait until every text field of `screen`, and its focused widget, has handled the keys
    already sent to it.

    Each widget has its own message queue: after a burst of typing (a paste, a slow link)
    a field may still hold keys when Enter or ctrl+q is handled. A callback queued behind
    them runs once they are in; twice, because each key queues a Changed message in turn.
    """
    fields = list(screen.query(Input)) + list(screen.query(TextArea))
    if screen.focused is not None and screen.focused not in fields:
        fields.append(screen.focused)  # a list's cursor keys too, before a key that reads it
    for _ in range(2):
        done = [asyncio.Event() for _ in fields]
        for field, event in zip(fields, done):
            field.call_later(event.set)
        await asyncio.gather(*(event.wait() for event in done))


