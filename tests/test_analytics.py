"""Network analytics on a small hand-made graph: results that do not move with the model."""
from __future__ import annotations

import json

import pytest

from kg.analytics import PROJECTIONS, Projection, analyze, format_analysis, runner
from kg.query import Result, run


@pytest.fixture(scope="module")
def dev(small_graph):
    return small_graph


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
    assert (coatt["nodes"], coatt["edges"]) == (5, 5)
    # De Croo and Darmanin each met three others; ties are broken by name.
    top = [(r["node"], r["links"]) for r in coatt["degree"][:2]]
    assert top == [("Alexander De Croo", 3), ("Gérald Darmanin", 3)]
    assert coatt["degree"][0]["score"] == pytest.approx(3 / 4, abs=1e-4)
    # each bridges one person to the rest: Rutte for De Croo, Scholz for Darmanin
    assert {r["node"] for r in coatt["betweenness"][:2]} == {"Alexander De Croo", "Gérald Darmanin"}


def test_known_coattendance_pairs(result):
    ties = {(t["src"], t["dst"]): t["weight"] for t in result["coattendance"]["ties"]}
    assert ties[("Alexander De Croo", "Gérald Darmanin")] == 2
    assert ties[("Emmanuel Macron", "Gérald Darmanin")] == 1
    assert ("Mark Rutte", "Olaf Scholz") not in ties


def test_country_pairs_and_their_threats(result):
    pairs = result["country-pairs"]["ties"]
    assert (pairs[0]["src"], pairs[0]["dst"], pairs[0]["weight"]) == ("BE", "FR", 2)
    assert set(pairs[0]["threats"]) == {"Terrorism", "Jihadism", "Radicalisation"}
    assert {(p["src"], p["dst"], p["weight"]) for p in pairs[1:]} == {("BE", "NL", 1), ("DE", "FR", 1)}


def test_country_and_person_threats(result):
    ties = result["country-threat"]["ties"]
    assert (ties[0]["src"], ties[0]["dst"], ties[0]["weight"]) == ("BE", "Terrorism", 2)
    person_ties = {(t["src"], t["dst"]): t["weight"] for t in result["person-threat"]["ties"]}
    assert person_ties[("Gérald Darmanin", "Terrorism")] == 2
    assert person_ties[("Alexander De Croo", "DrugTrafficking")] == 1


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
    assert "Alexander De Croo" in text and "BE   FR   2" in text


# --- kg analyze --html: each projection as a pyvis page --------------------------------

def test_each_projection_becomes_a_page_coloured_by_community(dev, tmp_path):
    import re

    from kg.network_pages import PALETTE, write_pages

    pages = write_pages(dev, tmp_path / "net")
    assert [p.name for p in pages] == [f"{name}.html" for name in PROJECTIONS] + ["index.html"]
    index = (tmp_path / "net" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{name}.html"' in index for name in PROJECTIONS)
    page = (tmp_path / "net" / "coattendance.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="projection-data">(.*?)</script>', page, re.S).group(1))
    by_label = {n["label"]: n for n in data["nodes"]}
    assert set(by_label) == {"Alexander De Croo", "Emmanuel Macron", "Gérald Darmanin",
                             "Mark Rutte", "Olaf Scholz"}
    assert {n["color"] for n in data["nodes"]} <= set(PALETTE)
    # De Croo and Darmanin met twice: the widest tie.
    widest = max(data["edges"], key=lambda e: e["width"])
    assert {widest["from"], widest["to"]} == {"Alexander De Croo", "Gérald Darmanin"}
    assert not re.search(r"<(?:script|link)[^>]+(?:src|href)=", page)  # everything inlined
    assert write_pages(dev, tmp_path / "again") and all(  # deterministic
        (tmp_path / "again" / p.name).read_bytes() == p.read_bytes() for p in pages)


def test_analyze_html_writes_the_pages_and_says_where(dev, tmp_path):
    import subprocess
    import sys

    graph = tmp_path / "graph.trig"
    dev.serialize(graph, format="trig")
    run = subprocess.run([sys.executable, "-m", "kg", "analyze", str(graph), "--html",
                          str(tmp_path / "net")], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "coattendance" in run.stdout
    assert run.stderr.strip() == (f"kg: wrote 5 page(s) to {tmp_path / 'net'} "
                                  f"(open {tmp_path / 'net' / 'index.html'})")
