"""Where a text says which country a stretch of it is about.

- A contrast opens a scope: "Côté belge, ...", "Du côté des Pays-Bas, ...", "Pour la
  Belgique, ..."; it lasts to the next scope or the end of the sentence, and, less surely,
  to the end of the paragraph ("Côté italien, l'humeur était tout autre. Le président du
  Conseil, ...").
- A country that sends or is represented by people opens one too: "L'Allemagne était
  représentée par A et B, la Belgique par son ministre ..., les Pays-Bas par ...",
  "Londres avait dépêché X, et Berne Y".
- A names list closed by "côté X" is about X: "A et B côté belge, C et D côté français".
- The two countries of a bilateral article: those its title and lead name, when they name
  exactly two.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator

from . import patterns as P
from .countries import country_mentions
from .lexicon import countries


def _code(match: re.Match) -> str | None:
    lex = countries()
    name = match.group("name")
    if name:
        return lex.names.get(name) or lex.capitals.get(name)
    return lex.nationality(match.group("nat"))


def _coded(matches: Iterable[re.Match]) -> Iterator[tuple[re.Match, str]]:
    """The matches that name a country, each with the country's code."""
    for m in matches:
        code = _code(m)
        if code:
            yield m, code


class Scopes:
    """The scopes of one text: (start, end, country, strong) spans."""

    def __init__(self, text: str, sents: list[tuple[int, int]]):
        self.spans: list[tuple[int, int, str, bool]] = []
        breaks = [m.start() for m in P.PARAGRAPH_BREAK.finditer(text)] + [len(text)]
        sents = sorted(sents)
        sent_starts = [s for s, _ in sents]
        scope_re, subject_re = P.scope_cues()
        trailing, gapped = P.trailing_scope(), P.gapped_subject()
        for s, e in sents:
            sentence = text[s:e]
            anchors = [(m.start(), code) for m, code in _coded(scope_re.finditer(sentence))
                       if _clause_start(sentence, m.start())]
            subjects = [(m.start(), code) for m, code in _coded(subject_re.finditer(sentence))]
            anchors += subjects
            if subjects:
                anchors += [(m.start(), code) for m, code in _coded(gapped.finditer(sentence))
                            if m.start() > subjects[0][0]]
            anchors.sort()
            for i, (start, code) in enumerate(anchors):
                end = anchors[i + 1][0] if i + 1 < len(anchors) else len(sentence)
                self.spans.append((s + start, s + end, code, True))
            if anchors and anchors[-1][0] == 0 and anchors[-1] not in subjects:
                # the rest of the paragraph, up to a sentence that names another country
                code = anchors[-1][1]
                paragraph_end = breaks[bisect_left(breaks, e)]
                end = e
                for s2, e2 in sents[bisect_left(sent_starts, e):]:
                    if s2 >= paragraph_end:
                        break
                    if _names_other_country(text[s2:e2], code):
                        break
                    end = e2
                if end > e:
                    self.spans.append((e, end, code, False))
            previous = 0
            for m in trailing.finditer(sentence):
                if _clause_start(sentence, m.start()):
                    continue
                nationality = countries().nationality(m.group("nat"))
                if nationality:
                    self.spans.append((s + previous, s + m.end(), nationality, True))
                previous = m.end()
        self.spans.sort()
        self._starts = [s for s, _, _, _ in self.spans]
        self._longest = max((e - s for s, e, _, _ in self.spans), default=0)

    def country_at(self, pos: int) -> tuple[str | None, bool]:
        """The country of the innermost scope around `pos`, and whether the scope is
        sure (its own sentence) or weak (the rest of its paragraph)."""
        found: tuple[str | None, bool] = (None, False)
        # a scope that starts `_longest` or more before `pos` ends before it
        first = bisect_right(self._starts, pos - self._longest)
        for start, end, code, strong in self.spans[first:bisect_right(self._starts, pos)]:
            if start <= pos < end and (strong or not found[1]):
                found = (code, strong)
        return found



def _names_other_country(sentence: str, code: str) -> bool:
    codes = {c.code for c in country_mentions(sentence, capitals=True)}
    codes |= {countries().cities[m.group()] for m in P.city_names().finditer(sentence)}
    return bool(codes - {code})


def _clause_start(sentence: str, pos: int) -> bool:
    before = sentence[:pos].rstrip()
    return not before or before.endswith((",", ";", ":", "(", "«", '"', "—", "-", "."))


def pair_of_countries(text: str) -> tuple[str, str] | None:
    """The two countries of a bilateral article: those its title and lead name, when they
    are exactly two."""
    breaks = [m.end() for m in P.PARAGRAPH_BREAK.finditer(text)]
    lead = text[:breaks[1]] if len(breaks) > 1 else text
    codes = sorted({c.code for c in country_mentions(lead, capitals=True)}
                   | {countries().cities[m.group()] for m in P.city_names().finditer(lead)})
    return (codes[0], codes[1]) if len(codes) == 2 else None
