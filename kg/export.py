"""Exporting a built graph in another RDF syntax."""
from __future__ import annotations

from pathlib import Path

from .errors import InputError
from .namespaces import output_prefixes
from .store import EXPORTS, GraphStore, load


def _sorted_lines(data: bytes) -> bytes:
    lines = sorted({line for line in data.splitlines() if line.strip()})
    return b"".join(line + b"\n" for line in lines)


def export(graph_path: Path | None, fmt: str, store: Path | None = None,
           provenance: bool = False) -> bytes:
    """A graph file, or the persistent store, as turtle, trig, nt, nquads or jsonld.

    Turtle and N-Triples hold triples only: the merged graph of the articles, as
    `graph.ttl` has it, with the provenance records only if asked for. TriG, N-Quads and
    JSON-LD keep the article graphs and their records. JSON-LD is compacted with the
    context published in ontology/context.jsonld, carried inline."""
    import pyoxigraph

    from .build import merged_graph
    from .jsonld import compact
    from .store import union_graph

    if fmt not in EXPORTS:
        raise InputError(f"unknown export format {fmt!r}; expected one of {', '.join(EXPORTS)}")
    if store is not None:
        with GraphStore(store, read_only=True) as opened:
            ds = opened.dataset()
    else:
        ds = load(graph_path)
    if fmt == "jsonld":
        return compact(ds)
    if fmt in ("turtle", "nt"):
        triples = union_graph(ds) if provenance else merged_graph(ds)
        nt = _sorted_lines(triples.serialize(format="nt", encoding="utf-8"))
        if fmt == "nt":
            return nt
        parsed = pyoxigraph.parse(nt, format=pyoxigraph.RdfFormat.N_TRIPLES)
        return pyoxigraph.serialize(parsed, format=pyoxigraph.RdfFormat.TURTLE,
                                    prefixes=output_prefixes(nt))
    nq = _sorted_lines(ds.serialize(format="nquads", encoding="utf-8"))
    if fmt == "nquads":
        return nq
    parsed = pyoxigraph.parse(nq, format=pyoxigraph.RdfFormat.N_QUADS)
    return pyoxigraph.serialize(parsed, format=pyoxigraph.RdfFormat.TRIG,
                                prefixes=output_prefixes(nq))
