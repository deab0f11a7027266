"""Checking a graph against the SHACL shapes of ontology/shapes.ttl."""
from __future__ import annotations

from rdflib import Graph

from .vocab import ontology_graph, shapes_graph


def problems(graph: Graph, inplace: bool = False) -> list[str]:
    """One line per SHACL violation; empty when the graph conforms.

    With `inplace`, pyshacl mixes the ontology into `graph` itself instead of a copy
    (faster on big graphs; the caller must not use `graph` afterwards)."""
    import pyshacl

    conforms, report, _ = pyshacl.validate(graph, shacl_graph=shapes_graph(),
                                           ont_graph=ontology_graph(), inference="none",
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
