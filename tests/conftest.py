"""Shared fixtures: hand-built spaCy Docs for rule tests, and one real build of the seeds."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

HERE = Path(__file__).parent
ROOT = HERE.parent
SEEDS = ROOT / "seeds"
DEV = HERE / "data" / "dev"


@pytest.fixture(scope="session")
def blank_fr():
    import spacy

    return spacy.blank("fr")


@pytest.fixture(scope="session")
def make_doc(blank_fr):
    """Build a Doc by hand: tokens from the blank French tokenizer, the given names
    tagged PER (and places LOC), a sentence start after each ". " and paragraph break.
    No statistical model is involved, so rule tests survive model upgrades."""
    from spacy.tokens import Doc

    def build(text: str, persons=(), places=(), orgs=()):
        doc = blank_fr(text)
        sent_starts = [True] + [
            doc[i - 1].text in (".", "!", "?") or "\n" in doc[i - 1].text for i in range(1, len(doc))]
        doc = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc],
                  sent_starts=sent_starts)
        spans = []
        for label, names in (("PER", persons), ("LOC", places), ("ORG", orgs)):
            for name in names:
                for m in re.finditer(re.escape(name), text):
                    span = doc.char_span(m.start(), m.end(), label=label)
                    assert span is not None, f"{name!r} does not align with tokens"
                    if not any(s.start < span.end and span.start < s.end for s in spans):
                        spans.append(span)
        doc.ents = sorted(spans, key=lambda s: s.start)
        return doc

    return build


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The seeds built once through the real pipeline: (output folder, report)."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("seed-build")
    report = build([SEEDS], out)
    return out, report


@pytest.fixture(scope="session")
def small_graph():
    """A small corpus built from hand-made facts (no model): four meetings.

    - Bruxelles, 2021-12, BE-FR, Terrorism + Jihadism: De Croo, Macron, Darmanin
    - Anvers, 2023-02-17, BE-NL, DrugTrafficking: De Croo, Rutte
    - Paris, 2023-05-05, BE-FR, Terrorism + Radicalisation: De Croo, Darmanin
    - Berlin, 2016, DE-FR, CyberThreat: Darmanin, Scholz
    """
    from kg.build import build_dataset
    from kg.types import Article, Date, Fact, Node

    def person(name):
        return Node("person", "-".join(name.lower().replace("é", "e").split()), name)

    def country(code):
        return Node("country", code, code)

    people = {n: person(n) for n in ("Alexander De Croo", "Emmanuel Macron", "Gérald Darmanin",
                                     "Mark Rutte", "Olaf Scholz")}
    meetings = [
        ("a1", "2021-12", "Réunion à Bruxelles (2021-12)", "bruxelles", ["BE", "FR"],
         ["Terrorism", "Jihadism"], ["Alexander De Croo", "Emmanuel Macron", "Gérald Darmanin"]),
        ("a2", "2023-02-17", "Sommet à Anvers (2023-02-17)", "anvers", ["BE", "NL"],
         ["DrugTrafficking"], ["Alexander De Croo", "Mark Rutte"]),
        ("a3", "2023-05-05", "Réunion à Paris (2023-05-05)", "paris", ["BE", "FR"],
         ["Terrorism", "Radicalisation"], ["Alexander De Croo", "Gérald Darmanin"]),
        ("a4", "2016", "Conseil à Berlin (2016)", "berlin", ["DE", "FR"], ["CyberThreat"],
         ["Gérald Darmanin", "Olaf Scholz"]),
    ]
    results = []
    for art_id, date, label, place, codes, threats, attendees in meetings:
        article = Article(art_id, f"Article {art_id}.", date)
        art = Node("article", art_id, art_id)
        meeting = Node("meeting", f"{place}-{date}", label)
        facts = [Fact(art, "mentions", meeting), Fact(meeting, "date", Date(date)),
                 Fact(meeting, "heldIn", Node("place", place, place.capitalize()))]
        facts += [Fact(meeting, "ofCountry", country(c)) for c in codes]
        facts += [Fact(meeting, "concerns", Node("threat", t, t)) for t in threats]
        facts += [Fact(people[n], "attends", meeting) for n in attendees]
        facts += [Fact(art, "mentions", people[n]) for n in attendees]
        results.append((article, facts))
    return build_dataset(results)
