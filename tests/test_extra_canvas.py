"""Canvases defined only in the tests (`tests/extra_canvas`: three core modules and their
Screens) are found everywhere a canvas is, with no other file changed: the overview,
navigation, the session file, `show`, every export, `diff`, compare, validation's error paths
and the labels check (issue 12).

A canvas is registered before the session schema is built from the registry, so the checks
run in a pytest of their own, with the test canvases loaded as a plug-in: its own checks
(`tests/extra_canvas/check_*.py`) and the suite's generic tests that walk every canvas.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

GENERIC = [
    # the labels check: both languages, every enumeration a canvas shows, the schema's words
    "tests/test_format.py::test_label_catalogues_have_the_same_keys_and_no_empty_values",
    "tests/test_format.py::test_every_enumeration_word_has_a_label",
    "tests/test_format.py::test_the_enumerations_listed_are_all_of_the_schema",
    "tests/test_format.py::test_the_enumeration_tuples_match_their_literals",
    # every screen and dialog, reached by the go-to menu, finds all its words (in Danish: the
    # English catalogue holds the same keys, which the first test above checks)
    "tests/test_app.py::test_every_screen_finds_all_its_words[da]",
    "tests/test_app.py::test_every_canvas_has_a_screen",
    "tests/test_content.py::test_every_canvas_has_a_description_that_fits_its_struct",
    "tests/test_index.py::test_each_entry_summarises_its_file",
]
OWN = ["tests/extra_canvas/check_pulse.py", "tests/extra_canvas/check_garden.py"]


@pytest.mark.slow
def test_a_canvas_defined_only_in_the_tests_is_found_everywhere() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.extra_canvas", "-o", "addopts=",
         "-p", "no:cacheprovider", "-q", "-rfEs", *OWN, *GENERIC],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    report = run.stdout[-6000:] + run.stderr[-2000:]
    assert run.returncode == 0, report
    summary = run.stdout.strip().splitlines()[-1]
    # Nothing skipped or deselected: every check ran with the test canvases registered.
    assert re.fullmatch(r"(\d+) passed in [\d.]+s( \(.*\))?", summary), report
    assert int(summary.split()[0]) >= len(GENERIC) + 12, report
