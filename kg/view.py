"""The graph as one self-contained, interactive HTML page.

The page is our own template (kg/static/view.html, view.css, view.js) with vis-network's
standalone build (kg/static/vis-network.min.js, upstream file unchanged) and the data
inlined, so it opens offline. Its Content-Security-Policy allows no request at all and
runs only the two inline scripts whose hashes it lists.

What is drawn: every resource typed with a class of `STYLES`, and every IRI that is the
subject or object of a triple between two IRIs (`Autre` when it has none of those
classes); such triples are the edges, whatever their predicate, except `rdf:type`,
self-loops, and anything touching a provenance record (`kgo:FactProvenance` or
`rdf:Statement`) or a vocabulary term (a class, property, ontology, concept scheme or
SHACL shape). Provenance records are not drawn: they become each edge's sources (article
id and sentence), shown in the side panel. A Dataset is read through all its quads, so
per-article named graphs are seen whatever its default graph holds; a fact's named graph,
when it is an article, counts as a source even without a sentence. A node's size is its
number of edges other than "mentionne" ones (hidden until asked for).

The page (view.js) adds a search box, filters by class, country and threat, and a side
panel of a node's facts with their sources. Above `BIG` nodes it draws a scene at a time:
an aggregated overview (the few countries and threats node by node, the rest in groups:
meetings by month, others by country) that opens into detail on click, and search that
goes straight to a node's neighbourhood (benchmarks/view_bench.py measures 5,000 and
50,000 nodes).

Labels come from article text and are untrusted: the data is embedded as JSON with `<`,
`>`, `&`, U+2028 and U+2029 escaped (so "</script>" in a label cannot end the element),
the title and legend go through `html.escape`, the page's script builds the DOM with
`textContent` only, and vis-network draws labels on a canvas and tooltips as text.
"""
from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rdflib import OWL, RDF, RDFS, ConjunctiveGraph, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, SDO, SH, SKOS
from rdflib.term import Node

from .namespaces import NAMESPACES
from .page import csp, fill, script_json, static, vis_network
from .vocab import KGO, ontology_graph

__all__ = ["OTHER", "STYLES", "render_html", "render_page", "view_data"]

#: Class -> (legend name, colour, vis-network shape), in legend order. Every shape draws
#: its label below it (a box would grow with the label the page keeps readable).
STYLES: dict[URIRef, tuple[str, str, str]] = {
    KGO.Person: ("Personne", "#4e79a7", "dot"),
    KGO.Role: ("Poste", "#76b7b2", "square"),
    KGO.Ministry: ("Ministère", "#59a14f", "square"),
    KGO.Country: ("Pays", "#edc948", "diamond"),
    KGO.Organization: ("Organisation", "#b07aa1", "triangleDown"),
    KGO.Place: ("Lieu", "#9c755f", "triangle"),
    KGO.Meeting: ("Réunion", "#f28e2b", "star"),
    KGO.Threat: ("Menace", "#e15759", "hexagon"),
    KGO.Article: ("Article", "#bab0ac", "square"),
}
#: The style of resources with no type at all (key "Other" in the page's data).
OTHER: tuple[str, str, str] = ("Autre", "#8c8c8c", "dot")
#: Colours and shapes given, in turn, to the classes of other ontologies (FOAF, schema.org…).
_FOREIGN = [(colour, shape) for shape in ("dot", "square", "triangle", "diamond")
            for colour in ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#edc948",
                           "#76b7b2", "#ff9da7", "#9c755f")]
#: Edges of this property are hidden until the reader asks for them.
QUIET = KGO.mentions
RANDOM_SEED = 7
#: Above this many nodes the page draws a scene at a time (see view.js).
BIG = 300
#: The longest sentence kept as a source (the page shows it whole).
MAX_SENTENCE = 1000

_PREFIXES = {p: NAMESPACES[p] for p in ("kgo", "rdf", "rdfs", "owl", "skos", "prov",
                                        "schema", "dcterms", "foaf", "xsd")}
#: Where a node's name is looked for, in this order (skos:prefLabel first for threats).
LABELS = (RDFS.label, SKOS.prefLabel, FOAF.name, SDO.name, DCTERMS.title)
_NAMES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, FOAF.name, SDO.name)
_NOT_EDGES = {RDF.type, RDF.subject, RDF.predicate, RDF.object}
_RECORD_TYPES = {KGO.FactProvenance, RDF.Statement}
_VOCABULARY_TYPES = {OWL.Class, RDFS.Class, RDF.Property, OWL.ObjectProperty,
                     OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.Ontology,
                     SKOS.ConceptScheme, SH.NodeShape, SH.PropertyShape}
_TYPE, _SUBJECT = RDF.type, RDF.subject  # hot loops: look the terms up once


# --- reading the graph ---------------------------------------------------------------

@dataclass
class _Index:
    """One pass over the input: types, literal values, and every other triple with the
    named graphs it sits in (None for a plain Graph's triples)."""

    types: defaultdict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    values: defaultdict[tuple[Node, Node], set[Literal]] = field(
        default_factory=lambda: defaultdict(set))
    triples: defaultdict[tuple[Node, Node, Node], set[Node | None]] = field(
        default_factory=lambda: defaultdict(set))
    reified: set[Node] = field(default_factory=set)  # subjects of rdf:subject


def _quads(data: Graph) -> Iterator[tuple[Node, Node, Node, Node | None]]:
    """Every triple of a Graph, or every quad of a Dataset whatever its default graph."""
    if isinstance(data, ConjunctiveGraph):  # Dataset is one
        for s, p, o, g in data.quads((None, None, None, None)):
            yield s, p, o, (g.identifier if isinstance(g, Graph) else g)
    else:
        for s, p, o in data:
            yield s, p, o, None


def _read(data: Graph) -> _Index:
    index = _Index()
    for s, p, o, g in _quads(data):
        if p == _TYPE:
            index.types[s].add(o)
            continue
        if isinstance(o, Literal):
            index.values[(s, p)].add(o)
        elif p == _SUBJECT:
            index.reified.add(s)
        index.triples[(s, p, o)].add(g)
    return index


def _local(term: URIRef) -> str:
    """The IRI's last path segment or fragment (the whole IRI if that is empty)."""
    return re.split(r"[#/]", str(term).rstrip("/#"))[-1] or str(term)


def _compact(term: URIRef) -> str:
    """`kgo:holdsRole`, `prov:wasDerivedFrom`, or the full IRI for unknown namespaces."""
    for prefix, ns in _PREFIXES.items():
        rest = str(term)[len(ns):]
        if str(term).startswith(ns) and rest and re.fullmatch(r"[\w.-]+", rest):
            return f"{prefix}:{rest}"
    return str(term)


def _best(values: Iterable[Node]) -> str | None:
    """The French literal if there is one, else an untagged one, else any; ties by text."""
    literals = [v for v in values if isinstance(v, Literal) and str(v).strip()]
    if not literals:
        return None
    rank = {"fr": 0, None: 1}
    return str(min(literals, key=lambda v: (rank.get(v.language, 2), v.language or "", str(v))))


@cache
def _ontology_label(node: URIRef, preds: tuple[URIRef, ...]) -> str | None:
    """A label from the ontology and threat scheme, for graphs that lack one."""
    graph = ontology_graph()
    for pred in preds:
        found = _best(graph.objects(node, pred))
        if found:
            return found
    return None


def _label(index: _Index, node: URIRef, cls: URIRef | None = None) -> str:
    """The first of LABELS the graph gives (skos:prefLabel first for threats), then the
    ontology's; the IRI's last segment at worst."""
    preds = (SKOS.prefLabel, *(p for p in LABELS if p != SKOS.prefLabel)) if cls == KGO.Threat \
        else LABELS
    for pred in preds:
        found = _best(index.values.get((node, pred), ()))
        if found:
            return found
    return _ontology_label(node, preds) or _local(node)


# --- what is drawn ---------------------------------------------------------------------

def _records(index: _Index) -> set[Node]:
    """The provenance records (reified statements): not nodes, but sources of edges."""
    typed = {s for s, types in index.types.items() if types & _RECORD_TYPES}
    return typed | index.reified


def _excluded(index: _Index, records: set[Node]) -> set[Node]:
    """Resources never drawn: provenance records and vocabulary terms."""
    return records | {s for s, types in index.types.items() if types & _VOCABULARY_TYPES}


def _class_of(types: set[Node]) -> URIRef | None:
    """The class a resource is drawn as: the first of STYLES it has, else the first of its
    other types by IRI (any ontology's), None when it has no type."""
    known = next((c for c in STYLES if c in types), None)
    if known is not None:
        return known
    return min((t for t in types if isinstance(t, URIRef) and t not in _RECORD_TYPES), key=str,
               default=None)


def _classes(index: _Index, excluded: set[Node],
             edges: list[tuple[URIRef, URIRef, URIRef]]) -> dict[URIRef, URIRef | None]:
    """Each drawn resource and its class (see `_class_of`): every typed IRI, and the
    untyped IRIs that edges reach."""
    classes: dict[URIRef, URIRef | None] = {}
    for node, types in index.types.items():
        if isinstance(node, URIRef) and node not in excluded:
            classes[node] = _class_of(types)
    for s, _, o in edges:
        for node in (s, o):
            if node not in classes:
                classes[node] = _class_of(index.types.get(node, set()))
    return classes


def _edge_triples(index: _Index, excluded: set[Node]) -> Iterator[tuple[URIRef, URIRef, URIRef]]:
    """Triples between two IRIs that are drawn as edges."""
    for s, p, o in index.triples:
        if (isinstance(s, URIRef) and isinstance(p, URIRef) and isinstance(o, URIRef) and s != o
                and p not in _NOT_EDGES and s not in excluded and o not in excluded):
            yield s, p, o


class _Sources:
    """Where each fact comes from: (article label, sentence or None) pairs, numbered
    through two shared tables so a sentence that supports many facts is stored once."""

    def __init__(self, index: _Index, records: set[Node],
                 given: Mapping[tuple, Iterable[tuple[str, str | None]]] | None = None) -> None:
        articles = {s for s, types in index.types.items()
                    if KGO.Article in types and isinstance(s, URIRef)}
        self._label: dict[Node | None, str] = {a: _label(index, a) for a in articles}
        self.by_fact: defaultdict[tuple, set[tuple[str, str | None]]] = defaultdict(set)
        self._texts: dict[str, str | None] = {}  # sentence -> as shown, one str each
        if given is not None:
            for fact, pairs in given.items():
                for article, sentence in pairs:
                    self._add(fact, URIRef(article), sentence)
        else:
            self._read_records(index, records, articles)
        pairs = [pair for found in self.by_fact.values() for pair in found]
        self.articles = sorted({a for a, _ in pairs})
        self.sentences = sorted({s for _, s in pairs if s is not None})
        self._a = {a: i for i, a in enumerate(self.articles)}
        self._s = {s: i for i, s in enumerate(self.sentences)}

    def _read_records(self, index: _Index, records: set[Node], articles: set[URIRef]) -> None:
        fields: defaultdict[Node, defaultdict[Node, set[Node]]] = defaultdict(
            lambda: defaultdict(set))
        graphs: defaultdict[Node, set[Node | None]] = defaultdict(set)
        for (s, p, o), found in index.triples.items():
            if s in records:
                fields[s][p].add(o)
                graphs[s] |= found
        for record, values in fields.items():
            self._add_record(values, graphs[record])
        for fact, found in index.triples.items():  # the article graphs a fact sits in
            if fact[0] not in records:
                for g in found & articles:
                    if not any(a == self._label[g] for a, _ in self.by_fact[fact]):
                        self.by_fact[fact].add((self._label[g], None))

    def _add(self, fact: tuple, article: Node, sentence: str | None) -> None:
        label = self._label.get(article) or _local(URIRef(str(article)))
        if sentence is None:
            text = None
        elif (text := self._texts.get(sentence, "")) == "":
            text = self._texts[sentence] = " ".join(sentence.split())[:MAX_SENTENCE] or None
        self.by_fact[fact].add((label, text))

    def _add_record(self, values: dict[Node, set[Node]], graphs: set[Node | None]) -> None:
        """One provenance record: its triple, article (or named graph) and sentence."""
        def one(found):
            return min(found, key=str) if found else None
        s, p, o = (one(values.get(k)) for k in (RDF.subject, RDF.predicate, RDF.object))
        if s is None or p is None or o is None:
            return
        article = one(values.get(PROV.wasDerivedFrom)) or one(graphs - {None})
        if article is None:
            return
        sentence = one(values.get(KGO.sentence))
        self._add((s, p, o), article, None if sentence is None else str(sentence))

    def of(self, fact: tuple) -> list[list[int | None]]:
        """[[article number, sentence number or None], ...] in a stable order."""
        found = sorted(self.by_fact.get(fact, ()), key=lambda x: (x[0], x[1] or ""))
        return [[self._a[a], None if s is None else self._s[s]] for a, s in found]


Style = tuple[str, str, str, str]  # key, legend name, colour, vis-network shape


def _styles(index: _Index, classes: dict[URIRef, URIRef | None]) -> dict[URIRef | None, Style]:
    """The style of each class drawn: newskg's own (STYLES), the others' in turn from
    _FOREIGN (named by their label, keyed by their prefixed name), `Other` for None."""
    present = set(classes.values())
    styles: dict[URIRef | None, Style] = {c: (_local(c), *STYLES[c]) for c in STYLES if c in present}
    foreign = sorted((c for c in present if c is not None and c not in STYLES), key=str)
    for i, cls in enumerate(foreign):
        styles[cls] = (_compact(cls), _label(index, cls), *_FOREIGN[i % len(_FOREIGN)])
    if None in present:
        styles[None] = ("Other", *OTHER)
    return styles


def _node_record(node: URIRef, label: str, cls: URIRef | None, style: Style, degree: int,
                 attrs: list[list]) -> dict[str, Any]:
    key, name, colour, shape = style
    kind = f"{name} ({_compact(cls)})" if cls is not None else name
    record: dict[str, Any] = {"id": str(node), "label": label, "kgClass": key,
              "shape": shape, "color": colour, "title": f"{kind}\n{node}", "value": degree}
    if attrs:
        record["attrs"] = attrs
    return record


def _edge_record(s: URIRef, p: URIRef, o: URIRef, label: str, src: list) -> dict[str, Any]:
    record: dict[str, Any] = {"from": str(s), "to": str(o), "property": _compact(p),
                              "label": label, "title": f"{label} ({_compact(p)})", "src": src}
    if p == QUIET:
        record.update(label="", hidden=True, dashes=True, color="#cccccc")
    return record


def view_data(data: Graph, sources: Mapping[tuple, Iterable[tuple[str, str | None]]]
              | None = None) -> dict[str, Any]:
    """What the page embeds: vis-network node and edge records (sorted, edges numbered),
    the legend's classes with their counts, property labels, and the article and
    sentence tables the edges' `src` lists point into. `data` is a Graph or a Dataset.

    `sources`, when given, are each fact's (article IRI, sentence or None) pairs, known
    already (kg.assemble gathers them while building), instead of reading them from the
    provenance records of `data`."""
    index = _read(data)
    records = _records(index)
    excluded = _excluded(index, records)
    triples = list(_edge_triples(index, excluded))
    classes = _classes(index, excluded, triples)
    known = _Sources(index, records, sources)
    properties = {_compact(p): _label(index, p) for p in sorted({p for _, p, _ in triples})}
    edges = []
    for s, p, o in sorted(triples, key=lambda t: (str(t[0]), str(t[2]), _compact(t[1]))):
        edges.append(_edge_record(s, p, o, properties[_compact(p)], known.of((s, p, o))))
    names = {str(n): _label(index, n, classes[n]) for n in classes}
    detail, overview = _overview(classes, names, edges)
    edges += overview
    for i, edge in enumerate(edges):
        edge["id"] = i
    degree = Counter(n for s, p, o in triples if p != QUIET for n in (s, o))
    attrs, attr_labels = _attributes(index, classes, known)
    styles = _styles(index, classes)
    nodes = [_node_record(n, names[str(n)], classes[n], styles[classes[n]], degree[n],
                          attrs.get(n, [])) for n in sorted(classes, key=str)]
    for node in nodes:
        if node["id"] in detail:
            node["detail"] = True
    properties.update(attr_labels)
    return {"nodes": nodes, "edges": edges, "classes": _legend(classes, styles),
            "properties": dict(sorted(properties.items())), "quiet": _compact(QUIET),
            "articles": known.articles, "sentences": known.sentences,
            "randomSeed": RANDOM_SEED, "big": BIG}


_HOLDS = {"kgo:holdsRole": "", "kgo:heldRole": " (ancien)"}  # a post drawn as a link
_OF_COUNTRY, _OF_MINISTRY, _OF_ORGANIZATION = "kgo:ofCountry", "kgo:ofMinistry", "kgo:ofOrganization"


def _overview(classes: dict[URIRef, URIRef | None], names: Mapping[str, str],
              edges: list[dict[str, Any]]) -> tuple[set[str], list[dict[str, Any]]]:
    """The overview the page opens on: a post is drawn as a labelled link from its holder
    to its country (else its organisation, else its ministry) — « Gérald Darmanin —
    ministre de l'Intérieur — France » — instead of Person → Role → Ministry → Country.

    Returns the nodes the overview leaves out (the posts so drawn, ministries, articles;
    the full view shows them) and the links it adds: one per holder and place, labelled
    with the posts, sourced as the posts are. Each edge gets `view`: "full" when it
    touches a node left out (shown in the full view only), "overview" for the links
    added (overview only); the others show in both."""
    kind = {str(n): c for n, c in classes.items()}
    out: defaultdict[str, defaultdict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for e in edges:
        out[e["from"]][e["property"]].append(e["to"])

    def places(role: str) -> list[str]:
        of = out[role]
        countries = of[_OF_COUNTRY] or [c for m in of[_OF_MINISTRY] for c in out[m][_OF_COUNTRY]]
        return sorted(set(countries or of[_OF_ORGANIZATION] or of[_OF_MINISTRY]))

    links: dict[tuple[str, str], dict[str, Any]] = {}
    folded: set[str] = set()
    for e in edges:
        where = places(e["to"]) if e["property"] in _HOLDS and kind.get(e["to"]) == KGO.Role else []
        if not where:
            continue
        folded.add(e["to"])
        post = names[e["to"]] + _HOLDS[e["property"]]
        for place in where:
            link = links.setdefault((e["from"], place), {
                "from": e["from"], "to": place, "property": e["property"], "label": "",
                "src": [], "view": "overview", "posts": []})
            if post not in link["posts"]:
                link["posts"].append(post)
            link["src"] += [s for s in e["src"] if s not in link["src"]]
    for link in links.values():
        link["label"] = " · ".join(sorted(link.pop("posts")))
        link["title"] = f"{link['label']} ({link['property']})"
    detail = folded | {n for n, c in kind.items() if c in (KGO.Ministry, KGO.Article)}
    for e in edges:
        if e["from"] in detail or e["to"] in detail:
            e["view"] = "full"
    return detail, [links[k] for k in sorted(links)]


def _attributes(index: _Index, classes: dict,
                sources: _Sources) -> tuple[dict[URIRef, list[list]], dict[str, str]]:
    """Each node's literal facts other than its names, as [property, value, src], and
    the labels of the properties used."""
    found: defaultdict[Any, list] = defaultdict(list)
    labels: dict[str, str] = {}
    for (s, p), values in index.values.items():
        if s in classes and isinstance(p, URIRef) and p not in _NAMES:
            labels[_compact(p)] = _label(index, p)
            for v in values:
                found[s].append([_compact(p), str(v), sources.of((s, p, v))])
    return {n: sorted(v, key=lambda a: (a[0], a[1], a[2])) for n, v in found.items()}, labels


def _legend(classes: dict[URIRef, URIRef | None],
            styles: dict[URIRef | None, Style]) -> list[dict[str, Any]]:
    """The classes present, newskg's first, then the others', "Autre" last."""
    counts = Counter(classes.values())
    return [{"key": key, "name": name, "color": colour, "shape": shape, "count": counts[cls]}
            for cls, (key, name, colour, shape) in styles.items()]


# --- the page --------------------------------------------------------------------------

def _json_utf8(data: dict[str, Any], batch: int = 1000) -> bytes:
    """`script_json(data)` as UTF-8, the same bytes, made a batch of list items at a time: a
    big graph's view is tens of MB of JSON, never held here as one str."""
    def dump(value: Any) -> bytes:
        return script_json(value).encode("utf-8")

    parts = [b"{"]
    for i, key in enumerate(sorted(data)):
        parts += [b"," if i else b"", dump(key), b":"]
        value = data[key]
        if isinstance(value, list) and len(value) > batch:
            parts += [b"[", b",".join(dump(value[j:j + batch])[1:-1]
                                      for j in range(0, len(value), batch)), b"]"]
        else:
            parts.append(dump(value))
    parts.append(b"}")
    return b"".join(parts)


def _legend_html(classes: list[dict[str, Any]]) -> str:
    """One checkbox per class present: its shape in its colour, its name and count."""
    return "".join(
        f'<li><label><input type="checkbox" data-class="{html.escape(c["key"])}" checked>'
        f'<span class="key shape-{html.escape(c["shape"])}" '
        f'style="background:{html.escape(c["color"])}">'
        f'</span>{html.escape(c["name"])} ({c["count"]})</label></li>' for c in classes)


def render_html(data: Graph | Dataset, title: str = "newskg",
                sources: Mapping[tuple, Iterable[tuple[str, str | None]]] | None = None) -> str:
    """The interactive view of an instance graph as one self-contained HTML page.

    `data` is a Graph (e.g. the merged graph) or a Dataset of per-article named graphs,
    whose provenance records give each fact's articles and sentences. The page makes no
    request to any other host, and the same input always gives the same text.
    """
    return render_page(data, title, sources).decode("utf-8")


def render_page(data: Graph | Dataset, title: str = "newskg",
                sources: Mapping[tuple, Iterable[tuple[str, str | None]]] | None = None) -> bytes:
    """`render_html` as the UTF-8 bytes of the file, made without holding the page as a str."""
    view = view_data(data, sources)
    shown = sum(1 for e in view["edges"] if not e.get("hidden"))
    stats = f"{len(view['nodes'])} nœuds, {shown} liens"
    scripts = (vis_network(), static("view.js"))
    parts = {"csp": csp(scripts), "title": html.escape(title), "css": static("view.css"),
             "legend": _legend_html(view["classes"]), "stats": html.escape(stats),
             "quiet": html.escape(view["properties"].get(view["quiet"], "mentionne")),
             "vis": scripts[0], "js": scripts[1]}
    encoded = {k: v.encode("utf-8") for k, v in parts.items()}
    encoded["data"] = _json_utf8(view)
    del view  # the records are in the JSON now: free them before the page is assembled
    return fill(static("view.html"), encoded)
