"""JSON-LD: the context newskg publishes beside its ontology, and compact documents.

`ontology/context.jsonld` is generated from the ontology (`python -m kg.jsonld`; a test
checks it is current): a term per class and property of kgo:, with object properties
typed `@id` and labels in French, and a prefix per kind of resource. Exported JSON-LD
carries the context inline, so no reader fetches anything to understand it.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from .namespaces import KGO, KGR, PREFIXES, RESOURCE_KINDS

TARGET = Path(__file__).resolve().parent.parent / "ontology" / "context.jsonld"


def context() -> dict:
    """The JSON-LD context of newskg graphs, from the ontology."""
    from rdflib import OWL, RDF

    from .vocab import ontology_graph

    onto = ontology_graph()
    terms: dict[str, object] = {p: ns for p, ns in sorted(PREFIXES.items()) if p != "kgr"}
    for kind in RESOURCE_KINDS:
        terms[kind] = f"{KGR}{kind}/"
    terms["role"] = f"{KGR}role/"
    terms["ministry"] = f"{KGR}ministry/"
    for kind, typed in ((OWL.Class, None), (OWL.ObjectProperty, "@id"),
                        (OWL.DatatypeProperty, None)):
        for term in sorted(str(t) for t in onto.subjects(RDF.type, kind)):
            if not str(term).startswith(KGO):
                continue
            name = str(term)[len(KGO):]
            terms[name] = {"@id": f"kgo:{name}", "@type": typed} if typed else f"kgo:{name}"
    terms["label"] = {"@id": "rdfs:label", "@language": "fr"}
    terms["prefLabel"] = {"@id": "skos:prefLabel", "@language": "fr"}
    terms["wasDerivedFrom"] = {"@id": "prov:wasDerivedFrom", "@type": "@id"}
    return {"@context": terms}


def render() -> str:
    return json.dumps(context(), ensure_ascii=False, indent=2) + "\n"


def _sorted(value):
    """A JSON-LD document in a stable order (rdflib's follows hashing)."""
    if isinstance(value, dict):
        return {k: _sorted(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_sorted(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def compact(ds) -> bytes:
    """A dataset (or graph) as compact JSON-LD with the published context inline."""
    ctx = context()["@context"]
    document = json.loads(ds.serialize(format="json-ld", context=ctx, auto_compact=True))
    if isinstance(document, dict):
        body = {k: v for k, v in document.items() if k != "@context"}
        document = {"@context": ctx, **_sorted(body)}
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        sys.exit(0 if TARGET.read_text(encoding="utf-8") == render() else 1)
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")
