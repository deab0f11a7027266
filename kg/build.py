"""Facts -> RDF: one named graph per article, plus the merged default graph.

No spaCy here: the builder sees only `Article`s and `Fact`s.
"""
from __future__ import annotations

from collections.abc import Iterable

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SDO, SKOS

from .iri import CLASSES, iri, provenance_iri
from .scheme import threat_names
from .types import Article, Date, Fact, Node
from .vocab import KGO

_DATE_TYPES = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}

PREFIXES = {
    "kgo": "https://w3id.org/newskg/ontology#",
    "kgr": "https://w3id.org/newskg/resource/",
    "kgt": "https://w3id.org/newskg/threat/",
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "schema": str(SDO),
    "skos": str(SKOS),
    "xsd": str(XSD),
}


def date_literal(value: str) -> Literal:
    """"2021" -> xsd:gYear, "2021-12" -> xsd:gYearMonth, "2021-12-06" -> xsd:date."""
    return Literal(value, datatype=_DATE_TYPES[len(value)])


def bind_prefixes(graph: Graph) -> None:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)


def _labels(results: list[tuple[Article, list[Fact]]]) -> dict[URIRef, str]:
    """One label per IRI: the first the articles give, in article order."""
    labels: dict[URIRef, str] = {}
    names = threat_names()
    for article, facts in results:
        for fact in facts:
            for node in (fact.subject, fact.object):
                if isinstance(node, Node):
                    label = names.get(node.key, node.key) if node.kind == "threat" else node.label
                    labels.setdefault(iri(node), label)
    return labels


def build_dataset(results: Iterable[tuple[Article, list[Fact]]]) -> Dataset:
    """The dataset of per-article named graphs; its default graph stays empty."""
    results = sorted(results, key=lambda r: r[0].id)
    labels = _labels(results)
    ds = Dataset(default_union=True)  # queries see all articles by default
    bind_prefixes(ds)
    for article, facts in results:
        art = Node("article", article.id, article.id)
        art_iri = iri(art)
        g = ds.graph(art_iri)
        g.add((art_iri, RDF.type, KGO.Article))
        g.add((art_iri, RDFS.label, Literal(article.id, lang="fr")))
        g.add((art_iri, PROV.wasDerivedFrom, art_iri))
        if article.date:
            g.add((art_iri, KGO.date, date_literal(article.date)))
        if article.title:
            g.add((art_iri, DCTERMS.title, Literal(article.title, lang="fr")))
        if article.url:
            g.add((art_iri, SDO.url, Literal(article.url, datatype=XSD.anyURI)))
        nodes: set[Node] = set()
        for fact in facts:
            s = iri(fact.subject)
            o = date_literal(fact.object.value) if isinstance(fact.object, Date) else iri(fact.object)
            p = KGO[fact.predicate]
            g.add((s, p, o))
            nodes.add(fact.subject)
            if isinstance(fact.object, Node):
                nodes.add(fact.object)
            if fact.end > fact.start:
                support = provenance_iri(art, s, p, o, fact.start, fact.end)
                g.add((support, RDF.type, KGO.FactProvenance))
                g.add((support, RDF.subject, s))
                g.add((support, RDF.predicate, p))
                g.add((support, RDF.object, o))
                g.add((support, PROV.wasDerivedFrom, art_iri))
                g.add((support, KGO.sentenceStart, Literal(fact.start)))
                g.add((support, KGO.sentenceEnd, Literal(fact.end)))
                g.add((support, KGO.sentence, Literal(" ".join(article.text[fact.start:fact.end].split()))))
        for node in nodes - {art}:
            node_iri = iri(node)
            g.add((node_iri, RDF.type, CLASSES[node.kind][1]))
            g.add((node_iri, RDFS.label, Literal(labels[node_iri], lang="fr")))
            if node.kind == "threat":
                g.add((node_iri, SKOS.prefLabel, Literal(labels[node_iri], lang="fr")))
            g.add((art_iri, KGO.mentions, node_iri))
    return ds


def merged_graph(ds: Dataset) -> Graph:
    """The union of the article graphs without the per-fact provenance records."""
    merged = Graph()
    bind_prefixes(merged)
    support = {s for s, _, _, _ in ds.quads((None, RDF.type, KGO.FactProvenance, None))}
    for s, p, o, _ in ds.quads((None, None, None, None)):
        if s not in support:
            merged.add((s, p, o))
    return merged


def serialize_trig(ds: Dataset) -> bytes:
    """TriG with the named graphs in IRI order (rdflib's own order follows hashing, so
    it changes from run to run); each graph's body is rdflib's sorted Turtle."""
    chunks = [f"@prefix {p}: <{ns}> .\n" for p, ns in sorted({**PREFIXES, "rdf": str(RDF),
                                                             "rdfs": str(RDFS)}.items())]
    for graph in sorted(ds.graphs(), key=lambda g: str(g.identifier)):
        if not len(graph) or not isinstance(graph.identifier, URIRef):
            continue
        body = Graph()
        bind_prefixes(body)
        for triple in graph:
            body.add(triple)
        turtle = body.serialize(format="turtle")
        lines = [line for line in turtle.splitlines() if not line.startswith("@prefix")]
        text = "\n".join(("    " + line) if line else "" for line in lines).strip("\n")
        chunks.append(f"\n<{graph.identifier}> {{\n{text}\n}}\n")
    return "".join(chunks).encode("utf-8")
