"""`dtworkshop export FILE --format md|html|json [-o OUT]`, run for real in a subprocess.

The reports are read the way their readers will: the Markdown through a CommonMark renderer
with GitHub's tables (markdown-it, which Rich already brings), the HTML through an HTML
parser. What is expected comes from the session file itself, never from a copy in the test.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import msgspec
import pytest
from markdown_it import MarkdownIt

from dtworkshop.core.canvases import CANVASES
from dtworkshop.core.canvases.business_case import Perspective, Perspectives
from dtworkshop.core.canvases.portfolio import Initiative, Unit
from dtworkshop.core.charts import distinct_labels, text_chart
from dtworkshop.core.labels import Labels
from dtworkshop.core.session import Decision, Participant, Session, new_session
from dtworkshop.core.text import visible
from dtworkshop.storage import read_session, save_session

REPO = Path(__file__).resolve().parent.parent

# Enumeration fields are shown by their label, not their word: field name → enumeration.
ENUM_FIELDS = {"benefit": "benefit", "verdict": "verdict", "phase": "phase", "status": "status",
               "rollout": "rollout", "category": "category", "paradigm": "paradigm",
               "involvement": "involvement", "scenario": "scenario", "innovation": "category",
               "stage": "change_stage"}

REPORT_TAGS = {"h1", "h2", "p", "strong", "em", "ul", "li", "table", "thead", "tbody", "tr",
               "th", "td", "br", "pre", "code", "hr", "blockquote"}
PAGE_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "header", "footer",
             "section", "h1", "h2", "h3", "dl", "dt", "dd", "span", "ul", "li", "p", "table",
             "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "pre", "div", "wbr"}
PAGE_ATTRIBUTES = {"lang", "charset", "name", "content", "class", "id", "role", "aria-label",
                   "scope"}


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """`python -m dtworkshop ARGS` with a clean environment and an ASCII-only locale, so a
    report that relied on the locale's encoding would fail here."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(cwd),
        "LANG": "C",
        "PYTHONPATH": str(REPO),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    return subprocess.run([sys.executable, "-m", "dtworkshop", *args], cwd=cwd, env=env,
                          capture_output=True, timeout=60)


def export(path: Path, fmt: str) -> str:
    result = run("export", str(path), "--format", fmt, cwd=path.parent)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert result.stderr == b""
    return result.stdout.decode("utf-8")


class Page(HTMLParser):
    """An HTML document's tags, attributes and text (a space at every tag but `<wbr>`, so
    cells and lines never run together)."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.classes: list[str] = []
        self.parts: list[str] = []
        self.title = ""
        self._in_title = False
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs
        self.classes += [v or "" for k, v in attrs if k == "class"]
        self._in_title = tag == "title"
        if tag != "wbr":  # a place a long word may break, inside the word
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        self.parts.append(data)

    @property
    def text(self) -> str:
        return flat("".join(self.parts))


def flat(text: str) -> str:
    return " ".join(text.split())


def shown(value: str) -> str:
    """How a value must read in a report: a CR ends a line, other control characters are
    visible symbols; line breaks and runs of spaces do not matter."""
    return flat(visible(value.replace("\r\n", "\n").replace("\r", "\n")))


def rendered(markdown: str) -> Page:
    """The Markdown as a reader sees it: CommonMark with GitHub's tables and strikethrough."""
    return Page(MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown))


def user_values(session: Session) -> list[str]:
    """Everything in `session` a report must show: the team's own text as written and each
    enumeration word as its label in the session's language."""
    labels = Labels(session.language)
    found: list[str] = [session.title, session.organisation, session.facilitator]
    for person in session.participants:
        found += [person.name, person.role]
    for decision in session.decisions:
        found += [decision.text, decision.owner, labels(f"canvas.{decision.canvas}.short")]

    def walk(node: Any, name: str = "") -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, key)
        elif isinstance(node, list):
            for value in node:
                walk(value, name)
        elif isinstance(node, str):
            found.append(labels.enum(ENUM_FIELDS[name], node) if name in ENUM_FIELDS else node)

    for spec in CANVASES:
        data = getattr(session, spec.key)
        if data is not None:
            walk(msgspec.to_builtins(data))
    return [shown(v) for v in found if v.strip()]


def charts(session: Session) -> dict[str, list[str]]:
    """Each visited canvas's chart as the canvas's own chart function draws it in text."""
    labels = Labels(session.language)
    out = {}
    for spec in CANVASES:
        data = getattr(session, spec.key)
        if data is not None and spec.chart is not None:
            # the portfolio's extra rows restated (three a unit beyond three); the others as
            # each canvas asks for them (the maturity's two, the dilemmas' two a slider)
            rows = (3 * max(0, len(data.units) - 3) if spec.key == "portfolio"
                    else spec.chart_rows(data))
            drawn = text_chart(spec.chart, data, labels, 72, 12 + rows)
            # A chart no different from an empty canvas's is left out of the report.
            if drawn is not None and drawn != text_chart(spec.chart, spec.model(), labels, 72,
                                                         12 + rows):
                out[spec.key] = drawn.lines
    return out


def headings(session: Session) -> list[str]:
    labels = Labels(session.language)
    return [f"{labels(f'canvas.{s.key}.title')} · {s.place(labels)}"
            for s in CANVASES if getattr(session, s.key) is not None]


# ---------------------------------------------------------------- the examples


def test_markdown_report_of_every_example(examples: Path) -> None:
    for path in sorted(examples.glob("*.toml")):
        session = read_session(path)
        labels = Labels(session.language)
        markdown = export(path, "md")
        page = rendered(markdown)
        assert page.tags.count("h1") == 1
        for heading in headings(session):
            assert f"\n## {heading}\n" in markdown, (path.name, heading)
        for value in user_values(session):
            assert value in page.text, (path.name, value)
        drawn = charts(session)
        blocks = re.findall(r"^```text\n(.*?)\n```$", markdown, re.S | re.M)
        assert len(blocks) == len(drawn) > 0
        for (key, lines), block in zip(drawn.items(), blocks):
            assert block.split("\n")[: len(lines)] == lines, key
            assert max(len(line) for line in lines) <= 72
            assert labels(f"canvas.{key}.chart") in page.text
        if session.portfolio and session.portfolio.units:
            for name in distinct_labels([u.name for u in session.portfolio.units], 12):
                assert name in blocks[list(drawn).index("portfolio")]
        # The decision table: one row a decision, after its header and delimiter rows.
        table = [line for line in markdown.split("\n## ")[-1].splitlines() if line.startswith("|")]
        assert len(table) == 2 + len(session.decisions)


def test_html_report_of_every_example_is_one_page_that_loads_nothing(examples: Path) -> None:
    for path in sorted(examples.glob("*.toml")):
        session = read_session(path)
        page_source = export(path, "html")
        assert page_source.startswith("<!DOCTYPE html>\n")
        assert f'<html lang="{session.language}">' in page_source
        for resource in ("http:", "https:", "src=", "@import", "url(", "<link", "<script", "//"):
            assert resource not in page_source.lower(), (path.name, resource)
        page = Page(page_source)
        assert set(page.tags) <= PAGE_TAGS, set(page.tags) - PAGE_TAGS
        assert {name for name, _ in page.attributes} <= PAGE_ATTRIBUTES
        assert flat(page.title) == shown(session.title)
        for heading in headings(session):
            assert heading in page.text, (path.name, heading)
        for value in user_values(session):
            assert value in page.text, (path.name, value)
        assert page.classes.count("chart") == len(charts(session))
        # A record a row, or in a table too wide for paper drawn transposed, a column.
        tables = re.findall(r'<table( class="transposed")?>(.*?)</table>', page_source, re.S)
        records = sum(body.count('scope="col"') if transposed else body.count("<tr") - 1
                      for transposed, body in tables)
        assert records == len(session.decisions) + sum(len(t) for t in _tables(session))


def _tables(session: Session) -> list[list[Any]]:
    """The records of each table the page has besides the decisions: perspectives, prototypes, maturity units, portfolio units, initiatives, the
    ownership canvas's archetypes and triangle (one row each) and groups, actors."""
    tables: list[list[Any]] = []
    if session.business_case:
        tables.append([None] * 5)
    if session.double_diamond and session.double_diamond.prototypes:
        tables.append(session.double_diamond.prototypes)
    if session.maturity and session.maturity.units:
        tables.append(session.maturity.units)
    if session.portfolio:
        tables += [t for t in (session.portfolio.units, session.portfolio.initiatives) if t]
    if session.ownership:
        tables += [[None] for part in (session.ownership.archetypes, session.ownership.triangle)
                   if part is not None]
        if session.ownership.groups:
            tables.append(session.ownership.groups)
    if session.actor_pentagon:
        tables.append([None] * 5)
    return tables


def test_a_chart_with_nothing_on_it_is_left_out_of_the_reports(tmp_path: Path) -> None:
    """A business case with no perspective scored has no chart in the report (bare axes read
    as a chart that failed); one score and it is there."""
    session = new_session("intet-scoret", title="Intet scoret", organisation="Egedal Kommune")
    session.business_case = CANVASES[0].model(problem="Lange ventetider")
    path = tmp_path / "intet-scoret.toml"
    save_session(session, path)
    title = Labels("da")("canvas.business_case.chart")
    assert "Lange ventetider" in export(path, "md")
    for fmt in ("md", "html"):
        assert title not in export(path, fmt), fmt
    session.business_case = msgspec.structs.replace(
        session.business_case, perspectives=Perspectives(citizen_need=Perspective(fit=4)))
    save_session(session, path)
    for fmt in ("md", "html"):
        assert title in export(path, fmt), fmt


def test_a_decision_done_or_dropped_is_said_so_and_never_overdue(tmp_path: Path) -> None:
    session = new_session("fulgt-op", title="Fulgt op", organisation="Egedal Kommune")
    session.date = dt.date(2026, 12, 7)
    made = dt.datetime(2026, 4, 20, 11, 0, tzinfo=dt.timezone.utc)
    session.decisions = [
        Decision(canvas="portfolio", text="Pilot i Jobcenter", due=dt.date(2026, 6, 30),
                 made=made, status="done", closed=dt.date(2026, 6, 12)),
        Decision(canvas="portfolio", text="Ny portal", due=dt.date(2026, 6, 30), made=made,
                 status="dropped"),
        Decision(canvas="portfolio", text="Chatbot", due=dt.date(2026, 6, 30), made=made),
    ]
    path = tmp_path / "fulgt-op.toml"
    save_session(session, path)
    markdown = export(path, "md")
    lines = {d.text: next(line for line in markdown.splitlines() if d.text in line)
             for d in session.decisions}
    assert lines["Pilot i Jobcenter"].endswith("| 2026-06-30 · Udført 2026-06-12 |")
    assert lines["Ny portal"].endswith("| 2026-06-30 · Droppet |")
    assert "⚠" in lines["Chatbot"] and "⚠" not in lines["Pilot i Jobcenter"] + lines["Ny portal"]
    assert "**Dato:** 2026-12-07" in markdown  # the workshop's day, not the day it was made
    page = export(path, "html")
    assert '<span class="state">Udført 2026-06-12</span>' in page
    assert page.count('class="overdue"') == 1
    shown = run("show", str(path), cwd=tmp_path).stdout.decode("utf-8")
    assert "Udført 2026-06-12" in shown and "Droppet" in shown and "2026-12-07" in shown


def test_json_of_every_example_is_the_session(examples: Path) -> None:
    for path in sorted(examples.glob("*.toml")):
        session = read_session(path)
        text = export(path, "json")
        assert msgspec.json.decode(text, type=Session) == session
        data = msgspec.json.decode(text)
        labels = Labels(session.language)
        canvases = data["export"]["canvases"]
        assert list(canvases) == [spec.key for spec in CANVASES]
        for spec in CANVASES:
            entry = canvases[spec.key]
            assert entry["advice"] == spec.advice
            assert entry["checklist"] == spec.checklist
            assert entry["status"] == session.status(spec.key)
            expected = session.warnings().get(spec.key, [])
            assert [(w["key"], w["path"], w["message"]) for w in entry["warnings"]] == [
                (w.key, w.path, labels(w.key, **w.params)) for w in expected]
        assert data["export"]["date"] == dt.date.today().isoformat()


# ---------------------------------------------------------------- hostile text

LINE_STARTS = "# not a heading\n- not a list\n1. not ordered\n> not a quote\n===\n    not code\n```\n<div>raw</div>"


def hostile(tag: str) -> str:
    """Text that would be markup, a link, a script or terminal control in a careless report."""
    return (f"{tag} <script>alert(1)</script> [x](javascript:alert(1)) *bold* _it_ a | b "
            f"`code` [bold]rich[/bold] \x1b[31mred\x1b[0m \x07bell\x9bcsi\rafter-cr &amp; $m$ ~~gone~~ "
            f"![i](p.png) <!-- c --> \\*kept\\*")


def hostile_session(language: str) -> Session:
    s = new_session("hostile", title=hostile("T"), organisation=hostile("O"),
                    facilitator=hostile("F"), language=language)
    s.participants = [Participant(name=hostile("P"), role=hostile("R"))]
    business = s.canvas("business_case")
    business.problem = hostile("BP") + "\n" + LINE_STARTS
    business.perspectives = Perspectives(citizen_need=Perspective(note=hostile("CN"), fit=3))
    business.verdict = "green"
    business.notes = LINE_STARTS + "\n" + hostile("BN")
    diamond = s.canvas("double_diamond")
    diamond.needs = [hostile("DN"), LINE_STARTS]
    portfolio = s.canvas("portfolio")
    # 105 %: the warning names the unit, so the warning is user text too.
    portfolio.units = [Unit(name=hostile("U1"), streamline=60, modernise=45, goal=hostile("G")),
                       Unit(name="`|` <b>", streamline=100)]
    portfolio.initiatives = [Initiative(name=hostile("I"), unit=hostile("IU"), category="modernise")]
    s.canvas("story_fish").head = hostile("SH")
    s.decisions = [
        Decision(canvas="portfolio", text=hostile("D1"), owner=hostile("DO"),
                 due=dt.date(2000, 1, 31), made=s.created),
        Decision(canvas="business_case", text="D2 " + LINE_STARTS, owner="", due=dt.date(2099, 12, 31),
                 made=s.created),
    ]
    return s


def hostile_values(session: Session) -> list[str]:
    labels = Labels(session.language)
    values = user_values(session)
    values += [shown(labels(w.key, **w.params)) for found in session.warnings().values() for w in found]
    assert any("U1 <script>" in v for v in values)  # the unit's sum warning
    return values


@pytest.mark.parametrize("language", ["da", "en"])
def test_hostile_text_is_only_text_in_every_format(tmp_path: Path, language: str) -> None:
    session = hostile_session(language)
    path = tmp_path / "hostile.toml"
    save_session(session, path)
    labels = Labels(language)
    expected = hostile_values(session)

    markdown = export(path, "md")
    page_source = export(path, "html")
    data = export(path, "json")

    for name, text in (("md", markdown), ("html", page_source)):
        for control in ("\x1b", "\x07", "\r", "\x9b"):
            assert control not in text, (name, repr(control))

    # Markdown: the structure is the report's alone, every value reads as typed.
    report = rendered(markdown)
    assert set(report.tags) <= REPORT_TAGS, set(report.tags) - REPORT_TAGS
    assert report.tags.count("h1") == 1
    assert report.tags.count("h2") == 2 + len(headings(session))  # participants, decisions
    assert report.tags.count("blockquote") == len(session.warnings())
    assert report.tags.count("pre") == len(charts(session))
    assert report.tags.count("em") == 1  # the footer
    for value in expected:
        assert value in report.text, value
    prose = re.sub(r"^(`{3,})text\n.*?\n\1$", "", markdown, flags=re.S | re.M)
    assert "<script>" not in prose and "[x](" not in prose and "*bold*" not in prose
    # A unit name in a chart is text in a code block: it cannot close the block.
    portfolio_chart = charts(session)["portfolio"]
    assert any("U1 <script" in line for line in portfolio_chart)
    assert "\n".join(portfolio_chart) in markdown
    decisions = markdown.split("\n## ")[-1]
    rows = [line for line in decisions.splitlines() if line.startswith("|")][2:]
    assert [labels("decision.overdue") in row for row in rows] == [True, False]
    assert len(rendered(decisions).tags) and rendered(decisions).tags.count("tr") == 3

    # HTML: only the page's own tags and attributes, every value as text.
    page = Page(page_source)
    assert set(page.tags) <= PAGE_TAGS, set(page.tags) - PAGE_TAGS
    assert {name for name, _ in page.attributes} <= PAGE_ATTRIBUTES
    assert not any("javascript" in (value or "") for _, value in page.attributes)
    assert f'<html lang="{language}">' in page_source
    assert flat(page.title) == shown(session.title)
    for value in expected:
        assert value in page.text, value
    assert page.classes.count("overdue") == 1
    for resource in ("http:", "https:", "src=", "@import", "url(", "<link", "<script"):
        assert resource not in page_source.lower(), resource

    # JSON: exact, control characters and all.
    decoded = msgspec.json.decode(data, type=Session)
    assert decoded == session
    assert decoded.title == hostile("T") and "\x1b[31m" in decoded.title and "\r" in decoded.title
    assert msgspec.json.decode(data)["export"]["overdue"] == [0]


class Elements(HTMLParser):
    """The text of each element of an HTML page, by tag, as written (line breaks kept):
    `texts("td")` is every table cell's text."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[str]]] = []
        self._open: list[tuple[str, list[str]]] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("meta", "br"):
            self._open.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            name, parts = self._open.pop()
            self.found.append((name, parts))
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, parts in self._open:
            parts.append(data)

    def texts(self, tag: str) -> list[str]:
        return ["".join(parts).strip() for name, parts in self.found if name == tag]


def test_direction_and_control_characters_are_named_and_one_line_values_stay_on_one_line(
        tmp_path: Path) -> None:
    """A right-to-left override (U+202E) in a name shows "Anne", RLO, "draoB" as "Anne
    Board" in a browser or Markdown viewer that honours it: the reports name it "⟨RLO⟩", as
    `show` does, and ESC and BEL show as "␛" and "␇". A CR in a name, role, owner, decision
    or unit name is a space (a second line would pass for the next line or cell); in a note
    it ends a line, and the note keeps its lines (issue 14)."""
    session = new_session("bidi", title="Plan\r\u202eA", organisation="Egedal \u2067Kommune\u2069",
                          facilitator="Fa\x07cilitator", language="en")
    session.participants = [Participant(name="Anne\rMarie \u202edraoB", role="Chef\r\x1b[31mred")]
    portfolio = session.canvas("portfolio")
    portfolio.units = [Unit(name="Unit\r\u202eA", streamline=50, modernise=50)]
    portfolio.notes = "first\rsecond \x1b[31mred\x07 \u202eback"
    session.decisions = [Decision(canvas="portfolio", text="Close\rthe \u202ecase", owner="Bo\r\u202eØrsted",
                                  due=dt.date(2099, 1, 1), made=session.created)]
    path = tmp_path / "bidi.toml"
    save_session(session, path)

    markdown = export(path, "md")
    page_source = export(path, "html")
    for name, text in (("md", markdown), ("html", page_source)):
        for raw in ("\u202e", "\u2067", "\u2069", "\r", "\x1b", "\x07"):
            assert raw not in text, (name, repr(raw))

    lines = markdown.splitlines()
    assert lines[0] == "# Plan ⟨RLO⟩A"
    assert "**Organisation:** Egedal ⟨RLI⟩Kommune⟨PDI⟩\\" in lines
    assert "**Facilitator:** Fa␇cilitator" in lines
    assert "- Anne Marie ⟨RLO⟩draoB (Chef ␛\\[31mred)" in lines
    assert any(line.startswith("| Unit ⟨RLO⟩A | 50 % |") for line in lines), markdown
    assert "| 1 | Portfolio | Close the ⟨RLO⟩case | Bo ⟨RLO⟩Ørsted | 2099-01-01 |" in lines
    assert "**Notes:** first\\\nsecond ␛\\[31mred␇ ⟨RLO⟩back" in markdown
    assert any("Unit ⟨RLO⟩A" in line for line in lines if not line.startswith("|")), "chart legend"

    page = Elements(page_source)
    assert page.texts("title") == page.texts("h1") == ["Plan ⟨RLO⟩A"]
    assert "Egedal ⟨RLI⟩Kommune⟨PDI⟩" in page.texts("dd")
    assert "Anne Marie ⟨RLO⟩draoB (Chef ␛[31mred)" in page.texts("li")
    cells = page.texts("td") + page.texts("th")
    assert "Unit ⟨RLO⟩A" in cells
    assert {"Close the ⟨RLO⟩case", "Bo ⟨RLO⟩Ørsted"} <= set(cells)
    assert "first\nsecond ␛[31mred␇ ⟨RLO⟩back" in page.texts("dd")


# ---------------------------------------------------------------- writing a file, refusing


def test_output_file_holds_the_same_report_and_never_replaces_the_session(examples: Path) -> None:
    path = next(iter(sorted(examples.glob("*.toml"))))
    before = path.read_bytes()
    out = examples.parent / "report.html"
    result = run("export", str(path), "--format", "html", "-o", str(out), cwd=examples)
    assert result.returncode == 0 and result.stdout == b"", result.stderr
    assert out.read_text("utf-8") == export(path, "html")

    for target in (path, examples / "." / path.name):
        refused = run("export", str(path), "-o", str(target), cwd=examples)
        assert refused.returncode == 2
        assert "er selve sessionsfilen".encode() in refused.stderr  # the session's language
    link = examples.parent / "link.md"
    link.symlink_to(path)
    assert run("export", str(path), "-o", str(link), cwd=examples).returncode == 2
    assert path.read_bytes() == before

    missing = run("export", str(path), "-o", str(examples.parent / "no-such" / "r.md"), cwd=examples)
    assert missing.returncode == 1
    assert b"no-such" in missing.stderr and b"Traceback" not in missing.stderr


def test_bad_session_file_is_refused_naming_file_and_key(tmp_path: Path) -> None:
    bad = REPO / "tests" / "hostile" / "percent-140.toml"
    validated = run("validate", str(bad), cwd=tmp_path)
    for fmt in ("md", "json"):
        result = run("export", str(bad), "--format", fmt, cwd=tmp_path)
        assert result.returncode == 1
        assert result.stdout == b""
        assert result.stderr == validated.stderr
        assert b"organisation_forms.matrix" in result.stderr


def test_export_needs_no_textual(examples: Path) -> None:
    """The report draws the canvases' charts without the TUI: nothing of Textual is loaded."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from dtworkshop.export import export\n"
        "from dtworkshop.storage import read_session\n"
        f"for path in Path({str(examples)!r}).glob('*.toml'):\n"
        "    for fmt in ('md', 'html', 'json'):\n"
        "        export(read_session(path), fmt)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'textual_plotext')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
