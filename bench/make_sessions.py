"""Make N synthetic but realistic session files for the benchmarks.

    python bench/make_sessions.py N FOLDER [--seed S] [--bad K]
    python bench/make_sessions.py 1 FOLDER --big     # the one big session of issue 10

Each file is written by dtworkshop's own writer (`storage.dumps`), so it looks exactly like a
facilitator's: Danish text, two to seven canvases filled, three to eight participants, zero to
ten decisions, organisations and dates spread over 2019–2026. Every file's modification time
is set to its `updated` stamp, as years of real sessions would have. About one file in 400
(or K, with --bad) is broken the ways hand edits break files: a TOML syntax error, a word
outside the contract, a wrong id, a file cut off. The same N and seed always give the same
bytes. FOLDER is created; files already in it are overwritten, others are left alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dtworkshop.core.canvases.actor_pentagon import ACTORS, INVOLVEMENTS, Actor, ActorPentagon  # noqa: E402
from dtworkshop.core.canvases.business_case import (  # noqa: E402
    BENEFITS, PERSPECTIVES, VERDICTS, BusinessCase, Perspective, Perspectives,
)
from dtworkshop.core.canvases.dilemmas import DILEMMAS as DILEMMA_KEYS, Dilemmas  # noqa: E402
from dtworkshop.core.canvases.double_diamond import PHASES, STATUSES, DoubleDiamond, Prototype  # noqa: E402
from dtworkshop.core.canvases.maturity import PARAMETERS, Maturity, UnitMaturity  # noqa: E402
from dtworkshop.core.canvases.organisation_forms import OrganisationForms  # noqa: E402
from dtworkshop.core.canvases.ownership import (  # noqa: E402
    ARCHETYPES, STAGES, TRIANGLE, Archetypes, EmployeeGroup, Ownership, Triangle,
)
from dtworkshop.core.canvases.risk import Risk  # noqa: E402
from dtworkshop.core.canvases.political import SCENARIOS, Political  # noqa: E402
from dtworkshop.core.canvases.portfolio import ROLLOUTS, Initiative, Portfolio, Unit  # noqa: E402
from dtworkshop.core.canvases.self_assessment import STATEMENTS as STATEMENT_KEYS, SelfAssessment  # noqa: E402
from dtworkshop.core.canvases.story_fish import PARADIGMS, StoryFish  # noqa: E402
from dtworkshop.core.canvases import CANVAS_KEYS  # noqa: E402
from dtworkshop.core.session import FORMAT, Decision, Participant, Session, slugify  # noqa: E402
from dtworkshop.core.types import CATEGORIES  # noqa: E402
from dtworkshop.storage import dumps  # noqa: E402

ORGANISATIONS = [
    "Egedal Kommune", "Ringkøbing-Skjern Kommune", "Region Nordjylland", "Morsø Kommune",
    "Aarhus Kommune", "Odense Kommune", "Københavns Kommune", "Aalborg Kommune",
    "Vejle Kommune", "Esbjerg Kommune", "Randers Kommune", "Kolding Kommune",
    "Horsens Kommune", "Silkeborg Kommune", "Næstved Kommune", "Herning Kommune",
    "Frederikshavn Kommune", "Holbæk Kommune", "Sønderborg Kommune", "Ærø Kommune",
    "Region Midtjylland", "Region Syddanmark", "Region Sjælland", "Region Hovedstaden",
    "Fanø Kommune", "Læsø Kommune", "Skive Kommune", "Thisted Kommune", "Viborg Kommune",
    "Gribskov Kommune",
]
FIRST = ["Anne", "Søren", "Mette", "Jens", "Karen", "Bjørn", "Pia", "Ulla", "Thomas", "Rikke",
         "Mikkel", "Lone", "Jonas", "Camilla", "Henrik", "Birgitte", "Ove", "Åse", "Æbbe",
         "Kirsten", "Lars", "Signe", "Mads", "Ida", "Niels", "Helle", "Rasmus", "Inger"]
LAST = ["Østergård", "Højgaard", "Krøyer", "Brøndum Lund", "Kjærgaard Holm", "Dahl Ørum",
        "Åstrup", "Brix", "Mortensen", "Vestergaard", "Nielsen", "Jensen", "Hansen",
        "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen", "Jørgensen",
        "Madsen", "Kristensen", "Olsen", "Thomsen", "Poulsen", "Møller", "Æbelø"]
ROLES = ["Kommunaldirektør", "Direktør for Social og Sundhed", "Direktør for Børn og Læring",
         "Direktør for Økonomi og Administration", "Digitaliseringschef", "Chef for Borgerservice",
         "Teknik- og miljødirektør", "HR-chef", "Regionsdirektør", "Sundhedsdirektør"]
TOPICS = ["digital omstilling", "velfærdsteknologi", "ét kontaktpunkt for borgeren",
          "robotter i administrationen", "den digitale lægeklinik", "selvbetjening",
          "datadrevet ledelse", "hjemmeplejens ruteplanlægning", "kunstig intelligens i sagsbehandlingen",
          "den sammenhængende borgerrejse", "digital skole", "telemedicin", "grøn omstilling",
          "fremtidens borgerservice", "porteføljestyring"]
KINDS = ["Strategidag om", "Temadag:", "Workshop om", "Direktionsseminar:", "Opfølgning på",
         "Lederforum om", "Transformationsstrategi:"]
SUBJECTS = ["Borgerne", "Medarbejderne", "Direktionen", "Økonomiudvalget", "Leverandøren",
            "Kommunalbestyrelsen", "Hjemmeplejen", "Borgerservice", "Jobcentret", "Skolerne",
            "De pårørende", "Regionsrådet", "Sygeplejerskerne", "IT-afdelingen"]
VERBS = ["mangler", "ønsker", "efterspørger", "bruger for lang tid på", "vil gerne have",
         "oplever problemer med", "er bekymrede for", "ser store muligheder i", "tøver over for",
         "har allerede afprøvet"]
OBJECTS = ["ventetider hos lægen", "ét samlet møde med alle fagkundskaber", "korrekte regninger",
           "rettidige indkaldelser", "digitale løsninger, der virker første gang",
           "en fælles indgang på hjemmesiden", "mindre dobbeltregistrering",
           "velfærdsrobotter i ældreplejen", "bedre data om borgernes forløb",
           "gennemsigtighed i sagsbehandlingen", "en tydelig businesscase", "hurtigere svar",
           "tid til kerneopgaven", "tryghed i overgangen fra sygehus til hjem",
           "at blive hørt tidligt i processen"]
TAILS = ["", " – og det haster.", ", især om vinteren.", " i hele kommunen.",
         " på tværs af forvaltningerne.", " fra næste budgetår.", ", men økonomien er stram.",
         " ifølge den seneste måling.", ". Vi skal tale det op og tage det farlige væk.",
         " – test det i tre måneder først."]
INITIATIVES = ["Faktureringsrobot", "Digital selvbetjening i borgerservice",
               "Ny ruteplanlægning i hjemmeplejen", "Velfærdsrobotter i ældreplejen",
               "Gentænk folkeskolen", "Videokonsultationer", "Chatbot på hjemmesiden",
               "Sensorer i plejeboliger", "Automatisk journalisering", "Fælles booking",
               "Digital post til virksomheder", "Skærmbesøg i hjemmeplejen"]


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}{rng.choice(TAILS)}"


def paragraph(rng: random.Random, low: int = 1, high: int = 3) -> str:
    return " ".join(sentence(rng).rstrip(".") + "." for _ in range(rng.randint(low, high)))


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def split(rng: random.Random, parts: int) -> list[int]:
    """Whole percentages that usually add up to 100; now and then, as in the source, not."""
    cuts = sorted(rng.randint(0, 100) for _ in range(parts - 1))
    values = [b - a for a, b in zip([0, *cuts], [*cuts, 100])]
    if rng.random() < 0.15:
        i = rng.randrange(parts)
        values[i] = min(100, values[i] + 5)
    return values


def business_case(rng: random.Random) -> BusinessCase:
    perspectives = Perspectives(**{
        key: Perspective(note=paragraph(rng, 1, 2), fit=rng.choice([None, 1, 2, 3, 4, 5]))
        for key in PERSPECTIVES if rng.random() < 0.7
    })
    return BusinessCase(problem=paragraph(rng), benefit=rng.choice(BENEFITS),
                        verdict=rng.choice(VERDICTS), perspectives=perspectives,
                        notes=paragraph(rng, 0, 2))


def double_diamond(rng: random.Random) -> DoubleDiamond:
    return DoubleDiamond(
        phase=rng.choice(PHASES),
        needs=[sentence(rng) for _ in range(rng.randint(0, 5))],
        problem_statement=paragraph(rng, 0, 2),
        ideas=[rng.choice(INITIATIVES) + ": " + sentence(rng) for _ in range(rng.randint(0, 5))],
        prototypes=[Prototype(name=rng.choice(INITIATIVES), result=sentence(rng),
                              status=rng.choice(STATUSES)) for _ in range(rng.randint(0, 3))],
        notes=paragraph(rng, 0, 1),
    )


def portfolio(rng: random.Random) -> Portfolio:
    units = []
    for letter in "ABCD"[: rng.randint(1, 4)]:
        values = split(rng, 4)
        units.append(Unit(name=f"Forvaltning {letter}", **dict(zip(CATEGORIES, values)),
                          goal=sentence(rng)))
    initiatives = [Initiative(name=rng.choice(INITIATIVES), unit=rng.choice(units).name,
                              category=rng.choice(CATEGORIES)) for _ in range(rng.randint(0, 7))]
    return Portfolio(rollout=rng.choice(ROLLOUTS), units=units, initiatives=initiatives,
                     notes=paragraph(rng, 0, 2))


def story_fish(rng: random.Random) -> StoryFish:
    return StoryFish(hero=person(rng), head=paragraph(rng, 1, 2), body=paragraph(rng, 1, 2),
                     tail=paragraph(rng, 1, 2), paradigm=rng.choice(PARADIGMS),
                     notes=paragraph(rng, 0, 1))


def organisation_forms(rng: random.Random) -> OrganisationForms:
    hierarchical, matrix, network = split(rng, 3)
    return OrganisationForms(hierarchical=hierarchical, matrix=matrix, network=network,
                             rationale=paragraph(rng, 1, 3), notes=paragraph(rng, 0, 1))


def actor_pentagon(rng: random.Random) -> ActorPentagon:
    actors = {key: Actor(who=sentence(rng), input=sentence(rng),
                         involvement=rng.choice(INVOLVEMENTS))
              for key in ACTORS if rng.random() < 0.8}
    return ActorPentagon(**actors, scope=[sentence(rng) for _ in range(rng.randint(0, 4))],
                         notes=paragraph(rng, 0, 1))


def political(rng: random.Random) -> Political:
    return Political(scenario=rng.choice(SCENARIOS), innovation=rng.choice(CATEGORIES),
                     actions=[sentence(rng) for _ in range(rng.randint(0, 4))],
                     notes=paragraph(rng, 0, 1))


def maturity(rng: random.Random) -> Maturity:
    return Maturity(units=[UnitMaturity(name=f"Forvaltning {letter}", note=sentence(rng),
                                        **{p: rng.randint(1, 5) for p in PARAMETERS})
                           for letter in "ABC"[: rng.randint(1, 3)]],
                    notes=paragraph(rng, 0, 1))


def risk(rng: random.Random) -> Risk:
    return Risk(innovation=rng.choice(CATEGORIES), willingness=rng.randint(1, 5),
                sparring=[person(rng) for _ in range(rng.randint(0, 8))],
                notes=paragraph(rng, 0, 1))


def ownership(rng: random.Random) -> Ownership:
    return Ownership(
        archetypes=Archetypes(**{key: sentence(rng) for key in ARCHETYPES}),
        triangle=Triangle(**{key: sentence(rng) for key in TRIANGLE}),
        groups=[EmployeeGroup(name=rng.choice(ROLES), stage=rng.choice(STAGES),
                              involvement=rng.choice(INVOLVEMENTS))
                for _ in range(rng.randint(0, 5))],
        notes=paragraph(rng, 0, 1))


def scores(model, names):
    """A maker of the Struct `model` with a 1..5 score in each field of `names`."""
    return lambda rng: model(**{name: rng.randint(1, 5) for name in names},
                             notes=paragraph(rng, 0, 1))


MAKERS = {
    "business_case": business_case, "double_diamond": double_diamond, "maturity": maturity,
    "portfolio": portfolio, "risk": risk, "ownership": ownership, "story_fish": story_fish, "organisation_forms": organisation_forms,
    "actor_pentagon": actor_pentagon, "political": political,
    "dilemmas": scores(Dilemmas, DILEMMA_KEYS),
    "self_assessment": scores(SelfAssessment, STATEMENT_KEYS),
}
START = dt.datetime(2019, 1, 7, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
DAYS = (dt.date(2026, 6, 30) - START.date()).days  # all in the past: as years of sessions are


def session(rng: random.Random, number: int) -> Session:
    organisation = rng.choice(ORGANISATIONS)
    day = START + dt.timedelta(days=rng.randint(0, DAYS), minutes=15 * rng.randint(0, 16))
    if rng.random() < 0.4:  # summer time, as a real file from June would carry
        day = day.astimezone(dt.timezone(dt.timedelta(hours=2)))
    topic = rng.choice(TOPICS)
    session_id = f"{day:%Y-%m-%d}-{slugify(organisation)[:30]}-{number:05d}"
    canvases = rng.sample(CANVAS_KEYS, rng.randint(2, 7))
    decisions = []
    for _ in range(rng.randint(0, 10)):
        made = day + dt.timedelta(minutes=rng.randint(10, 400))
        due = made.date() + dt.timedelta(days=rng.randint(14, 200)) if rng.random() < 0.8 else None
        decisions.append(Decision(canvas=rng.choice(canvases), text=sentence(rng),
                                  owner=person(rng) if rng.random() < 0.9 else "",
                                  due=due, made=made))
    decisions.sort(key=lambda d: d.made)
    return Session(
        format=FORMAT,
        id=session_id,
        title=f"{rng.choice(KINDS)} {topic}",
        organisation=organisation,
        facilitator=person(rng),
        language="da" if rng.random() < 0.9 else "en",
        created=day,
        updated=day + dt.timedelta(minutes=rng.randint(30, 480)),
        current=rng.choice(canvases),
        participants=[Participant(name=person(rng), role=rng.choice(ROLES))
                      for _ in range(rng.randint(3, 8))],
        **{key: MAKERS[key](rng) for key in canvases},
        decisions=decisions,
    )


def big(seed: int = 2026) -> Session:
    """The big session of the speed budgets (issue 10): every canvas filled, 50 units, 200
    initiatives, 300 decisions, 20 participants and long notes (about 100 KB of TOML), as a
    long-running transformation's file grows over many workshops."""
    rng = random.Random(seed)
    s = session(rng, 0)
    s.id = "2026-12-14-stor-session"
    s.title = "Den store session: alle lærreder fyldt"
    for key in CANVAS_KEYS:
        setattr(s, key, MAKERS[key](rng))
    long_notes = lambda: "\n\n".join(paragraph(rng, 3, 6) for _ in range(6))  # noqa: E731
    for key in CANVAS_KEYS:
        getattr(s, key).notes = long_notes()
    pf = s.portfolio
    pf.units = [Unit(name=f"Enhed {n:02d} – {rng.choice(SUBJECTS)}",
                     **dict(zip(CATEGORIES, split(rng, 4))), goal=sentence(rng))
                for n in range(1, 51)]
    pf.initiatives = [Initiative(name=f"{rng.choice(INITIATIVES)} {n}",
                                 unit=rng.choice(pf.units).name, category=rng.choice(CATEGORIES))
                      for n in range(1, 201)]
    s.double_diamond.prototypes = [
        Prototype(name=f"{rng.choice(INITIATIVES)} {n}", result=sentence(rng),
                  status=rng.choice(STATUSES)) for n in range(1, 31)]
    s.double_diamond.needs = [sentence(rng) for _ in range(40)]
    s.double_diamond.ideas = [sentence(rng) for _ in range(40)]
    s.participants = [Participant(name=person(rng), role=rng.choice(ROLES)) for _ in range(20)]
    decisions = []
    for n in range(300):
        made = s.created + dt.timedelta(minutes=n)
        decisions.append(Decision(canvas=rng.choice(CANVAS_KEYS), text=sentence(rng),
                                  owner=person(rng), due=made.date() + dt.timedelta(days=30 + n),
                                  made=made))
    s.decisions = decisions
    s.updated = s.created + dt.timedelta(hours=6)
    return s


def broken(rng: random.Random, data: bytes, session_id: str) -> bytes:
    """`data` broken the way a hand edit breaks a file."""
    text = data.decode("utf-8")
    how = rng.randrange(4)
    if how == 0:  # a quote forgotten
        return text.replace('organisation = "', "organisation = ", 1).encode()
    if how == 1:  # a word outside the contract
        return text.replace('language = "da"', 'language = "dansk"', 1).replace(
            'language = "en"', 'language = "english"', 1).encode()
    if how == 2:  # renamed by hand, the id left behind
        return text.replace(f'id = "{session_id}"', f'id = "{session_id}-old"', 1).encode()
    return data[: len(data) // 2]  # cut off by a failed copy


def make(count: int, folder: Path, *, seed: int = 2026, bad_every: int = 400) -> list[Path]:
    """Write `count` session files into `folder` (created); return their paths in order."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for number in range(count):
        s = session(rng, number)
        data = dumps(s)
        if bad_every and rng.randrange(bad_every) == 0:
            data = broken(rng, data, s.id)
        path = folder / f"{s.id}.toml"
        path.write_bytes(data)
        stamp = s.updated.timestamp()
        os.utime(path, (stamp, stamp))
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", metavar="N", type=int, help="how many session files")
    parser.add_argument("folder", metavar="FOLDER", type=Path, help="where to write them")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    parser.add_argument("--bad", type=int, default=400, metavar="K",
                        help="about one file in K is broken (default 400; 0: none)")
    parser.add_argument("--big", action="store_true",
                        help="write the one big session of issue 10 into FOLDER instead (N is ignored)")
    args = parser.parse_args(argv)
    if args.big:
        args.folder.mkdir(parents=True, exist_ok=True)
        s = big(args.seed)
        path = args.folder / f"{s.id}.toml"
        path.write_bytes(dumps(s))
        print(f"{path}: {path.stat().st_size / 1e3:.0f} KB")
        return 0
    paths = make(args.count, args.folder, seed=args.seed, bad_every=args.bad)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} session files, {size / 1e6:.1f} MB, in {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
