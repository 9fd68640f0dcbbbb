"""A follow-up session: the same leadership team's next workshop, begun from its last one.

A digital transformation runs over years, not one workshop day: the team comes back to its
open decisions and its units. A follow-up session starts with what still stands of the earlier
one and points back to it with `follows` (format 1, second round; issue 15).
"""

from __future__ import annotations

import datetime as dt

from dtworkshop.core.canvases import BY_KEY
from dtworkshop.core.session import Decision, Participant, Session, new_session


def follow_up(earlier: Session, session_id: str, *, title: str | None = None,
              day: dt.date | None = None) -> Session:
    """A new session following `earlier`: its organisation, facilitator, language and
    participants; what each canvas carries over (`CanvasSpec.carried`: the portfolio's and
    the maturity assessment's units, by name); and its open decisions, unchanged (same
    canvas, text, owner, due date and `made`, which is how the decision logs know them as the
    same decision). Done and dropped decisions stay with the earlier session.

    `title` defaults to the earlier title; `day` (the workshop's day, `date`) to today.
    `follows` is `earlier.id`; the new session resumes on the first canvas.

    Raises ValueError when `session_id` is no session id ([a-z0-9-]{1,64}).
    """
    session = new_session(
        session_id,
        title=earlier.title if title is None else title,
        organisation=earlier.organisation,
        facilitator=earlier.facilitator,
        language=earlier.language,
    )
    session.date = day or dt.date.today()
    session.follows = earlier.id
    session.participants = [Participant(name=p.name, role=p.role) for p in earlier.participants]
    for key, spec in BY_KEY.items():
        data = getattr(earlier, key, None)
        if data is not None and (carried := spec.carried(data)) is not None:
            setattr(session, key, carried)
    session.decisions = [
        Decision(canvas=d.canvas, text=d.text, owner=d.owner, due=d.due, made=d.made)
        for d in earlier.decisions
        if d.status == "open"
    ]
    return session
