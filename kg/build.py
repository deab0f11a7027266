"""Facts -> RDF: one named graph per article, plus the merged default graph.

No spaCy here: the builder sees only `Article`s and `Fact`s.
"""
from __future__ import annotations

import io
from collections.abc import Iterable
from functools import cache

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SDO, SKOS

from .iri import CLASSES, iri, iri_text, provenance_text
from .namespaces import PREFIXES
from .ntriples import literal
from .scheme import threat_names
from .types import Article, Date, Fact, Node
from .vocab import KGO

_DATE_TYPES = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}

def bind_prefixes(graph: Graph) -> None:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)


def _labels(results: list[tuple[Article, list[Fact]]]) -> dict[URIRef, str]:
    """One label per IRI: the first the articles give, in article order."""
    labels: dict[URIRef, str] = {}
    names = threat_names()
    for _article, facts in results:
        for fact in facts:
            for node in (fact.subject, fact.object):
                if isinstance(node, Node):
                    label = names.get(node.key, node.key) if node.kind == "threat" else node.label
                    labels.setdefault(iri(node), label)
    return labels


# --- one article as N-Quads: what a worker returns ----------------------------------------

_A, _LABEL, _PREF_LABEL = f"<{RDF.type}>", f"<{RDFS.label}>", f"<{SKOS.prefLabel}>"
_ARTICLE, _RECORD = f"<{KGO.Article}>", f"<{KGO.FactProvenance}>"
_DERIVED, _MENTIONS = f"<{PROV.wasDerivedFrom}>", f"<{KGO.mentions}>"
_RDF_S, _RDF_P, _RDF_O = f"<{RDF.subject}>", f"<{RDF.predicate}>", f"<{RDF.object}>"
_START, _END, _SENTENCE = f"<{KGO.sentenceStart}>", f"<{KGO.sentenceEnd}>", f"<{KGO.sentence}>"
_INTEGER = f"^^<{XSD.integer}>"
_CLASS = {kind: f"<{cls}>" for kind, (_, cls) in CLASSES.items()}


def _nt_term(node: Node | Date) -> str:
    if isinstance(node, Date):
        return literal(node.value, datatype=str(_DATE_TYPES[len(node.value)]))
    return f"<{iri_text(node)}>"


@cache
def _nt_property(name: str) -> str:
    return f"<{KGO[name]}>"


def article_nquads(article: Article, facts: Iterable[Fact]) -> bytes:
    """The named graph of one article as sorted N-Quads lines.

    A pure function of the article and its facts: the same graph `build_dataset` gives
    the article, except that a node's label is the first this article gives (the merge
    in kg.assemble then makes each IRI keep one label across articles).
    """
    names = threat_names()
    art = Node("article", article.id, article.id)
    art_iri = iri_text(art)
    g = f" <{art_iri}> .\n"
    lines: list[bytes] = []  # UTF-8 bytes sort as their text does; duplicates go when sorted

    def add(s: str, p: str, o: str) -> None:
        lines.append((s + " " + p + " " + o + g).encode("utf-8"))

    a = f"<{art_iri}>"
    add(a, _A, _ARTICLE)
    add(a, _LABEL, literal(article.id, lang="fr"))
    add(a, _DERIVED, a)
    if article.date:
        add(a, f"<{KGO.date}>", _nt_term(Date(article.date)))
    if article.title:
        add(a, f"<{DCTERMS.title}>", literal(article.title, lang="fr"))
    if article.url:
        add(a, f"<{SDO.url}>", literal(article.url, datatype=str(XSD.anyURI)))
    labels: dict[str, tuple[Node, str]] = {}  # IRI -> one node and its label, the first given
    for fact in facts:
        for node in (fact.subject, fact.object):
            if isinstance(node, Node) and node != art:
                labels.setdefault(iri_text(node), (node, names.get(node.key, node.key)
                                                   if node.kind == "threat" else node.label))
        s_iri = iri_text(fact.subject)
        s, p, o = f"<{s_iri}>", _nt_property(fact.predicate), _nt_term(fact.object)
        add(s, p, o)
        if fact.end > fact.start:
            o_value = fact.object.value if isinstance(fact.object, Date) else iri_text(fact.object)
            support = f"<{provenance_text(art, s_iri, p[1:-1], o_value, fact.start, fact.end)}>"
            add(support, _A, _RECORD)
            add(support, _RDF_S, s)
            add(support, _RDF_P, p)
            add(support, _RDF_O, o)
            add(support, _DERIVED, a)
            add(support, _START, f'"{fact.start}"{_INTEGER}')
            add(support, _END, f'"{fact.end}"{_INTEGER}')
            add(support, _SENTENCE, literal(" ".join(article.text[fact.start:fact.end].split())))
    for node_iri, (node, label) in labels.items():
        n = f"<{node_iri}>"
        add(n, _A, _CLASS[node.kind])
        add(n, _LABEL, literal(label, lang="fr"))
        if node.kind == "threat":
            add(n, _PREF_LABEL, literal(label, lang="fr"))
        add(a, _MENTIONS, n)
    # A long article has a million lines: sorted in place (a list, not a set), then
    # written out one by one, each let go of as it is written, duplicates skipped, so that
    # the lines and the chunk are not both whole in memory.
    lines.sort(reverse=True)
    out, last = io.BytesIO(), b""
    while lines:
        line = lines.pop()
        if line != last:
            out.write(line)
        last = line
    return out.getvalue()


def build_dataset(results: Iterable[tuple[Article, list[Fact]]]) -> Dataset:
    """The dataset of per-article named graphs, parsed from what `article_nquads` writes
    (the one writer of facts as RDF), each IRI keeping the first label the articles give
    it in article order, as `kg build` merges them; its default graph stays empty."""
    results = sorted(results, key=lambda r: r[0].id)
    labels = _labels(results)
    ds = Dataset(default_union=True)  # queries see all articles by default
    bind_prefixes(ds)
    for article, facts in results:
        ds.parse(data=article_nquads(article, facts), format="nquads")
        g = ds.graph(iri(Node("article", article.id, article.id)))
        for predicate in (RDFS.label, SKOS.prefLabel):
            for node in set(g.subjects(predicate, None)):
                if isinstance(node, URIRef) and node in labels:  # only IRIs have labels
                    g.set((node, predicate, Literal(labels[node], lang="fr")))
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
