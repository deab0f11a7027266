"""The HTML view: self-contained, safe with hostile labels, deterministic."""
from __future__ import annotations

import json
import re

from rdflib import RDF, RDFS, Graph, Literal

from kg.view import render_html
from kg.vocab import KGO, KGR, KGT

HOSTILE = "</script><img src=x onerror=alert(1)>"


def small_graph() -> Graph:
    g = Graph()
    person, meeting, country = KGR["person/x"], KGR["meeting/m"], KGR["country/FR"]
    for node, cls, label in ((person, KGO.Person, HOSTILE), (meeting, KGO.Meeting, "Réunion"),
                             (country, KGO.Country, "France"), (KGT.Terrorism, KGO.Threat, "terrorisme")):
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(label, lang="fr")))
    g.add((person, KGO.attends, meeting))
    g.add((meeting, KGO.ofCountry, country))
    g.add((meeting, KGO.concerns, KGT.Terrorism))
    return g


def embedded_data(page: str) -> dict:
    match = re.search(r"var data = (\{.*?\});\n", page)
    assert match
    return json.loads(match.group(1))


def test_no_request_to_another_host():
    page = render_html(small_graph())
    assert not re.search(r"<(?:script|link|img|iframe)[^>]+(?:src|href)\s*=", page, re.IGNORECASE)
    assert "<link" not in page
    assert "vis.Network" in page and "vis-network" in page.lower()


def test_hostile_labels_cannot_break_out():
    page = render_html(small_graph())
    assert HOSTILE not in page
    assert "<img" not in page
    labels = {n["label"] for n in embedded_data(page)["nodes"]}
    assert HOSTILE in labels


def test_nodes_edges_and_legend():
    page = render_html(small_graph())
    data = embedded_data(page)
    assert len(data["nodes"]) == 4
    assert {(e["from"].rsplit("/", 1)[-1], e["to"].rsplit("/", 1)[-1]) for e in data["edges"]} == {
        ("x", "m"), ("m", "FR"), ("m", "Terrorism")}
    legend = page[page.index('id="legend"'):page.index("</div></div>")]
    for name in ("Personne", "Réunion", "Pays", "Menace"):
        assert name in legend
    assert "Ministère" not in legend


def test_deterministic():
    assert render_html(small_graph()) == render_html(small_graph())
