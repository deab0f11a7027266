"""The records that cross from extraction to graph building.

Extractors turn a spaCy Doc into `Fact`s about `Node`s; the builder turns those into
triples. Neither side sees the other's library: this module imports neither spaCy nor
rdflib.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

#: Kinds of node, one per ontology class an instance can have.
KINDS = ("article", "person", "role", "ministry", "country", "org", "place", "meeting", "threat")


@dataclass(frozen=True)
class Article:
    """One input article: its id (file stem), optional date and body text."""

    id: str
    text: str
    date: str | None = None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    source: Path | None = field(default=None, compare=False)
    title: str | None = None
    url: str | None = None
    warnings: tuple[str, ...] = field(default=(), compare=False)  # e.g. "decoded as Windows-1252"


@dataclass(frozen=True, order=True)
class Node:
    """An entity an article talks about.

    `key` is what its IRI is minted from (see kg.iri): a slug for people, places and
    organisations, an ISO code for countries, "FR/ministre-de-l-interieur" for posts.
    """

    kind: str
    key: str
    label: str

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown node kind {self.kind!r}; expected one of {', '.join(KINDS)}")


@dataclass(frozen=True, order=True)
class Date:
    """A date as precise as the text allows: "2021", "2021-12" or "2021-12-06"."""

    value: str


@dataclass(frozen=True, order=True)
class Fact:
    """`subject predicate object`, with the character span of the supporting sentence.

    `predicate` is the local name of a kgo: property ("holdsRole", "attends", ...).
    `start`/`end` are offsets into `Article.text`; (0, 0) when no sentence supports it.
    """

    subject: Node
    predicate: str
    object: Node | Date
    start: int = 0
    end: int = 0
