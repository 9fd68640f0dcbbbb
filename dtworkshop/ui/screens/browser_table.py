"""The session browser's table: its columns for a screen's width and sort order
(`column_widths`, `header`), the cells of one row (`row_cells`), the line under the table
about the row the cursor is on (`row_detail`), and `highlighted`, which marks a search hit
(the decision log's too).

Every text from a session is shown literally, control characters made visible (rich Text,
never markup).
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text

from dtworkshop.core.labels import Labels
from dtworkshop.core.text import visible
from dtworkshop.index.browsing import Item, hit_line
from dtworkshop.lock import read_holder

COLUMNS = ("title", "organisation", "date", "language", "decisions", "warnings")
"""The browser's columns, also its sort keys (`index.browsing.SORT_VALUES`), in order."""

_WIDTHS = {"organisation": 18, "date": 10, "language": 5, "decisions": 5, "warnings": 3}
"""The columns' widths in cells; the title takes the rest of the screen's width."""


def highlighted(text: str, needle: str, style: str = "") -> Text:
    """`text` shown literally with every case-insensitive occurrence of `needle` marked."""
    shown = visible(text)
    result = Text(shown, style=style)
    if needle:
        lower, low_needle, start = shown.lower(), visible(needle).lower(), 0
        while (at := lower.find(low_needle, start)) >= 0:
            result.stylize("bold reverse", at, at + len(low_needle))
            start = at + len(low_needle)
    return result


def column_widths(screen_width: int) -> dict[str, int]:
    """Each column's width in cells for a screen `screen_width` cells wide (0: not known
    yet, taken as 80): the title takes what is left, and a third of whatever a screen has
    beyond 80 columns goes to the organisation."""
    widths = dict(_WIDTHS)
    spare = max(0, (screen_width or 80) - 80)
    widths["organisation"] += min(spare // 3, 24)
    fixed = sum(widths.values()) + 2 * len(COLUMNS) + 2
    widths["title"] = max(16, (screen_width or 80) - fixed)
    return widths


def header(t: Labels, widths: dict[str, int], sort_key: str,
           reverse: bool) -> list[tuple[Text, str, int]]:
    """The table's columns as `LongTable.set_columns` takes them (label, key, width), the
    column sorted by marked ▲ (ascending) or ▼ (`reverse`)."""
    columns = []
    for key in COLUMNS:
        label = t(f"list.column.{key}")
        if key == sort_key:
            arrow = "▼" if reverse else "▲"
            # A narrow column takes the arrow without the space, so it is never cut off.
            label += f" {arrow}" if len(label) + 2 <= widths[key] else arrow
        columns.append((Text(label), key, widths[key]))
    return columns


def row_cells(item: Item, needle: str, t: Labels, marked: Path | None) -> tuple[Text, ...]:
    """The cells of `item`'s row, one per column: the search `needle` highlighted, `marked`
    (the session picked to compare) with a dot before its title; a file that cannot be read
    shows its name in red and "bad file"."""
    s = item.session
    if s is None:
        return (Text(visible(item.path.name), style="red"),
                Text(t("app.bad_file"), style="bold red"),
                Text(""), Text(""), Text(""), Text(""))
    mark = "● " if item.path == marked else ""
    return (
        Text(mark) + highlighted(s.title or s.id, needle),
        highlighted(s.organisation, needle),
        Text(s.day.isoformat()),
        Text(s.language),
        Text(str(s.decision_count), justify="right"),
        Text(str(s.warnings) if s.warnings else "", justify="right", style="yellow"),
    )


def row_detail(item: Item, needle: str, t: Labels) -> Text:
    """What is shown under the table of the row the cursor is on: why a bad file cannot be
    read (as `validate` says it); else the session's id, facilitator and language, the line
    the search `needle` was found on (reads the file when not in a decision), and who has
    the session open, if anyone (reads its lock file)."""
    if item.error:
        return Text(visible(item.error_in(t.language)), style="red")
    s = item.session
    text = Text(visible(f"{s.id} · {s.facilitator} · {s.language}"), style="italic")
    if needle:
        line = hit_line(item.path, s, needle)
        if line:
            text.append("\n")
            text.append_text(highlighted(line, needle))
    holder = read_holder(item.path)
    if holder is not None and holder.alive:
        text.append("\n")
        text.append(t("list.open_by", user=visible(holder.user), host=visible(holder.host)),
                    style="bold yellow")
    return text
