"""The session: one workshop with one leadership team, format version 1.

The Structs here are the contract of SESSION-FORMAT.md; key names and enumeration words are
fixed there and must not change.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Literal

import msgspec

from dtworkshop.core.canvases import BY_KEY, CanvasWarning, freeze
from dtworkshop.core.types import AwareDatetime, Table, now

FORMAT = 1
"""The newest session file format this program reads and writes."""

ID_PATTERN = r"^[a-z0-9-]{1,64}\Z"  # \Z, not $: "$" would let a trailing newline through
MAX_ID = 64
"""The longest session id (and so file name, without ".toml")."""
SessionId = Annotated[str, msgspec.Meta(pattern=ID_PATTERN)]
Language = Literal["da", "en"]
LANGUAGES: tuple[Language, ...] = ("da", "en")
CanvasStatus = Literal["untouched", "started", "decided"]
_CANVASES = freeze()  # the schema is built once, from the canvases registered by now
CanvasKey = Literal[tuple(spec.key for spec in _CANVASES)]  # type: ignore[valid-type]
"""A canvas's key: "business_case", "double_diamond", … (see `dtworkshop.core.canvases`)."""


class Participant(Table):
    """A member of the leadership team in the room."""

    name: str = ""
    role: str = ""


DecisionStatus = Literal["open", "done", "dropped"]
DECISION_STATUSES: tuple[DecisionStatus, ...] = ("open", "done", "dropped")
"""Where a decision stands (format 1, second round): open until done or dropped."""


class Decision(Table, kw_only=True):
    """A decision the team made: on which canvas, what, who owns it, by when, and whether it
    was carried out.

    `due` is a TOML local date (optional); `made` an offset date-time. `status` is "open"
    (absent from the file), "done" or "dropped"; `closed` the local date it stopped being
    open (optional). A decision that is not open is never overdue.
    """

    canvas: CanvasKey
    text: str
    owner: str = ""
    due: dt.date | None = None
    made: AwareDatetime
    status: DecisionStatus = "open"
    closed: dt.date | None = None

    def overdue(self, today: dt.date) -> bool:
        """Whether it is still open and its due date is before `today` (one due today is
        not overdue yet; one without a due date never is)."""
        return self.status == "open" and self.due is not None and self.due < today


def set_status(decision: Decision, status: DecisionStatus, today: dt.date | None = None) -> None:
    """Set `decision`'s status: leaving "open", `closed` becomes `today` (default: the
    local date now) unless it was closed before; back to "open", `closed` goes."""
    if status == decision.status:
        return
    if status == "open":
        decision.closed = None
    elif decision.status == "open" or decision.closed is None:
        decision.closed = today or dt.date.today()
    decision.status = status


# ---------------------------------------------------------------- tallies (format 1, second round)


class TallyOption(Table, kw_only=True, omit_defaults=False):
    """One option of a tally: its name (often one of the canvas's own items) and how many in
    the room voted for it (a whole number, 0 or more). Both are always written, a 0 too: a
    count of none is a count."""

    name: str
    votes: Annotated[int, msgspec.Meta(ge=0)] = 0


class Tally(Table, kw_only=True):
    """A vote the room took on a canvas (`[[tallies]]`): the question, when it was taken (an
    offset date-time) and the counts the facilitator entered, one option each, in the order
    they were offered."""

    canvas: CanvasKey
    question: str
    taken: AwareDatetime
    options: list[TallyOption] = []

    def total(self) -> int:
        """How many votes were counted in all."""
        return sum(o.votes for o in self.options)

    def winners(self) -> list[TallyOption]:
        """The options with the most votes (several on a tie), in their order; [] when no
        vote was counted."""
        top = max((o.votes for o in self.options), default=0)
        return [o for o in self.options if o.votes == top] if top else []

# ---------------------------------------------------------------- end of tallies


class _Header(Table, kw_only=True, omit_defaults=False):
    """A session's fields before its canvases, and what a session answers (see `Session`,
    which adds the canvases and `decisions` after these fields)."""

    format: int
    id: SessionId
    title: str = ""
    organisation: str = ""
    facilitator: str = ""
    language: Language = "da"
    created: AwareDatetime
    updated: AwareDatetime
    current: CanvasKey = "business_case"
    # Format 1, second round: optional, written only when set.
    date: dt.date | None = None
    follows: SessionId | None = None
    participants: list[Participant] = []

    @property
    def day(self) -> dt.date:
        """The workshop's day: `date` where the file has one, else the day it was created.
        Lists, reports, trends and overdue counting go by it."""
        return self.date if self.date is not None else self.created.date()

    def canvas(self, key: str) -> Table:
        """The data of canvas `key`, created empty on first visit.

        Raises KeyError for a key that is not a registered canvas.
        """
        if key not in BY_KEY:
            raise KeyError(key)
        data = getattr(self, key)
        if data is None:
            data = BY_KEY[key].model()
            setattr(self, key, data)
        return data

    def warnings(self) -> dict[str, list[CanvasWarning]]:
        """Each visited canvas's warnings, by canvas key (empty lists left out)."""
        found = {}
        for spec in _CANVASES:
            data = getattr(self, spec.key)
            if data is not None and (w := spec.rules(data)):
                found[spec.key] = w
        return found

    def status(self, key: str) -> CanvasStatus:
        """Where canvas `key` stands: "untouched" (nothing recorded), "started" (something
        recorded) or "decided" (a decision was made on it in this session: one carried over
        from an earlier session, made before this one was created, does not count)."""
        if any(d.canvas == key and d.made >= self.created for d in self.decisions):
            return "decided"
        data = getattr(self, key)
        if data is None or data == BY_KEY[key].model():
            return "untouched"
        return "started"

    def decisions_on(self, key: str) -> list[Decision]:
        """The decisions made on canvas `key`, oldest first."""
        return [d for d in self.decisions if d.canvas == key]


# -- Timebox (format 1, second round): the agenda, minutes planned and seconds spent -------

AGENDA_OVERVIEW = "overview"
"""The agenda's key for the time on the overview (the opening and the round-up)."""
Minutes = Annotated[int, msgspec.Meta(ge=0)]
"""Whole minutes planned, >= 0."""
Seconds = Annotated[int, msgspec.Meta(ge=0)]
"""Whole seconds spent, >= 0."""

AgendaSpent = msgspec.defstruct(
    "AgendaSpent",
    [(AGENDA_OVERVIEW, Seconds, 0)] + [(spec.key, Seconds, 0) for spec in _CANVASES],
    bases=(Table,),
    module=__name__,
    kw_only=True,
    forbid_unknown_fields=True,
)
AgendaSpent.__doc__ = """`[agenda.spent]`: whole seconds the app counted on the overview and
on each canvas (an attribute per canvas key; 0, absent from the file, until counted). A key
that is no canvas, or a negative count, is refused with its key path."""

Agenda = msgspec.defstruct(
    "Agenda",
    [(AGENDA_OVERVIEW, Minutes | None, None)] + [(spec.key, Minutes | None, None)
                                                for spec in _CANVASES]
    + [("spent", AgendaSpent | None, None)],
    bases=(Table,),
    module=__name__,
    kw_only=True,
    forbid_unknown_fields=True,
)
Agenda.__doc__ = """`[agenda]`: the facilitator's timebox plan, whole minutes per canvas key and
"overview" (None, absent from the file: not in the plan), and `spent` (`[agenda.spent]`).
Built from the canvas registry, so a canvas registered later has its key here too. A key
that is no canvas, or a negative number, is refused with its key path."""


Session = msgspec.defstruct(
    "Session",
    [("agenda", Agenda | None, None)]  # the timebox, after the header, before the canvases
    + [(spec.key, spec.model | None, None) for spec in _CANVASES]
    + [("decisions", list[Decision], [])]
    + [("tallies", list[Tally], [])],
    bases=(_Header,),
    module=__name__,
    kw_only=True,
    omit_defaults=False,
)
Session.__doc__ = """A whole session file: the header fields, the participants, the timebox
(`agenda`, an `Agenda`; None, absent from the file, while nothing is planned or spent), a table per canvas
(an attribute of the canvas's key holding its Struct, e.g. `session.portfolio`; None, absent
from the file, until visited), then the decisions, then the tallies (`[[tallies]]`, format 1's
second round; absent from the file while there are none).

Header fields are always written, even when empty, so every file starts the same way. Built
from the canvas registry (`dtworkshop.core.canvases`), in its order.
"""


_FOLDS = (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("ß", "ss"), ("œ", "oe"), ("ð", "d"),
          ("þ", "th"), ("ł", "l"), ("đ", "d"))


def slugify(text: str) -> str:
    """A session id fragment from free text: lower case, Danish letters folded (æ→ae, ø→oe,
    å→aa), accents dropped (é→e, ü→u), anything else outside [a-z0-9] turned into single
    dashes, no dash at either end. Never holds a dot, a slash or a control character, so it
    can never name another folder. May return "" (a title of punctuation only); never
    raises."""
    text = unicodedata.normalize("NFC", text.lower())
    for a, b in _FOLDS:
        text = text.replace(a, b)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def id_base(day: dt.date, organisation: str, title: str) -> str:
    """What a new session's id is made from: its day and its organisation (else its title),
    "2026-12-07-ringkoebing-skjern-kommune"; `storage.unique_id` makes it unique in a
    folder. Sessions so named list by day in any file manager."""
    return f"{day.isoformat()}-{slugify(organisation or title)}"[:MAX_ID].strip("-")


def new_session(
    session_id: str,
    *,
    title: str = "",
    organisation: str = "",
    facilitator: str = "",
    language: Language = "da",
) -> Session:
    """A fresh session stamped now, resuming on the first canvas.

    Raises ValueError when `session_id` does not match [a-z0-9-]{1,64}.
    """
    if not re.match(ID_PATTERN, session_id):
        raise ValueError(f"session id {session_id!r} does not match [a-z0-9-]{{1,64}}")
    stamp = now()
    return Session(
        format=FORMAT,
        id=session_id,
        title=title,
        organisation=organisation,
        facilitator=facilitator,
        language=language,
        created=stamp,
        updated=stamp,
    )
