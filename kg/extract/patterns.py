"""Every regular expression the extractors use, in one place.

Patterns built from word lists (titles, nationalities, cues) are compiled here from
kg/data/ once per process; the fixed grammar of names, portfolios and gaps between a
name and its post is spelt out below. Extractors import what they need from here and
hold no regular expression of their own.
"""
from __future__ import annotations

import re
from functools import cache

from .lexicon import countries, cues, fold, organizations, titles_data

APOS = "['’]"
#: An upper-case initial, accents included.
UPPER = "A-ZÉÈÊËÎÏÔÖÛÜÂÀÇŒ"
LOWER = "a-zéèêëîïôöûüùâàçœ"
#: A capitalised word: "Intérieur", "N-VA", "UE", "Outre-mer", "CD&V".
CAP_WORD = re.compile(rf"[{UPPER}][\w&-]*(?:[’'][{UPPER}][\w-]*)?")
#: A lower-case word.
LOW_WORD = re.compile(rf"[{LOWER}][\w-]*")
#: A lower-case adjective, recognised by its ending ("intérieure", "fédéral", "numérique").
ADJECTIVE = re.compile(
    rf"[{LOWER}][\w-]*(?:ères?|iers?|aires?|oires?|ales?|aux|iques?|ieures?|ieurs?|elles?|ennes?"
    rf"|ées?|aines?|ives?|ifs?|els?|ics?|al|eux|euses?|ains?|ines?|antes?|entes?|istes?|ables?"
    rf"|ibles?|iens?)(?![\w-])")
#: A preposition (with its article) that opens a portfolio or an organisation.
PREPOSITION = re.compile(
    rf" (de la |de l{APOS}|des |du |d{APOS}|de |à la |à l{APOS}|aux |au )")
#: "chargé de la Migration", "en charge des Transports".
CHARGED = re.compile(rf" ((?:chargée?s? |en charge )(?:de la |de l{APOS}|des |du |d{APOS}|de ))")
#: What joins the words of a complement: "Office fédéral de la police",
#: "Conférence de Munich sur la sécurité", "lutte contre le terrorisme".
JOIN = re.compile(
    rf" (?:de la |de l{APOS}|des |du |d{APOS}|de |pour la |pour le |pour les |pour l{APOS}"
    rf"|sur la |sur le |sur les |sur l{APOS}|contre la |contre le |contre les |contre l{APOS}"
    rf"|en |à la |à l{APOS}|aux |au )")
#: What coordinates two parts of one portfolio: "de la Sécurité et de la Justice",
#: "à l'Asile et la Migration".
COORDINATE = re.compile(
    rf"(?:,? et (?:de la |de l{APOS}|des |du |d{APOS}|de |à la |à l{APOS}|aux |au |la |le |les |l{APOS})"
    rf"|, (?:de la |de l{APOS}|des |du |d{APOS}|de |à la |à l{APOS}|aux |au ))")
#: The next item of a list of portfolios: ", de la Justice", " et des Armées".
NEXT_PORTFOLIO = re.compile(
    rf"(?:,| et|, et) ((?:chargée?s? )?(?:de la |de l{APOS}|des |du |d{APOS}|de |à la |à l{APOS}"
    rf"|aux |au ))")
#: A parenthesis right after a portfolio or a name: " (Gérald Darmanin)", " (N-VA)".
PARENTHESIS = re.compile(r" ?\(([^()]{1,80})\)")
#: A list separator between nationalities or names.
LIST_SEPARATOR = re.compile(r"(?:, et |, | et | ainsi que )")
#: "des Belges", "des Pays-Bas": the country complement of a post.
OF = re.compile(rf" (?:de la |de l{APOS}|des |du |d{APOS}|de |en |au |aux )")
#: "du gouvernement fédéral belge", "au sein du gouvernement luxembourgeois".
GOVERNMENT = re.compile(r" (?:du|au sein du|dans le) gouvernement(?: fédéral| régional)?(?= )")
#: "de M. Van Quickenborne", "de Mme Faeser" or "de Koen Geens" after "homologue".
REFERENT = re.compile(
    rf" d(?:e |{APOS})((?:M\.|Mme|Mlle) [{UPPER}][\w’'-]+(?: [{UPPER}][\w’'-]+)*"
    rf"|[{UPPER}][\w’'-]+ [{UPPER}][\w’'-]+(?: [{UPPER}][\w’'-]+)*)")
#: A city after a mayor's title: " de Rotterdam", " d'Anvers".
CITY = re.compile(rf" d(?:e |{APOS})([{UPPER}][\w’'-]+(?:[ -][{UPPER}][\w’'-]+)*)")
#: "de la ville" after a mayor's title: the city the text is about.
THE_TOWN = re.compile(r" de la (?:ville|commune|cité)(?![\w-])")
#: Words a lower-case complement never contains: verbs and function words that end it.
STOP_WORDS = frozenset("""
a ont est sont était étaient avait avaient sera seront fut qui que qu dont lors selon avec dans
par après avant depuis pendant ce cet cette ces son sa ses leur leurs mais ou il elle ils elles
se s ne n y lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai
juin juillet août septembre octobre novembre décembre hier aujourd demain déjà aussi également
encore plus très tout tous toute toutes
""".split())

# -- persons ---------------------------------------------------------------------------

PARTICLES = frozenset({"de", "du", "des", "van", "von", "der", "den", "le", "la", "di", "da",
                       "dos", "del", "della", "ten", "ter", "bin", "ben", "al", "el", "d'",
                       "zu", "mac", "vander", "af", "y", "e", "ibn", "ould", "abou"})
HONORIFIC = re.compile(r"^(M\.|Mme|Mlle|MM\.|Mmes|Monsieur|Madame|Mademoiselle)\s+")
#: Titles of courtesy that are not part of a name: "Son Excellence", "Me", "Don".
COURTESY = re.compile(r"^(?:(?:Son|Sa|Leurs?) (?:Excellence|Majesté|Altesse)(?: (?:le|la) [\w-]+)?"
                      r"|S\.\s?E\.|S\.\s?M\.|Me|Maître|Dr|Pr|Pr\.|Dr\.|Don|Doña|Sir|Lady|Cheikh|Sheikh)\s+")
#: A country after a name, where the NER runs on: "Faure Gnassingbé du Togo".
NAME_COUNTRY_TAIL = re.compile(r"\s+(?:du|de la|de l['’]|des|de|d['’])\s*\S.*$")
#: "M. Van Quickenborne", "Mme de Moor": a person by honorific and surname.
HONORIFIC_MENTION = re.compile(
    rf"(?<![\w])(M\.|Mme|Mlle) ((?:(?:de|van|von|der|den|le|la|di|da|del|della) )*[{UPPER}][\w'’-]+"
    rf"(?: (?:(?:de|van|von|der|den) )?[{UPPER}][\w'’-]+)*)")
#: "MM. Menfi et Dbeibah": several persons by surname.
HONORIFIC_PLURAL = re.compile(rf"(?<![\w])MM\. ([{UPPER}][\w'’-]+) et ([{UPPER}][\w'’-]+)")
_NAME_PART = rf"[{UPPER}][\w'’]+(?:-[{UPPER}]?[\w'’]+)*"
_NAME_PARTICLE = r"(?:de|van|von|der|den|le|la|di|da|del|della|dos|ten|ter|bin|ben|ibn|ould)"
#: A full name: "Nancy Faeser", "Abdel Fattah al-Sissi", "Nicoletta della Valle",
#: "Dilan Yeşilgöz-Zegerius".
NAME = (rf"{_NAME_PART}(?: (?:{_NAME_PARTICLE} )*(?:(?:al|el|ben|bin|ould)-)?{_NAME_PART})+")
#: What the NER leaves off a name: " al-Sissi", " el-Menfi", " VI".
NAME_TAIL = re.compile(rf"(?: (?:al|el|ben|bin|ould|ibn)-[{UPPER}][\w'’-]+| [IVX]{{1,4}}(?![\w]))")
#: "Marine Le Pen (RN)": a name and the label of a party.
#: The next name of a list after a plural post: ", B (MR)", " et C".
NEXT_LISTED_NAME = re.compile(rf"(?:, | et |, et )?({NAME})(?: \([^()]{{1,25}}\))?(?=[ ,.;:])")
#: Places named after a person: "stade Roi Baudouin", "Centre de conférences Mahatma Gandhi".
NAMED_AFTER = re.compile(
    r"(?:\b(?:stade|rue|avenue|boulevard|place|quai|pont|gare|aéroport|lycée|collège|école|université"
    r"|hôpital|musée|salle|parc|fondation|institut|prix|navire|porte-avions|opération)"
    r"|\b[Cc]entre(?: international)?(?: de conférences?| des conférences)?(?: [A-ZÉ][\w-]+)?)(?: [A-ZÉ][\w-]+)?\s+$")
NAME_BEFORE_PARTY = re.compile(rf"({NAME}) \(([^()]{{1,25}})\)")
NAME_BEFORE_POST = re.compile(rf"({NAME}), (?:l{APOS}|le |la )?$")
NAME_AFTER_POST = re.compile(rf",? ({NAME})(?=[ ,.;:)])")
#: A royal's name: "Philippe", "Mohammed VI", "Felipe VI", "Willem-Alexander".
ROYAL_NAME = re.compile(rf",? (?:Don |Doña |Dom )?({_NAME_PART}(?: [IVX]+\b)?)(?=[ ,.;:)])")
#: "Faure Gnassingbé du Togo": the country of a person's post, right after the name.
OF_COUNTRY_AFTER_NAME = re.compile(r"^ (?:du |de la |de l['’]|des |de |d['’])")
ROMAN = re.compile(r"^[IVX]+$")
#: Words that end a name: "Lancaster House" is a building, "X Group" a company.
NOT_NAME_HEADS = frozenset({"house", "palace", "hall", "street", "square", "tower", "group",
                            "groupe", "holding", "corporation", "company", "airlines", "bank",
                            "center", "centre", "institute", "foundation", "university"})

# -- tying posts to persons ---------------------------------------------------------------

#: Between a name and the post after it: ", ministre", " (N-VA), ministre".
GAP_NAME_POST = re.compile(
    rf"^\s*(?:\([^()]{{0,40}}\))?\s*,\s*(?:l{APOS}|le |la |un |une |son |sa |ses |leur )?"
    rf"(?:actuel(?:le)? |également |aussi |désormais |nouveau |nouvelle |nouvel |alors |ancien |ancienne "
    rf"|ex-|futur |future )?$")
#: Between a post and the name after it: ", ", " ", ", M. ".
GAP_POST_NAME = re.compile(r"^\s*(?:,\s*)?(?:(?:M\.|Mme|Mlle)\s+)?$")
#: "X, ministre de ..." also "X (ministre de ...)".
GAP_NAME_PAREN_POST = re.compile(r"^\s*\(\s*$")
#: Two posts of one person: "vice-Premier ministre et ministre de l'Intérieur".
GAP_POST_AND_POST = re.compile(
    r"^\s*(?:,\s*)?(?:et\s+|,\s*)?(?:(?:devenue?s?|désormais|puis)\s+(?:depuis\s+)?)?(?:(?:le|la|l['’])\s*)?$")
#: A list of names: ", ", " et ", ", et ", " ainsi que ".
GAP_LIST = re.compile(r"^(?:\s*,\s*|\s+et\s+|\s*,\s*et\s+|\s*,?\s*ainsi que\s+)$")
#: "X est ministre de ...", "X, nommé ministre ...", "Ce dernier a été nommé ...".
COPULA = re.compile(
    rf"^\s*,?\s*(?:qui\s+)?(?:est|était|a été|avait été|sera|devient|est devenue?|,? ?nommée?|,? ?promue?"
    rf"|,? ?désignée?|a été nommée?|a été désignée?|vient d['’]être nommée?)\s+"
    rf"(?:l{APOS}|le |la |un |une |au poste de |nouveau |nouvelle )?$")
#: "le gouvernement belge", "au sein du gouvernement luxembourgeois".
GOVERNMENT_OF = re.compile(r"\bgouvernement (?:fédéral |régional )?(\w+)")
#: Between two persons named together as one delegation.
COMPANION = re.compile(r"aux côtés d|accompagnée? d|entourée? d|(?:avec|et|ainsi que) (?:son|sa|ses|leurs?) "
                       r"(?!homologue|collègue|partenaire)")
#: A nationality right before a name: "nigérien Mahamadou Issoufou", "le Libyen X".
NATIONALITY_BEFORE_NAME = re.compile(rf"(?:^|[\s,'’])([{UPPER}{LOWER}][{LOWER}-]+) $")
#: A nationality noun (or a noun and a nationality) between a post and a name: "le
#: directeur d'Europol, le Britannique Rob Wainwright", "le diplomate allemand X".
NATIONAL_BETWEEN = re.compile(rf"^\s*,?\s*(?:le |la |l['’])(?:[{LOWER}]+ )?([{UPPER}{LOWER}][{LOWER}-]+)\s+$")
#: Courtesy between a title and a name: "le Roi Don Felipe VI", "le Président, Monsieur X".
COURTESY_GAP = re.compile(r"\s*,?\s*(?:M\.|Mme|Mlle|Monsieur|Madame|Don|Doña|Sa Majesté|Son Excellence)\s*")
#: "ses homologues du Rwanda Paul Kagamé": a country between a post and a name.
OF_COUNTRY_GAP = re.compile(r"\s+(?:du|de la|de l['’]|des|de|d['’])\s*(.+?)\s+")
LIST_OF_COUNTRY_GAP = re.compile(r"\s*,?\s*(?:et\s+)?(?:du|de la|de l['’]|des|de|d['’])\s*(.+?)\s+")
LIST_NATIONALITY_GAP = re.compile(rf"\s*,?\s*(?:et\s+)?(?:(?:le |la |l['’]))?([{UPPER}{LOWER}][{LOWER}-]+)\s+")
COUNTRY_BEFORE_NAME = re.compile(r".*(?:\bdu|\bde la|\bde l['’]|\bdes|\bde|\bd['’])\s*([^\s,].*?)\s+$")
#: A sentence opened by a participial clause of companions: "Accompagnée de ses ministres, ...".
ACCOMPANIED = re.compile(r"\s*(?:Accompagnée?s?|Entourée?s?|Flanquée?s?) d")
#: A verb right after a subject's name: "Meloni a assisté", "X s'est rendu".
VERB_AFTER = re.compile(r"(?:\s*\([^()]{0,40}\))?,?\s+"
                        r"(?:a|ont|est|sont|était|avait|avaient|s['’]est|se|sera|va|doit|a-t-il|a-t-elle)\b")
#: "Il était accompagné de ...": companions of the previous sentence's subject.
PRONOUN_ACCOMPANIED = re.compile(r"\s*(?:Il|Elle)\s+(?:était|est|a été|avait été|sera)\s+"
                                 r"(?:accompagnée?|entourée?|flanquée?) d")
#: A rank or a form of address between a post and a name: ", le général X", "le cheikh X".
RANK_GAP = re.compile(r"\s*,?\s*(?:le |la |l['’])?(?:général|générale|colonel|capitaine|maréchal|commandant|"
                      r"lieutenant-colonel|amiral|cheikh|prince|princesse|docteur|professeur|juge|"
                      r"diplomate|magistrat|magistrate|ambassadeur|ancien banquier|économiste)\s+")
#: A photo credit or a byline before a name: "(Photo: X)", "© X", "Par X" on its own line.
CREDIT_BEFORE = re.compile(r"(?:[Pp]hotos?\s*:\s*|©\s*|[Cc]rédits?(?: photo)?\s*:\s*|(?:^|\n)\s*Par\s+)$")
#: The addressee of a letter or a call: "la lettre de X à Y".
RECIPIENT_BEFORE = re.compile(r"(?:lettre|courrier|message|appel|missive|demande|réponse|reponse)s? "
                              r"(?:de|du|d') [^,.;]{1,60} (?:a|à) $")
#: What opens the list of the people a plural post counts: ", dont", "parmi lesquels", ":".
MEMBERS_INTRO = re.compile(r"(?:,\s*dont|,?\s*parmi lesquel(?:le)?s|,?\s*notamment|\s*:)\s+")
#: Between the names of such a list: "le Libyen ", ", l'Ethiopien ", " et le Maltais ".
MEMBER_GAP = re.compile(rf"\s*(?:,|,?\s*et)?\s*(?:(?:le|la|l['’])\s*)?(?:[{UPPER}][{LOWER}-]+\s+)?"
                        rf"(?:\([^()]{{0,40}}\)\s*)?")
#: A sentence whose subject is a pronoun: "Il a rencontré ...".
PRONOUN_SUBJECT = re.compile(r"\s*(?:Il|Elle|Ils|Elles|Ce dernier|Cette dernière)\b")
#: Adjectives between a title and a name: "le Premier ministre pro-européen Donald Tusk".
TITLE_ADJECTIVES = re.compile(rf"^\s+(?:(?:pro|anti|ex|néo|ultra)-[{LOWER}]+|{ADJECTIVE.pattern})"
                              rf"(?:\s+(?:et\s+)?{ADJECTIVE.pattern})?\s+$")
#: Before a person met somewhere: "avec", "auprès de", "reçu par", "rencontré".
MET_BEFORE = re.compile(r"\b(?:avec|auprès d|par|rencontrée?|reçue?|accueillie?)\b[^.]*$")
APPOINTED = re.compile(r"\bnommée?s?\b[^,.;]{0,30}$")
THIS_LAST = re.compile(r"\s*(?:Ce dernier|Cette dernière)\b")

# -- country evidence ---------------------------------------------------------------------


@cache
def scope_cues() -> tuple[re.Pattern, re.Pattern]:
    """"Côté belge", "Du côté des Pays-Bas", "Pour la Belgique": what opens a block of text
    about one country; and a country that a clause makes its subject by sending or being
    represented ("la Belgique par son ministre", "Londres avait dépêché")."""
    data = cues()
    nat = nationality_words()
    names = country_names()
    sides = "|".join(map(re.escape, data["scope_before"]))
    scope = re.compile(
        rf"(?:^|(?<=[\s(«\"]))(?:{sides}) (?:(?P<nat>{nat})|(?:de la |de l{APOS}|des |du |de |la |le |les |l{APOS})?"
        rf"(?P<name>{names}))(?![\w-])", re.IGNORECASE)
    verbs = "|".join(map(re.escape, data["scope_verbs"]))
    subject = re.compile(
        rf"(?:^|(?<=[,;:] )|(?<= et )|(?<=^\s))(?:[Ll]a |[Ll]e |[Ll]es |[Ll]{APOS})?(?P<name>{names}|{capital_names()})"
        rf"(?:,[^,]{{0,60}},)? (?:{verbs})(?![\w])")
    return scope, subject


@cache
def nationality_words() -> str:
    """A regex alternation of every nationality form."""
    return countries().nationality_re.pattern.replace("(?<![\\w-])", "").replace("(?![\\w])", "")


@cache
def country_names() -> str:
    """A regex alternation of every country name, longest first."""
    return "|".join(re.escape(n) for n in sorted(countries().names, key=len, reverse=True))


@cache
def capital_names() -> str:
    return "|".join(re.escape(n) for n in sorted(countries().capitals, key=len, reverse=True))


@cache
def organization_at() -> re.Pattern:
    """A well-known organisation's name at a position ("Nations unies", "Otan")."""
    names = "|".join(re.escape(n) for n in sorted(organizations(), key=len, reverse=True))
    return re.compile(rf"(?:{names})(?![\w-])")


@cache
def city_names() -> re.Pattern:
    """A known city at a position: "Rotterdam", "Le Caire"."""
    names = "|".join(re.escape(n) for n in sorted(countries().cities, key=len, reverse=True))
    return re.compile(rf"(?:{names})(?![\w-])")


@cache
def country_name_at() -> re.Pattern:
    """A country's name at a position: "Belgique", "Pays-Bas", "Royaume-Uni"."""
    return re.compile(rf"(?:{country_names()})(?![\w-])")


@cache
def nationality_at() -> re.Pattern:
    """A nationality adjective or noun at a position."""
    return re.compile(rf"(?:{nationality_words()})(?![\w-])", re.IGNORECASE)


# -- titles -------------------------------------------------------------------------------


@cache
def title_patterns() -> list[tuple[re.Pattern, dict]]:
    """One pattern per title of kg/data/titles.json, with its entry."""
    found = []
    for entry in titles_data()["titles"]:
        source = entry["pattern"].replace("{nat}", nationality_words())
        first = source[0]
        if first.isalpha() and first.islower():  # capitalised at a sentence start too
            source = f"[{first}{first.upper()}]{source[1:]}"
        found.append((re.compile(rf"(?<![\w-]){source}(?![\w-])", re.IGNORECASE), entry))
    return found


@cache
def counterpart_pattern() -> re.Pattern:
    words = "|".join(map(re.escape, titles_data()["counterparts"]))
    return re.compile(rf"(?<![\w-])(?:{words})(?![\w])", re.IGNORECASE)


@cache
def tense_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """A past post before its title ("l'ancien", "alors"), after it ("de l'époque"), and a
    future one before it ("le futur")."""
    data = titles_data()
    before = "|".join(re.escape(w) for w in data["former_before"])
    after = "|".join(re.escape(w) for w in data["former_after"])
    future = "|".join(re.escape(w) for w in data["future_before"])
    return (re.compile(rf"(?:^|[\s'’(])(?:{before})[\s-]*(?:l['’])?$", re.IGNORECASE),
            re.compile(rf"^,?\s*(?:{after})\b", re.IGNORECASE),
            re.compile(rf"(?:^|[\s'’(])(?:{future})\s*$", re.IGNORECASE))


#: A plural title: "ministres", "Premiers ministres", "chefs de gouvernement".
PLURAL_TITLE = re.compile(
    r"\b(?:ministres|secrétaires|commissaires|chefs|cheffes|présidents|présidentes|bourgmestres"
    r"|maires|homologues|collègues|directeurs|directrices|procureurs|chanceliers|rois|députés"
    r"|ambassadeurs|conseillers|coordinateurs|représentants)\b", re.IGNORECASE)
FEMININE_TITLE = re.compile(r"(?:ère|ière|ente|effe|ée|ale|ne|rice|euse)s?\b")
FEMININE_BEFORE = re.compile(r"(?:^|\s)(?:la|une|sa|cette|de la|à la)\s$")
MASCULINE_BEFORE = re.compile(r"(?:^|\s)(?:le|un|son|ce|du|au)\s$")
POSSESSIVE_BEFORE = re.compile(r"(?:^|\s)(?:ses|son|sa|leurs?)\s$")
#: A determiner before a title: "le ministre X" names the post first, "X, ministre" after.
DETERMINER_BEFORE = re.compile(
    r"(?:^|[\s(])(?:le|la|les|un|une|son|sa|ses|leur|leurs|du|au|aux|des|ce|cet|cette|notre)\s+$"
    r"|(?:^|[\s(])[LlDd]['’]$", re.IGNORECASE)
#: What closes a post in apposition after a name: "X, ministre de l'Intérieur, a dit".
APPOSITION_END = re.compile(r"\s*(?:[,;:)»]|\.|$|\(| et | ainsi que )")


@cache
def title_countries() -> dict[str, list[str]]:
    return titles_data()["title_countries"]


@cache
def post_group(title: str) -> str | None:
    """The group of a title that names the same post as others ("head of state")."""
    for group, titles in titles_data()["post_groups"].items():
        if title in titles:
            return group
    return None


@cache
def prime_minister_countries() -> frozenset[str]:
    return frozenset(titles_data()["prime_minister_countries"])


@cache
def no_president_of_republic() -> frozenset[str]:
    return frozenset(titles_data()["no_president_of_republic"])


@cache
def portfolio_heads() -> frozenset[str]:
    """Nouns that head a portfolio written in lower case ("de l'intérieur")."""
    return frozenset(fold(w) for w in titles_data()["portfolio_heads"])


@cache
def portfolio_words() -> dict[str, str]:
    """"Intérieur" -> "de l'Intérieur": a portfolio named alone ("X (Intérieur)")."""
    return {fold(k): v for k, v in titles_data()["portfolio_words"].items()}


# -- dates --------------------------------------------------------------------------------


@cache
def date_pattern() -> re.Pattern:
    months = "|".join(cues()["months"])
    days = "|".join(cues()["weekdays"])
    return re.compile(
        rf"(?<!\w)(?:(?P<wd>{days})\s+)?(?:(?:le\s+)?(?P<day>1er|\d{{1,2}})\s+)?(?P<month>{months})"
        rf"(?:\s+(?P<year>1[89]\d\d|20\d\d))?(?!\w)|(?<!\w)en\s+(?P<yonly>1[89]\d\d|20\d\d)\b"
        rf"|\b(?P<wdalone>{days})\b", re.IGNORECASE)


@cache
def relative_days() -> list[tuple[re.Pattern, int]]:
    return [(re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)", re.IGNORECASE), days)
            for phrase, days in cues()["relative_days"].items()]


PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
#: A sentence about another time than the meeting's: "L'an dernier, ...", "Fin novembre, ...".
OTHER_TIME_HEAD = re.compile(r"^\s*(?:L['’]an dernier|L['’]année dernière|L['’]été dernier|Fin \w+|Début \w+"
                             r"|Mi-\w+|En \d{4})")
OTHER_TIME = re.compile(r"\b(?:cette semaine|la semaine dernière|la semaine passée|le mois dernier"
                        r"|l['’]an dernier|l['’]année dernière|l['’]été dernier|ces derniers jours|récemment)\b")


@cache
def dateline() -> re.Pattern:
    """An agency dispatch's opening: "PARIS (AFP) -"."""
    agencies = "|".join(map(re.escape, cues()["datelines"]))
    return re.compile(rf"(?:^|\n)\s*([A-ZÉÈ][A-ZÉÈ' -]{{2,}}?)\s*\((?:{agencies})\)\s*[-–—]")


@cache
def special_envoy() -> re.Pattern:
    """"De notre envoyé spécial à Munich"."""
    envoy = "|".join(map(re.escape, cues()["envoy"]))
    return re.compile(rf"(?:{envoy})[^.\n]{{0,20}}? à ([A-ZÉÈ][\w-]+(?: [A-ZÉÈ][\w-]+)?)")

# -- meetings and places --------------------------------------------------------------------




@cache
def venue_patterns() -> tuple[re.Pattern, re.Pattern, list[tuple[re.Pattern, str]]]:
    """A venue word; "le palais d'Egmont" (its name follows); "ce château bruxellois",
    per city."""
    venues = "|".join(sorted(map(re.escape, cues()["venues"]), key=len, reverse=True))
    venue = re.compile(rf"\b(?:{venues}) ", re.IGNORECASE)
    named = re.compile(rf"(?:{venues}) (?:royale? )?(?:\w+ )?d(?:e |['’]|u |es )(.+)$", re.IGNORECASE)
    adjectives = [(re.compile(rf"\b(?:{venues}) {adj}\b", re.IGNORECASE), city)
                  for adj, city in cues()["city_adjectives"].items()]
    return venue, named, adjectives


@cache
def known_venues() -> re.Pattern:
    """Well-known venues by name ("Val Duchesse", "palais d'Egmont"), see cues.json."""
    names = "|".join(sorted(map(re.escape, cues()["known_venues"]), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{names})(?![\w-])", re.IGNORECASE)


CAPITAL_OF = re.compile(r"\bcapitale (\w+)")
#: A venue and its name: "au château de Senningen", "au palais d'Egmont".
NAMED_VENUE = re.compile(
    r"\b(?:château|palais|abbaye|domaine|manoir|villa|fort|citadelle|résidence) (?:royale? )?"
    r"d(?:e |['’]|u |es )((?:[A-ZÉÈ][\w’'-]+)(?:[ -](?:[A-ZÉÈ][\w’'-]+|de|du|des|sur|la))*[A-ZÉÈ]?[\w’'-]*)")
LEADING_ARTICLE = re.compile(r"^(?:la |le |les |l['’])", re.IGNORECASE)
CLEAN_NAME = re.compile(r"^(?:la |le |les |l['’]|de |du |des )")
COMPOUND_NATIONALITY = re.compile(r"(?<![\w-])((?:[a-zéèê]+o-)+)([a-zéèê]+)(?![\w-])", re.IGNORECASE)


# -- attendance ---------------------------------------------------------------------------


@cache
def cue_phrases(name: str) -> re.Pattern:
    """Any phrase of a cue list (folded) as whole words; matched against folded text."""
    words = sorted({fold(w) for w in cues()[name]}, key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, words))})(?![\w-])")


@cache
def meeting_forms() -> re.Pattern:
    """Word starts of meeting words, on folded text ("reuni" for réunis, réunie)."""
    stems = sorted({fold(w) for w in cues()["meeting_forms"]}, key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, stems))})")


@cache
def weak_meeting_forms() -> frozenset[str]:
    return frozenset(fold(w) for w in cues()["weak_meeting_forms"])


@cache
def absent_before() -> re.Pattern:
    """An absence or topic word right before a name (its post left out), on folded text."""
    words = sorted({fold(w) for w in cues()["absent_before"]}, key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, words))})\s*(?:(?:le|la|les|l'|son|sa|ses) )?$")


#: The whole word at a position.
WORD_AT = re.compile(r"[\w'-]*")
#: A name as the complement of a noun or a participle: "la lettre de", "ordonnée par le".
AGENT_BEFORE = re.compile(r"(?<![\w-])(?:par|de|du|des|d')\s*(?:(?:le|la|les|l'|son|sa|ses|leur) )?$")
#: "selon X", "d'après le ministre X" (folded).
QUOTED_BEFORE = re.compile(r"(?<![\w-])(?:selon|d'apres)\s*(?:(?:le|la|les|l'|son|sa|ses) )?$")
#: Between a post and the name it introduces.
POST_TO_NAME = re.compile(r"[\s,]*(?:(?:M\.|Mme)\s*)?")
#: A name coordinated with the one before: "A, investi le 23 mai, et B" (folded).
COORDINATED_NAME = re.compile(r"(?:^|[\s,])et\s+(?:(?:le|la|l'|son|sa)\s+[^,]{0,60},\s*)?$")
CLAUSE_BREAK = re.compile(r"[,;:(]")
#: The end of a past participle (folded): "ordonnee", "menees", "reçu".
PARTICIPLE_END = re.compile(r"(?:ee|ees|e|es|i|ie|is|ies|u|ue|us|ues)$")

# -- the gaps between posts and names ------------------------------------------------------

#: A short parenthesis: a party label "(N-VA)", an acronym.
PAREN_ASIDE = re.compile(r"\s*\([^()]{0,40}\)")
#: "côté belge" closing a list of names.
TRAILING_SIDE = re.compile(r"\s+côté\s+\w+\s*")
GAP_COMMA = re.compile(r"\s*[,:]\s*")
GAP_PAREN = re.compile(r"\s*\(\s*")
#: Between a post and the next person's name: ", et ", " ainsi que de ".
GAP_POST_AND_NAME = re.compile(r"\s*,?\s*(?:et|ainsi que)\s+(?:(?:de|d['’])\s*)?")
#: Between a name and the next person's post: " et son ", ", avec le ".
GAP_NAME_AND_POST = re.compile(r"\s*,?\s*(?:et|ainsi que|avec)\s+(?:(?:son|sa|ses|leur|leurs|le|la|les|l['’])\s*)?")
#: Between two persons' posts.
GAP_POSTS_AND = re.compile(r"\s*,?\s*(?:et|ainsi que)?\s*")

@cache
def trailing_scope() -> re.Pattern:
    """A names list closed by its country: "A et B côté belge"."""
    return re.compile(rf"(?<=\w) côté (?P<nat>{nationality_words()})(?![\w-])", re.IGNORECASE)


@cache
def gapped_subject() -> re.Pattern:
    """A country subject whose verb is left out: "..., et Berne la directrice ..."."""
    return re.compile(
        rf"(?:(?<=, )|(?<= et ))(?:[Ll]a |[Ll]e |[Ll]es |[Ll]['’])?(?P<name>{country_names()}|{capital_names()})"
        rf" (?:la |le |les |l['’]|son |sa |ses |un |une )")


def whole_word(words: str) -> re.Pattern:
    """`words` as written, as whole words."""
    return re.compile(rf"(?<![\w-]){re.escape(words)}(?![\w-])")
#: "du Togo" at the head of a NER tail.
LEADING_OF = re.compile(r"^\s*(?:du|de la|de l['’]|des|de|d['’])\s*")
#: The rest of a hyphenated surname the NER cut: "-Addo".
HYPHEN_TAIL = re.compile(r"-[A-ZÉÈ][\w'’]+")
