"""`dtworkshop list`, `decisions` and `diff` (issue 5), run for real in a subprocess on copies
of the example sessions; the expected values are read from the files themselves. Also the
core of `diff`, `core.compare.compare`, on sessions built in the test.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dtworkshop.core.canvases import CANVAS_KEYS
from dtworkshop.core.canvases.portfolio import Unit
from dtworkshop.core.compare import compare
from dtworkshop.core.session import Decision, Session
from dtworkshop.index import CACHE_NAME
from dtworkshop.storage import dumps, read_session, save_session

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "sessions"
ESC = "\x1b"
LONG_AGO = 1_600_000_000


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`python -m dtworkshop ARGS` with a clean, explicit environment."""
    base = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(cwd),
        "XDG_CACHE_HOME": str(cwd / ".xdg"),
        "LANG": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        "PYTHONPATH": str(REPO),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    return subprocess.run([sys.executable, "-m", "dtworkshop", *args], cwd=cwd,
                          env={**base, **(env or {})}, capture_output=True, text=True,
                          encoding="utf-8", timeout=60)


def sessions_in(folder: Path) -> list[Session]:
    """The readable sessions of `folder`, newest change first (as `list` orders them)."""
    found = []
    for path in sorted(folder.glob("*.toml")):
        try:
            found.append(read_session(path))
        except Exception:
            pass
    return sorted(found, key=lambda s: s.updated, reverse=True)


def plural(n: int, word: str, language: str) -> str:
    """`n` decisions or warnings as `list` says them in `language`."""
    if language == "da":
        one, many = {"decision": ("beslutning", "beslutninger"),
                     "warning": ("advarsel", "advarsler")}[word]
        return f"{n} {one if n == 1 else many}"
    return f"{n} {word}" + ("" if n == 1 else "s")


@pytest.fixture
def folder(examples: Path) -> Path:
    """The examples, plus one file that is not a session."""
    shutil.copy(REPO / "tests" / "hostile" / "percent-140.toml", examples / "percent-140.toml")
    return examples


BAD = "percent-140.toml"


def bad_line(cwd: Path, path: str) -> str:
    """What `validate` says of a bad file: the line list and decisions must print too."""
    result = run("validate", path, cwd=cwd)
    assert result.returncode == 1
    return result.stderr.strip()


# ---------------------------------------------------------------- list


def test_list_prints_one_line_per_session_newest_first(folder: Path) -> None:
    cwd = folder.parent
    result = run("list", "--sessions", "sessions", cwd=cwd)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    sessions = sessions_in(folder)
    assert len(lines) == len(sessions) == len(list(EXAMPLES.glob("*.toml")))
    for line, session in zip(lines, sessions):
        cells = [cell for cell in line.split("  ") if cell.strip()]
        warnings = sum(len(w) for w in session.warnings().values())
        assert [c.strip() for c in cells] == [
            session.updated.date().isoformat(), session.id, session.title,
            session.organisation, plural(len(session.decisions), "decision", session.language),
            plural(warnings, "warning", session.language),
        ]
    # columns line up: every id starts at the same place
    assert len({line.index(s.id) for line, s in zip(lines, sessions)}) == 1
    # the bad file is reported as validate reports it, on stderr
    assert result.stderr.strip() == bad_line(cwd, f"sessions/{BAD}")
    assert (folder / CACHE_NAME).is_file()


def test_list_filters_by_organisation_in_any_case(folder: Path) -> None:
    cwd = folder.parent
    for needle, expected in (("EGEDAL", {"Egedal Kommune"}),
                             ("kommune", {"Egedal Kommune", "Ringkøbing-Skjern Kommune"}),
                             ("RINGKØBING", {"Ringkøbing-Skjern Kommune"}),
                             ("nowhere", set())):
        result = run("list", "--sessions", "sessions", "--org", needle, cwd=cwd)
        assert result.returncode == 0
        listed = [s for s in sessions_in(folder) if s.id in result.stdout]
        assert {s.organisation for s in listed} == expected, needle
        expected = [s for s in sessions_in(folder) if s.organisation in expected]
        assert listed == expected, needle
        assert len(result.stdout.splitlines()) == len(expected)


def test_list_json(folder: Path) -> None:
    cwd = folder.parent
    result = run("--sessions", "sessions", "list", "--json", cwd=cwd)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert list(data) == ["folder", "sessions", "unreadable"]
    assert data["folder"] == "sessions"
    sessions = sessions_in(folder)
    assert [s["id"] for s in data["sessions"]] == [s.id for s in sessions]
    for item, session in zip(data["sessions"], sessions):
        assert list(item) == ["file", "id", "title", "organisation", "facilitator", "language",
                              "date", "created", "updated", "current", "canvases",
                              "decisions", "warnings", "follows"]
        assert item["file"] == f"sessions/{session.id}.toml"
        assert (item["title"], item["organisation"], item["facilitator"], item["language"],
                item["current"]) == (session.title, session.organisation,
                                     session.facilitator, session.language, session.current)
        assert item["created"] == session.created.isoformat()
        assert item["date"] == session.day.isoformat()
        assert item["updated"] == session.updated.isoformat()
        assert item["canvases"] == {k: session.status(k) for k in CANVAS_KEYS}
        assert list(item["canvases"]) == list(CANVAS_KEYS)
        assert item["decisions"] == len(session.decisions)
        assert item["warnings"] == sum(len(w) for w in session.warnings().values())
    [unreadable] = data["unreadable"]
    assert unreadable == {"file": f"sessions/{BAD}", "where": "organisation_forms.matrix",
                          "message": "expected int 0..100, got 140"}
    assert bad_line(cwd, f"sessions/{BAD}") == \
        f"{unreadable['file']}:{unreadable['where']}: {unreadable['message']}"

    only = json.loads(run("list", "--sessions", "sessions", "--org", "egedal", "--json",
                          cwd=cwd).stdout)
    assert [s["organisation"] for s in only["sessions"]] == ["Egedal Kommune"]


def test_list_takes_the_folder_from_the_environment(folder: Path) -> None:
    result = run("list", cwd=folder.parent, env={"DTWORKSHOP_SESSIONS": str(folder)})
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == len(list(EXAMPLES.glob("*.toml")))


def test_list_of_no_folder_is_an_error(tmp_path: Path) -> None:
    result = run("list", "--sessions", "nowhere", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("nowhere: mappen findes ikke")  # --lang's default: da
    result = run("list", "--sessions", "nowhere", "--lang", "en", cwd=tmp_path)
    assert result.returncode == 1 and result.stderr.startswith("nowhere: no such folder")
    (tmp_path / "afile").write_text("x")
    result = run("list", "--sessions", "afile", cwd=tmp_path)
    assert result.returncode == 1 and "er ikke en mappe" in result.stderr


def test_list_of_an_empty_folder_prints_nothing(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run("list", "--sessions", "empty", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    data = json.loads(run("list", "--sessions", "empty", "--json", cwd=tmp_path).stdout)
    assert data == {"folder": "empty", "sessions": [], "unreadable": []}


def test_list_shows_a_change_at_once_and_survives_a_broken_cache(folder: Path) -> None:
    cwd = folder.parent
    assert run("list", "--sessions", "sessions", cwd=cwd).returncode == 0  # cache written
    path = folder / "2026-12-14-egedal-et-kontaktpunkt.toml"
    session = read_session(path)
    session.title = "Ny titel lige nu"
    save_session(session, path)
    assert "Ny titel lige nu" in run("list", "--sessions", "sessions", cwd=cwd).stdout
    (folder / CACHE_NAME).write_bytes(b"\x93garbage")
    result = run("list", "--sessions", "sessions", cwd=cwd)
    assert result.returncode == 0
    assert "Ny titel lige nu" in result.stdout
    assert result.stderr.strip() == bad_line(cwd, f"sessions/{BAD}")


def test_list_shows_user_text_harmlessly(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    folder.mkdir()
    session = read_session(REPO / "sessions" / "2026-12-14-egedal-et-kontaktpunkt.toml")
    session.title = f"Evil{ESC}]0;pwned\x07 title\nsecond line"
    session.organisation = "Egedal\x9b31m Kommune"
    save_session(session, folder / f"{session.id}.toml")
    result = run("list", "--sessions", "s", cwd=tmp_path)
    for bad in (ESC, "\x07", "\x9b"):
        assert bad not in result.stdout
    assert "Evil␛]0;pwned␇ title second line" in result.stdout
    assert "Egedal\ufffd31m Kommune" in result.stdout
    data = json.loads(run("list", "--sessions", "s", "--json", cwd=tmp_path).stdout)
    assert data["sessions"][0]["title"] == session.title
    assert data["sessions"][0]["organisation"] == session.organisation
    raw = run("list", "--sessions", "s", "--json", cwd=tmp_path).stdout
    assert ESC not in raw and "\\u001b" in raw


def test_list_json_survives_a_file_name_that_is_no_text(folder: Path) -> None:
    name = os.fsdecode(b"odd\xff\x1b[31m.toml")
    try:
        shutil.copy(folder / "2026-12-14-egedal-et-kontaktpunkt.toml", folder / name)
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system takes only UTF-8 names")
    result = run("list", "--sessions", "sessions", "--json", cwd=folder.parent)
    assert result.returncode == 0, result.stderr
    odd = [u for u in json.loads(result.stdout)["unreadable"] if u["file"].startswith(
        "sessions/odd")]
    assert odd == [{"file": "sessions/odd\ufffd\x1b[31m.toml", "where": "id",
                    "message": odd[0]["message"]}]
    text = run("list", "--sessions", "sessions", cwd=folder.parent)
    assert text.returncode == 0 and ESC not in text.stderr


# ---------------------------------------------------------------- decisions


def all_decisions(folder: Path) -> list[tuple[Session, Decision]]:
    return [(s, d) for s in sessions_in(folder) for d in s.decisions]


def test_decisions_lists_every_decision_earliest_due_first(folder: Path) -> None:
    cwd = folder.parent
    expected = all_decisions(folder)
    due = sorted(d.due for _, d in expected if d.due)
    today = due[len(due) // 2]  # half of them overdue on this day
    result = run("decisions", "--sessions", "sessions", "--today", today.isoformat(), cwd=cwd)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(expected)
    shown_due = [line.split()[0] for line in lines]
    dated = [d for d in shown_due if d != "-"]
    assert dated == sorted(dated) and shown_due[len(dated):] == ["-"] * (len(lines) - len(dated))
    for session, decision in expected:
        [line] = [line for line in lines if decision.text in line]
        assert line.startswith(decision.due.isoformat() if decision.due else "-")
        # OVERDUE in the session's language: the examples are Danish
        assert (" OVERSKREDET " in line) == (decision.due is not None and decision.due < today)
        assert decision.owner in line
        assert line.endswith(f"({session.organisation}; {session.id}; {decision.canvas})")
    assert result.stderr.strip() == bad_line(cwd, f"sessions/{BAD}")


def test_decisions_filters(folder: Path) -> None:
    cwd = folder.parent
    expected = all_decisions(folder)
    today = max(d.due for _, d in expected if d.due)  # all overdue but the latest
    base = ("decisions", "--sessions", "sessions", "--today", today.isoformat(), "--json")

    def texts(*extra: str) -> list[str]:
        result = run(*base, *extra, cwd=cwd)
        assert result.returncode == 0, result.stderr
        return sorted(d["text"] for d in json.loads(result.stdout)["decisions"])

    owner = expected[0][1].owner  # e.g. "Karen Lykke Mortensen"
    needle = owner.split()[1].upper()
    assert texts("--owner", needle) == sorted(
        d.text for _, d in expected if needle.casefold() in d.owner.casefold())
    assert texts("--org", "ringkøbing") == sorted(
        d.text for s, d in expected if "Ringkøbing" in s.organisation)
    overdue = sorted(d.text for _, d in expected if d.due and d.due < today)
    assert texts("--overdue") == overdue and 0 < len(overdue) < len(expected)
    assert texts("--overdue", "--org", "EGEDAL", "--owner", owner) == sorted(
        d.text for s, d in expected
        if d.due and d.due < today and "Egedal" in s.organisation and d.owner == owner)
    text = run(*base[:-1], "--overdue", cwd=cwd).stdout
    assert len(text.splitlines()) == len(overdue)
    assert all(" OVERSKREDET " in line for line in text.splitlines())


def test_decisions_json(folder: Path) -> None:
    cwd = folder.parent
    today = dt.date(2027, 2, 1)
    result = run("decisions", "--sessions", "sessions", "--today", "2027-02-01", "--json",
                 cwd=cwd)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == ["folder", "today", "decisions"]
    assert data["today"] == "2027-02-01"
    expected = all_decisions(folder)
    assert len(data["decisions"]) == len(expected)
    for item in data["decisions"]:
        assert list(item) == ["file", "session", "organisation", "title", "canvas", "text",
                              "owner", "due", "made", "status", "closed", "overdue"]
        [(session, decision)] = [(s, d) for s, d in expected if d.text == item["text"]]
        assert item["file"] == f"sessions/{session.id}.toml"
        assert (item["session"], item["organisation"], item["title"]) == (
            session.id, session.organisation, session.title)
        assert (item["canvas"], item["owner"]) == (decision.canvas, decision.owner)
        assert item["due"] == (decision.due.isoformat() if decision.due else None)
        assert item["made"] == decision.made.isoformat()
        assert (item["status"], item["closed"]) == (
            decision.status, decision.closed and decision.closed.isoformat())
        assert item["overdue"] is decision.overdue(today)


def test_a_decision_done_or_dropped_is_never_overdue_and_can_be_picked_by_status(
        folder: Path) -> None:
    cwd = folder.parent
    path = folder / "2026-12-07-ringkoebing-skjern-portefoelje.toml"
    session = read_session(path)
    first, second = session.decisions[:2]
    first.status, first.closed = "done", dt.date(2026, 12, 20)
    second.status = "dropped"
    save_session(session, path)
    base = ("decisions", "--sessions", "sessions", "--today", "2099-01-01")
    lines = run(*base, cwd=cwd).stdout.splitlines()
    [done] = [line for line in lines if first.text in line]
    [dropped] = [line for line in lines if second.text in line]
    assert " UDFØRT 2026-12-20 " in done and "OVERSKREDET" not in done
    assert " DROPPET " in dropped and "OVERSKREDET" not in dropped
    every = all_decisions(folder)
    overdue = run(*base, "--overdue", cwd=cwd).stdout
    assert first.text not in overdue and second.text not in overdue
    assert len(overdue.splitlines()) == sum(1 for _, d in every if d.status == "open" and d.due)

    def texts(status: str) -> list[str]:
        data = json.loads(run(*base, "--status", status, "--json", cwd=cwd).stdout)
        return sorted(d["text"] for d in data["decisions"])

    assert texts("done") == [first.text] and texts("dropped") == [second.text]
    assert texts("open") == sorted(d.text for _, d in every if d.status == "open")
    wrong = run(*base, "--status", "finished", cwd=cwd)
    assert wrong.returncode == 2 and "--status" in wrong.stderr


def test_decisions_overdue_counts_from_today_by_default(folder: Path) -> None:
    before = dt.date.today()
    data = json.loads(run("decisions", "--sessions", str(folder), "--json",
                          cwd=folder.parent).stdout)
    after = dt.date.today()
    assert data["today"] in (before.isoformat(), after.isoformat())
    today = dt.date.fromisoformat(data["today"])
    for item in data["decisions"]:
        due = item["due"] and dt.date.fromisoformat(item["due"])
        assert item["overdue"] is bool(due and due < today)


def test_decisions_bad_today_is_a_usage_error(folder: Path) -> None:
    result = run("decisions", "--sessions", "sessions", "--today", "31-01-2027",
                 cwd=folder.parent)
    assert result.returncode == 2
    assert "--today" in result.stderr and "2027-01-31" in result.stderr


# ---------------------------------------------------------------- diff


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """The Ringkøbing-Skjern example (A) and a later version of it (B) in another folder."""
    a = REPO / "sessions" / "2026-12-07-ringkoebing-skjern-portefoelje.toml"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(a, tmp_path / "a" / a.name)
    session = read_session(a)
    session.updated += dt.timedelta(days=7)
    session.title = "Transformationsstrategi, version 2"
    session.portfolio.units[0].streamline = 25
    session.portfolio.units.insert(0, Unit(name="Forvaltning C", streamline=100))
    session.participants = [p for p in session.participants if p.name != "Pia Højgaard"]
    session.actor_pentagon.scope[2] = "Nye ønsker venter et år"
    session.canvas("story_fish").hero = "Medarbejderen, der byggede robotten"
    session.decisions[1].owner = "Ulla Krøyer"
    session.decisions.pop(2)
    session.decisions.append(Decision(canvas="story_fish", text=f"Fortæl {ESC}[31mhistorien",
                                      made=session.updated))
    save_session(session, tmp_path / "b" / a.name)
    return tmp_path / "a" / a.name, tmp_path / "b" / a.name


def test_diff_of_the_same_session_is_empty_with_status_0(pair: tuple[Path, Path]) -> None:
    a, _ = pair
    copy = a.parent.parent / "copy" / a.name
    copy.parent.mkdir()
    copy.write_bytes(dumps(read_session(a)))  # other bytes, the same session
    result = run("diff", str(a), str(copy), cwd=a.parent)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    data = json.loads(run("diff", str(a), str(copy), "--json", cwd=a.parent).stdout)
    assert data["same"] is True and data["changes"] == []


def test_diff_shows_each_change_by_section_with_status_1(pair: tuple[Path, Path]) -> None:
    a, b = pair
    cwd = a.parent.parent
    result = run("diff", "a/" + a.name, "b/" + b.name, "--lang", "en", cwd=cwd)
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[:2] == [f"--- a/{a.name}", f"+++ b/{b.name}"]
    sections = [line for line in lines[2:] if not line.startswith(" ")]
    assert sections == ["session", "participants", "portfolio", "story_fish (only in B)",
                        "actor_pentagon", "decisions"]
    before, after = read_session(a), read_session(b)
    for expected in (
        f'  title: "{before.title}" → "{after.title}"',
        f'  updated: {before.updated.isoformat()} → {after.updated.isoformat()}',
        '  - participants[2]: name = "Pia Højgaard", role = "Direktør for Økonomi og '
        'Administration"',
        '  + units[0]: name = "Forvaltning C", streamline = 100',
        "  units[1].streamline (Forvaltning A): 20 → 25",
        '  hero: + "Medarbejderen, der byggede robotten"',
        "  scope:",
        '    - "Nye ønsker venter til næste udviklingsrunde"',
        '    + "Nye ønsker venter et år"',
        f'  decisions[1].owner ({before.decisions[1].text}): "Karen Lykke Mortensen" → '
        '"Ulla Krøyer"',
        f'  - decisions[2]: "{before.decisions[2].text}" (canvas: "actor_pentagon", '
        'owner: "Ulla Krøyer")',
        '  + decisions[3]: "Fortæl \\u001b[31mhistorien" (canvas: "story_fish")',
    ):
        assert expected in lines, expected
    assert ESC not in result.stdout
    assert "Forvaltning B" not in result.stdout, "an inserted unit changes no other unit"


def test_diff_json(pair: tuple[Path, Path]) -> None:
    a, b = pair
    result = run("diff", str(a), str(b), "--json", cwd=a.parent)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert list(data) == ["a", "b", "same", "changes"]
    assert (data["a"], data["b"], data["same"]) == (str(a), str(b), False)
    for change in data["changes"]:
        assert list(change) == ["section", "path", "kind", "item", "before", "after"]
    by_path = {c["path"]: c for c in data["changes"]}
    assert by_path["portfolio.units[1].streamline"] == {
        "section": "portfolio", "path": "portfolio.units[1].streamline", "kind": "changed",
        "item": "Forvaltning A", "before": 20, "after": 25}
    assert by_path["story_fish"]["kind"] == "added"
    assert by_path["story_fish.hero"]["after"] == "Medarbejderen, der byggede robotten"
    assert by_path["decisions[3]"]["after"]["text"] == f"Fortæl {ESC}[31mhistorien"
    assert by_path["decisions[3]"]["after"]["made"] == read_session(b).updated.isoformat()
    assert by_path["participants[2]"]["kind"] == "removed"
    assert by_path["updated"]["before"] == read_session(a).updated.isoformat()


def test_diff_of_a_bad_or_missing_file_is_trouble_with_status_2(pair: tuple[Path, Path]) -> None:
    a, _ = pair
    bad = a.parent / "percent-140.toml"
    shutil.copy(REPO / "tests" / "hostile" / "percent-140.toml", bad)
    result = run("diff", a.name, bad.name, cwd=a.parent)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() == bad_line(a.parent, bad.name)
    result = run("diff", "nowhere.toml", a.name, cwd=a.parent)
    assert result.returncode == 2
    assert result.stderr.strip() == "nowhere.toml: filen findes ikke"  # --lang's default: da
    assert run("diff", a.name, cwd=a.parent).returncode == 2  # usage


# ---------------------------------------------------------------- no Textual, help


def test_list_decisions_and_diff_do_not_import_textual(folder: Path) -> None:
    path = folder / "2026-12-14-egedal-et-kontaktpunkt.toml"
    code = (
        "import sys, io, contextlib\n"
        "from dtworkshop.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        f"    assert main(['list', '--sessions', {str(folder)!r}]) == 0\n"
        f"    assert main(['decisions', '--sessions', {str(folder)!r}, '--json']) == 0\n"
        f"    assert main(['diff', {str(path)!r}, {str(path)!r}]) == 0\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=folder, capture_output=True,
                            text=True, env={**os.environ, "PYTHONPATH": str(REPO),
                                            "XDG_CACHE_HOME": str(folder.parent / "xdg")},
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_help_describes_the_review_commands(tmp_path: Path) -> None:
    result = run("--help", cwd=tmp_path)
    for word in ("list", "decisions", "diff", "--overdue", "--org"):
        assert word in result.stdout
    for command in ("list", "decisions", "diff"):
        sub = run(command, "--help", cwd=tmp_path)
        assert sub.returncode == 0 and f"usage: dtworkshop {command}" in sub.stdout


# ---------------------------------------------------------------- compare (the core of diff)


def example(name: str = "2026-11-30-region-nordjylland-mors") -> Session:
    return read_session(REPO / "sessions" / f"{name}.toml")


def test_compare_a_session_with_itself_finds_nothing() -> None:
    for path in sorted((REPO / "sessions").glob("*.toml")):
        assert compare(read_session(path), read_session(path)) == []


def test_compare_follows_a_decision_whose_text_was_edited() -> None:
    a, b = example(), example()
    b.decisions[0].text = "Rettet tekst"
    [change] = compare(a, b)
    assert (change.section, change.path, change.kind) == ("decisions", "decisions[0].text",
                                                           "changed")
    assert (change.before, change.after, change.item) == (a.decisions[0].text, "Rettet tekst",
                                                          "Rettet tekst")


def test_compare_reports_a_canvas_left_only_in_a_then_its_fields() -> None:
    a, b = example(), example()
    b.business_case = None
    changes = [c for c in compare(a, b) if c.section == "business_case"]
    assert (changes[0].path, changes[0].kind) == ("business_case", "removed")
    assert all(c.kind == "removed" and c.after is None for c in changes[1:])
    assert any(c.path == "business_case.problem" and c.before == a.business_case.problem
               for c in changes)


def test_compare_sees_keys_of_a_newer_version(tmp_path: Path) -> None:
    a = example()
    text = dumps(a).decode("utf-8").replace('current = "', 'mood = "glad"\ncurrent = "', 1)
    path = tmp_path / f"{a.id}.toml"
    path.write_text(text, "utf-8")
    [change] = compare(a, read_session(path))
    assert (change.section, change.path, change.kind, change.after) == (
        "session", "mood", "added", "glad")
