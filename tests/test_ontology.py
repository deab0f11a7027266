"""The ontology files: the generated vocabulary, labels, the threat scheme, the SHACL shapes."""
from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

import pyshacl
import pytest
from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV, SH, SKOS

from kg import _genvocab
from kg.vocab import KGO, KGR, KGT, ONTOLOGY_FILES, ontology_graph, shapes_graph

HERE = Path(__file__).parent
ROOT = HERE.parent

CONTRACT_THREATS = {"Terrorism", "Jihadism", "Radicalisation", "ViolentExtremism", "HybridThreat",
                    "CyberThreat", "Disinformation", "IrregularMigration", "MigrantSmuggling",
                    "HumanTrafficking", "OrganisedCrime", "DrugTrafficking", "ArmsTrafficking",
                    "Espionage", "MoneyLaundering"}
CONTRACT_CLASSES = {"Article", "Person", "Role", "Ministry", "Country", "Organization", "Place",
                    "Meeting", "Threat"}
CONTRACT_PROPERTIES = {"holdsRole", "ofMinistry", "ofCountry", "ofOrganization", "heldRole",
                       "attends", "concerns", "heldIn", "date", "mentions"}
ORG = "http://www.w3.org/ns/org#"


def kgo_terms(g: Graph, kind: URIRef) -> set[URIRef]:
    return {t for t in g.subjects(RDF.type, kind) if str(t).startswith(str(KGO._NS))}


def fold(text: str) -> str:
    """How the extractor compares labels: lower case, no accents."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


# ---------------------------------------------------------------- files and vocabulary

@pytest.mark.parametrize("name", ["kgo.ttl", "threats.ttl", "shapes.ttl"])
def test_turtle_files_parse_and_are_the_installed_ones(name):
    source = ROOT / "ontology" / name
    assert len(Graph().parse(source, format="turtle")) > 0
    installed = {f.name: f for f in ONTOLOGY_FILES.values()}[name]
    assert installed.read_text(encoding="utf-8") == source.read_text(encoding="utf-8")


def test_generated_vocabulary_is_in_sync_with_the_turtle():
    on_disk = (ROOT / "kg" / "vocab.py").read_text(encoding="utf-8")
    assert on_disk == _genvocab.render(), "kg/vocab.py is stale: run `python -m kg._genvocab`"


def test_vocabulary_is_closed():
    with pytest.raises(AttributeError):
        KGO.holdsRol  # noqa: B018
    with pytest.raises(AttributeError):
        KGT.Terrorisme  # noqa: B018


def test_the_ontology_has_the_contract_terms():
    g = ontology_graph()
    classes = kgo_terms(g, OWL.Class)
    properties = kgo_terms(g, OWL.ObjectProperty) | kgo_terms(g, OWL.DatatypeProperty)
    assert {KGO[c] for c in CONTRACT_CLASSES} <= classes
    assert {KGO[p] for p in CONTRACT_PROPERTIES} <= properties
    assert {KGO.FactProvenance} | {KGO[p] for p in ("sentenceStart", "sentenceEnd", "sentence")} \
        <= classes | properties


@pytest.mark.parametrize("kind", [OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty])
def test_every_term_has_french_and_english_labels_and_comments(kind):
    g = ontology_graph()
    terms = kgo_terms(g, kind)
    assert terms
    for term in terms:
        for pred in (RDFS.label, RDFS.comment):
            langs = sorted(v.language for v in g.objects(term, pred))
            assert langs == ["en", "fr"], f"{term} needs one {pred} @fr and one @en, has {langs}"


def test_every_property_has_a_domain_and_the_contract_ranges():
    g = ontology_graph()
    for prop in kgo_terms(g, OWL.ObjectProperty) | kgo_terms(g, OWL.DatatypeProperty):
        assert g.value(prop, RDFS.domain) is not None, f"{prop} has no rdfs:domain"
    assert g.value(KGO.holdsRole, RDFS.range) == KGO.Role
    assert g.value(KGO.concerns, RDFS.range) == KGO.Threat
    assert g.value(KGO.sentenceStart, RDFS.range) == XSD.integer
    date_range = g.value(g.value(KGO.date, RDFS.range), OWL.unionOf)
    assert set(g.items(date_range)) == {XSD.date, XSD.gYearMonth, XSD.gYear}
    country_domain = g.value(g.value(KGO.ofCountry, RDFS.domain), OWL.unionOf)
    assert set(g.items(country_domain)) == {KGO.Role, KGO.Ministry, KGO.Meeting, KGO.Organization}


def test_contract_alignments():
    g = ontology_graph()
    assert (KGO.holdsRole, RDFS.subPropertyOf, URIRef(ORG + "holds")) in g
    assert (KGO.Role, RDFS.subClassOf, URIRef(ORG + "Post")) in g
    assert (KGO.ofMinistry, RDFS.subPropertyOf, URIRef(ORG + "postIn")) in g
    assert (KGO.Threat, RDFS.subClassOf, SKOS.Concept) in g


# ---------------------------------------------------------------- the threat scheme

def test_threat_scheme_has_exactly_the_contract_concepts():
    g = ontology_graph()
    typed = {c for c in g.subjects(RDF.type, SKOS.Concept)}
    in_scheme = set(g.subjects(SKOS.inScheme, KGT.scheme))
    threats = set(g.subjects(RDF.type, KGO.Threat))
    expected = {KGT[k] for k in CONTRACT_THREATS}
    assert typed == in_scheme == threats == expected
    assert (KGT.scheme, RDF.type, SKOS.ConceptScheme) in g


def test_threats_are_declared_individuals_that_link_to_no_other_threat():
    """pySHACL copies only owl:NamedIndividuals from the ontology graph into the data
    graph, following their links ten levels deep: the concepts must be declared, and the
    scheme and concepts must not link to one another, or each validation explodes."""
    g = ontology_graph()
    for node in [KGT.scheme, *(KGT[k] for k in CONTRACT_THREATS)]:
        assert (node, RDF.type, OWL.NamedIndividual) in g
        linked = {o for o in g.objects(node, None) if str(o).startswith(str(KGT._NS))}
        assert linked <= {KGT.scheme} - {node}, f"{node} links to {linked}"


@pytest.mark.parametrize("key", sorted(CONTRACT_THREATS))
def test_every_threat_has_labels_and_a_definition(key):
    g = ontology_graph()
    concept = KGT[key]
    assert (concept, SKOS.topConceptOf, KGT.scheme) in g
    assert sorted(v.language for v in g.objects(concept, SKOS.prefLabel)) == ["en", "fr"]
    assert "en" in {v.language for v in g.objects(concept, SKOS.definition)}
    alts = list(g.objects(concept, SKOS.altLabel))
    assert {v.language for v in alts} == {"fr"}
    assert len(alts) >= 3
    pref_fr = {str(v) for v in g.objects(concept, SKOS.prefLabel) if v.language == "fr"}
    assert not pref_fr & {str(v) for v in alts}, "a prefLabel is not also an altLabel (SKOS S13)"


def test_no_surface_form_belongs_to_two_threats():
    g = ontology_graph()
    owner: dict[str, URIRef] = {}
    for pred in (SKOS.prefLabel, SKOS.altLabel):
        for concept, label in g.subject_objects(pred):
            if label.language != "fr":
                continue
            key = " ".join(fold(str(label)).split())
            assert owner.setdefault(key, concept) == concept, \
                f"{str(label)!r} is a label of both {owner[key]} and {concept}"


# "migrants", "migration" are labels of IrregularMigration on purpose (see its scopeNote):
# news names the topic of a meeting without the qualifier.
@pytest.mark.parametrize("too_vague", ["menace", "menaces", "sécurité", "drogue", "drogues",
                                       "crime", "criminalité", "attaque", "trafic", "propagande",
                                       "stupéfiants"])
def test_no_bare_generic_word_is_a_label(too_vague):
    g = ontology_graph()
    labels = {fold(str(v)) for p in (SKOS.prefLabel, SKOS.altLabel) for v in g.objects(None, p)}
    assert fold(too_vague) not in labels


# ---------------------------------------------------------------- the SHACL shapes

PERSON = KGR["person/jane-doe"]
ROLE = KGR["role/FR/ministre-interieur"]
MINISTRY = KGR["ministry/FR/interieur"]
COUNTRY = KGR["country/FR"]
MEETING = KGR["meeting/paris-2021-12"]
PLACE = KGR["place/paris"]
ARTICLE = KGR["article/001_paris"]
SUPPORT = KGR["provenance/001_paris/0001"]


def conforming() -> Graph:
    """A person holding a post of a ministry of France, attending a meeting in Paris in
    December 2021 that concerns terrorism. The data does not type kgt:Terrorism: that
    comes from threats.ttl, given to the validator as the ontology graph."""
    g = Graph()
    for node, cls, label in ((PERSON, KGO.Person, "Jane Doe"),
                             (ROLE, KGO.Role, "ministre de l'Intérieur"),
                             (MINISTRY, KGO.Ministry, "ministère de l'Intérieur"),
                             (COUNTRY, KGO.Country, "France"),
                             (MEETING, KGO.Meeting, "Réunion à Paris (2021-12)"),
                             (PLACE, KGO.Place, "Paris"),
                             (ARTICLE, KGO.Article, "001_paris")):
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(label, lang="fr")))
    g.add((PERSON, KGO.holdsRole, ROLE))
    g.add((ROLE, KGO.ofMinistry, MINISTRY))
    g.add((ROLE, KGO.ofCountry, COUNTRY))
    g.add((MINISTRY, KGO.ofCountry, COUNTRY))
    g.add((PERSON, KGO.attends, MEETING))
    g.add((MEETING, KGO.heldIn, PLACE))
    g.add((MEETING, KGO.ofCountry, COUNTRY))
    g.add((MEETING, KGO.concerns, KGT.Terrorism))
    g.add((MEETING, KGO.date, Literal("2021-12", datatype=XSD.gYearMonth)))
    g.add((ARTICLE, KGO.date, Literal("2021-12-06", datatype=XSD.date)))
    for node in (PERSON, ROLE, MEETING, PLACE, COUNTRY):
        g.add((ARTICLE, KGO.mentions, node))
    sentence = "Jane Doe s'est rendue à Paris en décembre."
    for p, o in ((RDF.type, KGO.FactProvenance), (RDF.subject, PERSON),
                 (RDF.predicate, KGO.attends), (RDF.object, MEETING),
                 (PROV.wasDerivedFrom, ARTICLE), (KGO.sentenceStart, Literal(0)),
                 (KGO.sentenceEnd, Literal(len(sentence))), (KGO.sentence, Literal(sentence))):
        g.add((SUPPORT, p, o))
    return g


def violations(data: Graph) -> set[URIRef]:
    """The constraint components the data breaks (empty when it conforms)."""
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes_graph(),
                                           ont_graph=ontology_graph(), inference="none")
    found = set(report.objects(None, SH.sourceConstraintComponent))
    assert conforms == (not found)
    return found


def replace_node(g: Graph, old: URIRef, new: URIRef) -> None:
    for s, p, o in list(g):
        if old in (s, o):
            g.remove((s, p, o))
            g.add((new if s == old else s, p, new if o == old else o))


def test_a_conforming_graph_passes():
    assert violations(conforming()) == set()


def test_validation_leaves_the_shared_graphs_alone():
    before = len(ontology_graph()), len(shapes_graph())
    violations(conforming())
    assert (len(ontology_graph()), len(shapes_graph())) == before


def _two_labels(g):
    g.add((PERSON, RDFS.label, Literal("J. Doe", lang="fr")))


def _untagged_label(g):
    g.set((PLACE, RDFS.label, Literal("Paris")))


def _no_label(g):
    g.remove((ROLE, RDFS.label, None))


def _plain_date(g):
    g.set((MEETING, KGO.date, Literal("2021-12")))


def _two_dates(g):
    g.add((MEETING, KGO.date, Literal("2021", datatype=XSD.gYear)))


def _not_a_threat(g):
    g.add((MEETING, KGO.concerns, PLACE))


def _threat_outside_the_scheme(g):
    piracy = URIRef(str(KGT._NS) + "Piracy")  # typed a threat by the data, but not in the scheme
    g.add((piracy, RDF.type, KGO.Threat))
    g.add((MEETING, KGO.concerns, piracy))


def _alpha3_country(g):
    replace_node(g, COUNTRY, KGR["country/fra"])


def _uppercase_person_slug(g):
    replace_node(g, PERSON, KGR["person/Jane-Doe"])


def _role_without_owner(g):
    replace_node(g, ROLE, KGR["role/ministre-interieur"])


def _two_ministries(g):
    other = KGR["ministry/FR/justice"]
    g.add((other, RDF.type, KGO.Ministry))
    g.add((other, RDFS.label, Literal("ministère de la Justice", lang="fr")))
    g.add((other, KGO.ofCountry, COUNTRY))
    g.add((ROLE, KGO.ofMinistry, other))


def _ministry_without_country(g):
    g.remove((MINISTRY, KGO.ofCountry, None))


def _holds_a_person(g):
    g.add((PERSON, KGO.holdsRole, PERSON))


def _held_in_a_country(g):
    g.add((MEETING, KGO.heldIn, COUNTRY))


def _sentence_ends_before_it_starts(g):
    g.set((SUPPORT, KGO.sentenceEnd, Literal(-1)))


BROKEN: list[tuple[Callable[[Graph], None], URIRef]] = [
    (_two_labels, SH.MaxCountConstraintComponent),
    (_untagged_label, SH.DatatypeConstraintComponent),
    (_no_label, SH.MinCountConstraintComponent),
    (_plain_date, SH.OrConstraintComponent),
    (_two_dates, SH.MaxCountConstraintComponent),
    (_not_a_threat, SH.ClassConstraintComponent),
    (_threat_outside_the_scheme, SH.NodeConstraintComponent),
    (_alpha3_country, SH.PatternConstraintComponent),
    (_uppercase_person_slug, SH.PatternConstraintComponent),
    (_role_without_owner, SH.PatternConstraintComponent),
    (_two_ministries, SH.MaxCountConstraintComponent),
    (_ministry_without_country, SH.MinCountConstraintComponent),
    (_holds_a_person, SH.ClassConstraintComponent),
    (_held_in_a_country, SH.ClassConstraintComponent),
    (_sentence_ends_before_it_starts, SH.LessThanConstraintComponent),
]


@pytest.mark.parametrize(("break_it", "component"), BROKEN,
                         ids=[f.__name__.strip("_") for f, _ in BROKEN])
def test_broken_graphs_fail(break_it, component):
    g = conforming()
    break_it(g)
    assert component in violations(g), f"{break_it.__name__} should break {component}"


@pytest.mark.parametrize(("break_it", "component"), BROKEN,
                         ids=[f.__name__.strip("_") for f, _ in BROKEN])
def test_the_per_article_check_finds_what_the_full_check_finds(break_it, component):
    """kg.validate.article_problems mixes in only the ontology triples the shapes read;
    on every broken graph it finds a violation exactly when the full check does."""
    from kg.validate import article_problems, problems

    assert article_problems(conforming()) == []
    g = conforming()
    break_it(g)
    copy = Graph()
    for triple in g:
        copy.add(triple)
    assert problems(g) and article_problems(copy)
