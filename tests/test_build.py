"""One article's graph from hand-made facts (no model), against a graph written by hand."""
from __future__ import annotations

import hashlib

from rdflib import Dataset, Graph, URIRef

from kg.build import article_nquads, build_dataset
from kg.types import Article, Date, Fact, Node

TEXT = "Gérald Darmanin, ministre de l'Intérieur, était à Calais le 3 mars."
ARTICLE = Article("a1", TEXT, "2023-03-03", title="Darmanin à Calais", url="https://example.org/a1")
DARMANIN = Node("person", "gerald-darmanin", "Gérald Darmanin")
INTERIEUR = Node("role", "FR/ministre-interieur", "ministre de l'Intérieur")
CALAIS = Node("meeting", "calais-2023-03-03", "Réunion à Calais (2023-03-03)")
FACTS = [Fact(DARMANIN, "holdsRole", INTERIEUR, 0, len(TEXT)),
         Fact(INTERIEUR, "ofCountry", Node("country", "FR", "France")),
         Fact(DARMANIN, "attends", CALAIS, 0, len(TEXT)),
         Fact(CALAIS, "date", Date("2023-03-03")),
         Fact(CALAIS, "heldIn", Node("place", "calais", "Calais")),
         Fact(CALAIS, "concerns", Node("threat", "IrregularMigration", "immigration"))]

KGR, KGO = "https://w3id.org/newskg/resource/", "https://w3id.org/newskg/ontology#"


def record(subject: str, predicate: str, obj: str) -> str:
    """A provenance record's IRI: the article's key and a digest of the fact and its span."""
    parts = [KGR + subject, KGO + predicate, KGR + obj, 0, len(TEXT)]
    return "a1/" + hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


EXPECTED = f"""
@prefix kgo: <{KGO}> .
@prefix kgr: <{KGR}> .
@prefix kgt: <https://w3id.org/newskg/threat/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

kgr:article\\/a1 {{
  kgr:article\\/a1 a kgo:Article ; rdfs:label "a1"@fr ; prov:wasDerivedFrom kgr:article\\/a1 ;
      kgo:date "2023-03-03"^^xsd:date ; dcterms:title "Darmanin à Calais"@fr ;
      schema:url "https://example.org/a1"^^xsd:anyURI ;
      kgo:mentions kgr:person\\/gerald-darmanin, kgr:role\\/FR\\/ministre-interieur, kgr:country\\/FR,
          kgr:meeting\\/calais-2023-03-03, kgr:place\\/calais, kgt:IrregularMigration .
  kgr:person\\/gerald-darmanin a kgo:Person ; rdfs:label "Gérald Darmanin"@fr ;
      kgo:holdsRole kgr:role\\/FR\\/ministre-interieur ; kgo:attends kgr:meeting\\/calais-2023-03-03 .
  kgr:role\\/FR\\/ministre-interieur a kgo:Role ; rdfs:label "ministre de l'Intérieur"@fr ;
      kgo:ofCountry kgr:country\\/FR .
  kgr:country\\/FR a kgo:Country ; rdfs:label "France"@fr .
  kgr:meeting\\/calais-2023-03-03 a kgo:Meeting ; rdfs:label "Réunion à Calais (2023-03-03)"@fr ;
      kgo:date "2023-03-03"^^xsd:date ; kgo:heldIn kgr:place\\/calais ;
      kgo:concerns kgt:IrregularMigration .
  kgr:place\\/calais a kgo:Place ; rdfs:label "Calais"@fr .
  # A threat's label is the scheme's, not the article's word for it.
  kgt:IrregularMigration a kgo:Threat ; rdfs:label "migration irrégulière"@fr ;
      skos:prefLabel "migration irrégulière"@fr .
  <{KGR}provenance/{record("person/gerald-darmanin", "holdsRole", "role/FR/ministre-interieur")}>
      a kgo:FactProvenance ; rdf:subject kgr:person\\/gerald-darmanin ; rdf:predicate kgo:holdsRole ;
      rdf:object kgr:role\\/FR\\/ministre-interieur ; prov:wasDerivedFrom kgr:article\\/a1 ;
      kgo:sentenceStart 0 ; kgo:sentenceEnd {len(TEXT)} ; kgo:sentence "{TEXT}" .
  <{KGR}provenance/{record("person/gerald-darmanin", "attends", "meeting/calais-2023-03-03")}>
      a kgo:FactProvenance ; rdf:subject kgr:person\\/gerald-darmanin ; rdf:predicate kgo:attends ;
      rdf:object kgr:meeting\\/calais-2023-03-03 ; prov:wasDerivedFrom kgr:article\\/a1 ;
      kgo:sentenceStart 0 ; kgo:sentenceEnd {len(TEXT)} ; kgo:sentence "{TEXT}" .
}}
"""


def assert_same(expected: Graph, actual: Graph) -> None:
    """No blank nodes here: the graphs are equal when their triples are."""
    only_expected, only_actual = set(expected) - set(actual), set(actual) - set(expected)
    assert not only_expected and not only_actual, (
        "only in expected:\n" + "\n".join(sorted(" ".join(t.n3() for t in x) for x in only_expected))
        + "\nonly in actual:\n" + "\n".join(sorted(" ".join(t.n3() for t in x) for x in only_actual)))


def test_an_article_graph_is_the_graph_written_by_hand():
    expected = Dataset().parse(data=EXPECTED, format="trig").graph(URIRef(KGR + "article/a1"))
    actual = Dataset().parse(data=article_nquads(ARTICLE, FACTS), format="nquads")
    assert_same(expected, actual.graph(URIRef(KGR + "article/a1")))


def test_the_dataset_is_parsed_from_what_the_build_writes():
    ds = build_dataset([(ARTICLE, FACTS)])
    written = Dataset().parse(data=article_nquads(ARTICLE, FACTS), format="nquads")
    name = URIRef(KGR + "article/a1")
    assert_same(written.graph(name), ds.graph(name))


def test_a_node_keeps_the_first_label_the_articles_give_it():
    renamed = Node("person", "gerald-darmanin", "G. Darmanin")
    later = Article("b2", "G. Darmanin était là.", "2023-04-01")
    ds = build_dataset([(later, [Fact(renamed, "attends", CALAIS, 0, 21)]), (ARTICLE, FACTS)])
    person = URIRef(KGR + "person/gerald-darmanin")
    labels = {(str(g), str(o)) for _, _, o, g in ds.quads((person, URIRef(
        "http://www.w3.org/2000/01/rdf-schema#label"), None, None))}
    assert labels == {(KGR + "article/a1", "Gérald Darmanin"), (KGR + "article/b2", "Gérald Darmanin")}
