"""The graph as one self-contained, interactive HTML page.

pyvis builds the node and edge records (its `Network.add_node`/`add_edge` give vis-network's
option dicts), but the page comes from our own template: pyvis's templates load
vis-network, Bootstrap and Tom Select from CDNs in every mode, and post-processing them
would be fragile. The page inlines vis-network's standalone build (kg/static/, CSS
included, upstream file unchanged) and a Content-Security-Policy forbids any request, so
it opens offline and never contacts another host.

Labels come from article text and are untrusted: the data is embedded as JSON with `<`,
`>` and `&` escaped (so "</script>" in a label cannot end the script), the title and
legend go through `html.escape`, and vis-network draws labels on a canvas and tooltips
as text, never as HTML.
"""
from __future__ import annotations

import html
import json
import re
from functools import cache
from importlib.resources import files
from typing import Any

from pyvis.network import Network
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from .vocab import KGO, ontology_graph

#: Class -> (legend name, colour, vis-network shape), in legend order.
STYLES: dict[URIRef, tuple[str, str, str]] = {
    KGO.Person: ("Personne", "#4e79a7", "dot"),
    KGO.Role: ("Poste", "#76b7b2", "box"),
    KGO.Ministry: ("Ministère", "#59a14f", "box"),
    KGO.Country: ("Pays", "#edc948", "diamond"),
    KGO.Organization: ("Organisation", "#b07aa1", "ellipse"),
    KGO.Place: ("Lieu", "#9c755f", "triangle"),
    KGO.Meeting: ("Réunion", "#f28e2b", "star"),
    KGO.Threat: ("Menace", "#e15759", "hexagon"),
    KGO.Article: ("Article", "#bab0ac", "square"),
}
#: The properties drawn as edges; `mentions` edges are hidden until the reader asks.
EDGES = (KGO.holdsRole, KGO.heldRole, KGO.ofMinistry, KGO.ofCountry, KGO.ofOrganization,
         KGO.attends, KGO.concerns, KGO.heldIn, KGO.mentions)
QUIET = KGO.mentions
RANDOM_SEED = 7


def _local(term: URIRef) -> str:
    return re.split(r"[#/]", str(term))[-1]


@cache
def _vis_network() -> str:
    """vis-network's code, safe inside <script>, without its source-map comment (the
    map is not shipped; a browser's devtools would try to fetch it)."""
    code = (files("kg") / "static" / "vis-network.min.js").read_text(encoding="utf-8")
    code = re.sub(r"\n//# sourceMappingURL=\S*\s*$", "\n", code)
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)


def _json(data: Any) -> str:
    """Canonical JSON that is safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _best(values) -> str | None:
    """The French literal if there is one, else an untagged one, else any; ties by text."""
    literals = [v for v in values if isinstance(v, Literal)]
    if not literals:
        return None
    rank = {"fr": 0, None: 1}
    return str(min(literals, key=lambda v: (rank.get(v.language, 2), v.language or "", str(v))))


def _label(graph: Graph, node: URIRef, cls: URIRef | None = None) -> str:
    """rdfs:label, or for threats skos:prefLabel (looked up in the threat scheme too, so
    a graph without the scheme still shows French names); the IRI's last part at worst."""
    preds = (SKOS.prefLabel, RDFS.label) if cls == KGO.Threat else (RDFS.label, SKOS.prefLabel)
    sources = (graph, ontology_graph()) if cls == KGO.Threat else (graph,)
    for source in sources:
        for pred in preds:
            found = _best(source.objects(node, pred))
            if found:
                return found
    return _local(node)


@cache
def _property_label(prop: URIRef) -> str:
    return _label(ontology_graph(), prop)


def _classes(graph: Graph) -> dict[URIRef, URIRef]:
    """Each drawn resource and its class (the first in STYLES order if it has several).
    Blank nodes, literals and provenance records (kgo:FactProvenance, rdf:Statement) are
    not typed with a drawn class, so they are left out."""
    classes: dict[URIRef, URIRef] = {}
    for cls in STYLES:
        for node in graph.subjects(RDF.type, cls):
            if isinstance(node, URIRef):
                classes.setdefault(node, cls)
    return classes


def network(graph: Graph) -> tuple[list[dict], list[dict], dict[URIRef, int]]:
    """The view's nodes and edges as vis-network records, sorted (so the page is
    deterministic), and how many nodes of each class are present, in legend order."""
    classes = _classes(graph)
    net = Network(directed=True)
    for node in sorted(classes):
        cls = classes[node]
        name, colour, shape = STYLES[cls]
        # pyvis drops `color` when `group` is given, so style each node explicitly.
        net.add_node(str(node), label=_label(graph, node, cls), shape=shape, color=colour,
                     title=f"{name} (kgo:{_local(cls)})\n{node}", kgClass=_local(cls))
    for pred in EDGES:
        quiet = pred == QUIET
        label = _property_label(pred)
        for s, o in sorted(graph.subject_objects(pred)):
            if s in classes and o in classes:
                extra = {"hidden": True, "dashes": True, "color": "#cccccc"} if quiet else {}
                net.add_edge(str(s), str(o), label="" if quiet else label, arrows="to",
                             title=f"{label} (kgo:{_local(pred)})", kgProperty=_local(pred),
                             **extra)
    edges = sorted(net.edges, key=lambda e: (e["from"], e["to"], e["kgProperty"]))
    for i, edge in enumerate(edges):
        edge["id"] = i
    counts = {cls: n for cls in STYLES if (n := sum(1 for c in classes.values() if c == cls))}
    return sorted(net.nodes, key=lambda n: n["id"]), edges, counts


_TEMPLATE = """<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>{title}</title>
<style>
  html, body {{ margin: 0; height: 100%; font-family: system-ui, sans-serif; }}
  #graph {{ position: absolute; inset: 0; }}
  #legend {{ position: absolute; top: 12px; left: 12px; background: rgba(255,255,255,.92);
             border: 1px solid #ccc; border-radius: 6px; padding: 8px 12px; font-size: 13px; }}
  #legend h1 {{ font-size: 15px; margin: 0 0 6px; }}
  #legend ul {{ list-style: none; margin: 0; padding: 0; }}
  #legend span.key {{ display: inline-block; width: 12px; height: 12px; margin-right: 6px;
                      border-radius: 2px; vertical-align: -1px; }}
  #legend label {{ display: block; margin-top: 6px; }}
  #status {{ color: #666; margin-top: 4px; }}
</style>
</head>
<body>
<div id="graph"></div>
<div id="legend"><h1>{title}</h1>
<ul>{legend}</ul>
<label><input type="checkbox" id="quiet"> liens « {quiet} »</label>
<div id="status">{stats}</div>
</div>
<script>{vis}</script>
<script>
(function () {{
  "use strict";
  var data = {data};
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var big = data.nodes.length > 300;
  var network = new vis.Network(document.getElementById("graph"), {{nodes: nodes, edges: edges}}, {{
    layout: {{randomSeed: data.randomSeed, improvedLayout: data.nodes.length <= 100}},
    physics: {{solver: "forceAtlas2Based", stabilization: {{iterations: big ? 200 : 400, updateInterval: 25}}}},
    interaction: {{hover: true, tooltipDelay: 150, hideEdgesOnDrag: big}},
    edges: {{font: {{size: 10, align: "middle"}}, color: {{color: "#999999", inherit: false}}, smooth: false}},
    nodes: {{font: {{size: 14}}}}
  }});
  network.once("stabilizationIterationsDone", function () {{
    network.setOptions({{physics: false}});
    document.body.setAttribute("data-ready", "1");
  }});
  document.getElementById("quiet").addEventListener("change", function (e) {{
    edges.update(data.edges.filter(function (x) {{ return x.kgProperty === data.quiet; }})
      .map(function (x) {{ return {{id: x.id, hidden: !e.target.checked}}; }}));
  }});
  window.newskg = {{network: network, nodes: nodes, edges: edges}};
}})();
</script>
</body>
</html>
"""


def render_html(graph: Graph, title: str = "newskg") -> str:
    """The interactive view of an instance graph (the merged graph of articles) as one
    self-contained HTML page: no request to any other host, the same graph always gives
    the same text."""
    nodes, edges, counts = network(graph)
    legend = "".join(
        f'<li><span class="key" style="background:{STYLES[c][1]}"></span>'
        f"{html.escape(STYLES[c][0])} ({n})</li>" for c, n in counts.items())
    shown = sum(1 for e in edges if not e.get("hidden"))
    stats = f"{len(nodes)} nœuds, {shown} liens"
    data = {"nodes": nodes, "edges": edges, "quiet": _local(QUIET), "randomSeed": RANDOM_SEED}
    return _TEMPLATE.format(title=html.escape(title), legend=legend, stats=html.escape(stats),
                            quiet=html.escape(_property_label(QUIET)), vis=_vis_network(),
                            data=_json(data))
