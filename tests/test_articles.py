"""Reading articles: the date header, ids, and clear errors for bad files."""
from __future__ import annotations

import re

import pytest

from kg.articles import parse_article, read_article, read_articles, read_corpus
from kg.errors import InputError


@pytest.mark.parametrize("text, date, body", [
    (" date 2021-12 Les gouvernements", "2021-12", "Les gouvernements"),
    (" date 2016-02-01 La Belgique", "2016-02-01", "La Belgique"),
    ("date 2019 Texte", "2019", "Texte"),
    ("Sans en-tête.", None, "Sans en-tête."),
    ("datex 2019 Texte", None, "datex 2019 Texte"),
])
def test_date_header(text, date, body):
    article = parse_article(text, "a")
    assert (article.date, article.text) == (date, body)


def test_bad_month_names_the_file(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text(" date 2021-13 Texte", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.txt: bad month"):
        read_article(path)


def test_windows_1252_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Réunion à Bruxelles\r\nlundi".encode("cp1252"))
    article = read_article(path)
    assert article.text == "Réunion à Bruxelles\nlundi"
    assert article.warnings == (f"{path}: not UTF-8; decoded as Windows-1252 (Latin-1)",)


def test_binary_is_refused(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InputError, match=r"blob\.txt: binary file"):
        read_article(path)


def test_empty_article_is_refused(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text(" date 2021-12 ", encoding="utf-8")
    with pytest.raises(InputError, match="no text"):
        read_article(path)


def test_folders_are_read_in_a_stable_order(tmp_path):
    (tmp_path / "b.txt").write_text("Deux.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Un.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    assert [a.id for a in read_articles([tmp_path])] == ["a", "b"]


def test_duplicate_ids_get_a_suffix(tmp_path):
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.txt").write_text("Texte.", encoding="utf-8")
    corpus = read_corpus([tmp_path], force=True)
    assert [a.id for a in corpus.articles] == ["same", "same-2"]
    [problem] = corpus.problems
    assert problem.severity == "warning" and "also used by" in problem.message


@pytest.mark.parametrize("name, expected", [
    ("note.", "note"), ("a..b", "a-b"), ("Réunion du 6 déc.", "Reunion-du-6-dec"),
    ("011_slug", "011_slug"), ("--x--", "x")])
def test_article_ids_are_safe_in_every_syntax(name, expected):
    from kg.articles import _article_id

    assert _article_id(name) == expected


def test_a_name_without_latin_letters_gets_a_stable_digest():
    from kg.articles import _article_id

    assert _article_id("Мирный") == _article_id("Мирный") != _article_id("Ωμέγα")
    assert _article_id("Мирный").startswith("article-")


def test_missing_input(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        list(read_articles([tmp_path / "nope"]))


def test_json_lines(tmp_path):
    from kg.articles import read_jsonl

    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "a/1", "date": "2021-12-06T10:00:00Z", "title": "T", "text": "Un.", '
                    '"url": "https://example.org/a"}\n\n{"text": "Deux."}\n', encoding="utf-8")
    first, second = read_jsonl(path)
    assert (first.id, first.date, first.title, first.url) == ("a-1", "2021-12-06", "T",
                                                             "https://example.org/a")
    assert (second.id, second.date, second.text) == ("feed-3", None, "Deux.")


@pytest.mark.parametrize("line, message", [
    ("{not json", r"feed\.jsonl:2: not a JSON object"),
    ('{"title": "no text"}', r"feed\.jsonl:2: a record needs a \"text\" string"),
    ('{"text": "x", "date": "hier"}', r"feed\.jsonl:2: date 'hier' is not YYYY"),
])
def test_json_lines_errors_name_the_line(tmp_path, line, message):
    from kg.articles import read_jsonl

    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "Un."}\n' + line + "\n", encoding="utf-8")
    good, bad = read_jsonl(path)
    assert good.text == "Un."
    assert isinstance(bad, InputError)
    assert re.search(message, str(bad))


def test_html_page_main_text_and_metadata(tmp_path):
    from kg.articles import read_html

    path = tmp_path / "page.html"
    body = " ".join(["Le ministre de l'Intérieur a réuni lundi ses homologues à Bruxelles."] * 5)
    path.write_text(f"""<html><head><title>Réunion à Bruxelles</title>
<meta property="article:published_time" content="2021-12-06">
<link rel="canonical" href="https://example.org/reunion"></head>
<body><nav>Accueil | Monde | Sport</nav><article><h1>Réunion à Bruxelles</h1><p>{body}</p>
<p>{body}</p></article><footer>Mentions légales</footer></body></html>""", encoding="utf-8")
    article = read_html(path)
    assert "ministre de l'Intérieur" in article.text
    assert "Mentions légales" not in article.text
    assert (article.title, article.date, article.url) == ("Réunion à Bruxelles", "2021-12-06",
                                                          "https://example.org/reunion")
