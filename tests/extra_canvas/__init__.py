"""Three canvases defined only here, registered as any canvas from outside dtworkshop would be.

Loaded as a pytest plug-in (`-p tests.extra_canvas`) by `tests/test_extra_canvas.py`, so they
are registered before the session schema is built; the checks in `check_*.py` and the generic
tests run with them then find them everywhere a canvas appears.
"""

from dtworkshop.core.canvases import register

from tests.extra_canvas import compass, garden, pulse

# The core modules first: the Screens' imports build the session schema.
register(pulse.SPEC)
register(garden.SPEC)
register(compass.SPEC)  # past the ninth canvas: its key is a letter

from dtworkshop.ui.canvases import register as register_screen  # noqa: E402

from tests.extra_canvas.screen import CompassScreen, GardenScreen, PulseScreen  # noqa: E402

register_screen(PulseScreen)
register_screen(GardenScreen)
register_screen(CompassScreen)
