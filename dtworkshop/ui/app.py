"""The dtworkshop App: the session list, opening and leaving sessions, canvas navigation and
the keys that work everywhere.

The open session's life (saving, autosave, the lock, conflicts, what leaving needs) is a
SessionLife the App holds (dtworkshop.session_life); the App asks the questions it raises.
Mixins of the App: keys typed ahead (ui.typeahead), canvases built ahead (ui.build_ahead),
the session's commands (ui.session_commands: edit, save as, restore, export) and how the app
ends (ui.ending: quit, hang-ups, shutdown).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from textual import events, on
from textual.app import App
from textual.binding import Binding
from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.screen import Screen
from textual.message import Message
from textual.widgets import Button, Input, OptionList
from textual.widgets.option_list import Option

from dtworkshop.core.canvases import CANVAS_KEYS
from dtworkshop.core.labels import Labels
from dtworkshop.core.follow_up import follow_up
from dtworkshop.core.session import Session, id_base, new_session
from dtworkshop.core.text import visible
from dtworkshop.document import Document
from dtworkshop.lock import HEARTBEAT, LockedError
from dtworkshop.session_life import CANCELLED, FOLLOW_INTERVAL, SessionLife
from dtworkshop.storage.errors import reason
from dtworkshop.storage import SessionFileError, create_session, session_path, unique_id
from dtworkshop.storage.reader import read_session
from dtworkshop.ui.build_ahead import BUILD_AHEAD_EVERY, BuildAhead
from dtworkshop.ui.canvases import SCREENS
from dtworkshop.ui.screens.details import DetailsScreen
from dtworkshop.ui.screens.overview import OverviewScreen
from dtworkshop.ui.screens.dialogs import (
    ConfirmScreen,
    DismissOnce,
    NewSessionForm,
    NewSessionScreen,
)
from dtworkshop.index.preload import Preload
from dtworkshop.ui.ending import AppEnding
from dtworkshop.ui.notices import NoticeLog
from dtworkshop.ui.present import PRESENT_INTERVAL, Presenting
from dtworkshop.ui.screens.browser import BrowserScreen
from dtworkshop.ui.session_commands import SessionCommands
from dtworkshop.ui.stylesheet import SharedStylesheet
from dtworkshop.ui.themes import field_defaults, install_themes
from dtworkshop.ui.widgets.footer import KEYS_KEY
from dtworkshop.ui.widgets.refusals import NOTICE_TIMEOUT
from dtworkshop.ui.terminal import ending_pastes, hanging_up, lenient_decoders
from dtworkshop.ui.typeahead import TypeAhead
from dtworkshop.ui.timebox import TICK, Timekeeper


SEARCH_WAIT = 2.0
"""Seconds at most that Enter in the command palette waits for the search of what was typed."""


class Palette(DismissOnce, CommandPalette):
    """Textual's command palette, closed once however many Enters reach it in a burst,
    running the command chosen once, and choosing among the commands found for all that
    was typed before Enter."""

    choosing = False
    """True while Enter waits for the search of what was typed before it."""

    @on(Input.Submitted)
    async def _search_done_first(self, event: Input.Submitted) -> None:
        event.prevent_default()  # Textual's handler is called here, once the search is done
        event.stop()
        if self.app.screen is not self:
            return  # closed already by an earlier Enter of the burst
        # The search runs in a worker, started anew by each key typed: "markdown" and
        # Enter in one read (a burst over SSH) reach Enter while the list still shows the
        # commands found for "" or "m", and Textual's Enter chose the first of those (the
        # HTML export for "markdown"). Enter waits for the search of the whole text;
        # polled, not worker.wait() (a search not started yet cannot be waited for), and
        # never more than SEARCH_WAIT seconds (a search that hangs must not take Enter).
        self.choosing = True
        deadline = time.monotonic() + SEARCH_WAIT
        while time.monotonic() < deadline and any(
                worker.group == self._GATHER_COMMANDS_GROUP and worker.node is self
                and not worker.is_finished for worker in self.workers):
            await asyncio.sleep(0.01)
        self._select_or_command()
        # The keys typed after Enter wait on for the screen its command shows; if Enter
        # only marked a command (several found), they come back to the palette after
        # the app's HOLD_LIMIT.
        self.choosing = False

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own adds "No matches found" in English after a pause; this is the same
        # (Textual 8.2's), in the app's language.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                words = self.app.labels("textual.no_matches")
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(words, style="not bold")), disabled=True,
                           id=self._NO_MATCHES))
                self._list_visible = True
            else:  # discovering (nothing typed): no commands to show is no news
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)

    @on(Button.Pressed)
    @on(OptionList.OptionSelected)
    def _closed_already(self, event: Message) -> None:
        # The palette's own handlers (in CommandPalette, run after these) would choose
        # again for each further Enter of a burst, each time running the command (four
        # export dialogs for four Enters). Once it has closed, they do not run.
        if self.app.screen is not self:
            event.prevent_default()
            event.stop()


class WorkshopApp(Presenting, NoticeLog, TypeAhead, BuildAhead, SessionCommands, AppEnding, App):
    """The facilitator's companion: pick or create a session, then work through its canvases.

    `sessions_dir` is the folder of session files; `open_path` a session to open at once;
    `start_new` opens the "new session" dialog at once; `language` ("da" or "en") is used for
    the session list and as the default for new sessions; `read_only` opens `open_path` to
    look at it only; `theme` names the theme to use (see dtworkshop.ui.themes; the default
    when None; "projector" for the presenter view); `follow` (a session file, a day or
    None) opens the "new session" dialog for a session following that one up (`dtworkshop
    new --from`); `presenter` shows `open_path` as the presenter view
    (dtworkshop.ui.present: read-only, following the facilitator's canvas, larger and
    calmer).
    """

    TITLE = "dtworkshop"
    CSS_PATH = ["app.tcss", "present.tcss"]
    # F1 on every screen: all its keys (each footer ends in "F1 Taster": KeyFooter).
    BINDINGS = [Binding(KEYS_KEY, "toggle_keys", show=False, priority=True)]

    def __init__(
        self,
        sessions_dir: Path,
        open_path: Path | None = None,
        start_new: bool = False,
        language: str = "da",
        read_only: bool = False,
        theme: str | None = None,
        follow: tuple[Path, dt.date | None] | None = None,
        presenter: bool = False,
    ) -> None:
        super().__init__()
        # Each piece of CSS parsed once a process, not at every screen's first showing.
        self.stylesheet = SharedStylesheet(variables=self.stylesheet._variables)
        # No animations: a scroll that glides (Textual's default for the focus moving down a
        # canvas) repaints the canvas in five or more frames, 7 KB each, where one frame
        # would do; over SSH those are the frames that lag, and on a projector they smear.
        self.animation_level = "none"
        self.sessions_dir = Path(sessions_dir)
        self.open_path = open_path
        self.start_new = start_new
        self.language = language
        self.open_read_only = read_only
        self.follow = follow
        # Set when the app ends: every read of the sessions folder stops (see _shutdown).
        self.stop_loading = threading.Event()
        # The session list is read from now on, while Textual starts (see Preload).
        self._preload = (Preload(self.sessions_dir, self.stop_loading)
                         if open_path is None and not start_new else None)
        self._preloading = self._preload.thread if self._preload is not None else None
        self.decision_log_state = None  # where the decision log was left (its LogState)
        self.last_path: Path | None = None
        self.show_guide = True
        if presenter and theme is None:
            theme = "projector"  # the presenter view is for the projector (ui.present)
        # Registered before the first screen is styled, so it is styled once, in its theme.
        self._theme_messages = install_themes(self, self.sessions_dir, theme, Labels(language))
        # Saves are written one at a time, off the UI thread (see SessionLife.schedule_save).
        self._saver = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dtworkshop-save")
        self.life = SessionLife(self, call_later=self.set_timer,
                                run_in_thread=self._in_saver_thread, clock=time.monotonic,
                                last_key=lambda: self._last_key_time)
        # The timebox's clock (a test sets `timekeeper.stopwatch.clock` to its own).
        self.timekeeper = Timekeeper(self, clock=time.monotonic)
        if presenter:
            self.start_presenting()

    @property
    def document(self) -> Document | None:
        """The open session (None on the session list): `life.document`."""
        return self.life.document

    def _in_saver_thread(self, work, done) -> None:
        """Run `work()` in the saver thread and `done(result)` back on the app's loop (see
        session_life.RunInThread)."""
        future = asyncio.get_running_loop().run_in_executor(self._saver, work)
        future.add_done_callback(
            lambda future: done(CANCELLED if future.cancelled() else future.result()))

    def action_command_palette(self) -> None:
        """ctrl+p: Textual's command palette (as App.action_command_palette), as a Palette."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(Palette(id="--command-palette",
                                     placeholder=self.labels("textual.placeholder")))

    def search_themes(self) -> None:
        """The palette's list of themes (its Theme command), with its placeholder in the
        app's language (Textual's `search_themes`, whose words are English)."""
        from textual.theme import ThemeProvider

        self.push_screen(CommandPalette(providers=[ThemeProvider],
                                        placeholder=self.labels("textual.theme_placeholder")))

    def keys_description(self) -> str:
        """What F1 is called in the footers ("Taster"), in the session's language."""
        return self.labels("app.keys")

    def action_toggle_keys(self) -> None:
        """F1: every key of the screen showing, with what it does (ui.screens.keys), or
        close that list again."""
        from dtworkshop.ui.screens.keys import toggle_keys

        toggle_keys(self, self.labels("app.keys_heading"))

    def action_help_quit(self) -> None:
        """ctrl+c where there is nothing to copy: say how to quit (as Textual does, in the
        app's language)."""
        for key, active in self.screen.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                t = self.labels
                self.notify(t("textual.quit_hint", quit_key=key), title=t("textual.quit_title"),
                            markup=False)
                return

    TIGHT = 44
    """Below this many columns a dialog's buttons stand one under the other (class "-tight")."""

    REPAINT_AFTER_RESIZE = 0.05
    """Seconds after the last of a run of resizes that the whole screen is drawn again."""

    _repaint_timer = None

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < self.TIGHT, "-tight")
        # A pane dragged to one cell and back within milliseconds was cleared by the
        # terminal, but Textual lays out again only what differs from the size it drew
        # last, the same one: all that did not change stayed blank. Once the resizes stop,
        # everything is drawn anew.
        if self._repaint_timer is None:
            self._repaint_timer = self.set_timer(self.REPAINT_AFTER_RESIZE, self._repaint)
        else:
            self._repaint_timer.reset()

    def _repaint(self) -> None:
        self._repaint_timer = None
        self.screen.refresh()

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """The app's own theme variables (dtworkshop.ui.themes.FIELD_VARIABLES), from the
        theme's colours where the theme does not set them."""
        return field_defaults(self.current_theme.to_color_system().generate())

    def get_driver_class(self):
        """Textual's driver for this terminal, made to turn bytes that are not UTF-8 into
        U+FFFD instead of ending the app (Textual issue #6456), and to end a paste that never
        ends, and to hang up when the terminal goes away (see dtworkshop.ui.terminal)."""
        lenient_decoders()
        ending_pastes()
        return hanging_up(super().get_driver_class())

    @property
    def labels(self) -> Labels:
        """Labels in the open session's language, else in the app's default language."""
        return Labels(self.document.session.language if self.document else self.language)

    def clear_passing_notices(self) -> None:
        """Take away the notices that only inform ("saved", "exported"), so that they do not
        cover a question at 80x24; a warning or an error stays, shown anew for its full time:
        words typed and not taken, said nowhere else, are never wiped by a question."""
        kept = [n for n in self._notifications if n.severity != "information"]
        self.clear_notifications()
        for notice in kept:
            self.notify(notice.message, title=notice.title, severity=notice.severity,
                        timeout=notice.timeout, markup=notice.markup)

    def on_mount(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGHUP, signal.SIGTERM):
            try:
                loop.add_signal_handler(signum, self._on_signal)
            except (NotImplementedError, RuntimeError, ValueError):
                pass  # not on this platform or not the main thread (tests)
        self.set_interval(HEARTBEAT, self._heartbeat)
        self.set_interval(PRESENT_INTERVAL if self.presenting else FOLLOW_INTERVAL,
                          self._follow)
        self.set_interval(BUILD_AHEAD_EVERY, self._build_ahead)
        self.set_interval(TICK, self.timekeeper.tick)
        # The presenter view never shows the session list: it does not read the folder
        # (nor write its index); a bare screen stands in its place under the session.
        self.push_screen(Screen() if self.presenting
                         else BrowserScreen(self.sessions_dir, Labels(self.language)))
        if self.open_path is not None:
            self.open_session(self.open_path, read_only=self.open_read_only)
        elif self.follow is not None:
            self.follow_up_file(*self.follow)
        elif self.start_new:
            self.action_new_session()
        for message in self._theme_messages:
            self.notify(message, severity="warning", markup=False, timeout=NOTICE_TIMEOUT)

    # -- sessions

    def open_session(self, path: Path, *, overview: bool = False, read_only: bool = False,
                     take_over: bool = False, canvas: str | None = None,
                     decision: tuple[str, dt.datetime] | None = None) -> None:
        """Open the session file at `path` on the canvas it was left on, on the overview
        (a new session starts from the source's overview model), or on `canvas` with the
        decision (text, made) selected in its log.

        `read_only` only looks (no lock, nothing written); `take_over` takes the lock from a
        holder that is gone. When another dtworkshop has the file open, asks what to do.
        """
        try:
            document = Document.open(path, read_only=read_only, take_over=take_over)
        except SessionFileError as exc:
            self.notify(visible(exc.said(self.labels.language)), severity="error", markup=False,
                        timeout=10)
            return
        except LockedError as exc:
            def answered(choice: str | None) -> None:
                if choice in ("read_only", "take_over"):
                    self.open_session(path, overview=overview, read_only=choice == "read_only",
                                      take_over=choice == "take_over", canvas=canvas,
                                      decision=decision)

            self._ask_about_lock(exc, self.labels("app.open_read_only"), answered)
            return
        self.close_session()
        self._opened_at = time.monotonic()
        if canvas in CANVAS_KEYS:
            self.life.open(document)
            self.last_path = document.path
            self.show_canvas(canvas, record=False)
            if decision is not None:
                self.call_after_refresh(self._select_decision, canvas, decision)
        else:
            self._show_document(document, overview=overview)
        if document.read_only and not self.presenting:
            self.notify(self.labels("app.opened_read_only"), markup=False)

    def follow_up_file(self, path: Path, day: dt.date | None = None) -> None:
        """The new-session dialog for a session following up the one in `path` (see
        `new_session_from`); a file that cannot be read is said, and nothing opens."""
        try:
            earlier = read_session(path)
        except SessionFileError as exc:
            self.notify(visible(exc.said(self.labels.language)), severity="error",
                        markup=False, timeout=10)
            return
        self.new_session_from(earlier, day)

    def _select_decision(self, canvas: str, decision: tuple[str, dt.datetime]) -> None:
        select = getattr(self.screen, "select_decision", None)
        if select is not None:
            select(*decision)

    def take_preload(self, folder: Path) -> Preload | None:
        """The index of `folder` being read since the app was made, once (None after)."""
        preload, self._preload = self._preload, None
        return preload if preload is not None and preload.folder == folder else None

    def show_decision_log(self) -> None:
        """Every decision of every session in the folder (from the session list, d)."""
        from dtworkshop.ui.screens.decisions import DecisionsScreen

        self.hold_keys()  # "/" and a name typed right after d go to the log's filter
        self.push_screen(DecisionsScreen(self.sessions_dir, Labels(self.language),
                                         state=self.decision_log_state))

    def show_compare(self, a: Path, b: Path) -> None:
        """Two sessions side by side: what changed from `a` to `b`, canvas by canvas."""
        from dtworkshop.ui.screens.compare import CompareScreen

        self.push_screen(CompareScreen(a, b, Labels(self.language)))

    def show_trends(self, organisation: str) -> None:
        """One organisation over time: portfolio split per unit, business-case verdicts."""
        from dtworkshop.ui.screens.trends import TrendsScreen

        self.push_screen(TrendsScreen(self.sessions_dir, organisation, Labels(self.language)))

    def _show_document(self, document: Document, *, overview: bool = False) -> None:
        self.life.open(document)
        self.last_path = document.path
        if overview:
            self.show_overview()
        else:
            self.show_canvas(document.session.current, record=False)

    def _leave_session_screens(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.forget_canvases()

    def close_session(self) -> None:
        """Save and leave the open session (back on the session list), letting go of its
        lock."""
        self.timekeeper.pause()  # the time on the canvas left is in the file saved now
        self.life.close()
        self._leave_session_screens()

    def action_new_session(self) -> None:
        """Ask for a new session's title, organisation, facilitator and language; create its
        file in the sessions folder and open it on the overview."""
        self.new_session_from(None)

    def new_session_from(self, earlier: Session | None, day: dt.date | None = None) -> None:
        """The new-session dialog; with `earlier`, for a session following it up
        (`core.follow_up`): filled in from it (the day `day`, else today), and what it
        carries over added when the session is made."""
        def create(form: NewSessionForm) -> str | None:
            session_id = unique_id(self.sessions_dir,
                                   id_base(form.day, form.organisation, form.title))
            if earlier is not None:
                session = follow_up(earlier, session_id, title=form.title, day=form.day)
                session.organisation = form.organisation
                session.facilitator = form.facilitator
                session.language = form.language  # type: ignore[assignment]
            else:
                session = new_session(
                    session_id,
                    title=form.title,
                    organisation=form.organisation,
                    facilitator=form.facilitator,
                    language=form.language,  # type: ignore[arg-type]
                )
            session.date = form.day
            path = session_path(self.sessions_dir, session_id)
            try:
                self.sessions_dir.mkdir(parents=True, exist_ok=True)
                form.path = create_session(session, self.sessions_dir)
            except OSError as exc:
                return self.labels("app.save_failed", path=visible(str(path)),
                                   error=reason(exc, self.labels.language))
            return None

        def created(form: NewSessionForm | None) -> None:
            if form is not None and form.path is not None:
                self.open_session(form.path, overview=True)

        filled = None
        if earlier is not None:
            filled = NewSessionForm(title=earlier.title, organisation=earlier.organisation,
                                    facilitator=earlier.facilitator, language=earlier.language,
                                    day=day or dt.date.today())
        self.hold_keys()
        self.push_screen(NewSessionScreen(Labels(self.language), create, filled=filled,
                                          follows=earlier), created)

    # -- canvases

    def show_canvas(self, key: str, *, record: bool = True) -> None:
        """Show canvas `key` of the open session and remember it as where to resume."""
        if self.document is None:
            return
        session = self.document.session
        if record and session.current != key:
            session.current = key  # type: ignore[assignment]
            self.life.changed_soon()  # a presenter view follows (ui.present)
        # Each canvas Screen is built once per session and kept (installed), so going back
        # to a canvas is instant and keeps its scroll position and focus.
        name = f"canvas-{key}"
        if not self.is_screen_installed(name):
            self.install_screen(SCREENS[key](session, self.labels), name=name)
        self._show_session_screen(self.get_screen(name))

    def show_overview(self) -> None:
        """Show the session overview: the model's phases, each canvas's status, warnings."""
        if self.document is None:
            return
        self._show_session_screen(OverviewScreen(self.document.session, self.labels))

    def _show_session_screen(self, screen: Screen) -> None:
        if screen is self.screen:
            return  # already showing (the go-to menu's pick of where it was): keys go on
        self.hold_keys()
        if len(self.screen_stack) > 2:  # a session screen is showing: replace it
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def show_details(self) -> None:
        """Show the session's details (title, language, participants)."""
        if self.document is None:
            return
        self._show_session_screen(DetailsScreen(self.document.session, self.labels))

    def _reshow(self, *, stay: bool = False) -> None:
        """Show the open session anew (its Session object was replaced: reloaded, restored),
        on the canvas it was left on or (`stay`) on the screen showing now."""
        document = self.document
        canvas = getattr(self.screen, "CANVAS", None)
        name = self.screen.name
        self._leave_session_screens()
        if document is None:
            return
        if not stay:
            self._show_document(document)
        elif canvas is not None:
            self.show_canvas(canvas, record=False)
        elif name == "details":
            self.show_details()
        else:
            self.show_overview()

    def _apply_mode(self) -> None:
        """Tell the screen showing that read-only or saving state changed (the kept canvas
        Screens catch up when they are shown again)."""
        apply = getattr(self.screen, "apply_mode", None)
        if apply is not None:
            apply()
        self._refresh_status()

    def action_back_to_canvas(self) -> None:
        """Back to the canvas the session was left on."""
        if self.document is not None:
            self.show_canvas(self.document.session.current, record=False)

    def action_toggle_guide(self) -> None:
        """Show or hide the source's guidance on every canvas (ctrl+t)."""
        self.show_guide = not self.show_guide
        self.screen.set_class(not self.show_guide, "-no-guide")

    def _step(self, delta: int) -> None:
        if self.document is None:
            return
        index = CANVAS_KEYS.index(self.document.session.current)
        self.show_canvas(CANVAS_KEYS[(index + delta) % len(CANVAS_KEYS)])

    def action_next_canvas(self) -> None:
        """The next canvas (ctrl+n), after the last the first."""
        self._step(+1)

    def action_first_canvas(self) -> None:
        """The first canvas (ctrl+n on the overview, which comes before it)."""
        if self.document is not None:
            self.show_canvas(CANVAS_KEYS[0])

    def action_previous_canvas(self) -> None:
        """The previous canvas (ctrl+r), before the first the last."""
        self._step(-1)

    def go_to(self, target: str | None) -> None:
        """Show `target`: a canvas key, "details" or "sessions" (None: stay)."""
        if target == "sessions":
            self.close_session()
        elif target == "overview":
            self.show_overview()
        elif target == "details":
            self.show_details()
        elif target:
            self.show_canvas(target)

    # -- the open session's life (see SessionLife): what the App shows and asks of it

    def session_changed(self) -> None:
        """A screen changed the session: save shortly (at most AUTOSAVE_DELAY from now)."""
        if self.document is None:
            return
        self.life.changed()
        self._refresh_status()

    @property
    def save_pending(self) -> bool:
        """True while an edit waits to be saved or a save is being written."""
        return self.life.save_pending

    def _heartbeat(self) -> None:
        self.life.heartbeat()

    def _follow(self) -> None:
        """Read-only: show the file anew when its holder saved (not under an open dialog)."""
        before = self.document.session if self.document is not None else None
        if self.life.follow(lambda: hasattr(self.screen, "apply_mode")):
            if self.presenting:
                self.present_anew(before)  # where the facilitator is: the file's `current`
            else:
                self._reshow(stay=True)

    def status_changed(self) -> None:
        """SessionLife's Watcher: show the saving state in the session bar."""
        self._refresh_status()

    def save_failed(self, path: Path, why: str) -> None:
        """SessionLife's Watcher: a save failed (after good ones): say so, offer ctrl+f."""
        message = self.labels("app.save_failed", path=visible(str(path)), error=why)
        self.notify(f"{message}\n{self.labels('save_as.hint')}",
                    severity="error", markup=False, timeout=30)
        self.screen.refresh_bindings()

    def conflict_found(self, document: Document) -> None:
        """SessionLife's Watcher: the file changed on disk: ask whether to keep this version
        or take the one on disk (the other is kept beside the file either way)."""
        def answered(keep_mine: bool | None) -> None:
            resolved = self.life.resolve_conflict(document, keep_mine)
            if resolved == "mine":
                self._refresh_status()
            elif resolved == "theirs":
                self._reshow()

        t = self.labels
        question = t("app.changed_on_disk", path=visible(str(document.path)))
        self.clear_passing_notices()
        self.push_screen(
            ConfirmScreen(question, t("app.keep_mine"), t("app.take_theirs")), answered
        )

    def lock_lost(self, path: Path, aside: Path | None) -> None:
        """SessionLife's Watcher: someone took the session over; it is read-only now."""
        t = self.labels
        shown = visible(str(path))
        message = (t("app.lock_lost_kept", path=shown, aside=visible(str(aside))) if aside
                   else t("app.lock_lost", path=shown))
        self.notify(message, severity="error", markup=False, timeout=60)
        self._apply_mode()

    def _refresh_status(self) -> None:
        refresh = getattr(self.screen, "refresh_status", None)
        if refresh is not None:
            refresh()
