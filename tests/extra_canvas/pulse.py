"""A canvas that is not in dtworkshop: the team's pulse (a test's canvas, advice 2).

Its core module only: the Struct of its `[pulse]` table, its rule, how it is drawn and shown,
and its words in both languages, exactly as a canvas inside `dtworkshop.core.canvases` is
written (but for `labels`, which a canvas from outside brings itself).
"""

from __future__ import annotations

from typing import Literal

from dtworkshop.core.canvases.base import CanvasSpec, CanvasWarning, Field
from dtworkshop.core.types import Score, Table

Mood = Literal["calm", "eager", "worried"]
MOODS: tuple[Mood, ...] = ("calm", "eager", "worried")


class Pulse(Table):
    """`[pulse]`: the room's mood, its energy (1–5 score), a headline and the risks named."""

    mood: Mood | None = None
    energy: Score | None = None
    headline: str = ""
    risks: list[str] = []
    notes: str = ""


def rules(data: Pulse) -> list[CanvasWarning]:
    """A low energy (1 or 2) with no headline saying why is warned about."""
    if data.energy is not None and data.energy <= 2 and not data.headline.strip():
        return [CanvasWarning("warning.pulse.low_energy", "pulse.headline",
                              {"energy": data.energy})]
    return []


def chart(plt, data: Pulse, labels) -> None:
    """One bar: the energy on the 1–5 scale."""
    plt.bar([labels("canvas.pulse.energy")], [data.energy or 0])
    plt.ylim(0, 5)


LABELS = {
    "da": {
        "canvas.pulse.title": "Pulsen i rummet",
        "canvas.pulse.short": "Puls",
        "canvas.pulse.chart": "Energien i rummet",
        "canvas.pulse.mood": "Stemning",
        "canvas.pulse.energy": "Energi (1–5)",
        "canvas.pulse.headline": "Overskrift",
        "canvas.pulse.risks": "Risici",
        "guide.pulse.questions": "Hvordan har holdet det lige nu?",
        "guide.pulse.advice": "Tag pulsen før I beslutter noget stort.",
        "enum.mood.calm": "Rolig",
        "enum.mood.eager": "Ivrig",
        "enum.mood.worried": "Bekymret",
        "warning.pulse.low_energy": "Energien er {energy}: skriv en overskrift om hvorfor.",
    },
    "en": {
        "canvas.pulse.title": "The pulse of the room",
        "canvas.pulse.short": "Pulse",
        "canvas.pulse.chart": "The energy in the room",
        "canvas.pulse.mood": "Mood",
        "canvas.pulse.energy": "Energy (1–5)",
        "canvas.pulse.headline": "Headline",
        "canvas.pulse.risks": "Risks",
        "guide.pulse.questions": "How is the team doing right now?",
        "guide.pulse.advice": "Take the pulse before deciding anything big.",
        "enum.mood.calm": "Calm",
        "enum.mood.eager": "Eager",
        "enum.mood.worried": "Worried",
        "warning.pulse.low_energy": "The energy is {energy}: write a headline on why.",
    },
}

SPEC = CanvasSpec(
    key="pulse", advice=2, model=Pulse, rules=rules, chart=chart, labels=LABELS,
    content=(
        Field("mood", "canvas.pulse.mood", "enum", "mood"),
        Field("energy", "canvas.pulse.energy", "score"),
        Field("headline", "canvas.pulse.headline"),
        Field("risks", "canvas.pulse.risks", "items"),
    ),
)
