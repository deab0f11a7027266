"""Fast `finditer` for the word-list patterns the extractors run over every text.

Patterns such as `(?<![\\w-])(?:belge|français|...)` can only match where a word starts.
Python's `re` cannot skip ahead to such places (a leading lookbehind, or case-insensitive
letters, defeat its prefix scan), so it tries the whole pattern at every character of
the text. `Scanners` index a text's word starts once, by their first characters, and try
each pattern only where those characters can begin one of its matches. The matches are
exactly those of `pattern.finditer(text)`, found by the pattern itself; only places where
it cannot match are skipped.

What a pattern can begin with is read from its parse by `re`'s own parser; a pattern
this module cannot analyse is simply run with `finditer`.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

try:  # the parser behind `re`; if it ever changes shape, patterns are scanned as usual
    # private modules (Python 3.11+) that typeshed does not declare
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    _parser = None

#: The lookbehind a pattern must start with to be scanned by word starts.
WORD_START = r"(?<![\w-])"
#: How many characters of a word start the index keys on.
KEY = 3
_WORD = re.compile(r"[\w-]+")
_OTHER = re.compile(r"[^\w-]")
_other_chars: dict[str, bool] = {}
_MAX_PREFIXES = 5000


class WordStarts:
    """Where `WORD_START` holds in one text.

    It holds at the start of every run of word characters and hyphens: `by_key` lists
    those places by the `KEY` characters there. It also holds on any other character
    that starts the text or follows another one: `others` are those characters, for a
    pattern that may begin with one of them cannot be scanned by `by_key` alone.
    (Case-insensitive patterns read the lookbehind the same way: no character's case
    mapping crosses between word and other characters.)
    """

    def __init__(self, text: str):
        by_key: dict[str, list[int]] = {}
        for start in [m.start() for m in _WORD.finditer(text)]:
            by_key.setdefault(text[start:start + KEY], []).append(start)
        self.by_key = by_key
        self.others = {c for c in set(text) if _is_other(c)}


def _is_other(char: str) -> bool:
    known = _other_chars.get(char)
    if known is None:
        known = _other_chars[char] = _OTHER.match(char) is not None
    return known


@lru_cache(maxsize=8)
def word_starts(text: str) -> WordStarts:
    """The `WordStarts` of a text, shared by the scanners run over it."""
    return WordStarts(text)


class Scanners:
    """Several patterns, each run over a text as `finditer` would, but tried only where
    its match can begin. Patterns this module cannot analyse are run as usual."""

    def __init__(self, patterns: Sequence[re.Pattern]):
        self.patterns = list(patterns)
        # per pattern: (its first characters, its first KEY characters), or None
        self._starts = [_start_patterns(p) for p in self.patterns]
        # the patterns that may start with a character, with KEY characters
        self._by_char: dict[str, tuple[int, ...]] = {}
        self._by_key: dict[str, tuple[int, ...]] = {}

    def _starting_char(self, char: str) -> tuple[int, ...]:
        found = self._by_char.get(char)
        if found is None:
            found = self._by_char[char] = tuple(
                i for i, starts in enumerate(self._starts)
                if starts is not None and starts[0].fullmatch(char) is not None)
        return found

    def _starting(self, key: str) -> tuple[int, ...]:
        found = self._by_key.get(key)
        if found is None:
            if len(self._by_key) > _MEMO:
                self._by_key.clear()
            # `_starting_char` gives only analysed patterns: their `_starts` are not None
            found = self._by_key[key] = tuple(
                i for i in self._starting_char(key[0])
                if len(key) < KEY or ((starts := self._starts[i]) is not None
                                      and starts[1].fullmatch(key) is not None))
        return found

    def finditer(self, text: str) -> list[list[re.Match]]:
        """For each pattern, in order, the matches `pattern.finditer(text)` gives."""
        starts = word_starts(text)
        if any(self._starting_char(c) for c in starts.others):  # not covered by `by_key`
            return [list(p.finditer(text)) for p in self.patterns]
        candidates: list[list[int]] = [[] for _ in self.patterns]
        for key, positions in starts.by_key.items():
            for i in self._starting(key):
                candidates[i].extend(positions)
        found: list[list[re.Match]] = []
        for pattern, analysed, where in zip(self.patterns, self._starts, candidates):
            if analysed is None:
                found.append(list(pattern.finditer(text)))
                continue
            where.sort()
            matches = []
            match = pattern.match
            resume = 0
            for pos in where:
                if pos < resume:
                    continue
                m = match(text, pos)
                if m is not None:
                    matches.append(m)
                    resume = m.end()  # never empty: see `_start_patterns`
            found.append(matches)
        return found


_MEMO = 100_000  # keys remembered per `Scanners` before starting afresh


def _start_patterns(pattern: re.Pattern) -> tuple[re.Pattern, re.Pattern] | None:
    """Two patterns that fully match every character, and every `KEY` characters, a match
    of `pattern` can begin with (and perhaps more); None when `pattern` does not start
    with `WORD_START`, may match the empty string, or is beyond this module's analysis."""
    if _parser is None or isinstance(pattern.pattern, bytes) \
            or not pattern.pattern.startswith(WORD_START) \
            or pattern.flags & (re.ASCII | re.LOCALE | re.VERBOSE):
        return None
    try:
        items = _parser.parse(pattern.pattern, pattern.flags & ~re.UNICODE).data
        if not items or items[0][0] is not _c.ASSERT_NOT:  # the parsed WORD_START
            return None
        prefixes = _prefixes(items[1:], KEY)
    except (_Unsupported, re.error, AttributeError, TypeError, ValueError):
        return None
    if not prefixes or () in prefixes:  # it may match the empty string
        return None
    flags = pattern.flags & re.IGNORECASE
    any_char = "(?s:.)"
    first = sorted({p[0] for p in prefixes})
    keys = sorted({"".join(p) + any_char * (KEY - len(p)) for p in prefixes})
    return (re.compile("(?:" + "|".join(first) + ")", flags),
            re.compile("(?:" + "|".join(keys) + ")", flags))


class _Unsupported(Exception):
    """A construct `_prefixes` does not work through."""


_ONE_CHAR = ("LITERAL", "NOT_LITERAL", "IN", "ANY", "CATEGORY")


def _char_class(op, av) -> str:
    """A one-character regex accepting (at least) what the parsed item accepts."""
    if op is _c.LITERAL:
        return re.escape(chr(av))
    if op is _c.IN and all(o in (_c.LITERAL, _c.RANGE) for o, _ in av):
        parts = [_in_class(a) if o is _c.LITERAL else f"{_in_class(a[0])}-{_in_class(a[1])}"
                 for o, a in av]
        return f"[{''.join(parts)}]"
    return "(?s:.)"  # any other one-character item: accept anything


def _in_class(code: int) -> str:
    ch = chr(code)
    return "\\" + ch if ch in "\\]^-[" else ch


def _prefixes(items, n: int) -> set[tuple[str, ...]]:
    """The first `n` characters (as one-character regexes) a match of the parsed `items`
    can begin with; a shorter tuple means the match may end there."""
    result: set[tuple[str, ...]] = {()}
    for op, av in items:
        result = _concat(result, _item_prefixes(op, av, n), n)
    return result


def _item_prefixes(op, av, n: int) -> set[tuple[str, ...]]:
    if str(op) in _ONE_CHAR:
        return {(_char_class(op, av),)}
    if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
        return {()}  # zero width
    if op is _c.BRANCH:
        out: set[tuple[str, ...]] = set()
        for branch in av[1]:
            out |= _prefixes(branch, n)
        return _capped(out)
    if op is _c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            raise _Unsupported(op)
        return _prefixes(sub, n)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, high, sub = av
        if low > 64:
            raise _Unsupported(op)
        once = _prefixes(sub, n)
        out = {()} if low == 0 else set()
        current: set[tuple[str, ...]] = {()}
        # Within n characters, more than max(low, n) repetitions add nothing new.
        for count in range(1, min(high, max(low, n)) + 1):
            current = _concat(current, once, n)
            if count >= low:
                out |= current
        return _capped(out)
    raise _Unsupported(op)


def _concat(heads: set[tuple[str, ...]], tails: set[tuple[str, ...]],
            n: int) -> set[tuple[str, ...]]:
    out = set()
    for head in heads:
        if len(head) >= n:
            out.add(head)
        else:
            out.update((head + tail)[:n] for tail in tails)
    return _capped(out)


def _capped(prefixes: set) -> set:
    if len(prefixes) > _MAX_PREFIXES:
        raise _Unsupported("too many prefixes")
    return prefixes
