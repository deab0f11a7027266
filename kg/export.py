"""Exporting a built graph in another RDF syntax."""
from __future__ import annotations

from pathlib import Path

from .build import PREFIXES, bind_prefixes, serialize_trig
from .errors import InputError
from .store import EXPORTS, GraphStore, load, union_graph


def export(graph_path: Path | None, fmt: str, store: Path | None = None) -> bytes:
    """A graph file, or the persistent store, serialised as turtle, trig, nt, nquads or jsonld."""
    if fmt not in EXPORTS:
        raise InputError(f"unknown export format {fmt!r}; expected one of {', '.join(EXPORTS)}")
    if store is not None:
        with GraphStore(store, read_only=True) as opened:
            ds = opened.dataset()
    else:
        ds = load(graph_path)
    bind_prefixes(ds)
    rdflib_format, _ = EXPORTS[fmt]
    if rdflib_format in ("turtle", "nt"):  # triples only: the union of the named graphs
        data = union_graph(ds, PREFIXES).serialize(format=rdflib_format, encoding="utf-8")
    elif rdflib_format == "trig":
        data = serialize_trig(ds)
    else:
        data = ds.serialize(format=rdflib_format, encoding="utf-8")
    if rdflib_format in ("nt", "nquads"):  # rdflib writes these in hash order
        lines = sorted(set(data.decode("utf-8").splitlines()))
        data = ("\n".join(l for l in lines if l) + "\n").encode("utf-8")
    return data
