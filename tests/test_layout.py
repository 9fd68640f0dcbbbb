"""What a person wrote in a session file by hand survives a save (issue 11, item 9).

A facilitator who writes a comment into the file, an array on one line or blank lines of
their own finds them all again after editing the session in the app, and `git diff` shows
the changed field's lines only. A file the app wrote itself is written as it always was.
"""

from __future__ import annotations

import difflib
import subprocess
import sys
from pathlib import Path

from textual.widgets import Input

from dtworkshop.core.session import Participant
from dtworkshop.document import Document
from dtworkshop.storage import dumps, read_session
from dtworkshop.ui.app import WorkshopApp
from dtworkshop.ui.canvases.base import CanvasScreen
from tests.conftest import EXAMPLES, settled, until

SIZE = (80, 24)

HAND_MADE = '''\
# aftalt med regionsdirektøren
format = 1
id = "haandskrevet"
title = "Strategidag om ét kontaktpunkt"
organisation = "Egedal Kommune"
facilitator = "Mette Kjærgaard Holm"
language = "da"
created = 2026-11-30T09:00:00+01:00
updated = 2026-11-30T11:42:10+01:00
current = "story_fish"

[[participants]]
name = "Rikke Dahl Ørum"
role = "Kommunaldirektør"

[[participants]]
name = "Ole Vinther"  # går på pension til sommer
role = "Direktør for Teknik og Miljø"

[[participants]]
name = "Lone Brix"
role = "Chef for Borgerservice"


[story_fish]
# helten er valgt efter mødet med ældrerådet
hero = "Medarbejderen i hjemmeplejen"
head = "Borgeren vil kun fortælle sin historie én gang"
notes = """
Første linje med æøå.
Anden linje."""


[actor_pentagon]
scope = ["Booking af ét samlet møde", "Udskrivelse fra sygehuset"]  # aftalt 30/11
'''

#: The lines the app itself changes on every save: when the session was last changed.
BOOKKEEPING = ("updated = ",)


def hand_made(folder: Path, text: str = HAND_MADE) -> Path:
    path = folder / "haandskrevet.toml"
    path.write_text(text, encoding="utf-8")
    return path


def changed_lines(before: str, after: str) -> list[str]:
    """The lines `difflib` shows as removed (-) or added (+) from `before` to `after`,
    without the app's own bookkeeping (`updated`)."""
    return [
        line.rstrip("\n")
        for line in difflib.unified_diff(before.splitlines(True), after.splitlines(True), n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
        and not line[1:].startswith(BOOKKEEPING)
    ]


def as_before(after: str) -> str:
    """`after` with the app's bookkeeping line (`updated`) as HAND_MADE has it, so that a
    test can compare the whole text."""
    original = next(line for line in HAND_MADE.splitlines() if line.startswith(BOOKKEEPING))
    return "\n".join(original if line.startswith(BOOKKEEPING) else line
                     for line in after.split("\n"))


def validate(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dtworkshop", "validate", str(path)],
                          capture_output=True, text=True, timeout=60)


def save_with(path: Path, edit) -> str:
    """Open `path` as the app does, make `edit` to its session, save; the file's text."""
    document = Document.open(path)
    try:
        edit(document.session)
        document.changed()
        assert document.save(), document.error
    finally:
        document.close()
    return path.read_text(encoding="utf-8")


def test_one_changed_field_is_one_changed_line_and_the_comments_stay(tmp_path: Path) -> None:
    path = hand_made(tmp_path)

    def edit(session):
        session.story_fish.hero = "Sygeplejersken"

    after = save_with(path, edit)

    assert changed_lines(HAND_MADE, after) == [
        '-hero = "Medarbejderen i hjemmeplejen"',
        '+hero = "Sygeplejersken"',
    ]
    assert after.startswith("# aftalt med regionsdirektøren\n")
    assert "# helten er valgt efter mødet med ældrerådet\n" in after
    assert 'scope = ["Booking af ét samlet møde", "Udskrivelse fra sygehuset"]  # aftalt' in after
    assert "\n\n\n[story_fish]" in after  # the blank lines between the tables, as written
    result = validate(path)
    assert result.returncode == 0, result.stderr
    assert read_session(path).story_fish.hero == "Sygeplejersken"


def test_a_deleted_record_takes_its_own_comment_and_no_other_line(tmp_path: Path) -> None:
    path = hand_made(tmp_path)

    def edit(session):
        del session.participants[1]

    after = save_with(path, edit)

    assert as_before(after) == HAND_MADE.replace(
        '[[participants]]\nname = "Ole Vinther"  # går på pension til sommer\n'
        'role = "Direktør for Teknik og Miljø"\n\n', "")
    assert "går på pension" not in after
    assert after.startswith("# aftalt med regionsdirektøren\n")
    assert [p.name for p in read_session(path).participants] == ["Rikke Dahl Ørum", "Lone Brix"]
    assert validate(path).returncode == 0


def test_an_added_record_is_written_as_the_app_writes_it(tmp_path: Path) -> None:
    path = hand_made(tmp_path)

    def edit(session):
        session.participants.append(Participant(name="Åse Ægidius", role="Økonomichef"))

    after = save_with(path, edit)

    assert as_before(after) == HAND_MADE.replace(
        'role = "Chef for Borgerservice"\n',
        'role = "Chef for Borgerservice"\n\n[[participants]]\nname = "Åse Ægidius"\n'
        'role = "Økonomichef"\n')
    assert validate(path).returncode == 0


def test_a_value_changed_inside_an_inline_array_changes_that_line_only(tmp_path: Path) -> None:
    path = hand_made(tmp_path)

    def edit(session):
        session.actor_pentagon.scope[1] = "Udskrivelse fra Nordsjællands Hospital"

    after = save_with(path, edit)

    assert changed_lines(HAND_MADE, after) == [
        '-scope = ["Booking af ét samlet møde", "Udskrivelse fra sygehuset"]  # aftalt 30/11',
        '+scope = ["Booking af ét samlet møde", "Udskrivelse fra Nordsjællands Hospital"]'
        "  # aftalt 30/11",
    ]
    assert validate(path).returncode == 0


def test_danish_text_in_a_multi_line_string_changes_its_own_lines(tmp_path: Path) -> None:
    path = hand_made(tmp_path)

    def edit(session):
        session.story_fish.notes = "Første linje med æøå.\nAnden linje, rettet: ÆØÅ.\nTredje."

    after = save_with(path, edit)

    diff = changed_lines(HAND_MADE, after)
    assert diff == ['-Anden linje."""', "+Anden linje, rettet: ÆØÅ.", '+Tredje."""']
    assert "# helten er valgt efter mødet med ældrerådet\n" in after
    assert read_session(path).story_fish.notes.endswith("rettet: ÆØÅ.\nTredje.")
    assert validate(path).returncode == 0


def test_a_file_the_app_wrote_is_written_as_before(examples: Path) -> None:
    """The neighbour: no comments, the app's own layout: the fast writer, byte for byte."""
    path = next(examples.glob("*.toml"))
    assert dumps(read_session(path)) == path.read_bytes()

    document = Document.open(path)
    try:
        document.session.title += " (rettet)"
        document.changed()
        assert document.save()
        assert path.read_bytes() == dumps(document.session)
    finally:
        document.close()


def test_saves_after_the_first_keep_the_comments_too(tmp_path: Path) -> None:
    path = hand_made(tmp_path)
    document = Document.open(path)
    try:
        for hero in ("Sygeplejersken", "Terapeuten", "Borgeren"):
            document.session.story_fish.hero = hero
            document.changed()
            assert document.save(), document.error
    finally:
        document.close()
    after = path.read_text(encoding="utf-8")
    assert changed_lines(HAND_MADE, after) == [
        '-hero = "Medarbejderen i hjemmeplejen"',
        '+hero = "Borgeren"',
    ]


async def test_an_edit_in_the_app_keeps_what_the_person_wrote(tmp_path: Path) -> None:
    path = hand_made(tmp_path)
    app = WorkshopApp(sessions_dir=tmp_path, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, CanvasScreen), "the story fish")
        field = app.screen.query_one("#hero", Input)
        field.focus()
        await pilot.pause()
        await pilot.press("end", "space", *"øst")
        await settled(pilot)
        await until(pilot, lambda: "østs" not in path.read_text("utf-8")
                    and "hjemmeplejen øst" in path.read_text("utf-8"), "the edit saved")
        await pilot.press("ctrl+q")

    after = path.read_text(encoding="utf-8")
    assert changed_lines(HAND_MADE, after) == [
        '-hero = "Medarbejderen i hjemmeplejen"',
        '+hero = "Medarbejderen i hjemmeplejen øst"',
    ]
    assert after.startswith("# aftalt med regionsdirektøren\n")
    result = validate(path)
    assert result.returncode == 0, result.stderr


def test_keys_written_dotted_are_saved_right(tmp_path: Path) -> None:
    """A canvas written as dotted keys rather than a [table]: whichever way it is saved
    (in place, or the app's way when tomlkit cannot edit it), the file holds the edit and
    everything else."""
    text = HAND_MADE.replace('current = "story_fish"\n', 'current = "story_fish"\n'
                             'actor_pentagon.citizen.who = "Camilla"  # datteren\n'
                             'actor_pentagon.scope = ["Ét møde"]\n')
    text = text[:text.index("\n[actor_pentagon]")] + "\n"
    path = hand_made(tmp_path, text)
    before = read_session(path)

    def edit(session):
        session.actor_pentagon.citizen.who = "Camilla og hendes mor"

    save_with(path, edit)
    after = read_session(path)
    assert after.actor_pentagon.citizen.who == "Camilla og hendes mor"
    after.actor_pentagon.citizen.who = before.actor_pentagon.citizen.who
    after.updated = before.updated
    assert after == before
    assert validate(path).returncode == 0


def test_the_examples_are_app_written() -> None:
    """So that saving them takes the fast way (and the captures stay as they are)."""
    for path in sorted(EXAMPLES.glob("*.toml")):
        assert dumps(read_session(path)) == path.read_bytes(), path.name



def test_a_hand_edit_between_two_saves_is_kept_too(tmp_path: Path) -> None:
    """The parsed file is kept from one save to the next only while the file is what the
    last save wrote: a comment added by hand in between (the app then reloads) survives."""
    path = hand_made(tmp_path)
    document = Document.open(path)
    try:
        document.session.story_fish.hero = "Sygeplejersken"
        document.changed()
        assert document.save(), document.error
        text = path.read_text("utf-8").replace("[actor_pentagon]\n",
                                                "[actor_pentagon]\n# tilføjet bagefter\n")
        path.write_text(text, encoding="utf-8")
        document.reload()
        document.session.story_fish.hero = "Terapeuten"
        document.changed()
        assert document.save(), document.error
    finally:
        document.close()
    assert changed_lines(text, path.read_text("utf-8")) == [
        '-hero = "Sygeplejersken"',
        '+hero = "Terapeuten"',
    ]


def test_text_with_line_breaks_added_to_an_inline_array_keeps_them(tmp_path: Path) -> None:
    path = hand_made(tmp_path)

    def edit(session):
        session.actor_pentagon.scope.append("To linjer\nmed æøå")
        session.actor_pentagon.scope.append("Windows\r\nlinje")

    after = save_with(path, edit)
    assert read_session(path).actor_pentagon.scope[2:] == ["To linjer\nmed æøå",
                                                           "Windows\r\nlinje"]
    assert "# aftalt 30/11" in after and after.startswith("# aftalt med regionsdirektøren")
    assert validate(path).returncode == 0
