"""The ontology files, the generated vocabulary and the SHACL shapes."""
from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from kg import _genvocab
from kg.validate import problems
from kg.vocab import KGO, KGR, KGT, ontology_graph

CONTRACT_THREATS = {"Terrorism", "Jihadism", "Radicalisation", "ViolentExtremism", "HybridThreat",
                    "CyberThreat", "Disinformation", "IrregularMigration", "MigrantSmuggling",
                    "HumanTrafficking", "OrganisedCrime", "DrugTrafficking", "ArmsTrafficking",
                    "Espionage", "MoneyLaundering"}


def test_generated_vocabulary_is_in_sync_with_the_turtle():
    assert _genvocab.TARGET.read_text(encoding="utf-8") == _genvocab.render(), \
        "kg/vocab.py is stale: run `make vocab`"


def test_vocabulary_is_closed():
    with pytest.raises(AttributeError):
        KGO.holdsRol  # noqa: B018


@pytest.mark.parametrize("kind", [OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty])
def test_every_term_has_french_and_english_labels_and_comments(kind):
    g = ontology_graph()
    terms = [t for t in g.subjects(RDF.type, kind) if str(t).startswith(str(KGO._NS))]
    assert terms
    for term in terms:
        for pred in (RDFS.label, RDFS.comment):
            langs = {v.language for v in g.objects(term, pred)}
            assert {"fr", "en"} <= langs, f"{term} lacks a {pred} in fr or en"


def test_contract_alignments():
    g = ontology_graph()
    org = "http://www.w3.org/ns/org#"
    assert (KGO.holdsRole, RDFS.subPropertyOf, URIRef(org + "holds")) in g
    assert (KGO.Role, RDFS.subClassOf, URIRef(org + "Post")) in g
    assert (KGO.ofMinistry, RDFS.subPropertyOf, URIRef(org + "postIn")) in g


def test_threat_scheme_has_the_contract_concepts_with_labels():
    g = ontology_graph()
    concepts = {str(c)[len(str(KGT._NS)):] for c in g.subjects(RDF.type, SKOS.Concept)}
    assert concepts == CONTRACT_THREATS
    seen: dict[str, str] = {}
    for key in CONTRACT_THREATS:
        concept = KGT[key]
        assert (concept, RDF.type, KGO.Threat) in g
        assert {v.language for v in g.objects(concept, SKOS.prefLabel)} == {"fr", "en"}
        alts = [str(v) for v in g.objects(concept, SKOS.altLabel)]
        assert len(alts) >= 3, key
        for alt in alts:
            assert seen.setdefault(alt, key) == key, f"{alt!r} is a label of {seen[alt]} and {key}"


def conforming() -> Graph:
    g = Graph()
    person, role, ministry = KGR["person/jane-doe"], KGR["role/FR/ministre-interieur"], KGR["ministry/FR/interieur"]
    meeting, place, country = KGR["meeting/paris-2021-12"], KGR["place/paris"], KGR["country/FR"]
    for node, cls, label in ((person, KGO.Person, "Jane Doe"), (role, KGO.Role, "ministre de l'Intérieur"),
                             (ministry, KGO.Ministry, "ministère de l'Intérieur"),
                             (meeting, KGO.Meeting, "Réunion à Paris"), (place, KGO.Place, "Paris"),
                             (country, KGO.Country, "France")):
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(label, lang="fr")))
    g.add((person, KGO.holdsRole, role))
    g.add((role, KGO.ofMinistry, ministry))
    g.add((role, KGO.ofCountry, country))
    g.add((ministry, KGO.ofCountry, country))
    g.add((person, KGO.attends, meeting))
    g.add((meeting, KGO.heldIn, place))
    g.add((meeting, KGO.concerns, KGT.Terrorism))
    g.add((KGT.Terrorism, RDF.type, KGO.Threat))  # built graphs type the threats they use
    g.add((meeting, KGO.date, Literal("2021-12", datatype=XSD.gYearMonth)))
    return g


def test_a_conforming_graph_passes():
    assert problems(conforming()) == []


def _two_labels(g):
    g.add((KGR["person/jane-doe"], RDFS.label, Literal("J. Doe", lang="fr")))


def _untagged_label(g):
    g.remove((KGR["place/paris"], RDFS.label, None))
    g.add((KGR["place/paris"], RDFS.label, Literal("Paris")))


def _plain_date(g):
    g.set((KGR["meeting/paris-2021-12"], KGO.date, Literal("décembre 2021")))


def _not_a_threat(g):
    g.add((KGR["meeting/paris-2021-12"], KGO.concerns, KGR["place/paris"]))


def _bad_country_iri(g):
    g.add((KGR["country/fra"], RDF.type, KGO.Country))
    g.add((KGR["country/fra"], RDFS.label, Literal("France", lang="fr")))


def _ministry_without_country(g):
    g.remove((KGR["ministry/FR/interieur"], KGO.ofCountry, None))


@pytest.mark.parametrize("break_it", [_two_labels, _untagged_label, _plain_date, _not_a_threat,
                                      _bad_country_iri, _ministry_without_country])
def test_broken_graphs_fail(break_it):
    g = conforming()
    break_it(g)
    assert problems(g), f"{break_it.__name__} should violate the shapes"
