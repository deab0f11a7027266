"""Persons and the posts they hold.

Persons come from spaCy's PER entities and "M./Mme X" mentions; later mentions by
surname are resolved to the full name of the same article. Posts come from
kg.extract.roles and are tied to persons by apposition, parenthesised lists,
counterparts ("son homologue français") and, for posts named alone ("le locataire de
Matignon"), by coreference with the persons already mentioned.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from ..types import Article, Fact, Node
from .countries import country_mentions, main_countries
from .document import text_of
from .lexicon import countries, fold, slug
from .roles import (Portfolio, RoleMention, find_roles, ministry_key, ministry_label, post_key,
                    post_label)

REQUIRES = ("doc.ents", "doc.sents")

#: The key of a head of government's post, whatever the text calls it
#: (Premier ministre, chef du gouvernement, président du Conseil, chancelier).
HEAD_OF_GOVERNMENT = "premier-ministre"

PARTICLES = {"de", "du", "des", "van", "von", "der", "den", "le", "la", "di", "da", "dos",
             "del", "ten", "ter", "bin", "ben", "al", "el", "d'", "zu", "mac"}
_HONORIFIC = re.compile(r"^(M\.|Mme|Mlle|MM\.)\s+")
_HONORIFIC_MENTION = re.compile(
    r"(?<![\w])(M\.|Mme|Mlle) ((?:(?:de|van|von|der|den|le|la|di|da|del) )*[A-ZÉÈÎ][\w'’-]+"
    r"(?: (?:(?:de|van|von|der|den) )?[A-ZÉÈÎ][\w'’-]+)*)")
_NOT_NAME_WORDS = {"ministre", "président", "présidente", "premier", "première", "secrétaire",
                   "chef", "cheffe", "état", "etat", "gouvernement", "conseil", "commission"}


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


@dataclass
class Assignment:
    """One person holding (or having held) one post, as the text supports it."""

    person: str
    mention: RoleMention
    portfolio: Portfolio | None
    title: str
    country: str | None
    start: int
    former: bool = False
    org: str | None = None
    direct: bool = True     # tied to a name in the text, not by coreference
    city: str | None = None  # a mayor's city
    party: bool = False      # a party's post: national, with an organisation

    @property
    def national(self) -> bool:
        """A post of a country (a party's included), not of an international body."""
        return self.org is None or self.party

    @property
    def label(self) -> str:
        return post_label(self.title, self.portfolio, self.city)

    def key(self) -> str:
        """The post's identity: every wording of a head of government is one post."""
        if self.mention.post == "head-of-government" and self.portfolio is None:
            return HEAD_OF_GOVERNMENT
        return post_key(self.label)


def _is_name(tokens: list[str]) -> bool:
    capitalised = [t for t in tokens if t[:1].isupper()]
    if len(capitalised) < 2 or tokens[-1].lower() in PARTICLES:
        return False
    for t in tokens:
        if any(ch.isdigit() for ch in t) or (len(t) > 1 and t.isupper()):
            return False
        if t.lower() in _NOT_NAME_WORDS:
            return False
        if not t[:1].isupper() and t.lower() not in PARTICLES:
            return False
    return True


def _ends_with(full: list[str], short: list[str]) -> bool:
    return len(short) < len(full) and full[-len(short):] == short


_NAME = (r"[A-ZÉÈÎÖÜ][\w'’]+(?:-[A-ZÉÈ][\w'’]+)?"
         r"(?: (?:(?:de|van|von|der|den|le|la|di|da|del) )*[A-ZÉÈÎÖÜ][\w'’]+(?:-[A-ZÉÈ][\w'’]+)?)+")
_NAME_BEFORE_POST = re.compile(rf"({_NAME}), (?:l['’]|le |la )?$")
_NAME_AFTER_POST = re.compile(rf",? ({_NAME})(?=[ ,.;:)])")


def _names_beside_posts(text: str, known: list[tuple]) -> list[tuple]:
    """Full names the NER missed but apposition to a post makes plain:
    "Nancy Faeser, ministre allemande de l'Intérieur", "le ministre de la Justice, X Y"."""
    found = []
    for role in find_roles(text):
        if role.counterpart:
            continue
        for m in (_NAME_BEFORE_POST.search(text, max(0, role.start - 60), role.start),
                  _NAME_AFTER_POST.match(text, role.end)):
            if m and _is_name(m.group(1).split()) and not any(
                    s < m.end(1) and m.start(1) < e for s, e, *_ in known):
                found.append((m.start(1), m.end(1), m.group(1), None, False))
    return found


def find_persons(doc) -> tuple[dict[str, Person], list[PersonMention]]:
    """Full-name persons of the article and every resolved mention of them."""
    raw: list[tuple[int, int, str, str | None, bool]] = []  # start, end, name, gender, short
    doc_text = text_of(doc)
    for ent in doc.ents:
        if ent.label_ != "PER":
            continue
        text = ent.text.strip(" ,.;:")
        m = _HONORIFIC.match(text)
        gender = None
        if m:
            gender = "f" if m.group(1) in ("Mme", "Mlle") else "m"
            text = text[m.end():]
        raw.append((ent.start_char, ent.start_char + len(ent.text.rstrip(" ,.;:")), text, gender,
                    bool(m)))
    for m in _HONORIFIC_MENTION.finditer(doc_text):
        if not any(s <= m.start(2) < e for s, e, *_ in raw):
            raw.append((m.start(), m.end(), m.group(2), "f" if m.group(1) != "M." else "m", True))
        else:  # the NER span without its honorific: keep the gender
            for i, (s, e, name, g, short) in enumerate(raw):
                if s <= m.start(2) < e:
                    raw[i] = (s, e, name, g or ("f" if m.group(1) != "M." else "m"), True)
    raw.extend(_names_beside_posts(doc_text, raw))
    raw.sort()
    persons: dict[str, Person] = {}
    mentions: list[PersonMention] = []
    deferred: list[tuple[int, int, list[str], str | None]] = []
    for start, end, name, gender, short in raw:
        tokens = name.split()
        folded = [fold(t) for t in tokens]
        if not short and _is_name(tokens) and not any(
                _ends_with([fold(t) for t in p.name.split()], folded) for p in persons.values()):
            key = slug(name)
            if key not in persons:
                persons[key] = Person(key, name, start, gender)
            mentions.append(PersonMention(start, end, key, gender))
        else:
            deferred.append((start, end, folded, gender))
    for start, end, folded, gender in deferred:
        candidates = [p for p in persons.values()
                      if _ends_with([fold(t) for t in p.name.split()], folded)
                      or [fold(t) for t in p.name.split()] == folded]
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


# -- tying posts to persons -------------------------------------------------------------

_GAP_AFTER = re.compile(r"^\s*(?:\([^()]{0,40}\))?\s*,?\s*(?:[\wéè]+-[\wéè]+\s+)?$")
_GAP_BEFORE = re.compile(r"^\s*(?:\([^()]{0,40}\))?\s*,\s*(?:l['’]|le |la |un |une |son |sa )?"
                         r"(?:actuel(?:le)? |également |aussi |désormais )?$")
_LIST_SEP = re.compile(r"^(?:\s*,\s*|\s+et\s+|\s*,\s*et\s+)$")
_SIDE = re.compile(r"\s+côté (\w+)")


class _Linker:
    def __init__(self, doc, persons: dict[str, Person], mentions: list[PersonMention]):
        self.doc = doc
        self.text = text_of(doc)
        self.persons = persons
        self.mentions = mentions
        self.sents = [(s.start_char, s.end_char) for s in doc.sents]
        self.sent_starts = [s for s, _ in self.sents]
        self.assignments: list[Assignment] = []
        self.constraints: list[tuple[Assignment, Assignment, str]] = []
        self.consumed: set[int] = set()

    def sentence(self, pos: int) -> tuple[int, int]:
        return self.sents[max(0, bisect_right(self.sent_starts, pos) - 1)]

    def mention_at(self, start: int, end: int) -> list[PersonMention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def person_after(self, pos: int) -> PersonMention | None:
        return next((m for m in self.mentions if m.start >= pos), None)

    def person_before(self, pos: int) -> PersonMention | None:
        return next((m for m in reversed(self.mentions) if m.end <= pos), None)

    def assign(self, person: str, role: RoleMention, portfolio: Portfolio | None,
               title: str | None = None, country: str | None = None) -> Assignment:
        a = Assignment(person, role, portfolio, title or role.title,
                       country if country is not None else role.country, role.start,
                       role.former, role.org, city=role.city, party=role.kind == "party")
        self.assignments.append(a)
        p = self.persons[person]
        if role.gender and not p.gender:
            p.gender = role.gender
        return a

    def roles_of(self, person: str) -> list[Assignment]:
        return [a for a in self.assignments if a.person == person and not a.former]

    # A names list after a post: "Jan Jambon et Koen Geens côté belge, Bernard ..."
    def names_after(self, pos: int) -> list[tuple[list[PersonMention], str | None]]:
        groups: list[tuple[list[PersonMention], str | None]] = []
        current: list[PersonMention] = []
        first = self.person_after(pos)
        if first is None or not _GAP_AFTER.match(self.text[pos:first.start]):
            return []
        m = first
        while True:
            current.append(m)
            side = _SIDE.match(self.text, m.end)
            end = side.end() if side else m.end
            if side:
                groups.append((current, countries().nationality(side.group(1))))
                current = []
            nxt = self.person_after(end)
            if nxt is None or not _LIST_SEP.match(self.text[end:nxt.start]):
                break
            m = nxt
        if current:
            groups.append((current, None))
        return groups

    def link(self, roles: list[RoleMention]) -> list[RoleMention]:
        """Tie posts to persons; return the posts named alone, for coreference."""
        alone: list[RoleMention] = []
        for i, role in enumerate(roles):
            if id(role) in self.consumed:
                continue
            if self.link_parenthesised(role, roles) or self.link_after(role) \
                    or self.link_before(role) or self.link_appointed(role):
                continue
            alone.append(role)
        # "le bourgmestre d'Anvers et président de la N-VA, Bart De Wever"
        for a, b in zip(roles, roles[1:]):
            if a in alone and re.fullmatch(r"\s+et\s+(?:(?:le|la) )?", self.text[a.end:b.start]):
                for asg in [x for x in self.assignments if x.mention is b]:
                    self.assign(asg.person, a, a.portfolios[0] if a.portfolios else None)
                    alone.remove(a)
                    break
        return alone

    def link_parenthesised(self, role: RoleMention, roles: list[RoleMention]) -> bool:
        linked = False
        for p in role.portfolios:
            if not p.paren:
                continue
            inner = [r for r in find_roles(self.text[:p.paren[1]])
                     if p.paren[0] <= r.start and r.kind != "counterpart"]
            for person in self.mention_at(*p.paren):
                title = inner[0].title if inner else None
                self.assign(person.key, role, p, title)
                linked = True
        return linked

    def link_after(self, role: RoleMention) -> bool:
        groups = self.names_after(role.end)
        if not groups:
            return False
        if role.counterpart:
            for m in [m for g, _ in groups for m in g]:
                self.assign_counterpart(role, m.key)
            return True
        k = max(1, len(role.portfolios))
        names = [m for g, _ in groups for m in g]
        if len(role.countries) > 1 and len(role.countries) == len(names):
            # "les ministres de l'Intérieur belge et néerlandais, X et Y"
            groups = [([m], c) for m, c in zip(names, role.countries)]
        for names, side in groups:
            if not role.plural:
                names = names[:1]
            if k > 1 and len(names) == k:
                pairs = list(zip(names, role.portfolios))
            elif k > 1:
                pairs = [(n, None) for n in names]
            else:
                pairs = [(n, role.portfolios[0] if role.portfolios else None) for n in names]
            for name, portfolio in pairs:
                self.assign(name.key, role, portfolio, country=side)
        return True

    def link_before(self, role: RoleMention) -> bool:
        person = self.person_before(role.start)
        if person is None or not _GAP_BEFORE.match(self.text[person.end:role.start]):
            return False
        if role.counterpart:
            self.assign_counterpart(role, person.key)
        else:
            self.assign(person.key, role, role.portfolios[0] if len(role.portfolios) == 1 else None)
        return True

    def link_appointed(self, role: RoleMention) -> bool:
        """"X a été nommée commissaire ..." / "Ce dernier a été nommé garde des Sceaux"."""
        s_start, _ = self.sentence(role.start)
        before = self.text[s_start:role.start]
        if not re.search(r"\bnommée?s?\b[^,.;]{0,30}$", before):
            return False
        subject = self.person_before(role.start)
        if subject is None:
            return False
        if subject.start < s_start and not re.match(r"\s*(?:Ce dernier|Cette dernière)\b", before):
            return False
        self.assign(subject.key, role, role.portfolios[0] if len(role.portfolios) == 1 else None)
        return True

    def antecedent(self, role: RoleMention, exclude: str | None) -> Assignment | None:
        if role.referent:
            for m in self.mention_at(*role.referent):
                roles = self.roles_of(m.key)
                return roles[0] if roles else None
        s_start, _ = self.sentence(role.start)
        prev_start, _ = self.sentence(max(0, s_start - 1))
        for m in reversed(self.mentions):
            if m.end > role.start or m.start < prev_start or m.key == exclude:
                continue
            roles = self.roles_of(m.key)
            if roles:
                return roles[0]
        return None

    def assign_counterpart(self, role: RoleMention, person: str | None) -> Assignment | None:
        """"son homologue français X": X holds the antecedent's post, or the one named
        ("homologue à la Justice"); a colleague shares its country, a counterpart not."""
        ante = self.antecedent(role, person)
        if person is None or (ante is None and not role.portfolios):
            return None
        a = Assignment(person, role, None, "ministre", role.country, role.start, role.former)
        if role.portfolios:
            a.portfolio = role.portfolios[0]
        else:
            a.title, a.portfolio, a.city, a.party = ante.title, ante.portfolio, ante.city, ante.party
            a.org = ante.org
        self.assignments.append(a)
        if ante is not None and role.country is None:
            self.constraints.append((a, ante, "same" if role.counterpart == "collegue" else "diff"))
        return a

    # -- posts named alone ("le locataire de Matignon", "le président français") ------

    def corefer(self, alone: list[RoleMention]) -> None:
        for role in alone:
            if role.former or role.kind == "mayor":
                continue
            if role.counterpart:
                ante = self.antecedent(role, None)
                if ante is None or role.portfolios:
                    continue
                probe = Assignment("", ante.mention, ante.portfolio, ante.title, role.country,
                                   role.start, city=ante.city)
            elif role.kind == "minister" and not role.portfolios:
                probe = None
            else:
                probe = Assignment("", role, role.portfolios[0] if len(role.portfolios) == 1 else None,
                                   role.title, role.country, role.start)
            if probe is None:  # "le ministre polonais": a minister whose country is unknown
                if role.country:
                    self._fill_country(lambda a: a.title.startswith("ministre"), role)
                continue
            if self._refers_to_holder(probe, role):
                continue
            if self._fill_country(lambda a, k=probe.key(): a.key() == k, role, probe.country):
                continue
            if role.kind in ("head", "periphrasis") and not role.plural:
                person = self._unplaced_person(role)
                if person:
                    a = self.assign(person, role, probe.portfolio, probe.title, probe.country)
                    a.direct = False

    def _refers_to_holder(self, probe: Assignment, role: RoleMention) -> bool:
        """Whether a post named alone is one a person of the article already holds."""
        for a in self.assignments:
            if a.former or a.key() != probe.key() or not self._gender_ok(a.person, role):
                continue
            if probe.country is None or a.country == probe.country:
                return True
        return False

    def _fill_country(self, same_post, role: RoleMention, country: str | None = None) -> bool:
        country = country or role.country
        if not country:
            return False
        for a in self.assignments:
            if a.country is None and not a.former and same_post(a) and a.start < role.start \
                    and self._gender_ok(a.person, role):
                a.country = country
                return True
        return False

    def _gender_ok(self, person: str, role: RoleMention) -> bool:
        g = self.persons[person].gender
        return role.gender is None or g is None or g == role.gender

    def _unplaced_person(self, role: RoleMention) -> str | None:
        held = {a.person for a in self.assignments}
        seen: list[str] = []
        for m in self.mentions:
            if m.start >= role.start:
                break
            if m.key not in held and m.key not in seen and self._gender_ok(m.key, role):
                seen.append(m.key)
        return seen[0] if seen else None

    # -- countries of posts the text leaves implicit --------------------------------

    def settle_countries(self, default: str | None, ranked: list[str]) -> None:
        for _ in range(2):
            for a, b, how in self.constraints:
                if a.country is None and b.country is not None:
                    a.country = b.country if how == "same" else next(
                        (c for c in ranked if c != b.country), None)
                elif b.country is None and a.country is not None:
                    b.country = a.country if how == "same" else next(
                        (c for c in ranked if c != a.country), None)
        for a in self.assignments:
            s, e = self.sentence(a.start)
            if a.title.startswith("commissaire") and a.org is None \
                    and "Commission européenne" in self.text[s:e]:
                a.org = "Commission européenne"
            if a.country is None and a.national:
                a.country = a.mention.default_country
        for _ in range(2):
            for a in self.assignments:
                if a.country is None and a.national:
                    a.country = self._sentence_country(a)
        for a in self.assignments:
            if a.country is None and a.national:
                for other in self.assignments:
                    if other.person == a.person and other.country and other.national:
                        a.country = other.country
                        break
        for a in self.assignments:
            if a.country is None and a.national:
                a.country = default

    def _sentence_country(self, a: Assignment) -> str | None:
        s, e = self.sentence(a.start)
        text = self.text[s:e]
        side = re.search(r"\b[Cc]ôté (\w+)", text)
        if side and countries().nationality(side.group(1)):
            return countries().nationality(side.group(1))
        if a.mention.possessive:
            owners = [c.code for c in country_mentions(text[:a.start - s])]
            if len(set(owners)) == 1:
                return owners[0]
        present = {m.key for m in self.mentions if s <= m.start < e} - {a.person}
        others = {o.country for o in self.assignments
                  if o.country and o.national and not o.former and o.person in present}
        if len(others) == 1:
            return others.pop()
        if not a.mention.plural:
            named = {c.code for c in country_mentions(text, capitals=a.direct)}
            if len(named) == 1:
                return named.pop()
        return None


def default_country(text: str) -> tuple[str | None, list[str]]:
    """The country a post the text leaves unmarked belongs to, and countries by weight.

    French-language news leaves France's own posts unmarked when it names France at all;
    otherwise the first country the text names is the home one.
    """
    ranked = main_countries(text)
    if "FR" in ranked:
        return "FR", ranked
    mentions = country_mentions(text)
    return (mentions[0].code if mentions else None), ranked


def extract_people(article: Article, doc, persons: dict[str, Person],
                   mentions: list[PersonMention]) -> list[Fact]:
    """Posts of the persons `find_persons` found, with ministries, countries and bodies."""
    art = Node("article", article.id, article.id)
    linker = _Linker(doc, persons, mentions)
    roles = find_roles(linker.text)
    alone = linker.link(roles)
    linker.corefer(alone)
    default, ranked = default_country(linker.text)
    linker.settle_countries(default, ranked)

    facts: list[Fact] = []
    for m in mentions:
        p = persons[m.key]
        s, e = linker.sentence(m.start)
        facts.append(Fact(art, "mentions", Node("person", p.key, p.name), s, e))
    labels = countries().labels
    seen: set[tuple] = set()
    for a in linker.assignments:
        p = persons[a.person]
        person = Node("person", p.key, p.name)
        s, e = linker.sentence(a.start)
        # A national post whose country the text never gives stays within its article,
        # so that it is not merged with the same title of another country.
        owner = (a.country or f"article-{slug(article.id)}") if a.national else slug(a.org)
        role_key = f"{owner}/{a.key()}"
        role = Node("role", role_key, a.label)
        pred = "heldRole" if a.former else "holdsRole"
        if (person, pred, role) in seen:
            continue
        seen.add((person, pred, role))
        facts.append(Fact(person, pred, role, s, e))
        if a.org:
            facts.append(Fact(role, "ofOrganization", Node("org", slug(a.org), a.org), s, e))
        if a.country and a.national:
            country = Node("country", a.country, labels.get(a.country, a.country))
            facts.append(Fact(role, "ofCountry", country, s, e))
            if a.portfolio is not None and a.title not in ("Premier ministre",):
                ministry = Node("ministry", f"{a.country}/{ministry_key(a.portfolio)}",
                                ministry_label(a.portfolio))
                facts.append(Fact(role, "ofMinistry", ministry, s, e))
                facts.append(Fact(ministry, "ofCountry", country, s, e))
    return facts
