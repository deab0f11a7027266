"""Tying posts to persons, and giving each post the country the text gives it.

Posts and names follow each other in a few ways, whatever the article:
- apposition, post first or name first: "le ministre de l'Intérieur, X", "X, ministre de
  l'Intérieur", "la chancelière Angela Merkel", "X (ministre ...)";
- enumerations: "A, ministre de X, B, ministre de Y et C, ministre de Z" (name first) or
  "le ministre de X, A, le ministre de Y, B" (post first): the first item of the chain
  decides which way every post of the chain looks;
- a plural post over a list of names: "ses ministres de l'Intérieur et de la Justice, A et
  B", "les présidents tunisien et mauritanien, A et B" (portfolios and nationalities are
  dealt out in order), "ses ministres de l'Intérieur (A), de la Justice (B)";
- a counterpart: "son homologue français X" holds the post of the person "son" refers to;
  "sa collègue des Transports" the same kind of post, with her own portfolio;
- a post named alone ("le locataire de Matignon") refers to a person already named.

A post's country is evidence, never a default, ranked (kg.extract.evidence): the post's own
words > the scope of a contrast ("Côté belge", "la Belgique était représentée par"), a
counterpart relation or the person's party > the government the sentence places the person
in. With no evidence the post has no country.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..types import Article, Fact, Node
from . import patterns as P
from .countries import country_mentions
from .evidence import Scopes, pair_of_countries
from .lexicon import countries, fold, party_countries, slug
from .people import Person, PersonMention
from .roles import Portfolio, Post, find_posts, ministry_key, ministry_label, post_key, post_label

#: Ranks of country evidence: the post's own words, a scope or relation, the sentence,
#: the place where the person is met.
OWN, RELATION, SENTENCE, PLACE = 1, 2, 3, 4


@dataclass
class Assignment:
    """One person holding (or having held) one post, as the text supports it."""

    person: str
    post: Post
    portfolio: Portfolio | None
    title: str
    start: int
    country: str | None = None
    rank: int = 0                 # how good the country's evidence is (OWN, RELATION, SENTENCE)
    org: str | None = None
    international: bool = False
    city: str | None = None
    complement: str | None = None
    direct: bool = True           # tied to a name in the text, not by coreference

    @property
    def former(self) -> bool:
        return self.post.former

    @property
    def national(self) -> bool:
        """A post of a country (a party's or an agency's included), not of an international body."""
        return not self.international

    @property
    def label(self) -> str:
        return post_label(self.title, self.portfolio, self.city, self.complement)

    def key(self) -> str:
        return post_key(self.label)

    def set_country(self, code: str | None, rank: int) -> None:
        if code and self.national and (self.country is None or rank < self.rank):
            self.country, self.rank = code, rank


# gap kinds between two neighbouring items of a sentence
_TIGHT, _COMMA, _PAREN, _COPULA, _AND, _SAME, _LIST, _BREAK = (
    "tight", "comma", "paren", "copula", "and", "same", "list", "break")


def _gap(text: str, a, b) -> str:
    """How two neighbouring items (a Post or a PersonMention) are joined."""
    raw = text[a.end:b.start]
    gap = P.PAREN_ASIDE.sub("", raw)
    a_post, b_post = isinstance(a, Post), isinstance(b, Post)
    if a_post and not b_post:
        if gap in ("", " ") or P.COURTESY_GAP.fullmatch(gap) or P.TITLE_ADJECTIVES.match(gap) \
                or P.RANK_GAP.fullmatch(gap):
            return _TIGHT
        of = P.OF_COUNTRY_GAP.fullmatch(gap)  # "ses homologues du Rwanda Paul Kagamé"
        if of and P.country_name_at().fullmatch(of.group(1)):
            return _TIGHT
        if P.GAP_COMMA.fullmatch(gap):
            return _COMMA
        between = P.NATIONAL_BETWEEN.match(gap)
        if between and countries().nationality(between.group(1)):
            return _COMMA
        if P.GAP_POST_AND_NAME.fullmatch(gap):
            return _AND
        return _BREAK
    if not a_post and b_post:
        if P.GAP_PAREN.fullmatch(raw):
            return _PAREN
        if P.GAP_NAME_POST.match(raw):
            return _COMMA
        if P.COPULA.match(gap):
            return _COPULA
        if P.GAP_NAME_AND_POST.fullmatch(gap):
            return _AND
        return _BREAK
    if a_post and b_post:
        # "vice-Premier ministre et ministre de l'Intérieur": two posts of one person;
        # "le président français, la chancelière allemande": two persons
        if not a.plural and not b.plural and (not b.determiner or a.counterpart) and (
                P.GAP_POST_AND_POST.match(gap) or P.GAP_COMMA.fullmatch(gap)):
            return _SAME
        if P.GAP_POSTS_AND.fullmatch(gap):
            return _AND
        return _BREAK
    if P.GAP_LIST.match(gap) or P.GAP_LIST.match(P.TRAILING_SIDE.sub(" ", gap).replace(" ,", ",")):
        return _LIST
    nat = P.LIST_NATIONALITY_GAP.fullmatch(gap)  # "Macky Sall et nigérien Mahamadou Issoufou"
    if nat and countries().nationality(nat.group(1)):
        return _LIST
    of = P.LIST_OF_COUNTRY_GAP.fullmatch(gap)  # "Paul Kagamé et du Mali Ibrahima Boubacar Keïta"
    if of and P.country_name_at().fullmatch(of.group(1)):
        return _LIST
    return _BREAK


class Linker:
    """Ties the posts of one article to its persons and settles their countries."""

    def __init__(self, text: str, sents: list[tuple[int, int]], persons: dict[str, Person],
                 mentions: list[PersonMention]):
        self.text = text
        self.persons = persons
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.by_person: dict[str, list[PersonMention]] = {}
        for m in self.mentions:
            self.by_person.setdefault(m.key, []).append(m)
        self.sents = sents
        self.sent_starts = [s for s, _ in sents]
        self.posts = find_posts(text, frozenset(m.start for m in mentions))
        self.post_starts = [p.start for p in self.posts]
        self.assignments: list[Assignment] = []
        self.counterparts: list[tuple[Post, list[PersonMention]]] = []
        #: two heads of government named together: of the two countries of a bilateral article
        self.pairs: list[tuple[Assignment, Assignment]] = []
        self.alone: list[Post] = []
        #: posts whose holder the text says is not of a country ("leurs homologues français")
        self.foreign: list[tuple[Assignment, str]] = []
        self.scopes = Scopes(text, sents)

    def run(self) -> list[Assignment]:
        """Tie the posts, resolve counterparts and posts named alone, settle countries."""
        alone = self.link()
        self.resolve_counterparts()
        self.corefer(alone)
        self.settle_countries()
        self.usual_titles()
        return self.assignments

    # -- helpers ----------------------------------------------------------------------

    def sentence(self, pos: int) -> tuple[int, int]:
        return self.sents[max(0, bisect_right(self.sent_starts, pos) - 1)]

    def between(self, start: int, end: int) -> list[PersonMention]:
        """The mentions that start in [start, end), in order (without scanning them all)."""
        starts = self.mention_starts
        return self.mentions[bisect_left(starts, start):bisect_left(starts, end)]

    def mentions_in(self, start: int, end: int) -> list[PersonMention]:
        return [m for m in self.between(start, end) if m.end <= end]

    def assign(self, person: str, post: Post, portfolio: Portfolio | None,
               title: str | None = None, country: str | None = None) -> Assignment:
        a = Assignment(person, post, portfolio, title or post.title, post.start,
                       org=post.org, international=post.international, city=post.city,
                       complement=post.complement)
        if post.kind == "mayor" and not post.city:
            a.city = self._town_before(post.start)
            if a.city:
                a.set_country(countries().cities.get(a.city), OWN)
        if post.party and post.org is not None:  # a party's post always has its org
            a.set_country(party_countries()[post.org], OWN)
        a.set_country(country or post.country, OWN)
        self.assignments.append(a)
        p = self.persons[person]
        if post.gender and not p.gender:
            p.gender = post.gender
        return a

    def _town_before(self, pos: int) -> str | None:
        """The last city named before `pos`: the town of "le bourgmestre de la ville"."""
        found = [m for m in P.city_names().finditer(self.text, 0, pos)]
        return found[-1].group() if found else None

    def holds(self, person: str) -> list[Assignment]:
        return [a for a in self.assignments if a.person == person and not a.former]

    # -- linking ------------------------------------------------------------------------

    def link(self) -> list[Post]:
        """Tie posts to persons; return the posts named alone, for coreference."""
        linked: set[int] = set()
        for post in self.posts:
            if self._link_parenthesised(post):
                linked.add(id(post))
        self._link_bare_portfolios()
        for s, e in self.sents:
            linked |= self._link_sentence(s, e)
        alone = [p for p in self.posts if id(p) not in linked]
        for post in list(alone):
            if self._link_appointed(post) or self._link_members(post):
                alone.remove(post)
        return alone

    def _link_parenthesised(self, post: Post) -> bool:
        """"ses ministres de l'Intérieur (Gérald Darmanin), de la Justice (...)"."""
        linked = False
        for p in post.portfolios:
            if not p.paren:
                continue
            inner = [q for q in find_posts(self.text[p.paren[0]:p.paren[1]])]
            for m in self.mentions_in(*p.paren):
                title = inner[0].title if inner and inner[0].kind == "minister" else None
                self.assign(m.key, post, p, title)
                linked = True
        return linked

    def _link_bare_portfolios(self) -> None:
        """"Thomas de Maizière (Intérieur)": a minister of the portfolio in parentheses."""
        words = P.portfolio_words()
        for m in self.mentions:
            paren = P.PARENTHESIS.match(self.text, m.end)
            if not paren:
                continue
            portfolio = words.get(fold(paren.group(1).strip()))
            if portfolio:
                post = Post(paren.start(1), paren.end(1), "ministre", "minister",
                            portfolios=[Portfolio(paren.start(1), paren.end(1), portfolio)])
                self.assign(m.key, post, post.portfolios[0])

    def _items(self, start: int, end: int) -> list:
        starts = self.post_starts
        posts = self.posts[bisect_left(starts, start):bisect_left(starts, end)]
        inside = [(p.start, p.end) for p in posts]
        mentions = [m for m in self.between(start, end)
                    if not any(s <= m.start < e for s, e in inside)]
        return sorted(posts + mentions, key=lambda x: x.start)

    def _link_sentence(self, start: int, end: int) -> set[int]:
        items = self._items(start, end)
        linked: set[int] = set()
        chain: list = []
        gaps: list[str] = []
        for item in items:
            if chain:
                gap = _gap(self.text, chain[-1], item)
                if gap == _BREAK:
                    linked |= self._link_chain(chain, gaps)
                    chain, gaps = [], []
                else:
                    gaps.append(gap)
            chain.append(item)
        if chain:
            linked |= self._link_chain(chain, gaps)
        return linked

    def _link_chain(self, chain: list, gaps: list[str]) -> set[int]:
        """Pair the posts and names of one chain (see the module docstring)."""
        groups: list[list] = []        # runs of posts of one person, runs of listed names
        between: list[str] = []        # the gap before each group after the first
        for i, item in enumerate(chain):
            if i and gaps[i - 1] in (_SAME, _LIST) and isinstance(item, Post) == isinstance(groups[-1][0], Post):
                groups[-1].append(item)
            else:
                if i:
                    between.append(gaps[i - 1])
                groups.append([item])
        is_post = [isinstance(g[0], Post) for g in groups]
        if not any(is_post) or all(is_post):
            return set()
        # "A, ministre de X, B, ministre de Y": a chain that opens on a name and closes on a
        # post names its people first; one that closes on a name names its posts first
        name_first = not is_post[0] and is_post[-1] and between[0] in (_COMMA, _PAREN, _COPULA)
        post_first = not is_post[-1]
        linked: set[int] = set()
        for gi, group in enumerate(groups):
            if not is_post[gi]:
                continue
            first, last = group[0], group[-1]
            back = groups[gi - 1] if gi > 0 and not is_post[gi - 1] \
                and between[gi - 1] in (_PAREN, _COMMA, _COPULA) \
                and P.APPOSITION_END.match(self.text, last.end) else None
            fwd = groups[gi + 1] if gi + 1 < len(groups) and not is_post[gi + 1] \
                and between[gi] in (_TIGHT, _COMMA) else None
            plural = len(group) == 1 and first.plural
            if fwd and (between[gi] == _TIGHT or back is None or post_first
                        or (first.determiner and not name_first)):
                chosen = fwd if plural else fwd[:1]
            elif back:
                chosen = back if plural else back[-1:]
            else:
                continue
            for post in group:
                linked.add(id(post))
                self._give(post, chosen)
        return linked

    def _give(self, post: Post, names: list[PersonMention]) -> None:
        """Give a post to the names it qualifies: one each, portfolios and nationalities
        dealt out in order for a plural post."""
        if post.counterpart:
            self.counterparts.append((post, names))
            return
        k = len(post.portfolios)
        n = len(names)
        for i, name in enumerate(names):
            if k > 1 and (n % k == 0 or n < k):  # dealt out in order, cyclically
                portfolio = post.portfolios[i % k]
            elif k == 1:
                portfolio = post.portfolios[0]
            else:
                portfolio = None
            country = post.countries[i] if len(post.countries) == n else None
            if post.plural and country is None:
                # "les présidents sénégalais Macky Sall, nigérien Mahamadou Issoufou"
                country = self._nationality_before(name.start)
            self.assign(name.key, post, portfolio, country=country)
        if post.plural and n == 2 and post.kind == "head":
            first, second = (a for a in self.assignments[-2:])
            first.relation = second.relation = None  # type: ignore[attr-defined]
            self.pairs.append((first, second))

    def _nationality_before(self, pos: int) -> str | None:
        """The nationality word right before a name: "nigérien Mahamadou Issoufou", "le
        Libyen Abdelhamid Dbeibah"."""
        m = P.NATIONALITY_BEFORE_NAME.search(self.text, max(0, pos - 30), pos)
        if m and countries().nationality(m.group(1)):
            return countries().nationality(m.group(1))
        of = P.COUNTRY_BEFORE_NAME.search(self.text, max(0, pos - 50), pos)
        if of and P.country_name_at().fullmatch(of.group(1)):
            return countries().names[of.group(1)]
        return None

    def _link_members(self, post: Post) -> bool:
        """"Huit chefs de gouvernement avaient fait le voyage, dont le Libyen A, l'Ethiopien
        B et le Maltais C": a plural post, then the names it counts, each with its
        nationality."""
        if not post.plural or post.counterpart or post.former:
            return False
        _, s_end = self.sentence(post.start)
        intro = P.MEMBERS_INTRO.search(self.text, post.end, min(s_end, post.end + 120))
        if intro is None:
            return False
        names: list[PersonMention] = []
        pos = intro.end()
        for m in self.between(pos, s_end):
            if m.start < pos:
                continue
            if not P.MEMBER_GAP.fullmatch(self.text[pos:m.start]):
                break
            names.append(m)
            pos = m.end
        if not names:
            return False
        self._give(post, names)
        return True

    def _link_appointed(self, post: Post) -> bool:
        """"X a été nommée commissaire ..." / "Ce dernier a été nommé garde des Sceaux"."""
        s_start, _ = self.sentence(post.start)
        before = self.text[s_start:post.start]
        if not P.APPOINTED.search(before):
            return False
        subject = next((self.mentions[i] for i in range(bisect_left(self.mention_starts, post.start) - 1, -1, -1)
                        if self.mentions[i].end <= post.start), None)
        if subject is None:
            return False
        if subject.start < s_start and not P.THIS_LAST.match(before):
            return False
        self.assign(subject.key, post, post.portfolios[0] if len(post.portfolios) == 1 else None)
        return True

    # -- counterparts ------------------------------------------------------------------

    def resolve_counterparts(self) -> None:
        """A counterpart holds its antecedent's post ("son homologue français X"), or the
        same kind of post with its own portfolio ("sa collègue des Transports"). A person
        whose own post the text also gives keeps that one; the relation still tells the
        country."""
        for post, names in self.counterparts:
            ante, ante_post = self._antecedent(post, {n.key for n in names})
            for i, name in enumerate(names):
                own = post.countries[i] if len(post.countries) == len(names) else post.country
                own = own or self._nationality_before(name.start)
                direct = [a for a in self.holds(name.key) if not getattr(a, "relation", None)]
                if direct:
                    for held in direct:
                        held.set_country(own, OWN)
                        held.relation = (ante, ante_post, post.counterpart)  # type: ignore[attr-defined]
                    continue
                a = self._counterpart_post(post, name, ante, ante_post)
                if a is None:
                    continue
                if own:  # "son homologue britannique": a national post, whatever the antecedent's
                    a.international = False
                a.set_country(own, OWN)
                a.relation = (ante, ante_post, post.counterpart)  # type: ignore[attr-defined]
                self.assignments.append(a)
        # "venus retrouver leurs homologues français": those named before are not French
        for post in self.posts:
            if post.counterpart and post.country and not any(p is post for p, _ in self.counterparts):
                s_start, _ = self.sentence(post.start)
                for m in self.between(s_start, post.start):
                    if s_start <= m.start < post.start:
                        for a in self.holds(m.key):
                            self.foreign.append((a, post.country))

    def _counterpart_post(self, post: Post, name: PersonMention, ante: Assignment | None,
                          ante_post: Post | None) -> Assignment | None:
        if ante is not None:
            title, portfolio = ante.title, ante.portfolio
            city, org, complement, international = ante.city, ante.org, ante.complement, ante.international
        elif ante_post is not None:
            title = ante_post.title
            portfolio = ante_post.portfolios[0] if len(ante_post.portfolios) == 1 else None
            city, org, complement = ante_post.city, ante_post.org, ante_post.complement
            international = ante_post.international
        elif post.portfolios:
            title, portfolio, city, org, complement, international = (
                "ministre", None, None, None, None, False)
        else:
            return None
        if post.portfolios:
            portfolio = post.portfolios[0]
            if title not in ("ministre", "secrétaire d'État", "ministre délégué") \
                    and not title.startswith("commissaire"):
                title = "ministre"
            complement = None
        return Assignment(name.key, post, portfolio, title, post.start, org=org,
                          international=international, city=city, complement=complement)

    def _antecedent(self, post: Post, exclude: set[str]) -> tuple[Assignment | None, Post | None]:
        """Whose counterpart: the person the referent names; else the nearest person with a
        post before the counterpart in its sentence, then after it, then in the sentences
        before (only those when the sentence's subject is a pronoun: "Il a rencontré X et
        son homologue Y"); or, with no such person, a post named in the sentence ("le
        Premier ministre hongrois a défendu, avec ses homologues ...")."""
        if post.referent:
            for m in self.mentions_in(*post.referent):
                held = self.holds(m.key)
                return (held[0] if held else None), None
        s_start, s_end = self.sentence(post.start)
        pronoun = bool(P.PRONOUN_SUBJECT.match(self.text, s_start))
        window = self.sentence(max(0, self.sentence(max(0, s_start - 1))[0] - 1))[0]
        before = [m for m in self.between(s_start, post.start) if m.key not in exclude]
        after = [m for m in self.between(post.end, s_end) if m.key not in exclude]
        earlier = [m for m in self.between(window, s_start) if m.key not in exclude]
        def holder(mentions: list[PersonMention]) -> Assignment | None:
            for m in mentions:
                # not one of the counterpart's own people ("son collègue X, avec ses ministres")
                held = [a for a in self.holds(m.key) if not a.post.counterpart
                        and not (a.post.possessive and a.start > post.start)]
                if held:
                    return held[0]
            return None

        if not pronoun:
            given = {id(a.post) for a in self.assignments}
            bare = [p for p in self.posts[bisect_left(self.post_starts, s_start):
                                          bisect_left(self.post_starts, s_end)] if p is not post
                    and not p.counterpart and not p.plural and not p.former
                    and id(p) not in given
                    and (p.kind != "official" or (p.title in ("président", "vice-président")
                                                  and p.country))]
            # the nearest before: a person with a post, or a post named alone ("le président
            # français recevait ses homologues")
            named_before: list[tuple[int, PersonMention | Post]] = [
                (m.start, m) for m in before if holder([m]) is not None]
            bare_before: list[tuple[int, PersonMention | Post]] = [
                (p.start, p) for p in bare if p.end <= post.start and not self.mentions_in(p.end, p.end + 3)]
            nearest = max(named_before + bare_before, key=lambda x: x[0], default=None)
            if nearest is not None:
                item = nearest[1]
                return (holder([item]), None) if isinstance(item, PersonMention) else (None, item)
            found = holder(after)
            if found is not None:
                return found, None
            if bare:
                return None, min(bare, key=lambda p: abs(p.start - post.start))
        return holder([*reversed(earlier)]), None

    # -- posts named alone ("le locataire de Matignon", "le président français") ------

    def corefer(self, alone: list[Post]) -> None:
        """A head's post named alone refers to a person already named who holds it, or
        holds no post yet ("le locataire de Matignon")."""
        self.alone = [p for p in alone if not (p.former or p.counterpart or p.plural)]
        for post in self.alone:
            head = post.kind == "head" or (post.kind == "fixed" and (post.title != "ministre" or post.country)) \
                or (post.title in ("président", "vice-président") and post.country and not post.org) \
                or (post.kind == "official" and post.org and post.determiner)
            if not head:
                continue
            probe = self._probe(post)
            if self._holder(probe, post) is not None:
                continue
            person = self._unplaced_person(post)
            if person:
                a = self.assign(person, post, probe.portfolio, probe.title)
                a.direct = False

    def _probe(self, post: Post) -> Assignment:
        return Assignment("", post, post.portfolios[0] if len(post.portfolios) == 1 else None,
                          post.title, post.start, org=post.org, international=post.international,
                          city=post.city, complement=post.complement)

    def _holder(self, probe: Assignment, post: Post) -> Assignment | None:
        """The assignment of the same post, held by a person of the right gender, that a
        post named alone refers to."""
        group = P.post_group(probe.title) if post.country and not probe.portfolio else None
        key = probe.key()
        for a in self.assignments:
            same = a.key() == key or (group is not None and P.post_group(a.title) == group
                                               and a.country == post.country)
            if a.former or not same or not self._gender_ok(a.person, post):
                continue
            if post.country is None or a.country in (None, post.country):
                return a
        return None

    def _gender_ok(self, person: str, post: Post) -> bool:
        g = self.persons[person].gender
        return post.gender is None or g is None or g == post.gender

    def _unplaced_person(self, post: Post) -> str | None:
        """The first person named in the post's sentence or the two before it who holds no
        post yet; else the first such person of the article."""
        held = {a.person for a in self.assignments}
        s_start, _ = self.sentence(post.start)
        window = self.sentence(max(0, self.sentence(max(0, s_start - 1))[0] - 1))[0]
        free = [m for m in self.mentions if m.start < post.start and m.key not in held
                and self._gender_ok(m.key, post)]
        near = [m for m in free if m.start >= window]
        chosen = near[0] if near else (free[0] if free else None)
        return chosen.key if chosen else None

    # -- countries -----------------------------------------------------------------------

    def usual_titles(self) -> None:
        """"le chef du gouvernement belge" is the Premier ministre belge: a generic wording
        takes the post's usual title where its country is known (kg/data/titles.json)."""
        for a in self.assignments:
            if a.title == "chef du gouvernement" and a.country in P.prime_minister_countries():
                a.title = "Premier ministre"

    def settle_countries(self) -> None:
        """Countries for the posts whose own words give none, by rank of evidence."""
        for a in self.assignments:  # "le Président Nana Akufo-Addo du Ghana"
            mention = self._mention_of(a)
            if mention is not None and a.direct:
                of = P.OF_COUNTRY_AFTER_NAME.match(self.text[mention.end:mention.end + 40])
                name = P.country_name_at().match(self.text, mention.end + of.end()) if of else None
                if name:
                    a.set_country(countries().names[name.group()], OWN)
        self._same_person(OWN, only=OWN)
        parties = self._parties()
        pair = pair_of_countries(self.text)
        for a in self.assignments:
            if not a.national or a.rank == OWN:
                continue
            code, rank = self._scope_country(a)
            if rank == RELATION:
                a.set_country(code, rank)
            a.set_country(parties.get(a.person), RELATION)
        named = {c.code for c in country_mentions(self.text, capitals=True)}
        for _ in range(3):  # each rule may settle what another one needs
            self._relations(pair, RELATION)
            self._delegations(RELATION)
            self._alone_posts(SENTENCE)
            for a in self.assignments:
                if a.national and a.country is None:
                    a.set_country(self._sentence_country(a), SENTENCE)
                    a.set_country(self._title_country(a, named), SENTENCE)
            self._same_person(SENTENCE)
        for a in self.assignments:
            if a.national and a.country is None:
                code, rank = self._scope_country(a)  # the rest of a "Côté belge" paragraph
                a.set_country(code, PLACE)
                a.set_country(self._place_country(a), PLACE)
        self._same_person(PLACE)
        self._relations(pair, PLACE)
        self._delegations(PLACE)

    def _scope_country(self, a: Assignment) -> tuple[str | None, int]:
        """The scope around the post, or around the person's mentions, nearest first, and
        how strong it is there."""
        mentions = sorted(self.by_person.get(a.person, ()),
                          key=lambda m: abs(m.start - a.start))
        for pos in [m.start for m in mentions[:1]] + [a.start] + [m.start for m in mentions[1:]]:
            code, strong = self.scopes.country_at(pos)
            if code:
                return code, RELATION if strong else SENTENCE
        return None, 0

    def _relations(self, pair: tuple[str, str] | None, rank: int) -> None:
        """What a post's relations to others tell of its country: counterparts, two heads
        named together, "leurs homologues français"."""
        self._counterparts(pair)
        if pair:
            for a, b in self.pairs:
                for x, y in ((a, b), (b, a)):
                    if x.country in pair and y.country is None:
                        y.set_country(next(c for c in pair if c != x.country), rank)
            for a, not_code in self.foreign:
                if a.country is None and not_code in pair:
                    a.set_country(next(c for c in pair if c != not_code), rank)

    def _same_person(self, rank: int, only: int = PLACE) -> None:
        """A person's posts in one article belong to one government (with evidence of at
        most rank `only`)."""
        by_person: dict[str, list[Assignment]] = {}
        for a in self.assignments:
            by_person.setdefault(a.person, []).append(a)
        for a in self.assignments:
            if a.national and (a.country is None or a.rank > rank) and not a.former:
                same = [o.country for o in by_person[a.person] if o.country
                        and o.national and not o.former and o.rank <= only and o is not a]
                if same:
                    a.set_country(same[0], rank)

    def _alone_posts(self, rank: int) -> None:
        """"le ministre néerlandais", "le Premier ministre belge" named alone: the one
        holder of that post without a country gets it."""
        by_key: dict[str, list[Assignment]] | None = None  # the assignments by post key
        for post in getattr(self, "alone", []):
            if not post.country:
                continue
            if post.kind == "minister" and not post.portfolios:
                same = [a for a in self.assignments if a.title.startswith("ministre")]
            else:
                if by_key is None:  # keys do not change here: only countries are settled
                    by_key = {}
                    for a in self.assignments:
                        by_key.setdefault(a.key(), []).append(a)
                same = list(by_key.get(self._probe(post).key(), ()))
            same = [a for a in same if not a.former and self._gender_ok(a.person, post)]
            if any(a.country == post.country for a in same):
                continue
            window = 0 if post.kind == "fixed" else \
                self.sentence(max(0, self.sentence(max(0, self.sentence(post.start)[0] - 1))[0] - 1))[0]
            open_ = [a for a in same if a.country is None and window <= a.start < post.start]
            if len(open_) == 1:
                open_[0].set_country(post.country, rank)

    def _counterparts(self, pair: tuple[str, str] | None) -> None:
        """A homologue is of the other country of a bilateral article, a colleague of the
        same country; and a counterpart's country tells its antecedent's."""
        for a in self.assignments:
            relation = getattr(a, "relation", None)
            if relation is None:
                continue
            ante, ante_post, how = relation
            other = ante.country if ante is not None else (ante_post.country if ante_post else None)
            other_rank = ante.rank if ante is not None else OWN
            if how == "collegue":
                a.set_country(other, max(other_rank, RELATION))
                if ante is not None and a.country:
                    ante.set_country(a.country, max(a.rank, RELATION))
            elif pair and other in pair:
                a.set_country(next(c for c in pair if c != other), max(other_rank, RELATION))
            elif pair and ante is not None and a.country in pair:
                ante.set_country(next(c for c in pair if c != a.country), max(a.rank, RELATION))

    def _delegations(self, rank: int) -> None:
        """People named as one government's delegation share its country: "ses ministres de
        X et de Y, A (Forza Italia) et B"; "Il était accompagné de A, de B et de C"."""
        by_post: dict[int, list[Assignment]] = {}
        for a in self.assignments:
            if a.post.plural and a.post.possessive and a.national:
                by_post.setdefault(id(a.post), []).append(a)
        for group in by_post.values():
            known = {a.country for a in group if a.country and a.rank <= RELATION}
            if len(known) == 1:
                code = known.pop()
                for a in group:
                    a.set_country(code, rank)
        for s, e in self.sents:
            if not P.PRONOUN_ACCOMPANIED.match(self.text, s):
                continue
            prev, _ = self.sentence(max(0, s - 1))
            leader = next(iter(self.between(prev, s)), None)
            known = {o.country for o in self.holds(leader.key) if o.country} if leader else set()
            if len(known) != 1:
                continue
            code = known.pop()
            for a in self.assignments:
                if s <= a.start < e and a.national:
                    a.set_country(code, rank)

    def _mention_of(self, a: Assignment) -> PersonMention | None:
        s, e = self.sentence(a.start)
        near = [m for m in self.between(s, e) if m.key == a.person]
        return min(near, key=lambda m: abs(m.start - a.start)) if near else None

    def _parties(self) -> dict[str, str]:
        """The country of each person's party, from "X (N-VA)"."""
        found: dict[str, str] = {}
        table = party_countries()
        for m in self.mentions:
            paren = P.PARENTHESIS.match(self.text, m.end)
            if paren and paren.group(1).strip() in table:
                found.setdefault(m.key, table[paren.group(1).strip()])
        return found

    def _sentence_country(self, a: Assignment) -> str | None:
        """The government the sentence places the person in: "le gouvernement belge";
        "ses ministres" of a person of known country; a person named with companions of
        one country ("aux côtés du ministre français X", "accompagné de ses ministres")."""
        for s, e in self._sentences_of(a):
            text = self.text[s:e]
            gov = P.GOVERNMENT_OF.search(text)
            if gov and countries().nationality(gov.group(1)):
                return countries().nationality(gov.group(1))
            if a.post.possessive and not a.post.counterpart and s <= a.start < e:
                if P.PRONOUN_SUBJECT.match(self.text, s):  # "Il était accompagné de ses ministres"
                    prev, _ = self.sentence(max(0, s - 1))
                    owner = next(iter(self.between(prev, s)), None)
                else:
                    owner = next((m for m in reversed(self.between(s, a.start))
                                  if m.key != a.person), None)
                if owner is not None:
                    known = [o.country for o in self.holds(owner.key) if o.country]
                    if known:
                        return known[0]
            companion = self._companion_country(a, s, e)
            if companion:
                return companion
        return None

    def _sentences_of(self, a: Assignment) -> list[tuple[int, int]]:
        spans = [self.sentence(a.start)]
        for m in self.by_person.get(a.person, ()):
            if self.sentence(m.start) not in spans:
                spans.append(self.sentence(m.start))
        return spans

    def _companion_country(self, a: Assignment, s: int, e: int) -> str | None:
        """The country of a person this one is named with as a companion: "aux côtés du
        secrétaire d'Etat X", "accompagné de X", "X et son ministre Y"."""
        inside = self.between(s, e)
        mine = [m for m in inside if m.key == a.person]
        lead = P.ACCOMPANIED.match(self.text, s)
        if lead:  # "Accompagnée de X, de Y et de Z, Meloni a assisté ...": X, Y, Z are hers
            subject = next((m for m in inside if P.VERB_AFTER.match(self.text, m.end)), None)
            if subject is not None and subject.key != a.person and any(m.start < subject.start for m in mine):
                known = {o.country for o in self.holds(subject.key) if o.country and o.national}
                if len(known) == 1:
                    return known.pop()
        for m in mine:
            for other in inside:
                if other.key == a.person:
                    continue
                lo, hi = sorted((m, other), key=lambda x: x.start)
                gap = self.text[lo.end:hi.start]
                if len(gap) > 120 or not P.COMPANION.search(gap):
                    continue
                if any(x.key not in (m.key, other.key) for x in self.between(lo.end, hi.start)):
                    continue
                known = {o.country for o in self.holds(other.key) if o.country and o.national}
                if len(known) == 1:
                    return known.pop()
        return None

    def _title_country(self, a: Assignment, named: set[str]) -> str | None:
        """A title few countries use, in an article that names one of them: "la
        chancelière" where Germany is named; "le président de la République" where the
        other countries named have none."""
        table = P.title_countries()
        if a.title in table:
            candidates = set(table[a.title])
        elif a.title == "président de la République":
            candidates = named - P.no_president_of_republic()
        else:
            return None
        found = candidates & named
        return found.pop() if len(found) == 1 else None

    def _place_country(self, a: Assignment) -> str | None:
        """Someone met where the sentence places the meeting: "rencontré à Tunis le
        président X", "auprès de X, à Rabat" (never the subject who travels there)."""
        mention = self._mention_of(a)
        if mention is None:
            return None
        s, e = self.sentence(mention.start)
        # cities only: "en Tunisie" is where a visitor goes as often as where a host is
        places = [(c.start, c.code) for c in country_mentions(self.text[s:e], capitals=True)
                  if c.how == "capital"]
        places += [(m.start(), countries().cities[m.group()])
                   for m in P.city_names().finditer(self.text[s:e])]
        if not places:
            return None
        codes = {code for _, code in places}
        others = {o.country for o in self.assignments if o.person != a.person and o.country
                  and s <= o.start < e}
        before = [(start + s, code) for start, code in places
                  if start + s < mention.start and code not in others]
        if not before:
            return None
        start, code = max(before)
        # the place nearest before the name: "à Varsovie du Premier ministre X"
        return code if mention.start - start < 80 or len(codes - others) == 1 else None


def link_posts(text: str, sents: list[tuple[int, int]], persons: dict[str, Person],
               mentions: list[PersonMention]) -> list[Assignment]:
    """Every post the article ties to a person, with its country where the text gives one."""
    return Linker(text, sents, persons, mentions).run()


def role_key(a: Assignment, article_id: str) -> str:
    """What a post's IRI is minted from: its country, or its body, or (a national post whose
    country the text never gives) its article, so that it is not merged with the same
    title of another country."""
    if a.country and a.national:
        owner = a.country
    elif a.org:
        owner = slug(a.org)
    else:
        owner = f"article-{slug(article_id)}"
    return f"{owner}/{a.key()}"


def post_facts(article: Article, sentence, persons: dict[str, Person],
               assignments: list[Assignment]) -> list[Fact]:
    """holdsRole / heldRole facts with the post's ministry, country and body.
    `sentence(pos)` gives the span of the sentence at `pos`."""
    labels = countries().labels
    facts: list[Fact] = []
    seen: set[tuple] = set()
    for a in assignments:
        p = persons[a.person]
        person = Node("person", p.key, p.name)
        s, e = sentence(a.start)
        role = Node("role", role_key(a, article.id), a.label)
        pred = "heldRole" if a.former else "holdsRole"
        if (person, pred, role) in seen:
            continue
        seen.add((person, pred, role))
        facts.append(Fact(person, pred, role, s, e))
        if a.org and slug(a.org):
            facts.append(Fact(role, "ofOrganization", Node("org", slug(a.org), a.org), s, e))
        if a.country and a.national:
            country = Node("country", a.country, labels.get(a.country, a.country))
            facts.append(Fact(role, "ofCountry", country, s, e))
            if a.portfolio is not None and a.post.kind in ("minister", "fixed", "counterpart") \
                    and not a.title.startswith("commissaire"):
                key = ministry_key(a.portfolio)
                if key:
                    ministry = Node("ministry", f"{a.country}/{key}", ministry_label(a.portfolio))
                    facts.append(Fact(role, "ofMinistry", ministry, s, e))
                    facts.append(Fact(ministry, "ofCountry", country, s, e))
    return facts
