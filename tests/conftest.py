"""Shared fixtures: hand-built spaCy Docs for rule tests, and one real build of the seeds."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

HERE = Path(__file__).parent
ROOT = HERE.parent
SEEDS = ROOT / "seeds"
DEV = HERE / "data" / "dev"


@pytest.fixture(scope="session")
def blank_fr():
    import spacy

    return spacy.blank("fr")


@pytest.fixture(scope="session")
def make_doc(blank_fr):
    """Build a Doc by hand: tokens from the blank French tokenizer, the given names
    tagged PER (and places LOC), a sentence start after each ". " and paragraph break.
    No statistical model is involved, so rule tests survive model upgrades."""
    from spacy.tokens import Doc, Span

    def build(text: str, persons=(), places=(), orgs=()):
        doc = blank_fr(text)
        sent_starts = [True] + [
            doc[i - 1].text in (".", "!", "?") or "\n" in doc[i - 1].text for i in range(1, len(doc))]
        doc = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc],
                  sent_starts=sent_starts)
        spans = []
        for label, names in (("PER", persons), ("LOC", places), ("ORG", orgs)):
            for name in names:
                for m in re.finditer(re.escape(name), text):
                    span = doc.char_span(m.start(), m.end(), label=label)
                    assert span is not None, f"{name!r} does not align with tokens"
                    if not any(s.start < span.end and span.start < s.end for s in spans):
                        spans.append(span)
        doc.ents = sorted(spans, key=lambda s: s.start)
        return doc

    return build


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The seeds built once through the real pipeline: (output folder, report)."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("seed-build")
    report = build([SEEDS], out)
    return out, report
