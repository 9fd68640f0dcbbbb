"""Shared test fixtures: a sessions folder with the shipped examples, and app helpers."""

from __future__ import annotations

import asyncio
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "sessions"


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: two workers a core, and one more. Much of the suite's time is spent
    waiting (an app in a pseudo-terminal starting, a save's debounce, a notice's delay):
    with three workers on two cores the cores were busy 1.1 of 2 on average (5:10), with
    five the suite takes 4:38; the tests wait for states, never for time, so the extra load
    changes nothing but the total."""
    return 2 * (os.cpu_count() or 1) + 1


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests marked slow first, spread over the workers: the longest jobs started first
    keep the workers busy together to the end (the suite's budget is 6 minutes on two
    cores).

    xdist's work stealing (pyproject.toml) hands each of the N workers one contiguous block
    of the collection at the start (block i: what is left // (N - i) tests) and lets an idle
    worker take the end of a busy one's queue. So each block begins with every Nth slow test,
    and the quick ones follow, to be stolen at the end."""
    slow = [item for item in items if item.get_closest_marker("slow") is not None]
    rest = [item for item in items if item.get_closest_marker("slow") is None]
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    ordered: list[pytest.Item] = []
    left = len(items)
    for block in range(workers):
        size = left // (workers - block)
        left -= size
        mine = slow[block::workers]
        take = max(0, size - len(mine))
        ordered += mine + rest[:take]
        rest = rest[take:]
    items[:] = ordered + rest


BUILD_AHEAD_MODULES = {"test_keys_land", "test_big_session"}
"""The test modules whose apps build canvases ahead as the user's do (ui.build_ahead), as do
the tests marked `build_ahead`: typing while canvases are being built, a whole session, the
presenter building as its file changes, and the tests of building ahead itself. Elsewhere a
canvas is built when first shown, as it is for a user who switches right after a key
(bench/README.md: "first visits right after a key"); the two ways are shown to look the
same (test_app's test_a_canvas_built_ahead_looks_as_one_built_when_shown). Building the
other twelve canvases of every session opened cost a fifth of the suite's time in the
tests that only look (captures: half)."""


@pytest.fixture(autouse=True)
def build_ahead_where_it_counts(request: pytest.FixtureRequest,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    """No canvases built ahead outside BUILD_AHEAD_MODULES and the tests marked so."""
    module = request.module.__name__.rsplit(".", 1)[-1]
    if module not in BUILD_AHEAD_MODULES and request.node.get_closest_marker("build_ahead") is None:
        from dtworkshop.ui.build_ahead import BuildAhead

        monkeypatch.setattr(BuildAhead, "_build_ahead", lambda self: None)


@pytest.fixture(autouse=True)
def own_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$HOME and the XDG folders in a fresh folder of their own (beside tmp_path, which
    tests read as the sessions folder), for the app in the test and every app it starts:
    an export to the default folder (the home) or a cache never reaches the real user's
    home."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    return home


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    """A copy of the example sessions in a fresh folder (the originals stay untouched).
    Only the session files: the index cache, locks and backups that running the app on
    `sessions/` leaves there (hidden, ignored by git) must not leak into a test."""
    folder = tmp_path / "sessions"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns(".*"))
    return folder


POLL = 0.01
"""Seconds between two looks of `until` at the state it waits for."""


async def until(pilot, condition: Callable[[], object],
                what: str | Callable[[], str] = "the state awaited",
                timeout: float = 20.0) -> None:
    """Let the app run until `condition()` is true; fail saying `what` (or what `what()`
    says of the state then) never came after `timeout` seconds. Tests wait for the state
    they check, never for a time to pass: the timeout is only there so that a broken app
    fails the test instead of hanging it."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            said = what() if callable(what) else what
            raise AssertionError(f"never happened within {timeout:.0f} s: {said}")
        # The app runs meanwhile. Not Pilot.pause(delay): it first has every widget of the
        # screen handle a message of its own (4 ms of CPU a look on a canvas, a fifth of
        # the time spent waiting), which only delays the look; the screen is brought up to
        # date before each look, as Pilot.pause does.
        await asyncio.sleep(POLL)
        pilot.app.screen._on_timer_update()


async def settled(pilot, timeout: float = 20.0) -> None:
    """Wait until every key typed has reached its screen (none held while a screen is being
    shown), the canvas showing has caught up with its edits (its warnings, chart and hints
    wait for typing to pause), and the app has written what was typed (or, read-only or
    failing, would have)."""
    app = pilot.app
    await pilot.pause()
    await until(pilot, lambda: not app.keys_held
                and not getattr(app.screen, "derived_pending", False)
                and not app.save_pending, "the canvas and the file caught up with the typing",
                timeout)
