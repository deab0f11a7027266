"""The threat scheme's labels, read from ontology/threats.ttl."""
from __future__ import annotations

from functools import cache

from rdflib import URIRef
from rdflib.namespace import SKOS

from .vocab import KGT, ontology_graph


def _concepts() -> list[URIRef]:
    """The concepts of the threat scheme, in a stable order."""
    return sorted(c for c in ontology_graph().subjects(SKOS.inScheme, KGT.scheme) if isinstance(c, URIRef))


def _key(concept: URIRef) -> str:
    return str(concept)[len(str(KGT._NS)):]


def _french(concept: URIRef, pred: URIRef) -> list[str]:
    return sorted(str(v) for v in ontology_graph().objects(concept, pred)
                  if getattr(v, "language", None) == "fr")


@cache
def threat_labels() -> dict[str, str]:
    """French surface forms (prefLabel and altLabels) -> threat key."""
    labels: dict[str, str] = {}
    for concept in _concepts():
        for label in _french(concept, SKOS.prefLabel) + _french(concept, SKOS.altLabel):
            labels.setdefault(label, _key(concept))
    return labels


@cache
def threat_names() -> dict[str, str]:
    """Threat key -> French prefLabel."""
    return {_key(c): _french(c, SKOS.prefLabel)[0] for c in _concepts()}
