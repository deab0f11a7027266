"""Posts named in sentences: the post grammar on plain text (no model involved)."""
from __future__ import annotations

import pytest

from kg.extract.roles import find_posts


def posts(text: str) -> list[tuple[str, str | None, bool]]:
    return [(p.label(), p.country or (tuple(p.countries) or None), p.former)
            for p in find_posts(text) if not p.counterpart]


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
    ("le président russe Vladimir Poutine", [("président", "RU", False)]),
    ("le bourgmestre d'Anvers", [("bourgmestre d'Anvers", "BE", False)]),
    ("alors ministre de la Défense", [("ministre de la Défense", None, True)]),
    ("l'ancien Premier ministre", [("Premier ministre", None, True)]),
    ("les ministres des Affaires étrangères de l'époque, Roland Dumas",
     [("ministre des Affaires étrangères", None, True)]),
    ("Il a évoqué la situation.", []),
    # the country after the post (4)
    ("la ministre de l'Intérieur de Belgique, Annelies Verlinden",
     [("ministre de l'Intérieur", "BE", False)]),
    ("le ministre de la Sécurité et de la Justice des Pays-Bas, Ard van der Steur",
     [("ministre de la Sécurité et de la Justice", "NL", False)]),
    ("Jan Jambon, ministre de l'Intérieur du Royaume de Belgique",
     [("ministre de l'Intérieur", "BE", False)]),
    # nationalities beyond Western Europe, all genders; feminine titles (5)
    ("le président burkinabé Ibrahim Traoré", [("président", "BF", False)]),
    ("la ministre malienne des Affaires étrangères", [("ministre des Affaires étrangères", "ML", False)]),
    ("le président nigérien Mohamed Bazoum", [("président", "NE", False)]),
    ("le président mauritanien", [("président", "MR", False)]),
    ("le président tchadien", [("président", "TD", False)]),
    ("la Première ministre néo-zélandaise Jacinda Ardern", [("Premier ministre", "NZ", False)]),
    ("la Première ministre norvégienne", [("Premier ministre", "NO", False)]),
    ("le roi jordanien Abdallah II", [("roi", "JO", False)]),
    ("la chancelière allemande Angela Merkel", [("chancelier", "DE", False)]),
    # international posts and royals (6)
    ("la commissaire européenne chargée des Affaires intérieures, Ylva Johansson",
     [("commissaire européen chargé des Affaires intérieures", None, False)]),
    ("la Haute représentante de l'UE pour les affaires étrangères et la politique de sécurité",
     [("Haut représentant pour les affaires étrangères et la politique de sécurité", None, False)]),
    ("le secrétaire général de l'Otan, Jens Stoltenberg", [("secrétaire général de l'Otan", None, False)]),
    ("le Haut-Commissaire des Nations unies pour les réfugiés, Filippo Grandi",
     [("Haut-Commissaire des Nations unies pour les réfugiés", None, False)]),
    ("le porte-parole du Kremlin, Dmitri Peskov", [("porte-parole du Kremlin", "RU", False)]),
    ("le roi des Belges, Philippe", [("roi", "BE", False)]),
    # officials with an organisation, a city or a country
    ("la directrice de l'Office fédéral de la police, Nicoletta della Valle",
     [("directrice de l'Office fédéral de la police", None, False)]),
    ("le procureur de Paris, François Molins", [("procureur de Paris", "FR", False)]),
    ("le bourgmestre de Rotterdam, Ahmed Aboutaleb", [("bourgmestre de Rotterdam", "NL", False)]),
    ("le conseiller fédéral Beat Jans", [("conseiller fédéral", "CH", False)]),
    # portfolios some newspapers write in lower case
    ("le ministre turc de l'intérieur Süleyman Soylu", [("ministre de l'intérieur", "TR", False)]),
    # a future post is no post yet
    ("le futur chancelier Olaf Scholz", []),
])
def test_posts_in_sentences(text, expected):
    assert posts(text) == expected


def test_a_plural_post_keeps_each_portfolio_and_its_parenthesis():
    text = ("avec ses ministres de l'Intérieur (Gérald Darmanin), de la Justice (Eric Dupond-Moretti)"
            " et des Affaires européennes (le secrétaire d'État Clément Beaune)")
    [post] = find_posts(text)
    assert post.plural and post.possessive
    assert [p.text for p in post.portfolios] == ["de l'Intérieur", "de la Justice",
                                                 "des Affaires européennes"]
    assert [text[slice(*p.paren)] for p in post.portfolios] == [
        "Gérald Darmanin", "Eric Dupond-Moretti", "le secrétaire d'État Clément Beaune"]


def test_a_plural_post_splits_coordinated_portfolios_and_nationalities():
    [post] = find_posts("leurs ministres de l'Intérieur et de la Justice, Jan Jambon et Koen Geens")
    assert [p.text for p in post.portfolios] == ["de l'Intérieur", "de la Justice"]
    [post] = find_posts("les présidents tunisien, mauritanien et chypriote, Kaïs Saïed")
    assert post.countries == ["TN", "MR", "CY"]


def test_a_singular_post_keeps_one_portfolio_however_long():
    [post] = find_posts("le commissaire européen chargé des Migrations, des Affaires intérieures et "
                        "de la Citoyenneté, Dimitris Avramopoulos")
    assert post.label() == ("commissaire européen chargé des Migrations, des Affaires intérieures et "
                            "de la Citoyenneté")
    assert (post.org, post.international) == ("Commission européenne", True)


def test_counterpart_with_nationality_and_referent():
    text = "Dilan Yeşilgöz-Zegerius, homologue néerlandaise de M. Van Quickenborne à la Justice"
    [post] = find_posts(text)
    assert post.counterpart == "homologue"
    assert post.country == "NL"
    assert text[slice(*post.referent)] == "M. Van Quickenborne"
    assert [p.text for p in post.portfolios] == ["à la Justice"]


def test_posts_of_international_bodies_name_the_body_and_have_no_country():
    [post] = find_posts("le premier vice-président de la Commission européenne, Frans Timmermans")
    assert (post.org, post.country) == ("Commission européenne", None)
    [post] = find_posts("le secrétaire général adjoint du Benelux, Alain de Muyser")
    assert (post.org, post.international) == ("Benelux", True)


def test_a_party_post_takes_the_party_country():
    [post] = find_posts("le président de la N-VA, Bart De Wever")
    assert (post.org, post.country, post.party) == ("N-VA", "BE", True)


def test_determiner_and_gender_are_read_from_the_words_before():
    [post] = find_posts("la chancelière Angela Merkel")
    assert (post.title, post.gender, post.determiner) == ("chancelier", "f", True)
    [post] = find_posts("Angela Merkel, chancelière")
    assert not post.determiner


def test_a_title_that_needs_a_complement_is_no_post_alone():
    assert find_posts("le directeur a parlé") == []
    assert find_posts("le président de la Confédération des Etats du Sahel")[0].country is None
