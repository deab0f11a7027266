"""The graph as one self-contained, interactive HTML page.

pyvis assembles the network (nodes, edges, their styling); the page itself comes from
our own template, because pyvis's templates load vis-network, Bootstrap and Tom Select
from CDNs even in its "local" modes. Here vis-network's standalone build (shipped in
kg/static/, CSS included) is inlined, so the page opens with no network access.

Labels come from article text and are untrusted: the data is embedded as JSON with
`<`, `>` and `&` escaped, and vis-network renders labels as text, not HTML.
"""
from __future__ import annotations

import html
import json
from functools import cache
from importlib.resources import files

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from .vocab import KGO

#: Class -> (legend name, colour, vis-network shape), in legend order.
STYLES = {
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
EDGES = (KGO.holdsRole, KGO.heldRole, KGO.ofMinistry, KGO.ofCountry, KGO.ofOrganization,
         KGO.attends, KGO.concerns, KGO.heldIn, KGO.mentions)


@cache
def _vis_network() -> str:
    return (files("kg") / "static" / "vis-network.min.js").read_text(encoding="utf-8")


def _json(data) -> str:
    """JSON that is safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _label(graph: Graph, node: URIRef) -> str:
    for pred in (RDFS.label, SKOS.prefLabel):
        values = sorted(graph.objects(node, pred), key=lambda v: (getattr(v, "language", "") != "fr", str(v)))
        if values:
            return str(values[0])
    return str(node).rsplit("/", 1)[-1]


def network(graph: Graph) -> tuple[list[dict], list[dict], list[URIRef]]:
    """Nodes and edges of the view (sorted, so the page is deterministic), and the
    classes present."""
    from pyvis.network import Network

    classes: dict[URIRef, URIRef] = {}
    for cls in STYLES:
        for node in graph.subjects(RDF.type, cls):
            if isinstance(node, URIRef):
                classes.setdefault(node, cls)
    net = Network(directed=True)
    for node in sorted(classes):
        name, colour, shape = STYLES[classes[node]]
        net.add_node(str(node), label=_label(graph, node), title=f"{name}\n{node}",
                     color=colour, shape=shape, group=name)
    edge_labels = {p: _label_of_property(p) for p in EDGES}
    for pred in EDGES:
        for s, o in sorted(graph.subject_objects(pred)):
            if s in classes and o in classes:
                hidden = pred == KGO.mentions
                net.add_edge(str(s), str(o), label="" if hidden else edge_labels[pred],
                             title=edge_labels[pred], hidden=hidden, arrows="to")
    nodes = sorted(net.nodes, key=lambda n: n["id"])
    edges = sorted(net.edges, key=lambda e: (e["from"], e["to"], e["title"]))
    present = [c for c in STYLES if c in set(classes.values())]
    return nodes, edges, present


def _label_of_property(prop: URIRef) -> str:
    from .vocab import ontology_graph

    return _label(ontology_graph(), prop)


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
  #legend span.key {{ display: inline-block; width: 12px; height: 12px; margin-right: 6px;
                      border-radius: 2px; vertical-align: -1px; }}
  #legend label {{ display: block; margin-top: 6px; }}
</style>
</head>
<body>
<div id="graph"></div>
<div id="legend"><h1>{title}</h1>{legend}
<label><input type="checkbox" id="mentions"> liens « mentionne »</label>
<div id="stats">{stats}</div></div>
<script>{vis}</script>
<script>
(function () {{
  var data = {data};
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(document.getElementById("graph"), {{nodes: nodes, edges: edges}}, {{
    layout: {{randomSeed: 7, improvedLayout: data.nodes.length < 300}},
    physics: {{solver: "forceAtlas2Based", stabilization: {{iterations: 300}}}},
    interaction: {{hover: true, tooltipDelay: 150}},
    edges: {{font: {{size: 10, align: "middle"}}, color: {{color: "#999"}}, smooth: false}},
    nodes: {{font: {{size: 14}}}}
  }});
  network.once("stabilizationIterationsDone", function () {{
    network.setOptions({{physics: false}});
    document.body.setAttribute("data-ready", "1");
  }});
  document.getElementById("mentions").addEventListener("change", function (e) {{
    edges.update(data.edges.filter(function (x) {{ return x.title === data.mentionsLabel; }})
      .map(function (x) {{ return {{id: x.id, hidden: !e.target.checked}}; }}));
  }});
  window.newskg = {{network: network, nodes: nodes, edges: edges}};
}})();
</script>
</body>
</html>
"""


def render_html(graph: Graph, title: str = "newskg") -> str:
    """The whole page; the same graph always gives the same bytes."""
    nodes, edges, present = network(graph)
    for i, edge in enumerate(edges):
        edge["id"] = i
    legend = "".join(
        f'<div><span class="key" style="background:{STYLES[c][1]}"></span>'
        f"{html.escape(STYLES[c][0])}</div>" for c in present)
    stats = f"{len(nodes)} nœuds, {sum(1 for e in edges if not e.get('hidden'))} liens"
    data = {"nodes": nodes, "edges": edges, "mentionsLabel": _label_of_property(KGO.mentions)}
    return _TEMPLATE.format(title=html.escape(title), legend=legend, stats=html.escape(stats),
                            vis=_vis_network().replace("</script", "<\\/script"), data=_json(data))
