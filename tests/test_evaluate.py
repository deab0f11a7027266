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
    assert report.macro_f1 >= 0.93, report.table()
    for category in ("persons", "roles+country", "attends", "concerns"):
        assert report.tallies[category].f1 >= 0.90, report.table()


REAL = Path(__file__).parent / "data" / "real"


def test_every_real_press_gold_has_its_source():
    import json

    sources = {s["id"]: s for s in json.loads((REAL / "sources.json").read_text(encoding="utf-8"))}
    golds = {p.name[: -len(".gold.json")] for p in REAL.glob("*.gold.json")}
    assert golds == set(sources) and len(golds) >= 20
    for entry in sources.values():
        assert {"url", "query", "rank", "sha256", "date"} <= set(entry)
        assert len(entry["sha256"]) == 64


def test_real_press_texts_are_checked_against_their_hashes(tmp_path):
    import hashlib
    import json
    import subprocess
    import sys

    excerpt = "Les ministres se sont réunis\u00a0lundi."
    sha = hashlib.sha256(excerpt.encode("utf-8")).hexdigest()
    (tmp_path / "sources.json").write_text(json.dumps(
        [{"id": "101_x", "url": "u", "query": "q", "rank": 1, "sha256": sha, "date": "2020-01"}]))
    (tmp_path / "excerpts.json").write_text(json.dumps({"101_x": excerpt}))
    script = [sys.executable, str(REAL / "check.py"), "--folder", str(tmp_path)]
    run = subprocess.run([*script, "--write", str(tmp_path / "excerpts.json")],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "text" / "101_x.txt").read_text() == " date 2020-01 " + excerpt
    (tmp_path / "text" / "101_x.txt").write_text(" date 2020-01 Autre chose.")
    run = subprocess.run(script, capture_output=True, text=True)
    assert run.returncode == 1
    assert "101_x: text/101_x.txt does not match its sha256" in run.stderr


@pytest.mark.model
def test_evaluate_leaves_out_gold_files_without_their_article(tmp_path):
    import shutil
    import subprocess
    import sys

    seed = Path(__file__).parent.parent / "seeds"
    for path in seed.iterdir():
        shutil.copy(path, tmp_path)
    gold = next(seed.glob("*.gold.json")).read_text(encoding="utf-8")
    (tmp_path / "999_absent.gold.json").write_text(gold, encoding="utf-8")
    kg = [sys.executable, "-m", "kg", "evaluate"]
    run = subprocess.run([*kg, str(tmp_path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "1 of 2 gold files have no article" in run.stderr
    assert "macro F1" in run.stdout
    for path in tmp_path.glob("000_*"):
        path.unlink()
    (tmp_path / "other.txt").write_text("Un autre article.", encoding="utf-8")
    run = subprocess.run([*kg, str(tmp_path)], capture_output=True, text=True)
    assert run.returncode != 0 and run.stderr.count("\n") == 1
    assert "no article for any gold file" in run.stderr
