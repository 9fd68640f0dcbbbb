"""LiteralInput: a one-line Input that draws its value literally, control characters made
visible, so text from a session file never reaches the terminal as an escape sequence."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widgets import Input

from dtworkshop.core.labels import Labels
from dtworkshop.core.text import one_line, pasted, visible
from dtworkshop.ui.textual_words import group_title


class LiteralInput(Input):
    """Textual's Input, but ESC, BEL, CR and the C1 controls are drawn as symbols ("␛"), one
    per character, so the cursor and a selection still line up with the value. The value
    itself is kept exactly as read or typed.

    Focus does not select the value (Input's default does): a key typed after Tab or
    Shift+Tab into a field would replace all it holds, with no undo.
    """

    _typing = False  # while Input takes a new value (see refresh)

    @property
    def BINDING_GROUP_TITLE(self) -> str | None:  # noqa: N802 (Textual's name)
        """The title of a field's keys in the keys panel, Textual's "Input" in the app's
        language."""
        labels = getattr(self.app, "labels", None)
        title = Input.BINDING_GROUP_TITLE
        return group_title(title, labels) if isinstance(labels, Labels) else title

    def __init__(self, *args, select_on_focus: bool = False, **kwargs) -> None:
        super().__init__(*args, select_on_focus=select_on_focus, **kwargs)

    def _watch_value(self, value: str) -> None:
        self._typing = True
        try:
            super()._watch_value(value)
        finally:
            self._typing = False

    def refresh(self, *regions, repaint: bool = True, layout: bool = False,
                recompose: bool = False):
        # Input sets its virtual size (how far it scrolls sideways) on every key, and Textual
        # then lays out the whole screen: most of the time of a key on a canvas. A field whose
        # size does not follow its content moves nothing around it; a repaint will do.
        if layout and self._typing and not self.styles.auto_dimensions:
            layout = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    @property
    def _value(self) -> Text:
        # What Input draws; its own Text would pass ESC and C1 through to the terminal.
        return Text(visible(self.value), no_wrap=True, overflow="ignore", end="")

    def _on_blur(self, event: events.Blur) -> None:
        # Left, a field shows the start of what it holds ("Digital omstilling…"), as a
        # reader expects, not the end where the typing stopped ("igital omstilling i…"),
        # as it shows when first drawn; the next key typed in it brings its cursor into view.
        # (Input's own handler runs after this one.) Set, not scroll_to: Textual's scroll_to
        # does nothing where horizontal scrolling is not allowed (a compact Input, as in
        # the dialogs), and Input moves its view by setting scroll_x itself.
        self.scroll_x = 0

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # Input's own handler would insert the first line only
        event.stop()
        text = one_line(event.text)
        if not text:
            return
        if self.selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *self.selection)

    def action_paste(self) -> None:
        """ctrl+v: the app's clipboard (what ctrl+c copied, from the log of notices say)
        pasted as a terminal's paste is: on one line, its line breaks made spaces (Input's
        own put them in the one-line field, and a title of three lines in the file)."""
        self.post_message(events.Paste(pasted(self.app.clipboard)))
