"""Names that are not paths: a session's id, and so its file name, comes from its title or
organisation, and whatever is typed there the file lands in the sessions folder, under a
name of [a-z0-9-]{1,64} that no other session has and that Windows can store, and no other
file is touched. A file whose `id` says otherwise is refused.

Proved on slugify, unique_id and session_path, then end to end: the app's "new session"
dialog driven with the Pilot, and `dtworkshop new` run in a pseudo-terminal.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dtworkshop.core.labels import Labels
from dtworkshop.core.session import ID_PATTERN, new_session, slugify
from dtworkshop.storage import (
    WINDOWS_DEVICES,
    SessionFileError,
    read_session,
    save_session,
    session_path,
    unique_id,
)
from dtworkshop.ui.app import WorkshopApp
from tests.conftest import until

ROOT = Path(__file__).resolve().parent.parent
SIZE = (80, 24)
DA = Labels("da")

HOSTILE_TITLES = [
    "../../etc/passwd",
    "..\\..\\Windows\\win.ini",
    "/etc/passwd",
    "C:\\Users\\x",
    "a\x00b",
    "CON",
    "nul",
    "Aux",
    "COM1",
    "lpt9",
    ".",
    "..",
    "...",
    "!!!",
    "–",
    "   ",
    "x" * 300,
    "Æ" * 200,
    "abc\n",
    "~/.ssh/id_rsa",
    "$(rm -rf ~)",
    "%2e%2e%2f",
]


def is_id(text: str) -> bool:
    return re.match(ID_PATTERN, text) is not None


def tree(folder: Path) -> dict[str, str]:
    """Every file under `folder` (relative path → content hash)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# ---------------------------------------------------------------- the functions


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("../../etc/passwd", "etc-passwd"),
        ("..\\..\\Windows\\win.ini", "windows-win-ini"),
        ("/etc/passwd", "etc-passwd"),
        ("a\x00b", "a-b"),
        ("..", ""),
        ("...", ""),
        ("!!!", ""),
        ("", ""),
        ("Strategidag på Ærø – Æblegrød", "strategidag-paa-aeroe-aeblegroed"),
        ("Crème brûlée für Zürich", "creme-brulee-fur-zurich"),
        ("Straße", "strasse"),
        ("A\u030a", "aa"),  # Å written as A and a combining ring
        ("--Retro [/] Q3--", "retro-q3"),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_slugify_only_ever_gives_letters_digits_and_single_dashes(text: str) -> None:
    slug = slugify(text)
    assert re.fullmatch(r"([a-z0-9]+(-[a-z0-9]+)*)?", slug), slug


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # it creates nothing
@given(st.one_of(st.sampled_from(HOSTILE_TITLES), st.text()))
def test_unique_id_is_always_an_id_inside_the_folder(tmp_path: Path, base: str) -> None:
    session_id = unique_id(tmp_path, base)
    assert is_id(session_id) and len(session_id) <= 64
    assert session_id not in WINDOWS_DEVICES
    path = session_path(tmp_path, session_id)
    assert path.parent == tmp_path and path.name == f"{session_id}.toml"
    assert not os.path.lexists(path)


@pytest.mark.parametrize("device", ["con", "CON", "nul", "aux", "prn", "com1", "lpt9", "Com0"])
def test_unique_id_never_names_a_windows_device(tmp_path: Path, device: str) -> None:
    session_id = unique_id(tmp_path, device)
    assert session_id == f"{device.lower()}-2"


def test_unique_id_falls_back_to_session_for_punctuation(tmp_path: Path) -> None:
    assert unique_id(tmp_path, "...") == "session"
    assert unique_id(tmp_path, "") == "session"
    (tmp_path / "session.toml").write_text("x")
    assert unique_id(tmp_path, "!!!") == "session-2"


def test_unique_id_never_names_what_is_there(tmp_path: Path) -> None:
    (tmp_path / "retro.toml").write_text("a file")
    assert unique_id(tmp_path, "retro") == "retro-2"
    (tmp_path / "retro-2.toml").mkdir()  # a folder of that name
    assert unique_id(tmp_path, "Retro") == "retro-3"
    (tmp_path / "retro-3.toml").symlink_to(tmp_path / "nowhere")  # a dangling link
    assert unique_id(tmp_path, "RETRO") == "retro-4"
    assert unique_id(tmp_path, "retro-2") == "retro-2-2"


def test_unique_id_stays_within_64_characters(tmp_path: Path) -> None:
    long = "a" * 63 + "b" * 100
    first = unique_id(tmp_path, long)
    assert first == "a" * 63 + "b"
    (tmp_path / f"{first}.toml").write_text("x")
    second = unique_id(tmp_path, long)
    assert second == "a" * 62 + "-2" and len(second) == 64
    for n in range(2, 12):
        (tmp_path / f"{unique_id(tmp_path, long)}.toml").write_text("x")
    assert unique_id(tmp_path, long) == "a" * 61 + "-12"
    # a cut that would end in a dash leaves none, nor a double one before the number
    assert unique_id(tmp_path, "c" * 63 + "-d") == "c" * 63
    (tmp_path / f"{'c' * 61}-dd.toml").write_text("x")
    assert unique_id(tmp_path, "c" * 61 + "-dd") == "c" * 61 + "-2"


@pytest.mark.parametrize(
    "bad",
    ["../evil", "..", ".", "", "a/b", "a\\b", "/etc/passwd", "a\x00b", "abc\n", "Abc",
     "a.b", "a b", "x" * 65, "æ"],
)
def test_session_path_refuses_what_is_no_id(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError, match="does not match"):
        session_path(tmp_path, bad)
    with pytest.raises(ValueError):
        new_session(bad)


def test_session_path_of_an_id_is_in_the_folder(tmp_path: Path) -> None:
    assert session_path(tmp_path, "2026-11-30-egedal") == tmp_path / "2026-11-30-egedal.toml"
    assert session_path(tmp_path, "x" * 64).parent == tmp_path


VALID = """\
format = 1
id = {id}
created = 2026-11-30T09:00:00+01:00
updated = 2026-11-30T09:00:00+01:00
"""


@pytest.mark.parametrize(
    ("name", "id_value"),
    [
        ("evil.toml", '"../evil"'),
        ("evil.toml", '"..\\\\evil"'),
        ("evil.toml", '"/tmp/evil"'),
        ("evil.toml", '"evil\\u0000"'),
        ("evil.toml", '"evil\\n"'),
        ("evil\n.toml", '"evil\\n"'),  # the file name agrees; the id is still no id
        ("evil.toml", '"con"'),  # an id the pattern allows, but not this file's
    ],
)
def test_a_file_whose_id_is_no_id_or_not_its_name_is_refused(tmp_path: Path, name: str,
                                                              id_value: str) -> None:
    folder = tmp_path / "sessions"
    folder.mkdir()
    path = folder / name
    path.write_text(VALID.format(id=id_value), "utf-8")
    before = tree(tmp_path)
    with pytest.raises(SessionFileError) as caught:
        read_session(path)
    assert caught.value.where == "id"
    assert tree(tmp_path) == before


# ---------------------------------------------------------------- the app's dialog


async def create(pilot, title: str, organisation: str = "") -> Path:
    """From the session list: n, type the title and organisation (at speed, as a burst),
    create; back to the list. Returns the new session's file."""
    from tests.test_app import burst

    app = pilot.app
    await until(pilot, lambda: type(app.screen).__name__ == "BrowserScreen"
                and app.screen.focused is not None, "the session list")
    before = app.document
    await pilot.press("n")
    await until(pilot, lambda: type(app.screen).__name__ == "NewSessionScreen"
                and app.screen.focused is not None, "the new-session dialog")
    burst(app, [*title, "enter", *organisation, "enter", "enter"])
    await until(pilot, lambda: type(app.screen).__name__ == "OverviewScreen"
                and app.document is not None and app.document is not before,
                f"{title!r} created")
    path = app.document.path
    assert app.document.session.title == title.strip()
    await pilot.press("ctrl+g", "l")
    return path


@pytest.mark.slow
async def test_the_new_session_dialog_keeps_every_file_in_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "work" / "sessions"
    folder.mkdir(parents=True)
    outside = tmp_path / "work" / "notes.toml"
    outside.write_text("mine", "utf-8")
    existing = new_session("2026-01-01-retro", title="Retro")
    save_session(existing, session_path(folder, existing.id))
    before = tree(tmp_path)
    today = dt.date.today().isoformat()

    titles = [  # what can be typed; NUL and line breaks cannot, they are proved above
        ("../../etc/passwd", ""),
        ("..\\..\\notes", ""),
        ("/etc/passwd", ""),
        ("Retro", "../../work/notes"),  # the organisation names the file when given
        ("CON", ""),
        ("...", ""),
        ("!!! ???", ""),
        ("Lang " + "titel " * 12, ""),  # longer than an id may be
        ("Retro", ""),
        ("Retro", ""),  # the same title again: a new file, never the first one
    ]
    app = WorkshopApp(sessions_dir=folder)
    made: list[Path] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for title, organisation in titles:
            made.append(await create(pilot, title, organisation))
        await pilot.press("ctrl+q")

    assert len(set(made)) == len(titles), "every session got a file of its own"
    for path in made:
        assert path.parent == folder, path
        assert is_id(path.stem) and path.stem.startswith(today), path.name
        session = read_session(path)
        assert session.id == path.stem
    names = [p.stem[len(today) + 1:] for p in made]
    assert names[:4] == ["etc-passwd", "notes", "etc-passwd-2", "work-notes"]
    assert names[4] == "con"  # after the date: no device name
    assert [made[5].stem, made[6].stem] == [today, f"{today}-2"]  # nothing left but the date
    assert len(made[7].stem) <= 64
    assert names[8:] == ["retro", "retro-2"]

    after = tree(tmp_path)
    new = {name for name in after if name not in before}
    assert {name for name in new if not Path(name).name.startswith(".")} == {
        str(p.relative_to(tmp_path)) for p in made
    }
    assert all(Path(tmp_path, name).parent == folder for name in new), sorted(new)
    assert {k: v for k, v in after.items() if k in before} == before, "nothing else changed"


# ---------------------------------------------------------------- dtworkshop new


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses a Linux pseudo-terminal")
def test_dtworkshop_new_keeps_the_file_in_the_sessions_folder(tmp_path: Path) -> None:
    """`dtworkshop --sessions DIR new` in a pseudo-terminal: a path typed as the title."""
    work = tmp_path / "work"
    folder = work / "sessions"
    folder.mkdir(parents=True)
    (work / "passwd").write_text("root:x:0:0", "utf-8")
    before = tree(tmp_path)

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path),
           "LANG": "C.UTF-8", "TERM": "xterm-256color", "PYTHONPATH": str(ROOT),
           "PYTHONDONTWRITEBYTECODE": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "dtworkshop", "--sessions", str(folder), "--lang", "da", "new"],
        stdin=slave, stdout=slave, stderr=slave, cwd=work, env=env, start_new_session=True,
    )
    os.close(slave)
    output = bytearray()

    def wait_for(text: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while text.encode("utf-8") not in output:
            if time.monotonic() > deadline or process.poll() is not None:
                pytest.fail(f"{text!r} not shown:\n{bytes(output[-1500:])!r}")
            if select.select([master], [], [], 0.05)[0]:
                try:
                    output.extend(os.read(master, 65536))
                except OSError:
                    pass

    try:
        wait_for(DA("new.heading"))
        os.write(master, "../../passwd".encode())  # the title
        wait_for("../../passwd")  # in the field
        os.write(master, b"\r\r\r")  # Enter; no organisation, no facilitator: create
        wait_for(DA("overview.heading"))
        os.write(master, b"\x11")  # ctrl+q
        deadline = time.monotonic() + 15
        while process.poll() is None and time.monotonic() < deadline:
            if select.select([master], [], [], 0.05)[0]:
                try:
                    os.read(master, 65536)
                except OSError:
                    pass
        assert process.wait(5) == 0
    finally:
        if process.poll() is None:
            os.killpg(process.pid, 9)
            process.wait(5)
        os.close(master)

    after = tree(tmp_path)
    new = sorted(name for name in after if name not in before)
    sessions = [name for name in new if not Path(name).name.startswith(".")]
    (only,) = sessions
    path = tmp_path / only
    assert path.parent == folder
    assert path.name == f"{dt.date.today().isoformat()}-passwd.toml"
    assert read_session(path).title == "../../passwd"
    assert all((tmp_path / name).parent == folder for name in new), new
    assert {k: v for k, v in after.items() if k in before} == before
