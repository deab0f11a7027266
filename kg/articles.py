"""Reading articles from files and folders (no NLP here)."""
from __future__ import annotations

import json
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


_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
#: File suffixes read as articles, and how.
SUFFIXES = (".txt", ".jsonl", ".html", ".htm")


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from e
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: not UTF-8 text (byte {e.start})") from e


def _article_id(text: str) -> str:
    return _ID.sub("-", text).strip("-") or "article"


def _iso_date(value: object, where: object) -> str | None:
    """"2021-12-06T10:00:00Z" -> "2021-12-06"; None stays None."""
    if value in (None, ""):
        return None
    match = _DATE.match(str(value))
    if not match:
        raise InputError(f"{where}: date {value!r} is not YYYY[-MM[-DD]]")
    date = "-".join(p for p in match.groups() if p)
    _check_date(date, where)
    return date


def read_article(path: Path) -> Article:
    """Read one `.txt` article; its id is the file name without extension."""
    article = parse_article(_read_text(path), _article_id(path.stem), path)
    if not article.text.strip():
        raise InputError(f"{path}: the article has no text")
    return article


def read_jsonl(path: Path) -> Iterator[Article]:
    """One article per line: {"id", "date", "title", "text", "url"}; `text` is required."""
    for number, line in enumerate(_read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except ValueError as e:
            raise InputError(f"{where}: not a JSON object ({e.msg})") from e
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError(f"{where}: a record needs a \"text\" string")
        if not record["text"].strip():
            raise InputError(f"{where}: the article has no text")
        article_id = _article_id(str(record.get("id") or f"{path.stem}-{number}"))
        yield Article(id=article_id, text=record["text"], date=_iso_date(record.get("date"), where),
                      source=path, title=record.get("title") or None, url=record.get("url") or None)


def read_html(path: Path) -> Article:
    """The main text of an HTML page (trafilatura), with its title, date and URL metadata."""
    import trafilatura

    page = _read_text(path)
    text = trafilatura.extract(page, include_comments=False, include_tables=False,
                               favor_precision=True)
    if not text or not text.strip():
        raise InputError(f"{path}: no article text found in the page")
    meta = trafilatura.extract_metadata(page)
    return Article(id=_article_id(path.stem), text=text,
                   date=_iso_date(getattr(meta, "date", None), path), source=path,
                   title=getattr(meta, "title", None) or None, url=getattr(meta, "url", None) or None)


def article_paths(inputs: Iterable[Path]) -> list[Path]:
    """Expand files and folders (recursively) into the sorted list of article files."""
    paths: list[Path] = []
    inputs = list(inputs)
    for item in inputs:
        if item.is_dir():
            paths.extend(p for p in sorted(item.rglob("*"))
                         if p.is_file() and p.suffix.lower() in SUFFIXES)
        elif item.is_file():
            paths.append(item)
        else:
            raise InputError(f"{item}: no such file or folder")
    if not paths:
        raise InputError(f"no articles ({', '.join(SUFFIXES)}) in {', '.join(map(str, inputs))}")
    return sorted(dict.fromkeys(paths), key=lambda p: (p.name, str(p)))


def _read_path(path: Path) -> Iterator[Article]:
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from read_jsonl(path)
    elif suffix in (".html", ".htm"):
        yield read_html(path)
    else:
        yield read_article(path)


def read_articles(inputs: Iterable[Path]) -> Iterator[Article]:
    """Read every article under `inputs`, in a stable order, refusing duplicate ids."""
    seen: dict[str, Path] = {}
    for path in article_paths(inputs):
        for article in _read_path(path):
            if article.id in seen:
                raise InputError(f"{path}: article id {article.id!r} is also used by {seen[article.id]}")
            seen[article.id] = path
            yield article
