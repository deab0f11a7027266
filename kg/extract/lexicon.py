"""General-knowledge word lists, loaded once from kg/data/ and pycountry."""
from __future__ import annotations

import gettext
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

import pycountry


def load_data(name: str) -> dict:
    """One JSON data file shipped in kg/data/, without its "_comment" keys."""
    data = json.loads((files("kg") / "data" / name).read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def fold(text: str) -> str:
    """Lower case without accents; apostrophes unified."""
    if text.isascii():  # nothing to decompose or unify: the common case, kept fast
        return text.casefold()
    if len(text) <= 40:  # a word or a name: they recur, remember them
        return _fold_word(text)
    return _fold(text)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


_fold_word = lru_cache(maxsize=1 << 14)(_fold)


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: "Alexander De Croo" -> "alexander-de-croo"."""
    return "-".join(re.findall(r"[a-z0-9]+", fold(text)))


def _plurals(form: str) -> list[str]:
    if form.endswith(("s", "x")):
        return [form]
    if form.endswith("al"):
        return [form, form[:-2] + "aux"]
    return [form, form + "s"]


@dataclass(frozen=True)
class Countries:
    """Country names, nationality words and capitals, all mapped to ISO alpha-2 codes."""

    names: dict[str, str]            # "Belgique" -> "BE" (as written, several forms)
    labels: dict[str, str]           # "BE" -> "Belgique" (canonical French label)
    nationalities: dict[str, str]    # folded adjective/noun form -> code ("belges" -> "BE")
    prefixes: dict[str, str]         # "franco" -> "FR"
    capitals: dict[str, str]         # "Bruxelles" -> "BE"
    cities: dict[str, str]           # "Rotterdam" -> "NL" (capitals included)
    name_re: re.Pattern
    nationality_re: re.Pattern

    def nationality(self, word: str) -> str | None:
        return self.nationalities.get(fold(word))

    def capital(self, code: str) -> str | None:
        """The capital of a country ("BE" -> "Bruxelles"), if the data knows it."""
        return next((city for city, c in self.capitals.items() if c == code), None)


@cache
def countries() -> Countries:
    data = load_data("countries.json")
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    names: dict[str, str] = {}
    labels: dict[str, str] = {}
    territories = set(data["not_states"])
    for country in pycountry.countries:
        name = french.gettext(country.name)
        if "," not in name and "(" not in name and country.alpha_2 not in territories:
            names[name] = country.alpha_2
            labels[country.alpha_2] = name
    for name, code in data["names"].items():
        names[name] = code
        labels.setdefault(code, name)
    for name, code in list(names.items()):  # "Benin", "Cote d'Ivoire": accents dropped
        bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
        names.setdefault(bare, code)
    nationalities: dict[str, str] = {}
    for forms, code in load_data("nationalities.json").items():
        for form in forms.split("|"):
            for plural in _plurals(form):
                nationalities[fold(plural)] = code
                nationalities[fold(plural.capitalize())] = code
    # Longest names first so "Corée du Sud" wins over "Corée".
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    name_re = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
    nat_forms = sorted({f for forms in load_data("nationalities.json") for form in forms.split("|")
                        for f in _plurals(form)}, key=len, reverse=True)
    nat_alt = "|".join(re.escape(f) for f in nat_forms)
    nationality_re = re.compile(rf"(?<![\w-])(?:{nat_alt})(?![\w])", re.IGNORECASE)
    return Countries(names, labels, nationalities, {fold(k): v for k, v in data["prefixes"].items()},
                     data["capitals"], {**data["cities"], **data["capitals"]}, name_re,
                     nationality_re)




@cache
def titles_data() -> dict:
    """Titles of posts, periphrases and the words around them (kg/data/titles.json)."""
    return load_data("titles.json")


@cache
def organizations() -> dict[str, str]:
    """Well-known organisations: surface form -> canonical name."""
    return load_data("organizations.json")["organizations"]


@cache
def international_bodies() -> frozenset[str]:
    """Canonical names of international bodies, whose posts have no country."""
    return frozenset(load_data("organizations.json")["international"])


@cache
def party_countries() -> dict[str, str]:
    """Political parties by the label news gives in parentheses ("N-VA") -> country code."""
    return load_data("organizations.json")["parties"]


@cache
def cues() -> dict[str, Any]:
    """Word lists that steer meeting and attendance rules."""
    return load_data("cues.json")
