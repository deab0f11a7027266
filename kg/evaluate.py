"""Scoring a built graph against gold annotations (`*.gold.json`, CONTRACT.md).

The categories and matching rules are those of the project's reference scorer, so the
figures agree with it: each article is scored on its own named graph, counts are summed
over articles (micro-average), and the headline is the macro F1 over persons,
roles+country, attends and concerns.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, Dataset, URIRef
from rdflib.namespace import SKOS

from .errors import InputError
from .vocab import KGO, KGR

HEADLINE = ("persons", "roles+country", "attends", "concerns")
CATEGORIES = ("persons", "roles", "roles+country", "attends", "concerns", "meeting-place",
              "countries", "organizations")

# Words that carry no identity in a post's label, and words that change its rank.
_ROLE_STOP = ("de du des la le les l d à a au aux en et chargé auprès ministre belge français "
              "néerlandais allemand britannique italien espagnol luxembourgeois fédéral").split()
_RANK = "vice adjoint secrétaire état délégué sous haut commissaire porte parole ancien général".split()
_SYNONYMS = (("garde des sceaux", "justice"), ("chef de la diplomatie", "affaires etrangeres"),
             ("cheffe de la diplomatie", "affaires etrangeres"), ("premiere ministre", "premier"),
             ("premier ministre", "premier"), ("defense", "armees defense"),
             ("armees", "armees defense"))


def fold(text: str) -> str:
    """Lower case, no accents, hyphens and apostrophes as spaces, single spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[\-'’`.,()]", " ", text).split())


def _stem(word: str) -> str:
    """Fold French gender and number: chancelière ~ chancelier."""
    if word.endswith("s") and len(word) > 3:
        word = word[:-1]
    for end, repl in (("enne", "en"), ("effe", "ef"), ("ere", "er")):
        if word.endswith(end):
            return word[: -len(end)] + repl
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


_STOP = {_stem(fold(w)) for w in _ROLE_STOP}
_RANKS = {_stem(fold(w)) for w in _RANK}


def _role_words(label: str) -> frozenset[str]:
    text = fold(label)
    for phrase, repl in _SYNONYMS:
        text = text.replace(phrase, repl)
    return frozenset(w for w in map(_stem, text.split()) if w not in _STOP and len(w) > 1)


def roles_match(gold: str, found: str) -> bool:
    """Loose comparison of post labels: same identity words, no added rank word."""
    g, f = _role_words(gold), _role_words(found)
    if not g or not f:
        return fold(gold) == fold(found)
    small, large = sorted((g, f), key=len)
    if small <= large and not (large - small) & _RANKS:
        return True
    return len(g & f) / len(g | f) > 0.5


def same_person(gold: str, found: str) -> bool:
    return fold(gold) == fold(found)


def same_name(gold: str, found: str) -> bool:
    """Equal, or one contains the other as whole words ("l'Union européenne")."""
    g, f = fold(gold), fold(found)
    return g == f or f" {g} " in f" {f} " or f" {f} " in f" {g} "


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Outcome:
    """One category of one article: what was matched, missed and extra."""

    tp: int
    missed: list
    extra: list


def match(gold: Sequence, found: Sequence, same: Callable, optional: Sequence = ()) -> Outcome:
    """Greedy one-to-one matching; extras that match an optional gold item are ignored."""
    left = list(found)
    tp, missed = 0, []
    for g in gold:
        hit = next((f for f in left if same(g, f)), None)
        if hit is None:
            missed.append(g)
        else:
            left.remove(hit)
            tp += 1
    extra = [f for f in left if not any(same(o, f) for o in optional)]
    return Outcome(tp, missed, extra)


class _ArticleGraph:
    """What the graph asserts in one article's named graph."""

    def __init__(self, ds: Dataset, union, article: URIRef) -> None:
        self.g = ds.graph(article)
        self.union = union

    def label(self, node) -> str:
        for pred in (RDFS.label, SKOS.prefLabel):
            for value in self.union.objects(node, pred):
                return str(value)
        return str(node).rstrip("/").rsplit("/", 1)[-1]

    def typed(self, cls) -> set:
        return {n for t in self.g for n in (t[0], t[2])
                if isinstance(n, URIRef) and (n, RDF.type, cls) in self.union}

    def country_of(self, role) -> str | None:
        for c in self.union.objects(role, KGO.ofCountry):
            return str(c).rsplit("/", 1)[-1]
        for ministry in self.union.objects(role, KGO.ofMinistry):
            for c in self.union.objects(ministry, KGO.ofCountry):
                return str(c).rsplit("/", 1)[-1]
        return None

    def results(self) -> dict[str, list]:
        g = self.g
        country_base = str(KGR) + "country/"
        return {
            "persons": sorted({self.label(p) for p in self.typed(KGO.Person)}),
            "roles": sorted({(self.label(p), self.label(r), self.country_of(r))
                             for p, r in g.subject_objects(KGO.holdsRole)}, key=str),
            "attends": sorted({self.label(p) for p in g.subjects(KGO.attends, None)}),
            "concerns": sorted({str(t).rsplit("/", 1)[-1] for t in g.objects(None, KGO.concerns)}),
            "meeting-place": sorted({self.label(p) for p in g.objects(None, KGO.heldIn)}),
            "countries": sorted({str(n)[len(country_base):] for t in g for n in t
                                 if isinstance(n, URIRef) and str(n).startswith(country_base)}),
            "organizations": sorted({self.label(o) for o in self.typed(KGO.Organization)}),
        }


@dataclass
class Report:
    tallies: dict[str, Tally] = field(default_factory=lambda: {c: Tally() for c in CATEGORIES})
    articles: dict[str, dict[str, Outcome]] = field(default_factory=dict)

    @property
    def macro_f1(self) -> float:
        return sum(self.tallies[c].f1 for c in HEADLINE) / len(HEADLINE)

    def table(self) -> str:
        lines = [f"{'category':15}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>7}{'R':>7}{'F1':>7}"]
        for name, t in self.tallies.items():
            lines.append(f"{name:15}{t.tp:5}{t.fp:5}{t.fn:5}{t.precision:7.2f}{t.recall:7.2f}{t.f1:7.2f}")
        lines.append(f"macro F1 ({', '.join(HEADLINE)}): {self.macro_f1:.3f}")
        return "\n".join(lines)

    def details(self) -> str:
        lines = []
        for article, outcomes in self.articles.items():
            lines.append(f"== {article}")
            for name, o in outcomes.items():
                if o.missed or o.extra:
                    lines.append(f"  {name:14} missed: {o.missed}")
                    lines.append(f"  {'':14} extra:  {o.extra}")
        return "\n".join(lines)

    def as_json(self) -> dict:
        return {c: {"tp": t.tp, "fp": t.fp, "fn": t.fn, "p": round(t.precision, 3),
                    "r": round(t.recall, 3), "f1": round(t.f1, 3)}
                for c, t in self.tallies.items()} | {"macro_f1": round(self.macro_f1, 3)}


def gold_files(corpus: Path) -> list[Path]:
    golds = sorted(Path(corpus).glob("*.gold.json"))
    if not golds:
        raise InputError(f"{corpus}: no *.gold.json files")
    return golds


def score(ds: Dataset, golds: Sequence[Path]) -> Report:
    """Score a dataset of per-article named graphs against gold files."""
    union = Dataset()
    for quad in ds.quads((None, None, None, None)):
        union.add(quad[:3])
    report = Report()
    for path in golds:
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise InputError(f"{path}: not a readable gold file ({e})") from e
        stem = path.name[: -len(".gold.json")]
        found = _ArticleGraph(ds, union, KGR[f"article/{stem}"]).results()

        def role_same(g, f):
            return same_person(g["person"], f[0]) and roles_match(g["role"], f[1])

        def role_country_same(g, f):
            return role_same(g, f) and (g["country"] is None or g["country"] == f[2])

        meetings = gold["meetings"]
        attendees = sorted({a for m in meetings for a in m["attendees"]})
        optional = [a for m in meetings for a in m.get("attendees_optional", [])]
        outcomes = {
            "persons": match(gold["persons"], found["persons"], same_person),
            "roles": match(gold["roles"], found["roles"], role_same),
            "roles+country": match(gold["roles"], found["roles"], role_country_same),
            "attends": match(attendees, found["attends"], same_person, optional),
            "concerns": match(sorted({t for m in meetings for t in m["threats"]}),
                              found["concerns"], str.__eq__),
            "meeting-place": match(sorted({m["place"] for m in meetings if m.get("place")}),
                                   found["meeting-place"], same_name),
            "countries": match(sorted(set(gold["countries"])), found["countries"], str.__eq__),
            "organizations": match(gold["organizations"], found["organizations"], same_name),
        }
        for name, o in outcomes.items():
            t = report.tallies[name]
            t.tp += o.tp
            t.fp += len(o.extra)
            t.fn += len(o.missed)
        report.articles[stem] = outcomes
    return report
