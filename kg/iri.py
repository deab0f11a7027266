"""The one place that mints IRIs (CONTRACT.md, "Classes")."""
from __future__ import annotations

import hashlib
import re

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


_SLUG = re.compile(r"[A-Za-z0-9/_.-]+")


def _safe(key: str) -> str:
    """Keys are slugs already; anything that isn't (an empty slug) gets a stable digest."""
    if _SLUG.fullmatch(key):
        return key
    return "x" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


_SEGMENT = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_.~-]*[A-Za-z0-9])?")


def sound(node: Node) -> bool:
    """Whether a node's key makes a whole IRI: no empty or punctuation-only part
    (`kgr:ministry/BE/` is not an IRI of a ministry)."""
    return all(_SEGMENT.fullmatch(part) for part in node.key.split("/"))


_KGR, _KGT = str(KGR), str(KGT)
_SEGMENTS = {kind: f"{_KGR}{segment}/" for kind, (segment, _) in CLASSES.items()}


def iri_text(node: Node) -> str:
    """The IRI of a node as a plain string (see `iri`)."""
    if node.kind == "threat":
        return _KGT + node.key
    return _SEGMENTS[node.kind] + _safe(node.key)


def iri(node: Node) -> URIRef:
    """`kgr:person/alexander-de-croo`, `kgr:country/BE`, `kgt:Terrorism`, ..."""
    return URIRef(iri_text(node))


def provenance_text(article: Node, *parts: object) -> str:
    """A stable IRI for the support of one fact in one article: the article's key and a
    digest of the fact and its span (`parts`)."""
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]
    return f"{_KGR}provenance/{_safe(article.key)}/{digest}"
