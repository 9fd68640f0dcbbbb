"""SessionScreen: what every screen of an open session shares (canvases, overview, details)."""

from __future__ import annotations

import dataclasses

from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.types import NoActiveAppError
from textual.widgets import Static

from dtworkshop.core.labels import Labels
from dtworkshop.core.session import Session
from dtworkshop.core.text import visible
from dtworkshop.ui.screens.form import FormScreen


class SessionScreen(FormScreen):
    """A screen of the open session: the session bar on top (title, organisation, saved or
    read-only state) and the keys that work everywhere in a session (go to, quit; edit when
    read-only, save elsewhere when saving fails).

    Subclasses yield `Static(id="session-bar")` first in `compose()` and call
    `bind_session_keys()` after their own bindings (the footer shows them in that order).
    Their scrolling body has the class `session-body`: it takes the focus when the session is
    read-only and no field can.
    """

    EDITABLE = "Input, Select, TextArea, Button"
    """The widgets that change the session: disabled while it is read-only."""

    def __init__(self, session: Session, labels: Labels, *, name: str) -> None:
        super().__init__(name=name)
        self.session = session
        self.t = labels
        self._session_bar: Static | None = None
        self._look: tuple | None = None  # the theme this screen was last styled in (on_mount)
        self._bar_shown: tuple | None = None  # what the bar shows now (refresh_status)
        bind = self._bindings.bind
        # Shown only when they apply (see check_action), first in the footer then.
        bind("ctrl+e", "edit", labels("app.edit"), priority=True)
        bind("ctrl+f", "save_as", labels("save_as.command"), priority=True)
        try:
            # Styled from the start for the terminal's width: set at its first Resize (after
            # it was composed and styled), each class styled the whole screen anew.
            self._set_size_classes(self.app.size.width, restyle=False)
        except NoActiveAppError:
            pass  # made outside a running app: its first Resize sets them

    def bind_session_keys(self) -> None:
        """Bind go to (ctrl+g) and quit (ctrl+q), after the screen's own keys."""
        bind = self._bindings.bind
        bind("ctrl+g", "app.go_to", self.t("app.go_to"), priority=True)
        bind("ctrl+q", "app.quit", self.t("app.quit"), priority=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        doc = getattr(self.app, "document", None)
        if getattr(self.app, "presenting", False):
            return False  # the presenter view: no editing, no navigating (ui.present)
        if action == "edit":
            return doc is not None and doc.read_only
        if action == "save_as":
            return doc is not None and not doc.read_only and isinstance(doc.error, OSError)
        return super().check_action(action, parameters)

    def action_edit(self) -> None:
        self.app.action_edit()

    def action_save_as(self) -> None:
        self.app.action_save_as()

    def on_mount(self) -> None:
        self._look = (self.app.theme, self.app.ansi_color)  # styled in it as it was mounted
        self.apply_mode()

    _shown_size: Size | None = None

    NARROW = 60
    """Below this many columns each field's label stands above it (the class "-narrow")."""

    MEDIUM = 80
    """Below this many columns, rows of several fields side by side (a unit's percentages)
    take two a row (the class "-medium"); below TINY, one (the class "-tiny")."""

    TINY = 44

    def size_classes(self, width: int) -> dict[str, bool]:
        """The classes that follow the screen's width (`width` columns), each with whether
        it is set: "-narrow", "-medium" and "-tiny"."""
        return {"-narrow": width < self.NARROW, "-medium": width < self.MEDIUM,
                "-tiny": width < self.TINY}

    def _set_size_classes(self, width: int, *, restyle: bool = True) -> None:
        """Set the classes of `size_classes(width)` all at once: Textual styles the screen
        and every widget on it anew for each class changed (60-90 ms for a canvas), here
        once for all (`restyle`; False before the screen is first styled)."""
        wanted = self.size_classes(width)
        if all(self.has_class(name) == on for name, on in wanted.items()):
            return
        for name, on in wanted.items():
            self.set_class(on, name, update=False)
        if restyle:
            self.update_node_styles()

    def on_resize(self, event: events.Resize) -> None:
        self._set_size_classes(event.size.width)
        self.refresh_status()
        # A window made smaller (a projector plugged in, a tmux pane split) must not leave
        # the field being typed in out of sight. Only a change of a size the facilitator
        # saw: a screen is laid out before it shows (built ahead, or opening), its focus
        # not chosen yet.
        if self.app.screen is not self:
            return
        if self._shown_size is not None and event.size != self._shown_size:
            self.call_after_refresh(self.keep_focus_in_view)
        self._shown_size = event.size

    def keep_focus_in_view(self) -> None:
        """Scroll the focused field just into view, if it does not show."""
        focused = self.focused
        for body in self.query(".session-body"):
            if focused is not None and focused is not body and body in focused.ancestors:
                body.scroll_to_widget(focused, animate=False)

    def on_screen_resume(self) -> None:
        self.apply_mode()  # another screen may have changed the title, saved, or gone read-only

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual styles every widget of a screen anew each time it is shown, also right
        # after composing (and styling) it: most of a canvas switch. Only a theme changed
        # since it was last styled needs that; the classes this app sets (read-only, guide
        # hidden) restyle their own widgets when they change.
        look = (self.app.theme, self.app.ansi_color)
        if look == self._look:
            event.refresh_styles = False
        self._look = look
        super()._on_screen_resume(event)
        timekeeper = getattr(self.app, "timekeeper", None)
        if timekeeper is not None:
            timekeeper.sync()  # the timebox's clock counts on this screen from now on

    def apply_mode(self) -> None:
        """Disable the fields while the session is read-only (enable them after), and show
        the state in the session bar and the footer."""
        doc = self.app.document
        read_only = doc is not None and doc.read_only
        was = self.has_class("-read-only")
        self.set_class(read_only, "-read-only")
        self._show_edit_keys(not read_only)
        for widget in self.query(self.EDITABLE):
            widget.disabled = read_only
        for body in self.query(".session-body"):
            body.can_focus = read_only or body.has_class("-focusable")
            if read_only and self.focused is None:
                body.focus()
        if was and not read_only:
            self.focus_first_field()
        self.refresh_bindings()
        self.refresh_status()

    EDIT_ACTIONS = frozenset({"add_decision"})
    """Actions that change the session whose keys the footer shows: read-only, they leave
    the footer (pressed, they still say why they do nothing; F1 lists them), so that the
    keys that work fit at 80 columns (the read-only canvas footer was cut at "^q A").
    (ctrl+k, fill the plan, is off read-only; ctrl+y, a tally, shows only when wide.)"""

    def _show_edit_keys(self, show: bool) -> None:
        """Show the keys of EDIT_ACTIONS in the footer, or not."""
        for key, bindings in self._bindings.key_to_bindings.items():
            if any(b.action in self.EDIT_ACTIONS and b.description for b in bindings):
                self._bindings.key_to_bindings[key] = [
                    dataclasses.replace(b, show=show) if b.action in self.EDIT_ACTIONS else b
                    for b in bindings]

    def focus_first_field(self) -> None:
        """Put the focus in the first field one types into (typing into a dropdown would
        only search it)."""
        fields = [w for w in self.query("Input, TextArea") if w.focusable]
        others = [w for w in self.query("Select, DataTable") if w.focusable]
        first = (fields or others or [None])[0]
        if first is not None:
            first.focus()

    BAR_TITLE = 16
    """Cells the session bar keeps for the title at least: the timebox's words give way."""

    def refresh_status(self) -> None:
        """Show the session's title and whether the file is up to date.

        Called on every edit (the state turns "not saved"): the bar is repainted only when
        its text changes, and never makes the screen lay itself out again (it is one line
        whatever it says).
        """
        doc = self.app.document
        t = self.t
        bar_widget = self._session_bar
        if bar_widget is None:
            found = self.query("#session-bar")
            if doc is None or not found:
                return  # not composed yet: on_mount comes back here
            bar_widget = self._session_bar = found.first(Static)
        if doc is None:
            return
        canvas = getattr(self, "CANVAS", None)
        presenting = getattr(self.app, "presenting", False)
        if presenting:
            # The presenter view: the title and the canvas, no state (ui.present).
            state = Text(f" {t(f'canvas.{canvas}.title')} " if canvas else "", style="bold")
        elif doc.read_only:
            # The bar's colours swapped: stands out, and reads, in every theme and terminal.
            state = Text(f" {t('app.read_only')} ", style="bold reverse")
        elif doc.error is not None:
            state = Text(f" ⚠ {t('app.unsaved')} ", style="bold reverse")
        elif doc.dirty:
            # In the bar's own colours: a green or a dim one falls under 4.5:1 contrast on
            # the bar in some theme or terminal (tests/test_themes.py); the words tell.
            state = Text(f" {t('app.unsaved')} ", style="italic")
        else:
            state = Text(f" {t('app.saved')} ✓ ")
        width = self.size.width or 80
        timekeeper = getattr(self.app, "timekeeper", None)
        timebox = timekeeper.text if timekeeper is not None else None  # worked out once a second
        shown = (self.session.title, self.session.organisation, state.plain, str(state.style), width,
                 timebox.plain if timebox is not None else None)
        if shown == self._bar_shown:
            return
        self._bar_shown = shown
        bar = Text(" ")
        bar.append(visible(self.session.title or self.session.id), style="bold")
        if self.session.organisation and not presenting:
            bar.append(f" · {visible(self.session.organisation)}")
        if timebox is not None and width - timebox.cell_len - state.cell_len < self.BAR_TITLE:
            timebox = timekeeper.short  # a narrow window: the title keeps some room
            if timebox is not None and width - timebox.cell_len - state.cell_len < self.BAR_TITLE:
                timebox = None
        if timebox is not None:
            state = timebox + state
        bar.truncate(max(10, width - state.cell_len - 1), overflow="ellipsis")
        bar.pad_right(max(0, width - bar.cell_len - state.cell_len))
        bar.append_text(state)
        bar_widget.update(bar, layout=False)
