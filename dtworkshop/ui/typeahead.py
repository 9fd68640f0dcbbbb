"""Keys typed ahead: held while a screen is on its way and delivered to it in order, the keys
of the go-to menu (ctrl+g), and editing keys run in the order typed. A mixin of WorkshopApp."""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable

from textual import events
from textual.timer import Timer
from textual.command import CommandPalette
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Input, Select, TextArea
from textual.widgets._select import SelectOverlay

from dtworkshop.core.canvases import CANVAS_KEYS
from dtworkshop.core.text import one_line, pasted
from dtworkshop.ui.screens.dialogs import GO_TO_KEYS, GoToScreen
from dtworkshop.ui.screens.form import release_keys_when_focused
from dtworkshop.ui.widgets.literal import LiteralInput
from dtworkshop.ui.widgets.long_table import LongTable

HOLD_LIMIT = 1.0
"""Seconds after which keys held back for a screen being shown go to it, if it has a focused
widget by then; one still being built (on a loaded machine) is waited for up to HOLD_CAP."""

HOLD_CAP = 10.0
"""Seconds at most that keys are held back: a screen that never focuses anything gets them
then (and they are told as typed where they could not go), never later."""

SAME_READ = 0.03
"""Seconds within which two keys came in one read from the terminal (a burst, words typed or
pasted at once): a letter the go-to menu takes, with another letter that close behind it, is
the start of words, not a choice. Keys typed by hand are farther apart."""

GO_TO_MENU_DELAY = 0.6
"""Seconds after ctrl+g without a further key before the go-to menu is shown."""


def _text_not_printable(character: str | None) -> bool:
    """True for one character that is text but not printable to Python: a space other than
    " " (U+00A0, U+202F, U+3000), a format character (U+200D, U+00AD, U+FEFF), a line or
    paragraph separator, a private-use character; not a control (a key such as ctrl+q)."""
    return (character is not None and len(character) == 1 and not character.isprintable()
            and unicodedata.category(character) in ("Zs", "Zl", "Zp", "Cf", "Co"))


class TypeAhead:
    """The App's handling of keys typed ahead (mixed into WorkshopApp, before App).

    Uses the App's `document`, `go_to(target)` and `labels`; keeps `_last_key_time`
    (time.monotonic() at the last key or paste typed) for the App's other timing.
    """

    _held_keys: list[events.Event] | None = None
    _hold_since = 0.0  # time.monotonic() when keys began to be held
    _hold_timer: Timer | None = None
    _go_to_timer: Timer | None = None
    _last_key_time = 0.0

    async def on_event(self, event: events.Event) -> None:
        # Keys that arrive while a screen is being shown (a burst over a slow link, a fast
        # typist after ctrl+n) would reach no field and be lost: they wait, then go in order.
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            self._last_key_time = time.monotonic()
            if isinstance(event, events.Paste) and pasted(event.text) != event.text:
                event = events.Paste(pasted(event.text))
            if (isinstance(event, events.Paste) and isinstance(self.focused, Input)
                    and not isinstance(self.focused, LiteralInput)
                    and one_line(event.text) != event.text):
                # Textual's own Input (the command palette's search) keeps a paste's first
                # line only: joined into one line, all of it goes in.
                event = events.Paste(one_line(event.text))
            elif isinstance(event, events.Key) and _text_not_printable(event.character):
                # A no-break space (Option+Space), a zero-width joiner inside an emoji, a soft
                # hyphen: text, which Input and TextArea drop as not printable (str.isprintable)
                # and nothing said. As a paste of that character it goes in.
                event = events.Paste(event.character)  # type: ignore[arg-type]
            if self._held_keys is not None:
                self._held_keys.append(event)
                return
            if self._go_to_timer is not None and isinstance(event, events.Key):
                self._go_to_timer.stop()
                self._go_to_timer = None
                target = GO_TO_KEYS.get(event.character or "")
                if target is not None and (target in CANVAS_KEYS or self.document):
                    self.go_to(target)
                    return
                if event.key == "escape":
                    return
            elif self._go_to_timer is not None:  # a paste: it goes to the field, no menu over it
                self._go_to_timer.stop()
                self._go_to_timer = None
            if isinstance(self.screen, GoToScreen):
                if isinstance(event, events.Paste):
                    self.screen.note_dropped(event.text)
                    return
                if self._key_in_go_to_menu(self.screen, event):
                    return
            # The words typed after an Enter that leaves this screen (in the same read) are
            # for the screen it shows next: they wait for it, and never reach the screen on
            # its way out, where they would be lost or land out of sight.
            leaving = (self._screens_enter_leaves()
                       if isinstance(event, events.Key) and event.key == "enter" else ())
            if leaving and isinstance(self.screen, CommandPalette):
                self.screen.choosing = True  # until its Enter is done (Palette)
            if isinstance(event, events.Key) and self._moves_off_an_open_list(event):
                # Tab (or another priority key) typed after the words and the Enter that
                # choose in a dropdown's open list: run now, it took the focus off the list
                # before the list had read them, the choice was lost and the Enter opened
                # the next dropdown. It waits, with the keys after it, for the list to close.
                choice = self.focused.parent  # type: ignore[union-attr]
                self.hold_keys(until=lambda: not choice.expanded)
                self._held_keys.append(event)  # type: ignore[union-attr]
                return
            if isinstance(event, events.Key) and self._edit_in_order(event):
                if leaving:
                    self.hold_keys(not_for=leaving)
                return
            if isinstance(event, events.Key) and self._space_in_words_on_a_choice(event):
                # "næste felt" typed on a closed dropdown in one burst: the space is part of
                # the words told in the notice, not the key that opens the list.
                event = events.Paste(" ")
            # Where it is sent: a screen told of a key that went nowhere names that widget,
            # though a Tab right after it has moved the focus on (TellsDroppedKeys).
            event.typed_into = self.focused  # type: ignore[union-attr]
            if isinstance(event, events.Key) and self._opens_a_list(event):
                # Enter (or Space, Down, Up) opens a dropdown's list, which takes the focus:
                # the keys typed with it ("Down Enter", "eng Enter") are for the list, not
                # for the closed dropdown that would ignore or drop them.
                choice = self.focused
                await super().on_event(event)
                self.hold_keys(until=lambda: self.focused is not choice)
                return
            if leaving:
                await super().on_event(event)
                self.hold_keys(not_for=leaving)
                return
        await super().on_event(event)

    def _screens_enter_leaves(self) -> tuple[Screen, ...]:
        """The screens that Enter on the focused widget is about to leave, whose keys typed
        after it must not take; () where Enter stays on the screen (a field, a choice, a
        list that selects in place).

        - a dialog's button: Enter presses it and the dialog closes (the keys are for the
          screen under, or the one its answer opens);
        - a list whose every row opens another screen (a canvas from the overview, a session
          from the decision log; `ENTER_OPENS` on the screen), or a widget that opens one
          (a canvas's decisions: `ENTER_OPENS` on the widget). Not the browser's list: Enter
          on a file that cannot be read opens nothing;
        - the command palette: its command runs once the palette has gone, and may show a
          screen of its own (export asks for a file), so the screen under it waits too.
        A screen that shows nothing after all gets the keys after HOLD_LIMIT seconds."""
        focused, screen = self.focused, self.screen
        if isinstance(screen, CommandPalette):
            return (screen, self.screen_stack[-2]) if len(self.screen_stack) > 1 else (screen,)
        if isinstance(focused, Button) and isinstance(screen, ModalScreen):
            return (screen,)
        if getattr(focused, "ENTER_OPENS", False) or (
                getattr(screen, "ENTER_OPENS", False) and isinstance(focused, (DataTable, LongTable))):
            return (screen,)
        return ()

    _word_on: tuple[object, float] | None = None  # a closed dropdown typed on, when

    def _space_in_words_on_a_choice(self, event: events.Key) -> bool:
        """True for a space that follows, in the same read (SAME_READ), a letter typed on
        the same closed dropdown: a space between words typed there, not a key. Notes the
        dropdown and time of each such letter."""
        focused = self.focused
        if not isinstance(focused, Select) or focused.expanded:
            return False
        if event.key != "space":
            if event.is_printable and event.character:
                self._word_on = (focused, event.time)
            return False
        on = self._word_on
        return on is not None and on[0] is focused and event.time - on[1] < SAME_READ

    def _moves_off_an_open_list(self, event: events.Key) -> bool:
        """True when `event` runs a priority binding (Tab, ctrl+n …) while the open list of
        a dropdown (Select) has the focus: the keys before it may not have reached the list."""
        focused = self.focused
        choice = getattr(focused, "parent", None)
        if not isinstance(focused, SelectOverlay) or not isinstance(choice, Select):
            return False
        if not choice.expanded:
            return False
        bound = self.screen.active_bindings.get(event.key)
        return bound is not None and bound.binding.priority and bound.node is not focused

    def _opens_a_list(self, event: events.Key) -> bool:
        """True when `event` opens the list of the focused dropdown (Select), closed now."""
        focused = self.focused
        if not isinstance(focused, Select) or focused.expanded:
            return False
        bound = self.screen.active_bindings.get(event.key)
        return (bound is not None and bound.enabled and bound.node is focused
                and bound.binding.action == "show_overlay")

    def action_go_to(self) -> None:
        """ctrl+g: the next key picks where to go (1–7, s, 0); after a pause, a menu."""
        if self._go_to_timer is None:
            self._go_to_timer = self.set_timer(GO_TO_MENU_DELAY, self._go_to_menu)

    def _go_to_menu(self) -> None:
        self._go_to_timer = None
        current = self.document.session.current if self.document else None
        self.hold_keys()
        self.push_screen(GoToScreen(self.labels, current), self.go_to)

    def _key_in_go_to_menu(self, menu: GoToScreen, event: events.Key) -> bool:
        """Act at once on a key for the go-to menu showing, and say True: a target key, a
        move, or a letter it does not take (noted for the notice); False for a key bound
        elsewhere (ctrl+q), which goes on as usual.

        Done here and not in the menu: a digit and the words after it often come in one
        read, all of them queued for the menu before it handles the digit. Closed now, the
        words are held for the canvas it opens and land in its first field."""
        if event.key == "escape":
            self.pop_screen()
            return True
        waiting = self._menu_letter
        if waiting is not None:
            self._menu_letter = None
            waiting[2].stop()
            if (event.character and event.character.isalpha()
                    and event.time - waiting[0].time < SAME_READ):
                # A letter came with it in the same read: the first letter of words typed
                # on the menu ("alle her", "sammen med"), not a choice. Said with them.
                menu.note_dropped(waiting[0].character or "")
            else:
                self._go_to_from_menu(menu, waiting[1])
                if self.screen is not menu:  # this key is for what it opens, once shown
                    if self._held_keys is not None:
                        self._held_keys.append(event)
                        return True
                    return False
        if menu.dropping and event.character and event.character.isalpha():
            # A letter in the middle of words typed on the menu ("hello": its l would leave
            # the session for the list) is one of the words, said with them.
            menu.note_dropped(event.character)
            return True
        target = menu.take_key(event.key, event.character)
        if target and event.character and event.character.isalpha():
            # A letter that picks (a, b, s, l …) is taken once no other key came in the same
            # read: the next event tells, or SAME_READ without one.
            self._menu_letter = (event, target, self.set_timer(
                SAME_READ, lambda: self._menu_letter_alone(menu)))
            return True
        if target is None:
            bound = menu.active_bindings.get(event.key)
            if event.is_printable and event.character and not (bound and bound.enabled):
                # Noted now, not queued for the menu: a digit behind it in the same read
                # closes the menu here, before the menu would have handled the letter.
                menu.note_dropped(event.character)
                return True
            return False
        self._go_to_from_menu(menu, target)
        return True

    _menu_letter: tuple[events.Key, str, Timer] | None = None  # a letter picked, not yet acted on

    def _menu_letter_alone(self, menu: GoToScreen) -> None:
        waiting, self._menu_letter = self._menu_letter, None
        if waiting is not None and self.screen is menu:
            self._go_to_from_menu(menu, waiting[1])

    def _go_to_from_menu(self, menu: GoToScreen, target: str | None) -> None:
        """Close the go-to menu and show `target` ("" or None: stay on the menu)."""
        if target and (target in CANVAS_KEYS or self.document is not None):
            self.pop_screen()  # without its callback: the target is shown here, now
            self.go_to(target)  # which holds the keys after it for the screen it shows

    def _edit_in_order(self, event: events.Key) -> bool:
        """Run an editing key bound in the focused field (ctrl+u, ctrl+w, arrows, home …), or
        a cursor key of a focused LongTable, as the widget's next message, and say True;
        False for any other key.

        Textual matches such keys against the bindings only when they come back unhandled
        from the field, behind every key that arrived with them: in a burst ("ctrl+u /tmp",
        Enter) the deletion would come after the typing, or once Enter has closed a dialog,
        in the field under it. Queued in the field itself they act in the order typed.
        """
        focused = self.focused
        if isinstance(focused, LongTable):
            # Its cursor keys too: a letter bound on the screen reads the cursor (m, Down, c
            # in the browser). Not Enter, which passes on when there is nothing to select.
            if event.key == "enter":
                return False
        elif not isinstance(focused, (Input, TextArea)):
            return False
        if event.key not in focused._bindings.key_to_bindings:
            return False
        active = self.screen.active_bindings.get(event.key)
        if active is None or active.node is not focused or not active.enabled:
            return False  # a priority binding (Tab, Enter, ctrl+…) of the screen or app wins
        if active.binding.action.startswith("scroll_"):
            # Down in a one-line field scrolls nothing and passes the key on to the screen
            # (Textual's SkipAction): the command palette's list moves. Run here, it stopped
            # in the field, and Down never moved the palette's highlight.
            return False
        focused.call_later(self.run_action, active.binding.action, focused)
        return True

    @property
    def keys_held(self) -> bool:
        """True while keys wait for a screen being shown (see `hold_keys`)."""
        return self._held_keys is not None

    _hold_not_for: tuple[Screen, ...] = ()

    _hold_until: Callable[[], bool] | None = None

    def hold_keys(self, *, not_for: tuple[Screen, ...] = (),
                  until: Callable[[], bool] | None = None) -> None:
        """Hold keys back until the screen being shown has a focused widget (see
        `release_keys`); at most HOLD_CAP seconds, so that keys are never held for good.
        `not_for`: screens on their way out, which never take them but when the hold ends;
        `until`: on the same screen, a condition the focus must meet first (a dropdown's
        list opened and focused)."""
        if self._held_keys is None:
            self._held_keys = []
            self._hold_since = time.monotonic()
            self._hold_timer = self.set_timer(HOLD_LIMIT, self._hold_expired)
            self._hold_not_for = not_for
            self._hold_until = until

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # The screen the keys were held for has its first focused widget: it takes them.
        # (Asked for again on every refresh instead, a screen busy being laid out never
        # got to run its own timers.)
        if self._held_keys is not None and self.screen_stack:  # empty halfway in a switch_screen
            release_keys_when_focused(self.screen)  # only if it is the one now showing

    async def _hold_expired(self) -> None:
        # Released to a screen with nothing focused yet (still being built, the machine
        # busy), the keys would reach no field: wait on for it, up to HOLD_CAP.
        # A screen still at work on the Enter that started the hold (the command palette
        # waiting for its search) keeps them too. With no screen at all the app is ending
        # (q during a hold): nothing is left to give them to.
        if not self.screen_stack:
            return
        busy = self.screen.focused is None or getattr(self.screen, "choosing", False)
        if busy and time.monotonic() - self._hold_since < HOLD_CAP:
            self._hold_timer = self.set_timer(HOLD_LIMIT / 4, self._hold_expired)
            return
        await self.release_keys(force=True)

    async def release_keys(self, *, force: bool = False) -> None:
        """Deliver the held keys, in the order they came, to the screen now showing, once it
        has a focused widget (or, `force`, whether it has or not)."""
        if self._held_keys is None:
            return
        if not force and self.screen.focused is None:
            # Asked for by a screen that was left since (a burst moves on): the one showing
            # now takes them as its first widget takes the focus (on_descendant_focus).
            return
        if not force and self.screen in self._hold_not_for:
            return  # its own focus moves, still on their way, ask for them: not its keys
        if not force and self._hold_until is not None and not self._hold_until():
            return  # a focus move from before the hold (the list not focused yet)
        self._hold_not_for, self._hold_until = (), None
        if self._hold_timer is not None:
            self._hold_timer.stop()
            self._hold_timer = None
        held, self._held_keys = self._held_keys, None
        screen = self.screen
        for event in held or ():
            if self.screen is not screen and self._held_keys is None:
                # A key of the burst closed the screen (Enter in a dialog): the screen it
                # leads to is not up yet, and the rest wait for it, not for the one under.
                self.hold_keys()
            await self.on_event(event)
