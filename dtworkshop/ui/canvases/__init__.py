"""The canvas screens, one per canvas of `dtworkshop.core.canvases.CANVASES`, by key.

A canvas from outside this package adds its Screen with `register` (after its core module
with `dtworkshop.core.canvases.register`).
"""

from __future__ import annotations

from dtworkshop.core.canvases import BY_KEY
from dtworkshop.ui.canvases.actor_pentagon import ActorPentagonScreen
from dtworkshop.ui.canvases.base import CanvasScreen
from dtworkshop.ui.canvases.business_case import BusinessCaseScreen
from dtworkshop.ui.canvases.dilemmas import DilemmasScreen
from dtworkshop.ui.canvases.double_diamond import DoubleDiamondScreen
from dtworkshop.ui.canvases.maturity import MaturityScreen
from dtworkshop.ui.canvases.organisation_forms import OrganisationFormsScreen
from dtworkshop.ui.canvases.ownership import OwnershipScreen
from dtworkshop.ui.canvases.political import PoliticalScreen
from dtworkshop.ui.canvases.portfolio import PortfolioScreen
from dtworkshop.ui.canvases.risk import RiskScreen
from dtworkshop.ui.canvases.self_assessment import SelfAssessmentScreen
from dtworkshop.ui.canvases.story_fish import StoryFishScreen

SCREENS: dict[str, type[CanvasScreen]] = {
    screen.CANVAS: screen
    for screen in (  # the order of the core's registry (the source's)
        BusinessCaseScreen,
        DoubleDiamondScreen,
        MaturityScreen,
        PortfolioScreen,
        RiskScreen,
        OwnershipScreen,
        StoryFishScreen,
        OrganisationFormsScreen,
        ActorPentagonScreen,
        PoliticalScreen,
        DilemmasScreen,
        SelfAssessmentScreen,
    )
}
"""Each canvas's Screen class, by canvas key (changed only by `register`)."""


def register(screen: type[CanvasScreen]) -> None:
    """Make `screen` the Screen of the canvas its `CANVAS` names.

    Raises ValueError when that canvas is not registered in `dtworkshop.core.canvases` or
    already has a Screen."""
    if screen.CANVAS not in BY_KEY:
        raise ValueError(f"{screen.__name__}: no canvas {screen.CANVAS!r} is registered")
    if screen.CANVAS in SCREENS:
        raise ValueError(f"{screen.__name__}: canvas {screen.CANVAS!r} has a Screen already")
    SCREENS[screen.CANVAS] = screen
