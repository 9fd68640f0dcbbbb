"""Every canvas has a content description (`CanvasSpec.content`), the one source `dtworkshop
show`, the Markdown, HTML and JSON exports and the compare screen draw it from, and the
description fits its Struct.

How a description is drawn (every kind of part, in every report) is checked on canvases
defined only in the tests, registered as a canvas from outside would be:
`tests/extra_canvas/check_garden.py`, run by `tests/test_extra_canvas.py`.
"""

from __future__ import annotations

import datetime as dt

from dtworkshop.core.canvases import CANVASES
from dtworkshop.core.session import FORMAT, Session
from dtworkshop.export import export
from dtworkshop.report import render_text


def test_every_canvas_has_a_description_that_fits_its_struct() -> None:
    """The canvases all have a description, and each names only fields of its Struct
    (an empty canvas is walked in full: every Keyed row and Records entry present)."""
    for spec in CANVASES:
        assert spec.content, f"{spec.key} has no content description"
    stamp = dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.timezone.utc)
    session = Session(format=FORMAT, id="x", created=stamp, updated=stamp,
                      **{spec.key: spec.model() for spec in CANVASES})
    render_text(session)
    export(session, "md")
