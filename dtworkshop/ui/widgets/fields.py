"""Form fields bound to the session: each writes its value through a `write` callable and
posts `Edited`, so the screen can save and redraw without knowing which field changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from rich.text import Text
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.suggester import Suggester
from textual.validation import Function
from textual.widgets import Input, Label, Select, Static, TextArea

from dtworkshop.core.text import visible, written_day
from dtworkshop.core.types import typed_day
from dtworkshop.ui.widgets.choice import Choice
from dtworkshop.ui.widgets.literal import LiteralInput
from dtworkshop.ui.widgets.refusals import Refusals, tell

Write = Callable[[Any], None]


class Edited(Message):
    """A field changed the session in memory."""


class Completes(Suggester):
    """Textual's suggester over names known now (`names()`, asked at each key: the list may
    change while the field is open): the first that starts with what is typed, any case,
    shown after it; → at the end takes it. Typing on past it keeps what is typed."""

    def __init__(self, names: Callable[[], list[str]]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.names = names

    async def get_suggestion(self, value: str) -> str | None:
        typed = value.casefold()
        return next((name for name in self.names()
                     if len(name) > len(value) and name.casefold().startswith(typed)), None)


class TextField(LiteralInput):
    """One line of text, e.g. a problem statement or a name.

    Shown literally, with control characters made visible (ESC as "␛", see `visible`): a
    value from a file never reaches the terminal as an escape sequence. The value itself is
    kept exactly as read or typed.
    """

    def __init__(self, value: str, write: Write, *, placeholder: str = "", id: str | None = None,
                 suggestions: Callable[[], list[str]] | None = None) -> None:
        # An empty field always shows something ("–" at least): where the terminal draws its
        # ground like the screen's (16 colours under NO_COLOR) it is still seen.
        super().__init__(value, placeholder=placeholder or "–", compact=True,
                         select_on_focus=False, id=id,
                         suggester=Completes(suggestions) if suggestions else None)
        self._write = write
        self._last = value

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value == self._last:
            return
        self._last = event.value
        self._write(event.value)
        self.post_message(Edited())



class DateField(LiteralInput):
    """A day (`typed_day`: 2026-12-07, 7.12.2026 or 07-12-2026); empty means not set, None.
    Shown as `language` writes it (`core.text.written_day`: 7.12.2026 in Danish).

    Text that names no day (yet) is marked invalid and not written: the session keeps the
    last day the field held, and the field says so by its colour until the day is whole.
    """

    def __init__(self, value: dt.date | None, write: Write, *, placeholder: str = "",
                 language: str = "da", id: str | None = None) -> None:
        # A validator, not a class set by hand: Textual sets `-invalid` again on every blur
        # from its validators, and without one clears it.
        super().__init__("" if value is None else written_day(value, language),
                         placeholder=placeholder,
                         restrict=r"[0-9.\- ]*", max_length=12, compact=True,
                         select_on_focus=False, id=id, validators=[is_a_day()],
                         valid_empty=True)
        self._write = write
        self._last = value

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        text = event.value.strip()
        day = typed_day(text) if text else None
        if (day is not None or not text) and day != self._last:
            self._last = day
            self._write(day)
            self.post_message(Edited())


def is_a_day() -> Function:
    """A Textual validator: the text names a day (`typed_day`)."""
    return Function(lambda text: typed_day(text) is not None, "not a day")


class NumberField(LiteralInput):
    """A whole number in [low, high], e.g. a percentage 0..100; empty means not set (None).

    A key (or a paste) that would make the number one that cannot be in range is refused
    on the spot, and the reason is shown: typing 250 in a percentage leaves 25, in the
    field and in the file alike. A value out of range that comes from elsewhere (a file
    edited by hand) is shown as invalid and not written, so the file never holds it.
    """

    def __init__(self, value: int | None, write: Write, *, low: int = 0, high: int = 100,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(
            "" if value is None else str(value),
            # Seen when empty, also where its ground is the screen's (16 colours, NO_COLOR).
            placeholder=f"{low}–{high}" if len(f"{low}–{high}") <= 3 else "–",
            # Out of range (from a file edited by hand): marked, on every blur too (see DateField).
            validators=[Function(lambda text: low <= int(text) <= high, "out of range")],
            valid_empty=True,
            restrict=r"[0-9]{0,3}",  # \d would let "٥" in, which the file would hold as 5
            max_length=3,
            compact=True,
            select_on_focus=False,
            id=id,
            classes=classes,
        )
        self._write = write
        self.low, self.high = low, high
        self._last = self.value
        self._refused: Refusals | None = None

    def _could_be_in_range(self, text: str) -> bool:
        """True if `text` (digits) is a number in range, or the start of one (for a range
        like 10..20, "1" on the way to "15")."""
        if not text:
            return True
        if not (text.isascii() and text.isdigit()):
            return False  # "٥٠" or "²": digits to Python, not what the field shows as 50
        number = str(int(text))  # leading zeros typed count as the number they make
        return any(str(v).startswith(number) for v in range(self.low, self.high + 1))

    def replace(self, text: str, start: int, end: int) -> None:
        value = self.value
        start, end = sorted((max(0, start), min(len(value), end)))
        if self._could_be_in_range(f"{value[:start]}{text}{value[end:]}"):
            super().replace(text, start, end)
        else:
            self._refuse(text)

    def _refuse(self, text: str) -> None:
        self.app.bell()
        if self._refused is None:
            self._refused = Refusals(self, self._tell_refused)
        self._refused.add(text)

    def _tell_refused(self, typed: str) -> None:
        t = getattr(self.app, "labels", None)  # not the screen's: it may be gone by now
        if t is not None:
            tell(self, "number_refused", t("common.number_refused", low=self.low,
                                           high=self.high, typed=visible(typed)))

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


class ChoiceField(Choice):
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

    def on_unmount(self) -> None:
        # TextArea watches app.theme from its mount on, and Textual drops such a watcher only
        # when the theme next changes (Textual issue #6666): until then the app keeps this
        # field alive, and through `_write` its canvas Screen and the session: every session
        # left stayed in memory.
        watchers = getattr(self.app, "__watchers", {}).get("theme", [])
        watchers[:] = [(node, callback) for node, callback in watchers if node is not self]

    def on_focus(self) -> None:
        # Typing after Tab adds to the text, never in front of its first line; and the end,
        # where the typing goes, is in view (also in a long text, once it is laid out).
        self.move_cursor(self.document.end)
        self.call_after_refresh(self.scroll_cursor_visible)

    def get_line(self, line_index: int) -> Text:
        """Line `line_index` as drawn: control characters made visible, one symbol each."""
        return Text(visible(self.document.get_line(line_index)), end="", no_wrap=True)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        # A line that wraps at the field's last row goes on below it: keep the typing in
        # view once the field has its new size.
        self.call_after_refresh(self.scroll_cursor_visible)
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


class Hint(Static):
    """A dim line or two of the source's guidance beside a field (never user text)."""

    DEFAULT_CSS = """
    Hint { height: auto; color: $text-muted; padding-left: 2; margin-bottom: 1; }
    Hint.-empty { display: none; }
    """

    def __init__(self, text: str = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(Text(text.strip("\n")), id=id, classes=classes)

    def show(self, text: str) -> None:
        """Replace the hint's text (hidden when empty)."""
        self.update(Text(text.strip("\n").rstrip()))
        self.set_class(not text.strip(), "-empty")
