"""The one place that mints IRIs (CONTRACT.md, "Classes")."""
from __future__ import annotations

import hashlib

from rdflib import URIRef

from .types import Node
from .vocab import KGO, KGR, KGT

#: Node kind -> (path segment under kgr:, ontology class).
CLASSES = {
    "article": ("article", KGO.Article),
    "person": ("person", KGO.Person),
    "role": ("role", KGO.Role),
    "ministry": ("ministry", KGO.Ministry),
    "country": ("country", KGO.Country),
    "org": ("org", KGO.Organization),
    "place": ("place", KGO.Place),
    "meeting": ("meeting", KGO.Meeting),
    "threat": ("", KGO.Threat),
}


def _safe(key: str) -> str:
    """Keys are slugs already; anything that isn't (an empty slug) gets a stable digest."""
    if key and all(c.isalnum() and c.isascii() or c in "-/_." for c in key):
        return key
    return "x" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def iri(node: Node) -> URIRef:
    """`kgr:person/alexander-de-croo`, `kgr:country/BE`, `kgt:Terrorism`, ..."""
    if node.kind == "threat":
        return KGT[node.key]
    segment, _ = CLASSES[node.kind]
    return KGR[f"{segment}/{_safe(node.key)}"]


def provenance_iri(article: Node, *parts: object) -> URIRef:
    """A stable IRI for the support of one fact in one article."""
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]
    return KGR[f"provenance/{_safe(article.key)}/{digest}"]
