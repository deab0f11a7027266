"""Persons and the posts tied to them, on hand-built Docs (names tagged by hand, no model).

One test per kind of construction news uses (issue 13): enumerations, scopes, counterparts,
countries after posts, nationality adjectives, international posts and royals,
non-persons. A post's country must come from evidence in the text, never a default.
"""
from __future__ import annotations

import pytest

from kg.extract.document import sentence_spans, text_of
from kg.extract.linking import link_posts, post_facts
from kg.extract.people import find_persons
from kg.types import Article


def posts(make_doc, text: str, persons: list[str]) -> set[tuple[str, str, str | None, str]]:
    """(person, post, country, predicate) for every post the text ties to a person."""
    doc = make_doc(text, persons=persons)
    table, mentions = find_persons(doc)
    spans = sentence_spans(doc)
    assignments = link_posts(text_of(doc), spans, table, mentions)

    def sentence(pos: int) -> tuple[int, int]:
        return next(((s, e) for s, e in spans if s <= pos < e), (0, 0))

    facts = post_facts(Article("a", text), sentence, table, assignments)
    country = {f.subject: f.object.key for f in facts if f.predicate == "ofCountry"
               and f.subject.kind == "role"}
    return {(f.subject.label, f.object.label, country.get(f.object), f.predicate)
            for f in facts if f.predicate in ("holdsRole", "heldRole")}


def held(*rows) -> set:
    return {(*row, "holdsRole") for row in rows}


@pytest.mark.parametrize("text, persons, expected", [
    # post then name, name then post
    ("Le Premier ministre belge Alexander De Croo a parlé.", ["Alexander De Croo"],
     held(("Alexander De Croo", "Premier ministre", "BE"))),
    ("Jan Jambon, ministre de l'Intérieur, est venu.", ["Jan Jambon"],
     held(("Jan Jambon", "ministre de l'Intérieur", None))),
    # 1. enumerations, name first: each name takes the post right after it
    ("Étaient présents Jan Jambon, ministre de l'Intérieur, Koen Geens, ministre de la Justice "
     "et Sophie Wilmès, ministre des Affaires étrangères.",
     ["Jan Jambon", "Koen Geens", "Sophie Wilmès"],
     held(("Jan Jambon", "ministre de l'Intérieur", None),
          ("Koen Geens", "ministre de la Justice", None),
          ("Sophie Wilmès", "ministre des Affaires étrangères", None))),
    # ... and post first, the same words in the other order
    ("Étaient présents le ministre de l'Intérieur, Jan Jambon, le ministre de la Justice, "
     "Koen Geens, et la ministre des Affaires étrangères, Sophie Wilmès.",
     ["Jan Jambon", "Koen Geens", "Sophie Wilmès"],
     held(("Jan Jambon", "ministre de l'Intérieur", None),
          ("Koen Geens", "ministre de la Justice", None),
          ("Sophie Wilmès", "ministre des Affaires étrangères", None))),
    # a list that opens on a name and closes on a post, with determiners
    ("Le débat a réuni Macky Sall, le président du Sénégal, Mohamed Bazoum, le président du "
     "Niger, et Cyril Ramaphosa, le président sud-africain.",
     ["Macky Sall", "Mohamed Bazoum", "Cyril Ramaphosa"],
     held(("Macky Sall", "président", "SN"), ("Mohamed Bazoum", "président", "NE"),
          ("Cyril Ramaphosa", "président", "ZA"))),
    # a plural post spread over a list of names, its possessor's government
    ("Le Premier ministre belge Charles Michel et ses ministres de l'Intérieur et de la Justice, "
     "Jan Jambon et Koen Geens, sont arrivés.", ["Charles Michel", "Jan Jambon", "Koen Geens"],
     held(("Charles Michel", "Premier ministre", "BE"),
          ("Jan Jambon", "ministre de l'Intérieur", "BE"),
          ("Koen Geens", "ministre de la Justice", "BE"))),
    # a parenthesised list, with a secretary of state inside the parenthesis
    ("Le Premier ministre français Jean Castex est venu avec ses ministres de l'Intérieur "
     "(Gérald Darmanin) et des Affaires européennes (le secrétaire d'État Clément Beaune).",
     ["Jean Castex", "Gérald Darmanin", "Clément Beaune"],
     held(("Jean Castex", "Premier ministre", "FR"),
          ("Gérald Darmanin", "ministre de l'Intérieur", "FR"),
          ("Clément Beaune", "secrétaire d'État des Affaires européennes", "FR"))),
    # nationalities dealt out over the names
    ("Les ministres de l'Intérieur belge et néerlandais, Annelies Verlinden et Dilan "
     "Yeşilgöz-Zegerius, se sont réunis.", ["Annelies Verlinden", "Dilan Yeşilgöz-Zegerius"],
     held(("Annelies Verlinden", "ministre de l'Intérieur", "BE"),
          ("Dilan Yeşilgöz-Zegerius", "ministre de l'Intérieur", "NL"))),
    ("Il y avait les présidents sénégalais Macky Sall et nigérien Mahamadou Issoufou.",
     ["Macky Sall", "Mahamadou Issoufou"],
     held(("Macky Sall", "président", "SN"), ("Mahamadou Issoufou", "président", "NE"))),
    # a plural post and the people it counts
    ("Huit chefs de gouvernement avaient fait le voyage, dont le Libyen Abdelhamid Dbeibah et "
     "l'Ethiopien Abiy Ahmed.", ["Abdelhamid Dbeibah", "Abiy Ahmed"],
     held(("Abdelhamid Dbeibah", "chef du gouvernement", "LY"),
          ("Abiy Ahmed", "chef du gouvernement", "ET"))),
    # 2. country by scope or contrast
    ("Côté français, le ministre de l'Intérieur, Gérald Darmanin, a pris la parole.",
     ["Gérald Darmanin"], held(("Gérald Darmanin", "ministre de l'Intérieur", "FR"))),
    ("Du côté belge, la ministre de l'Intérieur, Annelies Verlinden, et le ministre de la "
     "Justice, Vincent Van Quickenborne, ont signé.", ["Annelies Verlinden", "Vincent Van Quickenborne"],
     held(("Annelies Verlinden", "ministre de l'Intérieur", "BE"),
          ("Vincent Van Quickenborne", "ministre de la Justice", "BE"))),
    ("Pour les Pays-Bas, le ministre de la Justice, Ferdinand Grapperhaus, a signé.",
     ["Ferdinand Grapperhaus"], held(("Ferdinand Grapperhaus", "ministre de la Justice", "NL"))),
    ("L'Allemagne était représentée par Thomas de Maizière (Intérieur), la Belgique par son "
     "ministre de l'Intérieur, Jan Jambon, et Londres avait dépêché la ministre de l'Intérieur, "
     "Theresa May.", ["Thomas de Maizière", "Jan Jambon", "Theresa May"],
     held(("Thomas de Maizière", "ministre de l'Intérieur", "DE"),
          ("Jan Jambon", "ministre de l'Intérieur", "BE"),
          ("Theresa May", "ministre de l'Intérieur", "GB"))),
    ("Ils étaient entourés de leurs ministres de l'Intérieur et de la Justice, Jan Jambon et "
     "Koen Geens côté belge, Bernard Cazeneuve et Jean-Jacques Urvoas côté français.",
     ["Jan Jambon", "Koen Geens", "Bernard Cazeneuve", "Jean-Jacques Urvoas"],
     held(("Jan Jambon", "ministre de l'Intérieur", "BE"),
          ("Koen Geens", "ministre de la Justice", "BE"),
          ("Bernard Cazeneuve", "ministre de l'Intérieur", "FR"),
          ("Jean-Jacques Urvoas", "ministre de la Justice", "FR"))),
    # 3. a counterpart holds its antecedent's post, of the nationality the text gives
    ("Le Premier ministre belge Charles Michel accueillait son homologue français Manuel Valls.",
     ["Charles Michel", "Manuel Valls"],
     held(("Charles Michel", "Premier ministre", "BE"), ("Manuel Valls", "Premier ministre", "FR"))),
    # ... whichever comes first
    ("Reçue par son homologue marocain, Abdelouafi Laftit, la ministre belge de l'Intérieur "
     "Annelies Verlinden a parlé.", ["Abdelouafi Laftit", "Annelies Verlinden"],
     held(("Abdelouafi Laftit", "ministre de l'Intérieur", "MA"),
          ("Annelies Verlinden", "ministre de l'Intérieur", "BE"))),
    # a colleague with a portfolio of her own
    ("Le commissaire chargé de la Migration, Dimitris Avramopoulos, et sa collègue des "
     "Transports, Violeta Bulc, étaient là.", ["Dimitris Avramopoulos", "Violeta Bulc"],
     held(("Dimitris Avramopoulos", "commissaire chargé de la Migration", None),
          ("Violeta Bulc", "commissaire des Transports", None))),
    # 4. the country after the post
    ("La ministre de l'Intérieur de Belgique, Annelies Verlinden, a signé.", ["Annelies Verlinden"],
     held(("Annelies Verlinden", "ministre de l'Intérieur", "BE"))),
    # 5. nationality adjectives beyond Western Europe and feminine titles
    ("La Première ministre néo-zélandaise, Jacinda Ardern, et le président burkinabé, Ibrahim "
     "Traoré, ont parlé.", ["Jacinda Ardern", "Ibrahim Traoré"],
     held(("Jacinda Ardern", "Premier ministre", "NZ"), ("Ibrahim Traoré", "président", "BF"))),
    # 6. international posts have no country; royals
    ("La commissaire européenne chargée des Affaires intérieures, Ylva Johansson, était là.",
     ["Ylva Johansson"], held(("Ylva Johansson", "commissaire européen chargé des Affaires intérieures", None))),
    ("Le secrétaire général de l'Otan, Jens Stoltenberg, a salué l'accord.", ["Jens Stoltenberg"],
     held(("Jens Stoltenberg", "secrétaire général de l'Otan", None))),
    ("Le roi des Belges, Philippe, a reçu les ministres.", [],
     held(("Philippe", "roi", "BE"))),
    ("Reçu par le roi Mohammed VI, le ministre est reparti.", ["Mohammed VI"],
     held(("Mohammed VI", "roi", None))),
    # a person's party gives the country of a post the text leaves unmarked
    ("Le Premier ministre Alexander De Croo (Open Vld) a parlé.", ["Alexander De Croo"],
     held(("Alexander De Croo", "Premier ministre", "BE"))),
    # a periphrasis names the post of a person mentioned before
    ("Bernard Cazeneuve a demandé la réunion. Le locataire de la place Beauvau est venu.",
     ["Bernard Cazeneuve"], held(("Bernard Cazeneuve", "ministre de l'Intérieur", "FR"))),
    # two posts for one person
    ("Le vice-Premier ministre et ministre de la Sécurité et de l'Intérieur, Jan Jambon (N-VA), "
     "a signé.", ["Jan Jambon"],
     held(("Jan Jambon", "vice-Premier ministre", "BE"),
          ("Jan Jambon", "ministre de la Sécurité et de l'Intérieur", "BE"))),
])
def test_posts_tied_to_persons(make_doc, text, persons, expected):
    assert posts(make_doc, text, persons) == expected


def test_no_evidence_no_country(make_doc):
    """The seed's secretary of state: nothing in the sentence says Belgian or French."""
    text = ("La France et la Belgique plaident pour un accord. « Ce n'est pas judicieux », a "
            "confirmé le secrétaire d'État à l'Asile et la Migration, Sammy Mahdi.")
    assert posts(make_doc, text, ["Sammy Mahdi"]) == held(
        ("Sammy Mahdi", "secrétaire d'État à l'Asile et la Migration", None))


def test_former_posts_are_held_roles(make_doc):
    text = ("Créé par les ministres des Affaires étrangères de l'époque, Roland Dumas et "
            "Hans-Dietrich Genscher, le format continue.")
    found = posts(make_doc, text, ["Roland Dumas", "Hans-Dietrich Genscher"])
    assert {(p, r, how) for p, r, _, how in found} == {
        ("Roland Dumas", "ministre des Affaires étrangères", "heldRole"),
        ("Hans-Dietrich Genscher", "ministre des Affaires étrangères", "heldRole")}


def test_later_mentions_resolve_to_the_full_name(make_doc):
    text = ("Alexander De Croo a reçu Jean Castex. Selon M. Castex, De Croo a raison. "
            "Mme Borne n'était pas là.")
    doc = make_doc(text, persons=["Alexander De Croo", "Jean Castex", "M. Castex", "De Croo",
                                  "Mme Borne"])
    persons, mentions = find_persons(doc)
    assert sorted(p.name for p in persons.values()) == ["Alexander De Croo", "Jean Castex"]
    assert [m.key for m in mentions] == ["alexander-de-croo", "jean-castex", "jean-castex",
                                        "alexander-de-croo"]
    assert persons["jean-castex"].gender == "m"


@pytest.mark.parametrize("name", ["Ursula von der Leyen", "Jean-Yves Le Drian",
                                  "Dilan Yeşilgöz-Zegerius", "Ahmet Davutoğlu", "Aukje de Vries",
                                  "Abdel Fattah al-Sissi", "Nicoletta della Valle"])
def test_names_with_particles_hyphens_and_diacritics(make_doc, name):
    doc = make_doc(f"Selon {name}, tout va bien.", persons=[name])
    persons, _ = find_persons(doc)
    assert [p.name for p in persons.values()] == [name]


def test_names_the_ner_misses_beside_a_post_or_a_party(make_doc):
    text = ("La ministre fédérale de l'Intérieur, Nancy Faeser, était là. Marine Le Pen (RN) "
            "a protesté.")
    persons, _ = find_persons(make_doc(text))
    assert sorted(p.name for p in persons.values()) == ["Marine Le Pen", "Nancy Faeser"]


def test_names_with_courtesy_titles_and_a_country_after_them(make_doc):
    text = ("Le Président du gouvernement espagnol, Monsieur Pedro Sánchez, a rencontré le "
            "président Faure Gnassingbé du Togo.")
    doc = make_doc(text, persons=["Monsieur Pedro Sánchez", "Faure Gnassingbé du Togo"])
    persons, _ = find_persons(doc)
    assert sorted(p.name for p in persons.values()) == ["Faure Gnassingbé", "Pedro Sánchez"]


def test_non_persons_are_not_persons(make_doc):
    """9. A building, a company ("le belge John Cockerill"), a place named after someone."""
    text = ("Les accords de Lancaster House tiennent. Le contrat revient au belge John Cockerill. "
            "Le match s'est joué au stade Roi Baudouin. Selon Premier Ministre, et PNR Europe.")
    doc = make_doc(text, persons=["Lancaster House", "John Cockerill", "Premier Ministre",
                                  "PNR Europe"])
    persons, _ = find_persons(doc)
    assert persons == {}


@pytest.mark.model
def test_a_royal_builds_and_passes_the_shapes(tmp_path):
    """'le roi des Belges, Philippe' is a king of Belgium, and the build passes SHACL."""
    from kg.pipeline import build
    from kg.query import canned_queries, run
    from kg.store import load

    article = tmp_path / "roi.txt"
    article.write_text(" date 2023-10-17 Le roi des Belges, Philippe, a reçu lundi à Bruxelles le "
                       "Premier ministre suédois Ulf Kristersson.", encoding="utf-8")
    build([article], tmp_path / "out")
    rows = run(load(tmp_path / "out" / "graph.ttl"), canned_queries()["roles"]).rows
    assert ("Philippe", "roi", "BE", None) in [tuple(r) for r in rows]
