"""Reading and writing graph files; the only module that knows RDF file formats."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import RDFS, Dataset, Graph

_RDFS_LABEL = RDFS.label

from .errors import InputError

#: File suffix -> rdflib format name.
FORMATS = {".ttl": "turtle", ".turtle": "turtle", ".trig": "trig", ".nt": "nt",
           ".nq": "nquads", ".jsonld": "json-ld", ".json": "json-ld"}
#: `kg export --format` names -> (rdflib format, suffix).
EXPORTS = {"turtle": ("turtle", ".ttl"), "trig": ("trig", ".trig"), "nt": ("nt", ".nt"),
           "nquads": ("nquads", ".nq"), "jsonld": ("json-ld", ".jsonld")}


def load(path: Path) -> Dataset:
    """A graph file as a Dataset whose default graph is the union of its graphs."""
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: unknown graph format {path.suffix!r}; "
                         f"expected one of {', '.join(sorted(FORMATS))}")
    if not path.is_file():
        raise InputError(f"{path}: no such graph file")
    ds = Dataset(default_union=True)
    try:
        ds.parse(path, format=fmt)
    except Exception as e:  # rdflib raises many parser-specific types
        reason = " ".join(str(e).split())[:200]
        raise InputError(f"{path}: not valid {fmt} ({type(e).__name__}: {reason})") from e
    return ds


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def union_graph(ds: Dataset, prefixes: dict[str, str] | None = None) -> Graph:
    """All triples of all graphs of a dataset, as one plain graph."""
    g = Graph()
    for prefix, ns in (prefixes or {}).items():
        g.bind(prefix, ns, override=True, replace=True)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def write_all(files: dict[Path, bytes]) -> None:
    """Write several files so that each is either fully written or left untouched.

    Every file goes to a temporary file in its folder first; only when all are written
    are they renamed into place.
    """
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, 0o666 & ~_umask())
            staged.append((tmp, path))
        for tmp, path in staged:
            os.replace(tmp, path)
    except OSError as e:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
        raise InputError(f"{e.filename or 'output'}: cannot write ({e.strerror})") from e


class GraphStore:
    """The embedded persistent store: Oxigraph on disk, one named graph per article.

    Adding an article replaces its named graph in one SPARQL update, which Oxigraph runs
    as one transaction: a build killed midway leaves each article either as it was or
    wholly replaced. Queries see the union of the article graphs as their default graph.
    """

    def __init__(self, path: Path) -> None:
        import pyoxigraph

        self.path = Path(path)
        try:
            self._store = pyoxigraph.Store(str(self.path))
        except OSError as e:
            raise InputError(f"{self.path}: cannot open the store ({e})") from e

    def __enter__(self) -> "GraphStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Release the store (Oxigraph keeps a lock on its folder while it is open)."""
        store, self._store = getattr(self, "_store", None), None
        if store is not None:
            store.flush()
            del store

    def __len__(self) -> int:
        return len(self._store)

    def articles(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())

    def _labels_of(self, nodes: set[str]) -> dict[str, str]:
        """The labels the store already gives to some IRIs (the first article's wins)."""
        import pyoxigraph

        found: dict[str, str] = {}
        label = pyoxigraph.NamedNode(str(_RDFS_LABEL))
        for iri in sorted(nodes):
            for quad in self._store.quads_for_pattern(pyoxigraph.NamedNode(iri), label, None):
                found.setdefault(iri, quad.object.value)
        return found

    def replace(self, ds: Dataset) -> int:
        """Put each named graph of `ds` in the store in place of the graph of the same IRI;
        return the number of graphs written."""
        from rdflib import Literal, URIRef

        written = 0
        for graph in sorted(ds.graphs(), key=lambda g: str(g.identifier)):
            if not isinstance(graph.identifier, URIRef) or not len(graph):
                continue
            iri = str(graph.identifier)
            labelled = {str(s) for s in graph.subjects(_RDFS_LABEL, None)}
            others = {k: v for k, v in self._labels_of(labelled).items()
                      if not self._only_in(k, iri)}
            triples = Graph()
            for s, p, o in graph:
                if p == _RDFS_LABEL and str(s) in others:
                    o = Literal(others[str(s)], lang=getattr(o, "language", None))
                triples.add((s, p, o))
            body = triples.serialize(format="nt", encoding="utf-8").decode("utf-8")
            self._store.update(f"DROP SILENT GRAPH <{iri}> ;\nINSERT DATA {{ GRAPH <{iri}> {{\n{body}}} }}")
            written += 1
        self._store.flush()
        return written

    def _only_in(self, node: str, graph: str) -> bool:
        """Whether every label of `node` in the store comes from `graph` (being replaced)."""
        import pyoxigraph

        label = pyoxigraph.NamedNode(str(_RDFS_LABEL))
        graphs = {q.graph_name.value for q in
                  self._store.quads_for_pattern(pyoxigraph.NamedNode(node), label, None)}
        return graphs <= {graph}

    def query(self, sparql: str, prefixes: dict[str, str], params: dict[str, str] | None = None):
        """Run SPARQL with the union of all graphs as the default graph; `params` bind
        variables to string literals (substitution by the engine, not by text)."""
        import pyoxigraph

        substitutions = {pyoxigraph.Variable(k): pyoxigraph.Literal(v) for k, v in (params or {}).items()}
        try:
            return self._store.query(sparql, prefixes=prefixes, use_default_graph_as_union=True,
                                     substitutions=substitutions)
        except (SyntaxError, RuntimeError) as e:
            raise InputError(f"invalid SPARQL: {' '.join(str(e).split())[:200]}") from e

    def dataset(self) -> Dataset:
        """The whole store as an rdflib Dataset (for export and rendering)."""
        import io

        import pyoxigraph

        out = io.BytesIO()
        self._store.dump(out, format=pyoxigraph.RdfFormat.N_QUADS)
        ds = Dataset(default_union=True)
        ds.parse(data=out.getvalue().decode("utf-8"), format="nquads")
        return ds
