"""Network analytics on the dev corpus: concrete results, checked against the articles."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.analytics import PROJECTIONS, Projection, analyze, format_analysis, runner
from kg.query import Result, run

pytestmark = pytest.mark.model

DEV = Path(__file__).parent / "data" / "dev"


@pytest.fixture(scope="module")
def dev():
    from kg.articles import read_articles
    from kg.build import build_dataset
    from kg.pipeline import extract_all

    return build_dataset(extract_all(list(read_articles([DEV]))))


@pytest.fixture(scope="module")
def result(dev):
    return analyze(lambda q: run(dev, q), top=10)


def test_every_projection_is_analysed_without_errors(result):
    assert list(result) == list(PROJECTIONS)
    for name, entry in result.items():
        assert entry["errors"] == {}, name
        assert entry["nodes"] > 0 and entry["edges"] > 0, name
    json.dumps(result)  # JSON-serialisable


def test_most_central_persons_in_coattendance(result):
    coatt = result["coattendance"]
    assert (coatt["nodes"], coatt["edges"]) == (40, 83)
    # De Croo, Verlinden and Van Quickenborne each met 10 others (articles 007, 009, 011…);
    # ties are broken by name.
    top = [(r["node"], r["links"]) for r in coatt["degree"][:3]]
    assert top == [("Alexander De Croo", 10), ("Annelies Verlinden", 10),
                   ("Vincent Van Quickenborne", 10)]
    assert coatt["degree"][0]["score"] == pytest.approx(10 / 39, abs=1e-4)
    # Cazeneuve links the 2015 JAI council to the 2016 Belgian–French meeting: top broker.
    assert coatt["betweenness"][0]["node"] == "Bernard Cazeneuve"
    assert coatt["betweenness"][1]["node"] == "Gérald Darmanin"


def test_known_coattendance_pairs(result):
    ties = {(t["src"], t["dst"]): t["weight"] for t in result["coattendance"]["ties"]}
    assert ties[("Alexander De Croo", "Annelies Verlinden")] == 2
    assert ties[("Emmanuel Macron", "Theresa May")] == 2
    community = next(c for c in result["coattendance"]["communities"] if "Gérald Darmanin" in c)
    assert "Eric Dupond-Moretti" in community


def test_country_pairs_and_their_threats(result):
    pairs = result["country-pairs"]["ties"]
    assert (pairs[0]["src"], pairs[0]["dst"], pairs[0]["weight"]) == ("BE", "FR", 3)
    assert {"Terrorism", "Jihadism", "Radicalisation"} <= set(pairs[0]["threats"])
    # Belgium and the Netherlands also share three meetings (Anvers twice, Calais).
    assert (pairs[1]["src"], pairs[1]["dst"], pairs[1]["weight"]) == ("BE", "NL", 3)
    assert "DrugTrafficking" in pairs[1]["threats"]
    assert ["BE", "NL"] in result["country-pairs"]["communities"]


def test_country_and_person_threats(result):
    ties = result["country-threat"]["ties"]
    assert (ties[0]["src"], ties[0]["dst"], ties[0]["weight"]) == ("FR", "Jihadism", 5)
    assert result["country-threat"]["degree"][0]["node"] == "FR"
    assert result["person-threat"]["degree"][0]["node"] == "Terrorism"
    person_ties = {(t["src"], t["dst"]) for t in result["person-threat"]["ties"]}
    assert ("Alexander De Croo", "DrugTrafficking") in person_ties


def test_output_is_deterministic(dev, result):
    assert analyze(runner(dev), top=10) == result
    assert analyze(dev, top=10) == result  # a Dataset is accepted as is


def test_a_metric_failing_on_an_empty_projection_is_reported(dev):
    empty = Projection("empty", "matches nothing",
                       "SELECT ?src ?dst WHERE { ?src <urn:x:nothing> ?dst }")
    out = analyze(dev, projections={"empty": empty, "coattendance": PROJECTIONS["coattendance"]})
    assert (out["empty"]["nodes"], out["empty"]["edges"]) == (0, 0)
    assert set(out["empty"]["errors"]) == {"degree", "betweenness", "communities", "ties"}
    assert "no edges" in out["empty"]["errors"]["degree"]
    assert out["coattendance"]["errors"] == {}  # the other projection is untouched
    assert "error in degree" in format_analysis(out)


def test_a_failing_query_is_reported(dev):
    bad = Projection("bad", "selects the wrong columns", "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1")
    out = analyze(lambda q: run(dev, q), projections={"bad": bad})
    assert "must select ?src and ?dst" in out["bad"]["errors"]["query"]


def test_any_sparql_function_feeds_analyze():
    def engine(query: str) -> Result:
        return Result(["src", "dst"], [("a", "b"), ("b", "c")])

    out = analyze(engine, projections={"p": Projection("p", "", "SELECT ?src ?dst {}")})
    assert out["p"]["errors"] == {} and out["p"]["degree"][0]["node"] == "b"
    assert out["p"]["ties"][0] == {"src": "a", "dst": "b", "weight": 1}


def test_a_metric_raising_is_reported_not_raised(dev, monkeypatch):
    import networkx as nx

    from kg import analytics

    def boom(graph, top):
        raise nx.NetworkXError("cannot compute this")

    monkeypatch.setitem(analytics.METRICS, "betweenness", boom)
    out = analyze(dev, projections={"c": PROJECTIONS["coattendance"]})
    assert out["c"]["errors"] == {"betweenness": "NetworkXError: cannot compute this"}
    assert out["c"]["degree"] and out["c"]["communities"]


def test_the_store_engine_gives_the_same_analysis(dev, result, tmp_path):
    from kg.query import run_store
    from kg.store import GraphStore

    with GraphStore(tmp_path / "store") as store:
        store.replace(dev)
        assert analyze(lambda q: run_store(store, q), top=10) == result
        assert analyze(store, top=10) == result


def test_format_analysis_shows_tables(result):
    text = format_analysis(result)
    assert "== coattendance" in text and "degree centrality:" in text
    assert "Alexander De Croo" in text and "BE   FR   3" in text
