"""What several extractors read from a Doc, read quickly.

spaCy builds `Doc.text` anew from the tokens on every access, and every extractor needs
it: `text_of` builds it once per Doc (whose text cannot change) and forgets it with the
Doc. `token_forms` gives a normalised form of every token's text and lemma without
building a Token object per token, which costs more than the rule that reads it.
"""
from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import cast

_TEXTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
#: Per normalising function: a string's form, by the string's hash in spaCy's StringStore
#: (the same string has the same hash in every vocabulary).
_FORMS: dict[Callable[[str], str], dict[int, str]] = {}
_MEMO = 200_000  # forms remembered per function before starting afresh


def text_of(doc) -> str:
    """`doc.text`, computed on the first call for this Doc."""
    try:
        return _TEXTS[doc]
    except KeyError:
        text = _TEXTS[doc] = doc.text
        return text
    except TypeError:  # not weak-referenceable: nothing to remember it by
        return doc.text


def token_forms(doc, norm: Callable[[str], str]) -> tuple[list[str], list[str]]:
    """`norm(token.text)` and `norm(token.lemma_)` for every token of `doc`, in order."""
    if not len(doc):
        return [], []
    if not hasattr(doc, "to_array"):  # a Span: token by token
        return [norm(t.text) for t in doc], [norm(t.lemma_) for t in doc]
    memo = _FORMS.setdefault(norm, {})
    if len(memo) > _MEMO:
        memo.clear()
    strings = doc.vocab.strings
    table = doc.to_array(["ORTH", "LEMMA"])
    columns = []
    for hashes in (table[:, 0].tolist(), table[:, 1].tolist()):
        forms = [memo.get(h) for h in hashes]
        if None in forms:
            for i, form in enumerate(forms):
                if form is None:
                    forms[i] = memo[hashes[i]] = norm(strings[hashes[i]])
        columns.append(cast("list[str]", forms))  # its None forms were all filled in above
    return columns[0], columns[1]


def sentence_spans(doc) -> list[tuple[int, int]]:
    """The Doc's sentences as (start, end) offsets, joined back where the parser cut one
    in the middle ("Le Premier ministre hongrois" | "Viktor Orbán et ..."): a sentence
    ends at a full stop, a question or exclamation mark, a closing quote or colon, or a
    line break."""
    text = text_of(doc)
    spans: list[tuple[int, int]] = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        if spans:
            before = text[spans[-1][0]:start].rstrip(" \t")
            if before and not before.endswith((".", "!", "?", "»", '"', "”", ":", ";", "…", "\n", ")")):
                spans[-1] = (spans[-1][0], end)
                continue
        spans.append((start, end))
    return spans
