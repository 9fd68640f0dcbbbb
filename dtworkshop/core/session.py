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

from dtworkshop.core.canvases import CANVAS_KEYS, CANVASES, CanvasSpec, CanvasWarning
from dtworkshop.core.canvases.actor_pentagon import ActorPentagon
from dtworkshop.core.canvases.business_case import BusinessCase
from dtworkshop.core.canvases.double_diamond import DoubleDiamond
from dtworkshop.core.canvases.organisation_forms import OrganisationForms
from dtworkshop.core.canvases.political import Political
from dtworkshop.core.canvases.portfolio import Portfolio
from dtworkshop.core.canvases.story_fish import StoryFish
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
CanvasKey = Literal[
    "business_case",
    "double_diamond",
    "portfolio",
    "story_fish",
    "organisation_forms",
    "actor_pentagon",
    "political",
]


class Participant(Table):
    """A member of the leadership team in the room."""

    name: str = ""
    role: str = ""


class Decision(Table, kw_only=True):
    """A decision the team made: on which canvas, what, who owns it, by when.

    `due` is a TOML local date (optional); `made` an offset date-time.
    """

    canvas: CanvasKey
    text: str
    owner: str = ""
    due: dt.date | None = None
    made: AwareDatetime


class Session(Table, kw_only=True, omit_defaults=False):
    """A whole session file. Canvases not yet visited are None (absent from the file).

    Header fields are always written, even when empty, so every file starts the same way.
    """

    format: int
    id: SessionId
    title: str = ""
    organisation: str = ""
    facilitator: str = ""
    language: Language = "da"
    created: AwareDatetime
    updated: AwareDatetime
    current: CanvasKey = "business_case"
    participants: list[Participant] = []
    business_case: BusinessCase | None = None
    double_diamond: DoubleDiamond | None = None
    portfolio: Portfolio | None = None
    story_fish: StoryFish | None = None
    organisation_forms: OrganisationForms | None = None
    actor_pentagon: ActorPentagon | None = None
    political: Political | None = None
    decisions: list[Decision] = []

    def canvas(self, key: str) -> Table:
        """The data of canvas `key`, created empty on first visit.

        Raises KeyError for a key that is not a registered canvas.
        """
        if key not in CANVAS_KEYS:
            raise KeyError(key)
        data = getattr(self, key)
        if data is None:
            data = _spec(key).model()
            setattr(self, key, data)
        return data

    def warnings(self) -> dict[str, list[CanvasWarning]]:
        """Each visited canvas's warnings, by canvas key (empty lists left out)."""
        found = {}
        for spec in CANVASES:
            data = getattr(self, spec.key)
            if data is not None and (w := spec.rules(data)):
                found[spec.key] = w
        return found

    def status(self, key: str) -> CanvasStatus:
        """Where canvas `key` stands: "untouched" (nothing recorded), "started" (something
        recorded) or "decided" (a decision was made on it)."""
        if any(d.canvas == key for d in self.decisions):
            return "decided"
        data = getattr(self, key)
        if data is None or data == _spec(key).model():
            return "untouched"
        return "started"

    def decisions_on(self, key: str) -> list[Decision]:
        """The decisions made on canvas `key`, oldest first."""
        return [d for d in self.decisions if d.canvas == key]


def _spec(key: str) -> CanvasSpec:
    return next(c for c in CANVASES if c.key == key)


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
