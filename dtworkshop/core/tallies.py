"""Tallies: the votes a room takes on a canvas (`[[tallies]]` in the session file), with no
Textual: the options a canvas offers, the result as words, and its bar chart, drawn by the
TUI and by the reports from the same function.

The Structs themselves (`Tally`, `TallyOption`) are in `dtworkshop.core.session`.
"""

from __future__ import annotations

from typing import Any

from dtworkshop.core.canvases import BY_KEY
from dtworkshop.core.charts import distinct_labels
from dtworkshop.core.session import Session, Tally

MAX_VOTES = 99_999
"""The most votes one option can hold as the facilitator counts: a room, however large,
never gets near it, and a finger resting on a digit stops here."""


def offered(session: Session, key: str, labels: Any) -> list[str]:
    """The options a tally on canvas `key` offers before any is typed: the canvas's own items
    as short names (`CanvasSpec.items`; its ideas, prototypes, units, initiatives,
    dilemmas …), [] for a canvas that names none. `labels` is a `Labels`."""
    spec = BY_KEY[key]
    data = getattr(session, key)
    return list(spec.items(data if data is not None else spec.model(), labels))


def tallies_on(session: Session, key: str) -> list[Tally]:
    """The tallies taken on canvas `key`, oldest first."""
    return [t for t in session.tallies if t.canvas == key]


def result(tally: Tally, labels: Any) -> str:
    """The outcome in words, in the language of `labels`: "Video (7 of 12 votes)", a tie
    as "A = B (5 each of 10 votes)", "no votes counted" when none was."""
    winners = tally.winners()
    total = tally.total()
    if not winners:
        return labels("tally.no_votes")
    names = " = ".join(w.name for w in winners)
    if len(winners) > 1:
        return labels("tally.result_tie", names=names, n=winners[0].votes, total=total)
    return labels("tally.result", names=names, n=winners[0].votes, total=total)


def decision_text(tally: Tally, labels: Any) -> str:
    """What a decision made of `tally` says to begin with (the facilitator edits it): the
    question and the option with the most votes, "question: winner"; the question alone
    when no vote was counted or the vote is tied."""
    winners = tally.winners()
    question = tally.question.strip()
    if len(winners) != 1:
        return question
    return labels("tally.decided", question=question, winner=winners[0].name)


def chart(plt: Any, tally: Tally, labels: Any) -> None:
    """`tally`'s votes as horizontal bars, the first option on top, on the plotext figure
    `plt` (plotext calls only: the TUI's figure and a report's plain one draw the same).
    Draws nothing for a tally without options."""
    if not tally.options:
        return
    votes = [o.votes for o in tally.options][::-1]
    # Each bar says its count: a projector's back row reads the number, not the bar's length.
    names = [f"{n} {v}" for n, v in zip(distinct_labels([o.name for o in tally.options][::-1], 18), votes)]
    plt.bar(names, votes, orientation="horizontal", width=0.5)
    top = max(votes)
    plt.xlim(0, max(top, 1))
    step = max(1, -(-max(top, 1) // 5))  # about five whole-number ticks
    plt.xticks(list(range(0, max(top, 1) + 1, step)))


def chart_rows(tally: Tally) -> int:
    """Rows a text chart of `tally` needs: two a bar, the frame and the scale (at least 6)."""
    return max(6, 2 * len(tally.options) + 3)
