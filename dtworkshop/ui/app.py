"""The dtworkshop App: session list, canvas navigation, autosave, hang-up safety."""

from __future__ import annotations

import asyncio
import datetime as dt
import signal
from pathlib import Path

from textual.app import App
from textual.timer import Timer

from dtworkshop.core.canvases import CANVAS_KEYS
from dtworkshop.core.labels import Labels
from dtworkshop.core.session import new_session, slugify
from dtworkshop.core.text import visible
from dtworkshop.document import Document
from dtworkshop.storage import SessionFileError, save_session, session_path, unique_id
from dtworkshop.ui.canvases import SCREENS
from dtworkshop.ui.screens.details import DetailsScreen
from dtworkshop.ui.screens.dialogs import GoToScreen, NewSessionForm, NewSessionScreen
from dtworkshop.ui.screens.start import StartScreen
from dtworkshop.ui.screens.form import settle

AUTOSAVE_DELAY = 0.5
"""Seconds from the first unsaved edit to its save: at most this much typing is at risk."""

RETRY_DELAY = 5.0
"""Seconds between attempts to save after a save failed."""


class WorkshopApp(App):
    """The facilitator's companion: pick or create a session, then work through its canvases.

    `sessions_dir` is the folder of session files; `open_path` a session to open at once;
    `start_new` opens the "new session" dialog at once; `language` ("da" or "en") is used for
    the session list and as the default for new sessions.
    """

    TITLE = "dtworkshop"
    CSS_PATH = "app.tcss"

    def __init__(
        self,
        sessions_dir: Path,
        open_path: Path | None = None,
        start_new: bool = False,
        language: str = "da",
    ) -> None:
        super().__init__()
        self.sessions_dir = Path(sessions_dir)
        self.open_path = open_path
        self.start_new = start_new
        self.language = language
        self.document: Document | None = None
        self._save_timer: Timer | None = None

    @property
    def labels(self) -> Labels:
        """Labels in the open session's language, else in the app's default language."""
        return Labels(self.document.session.language if self.document else self.language)

    def on_mount(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGHUP, signal.SIGTERM):
            try:
                loop.add_signal_handler(signum, self._hang_up)
            except (NotImplementedError, RuntimeError, ValueError):
                pass  # not on this platform or not the main thread (tests)
        self.push_screen(StartScreen(self.sessions_dir, Labels(self.language)))
        if self.open_path is not None:
            self.open_session(self.open_path)
        elif self.start_new:
            self.action_new_session()

    # -- sessions

    def open_session(self, path: Path) -> None:
        """Open the session file at `path` on the canvas it was left on."""
        try:
            document = Document.open(path)
        except SessionFileError as exc:
            self.notify(visible(str(exc)), severity="error", markup=False, timeout=10)
            return
        self.close_session()
        self.document = document
        self.show_canvas(document.session.current, record=False)

    def close_session(self) -> None:
        """Save and leave the open session (back on the session list)."""
        if self.document is not None:
            self.save_now()
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.document = None

    def action_new_session(self) -> None:
        def created(form: NewSessionForm | None) -> None:
            if form is None:
                return
            self.sessions_dir.mkdir(parents=True, exist_ok=True)
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
                save_session(session, path)
            except OSError as exc:
                self.notify(
                    self.labels("app.save_failed", path=visible(str(path)), error=visible(str(exc))),
                    severity="error", markup=False, timeout=15,
                )
                return
            self.open_session(path)

        self.push_screen(NewSessionScreen(Labels(self.language)), created)

    # -- canvases

    def show_canvas(self, key: str, *, record: bool = True) -> None:
        """Show canvas `key` of the open session and remember it as where to resume."""
        if self.document is None:
            return
        session = self.document.session
        if record and session.current != key:
            session.current = key  # type: ignore[assignment]
            self.document.changed(touch=False)
            self.schedule_save()
        screen = SCREENS[key](session, self.labels)
        if len(self.screen_stack) > 2:  # a session screen is showing: replace it
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def show_details(self) -> None:
        """Show the session's details (title, language, participants)."""
        if self.document is None:
            return
        screen = DetailsScreen(self.document.session, self.labels)
        if len(self.screen_stack) > 2:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def action_back_to_canvas(self) -> None:
        if self.document is not None:
            self.show_canvas(self.document.session.current, record=False)

    def _step(self, delta: int) -> None:
        if self.document is None:
            return
        index = CANVAS_KEYS.index(self.document.session.current)
        self.show_canvas(CANVAS_KEYS[(index + delta) % len(CANVAS_KEYS)])

    def action_next_canvas(self) -> None:
        self._step(+1)

    def action_previous_canvas(self) -> None:
        self._step(-1)

    def action_go_to(self) -> None:
        current = self.document.session.current if self.document else None

        def chosen(target: str | None) -> None:
            if target == "sessions":
                self.close_session()
            elif target == "details":
                self.show_details()
            elif target:
                self.show_canvas(target)

        self.push_screen(GoToScreen(self.labels, current), chosen)

    # -- saving

    def session_changed(self) -> None:
        """A screen changed the session: save shortly (at most AUTOSAVE_DELAY from now)."""
        if self.document is None:
            return
        self.document.changed()
        self.schedule_save()
        self._refresh_status()

    def schedule_save(self, delay: float = AUTOSAVE_DELAY) -> None:
        """Save after `delay` seconds unless a save is already due; never postpones one."""
        if self._save_timer is None:
            self._save_timer = self.set_timer(delay, self.save_now)

    def save_now(self) -> bool:
        """Write unsaved changes now. On failure keep them in memory, say so, retry later."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self.document is None:
            return True
        had_error = self.document.error is not None
        ok = self.document.save()
        if not ok:
            if not had_error:
                self.notify(
                    self.labels(
                        "app.save_failed",
                        path=visible(str(self.document.path)),
                        error=visible(str(self.document.error)),
                    ),
                    severity="error", markup=False, timeout=30,
                )
            self.schedule_save(RETRY_DELAY)
        self._refresh_status()
        return ok

    def _refresh_status(self) -> None:
        refresh = getattr(self.screen, "refresh_status", None)
        if refresh is not None:
            refresh()

    async def action_quit(self) -> None:
        await settle(self.screen)
        self.save_now()
        self.exit()

    def _hang_up(self) -> None:
        """SIGHUP (the SSH connection dropped) or SIGTERM: save first, then leave."""
        self.save_now()
        self.exit()
