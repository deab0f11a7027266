"""Meetings through the real model, on a hand-written article (tests/data/cases/)."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDFS

from kg.articles import read_article
from kg.build import build_dataset
from kg.pipeline import extract_all
from kg.vocab import KGO, KGR, KGT

pytestmark = pytest.mark.model

CASES = Path(__file__).parent / "data" / "cases"


@pytest.fixture(scope="module")
def rotterdam():
    article = read_article(CASES / "rotterdam-ports.txt")
    return build_dataset(extract_all([article])).graph(KGR["article/rotterdam-ports"])


def meetings(g) -> dict[str, object]:
    return {str(g.value(m, RDFS.label)): m for m in set(g.subjects(KGO.heldIn, None))}


def attendees(g, meeting) -> set[str]:
    return {str(g.value(p, RDFS.label)) for p in g.subjects(KGO.attends, meeting)}


def test_main_meeting_place_date_and_attendees(rotterdam):
    main = KGR["meeting/rotterdam-2022-03-04"]
    assert str(rotterdam.value(main, KGO.date)) == "2022-03-04"   # "vendredi" of a Friday article
    assert attendees(rotterdam, main) == {"Annelies Verlinden", "Dilan Yeşilgöz-Zegerius",
                                          "Didier Reynders"}    # by videoconference, too


def test_a_person_quoted_elsewhere_does_not_attend(rotterdam):
    assert not any("Mark Rutte" in attendees(rotterdam, m) for m in meetings(rotterdam).values())


def test_an_earlier_meeting_is_its_own(rotterdam):
    earlier = KGR["meeting/anvers-2021"]
    assert (earlier, KGO.date, None) in rotterdam
    assert "Bart De Wever" in attendees(rotterdam, earlier)
    assert "Bart De Wever" not in attendees(rotterdam, KGR["meeting/rotterdam-2022-03-04"])


def test_denied_threats_are_left_out(rotterdam):
    threats = set(rotterdam.objects(None, KGO.concerns))
    assert KGT.DrugTrafficking in threats
    assert KGT.CyberThreat not in threats


# -- rules on hand-built Docs (no model): attendance, places, threats -------------------

from kg.extract.document import sentence_spans, text_of  # noqa: E402
from kg.extract.linking import link_posts  # noqa: E402
from kg.extract.meetings import find_meetings  # noqa: E402
from kg.extract.people import find_persons  # noqa: E402
from kg.extract.roles import find_posts  # noqa: E402
from kg.extract.threats import ThreatMention  # noqa: E402
from kg.types import Article  # noqa: E402


def meetings_of(make_doc, text: str, persons=(), places=(), threats=(), date="2016-09-16"):
    """The meetings of a hand-built article: [(place, date, attendees, threats)]."""
    doc = make_doc(text, persons=persons, places=places)
    table, mentions = find_persons(doc)
    linker_text = text_of(doc)
    assignments = link_posts(linker_text, sentence_spans(doc), table, mentions)
    holders = {a.person for a in assignments if not a.former}
    formers = {a.person for a in assignments if a.former}
    threat_mentions = [ThreatMention(text.index(words), text.index(words) + len(words), key)
                       for words, key in threats]
    posts = [(p.start, p.end) for p in find_posts(text, frozenset(m.start for m in mentions))]
    found = find_meetings(Article("a", text, date), doc, mentions, threat_mentions, holders,
                          posts, formers)
    return [(m.place, m.date, sorted(table[k].name for k in m.attendees), sorted(m.threats))
            for m in found]


def test_leaders_listed_around_the_table_attend(make_doc):
    text = ("Réunis vendredi à Bratislava, les dirigeants européens ont adopté une feuille de route. "
            "Autour de la table figuraient le président français François Hollande, la chancelière "
            "allemande Angela Merkel et le Premier ministre belge Charles Michel.")
    [(place, date, attendees, _)] = meetings_of(
        make_doc, text, ["François Hollande", "Angela Merkel", "Charles Michel"], ["Bratislava"])
    assert (place, date) == ("Bratislava", "2016-09-16")
    assert attendees == ["Angela Merkel", "Charles Michel", "François Hollande"]


def test_people_who_did_not_attend(make_doc):
    """7. Victims and suspects, absentees, people recalled as background or as a topic."""
    text = ("Réunis vendredi à Bratislava, les dirigeants européens ont adopté un plan, en "
            "l'absence de la Première ministre britannique Theresa May. Le président turc Recep "
            "Tayyip Erdoğan manquait lui aussi à l'appel. Le chancelier autrichien Christian Kern "
            "a salué l'accord. Mardi, le chef de la diplomatie luxembourgeoise, Jean Asselborn, "
            "avait réclamé l'exclusion de la Hongrie. Le plan répond à l'invasion ordonnée par le "
            "président russe Vladimir Poutine. Le 21 août, le Marocain Ayoub El Khazzani avait "
            "ouvert le feu dans un train.")
    persons = ["Theresa May", "Recep Tayyip Erdoğan", "Christian Kern", "Jean Asselborn",
               "Vladimir Poutine", "Ayoub El Khazzani"]
    [(_, _, attendees, _)] = meetings_of(make_doc, text, persons, ["Bratislava"])
    assert attendees == ["Christian Kern"]


def test_place_from_a_named_venue_not_from_a_city_named_elsewhere(make_doc):
    """8. The venue of the lead, not a city named further down."""
    text = ("Les Premiers ministres se sont réunis lundi au château de Val Duchesse. "
            "Ils évoqueront Paris et Londres plus tard.")
    [(place, *_)] = meetings_of(make_doc, text, places=["Paris", "Londres"], date="2016-02-01")
    assert place == "Bruxelles"
    text = "Les ministres se sont retrouvés jeudi dans la capitale belge. Rome suivra."
    [(place, *_)] = meetings_of(make_doc, text, places=["Rome"], date="2016-02-04")
    assert place == "Bruxelles"
    text = "Les ministres se sont réunis au château de Senningen, mardi."
    [(place, *_)] = meetings_of(make_doc, text, date="2016-02-02")
    assert place == "Senningen"


def test_place_from_the_dateline(make_doc):
    text = "MAASTRICHT (Belga) - Les ministres ont signé jeudi un accord contre le crime."
    [(place, *_)] = meetings_of(make_doc, text, date="2018-05-17")
    assert place == "Maastricht"


def test_threats_said_not_to_be_discussed_are_left_out(make_doc):
    """10. A threat the text says was not on the agenda."""
    text = ("Les ministres se sont réunis lundi pour parler de terrorisme. "
            "La crise migratoire ne figurait pas au programme.")
    [(_, _, _, threats)] = meetings_of(
        make_doc, text, threats=[("terrorisme", "Terrorism"), ("crise migratoire", "IrregularMigration")],
        date="2016-02-01")
    assert threats == ["Terrorism"]


def test_no_meeting_no_attendees(make_doc):
    text = "Le ministre de l'Intérieur, Gérald Darmanin, a présenté un projet de loi sur l'asile."
    assert meetings_of(make_doc, text, ["Gérald Darmanin"]) == []
