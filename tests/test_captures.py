"""Screen captures of every canvas in both languages, checked in under tests/captures/.

Each capture is the real app at 80 columns, tall enough to show the whole canvas, as text. A
test fails when the app draws a canvas differently from its checked-in capture; after an
intended change, write them anew with DTWORKSHOP_UPDATE_CAPTURES=1 and review the diff.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from pathlib import Path

import pytest

from dtworkshop.core.canvases import CANVAS_KEYS
from dtworkshop.core.labels import Labels
from dtworkshop.storage import read_session, save_session
from dtworkshop.ui.app import WorkshopApp
from dtworkshop.ui.screens.dialogs import CANVAS_HOTKEY

from .conftest import EXAMPLES, settled, until

CAPTURES = Path(__file__).resolve().parent / "captures"
UPDATE = os.environ.get("DTWORKSHOP_UPDATE_CAPTURES") == "1"
SIZE = (80, 110)


def capture_session(folder: Path, language: str) -> Path:
    """One session with every canvas filled from the source's examples; due dates far ahead,
    so that no capture changes when a date passes."""
    mors = read_session(EXAMPLES / "2026-11-30-region-nordjylland-mors.toml")
    rks = read_session(EXAMPLES / "2026-12-07-ringkoebing-skjern-portefoelje.toml")
    for key in ("maturity", "portfolio", "risk", "ownership", "organisation_forms", "actor_pentagon",
                "political"):
        setattr(mors, key, getattr(rks, key))
    mors.decisions += rks.decisions
    for decision in mors.decisions:
        if decision.due:
            decision.due = dt.date(2099, decision.due.month, decision.due.day)
    mors.language = language  # type: ignore[assignment]
    path = folder / f"{mors.id}.toml"
    save_session(mors, path)
    return path


async def draw(path: Path, canvas: str) -> str:
    """The capture of `canvas` of the session at `path`, drawn by an app of its own."""
    return (await draw_each(path, [canvas]))[canvas]


async def draw_each(path: Path, canvases: list[str]) -> dict[str, str]:
    """The captures of `canvases`, each drawn as it is first shown (reached with ctrl+g) by
    one app on the session at `path`. (An app each took a fifth of the suite's time in app
    starts; a canvas first shown is built as in an app of its own, as this module's apps
    build no canvases ahead: conftest.BUILD_AHEAD_MODULES.)"""
    app = WorkshopApp(sessions_dir=path.parent, open_path=path)
    drawn: dict[str, str] = {}
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: getattr(app.screen, "CANVAS", None) is not None, "a canvas")
        saved = Labels(app.document.session.language)("app.saved")
        for canvas in canvases:
            await pilot.press("ctrl+g", CANVAS_HOTKEY[canvas])
            await until(pilot, lambda: getattr(app.screen, "CANVAS", None) == canvas, canvas)
            await settled(pilot)  # moving to the canvas is saved: "Saved ✓"
            await until(pilot, lambda: saved in str(app.screen.query_one("#session-bar").render()),
                        "the bar saying it is saved")
            await pilot.pause()  # the bar's new text drawn
            strips = app.screen._compositor.render_strips()
            lines = ["".join(segment.text for segment in strip).rstrip() for strip in strips]
            while lines and not lines[-2].strip():  # the empty rows above the footer
                del lines[-2]
            drawn[canvas] = "\n".join(lines) + "\n"
    return drawn


@pytest.mark.parametrize("language", ["da", "en"])
async def test_every_canvas_looks_as_captured(tmp_path: Path, language: str) -> None:
    """Each canvas, in `language`, as its capture in tests/captures/: every one that differs
    is shown with its diff."""
    path = capture_session(tmp_path, language)
    drawn = await draw_each(path, list(CANVAS_KEYS))
    problems = []
    for canvas in CANVAS_KEYS:
        stored = CAPTURES / language / f"{canvas}.txt"
        if UPDATE or not stored.exists():
            stored.parent.mkdir(parents=True, exist_ok=True)
            stored.write_text(drawn[canvas], encoding="utf-8")
            if not UPDATE:
                problems.append(f"{stored} did not exist; written now, review and commit it")
                continue
        expected = stored.read_text(encoding="utf-8")
        if drawn[canvas] != expected:
            diff = "".join(difflib.unified_diff(
                expected.splitlines(True), drawn[canvas].splitlines(True), str(stored),
                "drawn now"))
            problems.append(f"{canvas} ({language}) is drawn differently from its capture:\n{diff}")
    assert not problems, "\n".join(problems)


def test_a_chart_is_drawn_the_same_whatever_the_hash_seed(tmp_path: Path) -> None:
    """The maturity chart's eight group labels overlap at 80 columns; which one yields used to
    follow the order of a set inside plotext, so the screen changed with Python's hash seed
    (seeds 1 and 5 drew different label rows). Drawn in two processes, it is the same."""
    import subprocess
    import sys

    script = ("import asyncio, sys; from pathlib import Path; "
              "from tests.test_captures import capture_session, draw; "
              "sys.stdout.write(asyncio.run(draw(capture_session(Path(sys.argv[1]), 'da'), "
              "'maturity')))")
    drawn = []
    for seed in ("1", "5"):
        folder = tmp_path / seed
        folder.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", script, str(folder)], env=env,
                              cwd=Path(__file__).resolve().parent.parent, capture_output=True,
                              text=True, encoding="utf-8", timeout=120, check=True)
        drawn.append(done.stdout)
    assert "Strategi" in drawn[0]
    assert drawn[0] == drawn[1]
