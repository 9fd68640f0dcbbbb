"""The big session of the speed budgets (issue 10): 50 units, 200 initiatives, 300 decisions,
long notes on every canvas. It opens on every canvas at 80x24, takes typing everywhere, and
the file it saves differs from the one it read only where something was typed."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from typing import Any

import pytest

from textual.widgets import Input, TextArea

from dtworkshop.core.canvases import CANVAS_KEYS
from dtworkshop.storage import dumps
from dtworkshop.ui.app import WorkshopApp
from dtworkshop.ui.widgets.fields import NumberField
from dtworkshop.ui.screens.dialogs import CANVAS_HOTKEY

from .conftest import ROOT, settled, until
from .test_app import burst

TYPED = "æøå [b]x[/b]"


def big_session(folder: Path) -> Path:
    """The big session of bench/make_sessions.py, written as the app writes it."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from make_sessions import big
    finally:
        sys.path.remove(str(ROOT / "bench"))
    session = big()
    folder.mkdir()
    path = folder / f"{session.id}.toml"
    path.write_bytes(dumps(session))
    return path


def differences(before: Any, after: Any, path: str = "") -> dict[str, tuple[Any, Any]]:
    """Every leaf value that differs between two TOML documents, by its key path (a table
    that is not there counts as an empty one)."""
    if isinstance(before, dict) or isinstance(after, dict):
        before, after = before or {}, after or {}
        found = {}
        for key in before.keys() | after.keys():
            found |= differences(before.get(key), after.get(key), f"{path}.{key}".lstrip("."))
        return found
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        found = {}
        for i, (b, a) in enumerate(zip(before, after)):
            found |= differences(b, a, f"{path}[{i}]")
        return found
    return {} if before == after else {path: (before, after)}


@pytest.mark.slow
async def test_the_big_session_opens_on_every_canvas_takes_typing_and_saves_exactly(
        tmp_path: Path) -> None:
    path = big_session(tmp_path / "sessions")
    original = tomllib.loads(path.read_text("utf-8"))
    app = WorkshopApp(sessions_dir=path.parent, open_path=path)
    typed_into = []
    async with app.run_test(size=(80, 24)) as pilot:
        for key in CANVAS_KEYS:
            await pilot.press("ctrl+g", CANVAS_HOTKEY[key])
            await until(pilot, lambda: getattr(app.screen, "CANVAS", None) == key
                        and app.focused is not None, f"{key} shown, a field focused")
            # A choice or a number field may come first: Tab on to a text, as a facilitator.
            while not isinstance(app.focused, (Input, TextArea)) or isinstance(app.focused, NumberField):
                await pilot.press("tab")
            field = app.focused
            before = field.value if isinstance(field, Input) else field.text
            burst(app, list(TYPED))  # at speed, as typed ahead over SSH
            await until(pilot, lambda: TYPED in (field.value if isinstance(field, Input)
                                                 else field.text), f"{key}: the typing in")
            await settled(pilot)
            after = field.value if isinstance(field, Input) else field.text
            assert after.replace(TYPED, "", 1) == before, key
            assert field.region.height > 0 and app.screen.region.contains_region(field.region), key
            typed_into.append(key)
        await pilot.press("ctrl+q")
    saved = tomllib.loads(path.read_text("utf-8"))
    changed = differences(original, saved)
    assert set(changed) - {"updated", "current"} == {
        next(p for p in changed if p.startswith(f"{key}.")) for key in typed_into
    }, sorted(changed)
    for where, (was, now) in changed.items():
        if where not in ("updated", "current"):
            if isinstance(now, list):  # a list of lines (the actions) that was empty
                was, now = "\n".join(was or []), "\n".join(now)
            assert isinstance(now, str) and now.replace(TYPED, "", 1) == (was or ""), where
    assert saved["current"] == CANVAS_KEYS[-1]
