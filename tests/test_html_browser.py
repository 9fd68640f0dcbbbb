"""The HTML report of each example session, laid out by a real browser (Debian's headless
`chromium`) on a 1200-pixel screen and on A4 paper.

What a reader sees is measured in the browser itself: a copy of the exported page gets a
`<script>` that writes the measures (the page's width against the window's, every element
that reaches past the window's right edge, every word broken across two lines, each table's
narrowest column, each chart's width against its box) into the page as JSON, and
`chromium --dump-dom` hands the page back. The paper is measured twice: the same copy with
the page's print rules applied on a screen as wide as the printed A4 page between its
margins (the browser's own layout, measurable), and the real `--print-to-pdf`, read back
with poppler's `pdftotext` (every canvas title and every table cell's words present, no
word past the right margin, each canvas on a page of its own) and `pdfinfo` (A4).

The browser runs with its network off: the flags below keep it from trying to reach
anything, which without them makes it wait on connections that never come. One chromium a
page, all in parallel, once for the whole file (`rendered`).
"""

from __future__ import annotations

import fcntl
import html
import json
import os
import pickle
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from dtworkshop.core.canvases.maturity import PARAMETERS, UnitMaturity
from dtworkshop.core.canvases.portfolio import Initiative, Unit
from dtworkshop.core.session import Decision
from dtworkshop.export import _LONG_WORD as LONG_WORD
from dtworkshop.storage import read_session, save_session
from tests.conftest import EXAMPLES
from tests.test_export import export

CHROMIUM = shutil.which("chromium")
POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo")
pytestmark = [
    pytest.mark.skipif(
        not (CHROMIUM and POPPLER),
        reason="needs Debian's chromium and poppler-utils (pdftotext, pdfinfo): "
               "apt-get install chromium poppler-utils (.ci/run installs them)"),
    # First: the workers that wait for the one rendering the reports do so at the start,
    # beside the other slow tests, not at the end of the run with nothing else to do.
    pytest.mark.slow,
]

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")
SCREEN = 1200
"""The projector's width, in CSS pixels."""
MM = 96 / 25.4
"""CSS pixels a millimetre."""
A4 = (210, 297)
"""The paper, in mm; the report's `@page` keeps 14 mm left and right, 16 mm top and bottom."""
SIDE_MARGIN = 14
PRINT_WIDTH = round((A4[0] - 2 * SIDE_MARGIN) * MM)
"""The printed page's width between its margins, in CSS pixels (688)."""
FIRST_COLUMN_EMS = 8
"""The narrowest a table's first column (names, or the rows' labels; not the decisions'
numbers) may be, in em."""

CROWDED = "crowded"
SESSIONS = [*sorted(path.stem for path in EXAMPLES.glob("*.toml")), CROWDED]
"""The example sessions, and one more (`crowded`)."""
LINK = "https://intranet.ringkoebing-skjern.dk/digitalisering/portefoelje/2027/robotter-i-aeldreplejen"

MEASURE = """<script>
(() => {
  const root = document.documentElement, width = root.clientWidth, window_ = window.innerWidth;
  const em = (el) => parseFloat(getComputedStyle(el).fontSize);
  const named = (el) => el.tagName.toLowerCase() + (el.className ? "." + el.className : "")
    + " " + JSON.stringify(el.textContent.trim().slice(0, 50));
  // Every box past the right edge, and every word: an inline box's own edge is left out,
  // as the spaces at the end of its lines hang past the edge where they show nothing.
  const beyond = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (getComputedStyle(el).display !== "inline" && box.width > 0 && box.right > width + 0.5) {
      beyond.push(named(el) + " ends at " + box.right);
    }
  }
  const broken = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const word of node.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      const boxes = [...range.getClientRects()];
      const right = Math.max(...boxes.map((r) => r.right));
      if (right > width + 0.5) beyond.push(JSON.stringify(word[0]) + " ends at " + right);
      const lines = new Set(boxes.map((r) => Math.round(r.bottom)));
      if (lines.size > 1 && !node.parentElement.closest("pre")) broken.push(word[0]);
    }
  }
  const tables = [...document.querySelectorAll("table")].map((table) => {
    const columns = [];
    for (const row of table.rows) {
      [...row.cells].forEach((cell, i) => {
        columns[i] = Math.min(columns[i] ?? Infinity, cell.getBoundingClientRect().width / em(cell));
      });
    }
    const first = table.rows[0].cells[0];
    return {head: first.innerText, numbers: first.classList.contains("num"), columns};
  });
  // A number ("105 %") or a due date with its mark ("2027-01-31 ⚠") on more than one line.
  const wrapped = [...document.querySelectorAll("td.num .text, td.due .text")].filter((text) => {
    const range = document.createRange();
    range.selectNodeContents(text);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.bottom))).size > 1;
  }).map((text) => text.innerText);
  const charts = [...document.querySelectorAll("pre")].map((pre) => [pre.scrollWidth, pre.clientWidth]);
  // Each line of a chart: the distance from the chart's left edge to its last character's
  // right edge, by characters: the same for every line when each character takes a column.
  const columns = [...document.querySelectorAll("pre")].map((pre) => {
    const lines = [[]];
    const texts = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      for (let i = 0; i < node.data.length; i++) {
        if (node.data[i] === "\\n") lines.push([]); else lines.at(-1).push([node, i]);
      }
    }
    const style = getComputedStyle(pre);
    const left = pre.getBoundingClientRect().left + parseFloat(style.borderLeftWidth)
      + parseFloat(style.paddingLeft);
    return lines.filter((line) => line.length).map((line) => {
      const [node, i] = line.at(-1), range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      return (range.getBoundingClientRect().right - left) / line.length;
    });
  });
  const out = document.createElement("pre");
  out.id = "measured";
  out.textContent = JSON.stringify({
    width, window: window_, scrollWidth: root.scrollWidth, beyond, broken, wrapped, tables, charts,
    columns,
    titles: [...document.querySelectorAll("h2")].map((h) => h.innerText),
    cells: [...document.querySelectorAll("th, td")].map((c) => c.innerText),
    charted: [...document.querySelectorAll("pre")].map((p) => p.innerText),
  });
  document.body.append(out);
})();
</script>
"""


@dataclass
class Rendered:
    """One report as the browser laid it out: the measures on the screen and on the printed
    page's width (see MEASURE), and the PDF: its pages' text (`pdftotext -layout`), its
    words with their right edges (`pdftotext -bbox`, points from the paper's left edge),
    its page size in points and its number of pages."""

    screen: dict[str, Any]
    paper: dict[str, Any]
    pages: list[str]
    words: list[tuple[str, float]]
    size: tuple[float, float]
    count: int


def chromium(*args: str) -> subprocess.CompletedProcess:
    """Headless chromium with a fresh profile and no network, run to its end (at most 60 s)."""
    with tempfile.TemporaryDirectory(prefix="dtw-chromium-") as profile:
        return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, timeout=60, env={**os.environ, "HOME": profile})


def measured(page: Path, width: int, *flags: str) -> dict[str, Any]:
    """The measures of `page` (with MEASURE in it) in a window `width` pixels wide."""
    result = chromium(f"--window-size={width},900", *flags, "--dump-dom", page.as_uri())
    found = re.search(r'<pre id="measured">(.*?)</pre>', result.stdout.decode("utf-8"), re.S)
    assert found, result.stderr.decode("utf-8", "replace")[-2000:]
    return json.loads(html.unescape(found.group(1)))


def printed(page: Path) -> Path:
    """`page` printed to PDF (beside it), as "Save as PDF" does but without the browser's
    own header and footer (date, address)."""
    pdf = page.with_suffix(".pdf")
    result = chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert pdf.exists(), result.stderr.decode("utf-8", "replace")[-2000:]
    return pdf


def pdf_words(pdf: Path) -> list[tuple[str, float]]:
    """Each word of `pdf` with its right edge, in points from the page's left edge."""
    found = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout
    return [(html.unescape(word), float(right)) for right, word in
            re.findall(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>', found)]


def crowded(path: Path) -> None:
    """The portfolio example grown past what its tables hold on paper, written to `path`:
    nine units with long names in the maturity assessment (three pages of transposed
    tables' worth) and eight in the portfolio, a link with no space in it as an initiative
    and a note, and fifteen decisions."""
    session = read_session(EXAMPLES / "2026-12-07-ringkoebing-skjern-portefoelje.toml")
    session.id = path.stem
    names = ["Social-, Sundheds- og Ældreforvaltningen", "Børne- og Familieforvaltningen",
             "Teknik- og Miljøforvaltningen", "Kultur- og Fritidsforvaltningen",
             "Arbejdsmarkedsforvaltningen", "Økonomi- og Personaleforvaltningen",
             "Borgerservice og Digitalisering", "Beskæftigelsesforvaltningen", "Ældreplejen Vest"]
    session.maturity.units = [
        UnitMaturity(name=name, note=f"Vurderet på direktionsmødet, se {LINK}" if i == 4 else "",
                     **{p: 1 + (i + j) % 5 for j, p in enumerate(PARAMETERS)})
        for i, name in enumerate(names)]
    session.portfolio.units = [Unit(name=name, streamline=40, modernise=30, rethink_services=20,
                                    rethink_business=10, goal="Halvdelen af sagerne digitalt i 2027")
                               for name in names[:8]]
    session.portfolio.initiatives.append(Initiative(name=LINK, unit=names[0], category="streamline"))
    decision = session.decisions[0]
    session.decisions += [Decision(canvas="maturity", text=f"Følg op på modenheden i {name}",
                                   owner="Direktør for Økonomi og Administration",
                                   due=decision.due, made=decision.made) for name in names]
    save_session(session, path)


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> dict[str, Rendered]:
    """Every example session's report, rendered once a run (15 chromiums, 40 s of CPU): by
    the first of the test workers to need it, the others waiting for it and reading it back
    (the pattern pytest-xdist's documentation gives for a session fixture made once).
    Module-scoped, it was made in each worker, and again each time a worker came back to
    this module after another: five times a run."""
    if worker_id == "master":  # one process (-n 0): nothing to share
        return render(tmp_path_factory.mktemp("reports"))
    shared = tmp_path_factory.getbasetemp().parent  # one folder for this run's workers
    done = shared / "rendered.pickle"
    with open(shared / "rendered.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not done.exists():
            done.write_bytes(pickle.dumps(render(shared / "reports")))
        return pickle.loads(done.read_bytes())


def render(folder: Path) -> dict[str, Rendered]:
    """Every example session's report, exported by the real CLI and rendered by chromium
    into `folder`: three chromiums a session (screen, paper width, PDF), two at a time."""
    folder.mkdir(parents=True, exist_ok=True)
    jobs = []
    for name in SESSIONS:
        session = folder / f"{name}.toml"
        if name == CROWDED:
            crowded(session)
        else:
            shutil.copy(EXAMPLES / session.name, session)
        page = export(session, "html")
        (folder / f"{name}.html").write_text(page, "utf-8")
        measuring = page.replace("</body>", MEASURE + "</body>")
        (folder / f"{name}.screen.html").write_text(measuring, "utf-8")
        # The print rules on a screen as wide as the paper: the same layout, measurable.
        assert measuring.count("@media print {") == 1
        paper = measuring.replace("@media print {", "@media all {")
        (folder / f"{name}.paper.html").write_text(paper, "utf-8")
        jobs += [(measured, folder / f"{name}.screen.html", SCREEN),
                 # paper has no scroll bar: all of its width is the page's
                 (measured, folder / f"{name}.paper.html", PRINT_WIDTH, "--hide-scrollbars"),
                 (printed, folder / f"{name}.html")]
    with ThreadPoolExecutor(max_workers=2) as pool:
        done = list(pool.map(lambda job: job[0](*job[1:]), jobs))
    out = {}
    for i, name in enumerate(SESSIONS):
        screen, paper, pdf = done[3 * i: 3 * i + 3]
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
        count = re.search(r"Pages:\s+(\d+)", info)
        assert size and count, info
        out[name] = Rendered(screen, paper, text.split("\f")[: int(count.group(1))], pdf_words(pdf),
                             (float(size.group(1)), float(size.group(2))), int(count.group(1)))
    return out


def assert_laid_out_within(measures: dict[str, Any], width: int) -> None:
    """Nothing wider than the window `width` (but its scroll bar), no word broken over two
    lines nor a number or a due date over two, every table's first column at least
    FIRST_COLUMN_EMS wide, every chart whole in its box and every character of it one column
    wide (a braille dot from a wider fallback face pushed the frame's right side out on its
    lines)."""
    assert measures["window"] == width
    width = measures["width"]
    assert measures["scrollWidth"] <= width, measures["beyond"]
    assert measures["beyond"] == []
    assert measures["broken"] == []
    assert measures["wrapped"] == []
    assert measures["tables"]
    for table in measures["tables"]:
        assert table["numbers"] or table["columns"][0] >= FIRST_COLUMN_EMS - 0.05, table
    assert measures["charts"]
    for scroll, client in measures["charts"]:
        assert scroll <= client
    for chart in measures["columns"]:
        assert max(chart) - min(chart) < 0.01 * max(chart), chart


@pytest.mark.parametrize("name", SESSIONS)
def test_report_fits_a_1200_pixel_screen(rendered: dict[str, Rendered], name: str) -> None:
    """On the projector every table is read without scrolling: the Ringkøbing-Skjern
    portfolio's maturity table drew its units one letter a line ("F o r v a l t n i n g")
    and ran off the right edge."""
    assert_laid_out_within(rendered[name].screen, SCREEN)


@pytest.mark.parametrize("name", SESSIONS)
def test_report_fits_the_width_of_a_printed_a4_page(rendered: dict[str, Rendered], name: str) -> None:
    """Laid out by the page's print rules as wide as A4 between its margins, nothing is cut
    or squeezed: the maturity table, too wide for paper, is drawn with a row a dimension."""
    assert_laid_out_within(rendered[name].paper, PRINT_WIDTH)


@pytest.mark.parametrize("name", SESSIONS)
def test_printed_report_is_a4_with_a_page_a_canvas_and_nothing_cut(rendered: dict[str, Rendered], name: str) -> None:
    """Printed (the browser's own "Save as PDF"), the report is on A4, each canvas starts a
    page, and every word of the tables and charts is on the paper, none past the margin."""
    report = rendered[name]
    width, height = report.size
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == A4
    titles = [" ".join(t.split()) for t in report.paper["titles"]]
    # The first page holds the title and the participants; each canvas and the decisions
    # start a page of their own.
    assert report.count >= len(titles) >= 3
    firsts = [" ".join(page.strip().split("\n", 1)[0].split()) for page in report.pages if page.strip()]
    for title in titles[1:]:
        assert title in firsts, (title, firsts)
    # Every word of every canvas title, table cell and chart is on the paper, as often.
    # (Words as `pdftotext -bbox` finds them: `-layout` glues "6 %" into "6%" where the space
    # is narrow, and so would miss words that are there.)
    words = Counter(word for word, _ in report.words)
    wanted = Counter(word for text in [*titles, *report.paper["cells"], *report.paper["charted"]]
                     for word in text.split())
    # A word too long for any column (a link) may break where the page marks it: it is on
    # the paper in pieces.
    paper = "".join(word for word, _ in report.words)
    assert [word for word in wanted - words if len(word) <= LONG_WORD or word not in paper] == []
    # No word reaches into the right margin, let alone past the paper's edge.
    right = width - SIDE_MARGIN * 72 / 25.4
    assert [(word, edge) for word, edge in report.words if edge > right + 1] == []
