"""Posts named in text: "le Premier ministre belge", "ses ministres de l'Intérieur (X), de
la Justice (Y)", "la directrice de l'Office fédéral de la police", "le roi des Belges",
"son homologue français".

A post is a title (kg/data/titles.json) followed by what qualifies it: nationality
adjectives, portfolios, an organisation, a city, a country ("de Belgique"). The reading
works on plain text with character offsets, so every rule can be tested on a sentence;
all patterns come from kg.extract.patterns.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from . import patterns as P
from .lexicon import countries, fold, international_bodies, organizations, party_countries, slug
from .scan import Scanners


@dataclass(frozen=True)
class Portfolio:
    """One ministerial portfolio as written ("de l'Intérieur"), with an optional
    parenthesis that follows it ("(Gérald Darmanin)")."""

    start: int
    end: int
    text: str
    paren: tuple[int, int] | None = None


@dataclass
class Post:
    """A post named in a text, before it is tied to a person."""

    start: int
    end: int
    title: str                      # canonical title: "ministre", "Premier ministre", "directeur"
    kind: str                       # head | minister | official | royal | mayor | fixed | counterpart
    portfolios: list[Portfolio] = field(default_factory=list)
    complement: str | None = None   # an official's complement: "de l'Office fédéral de la police"
    org: str | None = None          # the body of the post: "Commission européenne", "N-VA"
    international: bool = False     # a post of an international body: no country
    country: str | None = None      # the country the post's own words give
    countries: list[str] = field(default_factory=list)  # "belge et néerlandais": one per name
    plural: bool = False
    former: bool = False
    possessive: bool = False        # "ses ministres", "son secrétaire d'Etat"
    determiner: bool = False        # "le ministre": a post named before its holder's name
    gender: str | None = None       # "m" / "f" from the determiner or the title's form
    city: str | None = None         # a mayor's city
    counterpart: str | None = None  # "homologue" or "collègue"
    referent: tuple[int, int] | None = None  # "de M. X" after a counterpart

    def label(self, portfolio: Portfolio | None = None) -> str:
        """The post's canonical label, for one of the post's portfolios."""
        p = portfolio or (self.portfolios[0] if len(self.portfolios) == 1 else None)
        return post_label(self.title, p, self.city, self.complement)

    @property
    def party(self) -> bool:
        """A post of a political party: national, its country the party's."""
        return self.org is not None and self.org in party_countries()


def post_label(title: str, portfolio: Portfolio | None = None, city: str | None = None,
               complement: str | None = None) -> str:
    """"ministre" + "de l'Intérieur" -> "ministre de l'Intérieur"; mayors name their city."""
    if city:
        prep = "d'" if fold(city[0]) in "aeiouyh" else "de "
        return f"{title} {prep}{city}"
    if complement:
        return f"{title} {complement.replace('’', chr(39))}"
    if portfolio is None:
        return title
    return f"{title} {normalise_portfolio(portfolio.text)}"


_KEY_STOP = {"de", "la", "l", "d", "des", "du", "a", "au", "aux", "et", "le", "les", "charge"}


@lru_cache(maxsize=1 << 14)
def post_key(label: str) -> str:
    """Gender- and preposition-free slug of a post ("ministre-interieur")."""
    return "-".join(w for w in slug(label).split("-") if w not in _KEY_STOP)


def normalise_portfolio(text: str) -> str:
    """"chargée des Douanes" -> "chargé des Douanes"; apostrophes unified."""
    text = text.replace("’", "'")
    for form in ("chargées", "chargée", "chargés"):
        if text.startswith(form):
            return "chargé" + text[len(form):]
    return text


def ministry_label(portfolio: Portfolio) -> str:
    """"à l'Asile et à la Migration" -> "ministère de l'Asile et de la Migration"."""
    text = normalise_portfolio(portfolio.text)
    for lead in ("chargé ", "en charge "):
        if text.startswith(lead):
            text = text[len(lead):]
    for before, after in (("à la ", "de la "), ("à l'", "de l'"), ("aux ", "des "), ("au ", "du ")):
        text = text.replace(before, after)
    return f"ministère {text}"


def ministry_key(portfolio: Portfolio) -> str:
    return "-".join(w for w in slug(ministry_label(portfolio)).split("-")[1:] if w not in _KEY_STOP)


# -- reading a post -----------------------------------------------------------------------


def _stop_word(word: str) -> bool:
    return word.lower() in P.STOP_WORDS or word.lower() in _NUMBERS


_NUMBERS = frozenset("deux trois quatre cinq six sept huit neuf dix onze douze quinze vingt "
                     "vingt-sept vingt-huit trente quarante cinquante cent plusieurs nombreux "
                     "différents divers autres premier première".split())


def _country_or_nationality_at(text: str, pos: int) -> bool:
    return bool(P.country_name_at().match(text, pos) or P.nationality_at().match(text, pos))


def noun_phrase(text: str, pos: int, *, lower_head: bool, coordinate: bool,
                stops: frozenset[int] = frozenset()) -> int | None:
    """The end of a portfolio or organisation name starting at `pos` ("Intérieur",
    "Office fédéral de la police", "gestion des crises"), or None.

    It stops before a country or nationality (the post's country, not its portfolio),
    before a person's name and at a word that cannot belong to it.
    """
    if pos in stops or _country_or_nationality_at(text, pos):
        return None
    head = P.CAP_WORD.match(text, pos)
    capitalised = head is not None
    if head is None and not lower_head:
        # "le ministre de l'intérieur": a portfolio some newspapers write in lower case
        word = P.LOW_WORD.match(text, pos)
        if word and fold(word.group()) in P.portfolio_heads():
            head, capitalised = word, True
    if head is None and lower_head:
        head = P.LOW_WORD.match(text, pos)
        if head is not None and _stop_word(head.group()):
            head = None
    if head is None:
        return None
    end, words = head.end(), 1
    _, after_re, _ = P.tense_patterns()
    while words < 12:
        if after_re.match(text[end:end + 20]):
            break
        if text[end:end + 1] == " ":
            adj = P.ADJECTIVE.match(text, end + 1)
            if adj and not countries().nationality(adj.group()) and not _stop_word(adj.group()):
                end, words = adj.end(), words + 1
                continue
        join = P.JOIN.match(text, end) or (P.COORDINATE.match(text, end) if coordinate else None)
        if join is None:
            break
        nxt = join.end()
        if nxt in stops or _country_or_nationality_at(text, nxt):
            break
        word = P.CAP_WORD.match(text, nxt)
        if word is None:
            # a lower-case word only after an article: "de la police", not "de passage"
            with_article = join.group().rstrip().endswith(
                ("la", "le", "les", "l'", "l’", "du", "des", "au", "aux", "d'", "d’"))
            word = P.LOW_WORD.match(text, nxt) if (with_article or not capitalised) else None
            if word is not None and _stop_word(word.group()):
                word = None
        if word is None:
            break
        end, words = word.end(), words + 1
    return end


def _nationalities(post: Post, text: str, pos: int) -> int:
    """Read "belge" (or, for a plural post, "belge, néerlandais et luxembourgeois") at `pos`
    into the post's country or countries; return the new position."""
    if text[pos:pos + 1] != " ":
        return pos
    m = P.nationality_at().match(text, pos + 1)
    code = countries().nationality(m.group()) if m else None
    if not m or not code:
        return pos
    codes = [code]
    pos = m.end()
    while post.plural:
        sep = P.LIST_SEPARATOR.match(text, pos)
        more = P.nationality_at().match(text, sep.end()) if sep else None
        code = countries().nationality(more.group()) if more else None
        if not more or not code:
            break
        codes.append(code)
        pos = more.end()
    if len(codes) == 1:
        post.country = post.country or codes[0]
    else:
        post.countries = codes
    return pos


def _country_complement(post: Post, text: str, pos: int) -> int:
    """"de Belgique", "des Pays-Bas", "des Belges", "du gouvernement belge" after a post."""
    gov = P.GOVERNMENT.match(text, pos)
    if gov:
        after = _nationalities(post, text, gov.end())
        if after != gov.end():
            return after
    of = P.OF.match(text, pos)
    if not of:
        return pos
    name = P.country_name_at().match(text, of.end())
    if name:
        post.country = post.country or countries().names[name.group()]
        return name.end()
    if of.group().strip() == "des":  # "le roi des Belges"
        nat = P.nationality_at().match(text, of.end())
        if nat and nat.group()[0].isupper() and countries().nationality(nat.group()):
            post.country = post.country or countries().nationality(nat.group())
            return nat.end()
    return pos


def _portfolios(text: str, pos: int, plural: bool, stops: frozenset[int]
                ) -> tuple[list[Portfolio], int]:
    """Parse "de l'Intérieur et de la Justice" (or a parenthesised list) from `pos`."""
    m = P.CHARGED.match(text, pos) or P.PREPOSITION.match(text, pos)
    items: list[Portfolio] = []
    while m:
        start = m.start(1)
        lower = "charg" in m.group(1)
        end = noun_phrase(text, m.end(), lower_head=lower, coordinate=not plural, stops=stops)
        if end is None:
            break
        paren = P.PARENTHESIS.match(text, end)
        if paren:
            items.append(Portfolio(start, end, text[start:end], (paren.start(1), paren.end(1))))
            pos = paren.end()
        else:
            items.append(Portfolio(start, end, text[start:end]))
            pos = end
        m = P.NEXT_PORTFOLIO.match(text, pos)
        if not (plural or paren):
            break
    return items, pos


def _organisation(text: str, start: int, end: int) -> tuple[str | None, bool]:
    """The body a complement names ("de l'Office fédéral de la police" -> "Office fédéral
    de la police"), and whether it is an international body."""
    name = P.CLEAN_NAME.sub("", text[start:end].replace("’", "'"))
    known = organizations()
    for form in sorted(known, key=len, reverse=True):
        if name == form or name.startswith(form + " "):
            canonical = known[form]
            return canonical, canonical in international_bodies()
    if name in party_countries():
        return name, False
    if not name[:1].isupper():
        return None, False
    return name, name in international_bodies()


def _complement(post: Post, text: str, pos: int, stops: frozenset[int]) -> int:
    """An official's or a head's complement: an organisation, a city or a country; an
    official may be "chargé de" a portfolio ("le conseiller fédéral chargé de la justice")."""
    if post.kind == "official" and P.CHARGED.match(text, pos):
        post.portfolios, end = _portfolios(text, pos, False, stops)
        if post.portfolios:
            post.complement = normalise_portfolio(post.portfolios[0].text)
            post.portfolios = []
            return end
    of = P.PREPOSITION.match(text, pos)
    if not of:
        return pos
    after = of.end()
    known = P.organization_at().match(text, after)
    if known and post.kind == "official":
        post.org = organizations()[known.group()]
        end = max(known.end(), noun_phrase(text, after, lower_head=True, coordinate=True,
                                            stops=stops) or 0)
        post.complement = text[of.start(1):end]
        known_end = end
        post.international = post.org in international_bodies()
        if post.org in party_countries():
            post.country = post.country or party_countries()[post.org]
        return known_end
    country = P.country_name_at().match(text, after)
    if country:
        return _country_complement(post, text, pos)
    if post.kind == "official" and not of.group(1).startswith(("à", "au")):
        city = P.city_names().match(text, after)
        if city and not P.JOIN.match(text, city.end()):
            post.complement = f"{of.group(1)}{city.group()}"
            post.country = post.country or countries().cities[city.group()]
            return city.end()
    phrase_end = noun_phrase(text, after, lower_head=True, coordinate=True, stops=stops)
    if phrase_end is None:
        return pos
    if post.kind == "official":
        post.complement = text[of.start(1):phrase_end]
        post.org, post.international = _organisation(text, after, phrase_end)
        if post.org and post.org in party_countries():
            post.country = post.country or party_countries()[post.org]
        return phrase_end
    # a head's complement ("du gouvernement d'union nationale") counts only for the
    # nationality it leads to
    return phrase_end if P.nationality_at().match(text, phrase_end + 1) else pos


def _gender(text: str, start: int, title_text: str) -> str | None:
    before = text[max(0, start - 6):start].lower()
    if P.FEMININE_BEFORE.search(before):
        return "f"
    if P.MASCULINE_BEFORE.search(before):
        return "m"
    first = title_text.split()[0].lower()
    if first in {"première", "chancelière", "cheffe", "présidente", "reine", "vice-présidente"}:
        return "f"
    if P.FEMININE_TITLE.search(first) and first not in {"ministre", "secrétaire", "commissaire",
                                                        "locataire", "porte-parole", "vice-première"}:
        return "f"
    return None


def _feminine_label(label: str, title_text: str) -> str:
    """"directrice" keeps its form: French folds -eur/-rice titles apart, not together."""
    first = title_text.split()[0].lower()
    if first.endswith(("rice", "rices")) and label.split()[0].endswith("eur"):
        head, _, rest = label.partition(" ")
        return (head[:-3] + "rice" + (" " + rest if rest else ""))
    return label


def _name_follows(text: str, pos: int, stops: frozenset[int]) -> bool:
    """Whether a person's name comes right after a title: "le président Kaïs Saïed"."""
    gap = text[pos:pos + 2]
    start = pos + (2 if gap == ", " else 1 if gap[:1] == " " else 0)
    if start in stops:
        return True
    return bool(P.NAME_AFTER_POST.match(text, pos) or P.ROYAL_NAME.match(text, pos))


def find_posts(text: str, stops: frozenset[int] = frozenset()) -> list[Post]:
    """Every post named in `text`, in order, without overlaps (the longest title wins).
    `stops` are the offsets where a person's name starts: no complement runs into one."""
    return [replace(p, portfolios=list(p.portfolios), countries=list(p.countries))
            for p in _find_posts(text, stops)]


@lru_cache(maxsize=8)
def _find_posts(text: str, stops: frozenset[int]) -> tuple[Post, ...]:
    titles = P.title_patterns()
    scanners = _scanners()
    raw: list[tuple[int, int, dict | None, str]] = []
    for (_, title_entry), matches in zip(titles, scanners.finditer(text)):
        for m in matches:
            raw.append((m.start(), m.end(), title_entry, m.group()))
    for m in P.counterpart_pattern().finditer(text):
        raw.append((m.start(), m.end(), None, m.group()))
    raw.sort(key=lambda r: (r[0], -(r[1] - r[0])))
    before_re, after_re, future_re = P.tense_patterns()
    posts: list[Post] = []
    taken_until = -1
    for start, end, entry, title_text in raw:
        if start < taken_until:
            continue
        post = _read_post(text, start, end, entry, title_text, stops)
        if post is None:
            continue
        left = text[max(0, start - 20):start]
        if future_re.search(left):
            taken_until = post.end
            continue
        post.former = bool(before_re.search(left))
        after = after_re.match(text[post.end:post.end + 20])
        if after:  # "les ministres de l'époque, Roland Dumas": the names come after
            post.former = True
            post.end += len(after.group().rstrip(","))
        posts.append(post)
        taken_until = post.end
    return tuple(posts)


@cache
def _scanners() -> Scanners:
    return Scanners([regex for regex, _ in P.title_patterns()])


def _read_post(text: str, start: int, end: int, entry: dict | None, title_text: str,
               stops: frozenset[int]) -> Post | None:
    """The post whose title is `text[start:end]`, with what qualifies it; None when the
    words need a qualifier they lack ("le directeur" alone)."""
    plural = bool(P.PLURAL_TITLE.search(title_text))
    if entry is None:
        post = Post(start, end, "", "counterpart", plural=plural,
                    counterpart=fold(title_text).rstrip("s"))
        entry = {}  # a counterpart ("homologue") has no title entry: nothing to read there
    else:
        post = Post(start, end, _feminine_label(entry["label"], title_text), entry["kind"],
                    org=entry.get("org"), country=entry.get("country"), plural=plural)
        if post.org:
            post.international = post.org in international_bodies()
        if entry["kind"] == "royal":  # "reine", "émir": the title as written, singular
            post.title = " ".join(w[:-1] if w.endswith("s") else w
                                  for w in title_text.lower().split())
    post.gender = _gender(text, start, title_text)
    post.possessive = bool(P.POSSESSIVE_BEFORE.search(text[max(0, start - 7):start].lower()))
    post.determiner = bool(P.DETERMINER_BEFORE.search(text[max(0, start - 8):start]))
    pos = end
    kind = post.kind
    if kind == "counterpart":
        pos = _nationalities(post, text, pos)
        ref = P.REFERENT.match(text, pos)
        if ref:
            post.referent = (ref.start(1), ref.end(1))
            pos = ref.end()
        post.portfolios, pos = _portfolios(text, pos, False, stops)
    elif kind == "fixed":
        if entry.get("portfolio"):
            post.portfolios = [Portfolio(start, end, entry["portfolio"])]
        pos = _nationalities(post, text, pos)
    elif kind == "mayor":
        pos = _nationalities(post, text, pos)
        city = P.CITY.match(text, pos)
        if city:
            post.city, pos = city.group(1), city.end()
            post.country = post.country or countries().cities.get(post.city)
        else:  # "le bourgmestre de la ville, X", "le bourgmestre, X": the city of the text
            town = P.THE_TOWN.match(text, pos)
            if town:
                pos = town.end()
            elif not _name_follows(text, pos, stops):
                return None
    else:
        pos = _nationalities(post, text, pos)
        if kind == "minister":
            post.portfolios, pos = _portfolios(text, pos, plural, stops)
        elif not entry.get("org"):
            pos = _complement(post, text, pos, stops)
        elif P.CHARGED.match(text, pos):  # "le vice-président de la Commission chargé du ..."
            charged, pos = _portfolios(text, pos, False, stops)
            if charged:
                post.complement = normalise_portfolio(charged[0].text)
        pos = _nationalities(post, text, pos)
        pos = _country_complement(post, text, pos)
    needs = entry.get("needs")
    has_complement = bool(post.portfolios or post.complement or post.city)
    qualified = has_complement or bool(post.country or post.countries)
    if needs == "complement" and not has_complement:
        return None
    if needs == "qualifier" and not qualified:
        return None
    if needs == "name" and not qualified and not _name_follows(text, pos, stops):
        return None
    if post.international:
        post.country, post.countries = None, []
    post.end = pos
    return post
