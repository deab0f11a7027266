"""Per-article N-Quads -> the build's outputs, without holding the articles in memory.

Workers (in this process, in other processes or on a Dask cluster) turn each article into
one chunk of sorted N-Quads lines (`kg.build.article_nquads`). An `Assembly` takes the
chunks in any order: it spools them to a temporary file and keeps only what the outputs
need across articles — each node's label candidates, the merged graph's distinct lines
(the union without provenance records) and, for the HTML view, the sources of each fact.
`finish` then settles the labels (an IRI keeps the label of the first article in IRI
order) and streams the chunks back in article IRI order, so the outputs do not depend on
the order the chunks arrived in.

The chunks are our own output: every line is `<s> <p> o <g> .` on one line, with the
graph last, and an article's provenance records are consecutive lines because
`article_nquads` sorts them and their IRIs share the `kgr:provenance/` prefix.
"""
from __future__ import annotations

import os
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from rdflib import RDF, RDFS, Graph

from .errors import KGError
from .ntriples import Terms, each_line, lines_of
from .vocab import KGO, KGR

_LABEL = f" <{RDFS.label}> ".encode()
_RECORD_PREFIX = f"\n<{KGR}provenance/".encode()
_FIELDS = {f"<{RDF.subject}>".encode(): 0, f"<{RDF.predicate}>".encode(): 1,
           f"<{RDF.object}>".encode(): 2, f"<{KGO.sentence}>".encode(): 3}
_NOT_SOURCES = (f" <{RDF.type}> ".encode(), _LABEL)


@dataclass(frozen=True)
class Chunk:
    """One article's named graph as N-Quads bytes."""

    graph: str  # the article's IRI, which names its graph
    nquads: bytes


class Assembly:
    """Collects article chunks; see the module's docstring."""

    def __init__(self, workdir: Path) -> None:
        fd, name = tempfile.mkstemp(dir=workdir, prefix=".articles.", suffix=".nq")
        self._spool = os.fdopen(fd, "w+b")
        self._spool_path = Path(name)
        self._where: dict[str, tuple[int, int]] = {}
        self._labels: dict[bytes, tuple[str, bytes]] = {}  # subject -> (graph, literal)
        self._variants: dict[bytes, dict[bytes, list[str]]] = {}  # subject -> literal -> graphs
        self._merged: set[bytes] = set()  # N-Triples lines without labels
        self._plain: defaultdict[bytes, list[str]] = defaultdict(list)  # line -> graphs
        self._records: defaultdict[tuple[bytes, bytes, bytes], set[tuple[str, bytes]]] = \
            defaultdict(set)
        self._sentences: dict[bytes, bytes] = {}  # one copy of each sentence, however often cited

    def __enter__(self) -> Assembly:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._spool.close()
        self._spool_path.unlink(missing_ok=True)

    def __len__(self) -> int:
        return len(self._where)

    def add(self, chunk: Chunk) -> None:
        if chunk.graph in self._where:
            raise KGError(f"article graph {chunk.graph} was built twice")
        data = chunk.nquads
        self._where[chunk.graph] = (self._spool.tell(), len(data))
        self._spool.write(data)
        suffix = f" <{chunk.graph}> .\n".encode()
        first = data.find(_RECORD_PREFIX)
        records: Iterator[bytes]
        if first < 0:
            plain, records = each_line(data, suffix), iter(())
        else:
            last = data.rfind(_RECORD_PREFIX)
            end = data.find(b"\n", last + 1) + 1
            plain = chain(each_line(data, suffix, 0, first + 1), each_line(data, suffix, end))
            records = each_line(data, suffix, first + 1, end)
        for line in plain:
            if _LABEL in line:
                subject, _, literal = line.partition(_LABEL)
                known = self._labels.get(subject)
                if known is None or chunk.graph < known[0]:
                    self._labels[subject] = (chunk.graph, literal)
                self._variants.setdefault(subject, {}).setdefault(literal, []).append(chunk.graph)
                continue
            self._merged.add(line)
            if not any(p in line for p in _NOT_SOURCES):
                self._plain[line].append(chunk.graph)
        self._add_records(records, chunk.graph)

    def _add_records(self, lines: Iterable[bytes], graph: str) -> None:
        """Fold each provenance record (consecutive lines of one subject) into the
        sources of its fact: (article, sentence)."""
        subject: bytes | None = None
        fields: list[bytes | None] = [None, None, None, b""]
        for line in chain(lines, [b"<> <> <>"]):
            s, _, rest = line.partition(b" ")
            if s != subject:
                fact_s, fact_p, fact_o, said = fields
                if subject is not None and fact_s and fact_p and fact_o and said is not None:
                    sentence = self._sentences.setdefault(said, said)
                    self._records[(fact_s, fact_p, fact_o)].add((graph, sentence))
                subject, fields = s, [None, None, None, b""]
            p, _, o = rest.partition(b" ")
            slot = _FIELDS.get(p)
            if slot is not None:
                fields[slot] = o

    # --- after the last chunk -----------------------------------------------------------

    def labels(self) -> dict[bytes, bytes]:
        return {s: literal for s, (_, literal) in self._labels.items()}

    def chunks(self) -> Iterator[Chunk]:
        """The chunks in article IRI order, each label replaced by the settled one."""
        settled = self.labels()
        unsettled = {graph for subject, variants in self._variants.items() if len(variants) > 1
                     for literal, graphs in variants.items() if literal != settled[subject]
                     for graph in graphs}
        for graph in sorted(self._where):
            offset, size = self._where[graph]
            self._spool.seek(offset)
            data = self._spool.read(size)
            if graph in unsettled:
                suffix = f" <{graph}> .\n".encode()
                data = b"".join(sorted(self._settle(line, settled) + suffix
                                       for line in lines_of(data, suffix)))
            yield Chunk(graph, data)

    @staticmethod
    def _settle(line: bytes, settled: dict[bytes, bytes]) -> bytes:
        if _LABEL in line:
            subject, _, _ = line.partition(_LABEL)
            return subject + _LABEL + settled[subject]
        return line

    def merged_ntriples(self) -> bytes:
        """The merged graph (no provenance records) as sorted N-Triples."""
        lines = self._merged | {s + _LABEL + lit for s, lit in self.labels().items()}
        return b"".join(line + b" .\n" for line in sorted(lines))

    def sources(self, to_term) -> dict[tuple, set[tuple[str, str | None]]]:
        """Each fact's sources for the view: {(s, p, o): {(article IRI, sentence)}},
        the terms made by `to_term` from N-Triples text; an article graph holding a
        fact counts as a source without a sentence when no record gives one."""
        found: dict[tuple, set[tuple[str, str | None]]] = {}
        with_sentence: defaultdict[bytes, set[str]] = defaultdict(set)
        texts: dict[bytes, str] = {}  # one str per sentence, however many facts it supports

        def text(sentence: bytes) -> str:
            if sentence not in texts:
                texts[sentence] = str(to_term(sentence))
            return texts[sentence]

        for (s, p, o), pairs in self._records.items():
            key = (to_term(s), to_term(p), to_term(o))
            found.setdefault(key, set()).update(
                (graph, text(sentence) if sentence else None) for graph, sentence in pairs)
            with_sentence[s + b" " + p + b" " + o] |= {g for g, _ in pairs}
        for line, graphs in self._plain.items():
            s, _, rest = line.partition(b" ")
            p, _, o = rest.partition(b" ")
            alone = set(graphs) - with_sentence.get(line, set())
            if alone:
                key = (to_term(s), to_term(p), to_term(o))
                found.setdefault(key, set()).update((g, None) for g in alone)
        return found


def merged_graph(ntriples: bytes, terms: Terms) -> Graph:
    """The merged N-Triples as an rdflib Graph (for SHACL and the view)."""
    graph = Graph()
    for line in ntriples.splitlines():
        s, _, rest = line.partition(b" ")
        p, _, o = rest.partition(b" ")
        graph.add((terms(s), terms(p), terms(o[:-2])))
    return graph


