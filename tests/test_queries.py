"""The canned queries answer what they promise, on the dev corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.articles import read_articles
from kg.build import build_dataset
from kg.pipeline import extract_all
from kg.query import canned_queries, run

pytestmark = pytest.mark.model

DEV = Path(__file__).parent / "data" / "dev"


@pytest.fixture(scope="module")
def dev():
    return build_dataset(extract_all(read_articles([DEV])))


def rows(ds, query, **params):
    return run(ds, canned_queries()[query], params).rows


def test_every_canned_query_runs_and_says_what_it_answers(dev):
    for name, text in canned_queries().items():
        assert text.startswith("#"), f"{name}.rq has no comment saying what it answers"
        params = {"name": "Gérald Darmanin", "threat": "terrorisme"}
        run(dev, text, {k: v for k, v in params.items() if f"?{k}" in text})


def test_roles(dev):
    assert ("Gérald Darmanin", "ministre de l'Intérieur", "FR", None) in rows(dev, "roles")


def test_mandates_span_article_dates(dev):
    assert ("Alexander De Croo", "Premier ministre", "BE", "2023-02-17", "2023-05-05", "2") in rows(
        dev, "mandates")


def test_coattendance(dev):
    pairs = {(a, b): int(n) for a, b, n in rows(dev, "coattendance")}
    assert pairs[("Alexander De Croo", "Annelies Verlinden")] == 2
    assert pairs[("Charles Michel", "Jan Jambon")] == 2


def test_who_met_whom_about_a_threat(dev):
    found = rows(dev, "met-about", threat="trafic de drogue")
    assert {(r[3], r[4]) for r in found} >= {("Alexander De Croo", "Vincent Van Quickenborne")}
    assert rows(dev, "met-about", threat="Espionage")[0][1].startswith("Réunion à La Celle-Saint-Cloud")


def test_sources_give_article_and_sentence(dev):
    found = rows(dev, "sources", name="Gérald Darmanin")
    assert ("Gérald Darmanin", "holdsRole", "ministre de l'Intérieur", "006_calais-manche") in {
        r[:4] for r in found}
    assert all("Darmanin" in r[4] for r in found if r[1] in ("holdsRole", "attends"))
