"""Checking a graph against the SHACL shapes of ontology/shapes.ttl."""
from __future__ import annotations

from functools import cache

from rdflib import RDFS, Graph, URIRef

from .vocab import KGT, ontology_graph, shapes_graph


@cache
def _hierarchy() -> tuple:
    return tuple(ontology_graph().triples((None, RDFS.subClassOf, None)))


def article_problems(graph: Graph) -> list[str]:
    """`problems` of one article's graph, faster: instead of the whole ontology, only
    what the shapes read from it is mixed in (the class hierarchy, and the scheme
    triples of the threat concepts the graph names). The graph is changed."""
    ontology = ontology_graph()
    for triple in _hierarchy():
        graph.add(triple)
    threats = {o for o in graph.objects() if isinstance(o, URIRef) and o.startswith(str(KGT))}
    for concept in threats:
        for triple in ontology.triples((concept, None, None)):
            graph.add(triple)
    return _report(graph, None)


def problems(graph: Graph, inplace: bool = False) -> list[str]:
    """One line per SHACL violation; empty when the graph conforms.

    With `inplace`, pyshacl mixes the ontology into `graph` itself instead of a copy
    (faster on big graphs; the caller must not use `graph` afterwards)."""
    return _report(graph, ontology_graph(), inplace)


def _report(graph: Graph, ontology: Graph | None, inplace: bool = True) -> list[str]:
    import pyshacl

    conforms, report, _ = pyshacl.validate(graph, shacl_graph=shapes_graph(),
                                           ont_graph=ontology, inference="none",
                                           advanced=True, allow_warnings=True, inplace=inplace)
    if conforms:
        return []
    from rdflib.namespace import SH

    lines = []
    for result in report.subjects(predicate=None, object=SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        lines.append(f"{focus} {path or ''}: {message}")
    return sorted(lines) or ["the graph does not conform to the shapes"]
