"""Post mentions found in sentences (plain text: no model involved)."""
from __future__ import annotations

import pytest

from kg.extract.roles import find_roles


def roles(text: str) -> list[tuple[str, str | None, bool]]:
    return [(r.label(), r.country, r.former) for r in find_roles(text) if not r.counterpart]


@pytest.mark.parametrize("text, expected", [
    ("le Premier ministre belge Alexander De Croo", [("Premier ministre", "BE", False)]),
    ("La Première ministre britannique Theresa May", [("Premier ministre", "GB", False)]),
    ("le vice-Premier ministre luxembourgeois Etienne Schneider",
     [("vice-Premier ministre", "LU", False)]),
    ("le ministre de l'Intérieur, Gérald Darmanin", [("ministre de l'Intérieur", None, False)]),
    ("la ministre britannique de l'Intérieur, Priti Patel", [("ministre de l'Intérieur", "GB", False)]),
    ("la ministre de l'Europe et des Affaires étrangères, Catherine Colonna",
     [("ministre de l'Europe et des Affaires étrangères", None, False)]),
    ("le secrétaire d'État à l'Asile et la Migration, Sammy Mahdi",
     [("secrétaire d'État à l'Asile et la Migration", None, False)]),
    ("la secrétaire d'Etat néerlandaise chargée des Douanes, Aukje de Vries",
     [("secrétaire d'État chargé des Douanes", "NL", False)]),
    ("la garde des Sceaux, Christiane Taubira", [("ministre de la Justice", "FR", False)]),
    ("le locataire de Matignon", [("Premier ministre", "FR", False)]),
    ("la locataire du 10 Downing Street", [("Premier ministre", "GB", False)]),
    ("le patron de la place Beauvau", [("ministre de l'Intérieur", "FR", False)]),
    ("la cheffe de la diplomatie allemande", [("ministre des Affaires étrangères", "DE", False)]),
    ("le président russe Vladimir Poutine", [("président de la République", "RU", False)]),
    ("le bourgmestre d'Anvers", [("bourgmestre d'Anvers", None, False)]),
    ("alors ministre de la Défense", [("ministre de la Défense", None, True)]),
    ("l'ancien Premier ministre", [("Premier ministre", None, True)]),
    ("les ministres des Affaires étrangères de l'époque, Roland Dumas",
     [("ministre des Affaires étrangères", None, True)]),
    ("Il a évoqué la situation.", []),
])
def test_posts_in_sentences(text, expected):
    assert roles(text) == expected


def test_parenthesised_list_keeps_each_portfolio_and_its_name():
    text = ("avec ses ministres de l'Intérieur (Gérald Darmanin), de la Justice (Eric Dupond-Moretti)"
            " et des Affaires européennes (le secrétaire d'État Clément Beaune)")
    [mention] = find_roles(text)
    assert mention.plural and mention.possessive
    assert [p.text for p in mention.portfolios] == ["de l'Intérieur", "de la Justice",
                                                    "des Affaires européennes"]
    assert [text[slice(*p.paren)] for p in mention.portfolios] == [
        "Gérald Darmanin", "Eric Dupond-Moretti", "le secrétaire d'État Clément Beaune"]


def test_plural_post_splits_coordinated_portfolios():
    [mention] = find_roles("leurs ministres de l'Intérieur et de la Justice, Jan Jambon et Koen Geens")
    assert mention.plural
    assert [p.text for p in mention.portfolios] == ["de l'Intérieur", "de la Justice"]


def test_counterpart_with_nationality_and_referent():
    text = "Dilan Yeşilgöz-Zegerius, homologue néerlandaise de M. Van Quickenborne à la Justice"
    [mention] = find_roles(text)
    assert mention.counterpart == "homologue"
    assert mention.country == "NL"
    assert text[slice(*mention.referent)] == "M. Van Quickenborne"
    assert [p.text for p in mention.portfolios] == ["à la Justice"]


def test_posts_of_international_bodies_name_the_body():
    [m] = find_roles("le premier vice-président de la Commission européenne, Frans Timmermans")
    assert (m.org, m.country) == ("Commission européenne", None)
    [m] = find_roles("le secrétaire général de l'Otan")
    assert m.org == "Otan"


def test_feminine_title_gives_gender():
    [m] = find_roles("la chancelière Angela Merkel")
    assert (m.title, m.gender) == ("chancelier", "f")
