"""Reading and writing graph files; the only module that knows RDF file formats."""
from __future__ import annotations

import itertools
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from rdflib import RDFS, Dataset, Graph

from .errors import InputError
from .ntriples import each_line, literal

_RDFS_LABEL = RDFS.label
_LABEL_NT = f" <{RDFS.label}> ".encode()

#: Article graphs larger than this (bytes of N-Triples) go into the store as parsed quads,
#: not as the text of one SPARQL update.
BIG_CHUNK = 4_000_000
BIG_BATCH = 50_000  # triples per transaction of such a graph
# RocksDB (under Oxigraph) keeps what transactions write in memory tables of up to 128 MB
# per column family until they are flushed, and the index blocks of every file it has
# read while the store is open. A writer flushes after this many bytes of N-Quads, and
# closes and reopens the store after this many, so that its memory stays level however
# many articles go in. (Each transaction is in the write-ahead log at once: flushing is
# not what makes it durable.)
FLUSH_EVERY = 8 << 20
REOPEN_EVERY = 64 << 20

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
    if fmt == "json-ld":
        _refuse_remote_contexts(path)
    ds = Dataset(default_union=True)
    try:
        ds.parse(path, format=fmt)
    except Exception as e:  # rdflib raises many parser-specific types
        reason = " ".join(str(e).split())[:200]
        raise InputError(f"{path}: not valid {fmt} ({type(e).__name__}: {reason})") from e
    return ds


def _remote_contexts(value) -> Iterator[str]:
    """The contexts a JSON-LD document names by URL (a reader would fetch them)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "@context":
                for context in item if isinstance(item, list) else [item]:
                    if isinstance(context, str):
                        yield context
            yield from _remote_contexts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _remote_contexts(item)


def _refuse_remote_contexts(path: Path) -> None:
    """Reading a file never fetches from the network: a JSON-LD context given by URL is
    refused (inline it, or export with kg, whose JSON-LD carries its context)."""
    import json

    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as e:
        raise InputError(f"{path}: not valid json-ld ({type(e).__name__})") from e
    for url in _remote_contexts(document):
        raise InputError(f"{path}: the JSON-LD context {url!r} would be fetched from the "
                         "network; inline it in the file")


def sorted_lines(data: bytes) -> bytes:
    """N-Triples or N-Quads in a stable order, each line once (rdflib writes hash order)."""
    lines = sorted({line for line in data.splitlines() if line.strip()})
    return b"".join(line + b"\n" for line in lines)


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


def write_all(files: Mapping[Path, bytes | Callable[[BinaryIO], None]]) -> None:
    """Write several files so that each is either fully written or left untouched.

    A file's content is bytes, or a function that writes it to an open binary file (to
    stream big outputs). Every file goes to a temporary file in its folder first; only
    when all are written are they renamed into place.
    """
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            staged.append((tmp, path))
            with os.fdopen(fd, "wb") as fh:
                if callable(data):
                    data(fh)
                else:
                    fh.write(data)
            os.chmod(tmp, 0o666 & ~_umask())
        for tmp, path in staged:
            os.replace(tmp, path)
    except BaseException as e:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
        if isinstance(e, OSError):
            raise InputError(f"{e.filename or 'output'}: cannot write ({e.strerror})") from e
        raise


def _removal(graph: str) -> str:
    """The update taking an article graph out of the store: its triples that no other
    article states leave the merged graph, then the graph goes."""
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }}\n"
            f"  FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{graph}>) }} }} ;\n"
            f"DROP SILENT GRAPH <{graph}>")


class GraphStore:
    """The embedded persistent store: Oxigraph on disk, one named graph per article.

    Adding an article replaces its named graph in one SPARQL update, which Oxigraph runs
    as one transaction: a build killed midway leaves each article either as it was or
    wholly replaced.

    The store's default graph is the merged graph: every distinct triple of the article
    graphs once, kept up to date by the same update that replaces an article. Queries run
    on it (Oxigraph's union of named graphs would return a triple once per article that
    states it); `GRAPH ?g { ... }` reaches the article graphs.
    """

    def __init__(self, path: Path, read_only: bool = False,
                 waiting: Callable[[str], None] | None = None, create: bool = True) -> None:
        """Open the store at `path`. A reader (`read_only`) needs an existing store and
        works while another process serves or writes it; a writer creates a missing store
        (unless not `create`) in a missing or empty folder and, while another process
        holds the store, waits for it after telling `waiting` once (without `waiting`,
        that is an error)."""
        self.path = Path(path)
        self.read_only = read_only
        if not (self.path / "CURRENT").is_file():  # Oxigraph's (RocksDB's) marker file
            if read_only or not create:
                raise InputError(f"{self.path}: no such store (kg build --store creates one)")
            if self.path.exists() and (not self.path.is_dir() or any(self.path.iterdir())):
                raise InputError(f"{self.path}: not a store, and not empty")
        self._unflushed = self._unreopened = 0
        # Reopening: another writer may take the lock in between; then wait for it.
        self._waiting = waiting or (lambda message: None)
        self._store = self._open(waiting)
        if not read_only and not self._has_merged_graph():  # written before the default graph was kept
            self._store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")

    def _open(self, waiting: Callable[[str], None] | None):
        import pyoxigraph

        told = False
        while True:
            try:
                return (pyoxigraph.Store.read_only(str(self.path)) if self.read_only
                        else pyoxigraph.Store(str(self.path)))
            except OSError as e:
                if "lock" not in str(e).lower():
                    raise InputError(f"{self.path}: cannot open the store ({e})") from e
                if waiting is None:
                    raise InputError(f"{self.path}: the store is in use by another process "
                                     "(kg serve or kg build); stop it or try again") from e
                if not told:
                    waiting(f"{self.path}: the store is in use by another process "
                            "(kg serve or kg build); waiting for it (Ctrl-C stops)")
                    told = True
                time.sleep(0.5)

    def _wrote(self, size: int) -> None:
        """Count `size` bytes written; flush and reopen the store when they add up."""
        self._unflushed += size
        self._unreopened += size
        if self._unreopened >= REOPEN_EVERY:
            self._store.flush()
            self._store = None  # the old handle must be gone (and its lock released) first
            self._store = self._open(self._waiting)
            self._unflushed = self._unreopened = 0
        elif self._unflushed >= FLUSH_EVERY:
            self._store.flush()
            self._unflushed = 0

    def _has_merged_graph(self) -> bool:
        import pyoxigraph

        default = pyoxigraph.DefaultGraph()
        has = next(iter(self._store.quads_for_pattern(None, None, None, default)), None)
        return has is not None or next(iter(self._store.named_graphs()), None) is None

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Release the store (Oxigraph keeps a lock on its folder while it is open)."""
        store, self._store = getattr(self, "_store", None), None
        if store is not None:
            if not self.read_only:
                store.flush()
            del store

    # --- what was built from what: content hashes, for incremental builds ------------------

    HASHES = "newskg-hashes.json"  # beside Oxigraph's own files in the store's folder

    def hashes(self) -> dict[str, str]:
        """Article graph IRI -> the content hash of what it was built from."""
        import json

        try:
            found = json.loads((self.path / self.HASHES).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return found if isinstance(found, dict) else {}

    def save_hashes(self, hashes: dict[str, str]) -> None:
        import json

        write_all({self.path / self.HASHES: json.dumps(hashes, sort_keys=True, indent=0)
                   .encode("utf-8")})

    def remove(self, graphs: Iterable[str]) -> list[str]:
        """Take article graphs out of the store, and their facts out of the merged graph
        (those no other article states), one transaction per article. Returns the graphs
        that were not in the store."""

        missing = []
        hashes = self.hashes()
        for graph in graphs:
            if not self._has(graph):
                missing.append(graph)
                continue
            self._store.update(_removal(graph))
            hashes.pop(graph, None)
        self._store.flush()
        self.save_hashes(hashes)
        return missing

    def merged_size(self) -> int:
        """The number of triples in the merged graph (the default graph)."""
        import pyoxigraph

        return sum(1 for _ in self._store.quads_for_pattern(None, None, None,
                                                            pyoxigraph.DefaultGraph()))

    def __len__(self) -> int:
        """The number of quads in the article graphs."""
        import pyoxigraph

        return len(self._store) - sum(1 for _ in self._store.quads_for_pattern(
            None, None, None, pyoxigraph.DefaultGraph()))

    def articles(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())

    def _labels_of(self, nodes: set[str]) -> dict[str, str]:
        """The labels the store already gives to some IRIs (the first article's wins)."""
        import pyoxigraph

        found: dict[str, str] = {}
        label = pyoxigraph.NamedNode(str(_RDFS_LABEL))
        for iri in sorted(nodes):
            for quad in self._store.quads_for_pattern(pyoxigraph.NamedNode(iri), label, None,
                                                      pyoxigraph.DefaultGraph()):
                found.setdefault(iri, quad.object.value)
        return found

    def replace(self, ds: Dataset) -> int:
        """Put each named graph of `ds` in the store in place of the graph of the same IRI;
        return the number of graphs written."""
        from rdflib import URIRef

        from .assemble import Chunk

        def chunks():
            for graph in sorted(ds.graphs(), key=lambda g: str(g.identifier)):
                if isinstance(graph.identifier, URIRef) and len(graph):
                    nt = Graph()
                    for triple in graph:
                        nt.add(triple)
                    suffix = f" <{graph.identifier}> .\n"
                    lines = nt.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
                    body = "".join(line[:-2].rstrip() + suffix for line in lines if line.endswith(" ."))
                    yield Chunk(str(graph.identifier), body.encode("utf-8"))

        return self.replace_chunks(chunks())

    def replace_chunks(self, chunks: Iterable) -> int:
        """Put article graphs given as N-Quads chunks (kg.assemble.Chunk) in the store,
        each in place of the graph of the same IRI, in one update (one transaction) per
        graph. A label the store already gives a node from another graph wins over the
        chunk's. Return the number of graphs written."""
        written = 0
        for chunk in chunks:
            suffix = f" <{chunk.graph}> .\n".encode()
            labelled = {line.partition(b" ")[0][1:-1].decode("utf-8")
                        for line in each_line(chunk.nquads, suffix) if _LABEL_NT in line}
            others = {k: v for k, v in self._labels_of(labelled).items()
                      if not self._only_in(k, chunk.graph)}
            lines = (self._relabel(line, others) + b" .\n"
                     for line in each_line(chunk.nquads, suffix))
            # a new article has nothing to take out first
            remove = _removal(chunk.graph) + " ;\n" if self._has(chunk.graph) else ""
            if len(chunk.nquads) <= BIG_CHUNK:
                body = b"".join(lines).decode("utf-8")
                self._store.update(f"{remove}INSERT DATA {{ GRAPH <{chunk.graph}> {{\n{body}}} }} ;\n"
                                   f"INSERT DATA {{\n{body}}}")
                self._wrote(len(chunk.nquads))
            else:  # Oxigraph would hold a parse of the whole update text: stream the quads
                self._insert_big(remove, chunk.graph, lines)  # counts its batches itself
            written += 1
        return written

    def _insert_big(self, remove: str, graph: str, lines: Iterator[bytes]) -> None:
        """Replace a very long article's graph without a SPARQL text of its size, and
        without one transaction of its size (Oxigraph holds a transaction whole in
        memory: 3.3 GB for a 4.9 MB article): the old graph is removed in one update, the
        new one added in transactions of BIG_BATCH triples, read from its N-Triples
        `lines` a batch at a time. A build killed in between leaves that article partly
        in; its content hash is not recorded then, so the next build of the same store
        parses it again and replaces it whole."""
        import pyoxigraph

        if remove:
            self._store.update(remove)
        name = pyoxigraph.NamedNode(graph)
        default = pyoxigraph.DefaultGraph()
        while batch := b"".join(itertools.islice(lines, BIG_BATCH)):
            triples = pyoxigraph.parse(batch, format=pyoxigraph.RdfFormat.N_TRIPLES)
            self._store.extend(pyoxigraph.Quad(t.subject, t.predicate, t.object, g)
                               for t in triples for g in (name, default))
            self._wrote(len(batch))

    @staticmethod
    def _relabel(line: bytes, labels: dict[str, str]) -> bytes:
        """An N-Triples line (without its final " .") with the label `labels` gives its
        subject, if any."""
        subject, found, _ = line.partition(_LABEL_NT)
        label = labels.get(subject[1:-1].decode("utf-8")) if found and labels else None
        if label is None:
            return line
        return subject + found + literal(label, lang="fr").encode("utf-8")

    def _has(self, graph: str) -> bool:
        import pyoxigraph

        return self._store.contains_named_graph(pyoxigraph.NamedNode(graph))

    def _only_in(self, node: str, graph: str) -> bool:
        """Whether every label of `node` in the store comes from `graph` (being replaced)."""
        import pyoxigraph

        label = pyoxigraph.NamedNode(str(_RDFS_LABEL))
        # Stop at the first label from another graph: a node that many articles name
        # (a country) would otherwise cost one step per article, for every article added.
        return not any(isinstance(q.graph_name, pyoxigraph.NamedNode) and q.graph_name.value != graph
                       for q in self._store.quads_for_pattern(pyoxigraph.NamedNode(node), label, None))

    def query(self, sparql: str, prefixes: dict[str, str], params: dict[str, str] | None = None):
        """Run SPARQL on the merged graph (the default graph); `params` bind variables to
        French strings (substitution by the engine, not by text; see kg.query.run)."""
        import pyoxigraph

        from .query import PARAM_LANGUAGE

        substitutions = {pyoxigraph.Variable(k): pyoxigraph.Literal(v, language=PARAM_LANGUAGE)
                         for k, v in (params or {}).items()}
        try:
            return self._store.query(sparql, prefixes=prefixes, substitutions=substitutions)
        except (SyntaxError, RuntimeError) as e:
            raise InputError(f"invalid SPARQL: {' '.join(str(e).split())[:200]}") from e

    def merged(self) -> Graph:
        """The merged graph (the store's default graph) as an rdflib Graph."""
        import pyoxigraph

        triples = (q.triple for q in self._store.quads_for_pattern(
            None, None, None, pyoxigraph.DefaultGraph()))
        data = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES) or b""
        return Graph().parse(data=data.decode("utf-8"), format="nt")

    def dataset(self) -> Dataset:
        """The whole store as an rdflib Dataset (for export and rendering)."""
        import io

        import pyoxigraph

        out = io.BytesIO()
        quads = (q for q in self._store.quads_for_pattern(None, None, None)
                 if isinstance(q.graph_name, pyoxigraph.NamedNode))
        pyoxigraph.serialize(quads, out, format=pyoxigraph.RdfFormat.N_QUADS)
        ds = Dataset(default_union=True)
        ds.parse(data=out.getvalue().decode("utf-8"), format="nquads")
        return ds
