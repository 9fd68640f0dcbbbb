"""A session as a report for the participants and the political board, or as data for other
tools: `dtworkshop export FILE --format md|html|json`.

Pure functions, no Textual and no I/O: a Session goes in, a string comes out. The report is
in the session's own language (`dtworkshop.core.labels`); the charts are the canvases' own
chart functions (`CanvasSpec.chart`) drawn as text (`dtworkshop.core.charts.text_chart`),
so the page shows what the workshop saw on the screen. What the report holds, format-free,
is `dtworkshop.outline`.

Every piece of user text (titles, names, notes, unit names, decisions) is data, never markup:
control characters and the bidirectional controls are made visible as `dtworkshop show` prints
them (`dtworkshop.core.text.printed`: ESC as "␛", U+202E as "⟨RLO⟩"), then the text is
escaped for the target format (`md_escape`, `html.escape`). A name like `[x](javascript:…)`
or `<script>` shows as those characters and does nothing; a name, owner, decision or record
title stays on one line (`dtworkshop.outline.single_line`), notes keep their line breaks.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Literal

import msgspec

from dtworkshop.core import timebox
from dtworkshop import __version__
from dtworkshop.core.canvases import CANVASES
from dtworkshop.core.charts import TextChart
from dtworkshop.core.labels import Labels
from dtworkshop.core.session import Session
from dtworkshop.core.text import printed
from dtworkshop.outline import (
    FieldNode,
    ItemsNode,
    Report,
    TableNode,
    build,
    is_overdue,
    text_lines,
)

Format = Literal["md", "html", "json"]
FORMATS: tuple[Format, ...] = ("md", "html", "json")


def export(session: Session, fmt: Format, *, today: dt.date | None = None) -> str:
    """`session` as a Markdown document ("md"), a self-contained HTML page ("html") or JSON
    ("json"), ending with a newline.

    Markdown and HTML hold, in the session's language: the title, organisation, date,
    facilitator and participants; each visited canvas in the source's order with its fields,
    its points of attention (warnings), its chart and its notes; and the decision table
    (canvas, decision, owner, due), decisions due before `today` (default: the local date
    now) marked overdue. The HTML page loads nothing: its style is inline, it has no script
    and no URL; it fits a 1200-pixel screen and A4 paper, each canvas on a page of its own
    when printed (`_html_table` says how a wide table is drawn). JSON is `session_json`.

    Raises ValueError for another `fmt`.
    """
    today = today or dt.date.today()
    if fmt == "json":
        return session_json(session, today=today)
    if fmt not in ("md", "html"):
        raise ValueError(f"unknown export format {fmt!r}; expected one of {FORMATS}")
    report = build(session, today)
    return _markdown(report) if fmt == "md" else _html(report)


# ---------------------------------------------------------------- JSON


def session_json(session: Session, *, today: dt.date | None = None) -> str:
    """The session as JSON for other tools, pretty-printed (2-space indent).

    The object's keys are the session file's keys (SESSION-FORMAT.md, format 1) with the
    same values: date-times as RFC 3339 strings with their offset, dates as "YYYY-MM-DD",
    enumerations as their lowercase words; a canvas not yet visited is null, and a key left
    out of a canvas holds its default ("", [] or not set). Decoding it as a `Session`
    (`msgspec.json.decode(text, type=Session)`) gives the session back. Keys written by a
    newer dtworkshop and kept in the file are not included.

    One more key, "export", is computed and ignored when decoding: `generator`
    ("dtworkshop X.Y.Z"), `date` (the day of the export, against which `overdue` is
    reckoned), `canvases` (for each canvas key in the registry's order, the source's:
    `advice` 1–9 (null for a closing checklist), `checklist` (2 or 3 for a closing checklist,
    else null), `status` "untouched" | "started" | "decided", and `warnings`, each with
    the label `key`, the dotted `path` in the file and the `message` in the session's
    language), `overdue` (the 0-based indices in `decisions` of those due before `date`)
    and `timebox` (null without an `agenda`, else `planned_minutes`, null when nothing is
    planned, and `spent_seconds`, in all; per canvas they are in `agenda`).
    """
    today = today or dt.date.today()
    labels = Labels(session.language)
    warnings = session.warnings()
    body = msgspec.to_builtins(session)
    body["export"] = {
        "generator": f"dtworkshop {__version__}",
        "date": today.isoformat(),
        "canvases": {
            spec.key: {
                "advice": spec.advice,
                "checklist": spec.checklist,
                "status": session.status(spec.key),
                "warnings": [
                    {"key": w.key, "path": w.path, "message": labels(w.key, **w.params)}
                    for w in warnings.get(spec.key, [])
                ],
            }
            for spec in CANVASES
        },
        "overdue": [i for i, d in enumerate(session.decisions) if is_overdue(d, today)],
        "timebox": _timebox_totals(session),
    }
    return msgspec.json.format(msgspec.json.encode(body), indent=2).decode("utf-8") + "\n"



def _timebox_totals(session: Session) -> dict[str, int | None] | None:
    """The timebox's totals: minutes planned (null: nothing planned) and seconds spent in
    all; None when the session has no `agenda`."""
    if session.agenda is None:
        return None
    plan = timebox.planned(session.agenda)
    return {"planned_minutes": sum(plan.values()) if plan else None,
            "spent_seconds": sum(timebox.spent(session.agenda).values())}


# ---------------------------------------------------------------- Markdown

# Characters with a meaning anywhere in a CommonMark/GFM line: emphasis, code, links and
# images, raw HTML and entities, table cells, strikethrough, math ($ on GitHub), headings
# closed by "#", and the backslash itself.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>&|~$#])")
# Characters that only mean something at the start of a line: list items, headings
# (setext "=" and "-"), ordered lists ("1." and "1)").
_MD_LINE_START = re.compile(r"^([-+=])|^(\d+)([.)])")


def md_escape(text: str) -> str:
    """One line of text made literal for Markdown (CommonMark and GitHub's dialect): every
    character that could start markup is backslash-escaped, and a line start that would make
    a list or heading is escaped too. Control characters and bidirectional controls are
    made visible (`dtworkshop.core.text.printed`); line breaks
    become spaces (use `_md_lines` for several lines). Never raises."""
    text = " ".join(text_lines(text))
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", text)


def _md_lines(text: str) -> list[str]:
    """User text as escaped Markdown lines (each made literal on its own)."""
    return [md_escape(line) for line in text_lines(text)]


def _md_value(L: Labels, value: str | None, indent: str) -> str:
    """A value after its label: lines joined by hard line breaks, continuation indented."""
    lines = _md_lines(value or "")
    if not lines:
        return md_escape(L("common.not_set"))
    return ("\\\n" + indent).join(lines)


def _md_cell(L: Labels, value: str | None) -> str:
    lines = _md_lines(value or "")
    return "<br>".join(lines) if lines else md_escape(L("common.not_set"))


def _md_fence(text: str) -> str:
    """A backtick fence longer than any backtick run in `text`, so nothing closes it early."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def _md_table(L: Labels, head: list[str], rows: list[list[str | None]], numeric: frozenset[int]) -> list[str]:
    align = ["---:" if i in numeric else "---" for i in range(len(head))]
    out = ["| " + " | ".join(md_escape(h) or " " for h in head) + " |", "| " + " | ".join(align) + " |"]
    out += ["| " + " | ".join(_md_cell(L, cell) for cell in row) + " |" for row in rows]
    return out


def _gap(out: list[str]) -> None:
    """End the block before: one blank line, never two."""
    if out and out[-1] != "":
        out.append("")


def _markdown(r: Report) -> str:
    L, e = r.labels, md_escape
    out: list[str] = [f"# {e(r.title)}", ""]
    out += [f"**{e(label)}:** {_md_value(L, value, '')}\\" for label, value in r.meta]
    out[-1] = out[-1].removesuffix("\\")
    out += ["", f"## {e(L('common.participants'))}", ""]
    if r.participants:
        out += [f"- {e(p)}" for p in r.participants]
    else:
        out.append(e(L("report.no_participants")))
    if r.timebox is not None:
        out += ["", f"## {e(r.timebox.label)}", ""]
        out += _md_table(L, r.timebox.head, r.timebox.rows, r.timebox.numeric)

    for canvas in r.canvases:
        out += ["", f"## {e(canvas.title)}", ""]
        if canvas.warnings:
            # A quote, not a list: a list here would merge with the fields' list below it.
            quote = [f"**{e(L('common.warnings'))}:**", *(f"⚠ {e(w)}" for w in canvas.warnings)]
            out += ["> " + line + ("\\" if i < len(quote) - 1 else "") for i, line in enumerate(quote)]
            out.append("")
        for node in canvas.nodes:
            if isinstance(node, FieldNode):
                out.append(f"- **{e(node.label)}:** {_md_value(L, node.value, '  ')}")
            elif isinstance(node, ItemsNode):
                values = [v for v in node.items if text_lines(v)]
                if not values:
                    out.append(f"- **{e(node.label)}:** {e(L('common.not_set'))}")
                else:
                    out.append(f"- **{e(node.label)}:**")
                    out += [f"  - {_md_value(L, v, '    ')}" for v in values]
            else:
                _gap(out)
                out += [f"**{e(node.label)}**", ""]
                out += _md_table(L, node.head, node.rows, node.numeric)
                out.append("")
        _gap(out)
        out.append(f"**{e(L('common.notes'))}:** {_md_value(L, canvas.notes, '')}")
        if canvas.chart is not None:
            body = canvas.chart.lines
            if canvas.chart.legend:
                body = body + [""] + [f"{fill} {label}" for fill, label, _ in canvas.chart.legend]
            # A unit's name in the chart may hold a direction control: named, as elsewhere.
            text = printed("\n".join(body))
            fence = _md_fence(text)
            out += ["", f"**{e(canvas.chart_title)}**", "", f"{fence}text", text, fence]
    if not r.canvases:
        out += ["", e(L("report.no_canvases"))]

    out += ["", f"## {e(L('decision.log'))}", ""]
    if r.decisions:
        rows = []
        for cells, overdue, state in r.decisions:
            if overdue:
                cells = [*cells[:-1], f"{cells[-1]} ⚠ {L('decision.overdue')}"]
            elif state:  # done or dropped: said after the due date
                cells = [*cells[:-1], f"{cells[-1] or '–'} · {state}"]
            rows.append(cells)
        out += _md_table(L, r.decision_head, rows, frozenset({0}))
        if any(overdue for _, overdue, _ in r.decisions):
            out += ["", f"⚠ {e(r.overdue_note)}"]
    else:
        out.append(e(L("report.no_decisions")))
    out += _md_tallies(r)
    out += ["", "---", "", f"*{e(r.footer)}*"]
    return "\n".join(out) + "\n"


def _md_tallies(r: Report) -> list[str]:
    """The tallies' section (after the decisions): per tally its question, where and when,
    a table of votes, the result and the bar chart. Nothing for a session without tallies."""
    if not r.tallies:
        return []
    L, e = r.labels, md_escape
    out = ["", f"## {e(L('tally.report_heading'))}"]
    for tally in r.tallies:
        out += ["", f"### {tally.number}. {e(tally.question)}", "", f"*{e(tally.where)}*", ""]
        out += _md_table(L, tally.head, tally.rows, frozenset({1}))
        out += ["", f"**{e(L('tally.report_result'))}:** {e(tally.result)}"]
        if tally.chart is not None:
            text = printed("\n".join(tally.chart.lines))
            fence = _md_fence(text)
            out += ["", f"{fence}text", text, fence]
    return out


# ---------------------------------------------------------------- HTML

# Print and projector first: dark text on white, a large plain face, tables with lines; the
# charts keep their colours on screen and their fills (█ ▓ ▒ ░) on a black-and-white printer.
# A table cell breaks its text between words only (`overflow-wrap: break-word` leaves a cell's
# narrowest width at its longest word; `anywhere` let the browser squeeze a column to one
# letter a line). A table that would not fit a printed page so is drawn transposed
# (`_html_table`); the box around a table scrolls on a narrow screen, never on paper.
_CSS = """
:root { color-scheme: light; --ink: #111; --muted: #555; --line: #bbb; --accent: #0b4f8a;
  --warn: #8a4b00; --warn-bg: #fff4e0; --late: #a30000; }
* { box-sizing: border-box; }
html { font-size: 112.5%; }
body { margin: 0; color: var(--ink); background: #fff;
  font-family: "Segoe UI", "Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans", sans-serif;
  line-height: 1.45; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
h1 { font-size: 2rem; margin: 0 0 .75rem; color: var(--accent); overflow-wrap: break-word; }
h2 { font-size: 1.4rem; margin: 2.25rem 0 .75rem; padding-bottom: .2rem;
  border-bottom: 2px solid var(--accent); color: var(--accent); }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .4rem; }
.number { color: var(--muted); font-weight: normal; }
dl.meta, dl.fields { display: grid; grid-template-columns: fit-content(22em) minmax(0, 1fr);
  gap: .3rem 1.25rem; margin: .5rem 0; }
dt { font-weight: 600; }
dd { margin: 0; min-width: 0; }
dd ul { margin: 0; padding-left: 1.2rem; }
.unset { color: var(--muted); }
.text { white-space: pre-wrap; overflow-wrap: break-word; }
div.table { overflow-x: auto; margin: .4rem 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left;
  vertical-align: top; overflow-wrap: break-word; }
th { background: #eef2f6; }
tr > :first-child:not(.num) { min-width: 8em; }
td.num, th.num { text-align: right; }
td.num .text, td.due .text { white-space: nowrap; }
table.transposed td.num { text-align: center; }
ul.warnings { list-style: none; padding: .5rem .75rem; margin: .5rem 0 1rem;
  background: var(--warn-bg); border-left: 4px solid var(--warn); color: var(--warn); }
tr.overdue td { color: var(--late); }
.late { font-weight: 600; }
figure { margin: 1rem 0; break-inside: avoid; }
figcaption { font-weight: 600; margin-bottom: .3rem; }
pre.chart { font-family: "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace;
  font-size: .8rem; line-height: 1.1; margin: 0; padding: .5rem; overflow-x: auto;
  border: 1px solid var(--line); background: #fff; }
pre.chart .g { display: inline-block; width: 1ch; }
ul.legend { list-style: none; padding: 0; margin: .4rem 0 0; display: flex; flex-wrap: wrap;
  gap: .2rem 1.25rem; }
ul.legend .fill { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; }
.c0 { color: #000; } .c1 { color: #c62828; } .c2 { color: #2e7d32; } .c3 { color: #b8860b; }
.c4 { color: #1565c0; } .c5 { color: #8e24aa; } .c6 { color: #00838f; } .c7 { color: #777; }
.c8 { color: #555; } .c9 { color: #e53935; } .c10 { color: #43a047; } .c11 { color: #c99700; }
.c12 { color: #1e88e5; } .c13 { color: #d81b60; } .c14 { color: #00acc1; } .c15 { color: #333; }
footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  html { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  section.canvas, section#decisions { break-before: page; }
  h2, h3, figcaption { break-after: avoid; }
  tr, dd, li, ul.warnings, figure { break-inside: avoid; }
  thead { display: table-header-group; }
  div.table, pre.chart { overflow: visible; }
}
"""


def _h(text: str) -> str:
    """User or label text for HTML: control and bidirectional characters visible
    (`dtworkshop.core.text.printed`), then `html.escape`d."""
    return html.escape(printed(text), quote=True)


def _html_value(L: Labels, value: str | None) -> str:
    lines = text_lines(value or "")
    if not lines:
        return f'<span class="unset">{_h(L("common.not_set"))}</span>'
    return f'<span class="text">{_h(chr(10).join(lines))}</span>'


# Characters every monospace face has (Latin, punctuation, box drawing, blocks, shapes);
# another, such as the braille dots of a line chart, comes from a proportional fallback face
# and is wider than a column: it is drawn in a box one column wide (`.g`), so the chart's
# frame stays straight.
_MONOSPACED = re.compile(r"[\n\x20-\u024f\u2000-\u206f\u2500-\u25ff]+")


def _html_chart_text(text: str) -> str:
    """A piece of a chart as HTML: escaped, each character a monospace face may lack in a
    box one column wide."""
    parts, at = [], 0
    text = printed(text)
    for match in _MONOSPACED.finditer(text):
        parts += [f'<span class="g">{html.escape(c)}</span>' for c in text[at:match.start()]]
        parts.append(html.escape(match.group()))
        at = match.end()
    parts += [f'<span class="g">{html.escape(c)}</span>' for c in text[at:]]
    return "".join(parts)


def _html_chart(chart: TextChart) -> str:
    rows = []
    for row in chart.runs:
        parts = []
        for text, colour in row:
            text = _html_chart_text(text)
            parts.append(f'<span class="c{colour}">{text}</span>' if colour is not None else text)
        rows.append("".join(parts).rstrip())
    return "\n".join(rows)


def _html(r: Report) -> str:
    L = r.labels
    out: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{_h(r.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="dtworkshop">',
        f"<title>{_h(r.title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        "<header>",
        f"<h1>{_h(r.title)}</h1>",
        '<dl class="meta">',
    ]
    for label, value in r.meta:
        out.append(f"<dt>{_h(label)}</dt><dd>{_html_value(L, value)}</dd>")
    out += ["</dl>", "</header>", '<section id="participants">',
            f"<h2>{_h(L('common.participants'))}</h2>"]
    if r.participants:
        out += ["<ul>", *(f'<li><span class="text">{_h(" ".join(text_lines(p)))}</span></li>'
                          for p in r.participants), "</ul>"]
    else:
        out.append(f"<p>{_h(L('report.no_participants'))}</p>")
    out.append("</section>")
    if r.timebox is not None:
        out += ['<section id="timebox">', f"<h2>{_h(r.timebox.label)}</h2>"]
        out += _html_table(L, r.timebox.head, r.timebox.rows, r.timebox.numeric)
        out.append("</section>")

    for canvas in r.canvases:
        out += [f'<section class="canvas" id="{canvas.key}">',
                f'<h2><span class="number">{canvas.number}</span> {_h(canvas.title)}</h2>']
        if canvas.warnings:
            out.append(f'<ul class="warnings" aria-label="{_h(L("common.warnings"))}">')
            out += [f'<li>⚠ <span class="text">{_h(" ".join(text_lines(w)))}</span></li>' for w in canvas.warnings]
            out.append("</ul>")
        fields: list[str] = []
        for node in canvas.nodes:
            if isinstance(node, TableNode):
                if fields:
                    out += ['<dl class="fields">', *fields, "</dl>"]
                    fields = []
                out.append(f"<h3>{_h(node.label)}</h3>")
                out += _html_table(L, node.head, node.rows, node.numeric)
            elif isinstance(node, FieldNode):
                fields.append(f"<dt>{_h(node.label)}</dt><dd>{_html_value(L, node.value)}</dd>")
            else:
                values = [v for v in node.items if text_lines(v)]
                items = "".join(f"<li>{_html_value(L, v)}</li>" for v in values)
                value = f"<ul>{items}</ul>" if values else _html_value(L, None)
                fields.append(f"<dt>{_h(node.label)}</dt><dd>{value}</dd>")
        fields.append(f"<dt>{_h(L('common.notes'))}</dt><dd>{_html_value(L, canvas.notes)}</dd>")
        out += ['<dl class="fields">', *fields, "</dl>"]
        if canvas.chart is not None:
            out += ["<figure>", f"<figcaption>{_h(canvas.chart_title)}</figcaption>",
                    f'<pre class="chart" role="img" aria-label="{_h(canvas.chart_title)}">'
                    f"{_html_chart(canvas.chart)}</pre>"]
            if canvas.chart.legend:
                out.append('<ul class="legend">')
                out += [f'<li><span class="fill c{colour}">{_h(fill * 2)}</span> {_h(label)}</li>'
                        for fill, label, colour in canvas.chart.legend]
                out.append("</ul>")
            out.append("</figure>")
        out.append("</section>")
    if not r.canvases:
        out.append(f"<p>{_h(L('report.no_canvases'))}</p>")

    out += ['<section id="decisions">', f"<h2>{_h(L('decision.log'))}</h2>"]
    if r.decisions:
        out += ['<div class="table"><table>', "<thead><tr>"]
        number = ' class="num"'
        out += [f"<th{number if i == 0 else ''}>{_h(h)}</th>" for i, h in enumerate(r.decision_head)]
        out += ["</tr></thead>", "<tbody>"]
        for cells, overdue, state in r.decisions:
            tds = [f"<td{number}>{_h(cells[0] or '')}</td>"]
            tds += [f"<td>{_h_cell(L, c)}</td>" for c in cells[1:-1]]
            due = _html_value(L, cells[-1])
            if overdue:
                due += f' <span class="late">⚠ {_h(L("decision.overdue"))}</span>'
            elif state:
                due += f' <span class="state">{_h(state)}</span>'
            tds.append(f'<td class="due">{due}</td>')
            late = ' class="overdue"' if overdue else ""
            out.append(f"<tr{late}>{''.join(tds)}</tr>")
        out += ["</tbody>", "</table></div>"]
        if any(overdue for _, overdue, _ in r.decisions):
            out.append(f"<p>⚠ {_h(r.overdue_note)}</p>")
    else:
        out.append(f"<p>{_h(L('report.no_decisions'))}</p>")
    out.append("</section>")
    out += _html_tallies(r)
    out += [f"<footer>{_h(r.footer)}</footer>", "</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _html_tallies(r: Report) -> list[str]:
    """The tallies' section, as `_md_tallies`: nothing for a session without tallies."""
    if not r.tallies:
        return []
    L = r.labels
    out = ['<section id="tallies">', f"<h2>{_h(L('tally.report_heading'))}</h2>"]
    for tally in r.tallies:
        out += [f"<h3>{tally.number}. {_h(tally.question)}</h3>", f"<p><em>{_h(tally.where)}</em></p>"]
        out += _html_table(L, tally.head, tally.rows, frozenset({1}))
        out.append(f"<p><strong>{_h(L('tally.report_result'))}:</strong> {_h(tally.result)}</p>")
        if tally.chart is not None:
            label = _h(L("tally.chart"))
            out += ["<figure>", f'<pre class="chart" role="img" aria-label="{label}">'
                    f"{_html_chart(tally.chart)}</pre>", "</figure>"]
    out.append("</section>")
    return out


# How wide a table may be drawn, in em of its own text: the printed A4 page holds 182 mm
# between its margins, 54 em of a table's 9.45 pt; a little is kept for what the estimate
# below misses. A word is counted at 0.55 em a letter (Arial's lower case is about 0.5, its
# bold and capitals and DejaVu Sans, where Arial is missing, wider) and each cell adds its
# padding and border: the tables of the examples come out 10-20 % wider than Chromium lays
# them out.
_TABLE_EMS = 50.0
_LETTER_EMS = 0.55
_CELL_EMS = 1.1
_FIRST_EMS = 8.0
"""The narrowest a table's first column (the names) is drawn (`min-width` in `_CSS`), in em."""
_LONG_WORD = 30
"""Letters of the longest word a table cell keeps whole (a Danish compound runs to 27:
"Beskæftigelsesforvaltningen"). A longer run without a space, a link or a path, may break
after a "/", "-", "." and the like, and a piece still longer every `_WORD_PIECE` letters, so
that it cannot push its table off the page."""
_WORD_PIECE = 20
_LONG = re.compile(rf"\S{{{_LONG_WORD + 1},}}")
_AFTER_PUNCTUATION = re.compile(r"(?<=[/\\\-_.,;:?&=#+])")


def _breakable(word: str) -> str:
    """A word longer than `_LONG_WORD` as HTML, with `<wbr>` where it may break."""
    pieces: list[str] = []
    for piece in _AFTER_PUNCTUATION.split(word):
        pieces += ([piece[i:i + _WORD_PIECE] for i in range(0, len(piece), _WORD_PIECE)]
                   if len(piece) > _LONG_WORD else [piece])
    return "<wbr>".join(_h(piece) for piece in pieces if piece)


def _column_ems(cells: list[str | None]) -> float:
    """The narrowest a column holding `cells` can be drawn without breaking a word, in em."""
    longest = max((min(len(word), _LONG_WORD) for cell in cells if cell
                   for word in printed(cell).split()), default=1)
    return longest * _LETTER_EMS + _CELL_EMS


def _h_cell(L: Labels, value: str | None) -> str:
    """A table cell's value as HTML: as `_html_value`, a break allowed inside a word longer
    than `_LONG_WORD` letters (`_breakable`)."""
    lines = text_lines(value or "")
    if not lines:
        return _html_value(L, None)
    text, parts, at = "\n".join(lines), [], 0
    for match in _LONG.finditer(text):
        word = match.group()
        parts += [_h(text[at:match.start()]), _breakable(word)]
        at = match.end()
    parts.append(_h(text[at:]))
    return f'<span class="text">{"".join(parts)}</span>'


def _html_table(L: Labels, head: list[str], rows: list[list[str | None]], numeric: frozenset[int]) -> list[str]:
    """A table of `rows` under `head`, a row a record (the `numeric` columns right-aligned),
    in a box that scrolls on a screen too narrow for it.

    A table too wide for a printed A4 page (over `_TABLE_EMS` em without breaking a word: the
    maturity assessment's eight dimensions), or of one record with more than one value (the
    ownership canvas's archetypes: four texts side by side, each a narrow column), is drawn
    transposed: a row a column of `head`, a column a record, its title on top; records that
    do not fit beside each other go on in a second table, the row heads repeated."""
    columns = [list(column) for column in zip(head, *rows)]
    widths = [_column_ems(column) for column in columns]
    fits = max(_FIRST_EMS, widths[0]) + sum(widths[1:]) <= _TABLE_EMS
    if not rows or (fits and (len(rows) > 1 or len(head) <= 2)):
        return _html_rows(L, head, rows, numeric)
    label_ems = max(_FIRST_EMS, _column_ems(head[1:]))
    record_ems = [_column_ems(row) for row in rows]
    # As few tables as it takes (each record beside the one before while they fit, at least
    # one a table however wide) ...
    sizes = [0]
    for i in range(len(rows)):
        if sizes[-1] and label_ems + sum(record_ems[i - sizes[-1]:i + 1]) > _TABLE_EMS:
            sizes.append(0)
        sizes[-1] += 1
    # ... their records shared out evenly where they fit so, the last table not left with
    # one record alone.
    even = [len(rows) // len(sizes) + (i < len(rows) % len(sizes)) for i in range(len(sizes))]
    starts = [sum(even[:i]) for i in range(len(even))]
    if all(label_ems + sum(record_ems[at:at + n]) <= _TABLE_EMS for at, n in zip(starts, even)):
        sizes = even
    out: list[str] = []
    for at, n in zip([sum(sizes[:i]) for i in range(len(sizes))], sizes):
        out += _html_columns(L, head, rows[at:at + n], numeric)
    return out


def _html_rows(L: Labels, head: list[str], rows: list[list[str | None]], numeric: frozenset[int]) -> list[str]:
    def cls(i: int) -> str:
        return ' class="num"' if i in numeric else ""

    out = ['<div class="table"><table>', "<thead><tr>",
           *(f"<th{cls(i)}>{_h(h)}</th>" for i, h in enumerate(head)), "</tr></thead>", "<tbody>"]
    for row in rows:
        out.append("<tr>" + "".join(f"<td{cls(i)}>{_h_cell(L, c)}</td>" for i, c in enumerate(row)) + "</tr>")
    out += ["</tbody>", "</table></div>"]
    return out


def _html_columns(L: Labels, head: list[str], rows: list[list[str | None]], numeric: frozenset[int]) -> list[str]:
    """`rows` transposed: the first row holds `head[0]` and each record's title, then a row
    for each other column of `head`, its label first."""
    out = ['<div class="table"><table class="transposed">', "<thead><tr>", f"<th>{_h(head[0])}</th>",
           *(f'<th scope="col">{_h_cell(L, row[0])}</th>' for row in rows), "</tr></thead>", "<tbody>"]
    for i, label in enumerate(head[1:], start=1):
        cls = ' class="num"' if i in numeric else ""
        out.append(f'<tr><th scope="row">{_h(label)}</th>'
                   + "".join(f"<td{cls}>{_h_cell(L, row[i])}</td>" for row in rows) + "</tr>")
    out += ["</tbody>", "</table></div>"]
    return out
