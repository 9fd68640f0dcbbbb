"""The decision log of one canvas: what the team decided there, who owns it, by when."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
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
    DecisionLog { height: auto; max-height: 12; }
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

    BINDINGS = [("delete", "delete_decision", "")]

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
        self._fit_columns()
        today = dt.date.today()
        for i, d in enumerate(decisions):
            due = Text(d.due.isoformat() if d.due else "")
            if d.overdue(today):
                due.append(f" {self._labels('decision.overdue')}", style="bold red")
            elif d.status != "open":
                mark = "✓ " if d.status == "done" else ""
                due.append(f" {mark}{self._labels.enum('decision_status', d.status)}",
                           style="bold")
            self.add_row(Text(_one_line(d.text)), Text(visible(d.owner)), due, key=str(i))
        self.display = bool(decisions)
        if decisions:
            self.move_cursor(row=min(max(row, 0), len(decisions) - 1))

    OWNER_WIDTH = 18
    DUE_WIDTH = 23  # "2027-01-31 overskredet"

    def _fit_columns(self) -> None:
        """The text takes what the owner and due columns leave, so due never falls off."""
        width = self.size.width or self.app.size.width
        widths = {
            "text": max(16, width - self.OWNER_WIDTH - self.DUE_WIDTH - 8),
            "owner": self.OWNER_WIDTH,
            "due": self.DUE_WIDTH,
        }
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
