"""F1: every key of the screen showing, with what it does, also those its footer has no room
for (issue 16: the browser's m, c, t, r and f, a canvas's ctrl+r and ctrl+l)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Label

from dtworkshop.ui.screens.dialogs import DismissOnce, KeepsFocusInView
from dtworkshop.ui.widgets.footer import in_order


def keys_of(screen: Screen) -> list[tuple[str, str]]:
    """The keys that act on `screen` now, as (keys, what it does) rows: one row per action
    that has a description (all the keys bound to it joined, "^r ^pgup"; a binding's
    tooltip, when it has one, says it better: "Åbn kommandopaletten", not the footer's
    "palet").

    The screen's keys come first in the order they were bound, then those of the widget in
    focus and its containers, Textual's and the app's (copy, quit, palette) last. Textual's own keys panel
    lists the focused widget's first: at 80x24 a table's dozen cursor keys hid the screen's
    own. A macOS command key ("super+c") is left out: no terminal passes it on."""
    app = screen.app
    rows: dict[str, tuple[list[str], str]] = {}
    active = in_order(screen)
    textuals = {binding.action for bindings in Screen._merged_bindings.key_to_bindings.values()
                for binding in bindings}  # Textual's own on every screen: copy
    ours = [entry for entry in active if entry[3] is not app and entry[0].action not in textuals]
    apps = [entry for entry in active if entry[3] is app or entry[0].action in textuals]
    described = {binding.action for binding, *_ in active if binding.description}
    for binding, _enabled, _tooltip, _node in ours + apps:
        # A key bound without words to an action that has them elsewhere is listed with
        # it: ctrl+pagedown beside ctrl+n ("Næste").
        if (binding.action not in described or binding.system
                or binding.key.startswith("super+")):
            continue
        keys, description = rows.setdefault(binding.action, ([], ""))
        if not description and binding.description:
            rows[binding.action] = (keys, binding.tooltip or binding.description)
        shown = app.get_key_display(binding)
        if shown not in keys:
            keys.append(shown)
    return [(" ".join(keys), description) for keys, description in rows.values()]


class KeysScreen(KeepsFocusInView, DismissOnce, ModalScreen[None]):
    """The keys of the screen under it (`rows`, from `keys_of`), one a line, in a table
    that scrolls with the arrow keys; Escape or F1 closes it."""

    BINDINGS = [("escape", "dismiss(None)", "")]

    DEFAULT_CSS = """
    KeysScreen DataTable { height: auto; max-height: 70vh; margin-top: 1; }
    """

    def __init__(self, heading: str, rows: Iterable[tuple[str, str]]) -> None:
        super().__init__()
        self.heading = heading
        self.rows = list(rows)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.heading), classes="dialog-title")
            table = DataTable(cursor_type="row", show_header=False, zebra_stripes=True)
            table.add_columns("", "")
            for keys, description in self.rows:
                table.add_row(Text(keys, style="bold", justify="right"),
                              Text(description, overflow="ellipsis"))
            yield table

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()

    @on(DataTable.RowSelected)
    def _chosen(self) -> None:
        self.dismiss(None)  # Enter: read, done


def toggle_keys(app: App, heading: str) -> None:
    """Show the keys of the screen showing (F1), or close them when they are showing."""
    if isinstance(app.screen, KeysScreen):
        app.screen.dismiss(None)
    else:
        app.push_screen(KeysScreen(heading, keys_of(app.screen)))
