"""The decision log of one canvas: what the team decided there, who owns it, by when."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from dtworkshop.core.labels import Labels
from dtworkshop.core.session import Decision
from dtworkshop.core.text import visible


class DecisionLog(DataTable):
    """The decisions made on one canvas, oldest first; Enter edits one, Space marks it done
    (or open again), Delete removes it.

    User text is shown literally (Text cells, never markup). Overdue dates are marked, and
    a decision done or dropped says so after its due date.
    """

    DEFAULT_CSS = """
    DecisionLog { height: auto; max-height: 12; overflow-x: hidden; }
    """

    class EditRequested(Message):
        """The facilitator wants to edit `decision` (Enter on its row)."""

        def __init__(self, decision: Decision) -> None:
            super().__init__()
            self.decision = decision

    class DeleteRequested(Message):
        """The facilitator wants to delete `decision` (Delete on its row)."""

        def __init__(self, decision: Decision) -> None:
            super().__init__()
            self.decision = decision

    class DoneRequested(Message):
        """The facilitator marks `decision` done, or open again when it was not open
        (Space on its row)."""

        def __init__(self, decision: Decision) -> None:
            super().__init__()
            self.decision = decision

    BINDINGS = [Binding("delete", "delete_decision", show=False)]

    ENTER_OPENS = True
    """Enter opens the decision's dialog: keys typed after it wait for the dialog (the app's
    type-ahead), instead of reaching this list and being said as not taken."""

    def __init__(self, decisions: list[Decision], labels: Labels, *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id=id)
        self._decisions = decisions
        self._labels = labels
        # In the footer while the log has the focus, in the session's language.
        self._bindings.bind("space", "toggle_done", labels("decision.toggle_done"),
                            key_display="␣")
        # What Enter and Delete do here, in the keys list (F1): DataTable's "Select" says
        # nothing of editing.
        self._bindings.key_to_bindings["enter"] = [
            Binding("enter", "select_cursor", labels("decision.edit_key"), show=False)]
        self._bindings.key_to_bindings["delete"] = [
            Binding("delete", "delete_decision", labels("decision.delete_key"), show=False)]

    def on_mount(self) -> None:
        t = self._labels
        self.add_column(t("decision.text"), key="text")
        self.add_column(t("decision.owner"), key="owner")
        self.add_column(t("decision.due").split(" (")[0], key="due")
        self.show(self._decisions)

    def show(self, decisions: list[Decision]) -> None:
        """Show `decisions` (replacing what was shown)."""
        self._decisions = decisions
        row = self.cursor_row  # stay on the decision just edited, not jump to the first
        self.clear()
        today = dt.date.today()
        rows = []
        for d in decisions:
            due = Text(d.due.isoformat() if d.due else "")
            if d.overdue(today):
                due.append(f" {self._labels('decision.overdue')}", style="bold red")
            elif d.status != "open":
                mark = "✓ " if d.status == "done" else ""
                due.append(f" {mark}{self._labels.enum('decision_status', d.status)}",
                           style="bold")
            # A text cut to its column ends in "…", so a reader knows there is more.
            rows.append((Text(_one_line(d.text), overflow="ellipsis"),
                         Text(visible(d.owner), overflow="ellipsis"), due))
        self._fit_columns(rows)
        for i, cells in enumerate(rows):
            self.add_row(*cells, key=str(i))
        self.display = bool(decisions)
        if decisions:
            self.move_cursor(row=min(max(row, 0), len(decisions) - 1))

    OWNER_MOST = 18
    """Cells at most for the owner column (a fifth of the row in a window wider than about
    100 columns): a long name is cut before the decision is."""

    OWNER_LEAST = 4
    """Cells at least for the owner, in a window too narrow for the rest."""

    TEXT_LEAST = 16
    """Cells at least for the decision's text, however narrow the window."""

    ROWS_SHOWN = 11
    """Decisions shown before the log scrolls (its max-height, less the header)."""

    def _fit_columns(self, rows: list[tuple[Text, Text, Text]]) -> None:
        """The owner and due columns as wide as what they show (their headings included;
        the owner at most OWNER_MOST or a fifth of the row), the text all the rest: the
        decision is what the room reads. The columns fill the width exactly (no sideways
        scrolling: the text is what is cut); in a window too narrow, the owner gives way
        before the due date. Issue 16: the text was cut at 27 cells while 15 stayed empty."""
        width = self.size.width or self.app.size.width
        heads = {str(key.value): column.label.cell_len for key, column in self.columns.items()}
        due = max([heads.get("due", 0), *(r[2].cell_len for r in rows)])
        room = width - 2 * self.cell_padding * len(heads)
        most = max(self.OWNER_MOST, room // 5)  # a wide window: room for longer names
        owner = min(most, max([heads.get("owner", 0), *(r[1].cell_len for r in rows)]))
        if len(rows) > self.ROWS_SHOWN:
            room -= self.styles.scrollbar_size_vertical
        text = max(self.TEXT_LEAST, room - owner - due)
        owner = max(min(owner, self.OWNER_LEAST), min(owner, room - due - text))
        widths = {"text": text, "owner": owner, "due": due}
        for key, column in self.columns.items():
            column.auto_width = False
            column.width = widths[str(key.value)]

    def on_resize(self) -> None:
        if self.columns:
            self.show(self._decisions)

    def _selected(self) -> Decision | None:
        if not self._decisions or self.cursor_row < 0:
            return None
        return self._decisions[min(self.cursor_row, len(self._decisions) - 1)]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if (decision := self._selected()) is not None:
            self.post_message(self.EditRequested(decision))

    def action_toggle_done(self) -> None:
        if (decision := self._selected()) is not None:
            self.post_message(self.DoneRequested(decision))

    def action_delete_decision(self) -> None:
        if (decision := self._selected()) is not None:
            self.post_message(self.DeleteRequested(decision))


def _one_line(text: str) -> str:
    return visible(" ".join(text.split()))
