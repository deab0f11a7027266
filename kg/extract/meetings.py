"""Meetings an article reports: the main one of its lead, and earlier or later ones it
mentions in passing ("la première rencontre avait eu lieu en 2016"), each with its place,
date, attendees and the threats discussed in its sentences.

A sentence belongs to the main meeting unless it dates another one: it names a date
other than the main meeting's and a meeting word (réunion, sommet, signé, s'était tenu...).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..types import Article, Date, Fact, Node
from .countries import capital_of, country_mentions
from .lexicon import countries, cues, fold, slug
from .people import PersonMention
from .threats import ThreatMention

REQUIRES = ("doc.ents", "doc.sents", "token.lemma")

#: How many paragraphs of the lead may introduce the main meeting's attendees.
LEAD_PARAGRAPHS = 3


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


# -- dates -----------------------------------------------------------------------------

def _months() -> dict[str, int]:
    return {m: i + 1 for i, m in enumerate(cues()["months"])}


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    value: str          # "2016", "2018-01", "2017-10-16"
    weekday_only: bool  # "lundi": to be resolved against the article date


def _date_re() -> re.Pattern:
    months = "|".join(cues()["months"])
    days = "|".join(cues()["weekdays"])
    return re.compile(
        rf"(?<!\w)(?:(?P<wd>{days})\s+)?(?:(?:le\s+)?(?P<day>1er|\d{{1,2}})\s+)?(?P<month>{months})"
        rf"(?:\s+(?P<year>1[89]\d\d|20\d\d))?(?!\w)|(?<!\w)en\s+(?P<yonly>1[89]\d\d|20\d\d)\b"
        rf"|\b(?P<wdalone>{days})\b", re.IGNORECASE)


def find_dates(text: str, article_date: str | None) -> list[DateMention]:
    """Dates in `text`, as precise as written; missing years come from the article date."""
    year = article_date[:4] if article_date else None
    found: list[DateMention] = []
    months = _months()
    for m in _date_re().finditer(text):
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

def _place_in(doc, start: int, end: int) -> str | None:
    """Where a sentence (or lead) says something happened: "à Bruxelles", a venue's town,
    "dans la capitale belge", "ce château bruxellois"."""
    text = doc.text
    lex = countries()
    venues = "|".join(sorted(map(re.escape, cues()["venues"]), key=len, reverse=True))
    for ent in doc.char_span(start, end, alignment_mode="expand").ents:
        if ent.label_ != "LOC":
            continue
        before = text[max(0, ent.start_char - 3):ent.start_char]
        # "à Luxembourg" is a city even though a country has the same name
        if ent.text in lex.names and ent.text not in lex.capitals:
            continue
        if before.endswith(("à ", "À ")):
            return _strip_article(ent.text)
    for ent in doc.char_span(start, end, alignment_mode="expand").ents:
        m = re.match(rf"(?:{venues}) (?:royale? )?(?:\w+ )?d(?:e |['’])(.+)$", ent.text, re.IGNORECASE)
        if m and m.group(1)[0].isupper() and not m.group(1).startswith(("Matignon", "l'", "l’")):
            return m.group(1)
    segment = text[start:end]
    m = re.search(r"capitale (\w+)", segment)
    if m and capital_of(m.group(1)):
        return capital_of(m.group(1))
    for adj, city in cues()["city_adjectives"].items():
        if re.search(rf"\b(?:{venues}) {adj}\b", segment, re.IGNORECASE):
            return city
    return None


def _strip_article(name: str) -> str:
    return re.sub(r"^(?:la |le |les |l['’])", "", name)


# -- sentences and frames ----------------------------------------------------------------

_REFERENCE_DETS = {"la", "le", "l'", "cette", "ce", "cet"}
_OTHER_MEETING_ADJS = {"precedent", "precedente", "premier", "premiere", "dernier", "derniere",
                       "prochain", "prochaine", "ancien", "ancienne"}


def _cue_tokens(sent) -> list:
    """Tokens that name or do a meeting: "sommet", "réunis", "s'était rendu"."""
    c = cues()
    words = {fold(w) for w in c["meeting_nouns"] + c["meeting_verbs"]}
    found = []
    for t in sent:
        if fold(t.text) in words or fold(t.lemma_) in words:
            found.append(t)
        elif fold(t.lemma_) == "rendre" and any(fold(ch.text) in ("s'", "se") for ch in t.children):
            found.append(t)
    return found


def _has_meeting_cue(sent) -> bool:
    return bool(_cue_tokens(sent))


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
    return len(re.findall(r"\n\s*\n", text[:pos]))


def _meeting_kind(sent) -> str:
    for t in sent:
        if fold(t.lemma_) in {"sommet", "rencontre", "reunion", "conseil", "conference", "visite"}:
            return t.lemma_.lower()
    return "réunion"


def find_meetings(article: Article, doc, persons: list[PersonMention],
                  threats: list[ThreatMention]) -> list[Meeting]:
    """The main meeting of the lead (if the lead reports one) and the other meetings."""
    sents = list(doc.sents)
    if not sents:
        return []
    lead = [s for s in sents if _paragraph_index(doc.text, s.start_char) == 0] or sents[:1]
    opening = [s for s in sents if _paragraph_index(doc.text, s.start_char) < 2]
    if not any(_has_meeting_cue(s) for s in opening):
        return []
    main = Meeting(sentences=[], main=True)
    lead_text_end = lead[-1].end_char
    main.place = _place_in(doc, lead[0].start_char, lead_text_end) or _place_in(
        doc, sents[0].start_char, sents[min(2, len(sents) - 1)].end_char)
    weekday = next((d for d in find_dates(doc.text[:lead_text_end], article.date) if d.weekday_only),
                   None)
    main.date = resolve_weekday(weekday.value, article.date) if weekday else article.date
    main.kind = _meeting_kind(lead[0])
    others: list[Meeting] = []
    for i, sent in enumerate(sents):
        other = _other_meeting(article, doc, sent, main) if i > 0 else None
        if other:
            others.append(other)
        else:
            main.sentences.append((sent.start_char, sent.end_char))
    excluded = _not_attending(doc)
    remote = _remote(doc)
    seen: set[str] = set()
    for m in persons:
        first_time = m.key not in seen
        seen.add(m.key)
        target = next((o for o in others if any(s <= m.start < e for s, e in o.sentences)), None)
        if m.start in excluded:
            continue
        if target is not None:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if governor(span.root).i in target.governors and m.key not in target.attendees:
                target.attendees.append(m.key)
                target.evidence[m.key] = _sentence_of(doc, m.start)
        elif (first_time and _paragraph_index(doc.text, m.start) < LEAD_PARAGRAPHS) or (
                any(s <= m.start < e for s, e in remote) and m.key not in main.attendees):
            main.attendees.append(m.key)
            main.evidence[m.key] = _sentence_of(doc, m.start)
    for t in threats:
        target = next((o for o in others if any(s <= t.start < e for s, e in o.sentences)), main)
        if t.key not in target.threats:
            target.threats.append(t.key)
            target.evidence[t.key] = _sentence_of(doc, t.start)
    main.countries = sorted({c.code for c in country_mentions(doc.text[:lead_text_end])})
    for o in others:
        s, e = o.sentences[0]
        o.countries = sorted({c.code for c in country_mentions(doc.text[s:e])})
    return [main, *others]


def _other_meeting(article: Article, doc, sent, main: Meeting) -> Meeting | None:
    """A meeting other than the main one, if this sentence dates one: a date other than
    the main meeting's, governed by the same verb as a meeting word."""
    cue_toks = _cue_tokens(sent)
    if not cue_toks:
        return None
    governors = {governor(t).i for t in cue_toks}
    # "La réunion s'est tenue..." is about the main meeting, whatever its verb
    own = [t for t in cue_toks if not _refers_to_main(t) and not _subject_refers_to_main(t)]
    date = None
    for d in find_dates(sent.text, article.date):
        if d.weekday_only or d.value == main.date or (main.date and main.date.startswith(d.value)):
            continue
        span = doc.char_span(sent.start_char + d.start, sent.start_char + d.end,
                             alignment_mode="expand")
        if span is not None and governor(span.root).i in governors:
            date = d.value
            break
    if date is None and own:
        for phrase, days in cues()["relative_days"].items():
            if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", sent.text, re.IGNORECASE):
                shifted = _shift(main.date, days)
                date = shifted if shifted != main.date else None
                break
    if date is None:
        return None
    meeting = Meeting(sentences=[(sent.start_char, sent.end_char)], date=date,
                      kind=_meeting_kind(sent))
    meeting.place = _place_in(doc, sent.start_char, sent.end_char)
    meeting.governors = governors
    return meeting


def _remote(doc) -> list[tuple[int, int]]:
    """Sentences that say someone took part remotely ("par visioconférence")."""
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, map(fold, cues()["remote"]))) + r")(?!\w)")
    return [(s.start_char, s.end_char) for s in doc.sents if pattern.search(fold(s.text))]


def _not_attending(doc) -> set[int]:
    """Start offsets of person mentions in clauses saying they did not attend."""
    words = [fold(w) for w in cues()["not_attending"]]
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")
    found: set[int] = set()
    for sent in doc.sents:
        folded = fold(sent.text)
        if not pattern.search(folded):
            continue
        for ent in sent.ents:
            if ent.label_ == "PER":
                found.add(ent.start_char)
        for m in re.finditer(r"(?:M\.|Mme) ", sent.text):
            found.add(sent.start_char + m.start())
    return found


def meeting_node(article: Article, meeting: Meeting, index: int) -> Node:
    """IRIs are stable for the same meeting: place and date when both are known."""
    if meeting.place and meeting.date:
        key = slug(f"{meeting.place} {meeting.date}")
    else:
        key = slug(f"{article.id} {index}")
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
