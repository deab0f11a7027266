"""`kg evaluate`: the matching rules, and the quality floor on the dev corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.evaluate import gold_files, match, roles_match, same_name, score

DEV = Path(__file__).parent / "data" / "dev"


@pytest.mark.parametrize("gold, found, same", [
    ("Première ministre", "Premier ministre", True),
    ("chancelière", "chancelier", True),
    ("ministre de la Justice", "garde des Sceaux", True),
    ("secrétaire d'État aux Affaires européennes", "ministre des Affaires européennes", False),
    ("vice-Premier ministre", "Premier ministre", False),
    ("président de la République", "président", True),
])
def test_roles_match(gold, found, same):
    assert roles_match(gold, found) is same


def test_names_match_as_whole_words():
    assert same_name("Union européenne", "l'Union européenne")
    assert not same_name("Union", "Réunion")


def test_optional_gold_items_are_neither_hits_nor_extras():
    outcome = match(["A", "B"], ["A", "C", "D"], str.__eq__, optional=["C"])
    assert (outcome.tp, outcome.missed, outcome.extra) == (1, ["B"], ["D"])


@pytest.mark.model
def test_dev_corpus_quality_floor():
    from kg.articles import read_articles
    from kg.build import build_dataset
    from kg.pipeline import extract_all

    report = score(build_dataset(extract_all(read_articles([DEV]))), gold_files(DEV))
    print(report.table())
    assert report.macro_f1 >= 0.88, report.table()
    for category in ("persons", "roles+country", "attends", "concerns"):
        assert report.tallies[category].f1 >= 0.85, report.table()
