"""A dropdown (Textual's Select) whose open list never swallows words meant for a field."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.widgets import Select
from textual.widgets._select import SelectCurrent, SelectOverlay


class SearchingList(SelectOverlay):
    """The open list of a `Choice`: typing searches it, as in Textual's Select, while what is
    typed matches an option.

    Words typed on an open list (the facilitator thought a field had the focus, or typed on
    after Enter chose an option and closed it) would go into that search, out of sight and
    lost. A key that matches no option, and every key after it in the burst, is handed to
    the screen's `note_dropped` (TellsDroppedKeys), which says them all in one notice and
    closes the list so the notice is seen; the option highlighted is left as it was."""

    _chosen = False  # an option was chosen: the list is closing, keys after it are not a search

    def watch_has_focus(self, value: bool) -> None:
        super().watch_has_focus(value)
        if value:
            self._chosen = False  # opened again

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            # Enter chooses (its binding runs once the key has come up to the app, after
            # the keys that came with it were handled here): those keys are not a search.
            self._chosen = True
            self._search_query = ""
        note = getattr(self.screen, "note_dropped", None)
        choice = self.parent
        if (note is None or not self._type_to_search or event.character is None
                or not event.is_printable):
            await super()._on_key(event)
            return
        open_now = isinstance(choice, Select) and choice.expanded and not self._chosen
        if not open_now:
            self._search_query = ""
        query = self._search_query + event.character
        if (open_now and not getattr(self.screen, "dropping", False)
                and self._find_search_match(query) is not None):
            await super()._on_key(event)
            return
        event.stop()
        event.prevent_default()
        self._search_query = ""
        note(query)


class Choice(Select):
    """Textual's Select, with its list searched as typed but never taking words that match
    no option (see `SearchingList`). Use it for every dropdown of the app.

    Its blank option (the prompt, "Alle organisationer") is italic in the list, as a
    placeholder is in a field, not dim: dim text falls to 3:1 in 16 colours and greys."""

    def _on_mount(self, event: events.Mount) -> None:
        # A dropdown taken down before its Mount came (the presenter view builds a canvas
        # anew as the facilitator's file changes, faster than a loaded machine mounts it):
        # its parts may be gone, and Select's own set-up then ended the app (NoMatches
        # '#label'). Nothing to set up on the way out. (Textual's own flag, as `display`
        # reads it.)
        if self._pruning or self._closing:
            event.prevent_default()  # Select's _on_mount, next in the MRO, is not called

    def compose(self) -> ComposeResult:
        yield SelectCurrent(self.prompt)
        yield SearchingList(type_to_search=self._type_to_search).data_bind(compact=Select.compact)

    def _setup_options_renderables(self) -> None:
        super()._setup_options_renderables()
        self._undim_prompt()

    def _watch_prompt(self, prompt: str) -> None:
        super()._watch_prompt(prompt)
        self._undim_prompt()

    def _undim_prompt(self) -> None:
        # Called from Select's own on-mount set-up too, before `is_mounted` is true.
        if not self._allow_blank:
            return
        overlay = next(iter(self.query(SelectOverlay)), None)
        if overlay is not None and overlay.option_count and self._options[0][1] == self.NULL:
            overlay.replace_option_prompt_at_index(0, Text(self.prompt, style="italic"))
