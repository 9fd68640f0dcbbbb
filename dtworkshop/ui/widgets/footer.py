"""KeyFooter: Textual's Footer, its keys in a fixed order, F1 for all of them, and rebuilt
only when the keys it shows change."""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

KEYS_KEY = "f1"
"""The key that lists every key of the screen (ui.screens.keys), on every footer."""


def explain(node: DOMNode, key: str, tooltip: str) -> None:
    """Give the binding last bound to `key` on `node` a `tooltip`: what the key does in a
    sentence, where its description is the footer's one word. F1's list shows it
    (ui.screens.keys), the footer on a mouse's hover. (Textual's bind() takes no tooltip.)"""
    bound = node._bindings.key_to_bindings.get(key)
    if bound:
        bound[-1] = replace(bound[-1], tooltip=tooltip)


def in_order(screen: Screen) -> list[tuple[Binding, bool, str, DOMNode]]:
    """The bindings active on `screen` (binding, enabled, tooltip, the node that binds it:
    the screen, the app or a widget), in a fixed order: the
    screen's and the app's first, in the order they were bound, then those of the widget in
    focus and its containers. (Textual orders them by where each key is first found along
    the focus chain, which changes as the focus moves.)"""
    app = screen.app
    found = []
    orders: dict[int, dict[str, int]] = {}  # each node's keys, in the order bound
    for node, binding, enabled, tooltip in screen.active_bindings.values():
        order = orders.get(id(node))
        if order is None:
            order = orders[id(node)] = {k: n for n, k in enumerate(node._bindings.key_to_bindings)}
        found.append((0 if node is screen or node is app else 1,
                      order.get(binding.key, len(order)), binding, enabled, tooltip, node))
    found.sort(key=lambda item: item[:2])
    return [item[2:] for item in found]


class KeyFooter(Footer):
    """Textual's Footer (the keys of the screen showing, each clickable), compact, in a
    fixed order after "F1 Taster", and rebuilt only when what it shows changes.

    - The order: the screen's and the app's keys as they were bound, then those of the
      widget in focus (the decision log's "␣ Udført/åben"). Textual orders them by where
      each key is first found along the focus chain: a field that binds ctrl+d itself
      (Input: delete right) moved "^d Beslutning" to the front as the focus moved.
    - Compact (Textual's own style): one space between keys, so that at 80 columns the
      canvas's keys and F1 fit.
    - F1 (WorkshopApp.action_toggle_keys, ui.screens.keys) lists every key of the
      screen, also those the footer has no room for (ctrl+r, ctrl+l, the browser's m, c,
      t, r, f). Issue 16.
    - Textual's Footer rebuilds its keys on every focus change and every bindings
      refresh, whether or not they changed: each time a dozen widgets are made and styled.
      That was a third of a canvas switch and of the typing that follows it. The keys
      shown (key, action, description, enabled, tooltip) are compared first.
    """

    def __init__(self, *, show_command_palette: bool = True) -> None:
        super().__init__(show_command_palette=show_command_palette, compact=True)

    _keys_shown: tuple | None = None

    def shown(self, screen: Screen) -> list[tuple[Binding, bool, str]]:
        """The keys to show for `screen`: (binding, enabled, tooltip), one per action, in
        the order of `in_order`."""
        app = screen.app
        actions: set[str] = set()
        keys = []
        for binding, enabled, tooltip, _node in in_order(screen):
            if (binding.show and binding.key != app.COMMAND_PALETTE_BINDING
                    and binding.action not in actions):
                actions.add(binding.action)
                keys.append((binding, enabled, tooltip))
        return keys

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        keys = self.shown(self.screen)
        describe = getattr(self.app, "keys_description", None)
        self.styles.grid_size_columns = len(keys) + (describe is not None)
        if describe is not None:  # first: in a narrow window the rest is cut, never F1
            yield FooterKey(KEYS_KEY, "F1", describe(), "app.toggle_keys",
                            tooltip=describe()).data_bind(compact=Footer.compact)
        for binding, enabled, tooltip in keys:
            yield FooterKey(binding.key, self.app.get_key_display(binding),
                            binding.description, binding.action, disabled=not enabled,
                            tooltip=tooltip).data_bind(compact=Footer.compact)
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            active = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
            if active is not None:
                _node, binding, enabled, _tooltip = active
                yield FooterKey(binding.key, self.app.get_key_display(binding),
                                binding.description, binding.action,
                                classes="-command-palette", disabled=not enabled,
                                tooltip=binding.tooltip or binding.description)

    def bindings_changed(self, screen: Screen) -> None:
        shown = tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for (binding, enabled, tooltip) in self.shown(screen)
        ) + (self.app.COMMAND_PALETTE_BINDING in screen.active_bindings,)
        if shown == self._keys_shown and self._bindings_ready:
            return
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._keys_shown = shown  # else the rebuild is skipped: ask again next time
        super().bindings_changed(screen)
