"""Story fish screen, Fortællefisken (advice 6): hero, head, body, tail and the paradigm."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Label

from dtworkshop.core.canvases.story_fish import PARADIGMS, StoryFish
from dtworkshop.ui.canvases.base import CanvasScreen, options
from dtworkshop.ui.widgets.fish import FishDrawing
from dtworkshop.ui.widgets.fields import Hint, ChoiceField, NotesField, TextField, block, row


class StoryFishScreen(CanvasScreen):
    """The narrative with the employee as the hero, head to tail."""

    CANVAS = "story_fish"
    data: StoryFish

    def fields(self) -> Iterable[Widget]:
        t, sf = self.t, self.data
        yield row(t("canvas.story_fish.hero"), TextField(sf.hero, self.setter("hero"), id="hero"))
        yield Hint(t("guide.story_fish.hero"))
        for part in ("head", "body", "tail"):
            yield block(t(f"canvas.story_fish.{part}"),
                        NotesField(getattr(sf, part), self.setter(part), id=part,
                                   placeholder=t(f"guide.story_fish.part.{part}")))
        yield Hint(t("guide.story_fish.platform"))
        yield Hint(t("guide.story_fish.down_to_earth"))
        yield Hint(t("guide.story_fish.thinktank"))
        yield row(t("canvas.story_fish.paradigm"),
                  ChoiceField(options(t, "paradigm", PARADIGMS), sf.paradigm, self.setter("paradigm"), id="paradigm"))
        yield Hint(id="hint-paradigm")

    def side(self) -> Iterable[Widget]:
        """The story fish drawn as a fish, head to tail, with the team's words in it."""
        yield Label(Text(self.t("canvas.story_fish.title")), classes="section")
        yield FishDrawing(self.t, id="fish")

    def refresh_drawing(self) -> None:
        self.query_one(FishDrawing).show(self.data)

    def refresh_hints(self) -> None:
        # All three paradigms side by side as in the source, the team's one marked.
        t, chosen = self.t, self.data.paradigm
        self.query_one("#hint-paradigm", Hint).show("\n".join(
            ("▶ " if p == chosen else "  ") + t(f"guide.story_fish.paradigm.{p}").replace("\n", "\n  ")
            for p in PARADIGMS))

