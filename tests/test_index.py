"""The index of a sessions folder (`dtworkshop.index`, issue 5): what it keeps of each file,
and its cache, which must never show anything stale or corrupt: a changed, added, deleted,
renamed or touched file, a change within the same second at the same size, a corrupt, cut
off or old cache, a read-only folder. After one file changes only that file is parsed again.

Real files in tmp_path and the real `load_index`; no timing anywhere (speed is measured by
bench/listing.py). Files are given modification times in the past, as real sessions have:
a file changed within the last two seconds is never trusted from the cache (see RACY_NS).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import time
from pathlib import Path

import msgspec
import pytest

from dtworkshop.core.canvases import CANVAS_KEYS
from dtworkshop.index import (
    CACHE_NAME,
    CACHE_VERSION,
    LoadCancelled,
    POOL_MIN,
    POOL_MIN_FRESH,
    Entry,
    Index,
    load_index,
    overdue,
    summarise,
)
from dtworkshop.storage import SessionFileError, dumps, list_sessions, read_session

REPO = Path(__file__).resolve().parent.parent
HOSTILE = REPO / "tests" / "hostile"
LONG_AGO = 1_600_000_000  # 2020-09-13: a session from years ago


def age(folder: Path, start: int = LONG_AGO) -> None:
    """Give every *.toml in `folder` its own modification time, years ago."""
    for i, path in enumerate(sorted(folder.glob("*.toml"))):
        os.utime(path, (start + 60 * i, start + 60 * i))


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.toml"))


def by_name(index: Index) -> dict[str, Entry]:
    return {e.name: e for e in index.entries}


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture(autouse=True)
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$XDG_CACHE_HOME in tmp_path: no test writes to the real user's cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg"


@pytest.fixture
def folder(examples: Path) -> Path:
    """The example sessions, aged, indexed once (cache written)."""
    age(examples)
    index = load_index(examples)
    assert index.parsed == names(examples)
    assert index.cache == examples / CACHE_NAME
    return examples


# ---------------------------------------------------------------- what an entry holds


def test_each_entry_summarises_its_file(examples: Path) -> None:
    index = load_index(examples)
    assert [e.name for e in index.entries] == names(examples)
    for entry in index.entries:
        path = index.path(entry)
        session = read_session(path)
        status = path.stat()
        s = entry.session
        assert entry.error is None and s is not None
        assert (entry.size, entry.mtime_ns, entry.ctime_ns, entry.ino) == (
            status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)
        assert (s.id, s.title, s.organisation, s.facilitator, s.language, s.current) == (
            session.id, session.title, session.organisation, session.facilitator,
            session.language, session.current)
        assert s.created == session.created and s.updated == session.updated
        assert s.updated.utcoffset() == session.updated.utcoffset()
        assert list(s.canvases) == list(CANVAS_KEYS)
        assert s.canvases == {key: session.status(key) for key in CANVAS_KEYS}
        assert s.warnings == sum(len(w) for w in session.warnings().values())
        assert [(d.canvas, d.text, d.owner, d.due, d.made) for d in s.decisions] == [
            (d.canvas, d.text, d.owner, d.due, d.made) for d in session.decisions]
        assert s == summarise(session)


def test_the_search_text_holds_all_user_text_and_no_enumeration_words(examples: Path) -> None:
    ringkoebing = next(e.session for e in load_index(examples).entries
                       if "ringkoebing-skjern-portefoelje" in e.name)
    session = read_session(examples / f"{ringkoebing.id}.toml")
    text = ringkoebing.text.decode("utf-8")
    assert text == text.lower()
    for piece in (session.title, session.facilitator, session.participants[1].name,
                  session.participants[1].role, session.portfolio.notes,
                  session.portfolio.initiatives[0].name, session.actor_pentagon.scope[0],
                  session.actor_pentagon.employee.who, session.decisions[0].text,
                  session.decisions[0].owner, session.political.actions[2]):
        assert piece.lower() in text
        assert ringkoebing.matches(piece.upper())
    assert ringkoebing.matches("SØREN ÆBELØ") and ringkoebing.matches("")
    for word in ("spearheads", "passivity", "rethink_services", "accountable", "portfolio"):
        assert not ringkoebing.matches(word), word
    assert not ringkoebing.matches("camillas mor")


def test_bad_files_are_listed_with_the_reason_read_session_gives(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    folder.mkdir()
    for path in HOSTILE.glob("*.toml"):
        shutil.copy(path, folder / path.name)
    head = (HOSTILE / "bom.toml").read_text("utf-8-sig").split("\n[", 1)[0]
    (folder / "deep-key.toml").write_text(
        head.replace('id = "bom"', 'id = "deep-key"') + "\n[story_fish]\n"
        + ".".join(["a"] * 5_000) + " = 1\n", "utf-8")
    (folder / "deep-array.toml").write_text("x = " + "[" * 50_000, "utf-8")
    (folder / "deep-closed.toml").write_text(
        head.replace('id = "bom"', 'id = "deep-closed"') + "\nx = " + "[" * 40 + "1"
        + "]" * 40 + "\n", "utf-8")
    (folder / "dots.toml").write_text(
        head.replace('id = "bom"', 'id = "dots"') + '\n[story_fish]\nhead = "'
        + ". " * 200 + '"\n', "utf-8")
    (folder / "folder.toml").mkdir()
    (folder / "broken-link.toml").symlink_to("gone.toml")
    (folder / "loop.toml").symlink_to("loop.toml")
    (folder / "good-link.toml").symlink_to(folder / "bom.toml")
    os.mkfifo(folder / "fifo.toml")
    with open(folder / "huge.toml", "wb") as handle:
        handle.truncate(6 * 1024 * 1024)
    (folder / "wrong-name.toml").write_bytes((HOSTILE / "crlf.toml").read_bytes())
    before = {p.name: (p.lstat().st_mtime_ns, p.lstat().st_size) for p in folder.iterdir()}

    for _ in range(2):  # from the files, then from the cache
        index = load_index(folder)
        assert [e.name for e in index.entries] == names(folder)
        for entry in index.entries:
            try:
                read_session(index.path(entry))
            except SessionFileError as exc:
                assert entry.session is None
                assert (entry.error.message, entry.error.where) == (exc.message, exc.where), \
                    entry.name
                sep = ":" if exc.where else ": "
                assert str(exc) == f"{index.path(entry)}{sep}{entry.error}"
            else:
                assert entry.error is None and entry.session is not None, entry.name
        good = {e.name for e in index.sessions()}
        assert {"bom.toml", "crlf.toml", "dots.toml", "unknown-keys.toml"} <= good
        assert "good-link.toml" not in good  # its id says bom, its name good-link
        assert index.problems() == [e for e in index.entries if e.name not in good]
    assert {p.name: (p.lstat().st_mtime_ns, p.lstat().st_size) for p in folder.iterdir()
            if p.name != CACHE_NAME} == before


def test_sessions_are_newest_change_first(folder: Path) -> None:
    index = load_index(folder)
    stamps = [e.session.updated for e in index.sessions()]
    assert stamps == sorted(stamps, reverse=True)
    assert [e.session.id for e in index.sessions()] == [
        item.session.id for item in list_sessions(folder) if item.session]


def test_overdue_is_a_due_date_before_today() -> None:
    from dtworkshop.index import DecisionInfo

    made = dt.datetime(2026, 11, 30, 10, tzinfo=dt.timezone.utc)
    due = DecisionInfo("portfolio", "x", "", dt.date(2027, 1, 31), made)
    assert not overdue(due, dt.date(2027, 1, 31))
    assert overdue(due, dt.date(2027, 2, 1))
    assert not overdue(DecisionInfo("portfolio", "x", "", None, made), dt.date(2099, 1, 1))


def test_a_missing_folder_is_empty_and_a_file_is_refused(tmp_path: Path) -> None:
    assert load_index(tmp_path / "nowhere").entries == []
    (tmp_path / "file").write_text("x")
    with pytest.raises(NotADirectoryError):
        load_index(tmp_path / "file")


# ---------------------------------------------------------------- the cache: reuse


def test_nothing_changed_nothing_parsed(folder: Path) -> None:
    first = load_index(folder, cache=False)
    again = load_index(folder)
    assert again.parsed == []
    assert again.entries == first.entries
    stamp = (folder / CACHE_NAME).stat().st_mtime_ns
    load_index(folder)
    assert (folder / CACHE_NAME).stat().st_mtime_ns == stamp, "rewritten though nothing changed"


def test_a_changed_file_is_the_only_one_parsed(folder: Path) -> None:
    path = folder / names(folder)[1]
    rewrite(path, 'title = "', 'title = "Ændret: ')
    os.utime(path, (LONG_AGO + 9999, LONG_AGO + 9999))
    index = load_index(folder)
    assert index.parsed == [path.name]
    assert by_name(index)[path.name].session.title.startswith("Ændret: ")
    assert load_index(folder).parsed == []


def test_an_added_file_is_the_only_one_parsed(folder: Path) -> None:
    source = folder / names(folder)[0]
    session = read_session(source)
    session.id = "2027-01-01-ny"
    session.title = "Ny session"
    new = folder / "2027-01-01-ny.toml"
    new.write_bytes(dumps(session))
    os.utime(new, (LONG_AGO, LONG_AGO))
    index = load_index(folder)
    assert index.parsed == [new.name]
    assert by_name(index)[new.name].session.title == "Ny session"
    assert load_index(folder).parsed == []


def test_a_deleted_file_is_gone_and_nothing_is_parsed(folder: Path) -> None:
    gone = names(folder)[0]
    (folder / gone).unlink()
    index = load_index(folder)
    assert index.parsed == []
    assert [e.name for e in index.entries] == names(folder)
    again = load_index(folder)
    assert gone not in by_name(again) and again.parsed == []


def test_a_renamed_file_is_read_under_its_new_name(folder: Path) -> None:
    old = names(folder)[0]
    (folder / old).rename(folder / "renamed.toml")
    index = load_index(folder)
    assert index.parsed == ["renamed.toml"]
    assert old not in by_name(index)
    entry = by_name(index)["renamed.toml"]
    assert entry.error.where == "id" and "does not match the file name" in entry.error.message


def test_a_file_moved_over_another_of_the_same_size_and_time_is_read_again(
        tmp_path: Path) -> None:
    folder = tmp_path / "s"
    folder.mkdir()
    session = read_session(REPO / "sessions" / "2026-12-14-egedal-et-kontaktpunkt.toml")
    for name in ("aa", "bb"):
        session.id = name
        session.title = f"Session {name}"
        (folder / f"{name}.toml").write_bytes(dumps(session))
        os.utime(folder / f"{name}.toml", (LONG_AGO, LONG_AGO))
    a, b = folder / "aa.toml", folder / "bb.toml"
    assert a.stat().st_size == b.stat().st_size and a.stat().st_mtime_ns == b.stat().st_mtime_ns
    load_index(folder)
    b.rename(a)  # same name, size and modification time; another file
    index = load_index(folder)
    assert index.parsed == ["aa.toml"]
    assert by_name(index)["aa.toml"].error.where == "id"


def test_a_touched_file_is_the_only_one_parsed(folder: Path) -> None:
    path = folder / names(folder)[2]
    before = by_name(load_index(folder))[path.name]
    path.touch()
    index = load_index(folder)
    assert index.parsed == [path.name]
    assert by_name(index)[path.name].session == before.session


def test_a_change_in_the_same_second_at_the_same_size_is_seen(folder: Path) -> None:
    path = folder / names(folder)[0]
    status = path.stat()
    text = path.read_text("utf-8")
    title = read_session(path).title
    changed = title[::-1]  # same length, same bytes, other text
    assert changed != title
    path.write_text(text.replace(f'title = "{title}"', f'title = "{changed}"', 1), "utf-8")
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert path.stat().st_size == status.st_size
    assert path.stat().st_mtime_ns == status.st_mtime_ns
    index = load_index(folder)
    assert index.parsed == [path.name]
    assert by_name(index)[path.name].session.title == changed


def test_a_file_changed_just_before_the_cache_was_written_is_never_trusted(
        folder: Path) -> None:
    # Its time is not safely in the past (here: in the future, as a clock ahead makes it),
    # so a second change within the same timestamp could look like none: read it each time.
    path = folder / names(folder)[0]
    soon = time.time() + 3600
    os.utime(path, (soon, soon))
    assert load_index(folder).parsed == [path.name]
    stamp = (folder / CACHE_NAME).stat().st_mtime_ns
    assert load_index(folder).parsed == [path.name]
    assert load_index(folder).parsed == [path.name]
    assert (folder / CACHE_NAME).stat().st_mtime_ns == stamp, "rewritten for nothing new"
    os.utime(path, (LONG_AGO, LONG_AGO))  # once it is old it is trusted again
    assert load_index(folder).parsed == [path.name]
    assert load_index(folder).parsed == []


def test_the_cache_is_hidden_and_not_a_session(folder: Path) -> None:
    assert (folder / CACHE_NAME).is_file()
    assert CACHE_NAME not in by_name(load_index(folder))
    assert all(item.path.name != CACHE_NAME for item in list_sessions(folder))


# ---------------------------------------------------------------- the cache: never trusted


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "flipped", "folder"])
def test_a_corrupt_cache_is_rebuilt_silently(folder: Path, damage: str) -> None:
    truth = load_index(folder, cache=False).entries
    cache = folder / CACHE_NAME
    data = cache.read_bytes()
    if damage == "garbage":
        cache.write_bytes(os.urandom(len(data)))
    elif damage == "truncated":
        cache.write_bytes(data[: len(data) // 2])
    elif damage == "empty":
        cache.write_bytes(b"")
    elif damage == "flipped":  # one letter of a title: still valid msgpack
        title = truth[0].session.title.encode("utf-8")
        at = data.index(title)
        cache.write_bytes(data[:at] + bytes([title[0] ^ 0x01]) + data[at + 1:])
    else:
        cache.unlink()
        cache.mkdir()
    index = load_index(folder)
    assert index.entries == truth
    assert index.parsed == names(folder)
    if damage != "folder":
        assert load_index(folder).parsed == [], "the rebuilt cache is used next time"
    else:
        cache.rmdir()


def test_a_cache_of_another_version_is_rebuilt(folder: Path) -> None:
    cache = folder / CACHE_NAME
    data = cache.read_bytes()
    magic, size = data[:4], int.from_bytes(data[4:8], "big")
    head, payload = msgspec.msgpack.decode(data[8:8 + size]), data[8 + size:]
    assert head[0] == CACHE_VERSION

    def write(version: int, program: str) -> None:
        new = msgspec.msgpack.encode([version, program, *head[2:]])
        cache.write_bytes(magic + len(new).to_bytes(4, "big") + new + payload)

    for version, program in ((CACHE_VERSION - 1, head[1]), (CACHE_VERSION + 1, head[1]),
                             (CACHE_VERSION, "dtworkshop 0.0.1 format 1")):
        write(version, program)
        assert load_index(folder).parsed == names(folder)
        assert load_index(folder).parsed == []
    # An older layout altogether: one msgpack map, no header.
    cache.write_bytes(msgspec.msgpack.encode({"version": 0, "entries": []}))
    assert load_index(folder).parsed == names(folder)
    write(CACHE_VERSION, head[1])  # the same header again: trusted again
    assert load_index(folder).parsed == []


def test_a_cache_with_an_entry_for_a_file_now_different_is_not_believed(folder: Path) -> None:
    # The cache as a copy of an older folder would bring it: the right names, other files.
    other = folder.parent / "other"
    shutil.copytree(folder, other)
    shutil.copy(other / CACHE_NAME, folder / CACHE_NAME)
    path = folder / names(folder)[0]
    rewrite(path, 'title = "', 'title = "Kun her: ')
    os.utime(path, (LONG_AGO, LONG_AGO))
    index = load_index(folder)
    assert path.name in index.parsed
    assert by_name(index)[path.name].session.title.startswith("Kun her: ")


def test_no_cache_reads_and_writes_nothing(examples: Path) -> None:
    age(examples)
    index = load_index(examples, cache=False)
    assert index.cache is None and index.parsed == names(examples)
    assert not (examples / CACHE_NAME).exists()


# ---------------------------------------------------------------- a folder that cannot be written


@pytest.fixture
def read_only(examples: Path):
    """The examples in a folder this process cannot write (root: an immutable folder)."""
    age(examples)
    if os.geteuid() == 0:
        made = subprocess.run(["chattr", "+i", str(examples)], capture_output=True)
        if made.returncode != 0:
            pytest.skip("root cannot be kept from writing here (no chattr +i)")
        undo = ["chattr", "-i", str(examples)]
    else:
        examples.chmod(0o555)
        undo = ["chmod", "755", str(examples)]
    assert not os.access(examples, os.W_OK)
    yield examples
    subprocess.run(undo, check=True)


def test_a_read_only_folder_keeps_its_cache_in_the_user_cache(
        read_only: Path, tmp_path: Path) -> None:
    before = sorted(p.name for p in read_only.iterdir())
    index = load_index(read_only)
    assert index.parsed == names(read_only)
    assert index.cache is not None and index.cache.parent == tmp_path / "xdg" / "dtworkshop"
    assert sorted(p.name for p in read_only.iterdir()) == before
    again = load_index(read_only)
    assert again.parsed == [] and again.entries == index.entries
    # Another folder never takes this one's cache.
    other = tmp_path / "other"
    shutil.copytree(read_only, other)
    age(other)
    assert load_index(other).parsed == names(other)


def test_with_no_writable_cache_anywhere_every_listing_reads_all(
        read_only: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a-file").write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "a-file" / "cache"))
    for _ in range(2):
        index = load_index(read_only)
        assert index.cache is None
        assert index.parsed == names(read_only)
        assert len(index.sessions()) == len(names(read_only))


def test_a_read_only_folder_uses_the_cache_it_holds(examples: Path) -> None:
    age(examples)
    load_index(examples)  # written in the folder, while it still could be
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(examples)], capture_output=True).returncode:
            pytest.skip("root cannot be kept from writing here (no chattr +i)")
        undo = ["chattr", "-i", str(examples)]
    else:
        examples.chmod(0o555)
        undo = ["chmod", "755", str(examples)]
    try:
        index = load_index(examples)
        assert index.parsed == []
    finally:
        subprocess.run(undo, check=True)


# ---------------------------------------------------------------- streaming, workers


def test_batches_come_cached_first_then_parsed(folder: Path) -> None:
    path = folder / names(folder)[0]
    rewrite(path, 'title = "', 'title = "Ny: ')
    os.utime(path, (LONG_AGO, LONG_AGO))
    batches: list[list[Entry]] = []
    index = load_index(folder, on_batch=batches.append)
    assert [e.name for e in batches[0]] == names(folder)[1:]
    assert [[e.name for e in b] for b in batches[1:]] == [[path.name]]
    assert sorted(e.name for b in batches for e in b) == [e.name for e in index.entries]


def test_an_error_in_on_batch_stops_the_load_and_writes_no_cache(examples: Path) -> None:
    age(examples)

    def stop(_entries: list[Entry]) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        load_index(examples, on_batch=stop)
    assert not (examples / CACHE_NAME).exists()


def test_worker_processes_give_the_same_index_as_one_process(tmp_path: Path) -> None:
    import sys
    import threading

    sys.path.insert(0, str(REPO / "bench"))
    try:
        from make_sessions import make
    finally:
        sys.path.remove(str(REPO / "bench"))
    folder = tmp_path / "many"
    make(max(POOL_MIN, POOL_MIN_FRESH) + 20, folder, seed=5, bad_every=40)
    alone = load_index(folder, workers=1, cache=False)
    assert 0 < len(alone.problems()) < len(alone.entries)

    forked: list[list[Entry]] = []
    index = load_index(folder, workers=2, cache=False, on_batch=forked.append)
    assert index.entries == alone.entries
    assert len(forked) > 1, "rows arrive in batches, before the whole folder is read"
    assert [e for b in forked for e in b] == alone.entries  # in name order, deterministic

    # From a thread, as the TUI loads it: workers started afresh, the same result.
    served: list[list[Entry]] = []
    found: list[Index] = []
    worker = threading.Thread(target=lambda: found.append(
        load_index(folder, workers=2, on_batch=served.append)))
    worker.start()
    worker.join()
    assert found[0].entries == alone.entries and found[0].parsed == names(folder)
    assert [e for b in served for e in b] == alone.entries
    assert load_index(folder, workers=2).parsed == []


def test_a_cancelled_load_stops_its_workers_at_once_and_writes_no_cache(tmp_path: Path) -> None:
    """A program quitting in the middle of a cold load sets its `cancel`: no further batch
    comes, the worker processes are gone when `load_index` returns, and no cache is written
    (the next load reads the folder afresh)."""
    import multiprocessing
    import sys
    import threading

    sys.path.insert(0, str(REPO / "bench"))
    try:
        from make_sessions import make
    finally:
        sys.path.remove(str(REPO / "bench"))
    folder = tmp_path / "many"
    make(max(POOL_MIN, POOL_MIN_FRESH) + 20, folder, seed=5, bad_every=40)
    cancel = threading.Event()
    batches: list[list[Entry]] = []

    def quit_after_the_first(entries: list[Entry]) -> None:
        batches.append(entries)
        cancel.set()

    with pytest.raises(LoadCancelled):
        load_index(folder, workers=2, on_batch=quit_after_the_first, cancel=cancel)
    assert len(batches) == 1
    assert multiprocessing.active_children() == []
    assert not (folder / CACHE_NAME).exists()
    assert load_index(folder, workers=1).parsed == names(folder)  # nothing was kept
