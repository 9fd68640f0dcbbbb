"""Tallies: the votes a room takes on a canvas (`[[tallies]]` in the session file), with no
Textual: the options a canvas offers, the result as words, and its bar chart, drawn by the
TUI and by the reports from the same function.

The Structs themselves (`Tally`, `TallyOption`) are in `dtworkshop.core.session`.
"""

from __future__ import annotations

from typing import Any

from dtworkshop.core.canvases import BY_KEY
from dtworkshop.core.charts import distinct_labels, even_bars, label_room
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
    # "Hvilken idé prototyper vi først: Videokonsultation", not "…først?: …".
    return labels("tally.decided", question=question.rstrip("? "),
                  winner=winners[0].name)


def chart(plt: Any, tally: Tally, labels: Any, *, names: bool = True) -> None:
    """`tally`'s votes as horizontal bars, the first option on top, on the plotext figure
    `plt` (plotext calls only: the TUI's figure and a report's plain one draw the same).
    Each bar is labelled with its option's name (cut short) and its count; without `names`
    (beside a list that names them, row for row) with its count alone. Draws nothing for a
    tally without options. Drawn at `chart_rows` rows, each bar fills whole rows."""
    if not tally.options:
        return
    votes = [o.votes for o in tally.options][::-1]
    rows = list(range(1, len(votes) + 1))
    if names:
        # Each bar says its count: the back row reads the number, not the bar's length.
        short = distinct_labels([o.name for o in tally.options][::-1], label_room(plt, least=18))
        ticks = [f"{n} {v}" for n, v in zip(short, votes)]
    else:
        ticks = [str(v) for v in votes]
    plt.bar(rows, votes, orientation="horizontal", width=even_bars(plt, len(rows)))
    plt.yticks(rows, ticks)
    top = max(max(votes), 1)
    plt.xlim(0, top)
    step = -(-top // 5)  # about five whole-number ticks
    plt.xticks(list(range(0, top + 1, step)))


def chart_rows(tally: Tally) -> int:
    """Rows a text chart of `tally` takes: the frame and the scale, and two rows a bar up to
    five options, one a bar beyond (plotext draws a bar across whole rows only at these
    heights)."""
    n = max(1, len(tally.options))
    return 2 * n + 3 if n <= 5 else n + 3
