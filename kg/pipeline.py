"""read -> nlp -> extract -> build -> validate -> write."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .articles import MAX_BYTES, Problem, read_corpus
from .build import build_dataset, merged_graph, serialize_trig
from .errors import InputError, ValidationError
from .extract import ThreatLexicon, extract
from .nlp import parse, pipeline
from .scheme import threat_labels
from .store import GraphStore, write_all
from .types import Article, Fact
from .validate import problems
from .view import render_html


@dataclass(frozen=True)
class BuildReport:
    articles: int
    triples: int
    files: dict[str, Path]
    skipped: int = 0
    failed: int = 0


Progress = Callable[[int, int], None]


def extract_all(articles: Sequence[Article], progress: Progress | None = None
                ) -> list[tuple[Article, list[Fact]]]:
    """Facts of every article, parsing them as one stream through the pipeline;
    `progress(done, total)` is called after each article."""
    lexicon = ThreatLexicon.from_labels(threat_labels(), pipeline())
    results = []
    for article, doc in parse(articles):
        results.append((article, extract(article, doc, lexicon)))
        if progress is not None:
            progress(len(results), len(articles))
    return results


def build(inputs: Iterable[Path], out: Path | None = None, store: Path | None = None,
          validate: bool = True, progress: Progress | None = None, force: bool = False,
          max_bytes: int = MAX_BYTES,
          report_problem: Callable[[Problem], None] | None = None) -> BuildReport:
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
    ds = build_dataset(extract_all(articles, progress))
    merged = merged_graph(ds)
    if validate:
        found = problems(merged)
        if found:
            raise ValidationError(f"the built graph breaks {len(found)} SHACL constraint(s); "
                                  f"first: {found[0]}")
    files: dict[Path, bytes] = {}
    if out is not None:
        files = {
            out / "graph.ttl": merged.serialize(format="turtle", encoding="utf-8"),
            out / "graph.trig": serialize_trig(ds),
            out / "graph.html": render_html(ds, title="newskg").encode("utf-8"),
        }
        write_all(files)
    if store is not None:
        with GraphStore(store) as opened:
            opened.replace(ds)
    return BuildReport(len(articles), len(merged), {p.name: p for p in files},
                       corpus.count("skipped"), corpus.count("failed"))
