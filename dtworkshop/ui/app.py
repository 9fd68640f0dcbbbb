"""The dtworkshop App: session list, canvas navigation, locks, read-only mode, hang-up
safety. The open session's life (saving, autosave, the lock, conflicts, what leaving needs)
is a SessionLife the App holds (dtworkshop.session_life); the App asks the questions it
raises. Keys typed ahead (ui.typeahead) and canvases built ahead (ui.build_ahead) are
mixins of the App."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from textual import events, on
from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.screen import Screen
from textual.message import Message
from textual.widgets import Button, Input, OptionList

from dtworkshop.core.canvases import CANVAS_KEYS
from dtworkshop.core.labels import Labels
from dtworkshop.core.session import new_session, slugify
from dtworkshop.core.text import visible
from dtworkshop.document import Document, FileChangedError, LockLostError
from dtworkshop.lock import HEARTBEAT, LockedError
from dtworkshop.session_life import CANCELLED, FOLLOW_INTERVAL, Leaving, SessionLife, reason
from dtworkshop.storage import SessionFileError, create_session, session_path, unique_id, write_atomic
from dtworkshop.ui.build_ahead import BUILD_AHEAD_EVERY, BuildAhead
from dtworkshop.ui.canvases import SCREENS
from dtworkshop.ui.screens.details import DetailsScreen
from dtworkshop.ui.screens.overview import OverviewScreen
from dtworkshop.ui.screens.dialogs import (
    ChoiceScreen,
    ConfirmScreen,
    DismissOnce,
    NewSessionForm,
    NewSessionScreen,
    PathScreen,
)
from dtworkshop.index import stop_workers
from dtworkshop.ui.screens.start import Preload, StartScreen
from dtworkshop.ui.screens.form import settle
from dtworkshop.ui.terminal import ending_pastes, lenient_decoders
from dtworkshop.ui.typeahead import TypeAhead

SIGNAL_EXIT_LIMIT = 3.0
"""Seconds after SIGHUP or SIGTERM after which the process ends even if shutdown hangs."""

KEYS_QUIET = 0.1
"""Seconds without a key after which typing counts as finished (on hang-up)."""

LOADS_STOP_LIMIT = 2.0
"""Seconds at most that ending the app waits for reads of the sessions folder to stop (they
stop within a chunk of files; the wait lets their worker processes be killed and reaped,
so that none outlives the app and nothing is left for multiprocessing to warn about)."""

LOADING_GROUPS = ("index", "decisions", "trends")
"""The groups of the thread workers that read the sessions folder (see `stop_loading`)."""


class Palette(DismissOnce, CommandPalette):
    """Textual's command palette, closed once however many Enters reach it in a burst,
    and running the command chosen once."""

    @on(Input.Submitted)
    @on(Button.Pressed)
    @on(OptionList.OptionSelected)
    def _closed_already(self, event: Message) -> None:
        # The palette's own handlers (in CommandPalette, run after these) would choose
        # again for each further Enter of a burst, each time running the command (four
        # export dialogs for four Enters). Once it has closed, they do not run.
        if self.app.screen is not self:
            event.prevent_default()
            event.stop()


class WorkshopApp(TypeAhead, BuildAhead, App):
    """The facilitator's companion: pick or create a session, then work through its canvases.

    `sessions_dir` is the folder of session files; `open_path` a session to open at once;
    `start_new` opens the "new session" dialog at once; `language` ("da" or "en") is used for
    the session list and as the default for new sessions; `read_only` opens `open_path` to
    look at it only.
    """

    TITLE = "dtworkshop"
    CSS_PATH = "app.tcss"

    def __init__(
        self,
        sessions_dir: Path,
        open_path: Path | None = None,
        start_new: bool = False,
        language: str = "da",
        read_only: bool = False,
    ) -> None:
        super().__init__()
        # No animations: a scroll that glides (Textual's default for the focus moving down a
        # canvas) repaints the canvas in five or more frames, 7 KB each, where one frame
        # would do; over SSH those are the frames that lag, and on a projector they smear.
        self.animation_level = "none"
        self.sessions_dir = Path(sessions_dir)
        self.open_path = open_path
        self.start_new = start_new
        self.language = language
        self.open_read_only = read_only
        # Set when the app ends: every read of the sessions folder stops (see _shutdown).
        self.stop_loading = threading.Event()
        # The session list is read from now on, while Textual starts (see Preload).
        self._preload = (Preload(self.sessions_dir, self.stop_loading)
                         if open_path is None and not start_new else None)
        self._preloading = self._preload.thread if self._preload is not None else None
        self.decision_log_state = None  # where the decision log was left (its LogState)
        self.last_path: Path | None = None
        self.show_guide = True
        # Saves are written one at a time, off the UI thread (see SessionLife.schedule_save).
        self._saver = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dtworkshop-save")
        self.life = SessionLife(self, call_later=self.set_timer,
                                run_in_thread=self._in_saver_thread, clock=time.monotonic,
                                last_key=lambda: self._last_key_time)
        self._signal_time = 0.0

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
            self.push_screen(Palette(id="--command-palette"))

    TIGHT = 44
    """Below this many columns a dialog's buttons stand one under the other (class "-tight")."""

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < self.TIGHT, "-tight")

    def get_driver_class(self):
        """Textual's driver for this terminal, made to turn bytes that are not UTF-8 into
        U+FFFD instead of ending the app (Textual issue #6456), and to end a paste that never
        ends (see dtworkshop.ui.terminal)."""
        lenient_decoders()
        ending_pastes()
        return super().get_driver_class()

    @property
    def labels(self) -> Labels:
        """Labels in the open session's language, else in the app's default language."""
        return Labels(self.document.session.language if self.document else self.language)

    def on_mount(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGHUP, signal.SIGTERM):
            try:
                loop.add_signal_handler(signum, self._on_signal)
            except (NotImplementedError, RuntimeError, ValueError):
                pass  # not on this platform or not the main thread (tests)
        self.set_interval(HEARTBEAT, self._heartbeat)
        self.set_interval(FOLLOW_INTERVAL, self._follow)
        self.set_interval(BUILD_AHEAD_EVERY, self._build_ahead)
        self.push_screen(StartScreen(self.sessions_dir, Labels(self.language)))
        if self.open_path is not None:
            self.open_session(self.open_path, read_only=self.open_read_only)
        elif self.start_new:
            self.action_new_session()

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
            self.notify(visible(str(exc)), severity="error", markup=False, timeout=10)
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
        if document.read_only:
            self.notify(self.labels("app.opened_read_only"), markup=False)

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
        self.life.close()
        self._leave_session_screens()

    def _ask_about_lock(self, exc: LockedError, read_only_label: str, answered, *,
                        cancel: bool = True) -> None:
        """Another dtworkshop has the file: say who and since when; offer to look read-only
        or, when the holder is gone, to take over."""
        t = self.labels
        holder = exc.holder
        path = visible(str(exc.path))
        if holder is None:
            question = t("app.locked_unreadable", path=path)
        else:
            who = dict(path=path, user=visible(holder.user), host=visible(holder.host),
                       pid=holder.pid, since=_when(holder.since or holder.refreshed))
            if not exc.stale:
                question = t("app.locked", **who)
            elif holder.here:
                question = t("app.locked_gone", **who)
            else:
                question = t("app.locked_silent", refreshed=_when(holder.refreshed), **who)
        choices = [(read_only_label, "read_only")]
        if cancel:
            choices.append((t("new.cancel"), "cancel"))
        if exc.stale:
            choices.insert(0, (t("app.take_over"), "take_over"))
        self.push_screen(ChoiceScreen(question, choices), answered)

    def action_new_session(self) -> None:
        def create(form: NewSessionForm) -> str | None:
            base = f"{dt.date.today().isoformat()}-{slugify(form.organisation or form.title)}"
            session_id = unique_id(self.sessions_dir, base)
            session = new_session(
                session_id,
                title=form.title,
                organisation=form.organisation,
                facilitator=form.facilitator,
                language=form.language,  # type: ignore[arg-type]
            )
            path = session_path(self.sessions_dir, session_id)
            try:
                self.sessions_dir.mkdir(parents=True, exist_ok=True)
                form.path = create_session(session, self.sessions_dir)
            except OSError as exc:
                return self.labels("app.save_failed", path=visible(str(path)), error=reason(exc))
            return None

        def created(form: NewSessionForm | None) -> None:
            if form is not None and form.path is not None:
                self.open_session(form.path, overview=True)

        self.hold_keys()
        self.push_screen(NewSessionScreen(Labels(self.language), create), created)

    # -- canvases

    def show_canvas(self, key: str, *, record: bool = True) -> None:
        """Show canvas `key` of the open session and remember it as where to resume."""
        if self.document is None:
            return
        session = self.document.session
        if record and session.current != key:
            session.current = key  # type: ignore[assignment]
            self.life.changed()
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

    # -- read-only, locks, backup, save as

    def action_edit(self) -> None:
        """Leave read-only (ctrl+e): take the lock, or say who still has the file."""
        document = self.document
        if document is None or not document.read_only:
            return
        try:
            reloaded = document.edit()
        except SessionFileError as exc:
            self.notify(visible(str(exc)), severity="error", markup=False, timeout=10)
            return
        except LockedError as exc:
            def answered(choice: str | None) -> None:
                if choice == "take_over" and self.document is document:
                    document.edit(take_over=True)
                    self._reshow()

            self._ask_about_lock(exc, self.labels("app.stay_read_only"), answered, cancel=False)
            return
        if reloaded:
            self._reshow()
        else:
            self._apply_mode()
        self.notify(self.labels("app.editing"), markup=False)

    def refuse_read_only(self) -> bool:
        """True (and says how to edit) when the open session is read-only; for actions that
        would change it."""
        if self.document is not None and self.document.read_only:
            self.notify(self.labels("app.read_only_refused"), severity="warning", markup=False)
            return True
        return False

    def action_save_as(self) -> None:
        """Save the session in another folder and go on there (after saving failed)."""
        document = self.document
        if document is None or self.refuse_read_only():
            return
        t = self.labels
        why = (t("app.save_failed", path=visible(str(document.path)), error=reason(document.error))
               if document.error is not None else t("save_as.why"))

        def chosen(folder: str | None) -> None:
            if folder is None or self.document is not document:
                return
            try:
                path = self.life.save_as(Path(folder))
            except LockedError as exc:
                self.notify(visible(str(exc)), severity="error", markup=False, timeout=15)
                return
            except OSError as exc:
                self.notify(t("save_as.failed", error=reason(exc)), severity="error",
                            markup=False, timeout=15)
                return
            self.last_path = path
            self.notify(t("save_as.saved", path=visible(str(path))), markup=False, timeout=10)
            self._apply_mode()

        self.clear_notifications()  # they would cover the dialog at 80x24
        self.hold_keys()
        self.push_screen(PathScreen(t("save_as.heading"), why, t("save_as.folder"),
                                    str(Path.home()), t("save_as.save"), t("new.cancel")), chosen)

    def action_restore(self) -> None:
        """Put back the previous version (the backup), after asking; restoring again undoes."""
        document = self.document
        if document is None or self.refuse_read_only():
            return
        t = self.labels
        if not document.has_backup():
            self.notify(t("app.no_backup"), markup=False)
            return
        try:
            backup = document.backup_session()
        except (OSError, SessionFileError) as exc:
            self.notify(visible(str(exc)), severity="error", markup=False, timeout=10)
            return

        def answered(yes: bool | None) -> None:
            if not yes or self.document is not document:
                return
            try:
                document.restore()
            except (OSError, SessionFileError, FileChangedError, LockLostError) as exc:
                self.notify(t("app.restore_failed", error=reason(exc)), severity="error",
                            markup=False, timeout=15)
                return
            self._reshow()
            self.notify(t("app.restored", when=_when(backup.updated)), markup=False, timeout=10)

        question = t("app.restore_question", when=_when(backup.updated),
                     decisions=len(backup.decisions))
        self.push_screen(ConfirmScreen(question, t("app.restore"), t("app.stay")), answered)

    def action_export(self, fmt: str) -> None:
        """Export the open session as a report (md, html) or data (json) to a file the user
        names (default: in the home folder, named after the session)."""
        document = self.document
        if document is None:
            return
        from dtworkshop.export import export

        t = self.labels
        suffix = {"md": ".md", "html": ".html", "json": ".json"}[fmt]
        default = Path.home() / f"{document.session.id}{suffix}"

        def chosen(target: str | None) -> None:
            if target is None:
                return
            path = Path(target).expanduser()
            if path.resolve() == document.path.resolve():
                self.notify(t("export.not_over_session"), severity="error", markup=False)
                return
            try:
                write_atomic(path, export(document.session, fmt).encode("utf-8"))  # type: ignore[arg-type]
            except OSError as exc:
                self.notify(t("export.failed", path=visible(str(path)), error=reason(exc)),
                            severity="error", markup=False, timeout=15)
                return
            self.notify(t("export.done", path=visible(str(path))), markup=False, timeout=10)

        self.hold_keys()
        self.push_screen(PathScreen(t(f"export.heading_{fmt}"), t("export.why"), t("export.file"),
                                    str(default), t("export.save"), t("new.cancel")), chosen)

    def get_system_commands(self, screen: Screen):
        yield from super().get_system_commands(screen)
        if self.document is None:
            return
        t = self.labels
        for fmt in ("html", "md", "json"):
            yield SystemCommand(t(f"export.heading_{fmt}"), t("export.why"),
                                lambda fmt=fmt: self.action_export(fmt))
        if self.document.read_only:
            yield SystemCommand(t("app.edit"), t("app.edit_help"), self.action_edit)
        else:
            yield SystemCommand(t("app.restore"), t("app.restore_help"), self.action_restore)
            yield SystemCommand(t("save_as.command"), t("save_as.why"), self.action_save_as)

    def action_back_to_canvas(self) -> None:
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
        self._step(+1)

    def action_first_canvas(self) -> None:
        """The first canvas (ctrl+n on the overview, which comes before it)."""
        if self.document is not None:
            self.show_canvas(CANVAS_KEYS[0])

    def action_previous_canvas(self) -> None:
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
        if self.life.follow(lambda: hasattr(self.screen, "apply_mode")):
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
        self.clear_notifications()
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

    async def action_quit(self) -> None:
        await settle(self.screen)
        dialog = self.screen
        if _holds_typing(dialog):
            self._ask_about_typing(dialog)
            return
        if self.life.leave() is not Leaving.ASK:
            self._leave()
            return
        if isinstance(self.screen, ChoiceScreen):
            return  # already asking

        def answered(choice: str | None) -> None:
            if choice == "quit":
                self._leave()
            elif choice == "save_as":
                self.action_save_as()

        t = self.labels
        question = t("app.quit_unsaved", path=visible(str(self.document.path)),
                     error=reason(self.document.error))
        choices = [(t("app.stay"), "stay"), (t("save_as.command"), "save_as"),
                   (t("app.quit_anyway"), "quit")]
        self.clear_notifications()  # they would cover the question at 80x24
        self.push_screen(ChoiceScreen(question, choices), answered)

    def _ask_about_typing(self, dialog: Screen) -> None:
        """ctrl+q in a dialog holding what was typed (a decision, a new session): keep it
        and quit, quit without it, or stay (first, so that an Enter too many stays)."""
        def answered(choice: str | None) -> None:
            if choice == "keep":
                if not dialog.take_typing():  # type: ignore[attr-defined]
                    return  # the reason is said; the dialog stays open to put it right
            elif choice != "quit":
                return
            dialog.dismiss(None)
            self.call_later(self.action_quit)

        t = self.labels
        question = t("app.quit_typing", dialog=dialog.heading)  # type: ignore[attr-defined]
        choices = [(t("app.stay"), "stay"), (t("app.keep_typing"), "keep"),
                   (t("app.quit_without"), "quit")]
        self.push_screen(ChoiceScreen(question, choices), answered)

    def _take_typing(self) -> None:
        """The app ends with no one to ask (a hang-up, SIGTERM): what dialogs hold is taken
        as if Enter had been pressed in them, so that it is in the file saved next."""
        for screen in reversed(self.screen_stack):
            if _holds_typing(screen):
                try:
                    screen.take_typing(forced=True)  # type: ignore[attr-defined]
                except Exception:
                    pass  # a dialog half torn down: the session itself is still saved

    def _leave(self) -> None:
        self._leaving = True  # nothing more is built ahead
        self.life.end()
        self.exit()

    async def _shutdown(self) -> None:
        await self._finish_building()
        await self._stop_loading()
        await super()._shutdown()

    async def _stop_loading(self) -> None:
        """Stop every read of the sessions folder and wait for them (LOADS_STOP_LIMIT at
        most), then end the helper processes their worker processes needed: quitting in the
        middle of a first read of 10,000 files is prompt and leaves no process behind."""
        self.stop_loading.set()
        deadline = time.monotonic() + LOADS_STOP_LIMIT

        def reading() -> bool:
            if self._preloading is not None and self._preloading.is_alive():
                return True
            return any(w.is_running for w in self.workers if w.group in LOADING_GROUPS)

        while reading() and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        await asyncio.to_thread(stop_workers, max(0.1, deadline - time.monotonic()))

    def _on_signal(self) -> None:
        """SIGHUP (the SSH connection dropped) or SIGTERM: save what is in memory at once,
        then what the keys still queued and an open dialog add, then leave."""
        self.life.hang_up()
        # With the terminal gone, Textual's shutdown can block on writing to it: whatever
        # happens, the process ends a little later (the session is on disk by then).
        deadline = threading.Timer(SIGNAL_EXIT_LIMIT, os._exit, args=(0,))
        deadline.daemon = True
        deadline.start()
        self._signal_time = time.monotonic()
        self.set_timer(KEYS_QUIET, self._leave_after_signal)

    async def _leave_after_signal(self) -> None:
        # Keys typed just before the hang-up may still be on their way in: leave once they
        # have stopped coming (or after a while), and every field has taken its keys.
        now = time.monotonic()
        waiting = self._held_keys is not None or now - self._last_key_time < KEYS_QUIET
        if waiting and now - self._signal_time < SIGNAL_EXIT_LIMIT / 2:
            self.set_timer(KEYS_QUIET / 2, self._leave_after_signal)
            return
        await settle(self.screen)
        self._take_typing()
        self.life.leave_after_hang_up()
        self._leave()


def _holds_typing(screen: Screen) -> bool:
    """True when `screen` is a dialog with typing not yet taken (see `take_typing` in
    dtworkshop.ui.screens.dialogs)."""
    unfinished = getattr(screen, "unfinished", None)
    if unfinished is None or not screen.is_mounted:
        return False
    try:
        return bool(unfinished())
    except Exception:
        return False  # not composed yet: nothing typed in it


def _when(moment: dt.datetime | None) -> str:
    """A moment as a facilitator reads it: local time, to the minute."""
    if moment is None:
        return "?"
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")

