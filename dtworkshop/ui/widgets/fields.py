"""Form fields bound to the session: each writes its value through a `write` callable and
posts `Edited`, so the screen can save and redraw without knowing which field changed."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from rich.text import Text
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from dtworkshop.core.labels import Labels
from dtworkshop.core.text import visible
from dtworkshop.ui.screens.dialogs import ConfirmScreen
from dtworkshop.ui.widgets.literal import LiteralInput

Write = Callable[[Any], None]


class Edited(Message):
    """A field changed the session in memory."""


class TextField(LiteralInput):
    """One line of text, e.g. a problem statement or a name.

    Shown literally, with control characters made visible (ESC as "␛", see `visible`): a
    value from a file never reaches the terminal as an escape sequence. The value itself is
    kept exactly as read or typed.
    """

    def __init__(self, value: str, write: Write, *, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(value, placeholder=placeholder, compact=True, select_on_focus=False, id=id)
        self._write = write
        self._last = value

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value == self._last:
            return
        self._last = event.value
        self._write(event.value)
        self.post_message(Edited())



class NumberField(Input):
    """A whole number in [low, high], e.g. a percentage 0..100; empty means not set (None).

    A value out of range is shown as invalid and not written, so the file never holds it.
    """

    def __init__(self, value: int | None, write: Write, *, low: int = 0, high: int = 100,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(
            "" if value is None else str(value),
            restrict=r"\d{0,3}",
            max_length=3,
            compact=True,
            select_on_focus=False,
            id=id,
            classes=classes,
        )
        self._write = write
        self.low, self.high = low, high
        self._last = self.value

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value == self._last:
            return
        self._last = event.value
        text = event.value.strip()
        if not text:
            self.remove_class("-invalid")
            self._write(None)
        elif self.low <= int(text) <= self.high:
            self.remove_class("-invalid")
            self._write(int(text))
        else:
            self.add_class("-invalid")  # shown, not written: the screen warns about it
        self.post_message(Edited())


class ChoiceField(Select[str]):
    """One word of an enumeration, shown by its label; blank means not chosen (None)."""

    def __init__(self, options: Iterable[tuple[str, str]], value: str | None, write: Write,
                 *, prompt: str = "–", allow_blank: bool = True, id: str | None = None) -> None:
        super().__init__(
            [(Text(label), word) for label, word in options],
            value=value if value is not None else Select.NULL,
            prompt=prompt,
            allow_blank=allow_blank,
            compact=True,
            id=id,
        )
        self._write = write
        self._last = value

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        value = None if event.value is Select.NULL else event.value
        if value == self._last:
            return  # Select also reports the value it was created with
        self._last = value
        self._write(value)
        self.post_message(Edited())


class NotesField(TextArea):
    """Free text over several lines (notes, the fish's head, body and tail).

    Shown with control characters made visible, like TextField; the text is kept exactly.
    """

    DEFAULT_CSS = """
    NotesField { height: auto; min-height: 3; max-height: 10; }
    """

    def __init__(self, value: str, write: Write, *, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(value, soft_wrap=True, tab_behavior="focus", compact=True,
                         placeholder=placeholder, id=id)
        self._write = write
        self._last = value

    def on_focus(self) -> None:
        # Typing after Tab adds to the text, never in front of its first line.
        self.move_cursor(self.document.end)

    def get_line(self, line_index: int) -> Text:
        """Line `line_index` as drawn: control characters made visible, one symbol each."""
        return Text(visible(self.document.get_line(line_index)), end="", no_wrap=True)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if self.text == self._last:
            return
        self._last = self.text
        self._write(self.text)
        self.post_message(Edited())


class LinesField(NotesField):
    """A list of short items, one per line (needs, ideas, actions, the scope list)."""

    def __init__(self, value: Sequence[str], write: Write, *, id: str | None = None) -> None:
        super().__init__("\n".join(value), lambda text: write(_lines(text)), id=id)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def row(label: str, field: Widget, *, classes: str = "") -> Horizontal:
    """A labelled field on one line: the label (user-proof: shown literally) then the field."""
    return Horizontal(Label(Text(label), classes="field-label"), field, classes=f"field-row {classes}")


def block(label: str, field: Widget) -> Vertical:
    """A labelled field whose label sits above it (multi-line fields)."""
    return Vertical(Label(Text(label), classes="field-label"), field, classes="field-block")


class RecordList(Vertical):
    """An editable array of tables (units, initiatives, prototypes, participants).

    `items` is the live list in the session; `make` builds a new empty item; `fields(item)`
    returns the widgets for one item, already bound to it. Rows are added with the "+" button
    and removed with their "✕" button (after a yes), in place, so what the list holds is what
    the file holds.
    """

    DEFAULT_CSS = """
    RecordList { height: auto; }
    RecordList .record { height: auto; }
    RecordList .record > .record-fields { height: auto; width: 1fr; }
    RecordList .remove { min-width: 3; width: 3; }
    RecordList .add { width: auto; margin-top: 0; }
    """

    def __init__(self, items: list[Any], make: Callable[[], Any],
                 fields: Callable[[Any], list[Widget]], *, labels: Labels, add_label: str,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self._labels = labels
        self._items = items
        self._make = make
        self._fields = fields
        self._add_label = add_label

    def compose(self):
        for item in self._items:
            yield self._record(item)
        yield Button(Text(f"+ {self._add_label}"), classes="add", compact=True)

    def _record(self, item: Any) -> Horizontal:
        record = Horizontal(
            Vertical(*self._fields(item), classes="record-fields"),
            Button("✕", classes="remove", compact=True),
            classes="record",
        )
        record.item = item  # type: ignore[attr-defined]
        return record

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.has_class("add"):
            item = self._make()
            self._items.append(item)
            record = self._record(item)
            await self.mount(record, before=event.button)
            self.post_message(Edited())
            focusable = [w for w in record.query("*") if w.focusable]
            if focusable:
                focusable[0].focus()
        elif event.button.has_class("remove"):
            record = event.button.parent
            item = record.item  # type: ignore[union-attr]
            name = getattr(item, "name", "") or "–"

            async def answered(yes: bool | None) -> None:
                if not yes:
                    return
                self._items[:] = [i for i in self._items if i is not item]
                await record.remove()  # type: ignore[union-attr]
                self.query_one(".add", Button).focus()  # never onto a neighbour's ✕
                self.post_message(Edited())

            t = self._labels
            self.app.push_screen(
                ConfirmScreen(t("common.remove_question", name=visible(name)), t("common.remove"), t("decision.cancel")),
                answered,
            )


class Hint(Static):
    """A dim line or two of the source's guidance beside a field (never user text)."""

    DEFAULT_CSS = """
    Hint { height: auto; color: $text-muted; padding-left: 2; margin-bottom: 1; }
    Hint.-empty { display: none; }
    """

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(Text(text.strip("\n")), id=id)

    def show(self, text: str) -> None:
        """Replace the hint's text (hidden when empty)."""
        self.update(Text(text.strip("\n").rstrip()))
        self.set_class(not text.strip(), "-empty")
