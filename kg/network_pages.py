"""`kg analyze --html DIR`: each networkx projection as an interactive page, made with pyvis.

pyvis (`pyvis.network.Network`) turns a projection into vis-network nodes, edges and
options: a node per entity, coloured by its Louvain community and sized by its weighted
degree; an edge per tie, as wide as its weight, with what it carries (the shared threats)
as its tooltip. pyvis's own page template is not used: it loads Bootstrap from a CDN
whatever `cdn_resources` says, and puts the data in a script unescaped. The page is
rendered with ours (kg/static/projection.html): vis-network inlined, the data as JSON
that no label can break out of, and the explorer's Content-Security-Policy, so that it
opens offline and makes no request at all.
"""
from __future__ import annotations

import html
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from .analytics import PROJECTIONS, Projection, RunSparql, communities, project, runner
from .page import csp, fill, script_json, static, vis_network
from .store import write_all
from .view import RANDOM_SEED

__all__ = ["PALETTE", "projection_page", "write_pages"]

#: Community colours, largest community first (Tableau 10); the rest share the last.
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
           "#ff9da7", "#9c755f", "#bab0ac")
_WIDEST = 12  # the heaviest tie's width in pixels


def _network(graph: nx.Graph) -> tuple[Any, int]:
    """The pyvis network of a projection, and its number of communities."""
    from pyvis.network import Network

    groups = communities(graph)  # the same as `kg analyze` prints
    community = {n: i for i, members in enumerate(groups) for n in members}
    net = Network(directed=False)
    for node in sorted(graph):
        k = community[node]
        weight = graph.degree(node, weight="weight")
        net.add_node(node, label=node, color=PALETTE[min(k, len(PALETTE) - 1)],
                     value=weight, title=f"{node}\ncommunauté {k + 1} · {graph.degree(node)} "
                     f"lien(s), poids {weight:g}")
    heaviest = max((d["weight"] for _, _, d in graph.edges(data=True)), default=1.0)
    for a, b in sorted(tuple(sorted(e)) for e in graph.edges()):
        data = graph.edges[a, b]
        carried = [f"{key} : {' '.join(v)}" for key, v in sorted(data.items())
                   if isinstance(v, list) and v]
        net.add_edge(a, b, width=max(1.0, round(_WIDEST * data["weight"] / heaviest, 2)),
                     title="\n".join([f"{a} — {b}", f"poids {data['weight']:g}", *carried]))
    net.force_atlas_2based(gravity=-60, spring_length=120)
    net.options.physics.stabilization = {"enabled": True, "iterations": 400, "fit": True}
    return net, len(groups)


def projection_page(graph: nx.Graph, projection: Projection, title: str = "newskg") -> bytes:
    """One projection's page: self-contained HTML, deterministic for a given graph."""
    net, communities = _network(graph)
    options = json.loads(net.options.to_json())
    options["layout"] = {"randomSeed": RANDOM_SEED, "improvedLayout": graph.number_of_nodes() <= 100}
    options["edges"] = {"color": {"color": "#9aa4b1"}, "smooth": False}
    options["nodes"] = {"shape": "dot", "font": {"size": 14},
                        "scaling": {"min": 8, "max": 40, "label": {"enabled": False}}}
    data = {"nodes": net.nodes, "edges": net.edges, "options": options}
    scripts = [vis_network(), static("projection.js")]
    values = {
        "csp": csp(scripts), "title": html.escape(f"{title} — {projection.name}"),
        "heading": html.escape(projection.name), "description": html.escape(projection.description),
        "stats": html.escape(f"{graph.number_of_nodes()} nœuds, {graph.number_of_edges()} liens, "
                             f"{communities} communauté(s) (Louvain) ; la couleur est la "
                             "communauté, la taille le poids des liens du nœud, la largeur "
                             "d'un lien son poids."),
        "data": script_json(data), "vis": scripts[0], "js": scripts[1],
    }
    return fill(static("projection.html"), {k: v.encode("utf-8") for k, v in values.items()})


def write_pages(source: Any, out: Path, title: str = "newskg",
                projections: Mapping[str, Projection] | None = None) -> list[Path]:
    """Write `out/<projection>.html` for each projection and `out/index.html` linking
    them, all or none; return the pages written (index last)."""
    run_sparql: RunSparql = runner(source)
    files: dict[Path, bytes] = {}
    rows = []
    for name, projection in (PROJECTIONS if projections is None else projections).items():
        graph = project(run_sparql, projection)
        files[out / f"{name}.html"] = projection_page(graph, projection, title)
        rows.append(f'<li><a href="{html.escape(name)}.html">{html.escape(name)}</a> — '
                    f"{html.escape(projection.description)} ({graph.number_of_nodes()} nœuds, "
                    f"{graph.number_of_edges()} liens)</li>")
    files[out / "index.html"] = fill(static("projection-index.html"), {
        "title": html.escape(title).encode("utf-8"), "rows": "\n".join(rows).encode("utf-8")})
    write_all(files)
    return list(files)
