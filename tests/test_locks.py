"""Two facilitators, one file; the previous version as a backup; saving elsewhere when the
folder fails. The real app driven with the Pilot, the real CLI in a subprocess, and the files
they leave on disk. (Two real processes on one file: tests/test_durability.py.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import tomli_w

from dtworkshop.core.labels import Labels
from dtworkshop.lock import SessionLock, lock_path, read_holder
from dtworkshop.storage import backup_path, read_session
from dtworkshop.ui.app import WorkshopApp
from dtworkshop.ui.screens.dialogs import CANVAS_HOTKEY
from tests.conftest import settled, until
from tests.test_app import SIZE, on_canvas_saved, type_into

MORS = "2026-11-30-region-nordjylland-mors.toml"
DA = Labels("da")


def dead_pid() -> int:
    """The pid of a process that has ended (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def fake_lock(path: Path, *, pid: int, user: str, host: str | None = None) -> bytes:
    """A lock file as another dtworkshop would have left it; returns its bytes."""
    import datetime as dt
    import socket

    data = tomli_w.dumps({
        "pid": pid, "host": host or socket.gethostname(), "user": user,
        "since": dt.datetime(2026, 11, 29, 9, 0, tzinfo=dt.UTC), "token": "someone-else",
    }).encode()
    lock_path(path).write_bytes(data)
    return data


def question(app) -> str:
    return str(app.screen.query_one("Label").render())


async def test_opening_takes_the_lock_and_quitting_lets_it_go(examples: Path) -> None:
    path = examples / MORS
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        holder = read_holder(path)
        assert holder is not None and holder.pid == os.getpid() and holder.alive
        await pilot.press("ctrl+q")
    assert not lock_path(path).exists()


async def test_a_live_holder_means_read_only_and_nothing_is_written(examples: Path) -> None:
    """Another running dtworkshop (this very process stands in for it) holds the file: the
    app says who, opens it read-only on Enter, refuses edits, and writes nothing at all; once
    the other has let go, ctrl+e edits and saves."""
    path = examples / MORS
    lock = fake_lock(path, pid=os.getpid(), user="anne")
    before, stamp = path.read_bytes(), path.stat().st_mtime_ns
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "ChoiceScreen"
        assert "anne" in question(app) and str(os.getpid()) in question(app)
        assert DA("app.take_over") not in [str(b.label) for b in app.screen.query("Button")]
        await pilot.press("enter")  # "open read-only" comes first
        await pilot.pause()
        assert app.document.read_only
        assert DA("app.read_only") in str(app.screen.query_one("#session-bar").render())
        assert all(w.disabled for w in app.screen.query("Input, Select, TextArea, Button"))
        await pilot.press("a", "b", "c", "ctrl+d")
        await pilot.pause()
        assert type(app.screen).__name__ != "DecisionScreen"
        await pilot.press("ctrl+n", "ctrl+g", "s")  # moving around is fine, and not saved
        await until(pilot, lambda: type(app.screen).__name__ == "DetailsScreen", "the details")
        await settled(pilot)  # nothing waits to be written
        assert path.read_bytes() == before and path.stat().st_mtime_ns == stamp
        assert lock_path(path).read_bytes() == lock  # the holder's lock is untouched

        await pilot.press("ctrl+e")  # the other still holds it: say so, stay read-only
        await pilot.pause()
        assert type(app.screen).__name__ == "ChoiceScreen" and "anne" in question(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.document.read_only

        lock_path(path).unlink()  # the other facilitator quits
        await pilot.press("ctrl+g", CANVAS_HOTKEY["story_fish"], "ctrl+e")
        await pilot.pause()
        assert not app.document.read_only
        await type_into(pilot, "#hero", " æøå")
        await settled(pilot)
        assert read_session(path).story_fish.hero.endswith(" æøå")
        assert read_holder(path).pid == os.getpid()
        await pilot.press("ctrl+q")
    assert not lock_path(path).exists()


async def test_a_stale_lock_of_another_user_is_taken_over_on_enter(examples: Path) -> None:
    path = examples / MORS
    pid = dead_pid()
    fake_lock(path, pid=pid, user="somebody-else")
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "ChoiceScreen"
        assert "somebody-else" in question(app) and str(pid) in question(app)
        await pilot.press("enter")  # "take over" comes first when the holder is gone
        await pilot.pause()
        assert not app.document.read_only
        assert read_holder(path).pid == os.getpid()
        await pilot.press("ctrl+q")
    assert not lock_path(path).exists()


async def test_my_own_left_over_lock_is_taken_without_asking(examples: Path) -> None:
    """After a crash (kill -9, a power cut) this user's own dead process left its lock: it
    protects nobody, so the session just opens."""
    import getpass

    path = examples / MORS
    fake_lock(path, pid=dead_pid(), user=getpass.getuser())
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ != "ChoiceScreen"
        assert not app.document.read_only and read_holder(path).pid == os.getpid()


async def test_a_quiet_lock_from_another_host_may_be_taken_over(examples: Path) -> None:
    path = examples / MORS
    fake_lock(path, pid=4242, user="bo", host="other-host")
    old = 1_000_000_000  # 2001: nobody refreshed it for ages
    os.utime(lock_path(path), (old, old))
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "other-host" in question(app)
        labels = [str(b.label) for b in app.screen.query("Button")]
        assert labels[0] == DA("app.take_over")


async def test_losing_the_lock_stops_writing_and_keeps_the_changes_aside(examples: Path) -> None:
    """Someone took the session over (judging this one gone): this window must not
    overwrite their saves. It turns read-only; what it had not saved is kept beside."""
    path = examples / MORS
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await on_canvas_saved(pilot, "story_fish")  # the move to the canvas is saved first
        SessionLock.take_over(path)  # the other facilitator's
        theirs = path.read_bytes()
        await type_into(pilot, "#hero", " mine")
        await until(pilot, lambda: app.document.read_only, "the session turned read-only")
        await settled(pilot)
        assert path.read_bytes() == theirs
        aside = [p for p in examples.iterdir() if ".mine-" in p.name]
        assert len(aside) == 1
        assert read_session_bytes(aside[0]).story_fish.hero.endswith(" mine")
        await pilot.press("ctrl+q")
    assert lock_path(path).exists()  # still theirs


def command_found(app, text: str) -> bool:
    """Whether the command palette has found and highlighted the command `text`."""
    from textual.command import CommandList

    hits = app.screen.query(CommandList)
    if not hits:
        return False
    hits = hits.first()
    return hits.highlighted is not None and text in str(
        hits.get_option_at_index(hits.highlighted).prompt)


def read_session_bytes(path: Path):
    from dtworkshop.storage import decode_session

    return decode_session(path.read_bytes(), "x")


async def test_the_previous_version_is_kept_and_can_be_restored(examples: Path) -> None:
    """The first save of a run keeps the file as it was; later saves leave that backup
    alone; restoring (command palette) swaps it back, and restoring again undoes that."""
    path = examples / MORS
    original = path.read_bytes()
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["story_fish"])
        await type_into(pilot, "#hero", " et")
        await settled(pilot)
        assert backup_path(path).read_bytes() == original
        await type_into(pilot, "#hero", " to")
        await settled(pilot)
        assert backup_path(path).read_bytes() == original
        edited = path.read_bytes()
        assert read_session(path).story_fish.hero.endswith(" et to")

        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*DA("app.restore"))
        await until(pilot, lambda: command_found(app, DA("app.restore")), "the command found")
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "ConfirmScreen", "the question")
        await pilot.press("shift+tab")  # from "stay" (the safe default) to "restore"
        assert app.screen.focused.id == "yes"
        await pilot.press("enter")
        await pilot.pause()
        assert path.read_bytes() == original
        assert backup_path(path).read_bytes() == edited
        assert not app.document.session.story_fish.hero.endswith(" et to")  # shown at once
        await pilot.press("ctrl+q")

    # The CLI swaps back: restore undoes restore.
    done = subprocess.run([sys.executable, "-m", "dtworkshop", "restore", str(path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "er gendannet" in done.stdout  # in the session's language
    assert path.read_bytes() == edited
    assert backup_path(path).read_bytes() == original


def test_restore_refuses_without_a_backup_and_while_the_session_is_open(examples: Path) -> None:
    path = examples / MORS
    before = path.read_bytes()

    def restore() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "dtworkshop", "restore", str(path)],
                              capture_output=True, text=True)

    done = restore()
    assert done.returncode == 1 and "ingen forrige version" in done.stderr
    backup_path(path).write_bytes(b"format = 1\nid = ")  # a broken backup
    done = restore()
    assert done.returncode == 1 and "ikke en brugbar session" in done.stderr
    backup_path(path).write_bytes(before)
    fake_lock(path, pid=os.getpid(), user="anne")
    done = restore()
    assert done.returncode == 1 and "anne" in done.stderr
    assert path.read_bytes() == before


@pytest.mark.skipif(os.geteuid() != 0, reason="chattr +i needs root")
async def test_when_the_folder_fails_the_session_can_be_saved_elsewhere(examples: Path,
                                                                        tmp_path: Path) -> None:
    """A folder that cannot be written (chattr +i: not even root can) makes saving fail; the
    app says so, offers ctrl+f, and goes on in the folder typed."""
    path = examples / MORS
    rescue = tmp_path / "rescue"
    rescue.mkdir()
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await on_canvas_saved(pilot, "story_fish")
        before = path.read_bytes()
        subprocess.run(["chattr", "+i", str(examples)], check=True)
        try:
            await type_into(pilot, "#hero", " æøå")
            await until(pilot, lambda: app.document.error is not None, "the save failed")
            assert any(key == "ctrl+f" and b.enabled and b.binding.show
                       for key, b in app.screen.active_bindings.items())  # in the footer
            await pilot.press("ctrl+f")
            await pilot.pause()
            assert type(app.screen).__name__ == "PathScreen"
            await pilot.press("ctrl+u", *str(rescue), "enter")
            await pilot.pause()
        finally:
            subprocess.run(["chattr", "-i", str(examples)], check=True)
        assert path.read_bytes() == before
        moved = rescue / MORS
        assert read_session(moved).story_fish.hero.endswith(" æøå")
        assert app.document.path == moved and app.document.error is None
        await type_into(pilot, "#hero", "!")
        await settled(pilot)
        assert read_session(moved).story_fish.hero.endswith(" æøå!")
        await pilot.press("ctrl+q")
    assert not lock_path(moved).exists() and not lock_path(path).exists()


def test_a_session_file_that_is_a_link_stays_a_link(examples: Path, tmp_path: Path) -> None:
    """A facilitator who keeps the real file elsewhere (a synced folder) and links it into the
    sessions folder: saving writes through the link instead of replacing it."""
    from dtworkshop.document import Document

    real = tmp_path / "synced" / MORS
    real.parent.mkdir()
    (examples / MORS).rename(real)
    link = examples / MORS
    link.symlink_to(real)
    document = Document.open(link)
    document.session.canvas("story_fish").hero = "gennem linket"
    assert document.save()
    document.close()
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert read_session(real).story_fish.hero == "gennem linket"


async def test_editing_keys_typed_just_before_a_dialog_closes_stay_in_the_dialog(
        examples: Path) -> None:
    """ctrl+u, ctrl+w, backspace typed in a dialog right before the Enter that closes it
    (one burst, as over a slow link) act on the dialog's field, never on the canvas field
    under it once the dialog is gone. (Found in tmux: ctrl+u in "save elsewhere" emptied the
    story fish's hero.)"""
    from tests.test_app import burst

    path = examples / MORS
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["story_fish"])
        await pilot.pause()
        hero = app.document.session.story_fish.hero
        assert app.screen.focused.id == "hero" and hero
        burst(app, ["ctrl+d", *"Forkert", "ctrl+u", *"Ret", "enter",
                    *"Bo", "ctrl+w", *"Åse", "backspace", "enter", "ctrl+u", "enter"])
        count = len(app.document.session.decisions)
        await until(pilot, lambda: len(app.document.session.decisions) > count
                    and type(app.screen).__name__ != "DecisionScreen", "the decision recorded")
        await settled(pilot)
        decision = app.document.session.decisions[-1]
        assert (decision.text, decision.owner, decision.due) == ("Ret", "Ås", None)
        assert app.document.session.story_fish.hero == hero


async def test_read_only_follows_the_file_as_its_holder_saves(examples: Path) -> None:
    """A co-facilitator looking read-only sees what the one with the file saves, on the
    canvas they were looking at, within a few seconds."""
    from dtworkshop.storage import save_session
    from dtworkshop.ui.app import FOLLOW_INTERVAL

    path = examples / MORS
    fake_lock(path, pid=os.getpid(), user="anne")
    app = WorkshopApp(sessions_dir=examples, open_path=path, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", CANVAS_HOTKEY["story_fish"])
        await pilot.pause()
        assert app.document.read_only
        theirs = read_session(path)
        theirs.story_fish.hero = "Ny helt [bold]æøå"
        theirs.current = "political"
        save_session(theirs, path)

        def followed() -> bool:
            if type(app.screen).__name__ != "StoryFishScreen":  # where they were looking
                return False
            hero = app.screen.query("#hero")  # the canvas is built anew for their version
            return bool(hero) and hero.first().value == "Ny helt [bold]æøå"

        await until(pilot, followed,
                    f"their save shown (the file is looked at every {FOLLOW_INTERVAL} s)")
        assert app.document.read_only


def test_a_new_session_never_replaces_one_created_at_the_same_moment(tmp_path: Path,
                                                                    monkeypatch) -> None:
    """Two facilitators create "the same" session in one shared folder at the same moment:
    the one whose name check came first wins the name, the other gets the next one."""
    import dtworkshop.storage.files as storage  # where create_session finds unique_id
    from dtworkshop.core.session import new_session

    theirs = tmp_path / "2026-11-29-mors.toml"
    taken = {"done": False}
    real_unique_id = storage.unique_id

    def check_then_they_create(folder, base):
        found = real_unique_id(folder, base)
        if not taken["done"]:  # between our check and our write, they write theirs
            taken["done"] = True
            theirs.write_bytes(b"their session")
        return found

    monkeypatch.setattr(storage, "unique_id", check_then_they_create)
    session = new_session("2026-11-29-mors", title="Mors", organisation="Mors")
    path = storage.create_session(session, tmp_path)
    assert theirs.read_bytes() == b"their session"
    assert path.name == "2026-11-29-mors-2.toml" and session.id == "2026-11-29-mors-2"
    assert read_session(path).title == "Mors"
    assert {p.name for p in tmp_path.iterdir()} == {theirs.name, path.name}


async def test_words_after_enter_on_a_locked_session_wait_for_the_question(examples: Path) -> None:
    """Enter on a session another dtworkshop has open, and words in the same read: the
    question about the lock comes and the words are said there. Before, the browser took
    them as its letters (t opened trends) and the question never showed."""
    from tests.test_app import burst
    from tests.test_keys_land import list_shown, notices

    path = examples / MORS
    fake_lock(path, pid=os.getpid(), user="anne")
    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await list_shown(pilot, app)
        table = app.screen.query_one("#sessions")
        row = next(i for i, item in enumerate(app.screen.listings) if item.path.name == MORS)
        table.move_cursor(row=row)
        await settled(pilot)
        burst(app, ["enter", *"hello typed ahead"])
        await until(pilot, lambda: type(app.screen).__name__ == "ChoiceScreen", "the question")
        await until(pilot, lambda: any("»hello typed ahead«" in n for n in notices(app)),
                    "the words said on the question")
        assert type(app.screen).__name__ == "ChoiceScreen"
        await pilot.press("escape")
