"""The canvas registry: the seven core canvases in the source's order.

Adding a canvas: write its module here (Struct, rules, `SPEC` with the description of its
content that `dtworkshop show` and the exports are drawn from), add `SPEC` to `CANVASES`
and a field of that name to `dtworkshop.core.session.Session`, then its Screen in
`dtworkshop.ui.canvases`.
"""

from __future__ import annotations

from dtworkshop.core.canvases import (
    actor_pentagon,
    business_case,
    double_diamond,
    organisation_forms,
    political,
    portfolio,
    story_fish,
)
from dtworkshop.core.canvases.base import CanvasSpec, CanvasWarning

CANVASES: tuple[CanvasSpec, ...] = (
    business_case.SPEC,
    double_diamond.SPEC,
    portfolio.SPEC,
    story_fish.SPEC,
    organisation_forms.SPEC,
    actor_pentagon.SPEC,
    political.SPEC,
)
CANVAS_KEYS: tuple[str, ...] = tuple(c.key for c in CANVASES)
BY_KEY: dict[str, CanvasSpec] = {c.key: c for c in CANVASES}

__all__ = ["CANVASES", "CANVAS_KEYS", "BY_KEY", "CanvasSpec", "CanvasWarning"]
