"""Shared test fixtures: a sessions folder with the shipped examples, and app helpers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "sessions"


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    """A copy of the example sessions in a fresh folder (the originals stay untouched).
    Only the session files: the index cache, locks and backups that running the app on
    `sessions/` leaves there (hidden, ignored by git) must not leak into a test."""
    folder = tmp_path / "sessions"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns(".*"))
    return folder
