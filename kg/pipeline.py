"""read -> nlp -> extract -> N-Quads per article -> assemble -> validate -> write.

The per-article work (parse, extract, N-Quads) runs in this process, in `workers` local
processes, or on a Dask cluster; each article's chunk is a pure function of the article,
and the assembly orders everything by article IRI, so every way gives the same bytes.
"""
from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .articles import MAX_BYTES, Problem, read_corpus
from .assemble import Assembly, Chunk, Terms, merged_graph
from .build import PREFIXES, article_nquads
from .errors import InputError, KGError, UsageError, ValidationError
from .extract import ThreatLexicon, extract
from .iri import iri_text
from .nlp import parse, pipeline
from .scheme import threat_labels
from .store import GraphStore, write_all
from .types import Article, Fact, Node
from .validate import problems
from .view import render_page

#: Articles per task sent to a worker process or a Dask worker.
BATCH = 16
#: The prefixes of the Turtle and TriG outputs.
OUTPUT_PREFIXES = {**PREFIXES, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
                   "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}


@dataclass(frozen=True)
class BuildReport:
    articles: int
    triples: int
    files: dict[str, Path]
    skipped: int = 0
    failed: int = 0


Progress = Callable[[int, int], None]


@cache
def _lexicon() -> ThreatLexicon:
    """The threat lexicon, built once per process (a worker reuses it for every batch)."""
    return ThreatLexicon.from_labels(threat_labels(), pipeline())


def extract_all(articles: Sequence[Article], progress: Progress | None = None
                ) -> list[tuple[Article, list[Fact]]]:
    """Facts of every article, parsing them as one stream through the pipeline;
    `progress(done, total)` is called after each article."""
    lexicon = _lexicon()
    results = []
    for article, doc in parse(articles):
        results.append((article, extract(article, doc, lexicon)))
        if progress is not None:
            progress(len(results), len(articles))
    return results


def article_graph(article: Article) -> str:
    """The IRI of an article's named graph."""
    return iri_text(Node("article", article.id, article.id))


def chunks_of(articles: Sequence[Article]) -> list[Chunk]:
    """Parse, extract and serialise a batch of articles (what a worker runs); the
    pipeline and the lexicon are loaded once per process."""
    lexicon = _lexicon()
    return [Chunk(article_graph(article), article_nquads(article, extract(article, doc, lexicon)))
            for article, doc in parse(articles)]


def _batches(articles: Sequence[Article], workers: int) -> list[Sequence[Article]]:
    """Batches of at most BATCH articles, at least four per worker when there are enough
    articles, so that no worker waits for another's long batch at the end."""
    size = max(1, min(BATCH, len(articles) // (4 * workers)))
    return [articles[i:i + size] for i in range(0, len(articles), size)]


def _serial(articles: Sequence[Article]) -> Iterator[Chunk]:
    lexicon = _lexicon()
    for article, doc in parse(articles):
        yield Chunk(article_graph(article), article_nquads(article, extract(article, doc, lexicon)))


def _processes(articles: Sequence[Article], workers: int) -> Iterator[Chunk]:
    with ProcessPoolExecutor(max_workers=workers, initializer=_lexicon) as pool:
        futures = [pool.submit(chunks_of, batch) for batch in _batches(articles, workers)]
        for future in as_completed(futures):
            yield from future.result()


def _dask(articles: Sequence[Article], scheduler: str) -> Iterator[Chunk]:
    try:
        from distributed import Client, as_completed as dask_completed
    except ImportError as e:
        raise KGError("--executor dask needs Dask distributed: pip install 'newskg[dask]'") from e
    try:
        client = Client(scheduler, timeout="10s")
    except OSError as e:
        raise InputError(f"{scheduler}: cannot reach the Dask scheduler ({e})") from e
    with client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        futures = client.map(chunks_of, _batches(articles, workers), pure=False)
        for future in dask_completed(futures):
            yield from future.result()


def article_chunks(articles: Sequence[Article], workers: int = 1, executor: str = "local",
                   scheduler: str | None = None) -> Iterator[Chunk]:
    """Each article's chunk, in the order they are done (not input order)."""
    if executor == "dask":
        if not scheduler:
            raise UsageError("--executor dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.1:8786)")
        return _dask(articles, scheduler)
    if executor != "local":
        raise UsageError(f"unknown executor {executor!r}; expected local or dask")
    if workers < 1:
        raise UsageError(f"--workers {workers}: expected 1 or more")
    if workers == 1 or len(articles) == 1:
        return _serial(articles)
    return _processes(articles, workers)


def _trig_writer(assembly: Assembly, workdir: Path) -> Callable:
    """Stream the ordered chunks through Oxigraph's TriG serialiser into a file."""
    import pyoxigraph

    def write(out) -> None:
        ordered = workdir / "ordered.nq"
        with open(ordered, "wb") as fh:
            for chunk in assembly.chunks():
                fh.write(chunk.nquads)
        quads = pyoxigraph.parse(path=ordered, format=pyoxigraph.RdfFormat.N_QUADS)
        pyoxigraph.serialize(quads, out, format=pyoxigraph.RdfFormat.TRIG,
                             prefixes=OUTPUT_PREFIXES)
        ordered.unlink()

    return write


def _turtle(ntriples: bytes) -> bytes:
    import pyoxigraph

    triples = pyoxigraph.parse(ntriples, format=pyoxigraph.RdfFormat.N_TRIPLES)
    return pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.TURTLE,
                                prefixes=OUTPUT_PREFIXES)


def build(inputs: Iterable[Path], out: Path | None = None, store: Path | None = None,
          validate: bool = True, progress: Progress | None = None, force: bool = False,
          max_bytes: int = MAX_BYTES,
          report_problem: Callable[[Problem], None] | None = None,
          workers: int = 1, executor: str = "local", scheduler: str | None = None) -> BuildReport:
    """Build `out/graph.ttl`, `out/graph.trig` and `out/graph.html` from articles, and/or
    put the articles' graphs in the persistent store at `store` (replacing earlier builds
    of the same articles).

    Every article is read before anything is parsed, and nothing is written unless the
    whole build succeeds, so a bad input never leaves half an output behind.
    """
    inputs = list(inputs)
    corpus = read_corpus(inputs, force=force, max_bytes=max_bytes)
    articles = corpus.articles
    if not articles and len(corpus.problems) == 1:
        raise InputError(corpus.problems[0].message)
    for problem in corpus.problems:
        if report_problem is not None:
            report_problem(problem)
    if not articles:
        raise InputError("nothing to build: no readable French article in "
                         f"{', '.join(map(str, inputs))}")
    chunks = article_chunks(articles, workers, executor, scheduler)
    workdir = out if out is not None else Path(store).parent
    workdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=workdir, prefix=".kg-build.",
                                     suffix=".tmp") as tmp, \
            Assembly(Path(tmp)) as assembly:
        for chunk in chunks:
            assembly.add(chunk)
            if progress is not None:
                progress(len(assembly), len(articles))
        terms = Terms()
        ntriples = assembly.merged_ntriples()
        merged = merged_graph(ntriples, terms)
        triples = len(merged)
        files: dict[Path, object] = {}
        if out is not None:
            files = {
                out / "graph.ttl": _turtle(ntriples),
                out / "graph.trig": _trig_writer(assembly, Path(tmp)),
                out / "graph.html": render_page(merged, title="newskg",
                                                sources=assembly.sources(terms)),
            }
        if validate:  # last use of `merged`: the ontology is mixed into it
            found = problems(merged, inplace=True)
            if found:
                raise ValidationError(f"the built graph breaks {len(found)} SHACL constraint(s); "
                                      f"first: {found[0]}")
        write_all(files)
        if store is not None:
            with GraphStore(store) as opened:
                opened.replace_chunks(assembly.chunks())
    return BuildReport(len(articles), triples, {p.name: p for p in files},
                       corpus.count("skipped"), corpus.count("failed"))

