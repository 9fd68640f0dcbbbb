"""The app's themes: the shipped ones and the user's, registered with Textual in place of
Textual's own, so the palette's theme list (ctrl+p › Theme) offers exactly the themes that
are checked to read well in every terminal (see tests/test_themes.py).

Textual's built-in themes are not offered: under `NO_COLOR` several of them fall under
1.3:1 contrast, and its ANSI themes turn black on black (Textual's monochrome filter is
chosen for the theme the app starts with). Ours never use ANSI colours, so the monochrome
filter fits all of them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rich.terminal_theme import TerminalTheme
from textual.app import App
from textual.theme import BUILTIN_THEMES, Theme

from dtworkshop.core.labels import Labels
from dtworkshop.storage.themes import ThemeFile, ThemeFileError, find_themes

DEFAULT_THEME = "dtworkshop"
"""The theme used when none is asked for, or the one asked for is not there."""

FIELD_VARIABLES = ("field-background", "field-focus-background", "field-focus-foreground",
                   "placeholder", "placeholder-focus", "field-invalid-background",
                   "field-invalid-foreground")
"""The app's own theme variables, for its fields (fields.tcss): the ground of a field and of
the focused field, the text on the focused field, the placeholder on each ground, and the
ground and text of a field whose value is none (a day that is no day). A theme sets them so
the focus shows in 16 colours (two grounds the terminal draws alike would hide it) and
placeholders read on both grounds; `field_defaults` fills in the rest."""


ANSI_ON_DARK = TerminalTheme(
    (0, 0, 0), (229, 229, 229),
    [(0, 0, 0), (255, 95, 95), (95, 215, 95), (255, 215, 0), (135, 175, 255), (255, 135, 255),
     (95, 215, 255), (229, 229, 229)],
    [(128, 128, 128), (255, 135, 135), (135, 255, 135), (255, 255, 95), (175, 200, 255),
     (255, 175, 255), (135, 255, 255), (255, 255, 255)],
)
"""What "red", "green", "yellow" … (Rich's colour names, as in a warning's "⚠") are drawn in
on a dark theme: each at 4.5:1 or more on black, in 24-bit and in the nearest of 16 colours
(Textual's own palette has a red of 4.0:1)."""

ANSI_ON_LIGHT = TerminalTheme(
    (255, 255, 255), (0, 0, 0),
    [(0, 0, 0), (170, 0, 0), (0, 50, 0), (80, 16, 0), (0, 0, 170), (128, 0, 128),
     (0, 50, 60), (255, 255, 255)],
    [(85, 85, 85), (170, 0, 0), (0, 50, 0), (80, 16, 0), (0, 0, 170), (128, 0, 128),
     (0, 50, 60), (255, 255, 255)],
)
"""The same on a light theme: dark shades, at 4.5:1 or more on white (Textual's yellow is
2.6:1 there), also as a 16-colour terminal draws them: its green and cyan are too pale on
white, so these fall to black there, and yellow (a bright yellow in xterm's 16, 1.7:1 on
white) is a dark brown that falls to black or red, and to black in greys."""


def field_defaults(generated: dict[str, str]) -> dict[str, str]:
    """FIELD_VARIABLES for a theme that does not set them, from its generated Textual
    variables `generated` (`ColorSystem.generate()`): Textual's own looks of a field."""
    return {
        "field-background": generated["surface-lighten-1"],
        "field-focus-background": f"{generated['primary']} 25%",
        "field-focus-foreground": generated["foreground"],
        "placeholder": generated["text-muted"],
        "placeholder-focus": generated["text-muted"],
        "field-invalid-background": generated["error"],
        "field-invalid-foreground": generated["foreground"],
    }


def to_textual(theme: ThemeFile) -> Theme:
    """`theme` as Textual's Theme (a Theme's fields have the theme file's names)."""
    colours = {name: getattr(theme, name) for name in (
        "primary", "secondary", "accent", "foreground", "background", "surface", "panel",
        "boost", "warning", "error", "success")}
    return Theme(name=theme.name, dark=theme.dark, variables=dict(theme.variables), **colours)


@cache
def _textual_variables() -> frozenset[str]:
    """The names of the variables Textual makes of any theme (the same for every theme)."""
    return frozenset(Theme(name="-", primary="#000000").to_color_system().generate())


def _unknown_variable(theme: Theme) -> str | None:
    """The first of `theme`'s variables that neither Textual nor the app knows, or None."""
    known = _textual_variables() | set(FIELD_VARIABLES)
    return next((name for name in theme.variables if name not in known), None)


def install_themes(app: App, sessions_dir: Path | None, wanted: str | None,
                   labels: Labels) -> list[str]:
    """Register the themes found for `sessions_dir` (see `dtworkshop.storage.themes`) with
    `app` in place of Textual's built-in ones, and make `wanted` (else DEFAULT_THEME) the
    app's theme.

    Returns the messages to show, in `labels`' language: one per theme file left out
    (naming the file and the key; for `wanted`'s own file, saying it is not used), and one
    when `wanted` is no theme at all.
    """
    found = find_themes(sessions_dir)
    errors: list[ThemeFileError] = list(found.errors)
    themes: dict[str, Theme] = {}
    for name, theme_file in found.themes.items():
        theme = to_textual(theme_file)
        unknown = _unknown_variable(theme)
        if unknown is not None:
            errors.append(ThemeFileError(found.paths[name], f"variables.{unknown}",
                                         "unknown_variable"))
            continue
        themes[name] = theme
    for theme in themes.values():
        app.register_theme(theme)
    fallback = DEFAULT_THEME if DEFAULT_THEME in themes else next(iter(themes), "textual-dark")
    chosen = wanted or fallback
    messages = []
    for error in errors:
        if wanted and wanted not in themes and error.path.stem == wanted:
            # The theme asked for is one of the files left out: why, in the one notice.
            messages.append(labels("theme.broken", name=wanted, fallback=fallback,
                                   error=error.describe(labels)))
            wanted = None
        else:
            messages.append(labels("theme.left_out", error=error.describe(labels)))
    if chosen not in themes:
        if wanted:
            messages.append(labels("theme.unknown", name=wanted, fallback=fallback,
                                   names=", ".join(sorted(themes))))
        chosen = fallback
    app.ansi_theme_dark = ANSI_ON_DARK
    app.ansi_theme_light = ANSI_ON_LIGHT
    app.theme = chosen
    if themes:  # never without a theme: Textual's stay when no file of ours could be read
        for name in BUILTIN_THEMES:
            if name not in themes:
                app.unregister_theme(name)
    return messages
