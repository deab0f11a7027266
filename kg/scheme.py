"""The threat scheme's labels, read from ontology/threats.ttl."""
from __future__ import annotations

from functools import cache

from rdflib.namespace import SKOS

from .vocab import KGT, ontology_graph


def _key(concept) -> str:
    return str(concept)[len(str(KGT._NS)):]


@cache
def threat_labels() -> dict[str, str]:
    """French surface forms (prefLabel and altLabels) -> threat key."""
    g = ontology_graph()
    labels: dict[str, str] = {}
    for pred in (SKOS.prefLabel, SKOS.altLabel):
        for concept, label in sorted(g.subject_objects(pred)):
            if str(concept).startswith(str(KGT._NS)) and getattr(label, "language", None) == "fr":
                labels.setdefault(str(label), _key(concept))
    return labels


@cache
def threat_names() -> dict[str, str]:
    """Threat key -> French prefLabel."""
    g = ontology_graph()
    return {_key(c): str(label) for c, label in sorted(g.subject_objects(SKOS.prefLabel))
            if str(c).startswith(str(KGT._NS)) and getattr(label, "language", None) == "fr"}
