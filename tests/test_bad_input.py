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
        '{"id": "j1", "text": "%s"}\n{"id": "j2", "text": \n{"id": "j3", "text": "%s"}\n'
        % (FRENCH, FRENCH), encoding="utf-8"),
        "feed.jsonl:2: not a JSON object", 1, [], {"good", "j1", "j3"}),
    "duplicate ids": (lambda d: ((d / "sub").mkdir(), (d / "sub" / "good.txt").write_text(
        FRENCH, encoding="utf-8")), "good.txt: article id 'good' is also used by", 1, [], {"good"}),
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
        [line] = [l for l in err.splitlines() if message in l]
        assert line.startswith("kg: "), line
    assert "Traceback" not in err
    graphs = {str(g.identifier) for g in load(tmp_path / "out" / "graph.trig").graphs()}
    found = {a for a in ("good", "latin1", "bom", "crlf", "long", "j1", "j2", "j3")
             if str(KGR[f"article/{a}"]) in graphs}
    assert found == built
