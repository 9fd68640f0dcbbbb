"""Sessions and locks in folders where hard links fail (issue 11, item 10).

SMB and some NFS mounts refuse link() (EPERM, ENOTSUP): there a new session is still made,
`open` still takes a lock a second dtworkshop sees, and a new session that cannot be made
leaves its dialog open with what was typed and the reason shown.
"""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest
from textual.widgets import Input

import dtworkshop.lock as lock_module
from dtworkshop.core.session import new_session
from dtworkshop.document import Document
from dtworkshop.lock import LockedError, SessionLock, lock_path, read_holder
from dtworkshop.storage import create_session, read_session
from dtworkshop.ui.app import WorkshopApp
from dtworkshop.ui.screens.dialogs import NewSessionScreen
from tests.conftest import until
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
    import dtworkshop.storage.files as storage  # where create_session finds unique_id

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


def messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def fill_new_session(pilot) -> NewSessionScreen:
    await pilot.press("n")
    await until(pilot, lambda: isinstance(pilot.app.screen, NewSessionScreen), "the dialog")
    dialog = pilot.app.screen
    for value in ("Strategidag", "Egedal Kommune"):
        await pilot.press(*[{" ": "space"}.get(c, c) for c in value], "enter")
    await pilot.press(*"Søren", "enter")  # Enter in the last field: create
    return dialog


def field_values(screen) -> list[str]:
    return [screen.query_one(f"#{name}", Input).value
            for name in ("title", "organisation", "facilitator")]


async def test_a_failed_create_keeps_the_dialog_and_what_was_typed(tmp_path: Path,
                                                                  monkeypatch) -> None:
    folder = tmp_path / "s"
    folder.mkdir()
    real_open = os.open

    def refuse_new_sessions(path, flags, *args, **kwargs):
        if flags & os.O_EXCL and str(path).endswith(".toml"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "link", lambda *a, **k: (_ for _ in ()).throw(
        OSError(errno.EPERM, os.strerror(errno.EPERM))))
    monkeypatch.setattr(os, "open", refuse_new_sessions)
    app = WorkshopApp(sessions_dir=folder)
    async with app.run_test(size=SIZE) as pilot:
        screen = await fill_new_session(pilot)
        await until(pilot, lambda: any("Adgang nægtet" in m for m in messages(app)),
                    "the reason shown (in Danish)")
        assert app.screen is screen  # still open
        assert field_values(screen) == ["Strategidag", "Egedal Kommune", "Søren"]
        assert any(m.startswith("Kunne ikke gemme ") and str(folder) in m
                   for m in messages(app)), messages(app)
        assert not list(folder.glob("*.toml"))

        monkeypatch.setattr(os, "open", real_open)  # the folder is fixed: try again
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "OverviewScreen",
                    "the new session opened")
        await pilot.press("ctrl+q")
    assert read_session(only_file(folder)).facilitator == "Søren"


async def test_a_folder_that_cannot_be_made_keeps_the_dialog_too(tmp_path: Path) -> None:
    """The neighbour: the sessions folder cannot be made (a file has its name's parent)."""
    (tmp_path / "a-file").write_text("not a folder")
    folder = tmp_path / "a-file" / "s"
    app = WorkshopApp(sessions_dir=folder)
    async with app.run_test(size=SIZE) as pilot:
        screen = await fill_new_session(pilot)
        await until(pilot, lambda: any("En del af stien er ikke en mappe" in m
                                       for m in messages(app)), "the reason shown (in Danish)")
        assert app.screen is screen
        assert field_values(screen) == ["Strategidag", "Egedal Kommune", "Søren"]
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, NewSessionScreen), "closed")
        await pilot.press("q")
