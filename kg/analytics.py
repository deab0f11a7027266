"""Network analytics: networkx projections of the graph, each defined by a SPARQL query.

A projection is a `SELECT ?src ?dst [?weight] [?more...]` query: every row is an
undirected edge between two labelled nodes, `?weight` (default 1) its strength, and any
other column an attribute of the edge (a space-separated list, e.g. `?threats`). On each
projection `analyze` computes degree and betweenness centrality, Louvain communities and
the strongest ties; a metric that fails is recorded under "errors", never raised.

`analyze` takes a function that runs SPARQL and returns a `kg.query.Result`, so the same
analysis runs on an rdflib Dataset (`runner(ds)`) or on the persistent store
(`runner(store)`, or `lambda q: kg.query.run_store(store, q)`).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

import networkx as nx
from rdflib import Dataset

from .errors import KGError
from .query import Result, format_result, run, run_store

__all__ = ["PROJECTIONS", "Projection", "analyze", "communities", "format_analysis", "project",
           "runner"]

RunSparql = Callable[[str], Result]

#: Decimals kept for centralities, so the output is stable across platforms.
DIGITS = 4


@dataclass(frozen=True)
class Projection:
    """A networkx view of the graph: an undirected graph built from a SPARQL SELECT."""

    name: str
    description: str
    query: str  # SELECT ?src ?dst [?weight] [extra columns...]


def _canned(name: str, description: str) -> Projection:
    text = (files("kg") / "queries" / f"proj-{name}.rq").read_text(encoding="utf-8")
    return Projection(name, description, text)


#: The projections `kg analyze` computes, by name (queries in kg/queries/proj-*.rq).
PROJECTIONS: Mapping[str, Projection] = {p.name: p for p in (
    _canned("coattendance", "person–person: attended the same meetings"),
    _canned("person-threat", "person–threat: attended a meeting addressing the threat"),
    _canned("country-threat", "country–threat: took part in a meeting addressing the threat"),
    _canned("country-pairs", "country–country: took part in the same meetings"),
)}


def runner(source: Any) -> RunSparql:
    """A SPARQL-running function for an rdflib Dataset, a `kg.store.GraphStore`, or a
    function that already runs SPARQL (returned as is)."""
    if isinstance(source, Dataset):
        return lambda text: run(source, text)
    if hasattr(source, "articles") and hasattr(source, "query"):  # kg.store.GraphStore
        return lambda text: run_store(source, text)
    if callable(source):
        return source
    raise TypeError(f"cannot run SPARQL on {type(source).__name__}; "
                    "pass a Dataset, a GraphStore or a function str -> Result")


def project(run_sparql: RunSparql, projection: Projection) -> nx.Graph:
    """The projection's graph: nodes are the ?src/?dst values, edges carry `weight` and
    the query's other columns. Edges are added in sorted order, so results are stable."""
    result = run_sparql(projection.query)
    if "src" not in result.columns or "dst" not in result.columns:
        raise KGError(f"projection {projection.name!r}: the query must select ?src and ?dst "
                      f"(it selects {', '.join('?' + c for c in result.columns)})")
    index = {c: i for i, c in enumerate(result.columns)}
    extra = [c for c in result.columns if c not in ("src", "dst", "weight")]
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    ends: dict[tuple[str, str], tuple[str, str]] = {}  # as the query first gave them
    for row in result.rows:
        src, dst = row[index["src"]], row[index["dst"]]
        if not src or not dst or src == dst:
            continue
        key = (min(src, dst), max(src, dst))
        ends.setdefault(key, (src, dst))
        given = row[index["weight"]] if "weight" in index else None
        weight = float(given) if given else 1.0
        attrs = edges.setdefault(key, {"weight": 0.0, **{c: set() for c in extra}})
        attrs["weight"] += weight
        for c in extra:
            attrs[c].update((row[index[c]] or "").split())
    graph = nx.Graph(name=projection.name, ends=ends)
    for key, attrs in sorted(edges.items()):
        graph.add_edge(*ends[key], **{k: (sorted(v) if isinstance(v, set) else v)
                                    for k, v in attrs.items()})
    return graph


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, DIGITS)


def _ranked(scores: dict[str, float], graph: nx.Graph, top: int) -> list[dict[str, Any]]:
    order = sorted(scores, key=lambda n: (-scores[n], n))[:top]
    return [{"node": n, "score": round(scores[n], DIGITS), "links": graph.degree(n),
             "weight": _number(graph.degree(n, weight="weight"))} for n in order]


def _non_empty(graph: nx.Graph) -> None:
    if graph.number_of_edges() == 0:
        raise ValueError("the projection has no edges (its query matched nothing)")


def _degree(graph: nx.Graph, top: int) -> list[dict[str, Any]]:
    _non_empty(graph)
    return _ranked(nx.degree_centrality(graph), graph, top)


def _betweenness(graph: nx.Graph, top: int) -> list[dict[str, Any]]:
    _non_empty(graph)
    return _ranked(nx.betweenness_centrality(graph, normalized=True), graph, top)


def communities(graph: nx.Graph) -> list[list[str]]:
    """Louvain communities (seed 0, so stable), each sorted, the largest first; a graph
    with no edge has one community per node."""
    if graph.number_of_edges() == 0:
        return [[n] for n in sorted(graph)]
    found = nx.community.louvain_communities(graph, weight="weight", seed=0)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c))


def _communities(graph: nx.Graph, top: int) -> list[list[str]]:
    _non_empty(graph)
    return communities(graph)


def _ties(graph: nx.Graph, top: int) -> list[dict[str, Any]]:
    _non_empty(graph)
    ends = graph.graph["ends"]
    oriented = [(*ends[(min(a, b), max(a, b))], data) for a, b, data in graph.edges(data=True)]
    order = sorted(oriented, key=lambda e: (-e[2]["weight"], e[0], e[1]))[:top]
    return [{"src": a, "dst": b, **{k: (_number(v) if k == "weight" else v)
                                    for k, v in data.items()}} for a, b, data in order]


#: Metric name -> function(graph, top). Each runs on its own: one failing spoils no other.
METRICS: dict[str, Callable[[nx.Graph, int], Any]] = {
    "degree": _degree, "betweenness": _betweenness, "communities": _communities, "ties": _ties}

#: What a metric may raise on an unsuitable graph; recorded under "errors", not raised.
_METRIC_ERRORS = (nx.NetworkXException, ArithmeticError, ValueError, KeyError, TypeError)


def analyze(run_sparql: RunSparql, top: int = 10,
            projections: Mapping[str, Projection] | None = None) -> dict[str, Any]:
    """Every projection's size and metrics, as JSON-serialisable data.

    `run_sparql` is a function str -> `kg.query.Result` (see `runner`); `top` bounds the
    rankings. Per projection: description, nodes, edges, degree and betweenness (top-N
    nodes by centrality, ties broken by name), communities (Louvain, seed 0, largest
    first), ties (the strongest edges) and errors (metric -> message) for what failed.
    """
    run_sparql = runner(run_sparql)
    out: dict[str, Any] = {}
    for name, projection in (PROJECTIONS if projections is None else projections).items():
        entry: dict[str, Any] = {"description": projection.description, "nodes": 0, "edges": 0,
                                 **{m: [] for m in METRICS}, "errors": {}}
        out[name] = entry
        try:
            graph = project(run_sparql, projection)
        except KGError as e:
            entry["errors"]["query"] = str(e)
            continue
        entry["nodes"], entry["edges"] = graph.number_of_nodes(), graph.number_of_edges()
        for metric, compute in METRICS.items():
            try:
                entry[metric] = compute(graph, top)
            except _METRIC_ERRORS as e:
                entry["errors"][metric] = f"{type(e).__name__}: {e}"
    return out


def _table(columns: list[str], rows: list[tuple]) -> str:
    cells: list[tuple[str | None, ...]] = [tuple("" if v is None else str(v) for v in row)
                                           for row in rows]
    text = format_result(Result(columns, cells))
    return "\n".join("  " + line for line in text.splitlines()[:-1])  # drop "(n rows)"


def format_analysis(result: dict[str, Any]) -> str:
    """The result of `analyze` as readable text tables, one section per projection."""
    parts: list[str] = []
    for name, entry in result.items():
        parts.append(f"== {name}: {entry['description']} "
                     f"({entry['nodes']} nodes, {entry['edges']} edges)")
        for metric in ("degree", "betweenness"):
            if entry[metric]:
                parts.append(f"{metric} centrality:")
                parts.append(_table(["node", "score", "links", "weight"],
                                    [(r["node"], f"{r['score']:.4f}", r["links"], r["weight"])
                                     for r in entry[metric]]))
        if entry["ties"]:
            extra = [k for k in entry["ties"][0] if k not in ("src", "dst", "weight")]
            parts.append("strongest ties:")
            parts.append(_table(["src", "dst", "weight", *extra],
                                [(t["src"], t["dst"], t["weight"],
                                  *(" ".join(t[k]) for k in extra)) for t in entry["ties"]]))
        if entry["communities"]:
            parts.append(f"communities ({len(entry['communities'])}):")
            parts.extend(f"  {i}. {', '.join(c)}" for i, c in enumerate(entry["communities"], 1))
        for metric, message in entry["errors"].items():
            parts.append(f"error in {metric}: {message}")
        parts.append("")
    return "\n".join(parts)
