"""LiteralInput: a one-line Input that draws its value literally, control characters made
visible, so text from a session file never reaches the terminal as an escape sequence."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Input

from dtworkshop.core.text import visible


class LiteralInput(Input):
    """Textual's Input, but ESC, BEL, CR and the C1 controls are drawn as symbols ("␛"), one
    per character, so the cursor and a selection still line up with the value. The value
    itself is kept exactly as read or typed."""

    @property
    def _value(self) -> Text:
        # What Input draws; its own Text would pass ESC and C1 through to the terminal.
        return Text(visible(self.value), no_wrap=True, overflow="ignore", end="")
