"""Textual's own words in the session's language: the keys' descriptions in the footer and the
keys panel ("esc Dismiss menu"), the command palette's own commands (Keys, Quit, Theme …),
its placeholder and "No matches found", and the hint ctrl+c gives.

Textual says these in English. They are found by Textual's English words in the labels
`textual.word.*` (labels/textual-en.toml holds Textual's words, textual-da.toml the same in
Danish), so a word Textual adds in a later version stays English until it is added there
(tests/test_textual_words.py lists every word of the app's widgets and checks). The language
is the app's (`WorkshopApp.labels`): the open session's, else the one the app started in; a
session switched to another language on its details screen is followed at the next redraw.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from functools import cache

from textual.app import SystemCommand
from textual.binding import ActiveBinding, Binding

from dtworkshop.core.labels import Labels, catalogue

WORD = "textual.word."
"""The labels of Textual's words: `textual.word.<name>`, its English value Textual's words."""


@cache
def _keys_by_words() -> dict[str, str]:
    """{Textual's English words: the label key that says them}."""
    return {text: key for key, text in catalogue("en").items() if key.startswith(WORD)}


def said(words: str, labels: Labels) -> str:
    """Textual's English `words` (a key's description, a command's name or help) in the
    language of `labels`; words that are not Textual's known words come back unchanged."""
    key = _keys_by_words().get(words)
    if key is None:
        return words
    return labels.optional(key) or words


_said_bindings: dict[tuple[int, str], tuple[Binding, Binding]] = {}
"""(id of a Binding, language) → (that Binding, it in that language): the bindings are
asked for on every key and footer refresh; each is translated once. The Binding is kept
with its translation so that an id reused by a new Binding is never taken for it."""


def said_binding(binding: Binding, labels: Labels) -> Binding:
    """`binding` with its description and tooltip in the language of `labels` (the same
    object when neither is a word of Textual's)."""
    slot = (id(binding), labels.language)
    kept = _said_bindings.get(slot)
    if kept is not None and kept[0] is binding:
        return kept[1]
    description = said(binding.description, labels) if binding.description else ""
    tooltip = said(binding.tooltip, labels) if binding.tooltip else ""
    if description == binding.description and tooltip == binding.tooltip:
        translated = binding
    else:
        translated = dataclasses.replace(binding, description=description, tooltip=tooltip)
    _said_bindings[slot] = (binding, translated)
    return translated


def said_commands(commands: Iterable[SystemCommand], labels: Labels) -> Iterable[SystemCommand]:
    """Textual's system commands with their titles and help in the language of `labels`;
    each keeps its callback, so "Afslut" quits as "Quit" does.

    Quit is found when searched for, not listed before anything is typed: the list is in
    alphabetical order, and "Afslut" would head it, where an Enter typed ahead after ctrl+p
    ends the app (ctrl+q is in the footer anyway)."""
    for command in commands:
        discover = command.discover and command.title != "Quit"
        yield SystemCommand(said(command.title, labels), said(command.help, labels),
                            command.callback, discover)


class SaysTextualWords:
    """A Screen whose keys (in the footer, in the keys panel) are described in the app's
    language. Mixed in before Screen in every Screen of the app: the Footer and the
    KeyPanel both read `active_bindings`."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """Screen.active_bindings, their descriptions and tooltips in the app's language."""
        bindings = super().active_bindings  # type: ignore[misc]
        labels = getattr(self.app, "labels", None)  # type: ignore[attr-defined]
        if not isinstance(labels, Labels) or labels.language == "en":
            return bindings
        return {
            key: ActiveBinding(node, said_binding(binding, labels), enabled,
                               said(tooltip, labels) if tooltip else tooltip)
            for key, (node, binding, enabled, tooltip) in bindings.items()
        }


def group_title(title: str | None, labels: Labels) -> str | None:
    """A title of a group of keys in the keys panel (Textual's "Input") in the language of
    `labels` (`textual.group.<title in lower case>`)."""
    if not title:
        return title
    return labels.optional(f"textual.group.{title.lower()}") or title
