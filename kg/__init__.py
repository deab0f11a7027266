"""newskg: knowledge graphs of governments, meetings and security threats from French news.

The Python API; `kg` on the command line is a thin layer over it.

    import kg

    report = kg.build_corpus(["seeds"], out="build")     # graph.ttl, graph.trig, graph.html
    graph = kg.load_graph("build/graph.trig")             # an rdflib Dataset
    for row in kg.run_query(graph, "person", name="Gérald Darmanin").rows:
        print(row)
    facts = kg.extract_facts("Le ministre de l'Intérieur, Gérald Darmanin, ...", date="2021-12")

(The names differ from the submodules kg.build, kg.query and kg.extract, which they use.)

Importing `kg` loads neither spaCy nor rdflib: each function imports what it needs.
"""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError, KGError, QueryError, RemoteError, UsageError, ValidationError

if TYPE_CHECKING:
    from rdflib import Dataset

    from .pipeline import BuildReport
    from .query import Result
    from .store import GraphStore
    from .types import Fact

try:
    __version__ = version("newskg")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0+unknown"

__all__ = [
    "InputError",
    "KGError",
    "QueryError",
    "RemoteError",
    "UsageError",
    "ValidationError",
    "__version__",
    "build_corpus",
    "extract_facts",
    "load_graph",
    "open_store",
    "run_query",
]


def build_corpus(inputs, out: str | Path | None = None, store: str | Path | None = None,
          **options: Any) -> BuildReport:
    """Build articles (files or folders of .txt, .jsonl, .html) into `out/graph.ttl`,
    `graph.trig` and `graph.html`, and/or into the persistent `store`. Each article is
    built on its own; pass `report_problem=print` to hear about those left out. Other
    options as `kg build`: validate, force, max_bytes, workers, executor, scheduler,
    reparse, progress."""
    from .pipeline import build as run

    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    return run([Path(i) for i in inputs], None if out is None else Path(out),
               None if store is None else Path(store), **options)


def open_store(path: str | Path, read_only: bool = True) -> GraphStore:
    """The persistent store at `path`, read-only unless asked (a writer creates it).
    Use it in a `with` block: it holds the store until closed."""
    from .store import GraphStore

    return GraphStore(Path(path), read_only=read_only)


def load_graph(path: str | Path) -> Dataset:
    """A graph file (.ttl, .trig, .nt, .nq, .jsonld) as an rdflib Dataset whose default
    graph is the union of its graphs."""
    from .store import load as read

    return read(Path(path))


def run_query(source, sparql: str, params: dict[str, str] | None = None,
          allow_network: bool = False, **named: str) -> Result:
    """Run a canned query (by name, see `kg queries`), a `.rq` file or SPARQL text on a
    graph file's path, a loaded Dataset or an open store. Parameters bind variables to
    French strings: `run_query(g, "person", name="Gérald Darmanin")`."""
    from rdflib import Dataset

    from . import query as q
    from .store import GraphStore

    text = q.resolve(sparql)
    bindings = {**(params or {}), **named}
    q.check_params(text, bindings)
    if isinstance(source, GraphStore):
        return q.run_store(source, text, bindings, allow_network=allow_network)
    if isinstance(source, (str, Path)):
        source = load_graph(source)
    if not isinstance(source, Dataset):
        raise UsageError(f"run_query: expected a graph file, a Dataset or a store, "
                         f"not {type(source).__name__}")
    return q.run(source, text, bindings, allow_network=allow_network)


def extract_facts(text: str, date: str | None = None, article_id: str = "article") -> list[Fact]:
    """The facts of one article's text (no RDF): persons, posts, meetings, threats."""
    from .articles import parse_article
    from .extract import extract as facts_of
    from .nlp import parse
    from .pipeline import _lexicon

    if not isinstance(text, str) or not text.strip():
        raise UsageError("extract_facts: expected a non-empty text")
    header = f" date {date} " if date else ""
    article = parse_article(header + text, article_id)
    [(article, doc)] = list(parse([article]))
    return facts_of(article, doc, _lexicon())
