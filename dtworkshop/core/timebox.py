"""The timebox: the facilitator's plan of minutes per canvas (and the overview), the seconds
spent on each, and where the session stands against the plan.

Pure (no Textual, no I/O). The plan and the seconds live in the session's `agenda`
(`dtworkshop.core.session.Agenda`, `[agenda]` and `[agenda.spent]` in the file); here are

- the default plans (`default_plan`: `HALF_DAY`, `WHOLE_DAY`),
- `standing`: given the plan, the seconds spent and the key now showing, the minutes each
  remaining canvas now gets (a canvas that ran over shrinks the rest in proportion, never
  below `FLOOR`), the time left on this key and whether the session is ahead or behind.
  The rebalanced minutes are computed, never written: the file keeps the facilitator's plan.
- `Stopwatch`: the clock that counts the seconds on the key showing, with an injectable
  monotonic clock (tests advance it without waiting).

The keys of an agenda are `AGENDA_OVERVIEW` ("overview") then the canvas keys in the
registry's order (`agenda_keys()`, the order they are shown in); the plan is run in the
canvases' order, with the overview's round-up last (see `standing`).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from dtworkshop.core.canvases import CANVAS_KEYS
from dtworkshop.core.session import AGENDA_OVERVIEW, Agenda, AgendaSpent

HALF_DAY = 210
"""Minutes of canvas time in a half-day workshop (3 h 30 min; breaks not included)."""
WHOLE_DAY = 360
"""Minutes of canvas time in a whole-day workshop (6 h; lunch and breaks not included)."""
DAY_PLANS = {"half_day": HALF_DAY, "whole_day": WHOLE_DAY}
"""The default plans by name, in minutes."""

FLOOR = 5
"""Minutes a remaining canvas keeps at least when the plan shrinks (one planned shorter
keeps its own)."""

STEP = 5
"""The default plans are in steps of this many minutes (easier to read out in the room)."""

DONE_AFTER = 60
"""Seconds on a canvas after which, once the run has moved past it, it counts as done (less
is passing through it on the way to another)."""

SAVE_EVERY = 30.0
"""Seconds counted between two writes of the spent seconds into the session while one stays
on a canvas (a kill -9 loses at most this much)."""

WEIGHTS: dict[str, int] = {
    AGENDA_OVERVIEW: 2,
    "business_case": 4,
    "double_diamond": 4,
    "portfolio": 4,
    "story_fish": 3,
    "organisation_forms": 3,
    "actor_pentagon": 3,
    "political": 3,
    "maturity": 2,
    "risk": 2,
    "ownership": 2,
    "dilemmas": 1,
    "self_assessment": 1,
}
"""How a default plan shares its minutes out: by these weights, in steps of `STEP`.

Chosen so: the seven core canvases of the source (the business case and the double diamond
of advice 1, the portfolio of advice 3, the story fish, the organisation forms, the actor
pentagon and the political scenarios of advices 6-9) carry the day; of those, the business
case, the double diamond and the portfolio, where the team argues its way to a decision
(what problem, which ideas, which split of effort), weigh most (4), the four models the team
fills in by talking one picture through weigh 3. The later canvases that score or name
(maturity, risk willingness, ownership) take 2, the closing checklists (the dilemmas, the
self-assessment), ticked off quickly at the end, 1. The overview takes 2: the opening round
and the round-up. A canvas registered later (a plug-in's) weighs 1.
"""


def agenda_keys() -> list[str]:
    """The keys of an agenda in the order they are shown: "overview", then every canvas."""
    return [AGENDA_OVERVIEW, *CANVAS_KEYS]


def default_plan(total: int, keys: Iterable[str] | None = None) -> dict[str, int]:
    """A plan of `total` minutes (a multiple of STEP: HALF_DAY, WHOLE_DAY) over `keys`
    (default: `agenda_keys()`), by `WEIGHTS`, each key a multiple of STEP (at least one
    step), the minutes adding up to `total` exactly where `total` allows it.

    Raises ValueError for a negative total.
    """
    if total < 0:
        raise ValueError(f"a plan of {total} minutes")
    keys = list(agenda_keys() if keys is None else keys)
    weights = [WEIGHTS.get(k, 1) for k in keys]
    steps = total // STEP
    # Largest remainder, with every key one step at least: no planned canvas shows 0 min.
    floor_steps = min(len(keys), steps)
    shares = [w * (steps - floor_steps) / sum(weights) for w in weights]
    given = [math.floor(s) for s in shares]
    order = sorted(range(len(keys)), key=lambda i: (given[i] - shares[i], i))
    for i in order[: steps - floor_steps - sum(given)]:
        given[i] += 1
    return {k: (g + (1 if i < floor_steps else 0)) * STEP for i, (k, g) in enumerate(zip(keys, given))}


def planned(agenda: Agenda | None) -> dict[str, int]:
    """The keys in the plan and their minutes, in `agenda_keys()` order ({} for no plan)."""
    if agenda is None:
        return {}
    return {k: m for k in agenda_keys() if (m := getattr(agenda, k)) is not None}


def spent(agenda: Agenda | None) -> dict[str, int]:
    """The seconds spent per key, every key of `agenda_keys()` (0 where none)."""
    counted = agenda.spent if agenda is not None else None
    return {k: getattr(counted, k) if counted is not None else 0 for k in agenda_keys()}


def is_empty(agenda: Agenda | None) -> bool:
    """True when `agenda` plans nothing and counted nothing (it is not written then)."""
    return not planned(agenda) and not any(spent(agenda).values())


def set_plan(agenda: Agenda | None, minutes: Mapping[str, int | None]) -> Agenda | None:
    """`agenda` with the minutes of `minutes` set (None: out of the plan), made if None;
    None when it then plans and counts nothing (so that no empty `[agenda]` is written)."""
    agenda = agenda if agenda is not None else Agenda()
    for key, value in minutes.items():
        setattr(agenda, key, value)
    return None if is_empty(agenda) else agenda


def set_spent(agenda: Agenda | None, seconds: Mapping[str, int]) -> Agenda | None:
    """`agenda` with the spent seconds of `seconds` set, made if None (None when it then
    plans and counts nothing)."""
    agenda = agenda if agenda is not None else Agenda()
    counted = agenda.spent if agenda.spent is not None else AgendaSpent()
    for key, value in seconds.items():
        setattr(counted, key, max(0, int(value)))
    agenda.spent = counted if any(getattr(counted, k) for k in agenda_keys()) else None
    return None if is_empty(agenda) else agenda


@dataclass(frozen=True)
class Standing:
    """Where a session stands against its plan.

    `minutes`: the minutes each planned key gets now, in `agenda_keys()` order (the keys
    before the one showing and that one keep their plan; the remaining ones shrink when the
    session is behind). `left`: seconds left on the key showing (negative: over by that
    much), None when it is not in the plan. `ahead`: seconds the session as a whole is ahead
    of its plan (negative: behind).
    """

    minutes: dict[str, int]
    left: int | None
    ahead: int


def standing(plan: Mapping[str, int], seconds: Mapping[str, float], current: str | None,
             at: str | None = None, floor: int = FLOOR) -> Standing:
    """Where the session stands: `plan` the minutes per key (only keys in the plan),
    `seconds` the seconds spent per key (missing: 0), `current` the key showing (a canvas,
    "overview"; None: none), `at` the canvas the run has reached (default: `current`; the
    app passes the canvas the session was left on, so that a look at the overview does not
    move it).

    The plan is run in the canvases' order, the overview's round-up last. The planned
    canvases before `at` that were worked on (DONE_AFTER seconds or more: not only passed
    through) are done: each saved or lost the difference between its minutes and its
    seconds. The others (`at`, the keys after it, a canvas skipped that may come yet) lose
    only what they ran over (a canvas just started is not ahead). When the session is
    behind, the keys after `at` (and the overview, whose round-up is still to come) share
    what is left of their minutes in proportion to their plan, each keeping `floor` minutes
    at least (or its plan, if shorter); ahead, they keep their plan.
    """
    at = current if at is None else at
    run = [*CANVAS_KEYS, AGENDA_OVERVIEW]
    rank = {k: i for i, k in enumerate(run)}
    order = sorted(plan, key=lambda k: rank.get(k, len(run)))  # unknown keys last
    # The planned keys worked on before `at` in the run are done (the overview never is).
    done = {k for k in order if k != AGENDA_OVERVIEW and at in rank
            and rank.get(k, len(run)) < rank[at] and seconds.get(k, 0) >= DONE_AFTER}
    ahead = 0.0
    for key in order:
        difference = plan[key] * 60 - seconds.get(key, 0)
        ahead += difference if key in done else min(0.0, difference)
    minutes = {k: plan[k] for k in agenda_keys() if k in plan}
    minutes.update((k, plan[k]) for k in order if k not in minutes)
    remaining = [k for k in order if k not in done and k != at and k != current
                 and (k == AGENDA_OVERVIEW or k not in rank or rank[k] > rank.get(at, -1))]
    budget = sum(plan[k] for k in remaining) * 60
    if ahead < 0 and budget > 0:
        share = max(0.0, budget + ahead) / budget
        for key in remaining:
            minutes[key] = min(plan[key], max(floor, round(plan[key] * share)))
    left = None
    if current in plan:
        left = math.floor(plan[current] * 60 - seconds.get(current, 0))
    return Standing(minutes=minutes, left=left,
                    ahead=math.floor(ahead) if ahead >= 0 else -math.floor(-ahead))


class Stopwatch:
    """Counts the seconds spent on the key showing ("overview" or a canvas key).

    `clock` is a monotonic clock in seconds (time.monotonic; a test passes its own and
    advances it). `start(seconds)` takes the counts a session has so far; `at(key)` says
    which key shows now (None: paused), counting the time since the last call to the key
    shown before. `seconds(key)` is the count now, the running key's included. The counts
    are written to the session by the caller: `unsaved` says how many seconds were counted
    since `saved()` was last called.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.key: str | None = None
        self._since = 0.0
        self._counts: dict[str, float] = {}
        self.unsaved = 0.0
        self.owner: object | None = None
        """What the counts belong to (the app puts the open Session here)."""

    def start(self, counts: Mapping[str, float], owner: object | None = None) -> None:
        """Take `counts` (seconds per key) as the counts so far, paused."""
        self._counts = {k: float(v) for k, v in counts.items()}
        self.key = None
        self.unsaved = 0.0
        self.owner = owner

    def at(self, key: str | None) -> None:
        """`key` shows from now on (None: nothing counts, paused)."""
        self._count()
        if key != self.key:
            self.key = key
            self._since = self.clock()

    def _count(self) -> None:
        now = self.clock()
        if self.key is not None:
            elapsed = max(0.0, now - self._since)  # a clock never runs back; be safe anyway
            self._counts[self.key] = self._counts.get(self.key, 0.0) + elapsed
            self.unsaved += elapsed
        self._since = now

    def seconds(self) -> dict[str, float]:
        """The seconds per key counted so far, the key showing up to now."""
        self._count()
        return dict(self._counts)

    def saved(self) -> dict[str, int]:
        """The whole seconds per key to write now (the counts so far); `unsaved` starts
        again from 0."""
        counts = self.seconds()
        self.unsaved = 0.0
        return {k: int(v) for k, v in counts.items()}


def whole_minutes(seconds: float) -> int:
    """`seconds` as whole minutes, to the nearest (30 s and up count as a minute): time spent,
    over or behind, said alike in the bar, the overview and the reports."""
    return int(seconds / 60 + 0.5) if seconds > 0 else 0


def minutes_text(seconds: float) -> int:
    """Whole minutes to show for `seconds` left: rounded up (59 s left is "1 min", 0 s
    "0 min"), so that a minute shown is never one already used."""
    return math.ceil(seconds / 60) if seconds > 0 else 0


@dataclass(frozen=True)
class PlanRow:
    """One line of a report's timebox: `key` ("overview" or a canvas key), the minutes
    planned (None: not in the plan) and the whole minutes spent (rounded)."""

    key: str
    planned: int | None
    spent: int


def plan_rows(agenda: Agenda | None) -> list[PlanRow]:
    """The keys planned or counted, in `agenda_keys()` order, for `show` and the exports
    ([] when the session has no timebox). Totals: `sum` over the rows (None planned: 0)."""
    plan, counted = planned(agenda), spent(agenda)
    return [PlanRow(k, plan.get(k), whole_minutes(counted[k]))
            for k in agenda_keys() if k in plan or counted[k]]


def plan_total(agenda: Agenda | None) -> PlanRow:
    """The totals of `plan_rows`: minutes planned in all (None: nothing planned) and the
    minutes spent in all (rounded once, from the seconds), under the key "total"."""
    plan = planned(agenda)
    return PlanRow("total", sum(plan.values()) if plan else None,
                   whole_minutes(sum(spent(agenda).values())))
