"""N-Triples and N-Quads as newskg writes them: the one place that knows their terms.

An article's graph is written as sorted N-Quads lines (`kg.build.article_nquads`), one
named graph per article; everything else reads those lines: the assembly of a build's
files, the store, the per-article SHACL check. Terms are written in one form only (IRIs in
angle brackets, literals with `\\`, `"`, line feed and carriage return escaped, then a
language tag or a datatype), which is what `Terms` parses back.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from rdflib import Literal, URIRef

__all__ = ["Terms", "each_line", "lines_of", "literal", "quoted", "runs"]

_ESCAPE, _UNESCAPE = re.compile(r"\\(.)"), {"n": "\n", "r": "\r"}


def quoted(text: str) -> str:
    """A string as the body of an N-Triples literal, quotes included."""
    return ('"' + text.replace("\\", "\\\\").replace('"', '\\"')
            .replace("\n", "\\n").replace("\r", "\\r") + '"')


def literal(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    """An N-Triples literal: `"text"@lang`, `"text"^^<datatype>` or `"text"`."""
    if lang:
        return f"{quoted(text)}@{lang}"
    if datatype:
        return f"{quoted(text)}^^<{datatype}>"
    return quoted(text)


class Terms:
    """N-Triples terms (as newskg writes them) -> rdflib terms, each parsed once."""

    def __init__(self) -> None:
        self._cache: dict[bytes, object] = {}

    def __call__(self, text: bytes):
        term = self._cache.get(text)
        if term is None:
            term = self._cache[text] = self.parse(text.decode("utf-8"))
        return term

    @staticmethod
    def parse(text: str):
        if text.startswith("<"):
            return URIRef(text[1:-1])
        end = text.rindex('"')
        value = _ESCAPE.sub(lambda m: _UNESCAPE.get(m.group(1), m.group(1)), text[1:end])
        tail = text[end + 1:]
        if tail.startswith("@"):
            return Literal(value, lang=tail[1:])
        if tail.startswith("^^<"):
            return Literal(value, datatype=URIRef(tail[3:-1]))
        return Literal(value)


def lines_of(body: bytes, suffix: bytes) -> list[bytes]:
    """`<s> <p> o <g> .` lines -> `<s> <p> o` (the graph suffix removed)."""
    return body.replace(suffix, b"\n").splitlines()


def each_line(body: bytes, suffix: bytes, start: int = 0, stop: int | None = None) -> Iterator[bytes]:
    """`lines_of(body[start:stop], suffix)` one line at a time, without copying the body
    (an article's chunk can be hundreds of megabytes)."""
    stop = len(body) if stop is None else stop
    ending = suffix[:-1]  # the suffix without its line end
    while start < stop:
        end = body.find(b"\n", start, stop)
        if end < 0:  # a last line without its line end keeps its suffix, as in `lines_of`
            yield body[start:stop]
            return
        line = body[start:end]
        yield line[:-len(ending)] if line.endswith(ending) else line
        start = end + 1


def runs(body: bytes) -> Iterator[tuple[bytes, int, int]]:
    """Each subject of sorted lines (an article's chunk), with where its lines are, as
    (subject, start, stop): sorted, one subject's lines are consecutive, so a long chunk
    is walked without copying its lines."""
    at = 0
    while at < len(body):
        subject = body[at:body.index(b" ", at)]
        stop = at
        while True:  # the end of the run: the first line of another subject
            stop = body.index(b"\n", stop) + 1
            if stop >= len(body) or not body.startswith(subject + b" ", stop):
                break
        yield subject, at, stop
        at = stop
