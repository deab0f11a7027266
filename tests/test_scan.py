"""kg.extract.scan.Scanners finds exactly what `re.finditer` finds, only faster."""
from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.lexicon import countries
from kg.extract.patterns import title_patterns
from kg.extract.scan import Scanners

DEV = Path(__file__).parent / "data" / "dev"

ODD = [re.compile(r"(?<![\w-])(?:a|b)*c"), re.compile(r"(?<![\w-])x?y{2,5}z", re.I),
       re.compile(r"(?<![\w-])[^a]b", re.I), re.compile(r"(?<![\w-]),"),
       re.compile(r"(?<![\w-])(?:é|e)(?:\s+|-)t"), re.compile(r"(?<![\w-])a?"),
       re.compile(r"(?<![\w-])\w+", re.I), re.compile(r"no lookbehind")]


def groups() -> list[list[re.Pattern]]:
    lexicon = countries()
    return [[regex for regex, _ in title_patterns()], [lexicon.name_re, lexicon.nationality_re],
            [re.compile(rf"(?<![\w-]){re.escape(n)}(?![\w-])") for n in lexicon.capitals],
            ODD]


SCANNERS = [(group, Scanners(group)) for group in groups()]
PIECES = st.sampled_from(list("aAeEéÉpPcCmMsSſKkİı -_'’,.()\n«»0123xyz") + [
    "ministre", "Président ", "belge", "Belges", "BELGE", "Bruxelles", " de l'État ",
    "ministre de l'Intérieur", "premier ministre", "Le", "cons", "ital", "franco-"])


def same_matches(text: str) -> None:
    for group, scanners in SCANNERS:
        for pattern, found in zip(group, scanners.finditer(text)):
            expected = [(m.span(), m.groups()) for m in pattern.finditer(text)]
            assert [(m.span(), m.groups()) for m in found] == expected, (pattern.pattern[:60], text)


def test_the_development_articles_and_their_variants():
    for path in sorted(DEV.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for variant in (text, text.upper(), text.lower(), text.replace(" ", "-")):
            same_matches(variant)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_random_texts(text):
    same_matches(text)
