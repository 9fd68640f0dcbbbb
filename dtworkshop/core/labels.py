"""The app's words in Danish and English, kept in `labels/<language>.toml` (the UI's words),
`labels/guide-<language>.toml` (the source's guidance, written in our words) and any other
`labels/<name>-<language>.toml` (a canvas may keep its words and guidance in its own pair,
e.g. `maturity-da.toml` and `maturity-en.toml`).

Keys are dotted (`canvas.portfolio.title`); enumeration words are labelled under
`enum.<enumeration>.<word>`. Both languages must hold exactly the same keys (a test checks),
and no key may be defined in two files. A canvas from outside this package brings its own
words (`CanvasSpec.labels`).
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

LANGUAGES = ("da", "en")

MISSING: set[tuple[str, str]] = set()
"""(language, key) of every label asked for but not found, so tests can prove none is."""


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = str(value)
    return flat


@cache
def catalogue(language: str) -> dict[str, str]:
    """Every label of `language` ("da" or "en") by dotted key: the label files', then each
    registered canvas's own (`CanvasSpec.labels`).

    Raises ValueError for another language, or a key defined twice.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; expected one of {LANGUAGES}")
    folder = resources.files("dtworkshop.core").joinpath("labels")
    merged: dict[str, str] = {}
    # The UI's words first, then every other file of the language (the guidance, a canvas's
    # own words), by name so the order never depends on the file system.
    others = sorted(f.name for f in folder.iterdir() if f.name.endswith(f"-{language}.toml"))
    for name in (f"{language}.toml", *others):
        source = folder.joinpath(name)
        if not source.is_file():
            continue
        table = _flatten(tomllib.loads(source.read_text("utf-8")))
        clash = merged.keys() & table.keys()
        if clash:
            raise ValueError(f"labels/{name} defines again: {', '.join(sorted(clash))}")
        merged.update(table)
    from dtworkshop.core.canvases import freeze  # here: the canvas modules import this one

    for spec in freeze():
        own = dict(spec.labels.get(language, {}))
        clash = merged.keys() & own.keys()
        if clash:
            raise ValueError(f"canvas {spec.key!r} defines again: {', '.join(sorted(clash))}")
        merged.update(own)
    return merged


class Labels:
    """Labels of one language: `labels("canvas.portfolio.title")`, with `{name}` params."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._table = catalogue(language)

    def __call__(self, key: str, **params: Any) -> str:
        """The label `key` with `params` filled in; a missing key shows as the key itself
        (so a gap is visible, never a crash)."""
        text = self._table.get(key)
        if text is None:
            MISSING.add((self.language, key))
            return key
        return text.format(**params) if params else text

    def optional(self, key: str) -> str | None:
        """The label `key`, or None where this language has none (not noted as missing)."""
        return self._table.get(key)

    def enum(self, enumeration: str, word: str | None) -> str:
        """The label of an enumeration word (`enum("verdict", "green")`), "–" for None."""
        return "–" if word is None else self(f"enum.{enumeration}.{word}")
