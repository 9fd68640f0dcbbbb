"""Sessions and locks in folders where hard links fail (issue 11, item 10).

SMB and some NFS mounts refuse link() (EPERM, ENOTSUP): there a new session is still made,
and `open` still takes a lock a second dtworkshop sees.
"""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest
import dtworkshop.lock as lock_module
from dtworkshop.core.session import new_session
from dtworkshop.document import Document
from dtworkshop.lock import LockedError, SessionLock, lock_path, read_holder
from dtworkshop.storage import create_session, read_session
from dtworkshop.ui.app import WorkshopApp
from tests.test_app import SIZE, create_session as create_in_app, only_file
from tests.test_locks import MORS, fake_lock

NO_LINKS = [errno.EPERM, errno.EOPNOTSUPP, errno.ENOSYS]


@pytest.fixture(params=NO_LINKS, ids=[errno.errorcode[n] for n in NO_LINKS])
def no_hard_links(request, monkeypatch) -> list[str]:
    """link() fails as on an SMB share; returns the links tried (to see it was asked)."""
    tried: list[str] = []

    def link(src, dst, *args, **kwargs):
        tried.append(str(dst))
        raise OSError(request.param, os.strerror(request.param), str(src))

    monkeypatch.setattr(os, "link", link)
    return tried


def test_a_session_is_created_without_hard_links(tmp_path: Path, no_hard_links) -> None:
    session = new_session("2026-11-29-mors", title="Mors æøå", organisation="Mors")
    path = create_session(session, tmp_path)
    assert no_hard_links  # the link was tried, and failed
    assert read_session(path).title == "Mors æøå"
    assert {p.name for p in tmp_path.iterdir()} == {path.name}  # no claim or temporary left


def test_without_hard_links_a_new_session_still_never_replaces_another(tmp_path: Path,
                                                                      no_hard_links) -> None:
    """The neighbour: the name taken meanwhile (the exclusive create finds it) moves the
    new session on to the next free name, as with hard links."""
    import dtworkshop.storage as storage

    theirs = tmp_path / "2026-11-29-mors.toml"
    real_unique_id = storage.unique_id

    def check_then_they_create(folder, base):
        found = real_unique_id(folder, base)
        if not theirs.exists():
            theirs.write_bytes(b"their session")
        return found

    storage_unique_id = pytest.MonkeyPatch()
    storage_unique_id.setattr(storage, "unique_id", check_then_they_create)
    try:
        session = new_session("2026-11-29-mors", title="Mors", organisation="Mors")
        path = create_session(session, tmp_path)
    finally:
        storage_unique_id.undo()
    assert theirs.read_bytes() == b"their session"
    assert path.name == "2026-11-29-mors-2.toml"
    assert {p.name for p in tmp_path.iterdir()} == {theirs.name, path.name}


def test_open_takes_a_lock_that_a_second_instance_sees(examples: Path, no_hard_links) -> None:
    path = examples / MORS
    first = Document.open(path)
    try:
        assert first.lock is not None and first.lock.held()
        holder = read_holder(path)
        assert holder is not None and holder.pid == os.getpid() and holder.alive
        with pytest.raises(LockedError) as caught:
            Document.open(path)
        assert caught.value.holder is not None and not caught.value.stale
        assert Document.open(path, read_only=True).read_only  # looking is still possible
    finally:
        first.close()
    assert not lock_path(path).exists()
    second = Document.open(path)  # let go: the next one gets it
    assert second.lock is not None
    second.close()


def test_an_empty_lock_being_put_in_place_is_waited_for(examples: Path, monkeypatch) -> None:
    """Between its exclusive claim and the rename, another's lock is an empty file: it is
    theirs being written, not a broken lock to offer for taking over."""
    path = examples / MORS
    lock_path(path).write_bytes(b"")  # claimed by another dtworkshop this very moment
    waited: list[float] = []

    def they_finish_placing_it(seconds: float) -> None:
        waited.append(seconds)
        if len(waited) == 1:
            data = fake_lock(path, pid=1, user="anne", host="elsewhere.example")
            lock_path(path).write_bytes(data)

    monkeypatch.setattr(lock_module, "_pause", they_finish_placing_it)
    with pytest.raises(LockedError) as caught:
        SessionLock.acquire(path)
    assert waited
    assert caught.value.holder is not None and caught.value.holder.user == "anne"
    assert not caught.value.stale  # refreshed just now, from another host: alive


def test_an_empty_lock_left_by_a_crash_is_offered_for_taking_over(examples: Path,
                                                                 monkeypatch) -> None:
    """The neighbour: an empty lock older than a moment is no lock being placed (its
    maker died between claim and rename): it counts as unreadable, so stale, at once."""
    path = examples / MORS
    lock_path(path).write_bytes(b"")
    old = time.time() - 60
    os.utime(lock_path(path), (old, old))
    monkeypatch.setattr(lock_module, "_pause", lambda s: pytest.fail("waited for a dead lock"))
    with pytest.raises(LockedError) as caught:
        SessionLock.acquire(path)
    assert caught.value.holder is None and caught.value.stale


async def test_the_app_creates_and_locks_a_session_without_hard_links(tmp_path: Path,
                                                                     no_hard_links) -> None:
    folder = tmp_path / "s"
    app = WorkshopApp(sessions_dir=folder)
    async with app.run_test(size=SIZE) as pilot:
        await create_in_app(pilot, "Strategidag æøå", "Egedal Kommune", "Søren")
        path = only_file(folder)
        holder = read_holder(path)
        assert holder is not None and holder.pid == os.getpid()
        await pilot.press("ctrl+q")
    assert read_session(path).title == "Strategidag æøå"
    assert not lock_path(path).exists()
