"""docs/ontology.md is generated from the ontology and documents every term in it."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF
from rdflib.namespace import SKOS

from kg import _gendocs
from kg.vocab import KGO, KGT, ontology_graph

ROOT = Path(__file__).parent.parent
PAGE = ROOT / "docs" / "ontology.md"


@pytest.fixture(scope="module")
def page() -> str:
    return PAGE.read_text(encoding="utf-8")


def test_ontology_page_is_in_sync_with_the_turtle(page):
    assert page == _gendocs.render(), "docs/ontology.md is stale: run `python -m kg._gendocs`"


def test_check_mode_agrees(monkeypatch, tmp_path, capsys):
    assert _gendocs.main(["--check"]) == 0
    monkeypatch.setattr(_gendocs, "TARGET", tmp_path / "ontology.md")
    assert _gendocs.main(["--check"]) == 1
    assert "python -m kg._gendocs" in capsys.readouterr().err


def test_render_is_deterministic():
    assert _gendocs.render() == _gendocs.render(ontology_graph())


def kgo_terms() -> list[str]:
    g = ontology_graph()
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return sorted({str(t)[len(str(KGO._NS)):] for kind in kinds for t in g.subjects(RDF.type, kind)
                   if str(t).startswith(str(KGO._NS))})


def threat_keys() -> list[str]:
    return sorted(str(c)[len(str(KGT._NS)):] for c in ontology_graph().subjects(SKOS.inScheme, KGT.scheme))


@pytest.mark.parametrize("name", kgo_terms())
def test_every_kgo_term_has_a_section(page, name):
    assert f"\n### kgo:{name}\n" in page
    assert f"`{KGO._NS}{name}`" in page


@pytest.mark.parametrize("key", threat_keys())
def test_every_threat_has_a_section_with_its_labels(page, key):
    assert f"\n### kgt:{key}\n" in page and f"- **Key:** `{key}`" in page
    section = page.split(f"\n### kgt:{key}\n", 1)[1].split("\n### ", 1)[0]
    concept = KGT[key]
    for label in ontology_graph().objects(concept, SKOS.altLabel):
        if label.language == "fr":
            assert _gendocs._escape(str(label)) in section, (key, str(label))


def test_terms_and_threats_are_all_there():
    assert len(kgo_terms()) >= 19 and len(threat_keys()) == 15
