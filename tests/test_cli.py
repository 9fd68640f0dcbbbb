"""The `dtworkshop` command, run for real in a subprocess (`python -m dtworkshop ...`).

The TUI itself is not started here; `open` is tested only where it must stop before the TUI.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

import dtworkshop
from dtworkshop.core.canvases.portfolio import Initiative, Unit
from dtworkshop.core.session import Decision, Participant, Session, new_session
from dtworkshop.report import render_text, safe_text
from dtworkshop.storage import save_session, session_path

REPO = Path(__file__).resolve().parent.parent
ESC = "\x1b"


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`python -m dtworkshop ARGS` with a clean, explicit environment."""
    base = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(cwd),
        "LANG": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        "PYTHONPATH": str(REPO),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    return subprocess.run(
        [sys.executable, "-m", "dtworkshop", *args],
        cwd=cwd,
        env={**base, **(env or {})},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def workshop(language: str = "da", session_id: str = "egedal") -> Session:
    """A session with something on every kind of canvas, a warning and a decision."""
    s = new_session(
        session_id,
        title="Strategidag om digital omstilling på Ærø",
        organisation="Egedal Kommune",
        facilitator="[bold]Anne",
        language=language,
    )
    s.participants = [Participant(name="Søren Østergård", role="Kommunaldirektør")]
    portfolio = s.canvas("portfolio")
    portfolio.rollout = "spearheads"
    # The source's own example: Forvaltning A adds up to 105 %.
    portfolio.units = [
        Unit(name="Forvaltning A", streamline=20, modernise=44, rethink_services=21,
             rethink_business=20, goal="effektivisere 50 pct."),
        Unit(name="Forvaltning B", streamline=50, modernise=36, rethink_services=6,
             rethink_business=8),
    ]
    portfolio.initiatives = [Initiative(name="Faktureringsrobot", unit="Forvaltning B",
                                        category="streamline")]
    business = s.canvas("business_case")
    business.problem = "Lange ventetider hos lægen"
    business.verdict = "open"
    business.perspective("citizen_need").note = "Borgerne på Mors mangler en læge"
    business.perspective("citizen_need").fit = 4
    s.decisions = [
        Decision(canvas="business_case", text="Grønt lys til et testforløb på tre måneder",
                 owner="Bjørn", due=dt.date(2027, 1, 31), made=s.created),
    ]
    return s


def saved(tmp_path: Path, session: Session) -> Path:
    path = session_path(tmp_path, session.id)
    save_session(session, path)
    return path


def broken_copy(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """A copy of a valid session file with `old` replaced by `new` once."""
    good = saved(tmp_path, workshop())
    text = good.read_text("utf-8")
    assert old in text
    path = tmp_path / f"{name}.toml"
    path.write_text(text.replace(old, new, 1).replace('id = "egedal"', f'id = "{name}"'), "utf-8")
    return path


# ---------------------------------------------------------------- --version, --help


def test_version(tmp_path: Path) -> None:
    result = run("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"dtworkshop {dtworkshop.__version__}"


def test_help_describes_every_command(tmp_path: Path) -> None:
    result = run("--help", cwd=tmp_path)
    assert result.returncode == 0
    for word in ("new", "open", "validate", "show", "--sessions", "--lang",
                 "DTWORKSHOP_SESSIONS", "DTWORKSHOP_LANG", "exit status"):
        assert word in result.stdout
    for command in ("new", "open", "validate", "show"):
        sub = run(command, "--help", cwd=tmp_path)
        assert sub.returncode == 0, command
        assert f"usage: dtworkshop {command}" in sub.stdout


def test_bad_lang_is_a_usage_error(tmp_path: Path) -> None:
    result = run("--lang", "de", cwd=tmp_path)
    assert result.returncode == 2
    assert "--lang" in result.stderr


def test_bad_lang_in_environment_is_a_usage_error(tmp_path: Path) -> None:
    result = run(cwd=tmp_path, env={"DTWORKSHOP_LANG": "de"})
    assert result.returncode == 2
    assert "DTWORKSHOP_LANG" in result.stderr


def test_sessions_folder_that_is_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notafolder").write_text("x")
    result = run("--sessions", "notafolder", cwd=tmp_path)
    assert result.returncode == 1
    assert "notafolder" in result.stderr and "er ikke en mappe" in result.stderr  # Danish first
    result = run("--lang", "en", "--sessions", "notafolder", cwd=tmp_path)
    assert result.returncode == 1 and "is not a folder" in result.stderr


# ---------------------------------------------------------------- validate


def test_validate_valid_file(tmp_path: Path) -> None:
    path = saved(tmp_path, workshop())
    result = run("validate", path.name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "egedal.toml: ok\n"
    assert result.stderr == ""


def test_validate_the_repository_sessions() -> None:
    files = sorted((REPO / "sessions").glob("*.toml"))
    if not files:
        pytest.skip("no session files in sessions/ yet")
    result = run("validate", *[str(f.relative_to(REPO)) for f in files], cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(": ok\n") == len(files)


def test_validate_toml_syntax_error(tmp_path: Path) -> None:
    path = broken_copy(tmp_path, "syntax", 'organisation = "Egedal Kommune"',
                       'organisation = "Egedal Kommune')
    before = path.read_bytes()
    line = before.decode().splitlines().index('organisation = "Egedal Kommune') + 1
    result = run("validate", path.name, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"syntax.toml:{line}:")
    col = first.split(":")[2]
    assert col.isdigit()
    assert "TOML syntax" in first
    assert path.read_bytes() == before


def test_validate_content_error_names_the_key_path(tmp_path: Path) -> None:
    path = broken_copy(tmp_path, "lots", "streamline = 20", 'streamline = "lots"')
    before = path.read_bytes()
    result = run("validate", path.name, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("lots.toml:portfolio.units[0].streamline: ")
    assert '"lots"' in result.stderr
    assert path.read_bytes() == before


def test_validate_mixed_files(tmp_path: Path) -> None:
    good = saved(tmp_path, workshop())
    bad = broken_copy(tmp_path, "lots", "streamline = 20", 'streamline = "lots"')
    result = run("validate", good.name, bad.name, "missing.toml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == "egedal.toml: ok\n"
    errors = result.stderr.splitlines()
    assert len(errors) == 2
    assert errors[0].startswith("lots.toml:portfolio.units[0].streamline:")
    assert errors[1].startswith("missing.toml:") and "filen findes ikke" in errors[1]


def test_validate_without_files_is_a_usage_error(tmp_path: Path) -> None:
    result = run("validate", cwd=tmp_path)
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_validate_and_show_do_not_import_textual(tmp_path: Path) -> None:
    path = saved(tmp_path, workshop())
    code = (
        "import sys, io, contextlib\n"
        "from dtworkshop.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['validate', {str(path)!r}]) == 0\n"
        f"    assert main(['show', {str(path)!r}]) == 0\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                            text=True, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# ---------------------------------------------------------------- show


def test_show_danish_session(tmp_path: Path) -> None:
    path = saved(tmp_path, workshop("da"))
    result = run("show", path.name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    lines = out.splitlines()
    # Header, with user text printed literally (no markup interpreted).
    assert lines[0] == "Strategidag om digital omstilling på Ærø"
    assert "Facilitator: [bold]Anne" in lines
    assert "Organisation: Egedal Kommune" in lines
    assert "Sprog: Dansk" in lines
    assert "Aktuelt lærred: Businesscase-modellen" in lines
    assert "  - Søren Østergård (Kommunaldirektør)" in lines
    # Visited canvases with Danish labels, in the source's order; unvisited ones absent.
    assert out.index("Businesscase-modellen\n---") < out.index("Porteføljemodellen\n---")
    assert "Fortællefisken" not in out
    assert "Problemet: Lange ventetider hos lægen" in lines
    assert "Vurdering: Åben" in lines
    assert "Udrulning: Spydspidser" in lines
    assert "    Effektiviser processer: 20 %" in lines
    assert "    Gentænk din \"forretning\": 20 %" in lines
    assert "    Kategori: Effektiviser processer" in lines
    # The warning: Forvaltning A adds up to 105 %; Forvaltning B (100 %) is fine.
    assert "Opmærksomhedspunkter:" in lines
    assert "Forvaltning A summer til 105 %, ikke 100 %." in out
    assert "Forvaltning B summer" not in out
    # The decision log.
    log = out[out.index("Beslutninger\n---"):]
    assert "Grønt lys til et testforløb på tre måneder" in log
    assert "Ansvarlig: Bjørn" in log
    assert "2027-01-31" in log
    assert "Businesscase" in log
    # No English labels leak into a Danish report.
    for english in ("Portfolio model", "Rollout", "Points of attention", "Streamline processes"):
        assert english not in out


def test_show_english_session(tmp_path: Path) -> None:
    path = saved(tmp_path, workshop("en"))
    result = run("show", path.name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    lines = out.splitlines()
    assert "Language: English" in lines
    assert "Portfolio model" in lines
    assert "Rollout: Spearheads" in lines
    assert "    Streamline processes: 20 %" in lines
    assert "Points of attention:" in lines
    assert "Forvaltning A adds up to 105 %, not 100 %." in out
    assert "Owner: Bjørn" in out
    assert "Facilitator: [bold]Anne" in lines
    for danish in ("Porteføljemodellen", "Udrulning", "Opmærksomhedspunkter", "Ansvarlig"):
        assert danish not in out


def test_show_strips_terminal_control_characters(tmp_path: Path) -> None:
    session = workshop()
    session.title = f"Evil{ESC}]0;pwned\x07{ESC}[2J title\rcarriage"
    session.organisation = "Egedal\x9b31m Kommune"
    session.portfolio.units[0].name = f"{ESC}[31mRed unit"
    path = saved(tmp_path, session)
    result = run("show", path.name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for bad in (ESC, "\x07", "\r", "\x9b"):
        assert bad not in out
    assert "Evil␛]0;pwned␇␛[2J title carriage" in out.splitlines()[0]
    assert "Egedal\ufffd31m Kommune" in out
    assert "␛[31mRed unit summer til 105 %" in out


def test_show_list_and_decisions_name_bidi_controls_and_keep_names_on_one_line(tmp_path: Path) -> None:
    """A right-to-left override in a name (it shows "Anne", RLO, "draoB" as "Anne Board"
    where it is honoured) is named "⟨RLO⟩" by `show`, `list` and `decisions`; a CR in a
    participant's name is a space in `show`, not a line break that passes for the next
    line (issue 14)."""
    session = workshop()
    session.participants[0].name = "Anne\rMarie \u202edraoB"
    session.organisation = "Egedal \u2067Kommune\u2069"
    session.decisions[0].owner = "Bo \u202eØrsted"
    path = saved(tmp_path, session)
    out = run("show", path.name, cwd=tmp_path).stdout
    assert "Anne Marie ⟨RLO⟩draoB" in out and "Egedal ⟨RLI⟩Kommune⟨PDI⟩" in out
    listed = run("list", "--sessions", ".", cwd=tmp_path).stdout
    assert "Egedal ⟨RLI⟩Kommune⟨PDI⟩" in listed
    decided = run("decisions", "--sessions", ".", cwd=tmp_path).stdout
    assert "Bo ⟨RLO⟩Ørsted" in decided
    for text in (out, listed, decided):
        assert not any(c in text for c in "\u202e\u2067\u2069\r")


def test_show_invalid_file(tmp_path: Path) -> None:
    path = broken_copy(tmp_path, "lots", "streamline = 20", 'streamline = "lots"')
    result = run("show", path.name, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("lots.toml:portfolio.units[0].streamline:")


def test_show_missing_file(tmp_path: Path) -> None:
    result = run("show", "nowhere.toml", "--lang", "en", cwd=tmp_path)
    assert result.returncode == 1
    assert "nowhere.toml" in result.stderr and "no such file" in result.stderr


def test_show_empty_session(tmp_path: Path) -> None:
    path = saved(tmp_path, new_session("tom", language="en"))
    result = run("show", path.name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "No canvases visited yet." in result.stdout
    assert "No decisions yet." in result.stdout


# ---------------------------------------------------------------- the language of a message


def test_the_cli_speaks_each_sessions_language_and_the_default_for_the_rest(
        tmp_path: Path) -> None:
    """Issue 14: a session's own words (list's counts, decisions' OVERDUE) in its language,
    side by side in one folder; what concerns no readable session (a missing file, the
    system's reason it cannot be written) in --lang's language, Danish by default."""
    danish = saved(tmp_path, workshop("da", "egedal"))
    saved(tmp_path, workshop("en", "ringsted"))
    listed = run("list", "--sessions", ".", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    lines = {line.split()[1]: line for line in listed.stdout.splitlines()}
    assert lines["egedal"].endswith("1 beslutning  1 advarsel")
    assert lines["ringsted"].endswith("1 decision    1 warning")
    decided = run("decisions", "--sessions", ".", "--today", "2027-06-01", cwd=tmp_path)
    lines = {line.split("; ")[1]: line for line in decided.stdout.splitlines()}
    assert " OVERSKREDET " in lines["egedal"] and "OVERDUE" not in lines["egedal"]
    assert " OVERDUE " in lines["ringsted"]
    # The same in English, whatever --lang says: the sessions' words are their own.
    assert run("list", "--sessions", ".", "--lang", "en", cwd=tmp_path).stdout == listed.stdout

    missing = run("show", "nowhere.toml", cwd=tmp_path)
    assert (missing.returncode, missing.stderr) == (1, "nowhere.toml: filen findes ikke\n")
    missing = run("--lang", "en", "show", "nowhere.toml", cwd=tmp_path)
    assert missing.stderr == "nowhere.toml: no such file\n"
    missing = run("validate", "nowhere.toml", cwd=tmp_path, env={"DTWORKSHOP_LANG": "en"})
    assert missing.stderr == "nowhere.toml: no such file\n"

    # Exporting a Danish session into a folder that is not there: the system's reason in
    # Danish, not its "No such file or directory".
    failed = run("export", danish.name, "-o", "nowhere/report.md", "--lang", "en", cwd=tmp_path)
    assert failed.returncode == 1
    assert failed.stderr == ("nowhere/report.md: kan ikke skrives: "
                             "filen eller mappen findes ikke\n")
    assert not (tmp_path / "nowhere").exists()


def test_a_file_that_cannot_be_read_is_said_in_danish_in_a_folders_list(tmp_path: Path) -> None:
    """`list` of a folder with something that is no session file: why, in Danish (the
    default), as `validate` says it; and in English with --lang en."""
    saved(tmp_path, workshop("da", "egedal"))
    (tmp_path / "mappe.toml").mkdir()
    (tmp_path / "tom.toml").write_text("", "utf-8")
    listed = run("list", "--sessions", ".", cwd=tmp_path)
    assert sorted(listed.stderr.splitlines()) == [
        "mappe.toml: er en mappe, ikke en sessionsfil",
        "tom.toml: er tom (ingen nøgler overhovedet); en sessionsfil begynder med format = 1",
    ]
    validated = run("validate", "mappe.toml", "tom.toml", cwd=tmp_path)
    assert sorted(validated.stderr.splitlines()) == sorted(listed.stderr.splitlines())
    # The index keeps why, not the words: read again from it, the English is English.
    english = run("list", "--sessions", ".", "--lang", "en", cwd=tmp_path)
    assert sorted(english.stderr.splitlines()) == [
        "mappe.toml: is a folder, not a session file",
        "tom.toml: is empty (no keys at all); a session file starts with format = 1",
    ]


# ---------------------------------------------------------------- open (before the TUI)


def test_open_invalid_file_exits_before_the_tui(tmp_path: Path) -> None:
    path = broken_copy(tmp_path, "lots", "streamline = 20", 'streamline = "lots"')
    before = path.read_bytes()
    result = run("open", path.name, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("lots.toml:portfolio.units[0].streamline:")
    assert "Traceback" not in result.stderr
    assert result.stdout == ""  # nothing drawn: the TUI never started
    assert path.read_bytes() == before


def test_open_missing_file(tmp_path: Path) -> None:
    result = run("open", "nowhere.toml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == "nowhere.toml: filen findes ikke"  # --lang's default: da
    assert result.stdout == ""


# ---------------------------------------------------------------- report.render_text


def test_render_text_is_pure_and_ends_with_newline() -> None:
    session = workshop("en")
    before = render_text(session)
    assert before.endswith("\n") and not before.endswith("\n\n")
    assert render_text(session) == before
    assert session.double_diamond is None  # rendering did not visit any canvas


def test_render_text_multiline_values_are_indented() -> None:
    session = workshop("en")
    session.business_case.problem = "First line\nsecond line"
    text = render_text(session)
    assert "The problem: First line\n    second line\n" in text


def test_safe_text_keeps_tab_newline_and_letters() -> None:
    assert safe_text("a\tb\næøå [bold]") == "a\tb\næøå [bold]"
    assert safe_text("a\r\nb") == "a\nb"
    assert safe_text("\x00\x1b\x7f\x85") == "\u2400\u241b\u2421\ufffd"


def test_the_parsers_words_are_the_cores() -> None:
    """The CLI names languages and decision statuses without importing the core (start-up):
    they must be the schema's own."""
    from dtworkshop import cli
    from dtworkshop.core.session import DECISION_STATUSES, LANGUAGES

    assert cli.LANGUAGES == LANGUAGES and cli.DECISION_STATUSES == DECISION_STATUSES
