"""Meetings an article reports: the main one of its lead, and earlier or later ones it
mentions in passing ("la première rencontre avait eu lieu en 2016"), each with its place,
date, attendees and the threats discussed in its sentences.

A sentence belongs to the main meeting unless it dates another one: it names a date
other than the main meeting's and a meeting word (réunion, sommet, signé, s'était tenu...).
"""
from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from ..types import Article, Date, Fact, Node
from . import patterns as P
from .attendance import ABSENT, PARTICIPATES, Attendance, Reading
from .countries import capital_of, country_mentions
from .document import text_of, token_forms
from .lexicon import countries, cues, fold, slug
from .people import PersonMention
from .threats import ThreatMention

REQUIRES = ("doc.ents", "doc.sents", "token.lemma")



@dataclass
class Meeting:
    sentences: list[tuple[int, int]]
    date: str | None = None
    place: str | None = None
    kind: str = "réunion"
    attendees: list[str] = field(default_factory=list)
    evidence: dict[str, tuple[int, int]] = field(default_factory=dict)  # sentence per attendee / threat
    threats: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    main: bool = False
    governors: set[int] = field(default_factory=set)  # token indices of its meeting verbs


@dataclass(frozen=True)
class _Reading:
    """What the meeting rules read from a Doc, read once: its text, its tokens' texts and
    lemmas (folded), its entities and its paragraph breaks."""

    doc: Any  # the spaCy Doc
    text: str
    words: list[str]
    lemmas: list[str]
    ents: tuple
    paragraphs: _Paragraphs

    @classmethod
    def of(cls, doc) -> _Reading:
        text = text_of(doc)
        words, lemmas = token_forms(doc, fold)
        return cls(doc, text, words, lemmas, tuple(doc.ents), _Paragraphs(text))

    def ents_within(self, start: int, end: int) -> list:
        """`doc[start:end].ents`: the entities wholly inside those tokens."""
        found = []
        for ent in self.ents[bisect_left(self.ent_starts, start):]:
            if ent.end > end:
                break
            found.append(ent)
        return found

    @cached_property
    def ent_starts(self) -> list[int]:
        """The entities' first tokens, in order, found once."""
        return [ent.start for ent in self.ents]


# -- dates -----------------------------------------------------------------------------

@cache
def _months() -> dict[str, int]:
    return {m: i + 1 for i, m in enumerate(cues()["months"])}


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    value: str          # "2016", "2018-01", "2017-10-16"
    weekday_only: bool  # "lundi": to be resolved against the article date


def find_dates(text: str, article_date: str | None) -> list[DateMention]:
    """Dates in `text`, as precise as written; missing years come from the article date."""
    year = article_date[:4] if article_date else None
    found: list[DateMention] = []
    months = _months()
    for m in P.date_pattern().finditer(text):
        if m.group("yonly"):
            found.append(DateMention(m.start(), m.end(), m.group("yonly"), False))
        elif m.group("month"):
            y = m.group("year") or year
            if not y:
                continue
            month = months[m.group("month").lower()]
            if m.group("day"):
                day = 1 if m.group("day") == "1er" else int(m.group("day"))
                value = f"{y}-{month:02d}-{day:02d}"
            else:
                value = f"{y}-{month:02d}"
            found.append(DateMention(m.start(), m.end(), value, False))
        elif m.group("wdalone"):
            found.append(DateMention(m.start(), m.end(), m.group("wdalone").lower(), True))
    return found


def resolve_weekday(weekday: str, article_date: str | None) -> str | None:
    """"lundi" -> the latest Monday on or before a day-precise article date."""
    if not article_date or len(article_date) != 10:
        return article_date
    day = dt.date.fromisoformat(article_date)
    target = cues()["weekdays"].index(weekday)
    return (day - dt.timedelta(days=(day.weekday() - target) % 7)).isoformat()


def _shift(date: str | None, days: int) -> str | None:
    if not date or len(date) != 10:
        return date
    return (dt.date.fromisoformat(date) + dt.timedelta(days=days)).isoformat()


# -- places ----------------------------------------------------------------------------

def _place_in(r: _Reading, start: int, end: int) -> str | None:
    """Where a sentence (or lead) says something happened: "à Bruxelles", a well-known
    venue ("au palais d'Egmont"), a named one ("au château de Senningen"), "dans la
    capitale belge", "ce château bruxellois"."""
    text = r.text
    lex = countries()
    venue, _, adjectives = P.venue_patterns()
    span = r.doc.char_span(start, end, alignment_mode="expand")
    segment = text[start:end]
    places = [(ent.start_char, ent.text) for ent in r.ents_within(span.start, span.end)
              if ent.label_ == "LOC"]
    places += [(start + m.start(), m.group()) for m in P.city_names().finditer(segment)]
    for pos, name in sorted(places):
        # "à Luxembourg" is a city even though a country has the same name
        if name in lex.names and name not in lex.cities:
            continue
        if text[max(0, pos - 3):pos].endswith(("à ", "À ")):
            return _strip_article(name)
    known = P.known_venues().search(segment)
    if known:
        return next(city for v, city in cues()["known_venues"].items() if fold(v) == fold(known.group()))
    m = P.NAMED_VENUE.search(segment)
    if m and not m.group(1).startswith(("Matignon", "l'", "l’")):
        return m.group(1)
    m = P.CAPITAL_OF.search(segment)
    if m and capital_of(m.group(1)):
        return capital_of(m.group(1))
    if venue.search(segment):  # each of the adjectives' patterns needs a venue word
        for pattern, city in adjectives:
            if pattern.search(segment):
                return city
    return None


def _strip_article(name: str) -> str:
    return P.LEADING_ARTICLE.sub("", name)


# -- sentences and frames ----------------------------------------------------------------

_REFERENCE_DETS = {"la", "le", "l'", "cette", "ce", "cet"}
_OTHER_MEETING_ADJS = {"precedent", "precedente", "premier", "premiere", "dernier", "derniere",
                       "prochain", "prochaine", "ancien", "ancienne"}


@cache
def _cue_words() -> frozenset[str]:
    c = cues()
    return frozenset(fold(w) for w in c["meeting_nouns"] + c["meeting_verbs"])


def _cue_tokens(r: _Reading, sent) -> list:
    """Tokens that name or do a meeting: "sommet", "réunis", "s'était rendu"."""
    words, lemmas, doc = r.words, r.lemmas, r.doc
    cue_words = _cue_words()
    found = []
    for i in range(sent.start, sent.end):
        lemma = lemmas[i]
        reflexive = lemma == "rendre" and any(fold(ch.text) in ("s'", "se") for ch in doc[i].children)
        if words[i] in cue_words or lemma in cue_words or reflexive:
            found.append(doc[i])
    return found


def _refers_to_main(tok) -> bool:
    """"la réunion", "cette rencontre": the meeting the article reports, not another."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    dets = {fold(c.text) for c in tok.children if c.dep_.startswith("det")}
    adjs = {fold(c.text) for c in tok.children if c.dep_.startswith("amod")}
    return bool(dets & _REFERENCE_DETS) and not adjs & _OTHER_MEETING_ADJS


def _subject_refers_to_main(tok) -> bool:
    return any(c.dep_.startswith("nsubj") and _refers_to_main(c) for c in tok.children)


def governor(tok):
    """The verb that governs a token: itself, or its nearest verbal ancestor, or the root."""
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _sentence_of(doc, pos: int) -> tuple[int, int]:
    sent = doc.char_span(pos, pos + 1, alignment_mode="expand").sent
    return sent.start_char, sent.end_char


def _paragraph_index(text: str, pos: int) -> int:
    return len(P.PARAGRAPH_BREAK.findall(text[:pos]))


class _Paragraphs:
    """`_paragraph_index` for many positions of one text, without rescanning it each time."""

    def __init__(self, text: str):
        self.text = text
        self.ends = [m.end() for m in P.PARAGRAPH_BREAK.finditer(text)]

    def index(self, pos: int) -> int:
        text = self.text
        if pos == 0 or pos >= len(text) or (
                pos > 0 and not (text[pos - 1].isspace() and text[pos].isspace())):
            # No run of white space crosses `pos`: the breaks before it are the text's own.
            return bisect_right(self.ends, pos)
        return _paragraph_index(text, pos)


_KINDS = {"sommet", "rencontre", "reunion", "conseil", "conference", "visite"}


def _meeting_kind(r: _Reading, sent) -> str:
    for i in range(sent.start, sent.end):
        if r.lemmas[i] in _KINDS:
            return r.doc[i].lemma_.lower()
    return "réunion"


def find_meetings(article: Article, doc, persons: list[PersonMention],
                  threats: list[ThreatMention], holders: Collection[str] = frozenset(),
                  posts: Sequence[tuple[int, int]] = (),
                  formers: Collection[str] = frozenset()) -> list[Meeting]:
    """The main meeting of the lead (if the lead reports one), the other meetings, and who
    attended them. `holders`: the persons who hold a post; `formers`: those the text gives
    a former post; `posts`: where posts are named."""
    sents = list(doc.sents)
    if not sents:
        return []
    r = _Reading.of(doc)
    text, paragraphs = r.text, r.paragraphs
    spans = [(s.start_char, s.end_char) for s in sents]
    reading = Attendance(text, spans, list(posts), set(holders))
    lead = [s for s in sents if paragraphs.index(s.start_char) == 0] or sents[:1]
    opening = [s for s in sents if paragraphs.index(s.start_char) < 2]
    if not any(reading.sentence_names_meeting((s.start_char, s.end_char)) for s in opening):
        # an excerpt may come to its meeting later: the first sentence that shows one
        first = next((i for i, s in enumerate(sents)
                      if reading.sentence_names_meeting((s.start_char, s.end_char), strong=True)), None)
        if first is None:
            return []
        at = paragraphs.index(sents[first].start_char)
        lead = [s for s in sents if paragraphs.index(s.start_char) == at]
        opening = [s for s in sents if at <= paragraphs.index(s.start_char) <= at + 1]
    cue_toks: dict[int, list] = {}  # sentence start -> its cue tokens, found once

    def cues_of(sent) -> list:
        if sent.start not in cue_toks:
            cue_toks[sent.start] = _cue_tokens(r, sent)
        return cue_toks[sent.start]

    main = Meeting(sentences=[], main=True)
    lead_text_end = lead[-1].end_char
    opening_end = opening[-1].end_char
    main.place = main_place(r, lead[0].start_char, lead_text_end, opening_end)
    weekday = next((d for d in find_dates(text[:opening_end], article.date) if d.weekday_only),
                   None)
    main.date = resolve_weekday(weekday.value, article.date) if weekday else article.date
    main.kind = _meeting_kind(r, lead[0])
    others: list[Meeting] = []
    for i, sent in enumerate(sents):
        other = _other_meeting(article, r, sent, main, cues_of(sent)) if i > 0 else None
        if other:
            others.append(other)
        else:
            main.sentences.append((sent.start_char, sent.end_char))
    background = _background(article, r, sents, main, reading)
    by_person: dict[str, list[tuple[PersonMention, Reading]]] = {}
    # the mentions by start, to find those of a sentence without scanning them all
    order = sorted(range(len(persons)), key=lambda i: persons[i].start)
    order_starts = [persons[i].start for i in order]
    longest = max((o.end - o.start for o in persons), default=0)
    for m in persons:
        if _aside(text, m.start):
            continue
        sentence = reading.sentence(m.start)
        near = order[bisect_right(order_starts, sentence[0] - longest):
                     bisect_left(order_starts, sentence[1])]
        same = [(o.start, o.end) for o in (persons[i] for i in sorted(near))
                if o is not m and spans_overlap(sentence, (o.start, o.end))]
        by_person.setdefault(m.key, []).append(
            (m, reading.read(m.start, m.end, m.key, background, same,
                             former_only=m.key in formers and m.key not in holders)))
    # the first other meeting of each sentence, to find a position's without scanning them all
    sentence_meeting: dict[tuple[int, int], Meeting] = {}
    for o in others:
        for span in o.sentences:
            sentence_meeting.setdefault(span, o)

    def meeting_at(pos: int) -> Meeting:
        """The first other meeting one of whose sentences holds `pos`, else the main one
        (sentences do not overlap: only the one `reading.sentence` gives can hold it)."""
        span = reading.sentence(pos)
        return sentence_meeting.get(span, main) if span[0] <= pos < span[1] else main

    for key, readings in by_person.items():
        taking = [m for m, rd in readings if rd.state == PARTICIPATES]
        absent = any(rd.state == ABSENT for _, rd in readings)
        if taking:
            m = taking[0]
        elif not absent:
            m = readings[0][0]
        else:
            continue
        target = meeting_at(m.start)
        if key not in target.attendees:
            target.attendees.append(key)
            target.evidence[key] = reading.sentence(m.start)
    for t in threats:
        span = reading.sentence(t.start)
        if span in background or reading.not_discussed(span):
            continue
        target = meeting_at(t.start)
        if t.key not in target.threats:
            target.threats.append(t.key)
            target.evidence[t.key] = _sentence_of(doc, t.start)
    main.countries = sorted({c.code for c in country_mentions(text[:lead_text_end])})
    for o in others:
        s, e = o.sentences[0]
        o.countries = sorted({c.code for c in country_mentions(text[s:e])})
    return [main, *others]


def spans_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _aside(text: str, pos: int) -> bool:
    """A mention in a "Lire aussi" line, which names another article."""
    line_start = text.rfind("\n", 0, pos) + 1
    return text[line_start:line_start + 12].lower().startswith(("lire aussi", "à lire aussi"))


def _background(article: Article, r: _Reading, sents: list, main: Meeting,
                reading: Attendance) -> set[tuple[int, int]]:
    """Sentences about another time than the main meeting's that name no meeting: "Mardi,
    le ministre X avait réclamé ...", "Le 21 août, X avait ouvert le feu ..."."""
    found = set()
    for sent in sents:
        span = (sent.start_char, sent.end_char)
        if reading.sentence_names_meeting(span):
            continue
        sent_text = r.text[span[0]:span[1]]
        head = sent_text[:45]
        dates = [d for d in find_dates(sent_text, article.date) if d.start < 45 or d.weekday_only]
        other_time = False
        for d in dates:
            value = resolve_weekday(d.value, article.date) if d.weekday_only else d.value
            if value and main.date and not (value == main.date or main.date.startswith(value)
                                            or value.startswith(main.date)):
                other_time = True
        if not other_time:
            for pattern, days in P.relative_days():
                m = pattern.search(head)
                if m and days != 0:
                    other_time = True
                    break
        if not other_time and (P.OTHER_TIME_HEAD.match(sent_text) or P.OTHER_TIME.search(sent_text)):
            other_time = True
        if other_time:
            found.add(span)
    return found



def main_place(r: _Reading, lead_start: int, lead_end: int, opening_end: int) -> str | None:
    """Where the main meeting was: "à Bruxelles" in the lead, a venue's town ("au palais
    d'Egmont", "au château de Bratislava"), "la capitale belge", the dateline ("PARIS (AFP)
    -") or a special envoy's city ("De notre envoyé spécial à Munich")."""
    return (_place_in(r, lead_start, lead_end) or _place_in(r, lead_start, opening_end)
            or _dateline(r.text[:opening_end]))


def _dateline(text: str) -> str | None:
    m = P.dateline().search(text)
    if m:
        return m.group(1).strip().title()
    m = P.special_envoy().search(text)
    return m.group(1) if m else None


def _other_meeting(article: Article, r: _Reading, sent, main: Meeting,
                   cue_toks: list) -> Meeting | None:
    """A meeting other than the main one, if this sentence dates one: a date other than
    the main meeting's, governed by the same verb as a meeting word. `cue_toks` are the
    sentence's `_cue_tokens`."""
    if not cue_toks:
        return None
    doc = r.doc
    sent_text = r.text[sent.start_char:sent.end_char]
    governors = {governor(t).i for t in cue_toks}
    # "La réunion s'est tenue..." is about the main meeting, whatever its verb
    own = [t for t in cue_toks if not _refers_to_main(t) and not _subject_refers_to_main(t)]
    date = None
    for d in find_dates(sent_text, article.date):
        if d.weekday_only or d.value == main.date or (main.date and main.date.startswith(d.value)):
            continue
        span = doc.char_span(sent.start_char + d.start, sent.start_char + d.end,
                             alignment_mode="expand")
        if span is not None and governor(span.root).i in governors:
            date = d.value
            break
    if date is None and own:
        for pattern, days in P.relative_days():
            if pattern.search(sent_text):
                shifted = _shift(main.date, days)
                date = shifted if shifted != main.date else None
                break
    if date is None:
        return None
    meeting = Meeting(sentences=[(sent.start_char, sent.end_char)], date=date,
                      kind=_meeting_kind(r, sent))
    meeting.place = _place_in(r, sent.start_char, sent.end_char)
    meeting.governors = governors
    return meeting




def meeting_node(article: Article, meeting: Meeting, index: int) -> Node:
    """IRIs are stable for the same meeting: place and date when both are known."""
    key = slug(f"{meeting.place} {meeting.date}") if meeting.place and meeting.date else slug(f"{article.id} {index}")
    where = f" à {meeting.place}" if meeting.place else ""
    when = f" ({meeting.date})" if meeting.date else ""
    return Node("meeting", key, f"{meeting.kind.capitalize()}{where}{when}")


def meeting_facts(article: Article, meetings: list[Meeting], persons: dict,
                  labels: dict[str, str]) -> list[Fact]:
    facts: list[Fact] = []
    art = Node("article", article.id, article.id)
    for i, meeting in enumerate(meetings):
        node = meeting_node(article, meeting, i)
        s, e = meeting.sentences[0]
        facts.append(Fact(art, "mentions", node, s, e))
        if meeting.date:
            facts.append(Fact(node, "date", Date(meeting.date), s, e))
        if meeting.place:
            facts.append(Fact(node, "heldIn", Node("place", slug(meeting.place), meeting.place), s, e))
        for code in meeting.countries:
            facts.append(Fact(node, "ofCountry", Node("country", code, labels.get(code, code)), s, e))
        for key in meeting.attendees:
            p = persons[key]
            facts.append(Fact(Node("person", p.key, p.name), "attends", node,
                              *meeting.evidence.get(key, (s, e))))
        for key in meeting.threats:
            facts.append(Fact(node, "concerns", Node("threat", key, key),
                              *meeting.evidence.get(key, (s, e))))
    return facts
