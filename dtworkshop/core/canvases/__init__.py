"""The canvas registry: the core canvases in the source's order (its advices 1–9, then its
checklists), and any canvas registered after them.

Adding a canvas to dtworkshop: write its module here (Struct, rules, `SPEC` with the
description of its content that `dtworkshop show`, the exports, `diff` and compare are drawn
from), add `SPEC` to `_CORE` below and its words to `labels/*.toml`; then its Screen in
`dtworkshop.ui.canvases`. The session schema (`dtworkshop.core.session.Session`, its canvas
tables and the canvas keys it accepts) is built from this registry.

A canvas from outside this package (a test's, a plug-in's) is added with `register(spec)`
(and its Screen with `dtworkshop.ui.canvases.register`) before the session schema is built,
that is before `dtworkshop.core.session` or anything above it is imported.
"""

from __future__ import annotations

import re
import typing

import msgspec

from dtworkshop.core.canvases import (
    actor_pentagon,
    business_case,
    dilemmas,
    double_diamond,
    maturity,
    organisation_forms,
    ownership,
    political,
    portfolio,
    risk,
    self_assessment,
    story_fish,
)
from dtworkshop.core.canvases.base import (
    CanvasSpec,
    CanvasWarning,
    Field,
    Group,
    Keyed,
    Part,
    Records,
)

_CORE = (  # the source's order: the nine pieces of advice, then the closing checklists
    business_case.SPEC,  # advice 1
    double_diamond.SPEC,  # advice 1
    maturity.SPEC,  # advice 2
    portfolio.SPEC,  # advice 3
    risk.SPEC,  # advice 4
    ownership.SPEC,  # advice 5
    story_fish.SPEC,  # advice 6
    organisation_forms.SPEC,  # advice 7
    actor_pentagon.SPEC,  # advice 8
    political.SPEC,  # advice 9
    dilemmas.SPEC,  # checklist 2
    self_assessment.SPEC,  # checklist 3
)

# Lists and a dict changed in place by `register`, so every module that imported them by name
# sees a registered canvas; nothing else changes them.
CANVASES: list[CanvasSpec] = list(_CORE)
"""Every canvas, in the order the app, the file and the reports take them."""
CANVAS_KEYS: list[str] = [c.key for c in CANVASES]
"""The canvases' keys (their table names in a session file), in `CANVASES` order."""
BY_KEY: dict[str, CanvasSpec] = {c.key: c for c in CANVASES}
"""Each canvas by its key."""

_KEY = re.compile(r"[a-z][a-z0-9_]*\Z")
_RESERVED = {"format", "id", "title", "organisation", "facilitator", "language", "created",
             "updated", "current", "participants", "decisions"}
_RESERVED |= {"agenda", "overview"}  # the timebox's table, and its key for the overview
_RESERVED |= {"tallies"}  # format 1, second round: the votes a room took
_frozen = False


def register(spec: CanvasSpec) -> None:
    """Add the canvas `spec` after the ones registered so far (in the overview, navigation,
    the file, `show`, the exports, `diff` and compare).

    Raises ValueError for a key that is not lower-case letters, digits and "_", that is
    taken (by a canvas or a session key), a canvas without labels in both languages, or a
    content description that names a field its Struct does not have (so a typo fails here,
    not as a value a report shows as "not set"); RuntimeError once the session schema is
    built (see the module's docstring)."""
    _check_content(spec.key, spec.content, spec.model)
    if _frozen:
        raise RuntimeError(
            f"canvas {spec.key!r} registered too late: register canvases before "
            "dtworkshop.core.session (or the storage, CLI or UI) is imported"
        )
    if not _KEY.match(spec.key):
        raise ValueError(f"canvas key {spec.key!r} is not lower-case letters, digits and _")
    if spec.key in BY_KEY or spec.key in _RESERVED:
        raise ValueError(f"canvas key {spec.key!r} is taken")
    missing = [lang for lang in ("da", "en") if not spec.labels.get(lang)]
    if missing:
        raise ValueError(f"canvas {spec.key!r} has no labels in {', '.join(missing)}")
    CANVASES.append(spec)
    CANVAS_KEYS.append(spec.key)
    BY_KEY[spec.key] = spec


def _struct(hint: object) -> type[msgspec.Struct] | None:
    """The Struct a field's type holds: itself, in an Optional or as a list's items."""
    for candidate in (hint, *typing.get_args(hint)):
        if isinstance(candidate, type) and issubclass(candidate, msgspec.Struct):
            return candidate
        if typing.get_origin(candidate) is list:
            return _struct(typing.get_args(candidate)[0])
    return None


def _check_content(key: str, parts: typing.Iterable[Part], model: type) -> None:
    hints = typing.get_type_hints(model)

    def need(name: str, where: type, hint: dict) -> None:
        if name not in hint:
            raise ValueError(f"canvas {key!r}: its content names {name!r}, which "
                             f"{getattr(where, '__name__', 'its table')} does not have")

    for part in parts:
        if isinstance(part, Field):
            need(part.name, model, hints)
        elif isinstance(part, Group):
            _check_content(key, part.parts, model)
        elif isinstance(part, Keyed):
            holder = model
            if part.name:
                need(part.name, model, hints)
                holder = _struct(hints[part.name]) or model
            for attr, _label in part.rows:
                need(attr, holder, typing.get_type_hints(holder))
                _check_content(key, part.parts, _struct(typing.get_type_hints(holder)[attr]))
        elif isinstance(part, Records):
            need(part.name, model, hints)
            _check_content(key, (part.title, *part.parts), _struct(hints[part.name]))


def freeze() -> tuple[CanvasSpec, ...]:
    """The canvases, final from now on: called by what is built from them once for good
    (the session schema, the label catalogues); `register` refuses after it."""
    global _frozen
    _frozen = True
    return tuple(CANVASES)


__all__ = ["CANVASES", "CANVAS_KEYS", "BY_KEY", "CanvasSpec", "CanvasWarning", "freeze",
           "register"]
