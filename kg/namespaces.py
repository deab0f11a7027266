"""The one table of prefixes: those queries may use without declaring them, those the
outputs are written with, and the namespaces other modules show terms in."""
from __future__ import annotations

import re

KGO = "https://w3id.org/newskg/ontology#"
KGR = "https://w3id.org/newskg/resource/"
KGT = "https://w3id.org/newskg/threat/"

#: Every namespace newskg names, by its usual prefix.
NAMESPACES = {
    "kgo": KGO,
    "kgt": KGT,
    "kgr": KGR,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
}

#: What a query may use without declaring it (`kg query`, the canned queries).
PREFIXES = {p: NAMESPACES[p] for p in ("kgo", "kgr", "kgt", "prov", "dcterms", "schema",
                                       "skos", "xsd", "rdf", "rdfs")}

#: Kinds of resource that get a prefix of their own in the outputs.
RESOURCE_KINDS = ("article", "person", "country", "place", "meeting", "org")
_OWNED = re.compile(rb"<" + re.escape(KGR.encode()) + rb"(role|ministry)/([A-Za-z0-9_-]+)/")


def output_prefixes(ntriples: bytes) -> dict[str, str]:
    """The prefixes to write N-Triples data as Turtle or TriG: one per kind of resource
    (`person:gerald-darmanin`, `country:BE`) and one per owner of posts and ministries
    the data names (`role-FR:ministre-interieur`, `ministry-BE:justice`), so that no
    local name needs an escaped "/"; IRIs no prefix fits (provenance records) are
    written whole."""
    prefixes = {k: v for k, v in PREFIXES.items() if k != "kgr"}
    for kind in RESOURCE_KINDS:
        prefixes[kind] = f"{KGR}{kind}/"
    for kind, owner in sorted(set(_OWNED.findall(ntriples))):
        prefixes[f"{kind.decode()}-{owner.decode()}"] = f"{KGR}{kind.decode()}/{owner.decode()}/"
    return prefixes
