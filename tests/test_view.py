"""The HTML view: self-contained, safe with hostile labels, deterministic, faithful.

These read the page as text; tests/test_view_browser.py opens it in Chromium.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Namespace
from rdflib.namespace import FOAF, OWL, PROV, SKOS

from kg.build import build_dataset, merged_graph
from kg.types import Article, Date, Fact, Node
from kg.view import BIG, STYLES, render_html, view_data
from kg.vocab import KGO, KGR, KGT, ontology_graph

HERE = Path(__file__).parent
STATIC = HERE.parent / "kg" / "static"
VIS = STATIC / "vis-network.min.js"
EX = Namespace("http://example.org/")
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


DATA = re.compile(r'<script type="application/json" id="newskg-data">(.*?)</script>', re.S)
UNTYPED = KGR["meeting/untyped"]


def embedded_data(page: str) -> dict:
    match = DATA.search(page)
    assert match, "no embedded data"
    return json.loads(match.group(1))


def inline_scripts(page: str) -> list[str]:
    """The text of the scripts the browser runs (not the JSON data block)."""
    return re.findall(r"<script>(.*?)</script>", page, re.S)


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
    # The browser sees exactly our elements: the data block and two scripts, no img,
    # the title escaped.
    tags = parsed_tags(page)
    assert [t for t, _ in tags].count("script") == 3
    assert "img" not in {t for t, _ in tags} and "b" not in {t for t, _ in tags}
    assert "<title>&lt;b&gt;x&lt;/b&gt; &amp; co</title>" in page
    data_text = DATA.search(page).group(1)
    assert not set("<>&\u2028\u2029") & set(data_text)
    assert HOSTILE in {n["label"] for n in embedded_data(page)["nodes"]}


def test_line_separators_are_escaped():
    g = small_graph()
    g.set((PERSON, RDFS.label, Literal("a\u2028b\u2029c", lang="fr")))
    page = render_html(g)
    assert "\u2028" not in page and "\u2029" not in page
    assert "a\u2028b\u2029c" in {n["label"] for n in embedded_data(page)["nodes"]}


def test_the_page_script_never_parses_html():
    code = (STATIC / "view.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                 "new Function", "setAttribute(\"on", "href", ".src =", "createElement(\"a\")"):
        assert sink not in code, sink
    assert "textContent" in code


def test_only_our_own_scripts_may_run():
    page = render_html(small_graph())
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page).group(1)
    rules = dict(rule.strip().split(" ", 1) for rule in csp.split(";"))
    assert rules["default-src"] == "'none'"
    assert rules["base-uri"] == "'none'" and rules["form-action"] == "'none'"
    assert "unsafe-inline" not in rules["script-src"] and "unsafe-eval" not in rules["script-src"]
    digests = {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
               for s in inline_scripts(page)}
    assert len(digests) == 2 and set(rules["script-src"].split()) == digests


def test_every_label_is_embedded():
    data = embedded_data(render_html(small_graph()))
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert set(labels.values()) == {label for _, label in NODES.values()} | {"untyped"}
    assert labels[str(KGT.Terrorism)] == "terrorisme"


def test_nodes_and_edges_match_the_graph():
    g = small_graph()
    data = embedded_data(render_html(g))
    # Drawn: the typed resources and the untyped IRI a link points to (as "Autre"); not
    # the provenance record, the blank node, or literals.
    assert {n["id"]: n["kgClass"] for n in data["nodes"]} == {
        **{str(n): str(cls).split("#")[-1] for n, (cls, _) in NODES.items()}, str(UNTYPED): "Other"}
    expected_edges = {(str(s), str(o), "kgo:" + str(p).split("#")[-1]) for s, p, o in g
                      if str(p).startswith(str(KGO)) and (s in NODES or s == UNTYPED)
                      and (o in NODES or o == UNTYPED)}
    facts = [e for e in data["edges"] if e.get("view") != "overview"]
    assert len(facts) == len(expected_edges) == len(LINKS) + len(NODES) - 1 + 1
    assert {(e["from"], e["to"], e["property"]) for e in facts} == expected_edges
    assert [e["id"] for e in data["edges"]] == list(range(len(data["edges"])))
    # The overview's one link: the post, drawn from its holder to its country.
    assert [(e["from"], e["label"], e["to"]) for e in data["edges"] if e.get("view") == "overview"] == [
        (str(PERSON), "ministre de l'Intérieur", str(COUNTRY))]
    assert {n["id"] for n in data["nodes"] if n.get("detail")} == {str(ROLE), str(MINISTRY), str(ART)}
    for edge in facts:  # mentions are there but hidden; the rest shown and labelled
        assert edge.get("hidden", False) is (edge["property"] == "kgo:mentions")
        assert edge["label"] or edge.get("hidden")
    assert data["properties"]["kgo:holdsRole"] == "occupe le poste"
    assert data["quiet"] == "kgo:mentions"


def test_node_size_is_its_degree_without_mentions():
    data = embedded_data(render_html(small_graph()))
    degree = {n["id"]: n["value"] for n in data["nodes"]}
    assert degree[str(PERSON)] == 3  # holdsRole, attends, attends (untyped)
    assert degree[str(COUNTRY)] == 2 and degree[str(ART)] == 0


def test_legend_lists_the_classes_present_with_node_colours():
    g = small_graph()
    for node in (ROLE, MINISTRY, UNTYPED):
        g.remove((node, None, None))
        g.remove((None, None, node))
    page = render_html(g)
    legend = page[page.index('<div id="legend">'):page.index('<div id="status"')]
    items = re.findall(r'<li><label><input type="checkbox" data-class="(\w+)" checked>'
                       r'<span class="key shape-(\w+)" style="background:(#[0-9a-f]{6})"></span>'
                       r'([^<]*) \((\d+)\)</label></li>', legend)
    assert [name for *_, name, _ in items] == ["Personne", "Pays", "Lieu", "Réunion", "Menace", "Article"]
    assert all(n == "1" for *_, n in items)
    style = {key: (shape, colour) for key, shape, colour, _, _ in items}
    for node in embedded_data(page)["nodes"]:  # nodes wear their legend colour and shape
        assert (node["shape"], node["color"]) == style[node["kgClass"]]
    shapes = {STYLES[c][2] for c in (KGO.Country, KGO.Threat, KGO.Meeting)}
    colours = {STYLES[c][1] for c in (KGO.Country, KGO.Threat, KGO.Meeting)}
    assert len(shapes) == len(colours) == 3  # countries, threats, meetings look different


def test_country_and_threat_filters_and_search_are_there():
    page = render_html(small_graph())
    for element in ('<input id="search" type="search"', '<select id="country">',
                    '<select id="threat">', '<input type="checkbox" id="quiet">',
                    '<button type="button" id="reset">',
                    '<aside id="panel" aria-label="Faits du nœud choisi" hidden>',
                    '<div id="status" role="status">'):
        assert element in page, element


# --- a build's Dataset: per-article named graphs, provenance records ----------------

DARMANIN = Node("person", "gerald-darmanin", "Gérald Darmanin")
INTERIEUR = Node("role", "FR/ministre-interieur", "ministre de l'Intérieur")
FRANCE = Node("country", "FR", "France")
MEETING_N = Node("meeting", "bruxelles-2021-12", "Réunion à Bruxelles")
TEXT_1 = "Gérald Darmanin, ministre de l'Intérieur, était à Bruxelles. Il a parlé."
TEXT_2 = "Le ministre de l'Intérieur Gérald Darmanin a rencontré ses homologues."


def article_results() -> list[tuple[Article, list[Fact]]]:
    first = TEXT_1.index(" Il")
    return [
        (Article("a1", TEXT_1, "2021-12"), [
            Fact(DARMANIN, "holdsRole", INTERIEUR, 0, first),
            Fact(INTERIEUR, "ofCountry", FRANCE),  # no sentence: the article still counts
            Fact(DARMANIN, "attends", MEETING_N, 0, first),
            Fact(MEETING_N, "date", Date("2021-12"), 0, first)]),
        (Article("a2", TEXT_2), [Fact(DARMANIN, "holdsRole", INTERIEUR, 0, len(TEXT_2))]),
    ]


def edge(data: dict, s: Node, prop: str, o: Node) -> dict:
    from kg.iri import iri
    [found] = [e for e in data["edges"]
               if (e["from"], e["property"], e["to"]) == (str(iri(s)), prop, str(iri(o)))]
    return found


def sources(data: dict, src: list) -> set[tuple[str, str | None]]:
    return {(data["articles"][a], None if s is None else data["sentences"][s]) for a, s in src}


def test_a_dataset_is_read_through_its_named_graphs():
    ds = build_dataset(article_results())
    assert not list(ds.default_graph.triples((None, None, None)))  # no triples of its own
    data = view_data(ds)
    labels = {n["label"] for n in data["nodes"]}
    assert {"Gérald Darmanin", "ministre de l'Intérieur", "France", "a1", "a2"} <= labels
    assert not any("provenance" in n["id"] for n in data["nodes"])
    assert not any(e["from"] == e["to"] for e in data["edges"])  # article wasDerivedFrom itself


def test_each_fact_lists_its_articles_and_sentences():
    data = view_data(build_dataset(article_results()))
    holds = edge(data, DARMANIN, "kgo:holdsRole", INTERIEUR)
    assert sources(data, holds["src"]) == {
        ("a1", "Gérald Darmanin, ministre de l'Intérieur, était à Bruxelles."), ("a2", TEXT_2)}
    country = edge(data, INTERIEUR, "kgo:ofCountry", FRANCE)
    assert sources(data, country["src"]) == {("a1", None)}
    mention = edge(data, Node("article", "a2", "a2"), "kgo:mentions", DARMANIN)
    assert sources(data, mention["src"]) == {("a2", None)}
    [meeting] = [n for n in data["nodes"] if n["label"] == "Réunion à Bruxelles"]
    [(prop, value, src)] = meeting["attrs"]
    assert (prop, value) == ("kgo:date", "2021-12") and sources(data, src) == {
        ("a1", "Gérald Darmanin, ministre de l'Intérieur, était à Bruxelles.")}


def test_loaded_files_and_the_merged_graph_draw_the_same_network(tmp_path):
    from kg.store import load  # what `kg view GRAPH` reads

    ds = build_dataset(article_results())
    (tmp_path / "g.trig").write_bytes(ds.serialize(format="trig", encoding="utf-8"))
    (tmp_path / "g.ttl").write_bytes(merged_graph(ds).serialize(format="turtle", encoding="utf-8"))
    union = load(tmp_path / "g.trig")
    strip = lambda d: ([{k: v for k, v in n.items() if k != "attrs"} for n in d["nodes"]],  # noqa: E731
                       [(e["from"], e["property"], e["to"]) for e in d["edges"]])
    assert view_data(union) == view_data(ds)
    assert strip(view_data(merged_graph(ds))) == strip(view_data(ds))
    assert view_data(merged_graph(ds))["sentences"] == []  # no provenance in the merged graph
    assert view_data(load(tmp_path / "g.ttl")) == view_data(merged_graph(ds))


def test_same_dataset_gives_the_same_page():
    results = article_results()
    page = render_html(build_dataset(results))
    assert page == render_html(build_dataset(list(reversed(results))))


# --- other people's graphs -------------------------------------------------------------

def test_any_graph_renders_with_its_own_classes_and_names():
    from rdflib.namespace import DCTERMS, SDO

    g = Graph()
    g.add((EX.alice, RDF.type, FOAF.Person))
    g.add((EX.alice, FOAF.knows, EX.bob))  # bob has no type and no name
    g.add((EX.alice, SKOS.prefLabel, Literal("Alice")))
    g.add((EX.alice, FOAF.name, Literal("Alice A.")))  # prefLabel comes first
    g.add((EX.carol, RDF.type, FOAF.Person))
    g.add((EX.carol, FOAF.name, Literal("Carol")))
    g.add((EX.carol, FOAF.knows, EX.alice))
    g.add((EX.bob, EX.worksFor, EX["org/acme/"]))
    g.add((EX["org/acme/"], RDF.type, SDO.Organization))
    g.add((EX["org/acme/"], SDO.name, Literal("ACME")))
    g.add((EX.report, RDF.type, SDO.Report))
    g.add((EX.report, DCTERMS.title, Literal("Rapport annuel", lang="fr")))
    g.add((EX.report, SDO.author, EX.carol))
    g.add((EX.worksFor, RDFS.label, Literal("travaille pour", lang="fr")))
    g.add((SDO.Organization, RDFS.label, Literal("Organisation", lang="fr")))
    data = view_data(g)
    assert {n["id"]: (n["label"], n["kgClass"]) for n in data["nodes"]} == {
        str(EX.alice): ("Alice", "foaf:Person"), str(EX.bob): ("bob", "Other"),
        str(EX.carol): ("Carol", "foaf:Person"), str(EX["org/acme/"]): ("ACME", "schema:Organization"),
        str(EX.report): ("Rapport annuel", "schema:Report")}
    assert {(e["label"], e["property"]) for e in data["edges"]} == {
        ("knows", "foaf:knows"), ("travaille pour", str(EX.worksFor)), ("author", "schema:author")}
    # One colour per class, named by its label where the graph gives one, "Autre" last.
    legend = [(c["key"], c["name"], c["count"]) for c in data["classes"]]
    assert legend == [("foaf:Person", "Person", 2), ("schema:Organization", "Organisation", 1),
                      ("schema:Report", "Report", 1), ("Other", "Autre", 1)]
    assert len({c["color"] + c["shape"] for c in data["classes"]}) == 4
    [alice] = [n for n in data["nodes"] if n["id"] == str(EX.alice)]
    assert "attrs" not in alice  # its names are names, not facts


def test_vocabulary_terms_are_not_drawn():
    g = small_graph() + ontology_graph()  # classes, properties, the threat scheme
    drawn = {n["id"] for n in view_data(g)["nodes"]}
    threats = {str(t) for t in ontology_graph().subjects(RDF.type, KGO.Threat)}
    assert len(threats) == 15
    assert drawn == {n["id"] for n in view_data(small_graph())["nodes"]} | threats
    assert not any(n.startswith((str(KGO), str(OWL))) or n == str(KGT) for n in drawn)


def test_the_page_is_told_past_how_many_nodes_to_draw_a_scene_at_a_time():
    # What it then does is tested in a browser (test_view_browser.py, "a big graph").
    data = view_data(small_graph())
    assert data["big"] == BIG == 300 and len(data["nodes"]) <= data["big"]


def test_deterministic():
    page = render_html(small_graph())
    assert page == render_html(small_graph())
    assert page == render_html(small_graph(reverse=True))
    assert re.search(r'"randomSeed":\d+', page)


def test_empty_graph():
    data = embedded_data(render_html(Graph()))
    assert data["nodes"] == [] and data["edges"] == []
