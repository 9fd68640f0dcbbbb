"""File permissions (issue 14): a new session or export follows the umask, as any program's
new file does (0600 whatever the umask hid them from the team in a shared folder); an
existing file keeps its mode; the lock, the backup and a conflict copy follow their session
file."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

from dtworkshop.core.session import new_session
from dtworkshop.document import Document
from dtworkshop.lock import lock_path
from dtworkshop.storage import backup_path, create_session

MORS = "2026-11-30-region-nordjylland-mors.toml"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def in_a_child(umask: int, code: str, cwd: Path) -> None:
    """Run `code` in a fresh Python with `umask` (the CLI's case: the mode is read at
    import), failing with its output if it fails."""
    done = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True,
                          preexec_fn=lambda: os.umask(umask))
    assert done.returncode == 0, done.stderr


def test_a_new_session_and_a_new_export_follow_the_umask(tmp_path: Path, examples: Path) -> None:
    """Under a team's umask 007 a new session file and a new export are 0660, under 022
    0644; an export written over an existing file keeps that file's mode."""
    shutil.copy(examples / MORS, tmp_path / MORS)
    for umask, expected in ((0o007, 0o660), (0o022, 0o644)):
        folder = tmp_path / f"u{umask:03o}"
        folder.mkdir()
        in_a_child(umask, "from dtworkshop.core.session import new_session\n"
                          "from dtworkshop.storage import create_session\n"
                          "create_session(new_session('ny', title='Ny'), '.')",
                   folder)
        (made,) = folder.glob("*.toml")
        assert mode(made) == expected
        report = folder / "rapport.md"
        done = subprocess.run([sys.executable, "-m", "dtworkshop", "export", str(tmp_path / MORS),
                               "-o", str(report)], capture_output=True, text=True,
                              preexec_fn=lambda umask=umask: os.umask(umask))
        assert done.returncode == 0, done.stderr
        assert mode(report) == expected
        report.chmod(0o600)  # the owner's choice
        subprocess.run([sys.executable, "-m", "dtworkshop", "export", str(tmp_path / MORS),
                        "-o", str(report)], check=True, capture_output=True,
                       preexec_fn=lambda umask=umask: os.umask(umask))
        assert mode(report) == 0o600


def test_the_lock_the_backup_and_a_copy_kept_aside_follow_their_session(tmp_path: Path,
                                                                         examples: Path) -> None:
    """A session file of mode 0640 (the team may read it): its lock, its backup and the
    copy a conflict keeps beside it are 0640 too, and a save leaves it 0640."""
    path = tmp_path / MORS
    shutil.copy(examples / MORS, path)
    path.chmod(0o640)
    document = Document.open(path)
    try:
        assert mode(lock_path(path)) == 0o640
        document.session.title += " æ"
        document.changed()
        assert document.save()
        assert mode(backup_path(path)) == 0o640
        assert mode(path) == 0o640
        assert mode(document.keep_aside("mine")) == 0o640
    finally:
        document.close()


def test_a_session_made_in_this_process_follows_the_umask(tmp_path: Path) -> None:
    """The app's own "new session": the umask the process started with, not 0600."""
    from dtworkshop.storage.files import NEW_FILE_MODE

    path = create_session(new_session("ny", title="Ny"), tmp_path)
    assert mode(path) == NEW_FILE_MODE != 0o600
