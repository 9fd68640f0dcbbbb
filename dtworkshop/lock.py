"""Who has a session file open: a lock file beside it, so two facilitators never both write.

The lock of `<folder>/<id>.toml` is the hidden `<folder>/.<id>.toml.lock`, a small TOML file
naming the holder (process, host, user, since when) and a random token. It is created whole or
not at all (written to a temporary file, then hard-linked into place, which fails if a lock is
already there; in a folder without hard links, SMB or some NFS mounts, its name is claimed by
an exclusive create and the whole file renamed over the claim), refreshed by its holder every HEARTBEAT seconds, and removed when the holder
closes the session. A lock whose holder is gone is *stale*: on this host that is known for sure
(the process no longer exists); for a holder on another host (a shared network folder) it is
assumed once the lock has not been refreshed for STALE_AFTER seconds. No Textual imports here.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import secrets
import socket
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

import tomli_w

from dtworkshop.storage.files import mode_for, place_new, temporary_file

HEARTBEAT = 60.0
"""Seconds between two refreshes of a held lock."""

STALE_AFTER = 15 * 60.0
"""Seconds without a refresh after which a lock held from another host counts as stale."""

BEING_PLACED = 2.0
"""Seconds an empty lock file counts as one being put in place, not as a broken one: in a
folder without hard links a lock is placed by claiming its name with an empty file and
renaming the whole lock over it (`storage.place_new`), which takes far less than this."""


def lock_path(session_path: Path | str) -> Path:
    """The lock file of a session file: `.<name>.lock` beside it (hidden from the list)."""
    path = Path(session_path)
    return path.with_name(f".{path.name}.lock")


@dataclass(frozen=True)
class Holder:
    """Who holds a lock, as its lock file says. `since` is when it was taken (UTC);
    `refreshed` when the holder last showed it is alive (the file's modification time)."""

    pid: int
    host: str
    user: str
    since: dt.datetime | None
    refreshed: dt.datetime
    token: str

    @property
    def here(self) -> bool:
        """True when the holder runs on this host, so whether it lives can be known."""
        return self.host == socket.gethostname()

    @property
    def alive(self) -> bool:
        """False when the holder is certainly gone: its process no longer exists on this
        host, or (another host) it has not refreshed the lock for STALE_AFTER seconds."""
        if self.here:
            return _process_exists(self.pid)
        age = (dt.datetime.now(dt.UTC) - self.refreshed).total_seconds()
        return age < STALE_AFTER

    @property
    def mine(self) -> bool:
        """True when this is the same user on this host, whose process is gone: the lock is
        left over from this facilitator's own earlier run (a crash, kill -9), not another's."""
        return self.here and self.user == _user() and not self.alive


class LockedError(Exception):
    """The session file is held by another running (or maybe running) dtworkshop.

    `holder` is None when the lock file cannot be read (then it counts as stale).
    """

    def __init__(self, path: Path, holder: Holder | None) -> None:
        self.path = Path(path)
        self.holder = holder
        who = f"{holder.user}@{holder.host} (process {holder.pid})" if holder else "unknown"
        super().__init__(f"{self.path}: open in another dtworkshop: {who}")

    @property
    def stale(self) -> bool:
        """True when the holder is gone and the lock may be taken over."""
        return self.holder is None or not self.holder.alive


class SessionLock:
    """A held lock on one session file. Create with `acquire()` or `take_over()`."""

    def __init__(self, session_path: Path, token: str) -> None:
        self.session_path = Path(session_path)
        self.path = lock_path(session_path)
        self.token = token

    @classmethod
    def acquire(cls, session_path: Path | str) -> SessionLock:
        """Take the lock of `session_path`, or take over the left-over lock of this user's
        own earlier run on this host (its process is gone).

        Raises LockedError when someone else holds it (alive or not: taking over another's
        stale lock is the user's choice, see `take_over`), OSError when the lock cannot be
        written (a read-only folder; the caller may then go on without a lock).
        """
        session_path = Path(session_path)
        token = secrets.token_hex(8)
        for _ in range(3):
            if _link_new(lock_path(session_path), token):
                return cls(session_path, token)
            _wait_while_placed(lock_path(session_path))
            holder = read_holder(session_path)
            if holder is None and not lock_path(session_path).exists():
                continue  # released between the two looks: try again
            if holder is not None and holder.mine:
                return cls.take_over(session_path)
            raise LockedError(session_path, holder)
        raise LockedError(session_path, read_holder(session_path))

    @classmethod
    def take_over(cls, session_path: Path | str) -> SessionLock:
        """Take the lock whoever holds it (the user chose to: its holder is gone).
        The holder, if it still runs after all, notices at its next save. Raises OSError."""
        session_path = Path(session_path)
        token = secrets.token_hex(8)
        _write_replace(lock_path(session_path), token)
        return cls(session_path, token)

    def held(self) -> bool:
        """True while the lock file is still this lock's. A lock file that vanished (a
        clean-up, a `git clean`) is put back; one taken over by another is not."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            try:
                return _link_new(self.path, self.token) or self._token_on_disk() == self.token
            except OSError:
                return True  # cannot put it back (a read-only folder): saving fails anyway
        except OSError:
            return True  # cannot tell (a flaky network folder): do not stop saving for it
        return _token(data) == self.token

    def _token_on_disk(self) -> str | None:
        try:
            return _token(self.path.read_bytes())
        except OSError:
            return None

    def refresh(self) -> bool:
        """Show that the holder is alive (touch the lock file); returns `held()`."""
        if not self.held():
            return False
        try:
            os.utime(self.path)
        except OSError:
            pass
        return True

    def release(self) -> None:
        """Remove the lock file if it is still this lock's. Never raises."""
        try:
            if self._token_on_disk() == self.token:
                self.path.unlink()
        except OSError:
            pass


def read_holder(session_path: Path | str) -> Holder | None:
    """Who holds the lock of `session_path`, or None when there is no lock file or it cannot
    be read (a hand-made or damaged lock protects nothing)."""
    path = lock_path(session_path)
    try:
        data = path.read_bytes()
        refreshed = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
        raw = tomllib.loads(data.decode("utf-8"))
        since = raw.get("since")
        return Holder(
            pid=int(raw["pid"]),
            host=str(raw["host"]),
            user=str(raw.get("user", "")),
            since=since if isinstance(since, dt.datetime) else None,
            refreshed=refreshed,
            token=str(raw["token"]),
        )
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError):
        return None


# ---------------------------------------------------------------- helpers


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no name for this uid (a container): the uid says as much
        return str(os.getuid())


def _process_exists(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    except OSError:
        return False
    return True


def _content(token: str) -> bytes:
    body = tomli_w.dumps({
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "user": _user(),
        "since": dt.datetime.now(dt.UTC).replace(microsecond=0),
        "token": token,
    })
    return (
        "# dtworkshop has the session beside this file open. It removes this file when it\n"
        "# closes the session; a left-over lock is offered for taking over.\n" + body
    ).encode("utf-8")


def _token(data: bytes) -> str | None:
    try:
        return str(tomllib.loads(data.decode("utf-8"))["token"])
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError):
        return None


def _temporary(path: Path, token: str) -> str:
    # The lock's permissions are its session file's: whoever may read the session may see
    # who has it open.
    session = path.with_name(path.name[1:-len(".lock")])
    return temporary_file(path, _content(token), mode=mode_for(session))


def _link_new(path: Path, token: str) -> bool:
    """Put a lock file at `path` if there is none; False if there is. The lock appears
    complete or not at all, and only one of two racing processes wins (`storage.place_new`:
    a hard link of a whole temporary file, or where the folder has none, an exclusive claim
    renamed over). Raises OSError (a read-only folder)."""
    for attempt in range(3):
        tmp = _temporary(path, token)
        try:
            place_new(tmp, path)
            return True
        except FileExistsError:
            return False
        except FileNotFoundError:
            # The holder of a session clears the temporary files that dead processes left
            # beside it, and may have taken this one: make another.
            if attempt == 2:
                raise
        finally:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
    return False


def _wait_while_placed(path: Path) -> None:
    """Wait while the lock file at `path` is empty and younger than BEING_PLACED seconds:
    another dtworkshop claimed the name and is about to rename its whole lock over the claim.
    Returns at once for a lock with content, none, or an empty one left by a crash."""
    deadline = time.monotonic() + BEING_PLACED
    while True:
        try:
            status = path.stat()
        except OSError:
            return
        if status.st_size > 0 or time.time() - status.st_mtime > BEING_PLACED:
            return
        if time.monotonic() > deadline:
            return
        _pause(0.01)


_pause = time.sleep  # a seam for the tests: the lock is placed while acquire() waits


def _write_replace(path: Path, token: str) -> None:
    tmp = _temporary(path, token)
    try:
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
