"""Bad inputs: each is reported on one line naming the file, the good articles of the
same run are still built, and the exit code says whether anything failed."""
from __future__ import annotations

import pathlib

import pytest

from kg.cli import main
from kg.store import load
from kg.vocab import KGR

pytestmark = pytest.mark.model

GOOD = (" date 2022-03-04 Le ministre de l'Intérieur, Gérald Darmanin, a réuni vendredi à Lille "
        "ses homologues pour parler de la lutte contre le terrorisme et les passeurs.")
FRENCH = "La réunion des ministres de l'Intérieur s'est tenue à Bruxelles pour parler de la sécurité."


def _latin1(d):
    (d / "latin1.txt").write_bytes(FRENCH.encode("latin-1"))


def _unreadable(d, monkeypatch):
    target = d / "locked.txt"
    target.write_text(FRENCH, encoding="utf-8")
    real = pathlib.Path.read_bytes

    def read_bytes(self):
        if self == target:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)


def _long(d, monkeypatch):
    from kg.nlp import pipeline

    monkeypatch.setattr(pipeline(), "max_length", 200)
    (d / "long.txt").write_text((FRENCH + " ") * 12, encoding="utf-8")


def _poison(d, monkeypatch, how):
    """An article on which extraction goes wrong in one way; the others are untouched."""
    import kg.pipeline
    from kg.types import Fact, Node

    (d / "poison.txt").write_text(FRENCH, encoding="utf-8")
    real = kg.pipeline.extract
    person = Node("person", "jean-dupont", "Jean Dupont")

    def extract(article, doc, lexicon):
        facts = real(article, doc, lexicon)
        if article.id != "poison":
            return facts
        if how == "raise":
            return 1 / 0
        if how == "empty slug":
            return facts + [Fact(person, "holdsRole", Node("role", "BE/", "roi des"))]
        return facts + [Fact(Node("person", "sans-nom", ""), "attends",
                             Node("meeting", "bruxelles", "Réunion à Bruxelles"))]

    monkeypatch.setattr(kg.pipeline, "extract", extract)


def _unicode_names(d):
    for name in ("Мирный", "Ωμέγα"):
        (d / f"{name}.txt").write_text(FRENCH, encoding="utf-8")


CASES = {
    # name: (make the bad input, expected message, exit code, extra args, built articles)
    "missing path": (lambda d: None, "nope: no such file or folder", 1, ["NOPE"], {"good"}),
    "unreadable file": (_unreadable, "locked.txt: cannot read (Permission denied)", 1, [], {"good"}),
    "empty file": (lambda d: (d / "empty.txt").write_text("", encoding="utf-8"),
                   "empty.txt: the article has no text", 0, [], {"good"}),
    "whitespace only": (lambda d: (d / "blank.txt").write_text(" \n\t\n ", encoding="utf-8"),
                        "blank.txt: the article has no text", 0, [], {"good"}),
    "binary file": (lambda d: (d / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
                    "image.txt: binary file, not text", 1, [], {"good"}),
    "Latin-1 text": (_latin1, "latin1.txt: not UTF-8; decoded as Windows-1252", 0, [],
                     {"good", "latin1"}),
    "UTF-8 with BOM": (lambda d: (d / "bom.txt").write_bytes(b"\xef\xbb\xbf" + FRENCH.encode()),
                       None, 0, [], {"good", "bom"}),
    "CRLF line ends": (lambda d: (d / "crlf.txt").write_bytes((FRENCH + "\r\n\r\n" + FRENCH).encode()),
                       None, 0, [], {"good", "crlf"}),
    "malformed date": (lambda d: (d / "date.txt").write_text(" date 2021-13 " + FRENCH, encoding="utf-8"),
                       "date.txt: bad month in date header '2021-13'", 1, [], {"good"}),
    "longer than max_length": (_long, None, 0, [], {"good", "long"}),
    "over the size limit": (lambda d: (d / "huge.txt").write_text(FRENCH * 40, encoding="utf-8"),
                            "over the 2000-byte limit", 0,
                            ["--max-bytes", "2000"], {"good"}),
    "broken JSON line": (lambda d: (d / "feed.jsonl").write_text(
        f'{{"id": "j1", "text": "{FRENCH}"}}\n{{"id": "j2", "text": \n'
        f'{{"id": "j3", "text": "{FRENCH}"}}\n', encoding="utf-8"),
        "feed.jsonl:2: not a JSON object", 1, [], {"good", "j1", "j3"}),
    "duplicate ids": (lambda d: ((d / "sub").mkdir(), (d / "sub" / "good.txt").write_text(
        FRENCH, encoding="utf-8")), "good.txt: article id 'good' is also used by", 0, [],
        {"good", "good-2"}),
    "impossible date": (lambda d: (d / "feb.txt").write_text(" date 2021-02-30 " + FRENCH,
                                                             encoding="utf-8"),
                        "feb.txt: bad day in date header '2021-02-30'", 1, [], {"good"}),
    "number as title": (lambda d: (d / "titles.jsonl").write_text(
        f'{{"id": "t1", "title": 7, "text": "{FRENCH}"}}\n'
        f'{{"id": "t2", "url": [1], "text": "{FRENCH}"}}\n', encoding="utf-8"),
        'titles.jsonl:1: "title" must be a string, not int', 1, [], {"good"}),
    "deeply nested JSON": (lambda d: (d / "deep.jsonl").write_text("[" * 100_000 + "\n",
                                                                   encoding="utf-8"),
                           "deep.jsonl:1: not a JSON object (nested too deeply)", 1, [], {"good"}),
    "dots in the name": (lambda d: (d / "note..txt").write_text(FRENCH, encoding="utf-8"),
                         None, 0, [], {"good", "note"}),
    "a rule raises": (lambda d, m: _poison(d, m, "raise"),
                      "poison.txt: extraction failed (ZeroDivisionError", 1, [], {"good"}),
    "a degenerate IRI": (lambda d, m: _poison(d, m, "empty slug"),
                         "poison.txt: left out a fact whose role has no usable IRI ('roi des')",
                         0, [], {"good", "poison"}),
    "a graph that breaks a shape": (lambda d, m: _poison(d, m, "no label"),
                                    "poison.txt: its graph breaks 1 SHACL constraint(s)", 1, [],
                                    {"good"}),
    "not French": (lambda d: (d / "english.txt").write_text(
        "The interior ministers met in Brussels on Monday to discuss the fight against "
        "terrorism and the smuggling networks that operate across the Channel.", encoding="utf-8"),
        "english.txt: article 'english' does not look French", 0, [], {"good"}),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input(case, tmp_path, monkeypatch, capsys):
    make, message, code, extra, built = CASES[case]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    try:
        make(corpus, monkeypatch)
    except TypeError:
        make(corpus)
    extra = [str(tmp_path / "nope") if a == "NOPE" else a for a in extra]
    inputs = [str(corpus)] + [a for a in extra if a.endswith("nope")]
    options = [a for a in extra if not a.endswith("nope")]
    assert main(["build", *inputs, "--out", str(tmp_path / "out"), *options]) == code
    err = capsys.readouterr().err
    if message:
        [line] = [text for text in err.splitlines() if message in text]
        assert line.startswith("kg: "), line
    assert "Traceback" not in err
    graphs = {str(g.identifier) for g in load(tmp_path / "out" / "graph.trig").graphs()}
    found = {a for a in ("good", "good-2", "latin1", "bom", "crlf", "long", "j1", "j2", "j3",
                         "note", "poison") if str(KGR[f"article/{a}"]) in graphs}
    assert found == built


def test_names_in_other_scripts_get_distinct_readable_ids(tmp_path):
    _unicode_names(tmp_path)
    assert main(["build", str(tmp_path), "--out", str(tmp_path / "out")]) == 0
    ids = sorted(str(g.identifier).rsplit("/", 1)[1]
                 for g in load(tmp_path / "out" / "graph.trig").graphs() if len(g))
    assert len(ids) == 2 and ids[0] != ids[1]
    assert all(i.startswith("article-") for i in ids)


def test_one_corpus_with_every_poison_builds_every_good_article(tmp_path, monkeypatch, capsys):
    """The contract of the README: each bad input is one line, the good ones are built,
    the exit code is 1 because something failed."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(3):
        (corpus / f"good{n}.txt").write_text(GOOD, encoding="utf-8")
    poisons = ["impossible date", "number as title", "deeply nested JSON", "dots in the name",
               "binary file", "broken JSON line", "a rule raises"]
    for name in poisons:
        make = CASES[name][0]
        try:
            make(corpus, monkeypatch)
        except TypeError:
            make(corpus)
    assert main(["build", str(corpus), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err.splitlines()
    for name in poisons:
        message = CASES[name][1]
        if message:
            assert sum(message in line for line in err) == 1, name
    assert "Traceback" not in "\n".join(err)
    graphs = {str(g.identifier).rsplit("/", 1)[1]
              for g in load(tmp_path / "out" / "graph.trig").graphs() if len(g)}
    assert {"good0", "good1", "good2", "note", "j1", "j3"} <= graphs
    assert "poison" not in graphs and "feb" not in graphs
    assert err[-1].startswith("kg: built ") and "failed 0" not in err[-1]


def test_a_long_graph_checked_in_slices_breaks_the_same_shapes(monkeypatch):
    """chunk_problems checks a graph in slices of subjects; what it finds does not depend
    on the slice size (hand-made facts, no model)."""
    import kg.pipeline
    from kg.build import article_nquads
    from kg.types import Article, Date, Fact, Node

    article = Article("long", "Un texte.", "2021-12")
    meeting = Node("meeting", "bruxelles-2021-12", "Réunion à Bruxelles (2021-12)")
    facts = [Fact(meeting, "heldIn", Node("place", "bruxelles", "Bruxelles")),
             Fact(meeting, "date", Date("2021-12")),
             Fact(meeting, "concerns", Node("threat", "Terrorism", "Terrorism")),
             Fact(meeting, "heldIn", Node("country", "BE", "Belgique")),  # not a Place
             Fact(Node("person", "sans-nom", ""), "attends", meeting)]    # no label
    for n in range(40):
        person = Node("person", f"personne-{n}", f"Personne {n}")
        role = Node("role", f"FR/ministre-{n}", f"ministre {n}")
        facts += [Fact(person, "attends", meeting), Fact(person, "holdsRole", role),
                  Fact(role, "ofCountry", Node("country", "FR", "France"))]
    chunk = kg.pipeline.Chunk(kg.pipeline.article_graph(article), article_nquads(article, facts))
    monkeypatch.setattr(kg.pipeline, "SHACL_SLICE", 10_000)
    whole = kg.pipeline.chunk_problems(chunk)
    assert len(whole) == 2
    for size in (1, 7):
        monkeypatch.setattr(kg.pipeline, "SHACL_SLICE", size)
        assert kg.pipeline.chunk_problems(chunk) == whole
