"""Finding mentions of posts in text: "le Premier ministre belge", "ses ministres de
l'Intérieur (X), de la Justice (Y)", "la garde des Sceaux", "son homologue français".

Works on plain text with character offsets, so the rules are testable on a sentence
string; the patterns come from kg/data/roles.json and the nationality table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from .lexicon import countries, fold, nationality_pattern, roles_data, slug
from .scan import Scanners

_APOS = "['’]"
PREP = rf"(?:de la |de l{_APOS}|des |du |d{_APOS}|à la |à l{_APOS}|aux |au |de )"
CHARGE = rf"(?:chargée?s? |en charge )(?:de la |de l{_APOS}|des |du |d{_APOS}|de )"
HEAD = r"(?!M\.|Mme\b|Mlle\b)[A-ZÉÈÊÎÔ][\w’'-]+"
ADJ = (r"[a-zéèêîôûç][\w-]*(?:ères?|aires?|ales?|aux|iques?|ieures?|ieurs?|elles?|ennes?"
       r"|ées?|aines?|ives?|ifs?|els?|ics?)(?![\w-])")
ITEM = rf"{HEAD}(?: {ADJ})?"

_FEMININE_TITLE = re.compile(r"(?:ère|ière|ente|effe|ée|ale|ne)s?\b")


@dataclass(frozen=True)
class Portfolio:
    """One ministerial portfolio as written ("de l'Intérieur"), with an optional
    parenthesis that follows it ("(Gérald Darmanin)")."""

    start: int
    end: int
    text: str
    paren: tuple[int, int] | None = None


@dataclass
class RoleMention:
    """A post named in a sentence, before it is tied to a person."""

    start: int
    end: int
    title: str                      # canonical title: "ministre", "Premier ministre", ...
    kind: str                       # head | org | periphrasis | minister | mayor | counterpart
    portfolios: list[Portfolio] = field(default_factory=list)
    country: str | None = None
    country_fixed: bool = False     # the text (not a guess) gives the country
    org: str | None = None
    plural: bool = False
    former: bool = False
    possessive: bool = False        # "ses ministres", "son secrétaire d'Etat"
    gender: str | None = None       # "m" / "f" from the determiner or the title's form
    city: str | None = None         # for mayors
    counterpart: str | None = None  # "homologue" or "collègue"
    referent: tuple[int, int] | None = None  # "de M. X" after a counterpart
    default_country: str | None = None   # "chancelier": Germany unless the text says
    countries: list[str] = field(default_factory=list)  # "belge et néerlandais": one per name
    post: str | None = None         # "head-of-government" for every wording of that post

    def label(self, portfolio: Portfolio | None = None) -> str:
        """The post's canonical label, for one of the mention's portfolios."""
        p = portfolio or (self.portfolios[0] if len(self.portfolios) == 1 else None)
        return post_label(self.title, p, self.city)


def post_label(title: str, portfolio: Portfolio | None = None, city: str | None = None) -> str:
    """"ministre" + "de l'Intérieur" -> "ministre de l'Intérieur"; mayors name their city."""
    if city:
        prep = "d'" if fold(city[0]) in "aeiouyh" else "de "
        return f"{title} {prep}{city}"
    if portfolio is None:
        return title
    return f"{title} {normalise_portfolio(portfolio.text)}"


def post_key(label: str) -> str:
    """Gender- and preposition-free slug of a post ("ministre-interieur")."""
    return "-".join(w for w in slug(label).split("-") if w not in _KEY_STOP)


_KEY_STOP = {"de", "la", "l", "d", "des", "du", "a", "au", "aux", "et", "le", "les", "charge"}


def normalise_portfolio(text: str) -> str:
    """"chargée des Douanes" -> "chargé des Douanes"; apostrophes unified."""
    text = text.replace("’", "'")
    return re.sub(r"^chargée?s?", "chargé", text)


def ministry_label(portfolio: Portfolio) -> str:
    """"à l'Asile et à la Migration" -> "ministère de l'Asile et de la Migration"."""
    text = normalise_portfolio(portfolio.text)
    text = re.sub(r"^(?:chargé |en charge )", "", text)
    swaps = ((r"\bà la ", "de la "), (r"\bà l'", "de l'"), (r"\baux ", "des "), (r"\bau ", "du "))
    for pattern, repl in swaps:
        text = re.sub(pattern, repl, text)
    return f"ministère {text}"


def ministry_key(portfolio: Portfolio) -> str:
    return "-".join(w for w in slug(ministry_label(portfolio)).split("-")[1:] if w not in _KEY_STOP)


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern
    title: str
    kind: str
    org: str | None = None
    country: str | None = None
    portfolio: str | None = None
    default_country: str | None = None
    post: str | None = None


@cache
def _patterns() -> list[_Pattern]:
    data = roles_data()
    nat = nationality_pattern()
    found = []
    for kind, key in (("org", "org_posts"), ("periphrasis", "periphrases"), ("head", "heads"),
                      ("minister", "ministers"), ("mayor", "mayors")):
        for entry in data[key]:
            source = entry["pattern"].replace("{nat}", nat)
            # Capitalised at a sentence start too: "Premier ministre", "Le ministre".
            first = source[0]
            if first.isalpha() and first.islower():
                source = f"[{first}{first.upper()}]{source[1:]}"
            regex = re.compile(rf"(?<![\w-]){source}(?![\w])", re.IGNORECASE)
            found.append(_Pattern(regex, entry["label"], kind, entry.get("org"),
                                  entry.get("country"), entry.get("portfolio"),
                                  entry.get("default_country"), entry.get("post")))
    counterparts = "|".join(map(re.escape, data["counterparts"]))
    found.append(_Pattern(re.compile(rf"(?<![\w-])(?:{counterparts})(?![\w])"), "", "counterpart"))
    # The leader of a party or a national body: "président de la N-VA".
    found.append(_Pattern(re.compile(
        rf"(?<![\w-])[Pp]résidente? (?:du |de la |de l{_APOS}|des )"
        rf"(?P<org>(?!République|Commission|Conseil\b|Parlement européen)"
        r"[A-Z][\w&'’-]*(?: (?:[A-Z][\w&'’-]*|de|du|des|pour))*)(?![\w])"), "président", "party"))
    return found


@cache
def _scanners() -> Scanners:
    return Scanners([p.regex for p in _patterns()])


@cache
def _former() -> tuple[re.Pattern, re.Pattern]:
    data = roles_data()
    before = "|".join(re.escape(w) for w in data["former_before"])
    after = "|".join(re.escape(w) for w in data["former_after"])
    return (re.compile(rf"(?:^|[\s'’(])(?:{before})[\s-]*(?:l['’])?$", re.IGNORECASE),
            re.compile(rf"^,?\s*(?:{after})\b", re.IGNORECASE))


_REFERENT = re.compile(rf" d(?:e |{_APOS})((?:M\.|Mme|Mlle) {HEAD}(?: {HEAD})*|{HEAD} {HEAD}(?: {HEAD})*)")


def _take_nationalities(mention: "RoleMention", text: str, pos: int) -> int:
    """Read "belge" (or, for a plural post, "belge et néerlandais") after `pos` into the
    mention's country or countries; return the new position."""
    if mention.country_fixed:
        return pos
    nat = _nationality_at(text, pos)
    if not nat:
        return pos
    mention.country, pos = nat
    mention.country_fixed = True
    mention.countries = [mention.country]
    while mention.plural and (sep := re.compile(r",| et|, et").match(text, pos)):
        more = _nationality_at(text, sep.end())
        if not more:
            break
        mention.countries.append(more[0])
        pos = more[1]
    if len(mention.countries) > 1:
        mention.country = None  # one per name, see `countries`
    return pos


def _nationality_at(text: str, pos: int) -> tuple[str, int] | None:
    """A nationality adjective starting right after `pos` (one space): (code, end)."""
    match = countries().nationality_re.match(text, pos + 1) if text[pos:pos + 1] == " " else None
    if match:
        code = countries().nationality(match.group())
        if code:
            return code, match.end()
    return None


def _portfolios(text: str, pos: int, plural: bool) -> tuple[list[Portfolio], int]:
    """Parse "de l'Intérieur et de la Justice" (or a parenthesised list) from `pos`."""
    first = re.compile(rf" ({CHARGE}{ITEM}|{PREP}{ITEM})").match(text, pos)
    if not first:
        return [], pos
    items: list[Portfolio] = []
    start, end = first.start(1), _before_nationality(text, first.start(1), first.end(1))
    cont = re.compile(rf"( et (?:{PREP}|la |le |les |l{_APOS})?{ITEM})")
    nxt = re.compile(rf"(?:,| et|, et) ({PREP}{ITEM})")
    paren = re.compile(r" \(([^()]{1,80})\)")
    while True:
        # A singular post takes the "et" as part of one portfolio:
        # "ministre de l'Europe et des Affaires étrangères".
        while not plural and (m := cont.match(text, end)):
            end = m.end(1)
        p = paren.match(text, end)
        if p:
            items.append(Portfolio(start, end, text[start:end], (p.start(1), p.end(1))))
            end = p.end()
        else:
            items.append(Portfolio(start, end, text[start:end]))
        m = nxt.match(text, end)
        if not m or not (plural or p):
            break
        start, end = m.start(1), m.end(1)
    return items, items[-1].end if not items[-1].paren else end


def _before_nationality(text: str, start: int, end: int) -> int:
    """"de l'Intérieur italienne": the adjective belongs to the post, not the portfolio."""
    last = text.rfind(" ", start, end)
    if last > start and countries().nationality(text[last + 1:end]):
        return last
    return end


def _gender(text: str, start: int, title_text: str) -> str | None:
    before = text[max(0, start - 6):start].lower()
    if re.search(r"(?:^|\s)(?:la|une|sa|cette)\s$", before) or re.search(r"de la\s$", before):
        return "f"
    if re.search(r"(?:^|\s)(?:le|un|son|ce|du|au)\s$", before) or before.endswith("l'") and False:
        return "m"
    first = title_text.split()[0].lower()
    if first in {"première", "chancelière", "cheffe", "présidente", "reine", "locataire"}:
        return "f" if first != "locataire" else None
    if _FEMININE_TITLE.search(title_text.split()[0]) and first not in {"ministre", "secrétaire", "commissaire"}:
        return "f"
    return None


def find_roles(text: str) -> list[RoleMention]:
    """Every post mentioned in `text`, in order, without overlaps (longest match wins)."""
    # An article's text is searched by several extractors: find once, hand out copies.
    return [replace(m, portfolios=list(m.portfolios), countries=list(m.countries))
            for m in _find_roles(text)]


@lru_cache(maxsize=8)
def _find_roles(text: str) -> tuple[RoleMention, ...]:
    raw: list[tuple[int, int, _Pattern, re.Match]] = []
    for pattern, matches in zip(_patterns(), _scanners().finditer(text)):
        for m in matches:
            raw.append((m.start(), m.end(), pattern, m))
    raw.sort(key=lambda r: (r[0], -(r[1] - r[0])))
    mentions: list[RoleMention] = []
    taken_until = -1
    before_re, after_re = _former()
    for start, end, pattern, match in raw:
        if start < taken_until:
            continue
        title_text = match.group()
        plural = bool(re.search(r"\b(?:ministres|secrétaires|commissaires|chefs|présidents|"
                                r"bourgmestres|maires|homologues|collègues)\b", title_text))
        mention = RoleMention(start, end, pattern.title, pattern.kind, org=pattern.org,
                              country=pattern.country, country_fixed=pattern.country is not None,
                              plural=plural, default_country=pattern.default_country,
                              post=pattern.post)
        if pattern.kind == "party":
            mention.org = match.group("org")
            mention.title = re.sub(r"^[Pp]résidente?", "président", title_text)
        mention.gender = _gender(text, start, title_text)
        mention.possessive = bool(re.search(r"(?:^|\s)(?:ses|son|sa|leurs?)\s$",
                                            text[max(0, start - 7):start].lower()))
        if pattern.kind == "counterpart":
            mention.counterpart = fold(title_text).rstrip("s")
        pos = end
        if pattern.kind == "counterpart":
            # "homologue néerlandaise de M. Van Quickenborne à la Justice"
            pos = _take_nationalities(mention, text, pos)
            ref = _REFERENT.match(text, pos)
            if ref:
                mention.referent = (ref.start(1), ref.end(1))
                pos = ref.end()
        if pattern.portfolio:
            mention.portfolios = [Portfolio(start, end, pattern.portfolio)]
        pos = _take_nationalities(mention, text, pos)
        if pattern.kind == "mayor":
            city = re.compile(rf" d(?:e |{_APOS})({HEAD}(?:[ -]{HEAD})*)").match(text, pos)
            if not city:
                continue
            mention.city, pos = city.group(1), city.end()
        elif pattern.kind in ("minister", "counterpart", "head") and not pattern.portfolio \
                and not pattern.post and pattern.title not in (
                    "vice-Premier ministre", "président de la République", "président fédéral"):
            items, pos = _portfolios(text, pos, plural)
            mention.portfolios = items
            pos = _take_nationalities(mention, text, pos)
        if pattern.title == "président" and mention.country:
            mention.title = "président de la République"
        if pattern.kind == "minister" and pattern.title == "commissaire" and not mention.portfolios:
            continue
        mention.former = bool(before_re.search(text[max(0, start - 20):start]))
        after = after_re.match(text[pos:pos + 20])
        if after:  # "les ministres de l'époque, Roland Dumas": the names come after
            mention.former = True
            pos += len(after.group().rstrip(","))
        mention.end = pos
        mentions.append(mention)
        taken_until = pos
    return tuple(mentions)
