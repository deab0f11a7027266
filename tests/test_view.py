"""The HTML view: self-contained, safe with hostile labels, deterministic, faithful."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal
from rdflib.namespace import PROV, SKOS

from kg.view import STYLES, render_html
from kg.vocab import KGO, KGR, KGT

HERE = Path(__file__).parent
VIS = HERE.parent / "kg" / "static" / "vis-network.min.js"
HOSTILE = "</script><img src=x onerror=alert(1)>"
ART, PERSON, ROLE = KGR["article/a1"], KGR["person/x"], KGR["role/FR/ministre-de-l-interieur"]
MINISTRY, COUNTRY = KGR["ministry/FR/interieur"], KGR["country/FR"]
MEETING, PLACE = KGR["meeting/m"], KGR["place/bruxelles"]

NODES = {  # what the view must draw: IRI -> (class, label shown)
    ART: (KGO.Article, "a1"),
    PERSON: (KGO.Person, HOSTILE),
    ROLE: (KGO.Role, "ministre de l'Intérieur"),
    MINISTRY: (KGO.Ministry, "ministère de l'Intérieur"),
    COUNTRY: (KGO.Country, "France"),
    MEETING: (KGO.Meeting, "Réunion & co"),
    PLACE: (KGO.Place, "Bruxelles"),
    KGT.Terrorism: (KGO.Threat, "terrorisme"),
}
LINKS = [(PERSON, KGO.holdsRole, ROLE), (ROLE, KGO.ofMinistry, MINISTRY), (ROLE, KGO.ofCountry, COUNTRY),
         (MINISTRY, KGO.ofCountry, COUNTRY), (PERSON, KGO.attends, MEETING),
         (MEETING, KGO.heldIn, PLACE), (MEETING, KGO.concerns, KGT.Terrorism)]


def triples() -> list[tuple]:
    out = []
    for node, (cls, label) in NODES.items():
        out.append((node, RDF.type, cls))
        if cls == KGO.Threat:  # a threat's name is its French skos:prefLabel
            out += [(node, SKOS.prefLabel, Literal(label, lang="fr")),
                    (node, SKOS.prefLabel, Literal("terrorism", lang="en"))]
        else:
            out.append((node, RDFS.label, Literal(label, lang="fr")))
        if node != ART:
            out.append((ART, KGO.mentions, node))
    out += LINKS
    # Not drawn: literals, a provenance record, an untyped resource, a blank node.
    support = KGR["support/1"]
    out += [(MEETING, KGO.date, Literal("2021-12-01", datatype=XSD.date)),
            (support, RDF.type, KGO.FactProvenance), (support, RDF.type, RDF.Statement),
            (support, RDF.subject, PERSON), (support, PROV.wasDerivedFrom, ART),
            (ART, KGO.mentions, support), (PERSON, KGO.attends, KGR["meeting/untyped"]),
            (BNode("b0"), KGO.attends, MEETING)]
    return out


def small_graph(reverse: bool = False) -> Graph:
    g = Graph()
    for t in reversed(triples()) if reverse else triples():
        g.add(t)
    return g


def embedded_data(page: str) -> dict:
    match = re.search(r"var data = (\{.*?\});\n", page)
    assert match, "no embedded data"
    return json.loads(match.group(1))


class Tags(HTMLParser):
    """Every start tag the browser would see, with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parsed_tags(page: str) -> list[tuple[str, dict]]:
    parser = Tags()
    parser.feed(page)
    parser.close()
    return parser.tags


def test_no_request_to_another_host():
    page = render_html(small_graph())
    tags = parsed_tags(page)
    for tag, attrs in tags:
        for name in ("src", "href"):
            assert not re.match(r"\s*(https?:)?//", attrs.get(name) or "", re.I), (tag, attrs)
        assert tag not in ("link", "img", "iframe", "object", "embed"), tag
        if tag == "script":
            assert "src" not in attrs
    assert not re.search(r"<link\b", page, re.I)
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?\s*https?://", page, re.I)
    assert "default-src 'none'" in page  # and the browser is told to refuse any request


def test_vis_network_is_inlined():
    page = render_html(small_graph())
    code = VIS.read_text(encoding="utf-8")
    body = code[:code.rindex("//# sourceMappingURL=")]
    assert body in page
    assert "sourceMappingURL" not in page


def test_hostile_labels_cannot_break_out():
    page = render_html(small_graph(), title="<b>x</b> & co")
    assert "</script><img" not in page
    assert HOSTILE not in page
    # The browser sees exactly our elements: two scripts, no img, the title escaped.
    tags = parsed_tags(page)
    assert [t for t, _ in tags].count("script") == 2
    assert "img" not in {t for t, _ in tags} and "b" not in {t for t, _ in tags}
    assert "<title>&lt;b&gt;x&lt;/b&gt; &amp; co</title>" in page
    data_text = re.search(r"var data = (\{.*?\});\n", page).group(1)
    assert not set("<>&") & set(data_text)
    assert HOSTILE in {n["label"] for n in embedded_data(page)["nodes"]}


def test_every_label_is_embedded():
    data = embedded_data(render_html(small_graph()))
    assert {n["label"] for n in data["nodes"]} == {label for _, label in NODES.values()}
    assert {n["id"]: n["label"] for n in data["nodes"]}[str(KGT.Terrorism)] == "terrorisme"


def test_nodes_and_edges_match_the_graph():
    g = small_graph()
    data = embedded_data(render_html(g))
    typed = {s for cls in STYLES for s in g.subjects(RDF.type, cls)}
    expected_edges = {(str(s), str(o), str(p).split("#")[-1]) for s, p, o in g
                      if str(p).startswith(str(KGO)) and s in typed and o in typed}
    assert len(data["nodes"]) == len(typed) == len(NODES)
    assert {n["id"] for n in data["nodes"]} == {str(n) for n in NODES}
    assert len(data["edges"]) == len(expected_edges) == len(LINKS) + len(NODES) - 1
    assert {(e["from"], e["to"], e["kgProperty"]) for e in data["edges"]} == expected_edges
    assert len({e["id"] for e in data["edges"]}) == len(data["edges"])
    for edge in data["edges"]:  # mentions are there but hidden; the rest shown and labelled
        assert edge.get("hidden", False) is (edge["kgProperty"] == "mentions")
        assert edge["label"] or edge.get("hidden")


def test_legend_lists_the_classes_present_with_node_colours():
    g = small_graph()
    g.remove((ROLE, None, None))
    g.remove((None, None, ROLE))
    g.remove((MINISTRY, None, None))
    g.remove((None, None, MINISTRY))
    page = render_html(g)
    legend = page[page.index('<div id="legend">'):page.index('<div id="status">')]
    items = re.findall(r'<li><span class="key" style="background:(#[0-9a-f]{6})"></span>([^<]*) \((\d+)\)</li>',
                       legend)
    assert [name for _, name, _ in items] == ["Personne", "Pays", "Lieu", "Réunion", "Menace", "Article"]
    assert all(n == "1" for _, _, n in items)
    colours = dict((name, colour) for colour, name, _ in items)
    for node in embedded_data(page)["nodes"]:  # nodes wear their legend colour
        name = next(v[0] for k, v in STYLES.items() if str(k).endswith("#" + node["kgClass"]))
        assert node["color"] == colours[name]


def test_deterministic():
    page = render_html(small_graph())
    assert page == render_html(small_graph())
    assert page == render_html(small_graph(reverse=True))
    assert "randomSeed" in page and re.search(r'"randomSeed":\d+', page)


def test_empty_graph():
    data = embedded_data(render_html(Graph()))
    assert data["nodes"] == [] and data["edges"] == []
