"""How the app ends: ctrl+q (asking first about typing a dialog holds, or changes that could
not be saved anywhere), a hang-up or SIGTERM (saving what is in memory and what the keys
still queued add, with no one to ask), and the shutdown that follows. A mixin of
WorkshopApp."""

from __future__ import annotations

import asyncio
import os
import threading
import time

from textual.screen import Screen

from dtworkshop.core.text import visible
from dtworkshop.index import stop_workers
from dtworkshop.session_life import Leaving
from dtworkshop.storage.errors import reason
from dtworkshop.ui.screens.dialogs import ChoiceScreen
from dtworkshop.ui.terminal import end_open_paste
from dtworkshop.ui.screens.form import settle

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


class AppEnding:
    """Quitting and hang-ups for WorkshopApp (mixed in before App).

    Uses the App's `life` (a SessionLife), `document`, `labels`, `action_save_as`, `clear_passing_notices`,
    `stop_loading` (a threading.Event), `_preloading`, `_held_keys` and `_last_key_time` (see
    TypeAhead), `_leaving` and `_finish_building` (see BuildAhead).
    """

    _signal_time = 0.0  # time.monotonic() at SIGHUP or SIGTERM

    async def action_quit(self) -> None:
        """ctrl+q: save and leave; first ask about typing an open dialog holds, and about
        changes that could be kept neither in the file nor beside it."""
        await settle(self.screen)
        dialog = self.screen
        if _holds_typing(dialog):
            self._ask_about_typing(dialog)
            return
        self.timekeeper.pause()  # the time on this canvas goes into the last save
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
                     error=reason(self.document.error, t.language))
        choices = [(t("app.stay"), "stay"), (t("save_as.command"), "save_as"),
                   (t("app.quit_anyway"), "quit")]
        self.clear_passing_notices()  # they would cover the question at 80x24
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

    def terminal_gone(self) -> None:
        """The terminal went away under the app (reading it fails: the window closed before
        the kernel's SIGHUP came): as SIGHUP. Called by the driver (see
        dtworkshop.ui.terminal.hanging_up)."""
        self._on_signal()

    def _on_signal(self) -> None:
        """SIGHUP (the SSH connection dropped) or SIGTERM: save what is in memory at once,
        then what the keys still queued and an open dialog add, then leave. Once: a
        second signal, or the terminal found gone as well, changes nothing."""
        if self._signal_time:
            return
        self.timekeeper.pause()
        self.life.hang_up()
        # A paste whose end never came (the line dropped in the middle of it) holds text
        # typed in: it goes to its field now, and is in the file saved on the way out.
        for message in end_open_paste():
            self._last_key_time = time.monotonic()
            self.post_message(message)
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

