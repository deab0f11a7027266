"""Reading articles from files and folders (no NLP here)."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import InputError
from .types import Article

# The optional first-line header of CONTRACT.md: " date YYYY-MM[-DD] " before the body.
_HEADER = re.compile(r"^\s*date\s+(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:\s+|$)")
_ID = re.compile(r"[^A-Za-z0-9_.-]+")


def parse_article(text: str, article_id: str, source: Path | None = None) -> Article:
    """Split the optional date header from the body of one article's text."""
    date = None
    match = _HEADER.match(text)
    if match:
        date = match.group(1)
        _check_date(date, source or article_id)
        text = text[match.end():]
    return Article(id=article_id, text=text, date=date, source=source)


def _check_date(date: str, where: object) -> None:
    parts = [int(p) for p in date.split("-")]
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        raise InputError(f"{where}: bad month in date header {date!r}")
    if len(parts) > 2 and not 1 <= parts[2] <= 31:
        raise InputError(f"{where}: bad day in date header {date!r}")


def read_article(path: Path) -> Article:
    """Read one `.txt` article; its id is the file name without extension."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from e
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: not UTF-8 text (byte {e.start})") from e
    article_id = _ID.sub("-", path.stem)
    article = parse_article(text, article_id, path)
    if not article.text.strip():
        raise InputError(f"{path}: the article has no text")
    return article


def article_paths(inputs: Iterable[Path]) -> list[Path]:
    """Expand files and folders into the sorted list of `.txt` article files."""
    paths: list[Path] = []
    for item in inputs:
        if item.is_dir():
            paths.extend(p for p in sorted(item.rglob("*.txt")) if p.is_file())
        elif item.is_file():
            paths.append(item)
        else:
            raise InputError(f"{item}: no such file or folder")
    if not paths:
        raise InputError(f"no .txt articles in {', '.join(map(str, inputs))}")
    return sorted(dict.fromkeys(paths), key=lambda p: (p.name, str(p)))


def read_articles(inputs: Iterable[Path]) -> Iterator[Article]:
    """Read every article under `inputs`, in a stable order, refusing duplicate ids."""
    seen: dict[str, Path] = {}
    for path in article_paths(list(inputs)):
        article = read_article(path)
        if article.id in seen:
            raise InputError(f"{path}: article id {article.id!r} is also used by {seen[article.id]}")
        seen[article.id] = path
        yield article
