"""Reading articles from files and folders (no NLP here)."""
from __future__ import annotations

import hashlib
import itertools
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import InputError
from .types import Article

# The optional first-line header of CONTRACT.md: " date YYYY-MM[-DD] " before the body.
_HEADER = re.compile(r"^\s*date\s+(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:\s+|$)")
_ID = re.compile(r"[^A-Za-z0-9_]+")


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
    """A date header or field must name a real month and day ("2021-02-30" does not)."""
    import calendar

    parts = [int(p) for p in date.split("-")]
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        raise InputError(f"{where}: bad month in date header {date!r}")
    if len(parts) > 2 and not 1 <= parts[2] <= calendar.monthrange(parts[0] or 1, parts[1])[1]:
        raise InputError(f"{where}: bad day in date header {date!r}")


_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
#: File suffixes read as articles, and how.
SUFFIXES = (".txt", ".jsonl", ".html", ".htm")


#: Files larger than this are skipped (`kg build --max-bytes` changes it).
MAX_BYTES = 5_000_000


def _decode(raw: bytes, path: Path) -> tuple[str, str | None]:
    """UTF-8 (with or without BOM); else Windows-1252 French text, with a warning."""
    if b"\x00" in raw[:4096]:
        raise InputError(f"{path}: binary file, not text")
    try:
        text = raw.decode("utf-8-sig")
        warning = None
    except UnicodeDecodeError as e:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(f"{path}: not UTF-8 text (byte {e.start})") from e
        warning = f"{path}: not UTF-8; decoded as Windows-1252 (Latin-1)"
    controls = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\r\n\t")
    if controls > 0.05 * min(len(text), 4096):
        raise InputError(f"{path}: binary file, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n"), warning


def _read_text(path: Path, max_bytes: int = MAX_BYTES) -> tuple[str, str | None]:
    """The file's text (line ends normalised) and a warning about its encoding, if any."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: {size} bytes, over the {max_bytes}-byte limit")
        raw = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from e
    return _decode(raw, path)


def _article_id(name: str) -> str:
    """An id safe in every syntax and IRI: ASCII letters, digits, "_" and single "-"
    ("Réunion du 6 déc." -> "Reunion-du-6-dec"); a name with none of them gets a stable
    digest of itself ("Мирный" -> "article-1f0c...")."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    ident = _ID.sub("-", ascii_name).strip("-_")
    if ident:
        return ident
    return "article-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]


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


def read_article(path: Path, max_bytes: int = MAX_BYTES) -> Article:
    """Read one `.txt` article; its id is the file name without extension."""
    text, warning = _read_text(path, max_bytes)
    article = parse_article(text, _article_id(path.stem), path)
    if warning:
        article = replace(article, warnings=(warning,))
    if not article.text.strip():
        raise InputError(f"{path}: the article has no text")
    return article


def read_jsonl(path: Path, max_bytes: int = MAX_BYTES) -> Iterator[Article | InputError]:
    """One article per line: {"id", "date", "title", "text", "url"}; `text` is required.
    A broken line yields an InputError naming it, and the other lines are still read."""
    text, _warning = _read_text(path, max_bytes)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield _jsonl_record(path, number, line)
        except InputError as e:
            yield e


def _jsonl_record(path: Path, number: int, line: str) -> Article:
    where = f"{path}:{number}"
    try:
        record = json.loads(line)
    except ValueError as e:
        raise InputError(f"{where}: not a JSON object ({getattr(e, 'msg', e)})") from e
    except RecursionError as e:
        raise InputError(f"{where}: not a JSON object (nested too deeply)") from e
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise InputError(f"{where}: a record needs a \"text\" string")
    for key in ("id", "date", "title", "url"):
        value = record.get(key)
        if value is not None and not isinstance(value, str) \
                and not (key == "id" and isinstance(value, int) and not isinstance(value, bool)):
            raise InputError(f"{where}: \"{key}\" must be a string, not {type(value).__name__}")
    if not record["text"].strip():
        raise InputError(f"{where}: the article has no text")
    article_id = _article_id(str(record.get("id") or f"{path.stem}-{number}"))
    return Article(id=article_id, text=record["text"], date=_iso_date(record.get("date"), where),
                   source=path, title=record.get("title") or None, url=record.get("url") or None)


def read_html(path: Path, max_bytes: int = MAX_BYTES) -> Article:
    """The main text of an HTML page (trafilatura), with its title, date and URL metadata."""
    import trafilatura

    page, _ = _read_text(path, max_bytes)
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


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input: `failed` (unreadable), `skipped` (nothing to build
    or not French) or `warning` (built anyway)."""

    severity: str
    message: str


@dataclass(frozen=True)
class _Place:
    """Where an article was read: its file, its rank among the file's items (JSON Lines
    hold many) and the id it was given."""

    path: Path
    rank: int
    id: str


class Articles(Sequence[Article]):
    """The articles of a corpus, read again from their files each time they are used:
    holding a corpus costs a few dozen bytes per article, not its text, so that a build's
    memory does not grow with the corpus."""

    def __init__(self, places: list[_Place], max_bytes: int) -> None:
        self._places, self._max_bytes = places, max_bytes

    def __len__(self) -> int:
        return len(self._places)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return Articles(self._places[index], self._max_bytes)
        return next(iter(Articles([self._places[index]], self._max_bytes)))

    def __iter__(self) -> Iterator[Article]:
        path, items = None, []
        for place in self._places:
            if place.path != path:
                path, items = place.path, list(_read_path(place.path, self._max_bytes))
            item = items[place.rank] if place.rank < len(items) else None
            if not isinstance(item, Article):
                raise InputError(f"{place.path}: changed while it was being built")
            yield item if item.id == place.id else replace(item, id=place.id)

    def where(self, keep: Callable[[Article], bool]) -> Articles:
        """The articles for which `keep` is true."""
        return Articles([place for place, article in zip(self._places, self, strict=True)
                         if keep(article)], self._max_bytes)


@dataclass
class Corpus:
    articles: Articles = field(default_factory=lambda: Articles([], MAX_BYTES))
    problems: list[Problem] = field(default_factory=list)

    def count(self, severity: str) -> int:
        return sum(1 for p in self.problems if p.severity == severity)


# Frequent French function words; a French article has plenty of them.
_FRENCH = frozenset("le la les de des du et à un une en que qui pour dans est sur par au aux "
                    "avec ne pas plus ont été son sa ses leur".split())


def looks_french(text: str) -> bool:
    """Whether a text reads as French: enough of its words are French function words."""
    words = re.findall(r"[a-zàâçéèêëîïôûùüÿœ]+", text.lower())[:2000]
    return len(words) < 8 or sum(w in _FRENCH for w in words) / len(words) > 0.15


def _read_path(path: Path, max_bytes: int) -> Iterator[Article | InputError]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".jsonl":
            yield from read_jsonl(path, max_bytes)
        elif suffix in (".html", ".htm"):
            yield read_html(path, max_bytes)
        else:
            yield read_article(path, max_bytes)
    except InputError as e:
        yield e
    except (ValueError, RecursionError, MemoryError, LookupError) as e:  # a parser's own
        yield InputError(f"{path}: cannot read ({type(e).__name__}: "
                         f"{' '.join(str(e).split())[:120]})")


def read_corpus(inputs: Iterable[Path], force: bool = False, max_bytes: int = MAX_BYTES) -> Corpus:
    """Every readable article under `inputs`, and a problem for every input that is not.

    One bad file (or JSON line) never stops the others: it is reported and left out.
    """
    corpus = Corpus()
    places: list[_Place] = []
    seen: dict[str, Path] = {}
    paths: list[Path] = []
    for given in inputs:
        try:
            paths.extend(article_paths([given]))
        except InputError as e:
            corpus.problems.append(Problem("failed", str(e)))
    for path in sorted(dict.fromkeys(paths), key=lambda p: (p.name, str(p))):
        for rank, read in enumerate(_read_path(path, max_bytes)):
            if isinstance(read, InputError):
                severity = "skipped" if _is_skip(str(read)) else "failed"
                corpus.problems.append(Problem(severity, str(read)))
                continue
            item = read
            if item.id in seen:
                unique = next(f"{item.id}-{n}" for n in itertools.count(2)
                              if f"{item.id}-{n}" not in seen)
                corpus.problems.append(Problem(
                    "warning", f"{path}: article id {item.id!r} is also used by "
                    f"{seen[item.id]}; this one is {unique!r}"))
                item = replace(item, id=unique)
            if not force and not looks_french(item.text):
                corpus.problems.append(Problem(
                    "skipped", f"{path}: article {item.id!r} does not look French (--force builds it)"))
                continue
            corpus.problems.extend(Problem("warning", w) for w in item.warnings)
            seen[item.id] = path
            places.append(_Place(path, rank, item.id))
    corpus.articles = Articles(places, max_bytes)
    return corpus


def _is_skip(message: str) -> bool:
    return message.endswith("has no text") or "-byte limit" in message


def read_articles(inputs: Iterable[Path]) -> Iterator[Article]:
    """Every article under `inputs`, in a stable order; the first bad input is an error."""
    corpus = read_corpus(inputs, force=True)
    for problem in corpus.problems:
        if problem.severity != "warning":
            raise InputError(problem.message)
    yield from corpus.articles
