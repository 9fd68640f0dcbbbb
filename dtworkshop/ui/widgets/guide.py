"""The guidance panel: the source's key questions and advice for the canvas on screen."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from dtworkshop.core.labels import Labels


class GuidePanel(Static):
    """The source's key question(s) for a canvas and its advice in a few lines, in the
    session's language (labels `guide.<canvas>.questions` and `.advice`).

    Hidden and shown for all canvases at once with the app's ctrl+t; the text is ours, from
    the publication's content, never user text.
    """

    DEFAULT_CSS = """
    GuidePanel {
        height: auto;
        border-left: thick $accent;
        padding: 0 1;
        margin-bottom: 1;
        background: $boost;
    }
    """

    def __init__(self, canvas: str, labels: Labels, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.canvas = canvas
        self.t = labels

    def on_mount(self) -> None:
        t = self.t
        text = Text()
        text.append(t(f"guide.{self.canvas}.questions").strip(), style="bold")
        advice = t(f"guide.{self.canvas}.advice").strip()
        if advice:
            text.append("\n")
            text.append(advice)
        self.update(text)
