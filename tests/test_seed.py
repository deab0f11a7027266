"""End to end through the real French model, on the seed article (what users see)."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph

from kg.evaluate import roles_match
from kg.store import load
from kg.validate import problems
from kg.vocab import KGO, KGR, KGT

pytestmark = pytest.mark.model

ARTICLE = KGR["article/000_40aae90e35fefa69"]


@pytest.fixture(scope="module")
def graph(seed_build):
    out, _ = seed_build
    return load(out / "graph.trig").graph(ARTICLE)


def label(g, node) -> str:
    return str(g.value(node, RDFS.label))


def posts(g) -> set[tuple[str, str, str | None]]:
    found = set()
    for person, role in g.subject_objects(KGO.holdsRole):
        country = g.value(role, KGO.ofCountry)
        found.add((label(g, person), label(g, role), str(country).rsplit("/", 1)[-1] if country else None))
    return found


@pytest.mark.parametrize("person, role, country", [
    ("Alexander De Croo", "Premier ministre", "BE"),
    ("Jean Castex", "Premier ministre", "FR"),
    ("Gérald Darmanin", "ministre de l'Intérieur", "FR"),
    ("Eric Dupond-Moretti", "ministre de la Justice", "FR"),
    ("Florence Parly", "ministre des Armées", "FR"),
    ("Clément Beaune", "secrétaire d'État aux Affaires européennes", "FR"),
    ("Sammy Mahdi", "secrétaire d'État à l'Asile et la Migration", None),
])
def test_posts(graph, person, role, country):
    assert any(p == person and roles_match(role, r) and (country is None or c == country)
               for p, r, c in posts(graph)), sorted(posts(graph))


def test_beaune_is_a_secretary_of_state_for_european_affairs(graph):
    [(role,)] = [(r,) for p, r, _ in posts(graph) if p == "Clément Beaune"]
    assert role.startswith("secrétaire d'État") and "Affaires européennes" in role


def test_the_meeting(graph):
    meetings = {m for m in graph.objects(None, KGO.attends)}
    [main] = [m for m in meetings if label(graph, graph.value(m, KGO.heldIn)) == "Bruxelles"]
    attendees = {label(graph, p) for p in graph.subjects(KGO.attends, main)}
    assert {"Jean Castex", "Gérald Darmanin", "Eric Dupond-Moretti", "Florence Parly",
            "Clément Beaune"} <= attendees
    countries = {str(c).rsplit("/", 1)[-1] for c in graph.objects(main, KGO.ofCountry)}
    assert {"BE", "FR"} <= countries
    threats = set(graph.objects(None, KGO.concerns))
    assert {KGT.HybridThreat, KGT.CyberThreat, KGT.Jihadism, KGT.Terrorism,
            KGT.IrregularMigration} <= threats


def test_no_person_is_named_by_surname_alone(graph):
    names = {label(graph, p) for p in graph.subjects(None, KGO.Person)}
    names |= {label(graph, p) for p, _ in graph.subject_objects(KGO.holdsRole)}
    assert not names & {"Castex", "M. Castex", "De Croo"}
    assert all(len(n.split()) >= 2 for n in names)


def test_facts_carry_sentence_offsets(seed_build):
    out, _ = seed_build
    ds = load(out / "graph.trig")
    text = (Path(__file__).parent.parent / "seeds" / "000_40aae90e35fefa69.txt").read_text(
        encoding="utf-8")
    body = text[len(" date 2021-12 "):]
    castex = KGR["person/jean-castex"]
    g = ds.graph(ARTICLE)
    records = list(g.subjects(KGO.sentenceStart, None))
    assert records
    for record in records:
        start, end = int(g.value(record, KGO.sentenceStart)), int(g.value(record, KGO.sentenceEnd))
        assert 0 <= start < end <= len(body)
    supports = [r for r in records if g.value(r, RDF.subject) == castex
                and g.value(r, RDF.predicate) == KGO.holdsRole]
    assert supports
    start, end = int(g.value(supports[0], KGO.sentenceStart)), int(g.value(supports[0], KGO.sentenceEnd))
    assert "Jean Castex" in body[start:end]


def test_output_passes_the_shapes(seed_build):
    out, _ = seed_build
    assert problems(Graph().parse(out / "graph.ttl")) == []
