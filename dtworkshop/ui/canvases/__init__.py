"""The canvas screens, one per canvas of `dtworkshop.core.canvases.CANVASES`."""

from __future__ import annotations

from dtworkshop.ui.canvases.actor_pentagon import ActorPentagonScreen
from dtworkshop.ui.canvases.base import CanvasScreen
from dtworkshop.ui.canvases.business_case import BusinessCaseScreen
from dtworkshop.ui.canvases.double_diamond import DoubleDiamondScreen
from dtworkshop.ui.canvases.organisation_forms import OrganisationFormsScreen
from dtworkshop.ui.canvases.political import PoliticalScreen
from dtworkshop.ui.canvases.portfolio import PortfolioScreen
from dtworkshop.ui.canvases.story_fish import StoryFishScreen

SCREENS: dict[str, type[CanvasScreen]] = {
    screen.CANVAS: screen
    for screen in (
        BusinessCaseScreen,
        DoubleDiamondScreen,
        PortfolioScreen,
        StoryFishScreen,
        OrganisationFormsScreen,
        ActorPentagonScreen,
        PoliticalScreen,
    )
}
