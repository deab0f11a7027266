"""Exporting a built graph in another RDF syntax."""
from __future__ import annotations

from pathlib import Path

from .errors import InputError, UsageError
from .namespaces import output_prefixes
from .store import EXPORTS, GraphStore, load, sorted_lines


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
    elif graph_path is not None:
        ds = load(graph_path)
    else:
        raise UsageError("export needs a graph file or a store")
    if fmt == "jsonld":
        return compact(ds)
    if fmt in ("turtle", "nt"):
        triples = union_graph(ds) if provenance else merged_graph(ds)
        return _written(triples.serialize(format="nt", encoding="utf-8"), fmt == "nt",
                        pyoxigraph.RdfFormat.N_TRIPLES, pyoxigraph.RdfFormat.TURTLE)
    return _written(ds.serialize(format="nquads", encoding="utf-8"), fmt == "nquads",
                    pyoxigraph.RdfFormat.N_QUADS, pyoxigraph.RdfFormat.TRIG)


def _written(lines: bytes, plain: bool, line_format, pretty_format) -> bytes:
    """rdflib's N-Triples/N-Quads sorted (`plain`), or rewritten by Oxigraph as Turtle/TriG
    with the output prefixes."""
    import pyoxigraph

    data = sorted_lines(lines)
    if plain:
        return data
    return pyoxigraph.serialize(pyoxigraph.parse(data, format=line_format),
                                format=pretty_format, prefixes=output_prefixes(data)) or b""
