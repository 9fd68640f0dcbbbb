"""What every canvas module provides: its schema Struct, its place in the source, its rules."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from dtworkshop.core.types import Table


@dataclass(frozen=True)
class CanvasWarning:
    """A gentle warning raised by a canvas rule; it never blocks saving.

    `key` is a label key (see `dtworkshop.core.labels`), `params` fill its placeholders,
    `path` is the dotted key path in the session file the warning is about.
    """

    key: str
    path: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CanvasSpec:
    """A canvas: one model of the publication, one table in the session file.

    `key` is the canvas's one name everywhere (file table, code, CLI, tests), `advice`
    the number (1–9) of the publication's advice the model backs, `model` the Struct of
    its table and `rules` a function returning the canvas's warnings for its data.

    `chart(plt, data, labels)`, where the model has numbers to draw, draws `data` on the
    plotext figure `plt` (only plotext calls, so the TUI's figure and a report's plain one
    draw the same chart) with words from `labels`, and returns its legend as (label, ANSI
    colour 0–15) pairs or None. None for a canvas without a chart (the story fish has a
    drawing instead).
    """

    key: str
    advice: int
    model: type[Table]
    rules: Callable[[Any], list[CanvasWarning]] = lambda _data: []
    chart: Callable[[Any, Any, Any], Sequence[tuple[str, int]] | None] | None = None


def percent_sum(values: list[int | None]) -> int | None:
    """Sum of the set percentages, or None when none is set (nothing to warn about yet)."""
    set_values = [v for v in values if v is not None]
    return sum(set_values) if set_values else None
