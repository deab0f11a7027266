"""Reading articles: the date header, ids, and clear errors for bad files."""
from __future__ import annotations

import pytest

from kg.articles import parse_article, read_article, read_articles
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


def test_non_utf8_names_the_file(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Réunion à Bruxelles".encode("latin-1"))
    with pytest.raises(InputError, match=r"latin1\.txt: not UTF-8"):
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


def test_duplicate_ids_are_refused(tmp_path):
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.txt").write_text("Texte.", encoding="utf-8")
    with pytest.raises(InputError, match="also used by"):
        list(read_articles([tmp_path]))


def test_missing_input(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        list(read_articles([tmp_path / "nope"]))
