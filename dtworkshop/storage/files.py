"""Session files on disk: atomic writes, saving and creating sessions, the backup, the
file name of a session, and listing a folder.

Saves are atomic: nothing on disk is ever half-written (`write_atomic`, `temporary_file`,
`place_new`), and a session is written only if it reads back (`save_session`,
`create_session`).

Files layer: imports `dtworkshop.core` and the other `storage` modules (`reader`,
`toml_writer`, `errors`), never the UI.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from dtworkshop.core.session import ID_PATTERN, MAX_ID, Session, slugify
from dtworkshop.storage.errors import SessionFileError
from dtworkshop.storage.reader import SUFFIX, decode_session, read_session
from dtworkshop.storage.toml_writer import dumps


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


NEW_FILE_MODE = 0o666 & ~_umask()
"""The permissions of a new file (a session, an export): what the umask of the process
leaves of read and write for all (0644 under the usual 022, 0660 under a team's 007), as
any program's new file. Read once, at import: reading the umask sets it, which is not safe
once threads run."""


def mode_for(path: Path, like: Path | None = None) -> int:
    """The permissions a file written at `path` gets: its own when it exists (a file's mode
    is its owner's choice); else those of `like` when that exists (the session file a lock,
    backup or conflict copy belongs to: a team that can read the session can read those);
    else NEW_FILE_MODE."""
    for candidate in (path, like):
        if candidate is None:
            continue
        try:
            return os.stat(candidate).st_mode & 0o777
        except OSError:
            continue
    return NEW_FILE_MODE


def write_atomic(path: Path | str, data: bytes, *, like: Path | None = None) -> None:
    """Replace `path` with `data` so that the file is always whole: the old or the new.

    Writes a temporary file in the same folder, fsyncs it, renames it over `path` and fsyncs
    the folder. An existing file keeps its permissions; a new one gets those of `like` (the
    session file it belongs to) or what the umask gives (see `mode_for`). A symbolic link is
    followed: the file it points to is replaced, the link stays. Raises OSError; then `path`
    is untouched.
    """
    path = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    tmp = temporary_file(path, data, mode=mode_for(path, like))
    try:
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _fsync_folder(path.parent)


def temporary_file(path: Path, data: bytes, *, mode: int = 0o600) -> str:
    """Write `data` to a new hidden temporary file beside `path` (`.<name>.<random>.tmp`,
    with permissions `mode`: the file it becomes), synced to disk; returns its path, for the
    caller to rename or link into place. Raises OSError (then no temporary file is left)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if mode != 0o600:  # mkstemp's
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def _fsync_folder(folder: Path) -> None:
    # A rename is durable only once its folder is: without this a power cut can bring back
    # the old file, or none.
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def save_session(session: Session, path: Path | str) -> None:
    """Write `session` to `path` atomically, only if it would read back.

    Raises OSError (nothing is half-written), or SessionFileError when the session in memory
    breaks the contract (a bug: writing it would make a file the program then refuses).
    """
    data = dumps(session)
    decode_session(data, path)
    write_atomic(path, data)


def create_session(session: Session, folder: Path | str) -> Path:
    """Write `session` as a new file in `folder`, never over an existing one, and return its
    path. When `<id>.toml` exists already (or appears meanwhile: two facilitators creating
    the same session at the same moment), `session.id` is moved on to the next free id
    (`unique_id`). Works in folders without hard links too (see `place_new`). Raises
    OSError, SessionFileError (as `save_session`).
    """
    folder = Path(folder)
    while True:
        session.id = unique_id(folder, session.id)
        path = session_path(folder, session.id)
        data = dumps(session)
        decode_session(data, path)
        tmp = temporary_file(path, data, mode=NEW_FILE_MODE)
        try:
            place_new(tmp, path)
        except FileExistsError:
            continue
        finally:
            _unlink_if_there(tmp)
        _fsync_folder(folder)
        return path


NO_HARD_LINKS = frozenset({errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS})
"""What link() fails with where a file system has no hard links (SMB, some NFS mounts,
FAT): `place_new` then takes another way."""


def place_new(tmp: str | Path, path: Path | str) -> None:
    """Give the whole, synced temporary file `tmp` the name `path`, only if nothing has that
    name yet; of two processes racing for one name exactly one wins, and the file appears
    whole (never half-written) under its name.

    A hard link does both at once. Where the folder has no hard links (link() fails with
    EPERM, ENOTSUP, EOPNOTSUPP or ENOSYS) the name is claimed by creating an empty file with
    O_CREAT|O_EXCL (which only one process can do) and `tmp` is then renamed over the claim:
    for that moment `path` is an empty file, which readers must take as "being written"
    (`lock.SessionLock.acquire` waits for it; an empty session file is refused as empty).
    `tmp` may or may not exist afterwards (the caller removes it). Raises FileExistsError
    when something has the name, OSError otherwise (then `path` is as it was).
    """
    try:
        os.link(tmp, path)
        return
    except OSError as exc:
        if exc.errno not in NO_HARD_LINKS:
            raise
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    try:
        os.replace(tmp, path)
    except BaseException:
        _unlink_if_there(path)  # the empty claim, ours alone
        raise


def _unlink_if_there(path: str | Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def backup_path(path: Path | str) -> Path:
    """The backup of a session file: `.<name>.bak` beside it, hidden from the list. It holds
    the file as it was before the last editing run first saved over it."""
    path = Path(path)
    return path.with_name(f".{path.name}.bak")


def restore_backup(path: Path | str) -> Session:
    """Swap the session file at `path` with its backup, so that restoring is itself undone
    by restoring again. Returns the session now in the file.

    Raises FileNotFoundError when there is no backup, SessionFileError when the backup does
    not read as a session (then nothing is changed), OSError when the folder cannot be written.
    """
    path = Path(path)
    backup = backup_path(path)
    data = backup.read_bytes()
    session = decode_session(data, path)
    current = path.read_bytes()
    # Each step is one rename in one folder: at every moment both versions are on disk.
    spare = temporary_file(path, current, mode=mode_for(path))
    try:
        os.replace(backup, path)
        os.replace(spare, backup)
    except BaseException:
        if os.path.exists(spare):
            os.unlink(spare)
        raise
    _fsync_folder(path.parent)
    return session


def session_path(folder: Path | str, session_id: str) -> Path:
    """Where the session `session_id` lives in `folder`: `<folder>/<id>.toml`.

    Raises ValueError when `session_id` is no session id ([a-z0-9-]{1,64}): a name with a
    slash, a dot, a NUL or a line break could point outside `folder` or at no file at all.
    """
    if not isinstance(session_id, str) or not re.match(ID_PATTERN, session_id):
        raise ValueError(f"session id {session_id!r} does not match [a-z0-9-]{{1,64}}")
    return Path(folder) / f"{session_id}{SUFFIX}"


WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{d}{n}" for d in ("com", "lpt") for n in range(10)}
)
"""Names Windows reserves for devices, with any extension (`con.toml` is the console): a
session id is never one of them, so the folder can be copied to a Windows machine."""


def unique_id(folder: Path | str, base: str) -> str:
    """A new session id for `folder`, made from the free text `base`.

    `base` is slugified (only a-z, 0-9 and single dashes: never a path, see `slugify`) and
    cut to 64 characters; "session" when nothing is left. Then `base`, `base-2`, `base-3` …,
    whichever names no file, folder or link in `folder` yet and is no Windows device name
    (con, nul, aux, com1 …), cut so the whole id stays within 64 characters. Creates nothing;
    never raises.
    """
    base = slugify(base)[:MAX_ID].strip("-") or "session"
    candidate, n = base, 1
    while candidate in WINDOWS_DEVICES or os.path.lexists(session_path(folder, candidate)):
        n += 1
        suffix = f"-{n}"
        candidate = base[: MAX_ID - len(suffix)].rstrip("-") + suffix
    return candidate


# ---------------------------------------------------------------- listing


@dataclass(frozen=True)
class Listing:
    """One file of a sessions folder: its session, or why it could not be read."""

    path: Path
    session: Session | None
    error: SessionFileError | None


def list_sessions(folder: Path | str) -> list[Listing]:
    """Every `*.toml` in `folder`, newest change first, unreadable files last.

    A missing folder lists as empty. Never raises for a bad file: it is listed with its error.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        try:
            found.append(Listing(path, read_session(path), None))
        except SessionFileError as exc:
            found.append(Listing(path, None, exc))
    good = sorted(
        (item for item in found if item.session), key=lambda i: i.session.updated, reverse=True
    )
    return good + [item for item in found if item.error]
