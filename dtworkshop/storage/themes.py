"""Theme files: the colours of the app as a small TOML file, read and checked here.

A theme file holds Textual's theme colours (`primary`, `background`, …, each `#rgb` or
`#rrggbb`), `dark` (true for light text on a dark ground) and an optional `[variables]` table
of Textual's theme variables (`text-disabled = "#9a9a9a"`, `block-cursor-text-style = "bold"`).
The theme's name is the file's name without `.toml`: one name, in the file system and in the
palette.

Where themes come from, in this order (a later one of the same name replaces an earlier):
the themes shipped with dtworkshop (`dtworkshop/themes/`), the user's config folder
(`$XDG_CONFIG_HOME/dtworkshop/themes`, by default `~/.config/dtworkshop/themes`), and the
`themes/` folder beside the sessions folder (`sessions/` and `themes/` side by side, as in
this project). A file that cannot be used is left out with one `ThemeFileError` naming the
file and the key; the rest are used.

Files layer: no Textual. `dtworkshop.ui.themes` turns a `ThemeFile` into Textual's Theme.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import msgspec

from dtworkshop.core.labels import Labels
from dtworkshop.core.text import visible
from dtworkshop.storage.errors import _syntax_error

SUFFIX = ".toml"
MAX_BYTES = 64 * 1024
"""A theme file is a few hundred bytes; a bigger one is not a theme (and is not read whole)."""

Colour = Annotated[str, msgspec.Meta(pattern=r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")]
"""`#rgb` or `#rrggbb`."""

_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
_AUTO = re.compile(r"^auto(?: (?:100|[1-9]?[0-9])%)?$")  # Textual's "readable on its ground"
_TEXT_STYLES = frozenset({"none", "bold", "italic", "underline", "reverse", "strike", "dim"})
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class ThemeFile(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """The content of one theme file (Textual's Theme fields, colours as `#rrggbb`).

    `variables` maps a Textual theme variable (`text-disabled`, `border`, …) to a colour
    (`#rrggbb`, `#rrggbbaa` with alpha, or `auto 70%`: black or white, whichever reads on
    the ground, at that opacity) or, for a `…-text-style` variable, to text styles
    ("bold underline"). `name` is set from the file name, never read from the file.
    """

    primary: Colour
    secondary: Colour | None = None
    accent: Colour | None = None
    foreground: Colour | None = None
    background: Colour | None = None
    surface: Colour | None = None
    panel: Colour | None = None
    boost: Colour | None = None
    warning: Colour | None = None
    error: Colour | None = None
    success: Colour | None = None
    dark: bool = True
    variables: dict[str, str] = {}
    name: str = ""


class ThemeFileError(Exception):
    """A theme file that cannot be used: `path`, the `key` at fault ("" for the whole
    file), and what is wrong as a label key of `theme.problem` with its params, so it can be
    said in the app's language with `describe(labels)`. `str()` gives it in English."""

    def __init__(self, path: Path, key: str, problem: str, **params: Any) -> None:
        self.path = path
        self.key = key
        self.problem = problem
        self.params = params
        super().__init__(self.describe(Labels("en")))

    def describe(self, labels: Labels) -> str:
        """One line: `FILE: KEY: what is wrong`, in `labels`' language."""
        what = labels(f"theme.problem.{self.problem}", **self.params)
        where = f"{self.path}: {self.key}: " if self.key else f"{self.path}: "
        return visible(where + what)


@dataclass(frozen=True)
class Found:
    """The themes found: `themes` by name (later folders' replacing earlier ones'), the file
    each came from in `paths`, and the `errors` of the files left out."""

    themes: dict[str, ThemeFile]
    paths: dict[str, Path]
    errors: list[ThemeFileError]


def shipped_folder() -> Path:
    """The folder of the themes that come with dtworkshop."""
    # Beside this package's modules (importlib.resources took 10 ms here, at every start).
    return Path(__file__).resolve().parent.parent / "themes"


def config_folder() -> Path:
    """The user's own themes: `$XDG_CONFIG_HOME/dtworkshop/themes` (`~/.config/…`)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "dtworkshop" / "themes"


def folders(sessions_dir: Path | None) -> list[Path]:
    """Where themes are read from, first to last: shipped, the config folder, and `themes/`
    beside `sessions_dir` (when given)."""
    found = [shipped_folder(), config_folder()]
    if sessions_dir is not None:
        found.append(Path(sessions_dir).absolute().parent / "themes")
    unique: list[Path] = []
    for folder in found:
        if folder not in unique:
            unique.append(folder)
    return unique


def find_themes(sessions_dir: Path | None) -> Found:
    """Every usable theme of `folders(sessions_dir)`, and why each other file is not.

    Never raises for a bad file or an unreadable folder: a folder that is missing is
    skipped, one that cannot be listed is one error."""
    themes: dict[str, ThemeFile] = {}
    paths: dict[str, Path] = {}
    errors: list[ThemeFileError] = []
    for folder in folders(sessions_dir):
        try:
            files = sorted(p for p in folder.iterdir() if p.name.endswith(SUFFIX))
        except FileNotFoundError:
            continue
        except OSError as error:
            errors.append(ThemeFileError(folder, "", "unreadable", reason=error.strerror or error))
            continue
        for path in files:
            try:
                theme = read_theme(path)
            except ThemeFileError as error:
                errors.append(error)
            else:
                themes[theme.name] = theme
                paths[theme.name] = path
    return Found(themes, paths, errors)


def read_theme(path: Path) -> ThemeFile:
    """The theme in `path`, named after the file.

    Raises ThemeFileError naming the key when the file is not UTF-8 TOML, is empty, has an
    unknown key, a colour that is not `#rgb`/`#rrggbb`, or a variable that is not a colour
    or text style.
    """
    name = path.name[: -len(SUFFIX)]
    if not _NAME.match(name):
        raise ThemeFileError(path, "", "bad_name")
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except OSError as error:
        raise ThemeFileError(path, "", "unreadable", reason=error.strerror or error) from None
    if len(data) > MAX_BYTES:
        raise ThemeFileError(path, "", "too_big", limit=MAX_BYTES // 1024)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ThemeFileError(path, "", "not_utf8", at=error.start) from None
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # The session reader's words for it: "LINE:COLUMN" and a hint (storage.errors).
        said = _syntax_error(path, error, text)
        raise ThemeFileError(path, said.where, "syntax", detail=said.message) from None
    if not table:
        raise ThemeFileError(path, "", "empty")
    known = set(ThemeFile.__struct_fields__) - {"name"}
    for key, value in table.items():
        if key not in known:
            raise ThemeFileError(path, key, "unknown_key", keys=", ".join(sorted(known)))
        if key == "variables":
            _check_variables(path, value)
        elif key == "dark":
            if not isinstance(value, bool):
                raise ThemeFileError(path, key, "not_bool", value=_show(value))
        elif not (isinstance(value, str) and _COLOUR.match(value) and len(value) in (4, 7)):
            raise ThemeFileError(path, key, "not_colour", value=_show(value))
    if "primary" not in table:
        raise ThemeFileError(path, "primary", "missing")
    theme = msgspec.convert(table, ThemeFile)  # checked above, key by key, with our words
    theme.name = name
    return theme


def _check_variables(path: Path, value: Any) -> None:
    if not isinstance(value, dict):
        raise ThemeFileError(path, "variables", "not_table")
    for key, setting in value.items():
        where = f"variables.{key}"
        if not isinstance(setting, str):
            raise ThemeFileError(path, where, "not_colour", value=_show(setting))
        if key.endswith("text-style"):
            words = setting.split()
            if not words or any(w not in _TEXT_STYLES for w in words):
                raise ThemeFileError(path, where, "not_style", value=_show(setting),
                                     styles=", ".join(sorted(_TEXT_STYLES)))
        elif not (_COLOUR.match(setting) or _AUTO.match(setting)):
            raise ThemeFileError(path, where, "not_colour", value=_show(setting))


def _show(value: Any) -> str:
    """A value as it looks in TOML, cut short."""
    shown = f'"{value}"' if isinstance(value, str) else repr(value).lower()
    return shown if len(shown) <= 40 else shown[:39] + "…"
