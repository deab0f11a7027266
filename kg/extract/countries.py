"""Where a text names a country: names, nationality words, compounds, capitals."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate

from .lexicon import countries, fold
from .patterns import COMPOUND_NATIONALITY, whole_word
from .scan import Scanners


@dataclass(frozen=True)
class CountryMention:
    start: int
    end: int
    code: str
    how: str  # "name" | "nationality" | "compound" | "capital"


@cache
def _scanners() -> tuple[Scanners, Scanners]:
    """Country names and nationality words; capital cities, in `countries().capitals` order."""
    lex = countries()
    capitals = [whole_word(name) for name in lex.capitals]
    return Scanners([lex.name_re, lex.nationality_re]), Scanners(capitals)


def country_mentions(text: str, capitals: bool = False) -> list[CountryMention]:
    """Every country the text names, by name, nationality word or compound
    ("franco-belge" gives FR and BE); with `capitals`, capital cities count too."""
    # Several extractors ask about the same text: find once (the mentions are frozen).
    return list(_country_mentions(text, capitals))


@lru_cache(maxsize=16)
def _country_mentions(text: str, capitals: bool) -> tuple[CountryMention, ...]:
    lex = countries()
    words, capital_names = _scanners()
    names, nationalities = words.finditer(text)
    found: list[CountryMention] = []
    taken: list[tuple[int, int]] = []
    for m in COMPOUND_NATIONALITY.finditer(text):
        found_codes = [lex.prefixes.get(fold(p)) for p in m.group(1).split("-") if p]
        codes = [c for c in found_codes if c]
        last = lex.nationality(m.group(2))
        if last and len(codes) == len(found_codes):  # every prefix is a country's
            for code in [*codes, last]:
                found.append(CountryMention(m.start(), m.end(), code, "compound"))
            taken.append(m.span())
    taken.sort()
    taken_starts = [a for a, _ in taken]
    taken_reach = list(accumulate((b for _, b in taken), max))  # furthest end so far

    def in_taken(pos: int) -> bool:
        i = bisect_right(taken_starts, pos) - 1
        return i >= 0 and taken_reach[i] > pos

    for m in names:
        if _city_named_like_its_country(text, m.start(), m.group()):
            continue
        if not in_taken(m.start()):
            found.append(CountryMention(m.start(), m.end(), lex.names[m.group()], "name"))
    for m in nationalities:
        if in_taken(m.start()):
            continue
        nationality = lex.nationality(m.group())
        # "Français" capitalised mid-sentence is a people; lower case is the adjective.
        if nationality:
            found.append(CountryMention(m.start(), m.end(), nationality, "nationality"))
    if capitals:
        for code, matches in zip(lex.capitals.values(), capital_names.finditer(text)):
            for m in matches:
                found.append(CountryMention(m.start(), m.end(), code, "capital"))
    return tuple(sorted(found, key=lambda c: (c.start, c.code)))


def _city_named_like_its_country(text: str, start: int, name: str) -> bool:
    """"à Luxembourg" is the city; the country takes an article: "au Luxembourg"."""
    return name in countries().capitals and text[max(0, start - 2):start] == "à "




def capital_of(adjective: str) -> str | None:
    """"belge" -> "Bruxelles", for "la capitale belge"."""
    code = countries().nationality(adjective)
    if not code:
        return None
    return next((city for city, c in countries().capitals.items() if c == code), None)
