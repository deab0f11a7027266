"""Dates in text and weekdays resolved against the article's date."""
from __future__ import annotations

import pytest

from kg.extract.meetings import find_dates, resolve_weekday


@pytest.mark.parametrize("text, expected", [
    ("signé à Paris le 22 janvier 1963 par", ["1963-01-22"]),
    ("s'était tenu en janvier 2018 à", ["2018-01"]),
    ("conclus à Londres en 2010 par", ["2010"]),
    ("Le 10 janvier, le ministre", ["2023-01-10"]),
    ("mardi 16 janvier dans le port", ["2023-01-16"]),
    ("à partir du 1er décembre", ["2023-12-01"]),
    ("mais aussi la main au portefeuille", []),
    ("le référendum de 2016 sur le Brexit", []),
])
def test_find_dates(text, expected):
    assert [d.value for d in find_dates(text, "2023-02-17") if not d.weekday_only] == expected


@pytest.mark.parametrize("weekday, article_date, expected", [
    ("lundi", "2016-02-01", "2016-02-01"),      # the article's own day
    ("vendredi", "2015-11-20", "2015-11-20"),
    ("jeudi", "2017-07-14", "2017-07-13"),      # the day before
    ("dimanche", "2021-11-29", "2021-11-28"),
    ("lundi", "2021-12", "2021-12"),            # a month-precise date stays as precise
    ("lundi", None, None),
])
def test_resolve_weekday(weekday, article_date, expected):
    assert resolve_weekday(weekday, article_date) == expected


def test_a_city_named_like_its_country_is_not_the_country():
    from kg.extract.countries import country_mentions

    assert [c.code for c in country_mentions("réunis à Luxembourg jeudi")] == []
    assert [c.code for c in country_mentions("présidée par le Luxembourg")] == ["LU"]
    assert [c.code for c in country_mentions("le détroit de Gibraltar")] == []
