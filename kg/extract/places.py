"""Countries, places and organisations an article names."""
from __future__ import annotations

from bisect import bisect_right
from functools import cache
from itertools import accumulate

from ..types import Article, Fact, Node
from . import patterns as P
from .countries import country_mentions
from .document import text_of
from .lexicon import countries, cues, fold, organizations, slug
from .roles import find_posts
from .scan import Scanners

REQUIRES = ("doc.ents",)

_GENERIC = {"conseil", "commission", "etat", "état", "gouvernement", "parlement", "justice",
            "intérieur", "sécurité", "armées", "défense"}


_WEEKDAYS = {fold(w) for w in cues()["weekdays"]}


def _clean(name: str) -> str:
    name = P.CLEAN_NAME.sub("", name.strip(" ,.;:«»\"'"))
    return name.strip()


@cache
def _organization_patterns() -> tuple[Scanners, list[Node]]:
    """A pattern per well-known organisation's surface form, and its node."""
    known = organizations()
    return (Scanners([P.whole_word(name) for name in known]),
            [Node("org", slug(canonical), canonical) for canonical in known.values()])


def extract_places(article: Article, doc) -> list[Fact]:
    """`mentions` facts for every country, place and organisation the article names."""
    art = Node("article", article.id, article.id)
    lex = countries()
    text = text_of(doc)
    sents = [(s.start_char, s.end_char) for s in doc.sents]
    starts = [s for s, _ in sents]

    def sentence(pos: int) -> tuple[int, int]:
        i = bisect_right(starts, pos) - 1
        return sents[i] if i >= 0 and pos < sents[i][1] else (0, 0)

    facts: list[Fact] = []
    for c in country_mentions(text):
        facts.append(Fact(art, "mentions", Node("country", c.code, lex.labels.get(c.code, c.code)),
                          *sentence(c.start)))
    role_spans = sorted((r.start, r.end) for r in find_posts(text))
    role_starts = [s for s, _ in role_spans]
    role_reach = list(accumulate((e for _, e in role_spans), max))  # furthest end so far

    def in_role(pos: int) -> bool:
        """Whether `pos` is inside a post's words (without scanning every post)."""
        i = bisect_right(role_starts, pos) - 1
        return i >= 0 and role_reach[i] > pos

    known = organizations()
    scanners, nodes = _organization_patterns()
    for node, matches in zip(nodes, scanners.finditer(text)):
        for m in matches:
            facts.append(Fact(art, "mentions", node, *sentence(m.start())))
    for ent in doc.ents:
        if in_role(ent.start_char):
            continue
        name = _clean(ent.text)
        bare = P.LEADING_ARTICLE.sub("", name)
        if not name or fold(name) in _WEEKDAYS or name in lex.names or bare in lex.names \
                or lex.nationality(name) or name.lower() in _GENERIC:
            continue
        if ent.label_ == "ORG" and name not in known:
            if len(name.split()) < 2 and not name.isupper():
                continue
            if name.split()[0].lower() in {"ministre", "ministres", "secrétaire"}:
                continue
            facts.append(Fact(art, "mentions", Node("org", slug(name), name), *sentence(ent.start_char)))
        elif ent.label_ == "LOC" and name not in known and not name.startswith(("locataire", "Etat", "État")):
            facts.append(Fact(art, "mentions", Node("place", slug(name), name), *sentence(ent.start_char)))
    return facts
