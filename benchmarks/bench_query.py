"""How fast the canned queries answer on a big graph: embedded Oxigraph against rdflib.

Generates a synthetic corpus shaped like a real build, deterministic for a seed: synthetic
`Article`s and `Fact`s (persons with careers of posts in ministries of real countries,
meetings with a date, a place, 2-10 attendees and 1-3 threats of the kgt: scheme, people,
organisations and places named in passing, every fact with its sentence's offsets) go
through `kg.build.build_dataset`, so each article is one named graph with its labels,
types, mentions and `kgo:FactProvenance` records, exactly as `kg build` writes them.
People are drawn with Zipf-like popularity; dates span 20 years.

The N-Quads are bulk-loaded into the embedded store (`kg.store.GraphStore`) and parsed by
`kg.store.load` into rdflib's in-memory Dataset (default graph = union of the articles);
every canned query then runs on both (`kg.query.run_store` and `kg.query.run`, i.e. what
`kg query --store` and `kg query FILE` do, rows converted to Python included) and the two
engines' rows are compared. Printed: load times and sizes, median latencies side by side,
the ratio, whether the issue's targets are met, peak memory and the CPU count. Figures
only: nothing here asserts a time.

Targets: the entity lookups (`person`: a person's posts and meetings; `meeting`: a
meeting's attendees and threats) under 20 ms median on Oxigraph at 1M triples, and every
canned query at least 20x faster on Oxigraph than on rdflib in memory.

rdflib's effort is bounded: one run per query, three (--rdflib-runs) when a run takes under
10 s, and a run longer than --rdflib-limit seconds is stopped (its time is then printed as
">N s" and the ratio as a lower bound).

    .venv/bin/python benchmarks/bench_query.py [--triples 1000000] [--seed 1] [--runs 11]
        [--rdflib-runs 3] [--rdflib-limit 120] [--keep DIR] [--only QUERY ...] [--no-rdflib]
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import re
import resource
import shutil
import signal
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kg.build import build_dataset
from kg.extract.lexicon import countries, slug
from kg.query import canned_queries, run, run_store
from kg.scheme import threat_names
from kg.store import GraphStore, load
from kg.types import Article, Date, Fact, Node

LOOKUP_TARGET_MS = 20.0
RATIO_TARGET = 20.0
#: The entity lookups, and what each looks up.
LOOKUPS = {"person": "a person's posts and meetings", "meeting": "a meeting's attendees and threats"}
#: A rdflib run quicker than this is repeated (up to --rdflib-runs times).
RDFLIB_QUICK_S = 10.0

# ---------------------------------------------------------------------------------------
# The synthetic world: general knowledge, then people with careers, then meetings.

#: Place, its country; the first ones are the most frequent venues.
PLACES = [
    ("Bruxelles", "BE"), ("Paris", "FR"), ("Luxembourg", "LU"), ("La Haye", "NL"), ("Berlin", "DE"),
    ("Londres", "GB"), ("Anvers", "BE"), ("Calais", "FR"), ("Strasbourg", "FR"), ("Varsovie", "PL"),
    ("Rome", "IT"), ("Madrid", "ES"), ("Lille", "FR"), ("Liège", "BE"), ("Amsterdam", "NL"),
    ("Rotterdam", "NL"), ("Vienne", "AT"), ("Lisbonne", "PT"), ("Marseille", "FR"), ("Gand", "BE"),
    ("Zeebruges", "BE"), ("Dunkerque", "FR"), ("Schengen", "LU"), ("Hambourg", "DE"), ("Munich", "DE"),
    ("Weimar", "DE"), ("Douvres", "GB"), ("Sandhurst", "GB"), ("Prague", "CZ"), ("Stockholm", "SE"),
    ("Copenhague", "DK"), ("Helsinki", "FI"), ("Dublin", "IE"), ("Athènes", "GR"), ("Tallinn", "EE"),
    ("Riga", "LV"), ("Vilnius", "LT"), ("La Valette", "MT"), ("Budapest", "HU"), ("Bratislava", "SK"),
    ("Ljubljana", "SI"), ("Zagreb", "HR"), ("Bucarest", "RO"), ("Sofia", "BG"), ("Genève", "CH"),
    ("Berne", "CH"), ("Oslo", "NO"), ("Washington", "US"), ("Rabat", "MA"), ("Tunis", "TN"),
    ("Ankara", "TR"), ("Niamey", "NE"), ("Bamako", "ML"), ("Ostende", "BE"), ("Lyon", "FR"),
    ("Nice", "FR"), ("Cologne", "DE"), ("Utrecht", "NL"), ("Charleroi", "BE"), ("Namur", "BE"),
    ("La Celle-Saint-Cloud", "FR"), ("Val-Duchesse", "BE"), ("Coquelles", "FR"), ("Folkestone", "GB"),
]
#: Countries whose office-holders appear, most frequent first.
COUNTRIES = ["BE", "FR", "NL", "DE", "LU", "GB", "PL", "IT", "ES", "AT", "PT", "CZ", "SE", "DK",
             "FI", "IE", "GR", "EE", "LV", "LT", "MT", "HU", "SK", "SI", "HR", "RO", "BG", "CH",
             "NO", "US", "MA", "TN", "TR", "NE", "ML"]
#: Post label, post key, ministry label, ministry key (None: a post with no ministry).
PORTFOLIOS = [
    ("ministre de l'Intérieur", "ministre-interieur", "ministère de l'Intérieur", "interieur"),
    ("ministre de la Justice", "ministre-justice", "ministère de la Justice", "justice"),
    ("ministre de la Défense", "ministre-defense", "ministère de la Défense", "defense"),
    ("ministre des Affaires étrangères", "ministre-affaires-etrangeres",
     "ministère des Affaires étrangères", "affaires-etrangeres"),
    ("secrétaire d'État à l'Asile et la Migration", "secretaire-etat-asile-migration",
     "ministère de l'Asile et de la Migration", "asile-migration"),
    ("ministre des Finances", "ministre-finances", "ministère des Finances", "finances"),
    ("ministre de la Sécurité", "ministre-securite", "ministère de la Sécurité", "securite"),
    ("ministre des Affaires européennes", "ministre-affaires-europeennes",
     "ministère des Affaires européennes", "affaires-europeennes"),
    ("Premier ministre", "premier-ministre", None, None),
    ("vice-Premier ministre", "vice-premier-ministre", None, None),
    ("président de la République", "president-republique", None, None),
]
#: Post label, organisation: the posts of international bodies.
ORG_POSTS = [
    ("président de la Commission européenne", "Commission européenne"),
    ("vice-président de la Commission européenne", "Commission européenne"),
    ("commissaire européen aux Affaires intérieures", "Commission européenne"),
    ("président du Conseil européen", "Conseil européen"),
    ("secrétaire général de l'Otan", "Otan"),
    ("directeur exécutif de Frontex", "Frontex"),
    ("directeur exécutif d'Europol", "Europol"),
    ("coordinateur de l'UE pour la lutte contre le terrorisme", "Union européenne"),
]
ORGS = ["Union européenne", "Commission européenne", "Conseil de l'Union européenne",
        "Parlement européen", "Otan", "Frontex", "Europol", "Interpol", "Eurojust",
        "Conseil européen", "Organisation des Nations unies", "OSCE", "Conseil de l'Europe",
        "G7", "G20", "G5 Sahel", "Etat islamique", "Al-Qaïda", "Banque centrale européenne"]
#: Threat keys, most often addressed first.
THREATS = ["Terrorism", "IrregularMigration", "DrugTrafficking", "Radicalisation", "Jihadism",
           "MigrantSmuggling", "OrganisedCrime", "CyberThreat", "HybridThreat", "Disinformation",
           "HumanTrafficking", "ArmsTrafficking", "ViolentExtremism", "MoneyLaundering", "Espionage"]
KINDS = ["réunion", "sommet", "conseil", "rencontre", "visite", "conférence"]
FIRST = ["Jan", "Pieter", "Marc", "Luc", "Annelies", "Sophie", "Gérald", "Bernard", "Christiane",
         "Alexander", "Vincent", "Koen", "Sarah", "Nicole", "Olaf", "Nancy", "Horst", "Priti",
         "Suella", "Mateusz", "Mariusz", "Luciana", "Fernando", "Eduardo", "Karin", "Mette",
         "Sanna", "Leo", "Helen", "Jean", "Pierre", "Marie", "Anne", "Thomas", "Philippe", "Didier",
         "Charles", "Ursula", "Frans", "Ylva", "Dimitris", "Gilles", "Hadja", "Elio", "Bart",
         "Theo", "Ferdinand", "Dilan", "Ahmed", "Rachida", "Yasmine", "Laurent", "Élisabeth",
         "Clément", "Éric", "Nathalie", "Sylvie", "Hervé", "François", "Emmanuel", "Manuel",
         "Brigitte", "Florence", "Jacqueline", "Ingrid", "Wouter", "Maarten", "Joost", "Mark",
         "Lars", "Ingrid", "Agnieszka", "Piotr", "Tomasz", "Giorgia", "Matteo", "Paolo", "Pedro",
         "Ana", "Isabel", "Kurt", "Sebastian", "Andrej", "Viktor", "Krisjanis", "Kaja", "Margus"]
LAST = ["Jambon", "De Wever", "Michel", "Verlinden", "Van Quickenborne", "De Croo", "Darmanin",
        "Cazeneuve", "Taubira", "Schneider", "Braz", "Timmermans", "Faeser", "Seehofer", "Patel",
        "Braverman", "Morawiecki", "Kaminski", "Lamorgese", "Grande-Marlaska", "Cabrita",
        "Johansson", "Avramopoulos", "Kerchove", "Lahbib", "Di Rupo", "Maes", "Francken",
        "Peeters", "Janssens", "Claes", "Wouters", "Dupont", "Martin", "Bernard", "Dubois",
        "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michaud", "Garnier",
        "Faure", "Rousseau", "Blanc", "Guerin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin",
        "Morin", "Mathieu", "Clement", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier",
        "Robin", "Masson", "Sanchez", "Van den Berg", "De Jong", "Bakker", "Visser", "Smit",
        "Meyer", "Schulz", "Becker", "Hoffmann", "Koch", "Richter", "Kowalski", "Nowak",
        "Wisniewski", "Rossi", "Russo", "Ferrari", "Esposito", "Garcia", "Fernandez", "Silva",
        "Santos", "Andersson", "Nielsen", "Hansen", "Virtanen", "Murphy", "Kelly", "Papadopoulos",
        "Horvat", "Novak", "Popescu", "Ivanov", "Weber", "Wagner", "Lambert", "Vandenbroucke",
        "Goffin", "Reynders", "Vervotte", "Onkelinx", "Milquet", "Turtelboom", "Geens", "Dewael"]
FILLERS = [", selon un communiqué publié à l'issue de la rencontre",
           ", a-t-on appris de source diplomatique",
           ", d'après les services du ministère",
           ", une mesure réclamée depuis plusieurs mois par les capitales concernées",
           ", alors que la pression sur les frontières extérieures de l'Union ne faiblit pas",
           ", au lendemain d'une série d'arrestations dans plusieurs pays européens",
           ""]


def _zipf(n: int, s: float = 1.1, q: float = 10.0) -> list[float]:
    """Cumulative Zipf-Mandelbrot weights of n ranks: rank i weighs 1/(i+q)^s."""
    total, cum = 0.0, []
    for i in range(n):
        total += 1.0 / (i + q) ** s
        cum.append(total)
    return cum


@dataclass
class Post:
    """A post held from `start` to `end`, with the facts that place it (country, ministry)."""

    role: Node
    facts: list[tuple[Node, str, Node]]
    start: dt.date
    end: dt.date


@dataclass
class Person:
    node: Node
    posts: list[Post] = field(default_factory=list)

    def post_at(self, day: dt.date) -> Post | None:
        for post in self.posts:
            if post.start <= day <= post.end:
                return post
        return None

    def former_at(self, day: dt.date) -> Post | None:
        ended = [p for p in self.posts if p.end < day]
        return ended[-1] if ended else None


@dataclass
class Meeting:
    node: Node
    day: dt.date
    date: str  # as precise as the text allows
    place: Node
    countries: list[Node]
    attendees: list[Person]
    threats: list[Node]


class World:
    """People with careers, places and organisations; meetings are made as articles need them."""

    def __init__(self, rng, n_persons: int, start: dt.date, end: dt.date) -> None:
        self.rng, self.start, self.end = rng, start, end
        labels = countries().labels
        self.countries = {c: Node("country", c, labels.get(c, c)) for c in COUNTRIES}
        self.country_cum = _zipf(len(COUNTRIES), 1.2, 1.5)
        self.places = [(Node("place", slug(name), name), code) for name, code in PLACES]
        self.place_cum = _zipf(len(self.places), 1.0, 2.0)
        self.orgs = [Node("org", slug(name), name) for name in ORGS]
        self.org_cum = _zipf(len(self.orgs), 1.0, 2.0)
        names = threat_names()
        self.threats = [Node("threat", key, names[key]) for key in THREATS]
        self.threat_cum = _zipf(len(self.threats), 1.0, 2.0)
        self.persons = [self._person(name) for name in self._names(n_persons)]
        self.person_cum = _zipf(n_persons, 1.0, 30.0)
        self.meetings: dict[str, Meeting] = {}
        self.recent: list[Meeting] = []  # in date order

    def _names(self, n: int) -> list[str]:
        """n distinct full names (distinct slugs), drawn without replacement."""
        seen: set[str] = set()
        names: list[str] = []
        while len(names) < n:
            last = self.rng.choice(LAST)
            if len(seen) > len(FIRST) * len(LAST) // 2:  # double-barrelled when names run short
                last = f"{last}-{self.rng.choice(LAST)}"
            name = f"{self.rng.choice(FIRST)} {last}"
            if slug(name) not in seen:
                seen.add(slug(name))
                names.append(name)
        return names

    def _post(self, country: str | None, start: dt.date, end: dt.date) -> Post:
        if country is None:
            label, org_name = self.rng.choice(ORG_POSTS)
            org = Node("org", slug(org_name), org_name)
            role = Node("role", f"{slug(org_name)}/{slug(label)}", label)
            return Post(role, [(role, "ofOrganization", org)], start, end)
        label, key, ministry_label, ministry_key = self.rng.choice(PORTFOLIOS)
        home = self.countries[country]
        role = Node("role", f"{country}/{key}", label)
        facts = [(role, "ofCountry", home)]
        if ministry_key:
            ministry = Node("ministry", f"{country}/{ministry_key}", ministry_label)
            facts += [(role, "ofMinistry", ministry), (ministry, "ofCountry", home)]
        return Post(role, facts, start, end)

    def _person(self, name: str) -> Person:
        """A person with 0-4 successive posts; 20% hold none, 5% serve an international body."""
        person = Person(Node("person", slug(name), name))
        kind = self.rng.random()
        if kind < 0.2:
            return person
        country = None if kind < 0.25 else self.rng.choices(COUNTRIES, cum_weights=self.country_cum)[0]
        day = self.start - dt.timedelta(days=self.rng.randrange(5 * 365))
        for _ in range(self.rng.randint(1, 4)):
            day += dt.timedelta(days=self.rng.randrange(2 * 365))
            end = day + dt.timedelta(days=self.rng.randint(365, 6 * 365))
            person.posts.append(self._post(country, day, end))
            day = end + dt.timedelta(days=1)
            if day > self.end:
                break
        return person

    def draw_persons(self, k: int, day: dt.date | None = None) -> list[Person]:
        """k distinct people by popularity; with `day`, people holding a post then, if any."""
        found: dict[str, Person] = {}
        for _ in range(20 * k):
            p = self.rng.choices(self.persons, cum_weights=self.person_cum)[0]
            if day is None or p.post_at(day) is not None:
                found.setdefault(p.node.key, p)
            if len(found) == k:
                break
        return list(found.values())

    def draw(self, items: list, cum: list[float], k: int) -> list:
        found: dict = {}
        for _ in range(10 * k):
            found.setdefault(self.rng.choices(items, cum_weights=cum)[0], None)
            if len(found) == k:
                break
        return list(found)

    def meeting(self, day: dt.date) -> Meeting:
        """A new meeting on `day` (or the existing one of the same place and date)."""
        place, code = self.rng.choices(self.places, cum_weights=self.place_cum)[0]
        r = self.rng.random()
        date = day.isoformat() if r < 0.85 else day.isoformat()[:7] if r < 0.95 else str(day.year)
        key = slug(f"{place.label} {date}")  # as kg.extract.meetings.meeting_node mints it
        if key in self.meetings:
            return self.meetings[key]
        attendees = self.draw_persons(self.rng.randint(2, 10), day)
        codes = list(dict.fromkeys(
            f.key for p in attendees if (post := p.post_at(day))
            for _, pred, f in post.facts if pred == "ofCountry" and f.kind == "country"))
        kind = self.rng.choice(KINDS).capitalize()
        m = Meeting(Node("meeting", key, f"{kind} à {place.label} ({date})"), day, date, place,
                    [self.countries[c] for c in codes[:6]] or [self.countries.get(code, Node("country", code, code))],
                    attendees, self.draw(self.threats, self.threat_cum, self.rng.randint(1, 3)))
        self.meetings[key] = m
        self.recent.append(m)
        return m


# ---------------------------------------------------------------------------------------
# Articles: sentences and the facts they support, as the extractors would emit them.

class _Text:
    """An article body written sentence by sentence; each sentence's span supports facts."""

    def __init__(self, rng) -> None:
        self.rng, self.parts, self.length = rng, [], 0

    def say(self, sentence: str) -> tuple[int, int]:
        sentence = sentence + self.rng.choice(FILLERS) + "."
        start = self.length
        self.parts.append(sentence)
        self.length += len(sentence) + 1
        return start, start + len(sentence)

    def text(self) -> str:
        return " ".join(self.parts)


def _and(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " et " + labels[-1]


def _person_facts(art: Node, person: Person, day: dt.date, span: tuple[int, int],
                  rng, former: bool) -> list[Fact]:
    """A person named in a sentence, the post they hold then, maybe their former post."""
    s, e = span
    facts = [Fact(art, "mentions", person.node, s, e)]
    posts = [("holdsRole", person.post_at(day))]
    if former:
        posts.append(("heldRole", person.former_at(day)))
    for pred, post in posts:
        if post is None:
            continue
        facts.append(Fact(person.node, pred, post.role, s, e))
        facts.append(Fact(art, "mentions", post.role, s, e))
        for subject, p, obj in post.facts:
            facts.append(Fact(subject, p, obj, s, e))
            facts.append(Fact(art, "mentions", obj, s, e))
    return facts


def _post_words(person: Person, day: dt.date) -> str:
    post = person.post_at(day)
    if post is None:
        return person.node.label
    where = next((o.label for _, p, o in post.facts if p in ("ofCountry", "ofOrganization")), "")
    return f"{person.node.label}, {post.role.label} ({where})"


def _meeting_facts(art: Node, m: Meeting, text: _Text, rng, main: bool) -> list[Fact]:
    s, e = text.say(f"{m.node.label.split(' à ')[0]} à {m.place.label} ({m.date}) : les représentants "
                    f"de {_and([c.label for c in m.countries])} ont évoqué "
                    f"{_and([t.label for t in m.threats])}")
    facts = [Fact(m.node, "date", Date(m.date), s, e), Fact(m.node, "heldIn", m.place, s, e),
             Fact(art, "mentions", m.node, s, e), Fact(art, "mentions", m.place, s, e)]
    for c in m.countries:
        facts += [Fact(m.node, "ofCountry", c, s, e), Fact(art, "mentions", c, s, e)]
    for t in m.threats:
        facts += [Fact(m.node, "concerns", t, s, e), Fact(art, "mentions", t, s, e)]
    share = rng.uniform(0.6, 1.0) if main else 0.3
    reported = m.attendees if main and len(m.attendees) <= 4 else \
        rng.sample(m.attendees, min(len(m.attendees), max(2, round(len(m.attendees) * share))))
    for person in reported:
        span = text.say(f"{_post_words(person, m.day)} a pris part à la {m.node.label.split(' à ')[0].lower()}")
        facts.append(Fact(person.node, "attends", m.node, *span))
        facts += _person_facts(art, person, m.day, span, rng, former=False)
    return facts


def article(world: World, index: int, day: dt.date) -> tuple[Article, list[Fact]]:
    """One article of `day`: its main meeting (new, or one reported by an earlier article),
    maybe earlier meetings in passing, other people, countries, organisations and places."""
    rng = world.rng
    art_id = f"{index:06d}_{day.isoformat()}"
    art = Node("article", art_id, art_id)
    text = _Text(rng)
    near = [m for m in world.recent[-30:] if 0 <= (day - m.day).days <= 7]
    main = rng.choice(near) if near and rng.random() < 0.3 else \
        world.meeting(day - dt.timedelta(days=rng.randrange(4)))
    facts = _meeting_facts(art, main, text, rng, main=True)
    for _ in range(rng.choice((0, 0, 1, 1, 2))):
        older = world.recent[rng.randrange(max(1, len(world.recent) - 1))]
        if older is not main:
            facts += _meeting_facts(art, older, text, rng, main=False)
    for person in world.draw_persons(rng.randint(0, 5)):
        span = text.say(f"{_post_words(person, day)} a réagi aux annonces")
        facts += _person_facts(art, person, day, span, rng, former=rng.random() < 0.2)
    named = [world.countries[c] for c in world.draw(COUNTRIES, world.country_cum, rng.randint(0, 3))]
    named += world.draw(world.orgs, world.org_cum, rng.randint(0, 3))
    named += [p for p, _ in world.draw(world.places, world.place_cum, rng.randint(0, 2))]
    for node in named:
        s, e = text.say(f"La question a également été abordée avec {node.label}")
        facts.append(Fact(art, "mentions", node, s, e))
    return Article(art_id, text.text(), day.isoformat()), facts


@dataclass
class Corpus:
    path: Path
    quads: int
    articles: int
    persons: int
    meetings: int
    first: str
    last: str
    digest: str
    person: str  # the person named by the most articles
    meeting: str  # the label of a meeting with the most attendees
    person_articles: int
    meeting_attendees: int
    meeting_threats: int


def generate(path: Path, n_quads: int, seed: int) -> Corpus:
    """Write about `n_quads` quads (whole articles) as N-Quads to `path`."""
    import random

    rng = random.Random(seed)
    start, end = dt.date(2005, 1, 1), dt.date(2024, 12, 31)
    world = World(rng, max(20, n_quads // 250), start, end)
    span = (end - start).days
    step = span * 1000 / n_quads  # days between articles, at ~1,000 quads each
    quads = index = 0
    digest = hashlib.sha256()
    mentions: Counter[str] = Counter()
    attendees: dict[str, set[str]] = {}
    threats: dict[str, set[str]] = {}
    with open(path, "w", encoding="utf-8") as out:
        while quads < n_quads:
            day = min(end, start + dt.timedelta(days=int(quads / n_quads * span + rng.random() * step)))
            art, facts = article(world, index, day)
            ds = build_dataset([(art, facts)])
            lines = sorted(ds.serialize(format="nquads").splitlines(keepends=True))
            lines = [line for line in lines if line.strip()]
            out.writelines(lines)
            for line in lines:
                digest.update(line.encode("utf-8"))
            quads += len(lines)
            index += 1
            for f in facts:
                if f.predicate == "attends":
                    attendees.setdefault(f.object.label, set()).add(f.subject.label)
                elif f.predicate == "concerns":
                    threats.setdefault(f.subject.label, set()).add(f.object.label)
            mentions.update({f.object.label for f in facts
                             if f.predicate == "mentions" and f.object.kind == "person"})
    person = min(mentions, key=lambda name: (-mentions[name], name))
    meeting = min(attendees, key=lambda label: (-len(attendees[label]), label))
    return Corpus(path, quads, index, len(mentions), len(world.meetings), start.isoformat(),
                  day.isoformat(), digest.hexdigest()[:16], person, meeting, mentions[person],
                  len(attendees[meeting]), len(threats.get(meeting, ())))


# ---------------------------------------------------------------------------------------
# Timing and comparing.

class _Overtime(BaseException):
    """Raised by the alarm in a rdflib query past its limit (not an Exception: nothing in
    rdflib or kg.query may swallow it)."""


def _alarm(signum, frame):
    raise _Overtime


def _concat_columns(query: str) -> dict[str, str]:
    """Columns computed by GROUP_CONCAT -> separator: their order is the engine's."""
    found = re.findall(r'GROUP_CONCAT\s*\(\s*(?:DISTINCT\s+)?\?\w+\s*(?:;\s*separator\s*=\s*"([^"]*)")?\s*\)'
                       r'\s*AS\s+\?(\w+)', query, re.I)
    return {col: sep or " " for sep, col in found}


def normalized(result, query: str) -> Counter:
    """Rows as a multiset, GROUP_CONCAT values with their items sorted."""
    concat = _concat_columns(query)
    index = {i: concat[c] for i, c in enumerate(result.columns) if c in concat}
    rows = []
    for row in result.rows:
        row = list(row)
        for i, sep in index.items():
            if row[i]:
                row[i] = sep.join(sorted(row[i].split(sep)))
        rows.append(tuple(row))
    return Counter(rows)


@dataclass
class Timing:
    times: list[float]  # seconds
    rows: Counter | None
    over: float | None = None  # the limit a run exceeded

    @property
    def median_ms(self) -> float | None:
        return None if self.over is not None else statistics.median(self.times) * 1000


def time_oxigraph(store: GraphStore, query: str, params: dict, runs: int) -> Timing:
    rows = normalized(run_store(store, query, params), query)  # warm-up
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        run_store(store, query, params)
        times.append(time.perf_counter() - t)
    return Timing(times, rows)


def time_rdflib(ds, query: str, params: dict, runs: int, limit: float) -> Timing:
    times: list[float] = []
    rows = None
    old = signal.signal(signal.SIGALRM, _alarm)
    try:
        for _ in range(runs):
            signal.setitimer(signal.ITIMER_REAL, limit)  # one shot: _Overtime is no Exception
            t = time.perf_counter()
            try:
                result = run(ds, query, params)
            except _Overtime:
                return Timing(times, rows, over=limit)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            times.append(time.perf_counter() - t)
            if rows is None:
                rows = normalized(result, query)
            if times[0] >= RDFLIB_QUICK_S:
                break
    finally:
        signal.signal(signal.SIGALRM, old)
    return Timing(times, rows)


def compare(ox: Counter, rd: Counter | None) -> str:
    if rd is None:
        return "unchecked (rdflib stopped)"
    if ox == rd:
        return f"same {sum(ox.values())} rows"
    only_ox, only_rd = ox - rd, rd - ox
    lines = [f"!!! MISMATCH: oxigraph {sum(ox.values())} rows, rdflib {sum(rd.values())} rows; "
             f"{sum(only_ox.values())} only in oxigraph, {sum(only_rd.values())} only in rdflib"]
    lines += [f"!!!   only in oxigraph: {r}" for r in list(only_ox)[:3]]
    lines += [f"!!!   only in rdflib:   {r}" for r in list(only_rd)[:3]]
    return "\n".join(lines)


def _times(ratio: float) -> str:
    return f"{ratio:.1f}x" if ratio < 100 else f"{ratio:,.0f}x"


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _du_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20


def _ms(value: float | None, over: float | None = None) -> str:
    if over is not None:
        return f">{over * 1000:,.0f}"
    return "-" if value is None else f"{value:,.1f}" if value < 1000 else f"{value:,.0f}"


# ---------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=1_000_000,
                        help="quads to generate (whole articles; default 1,000,000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--runs", type=int, default=11, help="timed Oxigraph runs per query (default 11)")
    parser.add_argument("--rdflib-runs", type=int, default=3,
                        help=f"rdflib runs per query when one takes under {RDFLIB_QUICK_S:.0f} s (default 3)")
    parser.add_argument("--rdflib-limit", type=float, default=120.0, metavar="SECONDS",
                        help="stop a rdflib run after this long (default 120)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="keep the generated N-Quads and the store in DIR (default: a temporary folder)")
    parser.add_argument("--only", nargs="+", metavar="QUERY", help="time only these canned queries")
    parser.add_argument("--no-rdflib", action="store_true", help="time Oxigraph only")
    args = parser.parse_args(argv)

    queries = canned_queries()
    names = args.only or list(queries)
    unknown = [n for n in names if n not in queries]
    if unknown:
        parser.error(f"unknown canned queries {', '.join(unknown)}; expected {', '.join(queries)}")
    work = args.keep or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        return _bench(args, queries, names, work)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def _bench(args, queries: dict[str, str], names: list[str], work: Path) -> int:
    print(f"machine: {os.cpu_count()} CPUs ({len(os.sched_getaffinity(0))} usable), Python "
          f"{sys.version.split()[0]}, pyoxigraph {_version('pyoxigraph')}, rdflib {_version('rdflib')}")
    nq = work / f"synthetic-{args.triples}-{args.seed}.nq"
    t = time.perf_counter()
    corpus = generate(nq, args.triples, args.seed)
    print(f"generated {corpus.quads:,} quads in {time.perf_counter() - t:.1f} s "
          f"({nq.stat().st_size / 2**20:,.0f} MB of N-Quads, sha256 {corpus.digest}…): "
          f"{corpus.articles:,} articles {corpus.first}…{corpus.last}, {corpus.persons:,} persons named, "
          f"{corpus.meetings:,} meetings")
    params = {"person": {"name": corpus.person}, "sources": {"name": corpus.person},
              "meeting": {"name": corpus.meeting}, "met-about": {"threat": "terrorisme"}}
    print(f"parameters: person/sources name={corpus.person!r} (named by {corpus.person_articles} articles); "
          f"meeting name={corpus.meeting!r} ({corpus.meeting_attendees} attendees, "
          f"{corpus.meeting_threats} threats); met-about threat='terrorisme'")

    # Oxigraph: bulk load, then query through the project's GraphStore.
    import pyoxigraph

    store_dir = work / "store"
    shutil.rmtree(store_dir, ignore_errors=True)
    rss = _rss_mb()
    t = time.perf_counter()
    raw = pyoxigraph.Store(str(store_dir))
    raw.bulk_load(path=str(nq), format=pyoxigraph.RdfFormat.N_QUADS)
    raw.flush()
    del raw
    ox: dict[str, Timing] = {}
    with GraphStore(store_dir) as store:  # opening it fills the merged default graph
        ox_load = time.perf_counter() - t
        print(f"oxigraph: bulk-loaded {len(store):,} quads in {len(store.articles()):,} graphs and "
              f"merged them in {ox_load:.1f} s ({corpus.quads / ox_load:,.0f} quads/s); "
              f"{_du_mb(store_dir):,.0f} MB on disk, "
              f"+{_rss_mb() - rss:,.0f} MB resident")
        for name in names:
            ox[name] = time_oxigraph(store, queries[name], params.get(name, {}), args.runs)
            print(f"  {name:20} {_ms(ox[name].median_ms):>9} ms median of {args.runs} "
                  f"(min {min(ox[name].times) * 1000:,.1f}), {sum(ox[name].rows.values()):,} rows", flush=True)
    if name_check := ox.get("meeting"):
        got = Counter(r[3] for r in name_check.rows.elements())
        print(f"  meeting: {got.get('attends', 0)} attendees and {got.get('concerns', 0)} threats "
              f"(the generator reported {corpus.meeting_attendees} and {corpus.meeting_threats})")

    rd: dict[str, Timing] = {}
    if not args.no_rdflib:
        rss = _rss_mb()
        t = time.perf_counter()
        ds = load(nq)
        rd_load = time.perf_counter() - t
        n = sum(len(g) for g in ds.graphs())
        print(f"rdflib: parsed {n:,} quads in {rd_load:.1f} s ({n / rd_load:,.0f} quads/s); "
              f"+{_rss_mb() - rss:,.0f} MB resident")
        print(f"  (at most {args.rdflib_runs} runs per query, 1 if a run takes over {RDFLIB_QUICK_S:.0f} s; "
              f"a run is stopped after {args.rdflib_limit:.0f} s)")
        for name in names:
            rd[name] = time_rdflib(ds, queries[name], params.get(name, {}), args.rdflib_runs,
                                   args.rdflib_limit)
            timing = rd[name]
            runs = f"{len(timing.times)} run{'s' * (len(timing.times) != 1)}"
            print(f"  {name:20} {_ms(timing.median_ms, timing.over):>9} ms ({runs}"
                  f"{', stopped' if timing.over else ''}); {compare(ox[name].rows, timing.rows)}", flush=True)

    print()
    print(f"summary at {corpus.quads:,} quads (targets: entity lookups < {LOOKUP_TARGET_MS:.0f} ms on "
          f"Oxigraph; every query >= {RATIO_TARGET:.0f}x faster on Oxigraph than on rdflib)")
    header = ("query", "oxigraph median ms", "rdflib median ms", "ratio", "target met")
    table = []
    failed = 0
    for name in names:
        o = ox[name].median_ms
        r = rd.get(name)
        if r is None:
            ratio, rtext, rd_ms = None, "-", "-"
        elif r.over is not None:
            ratio = r.over * 1000 / o
            rtext, rd_ms = f">{_times(ratio)}", _ms(None, r.over)
        else:
            ratio = r.median_ms / o
            rtext, rd_ms = _times(ratio), _ms(r.median_ms)
        ok = (ratio is None or ratio >= RATIO_TARGET) and (name not in LOOKUPS or o < LOOKUP_TARGET_MS)
        agree = r is None or r.rows is None or r.rows == ox[name].rows
        verdict = ("yes" if ok else "NO") + ("" if agree else " (ROWS DIFFER)") + \
            (" (unchecked)" if r is None else "")
        failed += not (ok and agree)
        label = f"{name} ({LOOKUPS[name]})" if name in LOOKUPS else name
        table.append((label, _ms(o), rd_ms, rtext, verdict))
    widths = [max(len(str(row[i])) for row in [header, *table]) for i in range(len(header))]
    print(" | ".join(h.ljust(w) for h, w in zip(header, widths)))
    print("-+-".join("-" * w for w in widths))
    for row in table:
        print(" | ".join(str(c).rjust(w) if 0 < i < 4 else str(c).ljust(w)
                         for i, (c, w) in enumerate(zip(row, widths))))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory (max RSS): {peak:,.0f} MB; CPUs: {os.cpu_count()}")
    if failed:
        print(f"{failed} quer{'ies' if failed != 1 else 'y'} missed a target or disagreed between the engines")
    return 0


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


if __name__ == "__main__":
    sys.exit(main())
