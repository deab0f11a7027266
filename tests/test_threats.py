"""Threat matching on lemmas and negation, on hand-built parsed Docs."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from kg.extract.threats import ThreatLexicon, find_threats

LEXICON = ThreatLexicon({("cybersecurite",): "CyberThreat", ("menace", "hybride"): "HybridThreat",
                         ("trafic", "de", "drogue"): "DrugTrafficking"}, 3)


def parsed(vocab, rows):
    """rows: (word, lemma, pos, head index, dep)."""
    words, lemmas, pos, heads, deps = zip(*rows)
    return Doc(vocab, words=list(words), lemmas=list(lemmas), pos=list(pos), heads=list(heads),
               deps=list(deps), sent_starts=[True] + [False] * (len(rows) - 1))


@pytest.fixture
def vocab(blank_fr):
    return blank_fr.vocab


def test_plural_forms_match_on_lemmas(vocab):
    doc = parsed(vocab, [("Les", "le", "DET", 1, "det"), ("menaces", "menace", "NOUN", 3, "nsubj"),
                         ("hybrides", "hybride", "ADJ", 1, "amod"), ("croissent", "croître", "VERB", 3, "ROOT"),
                         (".", ".", "PUNCT", 3, "punct")])
    assert [t.key for t in find_threats(doc, LEXICON)] == ["HybridThreat"]


def test_longest_match_wins(vocab):
    doc = parsed(vocab, [("le", "le", "DET", 1, "det"), ("trafic", "trafic", "NOUN", 1, "ROOT"),
                         ("de", "de", "ADP", 3, "case"), ("drogue", "drogue", "NOUN", 1, "nmod")])
    [match] = find_threats(doc, LEXICON)
    assert (match.key, doc.text[match.start:match.end]) == ("DrugTrafficking", "trafic de drogue")


@pytest.mark.parametrize("negated", [True, False])
def test_denied_threats_are_not_matched(vocab, negated):
    rows = [("la", "le", "DET", 1, "det"), ("cybersécurité", "cybersécurité", "NOUN", 6, "nsubj:pass")]
    rows += [("n'", "ne", "ADV", 6, "advmod")] if negated else [("aussi", "aussi", "ADV", 6, "advmod")]
    rows += [("a", "avoir", "AUX", 6, "aux:tense"),
             ("pas" if negated else "bien", "pas" if negated else "bien", "ADV", 6, "advmod"),
             ("été", "être", "AUX", 6, "aux:pass"), ("abordée", "aborder", "VERB", 6, "ROOT")]
    doc = parsed(vocab, rows)
    assert [t.key for t in find_threats(doc, LEXICON)] == ([] if negated else ["CyberThreat"])
