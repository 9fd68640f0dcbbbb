"""SharedStylesheet: Textual's Stylesheet, parsing each piece of the app's CSS once a process.

Textual parses the app's whole CSS again (its widgets' DEFAULT_CSS, app.tcss, each screen's
style sheets: about a hundred pieces) whenever a screen brings CSS not loaded yet (the first
showing of each canvas) and whenever the theme changes: `Stylesheet.reparse` (Textual 8.x)
does it in a new Stylesheet with an empty cache, and the cache of a Stylesheet holds 64
pieces, fewer than the app has, so even its own parses miss. That was 20-30 ms a time, and
about 60 ms of each app's start.

The rules parsed from a piece depend only on its text, where it was read from, its kind and
the theme's variables, and nothing changes them once parsed (Textual's own cache hands the
same ones to successive parses), so here they are kept for the whole process, for every
Stylesheet of it. Everything else about styling stays Textual's.
"""

from __future__ import annotations

from typing import ClassVar

from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.css.types import CSSLocation

SHARED_LIMIT = 4096
"""Pieces of CSS parsed at most kept (for all themes used): past it, the cache starts anew.
An app holds about a hundred a theme."""


class SharedStylesheet(Stylesheet):
    """Textual's Stylesheet, with the rules parsed from each piece of CSS (for the theme's
    variables) shared by every SharedStylesheet of the process. Same calls, same results."""

    _shared: ClassVar[dict[tuple, list[RuleSet]]] = {}

    def __init__(self, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self._variables_key = _key(self._variables)

    def set_variables(self, variables: dict[str, str]) -> None:
        """Set the CSS variables (Stylesheet.set_variables): the rules parsed for other
        values stay shared, for a theme chosen again."""
        super().set_variables(variables)
        self._variables_key = _key(self._variables)

    def _parse_rules(self, css: str, read_from: CSSLocation, is_default_rules: bool = False,
                     tie_breaker: int = 0, scope: str = "") -> list[RuleSet]:
        key = (css, read_from, is_default_rules, tie_breaker, scope, self._variables_key)
        rules = self._shared.get(key)
        if rules is None:
            rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
            if len(self._shared) >= SHARED_LIMIT:
                self._shared.clear()
            self._shared[key] = rules
        return rules

    def copy(self) -> SharedStylesheet:
        """A copy of this stylesheet (Stylesheet.copy), sharing the rules parsed."""
        stylesheet = SharedStylesheet(variables=self._variables.copy())
        stylesheet.source = self.source.copy()
        return stylesheet

    def reparse(self) -> None:
        """Parse the sources again, with the variables set now (Stylesheet.reparse).

        Textual's own, but in a SharedStylesheet: Textual's makes a plain Stylesheet, which
        parses every piece anew. Raises StylesheetError, StylesheetParseError as it does."""
        stylesheet = SharedStylesheet(variables=self._variables)
        for read_from, (css, is_defaults, tie_breaker, scope) in self.source.items():
            stylesheet.add_source(css, read_from=read_from, is_default_css=is_defaults,
                                  tie_breaker=tie_breaker, scope=scope)
        try:
            stylesheet.parse()
        except Exception:
            # As Textual: the invalid CSS is remembered, not parsed again and again.
            self._invalid_css.update(stylesheet._invalid_css)
            raise
        else:
            self._rules = stylesheet.rules
            self._rules_map = None
            self.source = stylesheet.source
            self._require_parse = False


def _key(variables: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(variables.items()))
