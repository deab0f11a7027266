"""Threats named in a text, matched on lemmas against the threat scheme's labels."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .document import token_forms
from .lexicon import fold

REQUIRES = ("token.lemma", "token.dep", "doc.sents")

_NEGATIONS = {"pas", "jamais", "guere", "aucunement", "nullement"}


@dataclass(frozen=True)
class ThreatLexicon:
    """Threat keys by label, each label a tuple of folded lemmas and of folded words."""

    by_lemmas: Mapping[tuple[str, ...], str]
    longest: int

    @classmethod
    def from_labels(cls, labels: Mapping[str, str], nlp) -> ThreatLexicon:
        """`labels` maps surface forms ("menaces hybrides") to keys ("HybridThreat")."""
        table: dict[tuple[str, ...], str] = {}
        for doc, key in nlp.pipe(sorted(labels.items()), as_tuples=True):
            words = [t for t in doc if not t.is_punct]
            for seq in (tuple(_norm(t.lemma_) for t in words), tuple(_norm(t.text) for t in words)):
                if seq:
                    table.setdefault(seq, key)
        return cls(table, max((len(k) for k in table), default=0))


def _norm(word: str) -> str:
    return fold(word).replace("’", "'")


@dataclass(frozen=True)
class ThreatMention:
    start: int
    end: int
    key: str


def _negated(span) -> bool:
    """Whether the clause that governs `span` is negated ("n'a pas été abordée")."""
    node = span.root
    while True:
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            break
        node = node.head
    heads = [node, *[c for c in node.children if c.pos_ == "AUX"]]
    return any(_norm(c.text) in _NEGATIONS for h in heads for c in h.children)


def find_threats(doc, lexicon: ThreatLexicon) -> list[ThreatMention]:
    """Longest matches of the scheme's labels, by lemma or by word, outside negated clauses."""
    words, lemmas = token_forms(doc, _norm)
    table = lexicon.by_lemmas
    firsts = {label[0] for label in table if label}
    size = len(lemmas)
    # Where a label may start: elsewhere none matches, by lemma or by word.
    starts = [i for i, (lemma, word) in enumerate(zip(lemmas, words))
              if lemma in firsts or word in firsts]
    found: list[ThreatMention] = []
    free = 0  # the first token not inside a match already found
    for i in starts:
        if i < free:
            continue
        hit = None
        for n in range(min(lexicon.longest, size - i), 0, -1):
            key = table.get(tuple(lemmas[i:i + n])) or table.get(tuple(words[i:i + n]))
            if key:
                hit = (n, key)
                break
        if hit is None:
            continue
        n, key = hit
        span = doc[i:i + n]
        if not _negated(span):
            found.append(ThreatMention(span.start_char, span.end_char, key))
        free = i + n
    return found
