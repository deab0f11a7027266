"""Checking a graph against the SHACL shapes of ontology/shapes.ttl."""
from __future__ import annotations

from rdflib import Graph

from .vocab import ontology_graph, shapes_graph


def problems(graph: Graph) -> list[str]:
    """One line per SHACL violation; empty when the graph conforms."""
    import pyshacl

    conforms, report, _ = pyshacl.validate(graph, shacl_graph=shapes_graph(),
                                           ont_graph=ontology_graph(), inference="none",
                                           advanced=True, allow_warnings=True)
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
