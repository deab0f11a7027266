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
