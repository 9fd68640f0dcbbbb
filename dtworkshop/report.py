"""Sessions as text for people outside the TUI: `dtworkshop show` (the Markdown, HTML and JSON
of `dtworkshop export` are in `dtworkshop.export`).

Pure functions only (no Textual, no I/O): a Session goes in, a string comes out. Words come
from `dtworkshop.core.labels` in the session's own language; user text is printed literally
(no markup is interpreted) but made safe for a terminal, see `safe_text`.
"""

from __future__ import annotations

import datetime as dt
import re

import msgspec

from dtworkshop.core.canvases import CANVASES
from dtworkshop.core.canvases.actor_pentagon import ACTORS, ActorPentagon
from dtworkshop.core.canvases.business_case import PERSPECTIVES, BusinessCase
from dtworkshop.core.canvases.double_diamond import DoubleDiamond
from dtworkshop.core.canvases.organisation_forms import FORMS, OrganisationForms
from dtworkshop.core.canvases.political import Political
from dtworkshop.core.canvases.portfolio import Portfolio
from dtworkshop.core.canvases.story_fish import StoryFish
from dtworkshop.core.labels import Labels
from dtworkshop.core.session import Session
from dtworkshop.core.text import visible
from dtworkshop.core.types import CATEGORIES

def safe_text(text: str) -> str:
    """`text` for printing: CR LF and lone CR become newlines, every other control character
    is made visible (see `dtworkshop.core.text.visible`). æøå and `[bold]` are kept exactly."""
    return visible(text.replace("\r\n", "\n").replace("\r", "\n"))


class _Writer:
    """Lines of the report, with the helpers every canvas section shares."""

    def __init__(self, labels: Labels) -> None:
        self.labels = labels
        self.lines: list[str] = []

    def word(self, key: str, **params: object) -> str:
        return self.labels(key, **params)

    def heading(self, text: str, underline: str) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")
        self.lines += [text, underline * max(len(text), 3)]

    def subheading(self, text: str, indent: int = 0) -> None:
        self.lines.append(" " * indent + f"{text}:")

    def field(self, label: str, value: str | None, indent: int = 0) -> None:
        """`label: value`; a multi-line value continues indented under the label."""
        pad = " " * indent
        value = value if value is not None and value.strip() else self.labels("common.not_set")
        first, *rest = value.split("\n")
        self.lines.append(f"{pad}{label}: {first}")
        self.lines += [f"{pad}    {line}" if line else "" for line in rest]

    def items(self, label: str, values: list[str], indent: int = 0) -> None:
        """`label:` then one `- item` per value, or `label: –` when there are none."""
        if not values:
            self.field(label, None, indent)
            return
        self.subheading(label, indent)
        for value in values:
            self.bullet(value, indent + 2)

    def bullet(self, text: str, indent: int = 2) -> None:
        pad = " " * indent
        first, *rest = (text if text.strip() else self.labels("common.not_set")).split("\n")
        self.lines.append(f"{pad}- {first}")
        self.lines += [f"{pad}  {line}" if line else "" for line in rest]

    def blank(self) -> None:
        self.lines.append("")


def _percent(value: int | None) -> str | None:
    return None if value is None else f"{value} %"


def _when(value: dt.datetime | dt.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    return value.isoformat()


def _bare(label: str) -> str:
    """A form label without its input hint: "Due (YYYY-MM-DD)" → "Due"."""
    return re.sub(r"\s*\([^)]*\)$", "", label)


def render_text(session: Session) -> str:
    """The whole session as plain text in its own language (`session.language`).

    Header (title, organisation, facilitator, language, created/updated, current canvas),
    participants, then every visited canvas in the source's order with all its fields and
    its warnings, then the decision log. Nothing is marked up and no markup in user text is
    interpreted; control characters are neutralised (see `safe_text`) so a hostile file
    cannot drive the terminal. Ends with a newline.
    """
    labels = Labels(session.language)
    w = _Writer(labels)

    w.heading(" ".join(session.title.split()) or labels("common.not_set"), "=")
    w.field(labels("list.organisation"), session.organisation)
    w.field(labels("new.facilitator"), session.facilitator)
    w.field(labels("app.language"), labels.enum("language", session.language))
    w.field(w.word("report.session_id"), session.id)
    w.field(w.word("report.created"), _when(session.created))
    w.field(labels("list.updated"), _when(session.updated))
    w.field(w.word("report.current"), labels(f"canvas.{session.current}.title"))

    w.heading(labels("common.participants"), "-")
    if session.participants:
        for person in session.participants:
            name = person.name.strip() or labels("common.not_set")
            w.bullet(f"{name} ({person.role})" if person.role.strip() else name)
    else:
        w.lines.append(w.word("report.no_participants"))

    warnings = session.warnings()
    visited = [spec for spec in CANVASES if getattr(session, spec.key) is not None]
    for spec in visited:
        data = getattr(session, spec.key)
        w.heading(labels(f"canvas.{spec.key}.title"), "-")
        _CANVAS_WRITERS.get(spec.key, _generic)(w, data)
        w.field(labels("common.notes"), getattr(data, "notes", ""))
        found = warnings.get(spec.key, [])
        if found:
            w.subheading(labels("common.warnings"))
            for warning in found:
                w.bullet("! " + labels(warning.key, **warning.params))
    if not visited:
        w.blank()
        w.lines.append(w.word("report.no_canvases"))

    w.heading(labels("decision.log"), "-")
    if session.decisions:
        for number, decision in enumerate(session.decisions, 1):
            w.field(f"{number}. {labels('decision.text')}", decision.text)
            w.field(w.word("report.decision_canvas"), labels(f"canvas.{decision.canvas}.short"), 3)
            w.field(labels("decision.owner"), decision.owner, 3)
            w.field(_bare(labels("decision.due")), _when(decision.due), 3)
    else:
        w.lines.append(w.word("report.no_decisions"))

    return safe_text("\n".join(w.lines).strip("\n") + "\n")


# ---------------------------------------------------------------- one writer per canvas


def _business_case(w: _Writer, data: BusinessCase) -> None:
    L = w.labels
    w.field(L("canvas.business_case.problem"), data.problem)
    w.field(L("canvas.business_case.benefit"), L.enum("benefit", data.benefit))
    w.field(L("canvas.business_case.verdict"), L.enum("verdict", data.verdict))
    w.subheading(L("canvas.business_case.perspectives"))
    for key in PERSPECTIVES:
        p = getattr(data.perspectives, key, None) if data.perspectives else None
        w.subheading(L(f"perspective.{key}"), 2)
        w.field(_bare(L("canvas.business_case.fit")), None if p is None or p.fit is None else f"{p.fit}/5", 4)
        w.field(L("canvas.business_case.note"), p.note if p else None, 4)


def _double_diamond(w: _Writer, data: DoubleDiamond) -> None:
    L = w.labels
    w.field(L("canvas.double_diamond.phase"), L.enum("phase", data.phase))
    w.items(L("canvas.double_diamond.needs"), data.needs)
    w.field(L("canvas.double_diamond.problem_statement"), data.problem_statement)
    w.items(L("canvas.double_diamond.ideas"), data.ideas)
    if not data.prototypes:
        w.field(L("canvas.double_diamond.prototypes"), None)
    else:
        w.subheading(L("canvas.double_diamond.prototypes"))
        for proto in data.prototypes:
            w.bullet(proto.name)
            w.field(L("canvas.double_diamond.prototype_result"), proto.result, 4)
            w.field(L("canvas.double_diamond.prototype_status"), L.enum("status", proto.status), 4)


def _portfolio(w: _Writer, data: Portfolio) -> None:
    L = w.labels
    w.field(L("canvas.portfolio.rollout"), L.enum("rollout", data.rollout))
    if not data.units:
        w.field(L("canvas.portfolio.units"), None)
    else:
        w.subheading(L("canvas.portfolio.units"))
        for unit in data.units:
            w.bullet(unit.name)
            for category in CATEGORIES:
                w.field(L(f"category.{category}"), _percent(getattr(unit, category)), 4)
            w.field(w.word("report.total"), _percent(unit.total()), 4)
            w.field(L("canvas.portfolio.goal"), unit.goal, 4)
    if not data.initiatives:
        w.field(L("canvas.portfolio.initiatives"), None)
    else:
        w.subheading(L("canvas.portfolio.initiatives"))
        for initiative in data.initiatives:
            w.bullet(initiative.name)
            w.field(L("canvas.portfolio.initiative_unit"), initiative.unit, 4)
            w.field(L("canvas.portfolio.initiative_category"), L.enum("category", initiative.category), 4)


def _story_fish(w: _Writer, data: StoryFish) -> None:
    L = w.labels
    for key in ("hero", "head", "body", "tail"):
        w.field(L(f"canvas.story_fish.{key}"), getattr(data, key))
    w.field(L("canvas.story_fish.paradigm"), L.enum("paradigm", data.paradigm))


def _organisation_forms(w: _Writer, data: OrganisationForms) -> None:
    L = w.labels
    w.subheading(L("canvas.organisation_forms.mix"))
    for form in FORMS:
        w.field(L(f"form.{form}"), _percent(getattr(data, form)), 2)
    w.field(w.word("report.total"), _percent(sum(data.mix()) if any(
        getattr(data, f) is not None for f in FORMS) else None), 2)
    w.field(L("canvas.organisation_forms.rationale"), data.rationale)


def _actor_pentagon(w: _Writer, data: ActorPentagon) -> None:
    L = w.labels
    for key in ACTORS:
        actor = getattr(data, key)
        w.subheading(L(f"actor.{key}"))
        w.field(L("canvas.actor_pentagon.who"), actor.who if actor else None, 2)
        w.field(L("canvas.actor_pentagon.input"), actor.input if actor else None, 2)
        w.field(L("canvas.actor_pentagon.involvement"),
                L.enum("involvement", actor.involvement if actor else None), 2)
    w.items(L("canvas.actor_pentagon.scope"), data.scope)


def _political(w: _Writer, data: Political) -> None:
    L = w.labels
    w.field(L("canvas.political.scenario"), L.enum("scenario", data.scenario))
    w.field(L("canvas.political.innovation"), L.enum("category", data.innovation))
    w.items(L("canvas.political.actions"), data.actions)


def _generic(w: _Writer, data: object) -> None:
    """A canvas without its own writer yet: every field by its key, values as written."""
    for name, value in msgspec.structs.asdict(data).items():
        if name == "notes":
            continue
        if isinstance(value, list):
            w.items(name, [str(v) for v in value])
        else:
            w.field(name, None if value is None else str(value))


_CANVAS_WRITERS = {
    "business_case": _business_case,
    "double_diamond": _double_diamond,
    "portfolio": _portfolio,
    "story_fish": _story_fish,
    "organisation_forms": _organisation_forms,
    "actor_pentagon": _actor_pentagon,
    "political": _political,
}
