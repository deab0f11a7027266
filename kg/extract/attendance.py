"""Who took part in the meetings an article reports.

In news about a meeting most people named took part; the rules find those who did not.
Each mention of a person is read as
- a participation: its sentence does or names a meeting ("réunis", "autour de la table
  figuraient", "a reçu", "à l'issue du sommet") and nothing near the name says otherwise;
- an absence or a background mention: a word of absence next to the name ("X manquait à
  l'appel", "en l'absence de X", "X, représenté par ..."); the name as the topic of another
  noun or action ("la lettre de X", "l'invasion ordonnée par X", "le gouvernement du
  Premier ministre X"); a sentence dated to another time that names no meeting ("Mardi, X
  avait réclamé ..."); an attack or a trial, for a person who holds no post; "selon X";
- neither.
A person attends when one mention is a participation, or when none is an absence or a
background mention and the person holds a post; a person without a post attends only
on a participation.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from . import patterns as P
from .lexicon import countries, cues, fold

PARTICIPATES, ABSENT, NEUTRAL = "participates", "absent", "neutral"


@dataclass(frozen=True)
class Reading:
    """How one mention reads: PARTICIPATES, ABSENT or NEUTRAL, and why."""

    state: str
    why: str = ""


def names_a_meeting(folded_sentence: str, strong: bool = False) -> bool:
    """Whether a sentence (folded) does or names a meeting; `strong`: with a word that
    shows, alone, that a meeting took place ("réunis", "sommet", "a reçu")."""
    weak = P.weak_meeting_forms() if strong else frozenset()
    for m in P.meeting_forms().finditer(folded_sentence):
        at = P.WORD_AT.match(folded_sentence, m.start())  # never None: it matches "" too
        word = at.group() if at else ""
        if word.startswith(("president", "presidence", "presentat", "presentai", "signal",
                            "conseiller", "representant", "rendu compte")):
            continue
        if m.group() in weak:
            continue
        return True
    return False


class Attendance:
    """Reads every person mention of one article (see the module docstring)."""

    def __init__(self, text: str, sents: list[tuple[int, int]], posts: list[tuple[int, int]],
                 holders: set[str]):
        self.text = text
        self.folded = fold(text)
        self.sents = sents
        self.starts = [s for s, _ in sents]
        self.posts = sorted(posts)
        self.post_starts = [s for s, _ in self.posts]
        self.holders = holders
        self._meeting: dict[tuple[tuple[int, int], bool], bool] = {}

    def sentence(self, pos: int) -> tuple[int, int]:
        return self.sents[max(0, bisect_right(self.starts, pos) - 1)]

    def sentence_names_meeting(self, span: tuple[int, int], strong: bool = False) -> bool:
        key = (span, strong)
        if key not in self._meeting:
            s, e = span
            self._meeting[key] = names_a_meeting(self.folded[s:e], strong)
        return self._meeting[key]

    def not_discussed(self, span: tuple[int, int]) -> bool:
        """Whether a sentence says that what it names was not discussed ("la migration ne
        figurait pas au programme")."""
        s, e = span
        return P.cue_phrases("not_discussed").search(self.folded[s:e]) is not None

    def read(self, start: int, end: int, key: str, background: set[tuple[int, int]],
             others: list[tuple[int, int]], former_only: bool = False) -> Reading:
        """How the mention text[start:end] of person `key` reads. `background`: sentences
        dated to another time that name no meeting; `others`: person mentions of the same
        sentence (start, end), to bound the cues."""
        span = self.sentence(start)
        s, e = span
        left = self._left_of(start, s)
        if P.CREDIT_BEFORE.search(self.text, max(0, start - 30), start):
            return Reading(ABSENT, "credit or byline")
        if P.absent_before().search(left) or P.RECIPIENT_BEFORE.search(left):
            return Reading(ABSENT, "absence or topic before")
        after = self._right_of(end, e, others)
        if P.cue_phrases("absent_after").search(after):
            return Reading(ABSENT, "absence after")
        if self._topic(left):
            return Reading(ABSENT, "topic of another noun or action")
        if key not in self.holders and P.cue_phrases("crime").search(self.folded[s:e]):
            return Reading(ABSENT, "attack or trial")
        if span in background:
            return Reading(ABSENT, "another time")
        if P.QUOTED_BEFORE.search(left):
            return Reading(ABSENT, "quoted")
        if self.sentence_names_meeting(span):
            return Reading(PARTICIPATES, "meeting sentence")
        if former_only:  # "le prédécesseur de M. X, alors ministre": only at a meeting of his own
            return Reading(ABSENT, "former post")
        return Reading(NEUTRAL)

    def _left_of(self, start: int, s: int) -> str:
        """The folded text before a name, without the post in apposition before it ("du
        président du Conseil européen, Donald Tusk") or a nationality noun ("l'Espagnol X")."""
        pos = start
        # the posts that start in [s, pos], nearest first (without scanning them all)
        lo, hi = bisect_left(self.post_starts, s), bisect_right(self.post_starts, pos)
        for ps, pe in reversed(self.posts[lo:hi]):
            if pe <= pos and ps >= s and P.POST_TO_NAME.fullmatch(self.text[pe:pos]):
                pos = ps
                break
        left = self.folded[s:pos].rstrip()
        nat = P.NATIONALITY_BEFORE_NAME.search(self.text, max(s, pos - 30), pos)
        if nat and nat.group(1)[0].isupper() and countries().nationality(nat.group(1)):
            left = self.folded[s:nat.start(1)].rstrip()
        return left + " "

    def _right_of(self, end: int, e: int, others: list[tuple[int, int]]) -> str:
        """The folded text after a name up to the next name of the sentence that is not
        coordinated with it ("A, investi le 23 mai, et B, réélu, n'avaient pas été
        conviés"), at most 90 characters past the last name of the list."""
        limit = end + 90
        for os, oe in sorted(o for o in others if o[0] >= end):
            if os >= limit:
                break
            if P.COORDINATED_NAME.search(self.folded[end:os]):
                limit = oe + 90  # coordinated: the predicate comes after both
                continue
            limit = os
            break
        return self.folded[end:min(limit, e)]

    def _topic(self, left: str) -> bool:
        """"la lettre de X", "ordonnée par X": the name is the complement of a noun or a
        participle that is not a meeting's ("à l'invitation de X", "accompagné de X")."""
        m = P.AGENT_BEFORE.search(left)
        if not m:
            return False
        before = left[:m.start()].rstrip()
        clause = P.CLAUSE_BREAK.split(before)[-1]
        words = clause.split()[-5:]
        if not words:
            return False
        allowed = {fold(w) for w in cues()["with_person"]}
        if any(w.strip(",.;:").split("'")[-1] in allowed for w in clause.split()[-8:]):
            return False
        last = words[-1].strip(",.;:")
        determined = len(words) > 1 and words[-2] in ("le", "la", "les", "l'", "un", "une", "son",
                                                     "sa", "ses", "leur", "cette", "ce", "du",
                                                     "des", "au", "aux")
        participle = m.group().startswith("par") and any(
            P.PARTICIPLE_END.search(w) and len(w) > 3
            and not w.isdigit() for w in words[-4:])
        return bool(determined or participle or last.startswith("l'"))
