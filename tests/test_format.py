"""The session file contract (SESSION-FORMAT.md, format 1), proved against the program's own
reader and writer: the example sessions, exact round trips, unknown keys, refusals with their
locations, the folder listing, the fixed key names and enumeration words, the canvas rules and
the labels of every enumeration word.

Plain functions, no Textual.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tomllib
import typing
from pathlib import Path

import msgspec
import pytest

from dtworkshop.core import labels
from dtworkshop.core.canvases import CANVAS_KEYS, CANVASES
from dtworkshop.core.canvases import actor_pentagon as ap
from dtworkshop.core.canvases import business_case as bc
from dtworkshop.core.canvases import dilemmas as dl
from dtworkshop.core.canvases import double_diamond as dd
from dtworkshop.core.canvases import maturity as ma
from dtworkshop.core.canvases import organisation_forms as of
from dtworkshop.core.canvases import ownership as ow
from dtworkshop.core.canvases import political as po
from dtworkshop.core.canvases import portfolio as pf
from dtworkshop.core.canvases import risk as rk
from dtworkshop.core.canvases import self_assessment as sa
from dtworkshop.core.canvases import story_fish as sf
from dtworkshop.core.session import DECISION_STATUSES, FORMAT, Decision, DecisionStatus, Participant, Session, new_session
from dtworkshop.core.types import Category
from dtworkshop.storage import (
    SessionFileError,
    dumps,
    list_sessions,
    read_session,
    save_session,
    session_path,
)

ROOT = Path(__file__).resolve().parents[1]
SESSIONS = ROOT / "sessions"
EXAMPLES = sorted(SESSIONS.glob("*.toml"))
CET = dt.timezone(dt.timedelta(hours=1))

HEADER_KEYS = [
    "format",
    "id",
    "title",
    "organisation",
    "facilitator",
    "language",
    "created",
    "updated",
    "current",
]


def at(text: str) -> dt.datetime:
    """`2026-11-30T09:00:00` as an offset date-time at +01:00."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=CET)


def full_session(session_id: str = "2026-11-30-egedal") -> Session:
    """A session with every canvas and every field of SESSION-FORMAT.md filled in."""
    return Session(
        format=FORMAT,
        id=session_id,
        title="Strategidag om digital omstilling",
        organisation="Egedal Kommune",
        facilitator="Mette Kjærgaard Holm",
        language="da",
        created=at("2026-11-30T09:00:00"),
        updated=at("2026-11-30T11:42:10"),
        current="portfolio",
        participants=[
            Participant(name="Rikke Dahl Ørum", role="Kommunaldirektør"),
            Participant(name="Mikkel Åstrup", role="Direktør for Social, Sundhed og Ældre"),
        ],
        business_case=bc.BusinessCase(
            problem="Lægemangel og lange ventetider",
            benefit="both",
            verdict="open",
            perspectives=bc.Perspectives(
                citizen_need=bc.Perspective(note="Kortere vej til lægen", fit=4),
                legal_framework=bc.Perspective(note="Reglerne for almen praksis", fit=3),
                economy=bc.Perspective(note="Sygeplejersken først", fit=4),
                culture=bc.Perspective(note="Kan de ældre finde ud af det?", fit=2),
                digitalisation=bc.Perspective(note="Videokonsultation", fit=5),
            ),
            notes="Noter til businesscasen",
        ),
        double_diamond=dd.DoubleDiamond(
            phase="define",
            needs=["Kortere ventetid"],
            problem_statement="Hvordan kommer borgeren hurtigt til lægen?",
            ideas=["Digital lægeklinik"],
            prototypes=[
                dd.Prototype(name="Testforløb", result="Ingen aldersbarriere", status="testing")
            ],
            notes="Noter til diamanten",
        ),
        portfolio=pf.Portfolio(
            rollout="spearheads",
            units=[
                pf.Unit(
                    name="Forvaltning A",
                    streamline=20,
                    modernise=44,
                    rethink_services=21,
                    rethink_business=20,
                    goal="Gentænke udvalgte services",
                ),
                pf.Unit(
                    name="Forvaltning B",
                    streamline=50,
                    modernise=36,
                    rethink_services=6,
                    rethink_business=8,
                    goal="effektivisere 50 pct.",
                ),
            ],
            initiatives=[
                pf.Initiative(name="Faktureringsrobot", unit="Forvaltning B", category="streamline")
            ],
            notes="Ikke en eksakt videnskab",
        ),
        story_fish=sf.StoryFish(
            hero="Medarbejderen",
            head="Skab motivation",
            body="Skab forståelse",
            tail="Skab lyst til handling",
            paradigm="values",
            notes="Brændende begejstring, ikke brændende platform",
        ),
        organisation_forms=of.OrganisationForms(
            hierarchical=30, matrix=40, network=30, rationale="Mix efter formålet", notes="n"
        ),
        actor_pentagon=ap.ActorPentagon(
            citizen=ap.Actor(who="Camilla", input="Behov", involvement="involve"),
            employee=ap.Actor(who="Sygeplejerskerne", input="Faglighed", involvement="accountable"),
            supplier=ap.Actor(who="Leverandøren", input="Muligheder", involvement="dialogue"),
            political=ap.Actor(who="Udvalget", input="Legitimitet", involvement="inform"),
            top_leader=ap.Actor(who="Direktionen", input="Businesscase", involvement="participate"),
            scope=["Kun booking af ét møde"],
            notes="Kravlister vokser",
        ),
        political=po.Political(
            scenario="passivity",
            innovation="rethink_services",
            actions=["Studietur: rør ved en robot"],
            notes="Klæd dem fagligt på",
        ),
        maturity=ma.Maturity(units=[
            ma.UnitMaturity(name="Forvaltning A", strategic_direction=3, business_case=2,
                            citizen_centricity=4, culture=3, ways_of_working=2, competences=2,
                            data_informed=1, technologies=3, note="Svag på data"),
        ]),
        dilemmas=dl.Dilemmas(
            efficiency_vs_innovation=2, top_down_vs_bottom_up=4, all_at_once_vs_spearheads=5,
            structure_vs_projects=3, burning_platform_vs_enthusiasm=4, insight_low_vs_high=3,
            alone_vs_together=4, legitimacy_low_vs_high=5, notes="Hvor lægger vi vægten?",
        ),
        self_assessment=sa.SelfAssessment(
            business_case=3, citizen_need=4, organisation_ready=2, self_ready=3, strategy=2,
            change_management=3, narrative=2, culture=3, ways_of_working=2, perspectives=4,
            political_leadership=3, partnerships=2, notes="Hvor står jeg selv?",
        ),
        ownership=ow.Ownership(
            archetypes=ow.Archetypes(optimists="IT-teamet: forandringsagenter",
                                     watchdogs="Jura: find fejl i de nye processer"),
            triangle=ow.Triangle(vision="Én indgang for borgeren", method="Teamet vælger selv"),
            groups=[ow.EmployeeGroup(name="Hjemmeplejen", stage="resistance",
                                     involvement="participate")],
            notes="Hvem skal med?",
        ),
        risk=rk.Risk(
            innovation="rethink_services", willingness=3,
            sparring=["Anne", "Bo", "Carl", "Dorte", "Emil", "Fie", "Gustav"],
            notes="Vi prøver idéer af, før vi løber en risiko",
        ),
        decisions=[
            Decision(
                canvas="business_case",
                text="Grønt lys til et testforløb på tre måneder",
                owner="Mikkel Åstrup",
                due=dt.date(2027, 1, 31),
                made=at("2026-11-30T10:15:00"),
            ),
            Decision(canvas="portfolio", text="Spydspidser først", made=at("2026-11-30T11:00:00")),
        ],
    )


# ---------------------------------------------------------------- the example sessions


def test_the_examples_are_there():
    names = {p.name for p in EXAMPLES}
    assert len(EXAMPLES) >= 3
    assert {
        "2026-11-30-region-nordjylland-mors.toml",
        "2026-12-07-ringkoebing-skjern-portefoelje.toml",
        "2026-12-14-egedal-et-kontaktpunkt.toml",
    } <= names


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_loads_and_is_written_back_byte_identical(path: Path):
    session = read_session(path)
    assert session.id == path.stem
    assert session.format == 1
    assert session.language == "da"
    assert dumps(session) == path.read_bytes()
    raw = tomllib.loads(path.read_text("utf-8"))
    assert list(raw)[: len(HEADER_KEYS)] == HEADER_KEYS
    danish = {dt.timedelta(hours=1), dt.timedelta(hours=2)}  # winter and summer time
    for key in ("created", "updated"):
        assert raw[key].utcoffset() in danish
    assert raw["created"] <= raw["updated"]
    assert raw["created"].year == 2026
    assert raw["participants"] and all(p["name"] and p["role"] for p in raw["participants"])
    for decision in raw["decisions"]:
        assert decision["canvas"] in CANVAS_KEYS and decision["canvas"] in raw
        assert decision["made"].utcoffset() in danish
    assert raw["current"] in raw, "the session resumes on a canvas it has visited"


def test_example_mors_is_the_source_case():
    s = read_session(SESSIONS / "2026-11-30-region-nordjylland-mors.toml")
    assert s.organisation == "Region Nordjylland"
    assert "Mors" in s.title
    case = s.business_case
    assert case.verdict == "green" and case.benefit == "both"
    assert "lægemangel" in case.problem.lower()
    for key in bc.PERSPECTIVES:
        p = getattr(case.perspectives, key)
        assert p.note.strip(), key
        assert 1 <= p.fit <= 5, key
    diamond = s.double_diamond
    assert diamond.phase in dd.PHASES and diamond.needs and diamond.ideas
    assert diamond.problem_statement.strip()
    assert all(p.name and p.result and p.status for p in diamond.prototypes)
    assert any("aldersbarrieren" in p.result.lower() for p in diamond.prototypes)
    assert s.story_fish.hero and s.story_fish.paradigm in sf.PARADIGMS
    assert len(s.decisions) >= 3
    assert any(d.owner and d.due for d in s.decisions)
    # the checklists: the small test runs are the spearheads; the self-assessment scored whole
    assert s.dilemmas.all_at_once_vs_spearheads == 5
    assert None not in s.dilemmas.positions().values()
    assert None not in s.self_assessment.scores().values()
    # the self-assessment's lowest statement, named as the place to look first, is the only
    # warning: the canvases of the case itself have none
    assert {k: [w.path for w in ws] for k, ws in s.warnings().items()} == {
        "self_assessment": [f"self_assessment.{k}" for k in s.self_assessment.lowest()]}
    assert s.self_assessment.lowest() == ["political_leadership"]


def test_example_portfolio_has_the_source_numbers():
    s = read_session(SESSIONS / "2026-12-07-ringkoebing-skjern-portefoelje.toml")
    units = {u.name: u for u in s.portfolio.units}
    assert units["Forvaltning A"].split() == [20, 44, 21, 20]
    assert units["Forvaltning B"].split() == [50, 36, 6, 8]
    assert units["Forvaltning A"].total() == 105
    assert units["Forvaltning B"].goal == "effektivisere 50 pct."
    assert s.portfolio.rollout == "spearheads"
    by_name = {i.name: i for i in s.portfolio.initiatives}
    assert by_name["Faktureringsrobot"].category == "streamline"
    assert any("robotter" in i.name.lower() for i in s.portfolio.initiatives)
    assert {i.unit for i in s.portfolio.initiatives} <= set(units)
    assert s.political.scenario in po.SCENARIOS and s.political.innovation and s.political.actions
    assert sum(s.organisation_forms.mix()) == 100 and s.organisation_forms.rationale
    for key in ap.ACTORS:
        actor = getattr(s.actor_pentagon, key)
        assert actor.who and actor.input and actor.involvement, key
    assert s.actor_pentagon.scope
    # advice 2, 4 and 5: both units scored on all eight; the robots are pure streamlining;
    # the robots' wish came from below, and the groups stand at different places on the curve
    assert [u.name for u in s.maturity.units] == ["Forvaltning A", "Forvaltning B"]
    assert all(None not in u.scores() for u in s.maturity.units)
    assert s.risk.innovation == "streamline" and s.risk.willingness and s.risk.sparring
    assert "nedefra" in s.ownership.notes
    assert len({g.stage for g in s.ownership.groups}) == len(s.ownership.groups) >= 2
    # the 105 on purpose is the only warning
    assert [w.path for ws in s.warnings().values() for w in ws] == ["portfolio.units[0]"]


def test_example_egedal_leaves_unvisited_canvases_out():
    path = SESSIONS / "2026-12-14-egedal-et-kontaktpunkt.toml"
    raw = tomllib.loads(path.read_text("utf-8"))
    s = read_session(path)
    assert s.organisation == "Egedal Kommune"
    visited = {k for k in CANVAS_KEYS if k in raw}
    assert {"organisation_forms", "actor_pentagon"} <= visited
    assert visited != set(CANVAS_KEYS)
    for key in set(CANVAS_KEYS) - visited:
        assert getattr(s, key) is None
        assert f"[{key}" not in path.read_text("utf-8")
    assert "Camilla" in s.actor_pentagon.citizen.who


# ---------------------------------------------------------------- exact round trips

TRICKY = [
    "æøå ÆØÅ é ü",
    'quotes " and \'single\' and """triple"""',
    "back\\slash \\n not a newline \\",
    "line one\nline two\n",
    "windows\r\nline\r\n",
    "lone \r carriage",
    "[bold]not markup[/bold] [red]",
    "control \x00 \x01 \x07 \x08 \x0b \x0c \x1b \x1f \x7f \x85",
    "tab\tand trailing spaces   ",
    "  leading spaces",
    "",
    "emoji 👩‍💼 and \u2028 line separator",
    "ends with a quote\"",
    "ends with a backslash\\",
    "'''",
    "#not a comment",
    "\n",
]


def test_save_then_read_is_exact(tmp_path: Path):
    session = full_session()
    session.title = "\n".join(TRICKY)
    session.organisation = TRICKY[1]
    session.business_case.notes = TRICKY[4]
    session.business_case.perspective("citizen_need").note = TRICKY[7]
    session.double_diamond.needs = list(TRICKY)
    session.story_fish.head = TRICKY[5]
    session.decisions[0].text = TRICKY[6] + TRICKY[2]
    session.decisions[0].owner = TRICKY[0]
    path = session_path(tmp_path, session.id)
    save_session(session, path)

    back = read_session(path)
    assert back == session
    assert back.title == session.title
    assert back.double_diamond.needs == TRICKY
    assert back.business_case.notes == "windows\r\nline\r\n"
    assert back.story_fish.head == "lone \r carriage"
    assert back.business_case.perspectives.citizen_need.note == TRICKY[7]
    assert back.decisions[0].text == TRICKY[6] + TRICKY[2]
    assert back.created == session.created and back.created.utcoffset() == dt.timedelta(hours=1)
    assert back.decisions[0].due == dt.date(2027, 1, 31)
    # saving what was read changes nothing on disk
    first = path.read_bytes()
    save_session(back, path)
    assert path.read_bytes() == first == dumps(session)
    assert first.decode("utf-8")  # the file is UTF-8 text


def test_a_fresh_session_round_trips_and_has_no_canvases(tmp_path: Path):
    session = new_session("ny-session", title="Ny", organisation="Sorø Kommune")
    path = session_path(tmp_path, session.id)
    save_session(session, path)
    raw = tomllib.loads(path.read_text("utf-8"))
    assert list(raw) == HEADER_KEYS
    assert read_session(path) == session
    assert raw["created"].tzinfo is not None and raw["created"].microsecond == 0


# Any session the schema allows, with any text, round trips exactly: tests/test_properties.py


# ---------------------------------------------------------------- unknown keys

HEAD = """\
format = 1
id = "fremtid"
title = "Fra en nyere version"
organisation = "Sorø Kommune"
facilitator = "Jonas"
language = "da"
created = 2026-11-30T09:00:00+01:00
updated = 2026-11-30T11:42:10+01:00
current = "portfolio"
"""

FROM_THE_FUTURE = HEAD + """\
mood = "optimistisk"
tags = ["a", "b"]
"sær nøgle" = 7

[[participants]]
name = "Ole"
role = "Kommunaldirektør"
pronoun = "han"

[business_case]
problem = "p"
risk = 3
[business_case.perspectives.citizen_need]
note = "n"
weight = 0.5
[business_case.perspectives.ethics]
note = "etik"
fit = 2

[portfolio]
rollout = "spearheads"
horizon = 2030

[[portfolio.units]]
name = "A"
streamline = 20
colour = "blå"
[portfolio.units.meta]
owner = "Ole"
since = 2026-01-01
[[portfolio.units.milestones]]
name = "m1"
due = 2027-06-30

[[portfolio.units]]
name = "B"
streamline = 50

[actor_pentagon.citizen]
who = "Camilla"
age = 81

[[decisions]]
canvas = "portfolio"
text = "t"
made = 2026-11-30T10:00:00+01:00
votes = 5

[readiness]
strategisk_retning = 3
[readiness.units.A]
kultur = 4
at = 2026-11-30T10:00:00.250000+01:00

[[tensions]]
left = "Effektivisering"
right = "Radikal innovation"
value = 0.7
"""


def test_unknown_keys_survive_load_and_save(tmp_path: Path):
    source = tmp_path / "fremtid.toml"
    source.write_text(FROM_THE_FUTURE, "utf-8")
    session = read_session(source)
    target = tmp_path / "out" / "fremtid.toml"
    target.parent.mkdir()
    save_session(session, target)

    before = tomllib.loads(FROM_THE_FUTURE)
    after = tomllib.loads(target.read_text("utf-8"))
    assert after == before  # every value, known and unknown, unchanged
    # spot checks, so a failure says what was lost
    assert after["mood"] == "optimistisk" and after["sær nøgle"] == 7
    assert after["participants"][0]["pronoun"] == "han"
    assert after["business_case"]["risk"] == 3
    assert after["business_case"]["perspectives"]["ethics"] == {"note": "etik", "fit": 2}
    assert after["business_case"]["perspectives"]["citizen_need"]["weight"] == 0.5
    assert after["portfolio"]["units"][0]["meta"] == {"owner": "Ole", "since": dt.date(2026, 1, 1)}
    milestones = after["portfolio"]["units"][0]["milestones"]
    assert milestones == [{"name": "m1", "due": dt.date(2027, 6, 30)}]
    assert after["portfolio"]["units"][0]["colour"] == "blå"
    assert "colour" not in after["portfolio"]["units"][1]
    assert after["actor_pentagon"]["citizen"]["age"] == 81
    assert after["decisions"][0]["votes"] == 5
    assert after["readiness"]["units"]["A"]["at"].microsecond == 250000
    assert after["tensions"] == before["tensions"]
    # and the known keys still come first, in the contract's order
    assert list(after)[: len(HEADER_KEYS)] == HEADER_KEYS
    # a second load+save is stable byte for byte
    again = tmp_path / "again" / "fremtid.toml"
    again.parent.mkdir()
    save_session(read_session(target), again)
    assert again.read_bytes() == target.read_bytes()


def test_unknown_keys_survive_an_edit(tmp_path: Path):
    path = tmp_path / "fremtid.toml"
    path.write_text(FROM_THE_FUTURE, "utf-8")
    session = read_session(path)
    session.portfolio.units[0].streamline = 25
    session.business_case.verdict = "green"
    save_session(session, path)
    after = tomllib.loads(path.read_text("utf-8"))
    assert after["portfolio"]["units"][0]["streamline"] == 25
    assert after["portfolio"]["units"][0]["meta"]["owner"] == "Ole"
    assert after["business_case"]["verdict"] == "green"
    assert after["business_case"]["risk"] == 3
    assert after["readiness"]["strategisk_retning"] == 3


# ---------------------------------------------------------------- refusals

UNITS = """
[[portfolio.units]]
name = "Forvaltning A"
streamline = 20

[[portfolio.units]]
name = "Forvaltning B"
streamline = {value}
"""

FOLLOW_UP = """\
date = 2026-12-07
follows = "2026-04-20-ringkoebing-skjern-foraar"

[[decisions]]
canvas = "portfolio"
text = "Pilot i Jobcenter"
due = 2026-06-30
made = 2026-04-20T11:00:00+02:00
status = "done"
closed = 2026-06-12

[[decisions]]
canvas = "portfolio"
text = "Ny portal"
due = 2026-06-30
made = 2026-04-20T11:05:00+02:00
"""

REFUSALS = {
    # name: (file text or bytes, where, words the message must hold)
    "date-not-a-date": (HEAD + 'date = "næste tirsdag"\n', "date", ["expected a local date", "næste tirsdag"]),
    "follows-not-an-id": (HEAD + 'follows = "../andet"\n', "follows", ["expected a string matching", "../andet"]),
    "decision-status-unknown": (HEAD + FOLLOW_UP.split("\n\n", 1)[1].replace('"done"', '"finished"'),
                                "decisions[0].status", ['"finished"']),
    "toml-syntax": (HEAD.replace('title = "Fra en nyere version"', "title = Strategidag"), "3:9",
                    ["TOML syntax", "Invalid value"]),
    "toml-syntax-unicode-column": (HEAD + 'hero = "æøå" x\n', "10:14", ["TOML syntax"]),
    "toml-table-header": (HEAD + "\n[business_case\n", "11:15", ["TOML syntax", "]"]),
    "toml-duplicate-key": (HEAD + 'title = "igen"\n', "10:15", ["TOML syntax"]),
    "streamline-lots": (HEAD + UNITS.format(value='"lots"'), "portfolio.units[1].streamline",
                        ['expected int 0..100, got "lots"']),
    "streamline-quoted-number": (HEAD + UNITS.format(value='"20"'), "portfolio.units[1].streamline",
                                 ['expected int 0..100, got "20"']),
    "streamline-150": (HEAD + UNITS.format(value="150"), "portfolio.units[1].streamline",
                       ["expected int 0..100, got 150"]),
    "streamline-negative": (HEAD + UNITS.format(value="-1"), "portfolio.units[1].streamline",
                            ["expected int 0..100, got -1"]),
    "streamline-float": (HEAD + UNITS.format(value="20.5"), "portfolio.units[1].streamline",
                         ["expected int 0..100, got 20.5"]),
    "fit-0": (HEAD + "[business_case.perspectives.culture]\nfit = 0\n",
              "business_case.perspectives.culture.fit", ["expected int 1..5, got 0"]),
    "fit-bool": (HEAD + "[business_case.perspectives.economy]\nfit = true\n",
                 "business_case.perspectives.economy.fit", ["expected int 1..5, got true"]),
    "verdict-maybe": (HEAD + '[business_case]\nverdict = "maybe"\n', "business_case.verdict",
                      ['got "maybe"', '"green"', '"red"', '"open"']),
    "involvement-translated": (HEAD + '[actor_pentagon.supplier]\ninvolvement = "Informer"\n',
                               "actor_pentagon.supplier.involvement",
                               ['got "Informer"', '"inform"']),
    "status-number": (HEAD + "[[double_diamond.prototypes]]\nname = \"x\"\n"
                      "[[double_diamond.prototypes]]\nstatus = 2\n",
                      "double_diamond.prototypes[1].status", ["got 2", '"testing"']),
    "language": (HEAD.replace('language = "da"', 'language = "sv"'), "language",
                 ['got "sv"', '"da"', '"en"']),
    "naive-created": (HEAD.replace("created = 2026-11-30T09:00:00+01:00",
                                   "created = 2026-11-30T09:00:00"), "created",
                      ["offset date-time", "got 2026-11-30T09:00:00"]),
    "date-made": (HEAD + '[[decisions]]\ncanvas = "portfolio"\ntext = "t"\nmade = 2026-11-30\n',
                  "decisions[0].made", ["offset date-time", "got 2026-11-30"]),
    "datetime-due": (HEAD + '[[decisions]]\ncanvas = "portfolio"\ntext = "t"\n'
                     "made = 2026-11-30T10:00:00+01:00\ndue = 2027-01-31T12:00:00+01:00\n",
                     "decisions[0].due", ["local date", "got 2027-01-31T12:00:00+01:00"]),
    "decision-without-made": (HEAD + '[[decisions]]\ncanvas = "portfolio"\ntext = "t"\n',
                              "decisions[0].made", ["missing"]),
    "decision-bad-canvas": (HEAD + '[[decisions]]\ncanvas = "home"\ntext = "t"\n'
                            "made = 2026-11-30T10:00:00+01:00\n", "decisions[0].canvas",
                            ['got "home"']),
    "canvas-not-a-table": (HEAD + 'story_fish = "fisk"\n', "story_fish",
                           ['expected a table, got "fisk"']),
    "format-2": (HEAD.replace("format = 1", "format = 2"), "format",
                 ["newer", "2", "format 1"]),
    "format-0": (HEAD.replace("format = 1", "format = 0"), "format", ["expected 1, got 0"]),
    "format-string": (HEAD.replace("format = 1", 'format = "1"'), "format",
                      ['expected int, got "1"']),
    "format-missing": (HEAD.replace("format = 1\n", ""), "format", ["missing"]),
    "id-other-file": (HEAD.replace('id = "fremtid"', 'id = "egedal"'), "id",
                      ['"egedal"', "fremtid.toml"]),
    "id-pattern": (HEAD.replace('id = "fremtid"', 'id = "Fremtid"'), "id",
                   ['got "Fremtid"', "[a-z0-9-]"]),
    "not-utf8": (HEAD.encode("utf-8") + b'hero = "K\xf8benhavn"\n', "10:10", ["UTF-8"]),
}


def test_the_workshops_day_and_decisions_followed_up_are_read_and_kept(tmp_path: Path):
    """Format 1's second round: `date`, `follows`, a decision's `status` and `closed`. The
    day goes by `date` (else `created`), a done decision past its due date is not overdue,
    and the file saves unchanged."""
    path = tmp_path / "fremtid.toml"
    path.write_text(HEAD + FOLLOW_UP, "utf-8")
    session = read_session(path)
    assert session.day == session.date == dt.date(2026, 12, 7)
    assert session.follows == "2026-04-20-ringkoebing-skjern-foraar"
    done, still_open = session.decisions
    assert (done.status, done.closed) == ("done", dt.date(2026, 6, 12))
    assert (still_open.status, still_open.closed) == ("open", None)
    assert not done.overdue(dt.date(2026, 12, 1)) and still_open.overdue(dt.date(2026, 12, 1))
    save_session(session, path)
    assert tomllib.loads(path.read_text("utf-8")) == tomllib.loads(HEAD + FOLLOW_UP)
    assert 'status = "open"' not in path.read_text("utf-8")  # absent means open
    assert read_session(path) == session
    # without `date`, the day is the day it was created
    path.write_text(HEAD, "utf-8")
    assert read_session(path).day == dt.date(2026, 11, 30)


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_a_broken_file_is_refused_with_its_location(tmp_path: Path, case: str):
    content, where, words = REFUSALS[case]
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    path = tmp_path / "fremtid.toml"
    path.write_bytes(data)
    before = sorted(tmp_path.iterdir())

    with pytest.raises(SessionFileError) as caught:
        read_session(path)

    error = caught.value
    assert error.path == path
    assert error.where == where
    assert str(error).startswith(f"{path}:{where}: "), str(error)
    for word in words:
        assert word in error.message, (word, str(error))
    assert "\n" not in str(error)
    # nothing on disk changed
    assert path.read_bytes() == data
    assert sorted(tmp_path.iterdir()) == before


def test_the_contract_example_message_verbatim(tmp_path: Path):
    path = tmp_path / "fremtid.toml"
    path.write_text(HEAD + UNITS.format(value='"lots"'), "utf-8")
    with pytest.raises(SessionFileError) as caught:
        read_session(path)
    assert str(caught.value) == (
        f'{path}:portfolio.units[1].streamline: expected int 0..100, got "lots"'
    )


def test_a_value_that_looks_like_a_path_does_not_move_the_location(tmp_path: Path):
    path = tmp_path / "fremtid.toml"
    path.write_text(HEAD + '[business_case]\nverdict = "ja - at `$.title`"\n', "utf-8")
    with pytest.raises(SessionFileError) as caught:
        read_session(path)
    assert caught.value.where == "business_case.verdict"


def test_the_utf8_error_line_is_right_after_a_bom(tmp_path: Path):
    path = tmp_path / "fremtid.toml"
    path.write_bytes(b"\xef\xbb\xbf" + HEAD.encode("utf-8") + b"\xff\n")
    with pytest.raises(SessionFileError) as caught:
        read_session(path)
    assert caught.value.where.split(":")[0] == "10"


def test_a_newer_format_is_refused_before_its_content_is_read(tmp_path: Path):
    # a format-2 file may hold anything; it must be refused for its format, never half-read
    path = tmp_path / "fremtid.toml"
    path.write_text(
        HEAD.replace("format = 1", "format = 2") + '[business_case]\nverdict = "kanske"\n', "utf-8"
    )
    with pytest.raises(SessionFileError) as caught:
        read_session(path)
    assert caught.value.where == "format"
    assert "newer" in caught.value.message


def test_a_folder_is_refused(tmp_path: Path):
    path = tmp_path / "mappe.toml"
    path.mkdir()
    with pytest.raises(SessionFileError) as caught:
        read_session(path)
    assert caught.value.path == path
    assert str(caught.value).startswith(f"{path}: ")
    assert "folder" in caught.value.message
    assert path.is_dir() and list(path.iterdir()) == []


def test_a_missing_file_is_refused(tmp_path: Path):
    path = tmp_path / "findes-ikke.toml"
    with pytest.raises(SessionFileError) as caught:
        read_session(path)
    assert caught.value.path == path
    assert str(caught.value) == f"{path}: no such file"
    assert not path.exists()


def test_a_failed_save_leaves_the_old_file(tmp_path: Path):
    path = tmp_path / "fremtid.toml"
    path.write_text(FROM_THE_FUTURE, "utf-8")
    before = path.read_bytes()
    session = read_session(path)
    session.title = "ny"
    with pytest.raises(OSError):
        save_session(session, tmp_path / "no-such-folder" / "fremtid.toml")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fremtid.toml"]


# ---------------------------------------------------------------- listing a folder


def test_list_sessions_good_first_newest_first_then_the_bad(tmp_path: Path):
    for path in EXAMPLES:
        shutil.copy(path, tmp_path / path.name)
    newest = full_session("a-newest")
    newest.updated = at("2027-01-05T08:00:00")
    save_session(newest, session_path(tmp_path, newest.id))
    other_offset = full_session("z-other-offset")
    # 2026-12-10 23:30 at -05:00 is 2026-12-11 05:30 at +01:00: between egedal and ringkøbing
    eastern = dt.timezone(dt.timedelta(hours=-5))
    other_offset.updated = dt.datetime(2026, 12, 10, 23, 30, tzinfo=eastern)
    save_session(other_offset, session_path(tmp_path, other_offset.id))
    bad = {
        "0-syntax.toml": (HEAD.replace('id = "fremtid"', 'id = "0-syntax"') + "x = \n", "10:5"),
        "b-verdict.toml": (
            HEAD.replace('id = "fremtid"', 'id = "b-verdict"')
            + '[business_case]\nverdict = "maybe"\n',
            "business_case.verdict",
        ),
        "c-wrong-id.toml": (HEAD, "id"),
    }
    for name, (text, _where) in bad.items():
        (tmp_path / name).write_text(text, "utf-8")
    (tmp_path / "readme.txt").write_text("not a session", "utf-8")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    listing = list_sessions(tmp_path)

    good = [item for item in listing if item.session]
    assert [item.session.id for item in good] == [
        "a-newest",
        "2026-12-14-egedal-et-kontaktpunkt",
        "z-other-offset",
        "2026-12-07-ringkoebing-skjern-portefoelje",
        "2026-11-30-region-nordjylland-mors",
        "2026-04-20-ringkoebing-skjern-foraar",
    ]
    assert all(item.error is None and item.path.stem == item.session.id for item in good)
    assert listing[: len(good)] == good, "good files come first"
    rest = listing[len(good):]
    assert sorted(item.path.name for item in rest) == sorted(bad)
    for item in rest:
        assert item.session is None
        assert isinstance(item.error, SessionFileError)
        assert item.error.path == item.path
        assert item.error.where == bad[item.path.name][1]
        assert str(item.error).startswith(f"{item.path}:{item.error.where}: ")
    assert "readme.txt" not in {item.path.name for item in listing}
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_list_sessions_of_a_missing_folder_is_empty(tmp_path: Path):
    assert list_sessions(tmp_path / "nowhere") == []


# ---------------------------------------------------------------- the contract's key names


def test_the_file_uses_the_contract_key_names_and_words():
    session = full_session()
    text = dumps(session).decode("utf-8")
    raw = tomllib.loads(text)

    assert list(raw) == HEADER_KEYS + ["participants", *CANVAS_KEYS, "decisions"]
    assert raw["format"] == 1 and isinstance(raw["format"], int)
    assert raw["id"] == "2026-11-30-egedal"
    assert raw["language"] == "da"
    assert raw["created"] == dt.datetime(2026, 11, 30, 9, 0, tzinfo=CET)
    assert raw["updated"] == dt.datetime(2026, 11, 30, 11, 42, 10, tzinfo=CET)
    assert raw["current"] == "portfolio"
    assert raw["participants"] == [
        {"name": "Rikke Dahl Ørum", "role": "Kommunaldirektør"},
        {"name": "Mikkel Åstrup", "role": "Direktør for Social, Sundhed og Ældre"},
    ]

    case = raw["business_case"]
    assert set(case) == {"problem", "benefit", "verdict", "perspectives", "notes"}
    assert (case["benefit"], case["verdict"]) == ("both", "open")
    assert list(case["perspectives"]) == [
        "citizen_need", "legal_framework", "economy", "culture", "digitalisation",
    ]
    assert case["perspectives"]["citizen_need"] == {"note": "Kortere vej til lægen", "fit": 4}
    assert [p["fit"] for p in case["perspectives"].values()] == [4, 3, 4, 2, 5]

    diamond = raw["double_diamond"]
    assert diamond == {
        "phase": "define",
        "needs": ["Kortere ventetid"],
        "problem_statement": "Hvordan kommer borgeren hurtigt til lægen?",
        "ideas": ["Digital lægeklinik"],
        "prototypes": [
            {"name": "Testforløb", "result": "Ingen aldersbarriere", "status": "testing"}
        ],
        "notes": "Noter til diamanten",
    }

    portfolio = raw["portfolio"]
    assert portfolio["rollout"] == "spearheads"
    assert portfolio["units"][0] == {
        "name": "Forvaltning A",
        "streamline": 20,
        "modernise": 44,
        "rethink_services": 21,
        "rethink_business": 20,
        "goal": "Gentænke udvalgte services",
    }
    assert [u["streamline"] for u in portfolio["units"]] == [20, 50]
    assert portfolio["units"][1]["goal"] == "effektivisere 50 pct."
    assert portfolio["initiatives"] == [
        {"name": "Faktureringsrobot", "unit": "Forvaltning B", "category": "streamline"}
    ]

    assert raw["story_fish"] == {
        "hero": "Medarbejderen",
        "head": "Skab motivation",
        "body": "Skab forståelse",
        "tail": "Skab lyst til handling",
        "paradigm": "values",
        "notes": "Brændende begejstring, ikke brændende platform",
    }
    assert raw["organisation_forms"] == {
        "hierarchical": 30, "matrix": 40, "network": 30, "rationale": "Mix efter formålet",
        "notes": "n",
    }
    pentagon = raw["actor_pentagon"]
    assert set(pentagon) == {*ap.ACTORS, "scope", "notes"}
    assert pentagon["citizen"] == {"who": "Camilla", "input": "Behov", "involvement": "involve"}
    assert [pentagon[a]["involvement"] for a in ap.ACTORS] == [
        "involve", "accountable", "dialogue", "inform", "participate",
    ]
    assert pentagon["scope"] == ["Kun booking af ét møde"]
    assert raw["political"] == {
        "scenario": "passivity",
        "innovation": "rethink_services",
        "actions": ["Studietur: rør ved en robot"],
        "notes": "Klæd dem fagligt på",
    }
    assert raw["maturity"] == {"units": [{
        "name": "Forvaltning A", "strategic_direction": 3, "business_case": 2,
        "citizen_centricity": 4, "culture": 3, "ways_of_working": 2, "competences": 2,
        "data_informed": 1, "technologies": 3, "note": "Svag på data",
    }]}
    assert raw["ownership"] == {
        "archetypes": {"optimists": "IT-teamet: forandringsagenter",
                       "watchdogs": "Jura: find fejl i de nye processer"},
        "triangle": {"vision": "Én indgang for borgeren", "method": "Teamet vælger selv"},
        "groups": [{"name": "Hjemmeplejen", "stage": "resistance", "involvement": "participate"}],
        "notes": "Hvem skal med?",
    }
    assert raw["risk"] == {  # the format's `note`, not `notes`
        "innovation": "rethink_services", "willingness": 3,
        "sparring": ["Anne", "Bo", "Carl", "Dorte", "Emil", "Fie", "Gustav"],
        "note": "Vi prøver idéer af, før vi løber en risiko",
    }

    first, second = raw["decisions"]
    assert first == {
        "canvas": "business_case",
        "text": "Grønt lys til et testforløb på tre måneder",
        "owner": "Mikkel Åstrup",
        "due": dt.date(2027, 1, 31),
        "made": dt.datetime(2026, 11, 30, 10, 15, tzinfo=CET),
    }
    assert type(first["due"]) is dt.date
    assert isinstance(first["made"], dt.datetime) and first["made"].tzinfo is not None
    assert set(second) == {"canvas", "text", "made"}, "empty owner and no due are left out"

    # the layout people read: tables and arrays of tables as blocks, date-times as written
    lines = text.splitlines()
    for header in (
        "[[participants]]",
        "[business_case]",
        "[business_case.perspectives.citizen_need]",
        "[business_case.perspectives.digitalisation]",
        "[double_diamond]",
        "[[double_diamond.prototypes]]",
        "[portfolio]",
        "[[portfolio.units]]",
        "[[portfolio.initiatives]]",
        "[story_fish]",
        "[organisation_forms]",
        "[actor_pentagon]",
        "[actor_pentagon.citizen]",
        "[actor_pentagon.top_leader]",
        "[political]",
        "[[maturity.units]]",
        "[ownership.archetypes]",
        "[ownership.triangle]",
        "[[ownership.groups]]",
        "[risk]",
        "[[decisions]]",
    ):
        assert header in lines, header
    assert lines.count("[[portfolio.units]]") == 2
    assert lines.count("[[decisions]]") == 2
    assert "created = 2026-11-30T09:00:00+01:00" in lines
    assert "made = 2026-11-30T10:15:00+01:00" in lines
    assert "due = 2027-01-31" in lines
    assert "format = 1" == lines[0]
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_enumerations_are_written_as_their_words():
    session = full_session()
    for verdict in bc.VERDICTS:
        session.business_case.verdict = verdict
        assert f'verdict = "{verdict}"' in dumps(session).decode()
    for involvement in ap.INVOLVEMENTS:
        session.actor_pentagon.citizen.involvement = involvement
        raw = tomllib.loads(dumps(session).decode())
        assert raw["actor_pentagon"]["citizen"]["involvement"] == involvement


def test_an_unscored_perspective_has_no_fit():
    session = full_session()
    session.business_case.perspectives.culture.fit = None
    raw = tomllib.loads(dumps(session).decode())
    culture = raw["business_case"]["perspectives"]["culture"]
    assert culture == {"note": "Kan de ældre finde ud af det?"}


# ---------------------------------------------------------------- the canvas rules


def test_portfolio_unit_not_summing_to_100_is_warned_not_refused(tmp_path: Path):
    session = full_session()
    warnings = session.warnings()
    assert [w.key for w in warnings["portfolio"]] == ["warning.unit_sum"]
    (only,) = warnings["portfolio"]
    assert only.path == "portfolio.units[0]"
    assert only.params == {"unit": "Forvaltning A", "total": 105}
    # B sums to 100 and is not warned about; A at 100 clears the warning
    session.portfolio.units[0].rethink_business = 15
    assert "portfolio" not in session.warnings()
    # a unit with nothing set yet is not warned about
    session.portfolio.units.append(pf.Unit(name="Forvaltning C"))
    assert "portfolio" not in session.warnings()
    # the 105 is saved and read back as it is
    session.portfolio.units[0].rethink_business = 20
    path = session_path(tmp_path, session.id)
    save_session(session, path)
    assert read_session(path).portfolio.units[0].total() == 105


def test_organisation_forms_mix_not_100_is_warned():
    session = full_session()
    assert "organisation_forms" not in session.warnings()
    session.organisation_forms.network = 40
    (warning,) = session.warnings()["organisation_forms"]
    assert warning.key == "warning.mix_sum" and warning.params == {"total": 110}
    session.organisation_forms = of.OrganisationForms(matrix=100)
    assert "organisation_forms" not in session.warnings()


def test_ideas_before_a_problem_statement_are_warned():
    session = full_session()
    assert "double_diamond" not in session.warnings()
    session.double_diamond.problem_statement = "   "
    (warning,) = session.warnings()["double_diamond"]
    assert warning.key == "warning.ideas_before_problem"
    assert warning.path == "double_diamond.ideas"
    session.double_diamond.ideas = []
    assert "double_diamond" not in session.warnings()


def test_green_light_without_a_citizen_need_is_warned():
    session = full_session()
    session.business_case.verdict = "green"
    assert "business_case" not in session.warnings()
    session.business_case.perspectives.citizen_need.note = ""
    (warning,) = session.warnings()["business_case"]
    assert warning.key == "warning.green_without_need"
    assert warning.path == "business_case.verdict"
    session.business_case.perspectives.citizen_need = None
    assert "business_case" in session.warnings()
    session.business_case.verdict = "open"
    assert "business_case" not in session.warnings()


def test_unvisited_canvases_raise_no_warnings():
    session = new_session("tom")
    assert session.warnings() == {}
    session.canvas("portfolio")
    assert session.portfolio is not None and session.warnings() == {}


def test_every_warning_key_has_a_label():
    session = full_session()
    session.business_case.verdict = "green"
    session.business_case.perspectives = None
    session.double_diamond.problem_statement = ""
    session.organisation_forms.network = 0
    found = session.warnings()
    assert set(found) == {"business_case", "double_diamond", "portfolio", "organisation_forms",
                          "self_assessment"}
    for language in labels.LANGUAGES:
        table = labels.catalogue(language)
        for ws in found.values():
            for w in ws:
                assert w.key in table, (language, w.key)
                assert table[w.key].format(**w.params)


# ---------------------------------------------------------------- labels

ENUMERATIONS = {
    "benefit": bc.Benefit,
    "verdict": bc.Verdict,
    "phase": dd.Phase,
    "status": dd.Status,
    "rollout": pf.Rollout,
    "category": Category,
    "paradigm": sf.Paradigm,
    "involvement": ap.Involvement,
    "scenario": po.Scenario,
    "language": typing.get_type_hints(Session)["language"],
    "decision_status": DecisionStatus,
}


def test_label_catalogues_have_the_same_keys_and_no_empty_values():
    da, en = labels.catalogue("da"), labels.catalogue("en")
    assert set(da) == set(en), sorted(set(da) ^ set(en))
    for language, table in (("da", da), ("en", en)):
        empty = [k for k, v in table.items() if not v.strip()]
        assert empty == [], (language, empty)
    assert len(da) > 50


def test_every_label_key_the_code_names_is_in_both_languages():
    """Every label key written out in the code (`t("app.quit")`, `labels(…)`, `L(…)`,
    `.optional(…)`, `Labels(x)(…)`, the CLI's `_said(language, …)` and the reader's
    `refusal(path, …)`) is in the Danish and the English labels: a word missing in one
    language shows as its key, and only where it is asked for."""
    import ast

    first = {"t": 0, "labels": 0, "L": 0, "_labels": 0, "optional": 0, "word": 0,
             "_said": 1, "refusal": 1}
    key_like = re.compile(r"[a-z_]+(\.[A-Za-z0-9_]+)+")
    named: set[tuple[str, str]] = set()
    package = Path(labels.__file__).parent.parent
    for path in package.rglob("*.py"):
        for call in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(call, ast.Call):
                continue
            func = call.func
            name = (func.id if isinstance(func, ast.Name) else func.attr
                    if isinstance(func, ast.Attribute) else "Labels(…)"
                    if isinstance(func, ast.Call) and getattr(func.func, "id", "") == "Labels"
                    else None)
            at = 0 if name == "Labels(…)" else first.get(name or "")
            if at is None or len(call.args) <= at:
                continue
            arg = call.args[at]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) \
                    and key_like.fullmatch(arg.value):
                named.add((arg.value, f"{path.relative_to(package)}:{call.lineno}"))
    assert len(named) > 300
    for language in labels.LANGUAGES:
        table = labels.catalogue(language)
        missing = sorted(where for key, where in named if key not in table)
        assert missing == [], (language, missing)


def shown_enumerations() -> dict[str, tuple[str, ...]]:
    """Every enumeration a canvas's content description shows (`Field(kind="enum")`), by its
    label name, with the words of the Literal it shows: found from the descriptions and the
    Structs, so a canvas registered from outside is checked as the core ones are."""
    from dtworkshop.core.canvases.base import Field, Group, Keyed, Records

    def words(hint) -> tuple[str, ...]:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if typing.get_origin(hint) is typing.Literal:
            return typing.get_args(hint)
        return next(words(a) for a in args if words(a))  # Optional[Literal[...]]

    found: dict[str, tuple[str, ...]] = {}

    def walk(parts, model) -> None:
        hints = typing.get_type_hints(model)
        for part in parts:
            if isinstance(part, Field) and part.kind == "enum":
                found[part.enum] = words(hints[part.name])
            elif isinstance(part, Group):
                walk(part.parts, model)
            elif isinstance(part, Keyed):
                holder = words_model(hints[part.name]) if part.name else model
                sub = typing.get_type_hints(holder)
                walk(part.parts, words_model(sub[part.rows[0][0]]))
            elif isinstance(part, Records):
                item = typing.get_args(hints[part.name])[0]
                walk((part.title, *part.parts), item)

    def words_model(hint):
        return next(a for a in (hint, *typing.get_args(hint)) if isinstance(a, type)
                    and issubclass(a, msgspec.Struct))

    for spec in CANVASES:
        walk(spec.content, spec.model)
    return found


def test_the_enumerations_the_canvases_show_include_the_core_ones():
    shown = shown_enumerations()
    core = {name: typing.get_args(t) for name, t in ENUMERATIONS.items()
            if name not in ("language", "decision_status")}
    assert {name: shown[name] for name in core} == core


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_enumeration_word_has_a_label(language: str):
    table = labels.catalogue(language)
    enumerations = {name: typing.get_args(t) for name, t in ENUMERATIONS.items()}
    missing = [
        f"enum.{name}.{word}"
        for name, words in (enumerations | shown_enumerations()).items()
        for word in words
        if f"enum.{name}.{word}" not in table
    ]
    assert missing == []
    words = labels.Labels(language)
    assert words.enum("verdict", "green") == table["enum.verdict.green"]
    assert words.enum("verdict", None) == "–"


def test_the_enumerations_listed_are_all_of_the_schema():
    """Every Literal in the session schema is one of ENUMERATIONS (or a canvas key), so a new
    enumeration cannot slip in without a label test."""
    from msgspec import inspect as mi

    known = {frozenset(typing.get_args(t)) for t in ENUMERATIONS.values()}
    known |= {frozenset(words) for words in shown_enumerations().values()}
    known.add(frozenset(CANVAS_KEYS))
    found: set[frozenset] = set()
    seen: set[type] = set()

    def walk(node):
        if isinstance(node, mi.LiteralType):
            found.add(frozenset(node.values))
        elif isinstance(node, mi.UnionType):
            for t in node.types:
                walk(t)
        elif isinstance(node, mi.ListType):
            walk(node.item_type)
        elif isinstance(node, mi.StructType) and node.cls not in seen:
            seen.add(node.cls)
            for f in node.fields:
                walk(f.type)

    walk(mi.type_info(Session))
    assert found, "the walk found no enumerations"
    assert found <= known, [sorted(x) for x in found - known]
    assert frozenset(typing.get_args(bc.Verdict)) in found


def test_the_enumeration_tuples_match_their_literals():
    assert bc.VERDICTS == typing.get_args(bc.Verdict) == ("green", "red", "open")
    assert bc.BENEFITS == typing.get_args(bc.Benefit) == ("citizen", "economy", "both")
    assert dd.PHASES == typing.get_args(dd.Phase) == ("discover", "define", "develop", "deliver")
    assert dd.STATUSES == typing.get_args(dd.Status) == ("testing", "adopted", "dropped")
    assert pf.ROLLOUTS == typing.get_args(pf.Rollout) == ("spearheads", "all_at_once")
    assert typing.get_args(Category) == (
        "streamline", "modernise", "rethink_services", "rethink_business",
    )
    assert sf.PARADIGMS == typing.get_args(sf.Paradigm) == ("rules", "contract", "values")
    assert ap.INVOLVEMENTS == typing.get_args(ap.Involvement) == (
        "accountable", "participate", "involve", "dialogue", "feedback", "inform",
    )
    assert po.SCENARIOS == typing.get_args(po.Scenario) == (
        "resistance", "passivity", "receptiveness",
    )
    assert typing.get_args(ENUMERATIONS["language"]) == ("da", "en")
    assert DECISION_STATUSES == typing.get_args(DecisionStatus) == ("open", "done", "dropped")
    core = [  # the source's order; a canvas registered from outside comes after them
        "business_case", "double_diamond", "maturity", "portfolio", "risk", "ownership",
        "story_fish", "organisation_forms", "actor_pentagon", "political", "dilemmas",
        "self_assessment",
    ]
    assert CANVAS_KEYS[: len(core)] == core
    assert [c.advice for c in CANVASES][: len(core)] == [1, 1, 2, 3, 4, 5, 6, 7, 8, 9, None, None]
    assert [f.name for f in msgspec.structs.fields(Session)][: len(HEADER_KEYS)] == HEADER_KEYS
