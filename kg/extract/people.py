"""Persons an article names, and every mention of each.

Persons come from spaCy's PER entities, "M./Mme X" mentions, names that stand beside a
post ("Nancy Faeser, ministre allemande de l'Intérieur" when the NER misses them),
royals ("le roi Mohammed VI", "le roi des Belges, Philippe") and names followed by a
party label ("Marine Le Pen (RN)"). Later mentions by surname ("M. Michel") resolve to
the full name of the same article. Posts are tied to them by kg.extract.linking.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable
from dataclasses import dataclass

from . import patterns as P
from .document import text_of
from .lexicon import countries, fold, organizations, party_countries, slug
from .roles import find_posts

REQUIRES = ("doc.ents", "doc.sents")

#: Words that are never part of a person's name.
_NOT_NAME_WORDS = {"ministre", "président", "présidente", "premier", "première", "secrétaire",
                   "chef", "cheffe", "état", "etat", "gouvernement", "conseil", "commission",
                   "pour", "par", "avec", "selon", "côté", "lors", "après", "avant", "chez",
                   "dans", "sur", "sous", "contre", "entre", "depuis", "photo", "lire", "aussi",
                   "le", "la", "les", "un", "une", "ce", "cette", "mais", "et", "ou", "ni"}


@dataclass
class PersonMention:
    start: int
    end: int
    key: str            # slug of the resolved full name
    gender: str | None = None


@dataclass
class Person:
    key: str
    name: str
    first: int
    gender: str | None = None


def _name_token_ok(token: str) -> bool:
    low = token.lower()
    if low in P.PARTICLES or low.startswith(("al-", "el-", "ben-", "bin-", "ould-", "d'", "d’")):
        return True
    return token[:1].isupper()


def is_name(tokens: list[str], royal: bool = False) -> bool:
    """Whether words form a person's full name ("Abdel Fattah al-Sissi"); a royal's may be
    one word with a numeral ("Mohammed VI", "Philippe")."""
    if not tokens:
        return False
    capitalised = [t for t in tokens if t[:1].isupper() and not P.ROMAN.match(t)]
    if royal:
        if not capitalised:
            return False
    elif len([t for t in tokens if t.lower() not in P.PARTICLES]) < 2 or not capitalised:
        return False
    if tokens[-1].lower() in P.PARTICLES or tokens[-1].lower() in P.NOT_NAME_HEADS:
        return False
    if " ".join(tokens) in party_countries() or " ".join(tokens) in organizations():
        return False  # "Fratelli d'Italia", "Vlaams Belang": parties, not people
    for i, t in enumerate(tokens):
        if i and t.lower() in P.PARTICLES:  # "Jean-Yves Le Drian", "Ursula von der Leyen"
            continue
        if any(ch.isdigit() for ch in t) or (len(t) > 1 and t.isupper() and not P.ROMAN.match(t)):
            return False
        if t.lower() in _NOT_NAME_WORDS or not _name_token_ok(t):
            return False
    return True


class _Spans:
    """(start, end) spans found by position without scanning them all: `overlapping`
    gives the indices, in the order the spans were added, of those that overlap a range."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()):
        self.order: list[tuple[int, int]] = []  # (start, index), sorted
        self.ends: list[int] = []
        self.longest = 0
        for s, e in spans:
            self.add(s, e)

    def add(self, start: int, end: int) -> None:
        insort(self.order, (start, len(self.ends)))
        self.ends.append(end)
        self.longest = max(self.longest, end - start)

    def overlapping(self, start: int, end: int) -> list[int]:
        """Indices of the spans (s, e) with s < end and start < e."""
        lo = bisect_right(self.order, (start - self.longest, len(self.ends)))
        hi = bisect_left(self.order, (end, -1))
        return sorted(i for s, i in self.order[lo:hi] if s < end and start < self.ends[i])

    def containing(self, pos: int) -> list[int]:
        """Indices of the spans (s, e) with s <= pos < e."""
        return self.overlapping(pos, pos + 1)


def _ends_with(full: list[str], short: list[str]) -> bool:
    return len(short) < len(full) and full[-len(short):] == short


def _company(text: str, start: int) -> bool:
    """"le belge John Cockerill": a lower-case nationality adjective before a name means a
    company (the noun "groupe" is understood); people are "le Belge X"."""
    before = text[max(0, start - 30):start].rstrip()
    word = before.rsplit(" ", 1)[-1] if before else ""
    det = before[:-len(word)].rstrip().rsplit(" ", 1)[-1].lower() if word else ""
    return bool(word) and word.islower() and countries().nationality(word) is not None \
        and det in ("le", "la", "l'", "l’", "du", "au")


def _candidates(doc) -> list[tuple[int, int, str, str | None, bool, bool]]:
    """(start, end, name, gender, short, royal) for every person-like span of the text."""
    text = text_of(doc)
    raw: list[tuple[int, int, str, str | None, bool, bool]] = []
    ents = [e for e in doc.ents if e.label_ == "PER"]
    merged: list[tuple[int, int]] = []
    for e in ents:  # "Bohuslav" + "Sobotka": one name cut in two by the NER
        if merged and text[merged[-1][1]:e.start_char] == " " \
                and all(_name_token_ok(t) for t in text[merged[-1][0]:e.end_char].split()):
            merged[-1] = (merged[-1][0], e.end_char)
        else:
            merged.append((e.start_char, e.end_char))
    for start, end in merged:
        span = text[start:end]
        stripped = span.rstrip(" ,.;:")
        end = start + len(stripped)
        courtesy = P.COURTESY.match(stripped)
        if courtesy:
            stripped, start = stripped[courtesy.end():], start + courtesy.end()
        tail = P.NAME_COUNTRY_TAIL.search(stripped)
        if tail and P.country_name_at().fullmatch(
                P.LEADING_OF.sub("", tail.group())):
            stripped, end = stripped[:tail.start()], start + tail.start()
        m = P.HONORIFIC.match(stripped)
        gender = None
        if m:
            gender = "f" if m.group(1).startswith(("Mme", "Mlle", "Mad")) else "m"
            stripped, start = stripped[m.end():], start + m.end()
        hyphen = P.HYPHEN_TAIL.match(text, end)  # "Nana Akufo" + "-Addo"
        if hyphen:
            stripped, end = stripped + hyphen.group(), hyphen.end()
        tail = P.NAME_TAIL.match(text, end)  # "Abdel Fattah" + " al-Sissi"
        if tail:
            stripped, end = stripped + tail.group(), tail.end()
        if _company(text, start) or P.NAMED_AFTER.search(text, max(0, start - 60), start):
            continue
        raw.append((start, end, stripped, gender, bool(m), False))
    spans = _Spans((s, e) for s, e, *_ in raw)  # raw's spans, index for index
    for m in P.HONORIFIC_MENTION.finditer(text):
        gender = "f" if m.group(1) != "M." else "m"
        inside = spans.containing(m.start(2))
        if not inside:
            raw.append((m.start(2), m.end(2), m.group(2), gender, True, False))
            spans.add(m.start(2), m.end(2))
        else:  # the NER span without its honorific: keep the gender
            for i in inside:
                s, e, name, g, _short, royal = raw[i]
                raw[i] = (s, e, name, g or gender, True, royal)
    for m in P.HONORIFIC_PLURAL.finditer(text):
        for group in (1, 2):
            if not spans.containing(m.start(group)):
                raw.append((m.start(group), m.end(group), m.group(group), "m", True, False))
                spans.add(m.start(group), m.end(group))
    raw.extend(_names_by_context(text, raw))
    return sorted(raw)


def _names_by_context(text: str, known: list[tuple]) -> list[tuple]:
    """Full names the NER missed but the context makes plain: beside a post ("Nancy Faeser,
    ministre allemande de l'Intérieur", "le ministre de la Justice, X Y"), after a royal
    title ("le roi Mohammed VI"), before a party label ("Marine Le Pen (RN)")."""
    found = []
    taken = _Spans((s, e) for s, e, *_ in known)  # known's spans, then found's

    def free(start: int, end: int) -> bool:
        return not taken.overlapping(start, end)

    def add(item: tuple) -> None:
        found.append(item)
        taken.add(item[0], item[1])

    for post in find_posts(text):
        if post.counterpart and not post.referent:
            matches = [P.NAME_AFTER_POST.match(text, post.end)]
        else:
            matches = [P.NAME_BEFORE_POST.search(text, max(0, post.start - 60), post.start),
                       P.NAME_AFTER_POST.match(text, post.end)]
        for m in matches:
            if m and is_name(m.group(1).split()) and free(m.start(1), m.end(1)):
                add((m.start(1), m.end(1), m.group(1), None, False, False))
        if post.plural:  # "ses ministres de X et de Y, A (N-VA) et B (MR)": every name
            pos = post.end
            while True:
                m = P.NEXT_LISTED_NAME.match(text, pos)
                if not m or not is_name(m.group(1).split()):
                    break
                if free(m.start(1), m.end(1)):
                    add((m.start(1), m.end(1), m.group(1), None, False, False))
                pos = m.end()
        if post.kind == "royal" and not P.NAMED_AFTER.search(text, max(0, post.start - 60), post.start):
            m = P.ROYAL_NAME.match(text, post.end)
            if m and is_name(m.group(1).split(), royal=True):
                if free(m.start(1), m.end(1)):
                    add((m.start(1), m.end(1), m.group(1), None, False, True))
                else:  # the NER found the name: it is a royal's, one word may do
                    for i in taken.overlapping(m.start(1), m.end(1)):
                        if i < len(known):
                            s, e, name, g, short, _ = known[i]
                            if (s, e) == (m.start(1), m.end(1)):
                                known[i] = (s, e, name, g, short, True)
    for m in P.NAME_BEFORE_PARTY.finditer(text):
        if m.group(2) in party_countries() and is_name(m.group(1).split()) \
                and free(m.start(1), m.end(1)):
            add((m.start(1), m.end(1), m.group(1), None, False, False))
    return found


def find_persons(doc) -> tuple[dict[str, Person], list[PersonMention]]:
    """Full-name persons of the article and every resolved mention of them."""
    persons: dict[str, Person] = {}
    mentions: list[PersonMention] = []
    deferred: list[tuple[int, int, list[str], str | None]] = []
    folded_names: dict[str, list[str]] = {}  # person key -> folded words of the name
    endings: set[tuple[str, ...]] = set()  # the ends of those names, shorter than the name
    for start, end, name, gender, short, royal in _candidates(doc):
        tokens = name.split()
        folded = [fold(t) for t in tokens]
        # "M. Noureddine Bedoui" is a full name; "M. Michel" a surname
        if (not short or is_name(tokens)) and is_name(tokens, royal) \
                and tuple(folded) not in endings:
            key = slug(name)
            if not key:
                continue
            if key not in persons:
                persons[key] = Person(key, name, start, gender)
                full = folded_names[key] = [fold(t) for t in name.split()]
                endings.update(tuple(full[i:]) for i in range(1, len(full)))
            mentions.append(PersonMention(start, end, key, gender))
        else:
            deferred.append((start, end, folded, gender))
    by_ending: dict[tuple[str, ...], list[Person]] = {}  # every end of a name, whole included
    for p in persons.values():
        full = folded_names[p.key]
        for i in range(len(full)):
            by_ending.setdefault(tuple(full[i:]), []).append(p)
    for start, end, folded, gender in deferred:
        candidates = by_ending.get(tuple(folded), [])
        if not candidates:
            continue
        # the closest full name before the mention, else the first after it
        before = [p for p in candidates if p.first <= start]
        person = max(before, key=lambda p: p.first) if before else min(candidates, key=lambda p: p.first)
        mentions.append(PersonMention(start, end, person.key, gender))
    mentions.sort(key=lambda m: m.start)
    for m in mentions:
        if m.gender and not persons[m.key].gender:
            persons[m.key].gender = m.gender
    return persons, mentions
