"""Hostile and hand-edited session files (issue 4): each one is refused by `dtworkshop
validate` and by the app's session list with a one-line message naming the file and the
line:column or key path, and nothing on disk changes; files as Windows editors write them
(BOM, CRLF) open, and keys the program does not know survive an edit in the app.

The small files are checked in under `tests/hostile/` (see its README); the big or odd ones
(50 MB, 100 000 levels of nesting, a folder, links, a pipe) are made here in tmp_path.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
import time
import tomllib
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input

from dtworkshop.storage import SessionFileError, read_session
from dtworkshop.ui.app import WorkshopApp
from dtworkshop.ui.canvases.base import CanvasScreen
from dtworkshop.ui.widgets.long_table import LongTable

REPO = Path(__file__).resolve().parent.parent
HOSTILE = REPO / "tests" / "hostile"
EXAMPLES = REPO / "sessions"
SIZE = (80, 24)
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

HEAD = """\
format = 1
id = "{id}"
title = "Strategidag"
organisation = "Egedal Kommune"
facilitator = "Mette"
language = "da"
created = 2026-11-30T09:00:00+01:00
updated = 2026-11-30T11:42:10+01:00
current = "business_case"
"""


def head(name: str) -> str:
    return HEAD.format(id=Path(name).stem)


# ---------------------------------------------------------------- the cases

# checked-in file → (where, a fragment the message must hold); where "" = the whole file
REFUSED: dict[str, tuple[str, str]] = {
    # a real session cut off: the end of the file is the place to look
    "truncated-mid-string.toml": ("34:46", "the file ends inside a string: is it cut off?"),
    "truncated-mid-header.toml": ("53:17", "the file ends in the middle of a value or [table]"),
    # TOML syntax
    "duplicate-key.toml": ("15:18", "verdict is set twice in the same table"),
    "duplicate-table.toml": ("17:15", "the table [business_case] is declared twice"),
    "unclosed-string.toml": ("4:31", 'a string is not closed before the end of the line'),
    "bad-date.toml": ("17:7", "not a real date or time"),
    "bad-date-month.toml": ("17:12", "not a real date or time"),
    # wrong types, out of range, words outside the enumerations
    "string-for-int.toml": ("business_case.perspectives.economy.fit",
                            'expected int 1..5, got "4"'),
    "table-for-array.toml": ("portfolio.units",
                             "expected [[portfolio.units]] blocks (an array of tables), "
                             "got one [portfolio.units] table"),
    "percent-140.toml": ("organisation_forms.matrix", "expected int 0..100, got 140"),
    "score-7.toml": ("business_case.perspectives.culture.fit", "expected int 1..5, got 7"),
    "unknown-phase.toml": ("double_diamond.phase", 'got "design"'),
    "translated-word.toml": ("political.scenario", 'got "Passivitet"'),
    # the format line
    "format-newer.toml": ("format", "2 is newer than this dtworkshop reads (format 1)"),
    "format-missing.toml": ("format", "missing; a session file starts with the line format = 1"),
    # encodings
    "invalid-utf8.toml": ("5:17", "is not valid UTF-8 text (byte 0xF8); save the file as UTF-8"),
    "utf16.toml": ("", "is UTF-16 text; save it as UTF-8"),
    "utf16-no-bom.toml": ("", "is UTF-16 text; save it as UTF-8"),
    "lone-cr.toml": ("1:11", "a carriage return alone ends no line"),
    # nothing, or not a session at all
    "empty.toml": ("", "is empty"),
    "whitespace.toml": ("", "is empty"),
    "not-a-session.toml": ("format", "this is not a dtworkshop session file"),
}

# checked-in files that are valid sessions and must open
VALID = ["bom.toml", "crlf.toml", "bom-crlf.toml", "unknown-keys.toml"]
WINDOWS = ["bom.toml", "crlf.toml", "bom-crlf.toml"]


def make_huge(folder: Path) -> Path:
    """A 50 MB file: a valid session whose notes are 50 MB long."""
    path = folder / "huge.toml"
    with path.open("wb") as handle:
        handle.write(head(path.name).encode() + b'\n[story_fish]\nnotes = """\n')
        block = (b"x" * 1023 + b"\n") * 1024
        for _ in range(50):
            handle.write(block)
        handle.write(b'"""\n')
    return path


def make_deep_array(folder: Path) -> Path:
    path = folder / "deep-array.toml"
    path.write_text("x = " + "[" * 100_000, "utf-8")
    return path


def make_deep_inline_table(folder: Path) -> Path:
    path = folder / "deep-inline-table.toml"
    path.write_text(head(path.name) + "extra = " + "{ a = " * 100_000, "utf-8")
    return path


def make_deep_table_header(folder: Path) -> Path:
    path = folder / "deep-table-header.toml"
    path.write_text(head(path.name) + "\n[" + ".".join(["a"] * 100_000) + "]\nb = 1\n", "utf-8")
    return path


def make_deep_dotted_key(folder: Path) -> Path:
    path = folder / "deep-dotted-key.toml"
    path.write_text(head(path.name) + "[story_fish]\n" + ".".join(["a"] * 20_000) + " = 1\n",
                    "utf-8")
    return path


def make_deep_closed_array(folder: Path) -> Path:
    """Valid TOML, 40 levels deep: tomllib reads it, but no session nests like that."""
    path = folder / "deep-closed-array.toml"
    path.write_text(head(path.name) + "x = " + "[" * 40 + "1" + "]" * 40 + "\n", "utf-8")
    return path


def make_folder(folder: Path) -> Path:
    path = folder / "folder.toml"
    path.mkdir()
    return path


def make_broken_link(folder: Path) -> Path:
    path = folder / "broken-link.toml"
    path.symlink_to("gone.toml")
    return path


def make_link_loop(folder: Path) -> Path:
    path = folder / "link-loop.toml"
    path.symlink_to("link-loop.toml")
    return path


def make_fifo(folder: Path) -> Path:
    path = folder / "fifo.toml"
    os.mkfifo(path)  # opening it to read would wait forever for a writer
    return path


def make_unreadable(folder: Path) -> Path:
    path = folder / "unreadable.toml"
    shutil.copy(HOSTILE / "bom.toml", path)
    path.chmod(0)
    return path


# made in the test → (maker, where, fragment)
GENERATED: dict[str, tuple[Callable[[Path], Path], str, str]] = {
    "huge.toml": (make_huge, "", "is 50.0 MB, larger than the 5 MB a session file may be"),
    "deep-array.toml": (make_deep_array, "1:5", "nested more than 32 levels deep"),
    "deep-inline-table.toml": (make_deep_inline_table, "10:9", "nested more than 32 levels deep"),
    "deep-table-header.toml": (make_deep_table_header, "11:2", "nested more than 32 levels deep"),
    "deep-dotted-key.toml": (make_deep_dotted_key, "11:1", "nested more than 32 levels deep"),
    "deep-closed-array.toml": (make_deep_closed_array, "x[0][0][0]…",
                               "nested more than 32 levels deep"),
    "folder.toml": (make_folder, "", "is a folder, not a session file"),
    "broken-link.toml": (make_broken_link, "", "is a link to gone.toml, which does not exist"),
    "link-loop.toml": (make_link_loop, "", "cannot be read: too many levels of symbolic links"),
    "fifo.toml": (make_fifo, "", "is not a regular file"),
    "unreadable.toml": (make_unreadable, "", "cannot be read: permission denied"),
}

ALL_REFUSED = sorted([*REFUSED, *GENERATED])


def expected(name: str) -> tuple[str, str]:
    if name in REFUSED:
        return REFUSED[name]
    return GENERATED[name][1:]


def state(folder: Path) -> dict[str, tuple]:
    """Everything about a folder's entries that a reader could change."""
    found = {}
    for path in sorted(folder.iterdir()):
        st = path.lstat()
        content = None
        if stat.S_ISREG(st.st_mode) and st.st_mode & 0o444:
            content = hashlib.sha256(path.read_bytes()).hexdigest()
        link = os.readlink(path) if stat.S_ISLNK(st.st_mode) else None
        found[path.name] = (st.st_mode, st.st_size, st.st_mtime_ns, content, link)
    return found


def visible_state(folder: Path) -> dict[str, tuple]:
    """`state` of the entries the session list shows (hidden helper files left out)."""
    return {name: v for name, v in state(folder).items() if not name.startswith(".")}


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """`python -m dtworkshop ARGS` for real, in a subprocess."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(cwd),
        "LANG": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        "PYTHONPATH": str(REPO),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    return subprocess.run([sys.executable, "-m", "dtworkshop", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=60)


def prefix(path: Path | str, where: str) -> str:
    return f"{path}:{where}: " if where else f"{path}: "


# ---------------------------------------------------------------- the corpus itself


def test_the_corpus_is_all_there_and_described() -> None:
    files = sorted(p.name for p in HOSTILE.glob("*.toml"))
    assert files == sorted([*REFUSED, *VALID])
    readme = (HOSTILE / "README.md").read_text("utf-8")
    for name in [*files, *GENERATED]:
        assert f"`{name}`" in readme, name


# ---------------------------------------------------------------- dtworkshop validate


# Session-scoped: a module-scoped one is made again each time a worker comes back to this
# module after another (the tests run slow-first, interleaved).
@pytest.fixture(scope="session")
def validated(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """`dtworkshop validate` run once on every case at once (one process keeps this fast),
    with the folder's state before and after."""
    folder = tmp_path_factory.mktemp("validate")
    names = []
    for name in [*ALL_REFUSED, *VALID]:
        if name == "unreadable.toml" and IS_ROOT:
            continue
        if name in GENERATED:
            GENERATED[name][0](folder)
        else:
            shutil.copy2(HOSTILE / name, folder / name)
        names.append(name)
    before = state(folder)
    started = time.monotonic()
    result = run("validate", "--lang", "en", *names, cwd=folder)  # the fragments are English
    elapsed = time.monotonic() - started
    after = state(folder)
    (folder / "huge.toml").unlink()  # 50 MB less left behind in the temporary folders
    return {"names": names, "result": result, "elapsed": elapsed, "before": before,
            "after": after}


def test_validate_reports_each_file_on_one_line(validated: dict) -> None:
    result = validated["result"]
    refused = [n for n in validated["names"] if n not in VALID]
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout == "".join(f"{name}: ok\n" for name in VALID)
    assert len(result.stderr.splitlines()) == len(refused), result.stderr
    assert validated["after"] == validated["before"]
    assert validated["elapsed"] < 10, f"validate took {validated['elapsed']:.1f} s"


@pytest.mark.parametrize("name", ALL_REFUSED)
def test_validate_refuses_with_a_clear_message_and_changes_nothing(validated: dict,
                                                                   name: str) -> None:
    if name not in validated["names"]:
        pytest.skip("root reads any file, so a file without read permission cannot be tested")
    where, fragment = expected(name)
    lines = [line for line in validated["result"].stderr.splitlines()
             if line.startswith(f"{name}:")]
    assert len(lines) == 1, validated["result"].stderr
    assert lines[0].startswith(prefix(name, where)), lines[0]
    assert fragment in lines[0], lines[0]
    assert validated["after"][name] == validated["before"][name]


def test_the_windows_files_are_what_they_claim() -> None:
    # so that a git checkout that rewrote line ends or dropped the BOM shows up here
    for name in WINDOWS:
        data = (HOSTILE / name).read_bytes()
        assert data.startswith(b"\xef\xbb\xbf") == name.startswith("bom"), name
        assert (b"\r\n" in data) == name.endswith("crlf.toml"), name
        if name.endswith("crlf.toml"):
            assert data.count(b"\n") == data.count(b"\r\n"), name


def test_bom_and_crlf_read_as_the_same_session() -> None:
    sessions = {name: read_session(HOSTILE / name) for name in WINDOWS}
    for name, session in sessions.items():
        assert session.story_fish.notes == "Første linje.\nAnden linje med æøå.", name
        session.id = "same"
    first = sessions[WINDOWS[0]]
    assert all(session == first for session in sessions.values())


# ---------------------------------------------------------------- the reader, in process


def test_a_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = make_huge(tmp_path)
    assert path.stat().st_size > 50 * 1024 * 1024
    tracemalloc.start()
    try:
        started = time.monotonic()
        with pytest.raises(SessionFileError) as caught:
            read_session(path)
        elapsed = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    path.unlink()
    assert "50.0 MB" in caught.value.message
    assert peak < 1024 * 1024, f"read {peak} bytes into memory"
    assert elapsed < 1


@pytest.mark.parametrize("name", sorted(n for n in GENERATED if n.startswith("deep-")))
def test_deep_nesting_is_refused_quickly(tmp_path: Path, name: str) -> None:
    path = GENERATED[name][0](tmp_path)
    started = time.monotonic()
    with pytest.raises(SessionFileError) as caught:
        read_session(path)
    assert time.monotonic() - started < 2
    assert caught.value.where == GENERATED[name][1]


def test_long_dotted_text_is_no_deep_key_and_reads_quickly(tmp_path: Path) -> None:
    # the look-out for absurd dotted keys must not refuse text like it, nor take long on it
    path = tmp_path / "dotted.toml"
    path.write_text(head(path.name) + '[story_fish]\nnotes = "' + ".".join(["a"] * 300_000)
                    + '"\n', "utf-8")
    started = time.monotonic()
    session = read_session(path)
    assert time.monotonic() - started < 2
    assert session.story_fish.notes.count(".") == 299_999


def test_no_bytes_make_the_reader_raise_anything_else(tmp_path: Path) -> None:
    # every prefix of a real session (a file cut at any byte) gives a SessionFileError
    data = (EXAMPLES / "2026-11-30-region-nordjylland-mors.toml").read_bytes()
    path = tmp_path / "2026-11-30-region-nordjylland-mors.toml"
    from dtworkshop.storage import decode_session

    refused = 0
    for end in range(0, len(data), 7):
        try:
            decode_session(data[:end], path)
        except SessionFileError as exc:
            refused += 1
            assert "\n" not in str(exc)
            assert str(exc).startswith(f"{path}:")
    assert refused > len(data) // 7 // 2


# ---------------------------------------------------------------- the app's session list


def rows(table: LongTable) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_the_session_list_names_every_bad_file_and_opens_the_good(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    shutil.copytree(EXAMPLES, folder)
    for name in VALID:
        shutil.copy2(HOSTILE / name, folder / name)
    bad = []
    for name in ALL_REFUSED:
        if name == "unreadable.toml" and IS_ROOT:
            continue
        bad.append(name)
        if name in GENERATED:
            GENERATED[name][0](folder)
        else:
            shutil.copy2(HOSTILE / name, folder / name)
    good = sorted(p.name for p in EXAMPLES.glob("*.toml")) + VALID
    before = visible_state(folder)

    # In English: the reasons checked below are the English ones (tests/test_browser.py
    # checks that a Danish list says them in Danish).
    app = WorkshopApp(sessions_dir=folder, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#sessions", LongTable)
        shown = rows(table)
        assert len(shown) == len(good) + len(bad)
        listed = app.screen.listings
        # the good ones first, each with its session; then every bad one, by file name
        assert sorted(item.path.name for item in listed[: len(good)]) == sorted(good)
        assert all(item.session is not None for item in listed[: len(good)])
        assert sorted(row[0] for row in shown[len(good):]) == sorted(bad)
        problems = []
        for i in range(len(good), len(shown)):
            name = shown[i][0]
            if shown[i][1] != "Error":
                problems.append((name, "not marked as an error", shown[i][1]))
            table.move_cursor(row=i)
            await pilot.pause(0)  # the highlight reaches the screen; no need to wait for idle
            detail = str(app.screen.query_one("#detail").render())
            where, fragment = expected(name)
            if not detail.startswith(prefix(folder / name, where)) or fragment not in detail:
                problems.append((name, detail))
            if "\n" in detail:
                problems.append((name, "more than one line", detail))
        assert problems == []

        # a bad file does not open, and says why
        table.move_cursor(row=len(shown) - 1)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, CanvasScreen)
        # a good one still does
        table.move_cursor(row=0)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CanvasScreen)
        await pilot.press("ctrl+q")

    after = visible_state(folder)
    for name in bad:
        assert after[name] == before[name], name
    hidden = [p.name for p in folder.iterdir() if p.name.startswith(".")]
    assert not [h for h in hidden if any(name in h for name in bad)], hidden
    (folder / "huge.toml").unlink()


@pytest.mark.skipif(IS_ROOT, reason="root reads any file; a file it cannot read needs a user")
def test_an_unreadable_file_is_listed_with_its_reason(tmp_path: Path) -> None:
    path = make_unreadable(tmp_path)
    with pytest.raises(SessionFileError) as caught:
        read_session(path)
    assert str(caught.value).startswith(f"{path}: cannot be read: permission denied")


# ---------------------------------------------------------------- what Windows editors write


async def test_a_windows_file_opens_and_saves_as_a_valid_file(tmp_path: Path) -> None:
    """bom-crlf.toml is both; bom.toml and crlf.toml are read and listed above."""
    name = "bom-crlf.toml"
    path = Path(shutil.copy2(HOSTILE / name, tmp_path / name))
    original = path.read_bytes()
    session = read_session(path)
    assert session.story_fish.notes == "Første linje.\nAnden linje med æøå."  # no "\r" left

    # looking changes nothing, not even the line ends
    app = WorkshopApp(sessions_dir=tmp_path, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CanvasScreen)
        assert app.screen.query_one("#hero", Input).value == "Medarbejderen i hjemmeplejen"
        await pilot.press("ctrl+q")
    assert path.read_bytes() == original

    # an edit saves a valid file that holds the edit and everything else
    app = WorkshopApp(sessions_dir=tmp_path, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#hero", Input)
        field.focus()
        await pilot.pause()
        await pilot.press("end")
        await pilot.press("space", *"ø")  # few keys: each one waits for the app
        await pilot.press("ctrl+q")
    saved = path.read_bytes()
    assert saved != original
    assert saved.decode("utf-8")  # UTF-8, written as the app writes every file
    assert not saved.startswith(b"\xef\xbb\xbf") and b"\r" not in saved
    back = read_session(path)
    assert back.story_fish.hero == "Medarbejderen i hjemmeplejen ø"
    back.story_fish.hero = session.story_fish.hero
    back.updated = session.updated
    assert back == session


# ---------------------------------------------------------------- keys the program does not know


async def test_unknown_keys_survive_an_edit_in_the_app(tmp_path: Path) -> None:
    """A top-level key and table, keys in a canvas table and its sub-table, and keys in
    [[array]] elements (participants, prototypes, decisions) come back unchanged."""
    path = Path(shutil.copy2(HOSTILE / "unknown-keys.toml", tmp_path / "unknown-keys.toml"))
    before = tomllib.loads(path.read_text("utf-8"))
    assert before["mood"] and before["readiness"] and before["story_fish"]["colours"]
    assert before["participants"][0]["pronoun"] and before["decisions"][0]["votes"]
    assert before["double_diamond"]["prototypes"][0]["cost"]

    app = WorkshopApp(sessions_dir=tmp_path, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#hero", Input)
        field.focus()
        await pilot.pause()
        await pilot.press("end")
        await pilot.press("space", *"æø")
        await pilot.press("ctrl+q")

    after = tomllib.loads(path.read_text("utf-8"))
    assert after["story_fish"]["hero"] == "Medarbejderen æø"
    assert after["updated"] != before["updated"]
    for data in (before, after):
        del data["story_fish"]["hero"], data["updated"]
    assert after == before
    assert after["story_fish"]["scales"] == 3  # spot checks, so a failure says what was lost
    assert after["story_fish"]["colours"] == {"head": "rød", "tail": "blå"}
    assert after["participants"][0]["pronoun"] == "han"
    assert after["double_diamond"]["prototypes"][0]["cost"] == 125000
    assert after["decisions"][0]["votes"] == 5
    assert after["mood"] == "optimistisk" and after["readiness"] == {"strategisk_retning": 3}
