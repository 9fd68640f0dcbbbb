"""The commands of an open session beyond its canvases: edit a session opened read-only,
the question when another dtworkshop has it, save elsewhere, restore the previous version,
export; and the command palette's entries for them. A mixin of WorkshopApp."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.app import SystemCommand
from textual.screen import Screen

from dtworkshop.core.text import visible
from dtworkshop.document import FileChangedError, LockLostError
from dtworkshop.lock import LockedError
from dtworkshop.storage.errors import reason
from dtworkshop.storage import SessionFileError, write_atomic
from dtworkshop.ui.screens.dialogs import ChoiceScreen, ConfirmScreen, PathScreen
from dtworkshop.ui.textual_words import said_commands


class SessionCommands:
    """Edit, save as, restore and export for WorkshopApp (mixed in before App).

    Uses the App's `document`, `life` (a SessionLife), `labels`, `last_path`, `hold_keys`, `clear_passing_notices`,
    `_reshow` and `_apply_mode`.
    """

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

    def action_edit(self) -> None:
        """Leave read-only (ctrl+e): take the lock, or say who still has the file."""
        document = self.document
        if document is None or not document.read_only:
            return
        try:
            reloaded = document.edit()
        except SessionFileError as exc:
            self.notify(visible(exc.said(self.labels.language)), severity="error", markup=False,
                        timeout=10)
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
        why = (t("app.save_failed", path=visible(str(document.path)),
                 error=reason(document.error, t.language))
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
                self.notify(t("save_as.failed", error=reason(exc, t.language)), severity="error",
                            markup=False, timeout=15)
                return
            self.last_path = path
            self.notify(t("save_as.saved", path=visible(str(path))), markup=False, timeout=10)
            self._apply_mode()

        self.clear_passing_notices()  # they would cover the dialog at 80x24
        self.hold_keys()
        self.push_screen(PathScreen(t("save_as.heading"), why, t("save_as.folder"),
                                    str(Path.home()), t("save_as.save"), t("new.cancel"),
                                    empty=t("app.path_empty")), chosen)

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
                self.notify(t("app.restore_failed", error=reason(exc, t.language)),
                            severity="error", markup=False, timeout=15)
                return
            self._reshow()
            self.notify(t("app.restored", when=_when(backup.updated)), markup=False, timeout=10)

        question = t("app.restore_question", when=_when(backup.updated),
                     decisions=len(backup.decisions))
        self.push_screen(ConfirmScreen(question, t("app.restore"), t("app.stay")), answered)

    export_folder: Path | None = None
    """The folder the last export of this run went to: the next one is proposed there."""

    def action_export(self, fmt: str) -> None:
        """Export the open session as a report (md, html) or data (json) to a file the user
        names: proposed beside the session file, or in the folder of this run's last export,
        named after the session. A folder that does not exist is made once the user says so;
        what fails is said in the dialog, which stays open."""
        document = self.document
        if document is None:
            return
        from dtworkshop.export import export

        t = self.labels
        suffix = {"md": ".md", "html": ".html", "json": ".json"}[fmt]
        folder = self.export_folder or document.path.parent
        default = folder / f"{document.session.id}{suffix}"

        def write(path: Path, create: bool) -> str | None:
            if path.resolve() == document.path.resolve():
                return t("export.not_over_session")
            try:
                if create:
                    path.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(path, export(document.session, fmt).encode("utf-8"))  # type: ignore[arg-type]
            except OSError as exc:
                return t("export.failed", path=visible(str(path)), error=reason(exc, t.language))
            self.export_folder = path.parent
            self.notify(t("export.done", path=visible(str(path))), markup=False, timeout=10)
            return None

        self.hold_keys()
        self.push_screen(PathScreen(t(f"export.heading_{fmt}"), t(f"export.why_{fmt}"),
                                    t("export.file"), str(default), t("export.save"),
                                    t("new.cancel"), act=write, empty=t("app.path_empty"),
                                    file_name=default.name,
                                    missing=lambda folder: t("export.missing_folder",
                                                             folder=folder)))

    def get_system_commands(self, screen: Screen):
        """Textual's commands (in the app's language), the log of notices, and for an open
        session: export, and edit (read-only) or restore and save elsewhere."""
        t = self.labels
        yield from said_commands(super().get_system_commands(screen), t)
        yield from self._session_commands()
        yield SystemCommand(t("notices.command"), t("notices.why"), self.action_notices)

    def _session_commands(self):
        if self.document is None:
            return
        t = self.labels
        for fmt in ("html", "md", "json"):
            yield SystemCommand(t(f"export.heading_{fmt}"), t(f"export.why_{fmt}"),
                                lambda fmt=fmt: self.action_export(fmt))
        document = self.document
        yield SystemCommand(t("follow_up.heading"), t("follow_up.why"),
                            lambda: self.new_session_from(document.session))
        if self.document.read_only:
            yield SystemCommand(t("app.edit"), t("app.edit_help"), self.action_edit)
        else:
            yield SystemCommand(t("app.restore"), t("app.restore_help"), self.action_restore)
            yield SystemCommand(t("save_as.command"), t("save_as.why"), self.action_save_as)


def _when(moment: dt.datetime | None) -> str:
    """A moment as a facilitator reads it: local time, to the minute."""
    if moment is None:
        return "?"
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")
